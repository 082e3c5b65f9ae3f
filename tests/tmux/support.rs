//! Drives the real `crmcard` binary in a tmux pane: keys in through
//! `send-keys`, the screen out through `capture-pane`.
//!
//! Every [`Term`] has its own tmux server (its own socket in its own temp
//! directory), so tests run in parallel without seeing each other, and its
//! own config, data and state directories (`XDG_*` and `HOME`), so that
//! nothing of the machine's user leaks in and every file the binary writes
//! can be inspected. The server is killed when the `Term` is dropped.
//!
//! tmux is required: without it these tests fail with a message saying so
//! (`.ci/run` installs it), they never skip silently.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Once;
use std::time::{Duration, Instant};

use crmcard::sandbox::{LoggedRequest, Sandbox, SandboxConfig};
use tempfile::TempDir;

/// How long [`Term::wait_for`] waits before it gives up: generous, so that a
/// busy machine is slow rather than flaky (a debug build decoding the
/// 40,000-street list took over 10 s while other builds ran).
pub const WAIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);
/// How long a screen must stay the same to count as drawn.
const SETTLE: Duration = Duration::from_millis(30);

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_crmcard");

/// The sample client of the vendor's documentation (also the demo's first).
pub const SAMPLE_CLIENT: &str = "10000000009188";

/// Panics, with what to do, when tmux cannot be run.
pub fn require_tmux() {
    static CHECK: Once = Once::new();
    CHECK.call_once(|| match Command::new("tmux").arg("-V").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "`tmux -V` failed ({}): the tmux tests need a working tmux",
            out.status
        ),
        Err(e) => panic!(
            "tmux is not installed ({e}): the tmux tests need it. \
             Install it (apt-get install tmux) or run .ci/run, which does."
        ),
    });
}

/// The private directories of one test run of the binary.
pub struct Dirs {
    root: TempDir,
}

impl Dirs {
    pub fn new() -> Self {
        // Short paths: a unix socket path must stay under ~100 bytes.
        let root = tempfile::Builder::new()
            .prefix("crmcard-t")
            .tempdir_in("/tmp")
            .expect("temp dir");
        let dirs = Self { root };
        for dir in [dirs.home(), dirs.config(), dirs.data(), dirs.state()] {
            std::fs::create_dir_all(dir).expect("create dir");
        }
        // Its own runtime directory: each crmcard listens for calls on a
        // socket of its own, never on another test's.
        std::fs::create_dir(dirs.run()).expect("create the runtime dir");
        {
            use std::os::unix::fs::PermissionsExt;
            let private = std::fs::Permissions::from_mode(0o700);
            std::fs::set_permissions(dirs.run(), private).expect("chmod the runtime dir");
        }
        dirs
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }
    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }
    pub fn config(&self) -> PathBuf {
        self.root().join("config")
    }
    pub fn data(&self) -> PathBuf {
        self.root().join("data")
    }
    /// `XDG_RUNTIME_DIR`: the call socket is `run/crmcard/crmcard.sock`.
    pub fn run(&self) -> PathBuf {
        self.root().join("run")
    }
    /// The client directory's file of the CRM at `base_url` (objectId 1).
    pub fn directory_file(&self, base_url: &str) -> PathBuf {
        let crm = crmcard::crm::CrmKey::new(base_url, "1");
        self.data()
            .join("crmcard/crm")
            .join(crm.file_slug())
            .join("directory.sqlite")
    }
    /// Makes the client directory of the CRM at `base_url` unusable as root
    /// could: a directory where its file should be, which SQLite cannot open.
    pub fn block_directory_file(&self, base_url: &str) {
        std::fs::create_dir_all(self.directory_file(base_url))
            .expect("a directory in the file's place");
    }
    /// Where the binary listens for calls.
    pub fn call_socket(&self) -> PathBuf {
        self.run().join("crmcard").join("crmcard.sock")
    }
    pub fn state(&self) -> PathBuf {
        self.root().join("state")
    }
    /// crmcard's log as it is now (empty before it is written).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.state().join("crmcard").join("crmcard.log"))
            .unwrap_or_default()
    }
    /// The log once it has `text` (written by a background thread), or as
    /// it is after [`WAIT`].
    pub fn log_once_it_has(&self, text: &str) -> String {
        let start = Instant::now();
        let mut log = self.log();
        while !log.contains(text) && start.elapsed() < WAIT {
            std::thread::sleep(Duration::from_millis(50));
            log = self.log();
        }
        log
    }

    /// The environment the binary runs with: nothing of the caller's but
    /// `PATH`, plus these directories and `extra`.
    pub fn env(&self, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut env = vec![
            ("PATH".to_owned(), std::env::var("PATH").unwrap_or_default()),
            ("HOME".to_owned(), self.home().display().to_string()),
            (
                "XDG_CONFIG_HOME".to_owned(),
                self.config().display().to_string(),
            ),
            (
                "XDG_DATA_HOME".to_owned(),
                self.data().display().to_string(),
            ),
            (
                "XDG_STATE_HOME".to_owned(),
                self.state().display().to_string(),
            ),
            (
                "XDG_RUNTIME_DIR".to_owned(),
                self.run().display().to_string(),
            ),
        ];
        for (k, v) in extra {
            env.retain(|(key, _)| key != k);
            env.push(((*k).to_owned(), (*v).to_owned()));
        }
        env
    }

    /// Every file under the config, data and state directories and home.
    pub fn files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.is_file() {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        for dir in [self.home(), self.config(), self.data(), self.state()] {
            walk(&dir, &mut out);
        }
        out
    }
}

