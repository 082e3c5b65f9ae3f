//! The `[directory]` table of the config file and the connection built from
//! it.
//!
//! ```toml
//! [directory]
//! url = "postgres://crmcard@db.host/callcenter"   # never with a password
//! password_file = "~/.config/crmcard/db-password"  # or CRMCARD_DB_PASSWORD
//! sslmode = "prefer"                # disable, prefer (the default) or require
//! sslrootcert = "/etc/crmcard/callcenter-ca.pem"   # a call center's own CA
//!
//! [profiles.main.directory]         # overrides the keys it gives, for one profile
//! url = "postgres://crmcard@db.host/other"
//!
//! [desk]
//! name = "пульт 3"                  # default: the host name
//! operator = "Иванова"              # default: user@host
//! ```
//!
//! The password comes from `CRMCARD_DB_PASSWORD`, else from `password_file`;
//! it is set on [`tokio_postgres::Config`] and never written into a URL, a
//! log line or an error. A `url` holding a password is refused.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;
use tokio_postgres::config::{Host, SslMode};

/// The environment variable holding the database password.
pub(crate) const PASSWORD_ENV: &str = "CRMCARD_DB_PASSWORD";

/// `[directory]` (or `[profiles.NAME.directory]`) as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectorySettings {
    /// `postgres://USER@HOST[:PORT]/DATABASE`, without a password.
    pub url: Option<String>,
    /// A file holding only the password; may start with `~/`.
    pub password_file: Option<PathBuf>,
    /// `disable`, `prefer` or `require`.
    pub sslmode: Option<String>,
    /// A PEM file of certificates trusted besides the system store.
    pub sslrootcert: Option<PathBuf>,
}

impl DirectorySettings {
    /// These settings, with `base`'s where these say nothing (a profile's
    /// table over the top-level one).
    pub fn over(self, base: &DirectorySettings) -> DirectorySettings {
        DirectorySettings {
            url: self.url.or_else(|| base.url.clone()),
            password_file: self.password_file.or_else(|| base.password_file.clone()),
            sslmode: self.sslmode.or_else(|| base.sslmode.clone()),
            sslrootcert: self.sslrootcert.or_else(|| base.sslrootcert.clone()),
        }
    }

    /// Why the table as written cannot be used, checked when the config is
    /// read: a URL that does not parse or that holds a password, an unknown
    /// `sslmode`. Never contains the URL itself.
    pub fn check(&self) -> Result<(), SettingsError> {
        if let Some(url) = &self.url {
            let parsed =
                tokio_postgres::Config::from_str(url.trim()).map_err(|_| SettingsError::BadUrl)?;
            if parsed.get_password().is_some() {
                return Err(SettingsError::PasswordInUrl);
            }
        }
        if let Some(mode) = &self.sslmode {
            ssl_mode(mode)?;
        }
        Ok(())
    }

    /// The connection, with the password read: from `env_password` (the
    /// value of [`PASSWORD_ENV`], if set) first, then from `password_file`;
    /// none at all when neither gives one (a Unix socket, `trust`).
    pub fn resolve(&self, env_password: Option<String>) -> Result<SharedConfig, SettingsError> {
        self.check()?;
        let url = self.url.as_deref().map(str::trim).unwrap_or_default();
        if url.is_empty() {
            return Err(SettingsError::NoUrl);
        }
        let mut pg = tokio_postgres::Config::from_str(url).map_err(|_| SettingsError::BadUrl)?;
        let mode = match &self.sslmode {
            Some(mode) => ssl_mode(mode)?,
            None => SslMode::Prefer,
        };
        pg.ssl_mode(mode);
        pg.application_name("crmcard");
        let password = match env_password.filter(|p| !p.trim().is_empty()) {
            Some(p) => Some(p),
            None => match &self.password_file {
                Some(path) => {
                    let path = expand_home(path);
                    let text = std::fs::read_to_string(&path).map_err(|e| {
                        SettingsError::PasswordFile {
                            path: path.clone(),
                            reason: e.to_string(),
                        }
                    })?;
                    Some(text)
                }
                None => None,
            },
        };
        if let Some(password) = password {
            let password = password.trim_end_matches(['\n', '\r']);
            if !password.is_empty() {
                pg.password(password);
            }
        }
        let sslrootcert = self.sslrootcert.as_deref().map(expand_home);
        Ok(SharedConfig {
            shown: shown_url(&pg),
            pg,
            sslrootcert,
        })
    }
}

/// Everything needed to reach the shared directory. Its `Debug` shows the
/// URL without the password.
#[derive(Clone)]
pub struct SharedConfig {
    pub(crate) pg: tokio_postgres::Config,
    pub(crate) sslrootcert: Option<PathBuf>,
    shown: String,
}

