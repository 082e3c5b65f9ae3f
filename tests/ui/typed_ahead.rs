//! Keys typed while a list or a card is on its way land where they were
//! meant: after an Enter in a picker still loading, on the form once the
//! choice is made; while a card loads, on the card. Keys for a screen that
//! never comes are dropped with a notice. Against the sandbox, the answers
//! held back until the keys are typed.

use crate::support::*;
use crmcard::app::form::FormKind;
use crmcard::app::vocab::FieldId;
use crmcard::app::{Effect, Popup, Screen};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// A new address form; the city changed to St Petersburg with its streets
/// not loaded yet, the street picker open on them: the effects held.
async fn street_picker_loading(h: &mut Harness) -> Vec<Effect> {
    focus(&mut h.app, FieldId::City);
    h.press(KeyCode::Enter).await;
    h.type_text("санкт").await;
    let mut effects = press(&mut h.app, KeyCode::Enter);
    focus(&mut h.app, FieldId::Street);
    effects.extend(press(&mut h.app, KeyCode::Enter));
    assert!(
        picker(&h.app).is_some_and(|p| !p.loaded),
        "the list is there"
    );
    effects
}

fn dropped_notice(h: &Harness) -> bool {
    message(&h.app).is_some_and(|m| format!("{m:?}").contains("Нажатия отброшены"))
}

#[tokio::test]
async fn keys_after_an_enter_in_a_loading_picker_go_to_the_next_field() {
    let mut h = Harness::new_address(Lang::Ru).await;
    let mut effects = street_picker_loading(&mut h).await;
    effects.extend(type_text(&mut h.app, "невск"));
    effects.extend(press(&mut h.app, KeyCode::Enter));
    effects.extend(type_text(&mut h.app, "28"));
    h.settle(effects).await;
    assert!(picker(&h.app).is_none());
    assert_eq!(
        chosen(&h.app, FieldId::Street).as_deref(),
        Some("Невский проспект")
    );
    assert_eq!(text_of(&h.app, FieldId::House), "28");
}

#[tokio::test]
async fn keys_for_a_choice_that_never_comes_are_dropped_with_a_notice() {
    let mut h = Harness::new_address(Lang::Ru).await;
    let mut effects = street_picker_loading(&mut h).await;
    effects.extend(type_text(&mut h.app, "барная"));
    effects.extend(press(&mut h.app, KeyCode::Enter));
    effects.extend(type_text(&mut h.app, "7"));
    h.settle(effects).await;
    let open = h.app.popups.iter().find_map(|p| match p {
        Popup::Picker(p) => Some(p),
        _ => None,
    });
    assert!(open.is_some_and(|p| p.no_such_name && p.query.value() == "барная"));
    assert_eq!(text_of(&h.app, FieldId::House), "");
    assert!(dropped_notice(&h));
}

#[tokio::test]
async fn esc_acts_at_once_and_drops_what_was_typed_ahead() {
    let mut h = Harness::new_address(Lang::Ru).await;
    let mut effects = street_picker_loading(&mut h).await;
    effects.extend(type_text(&mut h.app, "невск"));
    effects.extend(press(&mut h.app, KeyCode::Enter));
    effects.extend(type_text(&mut h.app, "7"));
    effects.extend(press(&mut h.app, KeyCode::Esc));
    assert!(picker(&h.app).is_none(), "Esc waited");
    h.settle(effects).await;
    assert_eq!(chosen(&h.app, FieldId::Street), None);
    assert_eq!(text_of(&h.app, FieldId::House), "");
    assert!(dropped_notice(&h));
}

#[tokio::test]
async fn keys_typed_while_a_card_loads_act_on_the_card() {
    let mut h = Harness::start(Lang::Ru).await;
    h.type_text(SAMPLE).await;
    let mut effects = press(&mut h.app, KeyCode::Enter);
    effects.extend(type_text(&mut h.app, "3a"));
    assert_eq!(
        lookup(&h.app).field.value(),
        SAMPLE,
        "typed into the lookup"
    );
    h.settle(effects).await;
    let Some(Screen::Form(form)) = h.app.screens.last() else {
        panic!("no form over the card");
    };
    assert!(matches!(
        form.kind,
        FormKind::Address {
            address_id: None,
            ..
        }
    ));
    assert!(!h.app.popups.iter().any(|p| matches!(p, Popup::Message(_))));
}

#[tokio::test]
async fn keys_for_a_card_that_does_not_load_are_dropped_with_a_notice() {
    let mut h = Harness::start(Lang::Ru).await;
    h.type_text("10000000000001").await;
    let mut effects = press(&mut h.app, KeyCode::Enter);
    effects.extend(type_text(&mut h.app, "3a"));
    h.settle(effects).await;
    assert!(matches!(h.app.screens.last(), Some(Screen::Lookup(_))));
    assert_eq!(lookup(&h.app).field.value(), "10000000000001");
    assert!(dropped_notice(&h));
}
