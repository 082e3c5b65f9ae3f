//! The directory as CSV: `crmcard directory import FILE` and `export FILE`.
//!
//! A file to import is UTF-8, with or without a BOM; its delimiter is `,` or
//! `;` (what Excel in Russian writes), whichever the header line has more
//! of. The header names the columns `id`, `lastname`, `firstname`,
//! `middlename`, `phones`, `emails` in any order (any case); only `id` is
//! required and other columns are ignored. A cell may hold several phones or
//! e-mails separated by the other one of `,` and `;`, or by line breaks.
//!
//! A row without an id, with a phone without digits, an e-mail without `@`
//! or the wrong number of cells is reported by its line and skipped. A
//! client already known keeps its last-seen time and what the file does not
//! say; the file's names replace the known ones and its phones and e-mails
//! are added to them, so importing the same file again changes nothing.
//!
//! An export is read back by an import: UTF-8 with a BOM, `;` between
//! columns and `, ` between several values, so that Excel opens it as is;
//! a cell a spreadsheet would compute, and every phone cell, starts with a
//! `'` that makes it text there and that the import removes (see
//! [`super::cell_text`]).

use std::io::Write;
use std::path::Path;

use rusqlite::OptionalExtension;

use super::cell_text::{neutralised, restored};
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
}

/// A row that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The line of the file the row starts on (the header is line 1).
    pub line: u64,
    /// Why, in English.
    pub reason: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Where each known column is in the file.
#[derive(Default)]
struct Layout {
    id: usize,
    lastname: Option<usize>,
    firstname: Option<usize>,
    middlename: Option<usize>,
    phones: Option<usize>,
    emails: Option<usize>,
}

/// Imports the CSV text `bytes` in one transaction; `progress` is called
/// with the rows read so far every 10,000 rows.
pub fn import(
    directory: &mut Directory,
    bytes: &[u8],
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, DirectoryError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |c: u8| header_line.iter().filter(|&&b| b == c).count();
    let (delimiter, inner) = if count(b';') > count(b',') {
        (b';', ',')
    } else {
        (b',', ';')
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(::csv::Trim::All)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| DirectoryError::BadFile(format!("the header line cannot be read: {e}")))?
        .clone();
    let layout = layout(&headers)?;
    let city_code = directory.city_code.clone();
    let tx = directory.connection().transaction()?;
    let mut report = ImportReport::default();
    let mut record = ::csv::StringRecord::new();
    loop {
        let read = reader.read_record(&mut record);
        let line = match &read {
            Ok(_) => record.position().map_or(0, ::csv::Position::line),
            Err(e) => e.position().map_or(0, ::csv::Position::line),
        };
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                report.rows += 1;
                report.bad.push(BadRow {
                    line,
                    reason: csv_reason(&e),
                });
                continue;
            }
        }
        report.rows += 1;
        if report.rows % 10_000 == 0 {
            progress(report.rows);
        }
        let row = match entry_of(&record, &layout, inner) {
            Ok(row) => row,
            Err(reason) => {
                report.bad.push(BadRow { line, reason });
                continue;
            }
        };
        let rowid: Option<i64> = tx
            .prepare_cached("SELECT rowid FROM clients WHERE id = ?1")?
            .query_row([&row.id], |r| r.get(0))
            .optional()?;
        match rowid {
            None => {
                write_entry(&tx, &row, city_code.as_deref())?;
                report.added += 1;
            }
            Some(rowid) => {
                let known = read_entry(&tx, rowid)?;
                let merged = merge(&known, row, city_code.as_deref());
                if merged == known {
                    report.unchanged += 1;
                } else {
                    write_entry(&tx, &merged, city_code.as_deref())?;
                    report.updated += 1;
                }
            }
        }
    }
    tx.commit()?;
    Ok(report)
}

/// Imports a file; see [`import`].
pub fn import_file(
    directory: &mut Directory,
    path: &Path,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, DirectoryError> {
    let bytes = std::fs::read(path).map_err(|e| DirectoryError::Io {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    import(directory, &bytes, progress)
}

/// Writes every client as CSV (see the module's documentation); returns how
/// many.
pub fn export(directory: &Directory, out: impl Write) -> Result<usize, DirectoryError> {
    let io = |e: std::io::Error| DirectoryError::BadFile(format!("cannot write: {e}"));
    let mut out = out;
    out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
    let mut writer = ::csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    let csv_error = |e: ::csv::Error| DirectoryError::BadFile(format!("cannot write: {e}"));
    writer.write_record(COLUMNS).map_err(csv_error)?;
    let mut n = 0;
    directory.for_each(|e| {
        n += 1;
        writer
            .write_record(
                [
                    neutralised(&e.id, false),
                    neutralised(&e.lastname, false),
                    neutralised(&e.firstname, false),
                    neutralised(&e.middlename, false),
                    neutralised(&e.phones.join(", "), true),
                    neutralised(&e.emails.join(", "), false),
                ]
                .iter()
                .map(|cell| cell.as_bytes()),
            )
            .map_err(csv_error)
    })?;
    writer.flush().map_err(io)?;
    Ok(n)
}

fn layout(headers: &::csv::StringRecord) -> Result<Layout, DirectoryError> {
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let id = find("id").ok_or_else(|| {
        DirectoryError::BadFile(format!(
            "the header line has no `id` column (expected columns: {})",
            COLUMNS.join(", ")
        ))
    })?;
    Ok(Layout {
        id,
        lastname: find("lastname"),
        firstname: find("firstname"),
        middlename: find("middlename"),
        phones: find("phones"),
        emails: find("emails"),
    })
}

/// The entry a row describes, or why the row is bad.
fn entry_of(
    record: &::csv::StringRecord,
    layout: &Layout,
    inner: char,
) -> Result<DirEntry, String> {
    let cell = |i: Option<usize>| restored(i.and_then(|i| record.get(i)).unwrap_or_default());
    let id = sanitize(cell(Some(layout.id))).trim().to_owned();
    if id.is_empty() {
        return Err("no id".to_owned());
    }
    let values = |i: Option<usize>| -> Vec<String> {
        cell(i)
            .split([inner, '\n', '\r'])
            .map(|v| sanitize(v).trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let phones = values(layout.phones);
    if let Some(bad) = phones
        .iter()
        .find(|p| !p.chars().any(|c| c.is_ascii_digit()))
    {
        return Err(format!("{bad:?} is not a phone number"));
    }
    let emails = values(layout.emails);
    if let Some(bad) = emails.iter().find(|e| !e.contains('@') || e.contains(' ')) {
        return Err(format!("{bad:?} is not an e-mail address"));
    }
    Ok(DirEntry {
        id,
        lastname: sanitize(cell(layout.lastname)),
        firstname: sanitize(cell(layout.firstname)),
        middlename: sanitize(cell(layout.middlename)),
        phones,
        emails,
        seen_at: 0,
    })
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

fn csv_reason(e: &::csv::Error) -> String {
    match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} cells where the header has {expected_len}"),
        ::csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_owned(),
        _ => e.to_string(),
    }
}
