//! A picker over a list too long to rank in one go: a keystroke ranks a
//! slice of it and shows the best rows so far with "…" for the count, the
//! loop's `Msg::Continue` ranks the rest, and a key that acts on the
//! selected row acts on the full ranking, as if it had been there at once.

use crate::support::*;
use crmcard::api::model::Street;
use crmcard::app::vocab::FieldId;
use crmcard::app::{App, Msg};
use crmcard::fuzzy::{FuzzyIndex, SLICE};
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Several slices' worth of streets, every one with an `с`, and one
/// «Садовая» that sorts far past the first slice.
fn many_streets() -> Vec<Street> {
    const FIRST: [&str; 12] = [
        "Академика",
        "Бульварная",
        "Вишнёвая",
        "Гагарина",
        "Жуковского",
        "Лесная",
        "Мира",
        "Новая",
        "Парковая",
        "Садовая",
        "Тверская",
        "Ясная",
    ];
    const SECOND: [&str; 5] = ["спуск", "проспект", "съезд", "сквер", "просека"];
    let count = 32_768;
    assert!(count >= 4 * SLICE, "not several slices");
    let mut names: Vec<String> = (0..count)
        .map(|i| {
            let first = FIRST[i % FIRST.len()];
            let second = SECOND[(i / FIRST.len()) % SECOND.len()];
            format!("{first} {second} {}", i / 7)
        })
        .collect();
    names.push("Садовая".to_owned());
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| Street {
            id: format!("{}", 20_000_000_000_000u64 + i as u64),
            name,
            post_code: String::new(),
        })
        .collect()
}

/// What the picker shows for `query` once ranked: the names holding it,
/// then the scattered ones, as a fresh index ranks the whole list.
fn ranked_at_once(app: &App, query: &str) -> (Vec<String>, usize) {
    let p = picker(app).expect("the street picker");
    let names: Vec<&str> = p.items.iter().map(|c| c.name.as_str()).collect();
    let ranked = FuzzyIndex::new(names.iter().copied()).filter(query);
    let (close, far): (Vec<u32>, Vec<u32>) = ranked
        .into_iter()
        .partition(|&i| holds_every_word(names[i as usize], query));
    let shown = close
        .iter()
        .chain(&far)
        .map(|&i| names[i as usize].to_owned())
        .collect();
    (shown, close.len())
}

/// Whether every word of `query` occurs, unbroken, in `name` (case and
/// `ё` folded): the picker's rule for the names above the separator.
fn holds_every_word(name: &str, query: &str) -> bool {
    let name = crmcard::fuzzy::fold(name);
    crmcard::fuzzy::fold(query)
        .split_whitespace()
        .all(|word| name.contains(word))
}

/// Sends `Msg::Continue` while the app has work; how many it took.
fn continue_to_the_end(app: &mut App) -> usize {
    let mut sent = 0;
    while app.has_work() {
        assert!(app.update(Msg::Continue).is_empty());
        sent += 1;
        assert!(sent < 100, "the work never ends");
    }
    sent
}

fn street_app() -> App {
    let mut app = app(Lang::Ru);
    street_picker(&mut app, many_streets());
    app
}

#[test]
fn a_keystroke_shows_the_best_so_far_then_the_full_ranking() {
    let mut app = street_app();
    // The first letter is ranked in advance, but the ranking of the whole
    // list is split into close and scattered names in slices too.
    press(&mut app, KeyCode::Char('с'));
    continue_to_the_end(&mut app);
    let (want, close) = ranked_at_once(&app, "с");
    let p = picker(&app).expect("the street picker");
    assert_eq!((picker_names(p), p.close), (want, close));
    press(&mut app, KeyCode::Char('к'));
    assert!(
        app.has_work(),
        "the second letter ranked the whole list at once"
    );
    let screen = render(&app, 120, 40);
    assert!(screen.contains("… из 32769"), "{screen}");
    let p = picker(&app).expect("the street picker");
    assert!(!p.matches.is_empty(), "no rows while ranking: {screen}");
    assert!(
        p.matches.len() <= 256,
        "{} provisional rows",
        p.matches.len()
    );
    snap!("slices_provisional", &app);
    let sent = continue_to_the_end(&mut app);
    assert!(sent >= 2, "{sent} slices");
    let (want, close) = ranked_at_once(&app, "ск");
    let p = picker(&app).expect("the street picker");
    assert_eq!(picker_names(p), want);
    assert_eq!(p.close, close);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains(&format!("{} из 32769", want.len())),
        "{screen}"
    );
    assert!(!screen.contains('…'), "{screen}");
}

