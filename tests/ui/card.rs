//! The card screen, driven through `App::update` with messages.

use crate::support::*;
use crmcard::app::Msg;
use crmcard::app::vocab::Section;
use crmcard::i18n::Lang;
use crmcard::keymap::{Action, Scope};
use ratatui::crossterm::event::KeyCode;

fn opened() -> crmcard::app::App {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    app
}

#[test]
fn the_card_opens_on_main_with_the_first_rows_selected() {
    let app = opened();
    let c = card(&app);
    assert_eq!(c.section, Section::Main);
    assert_eq!(c.rows, [0; 5]);
    assert_eq!(c.reloading, None);
    assert!(!app.is_busy());
}

#[test]
fn digits_jump_to_sections() {
    let mut app = opened();
    for (digit, section) in [
        ('3', Section::Addresses),
        ('5', Section::Cards),
        ('2', Section::Contacts),
        ('4', Section::Accounts),
        ('1', Section::Main),
    ] {
        let effects = press(&mut app, KeyCode::Char(digit));
        assert!(effects.is_empty(), "{effects:?}");
        assert_eq!(card(&app).section, section, "key {digit}");
    }
    // Keys that are no section change nothing.
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(card(&app).section, Section::Main);
}

#[test]
fn tab_and_shift_tab_cycle_and_wrap() {
    let mut app = opened();
    let mut seen = Vec::new();
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
        seen.push(card(&app).section);
    }
    assert_eq!(
        seen,
        [
            Section::Contacts,
            Section::Addresses,
            Section::Accounts,
            Section::Cards,
            Section::Main
        ]
    );
    send(&mut app, shift_tab());
    assert_eq!(card(&app).section, Section::Cards);
    send(&mut app, shift_tab());
    assert_eq!(card(&app).section, Section::Accounts);
    // A terminal may send BackTab without Shift.
    press(&mut app, KeyCode::BackTab);
    assert_eq!(card(&app).section, Section::Addresses);
}

#[test]
fn arrows_select_within_bounds() {
    let mut app = opened();
    // Main has one row.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    assert_eq!(card(&app).row(), 0);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(card(&app).row(), 0);
    press(&mut app, KeyCode::Up);
    assert_eq!(card(&app).row(), 0, "↑ on the first row stays");
    press(&mut app, KeyCode::Down);
    assert_eq!(card(&app).row(), 1);
    for _ in 0..10 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(card(&app).row(), 2, "↓ on the last of 3 contacts stays");
    press(&mut app, KeyCode::Up);
    assert_eq!(card(&app).row(), 1);
}

#[test]
fn entering_a_section_selects_its_first_row() {
    let mut app = opened();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(card(&app).row(), 2);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(card(&app).row(), 0);
    press(&mut app, KeyCode::Down);
    assert_eq!(card(&app).row(), 1);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(card(&app).row(), 0, "back in Contacts by digit");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    send(&mut app, shift_tab());
    assert_eq!(card(&app).row(), 0, "back in Contacts by Shift-Tab");
}

#[test]
fn arrows_in_an_empty_section_do_not_move() {
    let mut app = app(Lang::Ru);
    let mut empty = sample_card();
    empty.contacts.clear();
    open_card(&mut app, empty);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    assert_eq!(card(&app).row(), 0);
    assert_eq!(card(&app).row_count(Section::Contacts), 0);
}

#[test]
fn f5_reloads_and_the_answer_replaces_the_card() {
    let mut app = opened();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::F(5));
    let (req, id) = single_load(&effects);
    assert_eq!(id, SAMPLE);
    assert_eq!(card(&app).reloading, Some(req));
    assert!(app.is_busy());
    let mut newer = sample_card();
    newer.note = "звонить после 18:00".to_owned();
    newer.contacts.truncate(1);
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(newer),
    });
    let c = card(&app);
    assert_eq!(c.card.note, "звонить после 18:00");
    assert_eq!(c.reloading, None);
    assert!(!app.is_busy());
    // The place is kept, within the new bounds.
    assert_eq!(c.section, Section::Contacts);
    assert_eq!(c.row(), 0);
    assert_eq!(app.screens.len(), 2, "the card is replaced, not pushed");
}

