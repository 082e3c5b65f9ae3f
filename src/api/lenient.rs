//! Tolerant decoding of the CRM's values.
//!
//! The server sends ids as strings, but some versions send numbers; `null`
//! turns up where a string is expected, and empty strings stand for missing
//! values. These deserializers accept all of that instead of failing the
//! whole card over one field.
//!
//! They read the value straight from the parser (no `serde_json::Value` in
//! between, except for the rare array or object where a scalar belongs).
//! The `clean*` ones also strip control characters and escape sequences
//! ([`crate::text::sanitize`]): every string of an answer is cleaned here,
//! once, so that no later layer has to. The plain ones keep the text as it
//! is: they read request bodies (the sandbox's side), not answers.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::text::{sanitize, sanitize_multiline};

/// A string field: accepts a string, a number, a boolean or `null` (as "").
/// An array or object is kept as its JSON text.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(Text)
}

/// A string field of an answer, cleaned of control characters (line breaks
/// become spaces).
pub fn clean<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = string(d)?;
    Ok(if needs_cleaning(&s) { sanitize(&s) } else { s })
}

/// Like [`clean`], but keeps line breaks (multi-line notes).
pub(crate) fn clean_multiline<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = string(d)?;
    Ok(if needs_cleaning(&s) {
        sanitize_multiline(&s)
    } else {
        s
    })
}

/// Whether `s` holds anything [`sanitize`] would change: the common, clean
/// case is kept without a copy.
fn needs_cleaning(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// An optional string of an answer, cleaned like [`clean`].
pub(crate) fn opt_clean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = clean(d)?;
    Ok(if s.is_empty() { None } else { Some(s) })
}

/// A boolean: accepts `true`/`false`, 0/1, "true"/"false"/"1"/"0", `null` (false).
pub(crate) fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match d.deserialize_any(Scalar)? {
        Read::Bool(b) => b,
        Read::Int(n) => n != 0,
        Read::Float(f) => f != 0.0,
        Read::Text(s) => matches!(s.trim().to_lowercase().as_str(), "true" | "1" | "yes"),
        Read::Nothing => false,
    })
}

/// A number that may not be readable: a JSON number or a numeric string
/// (`,` or `.` as decimal separator) is a value, `null` or a missing field
/// is 0, and anything else (`"abc"`, `true`, an infinite number) is
/// [`Reading::Unreadable`] with the server's text, cleaned.
pub fn reading<'de, D: Deserializer<'de>>(d: D) -> Result<Reading<f64>, D::Error> {
    Ok(match d.deserialize_any(Scalar)? {
        Read::Int(n) => Reading::Value(n as f64),
        Read::Float(f) if f.is_finite() => Reading::Value(f),
        Read::Float(f) => Reading::Unreadable(f.to_string()),
        Read::Text(s) => match s.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() => Reading::Value(v),
            _ => Reading::Unreadable(sanitize(&s)),
        },
        Read::Nothing => Reading::Value(0.0),
        Read::Bool(b) => Reading::Unreadable(b.to_string()),
    })
}

/// An integer: accepts a JSON number or a numeric string; anything else is 0.
pub(crate) fn integer<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(match d.deserialize_any(Scalar)? {
        Read::Int(n) => i64::try_from(n).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX }),
        Read::Float(f) => f as i64,
        Read::Text(s) => s.trim().parse().unwrap_or(0),
        Read::Bool(_) | Read::Nothing => 0,
    })
}

/// A list: `null` becomes an empty list.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A value the server sent, or its text when it could not be read: never a
/// plausible stand-in such as 0.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reading<T> {
    Value(T),
    /// What the server sent instead, cleaned of control characters.
    Unreadable(String),
}

impl<T: Default> Default for Reading<T> {
    fn default() -> Self {
        Self::Value(T::default())
    }
}

#[cfg(test)]
impl<T: Copy> Reading<T> {
    /// The value, or `None` when it could not be read.
    pub fn value(&self) -> Option<T> {
        match self {
            Self::Value(v) => Some(*v),
            Self::Unreadable(_) => None,
        }
    }
}

impl<T: Serialize> Serialize for Reading<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(v) => v.serialize(s),
            Self::Unreadable(text) => text.serialize(s),
        }
    }
}

/// A scalar as the parser gave it.
enum Read {
    Bool(bool),
    Int(i128),
    Float(f64),
    Text(String),
    /// `null`, or an array or object where a scalar belongs.
    Nothing,
}

