//! The sync engine: one task per desk keeping its local replica and the
//! shared directory in step.
//!
//! Connected, it sends what the desk queued, reads the change feeds from
//! where it stopped (catching up on start; the clients', and the calls' the
//! same way: [`super::calls`]), LISTENs, and after that wakes on a
//! notification (another desk wrote), on a nudge (this desk queued a change)
//! or on a heartbeat. Any failure (the server down, a wrong password, a
//! connection dropped mid-write) ends the session: the status says so, the
//! desk keeps working from its replica and queueing, and the engine
//! reconnects after a pause that doubles up to a limit. Nothing is lost: a
//! change leaves the queue only once the database has committed it, and
//! sending it twice changes nothing.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::{Notify, watch};

use super::connect::connect;
use super::settings::SharedConfig;
use super::store::{self, CHANNEL};
use super::{SharedError, calls, replica, schema};
use crate::crm::CrmKey;
use crate::directory::DirectoryHandle;
use crate::reconnect::Reconnect;
use crate::task::OwnedTask;

/// How many changes go in one round trip.
const BATCH: usize = 500;

/// Where the engine stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStatus {
    /// Not connected yet.
    Connecting,
    /// Connected and listening.
    Online,
    /// The database cannot be used now; the desk works from its replica.
    /// The reason is one cleaned line, without the password.
    Offline { reason: String },
}

/// How the engine runs.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// The CRM this desk's replica describes.
    pub crm: CrmKey,
    /// The desk's name, recorded with its writes.
    pub desk: String,
    /// For connecting and for each round trip.
    pub timeout: Duration,
    /// The first pause before reconnecting; it doubles up to `max_backoff`.
    pub backoff: Duration,
    pub max_backoff: Duration,
    /// How often an idle connection is checked.
    pub heartbeat: Duration,
    /// `[calls] keep_days`: the shared calls older than that are removed
    /// when the engine connects; 0 (no log kept at this desk): the shared
    /// calls are neither read nor removed.
    pub call_keep_days: u32,
}

impl SyncOptions {
    /// The defaults for a desk of `crm`.
    pub fn new(crm: CrmKey, desk: impl Into<String>) -> Self {
        Self {
            crm,
            desk: desk.into(),
            timeout: Duration::from_secs(10),
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(15),
            heartbeat: Duration::from_secs(20),
            call_keep_days: crate::calllog::DEFAULT_KEEP_DAYS,
        }
    }
}

/// The running engine; dropping it stops it.
pub struct Sync {
    /// Runs while the engine is held.
    _task: OwnedTask,
    status: watch::Receiver<SyncStatus>,
}

impl Sync {
    /// Starts the engine on `directory` (its connection starts queueing its
    /// changes now).
    pub fn start(
        config: SharedConfig,
        options: SyncOptions,
        directory: DirectoryHandle,
    ) -> Result<Sync, SharedError> {
        let nudge = Arc::new(Notify::new());
        let hook = nudge.clone();
        directory.blocking(move |d| replica::attach(d, Some(hook)))?;
        let (status_tx, status) = watch::channel(SyncStatus::Connecting);
        let engine = Engine {
            config,
            options,
            directory,
            nudge,
            status: status_tx,
        };
        let task = OwnedTask::spawn(engine.run());
        Ok(Sync {
            _task: task,
            status,
        })
    }

    /// The engine's status, updated as it changes.
    pub fn status(&self) -> watch::Receiver<SyncStatus> {
        self.status.clone()
    }
}

struct Engine {
    config: SharedConfig,
    options: SyncOptions,
    directory: DirectoryHandle,
    nudge: Arc<Notify>,
    status: watch::Sender<SyncStatus>,
}

impl Engine {
    async fn run(self) {
        let mut reconnect = Reconnect::doubling(self.options.backoff, self.options.max_backoff);
        loop {
            let mut was_online = false;
            let error = match self.session(&mut was_online).await {
                Ok(never) => match never {},
                Err(e) => e,
            };
            tracing::warn!(directory = self.config.shown(), error = %error, "shared directory offline");
            self.set(SyncStatus::Offline {
                reason: error.to_string(),
            });
            tokio::time::sleep(reconnect.after(was_online)).await;
        }
    }

    fn set(&self, status: SyncStatus) {
        self.status.send_if_modified(|s| {
            let changed = *s != status;
            *s = status;
            changed
        });
    }

