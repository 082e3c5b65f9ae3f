//! How crmcard ends, and how it reads its input, in a real terminal (tmux):
//!
//! - every way out but SIGKILL (the terminal closed, SIGINT, SIGQUIT,
//!   SIGTERM from outside) ends it without a panic and keeps what was typed
//!   in an open form as a draft; a form is kept as it is typed, so SIGKILL
//!   keeps it too, and the next start offers it back;
//! - input that arrives faster than it is read (more than crossterm's
//!   1,024-byte buffer at once) is all processed at once, in order, and an
//!   Esc at the end of such a burst is Esc, not the start of an Alt-key.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::support::{Dirs, Launch, Term, WAIT, frame};

/// Runs the binary, then writes its exit status to `$CRMCARD_TEST_STATUS`
/// (128 + the signal when a signal ended it, 134 for an abort). The shell
/// ignores SIGHUP, so that it outlives the terminal to write the status;
/// crmcard sets its own handler.
const RECORD_STATUS: &str = r#"trap '' HUP
"$0" "$@"
echo "$?" > "$CRMCARD_TEST_STATUS""#;

/// What the operator types into the form before crmcard is stopped.
const TYPED: &str = "Черновик";

struct Run {
    term: Term,
    status_file: PathBuf,
    /// The recording shell: crmcard is its child.
    shell: String,
}

impl Drop for Run {
    /// A crmcard that did not end (a failed test) is not left running.
    fn drop(&mut self) {
        let shell = &self.shell;
        if let Ok(children) =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        {
            for pid in children.split_whitespace() {
                let _ = Command::new("kill").args(["-KILL", pid]).status();
            }
        }
    }
}

/// The demo in a pane whose exit status is recorded.
fn start() -> Run {
    let dirs = Dirs::new();
    let status_file = dirs.root().join("status");
    let status = status_file.display().to_string();
    let term = Term::start_in(
        dirs,
        Launch {
            env: &[
                ("LANG", "ru_RU.UTF-8"),
                ("CRMCARD_TEST_STATUS", status.as_str()),
            ],
            wrapper: Some(RECORD_STATUS),
            ..Launch::new(&["--demo"])
        },
    );
    term.wait_for_all(&["Поиск клиента"]);
    let shell = term.display("#{pane_pid}");
    Run {
        term,
        status_file,
        shell,
    }
}

/// Opens the sample client's main data form.
fn open_form(term: &Term) {
    term.open_sample_card();
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Основные данные клиента"]);
}

/// What is typed into the note after [`TYPED`] in the last name.
const NOTE: &str = "звонить после 18";

/// Types [`TYPED`] at the end of the last name and [`NOTE`] into the note.
fn type_fields(term: &Term) {
    term.type_text(TYPED);
    term.send_keys(&["Tab", "Tab", "Tab", "Tab"]);
    term.type_text(NOTE);
    term.wait_for("the typed text", |s| s.contains(NOTE) && s.contains(TYPED));
}

