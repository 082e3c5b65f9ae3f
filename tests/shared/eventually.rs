//! Waiting for something that happens in the background, in the test
//! binaries that drive the sandbox over HTTP (api, sandbox).

use std::future::Future;
use std::time::{Duration, Instant};

/// Polls `condition` until it holds, for up to ten seconds.
pub async fn eventually<F, Fut>(mut condition: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if condition().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}
