//! OSC 52 in a real tmux: a program in a pane that writes the sequence of
//! `crmcard::clipboard` sets tmux's paste buffer when `set-clipboard` is
//! `on`, with no client attached (so whatever the outer terminal), and does
//! not with tmux's default `external`.
//!
//! Each test starts its own tmux server (its own socket in its own temp
//! directory, `-f /dev/null`, an environment of `PATH` only) running `sh`,
//! and has the shell `cat` a file holding the sequence. tmux is required:
//! without it these tests fail, they never skip.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use tempfile::TempDir;

const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// A tmux server of its own with one pane running `sh`.
struct Tmux {
    dir: TempDir,
}

impl Tmux {
    fn start(set_clipboard: &str) -> Self {
        // Short path: a unix socket path must stay under ~100 bytes.
        let dir = tempfile::Builder::new()
            .prefix("crmcard-c")
            .tempdir_in("/tmp")
            .expect("temp dir");
        let tmux = Self { dir };
        let out = tmux
            .command()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "t"])
            .args(["-x", "80", "-y", "24", "--", "sh"])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .output()
            .unwrap_or_else(|e| {
                panic!("tmux is not installed ({e}): these tests need it (apt-get install tmux)")
            });
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux.run(&["set-option", "-g", "set-clipboard", set_clipboard]);
        tmux
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-u").arg("-S").arg(self.dir.path().join("s"));
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("tmux output is UTF-8")
    }

    /// Has the pane's shell print the file holding the sequence for `text`,
    /// then a marker, and waits for the marker.
    fn copy_from_pane(&self, text: &str) {
        let sequence = crmcard::clipboard::osc52(text).expect("a sequence");
        let file: PathBuf = self.dir.path().join("seq");
        std::fs::write(&file, sequence).expect("write the sequence");
        // The marker is spelled differently in the command, so that only its
        // output counts (the shell's prompt may come after the echoed line).
        let command = format!("cat {}; printf '%s-%s' copy done", file.display());
        self.run(&["send-keys", "-t", "t", "-l", "--", &command]);
        self.run(&["send-keys", "-t", "t", "Enter"]);
        let start = Instant::now();
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "t"]);
            if screen.contains("copy-done") {
                return;
            }
            assert!(
                start.elapsed() < WAIT,
                "the pane's shell did not run the command in {WAIT:?}; the screen:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// The texts of tmux's paste buffers, newest first.
    fn buffers(&self) -> Vec<String> {
        let list = self.run(&["list-buffers", "-F", "#{buffer_name}"]);
        list.lines()
            .map(|name| self.run(&["show-buffer", "-b", name]))
            .collect()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

#[test]
fn with_set_clipboard_on_the_copied_text_lands_in_tmuxs_buffer() {
    let tmux = Tmux::start("on");
    let line = "Москва, улица Тверская, д. 7, кв. 12, подъезд 2, этаж 5, домофон 12К";
    tmux.copy_from_pane(line);
    assert_eq!(tmux.buffers(), [line]);
}

#[test]
fn control_characters_never_reach_tmuxs_buffer() {
    let tmux = Tmux::start("on");
    tmux.copy_from_pane("Иванова\u{1b}]2;evil\u{7}\nМария\u{7}");
    assert_eq!(tmux.buffers(), ["Иванова Мария"]);
}

#[test]
fn the_longest_text_the_cap_allows_arrives_whole() {
    let tmux = Tmux::start("on");
    let longest = "я".repeat(crmcard::clipboard::MAX_ENCODED_LEN / 4 * 3 / 2);
    tmux.copy_from_pane(&longest);
    let buffers = tmux.buffers();
    assert_eq!(buffers.len(), 1);
    assert!(
        buffers[0] == longest,
        "the buffer holds {} bytes",
        buffers[0].len()
    );
}

#[test]
fn with_tmuxs_default_external_a_pane_cannot_set_the_buffer() {
    let tmux = Tmux::start("external");
    tmux.copy_from_pane("10000000009188");
    assert_eq!(tmux.buffers(), Vec::<String>::new());
}