    /// One connection's life; returns only with what ended it.
    async fn session(
        &self,
        was_online: &mut bool,
    ) -> Result<std::convert::Infallible, SharedError> {
        let mut session = connect(&self.config, self.options.timeout).await?;
        let instance = self
            .timed(async {
                schema::ensure(&mut session.client).await?;
                session
                    .client
                    .batch_execute(&format!("LISTEN {CHANNEL}"))
                    .await
                    .map_err(schema::db)?;
                if self.options.call_keep_days > 0 {
                    let crm = self.options.crm.as_text();
                    calls::store::sweep(&session.client, &crm, self.options.call_keep_days).await?;
                }
                store::instance(&session.client).await
            })
            .await?;
        tracing::info!(directory = self.config.shown(), "shared directory online");
        self.set(SyncStatus::Online);
        *was_online = true;
        loop {
            // Each round trip has its own time limit: a long queue or feed
            // (a desk catching up) is not taken for a dead connection.
            let (crm, desk) = (&self.options.crm, &self.options.desk);
            while self
                .timed(flush_batch(&mut session.client, &self.directory, crm, desk))
                .await?
                > 0
            {}
            let text = crm.as_text();
            while self
                .timed(calls::flush_batch(
                    &mut session.client,
                    &self.directory,
                    &text,
                    desk,
                ))
                .await?
                > 0
            {}
            while self
                .timed(pull_batch(&session.client, &self.directory, crm, &instance))
                .await?
                == BATCH
            {}
            while self.options.call_keep_days > 0
                && self
                    .timed(calls::pull_batch(
                        &session.client,
                        &self.directory,
                        &text,
                        &instance,
                    ))
                    .await?
                    == calls::BATCH
            {}
            tokio::select! {
                note = session.notifications.recv() => {
                    if note.is_none() {
                        return Err(SharedError::ConnectionLost);
                    }
                }
                () = self.nudge.notified() => {}
                () = tokio::time::sleep(self.options.heartbeat) => {
                    self.timed(async {
                        session.client.simple_query("SELECT 1").await.map_err(schema::db)
                    })
                    .await?;
                }
            }
        }
    }

    async fn timed<T>(
        &self,
        work: impl Future<Output = Result<T, SharedError>>,
    ) -> Result<T, SharedError> {
        tokio::time::timeout(self.options.timeout, work)
            .await
            .map_err(|_| SharedError::ConnectionLost)?
    }
}

/// Sends `directory`'s queue, oldest first, until it is empty. How many
/// changes were sent.
pub async fn flush(
    client: &mut tokio_postgres::Client,
    directory: &DirectoryHandle,
    crm: &CrmKey,
    desk: &str,
) -> Result<usize, SharedError> {
    let mut count = 0;
    loop {
        match flush_batch(client, directory, crm, desk).await? {
            0 => return Ok(count),
            n => count += n,
        }
    }
}

/// Sends the oldest changes queued (one round trip); a change the table
/// refused (it has a newer one) is replaced in the replica by the table's.
/// How many were sent: 0 when the queue is empty.
pub async fn flush_batch(
    client: &mut tokio_postgres::Client,
    directory: &DirectoryHandle,
    crm: &CrmKey,
    desk: &str,
) -> Result<usize, SharedError> {
    let crm = crm.as_text();
    let now = unix_now();
    let batch = directory
        .run(move |d| replica::pending(d, BATCH, now))
        .await?;
    if batch.is_empty() {
        return Ok(0);
    }
    let count = batch.len();
    let rows: Vec<_> = batch.iter().map(|p| p.outgoing.clone()).collect();
    let taken = store::send(client, &crm, desk, &rows).await?;
    let mut newer = Vec::new();
    for row in &rows {
        if !taken.contains(&row.entry.id)
            && let Some(change) = store::row(&*client, &crm, &row.entry.id).await?
        {
            newer.push(change);
        }
    }
    directory
        .run(move |d| {
            replica::sent(d, &batch)?;
            replica::apply(d, &newer, true, None)
        })
        .await?;
    Ok(count)
}

/// Applies the next changes of the feed (one round trip); how many were
/// read: fewer than a full batch at the feed's end.
pub async fn pull_batch(
    client: &tokio_postgres::Client,
    directory: &DirectoryHandle,
    crm: &CrmKey,
    instance: &str,
) -> Result<usize, SharedError> {
    let crm = crm.as_text();
    let key = replica::feed_key(instance, &crm);
    let (inst, c) = (instance.to_owned(), crm.clone());
    let (after, _) = directory
        .run(move |d| replica::position(d, &inst, &c))
        .await?;
    let changes = store::changes_since(client, &crm, after, BATCH as i64).await?;
    let Some(last) = changes.last().map(|c| c.seq) else {
        return Ok(0);
    };
    let count = changes.len();
    let now = unix_now();
    directory
        .run(move |d| replica::apply(d, &changes, false, Some((&key, last, now))))
        .await?;
    Ok(count)
}

/// The desk's clock, unix seconds.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
