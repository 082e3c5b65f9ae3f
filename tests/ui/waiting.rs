//! Waiting callers: the queue oldest first, the waiting list, calls that
//! end while waiting (missed, in the log), the number's earlier missed call
//! on the banner, and quitting with calls waiting.

use std::time::Duration;

use crate::support::*;
use crmcard::app::calllog::{CallStatus, LoggedCall};
use crmcard::app::vocab::Caller;
use crmcard::app::vocab::{CallId, Confirm, PersonName};
use crmcard::app::{App, Clock, Effect, Msg, Popup, Screen};
use crmcard::calls::CallEvent;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

const NUMBERS: [&str; 5] = [
    "89161111111",
    "89162222222",
    "89163333333",
    "89164444444",
    "89165555555",
];

fn tick(app: &mut App, secs: u64) -> Vec<Effect> {
    app.update(Msg::Tick(Clock {
        since_start: Duration::from_secs(secs),
        unix_secs: 1_800_000_000 + secs,
        today: today(),
        utc_offset_secs: 3 * 3600,
    }))
}

fn ring(app: &mut App, number: &str, pbx: Option<&str>) -> (Option<CallId>, Vec<Effect>) {
    let effects = app.update(Msg::Call(CallEvent::Ringing {
        number: number.to_owned(),
        source: "test".to_owned(),
        call_id: pbx.map(str::to_owned),
    }));
    let call = effects.iter().find_map(|e| match e {
        Effect::FindCaller { call, .. } => Some(*call),
        _ => None,
    });
    (call, effects)
}

fn logged(effects: &[Effect]) -> Vec<LoggedCall> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LogCall(call) => Some(call.as_ref().clone()),
            _ => None,
        })
        .collect()
}

fn caller(id: &str, lastname: &str) -> Caller {
    Caller {
        id: id.to_owned(),
        name: PersonName {
            lastname: lastname.to_owned(),
            ..PersonName::default()
        },
    }
}

/// Five calls ten seconds apart, each known as a client of its own.
fn five_calls(lang: Lang) -> App {
    let mut app = app(lang);
    app.calls.desk = "desk-1".to_owned();
    for (i, number) in NUMBERS.iter().enumerate() {
        tick(&mut app, 10 * i as u64);
        let (call, _) = ring(&mut app, number, None);
        app.update(Msg::CallerFound {
            call: call.expect("looked up"),
            callers: vec![caller(&format!("{}", i + 1), &format!("Клиент{}", i + 1))],
        });
    }
    tick(&mut app, 75);
    app
}

fn banner(app: &App) -> String {
    render_parts(app, 120, 40).0[1].clone()
}

#[test]
fn five_calls_are_taken_oldest_first() {
    let mut app = five_calls(Lang::En);
    let line = banner(&app);
    assert!(line.contains("+7 916 111-11-11"), "{line}");
    assert!(
        line.contains("4 more") && line.contains("1 min ago"),
        "{line}"
    );
    for (i, _) in NUMBERS.iter().enumerate() {
        let effects = press(&mut app, KeyCode::F(9));
        let [(_, id)]: [_; 1] = loads(&effects).try_into().expect("one load");
        assert_eq!(id, format!("{}", i + 1), "the oldest first");
        let log = logged(&effects);
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].answered_by.as_deref(), Some("desk-1"));
        assert_eq!(log[0].card.as_deref(), Some(id.as_str()));
        assert_eq!(log[0].rang_at, 1_800_000_000 + 10 * i as u64);
        assert_eq!(
            log[0].canonical.as_deref(),
            Some(&*format!("+7916{}", &NUMBERS[i][4..]))
        );
        // Back on the lookup for the next one.
        app.update(Msg::ClientLoaded {
            req: crmcard::app::RequestId(0),
            result: Err(crm_error("DLW-0001", "x", "r", 500)),
        });
        app.screens.truncate(1);
        app.popups.clear();
    }
    assert!(app.calls.calls.is_empty());
}

#[test]
fn the_waiting_list_shows_every_call_and_any_one_can_be_taken() {
    let mut app = five_calls(Lang::Ru);
    press(&mut app, KeyCode::F(8));
    assert!(matches!(app.popups.last(), Some(Popup::Waiting(_))));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Ожидающие звонки"), "{screen}");
    for (number, ago) in [
        ("+7 916 111-11-11", "1 мин назад"),
        ("+7 916 333-33-33", "55 с назад"),
        ("+7 916 555-55-55", "35 с назад"),
    ] {
        let line = screen.lines().find(|l| l.contains(number)).expect(number);
        assert!(line.contains(ago), "{line}");
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::Enter);
    let [(_, id)]: [_; 1] = loads(&effects).try_into().expect("one load");
    assert_eq!(id, "3", "the third call chosen");
    assert!(app.popups.is_empty());
    let left: Vec<&str> = app.calls.calls.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(left, [NUMBERS[0], NUMBERS[1], NUMBERS[3], NUMBERS[4]]);
    // Esc closes the list, and F8 again does too.
    press(&mut app, KeyCode::F(8));
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
}

