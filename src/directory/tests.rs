use super::csv::{BadReason, BadRow, ImportError, ImportReport, export, import};
use super::import::BATCH_ROWS;
use super::import_text::TextEncoding;
use super::*;
use crate::api::model::Contact;

fn entry(id: &str, name: [&str; 3], phones: &[&str], emails: &[&str], seen_at: i64) -> DirEntry {
    DirEntry {
        id: id.to_owned(),
        lastname: name[0].to_owned(),
        firstname: name[1].to_owned(),
        middlename: name[2].to_owned(),
        phones: phones.iter().map(|p| (*p).to_owned()).collect(),
        emails: emails.iter().map(|e| (*e).to_owned()).collect(),
        seen_at,
    }
}

/// The demo's clients, roughly.
fn sample() -> Directory {
    let mut d = Directory::in_memory().expect("directory");
    for e in [
        entry(
            "5001",
            ["Дмитриев", "Алексей", "Петрович"],
            &["+7 999 274-63-75"],
            &["a.dmitriev@mail.ru"],
            100,
        ),
        entry(
            "5002",
            ["Фёдоров", "Пётр", "Семёнович"],
            &["89999583669", "8 (495) 765-43-21"],
            &[],
            300,
        ),
        entry(
            "5003",
            ["Иванова", "Мария", "Ивановна"],
            &["8 916 123 45 67"],
            &["maria@example.com"],
            200,
        ),
        entry(
            "5004",
            ["Иванова", "Мария", "Сергеевна"],
            &["+79161234567"],
            &[],
            50,
        ),
        entry(
            "1234567890123",
            ["Smith", "John", ""],
            &["+375 29 123-45-67", "доб. 12"],
            &[],
            10,
        ),
    ] {
        d.upsert(&e).expect("upsert");
    }
    d
}

fn ids(d: &Directory, query: &str) -> Vec<(String, Match)> {
    d.search(query, 20)
        .expect("search")
        .into_iter()
        .map(|h| (h.entry.id, h.why))
        .collect()
}

