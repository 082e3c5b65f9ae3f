//! What the screen shows: hostile text from the server never reaches the
//! terminal as control characters; API errors are shown in full.

use crate::support::*;
use crmcard::api::model::Contact;
use crmcard::app::lookup::LookupError;
use crmcard::app::{App, Msg};
use crmcard::directory::{DirEntry, Directory};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

const HOSTILE: [&str; 4] = ["\x1b]0;pwned\x07", "\x1b[2J", "\r", "\u{9b}"];

fn is_control(c: char) -> bool {
    (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32))
}

/// Panics if any cell of the screen holds a control character.
fn assert_clean(app: &App, w: u16, h: u16, what: &str) {
    for (i, symbol) in all_symbols(app, w, h).iter().enumerate() {
        assert!(
            !symbol.chars().any(is_control),
            "{what} at {w}x{h}: cell {},{} holds {symbol:?}",
            i % usize::from(w),
            i / usize::from(w)
        );
    }
}

/// The hostile card as the CRM would send it, read by the API's decoder:
/// server text is cleaned once, there.
fn hostile_card() -> crmcard::api::model::ClientCard {
    let body = serde_json::json!({ "status": "Ok", "data": hostile_raw_card() });
    crmcard::api::decode::decode_card(200, body.to_string().as_bytes()).expect("decodes")
}

fn hostile_raw_card() -> crmcard::api::model::ClientCard {
    let mut card = sample_card();
    card.lastname = format!("Злой{}", HOSTILE[0]);
    card.firstname = format!("Хакер{}", HOSTILE[1]);
    card.middlename = format!("{}Петрович", HOSTILE[3]);
    card.note = format!(
        "первая{}строка\nвторая{}{}строка",
        HOSTILE[2], HOSTILE[0], HOSTILE[3]
    );
    card.contacts.push(Contact {
        id: "1".to_owned(),
        type_id: "1".to_owned(),
        type_name: format!("Тел{}", HOSTILE[1]),
        value: format!("+7{}999{}", HOSTILE.join(""), HOSTILE[2]),
    });
    card.addresses[0].street = format!("Тверская{}", HOSTILE.join(""));
    card.addresses[0].dop_info = format!("код{}1234", HOSTILE[0]);
    card.accounts[0].account_type_name = format!("бонус{}", HOSTILE[3]);
    card.cards[0].group_name = format!("золото{}", HOSTILE[1]);
    card
}

#[test]
fn hostile_text_in_a_card_never_reaches_the_terminal() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, SAMPLE);
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(hostile_card()),
    });
    assert!(on_card(&app));
    for section in ['1', '2', '3', '4', '5'] {
        press(&mut app, KeyCode::Char(section));
        if section == '2' {
            for _ in 0..3 {
                press(&mut app, KeyCode::Down);
            }
        }
        for (w, h) in [(80, 24), (120, 40)] {
            assert_clean(&app, w, h, &format!("section {section}"));
        }
    }
    // The visible text is still there.
    press(&mut app, KeyCode::Char('1'));
    let screen = render(&app, 120, 40);
    for text in [
        "Злой ",
        "Хакер ",
        "Петрович",
        "первая строка",
        "втораястрока",
    ] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    press(&mut app, KeyCode::Char('2'));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("+7 999"), "{screen}");
    press(&mut app, KeyCode::Char('3'));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Москва, Тверская, д. 10"), "{screen}");
    assert!(screen.contains("код1234"), "{screen}");
    press(&mut app, KeyCode::Esc);
    assert_clean(&app, 80, 24, "lookup after the hostile card");
}

#[test]
fn hostile_text_in_the_recent_file_never_reaches_the_terminal() {
    // The directory is a file on the workstation (and imports CSV files),
    // which anything may have written.
    let mut directory = Directory::in_memory().expect("directory");
    directory
        .upsert(&DirEntry {
            id: format!("42{}", HOSTILE[0]),
            lastname: format!("Злой{}{}Клиент", HOSTILE[1], HOSTILE[2]),
            phones: vec![format!("+7{}", HOSTILE[3])],
            emails: vec![format!("a{}@b.c", HOSTILE[1])],
            ..DirEntry::default()
        })
        .expect("upsert");
    let mut desk = Desk::with(Lang::Ru, directory);
    assert_clean(&desk.app, 80, 24, "lookup");
    desk.press(KeyCode::Down);
    assert_clean(&desk.app, 120, 40, "lookup list");
    let screen = render(&desk.app, 120, 40);
    assert!(screen.contains("Злой"), "{screen}");
    assert!(screen.contains("a@b.c"), "{screen}");
}

#[test]
fn hostile_text_in_an_error_never_reaches_the_terminal() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "10000000000042");
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error(
            &format!("DLW-0000{}", HOSTILE[0]),
            &format!("boom{}{}", HOSTILE[1], HOSTILE[3]),
            &format!("rid{}", HOSTILE[2]),
            500,
        )),
    });
    assert_clean(&app, 80, 24, "lookup error");
    assert_clean(&app, 120, 40, "lookup error");
    app.update(Msg::LocalSaveFailed(format!("disk{}full", HOSTILE[0])));
    assert_clean(&app, 80, 24, "message");
}

#[test]
fn a_crm_error_shows_title_meaning_code_and_request_id() {
    let app = auth_error_app(Lang::Ru);
    assert!(matches!(lookup(&app).error, Some(LookupError::Api { .. })));
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = render(&app, w, h);
        let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        for text in [
            "Не удалось открыть",
            "Клиент 10000000009188",
            "CRM отклонила запрос",
            "CRM не принимает ключ доступа (sid)",
            "DLW-0005 Authentication failed",
            "7f3c2a9e41d04b6f8e2b5c7d9a1e3f50",
        ] {
            assert!(
                flat.contains(text),
                "{text:?} missing at {w}x{h}:\n{screen}"
            );
        }
    }
    let app = auth_error_app(Lang::En);
    let screen = render(&app, 120, 40);
    for text in [
        "Could not open",
        "The CRM refused the request",
        "The CRM rejects the access key (sid)",
        "DLW-0005",
        "7f3c2a9e41d04b6f8e2b5c7d9a1e3f50",
    ] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
}

#[test]
fn transport_errors_are_explained_too() {
    let mut app = app(Lang::Ru);
    type_text(&mut app, "10000000000042");
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Err(crmcard::api::ApiError::Connect {
            message: "connection refused".to_owned(),
        }),
    });
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Нет связи с CRM"), "{screen}");
    assert!(screen.contains("connection refused"), "{screen}");
}
