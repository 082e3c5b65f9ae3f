//! The one error type of the API client.
//!
//! Every failure of a call becomes one of these variants, never a panic. No
//! variant ever carries the `sid`: the key travels in a header, and URLs in
//! messages are reduced to their path.

use std::fmt;

use super::envelope::{ErrorItem, codes};
use crate::text::sanitize;

/// How many characters of an unreadable body an error keeps.
pub(crate) const EXCERPT_CHARS: usize = 160;

/// The largest answer crmcard reads (after decompression): 16 MiB. A real
/// card is a few kilobytes and a big city's 5,000 streets half a megabyte;
/// the 100,000-street stress case of the benches is 9 MB.
pub(crate) const MAX_ANSWER_BYTES: usize = 16 << 20;

/// What stands in a server's text where it echoed the sid.
pub(crate) const REDACTED: &str = "<sid>";

/// A failed API call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The CRM answered with `status: "Err"`.
    #[error("{0}")]
    Crm(CrmError),
    /// No connection could be made (refused, DNS, TLS other than the
    /// certificate).
    #[error("cannot connect to the CRM: {message}")]
    Connect { message: String },
    /// The CRM's certificate is not trusted (an unknown CA, a wrong name, an
    /// expired certificate): a matter of trust, not of the network.
    #[error("the CRM's certificate is not trusted: {message}")]
    Certificate { message: String },
    /// An answer larger than crmcard reads ([`MAX_ANSWER_BYTES`]); no real
    /// card or dictionary comes near it.
    #[error("the CRM's answer is larger than {limit_bytes} bytes and was not read")]
    TooLarge { limit_bytes: usize },
    /// The CRM did not answer in time. `write`: the request was a write,
    /// which the CRM may still have carried out.
    #[error("the CRM did not answer within {seconds} s")]
    Timeout { seconds: u64, write: bool },
    /// The connection broke while sending or receiving.
    #[error("network error: {message}")]
    Transport { message: String },
    /// The CRM answered `Ok` without a record: there is no such client.
    #[error("the CRM has no such record")]
    NotFound,
    /// An HTTP error status without a CRM error envelope.
    #[error("the CRM answered HTTP {status}: {excerpt}")]
    HttpStatus { status: u16, excerpt: String },
    /// A body that is not the CRM's envelope: HTML, truncated or empty JSON,
    /// or data of the wrong shape.
    #[error("the CRM's answer cannot be read ({reason}): {excerpt}")]
    Malformed {
        status: u16,
        reason: String,
        excerpt: String,
    },
}

/// The contents of an `Err` envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrmError {
    pub errors: Vec<ErrorItem>,
    /// For support: the CRM's id of the failed request.
    pub request_id: String,
    pub http_status: u16,
}

impl CrmError {
    /// The first DLW code, or "" when the server sent none.
    pub fn code(&self) -> &str {
        self.errors.first().map_or("", |e| e.code.as_str())
    }

    /// Whether any of the errors has this DLW code.
    pub(crate) fn has_code(&self, code: &str) -> bool {
        self.errors.iter().any(|e| e.code == code)
    }
}

impl fmt::Display for CrmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errors.is_empty() {
            write!(f, "the CRM reported an error without details")?;
        }
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            // Server text, cleaned: this goes into logs and messages.
            write!(f, "{} {}", sanitize(&e.code), sanitize(&e.text))?;
            if !e.details.is_empty() {
                write!(f, " ({})", sanitize(&e.details))?;
            }
        }
        if !self.request_id.is_empty() {
            write!(f, " [requestId {}]", sanitize(&self.request_id))?;
        }
        Ok(())
    }
}

