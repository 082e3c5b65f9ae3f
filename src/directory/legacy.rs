//! The one client directory of earlier versions (`directory.sqlite` and the
//! older `recent.json` under the data directory), which mixed every CRM the
//! desk used: taken once into the directory of the first CRM opened after
//! the upgrade ([`take_into`]).
//!
//! Taking is claimed by renaming: the old file becomes
//! `directory.sqlite.taking-<slug>` (an atomic rename, so two crmcards
//! starting at once never both take it), its clients are copied in one
//! transaction, and it is renamed `directory.sqlite.migrated-<slug>`: kept,
//! never read again. A crash in between is finished at the next start of
//! the same CRM.

use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{Directory, DirectoryError, read_entry, schema, write_entry};

/// The old directory file's name in the data directory.
pub const OLD_DIRECTORY: &str = "directory.sqlite";
/// The old recent-clients file's name in the data directory.
pub const OLD_RECENT: &str = "recent.json";
/// The `meta` key naming the old directory file taken in.
const TAKEN: &str = "legacy_directory_taken";
/// The `meta` key of the recent file's migration (as in `migrate.rs`).
const RECENT_MIGRATED: &str = "recent_migrated";

/// The old directory's clients taken into a CRM's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    /// How many clients came from the old directory and the recent file.
    pub clients: usize,
    /// Where the old directory file is kept now.
    pub kept_as: PathBuf,
}

/// Takes the old single directory (and the recent file) of `data_dir` into
/// `directory`, the directory of the CRM whose file names end in `slug`, if
/// no other CRM took them first. `None` when there was nothing to take. An
/// old directory file that is empty or not a database is
/// [`DirectoryError::Damaged`], left where it is for the caller to set
/// aside.
pub fn take_into(
    data_dir: &Path,
    slug: &str,
    directory: &mut Directory,
) -> Result<Option<Taken>, DirectoryError> {
    let mut taken: Option<Taken> = None;
    let settle_named = |old: &Path| settle(old).map_err(|e| named(old, e));
    if let Some(claimed) = claim(data_dir, OLD_DIRECTORY, slug, settle_named)? {
        let clients = if directory.meta(TAKEN)?.is_some() {
            0
        } else {
            copy_old(&claimed, directory).map_err(|e| named(&claimed, e))?
        };
        let kept_as = finish(&claimed, slug)?;
        taken = Some(Taken { clients, kept_as });
    }
    if let Some(claimed) = claim(data_dir, OLD_RECENT, slug, |_| Ok(()))? {
        // `migrate_recent` does nothing when the old directory had taken
        // the file in already (its mark came over with its clients).
        let clients = directory.migrate_recent(&claimed)?;
        let kept_as = finish(&claimed, slug)?;
        match &mut taken {
            Some(t) => t.clients += clients,
            None => taken = Some(Taken { clients, kept_as }),
        }
    }
    Ok(taken)
}

/// The old file claimed for this CRM (`<name>.taking-<slug>`): claimed now
/// by renaming it, or by an earlier run that did not finish. `None` when
/// there is none, or another CRM took it. `prepare` runs on the file before
/// it is renamed.
fn claim(
    data_dir: &Path,
    name: &str,
    slug: &str,
    prepare: impl FnOnce(&Path) -> Result<(), DirectoryError>,
) -> Result<Option<PathBuf>, DirectoryError> {
    let claimed = data_dir.join(format!("{name}.taking-{slug}"));
    if claimed.is_file() {
        return Ok(Some(claimed));
    }
    let old = data_dir.join(name);
    match std::fs::symlink_metadata(&old) {
        Ok(meta) if meta.is_file() => {}
        // A link, a folder or nothing: not a file of crmcard's to take.
        _ => return Ok(None),
    }
    prepare(&old)?;
    match std::fs::rename(&old, &claimed) {
        Ok(()) => Ok(Some(claimed)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(&old, &e)),
    }
}

/// The claimed file renamed `<name>.migrated-<slug>`: done.
fn finish(claimed: &Path, slug: &str) -> Result<PathBuf, DirectoryError> {
    let name = claimed
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split(".taking-").next())
        .unwrap_or(OLD_DIRECTORY);
    let kept_as = claimed.with_file_name(format!("{name}.migrated-{slug}"));
    std::fs::rename(claimed, &kept_as).map_err(|e| io_error(claimed, &e))?;
    Ok(kept_as)
}

