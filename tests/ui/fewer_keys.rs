//! Forms with fewer keys: the desk's defaults, the Save step, dates typed
//! any way, a pasted full name split in one key, and the copy key on the
//! card.

use crate::support::*;
use crmcard::api::model::ClientId;
use crmcard::app::desk::FormDefaults;
use crmcard::app::form::{FormKind, Row};
use crmcard::app::vocab::{Clip, CopyNote, CopyWhat, FieldId};
use crmcard::app::{Effect, Msg};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

fn demo_defaults() -> FormDefaults {
    FormDefaults {
        country: Some("Россия".into()),
        city: Some("Москва".into()),
        contact_type: Some("телефон МОБИЛЬНЫЙ".into()),
        address_type: None,
    }
}

fn focused_id(app: &crmcard::app::App) -> Option<FieldId> {
    form(app).focused_field().map(|f| f.id)
}

#[tokio::test]
async fn a_new_clients_contact_and_address_start_from_the_configs_defaults() {
    let mut h = Harness::start(Lang::Ru).await;
    h.app.shared.desk.defaults = demo_defaults();
    h.press(KeyCode::Insert).await;
    type_text(&mut h.app, "Лунев");

    focus_row(&mut h.app, Row::AddContact);
    h.press(KeyCode::Enter).await;
    assert_eq!(
        chosen(&h.app, FieldId::ContactType).as_deref(),
        Some("Телефон мобильный"),
        "matched by name, case aside"
    );
    assert_eq!(focused_id(&h.app), Some(FieldId::ContactValue));
    h.type_text("+79161234567").await;
    h.press(KeyCode::Enter).await;
    assert_eq!(
        form(&h.app).focused_row(),
        Row::Save,
        "Enter on the last field"
    );
    h.press(KeyCode::Enter).await;
    assert_eq!(form(&h.app).kind, FormKind::NewClient);
    assert_eq!(form(&h.app).focused_row(), Row::Contact(0), "the new row");

    focus_row(&mut h.app, Row::AddAddress);
    h.press(KeyCode::Enter).await;
    assert_eq!(chosen(&h.app, FieldId::Country).as_deref(), Some("Россия"));
    assert_eq!(chosen(&h.app, FieldId::City).as_deref(), Some("Москва"));
    // Every new address starts on the one-line address; Enter on it empty
    // moves on to the type.
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressLine));
    snap!("form_address_with_defaults_ru", &h.app);
    h.press(KeyCode::Enter).await;
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressType));
    // Choosing the type moves past the country and city already there (an
    // Enter on the empty filter chooses nothing: the type is typed).
    h.press(KeyCode::Enter).await;
    h.press(KeyCode::Enter).await;
    assert!(picker(&h.app).is_some_and(|p| p.empty_enter));
    h.type_text("дом").await;
    h.press(KeyCode::Enter).await;
    assert_eq!(
        chosen(&h.app, FieldId::AddressType).as_deref(),
        Some("Домашний")
    );
    assert_eq!(focused_id(&h.app), Some(FieldId::Street));
}

#[tokio::test]
async fn without_defaults_a_new_address_starts_from_what_the_desk_chose_last() {
    let mut h = Harness::start(Lang::Ru).await;
    h.press(KeyCode::Insert).await;
    focus_row(&mut h.app, Row::AddAddress);
    h.press(KeyCode::Enter).await;
    assert_eq!(
        chosen(&h.app, FieldId::Country),
        None,
        "nothing to go by yet"
    );
    choose(&mut h, FieldId::AddressType, "раб").await;
    choose(&mut h, FieldId::Country, "россия").await;
    choose(&mut h, FieldId::City, "санкт").await;
    choose(&mut h, FieldId::Street, "невский").await;
    retype(&mut h.app, FieldId::House, "28");
    h.send(ctrl('s')).await;
    assert_eq!(form(&h.app).focused_row(), Row::Address(0), "the new row");
    assert!(
        render(&h.app, 120, 40).contains("Санкт-Петербург, Невский проспект, д. 28"),
        "the read-back line"
    );
    // Another new client on the same desk.
    press(&mut h.app, KeyCode::Esc);
    press(&mut h.app, KeyCode::Enter);
    h.press(KeyCode::Insert).await;
    focus_row(&mut h.app, Row::AddAddress);
    h.press(KeyCode::Enter).await;
    assert_eq!(
        chosen(&h.app, FieldId::AddressType).as_deref(),
        Some("Рабочий")
    );
    assert_eq!(chosen(&h.app, FieldId::Country).as_deref(), Some("Россия"));
    assert_eq!(
        chosen(&h.app, FieldId::City).as_deref(),
        Some("Санкт-Петербург")
    );
    // The same first row as for every new address, whatever is prefilled.
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressLine));
}

