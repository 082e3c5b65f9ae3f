//! The envelope around every answer of the CRM.

use serde::{Deserialize, Serialize};

use super::lenient;

/// `{ data, ver, timestamp, status, requestId }` or, on failure,
/// `{ errors, ver, timestamp, status: "Err", requestId }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    #[serde(skip_serializing_if = "Option::is_none", default = "Option::default")]
    pub data: Option<T>,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub ver: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub timestamp: String,
    /// `"Ok"` or `"Err"`.
    #[serde(deserialize_with = "lenient::clean", default)]
    pub status: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub request_id: String,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::list",
        default
    )]
    pub errors: Vec<ErrorItem>,
}

/// One entry of `errors` in an `Err` envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ErrorItem {
    /// `DLW-0005` and the like.
    #[serde(deserialize_with = "lenient::clean", default)]
    pub code: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub text: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub details: String,
}

/// The status of an envelope that carries data.
pub(crate) const STATUS_OK: &str = "Ok";
/// The status of an envelope that carries errors.
pub(crate) const STATUS_ERR: &str = "Err";

/// The DLW codes crmcard itself knows and sends (the sandbox) or reacts to.
pub(crate) mod codes {
    pub(crate) const UNKNOWN: &str = "DLW-0000";
    pub(crate) const SYSTEM_EXCEPTION: &str = "DLW-0001";
    pub(crate) const UNAVAILABLE: &str = "DLW-0004";
    pub(crate) const AUTH: &str = "DLW-0005";
    pub(crate) const NO_LICENCE: &str = "DLW-0006";
    pub(crate) const MISSING_PARAMETERS: &str = "DLW-0007";
    pub(crate) const INTERNAL: &str = "DLW-0010";
    pub(crate) const NOT_IMPLEMENTED: &str = "DLW-0011";
    pub(crate) const AUTH_KEY: &str = "DLW-0012";
    pub(crate) const RESTAURANT_TIMEOUT: &str = "DLW-0015";
}
