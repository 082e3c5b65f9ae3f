//! The typed client: how every call to the CRM API is sent.
//!
//! This is the only code that knows URLs, headers and JSON. It sends
//! `objectId` with every call and the `sid` header with every request, retries
//! a GET at most twice on transport errors and 5xx (all tries together within
//! the request timeout), and never retries a write: a POST that timed out may
//! have been carried out.
//!
//! The endpoints themselves, one short method each over [`Client::get`] or
//! [`Client::write`], are in [`super::endpoints`].

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderValue};
use serde::Serialize;

use super::decode::redact;
use super::error::{ApiError, MAX_ANSWER_BYTES};
pub use crate::secret::Sid;
use crate::text::sanitize;

/// How to reach the CRM.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// E.g. `https://dlv.ucs.ru/api/v1/crm/`.
    pub base_url: String,
    pub object_id: String,
    pub sid: Sid,
    pub connect_timeout: Duration,
    /// For a whole request, answer included.
    pub request_timeout: Duration,
    /// The wait before the first retry of a GET; doubled before the second.
    pub retry_backoff: Duration,
    /// How many times a failed GET is tried again (writes never are).
    pub get_retries: u32,
}

impl ClientOptions {
    pub fn new(base_url: impl Into<String>, object_id: impl Into<String>, sid: Sid) -> Self {
        Self {
            base_url: base_url.into(),
            object_id: object_id.into(),
            sid,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(15),
            retry_backoff: Duration::from_millis(300),
            get_retries: 2,
        }
    }
}

/// The CRM API client. Cheap to clone: clones share one connection pool.
///
/// The HTTP stack (and, for an `https` CRM, the root certificates) is built
/// with the first request, in the task that sends it: starting crmcard and
/// drawing its first frame never wait for it.
#[derive(Clone)]
pub struct Client {
    http: Arc<OnceLock<Result<reqwest::Client, ApiError>>>,
    headers: HeaderMap,
    base: String,
    object_id: String,
    options: ClientOptions,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("object_id", &self.object_id)
            .finish_non_exhaustive()
    }
}

/// Joins base URL and path with exactly one `/` between them.
pub fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim().trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

impl Client {
    /// Builds a client. Fails only when the `sid` cannot be sent as a header
    /// or the TLS stack cannot start.
    pub fn new(options: ClientOptions) -> Result<Self, ApiError> {
        let mut sid =
            HeaderValue::from_str(options.sid.expose()).map_err(|_| ApiError::Connect {
                message: "the sid contains characters that cannot be sent".to_owned(),
            })?;
        sid.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert("sid", sid);
        Ok(Self {
            http: Arc::new(OnceLock::new()),
            headers,
            base: options.base_url.trim().to_owned(),
            object_id: options.object_id.trim().to_owned(),
            options,
        })
    }

    /// The HTTP client, built on first use (see the type's notes).
    fn http(&self) -> Result<&reqwest::Client, ApiError> {
        self.http
            .get_or_init(|| self.build_http())
            .as_ref()
            .map_err(Clone::clone)
    }

