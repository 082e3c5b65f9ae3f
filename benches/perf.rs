//! crmcard against the floor, side by side in one run (see BENCHMARKS.md):
//!
//! 1. start to first frame, and peak RSS then (the process stopped while it
//!    is read) and 300 ms later (what opens after the first frame, open), in
//!    a real 120x40 pty: an empty ratatui app built by this bench (the
//!    floor), crmcard against a local sandbox CRM, and `crmcard --demo`;
//! 2. keystroke to redrawn street picker (update + draw into a 120x40
//!    `TestBackend`) at 5,000 and 100,000 streets, typing a 7-letter query
//!    and deleting it again: to the first frame, and to the finished
//!    ranking (each `Msg::Continue` of a search in slices and its frame);
//! 3. decoding a 100,000-street answer: time, and peak memory measured in a
//!    child process (peak RSS over the decode), then over the whole path of
//!    the list (decoded, prepared for the pickers, shown in a picker) and
//!    the process's peak RSS (`perf/lists.rs`); the loop's work after a
//!    write to a list of 5,000 and 100,000 streets (`list-writes`);
//! 4. one full frame of a large card (20 contacts, 10 addresses) at 200x50
//!    and 80x24;
//! 5. the lookup field against a directory of 100,000 clients: each
//!    keystroke's search, typing a name and a phone number.
//!
//! Run with `cargo bench --bench perf`. The pty is driven by a short Python
//! script (python3's `pty` module): the crate itself has no unsafe code.

use std::hint::black_box;
use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::Command;
use std::time::{Duration, Instant};

use crmcard::api::decode::decode;
use crmcard::api::envelope::Envelope;
use crmcard::api::model::{Address, ClientCard, Contact, Street};
use crmcard::app::{App, DictData, Msg, PreparedDict};
use crmcard::directory::{Directory, csv};
use crmcard::fuzzy::{FuzzyIndex, Names, SLICE};
use crmcard::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, List, Paragraph};

#[path = "perf/callgrind.rs"]
mod callgrind;
#[path = "support/clients.rs"]
mod clients;
#[path = "perf/lists.rs"]
mod lists;
#[path = "support/names.rs"]
mod names;
// Shared with the UI tests; the bench uses only part of it.
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../tests/ui/support.rs"]
mod support_ui;

/// What the pty driver waits for: the last words of the first frame's
/// bottom line (crmcard's key hints end with "F1 help").
const MARKER: &str = "help";
const PTY_RUNS: usize = 15;
const MOSCOW: &str = "10000000000002";
/// The query typed into the street picker: seven letters.
const QUERY: &str = "садовая";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--empty-app") {
        empty_app();
        return;
    }
    if let [_, flag, kind, body] = &args[..]
        && flag == "--decode-child"
    {
        decode_child(kind, std::path::Path::new(body));
        return;
    }
    if let [_, flag, body] = &args[..]
        && flag == "--list-child"
    {
        lists::list_child(std::path::Path::new(body));
        return;
    }
    // `cargo bench --bench perf -- keystrokes lookup` runs only the sections
    // named (first-frames, keystrokes, list-writes, decoding, card-frames,
    // lookup, callgrind).
    let named: Vec<&str> = args
        .iter()
        .skip(1)
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let runs = |section: &str| named.is_empty() || named.contains(&section);
    let mut rows: Vec<Row> = Vec::new();
    if runs("first-frames") || runs("callgrind") {
        first_frames(&mut rows, runs("first-frames"), runs("callgrind"));
    }
    if runs("keystrokes") {
        keystrokes(&mut rows, 5_000);
        keystrokes(&mut rows, 100_000);
    }
    if runs("list-writes") {
        lists::writes(&mut rows, 5_000);
        lists::writes(&mut rows, 100_000);
    }
    if runs("decoding") {
        decoding(&mut rows);
    }
    if runs("card-frames") {
        card_frames(&mut rows);
    }
    if runs("lookup") {
        lookup(&mut rows);
    }
    print_table(&rows);
}

/// One line of the results table.
struct Row {
    measure: String,
    floor: String,
    value: String,
    ratio: String,
}

fn row(measure: &str, floor: &str, value: String, ratio: Option<f64>) -> Row {
    Row {
        measure: measure.to_owned(),
        floor: floor.to_owned(),
        value,
        ratio: ratio.map_or_else(|| "—".to_owned(), |r| format!("{r:.1}×")),
    }
}

