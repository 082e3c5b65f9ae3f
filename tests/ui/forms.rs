//! The main data and contact forms, through `App::update`: as typed, on
//! save against the sandbox, and on the way out.

use crate::support::*;
use crmcard::api::model::ClientCard;
use crmcard::app::form::{FormKind, FormNote, Problem, Value};
use crmcard::app::vocab::{FieldId, Section};
use crmcard::app::write::{WriteAnswer, WriteOp};
use crmcard::app::{App, Msg, Popup};
use crmcard::dates::DateError;
use crmcard::i18n::Lang;
use crmcard::sandbox::Fault;
use ratatui::crossterm::event::KeyCode;

// ---------------------------------------------------------------- helpers

fn opened() -> App {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    app
}

/// The sample card with its main data form open.
fn main_form() -> App {
    let mut app = opened();
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(on_form(&app));
    app
}

fn gets_of_clients(h: &Harness) -> usize {
    h.requests_to("GET", "Clients").len()
}

// -------------------------------------------------------- main data form

#[test]
fn main_data_form_opens_with_the_card_values_focus_on_last_name_cursor_at_end() {
    let app = main_form();
    let f = form(&app);
    assert_eq!(
        f.kind,
        FormKind::MainData {
            client_id: SAMPLE.to_owned()
        }
    );
    assert_eq!(f.section, Section::Main);
    let values: Vec<(FieldId, &str)> = f.fields.iter().map(|f| (f.id, f.current())).collect();
    assert_eq!(
        values,
        [
            (FieldId::Lastname, "Безногов"),
            (FieldId::Firstname, "Сергей"),
            (FieldId::Middlename, "Витальевич"),
            (FieldId::Birthday, "18.10.1971"),
            (FieldId::Note, "лояльный клиент"),
        ]
    );
    assert_eq!(f.focus, 0);
    assert_eq!(f.focused_field().map(|f| f.id), Some(FieldId::Lastname));
    let Some(Value::Text(t)) = f.focused_field().map(|f| &f.value) else {
        panic!("last name is not a text field");
    };
    assert_eq!(t.cursor(), "Безногов".chars().count());
    assert!(!f.is_dirty());
    assert!(f.fields.iter().all(|f| f.problem.is_none()));
}

#[test]
fn an_empty_last_name_is_required_as_typed() {
    let mut app = main_form();
    clear(&mut app);
    assert_eq!(text_of(&app, FieldId::Lastname), "");
    assert_eq!(problem_of(&app, FieldId::Lastname), Some(Problem::Required));
    type_text(&mut app, "И");
    assert_eq!(problem_of(&app, FieldId::Lastname), None);
}

#[test]
fn birthdays_are_checked_as_typed() {
    let mut app = main_form();
    retype(&mut app, FieldId::Birthday, "31.02.1990");
    assert!(
        matches!(
            problem_of(&app, FieldId::Birthday),
            Some(Problem::Date(DateError::DayOutOfRange {
                day: 31,
                month: 2,
                year: 1990
            }))
        ),
        "{:?}",
        problem_of(&app, FieldId::Birthday)
    );
    retype(&mut app, FieldId::Birthday, "01.01.2100");
    assert_eq!(
        problem_of(&app, FieldId::Birthday),
        Some(Problem::Date(DateError::InFuture))
    );
    retype(&mut app, FieldId::Birthday, "1.2.1990");
    assert_eq!(problem_of(&app, FieldId::Birthday), None);
    // An empty birthday is allowed (it is not known).
    retype(&mut app, FieldId::Birthday, "");
    assert_eq!(problem_of(&app, FieldId::Birthday), None);
}

#[test]
fn a_too_long_note_loses_nothing_and_save_refuses_with_focus_on_it() {
    let mut app = main_form();
    focus(&mut app, FieldId::Note);
    clear(&mut app);
    let long: String = "абвгдежзий".repeat(1000);
    assert_eq!(long.chars().count(), 10_000);
    app.update(Msg::Paste(long.clone()));
    assert_eq!(text_of(&app, FieldId::Note), long, "the note was cut");
    assert_eq!(
        problem_of(&app, FieldId::Note),
        Some(Problem::TooLong {
            max: 1000,
            len: 10_000
        })
    );
    // Save from another field: refused, and the focus goes to the note.
    focus(&mut app, FieldId::Lastname);
    let effects = send(&mut app, ctrl('s'));
    assert!(write_ops(&effects).is_empty(), "{effects:?}");
    let f = form(&app);
    assert_eq!(f.note, Some(FormNote::FixFields));
    assert_eq!(f.focused_field().map(|f| f.id), Some(FieldId::Note));
    assert_eq!(f.saving, None);
    assert_eq!(text_of(&app, FieldId::Note), long);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("слишком длинно: 10000 из 1000 знаков"),
        "{screen}"
    );
    assert!(
        screen.contains("Не сохранено: исправьте отмеченные поля."),
        "{screen}"
    );
}

