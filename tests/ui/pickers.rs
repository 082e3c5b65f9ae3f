//! The address form: cascading pickers, the dictionary cache, adding,
//! renaming and deleting cities and streets from a picker, and the address
//! writes, against the in-process sandbox.

use crate::support::*;
use crmcard::app::Popup;
use crmcard::app::dialog::DialogKind;
use crmcard::app::form::{FormKind, FormNote};
use crmcard::app::vocab::{DictKey, FieldId, Section};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

const MOSCOW: &str = "10000000000002";
const SPB: &str = "10000000000003";
/// A seed client whose only address is read-only.
const READ_ONLY_CLIENT: &str = "10000000009212";

fn streets_of(city: &str) -> DictKey {
    DictKey::Streets {
        city_id: city.to_owned(),
    }
}

fn metro_of(city: &str) -> DictKey {
    DictKey::Metro {
        city_id: city.to_owned(),
    }
}

/// The sample card, a new address form open from section 3.
async fn new_address() -> Harness {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('3')).await;
    let effects = press(&mut h.app, KeyCode::Char('a'));
    // The client's usual country and city are filled in, and their lists
    // start loading at once.
    let loads = dict_loads(&effects);
    for key in [
        DictKey::Cities {
            country_id: "2".to_owned(),
        },
        streets_of(MOSCOW),
        metro_of(MOSCOW),
    ] {
        assert!(loads.contains(&key), "{key:?} not preloaded: {loads:?}");
    }
    h.settle(effects).await;
    h
}

fn streets_gets(h: &Harness, city: &str) -> usize {
    h.requests_to("GET", "Streets")
        .iter()
        .filter(|r| query(r, "cityId").as_deref() == Some(city))
        .count()
}

#[tokio::test]
async fn a_new_address_opens_on_its_line_with_the_usual_country_and_city() {
    let h = new_address().await;
    let f = form(&h.app);
    assert_eq!(
        f.kind,
        FormKind::Address {
            client_id: SAMPLE.to_owned(),
            address_id: None
        }
    );
    assert_eq!(f.section, Section::Addresses);
    assert_eq!(f.focused_field().map(|f| f.id), Some(FieldId::AddressLine));
    assert_eq!(chosen(&h.app, FieldId::Country).as_deref(), Some("Россия"));
    assert_eq!(chosen(&h.app, FieldId::City).as_deref(), Some("Москва"));
    assert_eq!(chosen(&h.app, FieldId::Street), None);
    let order: Vec<FieldId> = f.fields.iter().map(|f| f.id).collect();
    assert_eq!(
        order,
        [
            FieldId::AddressLine,
            FieldId::AddressType,
            FieldId::Country,
            FieldId::City,
            FieldId::Street,
            FieldId::House,
            FieldId::Building,
            FieldId::Entry,
            FieldId::Floor,
            FieldId::Apartments,
            FieldId::EntryCode,
            FieldId::Metro,
            FieldId::Zip,
            FieldId::Region,
            FieldId::DopInfo,
        ]
    );
}

#[tokio::test]
async fn the_street_picker_filters_thousands_with_the_best_match_first() {
    let mut h = new_address().await;
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    let p = picker(&h.app).expect("the street picker");
    assert!(p.loaded);
    assert!(p.items.len() > 2000, "{} streets", p.items.len());
    h.type_text("тверс").await;
    let p = picker(&h.app).expect("the street picker");
    let names = picker_names(p);
    assert_eq!(
        names.first().map(String::as_str),
        Some("Тверская"),
        "{names:?}"
    );
    assert!(names.len() < 20, "{names:?}");
    // The streets holding the text come before looser matches.
    assert!(
        names[..7]
            .iter()
            .all(|n| n.to_lowercase().contains("тверс")),
        "{names:?}"
    );
    h.press(KeyCode::Enter).await;
    assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Тверская"));
    // The picker's Enter moves on to the next field.
    assert_eq!(
        form(&h.app).focused_field().map(|f| f.id),
        Some(FieldId::House)
    );
    // An empty postcode is filled from the street.
    assert_eq!(text_of(&h.app, FieldId::Zip), "103055");
    // Another street replaces the postcode the first one filled in.
    choose(&mut h, FieldId::Street, "арбат").await;
    let arbat_zip = text_of(&h.app, FieldId::Zip);
    assert_ne!(arbat_zip, "103055", "the old street's postcode stayed");
    assert!(
        arbat_zip.starts_with('1') && arbat_zip.len() == 6,
        "{arbat_zip}"
    );
}