fn print_table(rows: &[Row]) {
    println!();
    println!("| measure | floor | crmcard | ratio |");
    println!("|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} |",
            r.measure, r.floor, r.value, r.ratio
        );
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NAN, f64::max)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

// ------------------------------------------------------------ first frame

/// The floor: an empty ratatui app drawing one line, then waiting for a key.
fn empty_app() {
    let mut terminal = ratatui::init();
    let _ = terminal.draw(|frame| {
        let area = frame.area();
        let last = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        };
        frame.render_widget(Paragraph::new("floor F1 help"), last);
    });
    first_frame_drawn();
    let _ = ratatui::crossterm::event::poll(Duration::from_secs(10));
    ratatui::restore();
}

/// Where the floor's first frame is on the screen: the function before which
/// callgrind writes the floor's count (`perf/callgrind.rs`).
#[inline(never)]
fn first_frame_drawn() {
    black_box(());
}

/// Starts `cmd` in a fresh 120x40 pty `runs` times; for each run, the
/// milliseconds until `MARKER` was written, the peak RSS (kB) then (the
/// process stopped with SIGSTOP the moment the marker is read), and
/// the peak RSS 300 ms later (what opens after the first frame, opened).
const PTY_DRIVER: &str = r#"
import fcntl, os, pty, select, signal, struct, subprocess, sys, termios, time
runs, marker, cmd = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
for _ in range(runs):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    def own_terminal():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                         preexec_fn=own_terminal, close_fds=True)
    os.close(slave)
    seen, found = b"", False
    while time.perf_counter() - start < 10 and not found:
        if select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            found = marker in seen
    elapsed = (time.perf_counter() - start) * 1000
    def peak():
        try:
            for line in open("/proc/%d/status" % p.pid):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0
    # Stopped at once, so that what starts after the first frame does not
    # run on while the peak is read.
    if found:
        os.kill(p.pid, signal.SIGSTOP)
    hwm = peak()
    if found:
        os.kill(p.pid, signal.SIGCONT)
    deadline = time.perf_counter() + 0.3
    while time.perf_counter() < deadline:
        if select.select([master], [], [], 0.05)[0]:
            try:
                os.read(master, 65536)
            except OSError:
                break
    settled = peak()
    p.kill()
    p.wait()
    os.close(master)
    print("%s %.3f %d %d" % ("ok" if found else "missing", elapsed, hwm, settled), flush=True)
"#;

/// `command` run as crmcard in `home` (its config, data and state there), in
/// English on an xterm, with `envs` besides.
fn in_home<'c>(command: &'c mut Command, home: &str, envs: &[(&str, &str)]) -> &'c mut Command {
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", format!("{home}/config"))
        .env("XDG_DATA_HOME", format!("{home}/data"))
        .env("XDG_STATE_HOME", format!("{home}/state"))
        .env("TERM", "xterm-256color")
        .env("LANG", "en_US.UTF-8")
        .envs(envs.iter().copied())
}

/// What [`pty_first_frame`] measured: medians of `PTY_RUNS` starts.
struct FirstFrame {
    ms: f64,
    /// Peak RSS when the first frame arrived.
    mb: f64,
    /// Peak RSS 300 ms later.
    settled_mb: f64,
}

/// Medians of `PTY_RUNS` starts: time to the first frame, peak RSS then and
/// 300 ms later.
fn pty_first_frame(program: &str, args: &[&str], envs: &[(&str, &str)], home: &str) -> FirstFrame {
    let mut command = Command::new("python3");
    command
        .arg("-c")
        .arg(PTY_DRIVER)
        .arg(PTY_RUNS.to_string())
        .arg(MARKER)
        .arg(program)
        .args(args);
    let output = in_home(&mut command, home, envs)
        .output()
        .expect("python3 runs the pty driver");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut times = Vec::new();
    let mut rss = Vec::new();
    let mut settled = Vec::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [status, t, kb, later] = parts[..] {
            assert_eq!(status, "ok", "{program} {args:?}: no first frame seen");
            times.push(t.parse::<f64>().expect("a time"));
            rss.push(kb.parse::<f64>().expect("a size") / 1024.0);
            settled.push(later.parse::<f64>().expect("a size") / 1024.0);
        }
    }
    assert_eq!(
        times.len(),
        PTY_RUNS,
        "{program}: {text} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    FirstFrame {
        ms: median(times),
        mb: median(rss),
        settled_mb: median(settled),
    }
}

