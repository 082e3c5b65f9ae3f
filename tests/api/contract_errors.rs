//! Contract tests: every failure the sandbox can produce becomes its own
//! typed `ApiError`, and only GETs are retried.

use std::time::Duration;

use crate::support::{
    RUSSIA, SAMPLE_CLIENT, TASHKENT, client, client_with, eventually, fresh_sandbox, options, req,
    sandbox,
};
use crmcard::api::model::NewContact;
use crmcard::api::{ApiError, Client};
use crmcard::sandbox::{Fault, Sandbox, SandboxConfig};
use serde_json::json;

/// A client that never retries, so that each fault shows its own error.
fn no_retry(sandbox: &Sandbox) -> Client {
    let mut options = options(&sandbox.base_url(), "1", "demo");
    options.get_retries = 0;
    client_with(options)
}

fn methods(sandbox: &Sandbox) -> Vec<String> {
    sandbox.requests().into_iter().map(|r| r.method).collect()
}

#[tokio::test]
async fn a_wrong_sid_is_an_auth_error_that_never_shows_the_sid() {
    let sandbox = fresh_sandbox().await;
    let secret = "wr0ng-S3cret-k3y";
    let api = client_with(options(&sandbox.base_url(), "1", secret));
    let err = api.client(SAMPLE_CLIENT).await.unwrap_err();
    assert!(err.is_auth(), "{err:?}");
    let crm = err.crm().unwrap();
    assert_eq!((crm.http_status, crm.code()), (401, "DLW-0005"));
    assert!(!err.is_transient());
    for text in [err.to_string(), format!("{err:?}"), format!("{api:?}")] {
        assert!(!text.contains(secret), "{text}");
    }
    // Not retried, and the sandbox did not log the key either.
    assert_eq!(sandbox.requests().len(), 1);
    assert!(!format!("{:?}", sandbox.requests()).contains(secret));

    // The same call with the right sid passes: the header is what decided.
    client(&sandbox).client(SAMPLE_CLIENT).await.unwrap();
}

#[tokio::test]
async fn a_wrong_object_id_is_dlw_0006() {
    let sandbox = fresh_sandbox().await;
    let api = client_with(options(&sandbox.base_url(), "999", "demo"));
    let err = api.countries().await.unwrap_err();
    let crm = err.crm().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!((crm.http_status, crm.code()), (403, "DLW-0006"));
    assert!(!err.is_auth());
    assert_eq!(
        sandbox.requests()[0].query,
        [("objectId".into(), "999".into())]
    );
}

#[tokio::test]
async fn an_unknown_client_keeps_code_and_request_id() {
    let sandbox = fresh_sandbox().await;
    let err = client(&sandbox).client("99999999999999").await.unwrap_err();
    let ApiError::Crm(crm) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((crm.http_status, crm.code()), (404, "DLW-0010"));
    assert!(crm.errors[0].text.contains("99999999999999"), "{crm:?}");
    let id = err.request_id().unwrap();
    assert_eq!(id.len(), 32, "{id}");
    assert!(err.to_string().contains(id), "{err}");
    assert_eq!(sandbox.requests().len(), 1, "a 404 is not retried");
}

#[tokio::test]
async fn client_delete_switched_off_is_not_implemented() {
    let sandbox = sandbox(SandboxConfig {
        client_delete: false,
        cache_ttl: Duration::ZERO,
        ..SandboxConfig::default()
    })
    .await;
    let api = client(&sandbox);
    let err = api.delete_client(SAMPLE_CLIENT).await.unwrap_err();
    assert!(err.is_not_implemented(), "{err:?}");
    assert_eq!(err.crm().unwrap().code(), "DLW-0011");
    assert_eq!(sandbox.requests().len(), 1, "a write is never retried");
    api.client(SAMPLE_CLIENT).await.unwrap();
}

#[tokio::test]
async fn nothing_listening_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let api = client_with(options(&format!("http://{addr}/api/v1/crm/"), "1", "demo"));
    let err = api.countries().await.unwrap_err();
    assert!(matches!(err, ApiError::Connect { .. }), "{err:?}");
    assert!(!err.to_string().contains("demo"), "{err}");
    let err = api.delete_city("1").await.unwrap_err();
    assert!(matches!(err, ApiError::Connect { .. }), "{err:?}");
}

#[tokio::test]
async fn an_answer_later_than_the_timeout_is_a_timeout() {
    let sandbox = fresh_sandbox().await;
    let mut options = options(&sandbox.base_url(), "1", "demo");
    options.request_timeout = Duration::from_millis(200);
    options.get_retries = 0;
    let api = client_with(options);
    sandbox.push_fault(Fault::Delay(Duration::from_secs(2)));
    let err = api.countries().await.unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    assert!(err.is_transient());
    assert_eq!(sandbox.requests().len(), 1);
    // The next call is answered at once.
    api.countries().await.unwrap();
}

