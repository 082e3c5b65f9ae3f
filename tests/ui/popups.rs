//! Help, messages and quitting, driven through `App::update`.

use crate::support::*;
use crmcard::app::lookup::LookupFocus;
use crmcard::app::vocab::Notice;
use crmcard::app::{App, Msg, Popup};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

fn help_open(app: &App) -> bool {
    matches!(app.popups.last(), Some(Popup::Help { .. }))
}

fn opened() -> App {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    app
}

#[test]
fn f1_opens_help_from_the_lookup_field_the_list_and_the_card() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "без");
    assert!(press(&mut app, KeyCode::F(1)).is_empty());
    assert!(help_open(&app));
    assert_eq!(lookup(&app).field.value(), "без", "F1 is not typed");
    press(&mut app, KeyCode::Esc);
    assert!(!help_open(&app));

    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::F(1));
    assert!(help_open(&app));
    press(&mut app, KeyCode::Esc);

    let mut app = opened();
    press(&mut app, KeyCode::F(1));
    assert!(help_open(&app));
}

#[test]
fn question_mark_opens_help_on_the_card_and_in_the_list_but_is_typed_in_the_field() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Char('?'));
    assert!(!help_open(&app));
    assert_eq!(lookup(&app).field.value(), "?");

    let mut desk = Desk::new(Lang::Ru);
    let app = &mut desk.app;
    press(app, KeyCode::Down);
    assert_eq!(lookup(app).focus, LookupFocus::List);
    press(app, KeyCode::Char('?'));
    assert!(help_open(app));
    assert_eq!(lookup(app).field.value(), "");

    let mut app = opened();
    press(&mut app, KeyCode::Char('?'));
    assert!(help_open(&app));
    // F1 closes it.
    press(&mut app, KeyCode::F(1));
    assert!(!help_open(&app));
}

#[test]
fn esc_closes_help_and_nothing_else() {
    let mut app = opened();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::F(1));
    // Keys under help go to help, not to the card.
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Down);
    assert_eq!(card(&app).section, crmcard::app::vocab::Section::Addresses);
    assert_eq!(card(&app).row(), 0);
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
    assert!(on_card(&app), "Esc closed help, not the card");

    let mut app = crate::support::app(Lang::Ru);
    type_text(&mut app, "иван");
    press(&mut app, KeyCode::F(1));
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
    assert_eq!(lookup(&app).field.value(), "иван", "Esc closed help only");
}

#[test]
fn help_scrolls_and_does_not_go_below_zero() {
    let mut app = opened();
    press(&mut app, KeyCode::F(1));
    press(&mut app, KeyCode::Up);
    assert!(matches!(app.popups.last(), Some(Popup::Help { scroll: 0 })));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::PageDown);
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Help { scroll: 11 })
    ));
}

#[test]
fn ctrl_q_quits_from_everywhere() {
    let mut places: Vec<(&str, App)> = Vec::new();
    places.push(("lookup field", crate::support::app(Lang::Ru)));
    let mut typed = crate::support::app(Lang::Ru);
    type_text(&mut typed, "123");
    places.push(("lookup field with text", typed));
    let mut list = crate::support::app(Lang::Ru);
    press(&mut list, KeyCode::Down);
    places.push(("recent list", list));
    let mut pending = crate::support::app(Lang::Ru);
    type_text(&mut pending, "123");
    press(&mut pending, KeyCode::Enter);
    places.push(("lookup with a request under way", pending));
    places.push(("card", opened()));
    let mut help = opened();
    press(&mut help, KeyCode::F(1));
    places.push(("help over the card", help));
    let mut lookup_help = crate::support::app(Lang::Ru);
    press(&mut lookup_help, KeyCode::F(1));
    places.push(("help over the lookup", lookup_help));
    let mut message = opened();
    message.popups.push(Popup::Message(Notice::NoClientDelete));
    places.push(("message over the card", message));
    for (place, mut app) in places {
        let effects = send(&mut app, ctrl('q'));
        assert!(app.quit, "{place}: {effects:?}");
        assert!(app.popups.is_empty(), "{place}");
    }
}

#[test]
fn a_message_closes_with_esc_or_enter_and_f1_opens_help_over_it() {
    let mut app = opened();
    app.popups.push(Popup::Message(Notice::NoClientDelete));
    let Some(m) = message(&app) else {
        panic!("no message: {:?}", app.popups);
    };
    assert!(m.is_error);
    press(&mut app, KeyCode::Enter);
    assert!(app.popups.is_empty());
    assert!(on_card(&app), "Enter closed the message, nothing more");

    app.popups.push(Popup::Message(Notice::NoClientDelete));
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.popups.len(), 2);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.popups.last(), Some(Popup::Message(_))));
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
    assert!(on_card(&app));
}

#[test]
fn startup_messages_are_shown_first() {
    let mut app = App::new(crmcard::app::AppSetup {
        lang: Lang::Ru,
        keymap: crmcard::keymap::Keymap::default(),
        city_code: None,
        today: today(),
        connection: "test".to_owned(),
        startup_messages: vec![Notice::SetupProblems {
            config: Vec::new(),
            keymap: Vec::new(),
        }],
    });
    assert!(matches!(app.popups.last(), Some(Popup::Message(_))));
    // Typing does not reach the field under the message.
    type_text(&mut app, "123");
    assert_eq!(lookup(&app).field.value(), "");
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
    assert!(!app.quit);
}

