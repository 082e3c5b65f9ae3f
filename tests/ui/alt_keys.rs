//! Esc and a letter arriving in one read come from crossterm as Alt-letter,
//! as terminals send Alt. Bound in `[keymap]`, it is that action; bound to
//! nothing, it is what the operator typed: Esc, then the letter (issue 21
//! item 12), never both dropped.

use crmcard::app::Popup;
use crmcard::app::vocab::{Confirm, FieldId};
use crmcard::i18n::Lang;
use crmcard::keymap::Keymap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::*;

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

#[test]
fn esc_and_y_together_on_a_changed_form_ask_and_answer_yes() {
    let mut app = sample_card_app(Keymap::default());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "ab");
    send(&mut app, alt('y'));
    assert!(on_card(&app), "Esc asked, y said yes: {:?}", app.popups);
}

#[test]
fn esc_and_a_letter_together_in_the_lookup_clear_the_field_and_type_the_letter() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "123");
    send(&mut app, alt('4'));
    assert_eq!(lookup(&app).field.value(), "4");
}

#[test]
fn esc_and_a_letter_together_on_a_question_close_it_and_type_the_letter() {
    let mut app = sample_card_app(Keymap::default());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "ab");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Confirm(Confirm::DiscardForm))
    ));
    send(&mut app, alt('z'));
    assert!(app.popups.is_empty());
    assert_eq!(text_of(&app, FieldId::Lastname), "Безноговabz");
}

#[test]
fn an_alt_letter_bound_in_the_keymap_is_its_action() {
    let mut app = sample_card_app(keymap_with(&[("card.reload", &["Alt-r"])]));
    let effects = send(&mut app, alt('r'));
    assert_eq!(loads(&effects).len(), 1, "reloaded: {effects:?}");
    assert!(on_card(&app), "not Esc: still on the card");
}
