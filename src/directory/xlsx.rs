//! The directory as an Excel workbook (`.xlsx`): `crmcard directory export
//! clients.xlsx` and `import clients.xlsx`, chosen by the file's extension
//! (any other export is CSV).
//!
//! An export is one sheet, `clients`, with the columns of
//! [`COLUMNS`] and every cell a text cell: a name that looks like a formula
//! stays text and a phone is not turned into a number, with no `'` marks
//! and no encoding to guess. The phone and id columns are formatted as
//! text, so what is typed there in Excel stays text too.
//!
//! An import reads the first sheet (of an `.xlsx`, `.xlsm`, `.xlsb`, `.xls`
//! or `.ods` file): its first row is the header, as in a CSV file; empty
//! rows are passed over and rows are reported by their row number. A
//! formula's value as last computed is read, never the formula. Several
//! phones or e-mails in a cell are separated by `,`, `;` or line breaks.

use std::io::{Cursor, Write};
use std::path::Path;

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::import::{COLUMNS, ImportError, ImportReport, Layout, import_rows};
use super::{Directory, DirectoryError};

/// Whether `path` names a workbook (by its extension, any case).
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

/// Whether an export to `path` is a workbook: its extension is `.xlsx`
/// (any case).
pub fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Writes every client to a workbook; returns how many.
pub fn export(directory: &Directory, out: impl Write + Send) -> Result<usize, DirectoryError> {
    let error = |e: XlsxError| DirectoryError::BadFile(format!("cannot write the workbook: {e}"));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("clients").map_err(error)?;
    let text = Format::new().set_num_format("@");
    let header = Format::new().set_bold().set_num_format("@");
    for (col, (name, width)) in COLUMNS.iter().zip([14, 18, 14, 16, 30, 30]).enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet
            .set_column_width(col, width)
            .and_then(|s| s.set_column_format(col, &text))
            .and_then(|s| s.write_string_with_format(0, col, *name, &header))
            .map_err(error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(error)?;
    let mut row: u32 = 0;
    directory.for_each(|e| {
        row += 1;
        let cells = [
            e.id,
            e.lastname,
            e.firstname,
            e.middlename,
            e.phones.join(", "),
            e.emails.join(", "),
        ];
        for (col, cell) in (0u16..).zip(cells) {
            sheet.write_string(row, col, cell).map_err(error)?;
        }
        Ok(())
    })?;
    workbook.save_to_writer(out).map_err(error)?;
    Ok(usize::try_from(row).unwrap_or(usize::MAX))
}

/// Imports the workbook file's bytes (see the module's documentation), in
/// batches; `progress` is called after each batch with the rows read so
/// far.
pub fn import(
    directory: &mut Directory,
    bytes: &[u8],
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, ImportError> {
    let unreadable = |e: calamine::Error| ImportError::Workbook(e.to_string());
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| ImportError::Workbook("no sheet".to_owned()))?
        .map_err(unreadable)?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row)) + 1;
    let mut rows = range.rows().zip(first_row..);
    let header: Vec<String> = rows
        .next()
        .map(|(cells, _)| cells.iter().map(cell_text).collect())
        .unwrap_or_default();
    let layout = Layout::of(header.iter().map(String::as_str))?;
    let entries = rows.filter_map(|(cells, line)| {
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            return None;
        }
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        Some((line, layout.entry(cell, &[',', ';'], false)))
    });
    Ok(import_rows(directory, entries, progress)?)
}

/// A cell as text: a number as written (a phone typed as a number has no
/// decimals), an error cell as nothing.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Error(_) | Data::Empty => String::new(),
        other => other.to_string(),
    }
}
