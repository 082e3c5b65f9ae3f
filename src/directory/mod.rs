//! The client directory: every client this desk has opened, created or saved.
//!
//! The CRM cannot search, so the operator finds a caller here: by any form of
//! a phone number or its tail, by words of the name in any order, by a piece
//! of an e-mail, or by the id ([`Directory::search`]). A [`Directory`] is
//! the directory of one CRM (a client id means something only there): a
//! SQLite file per CRM under the data directory ([`local`]), readable by the
//! owner only, indexed so that a search answers as the operator types at
//! 100,000 clients.
//!
//! Phones are stored in the canonical form ([`crate::phone`]) where they
//! parse, as typed otherwise. All calls are synchronous: run them from a
//! blocking task.
//!
//! - [`import`]: `crmcard directory import`'s rows added in batches, for
//!   [`csv`] (with [`import_text`]: UTF-8 or Windows-1251, line numbers)
//!   and [`xlsx`] (workbooks), the formats of import and export;
//! - [`export_file`]: where an export may write (a regular file only);
//!   `cell_text`: CSV cells a spreadsheet will not compute;
//! - [`command`]: the command line's `directory` subcommand;
//! - [`local`]: which file is a CRM's directory, opening it;
//! - [`legacy`]: the single directory of earlier versions, taken in once;
//! - [`migrate`]: the old recent-clients file, taken in once;
//! - [`handle`]: the directory shared by the executor's tasks.

mod cell_text;
pub mod command;
pub mod csv;
pub(crate) mod export_file;
pub(crate) mod handle;
pub(crate) mod import;
pub(crate) mod import_text;
pub(crate) mod legacy;
pub(crate) mod local;
pub(crate) mod migrate;
pub(crate) mod recent_file;
mod schema;
mod search;
mod similar;
mod slot;
mod terms;
pub(crate) mod xlsx;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::api::model::{ClientCard, ContactType};
use crate::phone;

pub use handle::DirectoryHandle;
pub use schema::Damage;
pub use search::{Hit, Match};
pub use slot::{DirectorySlot, SlotFiller};

/// One client of the directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirEntry {
    /// The client id in the CRM.
    pub id: String,
    /// Фамилия.
    pub lastname: String,
    /// Имя.
    pub firstname: String,
    /// Отчество.
    pub middlename: String,
    /// Canonical (`+79161234567`) where the number parses, else as typed.
    pub phones: Vec<String>,
    /// E-mail addresses as typed.
    pub emails: Vec<String>,
    /// When this desk last opened, created or saved the card, in unix
    /// seconds; 0 for a client only imported.
    pub seen_at: i64,
}

impl DirEntry {
    /// "Фамилия Имя Отчество", without the missing parts.
    pub fn name(&self) -> String {
        [&self.lastname, &self.firstname, &self.middlename]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Why the directory could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// The database said no.
    #[error("client directory: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file could not be read, written or created.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// A file to import cannot be used at all (a bad row is only skipped).
    #[error("{0}")]
    BadFile(String),
    /// A client without an id cannot be kept.
    #[error("a client without an id cannot be kept in the directory")]
    NoId,
    /// The task running the call ended before it answered.
    #[error("client directory: the task stopped ({0})")]
    Stopped(String),
    /// The file is there but holds no directory (emptied, or replaced by
    /// something that is not a SQLite database): never used as one, nor
    /// silently recreated empty over it.
    #[error("{}: {damage}", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        damage: Damage,
    },
}

/// The client directory, over one SQLite connection.
pub struct Directory {
    conn: Connection,
    city_code: Option<String>,
}

impl std::fmt::Debug for Directory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Directory")
            .field("path", &self.conn.path())
            .finish_non_exhaustive()
    }
}

