//! The write flows of an operator's session, driven in tmux with only the
//! keys of DESIGN.md's table, against a sandbox CRM that caches its GETs
//! for 60 s as the real one does: every write must show its own answer,
//! never a stale GET, and every request must be the documented one.

use std::time::Instant;

use crate::support::{SAMPLE_CLIENT, Term, TestSandbox, frame, line_has, line_with, start};
use crmcard::sandbox::{LoggedRequest, SandboxConfig};
use serde_json::{Value, json};

const MOSCOW: &str = "10000000000002";
const NEW_STREET: &str = "Учебная Тестовая";

fn open_sample(term: &Term) {
    term.open_sample_card();
    term.wait_for_all(&["лояльный клиент"]);
}

/// The focused row of a form or table (`▶` in front of it).
fn focused_line(screen: &str) -> &str {
    line_with(screen, "▶")
}

/// For `wait_for`: whether the focused row holds `part`.
fn focused_has(screen: &str, part: &str) -> bool {
    line_has(screen, "▶", part)
}

/// Waits until the focused form field is the one labelled `label`.
fn wait_focus(term: &Term, label: &str) -> String {
    term.wait_for(&format!("the focus on «{label}»"), |s| {
        s.lines().any(|l| {
            l.trim_start().starts_with('▶')
                && (l.contains(&format!("{label} ")) || l.ends_with(label))
        })
    })
}

/// Opens the picker of the focused field, types `query` and chooses
/// `entry` once it is the highlighted row.
fn pick(term: &Term, query: &str, entry: &str) {
    term.send_keys(&["Enter"]);
    term.wait_for("a picker", |s| s.contains("› "));
    if !query.is_empty() {
        term.type_text(query);
    }
    term.wait_for(&format!("«{entry}» highlighted in the picker"), |s| {
        s.lines().any(|l| l.contains(&format!("▶ {entry}")))
    });
    term.send_keys(&["Enter"]);
    term.wait_for("the picker closed", |s| !s.contains("› "));
}

fn query<'r>(r: &'r LoggedRequest, name: &str) -> Option<&'r str> {
    r.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The query's names, `objectId` (checked to be 1) aside.
fn query_names(r: &LoggedRequest) -> Vec<&str> {
    assert_eq!(query(r, "objectId"), Some("1"), "objectId on {r:?}");
    r.query
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| *k != "objectId")
        .collect()
}

