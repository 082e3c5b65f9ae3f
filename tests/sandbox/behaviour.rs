//! The sandbox CRM's behaviour beyond single calls: the server's GET cache,
//! fault injection, the request log, persistence, runtimes.

use std::time::Duration;

use tokio::time::Instant;

use crate::support::{Probe, SAMPLE_CLIENT, answer, by_id};
use crmcard::sandbox::{Fault, Faults, LoggedRequest, SandboxConfig};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_get_after_a_write_is_served_from_the_cache() {
    let probe = Probe::start(SandboxConfig::default()).await;
    let c = [("clientId", SAMPLE_CLIENT)];
    assert_eq!(probe.card(SAMPLE_CLIENT).await["lastname"], "Безногов");
    let written = probe
        .put("Clients", &c, json!({"lastname": "Иванов"}))
        .await;
    assert_eq!(
        written.data()["lastname"],
        "Иванов",
        "the write answers the new card"
    );
    assert_eq!(
        probe.card(SAMPLE_CLIENT).await["lastname"],
        "Безногов",
        "stale"
    );

    let country = [("countryId", "2")];
    let before = probe.get("Cities", &country).await.data().clone();
    let added = probe
        .post("Cities", &country, json!({"Name": "Таганрог"}))
        .await;
    let id = added.data()["id"].as_str().unwrap().to_owned();
    assert_eq!(*probe.get("Cities", &country).await.data(), before);
    assert!(by_id(&before, &id).is_none());

    // Another URL is another entry: a different parameter order is not cached yet.
    let url = probe.url(&format!("Clients?objectId=1&Id={SAMPLE_CLIENT}"));
    let other = answer(probe.raw(Method::GET, &url).header("sid", "demo")).await;
    assert_eq!(other.data()["lastname"], "Иванов");
}

/// The highest client id of the built-in seed: a new client gets the next.
fn seed_max_client_id() -> u64 {
    let seed: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/seed/clients.json"
    )))
    .unwrap();
    let ids = seed.as_array().unwrap().iter();
    ids.map(|c| c["id"].as_str().unwrap().parse::<u64>().unwrap())
        .max()
        .unwrap()
}

#[tokio::test]
async fn errors_are_not_cached() {
    let probe = Probe::start(SandboxConfig::default()).await;
    let next = seed_max_client_id() + 1;
    let next = next.to_string();
    let missing = probe.get("Clients", &[("Id", &next)]).await;
    assert_eq!(missing.status, 404);
    let created = probe
        .post("Clients", &[], json!({"lastname": "Новый"}))
        .await;
    let id = created.data()["id"].as_str().unwrap().to_owned();
    assert_eq!(id, next, "max + 1");
    assert_eq!(probe.card(&next).await["lastname"], "Новый");
}

/// On a paused tokio clock (the sandbox's cache reads it): the stale
/// answer is served until the time to live has passed, then the fresh one.
#[tokio::test(start_paused = true)]
async fn without_a_cache_reads_are_fresh_and_with_a_short_one_they_expire() {
    let probe = Probe::fresh().await;
    let c = [("clientId", SAMPLE_CLIENT)];
    probe.card(SAMPLE_CLIENT).await;
    probe
        .put("Clients", &c, json!({"lastname": "Иванов"}))
        .await;
    assert_eq!(probe.card(SAMPLE_CLIENT).await["lastname"], "Иванов");

    let ttl = Duration::from_millis(300);
    let probe = Probe::start(SandboxConfig {
        cache_ttl: ttl,
        ..SandboxConfig::default()
    })
    .await;
    probe.card(SAMPLE_CLIENT).await;
    let cached = Instant::now();
    probe
        .put("Clients", &c, json!({"lastname": "Иванов"}))
        .await;
    tokio::time::sleep_until(cached + ttl - Duration::from_millis(1)).await;
    assert_eq!(
        probe.card(SAMPLE_CLIENT).await["lastname"],
        "Безногов",
        "still cached"
    );
    tokio::time::sleep_until(cached + ttl).await;
    assert_eq!(probe.card(SAMPLE_CLIENT).await["lastname"], "Иванов");
}