#[tokio::test]
async fn a_street_does_not_overwrite_a_typed_postcode() {
    let mut h = new_address().await;
    focus(&mut h.app, FieldId::Zip);
    type_text(&mut h.app, "101000");
    choose(&mut h, FieldId::Street, "тверс").await;
    assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Тверская"));
    assert_eq!(text_of(&h.app, FieldId::Zip), "101000");
    // A typed postcode stays when the street is cleared by a new city.
    choose(&mut h, FieldId::City, "санкт").await;
    assert_eq!(chosen(&h.app, FieldId::Street), None);
    assert_eq!(text_of(&h.app, FieldId::Zip), "101000");
}

#[tokio::test]
async fn changing_the_country_clears_city_street_and_metro() {
    let mut h = new_address().await;
    choose(&mut h, FieldId::Street, "тверс").await;
    choose(&mut h, FieldId::Metro, "академ").await;
    assert_eq!(
        chosen(&h.app, FieldId::Metro).as_deref(),
        Some("Академическая")
    );
    choose(&mut h, FieldId::Country, "беларусь").await;
    assert_eq!(
        chosen(&h.app, FieldId::Country).as_deref(),
        Some("Беларусь")
    );
    for id in [FieldId::City, FieldId::Street, FieldId::Metro] {
        assert_eq!(chosen(&h.app, id), None, "{id:?} kept");
    }
    // The postcode the street filled in goes with the street.
    assert_eq!(text_of(&h.app, FieldId::Zip), "");
    // Focus moved on to the city, whose list is Belarus's.
    assert_eq!(
        form(&h.app).focused_field().map(|f| f.id),
        Some(FieldId::City)
    );
    h.press(KeyCode::Enter).await;
    let p = picker(&h.app).expect("the city picker");
    assert_eq!(
        p.key,
        DictKey::Cities {
            country_id: "3".to_owned()
        }
    );
    assert!(picker_names(p).contains(&"Брест".to_owned()));
    // Choosing the same country again clears nothing.
    h.press(KeyCode::Esc).await;
    choose(&mut h, FieldId::City, "брест").await;
    choose(&mut h, FieldId::Country, "беларусь").await;
    assert_eq!(chosen(&h.app, FieldId::City).as_deref(), Some("Брест"));
}

#[tokio::test]
async fn choosing_a_city_loads_its_streets_and_metro_together() {
    let mut h = new_address().await;
    focus(&mut h.app, FieldId::City);
    h.press(KeyCode::Enter).await;
    h.type_text("санкт").await;
    let effects = press(&mut h.app, KeyCode::Enter);
    assert_eq!(
        dict_loads(&effects),
        [streets_of(SPB), metro_of(SPB)],
        "{effects:?}"
    );
    assert_eq!(
        chosen(&h.app, FieldId::City).as_deref(),
        Some("Санкт-Петербург")
    );
    h.settle(effects).await;
    // Already loaded: opening the pickers asks for nothing more.
    focus(&mut h.app, FieldId::Street);
    let effects = press(&mut h.app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(picker(&h.app).is_some_and(|p| p.loaded));
    assert_eq!(streets_gets(&h, SPB), 1);
}

#[test]
fn city_or_street_pickers_without_their_parent_say_what_to_choose_first() {
    // A new client's first address has no country yet.
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    assert_eq!(form(&app).kind, FormKind::NewClient);
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        form(&app).kind,
        FormKind::DraftAddress { index: None }
    ));
    assert_eq!(chosen(&app, FieldId::Country), None);
    focus(&mut app, FieldId::City);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(app.popups.is_empty(), "{:?}", app.popups);
    assert_eq!(
        form(&app).note,
        Some(FormNote::ChooseFirst(FieldId::Country))
    );
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Сначала выберите страну."), "{screen}");
    // Typing there does not open it either.
    press(&mut app, KeyCode::Char('м'));
    assert!(app.popups.is_empty());
    focus(&mut app, FieldId::Street);
    press(&mut app, KeyCode::Enter);
    assert!(app.popups.is_empty());
    assert_eq!(form(&app).note, Some(FormNote::ChooseFirst(FieldId::City)));
}

