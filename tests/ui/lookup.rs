//! The lookup screen, driven through `App::update` with messages; the
//! client directory is an in-memory one with the demo's clients ([`Desk`]).

use std::time::Duration;

use crate::support::*;
use crmcard::app::form::FormKind;
use crmcard::app::lookup::{LookupError, LookupFocus};
use crmcard::app::vocab::FieldId;
use crmcard::app::{Clock, Effect, Msg, Screen};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

const DMITRIEV: &str = "10000000009201";
const FEDOROV: &str = "10000000009202";

fn desk() -> Desk {
    Desk::new(Lang::Ru)
}

/// Empties the field with Backspace (Esc may be closing a message).
fn erase(d: &mut Desk) {
    let n = lookup(&d.app).field.value().chars().count();
    for _ in 0..n {
        d.press(KeyCode::Backspace);
    }
}

#[test]
fn at_start_the_list_shows_the_directory_most_recent_first() {
    let d = desk();
    assert_eq!(shown_ids(&d.app).len(), 40);
    assert_eq!(lookup(&d.app).searching, None);
}

#[test]
fn typing_finds_clients_by_name_in_any_order_and_case() {
    let mut d = desk();
    assert!(d.type_text("безног").is_empty());
    assert_eq!(shown_ids(&d.app), [SAMPLE]);
    assert_eq!(lookup(&d.app).field.value(), "безног");
    erase(&mut d);
    d.type_text("ИЛЬЯ ВИКТ");
    assert_eq!(shown_ids(&d.app), [FEDOROV]);
    erase(&mut d);
    d.type_text("dmitriev");
    assert_eq!(shown_ids(&d.app), [DMITRIEV], "by the e-mail");
}

#[test]
fn a_phone_is_found_in_every_form_and_by_its_tail() {
    for typed in [
        "89998887766",
        "8 (999) 888-77-66",
        "9998887766",
        "+7 999 888 77 66",
        "887766",
        "888-77-66",
    ] {
        let mut d = desk();
        d.type_text(typed);
        assert_eq!(shown_ids(&d.app), [SAMPLE], "{typed}");
    }
    // Stored as `+7 999 274-63-75`: found by `8…` and shown as displayed.
    let mut d = desk();
    d.type_text("89992746375");
    assert_eq!(shown_ids(&d.app), [DMITRIEV]);
    let screen = render(&d.app, 120, 40);
    assert!(screen.contains("+7 999 274-63-75"), "{screen}");
    assert!(
        screen.contains("vitaliy.dmitriev47@example.com"),
        "{screen}"
    );
    assert!(screen.contains(DMITRIEV), "{screen}");
}

#[test]
fn the_phone_found_comes_first_and_cut_columns_end_in_an_ellipsis() {
    // Безногов's phones are 333 and +7 999 888-77-66: found by the second,
    // it leads the row.
    let mut d = desk();
    d.type_text("887766");
    let screen = render(&d.app, 120, 40);
    assert!(screen.contains("+7 999 888-77-66, 333"), "{screen}");
    // At 80 columns a cut name ends at a word with …, a list of phones
    // keeps its whole numbers, an e-mail is cut inside with ….
    let mut d = desk();
    d.type_text("8 999 27");
    let screen = render(&d.app, 80, 24);
    assert!(screen.contains("Дмитриев Виталий…"), "{screen}");
    assert!(screen.contains("+7 999 274-63-75, …"), "{screen}");
    assert!(screen.contains("vitaliy.dmitriev4…"), "{screen}");
    assert!(!screen.contains("Петрови "), "{screen}");
}

#[test]
fn enter_with_exactly_one_match_opens_it() {
    for typed in ["89998887766", "8 (999) 888-77-66", "9998887766", "887766"] {
        let mut d = desk();
        d.type_text(typed);
        let (req, id) = single_load(&d.press(KeyCode::Enter));
        assert_eq!(id, SAMPLE, "{typed}");
        assert_eq!(lookup(&d.app).pending, Some((req, SAMPLE.to_owned())));
    }
    let mut d = desk();
    d.type_text("2746375");
    assert_eq!(single_load(&d.press(KeyCode::Enter)).1, DMITRIEV);
}

