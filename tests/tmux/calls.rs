//! The phone rings, end to end: `crmcard call` from another process (and a
//! fake Asterisk manager) reaching the running demo in tmux, the banner, the
//! take key, a changed form left alone, and the call socket's file gone on
//! exit.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tokio::net::TcpListener;

use crate::fake_ami::{Manager, dial_begin};
use crate::support::{BIN, Dirs, Launch, Term, frame, line_with};

/// The demo's first client has this phone (+79998887766 in the seed).
const NUMBER: &str = "89998887766";
const SHOWN: &str = "+7 999 888-77-66";
const NAME: &str = "Безногов Сергей Витальевич";

/// Runs `crmcard call ARGS… --socket …` as a softphone's hook would, with
/// the pane's environment, and checks that the running crmcard has it;
/// prints how long it took.
pub fn ring(dirs: &Dirs, args: &[&str]) {
    let started = Instant::now();
    let out = Command::new(BIN)
        .arg("call")
        .args(args)
        .arg("--socket")
        .arg(dirs.call_socket())
        .env_clear()
        .envs(dirs.env(&[]))
        .output()
        .expect("run crmcard call");
    eprintln!("crmcard call took {:?}", started.elapsed());
    assert!(
        out.status.success(),
        "crmcard call {args:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn demo(args: &[&str], env: &[(&str, &str)]) -> Term {
    let mut all = vec!["--demo"];
    all.extend_from_slice(args);
    Term::start(Launch {
        width: 100,
        height: 30,
        args: Box::leak(all.into_boxed_slice()),
        env: Box::leak(env.to_vec().into_boxed_slice()),
        shell_after: true,
        wrapper: None,
    })
}

fn socket_exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

#[test]
fn a_call_shows_the_known_client_and_one_key_opens_its_card() {
    let term = demo(&[], &[("LANG", "ru_RU.UTF-8")]);
    term.wait_for_all(&["Поиск клиента"]);
    assert!(socket_exists(&term.dirs().call_socket()), "crmcard listens");

    ring(term.dirs(), &[NUMBER]);
    let screen = term.wait_for_all(&["Звонок", SHOWN, NAME, "F9 принять"]);
    let banner = line_with(&screen, "Звонок");
    assert!(banner.contains(NAME), "{banner}");
    assert!(
        screen.contains("Поиск клиента"),
        "the screen underneath stays"
    );

    term.send_keys(&["F9"]);
    let screen = term.wait_for_all(&["Карточка клиента", NAME]);
    assert!(
        !screen.contains("Звонок +7"),
        "the banner went: {}",
        frame(&screen)
    );

    term.send_keys(&["C-q"]);
    let status = term.wait_for_exit();
    assert!(status.contains("exited 0;"), "{status}");
    assert!(
        !socket_exists(&term.dirs().call_socket()),
        "the socket file goes on exit"
    );
}

#[test]
fn a_call_leaves_a_changed_form_untouched_and_queues() {
    let term = demo(&[], &[("LANG", "ru_RU.UTF-8")]);
    term.send_keys(&["IC"]);
    term.wait_for_all(&["Новый клиент"]);
    term.type_text("Петров");
    term.wait_for_all(&["Петров"]);

    ring(term.dirs(), &[NUMBER]);
    term.wait_for_all(&["Звонок", NAME, "Петров"]);
    ring(term.dirs(), &["8 (916) 123-45-67"]);
    let screen = term.wait_for_all(&["Звонок", NAME, "ещё 1"]);
    assert!(screen.contains("Новый клиент") && screen.contains("Петров"));

    // The take key offers to park the form; Esc leaves the form and both
    // calls as they were.
    term.send_keys(&["F9"]);
    term.wait_for_all(&["Отложить её в черновики"]);
    term.send_keys(&["Escape"]);
    let screen = term.wait_for("the question closed", |s| !s.contains("Отложить её"));
    assert!(screen.contains("Новый клиент") && screen.contains("Петров"));
    assert!(screen.contains("ещё 1"), "{}", frame(&screen));
    // F9 typed nothing into the field (no stray escape-sequence bytes).
    assert!(!screen.contains("20~"), "{}", frame(&screen));

    // SIGTERM: crmcard ends, and its socket file goes with it.
    let crmcard = crmcard_pid(&term);
    let killed = Command::new("kill").args(["-TERM", &crmcard]).status();
    assert!(killed.expect("kill").success());
    term.wait_for_exit();
    assert!(!socket_exists(&term.dirs().call_socket()));
}

/// The pid of crmcard, the child of the pane's shell.
fn crmcard_pid(term: &Term) -> String {
    let shell = term.display("#{pane_pid}");
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("the shell's children");
    children
        .split_whitespace()
        .next()
        .expect("crmcard runs")
        .to_owned()
}

const SECRET: &str = "pa55-AMI-tmux-s3cret";

/// A config whose `[calls.ami]` points at the fake manager on `port`, the
/// operator's phone PJSIP/101 (ringing it and calling back from it).
fn ami_dirs(port: u16) -> Dirs {
    let dirs = Dirs::new();
    let dir = dirs.config().join("crmcard");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[calls.ami]\nhost = \"127.0.0.1\"\nport = {port}\nusername = \"crmcard\"\nextension = \"PJSIP/101\"\nchannel = \"PJSIP/101\"\n"
        ),
    )
    .expect("write the config");
    dirs
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// A fake manager on loopback and the demo started against it (with
/// [`SECRET`]): the runtime the fake runs on, its listener, the terminal.
fn demo_with_fake_pbx() -> (tokio::runtime::Runtime, TcpListener, Term) {
    let rt = runtime();
    let pbx = rt.block_on(TcpListener::bind("127.0.0.1:0")).expect("bind");
    let port = pbx.local_addr().expect("addr").port();
    let term = start_with_ami(ami_dirs(port), SECRET);
    (rt, pbx, term)
}

