//! Choosing the connection: command line over profile, and where the `sid`
//! comes from.

use std::fs;

use super::{Config, ConfigError, Connection, Profile};
use crate::crm::CrmKey;
use crate::secret::Sid;

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
    let Place {
        base_url,
        object_id,
        profile_name,
        profile,
    } = place(cli_base_url, cli_object_id, cli_profile, config)?;
    let sid = resolve_sid(profile, env_sid).map_err(|e| match e {
        ConfigError::MissingSid => ["sid_file", "sid"]
            .into_iter()
            .map(|field| wrong_type(&profile_name, profile, field, ConfigError::MissingSid))
            .find(|e| *e != ConfigError::MissingSid)
            .unwrap_or(ConfigError::MissingSid),
        other => other,
    })?;
    Ok(Connection {
        base_url: base_url.to_owned(),
        object_id: object_id.to_owned(),
        sid,
        profile: profile_name,
        timeouts: config.timeouts,
    })
}

/// `missing`, or the wrong-type error when the profile gives `field` with a
/// value of the wrong type.
fn wrong_type(
    profile_name: &Option<String>,
    profile: Option<&Profile>,
    field: &str,
    missing: ConfigError,
) -> ConfigError {
    match (profile_name, profile.and_then(|p| p.wrong_types.get(field))) {
        (Some(name), Some(expected)) => ConfigError::WrongType {
            key: format!("profiles.{name}.{field}"),
            expected,
        },
        _ => missing,
    }
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

/// The CRM the command line and the profile name (as [`resolve`] chooses
/// it), without its `sid`: what the client directory is kept by.
pub fn resolve_crm(
    cli_base_url: Option<&str>,
    cli_object_id: Option<&str>,
    cli_profile: Option<&str>,
    config: &Config,
) -> Result<CrmKey, ConfigError> {
    let place = place(cli_base_url, cli_object_id, cli_profile, config)?;
    Ok(CrmKey::new(place.base_url, place.object_id))
}

/// The CRM chosen, and the profile it came from.
struct Place<'a> {
    base_url: &'a str,
    object_id: &'a str,
    profile_name: Option<String>,
    profile: Option<&'a Profile>,
}

fn place<'a>(
    cli_base_url: Option<&'a str>,
    cli_object_id: Option<&'a str>,
    cli_profile: Option<&str>,
    config: &'a Config,
) -> Result<Place<'a>, ConfigError> {
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
        .ok_or_else(|| {
            wrong_type(
                &profile_name,
                profile,
                "base_url",
                ConfigError::MissingBaseUrl,
            )
        })?;
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
        .ok_or_else(|| {
            wrong_type(
                &profile_name,
                profile,
                "object_id",
                ConfigError::MissingObjectId,
            )
        })?;
    if !object_id.bytes().all(|c| c.is_ascii_digit()) {
        return Err(ConfigError::BadObjectId {
            value: crate::text::sanitize(object_id),
        });
    }
    Ok(Place {
        base_url,
        object_id,
        profile_name,
        profile,
    })
}
