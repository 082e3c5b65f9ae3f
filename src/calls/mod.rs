//! Calls arriving from outside: the phone rings, crmcard hears of it.
//!
//! Two ways in, both ending as [`CallEvent`]s in one `tokio::sync::mpsc`
//! queue that the TUI reads:
//!
//! - a local Unix socket ([`server`]) that `crmcard call NUMBER` ([`client`])
//!   or any script writes one JSON line to ([`protocol`]); its path is chosen
//!   by [`path`];
//! - the Asterisk manager interface ([`ami`], configured by [`ami_config`]),
//!   whose `DialBegin` and `Hangup` events become `Ringing` and `Ended`.
//!
//! Numbers are carried as the text received, made safe by
//! [`number::received`] (control characters removed, at most 200
//! characters); the app classifies them with [`number::CallerNumber`], one
//! classifier for both ways in.
//!
//! The TUI calls [`start`] inside its tokio runtime, reads the returned
//! receiver in its event loop, and keeps [`Calls`] alive until it exits:
//! dropping it stops the AMI client and the listener and removes the socket
//! file.

pub mod ami;
pub(crate) mod ami_block;
pub(crate) mod ami_calls;
pub mod ami_config;
pub mod ami_conn;
pub mod client;
pub mod dial;
pub(crate) mod number;
pub mod path;
pub(crate) mod protocol;
pub mod server;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::mpsc::{self, Receiver, Sender};
use tokio::task::JoinHandle;

use ami::AmiLink;
use ami_config::AmiConfig;
use path::SocketLocation;
use server::{CallListener, ListenError};

/// How many events may wait for the TUI; a socket call beyond that is
/// answered "busy".
pub(crate) const QUEUE: usize = 32;

/// How often a crmcard whose socket another one holds tries to take it.
pub(crate) const TAKEOVER_EVERY: Duration = Duration::from_millis(500);

/// The running ways in. Dropping it closes them (and removes the socket file).
#[derive(Debug)]
pub struct Calls {
    /// `None` when listening failed (see [`Started::listen_error`]).
    pub listener: Option<CallListener>,
    /// `None` without a `[calls.ami]` config.
    pub ami: Option<AmiLink>,
    /// With another crmcard on the socket: the task that takes it as soon
    /// as that one is gone ([`CallEvent::Listening`]), and then holds it.
    pub takeover: Option<Takeover>,
}

/// Tries to listen every [`TAKEOVER_EVERY`] until it can; then holds the
/// listener. Dropping it stops trying (or listening, removing the file).
#[derive(Debug)]
pub struct Takeover {
    task: JoinHandle<()>,
    /// The listener once taken: dropped with the takeover, at once (an
    /// aborted task's future is dropped later, by the runtime).
    taken: Arc<Mutex<Option<CallListener>>>,
}

impl Drop for Takeover {
    fn drop(&mut self) {
        self.task.abort();
        drop(
            self.taken
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take(),
        );
    }
}

impl Takeover {
    /// Starts trying on the current tokio runtime. Never gives up: a
    /// crmcard still closing, or one that runs for hours, is waited for.
    pub fn start(location: SocketLocation, events: Sender<CallEvent>, every: Duration) -> Self {
        let taken = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&taken);
        let task = tokio::spawn(async move {
            let listener = loop {
                tokio::time::sleep(every).await;
                match server::listen(&location, events.clone()) {
                    Ok(listener) => break listener,
                    Err(ListenError::AlreadyRunning(_)) => {}
                    Err(e) => tracing::debug!(error = %e, "call socket not taken yet"),
                }
            };
            tracing::info!("took over the call socket");
            // Held until the takeover is dropped, which removes the file.
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(listener);
            let _ = events.send(CallEvent::Listening).await;
        });
        Self { task, taken }
    }
}

/// What [`start`] gives the TUI.
#[derive(Debug)]
pub struct Started {
    /// Keep until exit.
    pub calls: Calls,
    /// The events, in the order they happened.
    pub events: Receiver<CallEvent>,
    /// Why crmcard does not listen on the socket, e.g.
    /// [`ListenError::AlreadyRunning`]: crmcard then runs without it.
    pub listen_error: Option<ListenError>,
}

/// Listens on the call socket (`socket`: `--socket`/`CRMCARD_SOCKET`, else
/// the default place) and, with `ami`, starts the AMI client. Call it inside
/// the tokio runtime.
pub fn start(socket: Option<&Path>, ami: Option<AmiConfig>) -> Started {
    start_with(socket, ami, TAKEOVER_EVERY)
}

/// [`start`], trying to take a socket another crmcard holds every
/// `takeover_every`.
pub fn start_with(
    socket: Option<&Path>,
    ami: Option<AmiConfig>,
    takeover_every: Duration,
) -> Started {
    let (tx, events) = mpsc::channel(QUEUE);
    let (listened, location) = match SocketLocation::find(socket) {
        Ok(location) => (server::listen(&location, tx.clone()), Some(location)),
        Err(e) => (Err(ListenError::from(e)), None),
    };
    let mut takeover = None;
    let (listener, listen_error) = match listened {
        Ok(listener) => (Some(listener), None),
        Err(e) => {
            tracing::warn!(error = %e, "not listening for calls");
            if let (ListenError::AlreadyRunning(_), Some(location)) = (&e, location) {
                // Another crmcard has it (perhaps still closing): taken as
                // soon as it is gone.
                takeover = Some(Takeover::start(location, tx.clone(), takeover_every));
            }
            (None, Some(e))
        }
    };
    let ami = ami.map(|config| ami::spawn(config, tx));
    Started {
        calls: Calls {
            listener,
            ami,
            takeover,
        },
        events,
        listen_error,
    }
}

/// Something that happened on the phone side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallEvent {
    /// A phone rings (or a script says so): the caller's number as received.
    Ringing {
        number: String,
        /// Who told: the `source` of a socket request (e.g. "microsip"), or
        /// "ami".
        source: String,
        /// The PBX's id of the call, when it has one (AMI's `Linkedid`, the
        /// socket's `call_id`); a later [`CallEvent::Answered`] or
        /// [`CallEvent::Ended`] names it.
        call_id: Option<String>,
    },
    /// The call with this id was answered by the operator's phone (AMI:
    /// `DialEnd` with `DialStatus: ANSWER`, or `BridgeEnter`, on the
    /// operator's channel; the socket: `crmcard call --answered ID`).
    Answered { call_id: String },
    /// The call with this id ended (hung up, or answered elsewhere and closed;
    /// the socket: `crmcard call --ended ID`).
    Ended { call_id: String },
    /// The state of the link to the Asterisk manager interface.
    Link(LinkState),
    /// This crmcard now listens on the call socket, which another crmcard
    /// held when it started (that one has exited).
    Listening,
}

/// The state of the AMI link, for a quiet mark in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// The first connection is being made.
    Connecting,
    /// Logged in; events flow.
    Connected,
    /// The connection was lost (or could not be made); trying again with
    /// growing pauses.
    Reconnecting,
    /// The PBX refused the username or secret; tried again only after a long
    /// pause.
    LoginRefused,
}