/// How to start the binary in a pane.
pub struct Launch<'a> {
    pub width: u16,
    pub height: u16,
    pub args: &'a [&'a str],
    /// Added to the environment (`LANG`, `CRMCARD_SID`, …).
    pub env: &'a [(&'a str, &'a str)],
    /// Run the binary from a shell that, once it ends, prints its exit
    /// status and the terminal's line settings (`exited 0; tty: icanon echo .`)
    /// and stays,
    /// so that the terminal it left behind can be inspected live.
    pub shell_after: bool,
    /// Run the binary from this `sh -c` script instead (`$0` is the binary,
    /// `"$@"` its arguments), e.g. to record how it ended.
    pub wrapper: Option<&'a str>,
}

impl<'a> Launch<'a> {
    /// 100x30, Russian, with these arguments.
    pub fn new(args: &'a [&'a str]) -> Self {
        Self {
            width: 100,
            height: 30,
            args,
            env: &[("LANG", "ru_RU.UTF-8")],
            shell_after: false,
            wrapper: None,
        }
    }
}

/// The shell of [`Launch::shell_after`]: `$0` is the binary.
const AFTER_EXIT: &str = r#""$0" "$@"; status=$?
printf '\nexited %s; tty:' "$status"
settings=$(stty -a 2>&1) || printf ' stty failed: %s' "$settings"
for flag in $settings; do case "$flag" in icanon|-icanon|echo|-echo) printf ' %s' "$flag";; esac; done
printf ' .\n'
exec sleep 600"#;

/// One tmux server with one pane running the binary.
pub struct Term {
    dirs: Dirs,
    socket: PathBuf,
}

impl Term {
    /// Starts `crmcard` with `launch` in a detached session of its own
    /// server, and waits for its first screen.
    pub fn start(launch: Launch) -> Self {
        Self::start_in(Dirs::new(), launch)
    }

    /// As [`Term::start`], with directories prepared by the caller.
    pub fn start_in(dirs: Dirs, launch: Launch) -> Self {
        require_tmux();
        let socket = dirs.root().join("tmux.sock");
        let conf = dirs.root().join("tmux.conf");
        // No status line: the pane is the whole window. The pane stays after
        // the program ends, to inspect how it left the terminal.
        std::fs::write(
            &conf,
            "set -g status off\nset -g remain-on-exit on\nset -g history-limit 100\n",
        )
        .expect("write tmux.conf");
        let term = Self { dirs, socket };
        let env = term.dirs.env(launch.env);
        let mut cmd = term.tmux_command();
        cmd.arg("-f")
            .arg(&conf)
            .args(["new-session", "-d", "-s", "t", "-x"])
            .arg(launch.width.to_string())
            .arg("-y")
            .arg(launch.height.to_string())
            .arg("--");
        if let Some(script) = launch.wrapper {
            cmd.args(["sh", "-c", script, BIN]);
        } else if launch.shell_after {
            cmd.args(["sh", "-c", AFTER_EXIT, BIN]);
        } else {
            cmd.arg(BIN);
        }
        cmd.args(launch.args);
        // The tmux server passes its environment on to the pane.
        cmd.env_clear().envs(env);
        let out = cmd.output().expect("run tmux");
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        term.wait_for("the first screen", |s| s.contains("crmcard │"));
        term
    }

    pub fn dirs(&self) -> &Dirs {
        &self.dirs
    }

    /// Stops this terminal's tmux and hands its directories on, to start
    /// crmcard again in them.
    pub fn take_dirs(&mut self) -> Dirs {
        let _ = self.tmux_command().arg("kill-server").output();
        // The server goes away after answering: a new one on the same
        // socket must not meet it.
        let start = std::time::Instant::now();
        while self
            .tmux_command()
            .arg("has-session")
            .output()
            .is_ok_and(|o| o.status.success())
            || start.elapsed() < Duration::from_millis(200)
        {
            assert!(start.elapsed() < WAIT, "tmux did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = std::fs::remove_file(&self.socket);
        std::mem::replace(&mut self.dirs, Dirs::new())
    }

    fn tmux_command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-u").arg("-S").arg(&self.socket);
        cmd
    }

    /// Runs a tmux command against this server; panics if it fails.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out: Output = self.tmux_command().args(args).output().expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys by their tmux names: `Enter`, `Escape`, `F1`, `BTab`,
    /// `C-q`, `2`, …
    pub fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", "--", text]);
    }