#[test]
fn pasted_control_characters_are_removed_and_flagged() {
    let mut app = main_form();
    focus(&mut app, FieldId::Firstname);
    clear(&mut app);
    app.update(Msg::Paste("a\x1b[2Jb\x07c".to_owned()));
    let value = text_of(&app, FieldId::Firstname);
    assert!(!value.chars().any(char::is_control), "{value:?}");
    assert_eq!(value, "abc");
    let field = form(&app).field(FieldId::Firstname).expect("first name");
    assert!(field.cleaned);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("управляющие символы удалены"), "{screen}");
    // A clean paste does not raise the flag.
    focus(&mut app, FieldId::Middlename);
    app.update(Msg::Paste("Петрович".to_owned()));
    assert!(
        !form(&app)
            .field(FieldId::Middlename)
            .expect("middle name")
            .cleaned
    );
}

#[test]
fn esc_on_a_dirty_form_asks_n_keeps_it_y_drops_it() {
    let mut app = main_form();
    type_text(&mut app, "а");
    assert!(form(&app).is_dirty());
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.popups.last(), Some(Popup::Confirm { .. })),
        "{:?}",
        app.popups
    );
    assert!(app.has_unsaved_changes());
    press(&mut app, KeyCode::Char('n'));
    assert!(app.popups.is_empty());
    assert!(on_form(&app));
    assert_eq!(text_of(&app, FieldId::Lastname), "Безногова");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.popups.is_empty());
    assert!(on_card(&app));
    assert_eq!(card(&app).section, Section::Main);
    // Nothing was written, and the card is as it was.
    assert_eq!(card(&app).card.lastname, "Безногов");
}

#[test]
fn esc_on_a_clean_form_closes_at_once_back_to_its_section() {
    let mut app = opened();
    // An address form, opened from section 3.
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).section, Section::Addresses);
    let effects = press(&mut app, KeyCode::Esc);
    assert!(write_ops(&effects).is_empty());
    assert!(app.popups.is_empty());
    assert!(on_card(&app));
    assert_eq!(card(&app).section, Section::Addresses);
    assert_eq!(card(&app).row(), 1, "the selected row is kept");
    // The same from Contacts.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app));
    press(&mut app, KeyCode::Esc);
    assert!(on_card(&app));
    assert_eq!(card(&app).section, Section::Contacts);
}

/// What a PUT Clients answers, built by hand: the CRM kept the old last name.
#[test]
fn fields_the_crm_kept_are_named_in_a_message() {
    let mut app = main_form();
    retype(&mut app, FieldId::Lastname, "Иванов");
    let effects = send(&mut app, ctrl('s'));
    // One write (and the draft marked as sent with it).
    let (req, op) = match write_ops(&effects).as_slice() {
        [op] => (write_req(&effects), op.clone()),
        other => panic!("expected one write: {other:?}"),
    };
    let WriteOp::UpdateClient { client_id, main } = op else {
        panic!("not an UpdateClient: {op:?}");
    };
    assert_eq!(client_id, SAMPLE);
    assert_eq!(main.lastname.as_deref(), Some("Иванов"));
    // The answer: everything as sent but the last name.
    let answer = ClientCard {
        lastname: "Безногов".to_owned(),
        ..sample_card()
    };
    app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Card(answer)),
    });
    assert!(on_card(&app), "the form did not close");
    assert_eq!(card(&app).card.lastname, "Безногов", "the answer is shown");
    let m = message(&app).expect("a message about the kept field");
    assert!(!m.is_error);
    assert_eq!(m.title, "CRM изменила не всё");
    let text = m.lines.join(" ");
    assert!(text.contains("Фамилия"), "{text}");
    assert!(
        !text.contains("Имя"),
        "only the kept field is named: {text}"
    );
}

// ------------------------------------------------ main data: the server

