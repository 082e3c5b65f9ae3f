//! No module circle inside `app` (ARCHITECTURE.md, "Inside `app`"): the
//! module graph of `src/app`, read from the source text, has no cycle.
//!
//! A module uses another when its code names it or an item defined in it:
//! `use super::x::Y`, `use crate::app::{x, y::Z}`, or a path written in full
//! in the code (`super::x::f()`). Names re-exported by a `pub use` are
//! followed to the module that defines them, so an import through
//! `app/mod.rs` counts as an import of the module behind it; a `mod x;`
//! line is ownership, not use. Method calls are not seen (an `impl` of a
//! type may sit in another file): the check is about names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

#[path = "shared/source_text.rs"]
mod source_text;

use source_text::{ident, matching_brace, rust_files};

/// The modules of `app`: path (`app::form::keys`) → code (comment lines
/// dropped, lines joined by spaces).
fn app_modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for path in rust_files(&root.join("app")) {
        let text = fs::read_to_string(&path).expect("a source file");
        modules.insert(module_of(&root, &path), code(&text));
    }
    // Test modules use what they test; they are no part of the graph.
    modules.retain(|m, _| !m.ends_with("::tests"));
    modules
}

/// `src/app/form/mod.rs` → `app::form`; `src/app/form/keys.rs` →
/// `app::form::keys`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative: PathBuf = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// Code lines only (comments aside; a test module, `#[cfg(test)] mod
/// …`, and what follows it cut off), joined by spaces.
fn code(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            let item = lines[i + 1..]
                .iter()
                .map(|l| l.trim_start())
                .find(|l| !l.starts_with("#["));
            if item.is_some_and(|l| l.starts_with("mod ") || l.starts_with("pub mod ")) {
                break;
            }
        }
        if !trimmed.starts_with("//") {
            kept.push(*line);
        }
    }
    kept.join(" ")
}

/// Every path `code` names from `start` (`super`, `self`, `crate`), each
/// written out in full (`use a::{b, c::D}` gives `a::b` and `a::c::D`).
fn paths_from(code: &str, start: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let prefix = format!("{start}::");
    let mut rest = code;
    while let Some(at) = rest.find(&prefix) {
        let before = rest[..at].chars().next_back();
        let after = &rest[at..];
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        expand(after, &mut paths);
    }
    paths
}

/// The paths of one `a::b::{c, d::{e}}` (or `a::b::C`) at the start of
/// `text`.
fn expand(text: &str, out: &mut Vec<String>) {
    let mut head = String::new();
    let mut rest = text;
    loop {
        let name = ident(rest);
        if name.is_empty() {
            break;
        }
        if !head.is_empty() {
            head.push_str("::");
        }
        head.push_str(name);
        rest = &rest[name.len()..];
        let Some(next) = rest.strip_prefix("::") else {
            break;
        };
        rest = next.trim_start();
        if let Some(list) = rest.strip_prefix('{') {
            for item in split_list(&list[..matching_brace(list)]) {
                let mut inner = Vec::new();
                expand(item.trim(), &mut inner);
                for path in inner {
                    out.push(format!("{head}::{path}"));
                }
                if item.trim() == "self" {
                    out.push(head.clone());
                }
            }
            return;
        }
    }
    if !head.is_empty() {
        out.push(head);
    }
}

/// The items of a `use` list, split at its top-level commas.
fn split_list(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    items.retain(|i| !i.trim().is_empty());
    items
}

