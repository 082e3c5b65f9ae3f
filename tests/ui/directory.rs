//! The client directory in whole flows against the sandbox: a new client's
//! phone goes to the CRM in the canonical form, a second client with a
//! known phone is asked about first, a phone another client has warns.

use crate::support::*;
use crmcard::app::form::FormKind;
use crmcard::app::vocab::{Confirm, FieldId};
use crmcard::app::{Popup, Screen};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// From the lookup: the phone typed, Enter (nobody has it), Enter again
/// (the new-client form with that phone), a last name, Ctrl-S.
async fn new_client_by_phone(h: &mut Harness, phone: &str, lastname: &str) {
    h.type_text(phone).await;
    h.press(KeyCode::Enter).await;
    h.press(KeyCode::Enter).await;
    assert_eq!(form(&h.app).kind, FormKind::NewClient);
    focus(&mut h.app, FieldId::Lastname);
    h.type_text(lastname).await;
    h.send(ctrl('s')).await;
}

fn duplicate_question(h: &Harness) -> Option<&Confirm> {
    match h.app.popups.last() {
        Some(Popup::Confirm(c @ Confirm::DuplicatePhone { .. })) => Some(c),
        _ => None,
    }
}

#[tokio::test]
async fn a_new_clients_phone_is_sent_canonical_and_a_second_one_asks_first() {
    let mut h = Harness::start(Lang::Ru).await;
    new_client_by_phone(&mut h, "8 916 123 45 67", "Лунев").await;
    let posts = h.requests_to("POST", "Clients");
    assert_eq!(posts.len(), 1, "{posts:?}");
    let body = posts[0].body.clone().expect("a body");
    assert_eq!(body["contacts"][0]["value"], "+79161234567", "{body}");
    assert!(on_card(&h.app));
    let first = card(&h.app).card.id.clone();
    assert_eq!(
        h.known(&first).map(|e| e.phones),
        Some(vec!["+79161234567".to_owned()])
    );

    // Back to the lookup: a second new client with that number (typed in
    // another form) asks first, naming the first.
    h.press(KeyCode::Esc).await;
    new_client_by_phone_known(&mut h, "89161234567", "Лунева").await;
    let question = confirm_question(&h.app).expect("a question");
    assert!(question.contains("Лунев"), "{question}");
    assert!(
        question.contains("эта форма останется черновиком, F6"),
        "{question}"
    );
    assert!(question.contains("+7 916 123-45-67"), "{question}");
    assert!(question.contains(&first), "{question}");
    assert_eq!(
        h.requests_to("POST", "Clients").len(),
        1,
        "nothing sent yet"
    );
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("открыть ту карточку"), "{screen}");
    assert!(screen.contains("создать всё равно"), "{screen}");

    // The second choice creates the client anyway.
    h.press(KeyCode::Char('n')).await;
    assert_eq!(h.requests_to("POST", "Clients").len(), 2);
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.lastname, "Лунева");
}

/// As [`new_client_by_phone`] for a phone the directory knows: Enter opens
/// that client, so the form comes from Insert with the phone typed.
async fn new_client_by_phone_known(h: &mut Harness, phone: &str, lastname: &str) {
    h.type_text(phone).await;
    h.press(KeyCode::Insert).await;
    assert_eq!(form(&h.app).contacts.len(), 1, "the phone is filled in");
    focus(&mut h.app, FieldId::Lastname);
    h.type_text(lastname).await;
    h.send(ctrl('s')).await;
}

#[tokio::test]
async fn the_first_choice_opens_the_card_that_has_the_phone() {
    let mut h = Harness::start(Lang::Ru).await;
    // Безногов's mobile, typed as operators do.
    new_client_by_phone_known(&mut h, "8 999 888 77 66", "Двойников").await;
    assert!(duplicate_question(&h).is_some(), "{:?}", h.app.popups);
    let gets = h.requests_to("GET", "Clients").len();
    h.press(KeyCode::Char('y')).await;
    assert!(
        h.requests_to("POST", "Clients").is_empty(),
        "nothing created"
    );
    assert_eq!(h.requests_to("GET", "Clients").len(), gets + 1);
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.id, SAMPLE);
    assert_eq!(h.app.screens.len(), 2, "the form is closed");
    // ... and kept as a draft: F6 lists it, Enter brings it back as typed.
    assert_eq!(h.app.parked.drafts.len(), 1, "{:?}", h.app.parked.drafts);
    h.press(KeyCode::Esc).await;
    h.press(KeyCode::F(6)).await;
    let screen = render(&h.app, 80, 24);
    assert!(screen.contains("Двойников"), "{screen}");
    h.press(KeyCode::Enter).await;
    assert_eq!(form(&h.app).kind, FormKind::NewClient);
    assert_eq!(text_of(&h.app, FieldId::Lastname), "Двойников");
    assert_eq!(form(&h.app).contacts.len(), 1, "the phone too");
    // Esc on the question keeps the form as it was.
    let mut h = Harness::start(Lang::Ru).await;
    new_client_by_phone_known(&mut h, "89998887766", "Двойников").await;
    assert!(duplicate_question(&h).is_some(), "{:?}", h.app.popups);
    h.press(KeyCode::Esc).await;
    assert!(h.app.popups.is_empty());
    assert!(matches!(h.app.screen(), Screen::Form(_)));
    assert!(h.requests_to("POST", "Clients").is_empty());
}

#[tokio::test]
async fn a_phone_another_client_has_is_saved_with_a_warning() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(RICH).await;
    h.press(KeyCode::Char('2')).await;
    h.press(KeyCode::Char('a')).await;
    choose(&mut h, FieldId::ContactType, "моб").await;
    // Безногов's mobile.
    h.type_text("8 (999) 888-77-66").await;
    h.send(ctrl('s')).await;
    let posts = h.requests_to("POST", "Clients/Contacts");
    assert_eq!(posts.len(), 1, "a warning, not a refusal");
    assert!(on_card(&h.app));
    let m = message(&h.app).expect("a warning");
    assert!(!m.is_error);
    let text = m.lines.join(" ");
    assert!(text.contains("Безногов Сергей Витальевич"), "{text}");
    assert!(text.contains("+7 999 888-77-66"), "{text}");
    // A phone nobody else has says nothing.
    h.press(KeyCode::Esc).await;
    h.press(KeyCode::Char('a')).await;
    choose(&mut h, FieldId::ContactType, "моб").await;
    h.type_text("8 916 000 00 01").await;
    h.send(ctrl('s')).await;
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
}

#[tokio::test]
async fn the_known_phone_question_says_the_form_stays_a_draft() {
    for lang in [Lang::Ru, Lang::En] {
        let mut h = Harness::start(lang).await;
        new_client_by_phone_known(&mut h, "8 999 888 77 66", "Двойников").await;
        assert!(duplicate_question(&h).is_some(), "{:?}", h.app.popups);
        snap!(&format!("known_phone_question_{}", lang.code()), &h.app);
    }
}
