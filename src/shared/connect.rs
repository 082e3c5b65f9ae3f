//! One connection to the shared directory: TLS through rustls (the system
//! store plus `sslrootcert`, never unverified), and the connection driven
//! by a task of its own that hands LISTEN's notifications over.

use std::sync::Arc;

use futures_util::future::poll_fn;
use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tokio::sync::mpsc;
use tokio_postgres::AsyncMessage;
use tokio_postgres::config::SslMode;
use tokio_postgres::error::SqlState;

use super::SharedError;
use super::settings::SharedConfig;
use crate::task::OwnedTask;

/// A connected client and what its connection says.
pub struct Session {
    /// The client to run statements on.
    pub client: tokio_postgres::Client,
    /// One `()` per notification received; closed when the connection ends.
    pub notifications: mpsc::UnboundedReceiver<String>,
    /// Drives the connection while the session is held.
    _driver: OwnedTask,
}

/// Connects, with the configured TLS, within `timeout`.
pub async fn connect(
    config: &SharedConfig,
    timeout: std::time::Duration,
) -> Result<Session, SharedError> {
    let tls = tls(config)?;
    let mut pg = config.pg.clone();
    pg.connect_timeout(timeout);
    let (client, mut connection) = pg
        .connect(tls)
        .await
        .map_err(|e| connect_error(&e, config))?;
    let (tx, notifications) = mpsc::unbounded_channel();
    let driver = OwnedTask::spawn(async move {
        while let Some(message) = poll_fn(|cx| connection.poll_message(cx)).await {
            match message {
                Ok(AsyncMessage::Notification(n)) => {
                    if tx.send(n.payload().to_owned()).is_err() {
                        return;
                    }
                }
                Ok(AsyncMessage::Notice(notice)) => {
                    tracing::debug!(notice = %crate::text::sanitize(notice.message()), "shared directory");
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::info!(error = %crate::text::sanitize(&e.to_string()), "shared directory connection ended");
                    return;
                }
            }
        }
    });
    Ok(Session {
        client,
        notifications,
        _driver: driver,
    })
}

/// The rustls connector: the system's roots and `sslrootcert`'s; nothing
/// is read for `sslmode = disable`.
fn tls(config: &SharedConfig) -> Result<tokio_postgres_rustls::MakeRustlsConnect, SharedError> {
    let mut roots = RootCertStore::empty();
    if config.pg.get_ssl_mode() != SslMode::Disable {
        roots = crate::api::tls::system_roots();
        if let Some(path) = &config.sslrootcert {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
                .and_then(|certs| certs.collect::<Result<_, _>>())
                .map_err(|e| SharedError::Tls(format!("sslrootcert {}: {e}", path.display())))?;
            if certs.is_empty() {
                return Err(SharedError::Tls(format!(
                    "sslrootcert {}: no certificate in it",
                    path.display()
                )));
            }
            for cert in certs {
                roots.add(cert).map_err(|e| {
                    SharedError::Tls(format!("sslrootcert {}: {e}", path.display()))
                })?;
            }
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| SharedError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
}

/// A failed connection in words the operator can act on.
fn connect_error(e: &tokio_postgres::Error, config: &SharedConfig) -> SharedError {
    match e.code() {
        Some(code) if *code == SqlState::INVALID_PASSWORD => SharedError::WrongPassword {
            url: config.shown().to_owned(),
        },
        Some(code) if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
            SharedError::WrongPassword {
                url: config.shown().to_owned(),
            }
        }
        _ => SharedError::Unreachable {
            url: config.shown().to_owned(),
            reason: describe(e),
        },
    }
}

/// The error and its causes, one line, cleaned.
pub(crate) fn describe(e: &tokio_postgres::Error) -> String {
    let mut text = match e.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => e.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    crate::text::sanitize(&text)
}
