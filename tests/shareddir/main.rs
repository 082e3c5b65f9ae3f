//! The shared directory against a real PostgreSQL server: desks (directory
//! handles with their sync engines) on one database, the server stopped
//! and restarted under them, and what a desk is told when it cannot use the
//! database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../shared/postgres.rs"]
mod postgres;

mod calls;
mod commands;
mod crms;
mod desks;
mod faults;
mod measure;
mod presence;

use std::time::{Duration, Instant};

use crmcard::app::calllog::LoggedCall;
use crmcard::calllog::CallLog;
use crmcard::crm::CrmKey;
use crmcard::directory::{DirEntry, Directory, DirectoryHandle};
use crmcard::shared::{DirectorySettings, SharedConfig, Sync, SyncOptions, SyncStatus};

use postgres::{Database, SUPERUSER, SUPERUSER_PASSWORD};

/// How long a test waits for something another desk did: generous, never
/// asserted on.
const DEADLINE: Duration = Duration::from_secs(60);

fn crm() -> CrmKey {
    CrmKey::new("http://127.0.0.1:8080/api/v1/crm/", "1")
}

fn shared_config(db: &Database, password: &str) -> SharedConfig {
    DirectorySettings {
        url: Some(db.url(SUPERUSER)),
        sslmode: Some("disable".to_owned()),
        ..DirectorySettings::default()
    }
    .resolve(Some(password.to_owned()))
    .expect("settings")
}

/// One desk: its replica and its engine.
struct Desk {
    directory: DirectoryHandle,
    sync: Sync,
}

impl Desk {
    fn start(db: &Database, name: &str) -> Desk {
        Desk::on(
            db,
            name,
            DirectoryHandle::new(Directory::in_memory().expect("dir")),
        )
    }

    fn on(db: &Database, name: &str, directory: DirectoryHandle) -> Desk {
        Desk::of(db, name, crm(), directory)
    }

    /// A desk of `crm` on `db`.
    fn of(db: &Database, name: &str, crm: CrmKey, directory: DirectoryHandle) -> Desk {
        let mut options = SyncOptions::new(crm, name);
        options.backoff = Duration::from_millis(100);
        options.max_backoff = Duration::from_millis(800);
        options.heartbeat = Duration::from_millis(500);
        options.timeout = Duration::from_secs(5);
        let sync = Sync::start(
            shared_config(db, SUPERUSER_PASSWORD),
            options,
            directory.clone(),
        )
        .expect("sync");
        Desk { directory, sync }
    }

    fn save(&self, entry: DirEntry) {
        self.directory
            .blocking(move |d| d.upsert(&entry))
            .expect("upsert");
    }

    fn with_phone(&self, phone: &str) -> Vec<DirEntry> {
        let phone = phone.to_owned();
        self.directory
            .blocking(move |d| d.clients_with_phone(&phone))
            .expect("lookup")
    }

    /// Writes `call` to this desk's log of the test CRM, as the executor does.
    fn log(&self, call: LoggedCall) {
        self.log_of(&crm(), call);
    }

    fn log_of(&self, crm: &CrmKey, call: LoggedCall) {
        let crm = crm.as_text();
        self.directory
            .blocking(move |d| Ok(CallLog::open(d.shared_connection(), &crm)?.record(&call)?))
            .expect("record");
    }

    /// The call `key` in this desk's log of the test CRM.
    fn call(&self, key: &str) -> Option<LoggedCall> {
        self.call_of(&crm(), key)
    }

    fn call_of(&self, crm: &CrmKey, key: &str) -> Option<LoggedCall> {
        let (crm, key) = (crm.as_text(), key.to_owned());
        self.directory
            .blocking(move |d| Ok(CallLog::open(d.shared_connection(), &crm)?.get(&key)?))
            .expect("get")
    }

    /// This desk's whole log of the test CRM, newest first.
    fn calls(&self) -> Vec<LoggedCall> {
        let crm = crm().as_text();
        self.directory
            .blocking(move |d| Ok(CallLog::open(d.shared_connection(), &crm)?.list(false)?))
            .expect("list")
    }

    async fn wait_status(&self, want: impl Fn(&SyncStatus) -> bool) -> SyncStatus {
        let mut status = self.sync.status();
        let waited = tokio::time::timeout(DEADLINE, status.wait_for(|s| want(s))).await;
        waited.expect("status in time").expect("engine").clone()
    }
}

fn client(id: &str, lastname: &str, phone: &str, seen_at: i64) -> DirEntry {
    DirEntry {
        id: id.to_owned(),
        lastname: lastname.to_owned(),
        firstname: "Анна".to_owned(),
        phones: vec![phone.to_owned()],
        seen_at,
        ..DirEntry::default()
    }
}

/// A call from `number` (canonical `+7…`) ringing now at the desk.
fn rang(key: &str, number: &str) -> LoggedCall {
    LoggedCall {
        key: key.to_owned(),
        rang_at: now() as u64,
        received: number.to_owned(),
        canonical: Some(number.to_owned()),
        source: "ami".to_owned(),
        ..LoggedCall::default()
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

/// Polls `condition` (every 20 ms) until it holds; panics with `what` after
/// [`DEADLINE`].
async fn until(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(started.elapsed() < DEADLINE, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