#[tokio::test]
async fn scripted_faults_answer_once_each_in_order() {
    let probe = Probe::fresh().await;
    let sandbox = &probe.sandbox;
    sandbox.push_fault(Fault::Http500);
    sandbox.push_fault(Fault::Html);
    sandbox.push_fault(Fault::Truncated);
    sandbox.push_fault(Fault::Empty);
    sandbox.push_fault(Fault::Err("DLW-0015".into()));
    sandbox.push_fault(Fault::Err("DLW-0004".into()));

    let a = probe.get("Countries", &[]).await;
    assert_eq!(a.status, 500);
    assert!(
        a.content_type.starts_with("text/html") && a.text.contains("<html>"),
        "{a:?}"
    );
    let a = probe.get("Countries", &[]).await;
    assert_eq!(a.status, 200);
    assert!(
        a.content_type.starts_with("text/html") && a.text.contains("<html>"),
        "{a:?}"
    );
    let a = probe.get("Countries", &[]).await;
    assert_eq!(a.status, 200);
    assert!(a.text.starts_with("{\"data\""), "{a:?}");
    assert!(
        serde_json::from_str::<serde_json::Value>(&a.text).is_err(),
        "{a:?}"
    );
    let a = probe.get("Countries", &[]).await;
    assert_eq!((a.status, a.text.as_str()), (200, ""));
    let a = probe.get("Countries", &[]).await;
    assert_eq!(a.code(), "DLW-0015");
    assert_eq!(a.status, 504);
    let a = probe.get("Countries", &[]).await;
    assert_eq!((a.status, a.code()), (503, "DLW-0004"));
    assert_eq!(
        a.json["errors"][0]["text"],
        "Service temporarily unavailable"
    );
    // The script is used up.
    probe.get("Countries", &[]).await.data();
}

#[tokio::test]
async fn a_faulted_write_is_not_carried_out() {
    let probe = Probe::fresh().await;
    let c = [("clientId", SAMPLE_CLIENT)];
    for fault in [
        Fault::Http500,
        Fault::Html,
        Fault::Truncated,
        Fault::Empty,
        Fault::Err("DLW-0001".into()),
    ] {
        probe.sandbox.push_fault(fault.clone());
        let a = probe
            .put("Clients", &c, json!({"lastname": "Иванов"}))
            .await;
        assert_ne!(a.json["status"], "Ok", "{fault:?}: {a:?}");
        assert_eq!(
            probe.card(SAMPLE_CLIENT).await["lastname"],
            "Безногов",
            "{fault:?}"
        );
    }
}

/// On a paused tokio clock (the sandbox's delay sleeps on it).
#[tokio::test(start_paused = true)]
async fn a_delay_answers_normally_but_late() {
    let probe = Probe::fresh().await;
    probe
        .sandbox
        .push_fault(Fault::Delay(Duration::from_millis(300)));
    let started = Instant::now();
    let a = probe
        .put(
            "Clients",
            &[("clientId", SAMPLE_CLIENT)],
            json!({"lastname": "Иванов"}),
        )
        .await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        a.data()["lastname"],
        "Иванов",
        "a delayed write is carried out"
    );
}

/// On a paused tokio clock (the sandbox's latency sleeps on it).
#[tokio::test(start_paused = true)]
async fn latency_and_error_rate_apply_to_every_request() {
    let probe = Probe::fresh().await;
    probe.sandbox.set_faults(Faults {
        latency: Duration::from_millis(200),
        error_rate: 0.0,
    });
    let started = Instant::now();
    probe.get("Countries", &[]).await.data();
    assert!(started.elapsed() >= Duration::from_millis(200));

    probe.sandbox.set_faults(Faults {
        latency: Duration::ZERO,
        error_rate: 1.0,
    });
    for _ in 0..5 {
        let a = probe.get("Countries", &[]).await;
        assert_eq!((a.status, a.code()), (500, "DLW-0001"));
    }
    let a = probe
        .put(
            "Clients",
            &[("clientId", SAMPLE_CLIENT)],
            json!({"lastname": "X"}),
        )
        .await;
    assert_eq!(a.status, 500);

    probe.sandbox.set_faults(Faults {
        latency: Duration::ZERO,
        error_rate: 0.5,
    });
    let mut failures = 0;
    for _ in 0..40 {
        if probe.get("Countries", &[]).await.status == 500 {
            failures += 1;
        }
    }
    assert!((8..=32).contains(&failures), "{failures}");

    probe.sandbox.set_faults(Faults::default());
    assert_eq!(probe.card(SAMPLE_CLIENT).await["lastname"], "Безногов");
}

