//! The recent-clients file of earlier versions (`recent.json`), read only
//! to take it into the directory once ([`super::Directory::migrate_recent`]):
//!
//! ```json
//! {"version": 1, "entries": [{"id": "42", "name": "Иванов Иван Иванович",
//!   "phones": ["+7 (916) 123-45-67"], "opened_at": 1700000000}]}
//! ```

use std::io;
use std::path::Path;

use serde::Deserialize;

use crate::text::sanitize;

/// The only version of the file format.
pub const FILE_VERSION: u64 = 1;

/// One client of the old file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RecentClient {
    /// The client id in the CRM.
    pub id: String,
    /// "Фамилия Имя Отчество".
    pub name: String,
    /// The values of the client's contacts (phones mostly, e-mails too).
    #[serde(default)]
    pub phones: Vec<String>,
    /// When the card was last opened, in unix seconds.
    #[serde(default)]
    pub opened_at: u64,
}

/// The clients of the file at `path`, cleaned of control characters (the
/// file is outside crmcard's control); none when it is missing. A file that
/// cannot be read, is damaged or has another version is an error naming it.
pub fn read(path: &Path) -> Result<Vec<RecentClient>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let damaged = |reason: String| format!("{} is damaged: {reason}", path.display());
    let mut value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(FILE_VERSION) => {}
        Some(version) => {
            return Err(format!(
                "{} has format version {version}, which this crmcard does not know",
                path.display()
            ));
        }
        None => return Err(damaged("no version number".to_owned())),
    }
    let entries = value
        .get_mut("entries")
        .map(serde_json::Value::take)
        .unwrap_or(serde_json::Value::Array(Vec::new()));
    let entries: Vec<RecentClient> =
        serde_json::from_value(entries).map_err(|e| damaged(e.to_string()))?;
    Ok(entries
        .into_iter()
        .map(|c| RecentClient {
            id: sanitize(&c.id),
            name: sanitize(&c.name),
            phones: c.phones.iter().map(|p| sanitize(p)).collect(),
            opened_at: c.opened_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_damaged_newer_and_hostile_files() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("recent.json");
        assert_eq!(read(&path), Ok(Vec::new()));
        std::fs::write(&path, r#"{"version": 2, "entries": []}"#).expect("write");
        assert!(read(&path).expect_err("newer").contains("version 2"));
        std::fs::write(&path, r#"{"entries": []}"#).expect("write");
        assert!(read(&path).expect_err("no version").contains("damaged"));
        std::fs::write(
            &path,
            "{\"version\": 1, \"entries\": [{\"id\": \"1\", \"name\": \"A\\u001b[31mB\", \"phones\": [\"8\\u0007916\"]}]}",
        )
        .expect("write");
        let clients = read(&path).expect("read");
        assert_eq!(clients.len(), 1);
        assert!(!clients[0].name.chars().any(char::is_control));
        assert!(!clients[0].phones[0].chars().any(char::is_control));
        assert_eq!(clients[0].opened_at, 0);
    }
}
