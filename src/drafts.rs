//! Input that would be lost when crmcard is stopped from outside (the
//! terminal closed, SIGTERM) while a form holds unsaved changes: written as a
//! plain-text file the operator can read, and announced at the next start.
//!
//! Drafts hold only what the operator typed: never the `sid`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::app::form::{Field, FormScreen};
use crate::app::{App, Screen};
use crate::i18n::{field_label, form_title};

/// The unsaved forms of `app` as readable text, or `None` when nothing is
/// unsaved.
pub fn render(app: &App) -> Option<String> {
    let mut text = String::new();
    for screen in &app.screens {
        let Screen::Form(form) = screen else { continue };
        if !form.is_dirty() || form.read_only {
            continue;
        }
        text.push_str(&format!("== {}\n", form_title(&form.kind, app.lang)));
        push_fields(&mut text, &form.fields, app, "");
        push_children(&mut text, form, app);
        text.push('\n');
    }
    (!text.is_empty()).then_some(text)
}

fn push_fields(text: &mut String, fields: &[Field], app: &App, indent: &str) {
    for field in fields {
        let value = field.shown();
        if !value.is_empty() {
            text.push_str(&format!(
                "{indent}{}: {value}\n",
                field_label(field.id, app.lang)
            ));
        }
    }
}

fn push_children(text: &mut String, form: &FormScreen, app: &App) {
    let f = app.lang.forms();
    for contact in &form.contacts {
        text.push_str(&format!("-- {}\n", f.contacts));
        push_fields(text, contact, app, "   ");
    }
    for address in &form.addresses {
        text.push_str(&format!("-- {}\n", f.addresses));
        push_fields(text, address, app, "   ");
    }
}

/// Writes `text` as a new draft file in `dir` (readable by the owner only).
pub fn save(dir: &Path, text: &str) -> io::Result<PathBuf> {
    let name = jiff::Timestamp::now()
        .strftime("draft-%Y-%m-%d-%H%M%S.txt")
        .to_string();
    let path = dir.join(name);
    crate::files::write_private(&path, text.as_bytes())?;
    Ok(path)
}

/// The drafts kept in `dir`, oldest first.
pub fn pending(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("draft-") && n.ends_with(".txt"))
        })
        .collect();
    found.sort();
    found
}
