//! Adding the rows of a file (CSV or a workbook) to the directory.
//!
//! The header names the columns `id`, `lastname`, `firstname`,
//! `middlename`, `phones`, `emails` in any order (any case); only `id` is
//! required and other columns are ignored. A cell may hold several phones or
//! e-mails, separated as the file's format says, or by line breaks.
//!
//! A row without an id, with a phone without digits, an e-mail without `@`
//! or the wrong number of cells is reported by its line and skipped. A
//! client already known keeps its last-seen time and what the file does not
//! say; the file's names replace the known ones and its phones and e-mails
//! are added to them, so importing the same file again changes nothing.
//!
//! Rows are written [`BATCH_ROWS`] at a time, each batch in a transaction
//! of its own, so that a running crmcard is never kept waiting for the
//! directory for more than a moment; an import that stops half-way leaves
//! the batches before it written, and running it again finishes the job.

use rusqlite::OptionalExtension;

use super::cell_text::restored;
use super::import_text::TextEncoding;
use super::{DirEntry, Directory, DirectoryError, read_entry, stored_phone, write_entry};
use crate::text::sanitize;

/// The columns, in the order an export writes them.
pub const COLUMNS: [&str; 6] = [
    "id",
    "lastname",
    "firstname",
    "middlename",
    "phones",
    "emails",
];

/// Rows written per transaction.
pub const BATCH_ROWS: usize = 1_000;

/// How an import went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Data rows read (bad ones included).
    pub rows: usize,
    /// Clients new to the directory.
    pub added: usize,
    /// Known clients the file changed.
    pub updated: usize,
    /// Known clients the file had nothing new for.
    pub unchanged: usize,
    /// The rows skipped, in file order.
    pub bad: Vec<BadRow>,
    /// How a text file's bytes were read (`None` for a workbook).
    pub encoding: Option<TextEncoding>,
}

/// A row that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The line of the file the row starts on (the header is line 1), or
    /// the row of the sheet.
    pub line: u64,
    /// Why.
    pub reason: BadReason,
}

/// Why a row was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadReason {
    /// The id cell is empty.
    NoId,
    /// A phone without a digit.
    NotAPhone(String),
    /// An e-mail without `@`, or with a space.
    NotAnEmail(String),
    /// A row with more or fewer cells than the header.
    CellCount { cells: u64, header: u64 },
    /// The row cannot be read at all (the CSV reader's words).
    Unreadable(String),
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match &self.reason {
            BadReason::NoId => write!(f, "no id"),
            BadReason::NotAPhone(v) => write!(f, "{v:?} is not a phone number"),
            BadReason::NotAnEmail(v) => write!(f, "{v:?} is not an e-mail address"),
            BadReason::CellCount { cells, header } => {
                write!(f, "{cells} cells where the header has {header}")
            }
            BadReason::Unreadable(why) => write!(f, "{why}"),
        }
    }
}

/// Why a file could not be imported at all (a bad row is only skipped).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The header has no `id` column.
    #[error("the header line has no `id` column (expected columns: {})", COLUMNS.join(", "))]
    NoIdColumn,
    /// The header line cannot be read: the reader's reason.
    #[error("the header line cannot be read: {0}")]
    Header(String),
    /// A `.xlsx` file that is not a workbook crmcard can read.
    #[error("not a workbook: {0}")]
    Workbook(String),
    #[error(transparent)]
    Directory(#[from] DirectoryError),
}

/// Where each known column is in the file.
#[derive(Default)]
pub(super) struct Layout {
    id: usize,
    lastname: Option<usize>,
    firstname: Option<usize>,
    middlename: Option<usize>,
    phones: Option<usize>,
    emails: Option<usize>,
}

