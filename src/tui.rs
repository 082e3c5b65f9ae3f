//! The terminal: setup, the event loop, and restoring it on every exit.

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream};
use ratatui::crossterm::execute;
use tokio::sync::mpsc;

use crate::app::{App, Clock, Effect, Msg};
use crate::dates::Date;
use crate::executor::Executor;

/// How many messages may wait for the loop.
const QUEUE: usize = 256;
/// How often the date is looked up again.
const DAY_CHECK: Duration = Duration::from_secs(60);
/// How often spinners turn while something loads.
const TICK: Duration = Duration::from_millis(120);

/// Runs the TUI until the operator quits. The terminal is restored on return
/// and on panic.
///
/// Stopped from outside (SIGTERM, SIGHUP) with unsaved forms, it keeps what
/// was typed as a draft file in `drafts_dir`.
pub async fn run(
    mut app: App,
    executor: Executor,
    start: Vec<Effect>,
    drafts_dir: Option<PathBuf>,
) -> io::Result<()> {
    let mut terminal = ratatui::init();
    install_paste_hook();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &executor, start).await;
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    if !app.quit
        && let (Some(dir), Some(text)) = (drafts_dir, crate::drafts::render(&app))
    {
        match crate::drafts::save(&dir, &text) {
            Ok(path) => tracing::info!(path = %path.display(), "unsaved input kept as a draft"),
            Err(e) => tracing::error!(error = %e, "could not keep the unsaved input"),
        }
    }
    result
}

/// Switches bracketed paste off before ratatui's own panic hook restores the
/// rest of the terminal.
fn install_paste_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        previous(info);
    }));
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    executor: &Executor,
    start: Vec<Effect>,
) -> io::Result<()> {
    let (tx, mut rx) = mpsc::channel::<Msg>(QUEUE);
    let reader = tokio::spawn(read_terminal(tx.clone()));
    for effect in start {
        executor.spawn(effect, &tx);
    }
    let mut stop = Stop::new();
    let mut clock = LoopClock::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let outcome = loop {
        terminal.draw(|frame| crate::ui::draw(frame, app))?;
        let first = tokio::select! {
            msg = rx.recv() => msg,
            _ = tick.tick(), if app.is_busy() => Some(Msg::Tick(clock.read())),
            () = stop.wait() => {
                tracing::info!("stopped by a signal");
                break Ok(());
            }
        };
        let Some(first) = first else {
            break Ok(());
        };
        // The app reads no clock: the time comes in as a tick, at most one
        // per TICK, before what is waiting is applied.
        if !matches!(first, Msg::Tick(_)) && clock.ticked.elapsed() >= TICK {
            for effect in app.update(Msg::Tick(clock.read())) {
                executor.spawn(effect, &tx);
            }
        }
        let mut next = Some(first);
        // Apply everything that is waiting, then draw once.
        while let Some(msg) = next {
            if matches!(msg, Msg::InputLost) {
                tracing::error!("terminal input ended");
                return Ok(());
            }
            for effect in app.update(msg) {
                executor.spawn(effect, &tx);
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

/// SIGTERM and SIGHUP (the terminal closed): leave cleanly, restoring the
/// terminal, instead of dying in raw mode.
struct Stop {
    #[cfg(unix)]
    signals: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl Stop {
    fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let signals = signal(SignalKind::terminate())
                .and_then(|term| Ok((term, signal(SignalKind::hangup())?)))
                .ok();
            Self { signals }
        }
        #[cfg(not(unix))]
        Self {}
    }

    async fn wait(&mut self) {
        #[cfg(unix)]
        if let Some((term, hup)) = &mut self.signals {
            tokio::select! {
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
            return;
        }
        std::future::pending::<()>().await;
    }
}