fn just_ids(d: &Directory, query: &str) -> Vec<String> {
    ids(d, query).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn phones_are_stored_canonical_and_found_in_any_form() {
    let d = sample();
    let e = d.get("5002").expect("get").expect("known");
    assert_eq!(e.phones, ["+79999583669", "+74957654321"]);
    assert_eq!(
        d.get("1234567890123").expect("get").expect("known").phones,
        ["+375291234567", "доб. 12"]
    );
    for query in [
        "89992746375",
        "8(999)274-63-75",
        "+7 999 274 63 75",
        "9992746375",
        "79992746375",
    ] {
        assert_eq!(
            ids(&d, query),
            [("5001".to_owned(), Match::ExactPhone)],
            "{query:?}"
        );
    }
    assert_eq!(ids(&d, "2746375"), [("5001".to_owned(), Match::PhoneTail)]);
    assert_eq!(
        ids(&d, "274-63-75"),
        [("5001".to_owned(), Match::PhoneTail)]
    );
    assert_eq!(
        ids(&d, "89999583669"),
        [("5002".to_owned(), Match::ExactPhone)]
    );
    // As the operator types: the start of a number.
    assert_eq!(
        ids(&d, "8 999 27"),
        [("5001".to_owned(), Match::PhoneStart)]
    );
    assert_eq!(just_ids(&d, "8 999"), ["5002", "5001"]);
    // Two clients share a number: both, most recently seen first.
    assert_eq!(just_ids(&d, "+79161234567"), ["5003", "5004"]);
    assert_eq!(just_ids(&d, "8 916 123-45-67"), ["5003", "5004"]);
    assert_eq!(
        ids(&d, "+375291234567"),
        [("1234567890123".to_owned(), Match::ExactPhone)]
    );
    assert!(ids(&d, "0000000").is_empty());
}

#[test]
fn an_exact_phone_comes_before_more_recent_tails() {
    let mut d = sample();
    // A newer client whose number ends like 5001's whole number.
    d.upsert(&entry(
        "6000",
        ["Новый", "", ""],
        &["+375 99 992-74-63-75"],
        &[],
        999,
    ))
    .expect("upsert");
    assert_eq!(
        ids(&d, "9992746375"),
        [
            ("5001".to_owned(), Match::ExactPhone),
            ("6000".to_owned(), Match::PhoneTail)
        ]
    );
}

#[test]
fn words_match_names_in_any_order_and_emails() {
    let d = sample();
    assert_eq!(just_ids(&d, "иванова"), ["5003", "5004"]);
    assert_eq!(just_ids(&d, "мария иван"), ["5003", "5004"]);
    assert_eq!(just_ids(&d, "ИВАНОВА  мар сер"), ["5004"]);
    assert_eq!(ids(&d, "федоров петр"), [("5002".to_owned(), Match::Name)]);
    assert_eq!(just_ids(&d, "ФЁДОРОВ"), ["5002"]);
    assert_eq!(ids(&d, "dmitriev"), [("5001".to_owned(), Match::Email)]);
    assert_eq!(
        ids(&d, "a.dmitriev@mail.ru"),
        [("5001".to_owned(), Match::Email)]
    );
    assert_eq!(ids(&d, "maria@exa"), [("5003".to_owned(), Match::Email)]);
    assert_eq!(ids(&d, "дмитриев"), [("5001".to_owned(), Match::Name)]);
    assert!(just_ids(&d, "петрова").is_empty());
    assert!(just_ids(&d, "иванова петр").is_empty());
    // Only at the start of a word.
    assert!(just_ids(&d, "ванова").is_empty());
}

#[test]
fn digits_match_ids() {
    let d = sample();
    assert_eq!(
        ids(&d, "1234567890123"),
        [("1234567890123".to_owned(), Match::ExactId)]
    );
    assert_eq!(
        ids(&d, "123456789"),
        [("1234567890123".to_owned(), Match::Id)]
    );
    assert_eq!(just_ids(&d, "500"), ["5002", "5003", "5001", "5004"]);
    assert_eq!(ids(&d, "5004"), [("5004".to_owned(), Match::ExactId)]);
    assert_eq!(
        ids(&d, "smith 1234"),
        [("1234567890123".to_owned(), Match::Id)]
    );
}

#[test]
fn empty_query_gives_the_most_recent() {
    let d = sample();
    assert_eq!(
        just_ids(&d, ""),
        ["5002", "5003", "5001", "5004", "1234567890123"]
    );
    assert_eq!(d.search("  ", 2).expect("search").len(), 2);
    assert!(ids(&d, "").iter().all(|(_, why)| *why == Match::Recent));
    assert_eq!(d.search("иванова", 1).expect("search").len(), 1);
}

#[test]
fn upsert_replaces_and_seen_only_moves_forward() {
    let mut d = sample();
    assert_eq!(d.count().expect("count"), 5);
    d.upsert(&entry(
        "5001",
        ["Дмитриев", "Алексей", ""],
        &["8 916 000 00 00"],
        &[],
        50,
    ))
    .expect("upsert");
    let e = d.get("5001").expect("get").expect("known");
    assert_eq!(e.phones, ["+79160000000"]);
    assert_eq!(e.emails, Vec::<String>::new());
    assert_eq!(e.seen_at, 100);
    assert!(just_ids(&d, "2746375").is_empty());
    assert!(just_ids(&d, "dmitriev").is_empty());
    assert!(just_ids(&d, "петрович").is_empty());
    assert_eq!(d.count().expect("count"), 5);
    assert!(d.remove("5001").expect("remove"));
    assert!(!d.remove("5001").expect("remove"));
    assert_eq!(d.get("5001").expect("get"), None);
    assert!(just_ids(&d, "алексей").is_empty());
    assert!(just_ids(&d, "89160000000").is_empty());
    assert_eq!(d.count().expect("count"), 4);
    assert!(matches!(
        d.upsert(&entry(" ", ["X", "", ""], &[], &[], 1)),
        Err(DirectoryError::NoId)
    ));
}

#[test]
fn upsert_card_takes_phones_and_emails_by_contact_type() {
    let mut d = Directory::in_memory()
        .expect("directory")
        .with_city_code(Some("495".into()));
    let types: Vec<ContactType> = [("3", true, false), ("4", false, true), ("5", false, false)]
        .into_iter()
        .map(|(id, is_phone, is_email)| ContactType {
            id: id.into(),
            is_phone,
            is_email,
            ..ContactType::default()
        })
        .collect();
    let contact = |type_id: &str, value: &str| Contact {
        type_id: type_id.into(),
        value: value.into(),
        ..Contact::default()
    };
    let card = ClientCard {
        id: "77".into(),
        lastname: "Петров".into(),
        firstname: "Иван".into(),
        contacts: vec![
            contact("3", "765-43-21"),
            contact("4", "ivan@example.com"),
            contact("5", "ivan.skype"),
            contact("9", "8 916 111 22 33"),
            contact("9", "x@y.ru"),
        ],
        ..ClientCard::default()
    };
    d.upsert_card(&card, &types, 1_700_000_000).expect("upsert");
    let e = d.get("77").expect("get").expect("known");
    assert_eq!(e.phones, ["+74957654321", "+79161112233"]);
    assert_eq!(e.emails, ["ivan@example.com", "x@y.ru"]);
    assert_eq!(e.seen_at, 1_700_000_000);
    assert_eq!(e.name(), "Петров Иван");
    // Without the types, by the look of the values.
    d.upsert_card(&card, &[], 1).expect("upsert");
    let e = d.get("77").expect("get").expect("known");
    assert_eq!(e.phones, ["+74957654321", "+79161112233"]);
    assert_eq!(e.emails, ["ivan@example.com", "x@y.ru"]);
}

#[test]
fn clients_with_phone_in_any_form() {
    let d = sample();
    let ids = |phone: &str| -> Vec<String> {
        d.clients_with_phone(phone)
            .expect("query")
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(ids("8 916 123 45 67"), ["5003", "5004"]);
    assert_eq!(ids("+7 (495) 765-43-21"), ["5002"]);
    assert_eq!(ids("+375291234567"), ["1234567890123"]);
    assert!(ids("123-45-67").is_empty());
    assert!(ids("").is_empty());
    assert!(ids("нет").is_empty());
}

#[test]
fn seven_digit_numbers_without_a_city_code_stay_searchable() {
    let mut d = Directory::in_memory().expect("directory");
    d.upsert(&entry("1", ["Дача", "", ""], &["765-43-21"], &[], 1))
        .expect("upsert");
    assert_eq!(d.get("1").expect("get").expect("known").phones, ["7654321"]);
    assert_eq!(ids(&d, "765-43-21"), [("1".to_owned(), Match::ExactPhone)]);
    assert_eq!(ids(&d, "43-21"), [("1".to_owned(), Match::PhoneTail)]);
    assert_eq!(d.clients_with_phone("7654321").expect("query").len(), 1);
}

#[cfg(unix)]
#[test]
fn the_file_is_private_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("data/sub/directory.sqlite");
    {
        let mut d = Directory::open(&path).expect("open");
        d.upsert(&entry("1", ["Ким", "", ""], &["89161234567"], &[], 5))
            .expect("upsert");
    }
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().expect("dir")), 0o700);
    // A file someone made readable to others is private again once opened.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let d = Directory::open(&path).expect("open again");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(just_ids(&d, "ким"), ["1"]);
}

