//! The TUI started without a terminal (a script, a service): one line on
//! stderr, nothing on stdout, a failure status.

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::home::BIN;

/// `crmcard --demo` in its own session (no controlling terminal, as under a
/// service manager), with private directories, and standard input as
/// `stdin` gives it.
fn spawn(stdin: Stdio, lang: &str, home: &std::path::Path) -> Child {
    Command::new("setsid")
        .arg("--wait")
        .arg(BIN)
        .args(["--demo", "--lang", lang])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crmcard under setsid (util-linux)")
}

/// The child's output once it has ended; a child still running after a
/// generous limit is a failure (it waited for a terminal it has not got).
fn finish(mut child: Child) -> Output {
    let limit = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait for crmcard").is_none() {
        if Instant::now() > limit {
            let _ = child.kill();
            panic!("crmcard without a terminal still runs after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("crmcard's output")
}

fn assert_one_line(output: &Output, says: &str) {
    assert!(!output.status.success(), "exit status {}", output.status);
    assert!(
        output.stdout.is_empty(),
        "nothing on stdout, got {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr:?}");
    assert!(stderr.contains(says), "{says:?} in {stderr:?}");
    assert!(!stderr.contains("os error"), "no system error: {stderr:?}");
}

#[test]
fn without_a_terminal_on_stdin_it_says_so_in_one_line_and_writes_no_escapes() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = finish(spawn(Stdio::null(), "en", home.path()));
    assert_one_line(&output, "crmcard: needs a terminal");
}

#[test]
fn from_a_pipe_it_says_so_in_russian_and_reads_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut child = spawn(Stdio::piped(), "ru", home.path());
    // Keys a script might pipe in: none of them is taken as typing.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(b"10000000009188\r\x11");
    }
    assert_one_line(&finish(child), "crmcard: нужен терминал");
}