/// Folds the old directory's write-ahead log into its file (so that the
/// file alone, renamed, holds everything); an old crmcard still running on
/// it makes this fail, and the taking waits for the next start.
/// An empty file, or one that is not a database, is
/// [`DirectoryError::Damaged`] (and stays where it is).
fn settle(old: &Path) -> Result<(), DirectoryError> {
    schema::refuse_empty(old)?;
    let conn = Connection::open_with_flags(old, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    conn.pragma_update(None, "journal_mode", "DELETE")
        .map_err(|e| schema::damaged_or(e.into(), old))?;
    conn.close().map_err(|(_, e)| DirectoryError::Sqlite(e))
}

/// Copies the clients of the old file into `directory` in one transaction,
/// with the mark that it is done. A client the directory knows already
/// keeps what it has; only its last-seen time may move forward.
fn copy_old(old: &Path, directory: &mut Directory) -> Result<usize, DirectoryError> {
    let source = Connection::open_with_flags(old, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let has_clients: bool = source
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'clients'",
            [],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    let recent_done: Option<String> = if has_clients {
        source
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [RECENT_MIGRATED],
                |r| r.get(0),
            )
            .optional()?
    } else {
        None
    };
    let city_code = directory.city_code().map(str::to_owned);
    let tx = directory.connection().transaction()?;
    let mut copied = 0;
    if has_clients {
        let mut rowids = source.prepare("SELECT rowid FROM clients ORDER BY rowid")?;
        let rowids = rowids.query_map([], |r| r.get::<_, i64>(0))?;
        for rowid in rowids {
            let entry = read_entry(&source, rowid?)?;
            let known: Option<i64> = tx
                .query_row(
                    "SELECT rowid FROM clients WHERE id = ?1",
                    [entry.id.trim()],
                    |r| r.get(0),
                )
                .optional()?;
            if known.is_some() {
                tx.execute(
                    "UPDATE clients SET seen = max(seen, ?2) WHERE id = ?1",
                    rusqlite::params![entry.id.trim(), entry.seen_at],
                )?;
            } else {
                write_entry(&tx, &entry, city_code.as_deref())?;
                copied += 1;
            }
        }
    }
    if let Some(done) = recent_done {
        tx.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)",
            rusqlite::params![RECENT_MIGRATED, done],
        )?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        rusqlite::params![TAKEN, old.display().to_string()],
    )?;
    tx.commit()?;
    Ok(copied)
}

/// A database error of the old file, naming the file (SQLite's words do
/// not).
fn named(path: &Path, error: DirectoryError) -> DirectoryError {
    match error {
        DirectoryError::Sqlite(e) => DirectoryError::Io {
            path: path.to_owned(),
            reason: e.to_string(),
        },
        other => other,
    }
}

