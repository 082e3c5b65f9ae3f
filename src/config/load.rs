//! Reading the config file: what is wrong in it becomes warnings, never a
//! failure to start.

use std::fs;
use std::path::Path;

use super::reader::Reader;
use super::redact::syntax_reason;
use super::{Config, ConfigWarning, LoadedConfig, Paths};

/// Reads the config file the command line names (`--config`), else the
/// default one under `paths`; without either, the defaults.
pub fn load_chosen(chosen: Option<&Path>, paths: Option<&Paths>) -> LoadedConfig {
    match chosen.or_else(|| paths.map(|p| p.config_file.as_path())) {
        Some(path) => load(path),
        None => LoadedConfig::default(),
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
    let ami_secret = config
        .calls_ami
        .as_ref()
        .and_then(|a| a.secret_file.as_deref());
    if let Some(path) = ami_secret.map(crate::calls::ami_config::expand_home)
        && readable_by_others(&path)
    {
        warnings.push(ConfigWarning::AmiSecretReadableByOthers { path });
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