#[test]
fn enter_right_after_a_letter_chooses_from_the_full_ranking() {
    let mut app = street_app();
    type_text(&mut app, "садовая");
    assert!(app.has_work());
    let p = picker(&app).expect("the street picker");
    // The rows so far are not the final ones: «Садовая» is far in the list.
    assert_ne!(picker_names(p).first().map(String::as_str), Some("Садовая"));
    let (want, close) = ranked_at_once(&app, "садовая");
    assert!(close > 0);
    assert_eq!(want[0], "Садовая");
    press(&mut app, KeyCode::Enter);
    assert!(picker(&app).is_none(), "the picker stayed open");
    assert_eq!(chosen(&app, FieldId::Street).as_deref(), Some("Садовая"));
}

#[test]
fn arrows_mid_ranking_move_over_the_full_ranking() {
    let mut app = street_app();
    type_text(&mut app, "ск");
    assert!(app.has_work());
    press(&mut app, KeyCode::Down);
    assert!(!app.has_work());
    let (want, close) = ranked_at_once(&app, "ск");
    let p = picker(&app).expect("the street picker");
    assert_eq!(picker_names(p), want);
    assert_eq!(p.close, close);
    assert_eq!(p.selected, 1);
}

#[test]
fn another_letter_mid_ranking_ranks_the_longer_query() {
    let mut app = street_app();
    type_text(&mut app, "ск");
    assert!(app.has_work());
    app.update(Msg::Continue);
    assert!(app.has_work());
    press(&mut app, KeyCode::Char('в'));
    continue_to_the_end(&mut app);
    let (want, close) = ranked_at_once(&app, "скв");
    let p = picker(&app).expect("the street picker");
    assert_eq!(picker_names(p), want);
    assert_eq!(p.close, close);
    // And Backspace to a query that was never finished ranks it again.
    press(&mut app, KeyCode::Backspace);
    continue_to_the_end(&mut app);
    let (want, _) = ranked_at_once(&app, "ск");
    assert_eq!(picker_names(picker(&app).expect("the picker")), want);
}

#[test]
fn the_other_layout_is_searched_in_slices_too() {
    let mut app = street_app();
    // «сад» typed in the Latin layout.
    type_text(&mut app, "cfl");
    assert!(app.has_work());
    assert!(continue_to_the_end(&mut app) >= 2);
    let p = picker(&app).expect("the street picker");
    assert_eq!(p.other_layout.as_deref(), Some("сад"));
    let (want, _) = ranked_at_once(&app, "сад");
    let close: Vec<String> = picker_names(p).into_iter().take(p.close).collect();
    assert_eq!(close, want[..p.close]);
    assert!(close.iter().all(|n| n.to_lowercase().contains("сад")));
}

#[test]
fn a_short_list_is_ranked_within_the_keystroke() {
    let mut app = app(Lang::Ru);
    let mut streets = many_streets();
    streets.truncate(SLICE / 2);
    street_picker(&mut app, streets);
    for c in "садо".chars() {
        press(&mut app, KeyCode::Char(c));
        assert!(!app.has_work(), "after {c:?}");
    }
    let (want, _) = ranked_at_once(&app, "садо");
    assert_eq!(picker_names(picker(&app).expect("the picker")), want);
}
