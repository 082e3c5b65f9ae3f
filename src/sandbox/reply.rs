//! Building answers: the vendor's envelope, its timestamp and request id, and
//! the malformed answers of scripted faults.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::Response;
use serde_json::Value;

use super::error::ApiError;
use super::faults::{Fault, SplitMix64};
use super::handlers::Data;
use crate::api::envelope::{Envelope, ErrorItem, STATUS_ERR, STATUS_OK};

/// The server version the vendor's samples show.
pub(crate) const VERSION: &str = "1.3.0.32";

const JSON: &str = "application/json; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// Makes the `requestId`s: 32 lowercase hex digits, different for every
/// answer.
#[derive(Debug)]
pub(crate) struct RequestIds {
    seed: u64,
    counter: AtomicU64,
}

impl RequestIds {
    pub(crate) fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        RequestIds {
            seed: nanos,
            counter: AtomicU64::new(0),
        }
    }

    fn next(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut rng = SplitMix64(self.seed ^ n.wrapping_mul(0xA076_1D64_78BD_642F));
        format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64())
    }
}

/// An `Ok` envelope around `data`.
pub(crate) fn ok(ids: &RequestIds, data: Data) -> Response {
    let envelope = Envelope {
        data: Some(data),
        ver: VERSION.to_owned(),
        timestamp: timestamp(SystemTime::now()),
        status: STATUS_OK.to_owned(),
        request_id: ids.next(),
        errors: Vec::new(),
    };
    respond(StatusCode::OK, JSON, serialize(&envelope))
}

/// An `Err` envelope with the error, without `data`.
pub(crate) fn err(ids: &RequestIds, e: &ApiError) -> Response {
    respond(e.status, JSON, serialize(&err_envelope(ids, e)))
}

fn err_envelope(ids: &RequestIds, e: &ApiError) -> Envelope<Value> {
    Envelope {
        data: None,
        ver: VERSION.to_owned(),
        timestamp: timestamp(SystemTime::now()),
        status: STATUS_ERR.to_owned(),
        request_id: ids.next(),
        errors: vec![ErrorItem {
            code: e.code.clone(),
            text: e.text.clone(),
            details: e.details.clone(),
        }],
    }
}

/// The answer of a scripted fault (all but `Delay`, which answers normally).
pub(crate) fn fault(ids: &RequestIds, fault: &Fault) -> Response {
    match fault {
        Fault::Http500 => respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            HTML,
            b"<html><head><title>500 Internal Server Error</title></head>\
              <body><h1>500 Internal Server Error</h1></body></html>"
                .to_vec(),
        ),
        Fault::Html => respond(
            StatusCode::OK,
            HTML,
            b"<!DOCTYPE html><html><head><title>Maintenance</title></head>\
              <body><p>The service is under maintenance.</p></body></html>"
                .to_vec(),
        ),
        Fault::Truncated => {
            let mut body = serialize(&Envelope {
                data: Some(serde_json::json!({ "id": "10000000000001", "name": "Обрыв" })),
                ver: VERSION.to_owned(),
                timestamp: timestamp(SystemTime::now()),
                status: STATUS_OK.to_owned(),
                request_id: ids.next(),
                errors: Vec::new(),
            });
            body.truncate(body.len() / 2);
            respond(StatusCode::OK, JSON, body)
        }
        Fault::Empty => respond(StatusCode::OK, JSON, Vec::new()),
        Fault::Err(code) => err(ids, &ApiError::of_code(code)),
        Fault::Delay(_) => err(ids, &ApiError::system("a delay is not an answer")),
    }
}

fn serialize<T: serde::Serialize>(envelope: &Envelope<T>) -> Vec<u8> {
    // Serializing these plain types into memory cannot fail; an empty body
    // would show up in any test.
    serde_json::to_vec(envelope).unwrap_or_default()
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(content_type),
    );
    response
}

/// `YYYY-MM-DDTHH:MM:SS`, UTC.
pub(crate) fn timestamp(t: SystemTime) -> String {
    jiff::Timestamp::try_from(t)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn timestamps_look_like_the_vendors() {
        let t = UNIX_EPOCH + Duration::from_secs(1_581_513_334); // 2020-02-12 13:15:34 UTC
        assert_eq!(timestamp(t), "2020-02-12T13:15:34");
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00:00:00");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(timestamp(leap), "2000-02-29T00:00:00");
    }

    #[test]
    fn request_ids_are_32_hex_and_differ() {
        let ids = RequestIds::new();
        let (a, b) = (ids.next(), ids.next());
        assert_ne!(a, b);
        for id in [a, b] {
            assert_eq!(id.len(), 32);
            assert!(
                id.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
                "{id}"
            );
        }
    }
}
