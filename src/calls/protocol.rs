//! The call socket's protocol: JSON Lines, one request and one answer per
//! connection.
//!
//! ```text
//! → {"v":1,"cmd":"call","number":"89161234567","source":"microsip","call_id":"a1"}
//! → {"v":1,"cmd":"answered","call_id":"a1"}
//! → {"v":1,"cmd":"ended","call_id":"a1"}
//! ← {"ok":true}
//! ← {"ok":false,"error":"unknown command \"dial\""}
//! ```
//!
//! A `call` is a call whatever its `number` says: a number, a hidden one
//! (`anonymous`, empty, missing) or text crmcard does not understand; the
//! app classifies it ([`crate::calls::number::CallerNumber`]). `source` and
//! `call_id` are optional. A line longer than [`MAX_LINE`] bytes is refused.
//! Everything taken from a request is cleaned of control characters.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::number;

/// The protocol version this crmcard speaks.
pub const VERSION: u64 = 1;
/// The longest request line accepted, newline excluded.
pub(crate) const MAX_LINE: usize = 4096;
/// The longest `source` kept, in characters.
const MAX_SOURCE: usize = 64;
/// The longest call id accepted, in characters.
pub(crate) const MAX_CALL_ID: usize = 128;

/// A request understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The phone rings with this number (as received, cleaned); `source`
    /// names the sender; `call_id`, when given, is named again by a later
    /// `answered` or `ended`.
    Call {
        number: String,
        source: String,
        call_id: Option<String>,
    },
    /// The call `call_id` was answered (by this desk's phone).
    Answered { call_id: String },
    /// The call `call_id` ended.
    Ended { call_id: String },
}

impl Request {
    /// The request as one line, newline included.
    pub(crate) fn to_line(&self) -> String {
        let value = match self {
            Self::Call {
                number,
                source,
                call_id,
            } => {
                let mut value = serde_json::json!({
                    "v": VERSION,
                    "cmd": "call",
                    "number": number,
                    "source": source,
                });
                if let Some(id) = call_id {
                    value["call_id"] = Value::from(id.as_str());
                }
                value
            }
            Self::Answered { call_id } => {
                serde_json::json!({"v": VERSION, "cmd": "answered", "call_id": call_id})
            }
            Self::Ended { call_id } => {
                serde_json::json!({"v": VERSION, "cmd": "ended", "call_id": call_id})
            }
        };
        let mut line = value.to_string();
        line.push('\n');
        line
    }
}

/// The answer to a request, one JSON line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Answer {
    pub fn ok() -> Self {
        Self {
            ok: true,
            error: None,
        }
    }

    pub fn error(reason: impl Into<String>) -> Self {
        Self {
            ok: false,
            error: Some(reason.into()),
        }
    }

    /// The answer as one line, newline included.
    pub(crate) fn to_line(&self) -> String {
        let mut line = serde_json::to_string(self)
            .unwrap_or_else(|_| r#"{"ok":false,"error":"internal"}"#.to_owned());
        line.push('\n');
        line
    }

    /// Reads an answer line; `Err` describes why it cannot be understood.
    pub fn parse(line: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(trim_line(line))
            .map_err(|_| "an answer crmcard does not understand".to_owned())
    }
}

type Fields = serde_json::Map<String, Value>;

/// Understands one request line (without its newline, though a trailing
/// `\r\n` is tolerated). `Err` is the reason to answer with.
pub(crate) fn parse_request(line: &[u8]) -> Result<Request, String> {
    if line.len() > MAX_LINE {
        return Err(format!("line too long (over {MAX_LINE} bytes)"));
    }
    let value: Value =
        serde_json::from_slice(trim_line(line)).map_err(|_| "bad JSON".to_owned())?;
    let Value::Object(fields) = value else {
        return Err("a request must be a JSON object".to_owned());
    };
    match fields.get("v") {
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
        Some(other) => return Err(format!("unsupported version {}", clip(&other.to_string()))),
        None => return Err("missing \"v\" (the protocol version)".to_owned()),
    }
    let cmd = match fields.get("cmd") {
        Some(Value::String(cmd)) => cmd.as_str(),
        _ => return Err("missing \"cmd\"".to_owned()),
    };
    match cmd {
        "call" => parse_call(&fields),
        "answered" => Ok(Request::Answered {
            call_id: call_id(&fields)?.ok_or("missing \"call_id\"")?,
        }),
        "ended" => Ok(Request::Ended {
            call_id: call_id(&fields)?.ok_or("missing \"call_id\"")?,
        }),
        other => Err(format!("unknown command {:?}", clip(other))),
    }
}