/// The `pub use` re-exports of a module: name → the path it stands for
/// (relative to that module).
fn reexports(code: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in code.split(';') {
        let statement = statement.trim();
        let Some(rest) = ["pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|p| statement.strip_prefix(p))
        else {
            continue;
        };
        let mut paths = Vec::new();
        expand(rest.trim(), &mut paths);
        for path in paths {
            let name = path.rsplit("::").next().unwrap_or_default().to_owned();
            names.insert(name, path);
        }
    }
    names
}

/// The `pub use` statements cut out of `code`: a re-export is followed,
/// not counted as a use of its own.
fn without_reexports(code: &str) -> String {
    code.split(';')
        .filter(|s| {
            let s = s.trim_start();
            !(s.starts_with("pub use ")
                || s.starts_with("pub(crate) use ")
                || s.starts_with("pub(super) use "))
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The module of `app` that `path` (from module `from`, starting with
/// `super`, `self` or `crate`) leads to: the deepest module it names, with
/// re-exported names followed to their modules.
fn resolve(
    from: &str,
    path: &str,
    modules: &BTreeMap<String, String>,
    exports: &BTreeMap<String, BTreeMap<String, String>>,
    depth: usize,
) -> Option<String> {
    let mut segments = path.split("::");
    let mut at: Vec<&str> = match segments.next()? {
        "crate" => Vec::new(),
        "self" => from.split("::").collect(),
        "super" => {
            let mut m: Vec<&str> = from.split("::").collect();
            m.pop();
            m
        }
        _ => return None,
    };
    for segment in segments {
        if segment == "super" {
            at.pop();
            continue;
        }
        let module = at.join("::");
        let deeper = if module.is_empty() {
            segment.to_owned()
        } else {
            format!("{module}::{segment}")
        };
        if modules.contains_key(&deeper) {
            at.push(segment);
            continue;
        }
        // An item of `module`: its own, or re-exported from another.
        if depth < 8
            && let Some(target) = exports.get(&module).and_then(|e| e.get(segment))
            && let Some(found) = resolve(
                &format!("{module}::x"),
                &format!("super::{target}"),
                modules,
                exports,
                depth + 1,
            )
        {
            return Some(found);
        }
        break;
    }
    let module = at.join("::");
    (module == "app" || module.starts_with("app::")).then_some(module)
}

/// The modules each module of `app` uses (itself and its own children
/// aside when named through `self`).
fn graph(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let exports: BTreeMap<String, BTreeMap<String, String>> = modules
        .iter()
        .map(|(m, code)| (m.clone(), reexports(code)))
        .collect();
    let mut graph = BTreeMap::new();
    for (module, code) in modules {
        let code = without_reexports(code);
        let mut uses = BTreeSet::new();
        for start in ["super", "self", "crate"] {
            for path in paths_from(&code, start) {
                if let Some(target) = resolve(module, &path, modules, &exports, 0)
                    && target != *module
                {
                    uses.insert(target);
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// The circles of `graph`: each strongly connected group of more than one
/// module, sorted.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Reachability by depth-first search from every module: small graphs.
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut found: Vec<Vec<String>> = Vec::new();
    for m in graph.keys() {
        if !reaches[m].contains(m) || found.iter().any(|c| c.contains(m)) {
            continue;
        }
        let group: Vec<String> = graph
            .keys()
            .filter(|n| reaches[m].contains(*n) && reaches[*n].contains(m))
            .cloned()
            .collect();
        found.push(group);
    }
    found
}

/// The uses that tie a circle: `a -> b` for each pair inside it.
fn ties(graph: &BTreeMap<String, BTreeSet<String>>, circle: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for m in circle {
        for n in &graph[m] {
            if circle.contains(n) {
                lines.push(format!("  {m} -> {n}"));
            }
        }
    }
    lines
}

#[test]
fn no_module_circle_inside_app() {
    let modules = app_modules();
    assert!(modules.len() > 30, "app's modules not found");
    let graph = graph(&modules);
    let found = circles(&graph);
    let report: Vec<String> = found
        .iter()
        .map(|c| format!("{}:\n{}", c.join(", "), ties(&graph, c).join("\n")))
        .collect();
    assert!(
        found.is_empty(),
        "module circles inside app:\n{}",
        report.join("\n")
    );
}

// The check itself, on planted modules.

fn planted(files: &[(&str, &str)]) -> Vec<Vec<String>> {
    let modules: BTreeMap<String, String> = files
        .iter()
        .map(|(m, text)| ((*m).to_owned(), code(text)))
        .collect();
    circles(&graph(&modules))
}

#[test]
fn a_planted_circle_is_found_through_a_reexport_and_a_full_path() {
    // b uses a's type through app's re-export; a calls b in full.
    let found = planted(&[
        ("app", "mod a; mod b; pub use a::Thing;"),
        ("app::a", "pub struct Thing; fn f() { super::b::g(); }"),
        ("app::b", "use super::{Thing, c};\npub fn g() {}"),
        ("app::c", "// use super::b;\npub fn h() {}"),
    ]);
    assert_eq!(found, vec![vec!["app::a".to_owned(), "app::b".to_owned()]]);
    // One way only: no circle.
    let found = planted(&[
        ("app", "mod a; mod b; pub use a::Thing;"),
        ("app::a", "pub struct Thing;"),
        ("app::b", "use crate::app::{Thing, a::{self}};"),
    ]);
    assert!(found.is_empty(), "{found:?}");
    // Through a folder's module and its child.
    let found = planted(&[
        ("app", "mod form; mod popup;"),
        ("app::form", "mod keys; use super::popup::Popup;"),
        ("app::form::keys", "use super::super::popup::Popup;"),
        ("app::popup", "use crate::app::form::keys::Key;"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains(&"app::form::keys".to_owned()));
}
