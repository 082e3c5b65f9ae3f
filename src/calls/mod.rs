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
//! Numbers are carried as the text received (control characters removed);
//! turning them into display form is the phone module's business.

pub mod ami;
pub mod ami_block;
pub mod ami_config;
pub mod client;
pub mod path;
pub mod protocol;
pub mod server;

/// Something that happened on the phone side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallEvent {
    /// A phone rings (or a script says so): the caller's number as received.
    Ringing {
        number: String,
        /// Who told: the `source` of a socket request (e.g. "microsip"), or
        /// "ami".
        source: String,
        /// The PBX's id of the call, when it has one (AMI); a later
        /// [`CallEvent::Ended`] names it.
        call_id: Option<String>,
    },
    /// The call with this id ended (hung up, or answered elsewhere and closed).
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
