//! The calls screen: the log newest first, the missed-only filter, Enter
//! where the call leads, and "called back".

use crate::support::*;
use crmcard::app::calllog::{CallStatus, LoggedCall};
use crmcard::app::vocab::Caller;
use crmcard::app::vocab::PersonName;
use crmcard::app::{App, Clock, Effect, Msg, RequestId, Screen};
use crmcard::calls::CallEvent;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

const BASE: u64 = 1_800_000_000;

fn tick(app: &mut App, secs: u64) {
    app.update(Msg::Tick(Clock {
        since_start: std::time::Duration::from_secs(secs),
        unix_secs: BASE + secs,
        today: today(),
        utc_offset_secs: 3 * 3600,
    }));
}

fn row(key: &str, at: u64, number: &str, callers: &[(&str, &str)]) -> LoggedCall {
    LoggedCall {
        key: key.to_owned(),
        rang_at: BASE + at,
        received: number.to_owned(),
        canonical: crmcard::phone::parse(number, None)
            .ok()
            .map(|p| p.canonical().to_owned()),
        source: "cli".to_owned(),
        callers: callers
            .iter()
            .map(|(id, last)| Caller {
                id: (*id).to_owned(),
                name: PersonName {
                    lastname: (*last).to_owned(),
                    firstname: "Сергей".to_owned(),
                    middlename: String::new(),
                },
            })
            .collect(),
        ..LoggedCall::default()
    }
}

/// The log of a morning: answered, missed twice by one number, called
/// back, hidden, still ringing.
fn morning() -> Vec<LoggedCall> {
    vec![
        LoggedCall {
            ended_at: None,
            ..row("e", 600, "anonymous", &[])
        },
        LoggedCall {
            ended_at: Some(BASE + 520),
            ..row("d", 500, "89161234567", &[])
        },
        LoggedCall {
            ended_at: Some(BASE + 420),
            ..row("c", 400, "89998887766", &[(SAMPLE, "Безногов")])
        },
        LoggedCall {
            ended_at: Some(BASE + 320),
            called_back_at: Some(BASE + 330),
            called_back_by: Some("desk-2".to_owned()),
            ..row("b", 300, "89031112233", &[("1", "Один"), ("2", "Два")])
        },
        LoggedCall {
            answered_at: Some(BASE + 210),
            answered_by: Some("desk-1".to_owned()),
            ..row("a", 200, "89998887766", &[(SAMPLE, "Безногов")])
        },
    ]
}

/// F7, answered with `rows`; returns the app on the calls screen.
fn on_log(lang: Lang, rows: Vec<LoggedCall>) -> App {
    let mut app = app(lang);
    app.calls.desk = "desk-1".to_owned();
    tick(&mut app, 700);
    let effects = press(&mut app, KeyCode::F(7));
    let req = load_req(&effects, false);
    app.update(Msg::CallLogLoaded { req, calls: rows });
    assert!(matches!(app.screen(), Screen::Calls(_)));
    app
}

fn load_req(effects: &[Effect], missed: bool) -> RequestId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadCallLog { req, missed_only } if *missed_only == missed => Some(*req),
            _ => None,
        })
        .expect("the log asked for")
}

fn calls_screen(app: &App) -> &crmcard::app::calls_screen::CallsScreen {
    match app.screen() {
        Screen::Calls(s) => s,
        other => panic!("not the calls screen: {other:?}"),
    }
}

#[test]
fn the_log_shows_each_call_with_time_number_client_and_status() {
    let app = on_log(Lang::Ru, morning());
    let screen = render(&app, 120, 40);
    for (number, client, status) in [
        ("номер скрыт", "неизвестный", "звонит"),
        ("+7 916 123-45-67", "неизвестный", "пропущен"),
        ("+7 999 888-77-66", "Безногов Сергей", "пропущен"),
        ("+7 903 111-22-33", "клиентов: 2", "перезвонили: desk-2"),
        ("+7 999 888-77-66", "Безногов Сергей", "принят: desk-1"),
    ] {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(number) && l.contains(client) && l.contains(status)),
            "{number} {client} {status}:\n{screen}"
        );
    }
    assert!(screen.contains("Журнал звонков"), "{screen}");
    assert!(
        screen.contains("15.01 11:10"),
        "the time at the offset: {screen}"
    );
}

#[test]
fn call_log_snapshots() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = on_log(lang, morning());
        press(&mut app, KeyCode::Down);
        snap!(&format!("call_log_{}", lang.code()), &app);
        let effects = press(&mut app, KeyCode::Char('m'));
        let req = load_req(&effects, true);
        let missed = morning()
            .into_iter()
            .filter(LoggedCall::is_open_missed)
            .collect();
        app.update(Msg::CallLogLoaded { req, calls: missed });
        snap!(&format!("call_log_missed_{}", lang.code()), &app);
        let effects = press(&mut app, KeyCode::Char('m'));
        let req = load_req(&effects, false);
        app.update(Msg::CallLogLoaded {
            req,
            calls: Vec::new(),
        });
        snap!(&format!("call_log_empty_{}", lang.code()), &app);
    }
}