#[tokio::test]
async fn saving_main_data_sends_one_put_and_shows_the_answer() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    assert_eq!(gets_of_clients(&h), 1);
    h.press(KeyCode::Enter).await;
    retype(&mut h.app, FieldId::Firstname, "Сергий");
    retype(&mut h.app, FieldId::Birthday, "2.3.1980");
    retype(&mut h.app, FieldId::Note, "звонить после 18:00");
    h.send(ctrl('s')).await;

    let puts = h.requests_to("PUT", "Clients");
    assert_eq!(puts.len(), 1, "{puts:?}");
    let put = &puts[0];
    assert_eq!(query_names(put), ["clientId", "objectId"]);
    assert_eq!(query(put, "clientId").as_deref(), Some(SAMPLE));
    assert_eq!(
        put.body,
        Some(serde_json::json!({
            "lastname": "Безногов",
            "firstname": "Сергий",
            "middlename": "Витальевич",
            "birthday": "1980-03-02",
            "note": "звонить после 18:00",
        }))
    );
    // The card shown is the answer: no GET after the write.
    assert_eq!(gets_of_clients(&h), 1);
    assert!(on_card(&h.app));
    let c = &card(&h.app).card;
    assert_eq!(c.firstname, "Сергий");
    assert!(c.birthday.starts_with("1980-03-02"), "{}", c.birthday);
    assert_eq!(c.note, "звонить после 18:00");
    // A birthday the CRM took: no warning about kept fields.
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    // The directory knows the new name.
    let known = h.known(SAMPLE).expect("known");
    assert!(known.name().contains("Сергий"), "{known:?}");
}

#[tokio::test]
async fn a_failed_save_keeps_everything_and_saving_again_works() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Enter).await;
    retype(&mut h.app, FieldId::Lastname, "Безногов-Петров");
    retype(&mut h.app, FieldId::Middlename, "Иванович");
    let typed: Vec<String> = form(&h.app)
        .fields
        .iter()
        .map(|f| f.current().to_owned())
        .collect();

    for (fault, meaning) in [
        (Fault::Http500, "Сервер CRM ответил ошибкой HTTP 500"),
        (
            Fault::Err("DLW-0015".to_owned()),
            "Сервер ресторана не ответил вовремя",
        ),
    ] {
        h.sandbox.push_fault(fault);
        let before = h.requests_to("PUT", "Clients").len();
        h.send(ctrl('s')).await;
        assert_eq!(
            h.requests_to("PUT", "Clients").len(),
            before + 1,
            "a write is never retried"
        );
        assert!(on_form(&h.app), "the form closed after a failure");
        let f = form(&h.app);
        assert!(f.error.is_some());
        assert_eq!(f.saving, None);
        let now: Vec<String> = f.fields.iter().map(|f| f.current().to_owned()).collect();
        assert_eq!(now, typed, "typed values were lost");
        let screen = render(&h.app, 120, 40);
        assert!(screen.contains("Не сохранено"), "{screen}");
        assert!(screen.contains(meaning), "{screen}");
    }
    h.send(ctrl('s')).await;
    assert_eq!(h.requests_to("PUT", "Clients").len(), 3);
    assert!(on_card(&h.app));
    assert_eq!(card(&h.app).card.lastname, "Безногов-Петров");
    assert_eq!(card(&h.app).card.middlename, "Иванович");
}

// ------------------------------------------------------------- contacts

/// Harness on the sample card, section Contacts.
async fn on_contacts() -> Harness {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    h.press(KeyCode::Char('2')).await;
    h
}