/// Start → first frame in a pty (`frames`: times and RSS) and under
/// callgrind (`counts`: instructions), against a local sandbox CRM.
fn first_frames(rows: &mut Vec<Row>, frames: bool, counts: bool) {
    let home = tempfile::tempdir().expect("a temporary home");
    let home = home.path().to_str().expect("a UTF-8 path").to_owned();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio");
    let sandbox = runtime
        .block_on(crmcard::sandbox::start(
            crmcard::sandbox::SandboxConfig::default(),
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        ))
        .expect("the sandbox starts");
    let base_url = sandbox.base_url();
    let me = std::env::current_exe().expect("the bench's own path");
    let me = me.to_str().expect("a UTF-8 path");
    let crmcard = env!("CARGO_BIN_EXE_crmcard");
    let real_args = ["--lang", "en", "--base-url", &base_url, "--object-id", "1"];
    let real_env = [("CRMCARD_SID", "demo")];
    let demo_args = ["--lang", "en", "--demo"];
    if frames {
        pty_rows(
            rows,
            me,
            crmcard,
            (&real_args, &real_env),
            &demo_args,
            &home,
        );
    }
    if counts {
        callgrind::start_up(
            rows,
            me,
            crmcard,
            (&real_args, &real_env),
            &demo_args,
            &home,
        );
    }
    runtime.block_on(sandbox.shutdown());
}

/// The pty's rows: time and peak RSS at the first frame, and 300 ms later.
fn pty_rows(
    rows: &mut Vec<Row>,
    me: &str,
    crmcard: &str,
    (real_args, real_env): (&[&str], &[(&str, &str)]),
    demo_args: &[&str],
    home: &str,
) {
    eprintln!("first frames in a 120x40 pty, {PTY_RUNS} starts each…");
    let floor = pty_first_frame(me, &["--empty-app"], &[], home);
    let mut runs = vec![(
        "",
        pty_first_frame(crmcard, real_args, real_env, home),
        pty_first_frame(crmcard, demo_args, &[], home),
    )];
    // Another build of crmcard to compare with (e.g. the commit before a
    // change, or the `dist` profile's binary):
    // `CRMCARD_BIN_BEFORE=/path/to/crmcard cargo bench --bench perf`.
    if let Ok(before) = std::env::var("CRMCARD_BIN_BEFORE") {
        runs.push((
            "  CRMCARD_BIN_BEFORE: ",
            pty_first_frame(&before, real_args, real_env, home),
            pty_first_frame(&before, demo_args, &[], home),
        ));
    }
    // The binary the desks get (`cargo build --profile dist
    // --no-default-features`): no sandbox in it, so real-CRM mode only.
    // `CRMCARD_BIN_DESK=/path/to/crmcard cargo bench --bench perf -- first-frames`.
    let desk = std::env::var("CRMCARD_BIN_DESK")
        .ok()
        .map(|desk| pty_first_frame(&desk, real_args, real_env, home));
    let floor_ms = format!("{:.1} ms", floor.ms);
    let floor_mb = format!("{:.1} MB", floor.mb);
    let modes = runs
        .into_iter()
        .flat_map(|(label, real, demo)| [(label, "real-CRM mode", real), (label, "--demo", demo)]);
    let desk = desk.map(|run| ("  CRMCARD_BIN_DESK: ", "real-CRM mode", run));
    for (label, mode, run) in modes.chain(desk) {
        rows.push(row(
            &format!("{label}start → first frame, {mode}"),
            &floor_ms,
            format!("{:.1} ms", run.ms),
            Some(run.ms / floor.ms),
        ));
        rows.push(row(
            &format!("{label}peak RSS at the first frame, {mode}"),
            &floor_mb,
            format!("{:.1} MB", run.mb),
            Some(run.mb / floor.mb),
        ));
        rows.push(row(
            &format!("{label}  300 ms later (the directory open), {mode}"),
            &format!("{:.1} MB", floor.settled_mb),
            format!("{:.1} MB", run.settled_mb),
            Some(run.settled_mb / floor.settled_mb),
        ));
    }
}

// ------------------------------------------------------------- keystrokes

