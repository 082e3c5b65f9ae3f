//! Keys typed while a save is under way: kept, replayed into the form if
//! the save fails; said and dropped if it succeeds, never sent to the card.

use crmcard::api::ApiError;
use crmcard::app::vocab::FieldId;
use crmcard::app::write::WriteAnswer;
use crmcard::app::{App, Msg, Popup, RequestId};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// The main data form, a new last name typed and Ctrl-S pressed, then
/// "ab", a paste and `d` typed while the save is under way.
fn saving_with_keys_typed() -> (App, RequestId) {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    retype(&mut app, FieldId::Lastname, "Новикова");
    let effects = send(&mut app, ctrl('s'));
    let req = write_req(&effects);
    let screen = render(&app, 100, 24);
    assert!(
        screen.contains("Отправляю… (CRM может сохранить, даже если ответ не придёт)"),
        "{screen}"
    );
    let mut effects = type_text(&mut app, "ab");
    effects.extend(app.update(Msg::Paste("cd".to_owned())));
    effects.extend(press(&mut app, KeyCode::Char('d')));
    // A second Ctrl-S is not held: it would be a write sent on its own later.
    effects.extend(send(&mut app, ctrl('s')));
    assert!(write_ops(&effects).is_empty(), "{effects:?}");
    assert_eq!(
        text_of(&app, FieldId::Lastname),
        "Новикова",
        "the form shows what was sent"
    );
    (app, req)
}

#[test]
fn keys_typed_while_saving_go_into_the_form_when_the_save_fails() {
    let (mut app, req) = saving_with_keys_typed();
    app.update(Msg::Written {
        req,
        result: Err(ApiError::Timeout {
            seconds: 15,
            write: true,
        }),
    });
    assert!(on_form(&app));
    assert_eq!(text_of(&app, FieldId::Lastname), "Новиковаabcdd");
    assert!(form(&app).held.is_empty());
}

#[test]
fn keys_typed_while_saving_are_counted_and_dropped_when_it_succeeds() {
    let (mut app, req) = saving_with_keys_typed();
    let mut card = sample_card();
    card.lastname = "Новикова".to_owned();
    let effects = app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Card(card)),
    });
    assert!(on_card(&app));
    assert!(write_ops(&effects).is_empty(), "{effects:?}");
    assert!(
        !app.popups.iter().any(|p| matches!(p, Popup::Confirm(_))),
        "no `d` reached the card"
    );
    let m = message(&app).expect("a message");
    let text = m.lines.join(" ");
    assert!(
        text.contains("Не применено нажатий, сделанных во время сохранения: 5."),
        "{text}"
    );
}
