//! `crmcard directory import/export`: the real binary on real files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crmcard::crm::CrmKey;
use crmcard::directory::{Directory, Match};

const BIN: &str = env!("CARGO_BIN_EXE_crmcard");

/// The CRM the commands below work on unless they say another.
const URL_A: &str = "http://127.0.0.1:8080/api/v1/crm/";
/// `--base-url URL_A --object-id 1`.
const CRM_A: [&str; 4] = ["--base-url", URL_A, "--object-id", "1"];

/// `CRM_A` then `rest`.
fn on_a<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    CRM_A.iter().copied().chain(rest.iter().copied()).collect()
}

/// A home of its own: config, data and state under a temporary directory.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The directory file of a CRM in the data directory.
    fn crm_file(&self, crm: &CrmKey) -> PathBuf {
        self.path("data/crmcard/crm")
            .join(crm.file_slug())
            .join("directory.sqlite")
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        let root = self.dir.path();
        Command::new(BIN)
            .args(args)
            .env("HOME", root)
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env_remove("CRMCARD_SID")
            .output()
            .expect("run crmcard")
    }

    /// Runs and expects success; returns stderr.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        stderr
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const CLIENTS: &str = "\u{feff}ID;Фамилия;lastname;firstname;middlename;phones;emails\n\
    1001;x;Иванова;Мария;Ивановна;8 916 123 45 67, 8 (495) 765-43-21;maria@example.com\n\
    1002;x;Дмитриев;Алексей;;\"+7 999 274-63-75\n+375 29 123-45-67\";a.dmitriev@mail.ru, a@x.ru\n";

