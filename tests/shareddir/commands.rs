//! `crmcard directory import/push/status/migrate/forget` with a shared
//! directory: the real binary, a config file naming the database, the
//! password in the environment.

use std::path::PathBuf;
use std::process::{Command, Output};

use super::postgres::{Cluster, Database};
use super::*;

const BIN: &str = env!("CARGO_BIN_EXE_crmcard");

/// A desk's home: its config file and its directory file.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A config for the test CRM (`crm()`) and `db`, as `user`.
    fn new(db: &Database, user: &str) -> Home {
        let dir = tempfile::tempdir().expect("tmp");
        let config = format!(
            "[directory]\nurl = \"{}\"\nsslmode = \"disable\"\n\n[desk]\nname = \"пульт 9\"\n\n\
             [profiles.main]\nbase_url = \"http://127.0.0.1:8080/api/v1/crm/\"\nobject_id = \"1\"\n",
            db.url(user)
        );
        std::fs::write(dir.path().join("config.toml"), config).expect("config");
        Home { dir }
    }

    fn file(&self) -> PathBuf {
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
    fn ok(&self, password: &str, args: &[&str]) -> String {
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
    assert!(out.contains("2 migrations applied"), "{out}");
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
