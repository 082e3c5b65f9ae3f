//! The replica's bookkeeping in the desk's SQLite file, shared by the
//! clients' replica (`replica`) and the calls' (`calls::replica`): counting
//! a queue, and the `shared_state` values (where each feed was read to).

use rusqlite::{OptionalExtension, params};

use crate::directory::{Directory, DirectoryError};

/// How many rows wait in the queue table `outbox` (one of `replica`'s
/// and `calls::replica`'s own table names, never text from outside).
pub(crate) fn queued_in(directory: &mut Directory, outbox: &str) -> Result<u64, DirectoryError> {
    let n: i64 =
        directory
            .connection()
            .query_row(&format!("SELECT count(*) FROM {outbox}"), [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// The value kept under `key` in `shared_state`, if any.
pub(crate) fn state(
    directory: &mut Directory,
    key: &str,
) -> Result<Option<String>, DirectoryError> {
    Ok(directory
        .connection()
        .query_row(
            "SELECT value FROM shared_state WHERE key = ?1",
            params![key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Keeps `value` under `key` in `shared_state`, in `conn`'s transaction.
pub(crate) fn set_state(
    conn: &rusqlite::Connection,
    key: &str,
    value: &str,
) -> Result<(), DirectoryError> {
    conn.execute(
        "INSERT INTO shared_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