impl Directory {
    /// Opens the directory file, creating it (0600) and its directory (0700)
    /// when missing, and bringing its tables up to date. A file that is
    /// there but empty, or not a SQLite database, is
    /// [`DirectoryError::Damaged`] and left as it is.
    pub fn open(path: &Path) -> Result<Directory, DirectoryError> {
        schema::refuse_empty(path)?;
        crate::files::open_private_append(path).map_err(|e| DirectoryError::Io {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        let conn = Connection::open(path)?;
        schema::prepare(&conn, true).map_err(|e| schema::damaged_or(e, path))?;
        Ok(Directory {
            conn,
            city_code: None,
        })
    }

    /// A directory that lives in memory only (tests, or no data directory).
    pub fn in_memory() -> Result<Directory, DirectoryError> {
        let conn = Connection::open_in_memory()?;
        schema::prepare(&conn, false)?;
        Ok(Directory {
            conn,
            city_code: None,
        })
    }

    /// The connection, for the tables kept beside the directory's (the
    /// call log: `crate::calllog`).
    pub fn shared_connection(&self) -> &Connection {
        &self.conn
    }

    /// The city code (`[phone] city_code`) completing seven-digit numbers
    /// stored or searched from now on.
    pub fn with_city_code(mut self, city_code: Option<String>) -> Directory {
        self.city_code = city_code;
        self
    }

    /// The city code in use.
    pub fn city_code(&self) -> Option<&str> {
        self.city_code.as_deref()
    }

    /// Adds the client or replaces what is known of it (phones normalised,
    /// duplicates dropped). The last-seen time only moves forward.
    pub fn upsert(&mut self, entry: &DirEntry) -> Result<(), DirectoryError> {
        let tx = self.conn.transaction()?;
        write_entry(&tx, entry, self.city_code.as_deref())?;
        tx.commit()?;
        Ok(())
    }

    /// Adds or updates the client of a card the desk has just seen: phones
    /// from the contacts of a phone type, e-mails from those of an e-mail
    /// type. A contact whose type is not in `contact_types` (not loaded yet)
    /// counts as an e-mail if it has an `@`, as a phone if it looks like one.
    pub fn upsert_card(
        &mut self,
        card: &ClientCard,
        contact_types: &[ContactType],
        seen_at: i64,
    ) -> Result<(), DirectoryError> {
        let mut entry = DirEntry {
            id: card.id.clone(),
            lastname: card.lastname.clone(),
            firstname: card.firstname.clone(),
            middlename: card.middlename.clone(),
            seen_at,
            ..DirEntry::default()
        };
        for contact in &card.contacts {
            let kind = contact_types.iter().find(|t| t.id == contact.type_id);
            match contact_kind(&contact.value, kind) {
                Some(ContactKind::Phone) => entry.phones.push(contact.value.clone()),
                Some(ContactKind::Email) => entry.emails.push(contact.value.clone()),
                None => {}
            }
        }
        self.upsert(&entry)
    }

    /// Forgets the client (e.g. deleted in the CRM). Whether it was known.
    pub fn remove(&mut self, id: &str) -> Result<bool, DirectoryError> {
        let tx = self.conn.transaction()?;
        let known = delete_entry(&tx, id)?;
        tx.commit()?;
        Ok(known)
    }

    /// The client with this id, if known.
    pub fn get(&self, id: &str) -> Result<Option<DirEntry>, DirectoryError> {
        let rowid: Option<i64> = self
            .conn
            .prepare_cached("SELECT rowid FROM clients WHERE id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        match rowid {
            Some(rowid) => Ok(Some(read_entry(&self.conn, rowid)?)),
            None => Ok(None),
        }
    }

    /// The clients having this phone (any form that parses to the same
    /// canonical number; as typed otherwise), most recently seen first: for
    /// duplicate checks and incoming calls.
    pub fn clients_with_phone(&self, phone: &str) -> Result<Vec<DirEntry>, DirectoryError> {
        let digits = stored_phone(phone, self.city_code()).1.unwrap_or_default();
        if digits.is_empty() {
            return Ok(Vec::new());
        }
        let rowids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT c.rowid, c.seen FROM phones p JOIN clients c ON c.rowid = p.client
                 WHERE p.digits = ?1 ORDER BY c.seen DESC, c.id",
            )?
            .query_map(params![digits], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        rowids
            .into_iter()
            .map(|rowid| read_entry(&self.conn, rowid))
            .collect()
    }

    /// How many clients the directory holds.
    pub fn count(&self) -> Result<u64, DirectoryError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM clients", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// Every client, most recently seen first, then by id.
    pub fn for_each(
        &self,
        mut f: impl FnMut(DirEntry) -> Result<(), DirectoryError>,
    ) -> Result<(), DirectoryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT rowid FROM clients ORDER BY seen DESC, id")?;
        let rowids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        for rowid in rowids {
            f(read_entry(&self.conn, rowid?)?)?;
        }
        Ok(())
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>, DirectoryError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    #[cfg(any(test, feature = "sandbox"))]
    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<(), DirectoryError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
        Ok(())
    }

    pub(crate) fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// What a contact value is kept as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContactKind {
    Phone,
    Email,
}

/// Phone, e-mail or neither: by the contact type when known, else by the
/// look of the value.
pub(crate) fn contact_kind(value: &str, contact_type: Option<&ContactType>) -> Option<ContactKind> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match contact_type {
        Some(t) if t.is_phone => Some(ContactKind::Phone),
        Some(t) if t.is_email => Some(ContactKind::Email),
        Some(_) => None,
        None if value.contains('@') => Some(ContactKind::Email),
        None if phone::is_phone_like(value) => Some(ContactKind::Phone),
        None => None,
    }
}

