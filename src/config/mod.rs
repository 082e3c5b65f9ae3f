//! The config file, the platform directories, and how a connection is chosen.
//!
//! The config file is TOML, at `$XDG_CONFIG_HOME/crmcard/config.toml` on
//! Linux (see [`Paths`]); every part of it is optional:
//!
//! ```toml
//! language = "ru"            # "ru" or "en"; default: LANG ru_* → ru, else en
//! default_profile = "main"   # optional
//!
//! [timeouts]
//! connect_seconds = 5        # default 5; 1 to 600
//! request_seconds = 15       # default 15; 1 to 600
//!
//! [profiles.main]
//! base_url = "https://dlv.ucs.ru/api/v1/crm/"
//! object_id = "123"
//! sid_file = "/home/op/.config/crmcard/sid"   # a file holding only the key; or:
//! # sid = "..."
//!
//! [phone]
//! city_code = "495"          # completes 7-digit city numbers; optional
//!
//! [defaults]                 # what a new client's forms start with, by name
//! country = "Россия"
//! city = "Москва"
//! contact_type = "Телефон мобильный"
//! address_type = "Домашний"
//!
//! [ui]
//! copy = true                # false: the copy key does not use OSC 52
//!
//! [directory]              # a shared directory on PostgreSQL (src/shared/settings.rs)
//! url = "postgres://crmcard@db.host/callcenter"
//! password_file = "~/.config/crmcard/db-password"   # or CRMCARD_DB_PASSWORD
//!
//! [desk]
//! name = "пульт 3"           # default: the host name
//!
//! [keymap]                   # optional overrides: action name -> list of keys
//! "card.reload" = ["F5", "Ctrl-R"]
//! ```
//!
//! A file that cannot be read or parsed gives the defaults and a warning; so do
//! values of the wrong type (each ignored with a warning) and unknown keys
//! (listed in a warning, so that a typo is noticed). A `sid` written in the file
//! itself, or a `sid_file`, that the group or others can read is warned about:
//! `chmod 600` it. `sid_file` may start with `~/`.
//!
//! The connection ([`resolve`]) takes each setting from the command line
//! first, then from the profile; the key comes from the environment variable
//! `CRMCARD_SID`, then the profile's `sid_file`, then its `sid` — never from
//! the command line. No error or warning here ever contains the key.

mod errors;
mod load;
mod paths;
mod reader;
mod redact;
mod resolve;
mod types;

pub use errors::{ConfigError, ConfigWarning};
pub use load::load_chosen;
pub use paths::Paths;
pub use resolve::{resolve, resolve_crm};
pub use types::{
    Config, Connection, FormDefaults, LoadedConfig, Profile, Timeouts, normalize_language,
};

/// The environment variable holding the CRM access key.
pub const SID_ENV: &str = "CRMCARD_SID";
/// The longest timeout accepted, in seconds.
pub const MAX_TIMEOUT_SECONDS: u64 = 600;

#[cfg(test)]
mod tests;