fn body_keys(r: &LoggedRequest) -> Vec<String> {
    let mut keys: Vec<String> = r
        .body
        .as_ref()
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("a JSON object body in {r:#?}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
    keys.sort();
    keys
}

#[test]
fn an_operator_session_of_writes_shows_every_answer_and_sends_the_documented_requests() {
    let started = Instant::now();
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let term = start(&sandbox);

    // 1. Open the vendor's sample client.
    open_sample(&term);

    // 2. Delete the work phone.
    term.send_keys(&["2"]);
    term.wait_for("the first contact selected", |s| {
        s.contains("2 Контакты (2)") && line_has(s, "Телефон домашний", "▶")
    });
    term.send_keys(&["Down"]);
    term.wait_for("the work phone selected", |s| {
        line_has(s, "+7 999 888-77-66", "▶")
    });
    term.send_keys(&["d"]);
    term.wait_for_all(&["Удалить контакт «Телефон рабочий: +79998887766»?"]);
    term.send_keys(&["y"]);
    let screen = term.wait_for("the work phone gone", |s| {
        s.contains("2 Контакты (1)") && !s.contains("+7 999 888-77-66") && !s.contains("Удалить")
    });
    assert!(screen.contains("Телефон домашний"), "{}", frame(&screen));

    // 3. Add a mobile phone: type picker, the +7 suggestion, save.
    term.send_keys(&["a"]);
    // Without [defaults] contact_type: the CRM's mobile type, the value next.
    term.wait_for_all(&["Новый контакт", "Телефон мобильный ▾"]);
    wait_focus(&term, "Значение");
    term.type_text("89161234567");
    // Saved in the canonical form without F3; the form says so.
    term.wait_for("what will be saved", |s| {
        focused_has(s, "сохранится как +79161234567")
    });
    term.send_keys(&["C-s"]);
    let screen = term.wait_for("the new contact on the card", |s| {
        s.contains("Карточка клиента")
            && s.contains("2 Контакты (2)")
            && s.contains("+7 916 123-45-67")
    });
    assert!(
        line_with(&screen, "+7 916 123-45-67").contains("Телефон мобильный"),
        "{}",
        frame(&screen)
    );

    // 4. Main data: the note gets " VIP".
    term.send_keys(&["1"]);
    term.wait_for_all(&["Фамилия: Безногов"]);
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Основные данные клиента"]);
    wait_focus(&term, "Фамилия");
    term.send_keys(&["Tab", "Tab", "Tab", "Tab"]);
    wait_focus(&term, "Примечание");
    term.type_text(" VIP");
    term.wait_for("the note typed", |s| focused_has(s, "лояльный клиент VIP"));
    term.send_keys(&["C-s"]);
    let screen = term.wait_for("the new note on the card", |s| {
        s.contains("Карточка клиента") && s.contains("Примечание: лояльный клиент VIP")
    });
    assert!(
        !screen.contains("CRM изменила не всё"),
        "{}",
        frame(&screen)
    );

    // 5. A new address, with a street added from its picker.
    term.send_keys(&["3"]);
    term.wait_for_all(&["3 Адреса (1)", "10-я Текстильщиков"]);
    term.send_keys(&["a"]);
    let form = term.wait_for_all(&["Новый адрес"]);
    assert!(
        line_with(&form, "Страна").contains("Россия")
            && line_with(&form, "Город").contains("Москва"),
        "country and city come from the client's address:\n{}",
        frame(&form)
    );
    // Every new address starts on the one-line address; Enter on it empty
    // moves on to the type.
    wait_focus(&term, "Адрес одной строкой");
    term.send_keys(&["Enter"]);
    wait_focus(&term, "Тип адреса");
    pick(&term, "дом", "Домашний");
    // The country and city already there are passed over.
    wait_focus(&term, "Улица");
    term.send_keys(&["Enter"]);
    term.wait_for("the street picker", |s| {
        s.contains("› ") && s.contains(" Улица ")
    });
    term.type_text(NEW_STREET);
    term.wait_for_all(&[&format!("Ins — добавить «{NEW_STREET}» в справочник")]);
    term.send_keys(&["IC"]);
    let dialog = term.wait_for_all(&["Новая улица"]);
    assert!(
        line_with(&dialog, "Название").contains(NEW_STREET),
        "the dialog takes the typed name:\n{}",
        frame(&dialog)
    );
    term.send_keys(&["Tab"]);
    term.type_text("101000");
    term.wait_for("the postcode typed", |s| {
        s.lines()
            .any(|l| l.contains("Индекс:") && l.contains("101000"))
    });
    term.send_keys(&["Enter"]);
    let form = term.wait_for("the street chosen in the form", |s| {
        !s.contains("Новая улица") && !s.contains("› ") && line_has(s, "Улица", NEW_STREET)
    });
    assert!(
        line_with(&form, "Индекс").contains("101000"),
        "the new street's postcode fills the form:\n{}",
        frame(&form)
    );
    wait_focus(&term, "Дом");
    term.type_text("7");
    for label in ["Корпус/строение", "Подъезд", "Этаж", "Квартира"]
    {
        term.send_keys(&["Tab"]);
        wait_focus(&term, label);
    }
    term.type_text("12");
    term.send_keys(&["Tab"]);
    wait_focus(&term, "Код домофона");
    term.send_keys(&["Tab"]);
    wait_focus(&term, "Метро");
    pick(&term, "акад", "Академическая");
    term.wait_for("the metro chosen", |s| {
        line_has(s, "Метро", "Академическая")
    });
    term.send_keys(&["C-s"]);
    let screen = term.wait_for("the new address on the card", |s| {
        s.contains("3 Адреса (2)") && s.contains(NEW_STREET)
    });
    let line = line_with(&screen, NEW_STREET);
    for part in ["Домашний", "Москва", "д. 7", "кв. 12", "м. Академическая"]
    {
        assert!(
            line.contains(part),
            "{part:?} in {line:?}\n{}",
            frame(&screen)
        );
    }

    // 6. A new client with a contact, from the lookup screen.
    term.escape_until("the lookup screen", |s| {
        s.contains("Поиск клиента") && !s.contains("Карточка клиента")
    });
    term.send_keys(&["IC"]);
    term.wait_for_all(&["Новый клиент", "+ добавить контакт (Enter)"]);
    wait_focus(&term, "Фамилия");
    term.type_text("Тестова");
    term.send_keys(&["Tab"]);
    wait_focus(&term, "Имя");
    term.type_text("Анна");
    term.send_keys(&["Tab", "Tab"]);
    wait_focus(&term, "День рождения");
    term.type_text("01.02.1990");
    term.send_keys(&["Tab"]);
    wait_focus(&term, "Примечание");
    term.send_keys(&["Tab"]);
    term.wait_for("the add-contact row focused", |s| {
        focused_has(s, "+ добавить контакт (Enter)")
    });
    term.send_keys(&["Enter"]);
    // The type this desk chose last is there already.
    term.wait_for_all(&["Новый контакт", "Телефон мобильный ▾"]);
    wait_focus(&term, "Значение");
    term.type_text("+79031112233");
    term.wait_for("the value typed", |s| focused_has(s, "+79031112233"));
    term.send_keys(&["C-s"]);
    term.wait_for("the contact in the new client's form", |s| {
        s.contains("Новый клиент") && s.contains("Телефон мобильный: +79031112233")
    });
    term.send_keys(&["C-s"]);
    let screen = term.wait_for("the new client's card", |s| {
        s.contains("Карточка клиента") && s.contains("Тестова Анна") && s.contains("2 Контакты (1)")
    });
    assert!(screen.contains("01.02.1990"), "{}", frame(&screen));
    term.send_keys(&["2"]);
    let screen = term.wait_for_all(&["+7 903 111-22-33"]);
    assert!(
        line_with(&screen, "+7 903 111-22-33").contains("Телефон мобильный"),
        "{}",
        frame(&screen)
    );
    let new_id = line_with(&screen, "Тестова Анна")
        .split("id ")
        .nth(1)
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let session = started.elapsed();

    // The requests.
    let requests = sandbox.requests();
    let gets = |path: &str| -> Vec<&LoggedRequest> {
        requests
            .iter()
            .filter(|r| r.method == "GET" && r.path == path)
            .collect()
    };
    let clients = gets("Clients");
    assert_eq!(clients.len(), 1, "one GET Clients: {clients:#?}");
    assert_eq!(query(clients[0], "Id"), Some(SAMPLE_CLIENT));
    for (path, param) in [
        ("TypesContacts", None),
        ("TypesAddresses", None),
        ("Countries", None),
        ("Cities", Some(("countryId", "2"))),
        ("Streets", Some(("cityId", MOSCOW))),
        ("MetroStations", Some(("cityId", MOSCOW))),
    ] {
        let list = gets(path);
        assert!(list.len() <= 1, "GET {path} at most once: {list:#?}");
        if let (Some(r), Some((name, value))) = (list.first(), param) {
            assert_eq!(query_names(r), [name], "{r:?}");
            assert_eq!(query(r, name), Some(value), "{r:?}");
        }
    }
    assert_eq!(
        gets("Streets").len(),
        1,
        "the street picker's list was loaded"
    );
    let first_write = requests
        .iter()
        .position(|r| r.method != "GET")
        .expect("writes");
    assert!(
        !requests[first_write..]
            .iter()
            .any(|r| r.method == "GET" && r.path == "Clients"),
        "no GET Clients after a write: {requests:#?}"
    );

    let writes: Vec<&LoggedRequest> = requests.iter().filter(|r| r.method != "GET").collect();
    let shape: Vec<(&str, &str)> = writes
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        shape,
        [
            ("DELETE", "Clients/Contacts"),
            ("POST", "Clients/Contacts"),
            ("PUT", "Clients"),
            ("POST", "Streets"),
            ("POST", "Clients/Addresses"),
            ("POST", "Clients"),
        ],
        "{writes:#?}"
    );

    let delete = writes[0];
    assert_eq!(query_names(delete), ["clientId", "contactId"]);
    assert_eq!(query(delete, "clientId"), Some(SAMPLE_CLIENT));
    assert_eq!(query(delete, "contactId"), Some("10000000008066"));
    assert_eq!(delete.body, None, "DELETE has no body");

    let add_contact = writes[1];
    assert_eq!(query_names(add_contact), ["clientId"]);
    assert_eq!(query(add_contact, "clientId"), Some(SAMPLE_CLIENT));
    assert_eq!(
        add_contact.body,
        Some(json!({"typeId": "3", "value": "+79161234567"}))
    );

    let put = writes[2];
    assert_eq!(query_names(put), ["clientId"]);
    assert_eq!(query(put, "clientId"), Some(SAMPLE_CLIENT));
    assert_eq!(
        put.body,
        Some(json!({
            "lastname": "Безногов",
            "firstname": "Сергей",
            "middlename": "Витальевич",
            "note": "лояльный клиент VIP",
        })),
        "the note changed, the birthday did not"
    );

    let street = writes[3];
    assert_eq!(query_names(street), ["cityId"]);
    assert_eq!(query(street, "cityId"), Some(MOSCOW));
    assert_eq!(
        street.body,
        Some(json!({"Name": NEW_STREET, "PostCode": "101000"}))
    );

    let address = writes[4];
    assert_eq!(query_names(address), ["clientId"]);
    assert_eq!(query(address, "clientId"), Some(SAMPLE_CLIENT));
    assert_eq!(
        body_keys(address),
        sorted(&[
            "typeId",
            "countryId",
            "zip",
            "region",
            "cityId",
            "streetId",
            "house",
            "building",
            "entry",
            "floor",
            "apartments",
            "entryCode",
            "dopInfo",
            "metroStationId",
        ]),
        "{address:#?}"
    );
    let body = address.body.as_ref().unwrap();
    for (key, value) in [
        ("typeId", "1"),
        ("countryId", "2"),
        ("zip", "101000"),
        ("region", ""),
        ("cityId", MOSCOW),
        ("house", "7"),
        ("building", ""),
        ("entry", ""),
        ("floor", ""),
        ("apartments", "12"),
        ("entryCode", ""),
        ("dopInfo", ""),
        ("metroStationId", "3"),
    ] {
        assert_eq!(body[key], json!(value), "{key} in {body}");
    }
    // The new street's id: no street of the seed has it, and the CRM's
    // answer (drawn on the card above) named it «Учебная Тестовая».
    let street_id = body["streetId"].as_str().expect("streetId").to_owned();
    let seed = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/seed/streets.tsv"
    ));
    assert!(
        !street_id.is_empty()
            && !seed
                .lines()
                .any(|l| l.split('\t').next() == Some(street_id.as_str())),
        "streetId {street_id} is the new street's"
    );

    let create = writes[5];
    assert_eq!(query_names(create), Vec::<&str>::new());
    assert_eq!(
        create.body,
        Some(json!({
            "lastname": "Тестова",
            "firstname": "Анна",
            "middlename": "",
            "birthday": "1990-02-01",
            "note": "",
            "contacts": [{"typeId": "3", "value": "+79031112233"}],
            "addresses": [],
        }))
    );
    assert!(!new_id.is_empty(), "the new card shows its id");
    eprintln!(
        "the session took {:.1} s, {} requests",
        session.as_secs_f64(),
        requests.len()
    );
}

