//! Incoming calls: the banner and the queue in `update`, the take key, and
//! the banner drawn.

use std::time::Duration;

use crate::support::*;
use crmcard::app::vocab::Caller;
use crmcard::app::vocab::{CallId, FieldId, PersonName};
use crmcard::app::{Clock, Effect, Msg, Screen};
use crmcard::calls::{CallEvent, LinkState};
use crmcard::directory::DirEntry;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

const TAKE: KeyCode = KeyCode::F(9);

fn tick(app: &mut crmcard::app::App, secs: u64) {
    app.update(Msg::Tick(Clock {
        since_start: Duration::from_secs(secs),
        unix_secs: 1_800_000_000 + secs,
        today: today(),
        utc_offset_secs: 0,
    }));
}

/// A call rings; returns the `FindCaller` it asked for.
fn ring(app: &mut crmcard::app::App, number: &str, pbx_id: Option<&str>) -> Option<CallId> {
    let effects = app.update(Msg::Call(CallEvent::Ringing {
        number: number.to_owned(),
        source: "test".to_owned(),
        call_id: pbx_id.map(str::to_owned),
    }));
    effects.iter().find_map(|e| match e {
        Effect::FindCaller { call, number: n } => {
            assert_eq!(n, number);
            Some(*call)
        }
        _ => None,
    })
}

fn caller(id: &str, lastname: &str, firstname: &str) -> Caller {
    Caller {
        id: id.to_owned(),
        name: PersonName {
            lastname: lastname.to_owned(),
            firstname: firstname.to_owned(),
            middlename: String::new(),
        },
    }
}

fn found(app: &mut crmcard::app::App, call: CallId, callers: Vec<Caller>) -> Vec<Effect> {
    app.update(Msg::CallerFound { call, callers })
}

fn banner(app: &crmcard::app::App) -> String {
    render_parts(app, 120, 40).0[1].clone()
}

#[test]
fn a_ringing_call_shows_the_number_and_the_client_on_any_screen() {
    let mut app = app(Lang::En);
    tick(&mut app, 100);
    let call = ring(&mut app, "89998887766", None).expect("looked up");
    assert!(
        banner(&app).contains("+7 999 888-77-66"),
        "{}",
        banner(&app)
    );
    assert!(banner(&app).contains("looking it up"), "{}", banner(&app));
    found(&mut app, call, vec![caller("7", "Безногов", "Сергей")]);
    tick(&mut app, 112);
    let line = banner(&app);
    for part in [
        "Call",
        "+7 999 888-77-66",
        "Безногов Сергей",
        "12 s ago",
        "F9 take",
    ] {
        assert!(line.contains(part), "{part} missing: {line}");
    }
    // The screen underneath is as it was: the lookup, its field empty.
    assert!(matches!(app.screen(), Screen::Lookup(_)));
    assert!(app.popups.is_empty());
    assert_eq!(lookup(&app).field.value(), "");
}

#[test]
fn several_calls_queue_oldest_first_and_an_ended_call_goes() {
    let mut app = app(Lang::En);
    let first = ring(&mut app, "89161234567", Some("pbx-1")).expect("first");
    let second = ring(&mut app, "89031112233", Some("pbx-2")).expect("second");
    found(&mut app, first, vec![]);
    found(
        &mut app,
        second,
        vec![caller("1", "A", "B"), caller("2", "C", "D")],
    );
    let numbers: Vec<&str> = app.calls.calls.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers, ["89161234567", "89031112233"]);
    let line = banner(&app);
    assert!(
        line.contains("+7 916 123-45-67") && line.contains("unknown number"),
        "{line}"
    );
    assert!(line.contains("1 more"), "{line}");
    // The same call reported again by the PBX is not a second call.
    assert_eq!(ring(&mut app, "89031112233", Some("pbx-2")), None);
    assert_eq!(app.calls.calls.len(), 2);

    app.update(Msg::Call(CallEvent::Ended {
        call_id: "pbx-1".to_owned(),
    }));
    let line = banner(&app);
    assert!(
        line.contains("+7 903 111-22-33") && line.contains("2 clients"),
        "{line}"
    );
    assert!(!line.contains("more"), "{line}");
    app.update(Msg::Call(CallEvent::Ended {
        call_id: "pbx-other".to_owned(),
    }));
    assert_eq!(app.calls.calls.len(), 1);
}

#[test]
fn the_banner_goes_by_itself_after_three_minutes() {
    let mut app = app(Lang::Ru);
    tick(&mut app, 10);
    ring(&mut app, "89161234567", None);
    tick(&mut app, 70);
    assert!(banner(&app).contains("1 мин назад"), "{}", banner(&app));
    tick(&mut app, 189);
    assert_eq!(app.calls.calls.len(), 1);
    tick(&mut app, 190);
    assert!(app.calls.calls.is_empty());
    assert!(!render(&app, 120, 40).contains("Звонок"));
}

