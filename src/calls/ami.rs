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

use std::collections::VecDeque;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc::Sender;
use tokio::task::JoinHandle;
use tokio::time::timeout;

use super::ami_block::{Block, BlockReader};
use super::ami_calls::Followed;
use super::ami_config::AmiConfig;
use super::{CallEvent, LinkState};

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
}

impl Default for AmiOptions {
    fn default() -> Self {
        Self {
            backoff: [1, 2, 5, 10, 30].map(Duration::from_secs).to_vec(),
            refused_pause: Duration::from_secs(300),
            connect_timeout: Duration::from_secs(5),
            login_timeout: Duration::from_secs(10),
            ping_interval: Duration::from_secs(30),
        }
    }
}

/// The running client; dropping it stops the task and closes the connection.
#[derive(Debug)]
pub struct AmiLink {
    task: JoinHandle<()>,
}

impl Drop for AmiLink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// [`spawn_with`] the default timings.
pub fn spawn(config: AmiConfig, events: Sender<CallEvent>) -> AmiLink {
    spawn_with(config, events, AmiOptions::default())
}

/// Starts the client on the current tokio runtime (call it inside one). It
/// stops by itself when the receiver of `events` is dropped.
pub fn spawn_with(config: AmiConfig, events: Sender<CallEvent>, options: AmiOptions) -> AmiLink {
    AmiLink {
        task: tokio::spawn(run(config, events, options)),
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
    let mut failures = 0;
    loop {
        let (state, pause) = match session(&config, &mut reporter, &options).await {
            End::ReceiverGone => return,
            End::LoginRefused => {
                tracing::warn!(host = %config.host, "AMI login refused");
                failures = 0;
                (LinkState::LoginRefused, options.refused_pause)
            }
            End::Lost { logged_in } => {
                if logged_in {
                    failures = 0;
                }
                let pause = options
                    .backoff
                    .get(failures)
                    .or(options.backoff.last())
                    .copied()
                    .unwrap_or(Duration::from_secs(30));
                failures += 1;
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
    Lost { logged_in: bool },
    LoginRefused,
    ReceiverGone,
}

/// One connection, from connect to its loss.
async fn session(config: &AmiConfig, reporter: &mut Reporter<'_>, options: &AmiOptions) -> End {
    let lost = End::Lost { logged_in: false };
    let address = (config.host.as_str(), config.port);
    let stream = match timeout(options.connect_timeout, TcpStream::connect(address)).await {
        Ok(Ok(stream)) => stream,
        Ok(Err(e)) => {
            tracing::info!(host = %config.host, port = config.port, error = %e, "AMI connection failed");
            return lost;
        }
        Err(_) => {
            tracing::info!(host = %config.host, port = config.port, "AMI connection timed out");
            return lost;
        }
    };
    let mut conn = Connection {
        stream,
        reader: BlockReader::default(),
        ready: VecDeque::new(),
    };
    match timeout(options.login_timeout, conn.login(config)).await {
        Ok(Ok(true)) => {}
        Ok(Ok(false)) => return End::LoginRefused,
        Ok(Err(e)) => {
            tracing::info!(host = %config.host, error = %e, "AMI login failed");
            return lost;
        }
        Err(_) => {
            tracing::info!(host = %config.host, "AMI login timed out");
            return lost;
        }
    }
    tracing::info!(host = %config.host, "AMI connected");
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
                return End::Lost { logged_in: true };
            }
            Err(_) if pinged => {
                tracing::info!(host = %config.host, "AMI silent; reconnecting");
                return End::Lost { logged_in: true };
            }
            Err(_) => {
                pinged = true;
                let ping = b"Action: Ping\r\nActionID: crmcard-ping\r\n\r\n";
                if conn.stream.write_all(ping).await.is_err() {
                    return End::Lost { logged_in: true };
                }
            }
        }
    }
}

struct Connection {
    stream: TcpStream,
    reader: BlockReader,
    ready: VecDeque<Block>,
}

impl Connection {
    /// Reads the banner, logs in; `Ok(false)` when the login is refused.
    async fn login(&mut self, config: &AmiConfig) -> std::io::Result<bool> {
        let banner = self.banner().await?;
        if !banner.starts_with(BANNER) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not an Asterisk manager (unexpected banner)",
            ));
        }
        let login = format!(
            "Action: Login\r\nActionID: crmcard-login\r\nUsername: {}\r\nSecret: {}\r\nEvents: call\r\n\r\n",
            config.username,
            config.secret.expose()
        );
        self.stream.write_all(login.as_bytes()).await?;
        drop(login);
        loop {
            let Some(block) = self.next_block().await else {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            };
            if let Some(response) = block.get("Response") {
                return Ok(response.eq_ignore_ascii_case("Success"));
            }
        }
    }

    /// The first line; what follows it goes to the block reader.
    async fn banner(&mut self) -> std::io::Result<String> {
        let mut line = Vec::new();
        let mut chunk = [0u8; 512];
        loop {
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            if let Some(end) = chunk[..n].iter().position(|&b| b == b'\n') {
                line.extend_from_slice(&chunk[..end]);
                self.ready.extend(self.reader.push(&chunk[end + 1..n]));
                let text = String::from_utf8_lossy(&line);
                return Ok(text.trim_end().to_owned());
            }
            line.extend_from_slice(&chunk[..n]);
            if line.len() > 1024 {
                return Err(std::io::ErrorKind::InvalidData.into());
            }
        }
    }

    /// The next whole block; `None` when the connection ends. Cancel-safe.
    async fn next_block(&mut self) -> Option<Block> {
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(block) = self.ready.pop_front() {
                return Some(block);
            }
            match self.stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => self.ready.extend(self.reader.push(&chunk[..n])),
            }
        }
    }
}
