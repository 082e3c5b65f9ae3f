//! Whole screens as text, at 80x24 and 120x40, reviewed and kept with insta.
//!
//! Run `INSTA_UPDATE=always cargo test --test ui` after a deliberate
//! change of the UI, then read every changed `.snap` file before committing.

use crate::support::*;
use crmcard::app::Msg;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

fn lang_code(lang: Lang) -> &'static str {
    lang.code()
}

// ---------------------------------------------------------------- lookup

#[test]
fn lookup_empty() {
    for lang in [Lang::Ru, Lang::En] {
        let desk = Desk::new(lang);
        snap!(&format!("lookup_empty_{}", lang_code(lang)), &desk.app);
    }
}

#[test]
fn lookup_list_focused() {
    let mut desk = Desk::new(Lang::Ru);
    desk.press(KeyCode::Down);
    desk.press(KeyCode::Down);
    snap!("lookup_list_focused_ru", &desk.app);
}

#[test]
fn lookup_filtered() {
    let mut desk = Desk::new(Lang::Ru);
    desk.type_text("андреев");
    snap!("lookup_filtered_ru", &desk.app);
}

#[test]
fn lookup_by_phone() {
    let mut desk = Desk::new(Lang::Ru);
    desk.type_text("8 999 27");
    snap!("lookup_by_phone_ru", &desk.app);
}

#[test]
fn lookup_wrong_layout() {
    let mut desk = Desk::new(Lang::Ru);
    desk.type_text("fylhttd");
    snap!("lookup_wrong_layout_ru", &desk.app);
}

#[test]
fn lookup_no_match() {
    for lang in [Lang::Ru, Lang::En] {
        let mut desk = Desk::new(lang);
        desk.type_text("Никтоневестович");
        snap!(&format!("lookup_no_match_{}", lang_code(lang)), &desk.app);
    }
}

#[test]
fn lookup_new_client_offer() {
    let mut desk = Desk::new(Lang::Ru);
    desk.type_text("8 916 123 45 67");
    desk.press(KeyCode::Enter);
    snap!("lookup_new_client_offer_ru", &desk.app);
}

#[test]
fn lookup_loading() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, SAMPLE);
    single_load(&press(&mut app, KeyCode::Enter));
    // The card is on its way: nothing offers to search for it again.
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Загружаю клиента"), "{screen}");
    assert!(!screen.contains("Совпадений нет"), "{screen}");
    snap!("lookup_loading_ru", &app);
}

#[test]
fn lookup_api_error() {
    for lang in [Lang::Ru, Lang::En] {
        let app = auth_error_app(lang);
        snap!(&format!("lookup_api_error_{}", lang_code(lang)), &app);
    }
}

#[test]
fn lookup_not_found() {
    for lang in [Lang::Ru, Lang::En] {
        let mut desk = Desk::new(lang);
        desk.type_text("Никтоневестович");
        desk.press(KeyCode::Enter);
        snap!(&format!("lookup_not_found_{}", lang_code(lang)), &desk.app);
    }
}

// ------------------------------------------------------------------ card

#[tokio::test]
async fn card_sample_every_section() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    let names = ["main", "contacts", "addresses", "accounts", "cards"];
    for (digit, name) in ('1'..='5').zip(names) {
        press(&mut h.app, KeyCode::Char(digit));
        snap!(&format!("card_sample_{digit}_{name}_ru"), &h.app);
    }
}

#[tokio::test]
async fn card_sample_english() {
    let mut h = Harness::start(Lang::En).await;
    h.open(SAMPLE).await;
    snap!("card_sample_1_main_en", &h.app);
    press(&mut h.app, KeyCode::Char('5'));
    snap!("card_sample_5_cards_en", &h.app);
}

#[tokio::test]
async fn card_rich_addresses_and_cards() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(RICH).await;
    press(&mut h.app, KeyCode::Char('3'));
    press(&mut h.app, KeyCode::Down);
    snap!("card_rich_3_addresses_second_ru", &h.app);
    press(&mut h.app, KeyCode::Char('4'));
    snap!("card_rich_4_accounts_ru", &h.app);
    press(&mut h.app, KeyCode::Char('5'));
    snap!("card_rich_5_cards_ru", &h.app);
}

#[tokio::test]
async fn card_balances_over_a_thousand() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(WEALTHY).await;
    press(&mut h.app, KeyCode::Char('4'));
    snap!("card_wealthy_4_accounts_ru", &h.app);
}

#[tokio::test]
async fn card_reloading() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    single_load(&press(&mut h.app, KeyCode::F(5)));
    snap!("card_sample_reloading_ru", &h.app);
}

// ---------------------------------------------------------------- popups

#[tokio::test]
async fn help_over_the_card() {
    for lang in [Lang::Ru, Lang::En] {
        let mut h = Harness::start(lang).await;
        h.open(SAMPLE).await;
        press(&mut h.app, KeyCode::F(1));
        snap!(&format!("help_over_card_{}", lang_code(lang)), &h.app);
    }
}

#[test]
fn help_over_the_lookup() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::F(1));
    snap!("help_over_lookup_ru", &app);
}

#[tokio::test]
async fn message_over_the_card() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    let (req, _) = single_load(&press(&mut h.app, KeyCode::F(5)));
    h.app.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error(
            "DLW-0004",
            "Service unavailable",
            "0b1c2d3e4f5061728394a5b6c7d8e9f0",
            503,
        )),
    });
    snap!("message_reload_error_ru", &h.app);
}