fn start_with_ami(dirs: Dirs, secret: &str) -> Term {
    Term::start_in(
        dirs,
        Launch {
            args: &["--demo"],
            env: Box::leak(
                vec![("LANG", "ru_RU.UTF-8"), ("CRMCARD_AMI_SECRET", secret)].into_boxed_slice(),
            ),
            ..Launch::new(&[])
        },
    )
}

#[test]
fn a_dial_begin_from_the_pbx_shows_the_banner_and_a_hangup_ends_it() {
    let (rt, pbx, term) = demo_with_fake_pbx();
    let mut manager = rt.block_on(Manager::accept(&pbx, true));
    let key = crmcard::calls::ami_conn::md5_key(crate::fake_ami::CHALLENGE, SECRET);
    assert!(manager.login.contains(&format!("Key: {key}\r\n")));
    term.wait_for_all(&["АТС: на связи"]);

    rt.block_on(manager.send(&dial_begin("PJSIP/102-00000001", "84950000000", "1.1")));
    rt.block_on(manager.send(&dial_begin("PJSIP/101-00000002", NUMBER, "1.2")));
    let screen = term.wait_for_all(&["Звонок", SHOWN, NAME]);
    assert!(
        !screen.contains("495"),
        "another phone's call: {}",
        frame(&screen)
    );

    rt.block_on(manager.send(
        "Event: Hangup\r\nChannel: PJSIP/101-00000002\r\nUniqueid: 1.29\r\nLinkedid: 1.2\r\n\r\n",
    ));
    term.wait_for("the banner gone", |s| !s.contains("Звонок +7"));
}

#[test]
fn a_wrong_secret_shows_login_refused_and_the_secret_is_nowhere() {
    let (rt, pbx, term) = demo_with_fake_pbx();
    let _manager = rt.block_on(Manager::accept(&pbx, false));
    let screen = term.wait_for_all(&["АТС: вход отклонён"]);
    assert!(!screen.contains(SECRET));

    // Out: the log is written, then every file is searched.
    term.send_keys(&["C-q"]);
    term.wait_for("the end", |s| !s.contains("crmcard │") || s.is_empty());
    let files = term.dirs().files();
    assert!(
        files.iter().any(|f| f.ends_with("crmcard.log")),
        "the log was written: {files:?}"
    );
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(SECRET),
            "{} holds the secret",
            file.display()
        );
    }
}