#[tokio::test]
async fn a_street_added_from_the_picker_is_chosen_and_cached_despite_the_server_cache() {
    let mut h = new_address().await;
    assert_eq!(streets_gets(&h, MOSCOW), 1);
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    h.type_text("Лунная").await;
    let before = picker(&h.app).map(|p| p.items.len()).unwrap_or_default();
    h.press(KeyCode::Insert).await;
    let d = dialog(&h.app).expect("the add-street dialog");
    assert_eq!(
        d.kind,
        DialogKind::AddStreet {
            city_id: MOSCOW.to_owned()
        }
    );
    assert_eq!(d.name.value(), "Лунная");
    assert_eq!(d.postcode.value(), "");
    assert_eq!(d.focus, 0);
    h.press(KeyCode::Tab).await;
    assert_eq!(dialog(&h.app).map(|d| d.focus), Some(1));
    h.type_text("123456").await;
    h.press(KeyCode::Enter).await;

    let posts = h.requests_to("POST", "Streets");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(query_names(&posts[0]), ["cityId", "objectId"]);
    assert_eq!(query(&posts[0], "cityId").as_deref(), Some(MOSCOW));
    assert_eq!(
        posts[0].body,
        Some(serde_json::json!({"Name": "Лунная", "PostCode": "123456"}))
    );
    // Chosen in the form, the picker and the dialog closed.
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Лунная"));
    assert_eq!(text_of(&h.app, FieldId::Zip), "123456");
    assert_eq!(
        form(&h.app).focused_field().map(|f| f.id),
        Some(FieldId::House)
    );

    // The sandbox's GET Streets would still serve the old list; the cache
    // has the new street without asking.
    let stale = h
        .executor
        .client()
        .streets(MOSCOW)
        .await
        .expect("GET Streets");
    assert!(
        stale.iter().all(|s| s.name != "Лунная"),
        "the server cache is off"
    );
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    let p = picker(&h.app).expect("the street picker again");
    assert_eq!(p.items.len(), before + 1);
    assert!(picker_names(p).contains(&"Лунная".to_owned()));
    // One GET by the app (the other is the check above).
    assert_eq!(streets_gets(&h, MOSCOW), 2);
    h.type_text("лунн").await;
    assert_eq!(
        picker(&h.app)
            .map(picker_names)
            .and_then(|n| n.first().cloned())
            .as_deref(),
        Some("Лунная")
    );
}

#[tokio::test]
async fn f2_renames_a_street_and_the_form_shows_the_new_name() {
    let mut h = new_address().await;
    choose(&mut h, FieldId::Street, "тверс").await;
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    // The chosen street is highlighted when the picker opens.
    let p = picker(&h.app).expect("the street picker");
    assert_eq!(
        p.selected_choice().map(|c| c.name.as_str()),
        Some("Тверская")
    );
    let id = p
        .selected_choice()
        .map(|c| c.id.clone())
        .unwrap_or_default();
    h.press(KeyCode::F(2)).await;
    let d = dialog(&h.app).expect("the edit-street dialog");
    assert_eq!(d.name.value(), "Тверская");
    assert_eq!(d.postcode.value(), "103055");
    clear_dialog_name(&mut h);
    h.type_text("Тверская улица").await;
    h.press(KeyCode::Enter).await;

    let puts = h.requests_to("PUT", "Streets");
    assert_eq!(puts.len(), 1, "{puts:?}");
    assert_eq!(query_names(&puts[0]), ["Id", "objectId"]);
    assert_eq!(query(&puts[0], "Id"), Some(id));
    assert_eq!(
        puts[0].body,
        Some(serde_json::json!({"Name": "Тверская улица", "PostCode": "103055"}))
    );
    // The dialog closed, the picker stays with the new name.
    let p = picker(&h.app).expect("the picker stays");
    assert!(picker_names(p).contains(&"Тверская улица".to_owned()));
    assert!(!picker_names(p).contains(&"Тверская".to_owned()));
    h.press(KeyCode::Esc).await;
    assert_eq!(
        chosen(&h.app, FieldId::Street).as_deref(),
        Some("Тверская улица")
    );
}

fn clear_dialog_name(h: &mut Harness) {
    let n = dialog(&h.app).map_or(0, |d| d.name.value().chars().count());
    press(&mut h.app, KeyCode::End);
    for _ in 0..n {
        press(&mut h.app, KeyCode::Backspace);
    }
    assert_eq!(dialog(&h.app).map(|d| d.name.value()), Some(""));
}

