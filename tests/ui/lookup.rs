//! The lookup screen, driven through `App::update` with messages.

use crate::support::*;
use crmcard::app::lookup::{LookupError, LookupFocus};
use crmcard::app::{Effect, Msg};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

#[test]
fn typing_filters_the_recent_list_by_name() {
    let mut app = app(Lang::Ru);
    assert_eq!(shown_ids(&app).len(), app.recent().len());
    assert!(type_text(&mut app, "безног").is_empty());
    assert_eq!(shown_ids(&app), [SAMPLE]);
    assert_eq!(lookup(&app).field.value(), "безног");
    // A first name and a patronymic, in another case, `ё` as `е`.
    for _ in 0.."безног".chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "ИЛЬЯ ВИКТ");
    assert_eq!(shown_ids(&app), ["10000000009202"]);
}

#[test]
fn typing_filters_the_recent_list_by_phone_digits() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "958-36-69");
    assert_eq!(shown_ids(&app), ["10000000009202"]);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "+7 999 888 77 66");
    assert_eq!(shown_ids(&app), [SAMPLE]);
}

#[test]
fn typing_filters_the_recent_list_by_id() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "9230");
    assert_eq!(shown_ids(&app), [RICH]);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "1000000000923");
    assert_eq!(shown_ids(&app).len(), 10, "{:?}", shown_ids(&app));
}

#[test]
fn enter_with_digits_emits_one_load_of_that_id() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "12345");
    let effects = press(&mut app, KeyCode::Enter);
    let (req, id) = single_load(&effects);
    assert_eq!(id, "12345");
    assert_eq!(lookup(&app).pending, Some((req, "12345".to_owned())));
    assert!(app.is_busy());
    // Spaces inside the id (pasted from a document) do not matter.
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, " 100 200 ");
    let (_, id) = single_load(&press(&mut app, KeyCode::Enter));
    assert_eq!(id, "100200");
}

#[test]
fn enter_with_text_matching_nothing_says_not_an_id_and_asks_nothing() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "Никтоневестович");
    assert!(shown_ids(&app).is_empty());
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(lookup(&app).error, Some(LookupError::NotAnId));
    assert_eq!(lookup(&app).pending, None);
    assert!(!on_card(&app));
    // Typing again clears the complaint.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(lookup(&app).error, None);
}

#[test]
fn enter_with_text_matching_a_recent_client_opens_the_best_match() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "безногов");
    let (_, id) = single_load(&press(&mut app, KeyCode::Enter));
    assert_eq!(id, SAMPLE);
}

#[test]
fn arrows_move_between_the_field_and_the_list() {
    let mut app = app(Lang::Ru);
    assert_eq!(lookup(&app).focus, LookupFocus::Field);
    press(&mut app, KeyCode::Down);
    assert_eq!(lookup(&app).focus, LookupFocus::List);
    assert_eq!(lookup(&app).selected, 0);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(lookup(&app).selected, 2);
    press(&mut app, KeyCode::Up);
    assert_eq!(lookup(&app).selected, 1);
    press(&mut app, KeyCode::Up);
    assert_eq!(lookup(&app).selected, 0);
    assert_eq!(lookup(&app).focus, LookupFocus::List);
    // ↑ from the first row returns to the field.
    press(&mut app, KeyCode::Up);
    assert_eq!(lookup(&app).focus, LookupFocus::Field);
    // ↓ at the end of the list stays on the last row.
    press(&mut app, KeyCode::Down);
    for _ in 0..100 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(lookup(&app).selected, app.recent().len() - 1);
}

#[test]
fn down_with_an_empty_list_stays_in_the_field() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "zzz");
    press(&mut app, KeyCode::Down);
    assert_eq!(lookup(&app).focus, LookupFocus::Field);
}

#[test]
fn enter_in_the_list_loads_the_highlighted_client() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let expected = shown_ids(&app)[1].clone();
    let (_, id) = single_load(&press(&mut app, KeyCode::Enter));
    assert_eq!(id, expected);
    // In a filtered list too.
    let mut app = app_with(Lang::Ru, demo_recent());
    type_text(&mut app, "андреев");
    // Андреев Георгий, Сидоров Дмитрий Андреевич, Андреев Игорь.
    assert_eq!(
        shown_ids(&app),
        ["10000000009204", "10000000009206", "10000000009235"]
    );
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    let (_, id) = single_load(&press(&mut app, KeyCode::Enter));
    assert_eq!(id, "10000000009235");
}

#[test]
fn esc_clears_the_field_and_the_error_and_never_quits() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "Никтоневестович");
    press(&mut app, KeyCode::Enter);
    assert_eq!(lookup(&app).error, Some(LookupError::NotAnId));
    let effects = press(&mut app, KeyCode::Esc);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(lookup(&app).field.value(), "");
    assert_eq!(lookup(&app).error, None);
    assert_eq!(shown_ids(&app).len(), app.recent().len());
    for _ in 0..5 {
        let effects = press(&mut app, KeyCode::Esc);
        assert!(!app.quit, "{effects:?}");
        assert!(!app.quit);
    }
    // From the list, Esc returns to an empty field.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Esc);
    assert_eq!(lookup(&app).focus, LookupFocus::Field);
    assert_eq!(lookup(&app).selected, 0);
    assert!(!app.quit);
}

