//! The `[calls.ami]` table of the config file.
//!
//! ```toml
//! [calls.ami]
//! host = "pbx.local"
//! port = 5038                 # the default
//! username = "crmcard"
//! secret_file = "~/.config/crmcard/ami-secret"   # or CRMCARD_AMI_SECRET
//! extension = "101"           # or a channel prefix: "PJSIP/101"
//! channel = "PJSIP/101"       # the operator's phone, for calling back
//! dial_context = "from-internal"   # the default
//! ```
//!
//! Calling back (`Originate`) needs `channel` and the manager user's
//! `originate` write permission.
//!
//! The secret comes from the environment variable `CRMCARD_AMI_SECRET`, else
//! from `secret_file`; never from the command line nor the file itself (a
//! `secret` key there is an unknown field). [`AmiSecret`] prints as
//! `<hidden>`, and no error here contains it.

pub use crate::secret::AmiSecret;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The environment variable holding the AMI secret.
pub(crate) const SECRET_ENV: &str = "CRMCARD_AMI_SECRET";
/// Asterisk's manager port.
pub(crate) const DEFAULT_PORT: u16 = 5038;

/// The table as written.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AmiSettings {
    pub host: String,
    #[serde(default = "default_port")]
    pub port: u16,
    pub username: String,
    /// A file holding only the secret; may start with `~/`.
    pub secret_file: Option<PathBuf>,
    /// The operator's extension ("101") or channel prefix ("PJSIP/101").
    pub extension: String,
    /// The operator's phone as a channel ("PJSIP/101"): what `Originate`
    /// rings first when calling back. None: no calling back through AMI.
    pub channel: Option<String>,
    /// The dialplan context the number is dialled in.
    #[serde(default = "default_dial_context")]
    pub dial_context: String,
}

fn default_port() -> u16 {
    DEFAULT_PORT
}

/// FreePBX's and many dialplans' context for the desk's own phones.
pub(crate) const DEFAULT_DIAL_CONTEXT: &str = "from-internal";

fn default_dial_context() -> String {
    DEFAULT_DIAL_CONTEXT.to_owned()
}

/// Everything the AMI client needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmiConfig {
    pub host: String,
    pub port: u16,
    pub username: String,
    pub secret: AmiSecret,
    pub extension: String,
    /// For calling back: the operator's phone ("PJSIP/101").
    pub channel: Option<String>,
    /// For calling back: the dialplan context.
    pub dial_context: String,
}