#[test]
fn bad_input_is_explained_and_nothing_typed_is_lost() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let term = start(&sandbox);
    open_sample(&term);

    // A birthday that does not exist.
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Основные данные клиента"]);
    term.send_keys(&["Tab", "Tab", "Tab"]);
    let screen = wait_focus(&term, "День рождения");
    assert!(focused_line(&screen).contains("18.10.1971"));
    // Clearing the field is typing (Backspace), as in any text field.
    for _ in 0.."18.10.1971".len() {
        term.send_keys(&["BSpace"]);
    }
    term.wait_for("the birthday cleared", |s| {
        focused_has(s, "День рождения") && !focused_has(s, "1971")
    });
    term.type_text("31.02.1990");
    let screen = term.wait_for("the reason next to the birthday", |s| {
        line_has(
            s,
            "▶   День рождения 31.02.1990",
            "в феврале 1990 нет 31-го числа",
        )
    });
    assert!(focused_line(&screen).contains("День рождения"));
    term.send_keys(&["C-s"]);
    let screen = term.wait_for_all(&["Не сохранено: исправьте отмеченные поля."]);
    assert!(
        focused_line(&screen).contains("31.02.1990"),
        "the focus goes to the marked field, with its text:\n{}",
        frame(&screen)
    );

    // A paste with control characters into the note.
    term.send_keys(&["Tab"]);
    wait_focus(&term, "Примечание");
    term.paste(" звонить\x07 после\x1b[31m 18:00");
    let screen = term.wait_for("the cleaned paste", |s| {
        focused_has(s, "управляющие символы удалены")
    });
    let note = focused_line(&screen);
    assert!(
        note.contains("лояльный клиент звонить после 18:00"),
        "the paste kept its text, without the control characters: {note:?}"
    );
    // Still there after the marked field is passed again.
    term.send_keys(&["BTab"]);
    let screen = wait_focus(&term, "День рождения");
    assert!(screen.contains("31.02.1990") && screen.contains("звонить после"));

    // A 3-digit phone: Esc asks before dropping the form.
    term.escape_until("the discard question", |s| {
        s.contains("Закрыть форму без сохранения?")
    });
    term.send_keys(&["y"]);
    term.wait_for("the card again", |s| {
        s.contains("Карточка клиента") && !s.contains("Основные данные клиента")
    });
    term.send_keys(&["2"]);
    term.wait_for_all(&["2 Контакты (2)"]);
    term.send_keys(&["a"]);
    term.wait_for_all(&["Новый контакт", "Телефон мобильный ▾"]);
    wait_focus(&term, "Значение");
    term.type_text("333");
    let screen = term.wait_for_all(&["нужно от 5 до 15 цифр, сейчас 3"]);
    assert!(focused_line(&screen).contains("333"));
    term.send_keys(&["C-s"]);
    term.wait_for_all(&["Не сохранено: исправьте отмеченные поля."]);

    let writes: Vec<LoggedRequest> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .collect();
    assert!(writes.is_empty(), "nothing was sent: {writes:#?}");
}