/// Waits for a draft on disk that holds `text` (written while crmcard runs).
fn wait_for_draft(dirs: &Dirs, text: &str) {
    let start = Instant::now();
    while !drafts(dirs).iter().any(|d| d.contains(text)) {
        assert!(start.elapsed() < WAIT, "no draft with {text:?}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Starts crmcard again in `dirs`: the draft is offered by client and form,
/// and taking it shows every field as typed (on the client's card: see the
/// `update` tests in tests/ui/drafts.rs).
fn the_draft_comes_back(dirs: Dirs) {
    let term = Term::start_in(
        dirs,
        Launch {
            env: &[("LANG", "ru_RU.UTF-8")],
            ..Launch::new(&["--demo"])
        },
    );
    term.wait_for_all(&[
        "Несохранённые формы",
        "Безногов С. В., основные данные клиента",
    ]);
    term.send_keys(&["Enter"]);
    let screen = term.wait_for_all(&["Основные данные клиента", NOTE]);
    let typed = format!("Безногов{TYPED}");
    assert!(screen.contains(&typed), "{}", frame(&screen));
    assert!(screen.contains("Сергей"), "{}", frame(&screen));
}

#[test]
fn after_kill_9_the_draft_is_offered_and_comes_back_as_typed() {
    let mut run = start();
    open_form(&run.term);
    type_fields(&run.term);
    // Kept as typed: on disk before anything stops crmcard.
    wait_for_draft(run.term.dirs(), NOTE);
    kill("KILL", &crmcard_pid(&run));
    assert_eq!(exit_status(&run), "137");
    the_draft_comes_back(run.term.take_dirs());
}

#[test]
fn after_tmux_kill_session_the_draft_is_offered_and_comes_back_as_typed() {
    let mut term = Term::start(Launch {
        env: &[("LANG", "ru_RU.UTF-8")],
        ..Launch::new(&["--demo"])
    });
    term.wait_for_all(&["Поиск клиента"]);
    open_form(&term);
    type_fields(&term);
    term.tmux(&["kill-session", "-t", "t"]);
    assert_ended_with_a_draft("tmux kill-session", term.dirs());
    the_draft_comes_back(term.take_dirs());
}

/// The pid of crmcard: the child of the recording shell.
fn crmcard_pid(run: &Run) -> String {
    let shell = &run.shell;
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).expect("children");
    children
        .split_whitespace()
        .next()
        .unwrap_or_else(|| panic!("no child of the shell {shell}"))
        .to_owned()
}

fn kill(signal: &str, pid: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), pid])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid}");
}