#[test]
fn a_second_f5_while_one_is_loading_sends_nothing_more() {
    let mut app = opened();
    let (first, _) = single_load(&press(&mut app, KeyCode::F(5)));
    // A held or repeated F5 must not pile requests up on the CRM.
    assert!(loads(&press(&mut app, KeyCode::F(5))).is_empty());
    let mut newer = sample_card();
    newer.note = "новое".to_owned();
    app.update(Msg::ClientLoaded {
        req: first,
        result: Ok(newer),
    });
    assert_eq!(card(&app).card.note, "новое");
    assert_eq!(card(&app).reloading, None);
    // Once answered, F5 reloads again.
    assert_eq!(loads(&press(&mut app, KeyCode::F(5))).len(), 1);
}

#[test]
fn a_reload_error_shows_a_message_and_keeps_the_card() {
    let mut app = opened();
    let (req, _) = single_load(&press(&mut app, KeyCode::F(5)));
    app.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error("DLW-0004", "Service unavailable", "abc123", 503)),
    });
    assert!(on_card(&app));
    assert_eq!(card(&app).card.lastname, "Безногов");
    let Some(m) = message(&app) else {
        panic!("no message: {:?}", app.popups);
    };
    assert!(m.is_error);
    assert!(m.lines.iter().any(|l| l.contains("DLW-0004")), "{m:?}");
    assert!(m.lines.iter().any(|l| l.contains("abc123")), "{m:?}");
    // Esc closes the message and leaves the card open.
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
    assert!(on_card(&app));
}

#[test]
fn a_reload_answer_after_esc_is_dropped() {
    let mut app = opened();
    let (req, _) = single_load(&press(&mut app, KeyCode::F(5)));
    press(&mut app, KeyCode::Esc);
    assert!(!on_card(&app));
    assert!(!app.is_busy());
    let effects = app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(effects.is_empty(), "{effects:?}");
    assert!(!on_card(&app));
    assert_eq!(app.screens.len(), 1);
    assert!(app.popups.is_empty());
    // An error answer is dropped as quietly.
    let mut app = opened();
    let (req, _) = single_load(&press(&mut app, KeyCode::F(5)));
    press(&mut app, KeyCode::Esc);
    app.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error("DLW-0004", "Service unavailable", "abc123", 503)),
    });
    assert!(app.popups.is_empty(), "{:?}", app.popups);
    assert_eq!(lookup(&app).error, None);
}

#[test]
fn esc_returns_to_the_lookup_screen() {
    let mut app = opened();
    press(&mut app, KeyCode::Char('4'));
    let effects = press(&mut app, KeyCode::Esc);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(!on_card(&app));
    assert!(!app.quit);
    assert_eq!(app.screens.len(), 1);
    // A second Esc on the lookup screen never quits.
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit);
}

#[test]
fn letters_answer_in_the_russian_layout() {
    let keymap = app(Lang::Ru).keymap().clone();
    let ru = |c| keymap.action(Scope::Card, &key(KeyCode::Char(c)));
    assert_eq!(ru('ф'), Some(Action::Add));
    assert_eq!(ru('в'), Some(Action::Delete));
    assert_eq!(ru('Ф'), ru('A'));
    // The Russian letter does exactly what the Latin one does (`a` opens the
    // contact form, `d` asks to delete the contact), and neither quits.
    for (latin, russian) in [('a', 'ф'), ('d', 'в')] {
        let mut en = opened();
        let mut ru = opened();
        press(&mut en, KeyCode::Char('2'));
        press(&mut ru, KeyCode::Char('2'));
        let a = press(&mut en, KeyCode::Char(latin));
        let b = press(&mut ru, KeyCode::Char(russian));
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(
            std::mem::discriminant(en.screen()),
            std::mem::discriminant(ru.screen())
        );
        assert_eq!(en.popups.len(), ru.popups.len());
        assert!(
            !on_card(&en) || !en.popups.is_empty(),
            "{latin} did nothing"
        );
        assert!(!ru.quit);
    }
    // Ctrl-Q in the Russian layout is Ctrl-Й.
    let mut app = opened();
    let effects = send(&mut app, ctrl('й'));
    assert!(app.quit, "{effects:?}");
}

// -------------------------------------------------- against the sandbox

#[tokio::test]
async fn f5_reloads_the_card_from_the_sandbox() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    press(&mut h.app, KeyCode::Char('3'));
    h.press(KeyCode::F(5)).await;
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).section, Section::Addresses);
    assert_eq!(card(&h.app).reloading, None);
    assert_eq!(card(&h.app).card, h.fetch(SAMPLE).await);
    h.press(KeyCode::Esc).await;
    assert!(!on_card(&h.app));
    assert_eq!(shown_ids(&h.app)[0], SAMPLE);
}