#[tokio::test]
async fn broken_answers_are_typed_errors() {
    let sandbox = fresh_sandbox().await;
    let api = no_retry(&sandbox);

    sandbox.push_fault(Fault::Http500);
    let err = api.countries().await.unwrap_err();
    let ApiError::HttpStatus { status, excerpt } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 500);
    assert!(excerpt.contains("500 Internal Server Error"), "{excerpt}");

    for (fault, reason) in [
        (Fault::Html, "not JSON"),
        (Fault::Truncated, "the answer is cut off"),
        (Fault::Empty, "empty body"),
    ] {
        sandbox.push_fault(fault.clone());
        let err = api.countries().await.unwrap_err();
        match &err {
            ApiError::Malformed {
                status: 200,
                reason: r,
                ..
            } => assert_eq!(r, reason, "{fault:?}"),
            other => panic!("{fault:?}: {other:?}"),
        }
        assert!(!err.is_transient(), "{fault:?}");
    }
    // Each fault got its own single request: no hidden retries.
    assert_eq!(sandbox.requests().len(), 4);

    sandbox.push_fault(Fault::Err("DLW-0015".into()));
    let err = api.client(SAMPLE_CLIENT).await.unwrap_err();
    let crm = err.crm().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(crm.code(), "DLW-0015");
    assert_eq!(crm.http_status, 504);
    assert!(err.request_id().is_some());

    sandbox.push_fault(Fault::Err("DLW-0042".into()));
    let err = api.countries().await.unwrap_err();
    assert_eq!(err.crm().unwrap().code(), "DLW-0042", "unknown codes kept");
    assert!(err.to_string().contains("DLW-0042"), "{err}");
}

#[tokio::test]
async fn a_get_is_retried_after_a_500_and_succeeds() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);
    sandbox.push_fault(Fault::Http500);
    let card = api.client(SAMPLE_CLIENT).await.unwrap();
    assert_eq!(card.id, SAMPLE_CLIENT);
    let get = req(
        "GET",
        "Clients",
        &[("Id", SAMPLE_CLIENT), ("objectId", "1")],
        None,
    );
    assert_eq!(sandbox.requests(), [get.clone(), get]);

    // A 5xx Err envelope (DLW-0015 is 504) is transient too.
    sandbox.clear_requests();
    sandbox.push_fault(Fault::Err("DLW-0015".into()));
    api.countries().await.unwrap();
    assert_eq!(methods(&sandbox), ["GET", "GET"]);

    // A malformed answer is not: retrying would not mend it.
    sandbox.clear_requests();
    sandbox.push_fault(Fault::Truncated);
    api.countries().await.unwrap_err();
    assert_eq!(sandbox.requests().len(), 1);
}

#[tokio::test]
async fn three_failures_in_a_row_give_up_after_three_requests() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);
    for _ in 0..3 {
        sandbox.push_fault(Fault::Http500);
    }
    let err = api.streets(TASHKENT).await.unwrap_err();
    assert!(
        matches!(err, ApiError::HttpStatus { status: 500, .. }),
        "{err:?}"
    );
    assert_eq!(methods(&sandbox), ["GET", "GET", "GET"]);
    // The faults are used up: the next call is the fourth request and passes.
    api.streets(TASHKENT).await.unwrap();
    assert_eq!(sandbox.requests().len(), 4);
}

#[tokio::test]
async fn writes_are_never_retried_after_a_500() {
    let sandbox = fresh_sandbox().await;
    let api = client(&sandbox);
    let city = api.create_city(RUSSIA, "Пробный").await.unwrap();
    let before = api.cities(RUSSIA).await.unwrap();
    sandbox.clear_requests();

    sandbox.push_fault(Fault::Http500);
    let err = api.create_city(RUSSIA, "Не создан").await.unwrap_err();
    assert!(
        matches!(err, ApiError::HttpStatus { status: 500, .. }),
        "{err:?}"
    );
    assert_eq!(methods(&sandbox), ["POST"]);
    sandbox.clear_requests();

    sandbox.push_fault(Fault::Http500);
    api.rename_city(&city.id, "Не переименован")
        .await
        .unwrap_err();
    assert_eq!(methods(&sandbox), ["PUT"]);
    sandbox.clear_requests();

    sandbox.push_fault(Fault::Http500);
    api.delete_city(&city.id).await.unwrap_err();
    assert_eq!(methods(&sandbox), ["DELETE"]);

    // The faulted writes were not carried out, and not repeated.
    assert_eq!(api.cities(RUSSIA).await.unwrap(), before);
}

/// A client whose requests time out after 200 ms, and a POST whose answer
/// the sandbox delays past that.
async fn post_past_the_timeout(sandbox: &Sandbox) -> Client {
    let mut options = options(&sandbox.base_url(), "1", "demo");
    options.request_timeout = Duration::from_millis(200);
    let api = client_with(options);
    sandbox.push_fault(Fault::Delay(Duration::from_millis(600)));
    let err = api
        .add_contact(SAMPLE_CLIENT, &late_contact())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    api
}

fn late_contact() -> NewContact {
    NewContact {
        type_id: "4".into(),
        value: "late@example.com".into(),
    }
}

#[tokio::test]
async fn a_timed_out_post_is_not_retried() {
    let sandbox = fresh_sandbox().await;
    post_past_the_timeout(&sandbox).await;
    // The call has returned: whatever it sent is in the log now.
    assert_eq!(
        sandbox.requests(),
        [req(
            "POST",
            "Clients/Contacts",
            &[("clientId", SAMPLE_CLIENT), ("objectId", "1")],
            Some(json!({"typeId": "4", "value": "late@example.com"})),
        )]
    );
}

#[tokio::test]
async fn a_timed_out_post_was_carried_out_all_the_same() {
    let sandbox = fresh_sandbox().await;
    let api = post_past_the_timeout(&sandbox).await;
    // The server carried it out after the client gave up: exactly why a
    // write is never sent twice.
    let carried_out = eventually(|| async {
        api.client(SAMPLE_CLIENT)
            .await
            .is_ok_and(|c| c.contacts.iter().any(|x| x.value == "late@example.com"))
    })
    .await;
    assert!(carried_out, "the delayed write was not carried out");
    let card = api.client(SAMPLE_CLIENT).await.unwrap();
    let copies = card
        .contacts
        .iter()
        .filter(|x| x.value == "late@example.com")
        .count();
    assert_eq!(copies, 1);
    let posts = sandbox
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1);
}
