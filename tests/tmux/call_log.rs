//! Issue 19's "Done when", end to end against the demo: five calls taken
//! oldest first and the third chosen from the waiting list; a call that
//! ends while waiting shows in the log as missed, Enter on it opens the
//! client, "called back" marks it; a changed form parked by F9 comes back
//! with every field.

use crate::calls::ring;
use crate::support::{Dirs, Launch, Term, frame, line_with};

/// The demo's first client (+79998887766 in the seed).
const NAME: &str = "Безногов Сергей Витальевич";

/// The demo with `[calls] desk = "стол-1"`.
fn demo() -> Term {
    let dirs = Dirs::new();
    let dir = dirs.config().join("crmcard");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), "[calls]\ndesk = \"стол-1\"\n").expect("config");
    demo_in(dirs)
}

/// The demo in `dirs` (prepared by [`demo`], or left by an earlier run).
fn demo_in(dirs: Dirs) -> Term {
    let term = Term::start_in(
        dirs,
        Launch {
            width: 120,
            height: 30,
            ..Launch::new(&["--demo"])
        },
    );
    term.wait_for_all(&["Поиск клиента"]);
    term
}

#[test]
fn five_calls_are_taken_oldest_first_and_the_third_from_the_waiting_list() {
    let term = demo();
    let numbers = [
        "89161111111",
        "89162222222",
        "89998887766",
        "89164444444",
        "89165555555",
    ];
    for (i, number) in numbers.iter().enumerate() {
        ring(term.dirs(), &[number]);
        if i == 0 {
            term.wait_for_all(&["Звонок +7 916 111-11-11"]);
        }
    }
    let screen = term.wait_for_all(&["ещё 4"]);
    let banner = line_with(&screen, "Звонок");
    assert!(banner.contains("+7 916 111-11-11"), "the oldest: {banner}");

    term.send_keys(&["F8"]);
    let screen = term.wait_for_all(&["Ожидающие звонки", "+7 916 555-55-55"]);
    for row in [
        "1. +7 916 111-11-11",
        "2. +7 916 222-22-22",
        "3. +7 999 888-77-66",
        "4. +7 916 444-44-44",
        "5. +7 916 555-55-55",
    ] {
        assert!(screen.contains(row), "{row}: {}", frame(&screen));
    }
    term.send_keys(&["Down", "Down", "Enter"]);
    let screen = term.wait_for_all(&["Карточка клиента", NAME, "ещё 3"]);
    assert!(!screen.contains("Ожидающие звонки"), "{}", frame(&screen));

    // The take key now takes the oldest: a new client with its number.
    term.send_keys(&["F9"]);
    let screen = term.wait_for_all(&["Новый клиент", "+79161111111", "ещё 2"]);
    let banner = line_with(&screen, "Звонок");
    assert!(banner.contains("+7 916 222-22-22"), "{banner}");
}

#[test]
fn a_call_ended_while_waiting_is_missed_opens_its_client_and_is_called_back() {
    let term = demo();
    ring(term.dirs(), &["89998887766", "--call-id", "c-1"]);
    term.wait_for_all(&["Звонок +7 999 888-77-66", "Безногов"]);
    ring(term.dirs(), &["--ended", "c-1"]);
    term.wait_for("the banner gone", |s| !s.contains("Звонок +7"));

    term.send_keys(&["F7"]);
    let screen = term.wait_for_all(&["Журнал звонков", "+7 999 888-77-66", "пропущен"]);
    let row = line_with(&screen, "+7 999 888-77-66");
    assert!(
        row.contains("Безногов Сергей") && row.contains("пропущен"),
        "{row}"
    );
    term.send_keys(&["m"]);
    let screen = term.wait_for_all(&["Пропущенные, ещё не перезвонили", "+7 999 888-77-66"]);
    assert!(line_with(&screen, "+7 999 888-77-66").contains("пропущен"));

    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Карточка клиента", NAME]);

    term.send_keys(&["F7"]);
    term.wait_for_all(&["Журнал звонков", "+7 999 888-77-66"]);
    term.send_keys(&["b"]);
    let screen = term.wait_for_all(&["перезвонили: стол-1"]);
    assert!(line_with(&screen, "перезвонили").contains("+7 999 888-77-66"));
    // The missed-only list has nobody left to call back.
    term.send_keys(&["m"]);
    term.wait_for_all(&["Пропущенных без ответа нет."]);
}

