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
pub mod ami_block;
pub mod ami_calls;
pub mod ami_config;
pub mod client;
pub mod number;
pub mod path;
pub mod protocol;
pub mod server;

use std::path::Path;

use tokio::sync::mpsc::{self, Receiver};

use ami::AmiLink;
use ami_config::AmiConfig;
use path::SocketLocation;
use server::{CallListener, ListenError};

/// How many events may wait for the TUI; a socket call beyond that is
/// answered "busy".
pub const QUEUE: usize = 32;

/// The running ways in. Dropping it closes them (and removes the socket file).
#[derive(Debug)]
pub struct Calls {
    /// `None` when listening failed (see [`Started::listen_error`]).
    pub listener: Option<CallListener>,
    /// `None` without a `[calls.ami]` config.
    pub ami: Option<AmiLink>,
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
    let (tx, events) = mpsc::channel(QUEUE);
    let listened = SocketLocation::find(socket)
        .map_err(ListenError::from)
        .and_then(|location| server::listen(&location, tx.clone()));
    let (listener, listen_error) = match listened {
        Ok(listener) => (Some(listener), None),
        Err(e) => {
            tracing::warn!(error = %e, "not listening for calls");
            (None, Some(e))
        }
    };
    let ami = ami.map(|config| ami::spawn(config, tx));
    Started {
        calls: Calls { listener, ami },
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
