//! The directory as CSV: `crmcard directory import FILE` and `export FILE`.
//!
//! A file to import is UTF-8, with or without a BOM, or Windows-1251 when
//! its bytes are not UTF-8 (see [`super::import_text`]); its delimiter is
//! `,` or `;` (what Excel in Russian writes), whichever the header line has
//! more of. A cell may hold several phones or e-mails separated by the other
//! one of `,` and `;`, or by line breaks. Rows are reported by the line of
//! the file they start on, whatever its line endings. What the columns are
//! and how rows are added: [`super::import`].
//!
//! An export is read back by an import: UTF-8 with a BOM, `;` between
//! columns and `, ` between several values, so that Excel opens it as is;
//! a cell a spreadsheet would compute, and every phone cell, starts with a
//! `'` that makes it text there and that the import removes (see
//! `cell_text`).

use std::io::Write;

use super::cell_text::neutralised;
pub use super::import::{BadReason, BadRow, COLUMNS, ImportError, ImportReport};
use super::import::{Layout, import_rows};
use super::import_text::{LineCounter, decode};
use super::{Directory, DirectoryError};

/// Imports the CSV file's bytes (see the module's documentation), in
/// batches; `progress` is called after each batch with the rows read so
/// far.
pub fn import(
    directory: &mut Directory,
    bytes: &[u8],
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, ImportError> {
    let (text, encoding) = decode(bytes);
    let header_line = text.split('\n').next().unwrap_or_default();
    let count = |c: char| header_line.matches(c).count();
    let (delimiter, inner) = if count(';') > count(',') {
        (b';', ',')
    } else {
        (b',', ';')
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Header(e.to_string()))?
        .clone();
    let layout = Layout::of(headers.iter())?;
    let mut lines = LineCounter::new(&text);
    let mut record = ::csv::StringRecord::new();
    let byte = |p: Option<&::csv::Position>| {
        p.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
    };
    let rows = std::iter::from_fn(|| match reader.read_record(&mut record) {
        Ok(false) => None,
        Ok(true) => {
            let line = lines.record_line(byte(record.position()));
            Some((
                line,
                layout.entry(|i| record.get(i).unwrap_or_default(), &[inner], true),
            ))
        }
        Err(e) => {
            let line = lines.record_line(byte(e.position()));
            Some((line, Err(bad_reason(&e))))
        }
    });
    let mut report = import_rows(directory, rows, progress)?;
    report.encoding = Some(encoding);
    Ok(report)
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

fn bad_reason(e: &::csv::Error) -> BadReason {
    match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => BadReason::CellCount {
            cells: *len,
            header: *expected_len,
        },
        _ => BadReason::Unreadable(e.to_string()),
    }
}
