//! The other desks, through the shared directory: what this desk says it
//! has open, «Иванова (пульт 3) изменяет адреса с 12:03» on the card and
//! in the form's header, and the save that asks first when another desk
//! saved the client after the form was opened (issue 18).

use std::time::Duration;

use crmcard::app::Popup;
use crmcard::app::vocab::Confirm;
use crmcard::app::{App, Clock, Effect, Msg};
use crmcard::i18n::Lang;
use crmcard::presence::{EditedPart, Editor, OtherSave, Presence, Watching};
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// 09:03 UTC: 12:03 in Moscow.
const AT_12_03: i64 = 1_765_098_180;

/// The clock of a desk in Moscow (UTC+3).
fn moscow(app: &mut App) {
    app.presence.enable();
    app.update(Msg::Tick(Clock {
        since_start: Duration::from_secs(1),
        unix_secs: 1_765_098_400,
        today: today(),
        utc_offset_secs: 3 * 3600,
    }));
}

fn watched(effects: &[Effect]) -> Vec<Watching> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Watch(w) => Some(w.clone()),
            _ => None,
        })
        .collect()
}

fn ivanova(part: EditedPart) -> Editor {
    Editor {
        desk: "пульт 3".to_owned(),
        operator: "Иванова".to_owned(),
        part,
        since: AT_12_03,
    }
}

fn presence(editors: Vec<Editor>, saved: Option<OtherSave>) -> Msg {
    Msg::Presence(Some(Presence {
        client_id: SAMPLE.to_owned(),
        editors,
        saved_since_opened: saved,
    }))
}

fn line(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Иванова (пульт 3) изменяет адреса с 12:03",
        Lang::En => "Иванова (пульт 3) has been editing the addresses since 12:03",
    }
}

#[test]
fn the_desk_says_which_card_and_form_it_has_open_as_they_change() {
    let mut app = app(Lang::Ru);
    app.presence.enable();
    type_text(&mut app, SAMPLE);
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    let effects = app.update(Msg::ClientLoaded {
        req,
        result: Ok(sample_card()),
    });
    let shown = Watching {
        shown: Some(SAMPLE.to_owned()),
        editing: None,
    };
    assert_eq!(watched(&effects), std::slice::from_ref(&shown));
    // Moving about the card says nothing new.
    assert_eq!(watched(&press(&mut app, KeyCode::Char('3'))), []);
    let effects = press(&mut app, KeyCode::Insert);
    assert!(on_form(&app));
    assert_eq!(
        watched(&effects),
        [Watching {
            shown: Some(SAMPLE.to_owned()),
            editing: Some((SAMPLE.to_owned(), EditedPart::Addresses)),
        }]
    );
    // The form closed (nothing typed: Esc leaves at once): back to the card.
    let effects = press(&mut app, KeyCode::Esc);
    assert!(on_card(&app));
    assert_eq!(watched(&effects), [shown]);
    let effects = press(&mut app, KeyCode::Esc);
    assert_eq!(watched(&effects), [Watching::default()]);
}

#[test]
fn without_a_shared_directory_nothing_is_said() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    let effects = press(&mut app, KeyCode::Enter);
    assert!(on_form(&app));
    assert_eq!(watched(&effects), []);
}

#[test]
fn another_desks_form_shows_on_the_card_in_both_languages() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = app(lang);
        moscow(&mut app);
        open_card(&mut app, sample_card());
        assert!(!render(&app, 120, 40).contains(line(lang)));
        app.update(presence(vec![ivanova(EditedPart::Addresses)], None));
        let screen = render(&app, 120, 40);
        assert!(screen.contains(line(lang)), "{screen}");
        snap!(&format!("presence_card_{}", lang.code()), &app);
        // News of another client is not this card's.
        app.update(Msg::Presence(Some(Presence {
            client_id: "42".to_owned(),
            editors: vec![ivanova(EditedPart::Addresses)],
            saved_since_opened: None,
        })));
        assert!(!render(&app, 120, 40).contains(line(lang)));
    }
}

#[test]
fn another_desks_form_shows_in_the_forms_header_in_both_languages() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = app(lang);
        moscow(&mut app);
        open_card(&mut app, sample_card());
        press(&mut app, KeyCode::Char('3'));
        press(&mut app, KeyCode::Insert);
        assert!(on_form(&app));
        app.update(presence(vec![ivanova(EditedPart::Addresses)], None));
        let screen = render(&app, 80, 24);
        assert!(screen.contains("Иванова (пульт 3)"), "{screen}");
        snap!(&format!("presence_form_{}", lang.code()), &app);
        // The other desk closed its form: gone.
        app.update(presence(Vec::new(), None));
        assert!(!render(&app, 120, 40).contains("Иванова (пульт 3)"));
    }
}

/// The sample card's main data with the note changed, and another desk's
/// save of the client after the form was opened.
fn saved_elsewhere(lang: Lang) -> App {
    let mut app = app(lang);
    moscow(&mut app);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app));
    type_text(&mut app, "!");
    app.update(presence(
        Vec::new(),
        Some(OtherSave {
            desk: "пульт 3".to_owned(),
            operator: "Иванова".to_owned(),
            at: AT_12_03 + 120,
        }),
    ));
    app
}

#[test]
fn a_save_after_another_desks_save_asks_and_only_y_saves() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = saved_elsewhere(lang);
        let effects = send(&mut app, ctrl('s'));
        assert_eq!(write_ops(&effects), []);
        assert!(matches!(
            app.popups.last(),
            Some(Popup::Confirm(Confirm::SavedElsewhere { .. }))
        ));
        let question = confirm_question(&app).expect("a question");
        let want = match lang {
            Lang::Ru => {
                "Пульт 3 сохранил этого клиента в 12:05, после того как вы открыли форму. Сохранить всё равно?"
            }
            Lang::En => {
                "Пульт 3 saved this client at 12:05, after you opened the form. Save anyway?"
            }
        };
        assert_eq!(question, want);
        snap!(&format!("presence_save_asks_{}", lang.code()), &app);
    }
    // Enter, Esc, n or any other key: no save, the form stays as typed.
    for no in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('n'),
        KeyCode::Char('x'),
    ] {
        let mut app = saved_elsewhere(Lang::Ru);
        send(&mut app, ctrl('s'));
        let effects = press(&mut app, no);
        assert_eq!(write_ops(&effects), [], "{no:?} saved");
        assert!(app.popups.is_empty(), "{no:?}");
        assert!(on_form(&app));
        assert!(form(&app).is_dirty());
    }
    // y (or н in the Russian layout) saves.
    for yes in ['y', 'н'] {
        let mut app = saved_elsewhere(Lang::Ru);
        send(&mut app, ctrl('s'));
        let effects = press(&mut app, KeyCode::Char(yes));
        assert_eq!(write_ops(&effects).len(), 1, "{yes} did not save");
    }
}

#[test]
fn without_another_desks_save_the_save_goes_at_once() {
    let mut app = app(Lang::Ru);
    moscow(&mut app);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "!");
    // Another desk has the card open, but saved nothing since.
    app.update(presence(vec![ivanova(EditedPart::MainData)], None));
    let effects = send(&mut app, ctrl('s'));
    assert_eq!(write_ops(&effects).len(), 1);
}