#[test]
fn typing_in_the_list_goes_to_the_field() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(lookup(&app).focus, LookupFocus::List);
    type_text(&mut app, "федор");
    assert_eq!(lookup(&app).focus, LookupFocus::Field);
    assert_eq!(lookup(&app).field.value(), "федор");
    assert_eq!(shown_ids(&app), ["10000000009202"]);
    // Russian letters that are the twins of bound Latin keys are text here.
    let mut app = app_with(Lang::Ru, demo_recent());
    press(&mut app, KeyCode::Down);
    type_text(&mut app, "фв");
    assert_eq!(lookup(&app).field.value(), "фв");
}

#[test]
fn a_stale_answer_after_esc_is_dropped() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, SAMPLE);
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    let effects = press(&mut app, KeyCode::Esc);
    assert!(
        matches!(effects.as_slice(), [Effect::Cancel(r)] if *r == req),
        "Esc stops the load, retries and all: {effects:?}"
    );
    assert_eq!(lookup(&app).pending, None);
    assert!(!app.is_busy());
    let effects = app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(effects.is_empty(), "{effects:?}");
    assert!(!on_card(&app));
    assert_eq!(app.screens.len(), 1);
}

#[test]
fn an_answer_to_an_older_request_is_dropped_when_a_newer_one_waits() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "111");
    let (old, _) = single_load(&press(&mut app, KeyCode::Enter));
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, SAMPLE);
    let (new, _) = single_load(&press(&mut app, KeyCode::Enter));
    assert_ne!(old, new);
    app.update(Msg::ClientLoaded {
        req: old,
        result: Err(crm_error("DLW-0010", "Client not found", "rid-old", 404)),
    });
    assert_eq!(lookup(&app).error, None);
    assert_eq!(lookup(&app).pending, Some((new, SAMPLE.to_owned())));
    app.update(Msg::ClientLoaded {
        req: new,
        result: Ok(sample_card()),
    });
    assert_eq!(card(&app).card.id, SAMPLE);
}

#[test]
fn an_answer_opens_the_card_and_remembers_the_client() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, SAMPLE);
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    let effects = app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(on_card(&app));
    assert_eq!(app.recent().entries()[0].id, SAMPLE);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveRecent(list)] if list.entries()[0].id == SAMPLE),
        "{effects:?}"
    );
    // Back on the lookup screen the field is empty and the client first.
    press(&mut app, KeyCode::Esc);
    assert!(!on_card(&app));
    assert_eq!(lookup(&app).field.value(), "");
    assert_eq!(shown_ids(&app)[0], SAMPLE);
}

#[test]
fn an_error_answer_is_shown_and_enter_retries_at_once() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "42");
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    let error = crmcard::api::ApiError::Timeout {
        seconds: 15,
        write: false,
    };
    app.update(Msg::ClientLoaded {
        req,
        result: Err(error.clone()),
    });
    assert_eq!(
        lookup(&app).error,
        Some(LookupError::Api {
            id: "42".to_owned(),
            error
        })
    );
    assert_eq!(lookup(&app).pending, None);
    assert!(!on_card(&app));
    assert_eq!(lookup(&app).field.value(), "42");
    let (retry, id) = single_load(&press(&mut app, KeyCode::Enter));
    assert_ne!(retry, req);
    assert_eq!(id, "42");
    assert_eq!(lookup(&app).error, None, "the old error goes on retry");
}

#[test]
fn paste_goes_to_the_field_without_control_characters() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Down);
    app.update(Msg::Paste("1000\x1b[2J0000009188\r\n".to_owned()));
    assert_eq!(lookup(&app).focus, LookupFocus::Field);
    assert!(
        lookup(&app).field.value().chars().all(|c| !c.is_control()),
        "{:?}",
        lookup(&app).field.value()
    );
}

// -------------------------------------------------- against the sandbox

#[tokio::test]
async fn the_real_loop_opens_a_card_from_the_sandbox() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    let card = &card(&h.app).card;
    assert_eq!(card.lastname, "Безногов");
    assert_eq!(card.contacts.len(), 2);
    assert!(!h.app.is_busy());
}

#[tokio::test]
async fn an_unknown_id_shows_the_crm_error_with_its_code_and_request_id() {
    let mut h = Harness::start(Lang::Ru).await;
    h.type_text("999").await;
    h.press(KeyCode::Enter).await;
    assert!(!on_card(&h.app));
    let Some(LookupError::Api { id, error }) = lookup(&h.app).error.clone() else {
        panic!("no API error: {:?}", lookup(&h.app).error);
    };
    assert_eq!(id, "999");
    let crm = error.crm().expect("an Err envelope");
    let request_id = crm.request_id.clone();
    assert!(!request_id.is_empty());
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("Клиент 999"), "{screen}");
    assert!(screen.contains("CRM отклонила запрос"), "{screen}");
    assert!(screen.contains(crm.code()), "{screen}");
    assert!(screen.contains(&request_id), "{screen}");
    // Retry at once: one more request goes out.
    let effects = press(&mut h.app, KeyCode::Enter);
    assert_eq!(single_load(&effects).1, "999");
}
