//! Drafts through `App::update`: every open form is kept as it is typed,
//! removed when saved or discarded, and taken back from the list offered at
//! start onto its client's card.

use std::time::Duration;

use crmcard::app::draft::{Draft, Offered};
use crmcard::app::form::FormKind;
use crmcard::app::write::WriteAnswer;
use crmcard::app::{App, Clock, Effect, Msg, Popup, Screen};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;
use crmcard::app::vocab::{FieldId, Notice};

/// The drafts `effects` write.
pub fn written(effects: &[Effect]) -> Vec<Draft> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::WriteDraft { draft, .. } => Some((**draft).clone()),
            _ => None,
        })
        .collect()
}

fn removed(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RemoveDraft(key) => Some(key.clone()),
            _ => None,
        })
        .collect()
}

/// A tick at `ms` after the start.
pub fn tick(app: &mut App, ms: u64) -> Vec<Effect> {
    app.update(Msg::Tick(Clock {
        since_start: Duration::from_millis(ms),
        unix_secs: 1_800_000_000 + ms / 1000,
        today: today(),
        utc_offset_secs: 0,
    }))
}

/// The sample card with a new address typed (house and notes).
pub fn typed_new_address() -> (App, Draft) {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Insert);
    assert!(on_form(&app));
    tick(&mut app, 1000);
    focus(&mut app, FieldId::House);
    let mut effects = type_text(&mut app, "15");
    focus(&mut app, FieldId::DopInfo);
    effects.extend(type_text(&mut app, "код 45#"));
    // The last keys came within the pause: they wait for the next tick.
    assert!(app.wants_ticks(), "a change waits to be written");
    effects.extend(tick(&mut app, 1400));
    assert!(!app.wants_ticks());
    let draft = written(&effects).pop().expect("a draft written");
    (app, draft)
}

#[test]
fn a_form_is_kept_as_it_is_typed_with_its_client() {
    let (app, draft) = typed_new_address();
    assert_eq!(draft.client_id.as_deref(), Some(SAMPLE));
    assert_eq!(draft.client_name.lastname, "Безногов");
    assert_eq!(draft.key(), format!("address-{SAMPLE}-new"));
    let restored = draft.form().expect("a form");
    for id in [FieldId::House, FieldId::DopInfo, FieldId::City] {
        assert_eq!(
            restored.field(id).map(|f| f.shown().to_owned()),
            form(&app).field(id).map(|f| f.shown().to_owned()),
            "{id:?}"
        );
    }
    assert_eq!(text_of(&app, FieldId::DopInfo), "код 45#");
}

#[test]
fn nothing_typed_is_no_draft() {
    let mut app = app(Lang::Ru);
    let effects = press(&mut app, KeyCode::Insert);
    assert!(written(&effects).is_empty());
    assert!(app.drafts_on_exit().is_empty(), "an untouched form");
}

#[test]
fn a_saved_form_removes_its_draft() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    tick(&mut app, 1000);
    let effects = type_text(&mut app, "а");
    let draft = written(&effects).pop().expect("a draft");
    assert_eq!(draft.key(), format!("main-{SAMPLE}"));
    let effects = send(&mut app, ctrl('s'));
    let req = write_req(&effects);
    let effects = app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Card(sample_card())),
    });
    assert!(on_card(&app));
    assert_eq!(removed(&effects), [draft.key()]);
}

