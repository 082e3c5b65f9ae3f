//! A stale read does not undo a save: the CRM serves a GET from its cache
//! for a minute after a write, so within that minute the write's answer
//! stands, the card says so, and forms are filled from it.

use crmcard::app::vocab::FieldId;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

#[tokio::test]
async fn f5_within_the_cache_minute_keeps_the_saved_name_and_the_next_save_carries_it() {
    // The sandbox caches GETs for a minute, as the CRM does.
    let mut h = Harness::start(Lang::Ru).await;
    h.tick(1);
    h.open(SAMPLE).await;
    h.press(KeyCode::Enter).await;
    retype(&mut h.app, FieldId::Lastname, "Безногова");
    h.send(ctrl('s')).await;
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.lastname, "Безногова");

    h.tick(13);
    // The CRM's copy lags: a GET now answers with the old name.
    assert_eq!(h.fetch(SAMPLE).await.lastname, "Безногов");
    h.press(KeyCode::F(5)).await;
    assert_eq!(card(&h.app).card.lastname, "Безногова", "the save stands");
    let screen = render(&h.app, 110, 24);
    assert!(
        screen.contains("сохранено 12 с назад, копия CRM может отставать"),
        "{screen}"
    );

    // The next form is filled from the saved card: its PUT carries the new
    // last name with the new first name.
    h.press(KeyCode::Enter).await;
    assert_eq!(text_of(&h.app, FieldId::Lastname), "Безногова");
    retype(&mut h.app, FieldId::Firstname, "Сергей Петрович");
    h.send(ctrl('s')).await;
    let puts = h.requests_to("PUT", "Clients");
    let body = puts
        .last()
        .and_then(|r| r.body.clone())
        .expect("a PUT body");
    assert_eq!(body["lastname"], "Безногова", "{body}");
    assert_eq!(body["firstname"], "Сергей Петрович", "{body}");

    // After the minute, the CRM's copy is read again and the note goes.
    h.tick(80);
    h.press(KeyCode::F(5)).await;
    let screen = render(&h.app, 110, 24);
    assert!(!screen.contains("копия CRM"), "{screen}");
    assert!(screen.contains("загружена"), "{screen}");
}

#[tokio::test]
async fn a_second_desk_sends_only_what_its_operator_changed_in_an_address() {
    let mut h = Harness::start(Lang::Ru).await;
    let mut desk_b = app(Lang::Ru);
    // Desk B opens the card first: its copy is older than desk A's save.
    std::mem::swap(&mut h.app, &mut desk_b);
    h.open(SAMPLE).await;
    std::mem::swap(&mut h.app, &mut desk_b);
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('3')).await;
    h.press(KeyCode::Enter).await;
    retype(&mut h.app, FieldId::House, "99");
    h.send(ctrl('s')).await;
    assert_eq!(card(&h.app).card.addresses[0].house, "99");

    std::mem::swap(&mut h.app, &mut desk_b);
    assert_ne!(
        card(&h.app).card.addresses[0].house,
        "99",
        "desk B's copy is old"
    );
    h.press(KeyCode::Char('3')).await;
    h.press(KeyCode::Enter).await;
    retype(&mut h.app, FieldId::EntryCode, "1234");
    h.send(ctrl('s')).await;
    let puts = h.requests_to("PUT", "Clients/Addresses");
    let body = puts
        .last()
        .and_then(|r| r.body.clone())
        .expect("a PUT body");
    assert_eq!(body, serde_json::json!({"entryCode": "1234"}));
    // Desk A's house survives desk B's save, and desk B now shows it.
    let address = &card(&h.app).card.addresses[0];
    assert_eq!(
        (address.house.as_str(), address.entry_code.as_str()),
        ("99", "1234")
    );
}