impl ApiError {
    /// Whether a GET may be tried again: transport failures and 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Connect { .. } | Self::Timeout { .. } | Self::Transport { .. } => true,
            Self::HttpStatus { status, .. } => *status >= 500,
            Self::Crm(e) => e.http_status >= 500,
            Self::Malformed { .. }
            | Self::NotFound
            | Self::Certificate { .. }
            | Self::TooLarge { .. } => false,
        }
    }

    /// The CRM error, if the server answered with one.
    pub fn crm(&self) -> Option<&CrmError> {
        match self {
            Self::Crm(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the CRM refused the `sid` (DLW-0005 or DLW-0012).
    pub fn is_auth(&self) -> bool {
        self.crm()
            .is_some_and(|e| e.has_code(codes::AUTH) || e.has_code(codes::AUTH_KEY))
    }

    /// Whether the CRM does not implement the call (DLW-0011).
    pub fn is_not_implemented(&self) -> bool {
        self.crm()
            .is_some_and(|e| e.has_code(codes::NOT_IMPLEMENTED))
    }

    /// This error with every occurrence of `secret` in its texts replaced by
    /// `<sid>` (see [`super::decode::redact`]).
    pub(crate) fn redact(self, secret: &str) -> Self {
        if secret.len() < 4 {
            return self;
        }
        let r = |s: String| {
            if s.contains(secret) {
                s.replace(secret, REDACTED)
            } else {
                s
            }
        };
        match self {
            Self::Crm(mut e) => {
                for item in &mut e.errors {
                    item.code = r(std::mem::take(&mut item.code));
                    item.text = r(std::mem::take(&mut item.text));
                    item.details = r(std::mem::take(&mut item.details));
                }
                e.request_id = r(e.request_id);
                Self::Crm(e)
            }
            Self::Connect { message } => Self::Connect {
                message: r(message),
            },
            Self::Certificate { message } => Self::Certificate {
                message: r(message),
            },
            Self::Transport { message } => Self::Transport {
                message: r(message),
            },
            Self::HttpStatus { status, excerpt } => Self::HttpStatus {
                status,
                excerpt: r(excerpt),
            },
            Self::Malformed {
                status,
                reason,
                excerpt,
            } => Self::Malformed {
                status,
                reason: r(reason),
                excerpt: r(excerpt),
            },
            other @ (Self::Timeout { .. } | Self::NotFound | Self::TooLarge { .. }) => other,
        }
    }

    /// The requestId to give support, when there is one.
    pub fn request_id(&self) -> Option<&str> {
        self.crm()
            .map(|e| e.request_id.as_str())
            .filter(|id| !id.is_empty())
    }
}

/// What a known DLW code means to an operator: `(Russian, English)`.
pub fn dlw_meaning(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        codes::UNKNOWN => (
            "Неизвестная ошибка CRM. Повторите; если не проходит, сообщите в поддержку.",
            "Unknown CRM error. Try again; if it persists, tell support.",
        ),
        codes::SYSTEM_EXCEPTION => (
            "Сбой на сервере CRM. Повторите позже или сообщите в поддержку.",
            "The CRM server failed. Try again later or tell support.",
        ),
        codes::UNAVAILABLE => (
            "Сервис CRM временно недоступен. Повторите через минуту.",
            "The CRM service is temporarily unavailable. Try again in a minute.",
        ),
        codes::AUTH | codes::AUTH_KEY => (
            "CRM не принимает ключ доступа (sid). Проверьте настройки или обратитесь к администратору.",
            "The CRM rejects the access key (sid). Check the settings or ask your administrator.",
        ),
        codes::NO_LICENCE => (
            "Для этого ресторана нет действующей лицензии CRM.",
            "There is no active CRM licence for this restaurant.",
        ),
        codes::MISSING_PARAMETERS => (
            "CRM сообщает, что в запросе не хватает данных.",
            "The CRM says the request lacks parameters.",
        ),
        codes::INTERNAL => (
            "Внутренняя ошибка CRM. Повторите позже или сообщите в поддержку.",
            "Internal CRM error. Try again later or tell support.",
        ),
        codes::NOT_IMPLEMENTED => (
            "Эта версия CRM не умеет выполнять такое действие.",
            "This version of the CRM cannot do that.",
        ),
        codes::RESTAURANT_TIMEOUT => (
            "Сервер ресторана не ответил вовремя. Повторите через минуту.",
            "The restaurant's server did not answer in time. Try again in a minute.",
        ),
        _ => return None,
    })
}