#[tokio::test]
async fn a_new_contact_through_the_type_picker_saves_the_phone_canonical() {
    let mut h = on_contacts().await;
    h.press(KeyCode::Char('a')).await;
    let f = form(&h.app);
    assert_eq!(
        f.kind,
        FormKind::Contact {
            client_id: SAMPLE.to_owned(),
            contact_id: None
        }
    );
    // Without [defaults] contact_type, the CRM's mobile type is chosen and
    // the value is next.
    assert_eq!(
        f.field(FieldId::ContactType)
            .and_then(|f| f.choice_value())
            .map(|c| c.name.as_str()),
        Some("Телефон мобильный")
    );
    assert_eq!(f.focused_field().map(|f| f.id), Some(FieldId::ContactValue));
    h.press(KeyCode::BackTab).await;
    assert_eq!(
        form(&h.app).focused_field().map(|f| f.id),
        Some(FieldId::ContactType)
    );

    h.press(KeyCode::Enter).await;
    let p = picker(&h.app).expect("the contact-type picker");
    assert!(p.loaded);
    assert_eq!(p.items.len(), 6);
    h.type_text("моб").await;
    let p = picker(&h.app).expect("the picker stays open");
    assert_eq!(picker_names(p), ["Телефон мобильный"]);
    h.press(KeyCode::Enter).await;
    assert!(picker(&h.app).is_none());
    let f = form(&h.app);
    assert_eq!(
        f.field(FieldId::ContactType)
            .and_then(|f| f.choice_value())
            .map(|c| c.name.as_str()),
        Some("Телефон мобильный")
    );
    assert_eq!(f.focused_field().map(|f| f.id), Some(FieldId::ContactValue));

    type_text(&mut h.app, "333");
    assert_eq!(
        problem_of(&h.app, FieldId::ContactValue),
        Some(Problem::PhoneDigits { count: 3 })
    );
    clear(&mut h.app);
    type_text(&mut h.app, "8 916 123-45-67");
    // A phone is saved in the canonical form without F3; the form says so.
    let field = form(&h.app).field(FieldId::ContactValue).expect("value");
    assert_eq!(field.problem, None);
    assert_eq!(field.suggestion, None);
    assert_eq!(field.saved_as.as_deref(), Some("+79161234567"));
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("сохранится как +79161234567"), "{screen}");
    assert_eq!(field.current(), "8 916 123-45-67");

    h.send(ctrl('s')).await;
    let posts = h.requests_to("POST", "Clients/Contacts");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(query_names(&posts[0]), ["clientId", "objectId"]);
    assert_eq!(query(&posts[0], "clientId").as_deref(), Some(SAMPLE));
    assert_eq!(
        posts[0].body,
        Some(serde_json::json!({"typeId": "3", "value": "+79161234567"}))
    );
    assert!(on_card(&h.app));
    let c = card(&h.app);
    assert_eq!(c.section, Section::Contacts);
    assert_eq!(c.card.contacts.len(), 3);
    assert!(c.card.contacts.iter().any(|c| c.value == "+79161234567"));
    assert_eq!(gets_of_clients(&h), 1, "the answer is shown, no GET");
}

#[tokio::test]
async fn a_mobile_with_a_digit_missing_is_warned_about_and_not_saved() {
    let mut h = on_contacts().await;
    h.press(KeyCode::Char('a')).await;
    h.press(KeyCode::Enter).await;
    h.type_text("моб").await;
    h.press(KeyCode::Enter).await;
    assert_eq!(
        form(&h.app).focused_field().map(|f| f.id),
        Some(FieldId::ContactValue)
    );
    type_text(&mut h.app, "8916123456");
    assert_eq!(
        problem_of(&h.app, FieldId::ContactValue),
        Some(Problem::MobileDigits { count: 10 })
    );
    let screen = render(&h.app, 80, 24);
    assert!(screen.contains("мобильный: 11 цифр с 8 или 7"), "{screen}");
    let effects = send(&mut h.app, ctrl('s'));
    assert!(write_ops(&effects).is_empty(), "{effects:?}");
    assert_eq!(form(&h.app).note, Some(FormNote::FixFields));
    // The digit typed: no warning, and the save goes out canonical.
    type_text(&mut h.app, "7");
    assert_eq!(problem_of(&h.app, FieldId::ContactValue), None);
    h.send(ctrl('s')).await;
    let posts = h.requests_to("POST", "Clients/Contacts");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(
        posts[0].body,
        Some(serde_json::json!({"typeId": "3", "value": "+79161234567"}))
    );
}

#[tokio::test]
async fn insert_opens_a_new_contact_too_and_an_email_is_checked() {
    let mut h = on_contacts().await;
    h.press(KeyCode::Insert).await;
    assert!(on_form(&h.app));
    h.press(KeyCode::BackTab).await;
    // Typing on the type field opens its picker with that text.
    h.type_text("e-m").await;
    let p = picker(&h.app).expect("the picker opened by typing");
    assert_eq!(p.query.value(), "e-m");
    assert_eq!(picker_names(p).first().map(String::as_str), Some("E-Mail"));
    h.press(KeyCode::Enter).await;
    type_text(&mut h.app, "x@y");
    assert_eq!(
        problem_of(&h.app, FieldId::ContactValue),
        Some(Problem::Email)
    );
    let effects = send(&mut h.app, ctrl('s'));
    assert!(write_ops(&effects).is_empty());
    assert_eq!(form(&h.app).note, Some(FormNote::FixFields));
    type_text(&mut h.app, ".ru");
    assert_eq!(problem_of(&h.app, FieldId::ContactValue), None);
    assert_eq!(
        form(&h.app)
            .field(FieldId::ContactValue)
            .and_then(|f| f.suggestion.clone()),
        None
    );
}

