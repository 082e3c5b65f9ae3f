//! What can be wrong with the config: warnings (the program goes on) and
//! errors (no connection). None of them ever holds the key.

use std::path::PathBuf;

/// Something wrong in the config file that did not stop the program.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigWarning {
    /// The file could not be read or is not valid TOML: defaults are used.
    #[error("{} cannot be used ({reason}); using the defaults", path.display())]
    Broken {
        /// The config file.
        path: PathBuf,
        /// Why (the parser's message and position; never the key).
        reason: String,
    },
    /// A file holding the key can be read by other users.
    #[error("{} holds the sid but other users can read it; run chmod 600 on it", path.display())]
    SidReadableByOthers {
        /// The config file or the sid file.
        path: PathBuf,
    },
    /// `[calls.ami] secret_file` can be read by other users.
    #[error("{} holds the AMI secret but other users can read it; run chmod 600 on it", path.display())]
    AmiSecretReadableByOthers { path: PathBuf },
    /// Keys this version does not know (typos?), as dotted paths.
    #[error("unknown keys ignored: {}", keys.join(", "))]
    UnknownKeys {
        /// E.g. `timeouts.conect_seconds`.
        keys: Vec<String>,
    },
    /// A value of the wrong type, ignored.
    #[error("{key} ignored: expected {expected}")]
    InvalidValue {
        /// The dotted key.
        key: String,
        /// What it should be, e.g. "a string".
        expected: &'static str,
    },
    /// `[calls.ami]` has a `secret` key: ignored, never read.
    #[error(
        "calls.ami.secret ignored: the AMI secret goes in secret_file or CRMCARD_AMI_SECRET, never in the config file"
    )]
    AmiSecretInFile,
    /// `[calls.ami]` cannot be read: no AMI link.
    #[error("[calls.ami] ignored: {reason}")]
    AmiInvalid {
        /// The parser's words (never the secret: it is removed first).
        reason: String,
    },
    /// `language` is neither "ru" nor "en".
    #[error("language {value:?} is not known (use \"ru\" or \"en\")")]
    UnknownLanguage {
        /// The value in the file.
        value: String,
    },
    /// A timeout of zero or over [`MAX_TIMEOUT_SECONDS`](super::MAX_TIMEOUT_SECONDS).
    #[error("{key} = {value} is out of range; using {used}")]
    TimeoutClamped {
        /// The dotted key.
        key: String,
        /// The value in the file.
        value: i64,
        /// The value used instead.
        used: u64,
    },
}

/// Why no connection could be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A profile that the config file does not have.
    #[error("no profile {name:?} in the config file (known: {})", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownProfile {
        /// The profile asked for.
        name: String,
        /// The profiles the config file has.
        known: Vec<String>,
    },
    /// Neither `--base-url` nor the profile gives a base URL.
    #[error("no base URL: use --base-url or base_url in a profile")]
    MissingBaseUrl,
    /// The profile gives a setting the connection needs, with a value of the
    /// wrong type (`base_url = 17`).
    #[error("{key} in the config file must be {expected}")]
    WrongType {
        /// The dotted key, e.g. `profiles.main.base_url`.
        key: String,
        /// What it should be, e.g. "a string".
        expected: &'static str,
    },
    /// Neither `--object-id` nor the profile gives an object id.
    #[error("no object id: use --object-id or object_id in a profile")]
    MissingObjectId,
    /// The base URL is not http(s).
    #[error("the base URL {url:?} must start with http:// or https://")]
    BadBaseUrl {
        /// The URL given.
        url: String,
    },
    /// The object id is not a number.
    #[error("the object id {value:?} must be digits only")]
    BadObjectId {
        /// The value given.
        value: String,
    },
    /// The profile's `sid_file` cannot be read.
    #[error("cannot read the sid file {}: {reason}", path.display())]
    SidFile {
        /// The sid file.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// The profile's `sid_file` is empty.
    #[error("the sid file {} is empty", path.display())]
    SidFileEmpty {
        /// The sid file.
        path: PathBuf,
    },
    /// No key anywhere.
    #[error("no sid: set CRMCARD_SID, or sid_file or sid in a profile")]
    MissingSid,
}