/// Why the table cannot be used. Never contains the secret.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AmiConfigError {
    #[error("[calls.ami]: no secret: set {SECRET_ENV} or secret_file")]
    NoSecret,
    #[error("[calls.ami] secret_file {}: {source}", path.display())]
    SecretFile { path: PathBuf, source: io::Error },
    #[error("[calls.ami]: {0} is empty")]
    Empty(&'static str),
    #[error("[calls.ami]: {0} contains a line break or control character")]
    ControlCharacter(&'static str),
}

impl AmiSettings {
    /// The settings with the secret read: from `env_secret` (the value of
    /// [`SECRET_ENV`], if set) first, then from `secret_file`.
    pub fn resolve(&self, env_secret: Option<String>) -> Result<AmiConfig, AmiConfigError> {
        let secret = match env_secret.filter(|s| !s.trim().is_empty()) {
            Some(s) => AmiSecret::new(s),
            None => match &self.secret_file {
                Some(path) => {
                    let path = expand_home(path);
                    let text = std::fs::read_to_string(&path)
                        .map_err(|source| AmiConfigError::SecretFile { path, source })?;
                    AmiSecret::new(text)
                }
                None => return Err(AmiConfigError::NoSecret),
            },
        };
        if secret.is_empty() {
            return Err(AmiConfigError::NoSecret);
        }
        let config = AmiConfig {
            host: self.host.trim().to_owned(),
            port: self.port,
            username: self.username.trim().to_owned(),
            secret,
            extension: self.extension.trim().to_owned(),
            channel: self
                .channel
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            dial_context: self.dial_context.trim().to_owned(),
        };
        if config.channel.as_deref().is_some_and(has_control) {
            return Err(AmiConfigError::ControlCharacter("channel"));
        }
        for (name, value) in [
            ("host", config.host.as_str()),
            ("username", &config.username),
            ("secret", config.secret.expose()),
            ("extension", &config.extension),
            ("dial_context", &config.dial_context),
        ] {
            if value.is_empty() {
                return Err(AmiConfigError::Empty(name));
            }
            // A line break would let a value add lines to an action.
            if has_control(value) {
                return Err(AmiConfigError::ControlCharacter(name));
            }
        }
        Ok(config)
    }
}

fn has_control(value: &str) -> bool {
    value.chars().any(char::is_control)
}

/// `~/…` read from `$HOME`; any other path as it is.
pub(crate) fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "s3cr3t-ami";

    fn settings(text: &str) -> AmiSettings {
        #[derive(Deserialize)]
        struct File {
            calls: Calls,
        }
        #[derive(Deserialize)]
        struct Calls {
            ami: AmiSettings,
        }
        toml::from_str::<File>(text).expect("parsed").calls.ami
    }

    #[test]
    fn the_table_parses_with_the_default_port() {
        let s =
            settings("[calls.ami]\nhost = \"pbx\"\nusername = \"op\"\nextension = \"PJSIP/101\"\n");
        assert_eq!(s.port, 5038);
        assert_eq!(s.extension, "PJSIP/101");
        assert_eq!(s.secret_file, None);
        assert_eq!(s.channel, None);
        assert_eq!(s.dial_context, "from-internal");
        let s = settings(
            "[calls.ami]\nhost = \"pbx\"\nusername = \"op\"\nextension = \"101\"\nchannel = \"PJSIP/101\"\ndial_context = \"desk\"\n",
        );
        let config = s.resolve(Some(SECRET.into())).expect("resolved");
        assert_eq!(config.channel.as_deref(), Some("PJSIP/101"));
        assert_eq!(config.dial_context, "desk");
    }

    #[test]
    fn a_secret_in_the_file_itself_is_refused_without_echoing_it() {
        let text = format!(
            "[calls.ami]\nhost = \"pbx\"\nusername = \"op\"\nextension = \"101\"\nsecret = \"{SECRET}\"\n"
        );
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct File {
            calls: std::collections::BTreeMap<String, AmiSettings>,
        }
        let err = toml::from_str::<File>(&text).expect_err("unknown field");
        assert!(err.message().contains("secret"), "{err}");
        assert!(!err.message().contains(SECRET), "{err}");
    }

    #[test]
    fn the_environment_wins_over_the_file_and_debug_hides_the_secret() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("secret");
        std::fs::write(&file, "from-file\n").expect("write");
        let mut s =
            settings("[calls.ami]\nhost = \"pbx\"\nusername = \"op\"\nextension = \"101\"\n");
        s.secret_file = Some(file);
        let from_file = s.resolve(None).expect("resolved");
        assert_eq!(from_file.secret.expose(), "from-file");
        let from_env = s.resolve(Some(SECRET.to_owned())).expect("resolved");
        assert_eq!(from_env.secret.expose(), SECRET);
        let shown = format!("{from_env:?}");
        assert!(
            !shown.contains(SECRET) && shown.contains("<hidden>"),
            "{shown}"
        );
    }

    #[test]
    fn missing_empty_or_multiline_values_are_refused() {
        let mut s =
            settings("[calls.ami]\nhost = \"pbx\"\nusername = \"op\"\nextension = \"101\"\n");
        assert!(matches!(s.resolve(None), Err(AmiConfigError::NoSecret)));
        assert!(matches!(
            s.resolve(Some("  ".into())),
            Err(AmiConfigError::NoSecret)
        ));
        s.secret_file = Some(PathBuf::from("/nonexistent/secret"));
        let err = s.resolve(None).expect_err("unreadable");
        assert!(err.to_string().contains("/nonexistent/secret"), "{err}");
        let evil = format!("{SECRET}\r\nAction: Originate");
        let err = s.resolve(Some(evil)).expect_err("line break");
        assert!(!err.to_string().contains(SECRET), "{err}");
        s.username = " ".into();
        assert!(matches!(
            s.resolve(Some(SECRET.into())),
            Err(AmiConfigError::Empty("username"))
        ));
    }
}
