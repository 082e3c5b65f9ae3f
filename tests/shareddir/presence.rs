//! Who has a client's form open, seen from another desk: written, kept
//! alive, gone when the form closes or the desk's connection ends, and the
//! save made at another desk after a form was opened.

use crmcard::presence::{EditedPart, Presence, Watching};
use crmcard::shared::presence::Me;
use crmcard::shared::presence_engine::{PresenceEngine, PresenceOptions};

use super::postgres::{Cluster, Database};
use super::*;

fn options(name: &str) -> PresenceOptions {
    let mut options = PresenceOptions::new(crm(), Me::new(name, format!("оператор {name}")));
    options.heartbeat = Duration::from_millis(200);
    // Not what the tests wait for: the heartbeat's sweep is.
    options.recheck = Duration::from_secs(3600);
    options.backoff = Duration::from_millis(100);
    options.max_backoff = Duration::from_millis(800);
    options.timeout = Duration::from_secs(5);
    options
}

fn engine(db: &Database, options: PresenceOptions) -> PresenceEngine {
    PresenceEngine::start(shared_config(db, SUPERUSER_PASSWORD), options)
}

fn shown(id: &str) -> Watching {
    Watching {
        shown: Some(id.to_owned()),
        editing: None,
    }
}

fn editing(id: &str, part: EditedPart) -> Watching {
    Watching {
        shown: Some(id.to_owned()),
        editing: Some((id.to_owned(), part)),
    }
}

/// Waits until what `engine` reports about the client on its screen
/// satisfies `want`; returns it.
async fn seen_until(engine: &PresenceEngine, want: impl Fn(&Presence) -> bool) -> Presence {
    let mut seen = engine.seen();
    let waited =
        tokio::time::timeout(DEADLINE, seen.wait_for(|s| s.as_ref().is_some_and(&want))).await;
    let seen = waited.expect("presence in time").expect("engine");
    seen.clone().expect("some presence")
}

