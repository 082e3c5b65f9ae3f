//! Turning an HTTP answer into data or a typed error.
//!
//! Pure functions, so that every hostile body can be tested without a server.
//! The envelope is read first with its `data` left as raw JSON text (a
//! borrowed slice of the body, no copy, no `serde_json::Value` tree); only an
//! `Ok` answer's `data` is then decoded, straight into the typed model.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::envelope::{Envelope, STATUS_ERR, STATUS_OK};
use super::error::{ApiError, CrmError, EXCERPT_CHARS, REDACTED};
use super::model::ClientCard;
use crate::text::excerpt;

/// Decodes the body of an answer with HTTP status `status` into `T`.
pub fn decode<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, ApiError> {
    let data = envelope_data(status, body)?.ok_or_else(|| {
        malformed(
            status,
            "no data in the answer",
            &String::from_utf8_lossy(body),
        )
    })?;
    typed(status, data, body)
}

/// `data` decoded into `T`, or a malformed-answer error.
fn typed<T: DeserializeOwned>(status: u16, data: &RawValue, body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_str(data.get()).map_err(|e| {
        let reason = format!("unexpected data: {e}");
        malformed(status, &reason, &String::from_utf8_lossy(body))
    })
}

/// The `data` of an `Ok` envelope (`None` when absent or `null`), or the
/// error the answer stands for.
fn envelope_data(status: u16, body: &[u8]) -> Result<Option<&RawValue>, ApiError> {
    let success = (200..300).contains(&status);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(if success {
            malformed(status, "empty body", "")
        } else {
            ApiError::HttpStatus {
                status,
                excerpt: String::new(),
            }
        });
    }
    let text = || String::from_utf8_lossy(body);
    let envelope: Envelope<&RawValue> = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(e) if !success => {
            tracing::debug!(status, error = %e, "error status without an envelope");
            return Err(ApiError::HttpStatus {
                status,
                excerpt: excerpt(&text(), EXCERPT_CHARS),
            });
        }
        Err(e) => {
            let reason = if e.is_eof() {
                "the answer is cut off".to_owned()
            } else if e.is_syntax() {
                "not JSON".to_owned()
            } else {
                format!("not the CRM's envelope: {e}")
            };
            return Err(malformed(status, &reason, &text()));
        }
    };
    if envelope.status.eq_ignore_ascii_case(STATUS_ERR) || !envelope.errors.is_empty() {
        return Err(ApiError::Crm(CrmError {
            errors: envelope.errors,
            request_id: envelope.request_id,
            http_status: status,
        }));
    }
    if !success {
        return Err(ApiError::HttpStatus {
            status,
            excerpt: excerpt(&text(), EXCERPT_CHARS),
        });
    }
    if !envelope.status.eq_ignore_ascii_case(STATUS_OK) {
        let reason = format!("unknown status {:?}", excerpt(&envelope.status, 20));
        return Err(malformed(status, &reason, &text()));
    }
    // `Option<&RawValue>` reads `null` as `None` already.
    Ok(envelope.data)
}

fn malformed(status: u16, reason: &str, body: &str) -> ApiError {
    ApiError::Malformed {
        status,
        // Parser messages quote the data they choke on.
        reason: excerpt(reason, EXCERPT_CHARS),
        excerpt: excerpt(body, EXCERPT_CHARS),
    }
}

/// Decodes a client card. An `Ok` answer with no card (`data` absent, `null`
/// or `{}`) means there is no such client; a card without an id or a list
/// where a card should be is malformed, not an empty client.
pub fn decode_card(status: u16, body: &[u8]) -> Result<ClientCard, ApiError> {
    let Some(data) = envelope_data(status, body)? else {
        return Err(ApiError::NotFound);
    };
    let raw = data.get().trim();
    let Some(inside) = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) else {
        return Err(malformed(
            status,
            "the client card is not an object",
            &String::from_utf8_lossy(body),
        ));
    };
    if inside.trim().is_empty() {
        return Err(ApiError::NotFound);
    }
    let card: ClientCard = typed(status, data, body)?;
    if card.id.trim().is_empty() {
        return Err(malformed(
            status,
            "a client card without an id",
            &String::from_utf8_lossy(body),
        ));
    }
    Ok(card)
}

/// Replaces every occurrence of `secret` in `body` with `<sid>`, so that a
/// server (or a proxy) that echoes the key in its error text, its details or
/// an HTML page cannot carry it into a message, an excerpt or a log. Returns
/// `None` when the body does not hold it (the usual case: no copy).
///
/// Secrets shorter than four characters are not searched for: they would
/// match ordinary text, and are no secret anyway.
pub(crate) fn redact(body: &[u8], secret: &str) -> Option<Vec<u8>> {
    if secret.len() < 4 {
        return None;
    }
    let needle = secret.as_bytes();
    let text = std::str::from_utf8(body).ok();
    let found = match text {
        Some(text) => text.contains(secret),
        None => body.windows(needle.len()).any(|w| w == needle),
    };
    if !found {
        return None;
    }
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with(needle) {
            out.extend_from_slice(REDACTED.as_bytes());
            rest = &rest[needle.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    Some(out)
}