fn parse_call(fields: &Fields) -> Result<Request, String> {
    // A hidden number may come as nothing at all: still a call.
    let number = match fields.get("number") {
        Some(Value::String(n)) => number::received(n),
        Some(Value::Number(n)) => number::received(&n.to_string()),
        None | Some(Value::Null) => String::new(),
        Some(_) => return Err("\"number\" must be a string".to_owned()),
    };
    let source = match fields.get("source") {
        Some(Value::String(s)) => crate::text::sanitize(s)
            .trim()
            .chars()
            .take(MAX_SOURCE)
            .collect(),
        None | Some(Value::Null) => String::new(),
        Some(_) => return Err("\"source\" must be a string".to_owned()),
    };
    let source = if source.is_empty() {
        "unknown".to_owned()
    } else {
        source
    };
    Ok(Request::Call {
        number,
        source,
        call_id: call_id(fields)?,
    })
}

/// The optional `call_id`: a non-empty string of at most [`MAX_CALL_ID`]
/// characters, cleaned.
fn call_id(fields: &Fields) -> Result<Option<String>, String> {
    match fields.get("call_id") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(id)) => check_call_id(id).map(Some),
        Some(_) => Err("\"call_id\" must be a string".to_owned()),
    }
}

/// A call id as sent or given on the command line: cleaned, not empty, at
/// most [`MAX_CALL_ID`] characters. `Err` says what is wrong.
pub(crate) fn check_call_id(id: &str) -> Result<String, String> {
    let id = crate::text::sanitize(id).trim().to_owned();
    if id.is_empty() {
        return Err("empty call id".to_owned());
    }
    if id.chars().count() > MAX_CALL_ID {
        return Err(format!("call id too long (over {MAX_CALL_ID} characters)"));
    }
    Ok(id)
}

fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Echoed text is cleaned and kept short.
fn clip(s: &str) -> String {
    crate::text::sanitize(s).chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(number: &str, source: &str) -> Request {
        Request::Call {
            number: number.to_owned(),
            source: source.to_owned(),
            call_id: None,
        }
    }

    #[test]
    fn the_lines_the_client_sends_are_understood() {
        let with_id = Request::Call {
            number: "+7 (916) 123-45-67".into(),
            source: "microsip".into(),
            call_id: Some("a1".into()),
        };
        for request in [
            call("+7 (916) 123-45-67", "microsip"),
            with_id,
            Request::Answered {
                call_id: "a1".into(),
            },
            Request::Ended {
                call_id: "a1".into(),
            },
        ] {
            let line = request.to_line();
            assert!(line.ends_with('\n') && !line.trim_end().contains('\n'));
            assert_eq!(parse_request(line.as_bytes()), Ok(request));
        }
    }

    #[test]
    fn the_documented_requests_are_understood() {
        let line = br#"{"v":1,"cmd":"call","number":"89161234567","source":"microsip"}"#;
        assert_eq!(parse_request(line), Ok(call("89161234567", "microsip")));
        let crlf = b"{\"v\":1,\"cmd\":\"call\",\"number\":\"123\"}\r\n";
        assert_eq!(parse_request(crlf), Ok(call("123", "unknown")));
        let ended = br#"{"v":1,"cmd":"ended","call_id":"1700.4"}"#;
        assert_eq!(
            parse_request(ended),
            Ok(Request::Ended {
                call_id: "1700.4".into()
            })
        );
    }

    #[test]
    fn hidden_and_odd_numbers_are_calls() {
        for (line, number) in [
            (
                &br#"{"v":1,"cmd":"call","number":"anonymous"}"#[..],
                "anonymous",
            ),
            (br#"{"v":1,"cmd":"call","number":""}"#, ""),
            (br#"{"v":1,"cmd":"call"}"#, ""),
            (br#"{"v":1,"cmd":"call","number":null}"#, ""),
            (
                br#"{"v":1,"cmd":"call","number":"sip:89998887766@pbx"}"#,
                "sip:89998887766@pbx",
            ),
            (br#"{"v":1,"cmd":"call","number":"12"}"#, "12"),
            (
                br#"{"v":1,"cmd":"call","number":89161234567}"#,
                "89161234567",
            ),
        ] {
            assert_eq!(
                parse_request(line),
                Ok(call(number, "unknown")),
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn bad_requests_get_a_reason() {
        let cases: [(&[u8], &str); 10] = [
            (b"not json", "bad JSON"),
            (b"[1,2]", "a request must be a JSON object"),
            (br#"{"cmd":"call","number":"123"}"#, "missing \"v\""),
            (
                br#"{"v":2,"cmd":"call","number":"123"}"#,
                "unsupported version 2",
            ),
            (
                br#"{"v":"1","cmd":"call","number":"123"}"#,
                "unsupported version",
            ),
            (
                br#"{"v":1,"cmd":"dial","number":"123"}"#,
                "unknown command \"dial\"",
            ),
            (br#"{"v":1,"cmd":"call","number":[1]}"#, "must be a string"),
            (
                br#"{"v":1,"cmd":"call","number":"123","source":5}"#,
                "must be a string",
            ),
            (br#"{"v":1,"cmd":"ended"}"#, "missing \"call_id\""),
            (
                br#"{"v":1,"cmd":"answered","call_id":" "}"#,
                "empty call id",
            ),
        ];
        for (line, want) in cases {
            let got = parse_request(line).expect_err("refused");
            assert!(
                got.contains(want),
                "{:?}: {got}",
                String::from_utf8_lossy(line)
            );
        }
        let long = format!(
            r#"{{"v":1,"cmd":"ended","call_id":"{}"}}"#,
            "x".repeat(MAX_CALL_ID + 1)
        );
        assert!(
            parse_request(long.as_bytes())
                .expect_err("refused")
                .contains("too long")
        );
    }

    #[test]
    fn a_long_line_is_refused_before_parsing() {
        let line = vec![b' '; MAX_LINE + 1];
        assert!(
            parse_request(&line)
                .expect_err("refused")
                .contains("too long")
        );
    }

    #[test]
    fn control_characters_are_removed_from_what_is_kept_and_echoed() {
        let line = br#"{"v":1,"cmd":"call","number":"123\u001b[2J","source":"sip\u0007phone"}"#;
        // The escape sequence goes, leaving a valid number.
        assert_eq!(parse_request(line), Ok(call("123", "sipphone")));
        let echoed =
            parse_request(br#"{"v":1,"cmd":"x\u001b]0;pwned\u0007"}"#).expect_err("refused");
        assert!(!echoed.chars().any(char::is_control), "{echoed:?}");
        let id = br#"{"v":1,"cmd":"ended","call_id":"a\u001b[2Jb"}"#;
        assert_eq!(
            parse_request(id),
            Ok(Request::Ended {
                call_id: "ab".into()
            })
        );
    }

    #[test]
    fn answers_round_trip() {
        assert_eq!(Answer::ok().to_line(), "{\"ok\":true}\n");
        let refused = Answer::error("busy");
        assert_eq!(refused.to_line(), "{\"ok\":false,\"error\":\"busy\"}\n");
        assert_eq!(Answer::parse(refused.to_line().as_bytes()), Ok(refused));
        assert!(Answer::parse(b"HTTP/1.1 400").is_err());
    }
}