#[tokio::test]
async fn a_new_address_of_a_client_keeps_its_first_addresss_country_and_city() {
    let mut h = Harness::start(Lang::Ru).await;
    h.app.shared.desk.defaults = FormDefaults {
        city: Some("Санкт-Петербург".into()),
        ..demo_defaults()
    };
    h.open(SAMPLE).await;
    press(&mut h.app, KeyCode::Char('3'));
    h.press(KeyCode::Insert).await;
    assert_eq!(chosen(&h.app, FieldId::City).as_deref(), Some("Москва"));
    assert_eq!(chosen(&h.app, FieldId::AddressType), None);
}

#[test]
fn enter_on_the_last_field_is_the_save_step_and_enter_there_saves() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    focus(&mut app, FieldId::Note);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    assert_eq!(form(&app).focused_row(), Row::Save);
    assert!(app.popups.is_empty(), "no picker reopened");
    assert!(render(&app, 80, 24).contains("▶                 [ Сохранить ] Enter или Ctrl-S/F2"));
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(write_ops(&effects).len(), 1, "{effects:?}");
}

#[tokio::test]
async fn a_birthday_typed_any_way_is_shown_as_understood_and_saved() {
    let mut h = Harness::start(Lang::Ru).await;
    h.press(KeyCode::Insert).await;
    type_text(&mut h.app, "Лунев");
    retype(&mut h.app, FieldId::Birthday, "17 05 90");
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("→ 17.05.1990"), "{screen}");
    h.send(ctrl('s')).await;
    let posts = h.requests_to("POST", "Clients");
    assert_eq!(posts.len(), 1);
    let body = posts[0].body.as_ref().expect("a body");
    assert_eq!(body["birthday"], "1990-05-17");
}

#[test]
fn a_pasted_full_name_is_split_into_three_fields_with_one_key() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    app.update(Msg::Paste("Петрова Анна\nСергеевна".into()));
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("→ Петрова | Анна | Сергеевна: Enter или F3"),
        "{screen}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(text_of(&app, FieldId::Lastname), "Петрова");
    assert_eq!(text_of(&app, FieldId::Firstname), "Анна");
    assert_eq!(text_of(&app, FieldId::Middlename), "Сергеевна");
    assert_eq!(focused_id(&app), Some(FieldId::Birthday));

    // Two words: last and first name; F3 does it too.
    let mut app = crate::support::app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    app.update(Msg::Paste("Петрова\r\nАнна".into()));
    press(&mut app, KeyCode::F(3));
    assert_eq!(text_of(&app, FieldId::Lastname), "Петрова");
    assert_eq!(text_of(&app, FieldId::Firstname), "Анна");
    assert_eq!(focused_id(&app), Some(FieldId::Middlename));
}

#[test]
fn a_paste_not_split_is_one_line_with_the_words_joined() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    app.update(Msg::Paste("Петрова Анна".into()));
    // Any other key declines the offer: the text stays as pasted.
    press(&mut app, KeyCode::Tab);
    assert_eq!(text_of(&app, FieldId::Lastname), "Петрова Анна");
    assert_eq!(text_of(&app, FieldId::Firstname), "");
    assert!(form(&app).name_split.is_none());
    // Four words or a field already typed in: no offer, one line.
    focus(&mut app, FieldId::Note);
    app.update(Msg::Paste("звонить\nпосле 18:00\nв домофон".into()));
    assert_eq!(
        text_of(&app, FieldId::Note),
        "звонить после 18:00 в домофон"
    );
    assert!(form(&app).name_split.is_none());
    let mut app = crate::support::app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    app.update(Msg::Paste("Анна Мария фон Штайн".into()));
    assert!(form(&app).name_split.is_none());
}