impl SharedConfig {
    /// `postgres://USER@HOST:PORT/DATABASE`: what `directory status` and the
    /// log say (never a password).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The same connection as another role (`directory migrate` as the
    /// owner): the user and the password replaced.
    pub fn as_user(&self, user: &str, password: Option<&str>) -> SharedConfig {
        let mut pg = self.pg.clone();
        pg.user(user);
        if let Some(password) = password {
            pg.password(password);
        }
        SharedConfig {
            shown: shown_url(&pg),
            pg,
            sslrootcert: self.sslrootcert.clone(),
        }
    }
}

impl fmt::Debug for SharedConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedConfig")
            .field("url", &self.shown)
            .finish_non_exhaustive()
    }
}

/// Why `[directory]` cannot be used. Never contains the URL's text or the
/// password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("[directory] url is not a postgres:// URL")]
    BadUrl,
    #[error(
        "[directory] url holds a password: ignored; the password goes in password_file or {PASSWORD_ENV}"
    )]
    PasswordInUrl,
    #[error("[directory] has no url")]
    NoUrl,
    #[error("[directory] sslmode {0:?} is not known (use disable, prefer or require)")]
    SslMode(String),
    #[error("[directory] password_file {}: {reason}", path.display())]
    PasswordFile { path: PathBuf, reason: String },
}

fn ssl_mode(mode: &str) -> Result<SslMode, SettingsError> {
    match mode.trim().to_ascii_lowercase().as_str() {
        "disable" => Ok(SslMode::Disable),
        "prefer" => Ok(SslMode::Prefer),
        "require" => Ok(SslMode::Require),
        _ => Err(SettingsError::SslMode(crate::text::sanitize(mode))),
    }
}

/// The URL rebuilt from the parsed parts (user, first host, port,
/// database): never the password.
fn shown_url(pg: &tokio_postgres::Config) -> String {
    let user = pg.get_user().unwrap_or_default();
    let host = match pg.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = pg.get_ports().first().copied().unwrap_or(5432);
    let db = pg.get_dbname().unwrap_or(user);
    let at = if user.is_empty() { "" } else { "@" };
    crate::text::sanitize(&format!("postgres://{user}{at}{host}:{port}/{db}"))
}

fn expand_home(path: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(dirs) = directories::BaseDirs::new()
    {
        return dirs.home_dir().join(rest);
    }
    path.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(url: &str) -> DirectorySettings {
        DirectorySettings {
            url: Some(url.to_owned()),
            ..DirectorySettings::default()
        }
    }

    #[test]
    fn a_url_with_a_password_is_refused_without_repeating_it() {
        let s = settings("postgres://crmcard:hunter2secret@db.host/cc");
        let e = s.check().expect_err("refused");
        assert_eq!(e, SettingsError::PasswordInUrl);
        assert!(!e.to_string().contains("hunter2secret"));
        let s = settings("host=db.host user=crmcard password=hunter2secret");
        assert_eq!(s.check(), Err(SettingsError::PasswordInUrl));
    }

    #[test]
    fn the_password_comes_from_the_environment_then_the_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("pw");
        std::fs::write(&file, "from-file\n").expect("write");
        let mut s = settings("postgres://crmcard@db.host:5433/cc");
        s.password_file = Some(file);
        let c = s.resolve(Some("from-env".to_owned())).expect("ok");
        assert_eq!(c.pg.get_password(), Some(&b"from-env"[..]));
        let c = s.resolve(None).expect("ok");
        assert_eq!(c.pg.get_password(), Some(&b"from-file"[..]));
        assert_eq!(c.shown(), "postgres://crmcard@db.host:5433/cc");
        assert!(!format!("{c:?}").contains("from-file"));
    }

    #[test]
    fn no_password_is_fine_and_a_missing_file_is_named() {
        let c = settings("postgres://crmcard@db.host/cc")
            .resolve(None)
            .expect("ok");
        assert_eq!(c.pg.get_password(), None);
        let mut s = settings("postgres://crmcard@db.host/cc");
        s.password_file = Some(PathBuf::from("/nonexistent/pw"));
        assert!(matches!(
            s.resolve(None),
            Err(SettingsError::PasswordFile { .. })
        ));
    }

    #[test]
    fn sslmode_is_one_of_three_and_a_profile_overrides_key_by_key() {
        let mut s = settings("postgres://crmcard@db.host/cc");
        s.sslmode = Some("verify-full".to_owned());
        assert!(matches!(s.check(), Err(SettingsError::SslMode(_))));
        s.sslmode = Some("require".to_owned());
        assert_eq!(
            s.resolve(None).expect("ok").pg.get_ssl_mode(),
            SslMode::Require
        );
        let profile = DirectorySettings {
            url: Some("postgres://crmcard@other/cc2".to_owned()),
            ..DirectorySettings::default()
        };
        let merged = profile.over(&s);
        assert_eq!(merged.url.as_deref(), Some("postgres://crmcard@other/cc2"));
        assert_eq!(merged.sslmode.as_deref(), Some("require"));
    }
}