/// The text a phone is stored as (canonical, or trimmed as typed) and the
/// digits it is searched by (`None` when it has none).
pub(crate) fn stored_phone(text: &str, city_code: Option<&str>) -> (String, Option<String>) {
    match phone::parse(text, city_code) {
        Ok(p) => (p.canonical().to_owned(), Some(p.digits().to_owned())),
        Err(_) => {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            (
                text.trim().to_owned(),
                Some(digits).filter(|d| !d.is_empty()),
            )
        }
    }
}

/// Writes one entry inside a transaction; the caller commits.
pub(crate) fn write_entry(
    conn: &Connection,
    entry: &DirEntry,
    city_code: Option<&str>,
) -> Result<(), DirectoryError> {
    let id = entry.id.trim();
    if id.is_empty() {
        return Err(DirectoryError::NoId);
    }
    let rowid: i64 = conn
        .prepare_cached(
            "INSERT INTO clients (id, lastname, firstname, middlename, emails, seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET lastname = excluded.lastname,
                 firstname = excluded.firstname, middlename = excluded.middlename,
                 emails = excluded.emails, seen = max(seen, excluded.seen)
             RETURNING rowid",
        )?
        .query_row(
            params![
                id,
                entry.lastname.trim(),
                entry.firstname.trim(),
                entry.middlename.trim(),
                unique(entry.emails.iter().map(|e| e.trim().to_owned())).join("\n"),
                entry.seen_at
            ],
            |r| r.get(0),
        )?;
    conn.prepare_cached("DELETE FROM phones WHERE client = ?1")?
        .execute(params![rowid])?;
    conn.prepare_cached("DELETE FROM terms WHERE client = ?1")?
        .execute(params![rowid])?;
    let phones = unique(entry.phones.iter().map(|p| stored_phone(p, city_code)));
    let mut insert_phone = conn.prepare_cached(
        "INSERT INTO phones (client, pos, text, digits, rdigits) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, (text, digits)) in phones.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let digits = digits.clone().unwrap_or_default();
        let reversed: String = digits.chars().rev().collect();
        insert_phone.execute(params![rowid, pos as i64, text, digits, reversed])?;
    }
    let mut insert_term = conn
        .prepare_cached("INSERT OR IGNORE INTO terms (term, client, kind) VALUES (?1, ?2, ?3)")?;
    for (term, kind) in terms::of_entry(id, entry) {
        insert_term.execute(params![term, rowid, kind as i64])?;
    }
    Ok(())
}

/// Deletes one entry inside a transaction; the caller commits. Whether it
/// was known.
pub(crate) fn delete_entry(conn: &Connection, id: &str) -> Result<bool, DirectoryError> {
    let rowid: Option<i64> = conn
        .query_row(
            "DELETE FROM clients WHERE id = ?1 RETURNING rowid",
            params![id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(rowid) = rowid {
        conn.execute("DELETE FROM phones WHERE client = ?1", params![rowid])?;
        conn.execute("DELETE FROM terms WHERE client = ?1", params![rowid])?;
    }
    Ok(rowid.is_some())
}

/// A client's row but its phones: read for each hit of a search.
const READ_CLIENT: &str =
    "SELECT id, lastname, firstname, middlename, emails, seen FROM clients WHERE rowid = ?1";

/// A client's phones, in their order.
const READ_PHONES: &str = "SELECT text FROM phones WHERE client = ?1 ORDER BY pos";

/// Reads the whole entry of a row.
pub(crate) fn read_entry(conn: &Connection, rowid: i64) -> Result<DirEntry, DirectoryError> {
    let (id, lastname, firstname, middlename, emails, seen_at): (
        String,
        String,
        String,
        String,
        String,
        i64,
    ) = conn
        .prepare_cached(READ_CLIENT)?
        .query_row(params![rowid], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
    let phones = conn
        .prepare_cached(READ_PHONES)?
        .query_map(params![rowid], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(DirEntry {
        id,
        lastname,
        firstname,
        middlename,
        phones,
        emails: emails
            .split('\n')
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .collect(),
        seen_at,
    })
}

/// The items in their order, without repeats and empty ones.
fn unique<T: PartialEq + AsRefStr>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !item.as_str().is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

trait AsRefStr {
    fn as_str(&self) -> &str;
}

impl AsRefStr for String {
    fn as_str(&self) -> &str {
        self
    }
}

impl AsRefStr for (String, Option<String>) {
    fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests;
