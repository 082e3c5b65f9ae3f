//! A long list (Moscow's 2,756 streets, thousands of contact types) whose
//! data changes is prepared again off the loop: the update asks for it
//! (`Effect::PrepareDict`) instead of preparing it in place, a picker shows
//! it loading meanwhile, and an answer for data that has changed since is
//! dropped.

use crmcard::api::model::ContactType;
use crmcard::app::vocab::{DictKey, FieldId};
use crmcard::app::{DictData, Effect, Msg, PreparedDict};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

const MOSCOW: &str = "10000000000002";

fn moscow_streets() -> DictKey {
    DictKey::Streets {
        city_id: MOSCOW.to_owned(),
    }
}

/// The one preparation `effects` ask for: its key, the length of its data
/// and its language.
fn only_prepare(effects: &[Effect]) -> (Effect, DictKey, usize, Option<Lang>) {
    let prepares: Vec<&Effect> = effects
        .iter()
        .filter(|e| matches!(e, Effect::PrepareDict { .. }))
        .collect();
    let [
        effect @ Effect::PrepareDict {
            key, data, lang, ..
        },
    ] = prepares[..]
    else {
        panic!("not one preparation: {prepares:?}");
    };
    (effect.clone(), key.clone(), data.len(), *lang)
}

fn prepares(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::PrepareDict { .. }))
        .count()
}

/// Opens the street picker; returns how many streets it shows.
async fn open_streets(h: &mut Harness) -> usize {
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    let p = picker(&h.app).expect("the street picker");
    assert!(p.loaded);
    p.items.len()
}

/// Types `name` into the open street picker, adds it with Ins and the
/// dialog's Enter, and returns the write's answer, not yet given to the app.
async fn add_street(h: &mut Harness, name: &str) -> Msg {
    h.type_text(name).await;
    h.press(KeyCode::Insert).await;
    let write = press(&mut h.app, KeyCode::Enter)
        .into_iter()
        .find(|e| matches!(e, Effect::Write { .. }))
        .expect("the dialog's write");
    h.executor.run(write).await.expect("the write's answer")
}

#[tokio::test]
async fn a_street_added_to_a_long_list_is_chosen_at_once_and_the_list_prepared_off_the_loop() {
    let mut h = Harness::new_address(Lang::Ru).await;
    let before = open_streets(&mut h).await;
    assert!(before > 2_000, "{before} streets: not a long list");
    let written = add_street(&mut h, "Лунная").await;
    let effects = h.app.update(written);
    // Chosen in the form at once, the picker closed, as with a short list.
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Лунная"));
    // The list with the new street is prepared again off the loop.
    let (prepare, key, len, lang) = only_prepare(&effects);
    assert_eq!((key, len, lang), (moscow_streets(), before + 1, None));

    // Opened again before the list is ready: the picker shows it loading,
    // asks for nothing more, and typing goes on.
    focus(&mut h.app, FieldId::Street);
    let effects = press(&mut h.app, KeyCode::Enter);
    assert_eq!(prepares(&effects), 0, "asked for twice: {effects:?}");
    let p = picker(&h.app).expect("the street picker");
    assert!(!p.loaded && p.items.is_empty(), "prepared in place");
    assert!(h.app.is_busy(), "the spinner turns");
    let screen = render(&h.app, 80, 24);
    assert!(screen.contains("Загружаю список…"), "{screen}");
    type_text(&mut h.app, "лунн");

    let prepared = h.executor.run(prepare).await.expect("the prepared list");
    h.app.update(prepared);
    let p = picker(&h.app).expect("the street picker");
    assert!(p.loaded);
    assert_eq!(p.items.len(), before + 1);
    assert_eq!(picker_names(p).first().map(String::as_str), Some("Лунная"));
    assert_eq!(p.selected_choice().map(|c| c.name.as_str()), Some("Лунная"));
}

/// The first street of the cached list: its id and where its name is.
fn first_street(app: &crmcard::app::App) -> (String, *const u8) {
    match app.dicts().data(&moscow_streets()) {
        Some(DictData::Streets(list)) => list
            .first()
            .map(|s| (s.id.clone(), s.name.as_ptr()))
            .expect("a street"),
        other => panic!("not streets: {other:?}"),
    }
}

