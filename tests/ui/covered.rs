//! An answer for a screen the operator has moved away from (here: the call
//! log opened with F7 while it was awaited) is carried out where that
//! screen is, never dropped, and never takes the operator from the screen
//! they are on.

use crmcard::app::write::WriteAnswer;
use crmcard::app::{App, Msg, Popup, Screen};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// The kinds of the screens, bottom first.
fn stack(app: &App) -> Vec<&'static str> {
    app.screens
        .iter()
        .map(|s| match s {
            Screen::Lookup(_) => "lookup",
            Screen::Card(_) => "card",
            Screen::Form(_) => "form",
            Screen::Calls(_) => "calls",
        })
        .collect()
}

#[test]
fn a_card_asked_for_opens_over_the_call_log_the_operator_moved_to() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, SAMPLE);
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    press(&mut app, KeyCode::F(7));
    assert_eq!(stack(&app), ["lookup", "calls"]);
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert_eq!(stack(&app), ["lookup", "calls", "card"]);
    assert_eq!(card(&app).card.id, SAMPLE);
    // Esc goes back to where the operator was.
    press(&mut app, KeyCode::Esc);
    assert_eq!(stack(&app), ["lookup", "calls"]);
}

#[test]
fn a_form_saved_under_the_call_log_closes_there_and_its_card_gets_the_answer() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    retype(&mut app, crmcard::app::vocab::FieldId::Lastname, "Новикова");
    let req = write_req(&send(&mut app, ctrl('s')));
    press(&mut app, KeyCode::F(7));
    assert_eq!(stack(&app), ["lookup", "card", "form", "calls"]);
    let mut answer = sample_card();
    answer.lastname = "Новикова".to_owned();
    app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Card(answer)),
    });
    assert_eq!(
        stack(&app),
        ["lookup", "card", "calls"],
        "the form closed under the call log, which stays on top"
    );
    match &app.screens[1] {
        Screen::Card(c) => assert_eq!(c.card.lastname, "Новикова"),
        other => panic!("not the card: {other:?}"),
    }
    press(&mut app, KeyCode::Esc);
    assert!(on_card(&app));
    assert!(render(&app, 120, 40).contains("Новикова"));
}

#[test]
fn a_card_deleted_under_the_call_log_closes_there_and_says_so() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Delete);
    assert!(
        confirm_question(&app).is_some(),
        "the delete is asked first"
    );
    let req = write_req(&press(&mut app, KeyCode::Char('y')));
    press(&mut app, KeyCode::F(7));
    assert_eq!(stack(&app), ["lookup", "card", "calls"]);
    app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Deleted(SAMPLE.to_owned())),
    });
    assert_eq!(stack(&app), ["lookup", "calls"]);
    assert!(
        app.popups.iter().any(|p| matches!(p, Popup::Message(_))),
        "the deletion is said"
    );
}
