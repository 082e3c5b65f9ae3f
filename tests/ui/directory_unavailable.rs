//! The client directory cannot be read (its file did not open): the lookup,
//! the banner and a new client's known-phone check say "cannot check",
//! never "no client has the number" (item 7 of issue 21).

use crate::support::*;
use crmcard::app::form::FormKind;
use crmcard::app::vocab::{Confirm, FieldId};
use crmcard::app::{Msg, Popup};
use crmcard::calls::CallEvent;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

#[tokio::test]
async fn a_phone_lookup_says_the_directory_cannot_be_checked() {
    for lang in [Lang::Ru, Lang::En] {
        let mut h = Harness::without_directory(lang).await;
        h.type_text("8 916 123 45 67").await;
        let screen = render(&h.app, 120, 40);
        let (unchecked, never) = match lang {
            Lang::Ru => ("поиск не выполнен", "Совпадений нет"),
            Lang::En => ("nothing was searched", "No match"),
        };
        assert!(screen.contains(unchecked), "{screen}");
        assert!(!screen.contains(never), "{screen}");
        h.press(KeyCode::Enter).await;
        let screen = render(&h.app, 120, 40);
        let (said, never) = match lang {
            Lang::Ru => ("проверить нельзя", "Клиента с номером"),
            Lang::En => ("cannot be checked", "No client has"),
        };
        assert!(screen.contains(said), "{screen}");
        assert!(!screen.contains(never), "{screen}");
        // Enter again: a new client with that number, as before.
        h.press(KeyCode::Enter).await;
        assert_eq!(form(&h.app).kind, FormKind::NewClient);
        assert_eq!(form(&h.app).contacts.len(), 1);
    }
}

#[tokio::test]
async fn a_new_clients_phone_is_not_created_unchecked_without_a_yes() {
    let mut h = Harness::without_directory(Lang::Ru).await;
    h.type_text("8 916 123 45 67").await;
    h.press(KeyCode::Enter).await;
    h.press(KeyCode::Enter).await;
    focus(&mut h.app, FieldId::Lastname);
    h.type_text("Лунев").await;
    h.send(ctrl('s')).await;
    assert!(
        matches!(
            h.app.popups.last(),
            Some(Popup::Confirm(Confirm::PhoneNotChecked { seen, .. })) if seen.is_empty()
        ),
        "{:?}",
        h.app.popups
    );
    let question = confirm_question(&h.app).expect("a question");
    assert!(question.contains("не проверен"), "{question}");
    assert!(question.contains("+7 916 123-45-67"), "{question}");
    // Enter is no: nothing is created.
    h.press(KeyCode::Enter).await;
    assert!(h.requests_to("POST", "Clients").is_empty());
    assert!(h.app.popups.is_empty());
    h.send(ctrl('s')).await;
    h.press(KeyCode::Char('y')).await;
    assert_eq!(h.requests_to("POST", "Clients").len(), 1);
    assert!(on_card(&h.app));
}

#[tokio::test]
async fn the_check_falls_back_to_the_clients_seen_this_run() {
    let mut h = Harness::without_directory(Lang::Ru).await;
    // Безногов opened by id this run: his mobile is +7 999 888-77-66.
    h.open(SAMPLE).await;
    h.press(KeyCode::Esc).await;
    h.type_text("8 999 888 77 66").await;
    h.press(KeyCode::Insert).await;
    focus(&mut h.app, FieldId::Lastname);
    h.type_text("Двойников").await;
    h.send(ctrl('s')).await;
    let question = confirm_question(&h.app).expect("a question");
    assert!(question.contains("Безногов"), "{question}");
    assert!(question.contains("недоступен"), "{question}");
    // The first choice opens the card seen; nothing is created.
    h.press(KeyCode::Char('y')).await;
    assert!(h.requests_to("POST", "Clients").is_empty());
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.id, SAMPLE);
}

#[tokio::test]
async fn the_banner_says_the_directory_is_unavailable_not_unknown() {
    let mut h = Harness::without_directory(Lang::Ru).await;
    let effects = h.app.update(Msg::Call(CallEvent::Ringing {
        number: "+79161234567".to_owned(),
        source: "cli".to_owned(),
        call_id: None,
    }));
    h.settle(effects).await;
    let call = h.app.calls.front().expect("a call").id;
    assert!(h.app.calls.is_unchecked(call));
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("справочник недоступен"), "{screen}");
    assert!(!screen.contains("номер неизвестен"), "{screen}");
}