fn streets(count: usize) -> Vec<Street> {
    names::street_names(count)
        .into_iter()
        .enumerate()
        .map(|(i, name)| Street {
            id: format!("{}", 10_000_000_100_000u64 + i as u64),
            name,
            post_code: format!("{:06}", 100_000 + i % 900_000),
        })
        .collect()
}

/// A card with 20 contacts and 10 addresses in Moscow.
fn large_card() -> ClientCard {
    let mut card = support_ui::sample_card();
    card.contacts = (0..20)
        .map(|i| Contact {
            id: format!("{}", 10_000_000_008_100u64 + i),
            type_id: "2".to_owned(),
            type_name: "Мобильный".to_owned(),
            value: format!("+7916{:07}", 1_234_500 + i),
        })
        .collect();
    let names = names::street_names(10);
    card.addresses = names
        .into_iter()
        .enumerate()
        .map(|(i, street)| Address {
            id: format!("{}", 10_000_000_003_300u64 + i as u64),
            type_id: "1".to_owned(),
            type_name: "Домашний".to_owned(),
            country_id: "2".to_owned(),
            country: "Россия".to_owned(),
            city_id: MOSCOW.to_owned(),
            city: "Москва".to_owned(),
            street,
            house: format!("{}", 10 + i),
            apartments: format!("{}", 70 + i),
            entry: "2".to_owned(),
            floor: "5".to_owned(),
            entry_code: "25К".to_owned(),
            dop_info: "домофон не работает, звонить на мобильный".to_owned(),
            metro_station: "Академическая".to_owned(),
            ..Address::default()
        })
        .collect();
    card
}

/// An app on the large card with a new address form whose street picker
/// is open on `count` streets; the list arrives as the executor hands it
/// over (prepared off the loop). Returns the time of the Enter that opens
/// the picker and the time the preparation took (off the loop).
fn picker_app(count: usize) -> (App, Duration, Duration) {
    let (mut app, req, key) = lists::address_form();
    let list = streets(count);
    let started = Instant::now();
    let result = Ok(PreparedDict::new(&key, DictData::streets(list)));
    let prepared = started.elapsed();
    app.update(Msg::DictPrepared { req, key, result });
    support_ui::focus(&mut app, crmcard::app::vocab::FieldId::Street);
    let started = Instant::now();
    support_ui::press(&mut app, KeyCode::Enter);
    let opened = started.elapsed();
    let p = support_ui::picker(&app).expect("the street picker is open");
    assert_eq!(p.items.len(), count, "the picker holds every street");
    (app, opened, prepared)
}

/// The rows the street picker shows at 120x40 (its first 38 matches, and
/// where the close ones end among them).
fn screen(app: &App) -> (Vec<u32>, usize) {
    let p = support_ui::picker(app).expect("the street picker is open");
    let shown: Vec<u32> = p.matches.iter().take(38).copied().collect();
    let close = p.close.min(shown.len());
    (shown, close)
}

/// The time of the first frame from which the rows shown stay those of
/// the last frame: what someone watching the picker waits for.
fn settled_at(screens: &[(f64, (Vec<u32>, usize))]) -> f64 {
    let Some((last_time, last)) = screens.last() else {
        return 0.0;
    };
    screens
        .iter()
        .rev()
        .take_while(|(_, rows)| rows == last)
        .last()
        .map_or(*last_time, |&(t, _)| t)
}

