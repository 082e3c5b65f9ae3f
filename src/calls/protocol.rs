//! The call socket's protocol: JSON Lines, one request and one answer per
//! connection.
//!
//! ```text
//! → {"v":1,"cmd":"call","number":"89161234567","source":"microsip"}
//! ← {"ok":true}
//! ← {"ok":false,"error":"unknown command \"dial\""}
//! ```
//!
//! `source` is optional. A line longer than [`MAX_LINE`] bytes is refused.
//! Everything taken from a request is cleaned of control characters.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The protocol version this crmcard speaks.
pub const VERSION: u64 = 1;
/// The longest request line accepted, newline excluded.
pub const MAX_LINE: usize = 4096;
/// The longest `source` kept, in characters.
const MAX_SOURCE: usize = 64;
/// How many digits a phone number may have, at least and at most.
pub const DIGITS: std::ops::RangeInclusive<usize> = 3..=20;

/// A request understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The phone rings with this number; `source` names the sender.
    Call { number: String, source: String },
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
    pub fn to_line(&self) -> String {
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

/// A `call` request as one line, newline included.
pub fn call_line(number: &str, source: &str) -> String {
    let mut line = serde_json::json!({
        "v": VERSION,
        "cmd": "call",
        "number": number,
        "source": source,
    })
    .to_string();
    line.push('\n');
    line
}

/// Understands one request line (without its newline, though a trailing
/// `\r\n` is tolerated). `Err` is the reason to answer with.
pub fn parse_request(line: &[u8]) -> Result<Request, String> {
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
    if cmd != "call" {
        return Err(format!("unknown command {:?}", clip(cmd)));
    }
    let number = match fields.get("number") {
        Some(Value::String(n)) => crate::text::sanitize(n).trim().to_owned(),
        _ => return Err("missing \"number\"".to_owned()),
    };
    check_number(&number)?;
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
    Ok(Request::Call { number, source })
}

/// A loose check of a phone number as typed or sent: digits with optional
/// `+ ( ) -` and spaces, 3 to 20 digits. `Err` says what is wrong.
pub fn check_number(number: &str) -> Result<(), String> {
    if let Some(c) = number
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | ' ')))
    {
        return Err(format!(
            "bad number: {c:?} is not allowed in a phone number"
        ));
    }
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if !DIGITS.contains(&digits) {
        return Err(format!(
            "bad number: {digits} digits (a phone number has {} to {})",
            DIGITS.start(),
            DIGITS.end()
        ));
    }
    Ok(())
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
        }
    }

    #[test]
    fn the_line_the_client_sends_is_understood() {
        let line = call_line("+7 (916) 123-45-67", "microsip");
        assert!(line.ends_with('\n') && !line.trim_end().contains('\n'));
        assert_eq!(
            parse_request(line.as_bytes()),
            Ok(call("+7 (916) 123-45-67", "microsip"))
        );
    }

    #[test]
    fn the_documented_request_is_understood() {
        let line = br#"{"v":1,"cmd":"call","number":"89161234567","source":"microsip"}"#;
        assert_eq!(parse_request(line), Ok(call("89161234567", "microsip")));
        let crlf = b"{\"v\":1,\"cmd\":\"call\",\"number\":\"123\"}\r\n";
        assert_eq!(parse_request(crlf), Ok(call("123", "unknown")));
    }

    #[test]
    fn bad_requests_get_a_reason() {
        let cases: [(&[u8], &str); 9] = [
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
            (br#"{"v":1,"cmd":"call"}"#, "missing \"number\""),
            (br#"{"v":1,"cmd":"call","number":"12"}"#, "2 digits"),
            (
                br#"{"v":1,"cmd":"call","number":"123","source":5}"#,
                "must be a string",
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
    }

    #[test]
    fn numbers_are_checked_loosely() {
        for good in [
            "123",
            "89161234567",
            "+7 (916) 123-45-67",
            "12345678901234567890",
        ] {
            assert_eq!(check_number(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "12",
            "abc",
            "123456789012345678901",
            "+7 916 123 45 67 ext 5",
            "12;rm",
        ] {
            assert!(check_number(bad).is_err(), "{bad}");
        }
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
