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

/// Chooses the connection: the command line over the profile; the key from
/// `env_sid` (the value of `CRMCARD_SID`), then the profile's `sid_file`,
/// then its `sid`.
///
/// The profile is `cli_profile`, else the config's `default_profile`, else
/// the only profile if there is exactly one, else none.
pub fn resolve(
    cli_base_url: Option<&str>,
    cli_object_id: Option<&str>,
    cli_profile: Option<&str>,
    config: &Config,
    env_sid: Option<String>,
) -> Result<Connection, ConfigError> {
    let profile_name = match cli_profile.or(config.default_profile.as_deref()) {
        Some(name) => Some(name.to_owned()),
        None if config.profiles.len() == 1 => config.profiles.keys().next().cloned(),
        None => None,
    };
    let profile = match &profile_name {
        Some(name) => {
            Some(
                config
                    .profiles
                    .get(name)
                    .ok_or_else(|| ConfigError::UnknownProfile {
                        name: name.clone(),
                        known: config.profiles.keys().cloned().collect(),
                    })?,
            )
        }
        None => None,
    };
    let base_url = non_empty(cli_base_url)
        .or_else(|| non_empty(profile.and_then(|p| p.base_url.as_deref())))
        .ok_or(ConfigError::MissingBaseUrl)?;
    let lower = base_url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if rest.is_none_or(str::is_empty) {
        return Err(ConfigError::BadBaseUrl {
            url: crate::text::sanitize(base_url),
        });
    }
    let object_id = non_empty(cli_object_id)
        .or_else(|| non_empty(profile.and_then(|p| p.object_id.as_deref())))
        .ok_or(ConfigError::MissingObjectId)?;
    if !object_id.bytes().all(|c| c.is_ascii_digit()) {
        return Err(ConfigError::BadObjectId {
            value: crate::text::sanitize(object_id),
        });
    }
    let sid = resolve_sid(profile, env_sid)?;
    Ok(Connection {
        base_url: base_url.to_owned(),
        object_id: object_id.to_owned(),
        sid,
        profile: profile_name,
        timeouts: config.timeouts,
    })
}