struct Scalar;

impl<'de> Visitor<'de> for Scalar {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Read, E> {
        Ok(Read::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Read, E> {
        Ok(Read::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Read, E> {
        Ok(Read::Int(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Read, E> {
        Ok(Read::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Read, E> {
        Ok(Read::Text(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Read, E> {
        Ok(Read::Text(v))
    }
    fn visit_unit<E>(self) -> Result<Read, E> {
        Ok(Read::Nothing)
    }
    fn visit_none<E>(self) -> Result<Read, E> {
        Ok(Read::Nothing)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read, A::Error> {
        de::IgnoredAny::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Read::Nothing)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Read, A::Error> {
        de::IgnoredAny::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Read::Nothing)
    }
}

/// Any JSON value as text: strings as they are, numbers and booleans
/// written out, `null` as "", arrays and objects as their JSON.
struct Text;

impl<'de> Visitor<'de> for Text {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        // As serde_json writes it ("1e+20", not twenty-one digits).
        Ok(serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_unit<E>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_none<E>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<String, A::Error> {
        let v = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(v.to_string())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        let v = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "string", default)]
        raw: String,
        #[serde(deserialize_with = "clean", default)]
        clean: String,
        #[serde(deserialize_with = "clean_multiline", default)]
        note: String,
        #[serde(deserialize_with = "reading", default)]
        amount: Reading<f64>,
        #[serde(deserialize_with = "integer", default)]
        integer: i64,
        #[serde(deserialize_with = "boolean", default)]
        flag: bool,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).expect("lenient")
    }

    #[test]
    fn strings_of_every_shape() {
        assert_eq!(probe(r#"{"raw": 12}"#).raw, "12");
        assert_eq!(probe(r#"{"raw": 1.5}"#).raw, "1.5");
        assert_eq!(probe(r#"{"raw": 1e20}"#).raw, "1e+20");
        assert_eq!(probe(r#"{"raw": true}"#).raw, "true");
        assert_eq!(probe(r#"{"raw": null}"#).raw, "");
        assert_eq!(probe(r#"{"raw": [1, "a"]}"#).raw, r#"[1,"a"]"#);
        assert_eq!(probe(r#"{"raw": {"k": 1}}"#).raw, r#"{"k":1}"#);
        assert_eq!(probe(r#"{"raw": "a\u001b[2Jb"}"#).raw, "a\u{1b}[2Jb");
    }

    #[test]
    fn answers_are_cleaned_once_at_decode() {
        let p = probe(r#"{"clean": "a\u001b]0;pwned\u0007b\nc", "note": "x\u001b[31m\ny"}"#);
        assert_eq!(p.clean, "ab c");
        assert_eq!(p.note, "x\ny");
    }

    #[test]
    fn unreadable_numbers_keep_their_text() {
        assert_eq!(
            probe(r#"{"amount": "1234,5"}"#).amount,
            Reading::Value(1234.5)
        );
        assert_eq!(probe(r#"{"amount": 7}"#).amount, Reading::Value(7.0));
        assert_eq!(probe(r#"{"amount": null}"#).amount, Reading::Value(0.0));
        assert_eq!(probe("{}").amount, Reading::Value(0.0));
        assert_eq!(
            probe(r#"{"amount": "abc"}"#).amount,
            Reading::Unreadable("abc".to_owned())
        );
        assert_eq!(
            probe(r#"{"amount": "1e999"}"#).amount,
            Reading::Unreadable("1e999".to_owned())
        );
        assert_eq!(
            probe(r#"{"amount": true}"#).amount,
            Reading::Unreadable("true".to_owned())
        );
        assert_eq!(probe(r#"{"amount": "abc"}"#).amount.value(), None);
    }

    #[test]
    fn numbers_integers_and_flags() {
        assert_eq!(probe(r#"{"amount": "2,5"}"#).amount.value(), Some(2.5));
        assert_eq!(probe(r#"{"integer": "7"}"#).integer, 7);
        assert_eq!(probe(r#"{"integer": 7.9}"#).integer, 7);
        assert_eq!(probe(r#"{"integer": [1]}"#).integer, 0);
        assert!(probe(r#"{"flag": 1}"#).flag);
        assert!(probe(r#"{"flag": "Yes"}"#).flag);
        assert!(!probe(r#"{"flag": {"a": 1}}"#).flag);
    }
}