#[test]
fn a_changed_form_parked_by_the_take_key_comes_back_with_every_field() {
    let term = demo();
    term.send_keys(&["IC"]);
    term.wait_for_all(&["Новый клиент"]);
    term.type_text("Петров");
    term.send_keys(&["Tab"]);
    term.type_text("Пётр");
    term.send_keys(&["Tab"]);
    term.type_text("Петрович");
    term.wait_for_all(&["Петрович"]);
    ring(term.dirs(), &["89998887766"]);
    term.wait_for_all(&["Звонок +7 999 888-77-66", "Безногов"]);

    term.send_keys(&["F9"]);
    term.wait_for_all(&["Отложить её в черновики"]);
    term.send_keys(&["Enter"]);
    let screen = term.wait_for_all(&["Карточка клиента", NAME]);
    assert!(!screen.contains("Петров"), "{}", frame(&screen));

    term.send_keys(&["Escape"]);
    term.wait_for_all(&["Поиск клиента"]);
    term.send_keys(&["F6"]);
    term.wait_for_all(&["Несохранённые формы", "Петров Пётр Петрович"]);
    term.send_keys(&["Enter"]);
    let screen = term.wait_for_all(&["Новый клиент", "Петров", "Пётр", "Петрович"]);
    assert!(
        !screen.contains("Несохранённые формы"),
        "{}",
        frame(&screen)
    );
}

#[test]
fn calls_still_ringing_and_the_log_survive_quitting_and_starting_again() {
    let mut term = demo();
    // A call that ended while waiting (missed), then one still ringing.
    ring(term.dirs(), &["89161234567", "--call-id", "r-1"]);
    term.wait_for_all(&["Звонок +7 916 123-45-67"]);
    ring(term.dirs(), &["--ended", "r-1"]);
    term.wait_for("the banner gone", |s| !s.contains("Звонок +7"));
    ring(term.dirs(), &["89998887766", "--call-id", "r-2"]);
    term.wait_for_all(&["Звонок +7 999 888-77-66", "Безногов"]);
    // A second on the tick clock: the next run starts after this call.
    term.wait_for("a second gone", |s| {
        s.lines().any(|l| {
            l.contains("Звонок +7 999") && l.contains(" с назад") && !l.contains(" 0 с назад")
        })
    });
    // Quitting with a call waiting asks; `y` quits.
    term.send_keys(&["C-q"]);
    term.wait_for_all(&["Ждут ответа звонков: 1"]);
    term.send_keys(&["y"]);
    term.wait_for("crmcard ended", |_| term.display("#{pane_dead}") == "1");

    let term = demo_in(term.take_dirs());
    // The call still ringing is back on the banner; the ended one is not.
    let screen = term.wait_for_all(&["Звонок +7 999 888-77-66", "Безногов"]);
    assert!(!screen.contains("ещё 1"), "{}", frame(&screen));
    // The log holds both calls of the earlier run, the ended one missed.
    term.send_keys(&["F7"]);
    let screen = term.wait_for_all(&["Журнал звонков", "+7 916 123-45-67", "+7 999 888-77-66"]);
    let missed = line_with(&screen, "+7 916 123-45-67");
    assert!(missed.contains("пропущен"), "{missed}");
    // The restored call ends as any other: it leaves the banner, missed.
    term.send_keys(&["Escape"]);
    term.wait_for_all(&["Поиск клиента"]);
    ring(term.dirs(), &["--ended", "r-2"]);
    term.wait_for("the banner gone", |s| !s.contains("Звонок +7"));
    term.send_keys(&["F7"]);
    let screen = term.wait_for_all(&["Журнал звонков", "+7 999 888-77-66"]);
    let row = line_with(&screen, "+7 999 888-77-66");
    assert!(row.contains("пропущен"), "{row}");
}
