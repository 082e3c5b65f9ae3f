//! Pickers that read addresses: street-type words and short adjectives
//! understood, not matched as letters; city nicknames; a query only these
//! rules explain names what exists instead of offering to add it; Enter on
//! an empty filter chooses nothing until the operator moves the highlight.
//! Against the sandbox.

use crate::support::*;
use crmcard::app::vocab::FieldId;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Opens the picker of `id` and types `query`: the names shown, best first.
async fn typed(h: &mut Harness, id: FieldId, query: &str) -> Vec<String> {
    focus(&mut h.app, id);
    h.press(KeyCode::Enter).await;
    assert!(
        picker(&h.app).is_some_and(|p| p.loaded),
        "no list for {id:?}"
    );
    h.type_text(query).await;
    picker_names(picker(&h.app).expect("the picker"))
}

/// The entry Enter chooses now.
fn selected(h: &Harness) -> Option<String> {
    picker(&h.app)
        .and_then(|p| p.selected_choice())
        .map(|c| c.name.clone())
}

#[tokio::test]
async fn street_type_words_are_read_not_matched_as_letters() {
    for query in [
        "ул тверская",
        "улица тверская",
        "Ул. Тверская",
        "тверская 7",
    ] {
        let mut h = Harness::new_address(Lang::Ru).await;
        let names = typed(&mut h, FieldId::Street, query).await;
        assert_eq!(
            names.first().map(String::as_str),
            Some("Тверская"),
            "{query}: {names:?}"
        );
        assert_eq!(selected(&h).as_deref(), Some("Тверская"), "{query}");
        // Nothing offers to add «ул тверская» as a new street: the picker
        // says what exists.
        let screen = render(&h.app, 120, 40);
        assert!(!screen.contains("Ins — добавить"), "{query}: {screen}");
        assert!(screen.contains("Уже есть: «Тверская»"), "{query}: {screen}");
        h.press(KeyCode::Enter).await;
        assert_eq!(chosen(&h.app, FieldId::Street).as_deref(), Some("Тверская"));
    }
}

#[tokio::test]
async fn a_street_type_word_prefers_streets_of_that_type() {
    let mut h = Harness::new_address(Lang::Ru).await;
    let names = typed(&mut h, FieldId::Street, "пр-т мира").await;
    assert_eq!(
        names.first().map(String::as_str),
        Some("Проспект Мира"),
        "{names:?}"
    );

    let mut h = Harness::new_address(Lang::Ru).await;
    typed(&mut h, FieldId::Street, "ул тверск").await;
    assert_eq!(selected(&h).as_deref(), Some("Тверская"));

    let mut h = Harness::new_address(Lang::Ru).await;
    let names = typed(&mut h, FieldId::Street, "тверской б-р").await;
    assert_eq!(
        names.first().map(String::as_str),
        Some("Тверской бульвар"),
        "{names:?}"
    );

    let mut h = Harness::new_address(Lang::Ru).await;
    let names = typed(&mut h, FieldId::Street, "б. ордынка").await;
    assert_eq!(
        names.first().map(String::as_str),
        Some("Большая Ордынка"),
        "{names:?}"
    );
}

#[tokio::test]
async fn the_city_picker_knows_short_names_and_nicknames() {
    for (query, city) in [
        ("мск", "Москва"),
        ("спб", "Санкт-Петербург"),
        ("питер", "Санкт-Петербург"),
        ("екб", "Екатеринбург"),
        ("нск", "Новосибирск"),
        ("нн", "Нижний Новгород"),
    ] {
        let mut h = Harness::new_address(Lang::Ru).await;
        typed(&mut h, FieldId::City, query).await;
        assert_eq!(selected(&h).as_deref(), Some(city), "{query}");
        let screen = render(&h.app, 80, 24);
        assert!(!screen.contains("Ins — добавить"), "{query}: {screen}");
        h.press(KeyCode::Enter).await;
        assert_eq!(
            chosen(&h.app, FieldId::City).as_deref(),
            Some(city),
            "{query}"
        );
    }
    // «Омск» holds `мск` and is still found, after Москва.
    let mut h = Harness::new_address(Lang::Ru).await;
    let names = typed(&mut h, FieldId::City, "мск").await;
    assert!(names.iter().any(|n| n == "Омск"), "{names:?}");
}

#[tokio::test]
async fn a_new_name_is_still_offered_for_adding() {
    let mut h = Harness::new_address(Lang::Ru).await;
    typed(&mut h, FieldId::Street, "Барнаульская").await;
    let screen = render(&h.app, 120, 40);
    assert!(!screen.contains("Уже есть"), "{screen}");
}

#[tokio::test]
async fn enter_on_an_empty_filter_chooses_nothing_until_the_arrows_move() {
    let mut h = Harness::new_address(Lang::Ru).await;
    typed(&mut h, FieldId::Street, "").await;
    h.press(KeyCode::Enter).await;
    let p = picker(&h.app).expect("Enter closed the picker");
    assert!(p.empty_enter);
    assert_eq!(chosen(&h.app, FieldId::Street), None);
    let screen = render(&h.app, 80, 24);
    assert!(
        screen.contains("Наберите название или выберите стрелками"),
        "{screen}"
    );

    // Down, then Up: the operator chose the first entry with the arrows.
    h.press(KeyCode::Down).await;
    h.press(KeyCode::Up).await;
    let first = selected(&h);
    assert!(first.is_some());
    h.press(KeyCode::Enter).await;
    assert!(picker(&h.app).is_none());
    assert_eq!(chosen(&h.app, FieldId::Street), first);

    // Opened again on the chosen street, Enter keeps it.
    focus(&mut h.app, FieldId::Street);
    h.press(KeyCode::Enter).await;
    h.press(KeyCode::Enter).await;
    assert!(picker(&h.app).is_none());
    assert_eq!(chosen(&h.app, FieldId::Street), first);
}