/// Another demo with the same runtime directory as `first`: the same call
/// socket.
fn second_demo_beside(first: &Term) -> Term {
    let run = first.dirs().run().display().to_string();
    let env = vec![
        ("LANG", "ru_RU.UTF-8"),
        ("XDG_RUNTIME_DIR", run.leak() as &str),
    ];
    Term::start(Launch {
        args: &["--demo"],
        env: Box::leak(env.into_boxed_slice()),
        ..Launch::new(&[])
    })
}

#[test]
fn a_second_crmcard_says_another_one_takes_the_calls_and_runs_without() {
    let first = demo(&[], &[("LANG", "ru_RU.UTF-8")]);
    let second = second_demo_beside(&first);
    let screen = second.wait_for_all(&["Уже запущен другой crmcard"]);
    assert!(screen.contains("crmcard.sock"), "{}", frame(&screen));
    // The notice is a status line: the id the operator types right away
    // (issue 21 item 9) goes into the lookup field, and Enter opens the card.
    second.open_sample_card();
    second.wait_for_all(&["Уже запущен другой crmcard"]);

    // The first keeps its socket and its calls; the second's end leaves
    // the first's socket alone.
    second.send_keys(&["C-q"]);
    second.wait_for("the second's end", |s| !s.contains("crmcard │"));
    ring(first.dirs(), &[NUMBER]);
    first.wait_for_all(&["Звонок", SHOWN]);
}

#[test]
fn a_hidden_number_and_a_sip_uri_are_calls() {
    let term = demo(&[], &[("LANG", "ru_RU.UTF-8")]);
    term.wait_for_all(&["Поиск клиента"]);
    ring(term.dirs(), &["anonymous"]);
    let screen = term.wait_for_all(&["Звонок", "номер скрыт"]);
    assert!(!screen.contains("anonymous"), "{}", frame(&screen));
    // Taken (an empty lookup), so that the next call is on the banner.
    term.send_keys(&["F9"]);
    term.wait_for("the banner gone", |s| !s.contains("Звонок"));
    ring(term.dirs(), &["sip:89998887766@pbx"]);
    let screen = term.wait_for_all(&[SHOWN, NAME]);
    assert!(!screen.contains("sip:"), "{}", frame(&screen));
}

#[test]
fn calling_back_a_phone_of_the_card_originates_and_a_refusal_is_explained() {
    let (rt, pbx, term) = demo_with_fake_pbx();
    let _events = rt.block_on(Manager::accept(&pbx, true));
    term.wait_for_all(&["АТС: на связи"]);
    term.open_sample_card();
    term.send_keys(&["2", "Down", "p"]);
    // Calling back opens a connection of its own.
    let mut dialling = rt.block_on(Manager::accept(&pbx, true));
    let action = rt.block_on(dialling.read_action());
    for line in [
        "Action: Originate\r\n",
        "Channel: PJSIP/101\r\n",
        "Exten: +79998887766\r\n",
        "Context: from-internal\r\n",
    ] {
        assert!(action.contains(line), "{action}");
    }
    let id = action
        .lines()
        .find_map(|l| l.strip_prefix("ActionID: "))
        .expect("an ActionID");
    rt.block_on(dialling.send(&format!(
        "Response: Error\r\nActionID: {id}\r\nMessage: Permission denied\r\n\r\n"
    )));
    let screen = term.wait_for_all(&["Звонок не набран", "Permission denied", "originate"]);
    assert!(screen.contains("Карточка клиента"), "{}", frame(&screen));
}

#[test]
fn a_second_crmcard_takes_the_calls_as_soon_as_the_first_one_exits() {
    let first = demo(&[], &[("LANG", "ru_RU.UTF-8")]);
    first.wait_for_all(&["Поиск клиента"]);
    let second = second_demo_beside(&first);
    second.wait_for_all(&["Уже запущен другой crmcard", "как только тот закроется"]);
    first.send_keys(&["C-q"]);
    first.wait_for_exit();
    // The second takes the socket: its notice goes, and calls reach it.
    second.wait_for("the notice gone", |s| !s.contains("Уже запущен"));
    ring(first.dirs(), &[NUMBER]);
    second.wait_for_all(&["Звонок", SHOWN, NAME]);
}