/// Keystroke → redrawn picker: `update` with the key, then one frame into a
/// 120x40 `TestBackend` (the terminal's own writing is not in it); and
/// keystroke → finished ranking: that, plus each `Msg::Continue` the loop
/// sends while the app has work and the frame after it.
fn keystrokes(rows: &mut Vec<Row>, count: usize) {
    eprintln!("keystrokes in a picker of {count} streets…");
    let (mut app, opened, prepared) = picker_app(count);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    terminal
        .draw(|f| crmcard::ui::draw(f, &app))
        .expect("a frame");
    let mut times = Vec::new();
    let mut finished = Vec::new();
    let mut settled = Vec::new();
    let mut slices = Vec::new();
    let mut keys: Vec<KeyCode> = QUERY.chars().map(KeyCode::Char).collect();
    keys.extend(std::iter::repeat_n(
        KeyCode::Backspace,
        QUERY.chars().count(),
    ));
    for _ in 0..5 {
        for &code in &keys {
            let started = Instant::now();
            black_box(support_ui::press(&mut app, code));
            terminal
                .draw(|f| crmcard::ui::draw(f, &app))
                .expect("a frame");
            times.push(ms(started.elapsed()));
            let mut screens = vec![(times.last().copied().unwrap_or(0.0), screen(&app))];
            let mut continues = 0;
            while app.has_work() {
                let slice = Instant::now();
                black_box(app.update(Msg::Continue));
                terminal
                    .draw(|f| crmcard::ui::draw(f, &app))
                    .expect("a frame");
                slices.push(ms(slice.elapsed()));
                screens.push((ms(started.elapsed()), screen(&app)));
                continues += 1;
            }
            finished.push((ms(started.elapsed()), continues));
            settled.push(settled_at(&screens));
        }
    }
    // The floor: the same size of frame with a plain list of 38 rows.
    let items: Vec<String> = names::street_names(38);
    let mut floor = Vec::new();
    for _ in 0..keys.len() * 5 {
        let started = Instant::now();
        terminal
            .draw(|f| {
                let list = List::new(items.iter().map(String::as_str))
                    .block(Block::default().borders(Borders::ALL));
                f.render_widget(list, f.area());
            })
            .expect("a frame");
        floor.push(ms(started.elapsed()));
    }
    let floor_ms = median(floor);
    let med = median(times.clone());
    rows.push(row(
        &format!("keystroke → first frame, {count} streets (median / max of 70)"),
        &format!("{floor_ms:.2} ms"),
        format!("{med:.2} / {:.2} ms", max(&times)),
        Some(med / floor_ms),
    ));
    let done: Vec<f64> = finished.iter().map(|&(t, _)| t).collect();
    let most = finished.iter().map(|&(_, n)| n).max().unwrap_or(0);
    rows.push(row(
        &format!("  keystroke → finished ranking, {count} (median / max; most Continues)"),
        "—",
        format!("{:.2} / {:.2} ms; {most}", median(done.clone()), max(&done)),
        None,
    ));
    if !slices.is_empty() {
        rows.push(row(
            &format!(
                "  one Continue + its frame, {count} (median / max of {})",
                slices.len()
            ),
            "—",
            format!("{:.2} / {:.2} ms", median(slices.clone()), max(&slices)),
            None,
        ));
    }
    // Which keys are the slow ones: the slowest of the five rounds at each
    // position of the query typed (then all the Backspaces), to the first
    // frame and to the finished ranking.
    let typed = QUERY.chars().count();
    let slowest = |times: &[f64]| -> (String, f64) {
        let by_position: Vec<String> = (0..typed)
            .map(|k| {
                let at: Vec<f64> = times.iter().skip(k).step_by(keys.len()).copied().collect();
                format!("{:.1}", max(&at))
            })
            .collect();
        let backspaces: Vec<f64> = times
            .chunks(keys.len())
            .flat_map(|round| round.iter().skip(typed).copied())
            .collect();
        (by_position.join(" "), max(&backspaces))
    };
    rows.push(row(
        &format!("  keystroke → settled screen, {count} (median / max: the frame after which the rows shown no longer change)"),
        "—",
        format!("{:.2} / {:.2} ms", median(settled.clone()), max(&settled)),
        None,
    ));
    for (what, times) in [
        ("first frame", &times),
        ("settled screen", &settled),
        ("finished", &done),
    ] {
        let (letters, backspace) = slowest(times);
        rows.push(row(
            &format!("  slowest of each letter typed · of Backspace, {what} ({count}; ms)"),
            "—",
            format!("{letters} · {backspace:.1}"),
            None,
        ));
    }
    // Where the rest of a keystroke goes: scoring alone, from scratch.
    let names: Vec<String> = streets(count).into_iter().map(|s| s.name).collect();
    let mut cold = Vec::new();
    for n in 1..=QUERY.chars().count() {
        let query: String = QUERY.chars().take(n).collect();
        let mut index = FuzzyIndex::new(names.iter().map(String::as_str));
        let started = Instant::now();
        black_box(index.filter(&query));
        cold.push(ms(started.elapsed()));
    }
    rows.push(row(
        &format!("  scoring the whole list per letter, {count} (previous way; median / max)"),
        "—",
        format!("{:.2} / {:.2} ms", median(cold.clone()), max(&cold)),
        None,
    ));
    // The slices alone: typing the query into one index, each `advance`
    // timed (the last slice of a query also ranks all its matches).
    let mut index = FuzzyIndex::over(&Names::with_letters(names.iter().map(String::as_str)));
    let (mut slices, mut last) = (Vec::new(), Vec::new());
    for n in 1..=QUERY.chars().count() {
        let query: String = QUERY.chars().take(n).collect();
        index.start(&query);
        loop {
            let started = Instant::now();
            let done = index.advance(SLICE);
            let took = ms(started.elapsed());
            if done {
                last.push(took);
                break;
            }
            slices.push(took);
        }
    }
    if !slices.is_empty() {
        rows.push(row(
            &format!("  fuzzy slices of {SLICE} names, {count}: others median / max · last max"),
            "—",
            format!(
                "{:.2} / {:.2} · {:.2} ms",
                median(slices.clone()),
                max(&slices),
                max(&last)
            ),
            None,
        ));
    }
    rows.push(row(
        &format!(
            "  opening the picker on {count} streets, on the loop (preparing the list, off the loop)"
        ),
        "—",
        format!("{:.1} ms ({:.1} ms)", ms(opened), ms(prepared)),
        None,
    ));
}

