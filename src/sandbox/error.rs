//! The sandbox's errors: [`SandboxError`] for starting it, [`ApiError`] for
//! the `Err` envelopes it answers with.
//!
//! The real server's HTTP statuses and codes for most failures are unknown;
//! these are the sandbox's guesses, chosen so that a client that only looks
//! at `status: "Err"` works with either:
//!
//! | failure | HTTP | code |
//! |---|---|---|
//! | missing or wrong `sid` header | 401 | DLW-0005 |
//! | wrong `objectId` | 403 | DLW-0006 |
//! | missing `objectId` or required parameter, malformed or wrong-shaped body, invalid field, unknown id referenced in a body | 400 | DLW-0007 |
//! | unknown id in the query (client, contact, address, city, street, country) | 404 | DLW-0010 |
//! | write refused: read-only address, city or street still in use | 409 | DLW-0010 |
//! | `DELETE Clients` switched off | 501 | DLW-0011 |
//! | unknown path | 404 | DLW-0000 |
//! | known path, method not in the API | 405 | DLW-0000 |
//! | random fault (`error_rate`), database failure | 500 | DLW-0001 |

use axum::http::StatusCode;

use crate::api::envelope::codes;

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("sandbox database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("sandbox seed {file}, line {line}: {message}")]
    Seed {
        file: &'static str,
        line: usize,
        message: String,
    },
    #[error("sandbox cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("sandbox: {0}")]
    Io(#[from] std::io::Error),
}

/// An answer with an `Err` envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub text: String,
    pub details: String,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        code: &str,
        text: impl Into<String>,
        details: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code: code.to_owned(),
            text: text.into(),
            details: details.into(),
        }
    }

    /// The `Err` envelope of a code alone, with the vendor's meaning as text
    /// (used by the scripted `Fault::Err`).
    pub(crate) fn of_code(code: &str) -> Self {
        let (status, text) = match code {
            codes::UNKNOWN => (StatusCode::INTERNAL_SERVER_ERROR, "Unknown error"),
            codes::SYSTEM_EXCEPTION => (StatusCode::INTERNAL_SERVER_ERROR, "System exception"),
            codes::UNAVAILABLE => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Service temporarily unavailable",
            ),
            codes::AUTH | codes::AUTH_KEY => (StatusCode::UNAUTHORIZED, "Authentication error"),
            codes::NO_LICENCE => (StatusCode::FORBIDDEN, "No active licence for the object"),
            codes::MISSING_PARAMETERS => (StatusCode::BAD_REQUEST, "Not enough parameters"),
            codes::INTERNAL => (StatusCode::INTERNAL_SERVER_ERROR, "Internal error"),
            codes::NOT_IMPLEMENTED => (StatusCode::NOT_IMPLEMENTED, "Not implemented"),
            codes::RESTAURANT_TIMEOUT => (
                StatusCode::GATEWAY_TIMEOUT,
                "Timeout waiting for the restaurant's server",
            ),
            _ => (StatusCode::INTERNAL_SERVER_ERROR, "Error"),
        };
        ApiError::new(status, code, text, "")
    }

    pub(crate) fn auth() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            codes::AUTH,
            "Authentication error",
            "The sid header is missing or wrong",
        )
    }

    pub(crate) fn no_licence(object_id: &str) -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            codes::NO_LICENCE,
            "No active licence for the object",
            format!("objectId={object_id}"),
        )
    }

    pub(crate) fn missing(param: &str) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::MISSING_PARAMETERS,
            "Not enough parameters",
            format!("The query parameter {param} is required"),
        )
    }

    /// A malformed body or an invalid field.
    pub(crate) fn bad(details: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::MISSING_PARAMETERS,
            "Invalid parameters",
            details,
        )
    }

    /// An unknown id in the query: `not_found("Client", "123")`.
    pub(crate) fn not_found(what: &str, id: &str) -> Self {
        ApiError::missing_row(format!("{what} {id} not found"))
    }

    /// An unknown id in the query, in words.
    pub(crate) fn missing_row(text: String) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, codes::INTERNAL, text, "")
    }

    /// A write the data does not allow.
    pub(crate) fn conflict(text: impl Into<String>) -> Self {
        ApiError::new(StatusCode::CONFLICT, codes::INTERNAL, text, "")
    }

    pub(crate) fn not_implemented(details: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            codes::NOT_IMPLEMENTED,
            "Not implemented",
            details,
        )
    }

    pub(crate) fn unknown_path(method: &str, path: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::UNKNOWN,
            "Unknown method",
            format!("No endpoint {method} {path}"),
        )
    }

    pub(crate) fn method_not_allowed(method: &str, path: &str) -> Self {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            codes::UNKNOWN,
            "Method not allowed",
            format!("{path} does not answer {method}"),
        )
    }

    /// The sandbox's own failure (a database error, say).
    pub(crate) fn system(details: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::SYSTEM_EXCEPTION,
            "System exception",
            details,
        )
    }

    pub(crate) fn random_fault() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::SYSTEM_EXCEPTION,
            "System exception",
            "Injected fault (error_rate)",
        )
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::system(e.to_string())
    }
}
