//! The terminal: setup, the event loop, and restoring it on every way out.
//!
//! Every way out but SIGKILL (Ctrl-Q, SIGTERM, SIGHUP when the terminal
//! closes, SIGINT and SIGQUIT sent from outside, input that ends, a terminal
//! that can no longer be drawn on, a panic) restores the terminal and keeps
//! unsaved forms as a draft. A terminal that is gone makes restoring it fail:
//! that is ignored and never printed, since printing to a dead terminal
//! fails too (and `eprintln!` panics when it does).

use std::io::{self, Stdout};
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use futures_util::{FutureExt, StreamExt};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use tokio::sync::mpsc;

use crate::app::{App, Clock, Effect, Msg};
use crate::calls::CallEvent;
use crate::dates::Date;
use crate::executor::Executor;

/// How many messages may wait for the loop.
const QUEUE: usize = 256;
/// How often the date is looked up again.
const DAY_CHECK: Duration = Duration::from_secs(60);
/// How often spinners turn while something loads.
const TICK: Duration = Duration::from_millis(120);
/// How long the last drafts may take to be written on the way out.
const DRAFT_FLUSH: Duration = Duration::from_secs(2);

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Work that waits for the first frame: the effects `App::start` asked
/// for, and what crmcard itself starts once the operator sees the screen
/// (opening the client directory), each answering with a message.
pub struct AfterFirstFrame {
    pub effects: Vec<Effect>,
    pub tasks: Vec<BoxFuture<'static, Option<Msg>>>,
    /// What keeps telling the app something for the whole run (the shared
    /// directory's link), each message as it comes.
    pub streams: Vec<futures_util::stream::BoxStream<'static, Msg>>,
}

/// Runs the TUI until the operator quits. The terminal is restored on
/// return, on a signal and on panic.
///
/// Open forms are kept as drafts while they are typed (see
/// `app::draft`); on the way out the last changes are written, or, when
/// the operator quit, this run's drafts are removed.
pub async fn run(
    mut app: App,
    executor: Executor,
    start: AfterFirstFrame,
    calls: mpsc::Receiver<CallEvent>,
) -> io::Result<()> {
    // Before raw mode: a signal arriving while the terminal is set up must
    // not end crmcard with the terminal half done.
    let mut stop = Stop::new();
    install_restore_hook();
    let mut terminal = match enter() {
        Ok(terminal) => terminal,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    let outcome = AssertUnwindSafe(event_loop(
        &mut terminal,
        &mut app,
        &executor,
        start,
        &mut stop,
        calls,
    ))
    .catch_unwind()
    .await;
    leave(terminal);
    executor.finish_drafts(app.drafts_on_exit(), DRAFT_FLUSH);
    match outcome {
        Ok(result) => {
            if let Err(e) = &result {
                tracing::error!(error = %e, "the terminal failed");
            }
            result
        }
        // The hook has restored the terminal and reported the panic; the
        // draft is kept: now the panic may go on.
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Raw mode, the alternate screen and bracketed paste.
fn enter() -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Puts the terminal back as it was found, step by step, each step even when
/// another failed. Errors are ignored: they mean the terminal is gone.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, Show);
}

/// Drops the terminal without its complaint: ratatui prints to stderr when it
/// cannot show the cursor on drop, and that print panics on a dead terminal.
fn leave(mut terminal: Term) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    } else {
        drop(terminal);
    }
    restore();
}

/// On a panic: the terminal back first, then the panic's report (the
/// default hook's print ignores a dead stderr), and a line in the log.
fn install_restore_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        tracing::error!(panic = %info, "crmcard panicked");
        previous(info);
    }));
}

async fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    executor: &Executor,
    start: AfterFirstFrame,
    stop: &mut Stop,
    mut calls: mpsc::Receiver<CallEvent>,
) -> io::Result<()> {
    let (tx, mut rx) = mpsc::channel::<Msg>(QUEUE);
    let reader = tokio::spawn(read_terminal(tx.clone()));
    let mut start = Some(start);
    let mut clock = LoopClock::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let outcome = 'run: loop {
        if let Err(e) = terminal.draw(|frame| crate::ui::draw(frame, app)) {
            break Err(e);
        }
        if let Some(start) = start.take() {
            begin(app, executor, start, &tx);
        }
        let work = app.has_work();
        let first = tokio::select! {
            // In this order: a signal first (after SIGHUP the terminal is
            // gone: drawing again would only fail), then input, and
            // unfinished work (a picker's search in slices) only when
            // nothing else is ready.
            biased;
            signal = stop.wait() => {
                tracing::info!(signal, "stopped by a signal");
                break Ok(());
            }
            msg = rx.recv() => msg,
            // Calls wait in their own queue: one never blocks the loop.
            Some(event) = calls.recv() => Some(Msg::Call(event)),
            _ = tick.tick(), if app.wants_ticks() => Some(Msg::Tick(clock.read())),
            () = std::future::ready(()), if work => Some(Msg::Continue),
        };
        let Some(first) = first else {
            break Ok(());
        };
        // The app reads no clock: the time comes in as a tick, at most one
        // per TICK, before what is waiting is applied.
        if !matches!(first, Msg::Tick(_)) && clock.ticked.elapsed() >= TICK {
            for effect in app.update(Msg::Tick(clock.read())) {
                run_effect(app, executor, effect, &tx);
            }
        }
        let mut next = Some(first);
        // Apply everything that is waiting, then draw once.
        while let Some(msg) = next {
            if matches!(msg, Msg::InputLost) {
                tracing::error!("terminal input ended");
                break 'run Ok(());
            }
            for effect in app.update(msg) {
                run_effect(app, executor, effect, &tx);
            }
            next = rx.try_recv().ok();
        }
        if app.quit {
            break Ok(());
        }
    };
    reader.abort();
    outcome
}

