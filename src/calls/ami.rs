//! The Asterisk manager interface client: the operator's phone ringing,
//! heard from the PBX.
//!
//! [`spawn`] starts a tokio task that connects, reads the banner
//! (`Asterisk Call Manager/…`), logs in with `Events: call`, and turns
//! events into [`CallEvent`]s:
//!
//! - `DialBegin` whose destination is the configured extension →
//!   [`CallEvent::Ringing`] with the caller's `CallerIDNum` (made safe by
//!   [`super::number::received`] like the socket's number; it may be empty
//!   or `<unknown>` for a hidden number, or any text a SIP trunk puts there)
//!   and the call's `Linkedid` (else `Uniqueid`) as its id;
//! - `DialEnd` with `DialStatus: ANSWER` to the operator's phone, or
//!   `BridgeEnter` of the operator's channel, of such a call →
//!   [`CallEvent::Answered`] (once);
//! - `Hangup` of the caller's or the operator's channel of such a call →
//!   [`CallEvent::Ended`].
//!
//! A call is keyed by its `Linkedid` where the PBX sends one: one call
//! however many channels (a queue's Local channels, a ring group) it makes.
//!
//! The link's state is reported as [`CallEvent::Link`] when it changes. A
//! lost connection is retried after growing pauses ([`AmiOptions::backoff`]);
//! a refused login only after [`AmiOptions::refused_pause`]. A quiet
//! connection is probed with `Action: Ping` and given up when even that goes
//! unanswered. The secret goes into the Login action and nowhere else.

use std::time::Duration;

use tokio::sync::mpsc::Sender;
use tokio::time::timeout;

use super::ami_calls::Followed;
use super::ami_config::AmiConfig;
use super::ami_conn::{Connection, OpenError};
use super::{CallEvent, LinkState};
use crate::reconnect::Reconnect;
use crate::task::OwnedTask;

/// The `source` of the calls this client reports.
pub const SOURCE: &str = "ami";
/// The first line the manager sends starts with this.
pub const BANNER: &str = "Asterisk Call Manager/";

/// Timings of the client.
#[derive(Debug, Clone)]
pub struct AmiOptions {
    /// Pauses before the attempts after a lost or failed connection; the last
    /// one repeats.
    pub backoff: Vec<Duration>,
    /// The pause after a refused login (a wrong secret stays wrong).
    pub refused_pause: Duration,
    /// For the TCP connection.
    pub connect_timeout: Duration,
    /// For the banner and the answer to the login.
    pub login_timeout: Duration,
    /// Silence after which a Ping is sent; as long again without any answer
    /// and the connection counts as lost.
    pub ping_interval: Duration,
    /// How long a connection must last after its login for the pauses to
    /// start again from the first: a PBX that accepts the login and drops
    /// the connection at once is retried with growing pauses, not every
    /// second with the secret.
    pub stable_after: Duration,
}

impl Default for AmiOptions {
    fn default() -> Self {
        Self {
            backoff: [1, 2, 5, 10, 30].map(Duration::from_secs).to_vec(),
            refused_pause: Duration::from_secs(300),
            connect_timeout: Duration::from_secs(5),
            login_timeout: Duration::from_secs(10),
            ping_interval: Duration::from_secs(30),
            stable_after: Duration::from_secs(60),
        }
    }
}

/// The running client; dropping it stops the task and closes the connection.
#[derive(Debug)]
pub struct AmiLink {
    /// Runs while the link is held.
    _task: OwnedTask,
}

/// [`spawn_with`] the default timings.
pub fn spawn(config: AmiConfig, events: Sender<CallEvent>) -> AmiLink {
    spawn_with(config, events, AmiOptions::default())
}

/// Starts the client on the current tokio runtime (call it inside one). It
/// stops by itself when the receiver of `events` is dropped.
pub fn spawn_with(config: AmiConfig, events: Sender<CallEvent>, options: AmiOptions) -> AmiLink {
    AmiLink {
        _task: OwnedTask::spawn(run(config, events, options)),
    }
}

async fn run(config: AmiConfig, events: Sender<CallEvent>, options: AmiOptions) {
    let mut reporter = Reporter {
        events: &events,
        last: None,
    };
    if !reporter.report(LinkState::Connecting).await {
        return;
    }
    // Each failed attempt, or connection that dropped before
    // `stable_after`, waits the next pause; one that lasted starts again.
    let mut backoff = Reconnect::steps(options.backoff.clone());
    loop {
        let (state, pause) = match session(&config, &mut reporter, &options).await {
            End::ReceiverGone => return,
            End::LoginRefused => {
                tracing::warn!(host = %config.host, "AMI login refused");
                backoff.reset();
                (LinkState::LoginRefused, options.refused_pause)
            }
            End::Lost { lasted } => {
                let pause = backoff.after(lasted);
                tracing::info!(host = %config.host, pause_ms = pause.as_millis(), "AMI reconnecting");
                (LinkState::Reconnecting, pause)
            }
        };
        if !reporter.report(state).await {
            return;
        }
        tokio::time::sleep(pause).await;
    }
}

/// Sends link states when they change.
struct Reporter<'a> {
    events: &'a Sender<CallEvent>,
    last: Option<LinkState>,
}

impl Reporter<'_> {
    /// `false` when nobody listens any more.
    async fn report(&mut self, state: LinkState) -> bool {
        if self.last == Some(state) {
            return true;
        }
        self.last = Some(state);
        self.send(CallEvent::Link(state)).await
    }

    async fn send(&self, event: CallEvent) -> bool {
        self.events.send(event).await.is_ok()
    }
}

enum End {
    /// `lasted`: logged in for at least [`AmiOptions::stable_after`].
    Lost {
        lasted: bool,
    },
    LoginRefused,
    ReceiverGone,
}

/// One connection, from connect to its loss.
async fn session(config: &AmiConfig, reporter: &mut Reporter<'_>, options: &AmiOptions) -> End {
    let timeouts = (options.connect_timeout, options.login_timeout);
    let mut conn = match Connection::open(config, "call", timeouts).await {
        Ok(conn) => conn,
        Err(OpenError::Refused) => return End::LoginRefused,
        Err(OpenError::Failed(reason)) => {
            tracing::info!(host = %config.host, port = config.port, reason, "AMI connection failed");
            return End::Lost { lasted: false };
        }
    };
    tracing::info!(host = %config.host, "AMI connected");
    let logged_in = tokio::time::Instant::now();
    let lost = || End::Lost {
        lasted: logged_in.elapsed() >= options.stable_after,
    };
    if !reporter.report(LinkState::Connected).await {
        return End::ReceiverGone;
    }
    let mut calls = Followed::new(&config.extension);
    let mut pinged = false;
    loop {
        match timeout(options.ping_interval, conn.next_block()).await {
            Ok(Some(block)) => {
                pinged = false;
                if let Some(event) = calls.on_block(&block)
                    && !reporter.send(event).await
                {
                    return End::ReceiverGone;
                }
            }
            Ok(None) => {
                tracing::info!(host = %config.host, "AMI connection lost");
                return lost();
            }
            Err(_) if pinged => {
                tracing::info!(host = %config.host, "AMI silent; reconnecting");
                return lost();
            }
            Err(_) => {
                pinged = true;
                let ping = b"Action: Ping\r\nActionID: crmcard-ping\r\n\r\n";
                if conn.send(ping).await.is_err() {
                    return lost();
                }
            }
        }
    }
}
