//! Two CRMs in one database: the clients and the calls of one never reach
//! the other's desks, and push or forget of one leave the other alone.

use super::commands::Home;
use super::postgres::Cluster;
use super::*;

/// Another CRM: the same server, another objectId.
fn other_crm() -> CrmKey {
    CrmKey::new("http://127.0.0.1:8080/api/v1/crm/", "2")
}

fn memory() -> DirectoryHandle {
    DirectoryHandle::new(Directory::in_memory().expect("dir"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_crms_in_one_database_stay_apart() {
    let cluster = Cluster::shared();
    let db = cluster.database("two_crms");
    // The same client id and the same phone in both CRMs.
    let phone = "+79167770001";
    let a1 = Desk::of(&db, "desk A1", crm(), memory());
    let a2 = Desk::of(&db, "desk A2", crm(), memory());
    let b1 = Desk::of(&db, "desk B1", other_crm(), memory());
    a1.save(client("7001", "Первая", phone, now()));
    a1.log(rang("pbx:X1", phone));
    until("A2 has the first CRM's client and call", || {
        a2.with_phone(phone).len() == 1 && a2.call("pbx:X1").is_some()
    })
    .await;
    b1.save(client("7001", "Вторая", phone, now()));
    b1.log_of(&other_crm(), rang("pbx:X2", phone));
    // A desk of the second CRM started now reads its whole feed.
    let b2 = Desk::of(&db, "desk B2", other_crm(), memory());
    until("B2 has the second CRM's client and call", || {
        b2.with_phone(phone).len() == 1 && b2.call_of(&other_crm(), "pbx:X2").is_some()
    })
    .await;
    assert_eq!(b2.with_phone(phone)[0].lastname, "Вторая");
    assert_eq!(b2.directory.blocking(|d| d.count()).expect("count"), 1);
    assert_eq!(b2.call_of(&other_crm(), "pbx:X1"), None);
    assert_eq!(b2.call_of(&crm(), "pbx:X1"), None);
    assert_eq!(a2.with_phone(phone)[0].lastname, "Первая");
    assert_eq!(a2.call_of(&other_crm(), "pbx:X2"), None);
    assert_eq!(a2.call_of(&crm(), "pbx:X2"), None);

    // Push and forget of the first CRM, from the command line.
    let home = Home::new(&db, SUPERUSER);
    let mut local = Directory::open(&home.file()).expect("open");
    local
        .upsert(&client("7002", "Пушева", "+79167770002", now()))
        .expect("upsert");
    drop(local);
    home.ok(SUPERUSER_PASSWORD, &["push"]);
    let out = home.ok(SUPERUSER_PASSWORD, &["forget", "7001"]);
    assert!(out.contains("with its calls (1 there"), "{out}");
    until("A2 forgot the client and its call", || {
        a2.with_phone(phone).is_empty() && a2.call("pbx:X1").is_none()
    })
    .await;
    // The second CRM moves on (a positive sign that B2 read its feed since)
    // and still has its client and call.
    b1.log_of(&other_crm(), rang("pbx:X3", "+79167770003"));
    until("B2 has the second CRM's next call", || {
        b2.call_of(&other_crm(), "pbx:X3").is_some()
    })
    .await;
    assert_eq!(b2.with_phone(phone).len(), 1);
    assert!(b2.call_of(&other_crm(), "pbx:X2").is_some());
    let text = other_crm().as_text();
    assert_eq!(
        cluster.sql(
            &db.name,
            &format!("SELECT id, lastname, deleted FROM clients WHERE crm = '{text}'")
        ),
        "7001|Вторая|f\n"
    );
    assert_eq!(
        cluster.sql(
            &db.name,
            &format!("SELECT key, received, deleted FROM calls WHERE crm = '{text}' ORDER BY key")
        ),
        format!("pbx:X2|{phone}|f\npbx:X3|+79167770003|f\n")
    );
}