    fn build_http(&self) -> Result<reqwest::Client, ApiError> {
        let started = Instant::now();
        // The ring provider is compiled in; installing it twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let https = self
            .base
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
        let tls = if https {
            super::tls::https_config()
        } else {
            super::tls::no_roots_config()
        }
        .map_err(|message| ApiError::Connect {
            message: sanitize(&message),
        })?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .default_headers(self.headers.clone())
            .connect_timeout(self.options.connect_timeout)
            .timeout(self.options.request_timeout)
            .user_agent(concat!("crmcard/", env!("CARGO_PKG_VERSION")))
            // Every retry is ours (GETs only, see `get`): reqwest's own, which
            // would resend writes too, is off.
            .retry(reqwest::retry::never())
            .build()
            .map_err(|e| ApiError::Connect {
                message: describe(&e),
            })?;
        tracing::debug!(
            https,
            elapsed_us = started.elapsed().as_micros(),
            "HTTP client ready"
        );
        Ok(http)
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub fn object_id(&self) -> &str {
        &self.object_id
    }

    // ---------------------------------------------------------- plumbing

    /// A GET, tried again at most `get_retries` times on transient errors,
    /// all within the request timeout: the operator waits at most that long
    /// for a read, retries included.
    pub(super) async fn get<T, const N: usize>(
        &self,
        route: &Route<N>,
        values: [&str; N],
        decoder: Decoder<T>,
    ) -> Result<T, ApiError> {
        let (path, query) = (route.path, route.query(values));
        let query = query.as_slice();
        let budget = self.options.request_timeout;
        let started = Instant::now();
        let mut attempt = 0;
        let tries = async {
            loop {
                match self.send(Method::GET, path, query, NO_BODY, decoder).await {
                    Err(e) if e.is_transient() && attempt < self.options.get_retries => {
                        let wait = self.options.retry_backoff * 2u32.pow(attempt);
                        if started.elapsed() + wait >= budget {
                            return Err(e);
                        }
                        attempt += 1;
                        tracing::info!(path, attempt, error = %e, "GET failed, retrying");
                        tokio::time::sleep(wait).await;
                    }
                    result => return result,
                }
            }
        };
        match tokio::time::timeout(budget, tries).await {
            Ok(result) => result,
            Err(_) => {
                tracing::info!(path, attempt, "GET gave up: no answer within the timeout");
                Err(self.timeout(false))
            }
        }
    }

    /// A POST, PUT or DELETE: sent once, never retried.
    pub(super) async fn write<T, B: Serialize, const N: usize>(
        &self,
        method: Method,
        route: &Route<N>,
        values: [&str; N],
        body: Option<&B>,
        decoder: Decoder<T>,
    ) -> Result<T, ApiError> {
        let query = route.query(values);
        self.send(method, route.path, &query, body, decoder).await
    }

    async fn send<T, B: Serialize>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        decoder: Decoder<T>,
    ) -> Result<T, ApiError> {
        let started = Instant::now();
        let result = async {
            let write = method != Method::GET;
            let mut request = self
                .http()?
                .request(method.clone(), join_url(&self.base, path))
                .query(query)
                .query(&[("objectId", self.object_id.as_str())]);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = request
                .send()
                .await
                .map_err(|e| self.transport(&e, write))?;
            let status = response.status().as_u16();
            let bytes = self.read_body(response, write).await?;
            Ok::<_, ApiError>((status, bytes))
        }
        .await;
        let elapsed_ms = started.elapsed().as_millis();
        let secret = self.options.sid.expose();
        match result {
            Ok((status, bytes)) => {
                tracing::debug!(%method, path, status, elapsed_ms, bytes = bytes.len(), "answer");
                // A server that echoes the sid has it replaced before anything
                // (an excerpt, a detail, a log line) is made of its text.
                let decoded = match redact(&bytes, secret) {
                    Some(clean) => decoder(status, &clean),
                    None => decoder(status, &bytes),
                };
                decoded.map_err(|e| e.redact(secret))
            }
            Err(e) => {
                let e = e.redact(secret);
                tracing::info!(%method, path, elapsed_ms, error = %e, "request failed");
                Err(e)
            }
        }
    }