#[tokio::test]
async fn the_request_log_has_every_request_without_the_sid() {
    let probe = Probe::fresh().await;
    let q = [("clientId", SAMPLE_CLIENT), ("contactId", "10000000008064")];
    probe
        .put("Clients/Contacts", &q, json!({"value": "тест@почта.рф"}))
        .await;
    probe.sandbox.push_fault(Fault::Empty);
    probe.get("Cities", &[("countryId", "2")]).await;
    let url = probe.url("Streets?cityId=10000000000016&objectId=1");
    answer(
        probe
            .raw(Method::POST, &url)
            .header("sid", "demo")
            .body("not json"),
    )
    .await;
    answer(probe.raw(Method::GET, &probe.url("/Countries?objectId=1"))).await;

    let log = probe.sandbox.requests();
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        log,
        vec![
            LoggedRequest {
                method: "PUT".into(),
                path: "Clients/Contacts".into(),
                query: pairs(&[
                    ("clientId", SAMPLE_CLIENT),
                    ("contactId", "10000000008064"),
                    ("objectId", "1")
                ]),
                body: Some(json!({"value": "тест@почта.рф"})),
            },
            LoggedRequest {
                method: "GET".into(),
                path: "Cities".into(),
                query: pairs(&[("countryId", "2"), ("objectId", "1")]),
                body: None,
            },
            LoggedRequest {
                method: "POST".into(),
                path: "Streets".into(),
                query: pairs(&[("cityId", "10000000000016"), ("objectId", "1")]),
                body: Some(json!("not json")),
            },
            LoggedRequest {
                method: "GET".into(),
                path: "/Countries".into(),
                query: pairs(&[("objectId", "1")]),
                body: None,
            },
        ]
    );
    assert!(!format!("{log:?}").contains("demo"));
    probe.sandbox.clear_requests();
    assert!(probe.sandbox.requests().is_empty());
}

#[tokio::test]
async fn percent_encoded_values_are_decoded() {
    let probe = Probe::fresh().await;
    let url = probe.url("Clients?Id=%31%30000000009188&objectId=%31");
    let a = answer(probe.raw(Method::GET, &url).header("sid", "demo")).await;
    assert_eq!(a.data()["id"], SAMPLE_CLIENT);
    assert_eq!(probe.sandbox.requests()[0].query[0].1, SAMPLE_CLIENT);
}

#[tokio::test]
async fn a_database_file_survives_a_restart() {
    let path = std::env::temp_dir().join(format!(
        "crmcard-sandbox-test-{}-{}.sqlite",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let _ = std::fs::remove_file(&path);
    let config = SandboxConfig {
        db: Some(path.clone()),
        cache_ttl: Duration::ZERO,
        ..SandboxConfig::default()
    };

    let probe = Probe::start(config.clone()).await;
    let countries = probe.get("Countries", &[]).await.data().clone();
    let created = probe
        .post("Clients", &[], json!({"lastname": "Сохранённый"}))
        .await;
    let id = created.data()["id"].as_str().unwrap().to_owned();
    probe
        .put(
            "Clients",
            &[("clientId", SAMPLE_CLIENT)],
            json!({"note": "после рестарта"}),
        )
        .await
        .data();
    probe.sandbox.shutdown().await;

    let probe = Probe::start(config).await;
    assert_eq!(probe.card(&id).await["lastname"], "Сохранённый");
    assert_eq!(probe.card(SAMPLE_CLIENT).await["note"], "после рестарта");
    assert_eq!(
        *probe.get("Countries", &[]).await.data(),
        countries,
        "not seeded twice"
    );
    probe.sandbox.shutdown().await;
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn it_serves_concurrent_requests_on_a_multi_thread_runtime() {
    let probe = Probe::fresh().await;
    let probe = &probe;
    let count = probe.card(SAMPLE_CLIENT).await["contacts"]
        .as_array()
        .unwrap()
        .len();
    let answers = futures_util::future::join_all((0..20).map(|i| async move {
        let value = format!("+7999000{i:04}");
        probe
            .post(
                "Clients/Contacts",
                &[("clientId", SAMPLE_CLIENT)],
                json!({"typeId": "3", "value": value}),
            )
            .await
    }))
    .await;
    assert!(answers.iter().all(|a| a.status == 200));
    let card = probe.card(SAMPLE_CLIENT).await;
    let contacts = card["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), count + 20);
    let mut ids: Vec<&str> = contacts.iter().map(|c| c["id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), count + 20, "ids are unique");
}

#[test]
fn it_runs_on_a_current_thread_runtime_and_shuts_down() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let probe = Probe::start(SandboxConfig::default()).await;
        let base = probe.sandbox.base_url();
        assert!(
            base.starts_with("http://127.0.0.1:") && base.ends_with("/api/v1/crm/"),
            "{base}"
        );
        probe.get("Countries", &[]).await.data();
        let addr = probe.sandbox.addr();
        probe.sandbox.shutdown().await;
        assert!(
            tokio::net::TcpStream::connect(addr).await.is_err(),
            "no longer listening"
        );
    });
}
