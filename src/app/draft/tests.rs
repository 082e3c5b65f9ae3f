#![allow(clippy::unwrap_used)]

use std::time::Duration;

use super::*;
use crate::app::form::FormScreen;
use crate::app::vocab::{Choice, FieldId, PersonName};

fn typed_address() -> FormScreen {
    let mut form = FormScreen::address("123", None, None);
    form.client = PersonName {
        lastname: "Безногов".to_owned(),
        firstname: "Сергей".to_owned(),
        middlename: "Васильевич".to_owned(),
    };
    for f in &mut form.fields {
        match (&mut f.value, f.id) {
            (Value::Text(t), FieldId::House) => t.set("10к2"),
            (Value::Text(t), FieldId::DopInfo) => t.set("домофон \"не работает\"\nзвонить"),
            (Value::Choice(c), FieldId::City) => {
                *c = Some(Choice {
                    id: "7".to_owned(),
                    name: "Москва".to_owned(),
                    extra: String::new(),
                })
            }
            _ => {}
        }
    }
    form
}

#[test]
fn an_untouched_form_is_no_draft() {
    assert_eq!(Draft::of(&FormScreen::new_client(), 1), None);
    assert_eq!(Draft::of(&FormScreen::address("1", None, None), 1), None);
}

#[test]
fn the_format_is_versioned_json_with_the_client_and_every_field() {
    let draft = Draft::of(&typed_address(), 1_700_000_000).unwrap();
    assert_eq!(draft.key(), "address-123-new");
    let json: serde_json::Value = serde_json::to_value(&draft).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["form"], "address");
    assert_eq!(json["address_id"], serde_json::Value::Null);
    assert_eq!(json["client_id"], "123");
    assert_eq!(json["client_name"]["lastname"], "Безногов");
    assert_eq!(json["saved_at"], 1_700_000_000u64);
    let house = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "house")
        .unwrap();
    assert_eq!(house["text"], "10к2");
    let city = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "city")
        .unwrap();
    assert_eq!(city["choice"]["name"], "Москва");
    assert!(!json.to_string().contains("sid"), "{json}");
}

#[test]
fn a_draft_read_back_gives_the_same_form() {
    let form = typed_address();
    let draft = Draft::of(&form, 5).unwrap();
    let text = serde_json::to_string(&draft).unwrap();
    let back: Draft = serde_json::from_str(&text).unwrap();
    assert_eq!(back, draft);
    let again = back.form().unwrap();
    assert_eq!(again.kind, form.kind);
    assert_eq!(again.client, form.client);
    for (a, b) in again.fields.iter().zip(&form.fields) {
        assert_eq!(
            (a.id, a.current(), a.shown()),
            (b.id, b.current(), b.shown())
        );
        assert_eq!(a.is_changed(), b.is_changed(), "{:?}", a.id);
    }
    assert!(again.is_dirty());
}

#[test]
fn an_edited_contact_keeps_its_type_locked() {
    let json = r#"{"version":1,"saved_at":1,"client_id":"5","client_name":{"lastname":"А","firstname":"","middlename":""},
        "form":"contact","contact_id":"9",
        "fields":[{"field":"contact_type","original":"1","choice":{"id":"1","name":"Телефон","extra":""}},
                  {"field":"contact_value","original":"+7900","text":"+7901"}]}"#;
    let form = serde_json::from_str::<Draft>(json).unwrap().form().unwrap();
    assert!(form.field(FieldId::ContactType).unwrap().locked);
    assert!(form.field(FieldId::ContactValue).unwrap().is_changed());
}

#[test]
fn ids_cannot_leave_the_drafts_directory() {
    let mut draft = Draft::of(&typed_address(), 1).unwrap();
    draft.client_id = Some("../../etc/x".to_owned());
    assert_eq!(draft.key(), "address-______etc_x-new");
}

#[test]
fn writes_wait_a_few_hundred_ms_and_removals_do_not() {
    let mut sync = DraftSync::default();
    let draft = Draft::of(&typed_address(), 1).unwrap();
    let at = Duration::from_millis;
    let writes = |e: &[Effect]| {
        e.iter()
            .filter(|e| matches!(e, Effect::WriteDraft { .. }))
            .count()
    };
    assert_eq!(writes(&sync.sync(vec![draft.clone()], at(0), false)), 1);
    // The same again: nothing to write.
    assert!(sync.sync(vec![draft.clone()], at(100), false).is_empty());
    let mut changed = draft.clone();
    changed.fields[0].original = "x".to_owned();
    assert!(sync.sync(vec![changed.clone()], at(200), false).is_empty());
    assert!(sync.pending, "a change waits");
    assert!(sync.sync(vec![changed.clone()], at(299), false).is_empty());
    assert_eq!(writes(&sync.sync(vec![changed.clone()], at(300), false)), 1);
    assert!(!sync.pending);
    // The form is saved: its draft goes at once.
    let gone = sync.sync(Vec::new(), at(810), false);
    assert!(matches!(gone.as_slice(), [Effect::RemoveDraft(k)] if k == "address-123-new"));
    // Leaving writes at once; Ctrl-Q removes this run's drafts.
    assert_eq!(writes(&sync.sync(vec![draft], at(820), true)), 1);
    assert!(matches!(
        sync.discard_all().as_slice(),
        [Effect::RemoveDraft(_)]
    ));
}