#[test]
fn waiting_list_snapshots() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = five_calls(lang);
        app.update(Msg::MissedFound {
            call: app.calls.calls[1].id,
            at: Some(1_800_000_000 - 3600),
        });
        press(&mut app, KeyCode::F(8));
        press(&mut app, KeyCode::Down);
        snap!(&format!("waiting_list_{}", lang.code()), &app);
    }
}

#[test]
fn a_call_that_ends_while_waiting_leaves_the_queue_and_is_logged_missed() {
    let mut app = app(Lang::En);
    tick(&mut app, 5);
    let (_, effects) = ring(&mut app, "89998887766", Some("1700000000.42"));
    let rang = logged(&effects);
    assert_eq!(rang.len(), 1);
    assert_eq!(rang[0].key, "pbx:1700000000.42");
    assert_eq!(rang[0].status(), CallStatus::Ringing);
    ring(&mut app, "89161234567", None);
    tick(&mut app, 30);
    let effects = app.update(Msg::Call(CallEvent::Ended {
        call_id: "1700000000.42".to_owned(),
    }));
    let ended = logged(&effects);
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].ended_at, Some(1_800_000_030));
    assert_eq!(ended[0].status(), CallStatus::Missed);
    assert_eq!(app.calls.calls.len(), 1);
    assert!(banner(&app).contains("+7 916 123-45-67"));
    // A call nobody ends goes from the banner after three minutes: missed.
    let effects = tick(&mut app, 5 + 180);
    let expired = logged(&effects);
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].status(), CallStatus::Missed);
    assert!(app.calls.calls.is_empty());
}

#[test]
fn hidden_and_unrecognised_numbers_are_calls_never_looked_up_or_shown_raw() {
    let mut app = app(Lang::Ru);
    let (call, effects) = ring(&mut app, "anonymous", None);
    assert_eq!(call, None);
    assert_eq!(logged(&effects).len(), 1, "logged all the same");
    let (call, _) = ring(&mut app, "sip:8916abc@pbx", None);
    assert_eq!(call, None);
    assert!(banner(&app).contains("номер скрыт"), "{}", banner(&app));
    press(&mut app, KeyCode::F(8));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("номер не распознан"), "{screen}");
    assert!(!screen.contains("abc"), "{screen}");
    press(&mut app, KeyCode::Esc);
    // A hidden number: an empty lookup for the operator to type into.
    type_text(&mut app, "Иванов");
    let effects = press(&mut app, KeyCode::F(9));
    assert!(loads(&effects).is_empty());
    assert_eq!(app.calls.calls.len(), 1, "the hidden call is taken");
    assert!(matches!(app.screen(), Screen::Lookup(_)));
    assert_eq!(lookup(&app).field.value(), "");
}

#[test]
fn a_caller_missed_before_shows_when_on_the_banner() {
    let mut app = app(Lang::Ru);
    tick(&mut app, 0);
    let (call, effects) = ring(&mut app, "8 999 888-77-66", None);
    let call = call.expect("looked up");
    let asked = effects.iter().find_map(|e| match e {
        Effect::FindMissed {
            canonical, before, ..
        } => Some((canonical.clone(), *before)),
        _ => None,
    });
    assert_eq!(asked, Some(("+79998887766".to_owned(), 1_800_000_000)));
    // 09:03 UTC is 12:03 at the clock's offset.
    app.update(Msg::MissedFound {
        call,
        at: Some(1_800_000_000 + 3600 + 180),
    });
    assert!(
        banner(&app).contains("пропущенный в 12:03"),
        "{}",
        banner(&app)
    );
}

#[test]
fn quitting_with_calls_waiting_asks_and_only_the_letter_says_yes() {
    let mut app = app(Lang::Ru);
    ring(&mut app, "89998887766", None);
    ring(&mut app, "89161234567", None);
    send(&mut app, ctrl('q'));
    assert!(!app.quit);
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Confirm(Confirm::QuitCallsWaiting {
            calls: 2,
            unsaved: false
        }))
    ));
    let question = confirm_question(&app).expect("a question");
    assert!(question.contains("Ждут ответа звонков: 2"), "{question}");
    snap!("quit_calls_waiting_ru", &app);
    // Enter is no.
    press(&mut app, KeyCode::Enter);
    assert!(!app.quit);
    assert!(app.popups.is_empty());
    send(&mut app, ctrl('q'));
    press(&mut app, KeyCode::Char('н'));
    assert!(app.quit);

    let mut app = crate::support::app(Lang::En);
    ring(&mut app, "89998887766", None);
    send(&mut app, ctrl('q'));
    snap!("quit_calls_waiting_en", &app);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
}