#[test]
fn enter_opens_the_client_or_a_new_client_with_the_number() {
    let mut app = on_log(Lang::En, morning());
    // The third row: Безногов's missed call.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let ids: Vec<String> = loads(&press(&mut app, KeyCode::Enter))
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    assert_eq!(ids, [SAMPLE]);
    assert!(matches!(app.screen(), Screen::Lookup(_)), "the card loads");

    let mut app = on_log(Lang::En, morning());
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let f = form(&app);
    let value = f.contacts[0]
        .iter()
        .find(|field| field.id == crmcard::app::vocab::FieldId::ContactValue)
        .expect("the number");
    assert_eq!(value.current(), "+79161234567");
}

#[test]
fn called_back_marks_the_missed_call_and_resolves_the_numbers_others() {
    let mut rows = morning();
    rows.insert(
        3,
        LoggedCall {
            ended_at: Some(BASE + 360),
            ..row("c0", 350, "89998887766", &[(SAMPLE, "Безногов")])
        },
    );
    let mut app = on_log(Lang::En, rows);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::Char('b'));
    let logged: Vec<&LoggedCall> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LogCall(c) => Some(c.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].key, "c");
    assert_eq!(logged[0].called_back_at, Some(BASE + 700));
    assert_eq!(
        logged[0].status(),
        CallStatus::CalledBack {
            by: Some("desk-1".to_owned())
        }
    );
    let screen = calls_screen(&app);
    assert_eq!(screen.rows[3].key, "c0");
    assert_eq!(screen.rows[3].status(), CallStatus::RangAgain);
    assert!(render(&app, 120, 40).contains("called back: desk-1"));
    // An answered call is not a missed one: the key does nothing there.
    press(&mut app, KeyCode::End);
    let effects = press(&mut app, KeyCode::Char('b'));
    assert!(!effects.iter().any(|e| matches!(e, Effect::LogCall(_))));
    // Esc goes back.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Screen::Lookup(_)));
}

#[test]
fn enter_with_a_changed_form_below_says_to_leave_it_first() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Insert);
    type_text(&mut app, "Петров");
    let effects = press(&mut app, KeyCode::F(7));
    let req = load_req(&effects, false);
    app.update(Msg::CallLogLoaded {
        req,
        calls: morning(),
    });
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(loads(&effects).is_empty());
    let text = message(&app).expect("a message");
    assert!(text.lines[0].contains("Save the form"), "{text:?}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        text_of(&app, crmcard::app::vocab::FieldId::Lastname),
        "Петров"
    );
}

/// Through the real executor and the directory's database: a call missed,
/// listed with the filter, marked called back, gone from the filter.
#[tokio::test]
async fn a_missed_call_is_listed_and_called_back_through_the_log() {
    let mut h = Harness::start(Lang::En).await;
    h.app.calls.desk = "desk-1".to_owned();
    h.tick(10);
    let effects = h.app.update(Msg::Call(CallEvent::Ringing {
        number: "89998887766".to_owned(),
        source: "test".to_owned(),
        call_id: Some("m1".to_owned()),
    }));
    h.settle(effects).await;
    h.tick(40);
    let effects = h.app.update(Msg::Call(CallEvent::Ended {
        call_id: "m1".to_owned(),
    }));
    h.settle(effects).await;
    h.press(KeyCode::F(7)).await;
    h.press(KeyCode::Char('m')).await;
    let screen = render(&h.app, 120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains("+7 999 888-77-66"))
        .unwrap_or_else(|| panic!("listed:\n{screen}"));
    assert!(
        line.contains("missed") && line.contains("Безногов"),
        "{line}"
    );
    h.press(KeyCode::Char('b')).await;
    h.press(KeyCode::F(5)).await;
    assert!(
        calls_screen(&h.app).rows.is_empty(),
        "{:?}",
        calls_screen(&h.app).rows
    );
    h.press(KeyCode::Char('m')).await;
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("called back: desk-1"), "{screen}");
    h.sandbox.shutdown().await;
}

#[test]
fn the_call_back_key_dials_the_number_and_marks_the_missed_call() {
    let mut app = on_log(Lang::En, morning());
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::Char('p'));
    let dialled: Vec<&str> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Dial { number } => Some(number.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(dialled, ["+79998887766"]);
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::LogCall(c) if c.called_back_by.as_deref() == Some("desk-1"))
        )
    );
    // A hidden number has nothing to dial.
    press(&mut app, KeyCode::Home);
    assert!(
        !press(&mut app, KeyCode::Char('p'))
            .iter()
            .any(|e| matches!(e, Effect::Dial { .. }))
    );
}
