//! `?` is help outside text fields and a character inside them; Ctrl-Q asks
//! before dropping a form, even from a popup.

use crmcard::app::form::FieldId;
use crmcard::app::{App, AppSetup, Effect, Msg, Popup, Screen};
use crmcard::dates::Date;
use crmcard::i18n::Lang;
use crmcard::keymap::Keymap;
use crmcard::recent::RecentList;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    App::new(AppSetup {
        lang: Lang::Ru,
        keymap: Keymap::default(),
        recent: RecentList::new(),
        today: Date::new(2026, 11, 28).expect("date"),
        connection: "test".to_owned(),
        startup_messages: Vec::new(),
    })
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

fn last_name(app: &App) -> String {
    match app.screen() {
        Screen::Form(f) => f
            .field(FieldId::Lastname)
            .map(|f| f.current().to_owned())
            .unwrap_or_default(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_question_mark_is_typed_in_a_text_field_and_is_help_elsewhere() {
    let mut app = app();
    press(&mut app, KeyCode::Insert);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(last_name(&app), "?");
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
    let mut app = app();
    press(&mut app, KeyCode::Insert);
    press(&mut app, KeyCode::Char('Ё'));
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.popups.last(), Some(Popup::Help { .. })));
    let effects = ctrl(&mut app, 'q');
    assert!(!app.quit, "{effects:?}");
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    // Ctrl-Q again on the question is a yes.
    let effects = ctrl(&mut app, 'q');
    assert!(app.quit, "{effects:?}");
}
