//! The log of the requests a sandbox received, for tests to inspect. The
//! `sid` header is never recorded.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

/// One request as received.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path after `/api/v1/crm/`, e.g. `Clients/Contacts`; a path outside
    /// the API as it came, e.g. `/favicon.ico`.
    pub path: String,
    /// The query pairs, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// The body: its JSON, or a JSON string with the text of a body that is
    /// not JSON; `None` when empty.
    pub body: Option<serde_json::Value>,
}

/// Keeps the latest requests; the oldest go past this many, so that a
/// long-running training server does not grow without bound.
const CAPACITY: usize = 100_000;

#[derive(Debug, Default)]
pub(crate) struct RequestLog(Mutex<VecDeque<LoggedRequest>>);

impl RequestLog {
    pub(crate) fn push(&self, request: LoggedRequest) {
        let mut log = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if log.len() >= CAPACITY {
            log.pop_front();
        }
        log.push_back(request);
    }

    pub(crate) fn all(&self) -> Vec<LoggedRequest> {
        let log = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        log.iter().cloned().collect()
    }

    pub(crate) fn clear(&self) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

/// The body as the log keeps it.
pub(crate) fn body_value(body: &[u8]) -> Option<serde_json::Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    Some(
        serde_json::from_slice(body)
            .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(body).into())),
    )
}
