//! The layers of ARCHITECTURE.md, held by reading the source: which module
//! may import which. One test per rule; [`imports`] says whether a file's
//! code (comments left out) names a path, and [`rust_files`] lists the
//! files of a module.
//!
//! - `config` does not import `api`'s client: a configuration holds a sid
//!   (`crate::secret::Sid`), not the code that sends it.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<module>` (and `src/<module>.rs`), with its
/// text.
fn rust_files(module: &str) -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let single = src.join(format!("{module}.rs"));
    if single.is_file() {
        found.push(single);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a source file");
            (path, text)
        })
        .collect()
}

/// The code of a file without its comments and white space, so that
/// `use crate::api::{\n    client::Sid,\n}` reads `usecrate::api::{client::Sid,}`.
fn code(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether `text` names `module::item` for one of `items`, directly
/// (`api::client::Sid`, `api::Client`) or in a group (`api::{model, client}`).
fn imports(text: &str, module: &str, items: &[&str]) -> bool {
    let code = code(text);
    let prefix = format!("{module}::");
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(&prefix).any(|(at, _)| {
        if code[..at].chars().next_back().is_some_and(is_ident) {
            return false; // `other_api::…`
        }
        let rest = &code[at + prefix.len()..];
        let named: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(|c: char| !is_ident(c))
                    .filter(|w| !w.is_empty())
                    .collect()
            }
            None => rest.split(|c: char| !is_ident(c)).take(1).collect(),
        };
        named.iter().any(|name| items.contains(name))
    })
}

/// What `api`'s client module is reached by: the module, and the names
/// `api` re-exports from it (other than `Sid`, which lives in `secret`).
const API_CLIENT: &[&str] = &["client", "Client", "ClientOptions"];

#[test]
fn config_does_not_import_the_api_client() {
    let files = rust_files("config");
    assert!(files.len() > 3, "src/config has its files");
    let offenders: Vec<_> = files
        .iter()
        .filter(|(_, text)| imports(text, "api", API_CLIENT))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "config imports api's client: {offenders:?}"
    );
}

#[test]
fn the_import_reader_sees_every_way_of_writing_an_import() {
    for planted in [
        "use crate::api::client::Sid;",
        "use crate::api::Client;",
        "use crate::api::{model::ClientCard, client};",
        "use crate::api::{\n    ClientOptions,\n    model,\n};",
        "let sid = crate::api::client::Sid::new(\"k\");",
        "use super::super::api::client::Sid;",
    ] {
        assert!(imports(planted, "api", API_CLIENT), "{planted}");
    }
    for clean in [
        "use crate::secret::Sid;",
        "use crate::api::model::ClientCard;",
        "use crate::sandbox_api::client::Sid;",
        "// use crate::api::client::Sid;",
        "use crate::api::{model, error};",
    ] {
        assert!(!imports(clean, "api", API_CLIENT), "{clean}");
    }
}
