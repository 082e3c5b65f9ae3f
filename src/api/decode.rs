//! Turning an HTTP answer into data or a typed error.
//!
//! Pure functions, so that every hostile body can be tested without a server.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::envelope::{Envelope, STATUS_ERR, STATUS_OK};
use super::error::{ApiError, CrmError, EXCERPT_CHARS};
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
    serde_json::from_value(data).map_err(|e| {
        let reason = format!("unexpected data: {e}");
        malformed(status, &reason, &String::from_utf8_lossy(body))
    })
}

/// The `data` of an `Ok` envelope (`None` when absent or `null`), or the
/// error the answer stands for.
fn envelope_data(status: u16, body: &[u8]) -> Result<Option<Value>, ApiError> {
    let success = (200..300).contains(&status);
    let text = String::from_utf8_lossy(body);
    if text.trim().is_empty() {
        return Err(if success {
            malformed(status, "empty body", &text)
        } else {
            ApiError::HttpStatus {
                status,
                excerpt: String::new(),
            }
        });
    }
    let envelope: Envelope<Value> = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(e) if !success => {
            tracing::debug!(status, error = %e, "error status without an envelope");
            return Err(ApiError::HttpStatus {
                status,
                excerpt: excerpt(&text, EXCERPT_CHARS),
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
            return Err(malformed(status, &reason, &text));
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
            excerpt: excerpt(&text, EXCERPT_CHARS),
        });
    }
    if !envelope.status.eq_ignore_ascii_case(STATUS_OK) {
        let reason = format!("unknown status {:?}", excerpt(&envelope.status, 20));
        return Err(malformed(status, &reason, &text));
    }
    Ok(envelope.data.filter(|d| !d.is_null()))
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
    let text = || String::from_utf8_lossy(body);
    let data = match envelope_data(status, body)? {
        Some(Value::Object(map)) if map.is_empty() => return Err(ApiError::NotFound),
        Some(data) => data,
        None => return Err(ApiError::NotFound),
    };
    if !data.is_object() {
        return Err(malformed(
            status,
            "the client card is not an object",
            &text(),
        ));
    }
    let card: ClientCard = serde_json::from_value(data)
        .map_err(|e| malformed(status, &format!("unexpected data: {e}"), &text()))?;
    if card.id.trim().is_empty() {
        return Err(malformed(status, "a client card without an id", &text()));
    }
    Ok(card)
}
