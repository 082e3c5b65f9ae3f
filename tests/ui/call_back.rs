//! Calling a client back from the card: the key on a phone contact, the
//! dial asked of the executor, and a failed dial explained.

use crate::support::*;
use crmcard::app::{Effect, Msg};
use crmcard::calls::dial::DialFailure;
use crmcard::i18n::Lang;
use crmcard::keymap::Action;
use ratatui::crossterm::event::KeyCode;

const CALL_BACK: KeyCode = KeyCode::Char('p');

fn dials(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Dial { number } => Some(number.clone()),
            _ => None,
        })
        .collect()
}

/// Whether the help (F1) would call the key usable here.
fn offered(app: &crmcard::app::App) -> bool {
    app.applies(Action::CallBack)
}

#[test]
fn the_call_back_key_dials_the_selected_phone_in_its_canonical_form() {
    let mut app = app(Lang::Ru);
    open_card(&mut app, sample_card());
    assert!(
        dials(&press(&mut app, CALL_BACK)).is_empty(),
        "main section"
    );
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    assert!(offered(&app));
    assert_eq!(dials(&press(&mut app, CALL_BACK)), ["+79998887766"]);
    // The Russian layout's key for p.
    assert_eq!(
        dials(&press(&mut app, KeyCode::Char('з'))),
        ["+79998887766"]
    );
    press(&mut app, KeyCode::Down);
    assert!(!offered(&app), "an e-mail");
    assert!(dials(&press(&mut app, CALL_BACK)).is_empty());
}

#[test]
fn a_refused_dial_is_explained() {
    for (lang, title, reason) in [
        (Lang::Ru, "Звонок не набран", "originate"),
        (Lang::En, "The call was not dialled", "originate"),
    ] {
        let mut app = app(lang);
        open_card(&mut app, sample_card());
        app.update(Msg::Dialled(Err(DialFailure::Refused(
            "Permission denied".into(),
        ))));
        let shown = message(&app).expect("a message");
        assert_eq!(shown.title, title);
        assert!(shown.is_error);
        let text = shown.lines.join(" ");
        assert!(
            text.contains("Permission denied") && text.contains(reason),
            "{text}"
        );
        snap!(&format!("dial_refused_{}", lang.code()), &app);
    }
    let mut app = app(Lang::Ru);
    app.update(Msg::Dialled(Ok(())));
    assert!(message(&app).is_none(), "a dial that went out says nothing");
}
