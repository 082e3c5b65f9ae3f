//! One client directory per CRM, through the real binary: `crmcard
//! directory …` works on the directory of the profile (or `--base-url` and
//! `--object-id`, or `--demo`) it is given; the single directory of earlier
//! versions goes to the first CRM opened, once; a damaged directory file is
//! set aside and said, never silently started over.

use crmcard::crm::CrmKey;
use crmcard::directory::{DirEntry, Directory};

use crate::home::{Home, s};
const URL_A: &str = "http://127.0.0.1:8080/api/v1/crm/";
const URL_B: &str = "http://127.0.0.1:8081/api/v1/crm/";
const CLIENTS: &str = "id;lastname;firstname;phones\n\
    1001;Иванова;Мария;8 916 123 45 67\n\
    1002;Дмитриев;Алексей;+7 999 274-63-75\n";

/// A home with a config naming the two CRMs as profiles, in English.
fn home() -> Home {
    let home = Home::new().with_lang("en_US.UTF-8");
    home.write(
        "config/crmcard/config.toml",
        format!(
            "[profiles.a]\nbase_url = \"{URL_A}\"\nobject_id = \"1\"\n\n\
             [profiles.b]\nbase_url = \"{URL_B}\"\nobject_id = \"1\"\n"
        )
        .as_bytes(),
    );
    home
}

/// The ids exported from the directory `args` choose.
fn exported_ids(home: &Home, args: &[&str]) -> Vec<String> {
    let out = home.path("out.csv");
    let mut all = args.to_vec();
    all.extend(["directory", "export", s(&out)]);
    home.ok(&all);
    let text = std::fs::read_to_string(&out).expect("read the export");
    text.lines()
        .skip(1)
        .filter_map(|l| l.split(';').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn each_profile_imports_and_exports_its_own_crms_clients() {
    let home = home();
    let csv = home.path("clients.csv");
    std::fs::write(&csv, CLIENTS).expect("write");
    let stderr = home.ok(&["--profile", "a", "directory", "import", s(&csv)]);
    let file_a = home.crm_file(&CrmKey::new(URL_A, "1"));
    assert!(stderr.contains(&file_a.display().to_string()), "{stderr}");
    assert_eq!(exported_ids(&home, &["--profile", "a"]), ["1001", "1002"]);
    // The same CRM spelled otherwise on the command line is the same one.
    assert_eq!(
        exported_ids(
            &home,
            &[
                "--base-url",
                "HTTP://127.0.0.1:8080/api/v1/crm",
                "--object-id",
                "1"
            ]
        ),
        ["1001", "1002"]
    );
    // Another port, another object, the demo: none of them.
    assert!(exported_ids(&home, &["--profile", "b"]).is_empty());
    assert!(exported_ids(&home, &["--base-url", URL_A, "--object-id", "2"]).is_empty());
    assert!(exported_ids(&home, &["--demo"]).is_empty());
    // The demo's own, until --reset empties it.
    home.ok(&["--demo", "directory", "import", s(&csv)]);
    assert_eq!(exported_ids(&home, &["--demo"]), ["1001", "1002"]);
    assert!(exported_ids(&home, &["--demo", "--reset"]).is_empty());
    assert_eq!(exported_ids(&home, &["--profile", "a"]), ["1001", "1002"]);
    // --reset is the demo's only: refused before anything is opened.
    for args in [
        &["--reset", "--profile", "a"][..],
        &["--reset", "--profile", "a", "directory", "export", "x.csv"],
    ] {
        let out = home.run(args);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("--reset starts only the demo afresh"),
            "{stderr}"
        );
    }
    assert_eq!(exported_ids(&home, &["--profile", "a"]), ["1001", "1002"]);
    // Without a CRM chosen, the command says what is missing.
    std::fs::remove_file(home.path("config/crmcard/config.toml")).expect("rm");
    let out = home.run(&["directory", "export", s(&home.path("x.csv"))]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--base-url"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_old_single_directory_goes_to_the_first_profile_once() {
    let home = home();
    std::fs::create_dir_all(home.data()).expect("data dir");
    {
        let mut old = Directory::open(&home.data().join("directory.sqlite")).expect("old");
        old.upsert(&DirEntry {
            id: "77".to_owned(),
            lastname: "Ким".to_owned(),
            phones: vec!["89161234567".to_owned()],
            ..DirEntry::default()
        })
        .expect("upsert");
    }
    let out = home.path("out.csv");
    let stderr = home.ok(&["--profile", "b", "directory", "export", s(&out)]);
    let slug_b = CrmKey::new(URL_B, "1").file_slug();
    let kept_as = home
        .data()
        .join(format!("directory.sqlite.migrated-{slug_b}"));
    assert!(
        stderr.contains("The earlier directory was moved: 1 clients — now in this CRM's")
            && stderr.contains("127.0.0.1:8081/api/v1/crm · object 1")
            && stderr.contains(&kept_as.display().to_string()),
        "{stderr}"
    );
    assert!(kept_as.is_file());
    assert!(!home.data().join("directory.sqlite").exists());
    assert_eq!(exported_ids(&home, &["--profile", "b"]), ["77"]);
    // Once: the other profile gets nothing, and nobody is told again.
    let stderr = home.ok(&["--profile", "a", "directory", "export", s(&out)]);
    assert!(!stderr.contains("moved"), "{stderr}");
    assert!(exported_ids(&home, &["--profile", "a"]).is_empty());
    let stderr = home.ok(&["--profile", "b", "directory", "export", s(&out)]);
    assert!(!stderr.contains("moved"), "{stderr}");
}

#[test]
fn a_truncated_directory_is_set_aside_and_said() {
    let home = home();
    let file = home.crm_file(&CrmKey::new(URL_A, "1"));
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, b"").expect("truncate");
    let out = home.path("out.csv");
    let stderr = home.ok(&["--profile", "a", "directory", "export", s(&out)]);
    let kept_as = file.with_file_name("directory.sqlite.damaged-1");
    assert!(
        stderr.contains("The client directory is damaged: the file is empty (0 bytes)")
            && stderr.contains(&format!("set aside as {}.", kept_as.display())),
        "{stderr}"
    );
    assert!(kept_as.is_file());
    // `--file` on a damaged file refuses it and leaves it be.
    let garbage = home.path("garbage.sqlite");
    std::fs::write(&garbage, "not a database at all\n".repeat(40)).expect("write");
    let out = home.run(&["directory", "--file", s(&garbage), "export", s(&out)]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a SQLite database"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&garbage).expect("kept"),
        "not a database at all\n".repeat(40)
    );
}