#[test]
fn a_hidden_number_is_not_looked_up_and_takes_to_an_empty_lookup() {
    let mut app = app(Lang::En);
    open_card(&mut app, sample_card());
    assert_eq!(ring(&mut app, "<unknown>", Some("x")), None);
    assert!(banner(&app).contains("hidden number"), "{}", banner(&app));
    press(&mut app, TAKE);
    assert!(matches!(app.screen(), Screen::Lookup(_)));
    assert_eq!(lookup(&app).field.value(), "");
}

#[test]
fn taking_a_call_of_one_client_opens_its_card_with_one_get() {
    let mut app = app(Lang::En);
    let call = ring(&mut app, "89998887766", None).expect("looked up");
    // Before the directory answers, the key waits.
    assert!(press(&mut app, TAKE).is_empty());
    assert_eq!(app.calls.calls.len(), 1);
    found(&mut app, call, vec![caller(SAMPLE, "Безногов", "Сергей")]);
    let [(req, id)]: [_; 1] = loads(&press(&mut app, TAKE)).try_into().expect("one load");
    assert_eq!(id, SAMPLE);
    assert!(app.calls.calls.is_empty(), "a taken call leaves the banner");
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(on_card(&app));
    assert_eq!(card(&app).card.id, SAMPLE);
}

#[test]
fn taking_a_call_of_several_clients_lists_them_on_the_lookup_screen() {
    let mut app = app(Lang::En);
    open_card(&mut app, sample_card());
    let call = ring(&mut app, "8 (999) 888-77-66", None).expect("looked up");
    found(
        &mut app,
        call,
        vec![caller("1", "A", "B"), caller("2", "C", "D")],
    );
    let effects = press(&mut app, TAKE);
    assert!(loads(&effects).is_empty(), "no card is opened");
    assert!(
        matches!(app.screen(), Screen::Lookup(_)),
        "back on the lookup"
    );
    assert_eq!(lookup(&app).field.value(), "+79998887766");
}

#[test]
fn taking_a_call_of_an_unknown_number_starts_a_new_client_with_the_phone() {
    let mut app = app(Lang::En);
    let call = ring(&mut app, "8 916 123-45-67", None).expect("looked up");
    found(&mut app, call, vec![]);
    press(&mut app, TAKE);
    let f = form(&app);
    assert_eq!(f.contacts.len(), 1);
    let value = f.contacts[0]
        .iter()
        .find(|field| field.id == FieldId::ContactValue)
        .expect("a value");
    assert_eq!(value.current(), "+79161234567");
    assert!(app.calls.calls.is_empty());
}

#[test]
fn a_call_never_touches_a_changed_form_and_waits() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Insert);
    type_text(&mut app, "Петров");
    let before = text_of(&app, FieldId::Lastname);
    assert_eq!(before, "Петров");
    let first = ring(&mut app, "89998887766", None).expect("first");
    found(&mut app, first, vec![caller(SAMPLE, "Безногов", "Сергей")]);
    let second = ring(&mut app, "89161234567", None).expect("second");
    found(&mut app, second, vec![]);
    assert!(on_form(&app));
    assert_eq!(text_of(&app, FieldId::Lastname), before);

    // The take key asks whether to park the form; Esc leaves it as it is.
    let effects = press(&mut app, TAKE);
    assert!(effects.is_empty(), "{effects:?}");
    let question = confirm_question(&app).expect("a question");
    assert!(question.contains("Park it as a draft"), "{question}");
    press(&mut app, KeyCode::Esc);
    assert!(on_form(&app));
    assert_eq!(text_of(&app, FieldId::Lastname), before);
    assert_eq!(app.calls.calls.len(), 2, "both calls still wait");
    // The key works in a text field without typing into it.
    assert_eq!(text_of(&app, FieldId::Lastname), "Петров");
}

#[test]
fn the_ami_link_shows_quietly_in_the_header_only_once_reported() {
    let mut app = app(Lang::En);
    assert!(!render_parts(&app, 120, 40).0[0].contains("PBX"));
    for (state, words) in [
        (LinkState::Connected, "PBX: connected"),
        (LinkState::Reconnecting, "PBX: reconnecting"),
        (LinkState::LoginRefused, "PBX: login refused"),
    ] {
        app.update(Msg::Call(CallEvent::Link(state)));
        let header = render_parts(&app, 120, 40).0[0].clone();
        assert!(header.contains(words), "{header}");
    }
}

#[test]
fn the_take_key_shows_in_the_footer_and_help_only_while_a_call_waits() {
    let mut app = app(Lang::En);
    let footer = |app: &crmcard::app::App| render_parts(app, 120, 40).0[39].clone();
    assert!(!footer(&app).contains("take call"), "{}", footer(&app));
    ring(&mut app, "89161234567", None);
    assert!(footer(&app).contains("F9 take call"), "{}", footer(&app));
    // The help lists it with the keys that work everywhere, at its end.
    press(&mut app, KeyCode::F(1));
    let listed = (0..100).any(|_| {
        press(&mut app, KeyCode::Down);
        render(&app, 120, 40)
            .lines()
            .any(|l| l.contains("F9") && l.contains("take call"))
    });
    assert!(listed, "{}", render(&app, 120, 40));
}

