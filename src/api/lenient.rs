//! Tolerant decoding of the CRM's values.
//!
//! The server sends ids as strings, but some versions send numbers; `null`
//! turns up where a string is expected, and empty strings stand for missing
//! values. These deserializers accept all of that instead of failing the
//! whole card over one field.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string field: accepts a string, a number, a boolean or `null` (as "").
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    })
}

/// An optional string: `null`, a missing field and "" all become `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = string(d)?;
    Ok(if s.is_empty() { None } else { Some(s) })
}

/// A boolean: accepts `true`/`false`, 0/1, "true"/"false"/"1"/"0", `null` (false).
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => b,
        Value::Number(n) => n.as_f64().is_some_and(|v| v != 0.0),
        Value::String(s) => matches!(s.trim().to_lowercase().as_str(), "true" | "1" | "yes"),
        _ => false,
    })
}

/// A number: accepts a JSON number or a numeric string (with `,` or `.` as
/// decimal separator); anything else is 0.
pub fn number<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_f64().unwrap_or(0.0),
        Value::String(s) => s.trim().replace(',', ".").parse().unwrap_or(0.0),
        _ => 0.0,
    })
}

/// An integer: accepts a JSON number or a numeric string; anything else is 0.
pub fn integer<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .unwrap_or(0),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
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
