//! The database stopped under the desks, and the databases a desk refuses.

use super::postgres::Cluster;
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saves_made_while_the_database_is_down_arrive_once_after_it_restarts() {
    let cluster = Cluster::private();
    let db = cluster.database("crash");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    a.wait_status(|s| *s == SyncStatus::Online).await;
    b.wait_status(|s| *s == SyncStatus::Online).await;
    cluster.crash();
    let down = a
        .wait_status(|s| matches!(s, SyncStatus::Offline { .. }))
        .await;
    assert!(matches!(down, SyncStatus::Offline { .. }));
    // A keeps working from its replica while the server is down.
    let phones = ["+79161110001", "+79161110002", "+79161110003"];
    for (n, phone) in phones.iter().enumerate() {
        a.save(client(&format!("100{n}"), "Офлайнова", phone, now()));
        assert_eq!(a.with_phone(phone).len(), 1, "A finds its own save at once");
    }
    let queued = a
        .directory
        .blocking(crmcard::shared::replica::queued)
        .expect("queued");
    assert_eq!(queued, 3);
    cluster.start();
    until("B finds all three", || {
        phones.iter().all(|p| b.with_phone(p).len() == 1)
    })
    .await;
    until("A's queue is empty", || {
        a.directory
            .blocking(crmcard::shared::replica::queued)
            .expect("queued")
            == 0
    })
    .await;
    assert_eq!(
        cluster.sql(&db.name, "SELECT count(*), count(DISTINCT id) FROM clients"),
        "3|3\n"
    );
    assert_eq!(b.directory.blocking(|d| d.count()).expect("count"), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_said_without_the_password() {
    let db = Cluster::shared().database("wrong_password");
    let wrong = "not-the-password-7781";
    let directory = DirectoryHandle::new(Directory::in_memory().expect("dir"));
    let sync = Sync::start(
        shared_config(&db, wrong),
        SyncOptions::new(crm(), "desk A"),
        directory,
    )
    .expect("sync");
    let mut status = sync.status();
    let offline = tokio::time::timeout(
        DEADLINE,
        status.wait_for(|s| matches!(s, SyncStatus::Offline { .. })),
    )
    .await
    .expect("in time")
    .expect("engine")
    .clone();
    let SyncStatus::Offline { reason } = offline else {
        unreachable!()
    };
    assert_eq!(
        reason,
        format!(
            "shared directory postgres://{SUPERUSER}@127.0.0.1:{}/{}: the password was refused",
            db.port, db.name
        )
    );
    assert!(!reason.contains(wrong));
    assert!(!format!("{:?}", shared_config(&db, wrong)).contains(wrong));
    assert!(!Cluster::shared().log().contains(wrong));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schema_too_new_is_refused_with_a_clear_message() {
    let db = Cluster::shared().database("too_new");
    let a = Desk::start(&db, "desk A");
    a.wait_status(|s| *s == SyncStatus::Online).await;
    drop(a);
    Cluster::shared().sql(
        &db.name,
        "INSERT INTO crmcard_schema (version, needs, written_by) VALUES (99, 99, 'crmcard 9.0')",
    );
    let b = Desk::start(&db, "desk B");
    let status = b
        .wait_status(|s| matches!(s, SyncStatus::Offline { .. }))
        .await;
    assert_eq!(
        status,
        SyncStatus::Offline {
            reason: "the shared directory's schema (version 99) needs a newer crmcard (this one knows up to 3): upgrade crmcard".to_owned()
        }
    );
    // A migration that an older crmcard can still use does not cut it off.
    Cluster::shared().sql(
        &db.name,
        "UPDATE crmcard_schema SET needs = 1 WHERE version = 99",
    );
    b.save(client("1201", "Новикова", "+79161112201", now()));
    b.wait_status(|s| *s == SyncStatus::Online).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_is_not_crmcards_is_left_alone() {
    let db = Cluster::shared().database("not_ours");
    Cluster::shared().sql(&db.name, "CREATE TABLE orders (id int)");
    let a = Desk::start(&db, "desk A");
    let status = a
        .wait_status(|s| matches!(s, SyncStatus::Offline { .. }))
        .await;
    assert_eq!(
        status,
        SyncStatus::Offline {
            reason:
                "this database is not a crmcard shared directory (it holds other tables): not used"
                    .to_owned()
        }
    );
    assert_eq!(
        Cluster::shared().sql(
            &db.name,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ),
        "1\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_is_in_no_file_the_desk_writes() {
    let db = Cluster::shared().database("no_password_on_disk");
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("directory.sqlite");
    let directory = DirectoryHandle::new(Directory::open(&file).expect("open"));
    let a = Desk::on(&db, "desk A", directory);
    a.save(client("1301", "Файлова", "+79161113301", now()));
    until("sent", || {
        a.directory
            .blocking(crmcard::shared::replica::queued)
            .expect("queued")
            == 0
    })
    .await;
    drop(a);
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(SUPERUSER_PASSWORD));
    }
    assert!(!Cluster::shared().log().contains(SUPERUSER_PASSWORD));
}