#[test]
fn ctrl_c_quits_like_ctrl_q_asking_first_when_something_is_unsaved() {
    let mut app = crate::support::app(Lang::Ru);
    type_text(&mut app, "123");
    send(&mut app, ctrl('c'));
    assert!(app.quit, "Ctrl-C on the lookup");

    let mut app = opened();
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app), "the main section's form");
    type_text(&mut app, "я");
    send(&mut app, ctrl('c'));
    assert!(!app.quit, "quit without asking");
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Confirm(crmcard::app::vocab::Confirm::QuitUnsaved))
    ));
    send(&mut app, ctrl('c'));
    assert!(!app.quit, "a second Ctrl-C on the question is a no");
    assert!(app.popups.is_empty() && on_form(&app));
    send(&mut app, ctrl('c'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit, "y on the question is the yes");

    // Help says so (at its end, with the keys that work everywhere).
    let mut app = opened();
    press(&mut app, KeyCode::F(1));
    let listed = (0..app.help_lines()).any(|_| {
        press(&mut app, KeyCode::Down);
        render(&app, 120, 40).contains("Ctrl-Q/Ctrl-C  ")
    });
    assert!(listed, "{}", render(&app, 120, 40));
}

#[test]
fn an_error_message_owns_the_keys_until_it_closes() {
    let mut desk = Desk::new(Lang::Ru);
    desk.press(KeyCode::Down);
    desk.press(KeyCode::Down);
    assert_eq!(lookup(&desk.app).selected, 1);
    desk.app.popups.push(Popup::Message(Notice::NoClientDelete));
    assert!(message(&desk.app).is_some_and(|m| m.is_error));
    assert!(desk.press(KeyCode::Down).is_empty());
    assert_eq!(lookup(&desk.app).selected, 1, "↓ moved the list behind");
    assert!(desk.press(KeyCode::Enter).is_empty(), "Enter opened a card");
    assert!(desk.app.popups.is_empty(), "Enter closed the message");
    assert_eq!(lookup(&desk.app).selected, 1);
}

#[test]
fn the_lookups_error_box_owns_enter_and_the_list_keys_until_it_closes() {
    let mut desk = Desk::new(Lang::Ru);
    desk.press(KeyCode::Down);
    let (req, _) = single_load(&desk.press(KeyCode::Enter));
    desk.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error("DLW-0010", "Internal error", "rid-1", 500)),
    });
    assert!(lookup(&desk.app).error.is_some());
    assert_eq!(lookup(&desk.app).focus, LookupFocus::List);
    let screen = render(&desk.app, 80, 24);
    assert!(screen.contains("Enter закрыть"), "{screen}");
    // ↓ closes the box; the list behind does not move.
    assert!(desk.press(KeyCode::Down).is_empty());
    assert_eq!(lookup(&desk.app).selected, 0, "↓ moved the list behind");
    assert!(lookup(&desk.app).error.is_none());

    let (req, _) = single_load(&desk.press(KeyCode::Enter));
    desk.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error("DLW-0010", "Internal error", "rid-2", 500)),
    });
    // Enter closes the box and opens nothing.
    assert!(desk.press(KeyCode::Enter).is_empty(), "Enter opened a card");
    assert!(lookup(&desk.app).error.is_none());
    // Typing still goes to the field.
    desk.type_text("1");
    assert_eq!(lookup(&desk.app).field.value(), "1");
}

#[test]
fn deleting_a_client_takes_yes_only_from_the_letter() {
    let mut app = opened();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Delete);
    let q = confirm_question(&app).expect("the question");
    assert!(q.contains("Безногов"), "{q}");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("для всех операторов"), "{screen}");
    assert!(
        screen.contains("y да") && screen.contains("любая другая клавиша нет"),
        "{screen}"
    );
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "Enter deleted");
    assert!(app.popups.is_empty() && on_card(&app));
    press(&mut app, KeyCode::Delete);
    let ops = write_ops(&press(&mut app, KeyCode::Char('y')));
    assert_eq!(ops.len(), 1, "{ops:?}");
}

#[test]
fn the_footer_keeps_help_and_quit_at_every_width_and_says_what_esc_does() {
    let mut app = opened();
    for w in [60, 80, 100, 120] {
        let screen = render(&app, w, 24);
        let footer = screen.lines().nth(23).unwrap_or_default();
        assert!(footer.contains("F1 справка"), "{w}: {footer}");
        assert!(footer.contains("Ctrl-Q выход"), "{w}: {footer}");
    }
    press(&mut app, KeyCode::Esc);
    assert!(!on_card(&app));
    let screen = render(&app, 120, 40);
    let footer = screen.lines().nth(39).unwrap_or_default();
    assert!(footer.contains("Esc очистить"), "{footer}");
    assert!(!footer.contains("назад"), "{footer}");
}

#[test]
fn a_shared_delete_takes_y_even_when_the_keymap_gives_yes_to_enter_only() {
    let mut app = sample_card_app(keymap_with(&[("confirm.yes", &["Enter"])]));
    press(&mut app, KeyCode::Delete);
    assert!(confirm_question(&app).is_some());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("y да"), "{screen}");
    assert!(press(&mut app, KeyCode::Enter).is_empty(), "Enter deleted");
    press(&mut app, KeyCode::Delete);
    assert_eq!(write_ops(&press(&mut app, KeyCode::Char('н'))).len(), 1);
}
