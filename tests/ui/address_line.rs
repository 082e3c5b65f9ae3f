//! The address form's first row, «Адрес одной строкой»: typed as heard,
//! split on Enter into the fields it names (the street through the picker's
//! search), the fields filled marked for checking, what is not understood
//! left in the line with a mark; an edit sets only what the line names.
//! Against the sandbox.

use crate::support::*;
use crmcard::app::form::Row;
use crmcard::app::vocab::FieldId;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

fn focused_id(app: &crmcard::app::App) -> Option<FieldId> {
    form(app).focused_field().map(|f| f.id)
}

#[tokio::test]
async fn a_new_address_starts_on_the_line_and_the_line_fills_the_fields() {
    let mut h = Harness::new_address(Lang::Ru).await;
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressLine));
    h.type_text("тверская 7 к2 кв 12 под 2 эт 5 домофон 12к")
        .await;
    h.press(KeyCode::Enter).await;
    assert!(picker(&h.app).is_none(), "the street was not chosen");
    assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Тверская"));
    for (id, value) in [
        (FieldId::House, "7"),
        (FieldId::Building, "2"),
        (FieldId::Apartments, "12"),
        (FieldId::Entry, "2"),
        (FieldId::Floor, "5"),
        (FieldId::EntryCode, "12к"),
        (FieldId::AddressLine, ""),
    ] {
        assert_eq!(text_of(&h.app, id), value, "{id:?}");
    }
    assert!(!form(&h.app).line_unplaced);
    // The type is still required: the focus waits there.
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressType));
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("✓ из строки"), "{screen}");
    snap!("address_line_filled_ru", &h.app);
}

#[tokio::test]
async fn a_leading_city_and_10_5_are_understood() {
    let mut h = Harness::new_address(Lang::Ru).await;
    h.type_text("спб невский 10-5").await;
    h.press(KeyCode::Enter).await;
    assert_eq!(
        chosen(&h.app, FieldId::City).as_deref(),
        Some("Санкт-Петербург")
    );
    assert_eq!(
        chosen(&h.app, FieldId::Street).as_deref(),
        Some("Невский проспект")
    );
    assert_eq!(text_of(&h.app, FieldId::House), "10");
    assert_eq!(text_of(&h.app, FieldId::Apartments), "5");
}

#[tokio::test]
async fn what_the_line_cannot_place_stays_in_it_marked() {
    let mut h = Harness::new_address(Lang::En).await;
    h.type_text("Барнаульская ул., д. 10, кв. 5 у аптеки").await;
    h.press(KeyCode::Enter).await;
    // Moscow has no such street: the picker says so, on the query.
    let p = picker(&h.app).expect("the street picker stays open");
    assert_eq!(p.query.value(), "Барнаульская ул.");
    assert!(p.no_such_name || p.matches.is_empty());
    h.press(KeyCode::Esc).await;
    assert_eq!(text_of(&h.app, FieldId::House), "10");
    assert_eq!(text_of(&h.app, FieldId::Apartments), "5");
    assert_eq!(text_of(&h.app, FieldId::AddressLine), "у аптеки");
    assert!(form(&h.app).line_unplaced);
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("? not understood"), "{screen}");
}

#[tokio::test]
async fn in_an_edit_the_line_sets_only_the_fields_it_names() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('3')).await;
    h.press(KeyCode::Enter).await;
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressLine));
    assert_eq!(text_of(&h.app, FieldId::AddressLine), "");
    let street = chosen(&h.app, FieldId::Street);
    let metro = chosen(&h.app, FieldId::Metro);
    let house = text_of(&h.app, FieldId::House);
    assert!(metro.is_some() && !house.is_empty());
    h.type_text("кв 15 эт 3").await;
    h.press(KeyCode::Enter).await;
    assert_eq!(text_of(&h.app, FieldId::Apartments), "15");
    assert_eq!(text_of(&h.app, FieldId::Floor), "3");
    assert_eq!(text_of(&h.app, FieldId::House), house);
    assert_eq!(chosen(&h.app, FieldId::Street), street);
    assert_eq!(chosen(&h.app, FieldId::Metro), metro);
    assert_eq!(form(&h.app).focused_row(), Row::Save);
}

#[tokio::test]
async fn every_new_address_starts_on_the_same_row() {
    // A client without addresses: a new client's first address.
    let mut h = Harness::start(Lang::Ru).await;
    h.press(KeyCode::Insert).await;
    focus_row(&mut h.app, Row::AddAddress);
    h.press(KeyCode::Enter).await;
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressLine));
    // A client with addresses.
    let h = Harness::new_address(Lang::Ru).await;
    assert_eq!(focused_id(&h.app), Some(FieldId::AddressLine));
}