fn resolve_sid(profile: Option<&Profile>, env_sid: Option<String>) -> Result<Sid, ConfigError> {
    if let Some(sid) = env_sid.map(Sid::new).filter(|s| !s.is_empty()) {
        return Ok(sid);
    }
    if let Some(path) = profile.and_then(|p| p.sid_file.as_ref()) {
        let text = fs::read_to_string(path).map_err(|e| ConfigError::SidFile {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let sid = Sid::new(text);
        if sid.is_empty() {
            return Err(ConfigError::SidFileEmpty { path: path.clone() });
        }
        return Ok(sid);
    }
    profile
        .and_then(|p| p.sid.clone())
        .filter(|s| !s.is_empty())
        .ok_or(ConfigError::MissingSid)
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
language = "ru"            # "ru" or "en"; default: LANG ru_* → ru, else en
default_profile = "main"   # optional
[timeouts]
connect_seconds = 5        # default 5
request_seconds = 15       # default 15
[profiles.main]
base_url = "https://dlv.ucs.ru/api/v1/crm/"
object_id = "123"
sid_file = "/home/op/.config/crmcard/sid"   # a file holding only the key; or:
# sid = "..."
[keymap]                   # optional overrides: action name -> list of keys
"card.reload" = ["F5", "Ctrl-R"]
"#;

    const PLANTED: &str = "PLANTED-s3cr3t-Key";

    fn write(dir: &Path, name: &str, text: &str, mode: u32) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
        }
        #[cfg(not(unix))]
        let _ = mode;
        path
    }

    fn load_text(text: &str) -> LoadedConfig {
        let dir = tempfile::tempdir().expect("tempdir");
        load(&write(dir.path(), "config.toml", text, 0o600))
    }

    fn profile(base_url: &str, object_id: &str, sid: Option<&str>) -> Profile {
        Profile {
            base_url: Some(base_url.to_owned()),
            object_id: Some(object_id.to_owned()),
            sid: sid.map(Sid::new),
            sid_file: None,
        }
    }

    fn config_with(profiles: &[(&str, Profile)]) -> Config {
        Config {
            profiles: profiles
                .iter()
                .map(|(n, p)| ((*n).to_owned(), p.clone()))
                .collect(),
            ..Config::default()
        }
    }

    #[test]
    fn parses_the_documented_example() {
        let loaded = load_text(EXAMPLE);
        assert_eq!(loaded.warnings, []);
        let c = loaded.config;
        assert_eq!(c.language.as_deref(), Some("ru"));
        assert_eq!(c.default_profile.as_deref(), Some("main"));
        assert_eq!(c.timeouts, Timeouts::default());
        let main = &c.profiles["main"];
        assert_eq!(
            main.base_url.as_deref(),
            Some("https://dlv.ucs.ru/api/v1/crm/")
        );
        assert_eq!(main.object_id.as_deref(), Some("123"));
        assert_eq!(main.sid, None);
        assert_eq!(
            main.sid_file.as_deref(),
            Some(Path::new("/home/op/.config/crmcard/sid"))
        );
        assert_eq!(c.keymap["card.reload"], ["F5", "Ctrl-R"]);
    }

    #[test]
    fn missing_file_is_defaults_without_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = load(&dir.path().join("none.toml"));
        assert_eq!(loaded, LoadedConfig::default());
        assert_eq!(loaded.config.timeouts.connect_seconds, 5);
        assert_eq!(loaded.config.timeouts.request_seconds, 15);
    }

    #[test]
    fn broken_file_is_defaults_with_a_warning() {
        let loaded = load_text("language = \"ru\"\n[timeouts\n");
        assert_eq!(loaded.config, Config::default());
        let [ConfigWarning::Broken { reason, .. }] = loaded.warnings.as_slice() else {
            panic!("{:?}", loaded.warnings);
        };
        assert!(reason.starts_with("line 2, column"), "{reason}");
        assert!(!reason.contains('\n'), "{reason}");
        // A directory cannot be read as a file.
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = load(dir.path());
        assert!(matches!(
            loaded.warnings.as_slice(),
            [ConfigWarning::Broken { .. }]
        ));
    }

    #[test]
    fn broken_sid_lines_are_not_quoted() {
        for text in [
            format!("[profiles.a]\nsid = \"{PLANTED}\n"),
            format!("[profiles.a]\nsid = {PLANTED}\n"),
            format!("[profiles.a]\nsid = \"{PLANTED}\" junk\n"),
            format!("[profiles.a]\nsid = '{PLANTED}\n"),
            format!("sid = \"{PLANTED} with\\q escape\"\n"),
            format!("[profiles.a]\n\"sid\" = \"{PLANTED}\\\"\nx=\n"),
            format!("[profiles.a]\nsid = \"\"\"{PLANTED}\n"),
            format!("profiles.a.sid = \"{PLANTED}\"\n[profiles.a]\nsid = 1\n"),
        ] {
            let loaded = load_text(&text);
            assert!(
                matches!(loaded.warnings.as_slice(), [ConfigWarning::Broken { .. }]),
                "{text:?}: {:?}",
                loaded.warnings
            );
            for w in &loaded.warnings {
                let shown = format!("{w} {w:?}");
                assert!(!shown.contains("<hidden>d"), "{shown}");
                assert!(!shown.contains(PLANTED), "{shown}");
                assert!(!shown.contains("s3cr3t"), "{shown}");
            }
        }
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_warned() {
        let loaded = load_text(
            r#"
langauge = "ru"
colour = 1
[timeouts]
conect_seconds = 3
request_seconds = "20"
[profiles.main]
base_ur = "x"
object_id = 42
[profiles.bad]
[keymap]
"card.reload" = "F5"
"card.save" = [1]
"#,
        );
        assert!(
            loaded.warnings.contains(&ConfigWarning::UnknownKeys {
                keys: vec![
                    "colour".to_owned(),
                    "langauge".to_owned(),
                    "profiles.main.base_ur".to_owned(),
                    "timeouts.conect_seconds".to_owned(),
                ]
            }),
            "{:?}",
            loaded.warnings
        );
        assert!(loaded.warnings.contains(&ConfigWarning::InvalidValue {
            key: "timeouts.request_seconds".to_owned(),
            expected: "a whole number of seconds",
        }));
        assert!(loaded.warnings.contains(&ConfigWarning::InvalidValue {
            key: "keymap.card.save".to_owned(),
            expected: "a list of key names",
        }));
        let c = &loaded.config;
        assert_eq!(c.timeouts, Timeouts::default());
        assert_eq!(c.profiles["main"].object_id.as_deref(), Some("42"));
        assert_eq!(c.profiles["bad"], Profile::default());
        assert_eq!(c.keymap["card.reload"], ["F5"]);
        assert!(!c.keymap.contains_key("card.save"));
        let unknown = loaded
            .warnings
            .iter()
            .find(|w| matches!(w, ConfigWarning::UnknownKeys { .. }))
            .expect("unknown keys");
        assert_eq!(
            unknown.to_string(),
            "unknown keys ignored: colour, langauge, profiles.main.base_ur, timeouts.conect_seconds"
        );
    }

    #[test]
    fn timeouts_are_clamped() {
        let loaded = load_text("[timeouts]\nconnect_seconds = 0\nrequest_seconds = 100000\n");
        assert_eq!(
            loaded.config.timeouts,
            Timeouts {
                connect_seconds: 1,
                request_seconds: MAX_TIMEOUT_SECONDS
            }
        );
        assert_eq!(
            loaded.warnings,
            [
                ConfigWarning::TimeoutClamped {
                    key: "timeouts.connect_seconds".to_owned(),
                    value: 0,
                    used: 1
                },
                ConfigWarning::TimeoutClamped {
                    key: "timeouts.request_seconds".to_owned(),
                    value: 100_000,
                    used: 600
                },
            ]
        );
        let loaded = load_text("[timeouts]\nconnect_seconds = -5\nrequest_seconds = 600\n");
        assert_eq!(loaded.config.timeouts.connect_seconds, 1);
        assert_eq!(loaded.config.timeouts.request_seconds, 600);
        assert_eq!(loaded.warnings.len(), 1);
    }

    #[test]
    fn languages() {
        assert_eq!(language_from_env(Some("ru_RU.UTF-8")), "ru");
        assert_eq!(language_from_env(Some("ru")), "ru");
        assert_eq!(language_from_env(Some("en_US.UTF-8")), "en");
        assert_eq!(language_from_env(Some("C")), "en");
        assert_eq!(language_from_env(Some("")), "en");
        assert_eq!(language_from_env(None), "en");
        let mut config = Config::default();
        assert_eq!(config.language_code(Some("ru_RU.UTF-8")), "ru");
        config.language = Some("en".to_owned());
        assert_eq!(config.language_code(Some("ru_RU.UTF-8")), "en");
        config.language = Some("de".to_owned());
        assert_eq!(config.language_code(Some("ru_RU.UTF-8")), "ru");
        assert_eq!(normalize_language(" RU "), Some("ru"));

        let loaded = load_text("language = \"EN\"");
        assert_eq!(loaded.config.language.as_deref(), Some("en"));
        let loaded = load_text("language = \"de\"");
        assert_eq!(loaded.config.language, None);
        assert_eq!(
            loaded.warnings,
            [ConfigWarning::UnknownLanguage {
                value: "de".to_owned()
            }]
        );
    }

    #[cfg(unix)]
    #[test]
    fn sid_readable_by_others_is_warned() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = format!("[profiles.a]\nsid = \"{PLANTED}\"\n");
        let open = write(dir.path(), "open.toml", &text, 0o644);
        let loaded = load(&open);
        assert_eq!(
            loaded.warnings,
            [ConfigWarning::SidReadableByOthers { path: open.clone() }]
        );
        assert_eq!(loaded.config.profiles["a"].sid, Some(Sid::new(PLANTED)));
        let private = write(dir.path(), "private.toml", &text, 0o600);
        assert_eq!(load(&private).warnings, []);
        // No sid in the file: its mode does not matter.
        let plain = write(dir.path(), "plain.toml", "language = \"ru\"", 0o644);
        assert_eq!(load(&plain).warnings, []);

        let sid_open = write(dir.path(), "sid-open", PLANTED, 0o640);
        let sid_private = write(dir.path(), "sid-private", PLANTED, 0o600);
        let text = format!(
            "[profiles.a]\nsid_file = {:?}\n[profiles.b]\nsid_file = {:?}\n",
            sid_open.display().to_string(),
            sid_private.display().to_string()
        );
        let cfg = write(dir.path(), "files.toml", &text, 0o644);
        assert_eq!(
            load(&cfg).warnings,
            [ConfigWarning::SidReadableByOthers { path: sid_open }]
        );
    }

    #[test]
    fn profile_choice() {
        let one = config_with(&[("only", profile("https://a/", "1", Some("k")))]);
        let c = resolve(None, None, None, &one, None).expect("resolve");
        assert_eq!(c.profile.as_deref(), Some("only"));
        assert_eq!(c.base_url, "https://a/");
        assert_eq!(c.object_id, "1");
        assert_eq!(c.sid, Sid::new("k"));
        assert_eq!(c.timeouts, Timeouts::default());

        let mut two = config_with(&[
            ("a", profile("https://a/", "1", Some("ka"))),
            ("b", profile("http://b/", "2", Some("kb"))),
        ]);
        // Two profiles, no default: none is chosen.
        assert_eq!(
            resolve(None, None, None, &two, None),
            Err(ConfigError::MissingBaseUrl)
        );
        let c = resolve(
            Some("https://cli/"),
            Some("9"),
            None,
            &two,
            Some("env".into()),
        )
        .expect("resolve");
        assert_eq!(c.profile, None);
        assert_eq!(c.sid, Sid::new("env"));

        two.default_profile = Some("b".to_owned());
        let c = resolve(None, None, None, &two, None).expect("resolve");
        assert_eq!(
            (c.profile.as_deref(), c.object_id.as_str()),
            (Some("b"), "2")
        );
        let c = resolve(None, None, Some("a"), &two, None).expect("resolve");
        assert_eq!((c.profile.as_deref(), c.sid), (Some("a"), Sid::new("ka")));

        assert_eq!(
            resolve(None, None, Some("c"), &two, None),
            Err(ConfigError::UnknownProfile {
                name: "c".to_owned(),
                known: vec!["a".to_owned(), "b".to_owned()]
            })
        );
        two.default_profile = Some("gone".to_owned());
        assert!(matches!(
            resolve(None, None, None, &two, None),
            Err(ConfigError::UnknownProfile { .. })
        ));
    }

    #[test]
    fn command_line_over_profile() {
        let config = config_with(&[("p", profile("https://p/", "1", Some("k")))]);
        let c = resolve(Some(" http://cli/ "), Some("77"), None, &config, None).expect("resolve");
        assert_eq!(c.base_url, "http://cli/");
        assert_eq!(c.object_id, "77");
        let c = resolve(Some(""), Some(" "), None, &config, None).expect("resolve");
        assert_eq!(
            (c.base_url.as_str(), c.object_id.as_str()),
            ("https://p/", "1")
        );
    }

    #[test]
    fn connection_errors() {
        let empty = Config::default();
        let sid = || Some("k".to_owned());
        assert_eq!(
            resolve(None, Some("1"), None, &empty, sid()),
            Err(ConfigError::MissingBaseUrl)
        );
        assert_eq!(
            resolve(Some("https://a/"), None, None, &empty, sid()),
            Err(ConfigError::MissingObjectId)
        );
        for url in ["ftp://a/", "dlv.ucs.ru/api", "https://", "http:/a"] {
            assert!(
                matches!(
                    resolve(Some(url), Some("1"), None, &empty, sid()),
                    Err(ConfigError::BadBaseUrl { .. })
                ),
                "{url}"
            );
        }
        assert!(resolve(Some("HTTPS://A/"), Some("1"), None, &empty, sid()).is_ok());
        for id in ["12a", "-1", "1 2", "١٢"] {
            assert_eq!(
                resolve(Some("https://a/"), Some(id), None, &empty, sid()),
                Err(ConfigError::BadObjectId {
                    value: id.to_owned()
                })
            );
        }
        assert_eq!(
            resolve(Some("https://a/"), Some("1"), None, &empty, None),
            Err(ConfigError::MissingSid)
        );
        assert_eq!(
            resolve(
                Some("https://a/"),
                Some("1"),
                None,
                &empty,
                Some("  ".into())
            ),
            Err(ConfigError::MissingSid)
        );
    }

    #[test]
    fn sid_precedence() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = write(dir.path(), "sid", "  from-file\n", 0o600);
        let mut p = profile("https://a/", "1", Some("from-config"));
        p.sid_file = Some(file.clone());
        let config = config_with(&[("p", p.clone())]);
        let get = |env: Option<&str>, config: &Config| {
            resolve(None, None, None, config, env.map(str::to_owned)).map(|c| c.sid)
        };
        assert_eq!(get(Some("from-env"), &config), Ok(Sid::new("from-env")));
        assert_eq!(get(Some(""), &config), Ok(Sid::new("from-file")));
        assert_eq!(get(None, &config), Ok(Sid::new("from-file")));
        p.sid_file = None;
        assert_eq!(
            get(None, &config_with(&[("p", p.clone())])),
            Ok(Sid::new("from-config"))
        );

        p.sid_file = Some(dir.path().join("missing"));
        assert!(matches!(
            get(None, &config_with(&[("p", p.clone())])),
            Err(ConfigError::SidFile { .. })
        ));
        // The environment still wins over a broken sid_file.
        assert!(get(Some("e"), &config_with(&[("p", p.clone())])).is_ok());
        p.sid_file = Some(write(dir.path(), "empty", " \n", 0o600));
        assert!(matches!(
            get(None, &config_with(&[("p", p)])),
            Err(ConfigError::SidFileEmpty { .. })
        ));
    }

    #[test]
    fn sid_never_leaks_into_messages() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sid_file = write(dir.path(), "sidfile", PLANTED, 0o644);
        let text = format!(
            "default_profile = \"p\"\nbogus = 1\n[timeouts]\nconnect_seconds = 0\n\
             [profiles.p]\nsid = \"{PLANTED}\"\nsid_file = {:?}\nobject_id = []\n\
             [profiles.q]\nsid = \"{PLANTED}\"\nbase_url = \"ftp://x\"\nobject_id = \"x\"\n",
            sid_file.display().to_string()
        );
        let loaded = load(&write(dir.path(), "c.toml", &text, 0o644));
        assert!(loaded.warnings.len() >= 4, "{:?}", loaded.warnings);
        let mut shown: Vec<String> = loaded
            .warnings
            .iter()
            .map(|w| format!("{w} {w:?}"))
            .collect();
        shown.push(format!("{:?}", loaded.config));

        let config = &loaded.config;
        let env = || Some(PLANTED.to_owned());
        let mut results = vec![
            resolve(None, None, Some("nope"), config, env()),
            resolve(None, None, Some("q"), config, env()),
            resolve(Some("https://a/"), None, Some("q"), config, env()),
            resolve(Some("https://a/"), Some("1"), None, config, env()),
            resolve(Some("https://a/"), Some("1"), Some("q"), config, None),
            resolve(
                Some("https://a/"),
                Some("1"),
                None,
                &Config::default(),
                None,
            ),
            resolve(None, Some("1"), None, &Config::default(), env()),
        ];
        let mut missing = config.clone();
        if let Some(p) = missing.profiles.get_mut("p") {
            p.sid_file = Some(dir.path().join(PLANTED));
        }
        results.push(resolve(Some("https://a/"), Some("1"), None, &missing, None));
        for result in &results {
            match result {
                Ok(c) => shown.push(format!("{c:?}")),
                Err(e) => shown.push(format!("{e} {e:?}")),
            }
        }
        for text in shown {
            // The sid_file path is named after the planted key in one case;
            // everything else must not contain it.
            let text = text.replace(&dir.path().join(PLANTED).display().to_string(), "");
            assert!(!text.contains(PLANTED), "{text}");
        }
    }

    #[test]
    fn paths() {
        let paths = Paths::under(Path::new("/r"));
        assert_eq!(paths.config_file, Path::new("/r/config/config.toml"));
        assert_eq!(paths.recent_file(), Path::new("/r/data/recent.json"));
        assert_eq!(paths.drafts_dir(), Path::new("/r/data/drafts"));
        assert_eq!(paths.log_file(), Path::new("/r/state/crmcard.log"));
        if let Some(found) = Paths::discover() {
            assert!(found.config_file.ends_with("crmcard/config.toml"));
            assert!(found.data_dir.ends_with("crmcard"));
        }
    }

    #[test]
    fn sid_file_may_start_at_home() {
        let loaded = load_text("[profiles.a]\nsid_file = \"~/sid\"\n");
        let path = loaded.config.profiles["a"]
            .sid_file
            .clone()
            .expect("sid_file");
        if directories::BaseDirs::new().is_some() {
            assert!(!path.starts_with("~"), "{}", path.display());
            assert!(path.ends_with("sid"));
        }
    }
}
