//! Measurements for BENCHMARKS.md, run by hand (ignored by default; no
//! assertion on time): `cargo test --release --test shareddir measure --
//! --ignored --nocapture`.

use std::time::{Duration, Instant};

use super::postgres::Cluster;
use super::*;

/// A client saved at desk A, found by phone at desk B: 200 times, one
/// after another; median and worst.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement, run by hand"]
async fn measure_propagation_of_200_changes() {
    let db = Cluster::shared().database("measure_propagation");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    a.wait_status(|s| *s == SyncStatus::Online).await;
    b.wait_status(|s| *s == SyncStatus::Online).await;
    let mut times = Vec::new();
    for n in 0..200 {
        let phone = format!("+7916555{n:04}");
        let started = Instant::now();
        a.save(client(&format!("55{n:04}"), "Скоростная", &phone, now()));
        while b.with_phone(&phone).is_empty() {
            assert!(started.elapsed() < DEADLINE, "change {n} never arrived");
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "propagation of 200 changes: median {:.1} ms, worst {:.1} ms",
        times[100].as_secs_f64() * 1e3,
        times[199].as_secs_f64() * 1e3
    );
}

/// A desk off while 10,000 changes are made, then started: until it has
/// them all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement, run by hand"]
async fn measure_catching_up_10000_changes() {
    let db = Cluster::shared().database("measure_catch_up");
    let a = DirectoryHandle::new(Directory::in_memory().expect("dir"));
    a.blocking(|d| {
        crmcard::shared::replica::attach(d, None)?;
        for n in 0..10_000 {
            d.upsert(&client(
                &format!("6{n:05}"),
                "Догонялова",
                &format!("+7916666{n:04}"),
                1_800_000_000,
            ))?;
        }
        Ok(())
    })
    .expect("fill");
    let a = Desk::on(&db, "desk A", a);
    until("A sent all", || {
        a.directory
            .blocking(crmcard::shared::replica::queued)
            .expect("queued")
            == 0
    })
    .await;
    let started = Instant::now();
    let b = Desk::start(&db, "desk B");
    until("B caught up", || {
        b.directory.blocking(|d| d.count()).expect("count") == 10_000
    })
    .await;
    println!(
        "catching up 10,000 changes: {:.2} s",
        started.elapsed().as_secs_f64()
    );
}

/// `crmcard directory push` of 100,000 clients, through the binary.
#[test]
#[ignore = "a measurement, run by hand"]
fn measure_push_of_100000_clients() {
    let db = Cluster::shared().database("measure_push");
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("directory.sqlite");
    let mut local = Directory::open(&file).expect("open");
    let mut csv = String::from("id;lastname;firstname;phones;emails\n");
    for n in 0..100_000 {
        csv.push_str(&format!(
            "{};Фамилия{n};Имя;+7916{n:07};c{n}@example.com\n",
            10_000_000 + n
        ));
    }
    let csv_file = dir.path().join("clients.csv");
    std::fs::write(&csv_file, csv).expect("csv");
    let bytes = std::fs::read(&csv_file).expect("read");
    crmcard::directory::csv::import(&mut local, &bytes, &mut |_| {}).expect("import");
    drop(local);
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[directory]\nurl = \"{}\"\nsslmode = \"disable\"\n\n[profiles.main]\n\
             base_url = \"http://127.0.0.1:8080/api/v1/crm/\"\nobject_id = \"1\"\n",
            db.url(SUPERUSER)
        ),
    )
    .expect("config");
    let started = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crmcard"))
        .args(["--config", config.to_str().expect("utf-8")])
        .args(["directory", "--file", file.to_str().expect("utf-8"), "push"])
        .env("CRMCARD_DB_PASSWORD", SUPERUSER_PASSWORD)
        .output()
        .expect("push");
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "directory push of 100,000 clients: {:.1} s, of which crmcard's own CPU {:.1} s",
        took.as_secs_f64(),
        children_cpu_seconds()
    );
}

/// The CPU time (user and system) of this process's children waited for,
/// from /proc/self/stat (`cutime`, `cstime`, in clock ticks of 1/100 s).
fn children_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("stat");
    // The fields after the command's name, which is in parentheses.
    let rest = &stat[stat.rfind(')').expect("comm") + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // cutime and cstime are fields 16 and 17 of the whole line; 14 and 15
    // after the name (fields 1 and 2).
    let ticks: f64 =
        fields[13].parse::<f64>().expect("cutime") + fields[14].parse::<f64>().expect("cstime");
    ticks / 100.0
}
