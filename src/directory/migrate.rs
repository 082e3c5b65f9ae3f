//! Taking in the recent-clients file of earlier versions, once.

use std::path::Path;

use rusqlite::OptionalExtension;

use super::recent_file;
use super::{ContactKind, DirEntry, Directory, DirectoryError, contact_kind, write_entry};

/// The `meta` key marking that the recent file has been taken in.
const MIGRATED: &str = "recent_migrated";

impl Directory {
    /// Takes the clients of an old recent-clients file (`recent.json`) into
    /// the directory, once: after the first successful run (a missing file
    /// counts) it does nothing, and the file is not touched here (the file
    /// is claimed for one CRM by [`super::legacy`]). Returns how many
    /// clients were taken in.
    ///
    /// A damaged or unreadable file is an error and is tried again next
    /// time. A client already in the directory keeps what it has; only its
    /// last-seen time may move forward.
    pub fn migrate_recent(&mut self, json_path: &Path) -> Result<usize, DirectoryError> {
        if self.meta(MIGRATED)?.is_some() {
            return Ok(0);
        }
        let list = recent_file::read(json_path).map_err(|reason| DirectoryError::Io {
            path: json_path.to_owned(),
            reason,
        })?;
        let city_code = self.city_code.clone();
        let tx = self.connection().transaction()?;
        let mut taken = 0;
        for recent in &list {
            if recent.id.trim().is_empty() {
                continue;
            }
            let seen_at = i64::try_from(recent.opened_at).unwrap_or(i64::MAX);
            let existing = tx
                .prepare_cached("SELECT rowid FROM clients WHERE id = ?1")?
                .query_row([recent.id.trim()], |r| r.get::<_, i64>(0))
                .optional()?;
            if existing.is_some() {
                tx.execute(
                    "UPDATE clients SET seen = max(seen, ?2) WHERE id = ?1",
                    rusqlite::params![recent.id.trim(), seen_at],
                )?;
                continue;
            }
            let mut words = recent.name.split_whitespace();
            let mut entry = DirEntry {
                id: recent.id.clone(),
                lastname: words.next().unwrap_or_default().to_owned(),
                firstname: words.next().unwrap_or_default().to_owned(),
                middlename: words.collect::<Vec<_>>().join(" "),
                seen_at,
                ..DirEntry::default()
            };
            for value in &recent.phones {
                match contact_kind(value, None) {
                    Some(ContactKind::Phone) => entry.phones.push(value.clone()),
                    Some(ContactKind::Email) => entry.emails.push(value.clone()),
                    None => {}
                }
            }
            write_entry(&tx, &entry, city_code.as_deref())?;
            taken += 1;
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            rusqlite::params![MIGRATED, json_path.display().to_string()],
        )?;
        tx.commit()?;
        Ok(taken)
    }
}
