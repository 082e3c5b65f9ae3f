//! Picker filtering: preparing the names once, and one keystroke's filter.
//!
//! The names are synthetic but shaped like Moscow street names
//! (`support/names.rs`): 3,000 names (the street picker's size) and 100,000
//! (a stress case).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crmcard::fuzzy::FuzzyIndex;

#[path = "support/names.rs"]
mod names;

use names::street_names;

fn bench(c: &mut Criterion) {
    let streets = street_names(3_000);
    let big = street_names(100_000);

    c.bench_function("prepare 3000", |b| {
        b.iter(|| FuzzyIndex::new(black_box(&streets).iter().map(String::as_str)))
    });

    let mut index = FuzzyIndex::new(streets.iter().map(String::as_str));
    for query in ["т", "тве", "тверская"] {
        let letters = query.chars().count();
        c.bench_function(&format!("filter 3000, {query:?} ({letters} chars)"), |b| {
            b.iter(|| index.filter(black_box(query)))
        });
    }
    c.bench_function("filter 3000, \"мал тве\" (2 words)", |b| {
        b.iter(|| index.filter(black_box("мал тве")))
    });

    let mut big_index = FuzzyIndex::new(big.iter().map(String::as_str));
    c.bench_function("filter 100000, \"тве\" (3 chars)", |b| {
        b.iter(|| big_index.filter(black_box("тве")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
