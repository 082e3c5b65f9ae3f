//! Two desks on one database: what one learns, the other finds.

use crmcard::directory::csv;

use super::postgres::Cluster;
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_saved_at_one_desk_is_found_by_phone_at_another() {
    let db = Cluster::shared().database("found_by_phone");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    b.wait_status(|s| *s == SyncStatus::Online).await;
    a.save(client("501", "Петрова", "+7 916 123-45-67", now()));
    until("B finds A's client", || {
        !b.with_phone("89161234567").is_empty()
    })
    .await;
    let found = b.with_phone("89161234567");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "501");
    assert_eq!(found[0].lastname, "Петрова");
    assert_eq!(found[0].phones, ["+79161234567"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_at_one_desk_reaches_the_other() {
    let db = Cluster::shared().database("import_reaches");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("clients.csv");
    std::fs::write(
        &file,
        "id;lastname;firstname;phones\n601;Орлов;Пётр;+79031112233\n602;Сидорова;Ольга;+79032223344\n",
    )
    .expect("write");
    let bytes = std::fs::read(&file).expect("read");
    let report = a
        .directory
        .blocking(move |d| Ok(csv::import(d, &bytes, &mut |_| {})))
        .expect("the directory")
        .expect("import");
    assert_eq!(report.added, 2);
    until("B has both imported clients", || {
        b.with_phone("+79031112233").len() == 1 && b.with_phone("+79032223344").len() == 1
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_started_later_catches_up_from_the_feed() {
    let db = Cluster::shared().database("catch_up");
    let a = Desk::start(&db, "desk A");
    for n in 0..30 {
        a.save(client(
            &format!("7{n:02}"),
            "Кузнецов",
            &format!("+7916000{n:04}"),
            now(),
        ));
    }
    a.wait_status(|s| *s == SyncStatus::Online).await;
    until("A's queue is sent", || {
        a.directory
            .blocking(|d| Ok(crmcard::shared::replica::queued(d).expect("queued") == 0))
            .expect("queued")
    })
    .await;
    let b = Desk::start(&db, "desk B");
    until("B caught up", || {
        b.directory.blocking(|d| d.count()).expect("count") == 30
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_copy_or_an_import_never_overwrites_a_newer_row() {
    let db = Cluster::shared().database("newest_wins");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    // A saw the client just now; B has an old copy seen a day ago and an
    // import (seen never) of the same id.
    a.save(client("801", "Новая", "+79160000801", now()));
    until("B has A's row", || b.with_phone("+79160000801").len() == 1).await;
    let c = offline_desk();
    c.blocking(|d| {
        d.upsert(&client("801", "Старая", "+79160000801", now() - 86_400))?;
        d.upsert(&client("802", "Импорт", "+79160000802", 0))
    })
    .expect("C's copies");
    let c = Desk::on(&db, "desk C", c);
    a.save(client("802", "Открытая", "+79160000802", now()));
    until("C's copies are replaced by the newer rows", || {
        let c1 = c.with_phone("+79160000801");
        let c2 = c.with_phone("+79160000802");
        c1.len() == 1 && c1[0].lastname == "Новая" && c2.len() == 1 && c2[0].lastname == "Открытая"
    })
    .await;
    assert_eq!(b.with_phone("+79160000801")[0].lastname, "Новая");
    assert_eq!(
        Cluster::shared().sql(&db.name, "SELECT lastname FROM clients ORDER BY id"),
        "Новая\nОткрытая\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_removed_at_one_desk_goes_from_the_other_and_stays_gone() {
    let db = Cluster::shared().database("tombstone");
    let a = Desk::start(&db, "desk A");
    let b = Desk::start(&db, "desk B");
    a.save(client("901", "Удалов", "+79160000901", now()));
    until("B has it", || b.with_phone("+79160000901").len() == 1).await;
    a.directory.blocking(|d| d.remove("901")).expect("remove");
    until("B lost it", || b.with_phone("+79160000901").is_empty()).await;
    // An old copy from a desk that missed the removal does not bring it back.
    let c = offline_desk();
    c.blocking(|d| d.upsert(&client("901", "Удалов", "+79160000901", now() - 3600)))
        .expect("C's copy");
    let c = Desk::on(&db, "desk C", c);
    until("C's old copy is replaced by the tombstone", || {
        c.with_phone("+79160000901").is_empty()
    })
    .await;
    assert!(b.with_phone("+79160000901").is_empty());
}

/// A desk's replica before its engine starts, already queueing its writes
/// (as a desk that worked while the database was away).
fn offline_desk() -> DirectoryHandle {
    let mut directory = Directory::in_memory().expect("dir");
    crmcard::shared::replica::attach(&mut directory, None).expect("attach");
    DirectoryHandle::new(directory)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_value_from_the_database_is_cleaned_before_the_replica() {
    let db = Cluster::shared().database("hostile");
    let b = Desk::start(&db, "desk B");
    b.wait_status(|s| *s == SyncStatus::Online).await;
    Cluster::shared().sql(
        &db.name,
        &format!(
            "INSERT INTO clients (crm, id, lastname, firstname, phones, seen, seq)
             VALUES ('{}', '1401', E'Злов\\x1b[2J\\x1b]0;title\\x07', E'Ан\\u202Eна',
                     ARRAY['+79161114401'], now(), nextval('crmcard_change_seq'));
             NOTIFY crmcard_changes",
            crm().as_text()
        ),
    );
    until("B has the row", || b.with_phone("+79161114401").len() == 1).await;
    let found = &b.with_phone("+79161114401")[0];
    assert_eq!(found.lastname, "Злов");
    assert_eq!(found.firstname, "Анна");
}