#[test]
fn import_with_bom_and_semicolons_into_a_file_then_search_it() {
    let home = Home::new();
    let csv = home.write("clients.csv", CLIENTS.as_bytes());
    let db = home.path("dir/directory.sqlite");
    let stderr = home.ok(&["directory", "--file", s(&db), "import", s(&csv)]);
    assert!(
        stderr.contains("2 rows: 2 clients added, 0 updated, 0 unchanged, 0 bad rows skipped"),
        "{stderr}"
    );
    let dir = Directory::open(&db).expect("open");
    let hits = dir.search("89992746375", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].entry.id.as_str(), hits[0].why),
        ("1002", Match::ExactPhone)
    );
    assert_eq!(hits[0].entry.phones, ["+79992746375", "+375291234567"]);
    assert_eq!(hits[0].entry.emails, ["a.dmitriev@mail.ru", "a@x.ru"]);
    let hits = dir.search("мария иванова", 10).expect("search");
    assert_eq!(hits[0].entry.phones, ["+79161234567", "+74957654321"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn bad_rows_are_reported_by_line_and_skipped() {
    let home = Home::new();
    let csv = home.write(
        "clients.csv",
        "id,lastname,phones,emails\n\
         1,Ким,89161234567,\n\
         ,Безымянный,89161234568,\n\
         2,Ли,\"8 916 000 00 01;\n8 916 000 00 02\",\n\
         3,Пак,нет,\n\
         4,Цой\n\
         5,Ан,89161234570,ан@почта.рф\n"
            .as_bytes(),
    );
    let db = home.path("directory.sqlite");
    let stderr = home.ok(&["directory", "--file", s(&db), "import", s(&csv)]);
    assert!(stderr.contains("line 3: no id"), "{stderr}");
    assert!(
        stderr.contains("line 6: \"нет\" is not a phone number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 7: 2 cells where the header has 4"),
        "{stderr}"
    );
    assert!(!stderr.contains("line 4"), "{stderr}");
    assert!(
        stderr.contains("6 rows: 3 clients added, 0 updated, 0 unchanged, 3 bad rows skipped"),
        "{stderr}"
    );
    let dir = Directory::open(&db).expect("open");
    assert_eq!(dir.count().expect("count"), 3);
    let two = dir.get("2").expect("get").expect("imported");
    assert_eq!(two.phones, ["+79160000001", "+79160000002"]);
}

#[test]
fn a_file_without_an_id_column_is_refused() {
    let home = Home::new();
    let csv = home.write("clients.csv", b"name,phone\n\xd0\x90,1\n");
    let db = home.path("directory.sqlite");
    let out = home.run(&["directory", "--file", s(&db), "import", s(&csv)]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no `id` column"), "{stderr}");
    let out = home.run(&[
        "directory",
        "--file",
        s(&db),
        "import",
        s(&home.path("none.csv")),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.csv"));
}

#[test]
fn reimport_changes_nothing_and_export_round_trips() {
    let home = Home::new();
    let csv = home.write("clients.csv", CLIENTS.as_bytes());
    // The data directory's file of the CRM, as the TUI uses it.
    home.ok(&on_a(&["directory", "import", s(&csv)]));
    let stderr = home.ok(&on_a(&["directory", "import", s(&csv)]));
    assert!(
        stderr.contains("2 rows: 0 clients added, 0 updated, 2 unchanged"),
        "{stderr}"
    );
    let db = home.crm_file(&CrmKey::new(URL_A, "1"));
    assert_eq!(
        Directory::open(&db).expect("open").count().expect("count"),
        2
    );
    assert!(!home.crm_file(&CrmKey::demo()).exists());

    let exported = home.path("export.csv");
    let stderr = home.ok(&on_a(&["directory", "export", s(&exported)]));
    assert!(stderr.contains("2 clients written"), "{stderr}");
    let text = std::fs::read_to_string(&exported).expect("read export");
    assert!(
        text.starts_with("\u{feff}id;lastname;firstname;middlename;phones;emails\n"),
        "{text}"
    );
    assert!(
        text.contains("1001;Иванова;Мария;Ивановна;+79161234567, +74957654321;maria@example.com\n"),
        "{text}"
    );

    // Into the demo directory, then out again: the same text.
    home.ok(&["--demo", "directory", "import", s(&exported)]);
    assert!(home.crm_file(&CrmKey::demo()).exists());
    let again = home.path("again.csv");
    home.ok(&["--demo", "directory", "export", s(&again)]);
    assert_eq!(std::fs::read_to_string(&again).expect("read"), text);
    // And the export imported over the original changes nothing.
    let stderr = home.ok(&on_a(&["directory", "import", s(&exported)]));
    assert!(
        stderr.contains("0 clients added, 0 updated, 2 unchanged"),
        "{stderr}"
    );
}

#[test]
fn export_writes_into_a_link_and_never_replaces_it() {
    let home = Home::new();
    let csv = home.write("clients.csv", CLIENTS.as_bytes());
    home.ok(&on_a(&["directory", "import", s(&csv)]));
    let target = home.write("target.csv", b"old");
    let link = home.path("link.csv");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let stderr = home.ok(&on_a(&["directory", "export", s(&link)]));
    assert!(stderr.contains("2 clients written"), "{stderr}");
    let meta = std::fs::symlink_metadata(&link).expect("link");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(&target).expect("read target");
    assert!(text.contains("1001;Иванова;Мария"), "{text}");
}

#[test]
fn city_code_from_the_config_completes_city_numbers() {
    let home = Home::new();
    let config = home.path("config/crmcard/config.toml");
    std::fs::create_dir_all(config.parent().expect("dir")).expect("mkdir");
    std::fs::write(&config, "[phone]\ncity_code = \"495\"\n").expect("write config");
    let csv = home.write("clients.csv", "id,phones\n1,765-43-21\n".as_bytes());
    let stderr = home.ok(&on_a(&["directory", "import", s(&csv)]));
    assert!(!stderr.contains("unknown keys"), "{stderr}");
    let dir = Directory::open(&home.crm_file(&CrmKey::new(URL_A, "1"))).expect("open");
    assert_eq!(
        dir.get("1").expect("get").expect("imported").phones,
        ["+74957654321"]
    );
}