/// The executor answers `FindCaller` from the client directory.
#[tokio::test]
async fn the_caller_is_found_in_the_directory() {
    let mut h = Harness::start(Lang::En).await;
    h.directory
        .blocking(|d| {
            for (id, lastname) in [("1", "Один"), ("2", "Два")] {
                d.upsert(&DirEntry {
                    id: id.to_owned(),
                    lastname: lastname.to_owned(),
                    phones: vec![
                        if id == "1" {
                            "8 903 111 22 33"
                        } else {
                            "+7 916 000-00-00"
                        }
                        .to_owned(),
                    ],
                    ..DirEntry::default()
                })?;
            }
            Ok::<_, crmcard::directory::DirectoryError>(())
        })
        .expect("directory");
    let effects = h.app.update(Msg::Call(CallEvent::Ringing {
        number: "+79031112233".to_owned(),
        source: "test".to_owned(),
        call_id: None,
    }));
    h.settle(effects).await;
    assert!(banner(&h.app).contains("Один"), "{}", banner(&h.app));
    let effects = h.app.update(Msg::Call(CallEvent::Ringing {
        number: "89990000000".to_owned(),
        source: "test".to_owned(),
        call_id: None,
    }));
    h.settle(effects).await;
    assert_eq!(h.app.calls.calls[1].callers, Some(vec![]), "unknown");
    assert!(banner(&h.app).contains("Один"), "{}", banner(&h.app));
    // The oldest is taken first: the known caller's (its card is asked of
    // the CRM); the unknown number waits.
    h.press(KeyCode::F(9)).await;
    assert!(!on_form(&h.app));
    let left: Vec<&str> = h
        .app
        .calls
        .calls
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    assert_eq!(left, ["89990000000"]);
}

#[test]
fn banner_snapshots() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = app(lang);
        tick(&mut app, 5);
        let older = ring(&mut app, "89161234567", Some("a")).expect("older");
        found(&mut app, older, vec![]);
        tick(&mut app, 50);
        let call = ring(&mut app, "89998887766", Some("b")).expect("newest");
        found(&mut app, call, vec![caller(SAMPLE, "Безногов", "Сергей")]);
        app.update(Msg::Call(CallEvent::Link(LinkState::Connected)));
        tick(&mut app, 95);
        snap!(&format!("call_banner_{}", lang.code()), &app);
    }
}

#[test]
fn a_lookup_under_way_is_given_up_for_the_call() {
    let mut app = app(Lang::En);
    // An id nobody in the directory has: Enter loads it from the CRM.
    type_text(&mut app, "42000000000042");
    let (old, _) = single_load(&press(&mut app, KeyCode::Enter));
    let call = ring(&mut app, "89998887766", None).expect("looked up");
    found(&mut app, call, vec![caller(SAMPLE, "Безногов", "Сергей")]);
    let effects = press(&mut app, TAKE);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Cancel(req) if *req == old)),
        "{effects:?}"
    );
    let ids: Vec<String> = loads(&effects).into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, [SAMPLE]);
}

#[test]
fn a_write_under_way_keeps_its_card_and_the_call_waits() {
    let mut app = app(Lang::En);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Delete);
    let writes = write_ops(&press(&mut app, KeyCode::Char('y')));
    assert_eq!(writes.len(), 1, "the delete is sent");
    let call = ring(&mut app, "89161234567", None).expect("looked up");
    found(&mut app, call, vec![]);
    assert!(press(&mut app, TAKE).is_empty());
    assert!(on_card(&app), "the card waits for its answer");
    assert_eq!(app.calls.calls.len(), 1);
}

#[test]
fn hidden_and_unrecognised_numbers_are_calls_shown_as_such_and_never_raw() {
    for (received, looked_up, ru, en) in [
        ("anonymous", None, "номер скрыт", "hidden number"),
        ("", None, "номер скрыт", "hidden number"),
        (
            "Безногов VIP 89998887766",
            None,
            "номер не распознан",
            "unrecognised number",
        ),
        (
            "sip:89998887766@pbx",
            Some("89998887766"),
            "+7 999 888-77-66",
            "+7 999 888-77-66",
        ),
    ] {
        for (lang, shown) in [(Lang::Ru, ru), (Lang::En, en)] {
            let mut app = app(lang);
            let effects = app.update(Msg::Call(CallEvent::Ringing {
                number: received.to_owned(),
                source: "test".to_owned(),
                call_id: None,
            }));
            let asked = effects.iter().find_map(|e| match e {
                Effect::FindCaller { number, .. } => Some(number.as_str()),
                _ => None,
            });
            assert_eq!(asked, looked_up, "{received}");
            let line = banner(&app);
            assert!(line.contains(shown), "{received}: {line}");
            assert!(!line.contains("VIP"), "{line}");
        }
    }
}
