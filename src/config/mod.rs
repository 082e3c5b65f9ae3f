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

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::api::client::Sid;

/// The environment variable holding the CRM access key.
pub const SID_ENV: &str = "CRMCARD_SID";
/// The longest timeout accepted, in seconds.
pub const MAX_TIMEOUT_SECONDS: u64 = 600;

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
}

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
    /// `language` is neither "ru" nor "en".
    #[error("language {value:?} is not known (use \"ru\" or \"en\")")]
    UnknownLanguage {
        /// The value in the file.
        value: String,
    },
    /// A timeout of zero or over [`MAX_TIMEOUT_SECONDS`].
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

/// Where crmcard keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The config file.
    pub config_file: PathBuf,
    /// Recent clients and drafts.
    pub data_dir: PathBuf,
    /// The log.
    pub state_dir: PathBuf,
}

impl Paths {
    /// The platform's standard directories (XDG on Linux); `None` without a
    /// home directory.
    pub fn discover() -> Option<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "crmcard")?;
        let data_dir = dirs.data_dir().to_owned();
        Some(Paths {
            config_file: dirs.config_dir().join("config.toml"),
            state_dir: dirs
                .state_dir()
                .map_or_else(|| data_dir.clone(), Path::to_owned),
            data_dir,
        })
    }

    /// Everything under `root` (for tests): `root/config/config.toml`,
    /// `root/data`, `root/state`.
    pub fn under(root: &Path) -> Paths {
        Paths {
            config_file: root.join("config").join("config.toml"),
            data_dir: root.join("data"),
            state_dir: root.join("state"),
        }
    }

    /// The recent-clients list.
    pub fn recent_file(&self) -> PathBuf {
        self.data_dir.join("recent.json")
    }

    /// The client directory (`--demo` has its own).
    pub fn directory_file(&self, demo: bool) -> PathBuf {
        let name = if demo {
            "directory-demo.sqlite"
        } else {
            "directory.sqlite"
        };
        self.data_dir.join(name)
    }

    /// The directory of form drafts.
    pub fn drafts_dir(&self) -> PathBuf {
        self.data_dir.join("drafts")
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("crmcard.log")
    }
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

/// Reads the config file: a missing file gives the defaults silently;
/// anything wrong gives the defaults (for that part) and warnings.
pub fn load(path: &Path) -> LoadedConfig {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return LoadedConfig::default(),
        Err(e) => return broken(path, e.to_string()),
    };
    let table = match toml::from_str::<toml::Table>(&text) {
        Ok(table) => table,
        Err(e) => return broken(path, syntax_reason(&e, &text)),
    };
    let mut reader = Reader::default();
    let config = reader.config(table);
    let mut warnings = reader.warnings;
    if !reader.unknown.is_empty() {
        let mut keys = reader.unknown;
        keys.sort();
        warnings.push(ConfigWarning::UnknownKeys { keys });
    }
    if config.profiles.values().any(|p| p.sid.is_some()) && readable_by_others(path) {
        warnings.push(ConfigWarning::SidReadableByOthers {
            path: path.to_owned(),
        });
    }
    for sid_file in config.profiles.values().filter_map(|p| p.sid_file.as_ref()) {
        if readable_by_others(sid_file) {
            warnings.push(ConfigWarning::SidReadableByOthers {
                path: sid_file.clone(),
            });
        }
    }
    LoadedConfig { config, warnings }
}

fn broken(path: &Path, reason: String) -> LoadedConfig {
    LoadedConfig {
        config: Config::default(),
        warnings: vec![ConfigWarning::Broken {
            path: path.to_owned(),
            reason,
        }],
    }
}

/// The parser's message with its position, without the quoted source line
/// that toml's `Display` adds, and with anything that may be a key redacted.
fn syntax_reason(error: &toml::de::Error, text: &str) -> String {
    let message = error
        .message()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("invalid TOML");
    let mut reason = match error.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_owned(),
    };
    for secret in sid_candidates(text) {
        reason = reason.replace(&secret, "<hidden>");
    }
    reason
}

/// What may be a key in a file that did not parse: the values of lines whose
/// key ends in `sid`, whole and word by word.
fn sid_candidates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        if !key.ends_with("sid") {
            continue;
        }
        let value = value.trim();
        let unquoted = value.trim_matches(['"', '\'']).trim();
        // Parts of a value only when long enough not to be a word of the
        // parser's message ("expected", "escaped").
        let parts = unquoted
            .split(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '\\')
            .filter(|part| part.chars().count() >= 12);
        for candidate in [value, unquoted].into_iter().chain(parts) {
            if candidate.chars().count() >= 3 {
                out.push(candidate.to_owned());
            }
        }
    }
    // Longest first, so that a whole value is replaced before its parts.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

/// Whether the group or others may read `path` (never on non-unix).
fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Maps a parsed TOML table onto [`Config`], collecting warnings.
#[derive(Default)]
struct Reader {
    warnings: Vec<ConfigWarning>,
    unknown: Vec<String>,
}

impl Reader {
    fn config(&mut self, table: toml::Table) -> Config {
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
                _ => self.unknown.push(dotted),
            }
        }
        profile
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

mod resolve;
pub use resolve::resolve;

#[cfg(test)]
mod tests;
