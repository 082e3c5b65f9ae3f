//! `?` is help outside text fields and a character inside them; Ctrl-Q asks
//! before dropping a form, even from a popup.

use crmcard::app::Popup;
use crmcard::app::vocab::FieldId;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::{app, ctrl, press, send, text_of};

#[test]
fn a_question_mark_is_typed_in_a_text_field_and_is_help_elsewhere() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(text_of(&app, FieldId::Lastname), "?");
    assert!(app.popups.is_empty());
    // Down to "+ add contact" (not a text field): `?` is help there.
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.popups.last(), Some(Popup::Help { .. })));
}

#[test]
fn ctrl_q_over_help_asks_before_dropping_a_form() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    press(&mut app, KeyCode::Char('Ё'));
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.popups.last(), Some(Popup::Help { .. })));
    let effects = send(&mut app, ctrl('q'));
    assert!(!app.quit, "{effects:?}");
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    // Ctrl-Q again on the question is a no (only `y` says yes).
    let effects = send(&mut app, ctrl('q'));
    assert!(!app.quit, "{effects:?}");
    assert!(
        matches!(app.popups.last(), Some(Popup::Help { .. })),
        "back to the help"
    );
}
