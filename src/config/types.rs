//! What the config file says, and the connection chosen from it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::ConfigWarning;
use crate::calls::ami_config::AmiSettings;
use crate::calls::dial::{DialCommand, DialFormat};
use crate::secret::Sid;
use crate::shared::DirectorySettings;

/// The settings of the config file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// `"ru"` or `"en"` when the file sets a valid one.
    pub language: Option<String>,
    /// The profile used when the command line names none.
    pub default_profile: Option<String>,
    /// Network timeouts.
    pub timeouts: Timeouts,
    /// Named connections.
    pub profiles: BTreeMap<String, Profile>,
    /// Action name → keys, overriding the default keymap.
    pub keymap: BTreeMap<String, Vec<String>>,
    /// `[phone] city_code`: completes seven-digit city numbers.
    pub city_code: Option<String>,
    /// `[calls.ami]`: the Asterisk manager interface (the secret is read
    /// later, by [`AmiSettings::resolve`]).
    pub calls_ami: Option<AmiSettings>,
    /// `[calls] keep_days`: how many days the call log keeps (none: the
    /// default, `crate::calllog::DEFAULT_KEEP_DAYS`; 0 keeps no log).
    pub calls_keep_days: Option<u32>,
    /// `[calls] desk`: this desk's name in the call log (none: the host's).
    pub calls_desk: Option<String>,
    /// `[calls] dial_command`: the softphone's command for calling back.
    pub dial_command: Option<DialCommand>,
    /// `[calls] dial_format`: how the number is written for dialling.
    pub dial_format: Option<DialFormat>,
    /// `[defaults]`: what a new client's address and contacts start with.
    pub defaults: FormDefaults,
    /// `[ui] copy`: whether the copy key may write to the clipboard (OSC 52).
    pub copy: Option<bool>,
    /// `[directory]`: the shared directory on PostgreSQL, for every profile.
    pub directory: Option<DirectorySettings>,
    /// `[desk]`: who this desk is, for the other desks.
    pub desk: DeskSettings,
}

/// `[desk]`: the desk's name (default: the host name) and its operator
/// (default: user@host), shown to other desks.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskSettings {
    pub name: Option<String>,
    pub operator: Option<String>,
}

/// `[defaults]`: names of dictionary entries a new client's forms start
/// with (`country = "Россия"`, `city = "Москва"`, `contact_type =
/// "Телефон мобильный"`), matched by name when the lists arrive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormDefaults {
    pub country: Option<String>,
    pub city: Option<String>,
    pub contact_type: Option<String>,
    /// A new address's type (`address_type = "Домашний"`).
    pub address_type: Option<String>,
}

impl FormDefaults {
    /// These defaults, with `other`'s where these say nothing.
    pub fn or(self, other: Self) -> Self {
        Self {
            country: self.country.or(other.country),
            city: self.city.or(other.city),
            contact_type: self.contact_type.or(other.contact_type),
            address_type: self.address_type.or(other.address_type),
        }
    }
}

/// Network timeouts, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For establishing a connection.
    pub connect_seconds: u64,
    /// For a whole request, answer included.
    pub request_seconds: u64,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect_seconds: 5,
            request_seconds: 15,
        }
    }
}

/// One named connection of the config file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// The CRM's API base URL.
    pub base_url: Option<String>,
    /// The restaurant's object number.
    pub object_id: Option<String>,
    /// The access key written in the config file itself.
    pub sid: Option<Sid>,
    /// A file holding only the access key.
    pub sid_file: Option<PathBuf>,
    /// `[profiles.NAME.directory]`: overrides `[directory]` key by key.
    pub directory: Option<DirectorySettings>,
    /// Settings the file gives with a value of the wrong type (`base_url =
    /// 17`): the setting's name and what it should be. They count as unset,
    /// but a connection that needs one names it rather than saying it is
    /// missing.
    pub wrong_types: BTreeMap<String, &'static str>,
}

/// The config read from a file, and what was wrong with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadedConfig {
    /// The settings (defaults where the file says nothing usable).
    pub config: Config,
    /// What the operator should be told.
    pub warnings: Vec<ConfigWarning>,
}

/// Everything needed to talk to the CRM.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// The API base URL.
    pub base_url: String,
    /// The restaurant's object number.
    pub object_id: String,
    /// The access key.
    pub sid: Sid,
    /// The profile used, if any.
    pub profile: Option<String>,
    /// Network timeouts.
    pub timeouts: Timeouts,
}

/// `"ru"` or `"en"` for a language name given by the operator (any case),
/// `None` for anything else.
pub fn normalize_language(value: &str) -> Option<&'static str> {
    match value.trim().to_ascii_lowercase().as_str() {
        "ru" => Some("ru"),
        "en" => Some("en"),
        _ => None,
    }
}

/// The language from a `LANG`-style value: `"ru"` for `ru_RU.UTF-8`, `ru`, …,
/// `"en"` otherwise.
pub fn language_from_env(lang_env: Option<&str>) -> &'static str {
    match lang_env {
        Some(lang) if lang.trim().to_ascii_lowercase().starts_with("ru") => "ru",
        _ => "en",
    }
}

impl Config {
    /// The language: the config file's, else from `env` (a `LANG` value).
    pub fn language_code(&self, env: Option<&str>) -> &'static str {
        self.language
            .as_deref()
            .and_then(normalize_language)
            .unwrap_or_else(|| language_from_env(env))
    }
}
