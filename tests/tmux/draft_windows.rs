//! Two crmcard windows of one user keep their drafts apart, and a window
//! killed with `kill -9` leaves its drafts to the next start, never a live
//! window's (item 10 of issue 21).

use std::process::Command;

use crate::lifecycle::{drafts, wait_for_draft};
use crate::support::{BIN, Dirs, Launch, Term, frame};

/// Opens the sample client's main data and types `text` at the end of the
/// last name.
fn type_into_main_data(term: &Term, text: &str) {
    term.open_sample_card();
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Основные данные клиента"]);
    term.type_text(text);
    term.wait_for_all(&[text]);
}

/// Starts another crmcard in a new window of the same terminal (the same
/// user, the same directories); it becomes the window keys go to.
fn another_window(term: &Term) {
    term.tmux(&["new-window", "-t", "t", BIN, "--demo"]);
}

#[test]
fn a_killed_windows_draft_goes_to_the_next_start_and_a_live_ones_stays() {
    let term = Term::start_in(
        Dirs::new(),
        Launch {
            env: &[("LANG", "ru_RU.UTF-8")],
            ..Launch::new(&["--demo"])
        },
    );
    term.wait_for_all(&["Поиск клиента"]);
    let first = term.display("#{pane_pid}");
    type_into_main_data(&term, "Первое");
    wait_for_draft(term.dirs(), "Первое");

    // A second window while the first is alive: nothing of the first's is
    // offered to it (the offer would be on its first screen).
    another_window(&term);
    let screen = term.wait_for_all(&["Поиск клиента"]);
    assert!(
        !screen.contains("Несохранённые формы"),
        "{}",
        frame(&screen)
    );
    type_into_main_data(&term, "Второе");
    wait_for_draft(term.dirs(), "Второе");
    // The same form in two windows: two drafts, neither overwritten.
    let all = drafts(term.dirs());
    assert!(all.iter().any(|d| d.contains("Первое")), "{all:?}");
    assert!(all.iter().any(|d| d.contains("Второе")), "{all:?}");

    // The first window dies; the second lives on.
    let killed = Command::new("kill")
        .args(["-KILL", &first])
        .status()
        .expect("kill");
    assert!(killed.success());

    // A third window takes over the dead one's draft only.
    another_window(&term);
    let screen = term.wait_for_all(&[
        "Несохранённые формы",
        "Безногов С. В., основные данные клиента",
    ]);
    assert_eq!(
        screen.matches("основные данные клиента").count(),
        1,
        "one draft offered: {}",
        frame(&screen)
    );
    term.send_keys(&["Enter"]);
    let screen = term.wait_for_all(&["Основные данные клиента", "БезноговПервое"]);
    assert!(!screen.contains("Второе"), "{}", frame(&screen));
    // The second window's draft is still its own, on disk.
    let all = drafts(term.dirs());
    assert!(all.iter().any(|d| d.contains("Второе")), "{all:?}");
}
