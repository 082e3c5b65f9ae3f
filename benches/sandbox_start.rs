//! Sandbox start-up: opening the in-memory store with the full built-in seed
//! (250 countries, 1,108 cities, 2,910 streets, 333 metro stations, 40
//! clients), binding a loopback port, and shutting down again.
//!
//! Goes through the public entry, `crmcard::sandbox::start`; the store open
//! and the seed load are nearly all of it.

use std::hint::black_box;
use std::net::SocketAddr;

use criterion::{Criterion, criterion_group, criterion_main};
use crmcard::sandbox::{SandboxConfig, start};

fn sandbox_start(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let addr: SocketAddr = "127.0.0.1:0".parse().expect("loopback address");
    c.bench_function("sandbox start + shutdown, in memory, built-in seed", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let sandbox = start(SandboxConfig::default(), addr)
                    .await
                    .expect("sandbox starts");
                black_box(sandbox.addr());
                sandbox.shutdown().await;
            });
        });
    });
}

criterion_group! {
    name = benches;
    // Each start loads the whole seed: fewer samples than the default 100.
    config = Criterion::default().sample_size(20);
    targets = sandbox_start
}
criterion_main!(benches);