#[tokio::test]
async fn a_city_added_from_the_picker_can_be_deleted_a_used_one_is_refused() {
    let mut h = new_address().await;
    choose(&mut h, FieldId::Street, "тверс").await;
    // Add a city from what was typed.
    focus(&mut h.app, FieldId::City);
    h.press(KeyCode::Enter).await;
    h.type_text("Новоград").await;
    assert!(picker(&h.app).is_some_and(|p| p.matches.is_empty()));
    let screen = render(&h.app, 80, 24);
    assert!(
        screen.contains("Ins — добавить «Новоград» в справочник"),
        "{screen}"
    );
    h.press(KeyCode::Insert).await;
    assert_eq!(
        dialog(&h.app).map(|d| (d.kind.clone(), d.name.value().to_owned())),
        Some((
            DialogKind::AddCity {
                country_id: "2".to_owned()
            },
            "Новоград".to_owned()
        ))
    );
    h.press(KeyCode::Enter).await;
    let posts = h.requests_to("POST", "Cities");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(query(&posts[0], "countryId").as_deref(), Some("2"));
    assert_eq!(posts[0].body, Some(serde_json::json!({"Name": "Новоград"})));
    assert!(h.app.popups.is_empty());
    assert_eq!(chosen(&h.app, FieldId::City).as_deref(), Some("Новоград"));
    assert_eq!(
        chosen(&h.app, FieldId::Street),
        None,
        "a new city clears the street"
    );
    let new_id = form(&h.app)
        .field(FieldId::City)
        .map(|f| f.current().to_owned())
        .unwrap_or_default();

    // Delete it again from the picker.
    focus(&mut h.app, FieldId::City);
    h.press(KeyCode::Enter).await;
    h.type_text("новоград").await;
    h.press(KeyCode::Delete).await;
    let q = confirm_question(&h.app).expect("a confirmation").to_owned();
    assert!(q.contains("Новоград"), "{q}");
    assert!(h.requests_to("DELETE", "Cities").is_empty());
    h.press(KeyCode::Char('y')).await;
    let deletes = h.requests_to("DELETE", "Cities");
    assert_eq!(deletes.len(), 1, "{deletes:?}");
    assert_eq!(query_names(&deletes[0]), ["Id", "objectId"]);
    assert_eq!(query(&deletes[0], "Id"), Some(new_id));
    let p = picker(&h.app).expect("the picker stays");
    assert!(!p.items.iter().any(|c| c.name == "Новоград"));
    assert_eq!(
        chosen(&h.app, FieldId::City),
        None,
        "the deleted city left the form"
    );

    // A city in use: the sandbox refuses with 409, shown as an error.
    clear_picker_query(&mut h);
    h.type_text("москва").await;
    assert_eq!(
        picker(&h.app)
            .and_then(|p| p.selected_choice())
            .map(|c| c.name.as_str()),
        Some("Москва")
    );
    h.press(KeyCode::Delete).await;
    // Enter, as if Delete had deleted a character: the question says no.
    h.press(KeyCode::Enter).await;
    assert!(confirm_question(&h.app).is_none());
    assert!(picker(&h.app).is_some(), "the picker stays");
    assert_eq!(h.requests_to("DELETE", "Cities").len(), 1, "Enter deleted");
    // So do Esc, n and т; only y (н) says yes.
    for no in [KeyCode::Esc, KeyCode::Char('n'), KeyCode::Char('т')] {
        h.press(KeyCode::Delete).await;
        assert!(confirm_question(&h.app).is_some());
        h.press(no).await;
        assert!(confirm_question(&h.app).is_none() && picker(&h.app).is_some());
    }
    assert_eq!(h.requests_to("DELETE", "Cities").len(), 1);
    h.press(KeyCode::Delete).await;
    let screen = render(&h.app, 80, 24);
    assert!(screen.contains("для всех операторов"), "{screen}");
    assert!(screen.contains("любая другая клавиша нет"), "{screen}");
    h.press(KeyCode::Char('н')).await;
    assert_eq!(h.requests_to("DELETE", "Cities").len(), 2);
    let m = message(&h.app).expect("the refusal is shown");
    assert!(m.is_error);
    assert!(m.title.starts_with("Не удалось удалить"), "{}", m.title);
    let text = m.lines.join("\n");
    assert!(text.contains("DLW-"), "{text}");
    assert!(text.contains("requestId"), "{text}");
    // The CRM's own reason, and no retry that cannot help.
    assert!(text.contains("is used by"), "{text}");
    assert!(m.lines[0].contains("Повтор не поможет"), "{text}");
    assert!(!text.contains("Повторите"), "{text}");
    h.press(KeyCode::Esc).await;
    let p = picker(&h.app).expect("the picker is still there");
    assert!(p.items.iter().any(|c| c.name == "Москва"));
}

