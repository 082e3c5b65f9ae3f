//! The client directory at 100,000 clients: one keystroke's search in the
//! lookup field, and a CSV import of the whole base.
//!
//! The clients are synthetic but shaped like a delivery service's base
//! (`support/clients.rs`).
//! The directory is a real file (WAL), as the TUI uses it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crmcard::directory::{Directory, csv};

const CLIENTS: usize = 100_000;
/// The lookup list shows this many: the search of a keystroke in the
/// lookup field is exactly this one.
const LIMIT: usize = crmcard::executor::directory::SEARCH_LIMIT;

#[path = "support/clients.rs"]
mod clients;

fn directory(c: &mut Criterion) {
    let (csv_text, mobile) = clients::base_csv(CLIENTS);
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut dir = Directory::open(&tmp.path().join("directory.sqlite")).expect("open");
    csv::import(&mut dir, csv_text.as_bytes(), &mut |_| {}).expect("import");
    assert_eq!(dir.count().expect("count"), CLIENTS as u64);

    let full_8_form = format!(
        "8 {} {}-{}-{}",
        &mobile[..3],
        &mobile[3..6],
        &mobile[6..8],
        &mobile[8..]
    );
    let tail = &mobile[3..];
    let queries = [
        ("name prefix 'Ива'", "Ива".to_owned()),
        ("name two words 'иванова мар'", "иванова мар".to_owned()),
        ("name one letter 'с'", "с".to_owned()),
        ("phone tail (7 digits)", tail.to_owned()),
        ("phone tail (4 digits)", mobile[6..].to_owned()),
        ("phone full, 8-form", full_8_form),
        ("phone start '8 916 1'", "8 916 1".to_owned()),
        ("e-mail piece 'smirn'", "smirn".to_owned()),
        ("id prefix", "1005".to_owned()),
    ];
    let mut group = c.benchmark_group("directory search at 100k, one keystroke");
    for (label, query) in &queries {
        let hits = dir.search(query, LIMIT).expect("search");
        assert!(!hits.is_empty(), "{label}: no hits");
        group.bench_function(*label, |b| {
            b.iter(|| dir.search(black_box(query), LIMIT).expect("search"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("directory import");
    group.sample_size(10);
    group.bench_function("100k rows into a new file", |b| {
        b.iter(|| {
            let tmp = tempfile::tempdir().expect("tempdir");
            let mut dir = Directory::open(&tmp.path().join("directory.sqlite")).expect("open");
            csv::import(&mut dir, black_box(csv_text.as_bytes()), &mut |_| {}).expect("import")
        })
    });
    group.bench_function("100k rows again (nothing changes)", |b| {
        b.iter(|| {
            csv::import(&mut dir, black_box(csv_text.as_bytes()), &mut |_| {}).expect("import")
        })
    });
    group.finish();
}

criterion_group!(benches, directory);
criterion_main!(benches);
