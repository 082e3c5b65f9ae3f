//! `crmcard directory import/push/status/migrate/forget` with a shared
//! directory: the real binary, a config file naming the database, the
//! password in the environment.

use std::path::PathBuf;
use std::process::{Command, Output};

use crmcard::app::vocab::{Caller, PersonName};

use super::postgres::{Cluster, Database};
use super::*;

const BIN: &str = env!("CARGO_BIN_EXE_crmcard");

/// A desk's home: its config file and its directory file.
pub(super) struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A config for the test CRM (`crm()`) and `db`, as `user`.
    pub(super) fn new(db: &Database, user: &str) -> Home {
        let dir = tempfile::tempdir().expect("tmp");
        let config = format!(
            "[directory]\nurl = \"{}\"\nsslmode = \"disable\"\n\n[desk]\nname = \"пульт 9\"\n\n\
             [profiles.main]\nbase_url = \"http://127.0.0.1:8080/api/v1/crm/\"\nobject_id = \"1\"\n",
            db.url(user)
        );
        std::fs::write(dir.path().join("config.toml"), config).expect("config");
        Home { dir }
    }

    pub(super) fn file(&self) -> PathBuf {
        self.dir.path().join("directory.sqlite")
    }

    fn run(&self, password: &str, args: &[&str]) -> Output {
        let root = self.dir.path();
        let mut all = vec![
            "--config".to_owned(),
            root.join("config.toml").display().to_string(),
            "directory".to_owned(),
            "--file".to_owned(),
            self.file().display().to_string(),
        ];
        all.extend(args.iter().map(|a| (*a).to_owned()));
        Command::new(BIN)
            .args(&all)
            .env("HOME", root)
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("CRMCARD_DB_PASSWORD", password)
            .output()
            .expect("run crmcard")
    }

    /// Runs, expects success; stdout and stderr together.
    pub(super) fn ok(&self, password: &str, args: &[&str]) -> String {
        let out = self.run(password, args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{args:?} failed: {text}");
        assert!(!text.contains(password), "the password was printed");
        text
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_on_the_command_line_reaches_a_running_desk() {
    let db = Cluster::shared().database("cli_import");
    let b = Desk::start(&db, "desk B");
    let home = Home::new(&db, SUPERUSER);
    let csv = home.dir.path().join("clients.csv");
    std::fs::write(&csv, "id;lastname;phones\n2001;Импортова;+79162220001\n").expect("csv");
    let out = home.ok(
        SUPERUSER_PASSWORD,
        &["import", csv.to_str().expect("utf-8")],
    );
    assert!(out.contains("1 changes sent to postgres://"), "{out}");
    until("B finds the imported client", || {
        b.with_phone("+79162220001").len() == 1
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_sends_the_whole_directory_and_status_says_where_things_are() {
    let db = Cluster::shared().database("cli_push");
    let home = Home::new(&db, SUPERUSER);
    let mut local = Directory::open(&home.file()).expect("open");
    for n in 0..5 {
        local
            .upsert(&client(
                &format!("30{n}"),
                "Пушкина",
                &format!("+7916333000{n}"),
                0,
            ))
            .expect("upsert");
    }
    drop(local);
    let out = home.ok(SUPERUSER_PASSWORD, &["push"]);
    assert!(
        out.contains("5 clients of http://127.0.0.1:8080/api/v1/crm/ (objectId 1) sent"),
        "{out}"
    );
    let b = Desk::start(&db, "desk B");
    until("B has the five", || {
        b.directory.blocking(|d| d.count()).expect("count") == 5
    })
    .await;
    let status = home.ok(SUPERUSER_PASSWORD, &["status"]);
    let url = db.url(SUPERUSER);
    assert!(
        status.contains(&format!("shared directory: {url}")),
        "{status}"
    );
    assert!(
        status.contains("this desk: 5 clients, 0 changes queued"),
        "{status}"
    );
    assert!(status.contains("database: 5 clients"), "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_as_the_owner_lets_a_row_only_role_work_and_forget_erases_everywhere() {
    let cluster = Cluster::shared();
    let db = cluster.database("cli_roles");
    cluster.sql(
        "postgres",
        &format!("CREATE ROLE desk_{} LOGIN PASSWORD 'desk-pw-31'", db.name),
    );
    let desk_role = format!("desk_{}", db.name);
    // A desk's role cannot create the tables: it says who must.
    let desk_home = Home::new(&db, &desk_role);
    let out = desk_home.run("desk-pw-31", &["push"]);
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        text.contains("run `crmcard directory migrate` as the database's owner"),
        "{text}"
    );
    let owner = Home::new(&db, SUPERUSER);
    let out = owner.ok(SUPERUSER_PASSWORD, &["migrate", "--grant", &desk_role]);
    assert!(out.contains("3 migrations applied"), "{out}");
    let mut local = Directory::open(&desk_home.file()).expect("open");
    local
        .upsert(&client("401", "Забытова", "+79164440001", now()))
        .expect("upsert");
    drop(local);
    desk_home.ok("desk-pw-31", &["push"]);
    let b = Desk::start(&db, "desk B");
    until("B has the client", || {
        b.with_phone("+79164440001").len() == 1
    })
    .await;
    let out = desk_home.ok("desk-pw-31", &["forget", "401"]);
    assert!(out.contains("client 401 was known: erased"), "{out}");
    until("B erased it", || b.with_phone("+79164440001").is_empty()).await;
    assert_eq!(
        cluster.sql(
            &db.name,
            "SELECT deleted, lastname, phones FROM clients WHERE id = '401'"
        ),
        "t||{}\n"
    );
    let local = Directory::open(&desk_home.file()).expect("open");
    assert_eq!(local.get("401").expect("get"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_erases_the_clients_calls_here_there_and_at_every_desk() {
    let cluster = Cluster::shared();
    let db = cluster.database("cli_forget_calls");
    let b = Desk::start(&db, "desk B");
    b.wait_status(|s| *s == SyncStatus::Online).await;
    let phone = "+79164450001";
    b.save(client("451", "Звонкова", phone, now()));
    let caller = Caller {
        id: "451".to_owned(),
        name: PersonName {
            lastname: "Звонкова".to_owned(),
            ..PersonName::default()
        },
    };
    // Found as the caller; its card opened from another number; someone else.
    b.log(LoggedCall {
        callers: vec![caller],
        ..rang("pbx:F1", phone)
    });
    b.log(LoggedCall {
        card: Some("451".to_owned()),
        ..rang("pbx:F2", "+79990000002")
    });
    b.log(rang("pbx:F3", "+79990000003"));
    until("the table has B's three calls", || {
        cluster.sql(&db.name, "SELECT count(*) FROM calls") == "3\n"
    })
    .await;
    // This desk knows the client and logged a call from its phone that no
    // desk has seen (the desk was not running).
    let home = Home::new(&db, SUPERUSER);
    let local = Directory::open(&home.file()).expect("open");
    let crm_text = crm().as_text();
    CallLog::open(local.shared_connection(), &crm_text)
        .expect("log")
        .record(&rang("run:пульт 9:1-1", phone))
        .expect("record");
    drop(local);
    let out = home.ok(SUPERUSER_PASSWORD, &["forget", "451"]);
    assert!(out.contains("with its calls (2 there, 1 here)"), "{out}");
    until("B's log keeps only the other caller's call", || {
        b.calls().iter().map(|c| c.key.clone()).collect::<Vec<_>>() == ["pbx:F3"]
    })
    .await;
    assert_eq!(
        cluster.sql(
            &db.name,
            "SELECT key, deleted, received, canonical IS NULL, callers::text, card IS NULL
             FROM calls ORDER BY key"
        ),
        "pbx:F1|t||t|[]|t\npbx:F2|t||t|[]|t\npbx:F3|f|+79990000003|f|[]|t\n"
    );
    let status = home.ok(SUPERUSER_PASSWORD, &["status"]);
    assert!(
        status.contains("database: 1 calls in the shared call log"),
        "{status}"
    );
    let local = Directory::open(&home.file()).expect("open");
    let left = CallLog::open(local.shared_connection(), &crm_text)
        .expect("log")
        .list(false)
        .expect("list");
    assert_eq!(left, []);
    // A desk that was off, with a copy of an erased call queued, does not
    // bring it back: the table refuses it, and the desk drops it.
    let c = DirectoryHandle::new(Directory::in_memory().expect("dir"));
    c.blocking(move |d| {
        crmcard::shared::replica::attach(d, None)?;
        Ok(CallLog::open(d.shared_connection(), &crm().as_text())?
            .record(&rang("pbx:F1", "+79164450001"))?)
    })
    .expect("C's copy");
    let c = Desk::on(&db, "desk C", c);
    until("C dropped its copy", || {
        c.call("pbx:F1").is_none()
            && c.directory
                .blocking(crmcard::shared::calls::replica::queued)
                .expect("queued")
                == 0
    })
    .await;
    assert_eq!(
        cluster.sql(
            &db.name,
            "SELECT deleted, received FROM calls WHERE key = 'pbx:F1'"
        ),
        "t|\n"
    );
}