/// Waits for the recorded exit status.
fn exit_status(run: &Run) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(&run.status_file)
            && text.ends_with('\n')
        {
            return text.trim().to_owned();
        }
        assert!(
            start.elapsed() < WAIT,
            "crmcard did not end within {WAIT:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The drafts crmcard left, as text.
fn drafts(dirs: &Dirs) -> Vec<String> {
    dirs.files()
        .into_iter()
        .filter(|p| {
            // drafts/<CRM>/<window>/<form>.json
            p.ancestors().any(|d| d.ends_with("drafts"))
                && p.extension().is_some_and(|x| x == "json")
        })
        .map(|p| std::fs::read_to_string(p).expect("read the draft"))
        .collect()
}

/// Whether crmcard ended by itself, without a panic, with the typed text in
/// a draft: its last log line says it stopped.
fn assert_ended_with_a_draft(how: &str, dirs: &Dirs) {
    let start = Instant::now();
    let mut log = dirs.log();
    while !log.contains("crmcard stopped") && start.elapsed() < WAIT {
        std::thread::sleep(std::time::Duration::from_millis(50));
        log = dirs.log();
    }
    assert!(log.contains("crmcard stopped"), "{how}: the log:\n{log}");
    assert!(!log.contains("panicked"), "{how}: the log:\n{log}");
    let drafts = drafts(dirs);
    assert!(
        drafts.iter().any(|d| d.contains(TYPED)),
        "{how}: no draft with {TYPED:?}: {drafts:?}; the log:\n{log}"
    );
}

/// Types into the form, stops crmcard with `stop`, and checks that it ended
/// by itself (status 0), without a panic, with the typed text in a draft.
fn stopped_with_a_form_open(how: &str, stop: impl FnOnce(&Term, &str)) {
    let run = start();
    open_form(&run.term);
    run.term.type_text(TYPED);
    run.term.wait_for("the typed text", |s| s.contains(TYPED));
    let pid = crmcard_pid(&run);
    stop(&run.term, &pid);
    let status = exit_status(&run);
    let dirs = run.term.dirs();
    assert_eq!(
        status,
        "0",
        "{how}: crmcard's exit status; the log:\n{}",
        dirs.log()
    );
    assert_ended_with_a_draft(how, dirs);
}

/// crmcard as the terminal's only program, as in a terminal window or a
/// remote session: closing it sends SIGHUP and takes the terminal away.
#[test]
fn closing_the_terminal_keeps_the_form_as_a_draft_without_a_panic() {
    let term = Term::start(Launch::new(&["--demo"]));
    term.wait_for_all(&["Поиск клиента"]);
    open_form(&term);
    term.type_text(TYPED);
    term.wait_for("the typed text", |s| s.contains(TYPED));
    let pid = term.display("#{pane_pid}");
    term.tmux(&["kill-session", "-t", "t"]);
    assert_ended_with_a_draft("tmux kill-session", term.dirs());
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(start.elapsed() < WAIT, "crmcard {pid} still runs");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Under a shell that ignores SIGHUP (a `nohup`, a wrapper script), a
/// closed terminal sends crmcard no signal: its input ends, and that ends it
/// the same way.
#[test]
fn a_terminal_gone_without_a_signal_keeps_the_form_as_a_draft() {
    let run = start();
    open_form(&run.term);
    run.term.type_text(TYPED);
    run.term.wait_for("the typed text", |s| s.contains(TYPED));
    run.term.tmux(&["kill-session", "-t", "t"]);
    let status = exit_status(&run);
    assert_eq!(status, "0", "the log:\n{}", run.term.dirs().log());
    assert_ended_with_a_draft("the input ended", run.term.dirs());
}

#[test]
fn sigint_from_outside_keeps_the_form_as_a_draft() {
    stopped_with_a_form_open("kill -INT", |_, pid| kill("INT", pid));
}

#[test]
fn sigquit_from_outside_keeps_the_form_as_a_draft() {
    stopped_with_a_form_open("kill -QUIT", |_, pid| kill("QUIT", pid));
}

#[test]
fn sigterm_keeps_the_form_as_a_draft() {
    stopped_with_a_form_open("kill -TERM", |_, pid| kill("TERM", pid));
}

#[test]
fn a_signal_restores_the_terminal() {
    let term = Term::start(Launch {
        shell_after: true,
        ..Launch::new(&["--demo"])
    });
    term.wait_for_all(&["Поиск клиента"]);
    let shell = term.display("#{pane_pid}");
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).expect("children");
    let pid = children.split_whitespace().next().expect("crmcard's pid");
    kill("INT", pid);
    let report = term.wait_for_exit();
    assert_eq!(report, "exited 0; tty: icanon echo .");
    let screen = term.capture();
    assert!(
        !screen.contains("Поиск клиента"),
        "the alternate screen was left:\n{}",
        frame(&screen)
    );
}

/// A burst of `len` characters: `head`, then digits, then `tail`.
fn burst(len: usize, head: &str, tail: &str) -> String {
    let mut text = head.to_owned();
    let middle = len - head.chars().count() - tail.chars().count();
    text.extend((0..middle).map(|i| char::from(b'0' + (i % 10) as u8)));
    text.push_str(tail);
    text
}

#[test]
fn a_burst_of_3000_characters_arrives_whole_without_another_key() {
    let run = start();
    open_form(&run.term);
    let text = burst(3000, "НАЧАЛО", "КОНЕЦ");
    run.term.type_text(&text);
    // No other key is sent: the end of the burst must show by itself.
    run.term
        .wait_for("the end of the burst in the field", |s| s.contains("КОНЕЦ"));
    // And all of it, in order, is in the field: the draft holds it.
    kill("TERM", &crmcard_pid(&run));
    assert_eq!(exit_status(&run), "0");
    let drafts = drafts(run.term.dirs());
    assert!(
        drafts.iter().any(|d| d.contains(&text)),
        "the whole burst, in order, in the draft: {drafts:?}"
    );
}

#[test]
fn an_esc_ending_a_full_read_is_esc_not_alt_with_a_later_key() {
    let run = start();
    open_form(&run.term);
    // 1,023 characters and an Esc: exactly one full read of crossterm's
    // buffer, ending on the Esc.
    let text = format!("{}\x1b", burst(1023, "", ""));
    assert_eq!(text.len(), 1024);
    run.term.type_text(&text);
    run.term.wait_for("the Esc asking to drop the form", |s| {
        s.contains("Закрыть форму без сохранения?")
    });
    // A `y` typed much later is `y`, not Alt-y: the form is dropped.
    run.term.send_keys(&["y"]);
    run.term.wait_for("the card again", |s| {
        s.contains("Карточка клиента") && !s.contains("Основные данные клиента")
    });
}
