//! The sandbox's data in SQLite: the connection, the schema, small helpers.
//!
//! The connection sits behind a `std::sync::Mutex`: every operation is short
//! and synchronous, and the lock is never held across an `.await`.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::error::{ApiError, SandboxError};
use super::ids::parse_id;
use super::seed::{self, SeedFiles};

/// Bumped when the schema changes; a file with `user_version` 0 is new and
/// gets seeded.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS contact_types (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL,
    is_phone INTEGER NOT NULL, is_email INTEGER NOT NULL, is_skype INTEGER NOT NULL,
    is_social_network INTEGER NOT NULL, mailing INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS address_types (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS countries (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cities (
    id INTEGER PRIMARY KEY,
    country_id INTEGER NOT NULL REFERENCES countries(id),
    name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS cities_country ON cities(country_id);
CREATE TABLE IF NOT EXISTS streets (
    id INTEGER PRIMARY KEY,
    city_id INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
    name TEXT NOT NULL, post_code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS streets_city ON streets(city_id);
CREATE TABLE IF NOT EXISTS metro (
    id INTEGER PRIMARY KEY,
    city_id INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
    name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS metro_city ON metro(city_id);
CREATE TABLE IF NOT EXISTS clients (
    id INTEGER PRIMARY KEY,
    lastname TEXT NOT NULL, firstname TEXT NOT NULL, middlename TEXT NOT NULL,
    birthday TEXT NOT NULL, note TEXT NOT NULL,
    accounts TEXT NOT NULL, cards TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    type_id INTEGER NOT NULL REFERENCES contact_types(id),
    value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS contacts_client ON contacts(client_id);
CREATE TABLE IF NOT EXISTS addresses (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    type_id INTEGER NOT NULL REFERENCES address_types(id),
    country_id INTEGER REFERENCES countries(id),
    zip TEXT NOT NULL, region TEXT NOT NULL,
    city_id INTEGER REFERENCES cities(id),
    street_id INTEGER REFERENCES streets(id),
    house TEXT NOT NULL, building TEXT NOT NULL, entry TEXT NOT NULL, floor TEXT NOT NULL,
    apartments TEXT NOT NULL, entry_code TEXT NOT NULL, dop_info TEXT NOT NULL,
    lat TEXT NOT NULL, lng TEXT NOT NULL,
    metro_station_id INTEGER REFERENCES metro(id),
    read_only INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS addresses_client ON addresses(client_id);
CREATE INDEX IF NOT EXISTS addresses_city ON addresses(city_id);
CREATE INDEX IF NOT EXISTS addresses_street ON addresses(street_id);
CREATE TABLE IF NOT EXISTS id_counters (tbl TEXT PRIMARY KEY, next INTEGER NOT NULL);
";

/// The tables whose new ids are 14-digit numbers, never given twice (the
/// real CRM does not reuse ids, and a reused one would make a stale
/// directory entry open a stranger's card).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Table {
    Cities,
    Streets,
    Clients,
    Contacts,
    Addresses,
}

impl Table {
    const ALL: [Table; 5] = [
        Table::Cities,
        Table::Streets,
        Table::Clients,
        Table::Contacts,
        Table::Addresses,
    ];

    fn name(self) -> &'static str {
        match self {
            Table::Cities => "cities",
            Table::Streets => "streets",
            Table::Clients => "clients",
            Table::Contacts => "contacts",
            Table::Addresses => "addresses",
        }
    }
}

/// The smallest 14-digit id, the first one of an empty table.
const FIRST_ID: i64 = 10_000_000_000_000;

/// The database of one sandbox.
#[derive(Debug)]
pub(crate) struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens the file (or memory), creates the schema if missing and seeds a
    /// new database with the built-in seed.
    pub(crate) fn open(db: Option<&Path>) -> Result<Store, SandboxError> {
        Self::open_with(db, &SeedFiles::BUILT_IN)
    }

    pub(crate) fn open_with(db: Option<&Path>, seed: &SeedFiles) -> Result<Store, SandboxError> {
        let mut conn = match db {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        conn.pragma_update(None, "foreign_keys", true)?;
        // Another sandbox may use the file at once (two demo windows): it
        // waits for the other's writes rather than failing, and whichever
        // comes first seeds a new file, the other sees it seeded.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        tx.execute_batch(SCHEMA)?;
        if version == 0 {
            seed::load(&tx, seed)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        tx.commit()?;
        // Files from before the counters, and the seed's own ids: counting
        // starts after the largest id there is.
        for table in Table::ALL {
            conn.execute(
                &format!(
                    "INSERT OR IGNORE INTO id_counters (tbl, next) \
                     SELECT ?1, COALESCE(MAX(id) + 1, 0) FROM {}",
                    table.name()
                ),
                [table.name()],
            )?;
        }
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    /// Runs `f` with the connection locked.
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut conn)
    }
}

/// The next id of a table, at least [`FIRST_ID`], after every id the table
/// ever had: the counter moves on even when rows are deleted, and it is kept
/// in the database, so a restart with `--db` does not reuse ids either.
pub(crate) fn next_id(conn: &Connection, table: Table) -> rusqlite::Result<i64> {
    let max: Option<i64> =
        conn.query_row(&format!("SELECT MAX(id) FROM {}", table.name()), [], |r| {
            r.get(0)
        })?;
    let counter: Option<i64> = conn
        .query_row(
            "SELECT next FROM id_counters WHERE tbl = ?1",
            [table.name()],
            |r| r.get(0),
        )
        .optional()?;
    let id = max
        .map_or(FIRST_ID, |m| m + 1)
        .max(counter.unwrap_or(FIRST_ID))
        .max(FIRST_ID);
    conn.execute(
        "INSERT INTO id_counters (tbl, next) VALUES (?1, ?2) \
         ON CONFLICT(tbl) DO UPDATE SET next = excluded.next",
        rusqlite::params![table.name(), id + 1],
    )?;
    Ok(id)
}

/// Whether a row with this id exists in `table` (a name from this module's
/// schema, never from a request).
pub(crate) fn exists(conn: &Connection, table: &str, id: i64) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE id = ?1"),
            [id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The id of an existing row of `table`, from the query's text; 404 if none.
pub(crate) fn existing(
    conn: &Connection,
    table: &str,
    what: &str,
    id: &str,
) -> Result<i64, ApiError> {
    match parse_id(id) {
        Some(n) if exists(conn, table, n)? => Ok(n),
        _ => Err(ApiError::not_found(what, id)),
    }
}

/// The parent id of a row (`country_id` of a city, `city_id` of a street or
/// a metro station), or `None` if there is no such row.
pub(crate) fn parent(
    conn: &Connection,
    table: &str,
    column: &str,
    id: i64,
) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        &format!("SELECT {column} FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_digits_only() {
        assert_eq!(parse_id("10000000009188"), Some(10_000_000_009_188));
        assert_eq!(parse_id(" 7 "), Some(7));
        assert_eq!(parse_id(""), None);
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id("1e3"), None);
        assert_eq!(parse_id("1234567890123456789"), None);
    }

    #[test]
    fn new_ids_follow_every_id_ever_given() -> Result<(), SandboxError> {
        let store = Store::open(None)?;
        store
            .with(|conn| {
                let max: i64 = conn.query_row("SELECT MAX(id) FROM clients", [], |r| r.get(0))?;
                assert_eq!(next_id(conn, Table::Clients)?, max + 1);
                assert_eq!(next_id(conn, Table::Clients)?, max + 2);
                let contacts: i64 =
                    conn.query_row("SELECT MAX(id) FROM contacts", [], |r| r.get(0))?;
                conn.execute("DELETE FROM contacts", [])?;
                // The seed's ids are not given again either.
                assert_eq!(next_id(conn, Table::Contacts)?, contacts + 1);
                Ok(())
            })
            .map_err(|e| SandboxError::Io(std::io::Error::other(e.text)))
    }

    #[test]
    fn two_sandboxes_opening_one_new_file_at_once_seed_it_once() {
        // Two `crmcard --demo` windows started together share the demo's
        // file: neither fails, and the seed is there once.
        let tmp = tempfile::tempdir().expect("tempdir");
        let db = tmp.path().join("sandbox.sqlite");
        let start = std::sync::Arc::new(std::sync::Barrier::new(2));
        let opened: Vec<_> = (0..2)
            .map(|_| {
                let (db, start) = (db.clone(), std::sync::Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(Some(&db)).map(drop).map_err(|e| e.to_string())
                })
            })
            .collect();
        for handle in opened {
            assert_eq!(handle.join().expect("the thread"), Ok(()));
        }
        let seeded = Store::open(None).expect("memory");
        let count = |store: &Store| {
            store
                .with(|conn| {
                    Ok(conn.query_row("SELECT COUNT(*) FROM clients", [], |r| r.get::<_, i64>(0))?)
                })
                .map_err(|e| e.text)
        };
        let store = Store::open(Some(&db)).expect("the file");
        assert_eq!(count(&store), count(&seeded));
    }
}
