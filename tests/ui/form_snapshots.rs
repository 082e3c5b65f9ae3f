//! Forms, pickers and dialogs as text, at 80x24 and 120x40, in Russian,
//! reviewed and kept with insta.
//!
//! Run `INSTA_UPDATE=always cargo test --test ui` after a
//! deliberate change of the UI, then read every changed `.snap` file.

use crate::support::*;
use crmcard::app::form::Row;
use crmcard::app::vocab::FieldId;
use crmcard::app::{App, Msg};
use crmcard::i18n::Lang;
use crmcard::sandbox::Fault;
use ratatui::crossterm::event::KeyCode;

#[test]
fn main_data_date_error() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    retype(&mut app, FieldId::Birthday, "31.02.1990");
    snap!("form_main_date_error_ru", &app);
}

#[tokio::test]
async fn contact_phone_suggestion() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('2')).await;
    h.press(KeyCode::Char('a')).await;
    choose(&mut h, FieldId::ContactType, "моб").await;
    type_text(&mut h.app, "8 916 123-45-67");
    snap!("form_contact_phone_suggestion_ru", &h.app);
}

#[tokio::test]
async fn new_contact_starts_with_the_mobile_type() {
    for lang in [Lang::Ru, Lang::En] {
        let mut h = Harness::start(lang).await;
        h.open(SAMPLE).await;
        h.press(KeyCode::Char('2')).await;
        h.press(KeyCode::Char('a')).await;
        snap!(&format!("form_new_contact_{}", lang.code()), &h.app);
    }
}

async fn street_picker() -> Harness {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('3')).await;
    h.press(KeyCode::Char('a')).await;
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    h.type_text("тверс").await;
    h
}

#[tokio::test]
async fn address_street_picker_filtered() {
    let h = street_picker().await;
    snap!("form_address_street_picker_ru", &h.app);
}

#[tokio::test]
async fn add_street_dialog() {
    let mut h = street_picker().await;
    h.type_text("кая-Новая").await;
    h.press(KeyCode::Insert).await;
    h.press(KeyCode::Tab).await;
    h.type_text("1250").await;
    snap!("dialog_add_street_ru", &h.app);
}

#[tokio::test]
async fn new_client_with_a_contact_and_an_address() {
    let mut h = Harness::start(Lang::Ru).await;
    h.press(KeyCode::Insert).await;
    type_text(&mut h.app, "Лунев");
    retype(&mut h.app, FieldId::Firstname, "Олег");
    retype(&mut h.app, FieldId::Birthday, "05.06.1985");
    focus_row(&mut h.app, Row::AddContact);
    h.press(KeyCode::Enter).await;
    choose(&mut h, FieldId::ContactType, "моб").await;
    type_text(&mut h.app, "+79161234567");
    h.send(ctrl('s')).await;
    focus_row(&mut h.app, Row::AddAddress);
    h.press(KeyCode::Enter).await;
    choose(&mut h, FieldId::AddressType, "дом").await;
    choose(&mut h, FieldId::Country, "россия").await;
    choose(&mut h, FieldId::City, "москва").await;
    choose(&mut h, FieldId::Street, "тверс").await;
    type_text(&mut h.app, "7");
    focus(&mut h.app, FieldId::Apartments);
    type_text(&mut h.app, "12");
    h.send(ctrl('s')).await;
    snap!("form_new_client_listed_ru", &h.app);
}

#[tokio::test]
async fn failed_save() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Enter).await;
    retype(&mut h.app, FieldId::Lastname, "Безногов-Петров");
    h.sandbox.push_fault(Fault::Err("DLW-0015".to_owned()));
    h.send(ctrl('s')).await;
    // The requestId differs per run; put a fixed one in its place.
    if let Some(crmcard::api::ApiError::Crm(e)) = &mut form_mut(&mut h.app).error {
        e.request_id = "c98e26da9b9046d3bbb862e02d27bc25".to_owned();
    }
    snap!("form_failed_save_ru", &h.app);
}

fn form_mut(app: &mut App) -> &mut crmcard::app::FormScreen {
    match app.screens.last_mut() {
        Some(crmcard::app::Screen::Form(f)) => f,
        _ => panic!("no form on top"),
    }
}

#[test]
fn confirm_delete_contact() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('d'));
    assert!(confirm_question(&app).is_some());
    snap!("confirm_delete_contact_ru", &app);
}

#[test]
fn main_data_too_long_note() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    focus(&mut app, FieldId::Note);
    app.update(Msg::Paste("о".repeat(2000)));
    send(&mut app, ctrl('s'));
    snap!("form_main_too_long_ru", &app);
}
