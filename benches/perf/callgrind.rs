//! Start-up to the first frame as an instruction count under
//! `valgrind --tool=callgrind`: the same on a quiet machine and on one where
//! six others build, unlike the times beside it.
//!
//! Each program runs in a fresh 120x40 pty under callgrind, which writes a
//! first part of its profile just before the function that marks "the first
//! frame is on the screen" (`--dump-before`): crmcard's `tui::begin`, which
//! starts what waits for the first frame, and the floor's
//! `first_frame_drawn`. That part holds every instruction of every thread
//! until then; the driver waits for it to be written whole, then kills the
//! program. The parts are kept in `target/callgrind/` for
//! `callgrind_annotate --inclusive=yes <file>`: the per-function breakdown.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Row, row};

/// Runs of each program: the count varies a little with how the threads
/// were scheduled, so the lowest and the highest are given.
const RUNS: usize = 3;

/// Starts `cmd` (already under valgrind) in a fresh 120x40 pty, drains what
/// it writes, waits until the first part of its profile (`<out>.1`) is
/// complete (its last line is `totals:`), then kills it.
const DRIVER: &str = r#"
import fcntl, os, pty, select, signal, struct, subprocess, sys, termios, time
part, cmd = sys.argv[1], sys.argv[2:]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
def own_terminal():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                     preexec_fn=own_terminal, close_fds=True)
os.close(slave)
def complete():
    try:
        with open(part, "rb") as f:
            return b"\ntotals:" in f.read()
    except OSError:
        return False
start = time.perf_counter()
while time.perf_counter() - start < 120 and not complete() and p.poll() is None:
    if select.select([master], [], [], 0.05)[0]:
        try:
            os.read(master, 65536)
        except OSError:
            pass
print("ok" if complete() else "missing", flush=True)
os.killpg(p.pid, signal.SIGKILL)
p.wait()
os.close(master)
"#;

/// Whether valgrind can be run here.
fn valgrind_found() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The instructions of one start of `program` to the function `marker`,
/// and the file of that first part of its profile.
fn count_once(
    out: &Path,
    marker: &str,
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
    home: &str,
) -> (u64, PathBuf) {
    let part = PathBuf::from(format!("{}.1", out.display()));
    let _ = std::fs::remove_file(&part);
    let mut command = Command::new("python3");
    command
        .arg("-c")
        .arg(DRIVER)
        .arg(&part)
        .arg("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(format!("--dump-before={marker}"))
        .arg(program)
        .args(args);
    let output = super::in_home(&mut command, home, envs)
        .output()
        .expect("python3 runs the callgrind driver");
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        said.trim(),
        "ok",
        "{program} under callgrind: no first part of its profile; {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&part).expect("the profile's first part");
    let total = text
        .lines()
        .find_map(|l| l.strip_prefix("totals:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a totals line");
    (total, part)
}

/// The lowest and highest count of `RUNS` starts, and the kept profile
/// (of the last run) as `target/callgrind/<name>.1`.
fn counts(
    name: &str,
    marker: &str,
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
    home: &str,
) -> (u64, u64, PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/callgrind");
    std::fs::create_dir_all(&dir).expect("target/callgrind");
    let out = dir.join(name);
    let mut seen = Vec::new();
    let mut kept = PathBuf::new();
    for _ in 0..RUNS {
        let (n, part) = count_once(&out, marker, program, args, envs, home);
        seen.push(n);
        kept = part;
    }
    let low = seen.iter().copied().min().unwrap_or(0);
    let high = seen.iter().copied().max().unwrap_or(0);
    (low, high, kept)
}

fn millions(n: u64) -> String {
    format!("{:.2} M", n as f64 / 1e6)
}

/// The rows: the floor's count, and crmcard's in real-CRM mode and with
/// `--demo`, each against the floor's lowest.
pub fn start_up(
    rows: &mut Vec<Row>,
    me: &str,
    crmcard: &str,
    real: (&[&str], &[(&str, &str)]),
    demo: &[&str],
    home: &str,
) {
    if !valgrind_found() {
        rows.push(row(
            "instructions, start → first frame (callgrind)",
            "—",
            "valgrind not found".to_owned(),
            None,
        ));
        return;
    }
    eprintln!("start-up under callgrind, {RUNS} starts each…");
    let floor = counts(
        "floor",
        "*first_frame_drawn*",
        me,
        &["--empty-app"],
        &[],
        home,
    );
    let marker = "crmcard::tui::begin*";
    let real = counts("real-crm", marker, crmcard, real.0, real.1, home);
    let demo = counts("demo", marker, crmcard, demo, &[], home);
    for (mode, (low, high, kept)) in [("real-CRM mode", real), ("--demo", demo)] {
        rows.push(row(
            &format!(
                "instructions, start → first frame, {mode} (callgrind; lowest – highest of {RUNS})"
            ),
            &millions(floor.0),
            format!(
                "{} – {} (`{}`)",
                millions(low),
                millions(high),
                kept.display()
            ),
            Some(low as f64 / floor.0 as f64),
        ));
    }
}