fn clear_picker_query(h: &mut Harness) {
    let n = picker(&h.app).map_or(0, |p| p.query.value().chars().count());
    for _ in 0..n {
        press(&mut h.app, KeyCode::Backspace);
    }
}

#[tokio::test]
async fn editing_an_address_sends_only_the_changed_fields() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('3')).await;
    h.press(KeyCode::Enter).await;
    assert_eq!(
        form(&h.app).kind,
        FormKind::Address {
            client_id: SAMPLE.to_owned(),
            address_id: Some("10000000003276".to_owned())
        }
    );
    // Nothing changed: nothing to send.
    h.send(ctrl('s')).await;
    assert_eq!(form(&h.app).note, Some(FormNote::NothingChanged));
    assert!(h.writes().is_empty());
    retype(&mut h.app, FieldId::Apartments, "8");
    retype(&mut h.app, FieldId::Floor, "3");
    h.send(ctrl('s')).await;
    let puts = h.requests_to("PUT", "Clients/Addresses");
    assert_eq!(puts.len(), 1, "{puts:?}");
    assert_eq!(query_names(&puts[0]), ["clientId", "contactId", "objectId"]);
    assert_eq!(query(&puts[0], "clientId").as_deref(), Some(SAMPLE));
    assert_eq!(
        query(&puts[0], "contactId").as_deref(),
        Some("10000000003276")
    );
    assert_eq!(
        puts[0].body,
        Some(serde_json::json!({"apartments": "8", "floor": "3"}))
    );
    assert!(on_card(&h.app));
    let a = &card(&h.app).card.addresses[0];
    assert_eq!((a.apartments.as_str(), a.floor.as_str()), ("8", "3"));
    assert_eq!(a.street, "10-я Текстильщиков");
}

#[tokio::test]
async fn a_read_only_address_cannot_be_changed_or_deleted() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(READ_ONLY_CLIENT).await;
    h.press(KeyCode::Char('3')).await;
    assert!(card(&h.app).card.addresses[0].read_only);
    h.press(KeyCode::Enter).await;
    let f = form(&h.app);
    assert!(f.read_only);
    let before: Vec<String> = f.fields.iter().map(|f| f.current().to_owned()).collect();
    // Typing, pasting, opening pickers: nothing changes.
    focus(&mut h.app, FieldId::House);
    h.type_text("99").await;
    h.app.update(crmcard::app::Msg::Paste("12".to_owned()));
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    let after: Vec<String> = form(&h.app)
        .fields
        .iter()
        .map(|f| f.current().to_owned())
        .collect();
    assert_eq!(after, before);
    h.send(ctrl('s')).await;
    assert_eq!(form(&h.app).note, Some(FormNote::ReadOnly));
    assert!(h.writes().is_empty());
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("только для просмотра"), "{screen}");
    // Esc closes it without asking.
    h.press(KeyCode::Esc).await;
    assert!(on_card(&h.app));
    assert!(h.app.popups.is_empty());
    // `d` says why not, and asks nothing.
    h.press(KeyCode::Char('d')).await;
    assert!(confirm_question(&h.app).is_none());
    let m = message(&h.app).expect("a message");
    assert!(
        m.lines.join(" ").contains("нельзя изменить или удалить"),
        "{m:?}"
    );
    assert!(h.writes().is_empty());
}

#[tokio::test]
async fn a_new_address_sends_the_chosen_ids() {
    let mut h = new_address().await;
    choose(&mut h, FieldId::AddressType, "раб").await;
    choose(&mut h, FieldId::Street, "тверс").await;
    type_text(&mut h.app, "5");
    choose(&mut h, FieldId::Metro, "академ").await;
    h.send(ctrl('s')).await;
    let posts = h.requests_to("POST", "Clients/Addresses");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(query_names(&posts[0]), ["clientId", "objectId"]);
    assert_eq!(
        posts[0].body,
        Some(serde_json::json!({
            "typeId": "2",
            "countryId": "2",
            "cityId": MOSCOW,
            "streetId": "10000000102439",
            "house": "5",
            "metroStationId": "3",
            "zip": "103055",
            "region": "",
            "building": "",
            "entry": "",
            "floor": "",
            "apartments": "",
            "entryCode": "",
            "dopInfo": "",
        }))
    );
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.addresses.len(), 2);
    assert!(!matches!(h.app.popups.last(), Some(Popup::Message(_))));
}
