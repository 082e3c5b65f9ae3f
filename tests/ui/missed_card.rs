//! «пропущенный в 12:03» on the card itself: the card of a client whose
//! number rang unanswered and was not called back says when, asked of the
//! real call log (SQLite, in memory) as the executor asks it; a card opened
//! by taking a call keeps the mark the banner showed.

use crate::park::ring_known;
use crate::support::*;
use crmcard::app::calllog::LoggedCall;
use crmcard::app::{App, Clock, Effect, Msg};
use crmcard::directory::Directory;
use crmcard::executor::calllog::{CallLogSetup, answer};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// 2027-01-15 08:00 UTC; the clock is at UTC+3, 11:00 local.
const NOW: u64 = 1_800_000_000;
/// 21:40 local the evening before.
const YESTERDAY_EVENING: u64 = NOW - 10 * 3600 - 20 * 60 - 3 * 3600;
const NUMBER: &str = "+79998887766";

fn tick(app: &mut App) {
    app.update(Msg::Tick(Clock {
        since_start: std::time::Duration::from_secs(60),
        unix_secs: NOW,
        today: today(),
        utc_offset_secs: 3 * 3600,
    }));
}

/// The call log of the demo's directory (in memory), as the executor runs
/// it; returns what it answers.
struct Log(Directory);

impl Log {
    fn new() -> Self {
        Self(demo_directory())
    }

    fn run(&self, effect: Effect) -> Option<Msg> {
        let setup = CallLogSetup {
            crm: "demo".to_owned(),
            keep_days: 90,
        };
        answer(Some(&self.0), &setup, effect, NOW)
            .unwrap_or_else(|e| panic!("not the log's: {e:?}"))
    }

    /// A call from `NUMBER` at `at` that ended unanswered.
    fn missed(&self, key: &str, at: u64) {
        self.run(Effect::LogCall(Box::new(LoggedCall {
            key: key.to_owned(),
            rang_at: at,
            received: "89998887766".to_owned(),
            canonical: Some(NUMBER.to_owned()),
            source: "cli".to_owned(),
            ended_at: Some(at + 20),
            ..LoggedCall::default()
        })));
    }

    /// Runs the log's effects among `effects` and feeds their answers to
    /// `app`; returns the phones the card's look-up asked about.
    fn answer_card(&self, app: &mut App, effects: Vec<Effect>) -> Vec<String> {
        let mut asked = Vec::new();
        for effect in effects {
            if let Effect::FindClientMissed { phones, .. } = &effect {
                asked.extend(phones.iter().cloned());
                let msg = self.run(effect).expect("an answer");
                app.update(msg);
            }
        }
        asked
    }
}

/// Types the sample client's id, Enter, and the CRM's answer; returns the
/// effects of the answer.
fn load_sample(app: &mut App) -> Vec<Effect> {
    type_text(app, SAMPLE);
    let (req, _) = single_load(&press(app, KeyCode::Enter));
    let effects = app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(on_card(app), "the card did not open");
    effects
}

fn top(app: &App) -> String {
    render_parts(app, 120, 40).0[..6].join("\n")
}

#[test]
fn a_card_whose_number_was_missed_says_when_until_it_is_called_back() {
    let log = Log::new();
    log.missed("pbx:1", YESTERDAY_EVENING);
    let mut app = app(Lang::Ru);
    tick(&mut app);
    let effects = load_sample(&mut app);
    assert_eq!(log.answer_card(&mut app, effects), [NUMBER]);
    let screen = top(&app);
    assert!(screen.contains("пропущенный вчера в 21:40"), "{screen}");

    // Called back from the log: the next load of the card has no mark.
    log.run(Effect::LogCall(Box::new(LoggedCall {
        key: "pbx:1".to_owned(),
        rang_at: YESTERDAY_EVENING,
        received: "89998887766".to_owned(),
        canonical: Some(NUMBER.to_owned()),
        source: "cli".to_owned(),
        called_back_at: Some(NOW),
        called_back_by: Some("desk-1".to_owned()),
        ..LoggedCall::default()
    })));
    let effects = press(&mut app, KeyCode::F(5));
    let (req, _) = single_load(&effects);
    let effects = app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    log.answer_card(&mut app, effects);
    let screen = top(&app);
    assert!(!screen.contains("пропущенный"), "{screen}");
}

#[test]
fn a_card_without_a_missed_call_has_no_mark_and_a_call_of_today_shows_its_time() {
    let log = Log::new();
    let mut app = app(Lang::En);
    tick(&mut app);
    let effects = load_sample(&mut app);
    log.answer_card(&mut app, effects);
    assert!(!top(&app).contains("missed"), "{}", top(&app));
    press(&mut app, KeyCode::Esc);
    // 09:03 local today.
    log.missed("pbx:2", NOW - 2 * 3600 + 180);
    let effects = load_sample(&mut app);
    log.answer_card(&mut app, effects);
    let screen = top(&app);
    assert!(screen.contains("missed at 09:03"), "{screen}");
}

#[test]
fn a_card_opened_by_taking_the_call_keeps_the_banners_mark() {
    let mut app = app(Lang::Ru);
    tick(&mut app);
    let call = ring_known(&mut app, "89998887766", SAMPLE);
    app.update(Msg::MissedFound {
        call,
        at: Some(YESTERDAY_EVENING),
    });
    let [(req, id)]: [_; 1] = loads(&press(&mut app, KeyCode::F(9)))
        .try_into()
        .expect("one load");
    assert_eq!(id, SAMPLE);
    // Taking the call answered it, which resolves the missed call in the
    // log: the card shows the mark the call carried, without asking.
    let effects = app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(on_card(&app));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::FindClientMissed { .. })),
        "{effects:?}"
    );
    let screen = top(&app);
    assert!(screen.contains("пропущенный вчера в 21:40"), "{screen}");
}

#[test]
fn missed_card_snapshots() {
    let log = Log::new();
    log.missed("pbx:3", YESTERDAY_EVENING - 2 * 86_400);
    for lang in [Lang::Ru, Lang::En] {
        let mut app = app(lang);
        tick(&mut app);
        let effects = load_sample(&mut app);
        log.answer_card(&mut app, effects);
        snap!(&format!("missed_card_{}", lang.code()), &app);
    }
}
