//! Contract tests: the server's GET cache as the client sees it, and the
//! sandbox's data surviving a restart.

use std::time::Duration;

use crate::support::{MOSCOW, RUSSIA, SAMPLE_CLIENT, client, eventually, fresh_sandbox, sandbox};
use crmcard::api::model::{NewClient, NewContact};
use crmcard::sandbox::{Sandbox, SandboxConfig};

fn contact(value: &str) -> NewContact {
    NewContact {
        type_id: "4".into(),
        value: value.into(),
    }
}

/// A TTL no test run comes near: a read right after a write is stale
/// however slow the machine (no clock is read to say so).
const LONG_TTL: Duration = Duration::from_secs(600);
/// A TTL short enough to wait out: the answer turning fresh is the sign.
const SHORT_TTL: Duration = Duration::from_millis(300);

/// A sandbox whose GET cache lives for `ttl`.
async fn caching_sandbox(ttl: Duration) -> Sandbox {
    sandbox(SandboxConfig {
        cache_ttl: ttl,
        ..SandboxConfig::default()
    })
    .await
}

#[tokio::test]
async fn a_get_right_after_a_write_shows_the_old_card() {
    let sandbox = caching_sandbox(LONG_TTL).await;
    let api = client(&sandbox);
    let before = api.client(SAMPLE_CLIENT).await.unwrap();
    let written = api
        .add_contact(SAMPLE_CLIENT, &contact("new@example.com"))
        .await
        .unwrap();
    assert_eq!(written.contacts.len(), before.contacts.len() + 1);
    assert!(
        written
            .contacts
            .iter()
            .any(|c| c.value == "new@example.com")
    );
    let stale = api.client(SAMPLE_CLIENT).await.unwrap();
    assert_eq!(stale, before, "served from the cache");
}

#[tokio::test]
async fn the_card_is_fresh_once_the_ttl_has_passed() {
    let sandbox = caching_sandbox(SHORT_TTL).await;
    let api = client(&sandbox);
    api.client(SAMPLE_CLIENT).await.unwrap();
    let written = api
        .add_contact(SAMPLE_CLIENT, &contact("new@example.com"))
        .await
        .unwrap();
    let fresh = eventually(|| async { api.client(SAMPLE_CLIENT).await.unwrap() == written }).await;
    assert!(fresh, "the cache never expired");
}

#[tokio::test]
async fn without_a_cache_a_get_after_a_write_is_fresh_at_once() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);
    api.client(SAMPLE_CLIENT).await.unwrap();
    let written = api
        .add_contact(SAMPLE_CLIENT, &contact("new@example.com"))
        .await
        .unwrap();
    assert_eq!(api.client(SAMPLE_CLIENT).await.unwrap(), written);
}

#[tokio::test]
async fn a_dictionary_is_stale_after_a_write_until_the_ttl() {
    let sandbox = caching_sandbox(LONG_TTL).await;
    let api = client(&sandbox);
    let before = api.streets(MOSCOW).await.unwrap();
    let street = api
        .create_street(MOSCOW, "Кэшевая", "100100")
        .await
        .unwrap();
    let stale = api.streets(MOSCOW).await.unwrap();
    assert_eq!(stale, before);
    assert!(!stale.contains(&street));

    let sandbox = caching_sandbox(SHORT_TTL).await;
    let api = client(&sandbox);
    api.streets(MOSCOW).await.unwrap();
    let street = api
        .create_street(MOSCOW, "Кэшевая", "100100")
        .await
        .unwrap();
    let fresh = eventually(|| async { api.streets(MOSCOW).await.unwrap().contains(&street) }).await;
    assert!(fresh, "the cache never expired");
}

#[tokio::test]
async fn data_written_through_the_client_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        db: Some(dir.path().join("crm.sqlite")),
        cache_ttl: Duration::ZERO,
        ..SandboxConfig::default()
    };

    let first = sandbox(config.clone()).await;
    let api = client(&first);
    let created = api
        .create_client(&NewClient {
            lastname: "Сохранённый".into(),
            contacts: vec![contact("kept@example.com")],
            ..NewClient::default()
        })
        .await
        .unwrap();
    let city = api.create_city(RUSSIA, "Перезапуск").await.unwrap();
    let countries = api.countries().await.unwrap();
    let cities = api.cities(RUSSIA).await.unwrap();
    let streets = api.streets(MOSCOW).await.unwrap();
    let sample = api.client(SAMPLE_CLIENT).await.unwrap();
    first.shutdown().await;

    let second = sandbox(config).await;
    let api = client(&second);
    assert_eq!(api.client(&created.id).await.unwrap(), created);
    let cities_after = api.cities(RUSSIA).await.unwrap();
    assert!(cities_after.contains(&city));
    // The seed was not loaded again on top.
    assert_eq!(cities_after, cities);
    assert_eq!(api.countries().await.unwrap(), countries);
    assert_eq!(api.streets(MOSCOW).await.unwrap(), streets);
    assert_eq!(api.client(SAMPLE_CLIENT).await.unwrap(), sample);
    // New ids go on after the old ones.
    let next = api.create_city(RUSSIA, "После").await.unwrap();
    assert_ne!(next.id, city.id);
    second.shutdown().await;
}
