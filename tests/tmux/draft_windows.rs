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

/// A 300 KB file, a link to `/dev/zero` and a FIFO planted in the drafts
/// directory: crmcard starts at once, reads none of them, and says so on
/// its status line (item 4 of issue 21).
#[test]
fn planted_files_in_the_drafts_directory_neither_hang_nor_fill_the_start() {
    let dirs = Dirs::new();
    let drafts = dirs.data().join("crmcard").join("drafts");
    std::fs::create_dir_all(&drafts).expect("drafts dir");
    std::fs::write(drafts.join("big.json"), vec![b' '; 300_000]).expect("big");
    std::os::unix::fs::symlink("/dev/zero", drafts.join("zero.json")).expect("link");
    let made = Command::new("mkfifo")
        .arg(drafts.join("fifo.json"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let term = Term::start_in(
        dirs,
        Launch {
            env: &[("LANG", "ru_RU.UTF-8")],
            width: 160,
            height: 40,
            ..Launch::new(&["--demo"])
        },
    );
    let screen = term.wait_for_all(&["Поиск клиента", "Черновики не прочитаны"]);
    for said in [
        "big.json: 300000 байт",
        "zero.json: не",
        "fifo.json: не обычный файл",
    ] {
        assert!(screen.contains(said), "{said}: {}", frame(&screen));
    }
    // Typing works: the start is not stuck behind a read.
    term.type_text("Безногов");
    term.wait_for_all(&["Безногов Сергей"]);
}