#[test]
fn migrate_recent_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let json = tmp.path().join("recent.json");
    std::fs::write(
        &json,
        r#"{"version": 1, "entries": [
            {"id": "42", "name": "Иванов Иван Иванович", "phones": ["8 (916) 123-45-67", "ivan@example.com", "skype.ivan"], "opened_at": 1700000000},
            {"id": "43", "name": "Ким", "phones": [], "opened_at": 1600000000},
            {"id": "5001", "name": "Старое Имя", "phones": [], "opened_at": 1800000000}
        ]}"#,
    )
    .expect("write");
    let before = std::fs::read(&json).expect("read");
    let mut d = sample();
    assert_eq!(d.migrate_recent(&json).expect("migrate"), 2);
    let e = d.get("42").expect("get").expect("known");
    assert_eq!(
        (
            e.lastname.as_str(),
            e.firstname.as_str(),
            e.middlename.as_str()
        ),
        ("Иванов", "Иван", "Иванович")
    );
    assert_eq!(e.phones, ["+79161234567"]);
    assert_eq!(e.emails, ["ivan@example.com"]);
    assert_eq!(e.seen_at, 1_700_000_000);
    // A known client keeps its data; its last-seen time moves forward.
    let known = d.get("5001").expect("get").expect("known");
    assert_eq!(
        (known.lastname.as_str(), known.seen_at),
        ("Дмитриев", 1_800_000_000)
    );
    assert_eq!(d.count().expect("count"), 7);
    // Once only, and the file is left alone.
    d.remove("42").expect("remove");
    assert_eq!(d.migrate_recent(&json).expect("again"), 0);
    assert_eq!(d.get("42").expect("get"), None);
    assert_eq!(std::fs::read(&json).expect("read"), before);
}

