//! Shared set-up of the contract tests: the typed client against an
//! in-process sandbox over loopback HTTP.

use std::time::Duration;

use crmcard::api::{Client, ClientOptions, Sid};
use crmcard::sandbox::{LoggedRequest, Sandbox, SandboxConfig, start};
use serde_json::Value;

/// The sample client of the vendor's documentation.
pub const SAMPLE_CLIENT: &str = "10000000009188";
/// Its two contacts and its address.
pub const SAMPLE_CONTACT: &str = "10000000008064";
pub const SAMPLE_ADDRESS: &str = "10000000003276";
/// Russia, Uzbekistan.
pub const RUSSIA: &str = "2";
pub const UZBEKISTAN: &str = "4";
/// Moscow (Russia) and Tashkent (Uzbekistan).
pub const MOSCOW: &str = "10000000000002";
pub const TASHKENT: &str = "10000000000016";
/// A street of Tashkent: "Квартал 328".
pub const TASHKENT_STREET: &str = "10000000016629";

pub async fn sandbox(config: SandboxConfig) -> Sandbox {
    start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("sandbox starts")
}

/// A sandbox without the GET cache, so that reads see writes at once.
pub async fn fresh_sandbox() -> Sandbox {
    sandbox(SandboxConfig {
        cache_ttl: Duration::ZERO,
        ..SandboxConfig::default()
    })
    .await
}

/// Options for tests: short timeouts, a 10 ms retry backoff.
pub fn options(base_url: &str, object_id: &str, sid: &str) -> ClientOptions {
    let mut options = ClientOptions::new(base_url, object_id, Sid::new(sid));
    options.connect_timeout = Duration::from_secs(2);
    options.request_timeout = Duration::from_secs(5);
    options.retry_backoff = Duration::from_millis(10);
    options
}

pub fn client_with(options: ClientOptions) -> Client {
    Client::new(options).expect("client builds")
}

/// The client as the application builds it, with the sandbox's sid.
pub fn client(sandbox: &Sandbox) -> Client {
    client_with(options(&sandbox.base_url(), "1", "demo"))
}

/// A logged request, for comparing with `sandbox.requests()`.
pub fn req(method: &str, path: &str, query: &[(&str, &str)], body: Option<Value>) -> LoggedRequest {
    LoggedRequest {
        method: method.to_owned(),
        path: path.to_owned(),
        query: query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        body,
    }
}

/// Asserts that the sandbox received exactly `expected` since the log was
/// last cleared, then clears it.
#[track_caller]
pub fn assert_log(sandbox: &Sandbox, expected: &[LoggedRequest]) {
    assert_eq!(sandbox.requests(), expected);
    sandbox.clear_requests();
}

pub use crate::eventually::eventually;
