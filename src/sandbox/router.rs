//! The HTTP side: every request goes through one handler that logs it,
//! applies faults, checks `sid` and `objectId`, serves the cache, and hands
//! the call to [`handlers`]. Taking the raw request (no axum extractors)
//! means that no request ever gets axum's plain-text rejections.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{Query, Request, State};
use axum::response::Response;

use super::SandboxConfig;
use super::cache::Cache;
use super::error::ApiError;
use super::faults::{Decision, FaultState};
use super::handlers::{self, Call, Endpoint};
use super::log::{LoggedRequest, RequestLog, body_value};
use super::reply::{self, RequestIds};
use super::store::Store;

/// The path every endpoint is under.
pub(crate) const PREFIX: &str = "/api/v1/crm/";

/// Bodies larger than this are refused (the API's are a few hundred bytes).
const MAX_BODY: usize = 1 << 20;

/// Everything a running sandbox shares between its requests and its owner.
#[derive(Debug)]
pub(crate) struct Shared {
    pub config: SandboxConfig,
    pub store: Store,
    pub cache: Cache,
    pub faults: Mutex<FaultState>,
    pub log: RequestLog,
    pub ids: RequestIds,
}

impl Shared {
    pub(crate) fn new(config: SandboxConfig, store: Store) -> Self {
        Shared {
            cache: Cache::new(config.cache_ttl),
            faults: Mutex::new(FaultState::new(config.faults)),
            log: RequestLog::default(),
            ids: RequestIds::new(),
            store,
            config,
        }
    }

    pub(crate) fn faults(&self) -> std::sync::MutexGuard<'_, FaultState> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(serve).with_state(shared)
}

/// Logs the request, reads its body, and hands the rest to [`respond`] in a
/// task of its own: a client that gives up (a timeout, a closed connection)
/// makes hyper drop this future, but not the task, so a write that was
/// received is carried out all the same, as a real server would.
async fn serve(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, MAX_BODY).await;
    let method = parts.method.as_str().to_owned();
    let query = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map(|q| q.0);
    let full_path = parts.uri.path();
    let path = full_path.strip_prefix(PREFIX).unwrap_or(full_path);
    shared.log.push(LoggedRequest {
        method: method.clone(),
        path: path.to_owned(),
        query: query.as_ref().map(Clone::clone).unwrap_or_default(),
        body: body.as_ref().ok().and_then(|b| body_value(b)),
    });

    let (latency, decision) = shared.faults().next();
    let task = tokio::spawn({
        let shared = Arc::clone(&shared);
        async move {
            if latency > Duration::ZERO {
                tokio::time::sleep(latency).await;
            }
            let ids = &shared.ids;
            let delay = match decision {
                Decision::Proceed(delay) => delay,
                Decision::Fail(fault) => return reply::fault(ids, &fault),
                Decision::Random => return reply::err(ids, &ApiError::random_fault()),
            };
            // Carried out (and cached) first; only the answer is late.
            // SQLite work blocks: it runs off the async workers, which the
            // TUI shares in --demo.
            let store = Arc::clone(&shared);
            let response =
                tokio::task::spawn_blocking(move || respond(&store, &parts, &method, query, body))
                    .await
                    .unwrap_or_else(|e| {
                        reply::err(
                            &shared.ids,
                            &ApiError::system(format!("the request's task failed: {e}")),
                        )
                    });
            if delay > Duration::ZERO {
                tokio::time::sleep(delay).await;
            }
            response
        }
    });
    task.await.unwrap_or_else(|e| {
        reply::err(
            &shared.ids,
            &ApiError::system(format!("the request's task failed: {e}")),
        )
    })
}

/// One request past the faults: checks, the cache, the handler.
fn respond(
    shared: &Shared,
    parts: &axum::http::request::Parts,
    method: &str,
    query: Result<Vec<(String, String)>, axum::extract::rejection::QueryRejection>,
    body: Result<axum::body::Bytes, axum::Error>,
) -> Response {
    let ids = &shared.ids;
    let full_path = parts.uri.path();
    let api_path = full_path.strip_prefix(PREFIX);
    let path = api_path.unwrap_or(full_path);
    let Some(endpoint) = api_path.and_then(Endpoint::from_path) else {
        return reply::err(ids, &ApiError::unknown_path(method, full_path));
    };
    let Ok(query) = query else {
        return reply::err(ids, &ApiError::bad("Malformed query string"));
    };
    let Ok(body) = body else {
        return reply::err(ids, &ApiError::bad("The body is unreadable or too large"));
    };
    if let Err(e) = check_access(&shared.config, &parts.headers, &query) {
        return reply::err(ids, &e);
    }

    let cache_key = parts
        .uri
        .path_and_query()
        .map_or(full_path, |pq| pq.as_str());
    let is_get = method == "GET";
    if is_get && let Some(data) = shared.cache.get(cache_key) {
        return reply::ok(ids, data);
    }
    let call = Call {
        endpoint,
        method,
        path,
        query: &query,
        body: &body,
        client_delete: shared.config.client_delete,
    };
    match handlers::handle(&shared.store, &call) {
        Ok(data) => {
            if is_get {
                shared.cache.put(cache_key, &data);
            }
            reply::ok(ids, data)
        }
        Err(e) => reply::err(ids, &e),
    }
}

/// `sid` (DLW-0005) first, then `objectId` (missing: DLW-0007; another
/// object's: DLW-0006).
fn check_access(
    config: &SandboxConfig,
    headers: &axum::http::HeaderMap,
    query: &[(String, String)],
) -> Result<(), ApiError> {
    let sid = headers.get("sid").map(|v| v.as_bytes());
    if sid != Some(config.sid.as_bytes()) {
        return Err(ApiError::auth());
    }
    match query.iter().find(|(k, _)| k == "objectId") {
        None => Err(ApiError::missing("objectId")),
        Some((_, v)) if v.trim().is_empty() => Err(ApiError::missing("objectId")),
        Some((_, v)) if *v != config.object_id => Err(ApiError::no_licence(v)),
        Some(_) => Ok(()),
    }
}