#[test]
fn migrate_recent_without_a_file_or_with_a_damaged_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let json = tmp.path().join("recent.json");
    std::fs::write(&json, "{").expect("write");
    let mut d = Directory::in_memory().expect("directory");
    assert!(matches!(
        d.migrate_recent(&json),
        Err(DirectoryError::Io { .. })
    ));
    // Tried again next time: now the file is gone, which counts as done.
    std::fs::remove_file(&json).expect("remove");
    assert_eq!(d.migrate_recent(&json).expect("missing"), 0);
    std::fs::write(
        &json,
        r#"{"version": 1, "entries": [{"id": "1", "name": "A"}]}"#,
    )
    .expect("write");
    assert_eq!(d.migrate_recent(&json).expect("done already"), 0);
    assert_eq!(d.count().expect("count"), 0);
}

fn run_import(d: &mut Directory, text: &str) -> ImportReport {
    import(d, text.as_bytes(), &mut |_| {}).expect("import")
}

#[test]
fn import_with_bom_semicolons_any_column_order_and_cells_with_several_values() {
    let mut d = Directory::in_memory().expect("directory");
    let text = "\u{feff}Phones;ID;LastName;FirstName;extra;emails\n\
                8 916 123 45 67, +7 (495) 765-43-21;1;Иванова;Мария;x;m@example.com\n\
                \"89992746375\n+375291234567\";2;Дмитриев;Алексей;;a@x.ru, b@x.ru\n";
    let report = run_import(&mut d, text);
    assert_eq!(
        report,
        ImportReport {
            rows: 2,
            added: 2,
            encoding: Some(TextEncoding::Utf8),
            ..ImportReport::default()
        }
    );
    let e = d.get("1").expect("get").expect("known");
    assert_eq!(e.phones, ["+79161234567", "+74957654321"]);
    assert_eq!(
        (e.lastname.as_str(), e.middlename.as_str(), e.seen_at),
        ("Иванова", "", 0)
    );
    let e = d.get("2").expect("get").expect("known");
    assert_eq!(e.phones, ["+79992746375", "+375291234567"]);
    assert_eq!(e.emails, ["a@x.ru", "b@x.ru"]);
    assert_eq!(just_ids(&d, "2746375"), ["2"]);
}

#[test]
fn bad_rows_are_skipped_by_line_and_the_rest_imported() {
    let mut d = Directory::in_memory().expect("directory");
    let text = "id,lastname,phones,emails\n\
                1,Ким,89161234567,\n\
                ,Безымянный,89161234568,\n\
                3,Ли,нет телефона,\n\
                4,Пак,89161234569,not-an-email\n\
                5,Цой\n\
                6,Ан,\"8 916 123 45 70; 8 916 123 45 71\",\n";
    let report = run_import(&mut d, text);
    assert_eq!(report.rows, 6);
    assert_eq!(report.added, 2);
    let lines: Vec<u64> = report.bad.iter().map(|b: &BadRow| b.line).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert_eq!(report.bad[0].reason, BadReason::NoId);
    assert_eq!(
        report.bad[3].reason,
        BadReason::CellCount {
            cells: 2,
            header: 4
        }
    );
    assert_eq!(
        d.get("6").expect("get").expect("known").phones,
        ["+79161234570", "+79161234571"]
    );
    assert!(matches!(
        import(&mut d, b"name,phone\nx,1\n", &mut |_| {}),
        Err(ImportError::NoIdColumn)
    ));
}

