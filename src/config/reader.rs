//! The long part of reading the config: a parsed TOML table onto
//! [`Config`], each value of the wrong type or unknown key noted.

use std::path::PathBuf;

use super::types::DeskSettings;
use super::{Config, ConfigWarning, MAX_TIMEOUT_SECONDS, Profile, Timeouts, normalize_language};
use crate::calls::ami_config::AmiSettings;
use crate::calls::dial::{DialCommand, DialFormat};
use crate::secret::Sid;
use crate::shared::DirectorySettings;

/// Maps a parsed TOML table onto [`Config`], collecting warnings.
#[derive(Default)]
pub(super) struct Reader {
    pub(super) warnings: Vec<ConfigWarning>,
    pub(super) unknown: Vec<String>,
}

impl Reader {
    pub(super) fn config(&mut self, table: toml::Table) -> Config {
        let mut config = Config::default();
        for (key, value) in table {
            match key.as_str() {
                "language" => {
                    if let Some(lang) = self.string(&key, value) {
                        match normalize_language(&lang) {
                            Some(code) => config.language = Some(code.to_owned()),
                            None => self
                                .warnings
                                .push(ConfigWarning::UnknownLanguage { value: lang }),
                        }
                    }
                }
                "default_profile" => config.default_profile = self.string(&key, value),
                "timeouts" => {
                    if let Some(table) = self.table(&key, value) {
                        config.timeouts = self.timeouts(table);
                    }
                }
                "phone" => {
                    for (name, value) in self.table(&key, value).unwrap_or_default() {
                        match name.as_str() {
                            "city_code" => config.city_code = self.string("phone.city_code", value),
                            _ => self.unknown.push(format!("phone.{name}")),
                        }
                    }
                }
                "calls" => {
                    for (name, value) in self.table(&key, value).unwrap_or_default() {
                        match name.as_str() {
                            "ami" => config.calls_ami = self.ami(value),
                            "keep_days" => match value {
                                toml::Value::Integer(days) if (0..=36_500).contains(&days) => {
                                    config.calls_keep_days = u32::try_from(days).ok();
                                }
                                _ => self.invalid(
                                    "calls.keep_days".to_owned(),
                                    "a whole number of days, 0 to keep no log",
                                ),
                            },
                            "desk" => {
                                config.calls_desk = self
                                    .string("calls.desk", value)
                                    .map(|s| crate::text::sanitize(s.trim()))
                                    .filter(|s| !s.is_empty());
                            }
                            "dial_command" => {
                                config.dial_command =
                                    self.string("calls.dial_command", value).and_then(|t| {
                                        self.parsed(
                                            "calls.dial_command",
                                            &t,
                                            DialCommand::parse,
                                            "a command with {number}",
                                        )
                                    });
                            }
                            "dial_format" => {
                                config.dial_format =
                                    self.string("calls.dial_format", value).and_then(|t| {
                                        self.parsed(
                                            "calls.dial_format",
                                            &t,
                                            DialFormat::parse,
                                            "digits, + * # and {e164}, {digits} or {national}",
                                        )
                                    });
                            }
                            _ => self.unknown.push(format!("calls.{name}")),
                        }
                    }
                }
                "defaults" => {
                    for (name, value) in self.table(&key, value).unwrap_or_default() {
                        let dotted = format!("defaults.{name}");
                        let slot = match name.as_str() {
                            "country" => &mut config.defaults.country,
                            "city" => &mut config.defaults.city,
                            "contact_type" => &mut config.defaults.contact_type,
                            "address_type" => &mut config.defaults.address_type,
                            _ => {
                                self.unknown.push(dotted);
                                continue;
                            }
                        };
                        *slot = self
                            .string(&dotted, value)
                            .map(|s| s.trim().to_owned())
                            .filter(|s| !s.is_empty());
                    }
                }
                "ui" => {
                    for (name, value) in self.table(&key, value).unwrap_or_default() {
                        match (name.as_str(), value) {
                            ("copy", toml::Value::Boolean(on)) => config.copy = Some(on),
                            ("copy", _) => self.invalid("ui.copy".to_owned(), "true or false"),
                            _ => self.unknown.push(format!("ui.{name}")),
                        }
                    }
                }
                "directory" => config.directory = self.directory("directory", value),
                "desk" => config.desk = self.desk(value),
                "profiles" => {
                    if let Some(table) = self.table(&key, value) {
                        for (name, value) in table {
                            let dotted = format!("profiles.{name}");
                            if let Some(table) = self.table(&dotted, value) {
                                let profile = self.profile(&dotted, table);
                                config.profiles.insert(name, profile);
                            }
                        }
                    }
                }
                "keymap" => {
                    if let Some(table) = self.table(&key, value) {
                        for (action, value) in table {
                            let dotted = format!("keymap.{action}");
                            if let Some(keys) = self.keys(&dotted, value) {
                                config.keymap.insert(action, keys);
                            }
                        }
                    }
                }
                _ => self.unknown.push(key),
            }
        }
        config
    }

