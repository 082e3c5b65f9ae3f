//! The desk's own notices (a local file not saved, the directory or the
//! recent file unreadable, calls not coming in) on the status line: they
//! take no key. Typing, Ctrl-S and Esc reach the screen as if no notice
//! were there. The CRM's errors stay messages to read and close.

use std::path::PathBuf;

use crmcard::app::vocab::{CallsProblem, Confirm, FieldId, Notice};
use crmcard::app::{App, AppSetup, Msg, Popup};
use crmcard::i18n::Lang;
use crmcard::keymap::Keymap;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// Every desk notice crmcard raises today.
fn desk_notices() -> Vec<Notice> {
    vec![
        Notice::LocalSaveFailed {
            reason: "No space left on device".to_owned(),
        },
        Notice::RecentUnreadable {
            reason: "recent.json: not JSON".to_owned(),
        },
        Notice::DirectoryUnavailable {
            reason: "database is locked".to_owned(),
        },
        Notice::CallsOff(CallsProblem::AlreadyRunning {
            socket: PathBuf::from("/run/user/1000/crmcard/crmcard.sock"),
        }),
        Notice::CallsOff(CallsProblem::NotListening {
            reason: "Permission denied".to_owned(),
        }),
        Notice::CallsOff(CallsProblem::AmiUnusable {
            reason: "connection refused".to_owned(),
        }),
        Notice::DirectoryNotMigrated {
            reason: "database is locked".to_owned(),
        },
    ]
}

/// The main data form of the sample client, open.
fn main_form(lang: Lang) -> App {
    let mut app = app(lang);
    open_card(&mut app, sample_card());
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app));
    app
}

#[test]
fn every_desk_notice_goes_to_the_status_line_and_the_crms_errors_do_not() {
    for notice in desk_notices() {
        assert!(notice.is_desk_status(), "{notice:?}");
    }
    for notice in [
        Notice::NoClientDelete,
        Notice::ReadOnlySection,
        Notice::FormOpenBelow,
        Notice::SetupProblems {
            config: Vec::new(),
            keymap: Vec::new(),
        },
    ] {
        assert!(!notice.is_desk_status(), "{notice:?}");
    }
}

#[test]
fn typing_ctrl_s_and_esc_reach_the_form_while_a_desk_notice_shows() {
    for notice in desk_notices() {
        let mut app = main_form(Lang::Ru);
        app.update(Msg::StartNotices(vec![notice.clone()]));
        assert!(app.popups.is_empty(), "{notice:?}: {:?}", app.popups);
        assert_eq!(app.status.len(), 1);
        type_text(&mut app, "ов");
        assert_eq!(
            text_of(&app, FieldId::Lastname),
            "Безноговов",
            "{notice:?}: typing reaches the field"
        );
        // Esc asks about the changed form, as without the notice.
        press(&mut app, KeyCode::Esc);
        assert_eq!(
            app.popups
                .last()
                .map(|p| matches!(p, Popup::Confirm(Confirm::DiscardForm))),
            Some(true),
            "{notice:?}: {:?}",
            app.popups
        );
        press(&mut app, KeyCode::Char('n'));
        let effects = send(&mut app, ctrl('s'));
        assert_eq!(write_ops(&effects).len(), 1, "{notice:?}: Ctrl-S saves");
    }
}

#[test]
fn a_file_not_saved_while_typing_takes_no_key() {
    let mut app = main_form(Lang::Ru);
    type_text(&mut app, "о");
    app.update(Msg::LocalSaveFailed("No space left on device".to_owned()));
    type_text(&mut app, "в");
    assert_eq!(text_of(&app, FieldId::Lastname), "Безноговов");
    assert!(app.popups.is_empty());
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("Не удалось сохранить файл на этом компьютере: No space left on device"),
        "{screen}"
    );
}

#[test]
fn start_up_desk_notices_leave_the_lookup_field_to_the_operator() {
    let mut app = App::new(AppSetup {
        lang: Lang::Ru,
        keymap: Keymap::default(),
        city_code: None,
        today: today(),
        connection: "test".to_owned(),
        startup_messages: vec![Notice::RecentUnreadable {
            reason: "строка".to_owned(),
        }],
    });
    assert!(app.popups.is_empty());
    type_text(&mut app, "123");
    assert_eq!(lookup(&app).field.value(), "123");
    // Esc clears the field; the notice stays on the status line.
    press(&mut app, KeyCode::Esc);
    assert_eq!(lookup(&app).field.value(), "");
    assert!(!app.quit);
    assert!(render(&app, 80, 24).contains("строка"));
}

#[test]
fn the_same_notice_twice_shows_once_and_the_newest_comes_first() {
    let mut app = app(Lang::En);
    app.update(Msg::LocalSaveFailed("disk full".to_owned()));
    app.update(Msg::StartNotices(vec![Notice::DirectoryUnavailable {
        reason: "database is locked".to_owned(),
    }]));
    app.update(Msg::LocalSaveFailed("disk full".to_owned()));
    assert_eq!(app.status.len(), 2);
    let screen = render(&app, 120, 40);
    let saved = screen.find("disk full").expect("the file notice");
    let directory = screen
        .find("database is locked")
        .expect("the directory notice");
    assert!(saved < directory, "newest first:\n{screen}");
}

#[test]
fn a_crm_error_is_still_a_message_that_takes_the_keys() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    let (req, _) = single_load(&press(&mut app, KeyCode::F(5)));
    app.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error("DLW-0004", "Service unavailable", "r1", 503)),
    });
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Message(Notice::Error { .. }))
    ));
    assert!(app.status.is_empty());
}

#[test]
fn status_line_snapshots() {
    for lang in [Lang::Ru, Lang::En] {
        let mut app = main_form(lang);
        type_text(&mut app, "ов");
        app.update(Msg::StartNotices(vec![Notice::CallsOff(
            CallsProblem::AlreadyRunning {
                socket: PathBuf::from("/run/user/1000/crmcard/crmcard.sock"),
            },
        )]));
        app.update(Msg::LocalSaveFailed(
            "cannot write /home/operator/.local/share/crmcard/recent.json: No space left on device"
                .to_owned(),
        ));
        snap!(&format!("status_line_over_a_form_{}", lang.code()), &app);
    }
}