#[test]
fn enter_with_several_matches_moves_into_the_list() {
    let mut d = desk();
    d.type_text("андреев");
    // Андреев Георгий, Сидоров Дмитрий Андреевич, Андреев Игорь.
    assert_eq!(shown_ids(&d.app).len(), 3, "{:?}", shown_ids(&d.app));
    let effects = d.press(KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(lookup(&d.app).focus, LookupFocus::List);
    assert_eq!(lookup(&d.app).selected, 0);
    d.press(KeyCode::Down);
    let expected = shown_ids(&d.app)[1].clone();
    assert_eq!(single_load(&d.press(KeyCode::Enter)).1, expected);
}

#[test]
fn enter_on_an_unknown_whole_phone_offers_a_new_client_with_it() {
    let mut d = desk();
    d.type_text("8 916 123 45 67");
    let effects = d.press(KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        lookup(&d.app).error,
        Some(LookupError::NewClientOffer {
            phone: "+79161234567".to_owned()
        })
    );
    assert_eq!(lookup(&d.app).field.value(), "8 916 123 45 67");
    let screen = render(&d.app, 120, 40);
    assert!(screen.contains("+7 916 123-45-67"), "{screen}");
    // One key: Enter again opens the new-client form, the phone its first
    // contact.
    d.press(KeyCode::Enter);
    let f = form(&d.app);
    assert_eq!(f.kind, FormKind::NewClient);
    assert_eq!(f.contacts.len(), 1);
    let value = f.contacts[0]
        .iter()
        .find(|fld| fld.id == FieldId::ContactValue)
        .map(|fld| fld.current().to_owned());
    assert_eq!(value.as_deref(), Some("+79161234567"));
}

#[test]
fn insert_after_a_typed_phone_fills_it_into_the_new_client() {
    let mut d = desk();
    d.type_text("89161234567");
    d.press(KeyCode::Insert);
    let f = form(&d.app);
    assert_eq!(f.kind, FormKind::NewClient);
    assert_eq!(f.contacts.len(), 1);
    // A name typed is not a phone: the form starts empty.
    let mut d = desk();
    d.type_text("Иванов");
    d.press(KeyCode::Insert);
    assert!(form(&d.app).contacts.is_empty());
}

#[test]
fn enter_on_an_unknown_long_id_loads_it_from_the_crm() {
    let mut d = desk();
    d.type_text("10000000001234");
    let (_, id) = single_load(&d.press(KeyCode::Enter));
    assert_eq!(id, "10000000001234");
    // Spaces inside the id (pasted from a document) do not matter.
    let mut d = desk();
    d.type_text(" 1000 0000 0012 34 ");
    let (_, id) = single_load(&d.press(KeyCode::Enter));
    assert_eq!(id, "10000000001234");
    // A known id opens that client.
    let mut d = desk();
    d.type_text(RICH);
    assert_eq!(single_load(&d.press(KeyCode::Enter)).1, RICH);
}

#[test]
fn enter_on_text_matching_nothing_says_so_and_keeps_the_text() {
    let mut d = desk();
    d.type_text("Никтоневестович");
    assert!(shown_ids(&d.app).is_empty());
    let effects = d.press(KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(lookup(&d.app).error, Some(LookupError::NotFound));
    assert_eq!(lookup(&d.app).field.value(), "Никтоневестович");
    // Esc closes the message first, the text stays; Esc again clears it.
    d.press(KeyCode::Esc);
    assert_eq!(lookup(&d.app).error, None);
    assert_eq!(lookup(&d.app).field.value(), "Никтоневестович");
    d.press(KeyCode::Esc);
    assert_eq!(lookup(&d.app).field.value(), "");
    assert_eq!(shown_ids(&d.app).len(), 40, "the whole list again");
    for _ in 0..5 {
        d.press(KeyCode::Esc);
        assert!(!d.app.quit);
    }
    // A short number is no id and no whole phone either.
    d.type_text("000");
    d.press(KeyCode::Enter);
    assert_eq!(lookup(&d.app).error, Some(LookupError::NotFound));
    // Typing again clears the complaint.
    d.press(KeyCode::Backspace);
    assert_eq!(lookup(&d.app).error, None);
}

#[test]
fn not_found_offers_ins_and_ins_opens_a_new_client_with_the_name() {
    let mut d = desk();
    d.type_text("Никтоневестович");
    let screen = render(&d.app, 80, 24);
    assert!(
        screen.contains("Совпадений нет. Ins — новый клиент."),
        "{screen}"
    );
    d.press(KeyCode::Enter);
    let screen = render(&d.app, 80, 24);
    assert!(screen.contains("Ins — новый клиент;"), "{screen}");
    d.press(KeyCode::Insert);
    let f = form(&d.app);
    assert_eq!(f.kind, FormKind::NewClient);
    assert_eq!(text_of(&d.app, FieldId::Lastname), "Никтоневестович");
    // In English too, and the key named is the keymap's.
    let mut d = Desk::new(Lang::En);
    d.type_text("Nobodyson");
    let screen = render(&d.app, 80, 24);
    assert!(screen.contains("No match. Ins: a new client."), "{screen}");
}

#[test]
fn an_enter_before_the_hits_applies_when_they_come() {
    let mut d = desk();
    let mut searches = Vec::new();
    for c in "887766".chars() {
        searches.extend(d.app.update(Msg::Key(key(KeyCode::Char(c)))));
    }
    assert!(d.app.update(Msg::Key(key(KeyCode::Enter))).is_empty());
    assert!(lookup(&d.app).enter_waiting);
    // The answers come in order; only the last one (for the whole text)
    // counts, and the Enter applies to it.
    let effects = d.run(searches);
    assert_eq!(single_load(&effects).1, SAMPLE);
    assert!(!lookup(&d.app).enter_waiting);
}

#[test]
fn a_stale_search_answer_is_dropped() {
    let mut d = desk();
    let mut searches: Vec<Effect> = "андреев"
        .chars()
        .flat_map(|c| d.app.update(Msg::Key(key(KeyCode::Char(c)))))
        .collect();
    let newest = searches.pop().expect("a search per key");
    d.run(vec![newest]);
    let shown = shown_ids(&d.app);
    assert_eq!(shown.len(), 3);
    // The answer to `а` comes late, and is dropped.
    let Some(Effect::SearchDirectory { req, .. }) = searches.first() else {
        panic!("no search: {searches:?}");
    };
    d.app.update(Msg::DirectoryFound {
        req: *req,
        hits: Vec::new(),
        layout: None,
    });
    assert_eq!(shown_ids(&d.app), shown);
}

#[test]
fn text_typed_in_the_wrong_layout_is_found_and_says_so() {
    let mut d = desk();
    // `безног` typed with the Latin layout on.
    d.type_text(",tpyju");
    assert_eq!(shown_ids(&d.app), [SAMPLE]);
    assert_eq!(lookup(&d.app).layout.as_deref(), Some("безног"));
    let screen = render(&d.app, 120, 40);
    assert!(screen.contains("по раскладке: безног"), "{screen}");
    // Text that matches as typed is not read the other way.
    erase(&mut d);
    d.type_text("dmitriev");
    assert_eq!(lookup(&d.app).layout, None);
}

#[test]
fn arrows_move_between_the_field_and_the_list() {
    let mut d = desk();
    assert_eq!(lookup(&d.app).focus, LookupFocus::Field);
    d.press(KeyCode::Down);
    assert_eq!(lookup(&d.app).focus, LookupFocus::List);
    assert_eq!(lookup(&d.app).selected, 0);
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    assert_eq!(lookup(&d.app).selected, 2);
    d.press(KeyCode::Up);
    d.press(KeyCode::Up);
    assert_eq!(lookup(&d.app).selected, 0);
    assert_eq!(lookup(&d.app).focus, LookupFocus::List);
    // ↑ from the first row returns to the field.
    d.press(KeyCode::Up);
    assert_eq!(lookup(&d.app).focus, LookupFocus::Field);
    // ↓ at the end of the list stays on the last row.
    d.press(KeyCode::Down);
    for _ in 0..100 {
        d.press(KeyCode::Down);
    }
    assert_eq!(lookup(&d.app).selected, 39);
    // With nothing found, ↓ stays in the field.
    let mut d = desk();
    d.type_text("zzzz");
    d.press(KeyCode::Down);
    assert_eq!(lookup(&d.app).focus, LookupFocus::Field);
}

#[test]
fn typing_in_the_list_goes_to_the_field() {
    let mut d = desk();
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    d.type_text("федор");
    assert_eq!(lookup(&d.app).focus, LookupFocus::Field);
    assert_eq!(lookup(&d.app).field.value(), "федор");
    assert_eq!(shown_ids(&d.app), [FEDOROV]);
    // Russian letters that are the twins of bound Latin keys are text here.
    let mut d = desk();
    d.press(KeyCode::Down);
    d.type_text("фв");
    assert_eq!(lookup(&d.app).field.value(), "фв");
}

#[test]
fn a_stale_load_after_esc_is_dropped() {
    let mut d = desk();
    d.type_text(SAMPLE);
    let (req, _) = single_load(&d.press(KeyCode::Enter));
    let effects = d.press(KeyCode::Esc);
    assert!(
        matches!(effects.as_slice(), [Effect::Cancel(r)] if *r == req),
        "Esc stops the load, retries and all: {effects:?}"
    );
    assert_eq!(lookup(&d.app).pending, None);
    assert!(!d.app.is_busy());
    let effects = d.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(d.app.screens.len(), 1);
}

#[test]
fn an_answer_opens_the_card_and_the_directory_keeps_the_client_first() {
    let mut d = desk();
    d.update(Msg::Tick(Clock {
        since_start: Duration::from_secs(1),
        unix_secs: 1_800_000_000,
        today: today(),
        utc_offset_secs: 0,
    }));
    d.type_text("Федоров");
    let (req, _) = single_load(&d.press(KeyCode::Enter));
    let mut card = sample_card();
    card.id = FEDOROV.to_owned();
    d.update(Msg::ClientLoaded {
        req,
        result: Ok(card),
    });
    assert!(on_card(&d.app));
    let kept = d.directory.get(FEDOROV).expect("get").expect("kept");
    assert_eq!(kept.seen_at, 1_800_000_000);
    assert_eq!(kept.lastname, "Безногов", "the card's data replace the old");
    // Back on the lookup screen the field is empty and the client first.
    d.press(KeyCode::Esc);
    assert!(matches!(d.app.screen(), Screen::Lookup(_)));
    assert_eq!(lookup(&d.app).field.value(), "");
    assert_eq!(shown_ids(&d.app)[0], FEDOROV);
}

#[test]
fn an_error_answer_keeps_the_text_and_enter_retries_at_once() {
    let mut d = desk();
    d.type_text(SAMPLE);
    let (req, _) = single_load(&d.press(KeyCode::Enter));
    let error = crmcard::api::ApiError::Timeout {
        seconds: 15,
        write: false,
    };
    d.update(Msg::ClientLoaded {
        req,
        result: Err(error.clone()),
    });
    assert_eq!(
        lookup(&d.app).error,
        Some(LookupError::Api {
            id: SAMPLE.to_owned(),
            error
        })
    );
    assert_eq!(lookup(&d.app).field.value(), SAMPLE);
    let (retry, id) = single_load(&d.press(KeyCode::Enter));
    assert_ne!(retry, req);
    assert_eq!(id, SAMPLE);
    assert_eq!(lookup(&d.app).error, None, "the old error goes on retry");
    // Esc on an error closes it and keeps the text.
    d.update(Msg::ClientLoaded {
        req: retry,
        result: Err(crmcard::api::ApiError::Timeout {
            seconds: 15,
            write: false,
        }),
    });
    d.press(KeyCode::Esc);
    assert_eq!(lookup(&d.app).error, None);
    assert_eq!(lookup(&d.app).field.value(), SAMPLE);
}

#[test]
fn paste_goes_to_the_field_without_control_characters() {
    let mut d = desk();
    d.press(KeyCode::Down);
    d.update(Msg::Paste("8999\x1b[2J8887766\r\n".to_owned()));
    assert_eq!(lookup(&d.app).focus, LookupFocus::Field);
    assert!(
        lookup(&d.app)
            .field
            .value()
            .chars()
            .all(|c| !c.is_control()),
        "{:?}",
        lookup(&d.app).field.value()
    );
}

// -------------------------------------------------- against the sandbox

#[tokio::test]
async fn the_real_loop_opens_a_card_from_the_sandbox() {
    let mut h = Harness::start(Lang::Ru).await;
    h.open(SAMPLE).await;
    let opened = &card(&h.app).card;
    assert_eq!(opened.lastname, "Безногов");
    assert_eq!(opened.contacts.len(), 2);
    assert!(!h.app.is_busy());
    // A phone in the operator's form opens it with one GET.
    h.press(KeyCode::Esc).await;
    let before = h.requests_to("GET", "Clients").len();
    h.type_text("8 (999) 888-77-66").await;
    h.press(KeyCode::Enter).await;
    assert_eq!(card(&h.app).card.id, SAMPLE);
    assert_eq!(h.requests_to("GET", "Clients").len(), before + 1);
}

#[tokio::test]
async fn an_unknown_id_shows_the_crm_error_with_its_code_and_request_id() {
    let mut h = Harness::start(Lang::Ru).await;
    h.type_text("99999999999999").await;
    h.press(KeyCode::Enter).await;
    assert!(!on_card(&h.app));
    let Some(LookupError::Api { id, error }) = lookup(&h.app).error.clone() else {
        panic!("no API error: {:?}", lookup(&h.app).error);
    };
    assert_eq!(id, "99999999999999");
    let crm = error.crm().expect("an Err envelope");
    let request_id = crm.request_id.clone();
    assert!(!request_id.is_empty());
    let screen = render(&h.app, 120, 40);
    assert!(screen.contains("Клиент 99999999999999"), "{screen}");
    assert!(screen.contains("CRM отклонила запрос"), "{screen}");
    assert!(screen.contains(crm.code()), "{screen}");
    assert!(screen.contains(&request_id), "{screen}");
    assert_eq!(lookup(&h.app).field.value(), "99999999999999");
    // Retry at once: one more request goes out.
    let effects = press(&mut h.app, KeyCode::Enter);
    assert_eq!(single_load(&effects).1, "99999999999999");
}

#[tokio::test]
async fn a_name_that_finds_nobody_is_carried_into_a_new_client() {
    let mut h = Harness::start(Lang::Ru).await;
    h.type_text("Зюзюкина Ада").await;
    assert!(lookup(&h.app).hits.is_empty(), "somebody was found");
    h.press(KeyCode::Insert).await;
    assert_eq!(form(&h.app).kind, crmcard::app::form::FormKind::NewClient);
    assert_eq!(text_of(&h.app, FieldId::Lastname), "Зюзюкина");
    assert_eq!(text_of(&h.app, FieldId::Firstname), "Ада");
    assert_eq!(
        form(&h.app).focused_field().map(|f| f.id),
        Some(FieldId::Middlename)
    );
    // Back on the lookup, the field is ready for the next caller.
    assert_eq!(lookup(&h.app).field.value(), "");
}
