//! Pickers that cannot betray: names holding the query first, scattered
//! letters apart and never chosen by a habitual Enter, the wrong keyboard
//! layout, the contact types' English glosses; against the sandbox.

use crate::support::*;
use crmcard::app::vocab::FieldId;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Opens the picker of `id` and types `query`.
async fn open_and_type(h: &mut Harness, id: FieldId, query: &str) {
    focus(&mut h.app, id);
    h.press(KeyCode::Enter).await;
    assert!(
        picker(&h.app).is_some_and(|p| p.loaded),
        "no list for {id:?}"
    );
    h.type_text(query).await;
}

#[tokio::test]
async fn names_holding_the_query_come_first_scattered_ones_after_them() {
    let mut h = Harness::new_address(Lang::Ru).await;
    open_and_type(&mut h, FieldId::Street, "твер").await;
    let p = picker(&h.app).expect("the street picker");
    let names = picker_names(p);
    assert!(p.close > 0 && p.close < names.len(), "{names:?}");
    assert!(
        names[..p.close]
            .iter()
            .all(|n| n.to_lowercase().contains("твер")),
        "{names:?}"
    );
    for scattered in ["Проспект Вернадского", "Одиннадцати Героев Саперов"]
    {
        let at = names.iter().position(|n| n == scattered);
        assert!(at.is_some_and(|i| i >= p.close), "{scattered}: {names:?}");
    }
    assert_eq!(names[0], "Тверская");
    // The scattered ones are drawn below a separator row.
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("похожие по буквам"), "{screen}");
    h.press(KeyCode::Enter).await;
    assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Тверская"));
}

#[tokio::test]
async fn word_prefixes_find_the_numbered_street() {
    let mut h = Harness::new_address(Lang::Ru).await;
    open_and_type(&mut h, FieldId::Street, "1 твер").await;
    let names = picker_names(picker(&h.app).expect("the street picker"));
    assert_eq!(
        names.first().map(String::as_str),
        Some("1-я Тверская-Ямская")
    );
}

#[tokio::test]
async fn enter_on_only_scattered_matches_chooses_nothing_until_a_pick_with_down() {
    let mut h = Harness::new_address(Lang::Ru).await;
    choose(&mut h, FieldId::City, "санкт").await;
    open_and_type(&mut h, FieldId::Street, "Барная").await;
    let p = picker(&h.app).expect("the street picker");
    let names = picker_names(p);
    assert!(
        names.contains(&"Выборгская набережная".to_owned()),
        "{names:?}"
    );
    assert_eq!(p.close, 0, "{names:?}");
    assert!(p.held && p.selected_choice().is_none());

    h.press(KeyCode::Enter).await;
    let p = picker(&h.app).expect("Enter did not close the picker");
    assert!(p.no_such_name);
    snap!("picker_only_scattered_after_enter_ru", &h.app);
    assert_eq!(chosen(&h.app, FieldId::Street), None);
    let screen = render(&h.app, 80, 24);
    assert!(screen.contains("Нет такого названия"), "{screen}");
    assert!(screen.contains("Ins — добавить"), "{screen}");
    assert!(!screen.contains('▶'), "a row looks selected: {screen}");

    // ↓ picks the first of them; now Enter chooses it, explicitly.
    h.press(KeyCode::Down).await;
    let first = picker(&h.app)
        .and_then(|p| p.selected_choice())
        .map(|c| c.name.clone());
    assert_eq!(first.as_deref(), names.first().map(String::as_str));
    h.press(KeyCode::Enter).await;
    assert!(picker(&h.app).is_none());
    assert_eq!(chosen(&h.app, FieldId::Street), first);
}

#[tokio::test]
async fn an_enter_typed_ahead_of_the_list_does_not_choose_a_scattered_name() {
    let mut h = Harness::new_address(Lang::Ru).await;
    focus(&mut h.app, FieldId::City);
    h.press(KeyCode::Enter).await;
    h.type_text("санкт").await;
    // Every key before the answer with the city's streets is run.
    let mut effects = press(&mut h.app, KeyCode::Enter);
    focus(&mut h.app, FieldId::Street);
    effects.extend(press(&mut h.app, KeyCode::Enter));
    assert!(
        picker(&h.app).is_some_and(|p| !p.loaded),
        "the list is there"
    );
    effects.extend(type_text(&mut h.app, "барная"));
    effects.extend(press(&mut h.app, KeyCode::Enter));
    h.settle(effects).await;
    let p = picker(&h.app).expect("the picker stays open");
    assert!(p.no_such_name);
    assert_eq!(chosen(&h.app, FieldId::Street), None);
}

#[tokio::test]
async fn the_city_typed_in_the_latin_layout_is_found_and_not_offered_for_adding() {
    let mut h = Harness::new_address(Lang::Ru).await;
    open_and_type(&mut h, FieldId::City, "vjcrdf").await;
    let p = picker(&h.app).expect("the city picker");
    assert_eq!(p.other_layout.as_deref(), Some("москва"));
    assert_eq!(picker_names(p).first().map(String::as_str), Some("Москва"));
    assert!(!p.offers_add());
    let screen = render(&h.app, 80, 24);
    assert!(screen.contains("по раскладке: москва"), "{screen}");
    assert!(
        !screen.contains("Vjcrdf") && !screen.contains("добавить «"),
        "{screen}"
    );
    h.press(KeyCode::Enter).await;
    assert_eq!(chosen(&h.app, FieldId::City).as_deref(), Some("Москва"));
}

#[tokio::test]
async fn the_street_typed_in_the_latin_layout_lists_tverskaya_first() {
    let mut h = Harness::new_address(Lang::Ru).await;
    open_and_type(&mut h, FieldId::Street, "ndth").await;
    let p = picker(&h.app).expect("the street picker");
    assert_eq!(
        picker_names(p).first().map(String::as_str),
        Some("Тверская")
    );
    assert_eq!(p.other_layout.as_deref(), Some("твер"));
}

#[tokio::test]
async fn a_query_that_matches_as_typed_has_no_layout_note_and_offers_adding() {
    let mut h = Harness::new_address(Lang::Ru).await;
    open_and_type(&mut h, FieldId::Street, "тверс").await;
    let p = picker(&h.app).expect("the street picker");
    assert_eq!(p.other_layout, None);
    assert!(p.offers_add());
}

#[tokio::test]
async fn english_finds_the_crms_russian_contact_types_by_their_gloss() {
    let mut h = Harness::start(Lang::En).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('2')).await;
    h.press(KeyCode::Char('a')).await;
    open_and_type(&mut h, FieldId::ContactType, "mob").await;
    let names = picker_names(picker(&h.app).expect("the contact type picker"));
    assert_eq!(names.first().map(String::as_str), Some("Телефон мобильный"));
    h.press(KeyCode::Enter).await;
    assert_eq!(
        chosen(&h.app, FieldId::ContactType).as_deref(),
        Some("Телефон мобильный")
    );

    // The Russian UI searches the names only.
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('2')).await;
    h.press(KeyCode::Char('a')).await;
    open_and_type(&mut h, FieldId::ContactType, "mobile").await;
    let p = picker(&h.app).expect("the contact type picker");
    assert!(p.matches.is_empty(), "{:?}", picker_names(p));
}
