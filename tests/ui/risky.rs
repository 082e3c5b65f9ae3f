//! Questions whose yes loses typed data or changes shared data (leave a
//! changed form, quit with one, delete a contact, an address, a client)
//! take yes only from `y` (`н`); Enter, Esc, Ctrl-C and any other key are
//! no (issue 21 item 16).

use crmcard::app::vocab::Confirm;
use crmcard::app::{App, Popup};
use crmcard::i18n::Lang;
use crmcard::keymap::Keymap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::*;

/// Keys that bring a question up from the sample client's card.
type Ask = fn(&mut App);

/// The ways to each risky question from the sample client's card.
fn questions() -> Vec<(&'static str, Ask)> {
    vec![
        ("discard a changed form", |app| {
            press(app, KeyCode::Enter);
            type_text(app, "я");
            press(app, KeyCode::Esc);
        }),
        ("quit with a changed form (Ctrl-Q)", |app| {
            press(app, KeyCode::Enter);
            type_text(app, "я");
            send(app, ctrl('q'));
        }),
        ("quit with a changed form (Ctrl-C)", |app| {
            press(app, KeyCode::Enter);
            type_text(app, "я");
            send(app, ctrl('c'));
        }),
        ("delete a contact", |app| {
            press(app, KeyCode::Char('2'));
            press(app, KeyCode::Char('d'));
        }),
        ("delete an address", |app| {
            press(app, KeyCode::Char('3'));
            press(app, KeyCode::Delete);
        }),
        ("delete the client", |app| {
            press(app, KeyCode::Char('1'));
            press(app, KeyCode::Delete);
        }),
    ]
}

fn asking(app: &App) -> Option<&Confirm> {
    match app.popups.last() {
        Some(Popup::Confirm(c)) => Some(c),
        _ => None,
    }
}

/// Whether the yes ran: a quit, a form gone, or a write sent.
fn said_yes(app: &App, effects: &[crmcard::app::Effect], had_form: bool) -> bool {
    app.quit || (had_form && !on_form(app)) || !write_ops(effects).is_empty()
}

#[test]
fn enter_esc_ctrl_c_and_other_keys_are_no_and_only_the_yes_letter_says_yes() {
    let alt_y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT);
    let nos: Vec<(&str, KeyEvent)> = vec![
        ("Enter", key(KeyCode::Enter)),
        ("Esc", key(KeyCode::Esc)),
        ("Ctrl-C", ctrl('c')),
        ("Ctrl-Q", ctrl('q')),
        ("n", key(KeyCode::Char('n'))),
        ("x", key(KeyCode::Char('x'))),
        ("Y", key(KeyCode::Char('Y'))),
        ("Alt-y", alt_y),
        ("F2", key(KeyCode::F(2))),
        ("Ctrl-S", ctrl('s')),
    ];
    for (what, ask) in questions() {
        for (name, no) in &nos {
            let mut app = sample_card_app(Keymap::default());
            ask(&mut app);
            let confirm = asking(&app).cloned().expect(what);
            assert!(confirm.is_risky(), "{what}");
            let had_form = on_form(&app);
            let effects = send(&mut app, *no);
            assert!(
                !said_yes(&app, &effects, had_form),
                "{what}: {name} said yes"
            );
            assert!(asking(&app).is_none(), "{what}: {name} closed the question");
        }
        for yes in ['y', 'н'] {
            let mut app = sample_card_app(Keymap::default());
            ask(&mut app);
            let had_form = on_form(&app);
            let effects = press(&mut app, KeyCode::Char(yes));
            assert!(said_yes(&app, &effects, had_form), "{what}: {yes} is yes");
        }
    }
}

#[test]
fn a_letter_the_keymap_gives_yes_says_yes_and_enter_never_does() {
    let mut app = sample_card_app(keymap_with(&[("confirm.yes", &["Enter", "j"])]));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "я");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app), "Enter is no");
    press(&mut app, KeyCode::Esc);
    assert!(render(&app, 80, 24).contains("y/j да"));
    press(&mut app, KeyCode::Char('j'));
    assert!(!on_form(&app), "j is yes");
}

#[test]
fn the_question_and_the_footer_say_which_key_is_yes_and_that_any_other_is_no() {
    for (lang, yes, no) in [
        (Lang::Ru, "y да", "любая другая клавиша нет"),
        (Lang::En, "y yes", "any other key no"),
    ] {
        let mut app = app(lang);
        open_card(&mut app, sample_card());
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "я");
        send(&mut app, ctrl('c'));
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = render(&app, w, h);
            let footer = screen.lines().nth(usize::from(h) - 1).unwrap_or_default();
            assert!(footer.contains(yes) && footer.contains(no), "{footer}");
            let boxed = screen.lines().rev().skip(1).collect::<Vec<_>>().join("\n");
            assert!(boxed.contains(yes) && boxed.contains(no), "{screen}");
            assert!(!screen.contains("Enter/y"), "{screen}");
        }
    }
}

#[test]
fn the_known_phone_question_loses_nothing_and_is_not_risky() {
    let confirm = Confirm::DuplicatePhone {
        phone: "+79160000001".to_owned(),
        owners: Vec::new(),
    };
    assert!(!confirm.is_risky());
}
