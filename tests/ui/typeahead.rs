//! Keys typed ahead of a slow list are kept, not lost.

use crmcard::api::model::ContactType;
use crmcard::app::vocab::{DictKey, FieldId};
use crmcard::app::{DictData, Msg, Popup, Screen};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::{app, contact_type_picker, press};

fn kind(id: &str, name: &str) -> ContactType {
    ContactType {
        id: id.to_owned(),
        name: name.to_owned(),
        is_phone: true,
        ..ContactType::default()
    }
}

#[test]
fn enter_in_a_picker_still_loading_chooses_when_the_list_arrives() {
    let mut app = app(Lang::Ru);
    let req = contact_type_picker(&mut app);
    for c in "моб".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    // Enter before the list is there: nothing to choose yet, nothing lost.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.popups.last(), Some(Popup::Picker(_))));

    app.update(Msg::DictLoaded {
        req,
        key: DictKey::ContactTypes,
        result: Ok(DictData::ContactTypes(vec![
            kind("1", "Телефон домашний"),
            kind("3", "Телефон мобильный"),
        ])),
    });
    assert!(app.popups.is_empty(), "the picker chose and closed");
    let Screen::Form(form) = app.screen() else {
        panic!("the contact form is on top");
    };
    let chosen = form
        .field(FieldId::ContactType)
        .and_then(|f| f.choice_value())
        .map(|c| c.name.clone());
    assert_eq!(chosen.as_deref(), Some("Телефон мобильный"));
    assert_eq!(
        form.focused_field().map(|f| f.id),
        Some(FieldId::ContactValue)
    );
}
