//! `update` with time and keys chosen by the test.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::model::ClientCard;

fn day() -> Date {
    Date::new(2026, 11, 28).unwrap()
}

fn app_with(keymap: Keymap) -> App {
    App::new(AppSetup {
        lang: Lang::Ru,
        keymap,
        city_code: None,
        today: day(),
        connection: "test".to_owned(),
        startup_messages: Vec::new(),
    })
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn help_scroll(app: &App) -> u16 {
    match app.popups.last() {
        Some(Popup::Help { scroll }) => *scroll,
        other => panic!("no help on top: {other:?}"),
    }
}

#[test]
fn help_scrolls_within_its_text_and_back() {
    let mut app = app_with(Keymap::default());
    press(&mut app, KeyCode::F(1));
    let last = u16::try_from(app.help_lines() - 1).unwrap();
    for _ in 0..100 {
        press(&mut app, KeyCode::PageDown);
    }
    assert_eq!(help_scroll(&app), last);
    // One Up moves at once: no scrolling back through lines past the end.
    press(&mut app, KeyCode::Up);
    assert_eq!(help_scroll(&app), last - 1);
    for _ in 0..100 {
        press(&mut app, KeyCode::PageUp);
    }
    assert_eq!(help_scroll(&app), 0);
}

#[test]
fn help_keeps_its_keys_when_the_recent_list_is_rebound() {
    let overrides = BTreeMap::from([
        ("recent.up".to_owned(), vec!["k".to_owned()]),
        ("recent.down".to_owned(), vec!["j".to_owned()]),
    ]);
    let (keymap, warnings) = Keymap::with_overrides(&overrides);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut app = app_with(keymap);
    press(&mut app, KeyCode::F(1));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(help_scroll(&app), 2);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(help_scroll(&app), 2, "`k` is the recent list's, not help's");
}

#[test]
fn the_tick_brings_the_time_a_client_is_opened_at() {
    let mut app = app_with(Keymap::default());
    let clock = Clock {
        since_start: Duration::from_secs(5),
        unix_secs: 1_800_000_000,
        today: day(),
        utc_offset_secs: 0,
    };
    assert!(app.update(Msg::Tick(clock)).is_empty());
    assert_eq!(app.shared.clock, clock);
    let mut search = None;
    for c in "10000000000042".chars() {
        search = press(&mut app, KeyCode::Char(c)).pop();
    }
    let Some(Effect::SearchDirectory { req, .. }) = search else {
        panic!("no search: {search:?}");
    };
    // Enter waits for the directory, which knows nobody: the id is loaded.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    let effects = app.update(Msg::DirectoryFound {
        req,
        hits: Vec::new(),
        layout: None,
    });
    let Some(Effect::LoadClient { req, .. }) = effects.first() else {
        panic!("no load: {effects:?}");
    };
    let card = ClientCard {
        id: "10000000000042".to_owned(),
        lastname: "Иванов".to_owned(),
        ..ClientCard::default()
    };
    let effects = app.update(Msg::ClientLoaded {
        req: *req,
        result: Ok(card),
    });
    let seen: Vec<i64> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::RememberClient { seen_at, .. } => Some(*seen_at),
            _ => None,
        })
        .collect();
    assert_eq!(seen, [1_800_000_000]);
}

#[test]
fn dictionaries_age_by_the_ticks_not_by_a_clock() {
    let mut app = app_with(Keymap::default());
    let dict_loads = |effects: Vec<Effect>| -> Vec<Effect> {
        effects
            .into_iter()
            .filter(|e| matches!(e, Effect::LoadDict { .. }))
            .collect()
    };
    let start = dict_loads(app.start());
    assert_eq!(start.len(), 3, "{start:?}");
    for effect in start {
        let Effect::LoadDict { req, key } = effect else {
            panic!("{effect:?}");
        };
        app.update(Msg::DictLoaded {
            req,
            key,
            result: Ok(DictData::entries(Vec::new())),
        });
    }
    assert!(
        dict_loads(app.start()).is_empty(),
        "fresh lists are not asked again"
    );
    app.update(Msg::Tick(Clock {
        since_start: dicts::TTL,
        unix_secs: 0,
        today: day(),
        utc_offset_secs: 0,
    }));
    assert_eq!(dict_loads(app.start()).len(), 3, "a minute later they are");
}

#[test]
fn ids_travel_as_plain_strings_and_compare_with_them() {
    use crate::api::model::{ClientId, ContactId};
    let id = ClientId::new("42");
    assert_eq!(serde_json::to_string(&id).unwrap(), "\"42\"");
    assert_eq!(serde_json::from_str::<ContactId>("\"7\"").unwrap(), "7");
    assert_eq!(id, "42");
    assert_eq!(id.to_string(), "42");
}

#[test]
fn a_question_mark_opens_help_over_a_message_and_closes_it() {
    let mut app = app_with(Keymap::default());
    app.popups.push(Popup::Message(Notice::NoClientDelete));
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(help_scroll(&app), 0);
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.popups.last(), Some(Popup::Message(_))));
}