    /// The body, up to [`MAX_ANSWER_BYTES`]; a longer one is refused as soon
    /// as it is known to be longer, without reading the rest.
    async fn read_body(
        &self,
        mut response: reqwest::Response,
        write: bool,
    ) -> Result<Vec<u8>, ApiError> {
        let too_large = ApiError::TooLarge {
            limit_bytes: MAX_ANSWER_BYTES,
        };
        let announced = response.content_length().unwrap_or(0);
        if usize::try_from(announced).map_or(true, |n| n > MAX_ANSWER_BYTES) {
            return Err(too_large);
        }
        let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport(&e, write))?
        {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn transport(&self, e: &reqwest::Error, write: bool) -> ApiError {
        if e.is_timeout() {
            self.timeout(write)
        } else if is_certificate_error(e) {
            ApiError::Certificate {
                message: describe(e),
            }
        } else if e.is_connect() {
            ApiError::Connect {
                message: describe(e),
            }
        } else {
            ApiError::Transport {
                message: describe(e),
            }
        }
    }

    fn timeout(&self, write: bool) -> ApiError {
        ApiError::Timeout {
            seconds: self.options.request_timeout.as_secs().max(1),
            write,
        }
    }
}

/// Whether rustls refused the server's certificate somewhere in the causes
/// of `e`. rustls's error travels inside an `io::Error` (whose `source`
/// skips it: it is looked up with `get_ref`) and layers of boxed errors that
/// do not always let it be reached, so its words are the fallback.
fn is_certificate_error(e: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        let text = err.to_string();
        if text.contains("invalid peer certificate") || text.contains("peer sent no certificates") {
            return true;
        }
        let rustls_error = err.downcast_ref::<rustls::Error>().or_else(|| {
            err.downcast_ref::<std::io::Error>()
                .and_then(std::io::Error::get_ref)
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if matches!(
            rustls_error,
            Some(
                rustls::Error::InvalidCertificate(_)
                    | rustls::Error::NoCertificatesPresented
                    | rustls::Error::InvalidCertRevocationList(_)
            )
        ) {
            return true;
        }
        source = err.source();
    }
    false
}

/// A call without a body.
pub(super) const NO_BODY: Option<&()> = None;

/// Turns an answer's status and body into the call's result.
pub(super) type Decoder<T> = fn(u16, &[u8]) -> Result<T, ApiError>;

/// Where an endpoint is: its path and the names of its query parameters,
/// whose values a call gives in the same order (`objectId` is added to
/// every call).
pub(super) struct Route<const N: usize> {
    path: &'static str,
    params: [&'static str; N],
}

impl<const N: usize> Route<N> {
    pub(super) const fn new(path: &'static str, params: [&'static str; N]) -> Self {
        Self { path, params }
    }

    /// The query of a call with these `values`.
    fn query<'v>(&self, values: [&'v str; N]) -> [(&'static str, &'v str); N] {
        std::array::from_fn(|i| (self.params[i], values[i]))
    }
}

/// A reqwest error with its causes, without the URL (the query is ours, but
/// a base URL may carry credentials).
fn describe(e: &reqwest::Error) -> String {
    let mut text = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        let part = if text.is_empty() {
            e.to_string()
                .split(" for url (")
                .next()
                .unwrap_or_default()
                .to_owned()
        } else {
            err.to_string()
        };
        if !text.contains(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
        source = err.source();
    }
    sanitize(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_with_exactly_one_slash() {
        let want = "http://h/api/v1/crm/Clients/Contacts";
        assert_eq!(join_url("http://h/api/v1/crm/", "Clients/Contacts"), want);
        assert_eq!(join_url("http://h/api/v1/crm/", "/Clients/Contacts"), want);
        assert_eq!(join_url("http://h/api/v1/crm", "/Clients/Contacts"), want);
        assert_eq!(
            join_url("http://h/api/v1/crm//", "//Clients/Contacts"),
            want
        );
    }

    #[test]
    fn sid_is_hidden_from_debug() {
        let options = ClientOptions::new("http://h/", "1", Sid::new("s3cr3t-key"));
        assert!(!format!("{options:?}").contains("s3cr3t"));
        let client = Client::new(options).expect("client");
        assert!(!format!("{client:?}").contains("s3cr3t"));
    }

    #[test]
    fn sid_with_newline_is_refused_without_echo() {
        let options = ClientOptions::new("http://h/", "1", Sid::new("bad\nkey"));
        let err = Client::new(options).expect_err("must refuse");
        assert!(!err.to_string().contains("bad"));
    }
}
