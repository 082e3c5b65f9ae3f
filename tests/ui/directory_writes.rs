//! A card the client directory failed to keep is said once and tried
//! again: at the next directory write and on the clock (item 8 of issue
//! 21, the TUI half).

use std::time::Duration;

use crmcard::app::dir_writes::{RETRY_EVERY, Unkept};
use crmcard::app::{App, Clock, Effect, Msg, Popup};

use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;
use crmcard::app::vocab::Notice;

fn remembered(effects: &[Effect]) -> Vec<(String, i64)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RememberClient { card, seen_at, .. } => Some((card.id.clone(), *seen_at)),
            _ => None,
        })
        .collect()
}

fn fail(app: &mut App, effects: &[Effect]) {
    for e in effects {
        if let Effect::RememberClient {
            card,
            contact_types,
            seen_at,
        } = e
        {
            app.update(Msg::DirectoryWriteFailed {
                unkept: Box::new(Unkept {
                    card: card.clone(),
                    contact_types: contact_types.clone(),
                    seen_at: *seen_at,
                }),
                reason: "database is locked".to_owned(),
            });
        }
    }
}

/// How many times the failure is said: on the status line (never a popup
/// that would take a key).
fn failure_notices(app: &App) -> usize {
    assert!(
        !app.popups
            .iter()
            .any(|p| matches!(p, Popup::Message(Notice::DirectoryWriteFailed { .. }))),
        "not a popup"
    );
    app.status
        .newest_first()
        .filter(|n| matches!(n, Notice::DirectoryWriteFailed { .. }))
        .count()
}

fn tick(app: &mut App, secs: u64) -> Vec<Effect> {
    app.update(Msg::Tick(Clock {
        since_start: Duration::from_secs(secs),
        unix_secs: 1_800_000_000 + secs,
        today: today(),
        utc_offset_secs: 0,
    }))
}

/// Opens `card` from the lookup; the effects of its arrival.
fn open(app: &mut App, card: crmcard::api::model::ClientCard) -> Vec<Effect> {
    if !matches!(app.screen(), crmcard::app::Screen::Lookup(_)) {
        press(app, KeyCode::Esc);
    }
    type_text(app, &card.id.clone());
    let (req, _) = single_load(&press(app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(card),
    })
}

#[test]
fn a_failed_write_is_said_once_and_tried_again_until_it_is_kept() {
    let mut app = app(Lang::Ru);
    tick(&mut app, 1);
    assert!(!app.wants_ticks());
    let effects = open(&mut app, sample_card());
    assert_eq!(remembered(&effects), [(SAMPLE.to_owned(), 1_800_000_001)]);
    fail(&mut app, &effects);
    assert_eq!(failure_notices(&app), 1);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("database is locked"), "{screen}");
    assert!(app.wants_ticks(), "a retry waits on the clock");

    // The next card: the held one goes again first, then the new one.
    let mut other = sample_card();
    other.id = "100000000077".to_owned();
    let effects = open(&mut app, other.clone());
    assert_eq!(
        remembered(&effects),
        [
            (SAMPLE.to_owned(), 1_800_000_001),
            (other.id.clone(), 1_800_000_001)
        ]
    );
    fail(&mut app, &effects);
    assert_eq!(failure_notices(&app), 1, "said once, not at every failure");

    // On the clock: nothing before its time, both after it.
    assert!(remembered(&tick(&mut app, 2)).is_empty());
    let due = 1 + RETRY_EVERY.as_secs() + 1;
    let effects = tick(&mut app, due);
    assert_eq!(remembered(&effects).len(), 2);
    for (id, seen_at) in remembered(&effects) {
        app.update(Msg::ClientKept { id, seen_at });
    }
    assert!(!app.wants_ticks(), "nothing waits");
    assert_eq!(failure_notices(&app), 0, "no longer said");
    assert!(remembered(&tick(&mut app, due * 3)).is_empty());

    // A later failure is said again.
    let effects = open(&mut app, sample_card());
    fail(&mut app, &effects);
    assert_eq!(failure_notices(&app), 1);
}
