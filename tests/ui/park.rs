//! A call over a changed form: the form parked as a draft, the call taken,
//! the form offered back on its client's card and from the drafts list,
//! and quitting with parked forms.

use crate::support::*;
use crmcard::app::vocab::Caller;
use crmcard::app::vocab::{CallId, Confirm, FieldId, PersonName};
use crmcard::app::{App, Effect, Msg, Popup};
use crmcard::calls::CallEvent;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// A call from `number`, which the directory knows as client `id`.
pub(crate) fn ring_known(app: &mut App, number: &str, id: &str) -> CallId {
    let effects = app.update(Msg::Call(CallEvent::Ringing {
        number: number.to_owned(),
        source: "test".to_owned(),
        call_id: None,
    }));
    let call = effects
        .iter()
        .find_map(|e| match e {
            Effect::FindCaller { call, .. } => Some(*call),
            _ => None,
        })
        .expect("looked up");
    app.update(Msg::CallerFound {
        call,
        callers: vec![Caller {
            id: id.to_owned(),
            name: PersonName {
                lastname: "Другой".to_owned(),
                ..PersonName::default()
            },
        }],
    });
    call
}

fn written_keys(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::WriteDraft { key, .. } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

fn removed(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RemoveDraft(key) => Some(key.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_changed_form_is_parked_the_call_taken_and_the_form_comes_back_whole() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    type_text(&mut app, "Петров");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Пётр");
    ring_known(&mut app, "89998887766", SAMPLE);
    press(&mut app, KeyCode::F(9));
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Confirm(Confirm::ParkForm { .. }))
    ));
    snap!("park_form_question_ru", &app);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(written_keys(&effects), ["new-client"], "written at once");
    assert!(removed(&effects).is_empty(), "and kept: {effects:?}");
    let ids: Vec<String> = loads(&effects).into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, [SAMPLE], "the call is taken");
    assert!(app.calls.calls.is_empty());
    assert!(!on_form(&app));
    assert_eq!(app.parked.drafts.len(), 1);

    // F6: the drafts list; Enter: the form again, every field as typed.
    press(&mut app, KeyCode::F(6));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Петров"), "{screen}");
    snap!("parked_drafts_list_ru", &app);
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app));
    assert_eq!(text_of(&app, FieldId::Lastname), "Петров");
    assert_eq!(text_of(&app, FieldId::Firstname), "Пётр");
    assert!(app.parked.drafts.is_empty());
}

#[test]
fn a_parked_clients_form_is_offered_back_when_its_card_opens() {
    let mut app = app(Lang::En);
    open_card(&mut app, sample_card());
    // Main data: the note changed.
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app));
    focus(&mut app, FieldId::Note);
    type_text(&mut app, " перезвонить");
    let note = text_of(&app, FieldId::Note);
    ring_known(&mut app, "89161234567", "42");
    press(&mut app, KeyCode::F(9));
    snap!("park_form_question_en", &app);
    let effects = press(&mut app, KeyCode::Char('y'));
    assert_eq!(written_keys(&effects), [format!("main-{SAMPLE}")]);
    // The caller's card is not in this CRM; the operator goes back to the
    // sample client, whose card offers the parked form.
    let [(req, id)]: [_; 1] = loads(&effects).try_into().expect("one load");
    assert_eq!(id, "42");
    app.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error("DLW-0001", "no client", "r1", 200)),
    });
    press(&mut app, KeyCode::Esc);
    open_card(&mut app, sample_card());
    assert!(
        matches!(app.popups.last(), Some(Popup::Drafts(offer)) if offer.drafts.len() == 1),
        "{:?}",
        app.popups
    );
    let (req, id) = single_load(&press(&mut app, KeyCode::Enter));
    assert_eq!(id, SAMPLE);
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(on_form(&app));
    assert_eq!(text_of(&app, FieldId::Note), note);
}

#[test]
fn quitting_with_parked_forms_keeps_them_and_says_so() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = app(lang);
        press(&mut app, KeyCode::Insert);
        type_text(&mut app, "Петров");
        ring_known(&mut app, "89998887766", SAMPLE);
        press(&mut app, KeyCode::F(9));
        press(&mut app, KeyCode::Enter);
        app.screens.truncate(1);
        send(&mut app, ctrl('q'));
        assert!(matches!(
            app.popups.last(),
            Some(Popup::Confirm(Confirm::QuitKeepsParked { forms: 1 }))
        ));
        snap!(&format!("quit_keeps_parked_{}", lang.code()), &app);
        press(&mut app, KeyCode::Enter);
        assert!(app.quit);
        assert!(removed(&app.drafts_on_exit()).is_empty(), "kept on disk");
    }
}

#[test]
fn the_drafts_list_and_the_help_fit_80x24_and_name_only_their_keys() {
    for lang in [Lang::Ru, Lang::En] {
        // F1 scrolled to its end: its last line and its bottom line whole.
        let mut app = app(lang);
        press(&mut app, KeyCode::F(1));
        for _ in 0..30 {
            press(&mut app, KeyCode::PageDown);
        }
        let screen = render(&app, 80, 24);
        let (last, bottom) = match lang {
            Lang::Ru => (
                "Esc и любая другая клавиша — «нет».",
                "↑↓ PgUp PgDn — прокрутка, Esc — закрыть",
            ),
            Lang::En => (
                "and any other key are no.",
                "↑↓ PgUp PgDn scroll, Esc closes",
            ),
        };
        assert!(screen.contains(last), "{screen}");
        assert!(screen.contains(bottom), "{screen}");
        // F6: the list's own help line whole, and a footer of its keys only
        // (no picker's Ins add or F2 rename).
        let mut app = crate::support::app(lang);
        press(&mut app, KeyCode::Insert);
        type_text(&mut app, "Петров");
        ring_known(&mut app, "89998887766", SAMPLE);
        press(&mut app, KeyCode::F(9));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::F(6));
        let (lines, _) = render_parts(&app, 80, 24);
        let (help, footer) = match lang {
            Lang::Ru => (
                "Enter — открыть и проверить, Delete — выбросить, Esc — позже",
                "Enter выбрать  Del удалить  ↑↓ строка  Ctrl-Q выход  F1 справка",
            ),
            Lang::En => (
                "Enter open to check, Delete discard, Esc later",
                "Enter choose  Del delete  ↑↓ row  Ctrl-Q quit  F1 help",
            ),
        };
        assert!(lines.iter().any(|l| l.contains(help)), "{lines:#?}");
        assert_eq!(
            lines.last().map(|l| l.trim_end()),
            Some(footer),
            "{lines:#?}"
        );
    }
}
