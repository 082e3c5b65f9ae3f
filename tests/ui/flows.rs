//! Whole flows: a new client with its contacts and addresses, deleting a
//! client, quitting with unsaved changes, and the five flows of an
//! operator's call in one session with their request totals.

use std::collections::BTreeSet;

use crate::support::*;
use crmcard::app::Screen;
use crmcard::app::form::{FormKind, Row};
use crmcard::app::vocab::FieldId;
use crmcard::i18n::Lang;
use crmcard::sandbox::{LoggedRequest, SandboxConfig};
use ratatui::crossterm::event::KeyCode;

const MOSCOW: &str = "10000000000002";

fn keys(r: &LoggedRequest) -> BTreeSet<String> {
    r.body
        .as_ref()
        .and_then(|b| b.as_object())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// On a new-client form: adds a mobile phone through the contact form.
async fn add_draft_contact(h: &mut Harness, value: &str) {
    focus_row(&mut h.app, Row::AddContact);
    h.press(KeyCode::Enter).await;
    assert!(matches!(
        form(&h.app).kind,
        FormKind::DraftContact { index: None }
    ));
    if chosen(&h.app, FieldId::ContactType).as_deref() == Some("Телефон мобильный")
    {
        // The type the desk used last: the focus is on the value already.
        assert_eq!(
            form(&h.app).focused_field().map(|f| f.id),
            Some(FieldId::ContactValue)
        );
    } else {
        assert_eq!(
            form(&h.app).focused_field().map(|f| f.id),
            Some(FieldId::ContactType)
        );
        choose(h, FieldId::ContactType, "моб").await;
    }
    type_text(&mut h.app, value);
    let before = h.sandbox.requests().len();
    h.send(ctrl('s')).await;
    assert_eq!(h.sandbox.requests().len(), before, "a draft sends nothing");
    assert_eq!(form(&h.app).kind, FormKind::NewClient);
}

/// On a new-client form: adds an address in Moscow through the cascade.
async fn add_draft_address(h: &mut Harness, street: &str, house: &str) {
    focus_row(&mut h.app, Row::AddAddress);
    h.press(KeyCode::Enter).await;
    assert!(matches!(
        form(&h.app).kind,
        FormKind::DraftAddress { index: None }
    ));
    if chosen(&h.app, FieldId::AddressType).as_deref() != Some("Домашний") {
        choose(h, FieldId::AddressType, "дом").await;
    }
    if chosen(&h.app, FieldId::Country).as_deref() != Some("Россия") {
        choose(h, FieldId::Country, "россия").await;
    }
    if chosen(&h.app, FieldId::City).as_deref() != Some("Москва") {
        choose(h, FieldId::City, "москва").await;
    }
    choose(h, FieldId::Street, street).await;
    focus(&mut h.app, FieldId::House);
    type_text(&mut h.app, house);
    let before = h.sandbox.requests().len();
    h.send(ctrl('s')).await;
    assert_eq!(h.sandbox.requests().len(), before, "a draft sends nothing");
    assert_eq!(form(&h.app).kind, FormKind::NewClient);
}

// ------------------------------------------------------------ new client

#[test]
fn insert_and_ctrl_n_open_the_new_client_form() {
    for open in [key(KeyCode::Insert), ctrl('n')] {
        let mut app = app(Lang::Ru);
        send(&mut app, open);
        let f = form(&app);
        assert_eq!(f.kind, FormKind::NewClient);
        assert_eq!(f.focused_field().map(|f| f.id), Some(FieldId::Lastname));
        assert!(f.fields.iter().all(|f| f.current().is_empty()));
        assert_eq!(
            f.rows()[5..],
            [Row::AddContact, Row::AddAddress, Row::Save],
            "contacts and addresses follow the main fields, then the Save step"
        );
        // Clean: Esc leaves at once, back to the lookup.
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.screen(), Screen::Lookup(_)));
        assert!(app.popups.is_empty());
    }
}

