//! Answers go to the screen or popup that asked, through `update`.

#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::calllog::LoggedCall;
use super::super::calls_screen::CallsScreen;
use super::super::write::WriteAnswer;
use super::super::*;
use crate::api::model::ClientCard;
use crate::directory::{DirEntry, Hit, Match};

fn app() -> App {
    App::new(AppSetup {
        lang: Lang::Ru,
        keymap: Keymap::default(),
        city_code: None,
        today: Date::new(2026, 11, 28).unwrap(),
        connection: "test".to_owned(),
        startup_messages: Vec::new(),
    })
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// F7: the call log opens and asks for its rows; the request's id.
fn open_calls(app: &mut App) -> RequestId {
    let effects = press(app, KeyCode::F(7));
    assert!(matches!(app.screens.last(), Some(Screen::Calls(_))));
    effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadCallLog { req, .. } => Some(*req),
            _ => None,
        })
        .expect("the call log is asked for")
}

fn row(key: &str) -> LoggedCall {
    LoggedCall {
        key: key.to_owned(),
        ..LoggedCall::default()
    }
}

fn hit(id: &str) -> Hit {
    Hit {
        entry: DirEntry {
            id: id.to_owned(),
            lastname: "Иванов".to_owned(),
            ..DirEntry::default()
        },
        why: Match::ExactId,
        phone: None,
    }
}

fn calls_rows(screen: &Screen) -> usize {
    match screen {
        Screen::Calls(s) => s.rows.len(),
        other => panic!("not the call log: {other:?}"),
    }
}

fn lookup(app: &App) -> &LookupScreen {
    match app.screens.first() {
        Some(Screen::Lookup(l)) => l,
        other => panic!("no lookup at the bottom: {other:?}"),
    }
}

fn card(id: &str) -> ClientCard {
    ClientCard {
        id: id.to_owned(),
        ..ClientCard::default()
    }
}

#[test]
fn two_screens_waiting_at_once_each_get_their_own() {
    let mut app = app();
    let search = app
        .start()
        .iter()
        .find_map(|e| match e {
            Effect::SearchDirectory { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap();
    let log = open_calls(&mut app);
    // The call log's answer first, then the lookup's under it.
    app.update(Msg::CallLogLoaded {
        req: log,
        calls: vec![row("a"), row("b")],
    });
    app.update(Msg::DirectoryFound {
        req: search,
        hits: vec![hit("7")],
        layout: None,
    });
    assert_eq!(calls_rows(app.screen()), 2);
    assert_eq!(lookup(&app).hits.len(), 1);
    assert_eq!(lookup(&app).hits[0].entry.id, "7");
    assert_eq!(app.screens.len(), 2, "the lookup's answer moved nobody");
}

#[test]
fn an_answer_reaches_its_owner_and_no_other_waiting_for_the_same_id() {
    let mut app = app();
    let log = open_calls(&mut app);
    // A second call log over the first, holding the same request id (as
    // a copy would) but not the one that asked.
    let Some(Screen::Calls(asker)) = app.screens.last() else {
        unreachable!()
    };
    let mut copy = asker.clone();
    copy.owner = OwnerId::fresh();
    app.screens.push(Screen::Calls(copy));
    app.update(Msg::CallLogLoaded {
        req: log,
        calls: vec![row("a")],
    });
    assert_eq!(calls_rows(&app.screens[1]), 1, "the asker got its rows");
    assert_eq!(calls_rows(&app.screens[2]), 0, "the copy did not");
}

#[test]
fn an_answer_for_a_closed_screen_does_nothing() {
    let mut app = app();
    let log = open_calls(&mut app);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screens.len(), 1);
    let effects = app.update(Msg::CallLogLoaded {
        req: log,
        calls: vec![row("a")],
    });
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.screens.len(), 1);
    assert!(app.popups.is_empty());
    // The lookup's own answers still come.
    let effects = press(&mut app, KeyCode::Char('5'));
    let req = effects
        .iter()
        .find_map(|e| match e {
            Effect::SearchDirectory { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap();
    app.update(Msg::DirectoryFound {
        req,
        hits: vec![hit("5")],
        layout: None,
    });
    assert_eq!(lookup(&app).hits.len(), 1);
}

#[test]
fn a_screen_pushed_at_the_same_depth_does_not_get_the_askers_answer() {
    let mut app = app();
    let first = open_calls(&mut app);
    press(&mut app, KeyCode::Esc);
    // A screen at the same depth that even waits for the same id: it did
    // not ask, so the answer is not its.
    let stranger = CallsScreen {
        loading: Some(first),
        ..CallsScreen::default()
    };
    app.screens.push(Screen::Calls(stranger));
    app.update(Msg::CallLogLoaded {
        req: first,
        calls: vec![row("a")],
    });
    assert_eq!(calls_rows(app.screen()), 0);
    press(&mut app, KeyCode::Esc);
    // Opened again: its own answer comes, the first one's does not.
    let second = open_calls(&mut app);
    app.update(Msg::CallLogLoaded {
        req: first,
        calls: vec![row("a")],
    });
    assert_eq!(calls_rows(app.screen()), 0);
    app.update(Msg::CallLogLoaded {
        req: second,
        calls: vec![row("b"), row("c")],
    });
    assert_eq!(calls_rows(app.screen()), 2);
}

#[test]
fn a_write_answered_after_its_card_closed_still_reaches_the_directory() {
    let mut app = app();
    app.screens.push(Screen::Card(CardScreen::new(card("42"))));
    press(&mut app, KeyCode::Char('d'));
    let effects = press(&mut app, KeyCode::Char('y'));
    let req = effects
        .iter()
        .find_map(|e| match e {
            Effect::Write { req, .. } => Some(*req),
            _ => None,
        })
        .expect("the delete is sent");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screens.len(), 1, "the card was closed");
    let effects = app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Card(card("42"))),
    });
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::RememberClient { card, .. } if card.id == "42")),
        "{effects:?}"
    );
    assert_eq!(app.screens.len(), 1);
    assert!(app.popups.is_empty(), "nothing is shown: {:?}", app.popups);
}

#[test]
fn a_reload_answer_goes_to_the_card_not_the_lookup_under_it() {
    let mut app = app();
    app.screens.push(Screen::Card(CardScreen::new(card("42"))));
    let effects = press(&mut app, KeyCode::F(5));
    let req = effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadClient { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap();
    let mut fresh = card("42");
    fresh.lastname = "Петров".to_owned();
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(fresh),
    });
    let Screen::Card(shown) = app.screen() else {
        panic!("the card is still on top");
    };
    assert_eq!(shown.card.lastname, "Петров");
    assert!(shown.reloading.is_none());
    assert_eq!(app.screens.len(), 2, "no second card was opened");
}
