//! The call log shared between desks: a call taken at one desk, a call-back
//! marked at one desk, seen at the other; calls logged while the database
//! is down arriving once.

use crmcard::app::calllog::CallStatus;

use super::postgres::Cluster;
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_taken_at_one_desk_is_seen_as_taken_by_it_at_the_other() {
    let db = Cluster::shared().database("call_taken");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    // The PBX rang both desks with one call (one Linkedid); A answered it,
    // B saw it ring and end.
    let call = rang("pbx:1733.51", "+79161234567");
    b.log(call.clone());
    a.log(call.clone());
    a.log(LoggedCall {
        answered_at: Some(call.rang_at + 4),
        answered_by: Some("desk A".to_owned()),
        ..call.clone()
    });
    b.log(LoggedCall {
        ended_at: Some(call.rang_at + 30),
        ..call.clone()
    });
    let taken = CallStatus::Answered {
        by: Some("desk A".to_owned()),
    };
    until("B's log says A took it", || {
        b.call("pbx:1733.51")
            .is_some_and(|c| c.status() == taken && c.ended_at.is_some())
    })
    .await;
    until("A's log has B's end of it", || {
        a.call("pbx:1733.51").and_then(|c| c.ended_at) == Some(call.rang_at + 30)
    })
    .await;
    assert_eq!(a.call("pbx:1733.51"), b.call("pbx:1733.51"));
    assert_eq!(b.calls().len(), 1, "one call is one row");
    assert_eq!(
        Cluster::shared().sql(
            &db.name,
            "SELECT key, answered_by, ended_at - rang_at FROM calls"
        ),
        "pbx:1733.51|desk A|30\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_back_marked_at_one_desk_is_seen_at_the_other() {
    let db = Cluster::shared().database("call_back");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    let missed = LoggedCall {
        ended_at: Some(now() as u64 + 20),
        ..rang("pbx:1733.60", "+79035556677")
    };
    a.log(missed.clone());
    until("B has the missed call", || {
        b.call("pbx:1733.60").is_some_and(|c| c.is_open_missed())
    })
    .await;
    // B calls back (the `b` key, or the dial).
    b.log(LoggedCall {
        called_back_at: Some(now() as u64 + 60),
        called_back_by: Some("desk B".to_owned()),
        ..b.call("pbx:1733.60").expect("B's row")
    });
    let calling = CallStatus::CalledBack {
        by: Some("desk B".to_owned()),
    };
    until("A sees B calling back", || {
        a.call("pbx:1733.60").is_some_and(|c| c.status() == calling)
    })
    .await;
    assert!(a.calls().iter().all(|c| !c.is_open_missed()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_logged_while_the_database_is_down_arrive_once_after_it_restarts() {
    let cluster = Cluster::private();
    let db = cluster.database("calls_crash");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    a.wait_status(|s| *s == SyncStatus::Online).await;
    b.wait_status(|s| *s == SyncStatus::Online).await;
    cluster.crash();
    a.wait_status(|s| matches!(s, SyncStatus::Offline { .. }))
        .await;
    let first = rang("pbx:1733.70", "+79161110070");
    a.log(first.clone());
    a.log(LoggedCall {
        ended_at: Some(first.rang_at + 15),
        ..first
    });
    a.log(LoggedCall {
        answered_at: Some(now() as u64 + 2),
        answered_by: Some("desk A".to_owned()),
        ..rang("run:desk A:1800000000-2", "+79161110071")
    });
    assert_eq!(a.calls().len(), 2, "A's own log has them at once");
    let queued = a
        .directory
        .blocking(crmcard::shared::calls::replica::queued)
        .expect("queued");
    assert_eq!(queued, 2, "two calls queued, one entry each");
    cluster.start();
    until("B has both calls", || b.calls().len() == 2).await;
    until("A's queue is empty", || {
        a.directory
            .blocking(crmcard::shared::calls::replica::queued)
            .expect("queued")
            == 0
    })
    .await;
    assert_eq!(
        cluster.sql(&db.name, "SELECT count(*), count(DISTINCT key) FROM calls"),
        "2|2\n"
    );
    assert_eq!(b.calls(), a.calls());
    assert_eq!(
        b.call("pbx:1733.70").map(|c| c.status()),
        Some(CallStatus::Missed)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_starting_removes_the_shared_calls_older_than_its_keep_days() {
    let db = Cluster::shared().database("calls_sweep");
    let a = Desk::start(&db, "desk A");
    a.wait_status(|s| *s == SyncStatus::Online).await;
    let day = 86_400;
    a.log(LoggedCall {
        rang_at: (now() - 100 * day) as u64,
        ..rang("pbx:old", "+79161110080")
    });
    a.log(LoggedCall {
        rang_at: (now() - 80 * day) as u64,
        ..rang("pbx:kept", "+79161110081")
    });
    until("the table has both", || {
        Cluster::shared().sql(&db.name, "SELECT count(*) FROM calls") == "2\n"
    })
    .await;
    // Another desk starts, keeping 90 days (the default).
    let b = Desk::start(&db, "desk B");
    until("the old call is gone from the table", || {
        Cluster::shared().sql(&db.name, "SELECT key FROM calls") == "pbx:kept\n"
    })
    .await;
    until("B has the kept one", || b.call("pbx:kept").is_some()).await;
    assert_eq!(b.call("pbx:old"), None);
}
