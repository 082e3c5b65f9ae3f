//! Cells of a CSV export that a spreadsheet opens as the text written.
//!
//! Excel, LibreOffice and Google Sheets run a cell that starts with `=`,
//! `+`, `-` or `@` (or a tab or a carriage return before one) as a formula:
//! a client named `=HYPERLINK(…)` or an e-mail `=x@y.com` would be computed
//! on the desk that opens the export (CSV injection). As OWASP advises, such
//! a cell is written with a `'` in front, which the spreadsheet takes as
//! "text" and does not show. A phone cell starting with a digit gets one
//! too, so that `89160000001` is not turned into a number (and `+7…` is
//! covered by the rule for `+`).
//!
//! A cell the export wrote starting with `'` for its own sake gets a second
//! one, so [`restored`] (what the import reads) gives back exactly what was
//! written: it removes one `'` when what follows is one of those starts.

use std::borrow::Cow;

/// The characters a spreadsheet takes as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `'` in front of `rest` was put there by [`neutralised`].
fn needs_mark(rest: &str, phone: bool) -> bool {
    rest.starts_with(FORMULA_STARTS)
        || rest.starts_with('\'')
        || (phone && rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// `value` as a CSV cell: with `'` in front when a spreadsheet would
/// otherwise compute it (or, for a `phone` cell, make a number of it), or
/// when it starts with `'` itself.
pub fn neutralised(value: &str, phone: bool) -> Cow<'_, str> {
    if needs_mark(value, phone) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// A cell's value as written before [`neutralised`]: one `'` removed when
/// it is followed by what [`neutralised`] marks (in any column: a file may
/// have been edited by hand, with the phones wherever).
pub fn restored(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_mark(rest, true) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_marked_as_text() {
        for value in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1)",
            "=x@y.com",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralised(value, false), format!("'{value}"));
        }
        assert_eq!(neutralised("Иванова", false), "Иванова");
        assert_eq!(neutralised("a=b", false), "a=b");
        assert_eq!(neutralised("", true), "");
    }

    #[test]
    fn phones_are_marked_so_they_stay_text() {
        assert_eq!(neutralised("+79160000001", true), "'+79160000001");
        assert_eq!(neutralised("89160000001", true), "'89160000001");
        assert_eq!(neutralised("1001", false), "1001");
    }

    #[test]
    fn every_value_comes_back_exactly() {
        for value in [
            "=x@y.com",
            "'=x@y.com",
            "''",
            "'",
            "'t Hooft",
            "''t Hooft",
            "+79160000001",
            "'89160000001",
            "О'Брайен",
            "",
        ] {
            for phone in [false, true] {
                assert_eq!(restored(&neutralised(value, phone)), value, "{value:?}");
            }
        }
        // A hand-made file's own apostrophes stay.
        assert_eq!(restored("'t Hooft"), "'t Hooft");
    }
}