    /// The pane's text now.
    pub fn capture(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// A tmux format about the pane, e.g. `#{pane_title}`.
    pub fn display(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "t", format])
            .trim_end_matches('\n')
            .to_owned()
    }

    /// Resizes the window (and so the pane, and the program's terminal).
    pub fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Polls the screen until `cond` holds; panics after [`WAIT`] with
    /// what was awaited and the last screen.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            // A capture can fall in the middle of a frame being written: the
            // screen counts only once a second look finds it unchanged.
            if cond(&screen) {
                std::thread::sleep(SETTLE);
                let again = self.capture();
                if again == screen {
                    return screen;
                }
                continue;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "waited {WAIT:?} for {what}; the last screen was:\n{}\n(pane dead: {})",
                    frame(&screen),
                    self.display("#{pane_dead}")
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Opens the sample client's card from the lookup: its id typed, Enter.
    pub fn open_sample_card(&self) {
        self.type_text(SAMPLE_CLIENT);
        self.send_keys(&["Enter"]);
        self.wait_for_all(&["Карточка клиента", "Безногов Сергей Витальевич"]);
    }

    /// Waits until every one of `texts` is on screen.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_for(&format!("{texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// For a [`Launch::shell_after`] pane: waits until the program has
    /// ended and the shell has reported; returns the report,
    /// `exited 0; tty: icanon echo .`
    pub fn wait_for_exit(&self) -> String {
        let screen = self.wait_for("the program's end", |s| {
            s.lines()
                .any(|l| l.starts_with("exited ") && l.ends_with(" ."))
        });
        screen
            .lines()
            .find(|l| l.starts_with("exited "))
            .unwrap_or_default()
            .to_owned()
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.tmux_command().arg("kill-server").output();
    }
}

/// A screen with a frame around it, for panic messages.
pub fn frame(screen: &str) -> String {
    let mut out = String::from("┌────\n");
    for line in screen.lines() {
        out.push('│');
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("└────");
    out
}

/// The binary against `sandbox`, Russian, 120x40; the `sid` only in the
/// environment.
pub fn start(sandbox: &TestSandbox) -> Term {
    start_in(Dirs::new(), sandbox)
}

/// As [`start`], in directories the test prepared.
pub fn start_in(dirs: Dirs, sandbox: &TestSandbox) -> Term {
    let url = sandbox.base_url();
    let term = Term::start_in(
        dirs,
        Launch {
            width: 120,
            height: 40,
            env: &[("LANG", "ru_RU.UTF-8"), ("CRMCARD_SID", "demo")],
            ..Launch::new(&["--base-url", &url, "--object-id", "1"])
        },
    );
    term.wait_for_all(&["Поиск клиента"]);
    term
}

/// A sandbox CRM served in this process on a runtime of its own, so that a
/// test can count the requests the binary made.
pub struct TestSandbox {
    runtime: tokio::runtime::Runtime,
    sandbox: Option<Sandbox>,
}

impl TestSandbox {
    pub fn start(config: SandboxConfig) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let sandbox = runtime
            .block_on(crmcard::sandbox::start(
                config,
                "127.0.0.1:0".parse().expect("addr"),
            ))
            .expect("start the sandbox");
        Self {
            runtime,
            sandbox: Some(sandbox),
        }
    }

    pub fn sandbox(&self) -> &Sandbox {
        self.sandbox.as_ref().expect("running")
    }

    pub fn base_url(&self) -> String {
        self.sandbox().base_url()
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.sandbox().requests()
    }

    /// Runs a future on the sandbox's runtime (e.g. an API call).
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// An API client of the sandbox with its default `sid` and object.
    pub fn api(&self) -> crmcard::api::Client {
        let defaults = SandboxConfig::default();
        crmcard::api::Client::new(crmcard::api::ClientOptions::new(
            self.base_url(),
            defaults.object_id,
            crmcard::api::Sid::new(defaults.sid),
        ))
        .expect("api client")
    }
}

impl Drop for TestSandbox {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.runtime.block_on(sandbox.shutdown());
        }
    }
}

impl Term {
    /// Sends Esc and waits for `cond`: a key sent right after Esc would be
    /// read with it as Alt-key, so the next key must wait for the screen.
    pub fn escape_until(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        self.send_keys(&["Escape"]);
        self.wait_for(what, cond)
    }

    /// Pastes `text` as the terminal does (bracketed paste), through a tmux
    /// buffer: control characters and all reach the program as one paste.
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "-b", "crmcard-paste", "--", text]);
        // -p: bracketed, -r: no LF to CR, -d: drop the buffer after.
        self.tmux(&[
            "paste-buffer",
            "-p",
            "-r",
            "-d",
            "-b",
            "crmcard-paste",
            "-t",
            "t",
        ]);
    }
}

/// The screen line holding `needle`, or a panic with the screen.
pub fn line_with<'s>(screen: &'s str, needle: &str) -> &'s str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{}", frame(screen)))
}

/// For `wait_for`, which must not panic: whether a line holds both texts.
pub fn line_has(screen: &str, needle: &str, part: impl AsRef<str>) -> bool {
    screen
        .lines()
        .any(|l| l.contains(needle) && l.contains(part.as_ref()))
}