impl Layout {
    /// The layout a header gives, or why the file cannot be imported.
    pub(super) fn of<'a>(
        headers: impl Iterator<Item = &'a str> + Clone,
    ) -> Result<Self, ImportError> {
        let find = |name: &str| {
            headers.clone().position(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(name)
            })
        };
        Ok(Layout {
            id: find("id").ok_or(ImportError::NoIdColumn)?,
            lastname: find("lastname"),
            firstname: find("firstname"),
            middlename: find("middlename"),
            phones: find("phones"),
            emails: find("emails"),
        })
    }

    /// The entry a row describes (`cell(i)`: the text of its `i`th cell,
    /// empty when missing), or why the row is bad. Several phones or
    /// e-mails in a cell are separated by `separators` or line breaks.
    /// With `marks`, a cell's spreadsheet text mark is removed (a CSV file,
    /// see [`restored`]).
    pub(super) fn entry<'a>(
        &self,
        cell: impl Fn(usize) -> &'a str,
        separators: &[char],
        marks: bool,
    ) -> Result<DirEntry, BadReason> {
        let cell =
            |i: Option<usize>| i.map_or("", |i| if marks { restored(cell(i)) } else { cell(i) });
        let id = sanitize(cell(Some(self.id))).trim().to_owned();
        if id.is_empty() {
            return Err(BadReason::NoId);
        }
        let values = |i: Option<usize>| -> Vec<String> {
            cell(i)
                .split(|c: char| separators.contains(&c) || c == '\n' || c == '\r')
                .map(|v| sanitize(v).trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect()
        };
        let phones = values(self.phones);
        if let Some(bad) = phones
            .iter()
            .find(|p| !p.chars().any(|c| c.is_ascii_digit()))
        {
            return Err(BadReason::NotAPhone(bad.clone()));
        }
        let emails = values(self.emails);
        if let Some(bad) = emails.iter().find(|e| !e.contains('@') || e.contains(' ')) {
            return Err(BadReason::NotAnEmail(bad.clone()));
        }
        let name = |i: Option<usize>| sanitize(cell(i)).trim().to_owned();
        Ok(DirEntry {
            id,
            lastname: name(self.lastname),
            firstname: name(self.firstname),
            middlename: name(self.middlename),
            phones,
            emails,
            seen_at: 0,
        })
    }
}

/// Adds `rows` (each with the line it starts on) to the directory in
/// batches of [`BATCH_ROWS`]; `progress` is called after each batch is
/// written, with the rows read so far.
pub(super) fn import_rows(
    directory: &mut Directory,
    rows: impl Iterator<Item = (u64, Result<DirEntry, BadReason>)>,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, DirectoryError> {
    let city_code = directory.city_code.clone();
    let mut rows = rows;
    let mut report = ImportReport::default();
    loop {
        let tx = directory.connection().transaction()?;
        let mut in_batch = 0;
        for (line, row) in rows.by_ref() {
            report.rows += 1;
            in_batch += 1;
            match row {
                Ok(row) => add(&tx, row, city_code.as_deref(), &mut report)?,
                Err(reason) => report.bad.push(BadRow { line, reason }),
            }
            if in_batch == BATCH_ROWS {
                break;
            }
        }
        tx.commit()?;
        if in_batch > 0 {
            progress(report.rows);
        }
        if in_batch < BATCH_ROWS {
            return Ok(report);
        }
    }
}

/// Adds one row's client, or merges it with the one known.
fn add(
    tx: &rusqlite::Transaction<'_>,
    row: DirEntry,
    city_code: Option<&str>,
    report: &mut ImportReport,
) -> Result<(), DirectoryError> {
    let rowid: Option<i64> = tx
        .prepare_cached("SELECT rowid FROM clients WHERE id = ?1")?
        .query_row([&row.id], |r| r.get(0))
        .optional()?;
    match rowid {
        None => {
            write_entry(tx, &row, city_code)?;
            report.added += 1;
        }
        Some(rowid) => {
            let known = read_entry(tx, rowid)?;
            let merged = merge(&known, row, city_code);
            if merged == known {
                report.unchanged += 1;
            } else {
                write_entry(tx, &merged, city_code)?;
                report.updated += 1;
            }
        }
    }
    Ok(())
}

/// What is known, with the row's names (where it has them) and its phones
/// and e-mails added; in the stored forms, so that it compares equal to what
/// [`read_entry`] gives when nothing changes.
fn merge(known: &DirEntry, row: DirEntry, city_code: Option<&str>) -> DirEntry {
    let pick = |new: String, old: &String| {
        if new.trim().is_empty() {
            old.clone()
        } else {
            new.trim().to_owned()
        }
    };
    let mut phones = known.phones.clone();
    for phone in row.phones {
        let (stored, _) = stored_phone(&phone, city_code);
        if !phones.contains(&stored) {
            phones.push(stored);
        }
    }
    let mut emails = known.emails.clone();
    for email in row.emails {
        if !emails.contains(&email) {
            emails.push(email);
        }
    }
    DirEntry {
        id: known.id.clone(),
        lastname: pick(row.lastname, &known.lastname),
        firstname: pick(row.firstname, &known.firstname),
        middlename: pick(row.middlename, &known.middlename),
        phones,
        emails,
        seen_at: known.seen_at,
    }
}