fn io_error(path: &Path, e: &io::Error) -> DirectoryError {
    DirectoryError::Io {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Damage, DirEntry};

    fn client(id: &str, last: &str, phone: &str, seen_at: i64) -> DirEntry {
        DirEntry {
            id: id.to_owned(),
            lastname: last.to_owned(),
            phones: vec![phone.to_owned()],
            seen_at,
            ..DirEntry::default()
        }
    }

    /// An old single directory with two clients, left open as a running
    /// old crmcard would not (closed: its log folded in by SQLite).
    fn old_directory(data_dir: &Path) {
        let mut old = Directory::open(&data_dir.join(OLD_DIRECTORY)).expect("old");
        old.upsert(&client("1", "Ким", "89161234567", 10))
            .expect("upsert");
        old.upsert(&client("2", "Ли", "89161234568", 20))
            .expect("upsert");
    }

    #[test]
    fn the_first_crm_takes_the_old_directory_once() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path();
        old_directory(data);
        let mut first = Directory::in_memory().expect("first");
        let taken = take_into(data, "a-1-0", &mut first)
            .expect("take")
            .expect("taken");
        assert_eq!(taken.clients, 2);
        assert_eq!(taken.kept_as, data.join("directory.sqlite.migrated-a-1-0"));
        assert!(taken.kept_as.is_file());
        assert!(!data.join(OLD_DIRECTORY).exists());
        assert_eq!(first.count().expect("count"), 2);
        assert_eq!(
            first.clients_with_phone("+79161234568").expect("phone")[0].id,
            "2"
        );
        // Again for the same CRM, and for another: nothing more.
        assert_eq!(take_into(data, "a-1-0", &mut first).expect("again"), None);
        let mut second = Directory::in_memory().expect("second");
        assert_eq!(take_into(data, "b-1-0", &mut second).expect("other"), None);
        assert_eq!(second.count().expect("count"), 0);
    }

    #[test]
    fn a_taking_cut_short_is_finished_by_the_same_crm_only() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path();
        old_directory(data);
        // A run that claimed the file and stopped before copying.
        std::fs::rename(
            data.join(OLD_DIRECTORY),
            data.join("directory.sqlite.taking-a-1-0"),
        )
        .expect("claim");
        let mut other = Directory::in_memory().expect("other");
        assert_eq!(take_into(data, "b-1-0", &mut other).expect("other"), None);
        let mut first = Directory::in_memory().expect("first");
        let taken = take_into(data, "a-1-0", &mut first)
            .expect("take")
            .expect("taken");
        assert_eq!(taken.clients, 2);
        assert!(!data.join("directory.sqlite.taking-a-1-0").exists());
        // Copied and marked, but stopped before the last rename: the next
        // start renames it and copies nothing twice.
        let mut again = Directory::in_memory().expect("again");
        again
            .set_meta(TAKEN, "earlier")
            .expect("a directory that took it already");
        std::fs::rename(&taken.kept_as, data.join("directory.sqlite.taking-c-1-0"))
            .expect("claimed again");
        let done = take_into(data, "c-1-0", &mut again)
            .expect("finish")
            .expect("finished");
        assert_eq!(done.clients, 0);
        assert_eq!(again.count().expect("count"), 0);
    }

    #[test]
    fn the_recent_file_goes_with_it_once() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path();
        std::fs::write(
            data.join(OLD_RECENT),
            r#"{"version": 1, "entries": [{"id": "42", "name": "Иванов Иван",
                "phones": ["8 916 123-45-67"], "opened_at": 1700000000}]}"#,
        )
        .expect("write");
        let mut first = Directory::in_memory().expect("first");
        let taken = take_into(data, "a-1-0", &mut first)
            .expect("take")
            .expect("taken");
        assert_eq!(taken.clients, 1);
        assert!(data.join("recent.json.migrated-a-1-0").is_file());
        let mut second = Directory::in_memory().expect("second");
        assert_eq!(take_into(data, "b-1-0", &mut second).expect("other"), None);
    }

    #[test]
    fn an_old_directory_that_took_the_recent_file_is_not_given_it_twice() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path();
        let recent = data.join(OLD_RECENT);
        std::fs::write(
            &recent,
            r#"{"version": 1, "entries": [{"id": "42", "name": "Иванов Иван",
                "phones": [], "opened_at": 5}]}"#,
        )
        .expect("write");
        {
            let mut old = Directory::open(&data.join(OLD_DIRECTORY)).expect("old");
            old.migrate_recent(&recent)
                .expect("taken in by the old version");
            // Deleted in the CRM since: the recent file must not bring it back.
            old.remove("42").expect("remove");
            old.upsert(&client("1", "Ким", "89161234567", 10))
                .expect("upsert");
        }
        let mut first = Directory::in_memory().expect("first");
        let taken = take_into(data, "a-1-0", &mut first)
            .expect("take")
            .expect("taken");
        assert_eq!(taken.clients, 1);
        assert_eq!(first.get("42").expect("get"), None);
        assert!(data.join("recent.json.migrated-a-1-0").is_file());
    }

    #[test]
    fn an_old_file_that_is_empty_or_not_a_database_is_damaged_and_stays() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path();
        let old = data.join(OLD_DIRECTORY);
        for (bytes, damage) in [
            (String::new(), Damage::Empty),
            ("not a database\n".repeat(50), Damage::NotADatabase),
        ] {
            std::fs::write(&old, &bytes).expect("write");
            let mut first = Directory::in_memory().expect("first");
            let error = take_into(data, "a-1-0", &mut first).expect_err("damaged");
            assert!(
                matches!(&error, DirectoryError::Damaged { path, damage: d } if *path == old && *d == damage),
                "{error:?}"
            );
            assert_eq!(std::fs::read_to_string(&old).expect("stays"), bytes);
            assert_eq!(first.count().expect("count"), 0);
        }
    }

    #[test]
    fn a_link_or_a_folder_in_the_old_files_place_is_left_alone() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path();
        std::fs::create_dir(data.join(OLD_DIRECTORY)).expect("a folder");
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", data.join(OLD_RECENT)).expect("a link");
        let mut first = Directory::in_memory().expect("first");
        assert_eq!(take_into(data, "a-1-0", &mut first).expect("take"), None);
        assert!(data.join(OLD_DIRECTORY).is_dir());
    }
}