#[test]
fn a_discarded_form_removes_its_draft_and_ctrl_q_removes_them_all() {
    let (mut app, draft) = typed_new_address();
    press(&mut app, KeyCode::Esc);
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(on_card(&app));
    assert_eq!(removed(&effects), [draft.key()]);

    let (mut app, draft) = typed_new_address();
    send(&mut app, ctrl('q'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
    assert_eq!(removed(&app.drafts_on_exit()), [draft.key()]);
}

#[test]
fn leaving_any_other_way_writes_what_waited() {
    let (mut app, _) = typed_new_address();
    type_text(&mut app, " долго");
    let last = written(&app.drafts_on_exit()).pop().expect("the last keys");
    let notes = last.fields.iter().find(|f| f.field == FieldId::DopInfo);
    assert_eq!(notes.and_then(|f| f.text.as_deref()), Some("код 45# долго"));
}

/// A fresh app offered `draft`, written `age` ago.
pub fn offered(draft: Draft, age_secs: u64) -> App {
    let mut app = app(Lang::Ru);
    app.offer_drafts(
        "",
        vec![Offered {
            draft,
            age: Duration::from_secs(age_secs),
        }],
    );
    app
}

#[test]
fn the_draft_is_offered_by_client_and_form_and_taken_back_onto_the_card() {
    let (typed, draft) = typed_new_address();
    let mut app = offered(draft, 190);
    assert!(matches!(app.popups.last(), Some(Popup::Drafts(_))));
    let screen = render(&app, 90, 20);
    assert!(
        screen.contains("Безногов С. В., новый адрес, 3 мин назад"),
        "{screen}"
    );
    let (req, id) = single_load(&press(&mut app, KeyCode::Enter));
    assert_eq!(id, SAMPLE);
    assert!(app.popups.is_empty());
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(on_form(&app), "the form is open again");
    assert!(matches!(app.screens[1], Screen::Card(_)), "over its card");
    assert_eq!(
        form(&app).kind,
        FormKind::Address {
            client_id: SAMPLE.to_owned(),
            address_id: None
        }
    );
    for field in &form(&typed).fields {
        assert_eq!(
            text_of(&app, field.id),
            text_of(&typed, field.id),
            "{:?}",
            field.id
        );
    }
    assert!(form(&app).is_dirty(), "to check and save");
}

#[test]
fn a_notice_arriving_after_the_first_frame_leaves_the_drafts_offer_on_top() {
    let (_, draft) = typed_new_address();
    let mut app = offered(draft, 60);
    app.update(Msg::StartNotices(vec![Notice::DirectoryUnavailable {
        reason: "disk I/O error".to_owned(),
    }]));
    assert!(
        matches!(app.popups.last(), Some(Popup::Drafts(_))),
        "the offer stays on top"
    );
    // The directory's notice is on the status line at once, under no key.
    assert_eq!(app.status.len(), 1);
    assert!(render(&app, 120, 40).contains("disk I/O error"));
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty(), "{:?}", app.popups);
    assert_eq!(app.status.len(), 1);
}

#[test]
fn a_draft_typed_against_another_crm_is_not_offered() {
    let (_, draft) = typed_new_address();
    let mut app = app(Lang::Ru);
    app.offer_drafts(
        "crm.example 7",
        vec![Offered {
            draft,
            age: Duration::from_secs(5),
        }],
    );
    assert!(app.popups.is_empty());
}

#[test]
fn a_draft_can_be_discarded_from_the_list() {
    let (_, draft) = typed_new_address();
    let key = draft.key();
    let mut app = offered(draft, 10);
    let effects = press(&mut app, KeyCode::Delete);
    assert_eq!(removed(&effects), [key]);
    assert!(app.popups.is_empty());
    assert!(matches!(app.screen(), Screen::Lookup(_)));
}

#[test]
fn a_new_client_draft_opens_without_a_load() {
    let mut app = app(Lang::Ru);
    press(&mut app, KeyCode::Insert);
    type_text(&mut app, "Ёлкина");
    let draft = written(&tick(&mut app, 5000)).pop().expect("a draft");
    let mut app = offered(draft, 7200);
    assert!(render(&app, 90, 20).contains("новый клиент: Ёлкина, 2 ч назад"));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(loads(&effects).is_empty());
    assert_eq!(form(&app).kind, FormKind::NewClient);
    assert_eq!(text_of(&app, FieldId::Lastname), "Ёлкина");
}

#[test]
fn a_draft_naming_its_client_otherwise_says_so_and_keeps_the_cards_name() {
    let (_, mut draft) = typed_new_address();
    draft.client_name.lastname = "Подменный".to_owned();
    let mut app = offered(draft, 60);
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    assert!(on_form(&app));
    assert_eq!(form(&app).client.lastname, "Безногов");
    assert!(
        app.status.newest_first().any(|n| matches!(
            n,
            Notice::DraftNameDiffers { draft, .. } if draft.lastname == "Подменный"
        )),
        "{:?}",
        app.status
    );
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Подменный"), "{screen}");
}

#[test]
fn start_up_popups_come_one_after_the_other() {
    for lang in [Lang::Ru, Lang::En] {
        let (_, draft) = typed_new_address();
        let mut app = App::new(crmcard::app::AppSetup {
            lang,
            keymap: crmcard::keymap::Keymap::default(),
            city_code: None,
            today: today(),
            connection: "test".to_owned(),
            startup_messages: vec![Notice::SetupProblems {
                config: Vec::new(),
                keymap: Vec::new(),
            }],
        });
        app.offer_drafts(
            "",
            vec![Offered {
                draft,
                age: Duration::from_secs(60),
            }],
        );
        assert_eq!(app.popups.len(), 2, "{:?}", app.popups);
        // The drafts' offer alone: the settings' message waits under it.
        let (drafts_title, problems_title) = match lang {
            Lang::Ru => ("Несохранённые формы", "Замечания к настройкам"),
            Lang::En => ("Unsaved forms", "Problems in the settings"),
        };
        let screen = render(&app, 80, 24);
        assert!(screen.contains(drafts_title), "{screen}");
        assert!(!screen.contains(problems_title), "{screen}");
        snap!(
            &format!("start_drafts_then_message_1_{}", lang.code()),
            &app
        );
        // Esc: the message comes next, alone.
        press(&mut app, KeyCode::Esc);
        let screen = render(&app, 80, 24);
        assert!(screen.contains(problems_title), "{screen}");
        assert!(!screen.contains(drafts_title), "{screen}");
        snap!(
            &format!("start_drafts_then_message_2_{}", lang.code()),
            &app
        );
    }
}
