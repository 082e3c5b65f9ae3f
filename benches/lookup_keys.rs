//! Each keystroke of the lookup at 100,000 clients, key by key, as
//! instructions (`valgrind --tool=callgrind`: the same count on a quiet
//! machine and on one where others build) and as times.
//!
//! `cargo bench --bench lookup_keys` writes a directory of 100,000
//! synthetic clients (`support/clients.rs`, as `perf -- lookup` does), then
//! types the perf bench's two queries ("иванова мар"; "8" and a mobile's
//! ten digits) key by key, five passes, each key's `Directory::search` for
//! the list's 50 rows: once timed, once under callgrind, where the marker
//! `key_done` after each search starts a new part of the profile
//! (`--dump-before`), so each part holds one key's instructions. The first
//! pass is given apart (the statements compiled, SQLite's page cache cold).
//!
//! `… -- build FILE` and `… -- keys FILE` are the two halves, for a profile
//! of one's own (`callgrind_annotate --inclusive=yes <part>`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crmcard::directory::{Directory, csv};

#[path = "support/clients.rs"]
mod clients;

const CLIENTS: usize = 100_000;
/// The rows of the lookup's list.
const LIMIT: usize = crmcard::executor::directory::SEARCH_LIMIT;
const PASSES: usize = 5;

/// Called after each key's search: the boundary of the profile's parts.
#[inline(never)]
fn key_done(query: &str) {
    black_box(query);
}

/// The two queries, as typed.
fn typed(mobile: &str) -> [String; 2] {
    ["иванова мар".to_owned(), format!("8{mobile}")]
}

/// Every prefix of each query, the queries one after the other.
fn keys(mobile: &str) -> Vec<String> {
    let mut out = Vec::new();
    for query in typed(mobile) {
        let chars: Vec<char> = query.chars().collect();
        out.extend((1..=chars.len()).map(|n| chars[..n].iter().collect::<String>()));
    }
    out
}

/// Types the keys `PASSES` times against the directory in `file`: each
/// key's time in ms, pass after pass.
fn type_keys(file: &Path, mobile: &str) -> Vec<f64> {
    let dir = Directory::open(file).expect("the directory");
    key_done("opened");
    let mut times = Vec::new();
    for _ in 0..PASSES {
        for query in keys(mobile) {
            let started = Instant::now();
            let hits = black_box(dir.search(&query, LIMIT).expect("a search"));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            key_done(&query);
            assert!(query.len() < 3 || !hits.is_empty(), "{query}: no hits");
        }
    }
    times
}

fn build(file: &Path) {
    let (csv_text, _) = clients::base_csv(CLIENTS);
    let mut dir = Directory::open(file).expect("the directory");
    csv::import(&mut dir, csv_text.as_bytes(), &mut |_| {}).expect("the import");
}

/// Each key's instructions, pass after pass, from a run of `keys` under
/// callgrind; `None` without valgrind.
fn count(file: &Path, out: &Path) -> Option<Vec<u64>> {
    let found = Command::new("valgrind").arg("--version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let me = std::env::current_exe().expect("this bench");
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg("--dump-before=*key_done*")
        .arg(me)
        .arg("keys")
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("valgrind");
    assert!(status.success(), "callgrind: {status}");
    // Part 1 is the start and the opening; part k + 1 ends with key k.
    let mut counts = Vec::new();
    for part in 2.. {
        let Ok(text) = std::fs::read_to_string(format!("{}.{part}", out.display())) else {
            break;
        };
        let total = text
            .lines()
            .find_map(|l| {
                l.strip_prefix("totals:")
                    .or_else(|| l.strip_prefix("summary:"))
            })
            .and_then(|n| n.trim().parse().ok())
            .expect("a part's total");
        counts.push(total);
    }
    Some(counts)
}

/// Per key: the first pass and the highest of the others.
fn report(label: &str, keys: &[String], values: &[f64], unit: &str) {
    let n = keys.len();
    println!(
        "{label}: key, first pass, highest of the {} others",
        PASSES - 1
    );
    let mut worst = (0.0_f64, String::new());
    for (k, key) in keys.iter().enumerate() {
        let first = values[k];
        let rest = (1..PASSES).map(|p| values[p * n + k]).fold(0.0, f64::max);
        println!("  {key:<14} {first:>9.2} {rest:>9.2} {unit}");
        if first.max(rest) > worst.0 {
            worst = (first.max(rest), key.clone());
        }
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    println!(
        "{label}: median {:.2}, worst {:.2} {unit} ('{}')",
        sorted[sorted.len() / 2],
        worst.0,
        worst.1
    );
}

fn main() {
    // `cargo bench` adds `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (_, mobile) = clients::base_csv(CLIENTS);
    match &args[..] {
        [mode, file] if mode == "build" => build(Path::new(file)),
        [mode, file] if mode == "keys" => {
            type_keys(Path::new(file), &mobile);
        }
        _ => {
            let tmp = tempfile::tempdir().expect("a temporary directory");
            let file = tmp.path().join("directory.sqlite");
            eprintln!("writing {CLIENTS} clients…");
            build(&file);
            let keys = keys(&mobile);
            let times = type_keys(&file, &mobile);
            report("time", &keys, &times, "ms");
            let out: PathBuf = tmp.path().join("callgrind.out");
            match count(&file, &out) {
                Some(counts) => {
                    let millions: Vec<f64> = counts.iter().map(|&c| c as f64 / 1e6).collect();
                    report("instructions", &keys, &millions, "M");
                }
                None => println!("instructions: valgrind not found"),
            }
        }
    }
}
