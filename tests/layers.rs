//! The layers of ARCHITECTURE.md, checked on the source text: `app` never
//! imports the words, the drawing, the executor or the terminal loop; the
//! shared vocabulary of `app` imports no feature module of `app`; `config`
//! does not import the API's client (plain data, below `api`).
//!
//! The check reads every `.rs` file under a folder of `src/` and looks at
//! its code lines (comment lines are skipped), so a path written in full
//! (`crate::ui::theme::title()`) counts as much as a `use`.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "shared/source_text.rs"]
mod source_text;

use source_text::{ident, matching_brace, rust_files};

fn src(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder)
}

/// The code of a file as one line: comment lines dropped, the others
/// joined by a space (a `use` list may span lines).
fn code(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The modules of `crate::` (or of `root`, a path like `crate::app`) that
/// `text` names: `root::m::…`, `root::m;` and the first names in a
/// `use root::{m, n::…}` list.
fn named_under(text: &str, root: &str) -> Vec<String> {
    let code = code(text);
    let prefix = format!("{root}::");
    let mut names = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find(&prefix) {
        // `xcrate::` or `a::crate::` is not this root.
        let before = rest[..at].chars().next_back();
        rest = rest[at + prefix.len()..].trim_start();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(list) = rest.strip_prefix('{') {
            let end = matching_brace(list);
            names.extend(list_heads(&list[..end]));
        } else {
            names.push(ident(rest).to_owned());
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// The first name of each item of a `use` list (`a::b`, `{c, d}` → `a`, …).
fn list_heads(list: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0usize;
    let mut start = true;
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => start = true,
            _ if start && depth == 0 && !c.is_whitespace() => {
                heads.push(ident(&list[i..]).to_owned());
                start = false;
            }
            _ => {}
        }
    }
    heads
}

/// `crate::api::client` named in full or in a list under `crate::api`.
fn names_api_client(text: &str) -> bool {
    named_under(text, "crate::api")
        .iter()
        .any(|m| m == "client")
        || named_under(text, "crate").iter().any(|m| m == "api") && code(text).contains("client::")
}

/// The lines `file: module` that break a rule, for every file under `folder`.
fn breaches(folder: &str, check: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let files = rust_files(&src(folder));
    assert!(!files.is_empty(), "no file under src/{folder}");
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a source file");
        for name in check(&text) {
            found.push(format!("{}: {name}", file.display()));
        }
    }
    found
}

const NOT_FROM_APP: [&str; 4] = ["i18n", "ui", "executor", "tui"];

fn app_breaks(text: &str) -> Vec<String> {
    named_under(text, "crate")
        .into_iter()
        .filter(|m| NOT_FROM_APP.contains(&m.as_str()))
        .map(|m| format!("imports crate::{m}"))
        .collect()
}

/// The vocabulary's files name other vocabulary files (`super::x` inside
/// `vocab/`) and modules outside `app`, never a feature of `app`.
fn vocab_breaks(text: &str, is_folder_root: bool) -> Vec<String> {
    let mut found: Vec<String> = named_under(text, "crate::app")
        .into_iter()
        .filter(|m| m != "vocab")
        .map(|m| format!("imports crate::app::{m}"))
        .collect();
    if is_folder_root {
        // `vocab/mod.rs`: its `super` is `app` itself.
        found.extend(
            named_under(text, "super")
                .into_iter()
                .map(|m| format!("imports app::{m}")),
        );
    } else {
        found.extend(
            named_under(text, "super::super")
                .into_iter()
                .map(|m| format!("imports app::{m}")),
        );
    }
    found
}

#[test]
fn app_imports_no_words_drawing_executor_or_terminal() {
    let found = breaches("app", app_breaks);
    assert!(
        found.is_empty(),
        "app breaks its layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_vocabulary_imports_no_feature_of_app() {
    let files = rust_files(&src("app/vocab"));
    assert!(files.len() > 5, "the vocabulary is missing");
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a source file");
        let root = file.file_name().is_some_and(|n| n == "mod.rs");
        for breach in vocab_breaks(&text, root) {
            found.push(format!("{}: {breach}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "the vocabulary is no leaf:\n{}",
        found.join("\n")
    );
}

#[test]
fn config_imports_not_the_api_client() {
    let found = breaches("config", |text| {
        if names_api_client(text) {
            vec!["imports crate::api::client".to_owned()]
        } else {
            Vec::new()
        }
    });
    assert!(
        found.is_empty(),
        "config breaks its layer:\n{}",
        found.join("\n")
    );
}

// The checks themselves, on planted imports: each finds what it must.

#[test]
fn a_planted_import_of_ui_is_found_in_every_form() {
    for planted in [
        "use crate::ui::theme;",
        "use crate::{dates::Date, ui};",
        "use crate::{\n    i18n::Texts,\n    lang::Lang,\n};",
        "fn f() { crate::executor::run(); }",
        "use crate::tui::{self, Loop};",
    ] {
        assert_eq!(app_breaks(planted).len(), 1, "not found: {planted}");
    }
    for clean in [
        "use crate::uix::Thing;",
        "// use crate::ui::theme;",
        "use crate::api::model::ClientCard;",
        "use other::crate::ui::x;",
    ] {
        assert!(app_breaks(clean).is_empty(), "found in: {clean}");
    }
}

#[test]
fn a_planted_import_of_a_feature_in_the_vocabulary_is_found() {
    assert_eq!(
        vocab_breaks("use super::section::Section;", false),
        Vec::<String>::new()
    );
    assert_eq!(
        vocab_breaks("use crate::app::vocab::Choice;", false),
        Vec::<String>::new()
    );
    assert_eq!(vocab_breaks("use crate::app::form::Field;", false).len(), 1);
    assert_eq!(
        vocab_breaks("use crate::app::{card::CardScreen, vocab};", false).len(),
        1
    );
    assert_eq!(
        vocab_breaks("use super::super::popup::Popup;", false).len(),
        1
    );
    assert_eq!(vocab_breaks("use super::card::CardScreen;", true).len(), 1);
}

#[test]
fn a_planted_import_of_the_api_client_is_found() {
    assert!(names_api_client("use crate::api::client::Sid;"));
    assert!(names_api_client(
        "use crate::api::{model::Id, client::Sid};"
    ));
    assert!(!names_api_client("use crate::api::model::ClientCard;"));
    assert!(!names_api_client("// use crate::api::client::Sid;"));
}
