//! The lookup's «похожие» section: a misheard surname finds the client
//! after the exact matches, from a later search of the demo's directory.

use crate::support::*;
use crmcard::app::lookup::LookupFocus;
use crmcard::app::{Effect, Msg};
use crmcard::directory::{DirEntry, Directory};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_misheard_surname_is_shown_as_similar_and_enter_opens_it() {
    for lang in [Lang::Ru, Lang::En] {
        let mut d = Desk::new(lang);
        assert!(d.type_text("безнагов").is_empty());
        let screen = lookup(&d.app);
        assert!(screen.hits.is_empty(), "no exact match");
        let similar: Vec<&str> = screen.similar.iter().map(|h| h.entry.id.as_str()).collect();
        assert_eq!(similar, [SAMPLE]);
        let name = match lang {
            Lang::Ru => "similar_ru",
            Lang::En => "similar_en",
        };
        snap!(name, &d.app);
        d.press(KeyCode::Down);
        assert_eq!(lookup(&d.app).focus, LookupFocus::List);
        let (req, id) = single_load(&d.press(KeyCode::Enter));
        assert_eq!(id, SAMPLE);
        d.update(Msg::ClientLoaded {
            req,
            result: Ok(sample_card()),
        });
        assert!(on_card(&d.app), "the card opens");
    }
}

#[test]
fn arrows_move_from_the_exact_rows_into_the_similar_ones() {
    let mut directory = Directory::in_memory().expect("directory");
    for (id, lastname) in [("1", "Петров"), ("2", "Петрова"), ("3", "Петрон")] {
        let entry = DirEntry {
            id: id.to_owned(),
            lastname: lastname.to_owned(),
            ..DirEntry::default()
        };
        directory.upsert(&entry).expect("upsert");
    }
    let mut d = Desk::with(Lang::Ru, directory);
    d.type_text("петров");
    let mut found = shown_ids(&d.app);
    found.sort();
    assert_eq!(found, ["1", "2"]);
    let similar: Vec<&str> = lookup(&d.app)
        .similar
        .iter()
        .map(|h| h.entry.id.as_str())
        .collect();
    assert_eq!(similar, ["3"], "Петрова, found exactly, is not repeated");
    for _ in 0..4 {
        d.press(KeyCode::Down);
    }
    assert_eq!(lookup(&d.app).selected, 2, "the last row, the similar one");
    let screen = render(&d.app, 80, 24);
    let marked = screen.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(marked.contains("Петрон"), "{screen}");
    let (_, id) = single_load(&d.press(KeyCode::Enter));
    assert_eq!(id, "3");
}

#[test]
fn a_similar_client_already_found_exactly_is_not_repeated() {
    let mut d = Desk::new(Lang::Ru);
    // «безногов» finds him exactly; the similar search (one edit from
    // «безногов» is himself) must not show him twice.
    d.type_text("безногов");
    assert_eq!(shown_ids(&d.app), [SAMPLE]);
    assert!(lookup(&d.app).similar.is_empty());
    assert!(lookup(&d.app).similar_searching.is_none(), "answered");
}

#[test]
fn a_similar_answer_to_text_changed_since_is_dropped() {
    let mut app = app(Lang::Ru);
    let effects = type_text(&mut app, "безнаго");
    assert!(effects.is_empty(), "{effects:?}");
    // The last letter: its exact answer asks for similar names.
    let effects = app.update(Msg::Key(key(KeyCode::Char('в'))));
    let Some(Effect::SearchDirectory { req, .. }) = effects.first().cloned() else {
        panic!("{effects:?}")
    };
    let effects = app.update(Msg::DirectoryFound {
        req,
        hits: Vec::new(),
        layout: None,
    });
    let Some(Effect::SearchSimilar {
        req: similar,
        query,
        exclude,
    }) = effects.first().cloned()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(query, "безнагов");
    assert!(exclude.is_empty(), "no exact hits to leave out");
    // The field changes before the similar answer comes.
    press(&mut app, KeyCode::Backspace);
    let hit = demo_directory()
        .similar("безнагов", &[], 20)
        .expect("similar")
        .remove(0);
    app.update(Msg::SimilarFound {
        req: similar,
        hits: vec![hit],
    });
    assert!(
        lookup(&app).similar.is_empty(),
        "the stale answer is dropped"
    );
}

#[test]
fn a_phone_asks_for_no_similar_names() {
    let mut app = app(Lang::Ru);
    let effects = app.update(Msg::Key(key(KeyCode::Char('8'))));
    let Some(Effect::SearchDirectory { req, .. }) = effects.first().cloned() else {
        panic!("{effects:?}")
    };
    let effects = app.update(Msg::DirectoryFound {
        req,
        hits: Vec::new(),
        layout: None,
    });
    assert!(effects.is_empty(), "{effects:?}");
}