#[test]
fn calls_still_ringing_come_back_after_a_restart() {
    let mut app = app(Lang::En);
    app.calls.run = 1_800_000_095;
    tick(&mut app, 100);
    let restored = |key: &str, ago: u64, number: &str| LoggedCall {
        key: key.to_owned(),
        rang_at: 1_800_000_100 - ago,
        received: number.to_owned(),
        source: "ami".to_owned(),
        ..LoggedCall::default()
    };
    let effects = app.update(Msg::CallsRestored {
        calls: vec![
            restored("pbx:old", 90, "89161234567"),
            restored("run:1-2", 20, "89998887766"),
            restored("pbx:gone", 400, "89031112233"),
            // Rang in this run (after its start): not an earlier run's.
            restored("run:1800000095-1", 2, "89035556677"),
        ],
        now_unix: 1_800_000_100,
    });
    let numbers: Vec<&str> = app.calls.calls.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers, ["89161234567", "89998887766"]);
    assert_eq!(app.calls.calls[0].pbx_id.as_deref(), Some("old"));
    assert!(banner(&app).contains("1 min ago"), "{}", banner(&app));
    let finds = effects
        .iter()
        .filter(|e| matches!(e, Effect::FindCaller { .. }))
        .count();
    assert_eq!(finds, 2, "who it is is asked again");
    // The PBX reporting the same call again is not a second call.
    ring(&mut app, "89161234567", Some("old"));
    assert_eq!(app.calls.calls.len(), 2);
}

/// The executor keeps the log in the directory's database: a call taken,
/// a call missed, and the number's missed call found when it rings again.
#[tokio::test]
async fn the_log_is_kept_through_the_executor() {
    let mut h = Harness::start(Lang::En).await;
    h.tick(10);
    let effects = h.app.update(Msg::Call(CallEvent::Ringing {
        number: "89998887766".to_owned(),
        source: "test".to_owned(),
        call_id: Some("x1".to_owned()),
    }));
    h.settle(effects).await;
    h.tick(20);
    let effects = h.app.update(Msg::Call(CallEvent::Ended {
        call_id: "x1".to_owned(),
    }));
    h.settle(effects).await;
    h.tick(600);
    let effects = h.app.update(Msg::Call(CallEvent::Ringing {
        number: "+7 999 888 77 66".to_owned(),
        source: "test".to_owned(),
        call_id: Some("x2".to_owned()),
    }));
    h.settle(effects).await;
    assert_eq!(h.app.calls.calls[0].missed_before, Some(1_800_000_010));
    assert!(banner(&h.app).contains("missed at"), "{}", banner(&h.app));
    let effects = h.app.update(Msg::Key(key(KeyCode::F(9))));
    h.settle(effects).await;
    let effects = h.app.update(Msg::Call(CallEvent::Ringing {
        number: "89998887766".to_owned(),
        source: "test".to_owned(),
        call_id: Some("x3".to_owned()),
    }));
    h.settle(effects).await;
    assert_eq!(
        h.app.calls.calls[0].missed_before, None,
        "the missed call was resolved by the one answered"
    );
    h.sandbox.shutdown().await;
}

#[test]
fn a_call_answered_on_the_phone_is_logged_answered_and_not_missed_when_it_ends() {
    let mut app = app(Lang::En);
    app.calls.desk = "desk-7".to_owned();
    tick(&mut app, 1);
    ring(&mut app, "89998887766", Some("L1"));
    tick(&mut app, 9);
    let effects = app.update(Msg::Call(CallEvent::Answered {
        call_id: "L1".to_owned(),
    }));
    let answered = logged(&effects);
    assert_eq!(answered.len(), 1);
    assert_eq!(
        answered[0].status(),
        CallStatus::Answered {
            by: Some("desk-7".to_owned())
        }
    );
    assert_eq!(app.calls.calls.len(), 1, "F9 still opens the card");
    let effects = app.update(Msg::Call(CallEvent::Ended {
        call_id: "L1".to_owned(),
    }));
    let ended = logged(&effects);
    assert_eq!(ended[0].ended_at, Some(1_800_000_009));
    assert!(!ended[0].is_open_missed());
    assert!(app.calls.calls.is_empty());
}