fn desks(p: &Presence) -> Vec<&str> {
    p.editors.iter().map(|e| e.desk.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_sees_another_desks_open_form_until_it_closes() {
    let db = Cluster::shared().database("presence_seen");
    let a = engine(&db, options("пульт 3"));
    let b = engine(&db, options("пульт 7"));
    b.link().watch(shown("1001"));
    a.link().watch(editing("1001", EditedPart::Addresses));
    let seen = seen_until(&b, |p| !p.editors.is_empty()).await;
    assert_eq!(seen.client_id, "1001");
    assert_eq!(seen.editors.len(), 1);
    let editor = &seen.editors[0];
    assert_eq!(editor.desk, "пульт 3");
    assert_eq!(editor.operator, "оператор пульт 3");
    assert_eq!(editor.part, EditedPart::Addresses);
    assert!((editor.since - now()).abs() < 3600, "{editor:?}");
    // A desk never sees itself.
    a.link().watch(editing("1001", EditedPart::Addresses));
    // Another form of the same desk replaces the first.
    a.link().watch(editing("1001", EditedPart::Contacts));
    seen_until(&b, |p| {
        p.editors.len() == 1 && p.editors[0].part == EditedPart::Contacts
    })
    .await;
    // The form closed: gone.
    a.link().watch(Watching::default());
    seen_until(&b, |p| p.editors.is_empty()).await;
    assert_eq!(
        Cluster::shared().sql(&db.name, "SELECT count(*) FROM presence"),
        "0\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_desks_form_leaves_the_other_screens_within_a_heartbeat() {
    let cluster = Cluster::shared();
    let db = cluster.database("presence_killed");
    let mut killed = options("пульт 3");
    // Never back: as a desk whose process was killed.
    killed.backoff = Duration::from_secs(3600);
    killed.max_backoff = Duration::from_secs(3600);
    let a = engine(&db, killed);
    let mut watcher = options("пульт 7");
    // Expiry is not what removes it: the connection's end is.
    watcher.expiry = Duration::from_secs(3600);
    let b = engine(&db, watcher);
    a.link().watch(editing("1002", EditedPart::MainData));
    b.link().watch(shown("1002"));
    seen_until(&b, |p| desks(p) == ["пульт 3"]).await;
    cluster.sql(
        &db.name,
        "SELECT pg_terminate_backend(backend_pid) FROM presence WHERE desk = 'пульт 3'",
    );
    seen_until(&b, |p| p.editors.is_empty()).await;
    until("the dead desk's row is swept", || {
        cluster.sql(&db.name, "SELECT count(*) FROM presence") == "0\n"
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_not_kept_alive_is_ignored_and_swept_and_a_live_one_is_kept() {
    let cluster = Cluster::shared();
    let db = cluster.database("presence_expiry");
    let mut short = options("пульт 7");
    short.expiry = Duration::from_secs(1);
    let b = engine(&db, short.clone());
    let mut alive = options("пульт 3");
    alive.expiry = Duration::from_secs(1);
    let a = engine(&db, alive);
    b.link().watch(shown("1003"));
    a.link().watch(editing("1003", EditedPart::Addresses));
    seen_until(&b, |p| desks(p) == ["пульт 3"]).await;
    // A desk whose connection lives on but which stopped its heartbeat (a
    // connection lost without a close): a row on a live connection, its
    // heartbeat older than the expiry.
    cluster.sql(
        &db.name,
        &format!(
            "INSERT INTO presence (session, crm, client_id, form, desk, operator, heartbeat,
                                   backend_pid)
             SELECT 'lost', '{}', '1003', 'contacts', 'пульт 9', 'x', now() - interval '5 s',
                    backend_pid FROM presence WHERE desk = 'пульт 3';
             NOTIFY crmcard_presence",
            crm().as_text()
        ),
    );
    until("the stale row is swept", || {
        cluster.sql(
            &db.name,
            "SELECT count(*) FROM presence WHERE desk = 'пульт 9'",
        ) == "0\n"
    })
    .await;
    // A, alive for longer than the expiry, is still seen.
    until("A's row outlived the expiry", || {
        cluster.sql(
            &db.name,
            "SELECT heartbeat - since > interval '2 s' FROM presence WHERE desk = 'пульт 3'",
        ) == "t\n"
    })
    .await;
    let seen = seen_until(&b, |p| !p.editors.is_empty()).await;
    assert_eq!(desks(&seen), ["пульт 3"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_at_another_desk_after_the_form_was_opened_is_reported() {
    let cluster = Cluster::shared();
    let db = cluster.database("presence_saved");
    let a = engine(&db, options("пульт 3"));
    let b = engine(&db, options("пульт 7"));
    until("the tables are made", || {
        cluster.sql(&db.name, "SELECT to_regclass('saves') IS NOT NULL") == "t\n"
    })
    .await;
    // A saved 1005 before B opened its form on it: not news to B's form.
    a.link().saved("1005".to_owned());
    until("A's save is recorded", || {
        cluster.sql(&db.name, "SELECT desk FROM saves WHERE client_id = '1005'") == "пульт 3\n"
    })
    .await;
    b.link().watch(editing("1005", EditedPart::Addresses));
    until("B's form is recorded", || {
        cluster.sql(
            &db.name,
            "SELECT count(*) FROM presence WHERE client_id = '1005'",
        ) == "1\n"
    })
    .await;
    a.link().watch(shown("1005"));
    seen_until(&a, |p| desks(p) == ["пульт 7"]).await;
    let before = seen_until(&b, |p| p.client_id == "1005").await;
    assert_eq!(before.saved_since_opened, None);
    // Now A saves it again, after B's form was opened.
    a.link().saved("1005".to_owned());
    let after = seen_until(&b, |p| p.saved_since_opened.is_some()).await;
    let save = after.saved_since_opened.expect("the save");
    assert_eq!(save.desk, "пульт 3");
    assert_eq!(save.operator, "оператор пульт 3");
    // B's own save is not another desk's.
    b.link().saved("1005".to_owned());
    seen_until(&b, |p| p.saved_since_opened.is_none()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desks_row_only_role_writes_and_reads_presence() {
    let cluster = Cluster::shared();
    let db = cluster.database("presence_role");
    let role = format!("desk_{}", db.name);
    cluster.sql(
        "postgres",
        &format!("CREATE ROLE {role} LOGIN PASSWORD 'desk-pw-44'"),
    );
    let owner = shared_config(&db, SUPERUSER_PASSWORD);
    let mut session = crmcard::shared::connect::connect(&owner, Duration::from_secs(5))
        .await
        .expect("connect");
    crmcard::shared::schema::migrate(&mut session.client)
        .await
        .expect("migrate");
    crmcard::shared::schema::grant(&session.client, &role)
        .await
        .expect("grant");
    let desk_config = owner.as_user(&role, Some("desk-pw-44"));
    let a = PresenceEngine::start(desk_config.clone(), options("пульт 3"));
    let b = PresenceEngine::start(desk_config, options("пульт 7"));
    b.link().watch(shown("1006"));
    a.link().watch(editing("1006", EditedPart::Contacts));
    seen_until(&b, |p| desks(p) == ["пульт 3"]).await;
    a.link().saved("1006".to_owned());
    a.link().watch(Watching::default());
    seen_until(&b, |p| p.editors.is_empty()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_desk_name_from_the_database_is_cleaned() {
    let cluster = Cluster::shared();
    let db = cluster.database("presence_hostile");
    let a = engine(&db, options("пульт 3"));
    let b = engine(&db, options("пульт 7"));
    a.link().watch(editing("1007", EditedPart::Addresses));
    b.link().watch(shown("1007"));
    seen_until(&b, |p| desks(p) == ["пульт 3"]).await;
    cluster.sql(
        &db.name,
        "UPDATE presence SET desk = E'пульт\\x1b[2J 3', operator = E'Ива\\u202Eнова';
         NOTIFY crmcard_presence",
    );
    let seen = seen_until(&b, |p| {
        p.editors
            .first()
            .is_some_and(|e| e.operator != "оператор пульт 3")
    })
    .await;
    assert_eq!(seen.editors[0].desk, "пульт 3");
    assert_eq!(seen.editors[0].operator, "Иванова");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_through_the_executor_reaches_the_other_desks_open_form() {
    use crmcard::api::model::{ClientId, MainData};
    use crmcard::api::{Client, ClientOptions, Sid};
    use crmcard::app::write::WriteOp;
    use crmcard::app::{Effect, Msg, RequestId};
    use crmcard::sandbox::SandboxConfig;
    const SAMPLE: &str = "10000000009188";
    let cluster = Cluster::shared();
    let db = cluster.database("presence_executor");
    let sandbox = crmcard::sandbox::start(
        SandboxConfig::default(),
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("sandbox");
    let a = engine(&db, options("пульт 3"));
    let b = engine(&db, options("пульт 7"));
    b.link().watch(editing(SAMPLE, EditedPart::MainData));
    let defaults = SandboxConfig::default();
    let client = Client::new(ClientOptions::new(
        sandbox.base_url(),
        defaults.object_id,
        Sid::new(defaults.sid),
    ))
    .expect("client");
    let executor =
        crmcard::executor::Executor::new(client, None).with_presence(std::sync::Arc::new(a.link()));
    let (tx, mut rx) = tokio::sync::mpsc::channel(16);
    // A shows the card: it sees B's form.
    executor.spawn(Effect::Watch(shown(SAMPLE)), &tx);
    seen_until(&a, |p| desks(p) == ["пульт 7"]).await;
    executor.spawn(
        Effect::Write {
            req: RequestId(1),
            op: Box::new(WriteOp::UpdateClient {
                client_id: ClientId::new(SAMPLE),
                main: MainData {
                    note: Some("сохранено на пульте 3".to_owned()),
                    ..MainData::default()
                },
            }),
        },
        &tx,
    );
    let answer = tokio::time::timeout(DEADLINE, rx.recv())
        .await
        .expect("an answer");
    assert!(
        matches!(answer, Some(Msg::Written { result: Ok(_), .. })),
        "{answer:?}"
    );
    let seen = seen_until(&b, |p| p.saved_since_opened.is_some()).await;
    assert_eq!(seen.saved_since_opened.expect("saved").desk, "пульт 3");
    sandbox.shutdown().await;
}