#[tokio::test]
async fn editing_a_contact_keeps_its_type_and_sends_only_the_value() {
    let mut h = on_contacts().await;
    // The second contact: +79998887766, "Телефон рабочий".
    h.press(KeyCode::Down).await;
    h.press(KeyCode::Enter).await;
    let f = form(&h.app);
    assert_eq!(
        f.kind,
        FormKind::Contact {
            client_id: SAMPLE.to_owned(),
            contact_id: Some("10000000008066".to_owned())
        }
    );
    assert_eq!(f.focused_field().map(|f| f.id), Some(FieldId::ContactValue));
    // The type is locked: no typing, no picker.
    h.send(shift_tab()).await;
    assert_eq!(
        form(&h.app).focused_field().map(|f| f.id),
        Some(FieldId::ContactType)
    );
    for code in [KeyCode::Char('м'), KeyCode::Enter, KeyCode::F(4)] {
        let effects = press(&mut h.app, code);
        assert!(effects.is_empty(), "{code:?}: {effects:?}");
        assert!(
            h.app.popups.is_empty(),
            "{code:?} opened {:?}",
            h.app.popups
        );
    }
    assert_eq!(text_of(&h.app, FieldId::ContactType), "2");
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("не изменяется"), "{screen}");

    retype(&mut h.app, FieldId::ContactValue, "+7 999 111-22-33");
    h.send(ctrl('s')).await;
    let puts = h.requests_to("PUT", "Clients/Contacts");
    assert_eq!(puts.len(), 1, "{puts:?}");
    assert_eq!(query_names(&puts[0]), ["clientId", "contactId", "objectId"]);
    assert_eq!(query(&puts[0], "clientId").as_deref(), Some(SAMPLE));
    assert_eq!(
        query(&puts[0], "contactId").as_deref(),
        Some("10000000008066")
    );
    // Edited, the phone is saved in the canonical form.
    assert_eq!(
        puts[0].body,
        Some(serde_json::json!({"value": "+79991112233"}))
    );
    assert!(on_card(&h.app));
    assert!(
        card(&h.app)
            .card
            .contacts
            .iter()
            .any(|c| c.id == "10000000008066" && c.value == "+79991112233")
    );
}

#[tokio::test]
async fn deleting_a_contact_asks_naming_it_then_deletes() {
    let mut h = on_contacts().await;
    h.press(KeyCode::Down).await;
    h.press(KeyCode::Char('d')).await;
    let q = confirm_question(&h.app).expect("a confirmation").to_owned();
    assert!(q.contains("Телефон рабочий"), "{q}");
    assert!(q.contains("+79998887766"), "{q}");
    assert!(h.writes().is_empty(), "nothing is sent before yes");
    h.press(KeyCode::Char('y')).await;
    let deletes = h.requests_to("DELETE", "Clients/Contacts");
    assert_eq!(deletes.len(), 1, "{deletes:?}");
    assert_eq!(
        query_names(&deletes[0]),
        ["clientId", "contactId", "objectId"]
    );
    assert_eq!(query(&deletes[0], "clientId").as_deref(), Some(SAMPLE));
    assert_eq!(
        query(&deletes[0], "contactId").as_deref(),
        Some("10000000008066")
    );
    assert_eq!(deletes[0].body, None);
    let c = card(&h.app);
    assert_eq!(c.card.contacts.len(), 1);
    assert!(c.card.contacts.iter().all(|c| c.id != "10000000008066"));
    assert!(h.app.popups.is_empty());
}

#[tokio::test]
async fn n_on_a_delete_question_sends_nothing() {
    let mut h = on_contacts().await;
    h.press(KeyCode::Char('в')).await; // `d` in the Russian layout
    assert!(confirm_question(&h.app).is_some());
    h.press(KeyCode::Char('n')).await;
    assert!(h.app.popups.is_empty());
    assert!(h.writes().is_empty());
    assert_eq!(card(&h.app).card.contacts.len(), 2);
}