    fn timeouts(&mut self, table: toml::Table) -> Timeouts {
        let mut timeouts = Timeouts::default();
        for (key, value) in table {
            let dotted = format!("timeouts.{key}");
            let slot = match key.as_str() {
                "connect_seconds" => &mut timeouts.connect_seconds,
                "request_seconds" => &mut timeouts.request_seconds,
                _ => {
                    self.unknown.push(dotted);
                    continue;
                }
            };
            let toml::Value::Integer(seconds) = value else {
                self.invalid(dotted, "a whole number of seconds");
                continue;
            };
            let used = u64::try_from(seconds)
                .unwrap_or(0)
                .clamp(1, MAX_TIMEOUT_SECONDS);
            if i64::try_from(used).ok() != Some(seconds) {
                self.warnings.push(ConfigWarning::TimeoutClamped {
                    key: dotted,
                    value: seconds,
                    used,
                });
            }
            *slot = used;
        }
        timeouts
    }

    fn profile(&mut self, prefix: &str, table: toml::Table) -> Profile {
        let mut profile = Profile::default();
        for (key, value) in table {
            let dotted = format!("{prefix}.{key}");
            let known = ["base_url", "object_id", "sid", "sid_file"].contains(&key.as_str());
            let warnings = self.warnings.len();
            match key.as_str() {
                "base_url" => profile.base_url = self.string(&dotted, value),
                "object_id" => {
                    profile.object_id = match value {
                        toml::Value::Integer(n) => Some(n.to_string()),
                        value => self.string(&dotted, value),
                    }
                }
                "sid" => profile.sid = self.string(&dotted, value).map(Sid::new),
                "sid_file" => {
                    profile.sid_file = self.string(&dotted, value).map(|s| expand_home(&s));
                }
                "directory" => profile.directory = self.directory(&dotted, value),
                _ => self.unknown.push(dotted),
            }
            if known && self.warnings.len() > warnings {
                profile.wrong_types.insert(key, "a string");
            }
        }
        profile
    }

    /// `[calls.ami]`. A `secret` key is refused (its value is dropped
    /// unread): the secret comes from `secret_file` or the environment.
    fn ami(&mut self, value: toml::Value) -> Option<AmiSettings> {
        let mut table = self.table("calls.ami", value)?;
        if table.remove("secret").is_some() {
            self.warnings.push(ConfigWarning::AmiSecretInFile);
        }
        match toml::Value::Table(table).try_into::<AmiSettings>() {
            Ok(settings) => Some(settings),
            Err(e) => {
                self.warnings.push(ConfigWarning::AmiInvalid {
                    reason: e.message().trim().to_owned(),
                });
                None
            }
        }
    }

    /// `[directory]` or `[profiles.NAME.directory]`; refused whole (with a
    /// warning that never repeats the URL) when unusable, e.g. when its URL
    /// holds a password.
    fn directory(&mut self, key: &str, value: toml::Value) -> Option<DirectorySettings> {
        let table = self.table(key, value)?;
        let settings = match toml::Value::Table(table).try_into::<DirectorySettings>() {
            Ok(settings) => settings,
            Err(e) => {
                self.warnings.push(ConfigWarning::DirectoryInvalid {
                    key: key.to_owned(),
                    reason: e.message().trim().to_owned(),
                });
                return None;
            }
        };
        match settings.check() {
            Ok(()) => Some(settings),
            Err(e) => {
                self.warnings.push(ConfigWarning::DirectoryInvalid {
                    key: key.to_owned(),
                    reason: e.to_string(),
                });
                None
            }
        }
    }

    /// `[desk]`.
    fn desk(&mut self, value: toml::Value) -> DeskSettings {
        let Some(table) = self.table("desk", value) else {
            return DeskSettings::default();
        };
        match toml::Value::Table(table).try_into::<DeskSettings>() {
            Ok(desk) => desk,
            Err(e) => {
                self.warnings.push(ConfigWarning::DirectoryInvalid {
                    key: "desk".to_owned(),
                    reason: e.message().trim().to_owned(),
                });
                DeskSettings::default()
            }
        }
    }

    fn keys(&mut self, key: &str, value: toml::Value) -> Option<Vec<String>> {
        match value {
            toml::Value::String(s) => Some(vec![s]),
            toml::Value::Array(items) => {
                let keys: Option<Vec<String>> = items
                    .into_iter()
                    .map(|item| match item {
                        toml::Value::String(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                if keys.is_none() {
                    self.invalid(key.to_owned(), "a list of key names");
                }
                keys
            }
            _ => {
                self.invalid(key.to_owned(), "a list of key names");
                None
            }
        }
    }

    fn string(&mut self, key: &str, value: toml::Value) -> Option<String> {
        match value {
            toml::Value::String(s) => Some(s),
            _ => {
                self.invalid(key.to_owned(), "a string");
                None
            }
        }
    }

    fn table(&mut self, key: &str, value: toml::Value) -> Option<toml::Table> {
        match value {
            toml::Value::Table(t) => Some(t),
            _ => {
                self.invalid(key.to_owned(), "a table");
                None
            }
        }
    }

    /// `text` read by `parse`, or an invalid-value warning.
    fn parsed<T>(
        &mut self,
        key: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
        expected: &'static str,
    ) -> Option<T> {
        let parsed = parse(text).ok();
        if parsed.is_none() {
            self.invalid(key.to_owned(), expected);
        }
        parsed
    }

    fn invalid(&mut self, key: String, expected: &'static str) {
        self.warnings
            .push(ConfigWarning::InvalidValue { key, expected });
    }
}

/// `~/x` → `$HOME/x`; anything else as it is.
fn expand_home(path: &str) -> PathBuf {
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(dirs) = directories::BaseDirs::new()
    {
        return dirs.home_dir().join(rest);
    }
    PathBuf::from(path)
}