#[test]
fn import_twice_changes_nothing_and_merges_with_what_is_known() {
    let mut d = sample();
    let text = "id;lastname;firstname;middlename;phones;emails\n\
                5001;;;;8 999 274 63 75, 8 916 555 44 33;new@x.ru\n\
                7000;Новиков;Олег;;;\n";
    let first = run_import(&mut d, text);
    assert_eq!((first.added, first.updated, first.unchanged), (1, 1, 0));
    let e = d.get("5001").expect("get").expect("known");
    assert_eq!(e.lastname, "Дмитриев");
    assert_eq!(e.phones, ["+79992746375", "+79165554433"]);
    assert_eq!(e.emails, ["a.dmitriev@mail.ru", "new@x.ru"]);
    assert_eq!(e.seen_at, 100);
    let again = run_import(&mut d, text);
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
    assert_eq!(d.get("5001").expect("get").expect("known"), e);
}

#[test]
fn export_then_import_gives_the_same_directory() {
    let d = sample();
    let mut out = Vec::new();
    assert_eq!(export(&d, &mut out).expect("export"), 5);
    let text = String::from_utf8(out.clone()).expect("utf-8");
    assert!(
        text.starts_with("\u{feff}id;lastname;firstname;middlename;phones;emails\n"),
        "{text}"
    );
    assert!(
        text.contains("5002;Фёдоров;Пётр;Семёнович;'+79999583669, +74957654321;\n"),
        "{text}"
    );
    let mut copy = Directory::in_memory().expect("directory");
    let report = import(&mut copy, &out, &mut |_| {}).expect("import");
    assert_eq!((report.added, report.bad.len()), (5, 0));
    for id in ["5001", "5002", "5003", "5004", "1234567890123"] {
        let mut original = d.get(id).expect("get").expect("known");
        original.seen_at = 0;
        assert_eq!(copy.get(id).expect("get"), Some(original));
    }
}

#[test]
fn import_writes_in_batches_another_connection_can_write_between() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("directory.sqlite");
    let mut d = Directory::open(&path).expect("directory");
    let mut text = String::from("id,lastname\n");
    for i in 0..2_500 {
        text.push_str(&format!("{i},Фамилия{i}\n"));
    }
    // A running crmcard saving a client while the import goes on.
    let mut desk = Directory::open(&path).expect("second connection");
    let mut seen = Vec::new();
    let report = import(&mut d, text.as_bytes(), &mut |n| {
        let id = format!("desk{n}");
        desk.upsert(&entry(&id, ["Другой", "", ""], &[], &[], 1))
            .expect("a write between batches");
        seen.push(n);
    })
    .expect("import");
    assert_eq!(BATCH_ROWS, 1_000);
    assert_eq!(seen, [1_000, 2_000, 2_500]);
    assert_eq!(report.added, 2_500);
    assert_eq!(d.count().expect("count"), 2_503);
}

#[test]
fn a_common_first_letter_reads_the_newest_clients_first() {
    let mut d = Directory::in_memory().expect("directory");
    let mut text = String::from("id,lastname,firstname\n");
    for i in 0..6_000 {
        let first = if i % 2 == 0 { "Анна" } else { "Мария" };
        text.push_str(&format!("{i},Смирнова,{first}\n"));
    }
    run_import(&mut d, &text);
    d.upsert(&entry("4242", ["Смирнова", "Анна", ""], &[], &[], 10))
        .expect("upsert");
    d.upsert(&entry("17", ["Смирнова", "Мария", ""], &[], &[], 5))
        .expect("upsert");
    let hits = d.search("с", 3).expect("search");
    let found: Vec<(&str, Match)> = hits.iter().map(|h| (h.entry.id.as_str(), h.why)).collect();
    assert_eq!(
        found,
        [
            ("4242", Match::Name),
            ("17", Match::Name),
            ("5999", Match::Name)
        ]
    );
    assert_eq!(just_ids(&d, "смир ма")[..3], ["17", "5999", "5997"]);
    assert_eq!(just_ids(&d, "ан с")[..2], ["4242", "5998"]);
    assert!(just_ids(&d, "с петр").is_empty());
}
