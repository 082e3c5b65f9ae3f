//! The executor against the sandbox over loopback HTTP: cancelling a read,
//! retries and their time limit, similar searches older than the newest.

use std::time::Duration;

use super::*;
use crate::api::{ApiError, ClientOptions, Sid};
use crate::sandbox::{Fault, Sandbox, SandboxConfig};

const SAMPLE: &str = "10000000009188";

async fn sandbox() -> Sandbox {
    crate::sandbox::start(
        SandboxConfig {
            cache_ttl: Duration::ZERO,
            ..SandboxConfig::default()
        },
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("sandbox starts")
}

fn executor(sandbox: &Sandbox, request_timeout: Duration, backoff: Duration) -> Executor {
    let defaults = SandboxConfig::default();
    let mut options = ClientOptions::new(
        sandbox.base_url(),
        defaults.object_id,
        Sid::new(defaults.sid),
    );
    options.request_timeout = request_timeout;
    options.retry_backoff = backoff;
    options.get_retries = 2;
    Executor::new(Client::new(options).expect("client"), None)
}

fn gets(sandbox: &Sandbox) -> usize {
    sandbox
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .count()
}

#[tokio::test]
async fn a_cancelled_open_stops_its_retries() {
    let sandbox = sandbox().await;
    // Every try fails at once, as a 500: retried after 150 and 300 ms.
    for _ in 0..3 {
        sandbox.push_fault(Fault::Http500);
    }
    let executor = executor(
        &sandbox,
        Duration::from_secs(10),
        Duration::from_millis(150),
    );
    let (tx, mut rx) = mpsc::channel(8);
    let req = RequestId(7);
    executor.spawn(
        Effect::LoadClient {
            req,
            id: SAMPLE.to_owned(),
        },
        &tx,
    );
    assert_eq!(executor.reads_under_way(), 1);
    while gets(&sandbox) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    executor.spawn(Effect::Cancel(req), &tx);
    assert_eq!(executor.reads_under_way(), 0);
    // The read's task holds the other sender: the channel closes once the
    // task is gone, and a task that went on retrying would answer first.
    drop(tx);
    assert!(
        rx.recv().await.is_none(),
        "a cancelled open answers nothing"
    );
    assert_eq!(gets(&sandbox), 1, "{:?}", sandbox.requests());
    sandbox.shutdown().await;
}

/// A similar search asked for before the newest exact search is
/// answered empty without running; one as new as it runs.
#[tokio::test]
async fn a_similar_search_older_than_the_newest_exact_search_is_skipped() {
    let sandbox = sandbox().await;
    let mut directory = crate::directory::Directory::in_memory().expect("a directory");
    for client in crate::demo::built_in_clients().expect("the built-in seed") {
        directory.upsert(&client).expect("kept");
    }
    let client = executor(&sandbox, Duration::from_secs(5), Duration::from_millis(10)).client;
    let executor = Executor::new(client, Some(DirectoryHandle::new(directory)));
    let (tx, mut rx) = mpsc::channel(8);
    let similar = |req| Effect::SearchSimilar {
        req: RequestId(req),
        query: "безнагов".to_owned(),
        exclude: Vec::new(),
    };
    executor.spawn(similar(1), &tx);
    let Some(Msg::SimilarFound { hits, .. }) = rx.recv().await else {
        panic!("a similar answer");
    };
    assert!(!hits.is_empty(), "nothing newer was asked: it runs");
    executor.spawn(
        Effect::SearchDirectory {
            req: RequestId(5),
            query: "безнагов".to_owned(),
            layout: None,
        },
        &tx,
    );
    assert!(matches!(
        rx.recv().await,
        Some(Msg::DirectoryFound { .. } | Msg::SearchUnavailable { .. })
    ));
    executor.spawn(similar(4), &tx);
    let Some(Msg::SimilarFound { req, hits }) = rx.recv().await else {
        panic!("a similar answer");
    };
    assert_eq!(
        (req, hits.len()),
        (RequestId(4), 0),
        "older than 5: skipped"
    );
    executor.spawn(similar(5), &tx);
    let Some(Msg::SimilarFound { hits, .. }) = rx.recv().await else {
        panic!("a similar answer");
    };
    assert!(!hits.is_empty(), "as new as the exact search: it runs");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_open_that_is_not_cancelled_is_retried_and_answers() {
    let sandbox = sandbox().await;
    sandbox.push_fault(Fault::Http500);
    let executor = executor(&sandbox, Duration::from_secs(10), Duration::from_millis(10));
    let (tx, mut rx) = mpsc::channel(8);
    let req = RequestId(8);
    executor.spawn(
        Effect::LoadClient {
            req,
            id: SAMPLE.to_owned(),
        },
        &tx,
    );
    let msg = rx.recv().await.expect("an answer");
    assert!(
        matches!(&msg, Msg::ClientLoaded { req: r, result: Ok(_) } if *r == req),
        "{msg:?}"
    );
    assert_eq!(gets(&sandbox), 2);
    assert_eq!(executor.reads_under_way(), 0, "an ended read is forgotten");
    // Cancelling it now does nothing.
    executor.spawn(Effect::Cancel(req), &tx);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_open_gives_up_within_the_request_timeout_retries_included() {
    let sandbox = sandbox().await;
    // A hung server: every answer comes long after the timeout.
    for _ in 0..3 {
        sandbox.push_fault(Fault::Delay(Duration::from_secs(5)));
    }
    let executor = executor(&sandbox, Duration::from_secs(1), Duration::from_millis(10));
    let msg = executor
        .run(Effect::LoadClient {
            req: RequestId(9),
            id: SAMPLE.to_owned(),
        })
        .await
        .expect("an answer");
    let Msg::ClientLoaded {
        result: Err(error), ..
    } = msg
    else {
        panic!("not a failed load: {msg:?}");
    };
    assert_eq!(
        error,
        ApiError::Timeout {
            seconds: 1,
            write: false
        }
    );
    // The whole second went to the first try: no retry was sent after
    // the time was up (before: two more, three seconds in all, each
    // logged by the sandbox on arrival, long before its own timeout and
    // so before `run` returned).
    assert_eq!(gets(&sandbox), 1, "{:?}", sandbox.requests());
    let text = crate::i18n::describe_error(&error, crate::i18n::Lang::En);
    assert!(!text.advice.contains("saved"), "{text:?}");
    sandbox.shutdown().await;
}