#[tokio::test]
async fn a_new_client_with_a_contact_and_an_address_is_one_post() {
    let mut h = Harness::start(Lang::Ru).await;
    h.press(KeyCode::Insert).await;
    type_text(&mut h.app, "Лунев");
    retype(&mut h.app, FieldId::Firstname, "Олег");
    retype(&mut h.app, FieldId::Birthday, "05.06.1985");

    add_draft_contact(&mut h, "+79161234567").await;
    assert_eq!(form(&h.app).contacts.len(), 1);
    add_draft_address(&mut h, "тверс", "7").await;
    assert_eq!(form(&h.app).addresses.len(), 1);
    // A second contact, then Delete on it removes it.
    add_draft_contact(&mut h, "+79990001122").await;
    assert_eq!(form(&h.app).contacts.len(), 2);
    focus_row(&mut h.app, Row::Contact(1));
    press(&mut h.app, KeyCode::Delete);
    assert_eq!(form(&h.app).contacts.len(), 1);
    let screen = render(&h.app, 120, 40);
    assert!(
        screen.contains("Телефон мобильный: +79161234567"),
        "{screen}"
    );
    assert!(!screen.contains("+79990001122"), "{screen}");
    assert!(screen.contains("Москва, Тверская, д. 7"), "{screen}");
    assert!(h.writes().is_empty(), "nothing sent before Ctrl-S");

    h.send(ctrl('s')).await;
    let posts = h.requests_to("POST", "Clients");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(h.writes().len(), 1, "one POST sends it all");
    assert_eq!(query_names(&posts[0]), ["objectId"]);
    assert_eq!(
        posts[0].body,
        Some(serde_json::json!({
            "lastname": "Лунев",
            "firstname": "Олег",
            "middlename": "",
            "birthday": "1985-06-05",
            "note": "",
            "contacts": [{"typeId": "3", "value": "+79161234567"}],
            "addresses": [{
                "typeId": "1",
                "countryId": "2",
                "cityId": MOSCOW,
                "streetId": "10000000102439",
                "house": "7",
                "zip": "103055",
                "region": "",
                "building": "",
                "entry": "",
                "floor": "",
                "apartments": "",
                "entryCode": "",
                "dopInfo": "",
            }],
        }))
    );
    // The new card opens, from the answer, and is remembered.
    assert!(on_card(&h.app));
    let c = &card(&h.app).card;
    assert_eq!(c.lastname, "Лунев");
    assert_eq!(c.contacts.len(), 1);
    assert_eq!(c.addresses.len(), 1);
    assert_eq!(c.addresses[0].street, "Тверская");
    assert!(
        h.known(&c.id).is_some(),
        "the directory keeps the new client"
    );
    assert!(h.requests_to("GET", "Clients").is_empty());
    // Esc from the new card goes to the lookup, not back to the form.
    h.press(KeyCode::Esc).await;
    assert!(matches!(h.app.screen(), Screen::Lookup(_)));
    assert_eq!(h.app.screens.len(), 1);
}

#[tokio::test]
async fn a_listed_contact_opens_again_for_editing() {
    let mut h = Harness::start(Lang::Ru).await;
    h.press(KeyCode::Insert).await;
    type_text(&mut h.app, "Лунев");
    add_draft_contact(&mut h, "+79161234567").await;
    focus_row(&mut h.app, Row::Contact(0));
    h.press(KeyCode::Enter).await;
    assert!(matches!(
        form(&h.app).kind,
        FormKind::DraftContact { index: Some(0) }
    ));
    assert_eq!(text_of(&h.app, FieldId::ContactValue), "+79161234567");
    retype(&mut h.app, FieldId::ContactValue, "+79160000000");
    h.send(ctrl('s')).await;
    let f = form(&h.app);
    assert_eq!(f.contacts.len(), 1, "edited in place, not added");
    assert!(
        f.contacts[0]
            .iter()
            .any(|fld| fld.current() == "+79160000000")
    );
}

// --------------------------------------------------------- delete client

#[tokio::test]
async fn deleting_a_client_asks_then_returns_to_the_lookup() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    assert!(h.known(SAMPLE).is_some());
    h.press(KeyCode::Char('1')).await;
    h.press(KeyCode::Char('d')).await;
    let q = confirm_question(&h.app).expect("a confirmation").to_owned();
    assert!(q.contains("Безногов Сергей Витальевич"), "{q}");
    assert!(q.contains(SAMPLE), "{q}");
    h.press(KeyCode::Char('y')).await;
    let deletes = h.requests_to("DELETE", "Clients");
    assert_eq!(deletes.len(), 1, "{deletes:?}");
    assert_eq!(query_names(&deletes[0]), ["clientId", "objectId"]);
    assert_eq!(query(&deletes[0], "clientId").as_deref(), Some(SAMPLE));
    assert!(matches!(h.app.screen(), Screen::Lookup(_)));
    assert_eq!(h.known(SAMPLE), None, "the directory forgets it");
    assert!(!shown_ids(&h.app).contains(&SAMPLE.to_owned()));
    let m = message(&h.app).expect("a message");
    assert_eq!(m.title, "Клиент удалён");
    assert!(m.lines.join(" ").contains("удалён из CRM"), "{m:?}");
}

