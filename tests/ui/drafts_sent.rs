//! A save that went out and was never answered (crmcard killed while
//! `Отправляю…`): its draft says so, and taken back it asks before it is
//! sent again (item 6 of issue 21).

use crmcard::api::ApiError;
use crmcard::app::draft::Draft;
use crmcard::app::popup::Popup;
use crmcard::app::{App, Msg};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::drafts::{offered, tick, written};
use crate::support::*;
use crmcard::app::vocab::Confirm;

/// The sample card's main data with a letter typed into the note.
fn typed_main_data() -> (App, Draft) {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    tick(&mut app, 1000);
    let draft = written(&type_text(&mut app, "а")).pop().expect("typed");
    (app, draft)
}

#[test]
fn a_save_going_out_writes_its_draft_at_once_with_the_mark() {
    let (mut app, draft) = typed_main_data();
    assert_eq!(draft.sent_at, None, "typed, not sent");
    // No tick between the keys and the save: the mark must not wait.
    let effects = send(&mut app, ctrl('s'));
    assert_eq!(write_ops(&effects).len(), 1);
    let marked = written(&effects)
        .pop()
        .expect("the draft written with the save");
    assert_eq!(marked.sent_at, Some(1_800_000_001));
    // A refusal from the CRM is an answer: the mark goes.
    let req = write_req(&effects);
    let effects = app.update(Msg::Written {
        req,
        result: Err(crm_error("DLW-0001", "отказ", "r-1", 200)),
    });
    let effects = [effects, tick(&mut app, 5_000)].concat();
    assert_eq!(written(&effects).pop().map(|d| d.sent_at), Some(None));
}

#[test]
fn no_answer_in_time_keeps_the_mark() {
    let (mut app, _) = typed_main_data();
    let req = write_req(&send(&mut app, ctrl('s')));
    app.update(Msg::Written {
        req,
        result: Err(ApiError::Timeout {
            seconds: 30,
            write: true,
        }),
    });
    type_text(&mut app, "!");
    let kept = written(&app.drafts_on_exit()).pop().expect("a draft");
    assert_eq!(kept.sent_at, Some(1_800_000_001));
}

#[test]
fn a_sent_draft_says_so_when_taken_back_and_asks_before_sending_again() {
    let (mut typed, _) = typed_main_data();
    let effects = send(&mut typed, ctrl('s'));
    let draft = written(&effects).pop().expect("marked");
    for lang in [Lang::Ru, Lang::En] {
        let mut app = offered(draft.clone(), 120);
        app.lang = lang;
        let list = render(&app, 120, 40);
        let mark = match lang {
            Lang::Ru => "назад, отправлен",
            Lang::En => "ago, sent",
        };
        assert!(list.contains(mark), "{list}");
        let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
        app.update(Msg::ClientLoaded {
            req,
            result: Ok(sample_card()),
        });
        assert!(on_form(&app));
        let screen = render(&app, 120, 40);
        let note = match lang {
            Lang::Ru => "ответ не получен",
            Lang::En => "no answer came",
        };
        assert!(screen.contains(note), "{screen}");

        // Ctrl-S asks; Enter is no, nothing is sent.
        let effects = send(&mut app, ctrl('s'));
        assert!(write_ops(&effects).is_empty());
        assert!(matches!(
            app.popups.last(),
            Some(Popup::Confirm(Confirm::SendAgainUnanswered { .. }))
        ));
        let question = confirm_question(&app).expect("a question");
        assert!(question.contains("08:00"), "{question}");
        let small = render(&app, 80, 24);
        let end = match lang {
            Lang::Ru => "ещё раз?",
            Lang::En => "again?",
        };
        assert!(small.contains(end), "{small}");
        let effects = press(&mut app, KeyCode::Enter);
        assert!(write_ops(&effects).is_empty());
        assert!(app.popups.is_empty());
        // Asked again, and `y` sends.
        send(&mut app, ctrl('s'));
        let effects = press(&mut app, KeyCode::Char('y'));
        assert_eq!(write_ops(&effects).len(), 1, "{lang:?}");
    }
}