// ----------------------------------------------------------------- lookup

/// The lookup field against a directory of 100,000 clients (a real file,
/// as the TUI opens it): each keystroke's `search` for the list's 50 rows,
/// typing a surname and first name, then a mobile number digit by digit.
fn lookup(rows: &mut Vec<Row>) {
    const CLIENTS: usize = 100_000;
    eprintln!("the lookup against {CLIENTS} clients…");
    let (csv_text, mobile) = clients::base_csv(CLIENTS);
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let mut dir = Directory::open(&tmp.path().join("directory.sqlite")).expect("the directory");
    csv::import(&mut dir, csv_text.as_bytes(), &mut |_| {}).expect("the import");
    for (label, typed) in [
        ("a name, 'иванова мар'", "иванова мар".to_owned()),
        ("a phone, 8 and 10 digits", format!("8{mobile}")),
    ] {
        let chars: Vec<char> = typed.chars().collect();
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..5 {
            for n in 1..=chars.len() {
                let query: String = chars[..n].iter().collect();
                let started = Instant::now();
                hits = black_box(dir.search(&query, 50).expect("a search")).len();
                times.push(ms(started.elapsed()));
            }
        }
        assert!(hits > 0, "{label}: no hits");
        // The slowest key: which prefix of what was typed.
        let slowest = (0..chars.len())
            .map(|k| {
                (
                    k,
                    max(&times
                        .iter()
                        .skip(k)
                        .step_by(chars.len())
                        .copied()
                        .collect::<Vec<_>>()),
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| chars[..=k].iter().collect::<String>())
            .unwrap_or_default();
        rows.push(row(
            &format!(
                "lookup keystroke → hits, {CLIENTS} clients, {label} (median / max; slowest key)"
            ),
            "—",
            format!(
                "{:.2} / {:.2} ms; '{slowest}'",
                median(times.clone()),
                max(&times)
            ),
            None,
        ));
    }
}

// --------------------------------------------------------------- decoding

fn streets_body(count: usize) -> Vec<u8> {
    let envelope = Envelope {
        data: Some(streets(count)),
        ver: "1".to_owned(),
        timestamp: "2026-11-29T12:00:00".to_owned(),
        status: "Ok".to_owned(),
        request_id: "bench".to_owned(),
        errors: Vec::new(),
    };
    serde_json::to_vec(&envelope).expect("JSON")
}

/// In a child process: peak RSS growth over one decode of the answer,
/// read from `body` first (a file, so that building the answer leaves no
/// freed heap for the decode to reuse).
fn decode_child(kind: &str, body: &std::path::Path) {
    let body = std::fs::read(body).expect("the answer's file");
    lists::reset_peak();
    let before = lists::status_kb("VmRSS");
    let kept = match kind {
        "value" => {
            let envelope: Envelope<serde_json::Value> =
                serde_json::from_slice(&body).expect("JSON");
            let data = envelope.data.expect("data");
            serde_json::from_value::<Vec<Street>>(data).expect("streets")
        }
        _ => decode::<Vec<Street>>(200, &body).expect("streets"),
    };
    let peak = lists::status_kb("VmHWM");
    let after = lists::status_kb("VmRSS");
    black_box(&kept);
    println!("{} {}", peak - before, after - before);
}

fn child_memory(kind: &str, body: &std::path::Path) -> (f64, f64) {
    let me = std::env::current_exe().expect("the bench's own path");
    let out = Command::new(me)
        .arg("--decode-child")
        .arg(kind)
        .arg(body)
        .output()
        .expect("the decode child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let nums: Vec<f64> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match nums[..] {
        [peak, kept] => (peak / 1024.0, kept / 1024.0),
        _ => (f64::NAN, f64::NAN),
    }
}

fn decoding(rows: &mut Vec<Row>) {
    eprintln!("decoding 100,000 streets…");
    let body = streets_body(100_000);
    let mut floor = Vec::new();
    let mut typed = Vec::new();
    let mut value = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        black_box(serde_json::from_slice::<serde::de::IgnoredAny>(&body).expect("JSON"));
        floor.push(ms(started.elapsed()));
        let started = Instant::now();
        black_box(decode::<Vec<Street>>(200, &body).expect("streets"));
        typed.push(ms(started.elapsed()));
        let started = Instant::now();
        let envelope: Envelope<serde_json::Value> = serde_json::from_slice(&body).expect("JSON");
        black_box(serde_json::from_value::<Vec<Street>>(envelope.data.expect("data")).expect("x"));
        value.push(ms(started.elapsed()));
    }
    let floor_ms = median(floor);
    let typed_ms = median(typed);
    let value_ms = median(value);
    let mb = body.len() as f64 / 1_048_576.0;
    let floor_label = format!("{floor_ms:.1} ms (JSON read, nothing kept)");
    rows.push(row(
        &format!("decode 100,000 streets ({mb:.1} MB answer)"),
        &floor_label,
        format!("{typed_ms:.1} ms"),
        Some(typed_ms / floor_ms),
    ));
    rows.push(row(
        "  the same through a `Value` tree (previous way)",
        &floor_label,
        format!("{value_ms:.1} ms"),
        Some(value_ms / floor_ms),
    ));
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::fs::write(file.path(), &body).expect("the answer written");
    drop(body);
    let (peak, kept) = child_memory("typed", file.path());
    let (old_peak, old_kept) = child_memory("value", file.path());
    rows.push(row(
        "peak RSS growth over the decode (then still held)",
        "—",
        format!("{peak:.1} MB; {kept:.1} MB"),
        None,
    ));
    rows.push(row(
        "  the same through a `Value` tree (previous way)",
        "—",
        format!("{old_peak:.1} MB; {old_kept:.1} MB"),
        None,
    ));
    let (stages, total) = lists::whole_path(file.path());
    let names = [
        "the whole path: the answer read and decoded",
        "  then prepared for the pickers (`PreparedDict::new`)",
        "  then the street picker opened on it, one frame",
    ];
    for (name, stage) in names.iter().zip(&stages) {
        rows.push(row(
            &format!("{name}: peak RSS growth (then held)"),
            "—",
            format!("{:.1} MB ({:.1} MB)", stage.peak, stage.held),
            None,
        ));
    }
    rows.push(row(
        "  the process's peak RSS (VmHWM) over the whole path",
        "—",
        format!("{total:.1} MB"),
        None,
    ));
    let _ = std::io::stdout().flush();
}

// ------------------------------------------------------------- card frame

fn card_frames(rows: &mut Vec<Row>) {
    eprintln!("card frames…");
    let mut app = support_ui::app(Lang::Ru);
    support_ui::open_card(&mut app, large_card());
    for (w, h) in [(200u16, 50u16), (80, 24)] {
        let mut times = Vec::new();
        let mut floor = Vec::new();
        for _ in 0..200 {
            // A new terminal each time: the whole frame is drawn, not a diff.
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
            let started = Instant::now();
            terminal
                .draw(|f| crmcard::ui::draw(f, &app))
                .expect("a frame");
            times.push(ms(started.elapsed()));
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
            let started = Instant::now();
            terminal
                .draw(|f| f.render_widget(Block::default().borders(Borders::ALL), f.area()))
                .expect("a frame");
            floor.push(ms(started.elapsed()));
        }
        let t = median(times);
        let fl = median(floor);
        rows.push(row(
            &format!("full card frame, 20 contacts + 10 addresses, {w}x{h}"),
            &format!("{fl:.3} ms (empty bordered frame)"),
            format!("{t:.3} ms"),
            Some(t / fl),
        ));
    }
}
