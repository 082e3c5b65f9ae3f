//! The directory's file and tables.

use std::fs;
use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode};

use super::DirectoryError;

/// The layout version, kept in `meta` under `schema`.
const SCHEMA_VERSION: &str = "1";

/// The statements kept compiled on the directory's connection.
const STATEMENTS: usize = 64;

/// The most SQLite keeps of the file's pages in memory, in KiB.
pub(super) const CACHE_KIB: i64 = 16 * 1024;

/// The tables. `terms` holds the folded words of names and e-mails and the
/// id, for prefix search; `phones.rdigits` the digits reversed, so that a
/// number's tail is an indexed prefix range too.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clients (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    lastname TEXT NOT NULL,
    firstname TEXT NOT NULL,
    middlename TEXT NOT NULL,
    emails TEXT NOT NULL,
    seen INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS clients_seen ON clients (seen);
CREATE TABLE IF NOT EXISTS phones (
    client INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    digits TEXT NOT NULL,
    rdigits TEXT NOT NULL,
    PRIMARY KEY (client, pos)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS phones_digits ON phones (digits);
CREATE INDEX IF NOT EXISTS phones_rdigits ON phones (rdigits);
CREATE TABLE IF NOT EXISTS terms (
    term TEXT NOT NULL,
    client INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    PRIMARY KEY (term, client, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS terms_client ON terms (client, term);
";

/// Creates the tables that are missing and sets the connection up.
pub(super) fn prepare(conn: &Connection, on_disk: bool) -> Result<(), DirectoryError> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // One query plan whatever the values bound. Without it SQLite marks a
    // statement whose plan looked at a bound value (a client's phones by
    // `client = ?1`, `LIMIT ?3`) to be compiled again once its bindings
    // are cleared, which the statement cache does each time it takes a
    // statement back: a search compiled the phones' statement again for
    // each of its 50 rows, a fifth of a keystroke's instructions. The
    // directory has no statistics (no ANALYZE) and binds no LIKE pattern,
    // so the plans are the same.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // A search uses up to a dozen statements, a card's upsert six more,
    // the call log its own: room for all, so none is compiled again.
    conn.set_prepared_statement_cache_capacity(STATEMENTS);
    // SQLite's default 2 MiB of pages held a keystroke's pages of a
    // directory of 100,000 clients (49 MB) badly: 330 reads from the file
    // per key, typing the same name again. Taken only as pages are read.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    if on_disk {
        // The TUI and `crmcard directory import` may use the file at once.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.execute_batch(SCHEMA)?;
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?1)",
        [SCHEMA_VERSION],
    )?;
    Ok(())
}

/// What is wrong with a directory file that cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// The file is there with nothing in it (0 bytes).
    Empty,
    /// The file is not a SQLite database, or a damaged one.
    NotADatabase,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Empty => "the client directory file is empty (0 bytes)",
            Self::NotADatabase => "the client directory file is not a SQLite database",
        })
    }
}

/// An existing regular file of 0 bytes is a directory that was lost (SQLite
/// would take it for a new, empty database).
pub(super) fn refuse_empty(path: &Path) -> Result<(), DirectoryError> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == 0 => Err(DirectoryError::Damaged {
            path: path.to_owned(),
            damage: Damage::Empty,
        }),
        _ => Ok(()),
    }
}

/// `error` as [`DirectoryError::Damaged`] when SQLite says the file is not
/// a database or is corrupt.
pub(super) fn damaged_or(error: DirectoryError, path: &Path) -> DirectoryError {
    match &error {
        DirectoryError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) =>
        {
            DirectoryError::Damaged {
                path: path.to_owned(),
                damage: Damage::NotADatabase,
            }
        }
        _ => error,
    }
}
