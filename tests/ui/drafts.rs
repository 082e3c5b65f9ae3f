//! Unsaved input survives crmcard being stopped from outside.

use crmcard::app::App;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::press;

/// An app with an empty client directory.
fn app() -> App {
    crate::support::app(Lang::Ru)
}

#[test]
fn nothing_typed_is_no_draft() {
    let mut app = app();
    assert_eq!(crmcard::drafts::render(&app), None);
    press(&mut app, KeyCode::Insert);
    assert_eq!(crmcard::drafts::render(&app), None, "an untouched form");
}

#[test]
fn a_half_typed_new_client_is_kept_and_found_again() {
    let mut app = app();
    press(&mut app, KeyCode::Insert);
    for c in "Ёлкина".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    for c in "Анна".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let text = crmcard::drafts::render(&app).expect("a draft");
    assert!(text.contains("Новый клиент"), "{text}");
    assert!(text.contains("Фамилия: Ёлкина"), "{text}");
    assert!(text.contains("Имя: Анна"), "{text}");

    let dir = tempfile::tempdir().expect("temp dir");
    let drafts = dir.path().join("drafts");
    assert!(crmcard::drafts::pending(&drafts).is_empty());
    let path = crmcard::drafts::save(&drafts, &text).expect("saved");
    assert_eq!(crmcard::drafts::pending(&drafts), vec![path.clone()]);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by others: {mode:o}");
    }
}
