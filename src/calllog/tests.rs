//! The call log against a real SQLite database (in memory and on disk).

use super::*;
use crate::app::vocab::PersonName;

const CRM: &str = "https://dlv.ucs.ru/api/v1/crm/#123";

fn db() -> Connection {
    Connection::open_in_memory().expect("sqlite")
}

fn rang(key: &str, at: u64, number: &str) -> LoggedCall {
    LoggedCall {
        key: key.to_owned(),
        rang_at: at,
        received: number.to_owned(),
        canonical: Some(format!("+7{}", &number[number.len() - 10..])),
        source: "cli".to_owned(),
        ..LoggedCall::default()
    }
}

fn caller(id: &str) -> Caller {
    Caller {
        id: id.to_owned(),
        name: PersonName {
            lastname: "Безногов".to_owned(),
            ..PersonName::default()
        },
    }
}

#[test]
fn one_call_is_one_row_whatever_order_its_writes_arrive_in() {
    let conn = db();
    let log = CallLog::open(&conn, CRM).expect("log");
    let first = rang("pbx:1", 1000, "89998887766");
    let ended = LoggedCall {
        ended_at: Some(1030),
        ..first.clone()
    };
    let found = LoggedCall {
        callers: vec![caller("7")],
        ..first.clone()
    };
    // The end arrives before the directory's answer: neither is lost.
    log.record(&first).expect("rang");
    log.record(&ended).expect("ended");
    log.record(&found).expect("found");
    let rows = log.list(false).expect("list");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].ended_at, Some(1030));
    assert_eq!(rows[0].callers, vec![caller("7")]);
    assert!(rows[0].is_open_missed());
    assert_eq!(log.get("pbx:1").expect("get"), Some(rows[0].clone()));
}

#[test]
fn a_later_answered_call_or_a_call_back_resolves_the_missed_ones() {
    let conn = db();
    let log = CallLog::open(&conn, CRM).expect("log");
    for (key, at) in [("a", 100), ("b", 200)] {
        log.record(&LoggedCall {
            ended_at: Some(at + 10),
            ..rang(key, at, "89998887766")
        })
        .expect("missed");
    }
    log.record(&LoggedCall {
        ended_at: Some(260),
        ..rang("other", 250, "89161234567")
    })
    .expect("another number");
    assert_eq!(log.list(true).expect("missed").len(), 3);
    assert_eq!(
        log.last_missed("+79998887766", 300).expect("last"),
        Some(200)
    );
    assert_eq!(
        log.last_missed("+79998887766", 150).expect("last"),
        Some(100)
    );

    log.record(&LoggedCall {
        answered_at: Some(310),
        answered_by: Some("desk-1".to_owned()),
        ..rang("c", 300, "89998887766")
    })
    .expect("answered");
    let missed: Vec<String> = log
        .list(true)
        .expect("missed")
        .into_iter()
        .map(|c| c.key)
        .collect();
    assert_eq!(missed, ["other"]);
    assert_eq!(log.last_missed("+79998887766", 400).expect("last"), None);

    log.record(&LoggedCall {
        called_back_at: Some(500),
        called_back_by: Some("desk-2".to_owned()),
        ..rang("other", 250, "89161234567")
    })
    .expect("called back");
    assert!(log.list(true).expect("missed").is_empty());
    let all = log.list(false).expect("all");
    let keys: Vec<&str> = all.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["c", "other", "b", "a"], "newest first");
    assert_eq!(
        all[1].status(),
        crate::app::calllog::CallStatus::CalledBack {
            by: Some("desk-2".to_owned())
        }
    );
}

#[test]
fn each_crm_sees_its_own_calls() {
    let conn = db();
    CallLog::open(&conn, CRM)
        .expect("log")
        .record(&rang("a", 100, "89998887766"))
        .expect("record");
    let other = CallLog::open(&conn, "http://127.0.0.1:1/#1").expect("log");
    assert!(other.list(false).expect("list").is_empty());
}

#[test]
fn start_removes_old_rows_ends_stale_calls_and_returns_the_ringing_ones() {
    let conn = db();
    let log = CallLog::open(&conn, CRM).expect("log");
    let now = 100 * 86_400;
    let day = 86_400;
    log.record(&rang("old", now - 91 * day, "89998887766"))
        .expect("old");
    log.record(&rang("kept", now - 89 * day, "89998887766"))
        .expect("kept");
    log.record(&rang("ringing", now - 30, "89161234567"))
        .expect("ringing");
    log.record(&rang("stale", now - 600, "89161234567"))
        .expect("stale");
    let ringing = log.start(now, 90).expect("start");
    let keys: Vec<&str> = ringing.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["ringing"]);
    let all = log.list(false).expect("list");
    let keys: Vec<&str> = all.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["ringing", "stale", "kept"]);
    let stale = log.get("stale").expect("get").expect("kept");
    assert_eq!(stale.ended_at, Some(now - 600 + 180));
    assert!(stale.is_open_missed());
    // keep_days = 0: nothing is kept.
    assert!(log.start(now, 0).expect("start").is_empty());
    assert!(log.list(false).expect("list").is_empty());
}

#[test]
fn the_log_lives_in_the_directory_file_and_survives_reopening() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("directory.sqlite");
    {
        let directory = crate::directory::Directory::open(&path).expect("open");
        let log = CallLog::open(directory.shared_connection(), CRM).expect("log");
        log.record(&rang("a", 100, "89998887766")).expect("record");
    }
    let directory = crate::directory::Directory::open(&path).expect("open");
    let log = CallLog::open(directory.shared_connection(), CRM).expect("log");
    assert_eq!(log.list(false).expect("list").len(), 1);
}

#[test]
fn forget_removes_the_calls_of_a_client_and_no_other() {
    let conn = db();
    let log = CallLog::open(&conn, CRM).expect("log");
    let other = CallLog::open(&conn, "http://127.0.0.1:1/#1").expect("log");
    log.record(&LoggedCall {
        callers: vec![caller("7")],
        ..rang("caller", 100, "89990000001")
    })
    .expect("record");
    log.record(&LoggedCall {
        card: Some("7".to_owned()),
        ..rang("card", 110, "89990000002")
    })
    .expect("record");
    log.record(&rang("phone", 120, "89161234567"))
        .expect("record");
    log.record(&rang("someone else", 130, "89990000003"))
        .expect("record");
    other
        .record(&rang("phone", 120, "89161234567"))
        .expect("record");
    let removed = log
        .forget("7", &["+79161234567".to_owned()])
        .expect("forget");
    assert_eq!(removed, 3);
    let keys: Vec<String> = log
        .list(false)
        .expect("list")
        .into_iter()
        .map(|c| c.key)
        .collect();
    assert_eq!(keys, ["someone else"]);
    assert_eq!(other.list(false).expect("list").len(), 1, "another CRM's");
}