#[tokio::test]
async fn a_crm_without_client_delete_says_so_in_words() {
    let config = SandboxConfig {
        client_delete: false,
        ..SandboxConfig::default()
    };
    let mut h = Harness::start_with(config, Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('d')).await;
    h.press(KeyCode::Char('y')).await;
    assert_eq!(h.requests_to("DELETE", "Clients").len(), 1);
    assert!(on_card(&h.app), "the card stays");
    assert!(h.known(SAMPLE).is_some());
    let m = message(&h.app).expect("a message");
    assert!(m.is_error);
    let text = m.lines.join(" ");
    assert!(
        text.contains("Эта версия CRM не умеет удалять клиентов"),
        "{text}"
    );
    let screen = render(&h.app, 80, 24);
    assert!(screen.contains("Удаление клиентов недоступно"), "{screen}");
}

// ---------------------------------------------------------------- Ctrl-Q

#[test]
fn ctrl_q_with_a_dirty_form_asks_first() {
    // Clean: quits at once.
    let mut clean = app(Lang::Ru);
    open_card(&mut clean, sample_card());
    press(&mut clean, KeyCode::Enter);
    send(&mut clean, ctrl('q'));
    assert!(clean.quit);

    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);

    type_text(&mut app, "а");
    let effects = send(&mut app, ctrl('q'));
    assert!(!app.quit, "{effects:?}");
    let q = confirm_question(&app).expect("a question").to_owned();
    assert!(q.contains("несохранённые"), "{q}");
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.quit);
    assert!(on_form(&app));
    assert!(!app.quit);
    send(&mut app, ctrl('q'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
}

// ------------------------------------------------- five flows, one session

#[tokio::test]
async fn five_flows_in_one_session_make_exactly_the_documented_requests() {
    let mut h = Harness::start(Lang::Ru).await;
    // 1. Open the client.
    h.open(SAMPLE).await;
    // 2. Delete a contact.
    h.press(KeyCode::Char('2')).await;
    h.press(KeyCode::Char('d')).await;
    h.press(KeyCode::Char('y')).await;
    assert_eq!(card(&h.app).card.contacts.len(), 1);
    // 3. Add a contact.
    h.press(KeyCode::Char('a')).await;
    choose(&mut h, FieldId::ContactType, "моб").await;
    type_text(&mut h.app, "+79161234567");
    h.send(ctrl('s')).await;
    assert_eq!(card(&h.app).card.contacts.len(), 2);
    // 4. Edit the main data.
    h.press(KeyCode::Char('1')).await;
    h.press(KeyCode::Enter).await;
    retype(&mut h.app, FieldId::Middlename, "Викторович");
    h.send(ctrl('s')).await;
    assert_eq!(card(&h.app).card.middlename, "Викторович");
    // 5. Add an address through the cascade, creating a missing street.
    h.press(KeyCode::Char('3')).await;
    h.press(KeyCode::Char('a')).await;
    choose(&mut h, FieldId::AddressType, "раб").await;
    choose(&mut h, FieldId::Country, "россия").await;
    choose(&mut h, FieldId::City, "москва").await;
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    h.type_text("Звёздный тупик").await;
    h.press(KeyCode::Insert).await;
    h.press(KeyCode::Tab).await;
    h.type_text("129000").await;
    h.press(KeyCode::Enter).await;
    assert_eq!(
        chosen(&h.app, FieldId::Street).as_deref(),
        Some("Звёздный тупик")
    );
    type_text(&mut h.app, "12");
    choose(&mut h, FieldId::Metro, "академ").await;
    h.send(ctrl('s')).await;
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.addresses.len(), 2);
    // 6. Create a client, with an address on the new street.
    h.press(KeyCode::Esc).await;
    h.press(KeyCode::Insert).await;
    type_text(&mut h.app, "Лунев");
    add_draft_contact(&mut h, "+79990001122").await;
    add_draft_address(&mut h, "звёздный туп", "3").await;
    h.send(ctrl('s')).await;
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.addresses[0].street, "Звёздный тупик");

    // The totals.
    let log = h.sandbox.requests();
    let gets = |path: &str, q: Option<(&str, &str)>| {
        log.iter()
            .filter(|r| r.method == "GET" && r.path == path)
            .filter(|r| q.is_none_or(|(k, v)| query(r, k).as_deref() == Some(v)))
            .count()
    };
    assert_eq!(gets("Clients", None), 1, "GET Clients");
    for (path, q) in [
        ("TypesContacts", None),
        ("TypesAddresses", None),
        ("Countries", None),
        ("Cities", Some(("countryId", "2"))),
        ("Streets", Some(("cityId", MOSCOW))),
        ("MetroStations", Some(("cityId", MOSCOW))),
    ] {
        assert!(gets(path, q) <= 1, "GET {path} {q:?}: {}", gets(path, q));
    }
    let all_gets: Vec<String> = log
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| format!("{} {:?}", r.path, r.query))
        .collect();
    assert!(all_gets.len() <= 7, "{all_gets:#?}");

    let writes: Vec<(String, String, Vec<&str>, BTreeSet<String>)> = log
        .iter()
        .filter(|r| r.method != "GET")
        .map(|r| (r.method.clone(), r.path.clone(), query_names(r), keys(r)))
        .collect();
    let address_keys = |extra: &[&str]| {
        // A new address sends every documented field (empty ones as "").
        let mut k = set(&[
            "typeId",
            "countryId",
            "cityId",
            "streetId",
            "house",
            "zip",
            "region",
            "building",
            "entry",
            "floor",
            "apartments",
            "entryCode",
            "dopInfo",
        ]);
        k.extend(set(extra));
        k
    };
    assert_eq!(
        writes,
        [
            (
                "DELETE".to_owned(),
                "Clients/Contacts".to_owned(),
                vec!["clientId", "contactId", "objectId"],
                set(&[])
            ),
            (
                "POST".to_owned(),
                "Clients/Contacts".to_owned(),
                vec!["clientId", "objectId"],
                set(&["typeId", "value"])
            ),
            (
                "PUT".to_owned(),
                "Clients".to_owned(),
                vec!["clientId", "objectId"],
                // The documented names; birthday and note were not changed.
                set(&["lastname", "firstname", "middlename"])
            ),
            (
                "POST".to_owned(),
                "Streets".to_owned(),
                vec!["cityId", "objectId"],
                set(&["Name", "PostCode"])
            ),
            (
                "POST".to_owned(),
                "Clients/Addresses".to_owned(),
                vec!["clientId", "objectId"],
                address_keys(&["metroStationId"])
            ),
            (
                "POST".to_owned(),
                "Clients".to_owned(),
                vec!["objectId"],
                set(&[
                    "lastname",
                    "firstname",
                    "middlename",
                    "note",
                    "contacts",
                    "addresses"
                ])
            ),
        ]
    );
    // The values that matter, request by request.
    let w: Vec<&LoggedRequest> = log.iter().filter(|r| r.method != "GET").collect();
    assert_eq!(query(w[0], "clientId").as_deref(), Some(SAMPLE));
    assert_eq!(query(w[0], "contactId").as_deref(), Some("10000000008064"));
    assert_eq!(
        w[3].body,
        Some(serde_json::json!({"Name": "Звёздный тупик", "PostCode": "129000"}))
    );
    let street_id = w[4]
        .body
        .as_ref()
        .and_then(|b| b.get("streetId"))
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    assert!(!street_id.is_empty());
    assert_eq!(
        w[5].body
            .as_ref()
            .and_then(|b| b.pointer("/addresses/0/streetId"))
            .and_then(|v| v.as_str()),
        Some(street_id.as_str())
    );
    assert_eq!(
        w[5].body.as_ref().and_then(|b| b.get("birthday")),
        None,
        "no birthday typed: none sent"
    );
}

#[test]
fn the_focused_contact_or_address_row_of_a_new_client_is_marked() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    focus_row(&mut app, Row::AddContact);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("▶        Контакты + добавить контакт (Enter)"),
        "{screen}"
    );
    assert!(!screen.contains("▶        Фамилия"), "{screen}");
}