/// Starts what waited for the first frame. Never inlined: the bench's
/// callgrind count of start-up ends where it is called (`benches/perf/callgrind.rs`).
#[inline(never)]
fn begin(app: &App, executor: &Executor, start: AfterFirstFrame, tx: &mpsc::Sender<Msg>) {
    for effect in start.effects {
        run_effect(app, executor, effect, tx);
    }
    for mut stream in start.streams {
        let tx = tx.clone();
        tokio::spawn(async move {
            while let Some(msg) = futures_util::StreamExt::next(&mut stream).await {
                if tx.send(msg).await.is_err() {
                    return;
                }
            }
        });
    }
    for task in start.tasks {
        let tx = tx.clone();
        tokio::spawn(async move {
            if let Some(msg) = task.await {
                // The receiver is gone only when the app is quitting.
                let _ = tx.send(msg).await;
            }
        });
    }
}

/// Runs an effect: a copy here, on the terminal, between frames (the
/// sequence is not drawn, the terminal takes it); the rest in the executor.
fn run_effect(app: &App, executor: &Executor, effect: Effect, tx: &mpsc::Sender<Msg>) {
    match effect {
        Effect::Copy(clip) => {
            let text = crate::present::clip_text(&clip, app.lang.texts());
            if let Err(e) = crate::clipboard::copy_to(&mut io::stdout(), &text) {
                tracing::warn!(error = %e, "could not copy to the clipboard");
            }
        }
        effect => executor.spawn(effect, tx),
    }
}

/// The loop's clock, read for each [`Msg::Tick`].
struct LoopClock {
    started: Instant,
    ticked: Instant,
    today: Date,
    day_checked: Instant,
}

impl LoopClock {
    fn new() -> Self {
        let now = Instant::now();
        Self {
            started: now,
            // Long enough ago that the first message brings a tick.
            ticked: now.checked_sub(TICK).unwrap_or(now),
            today: Date::today(),
            day_checked: now,
        }
    }

    fn read(&mut self) -> Clock {
        let now = Instant::now();
        // A shift can run past midnight: ages and "in the future" follow.
        if now.duration_since(self.day_checked) >= DAY_CHECK {
            self.today = Date::today();
            self.day_checked = now;
        }
        self.ticked = now;
        let unix_secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Clock {
            since_start: now.duration_since(self.started),
            unix_secs,
            today: self.today,
            utc_offset_secs: local_offset_secs(unix_secs),
        }
    }
}

/// Forwards terminal events into the loop's queue.
async fn read_terminal(tx: mpsc::Sender<Msg>) {
    let mut events = EventStream::new();
    while let Some(event) = events.next().await {
        let msg = match event {
            Ok(Event::Key(key)) => Msg::Key(key),
            Ok(Event::Paste(text)) => Msg::Paste(text),
            Ok(Event::Resize(..)) => Msg::Resize,
            Ok(_) => continue,
            Err(e) => {
                tracing::error!(error = %e, "terminal input failed");
                break;
            }
        };
        if tx.send(msg).await.is_err() {
            return;
        }
    }
    // Without input the operator could not even quit: stop the loop.
    let _ = tx.send(Msg::InputLost).await;
}

/// The signals that end crmcard from outside: SIGTERM, SIGHUP (the terminal
/// closed), SIGINT and SIGQUIT (sent by `kill`: in raw mode Ctrl-C and
/// Ctrl-\ are keys, not signals). Caught, they end the loop like a quit, so
/// that the terminal is restored and the draft kept.
struct Stop {
    #[cfg(unix)]
    signals: Vec<(&'static str, tokio::signal::unix::Signal)>,
}

impl Stop {
    fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                ("SIGTERM", SignalKind::terminate()),
                ("SIGHUP", SignalKind::hangup()),
                ("SIGINT", SignalKind::interrupt()),
                ("SIGQUIT", SignalKind::quit()),
            ];
            let mut signals = Vec::new();
            for (name, kind) in kinds {
                match signal(kind) {
                    Ok(s) => signals.push((name, s)),
                    Err(e) => tracing::warn!(signal = name, error = %e, "cannot catch the signal"),
                }
            }
            Self { signals }
        }
        #[cfg(not(unix))]
        Self {}
    }

    /// Waits for one of the signals; returns its name.
    async fn wait(&mut self) -> &'static str {
        #[cfg(unix)]
        if !self.signals.is_empty() {
            let waits = self.signals.iter_mut().map(|(name, s)| {
                Box::pin(async move {
                    s.recv().await;
                    *name
                })
            });
            let (name, _, _) = futures_util::future::select_all(waits).await;
            return name;
        }
        std::future::pending().await
    }
}

/// The system time zone's offset from UTC at `unix_secs`, in seconds.
fn local_offset_secs(unix_secs: u64) -> i32 {
    i64::try_from(unix_secs)
        .ok()
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|at| jiff::tz::TimeZone::system().to_offset(at).seconds())
        .unwrap_or(0)
}