#[tokio::test]
async fn a_street_added_from_the_picker_joins_the_one_copy_of_the_list() {
    let mut h = Harness::new_address(Lang::Ru).await;
    open_streets(&mut h).await;
    let (id, name) = first_street(&h.app);
    let written = add_street(&mut h, "Лунная").await;
    h.app.update(written);
    let Some(DictData::Streets(list)) = h.app.dicts().data(&moscow_streets()) else {
        panic!("no streets");
    };
    let same = list.iter().find(|s| s.id == id).map(|s| s.name.as_ptr());
    assert_eq!(same, Some(name), "the list was copied, not edited");
}

#[tokio::test]
async fn a_list_prepared_for_data_that_changed_since_is_dropped() {
    let mut h = Harness::new_address(Lang::Ru).await;
    let before = open_streets(&mut h).await;
    h.tick(50);
    let written = add_street(&mut h, "Лунная").await;
    let (first, ..) = only_prepare(&h.app.update(written));

    // A minute after the list was loaded, opening the picker loads it
    // again; the CRM still serves it from before the write, which is
    // applied again: the data has changed once more.
    h.tick(61);
    focus(&mut h.app, FieldId::Street);
    let load = press(&mut h.app, KeyCode::Enter)
        .into_iter()
        .find(|e| matches!(e, Effect::LoadDict { key, .. } if *key == moscow_streets()))
        .expect("the list is loaded again");
    let reloaded = h.executor.run(load).await.expect("the list");
    let (second, key, len, _) = only_prepare(&h.app.update(reloaded));
    assert_eq!((key, len), (moscow_streets(), before + 1));
    assert!(picker(&h.app).is_some_and(|p| !p.loaded));

    // The first preparation, of the data before the reload, is dropped.
    let stale = h.executor.run(first).await.expect("the first preparation");
    h.app.update(stale);
    assert!(
        picker(&h.app).is_some_and(|p| !p.loaded),
        "a stale list shown"
    );
    // An Enter while the list is prepared chooses once it is there.
    type_text(&mut h.app, "лунная");
    press(&mut h.app, KeyCode::Enter);
    assert!(picker(&h.app).is_some());

    let prepared = h
        .executor
        .run(second)
        .await
        .expect("the second preparation");
    h.app.update(prepared);
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Лунная"));
}

/// `count` contact types, "Телефон мобильный" among them.
fn contact_types(count: usize) -> Vec<ContactType> {
    (0..count)
        .map(|i| ContactType {
            id: i.to_string(),
            name: if i == 7 {
                "Телефон мобильный".to_owned()
            } else {
                format!("Тип {i}")
            },
            ..ContactType::default()
        })
        .collect()
}

/// Prepares as the executor does, and gives the answer to the app.
fn answer(app: &mut crmcard::app::App, effect: Effect) -> Vec<Effect> {
    let msg = PreparedDict::answer(effect).expect("a preparation");
    app.update(msg)
}

#[test]
fn a_language_switch_prepares_long_contact_types_off_the_loop() {
    let mut app = app(Lang::Ru);
    let req = contact_type_picker(&mut app);
    let effects = app.update(Msg::DictLoaded {
        req,
        key: DictKey::ContactTypes,
        result: Ok(DictData::ContactTypes(contact_types(3_000))),
    });
    let (prepare, _, len, lang) = only_prepare(&effects);
    assert_eq!((len, lang), (3_000, Some(Lang::Ru)));
    assert!(picker(&app).is_some_and(|p| !p.loaded), "prepared in place");
    answer(&mut app, prepare);
    assert!(picker(&app).is_some_and(|p| p.loaded && p.items.len() == 3_000));

    // In English the types are also found by their glosses: prepared again,
    // off the loop.
    app.lang = Lang::En;
    let (prepare, _, _, lang) = only_prepare(&app.update(Msg::Resize));
    assert_eq!(lang, Some(Lang::En));
    assert!(picker(&app).is_some_and(|p| !p.loaded), "prepared in place");
    answer(&mut app, prepare);
    for c in "cell".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let p = picker(&app).expect("the type picker");
    assert_eq!(
        p.selected_choice().map(|c| c.name.as_str()),
        Some("Телефон мобильный")
    );
    // Back in Russian, the list prepared for it is gone: asked for again.
    app.lang = Lang::Ru;
    assert_eq!(prepares(&app.update(Msg::Resize)), 1);
}