#[test]
fn the_copy_notice_says_where_the_text_went_and_stays_whole_on_a_narrow_screen() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = app(lang);
        open_card(&mut app, sample_card());
        press(&mut app, KeyCode::Char('c'));
        let whole = match lang {
            Lang::Ru => "✓ скопировано в буфер терминала: имя и код клиента",
            Lang::En => "✓ copied to the terminal's clipboard: the client's name and id",
        };
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = render(&app, w, h);
            assert!(screen.contains(whole), "{w}x{h}\n{screen}");
        }
        snap!(&format!("copy_notice_{}", lang.code()), &app);
    }
}

#[test]
fn the_copy_key_copies_the_selected_row_and_says_so() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    let effects = press(&mut app, KeyCode::Char('c'));
    match effects.as_slice() {
        [Effect::Copy(Clip::Client { id, .. })] => assert_eq!(*id, ClientId::new(SAMPLE)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        card(&app).copy_note,
        Some(CopyNote::Copied(CopyWhat::Client))
    );
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(
        card(&app).copy_note,
        None,
        "the note goes with the next key"
    );
    // The Russian layout's key in the same place.
    let effects = press(&mut app, KeyCode::Char('с'));
    assert!(
        matches!(effects.as_slice(), [Effect::Copy(Clip::Address(a))] if a.house == "10"),
        "{effects:?}"
    );
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("✓ скопировано в буфер терминала: адрес"),
        "{screen}"
    );
    press(&mut app, KeyCode::Char('2'));
    let effects = press(&mut app, KeyCode::Char('c'));
    assert!(
        matches!(effects.as_slice(), [Effect::Copy(Clip::Contact { value })] if value == "333"),
        "{effects:?}"
    );
    // Accounts have nothing to copy; with copying off nothing is sent.
    press(&mut app, KeyCode::Char('4'));
    assert!(press(&mut app, KeyCode::Char('c')).is_empty());
    assert_eq!(card(&app).copy_note, Some(CopyNote::Nothing));
    app.shared.desk.copy_off = true;
    press(&mut app, KeyCode::Char('1'));
    assert!(press(&mut app, KeyCode::Char('c')).is_empty());
    assert_eq!(card(&app).copy_note, Some(CopyNote::Off));
    assert!(render(&app, 120, 40).contains("копирование выключено"));
}

#[tokio::test]
async fn the_overview_at_80x24_keeps_every_sections_heading() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(RICH).await;
    let screen = render(&h.app, 80, 24);
    for heading in ["2 Контакты (", "3 Адреса (", "4 Счета (", "5 Карты ("]
    {
        assert!(
            screen.lines().any(|l| l.starts_with(heading)),
            "{heading}: {screen}"
        );
    }
    snap!("card_rich_1_main_ru", &h.app);
}

#[test]
fn a_long_card_shortens_its_sections_in_the_overview() {
    let mut card = sample_card();
    let first = card.contacts[0].clone();
    card.contacts = (0..12)
        .map(|i| crmcard::api::model::Contact {
            id: format!("c{i}"),
            value: format!("+7999000{i:04}"),
            ..first.clone()
        })
        .collect();
    let mut app = app(Lang::Ru);
    open_card(&mut app, card);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("… ещё"), "{screen}");
    for heading in [
        "2 Контакты (12)",
        "3 Адреса (2)",
        "4 Счета (1)",
        "5 Карты (1)",
    ] {
        assert!(screen.contains(heading), "{heading}: {screen}");
    }
    assert!(
        screen.contains("112232213 основная"),
        "the card's row: {screen}"
    );
}
