//! The presence engine of a running desk: one task with its own connection
//! to the shared directory that says which form this desk has open, keeps
//! it alive with a heartbeat, records this desk's saves, and reports what
//! the other desks are doing with the client on this desk's screen.
//!
//! It follows [`Watching`] (what the app has open, handed over through a
//! [`PresenceLink`]) and wakes on a change of it, on a save, on a
//! notification from another desk, and on the heartbeat, which also sweeps
//! the rows of desks that are gone and reads again. While another desk's
//! form is shown it reads again more often (`recheck`), so a killed desk's
//! form (which no desk announces) leaves the screen within seconds. Offline, it reports
//! nothing (no stale presence is shown), drops the saves it could not
//! record, and reconnects after a pause that doubles up to a limit; its
//! presence row is written again on the new connection.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio::time::MissedTickBehavior;

use super::connect::connect;
use super::presence::{self, CHANNEL, Me};
use super::settings::SharedConfig;
use super::{SharedError, schema};
use crate::crm::CrmKey;
use crate::presence::{Presence, Watching};
use crate::reconnect::Reconnect;
use crate::task::OwnedTask;

/// How the engine runs.
#[derive(Debug, Clone)]
pub struct PresenceOptions {
    pub crm: CrmKey,
    pub me: Me,
    /// For connecting and for each round trip.
    pub timeout: Duration,
    /// How often this desk's rows are kept alive and the others' read.
    pub heartbeat: Duration,
    /// A row not kept alive for this long is ignored and swept.
    pub expiry: Duration,
    /// How often the client shown is read again while another desk's form
    /// on it is shown.
    pub recheck: Duration,
    /// The first pause before reconnecting; it doubles up to `max_backoff`.
    pub backoff: Duration,
    pub max_backoff: Duration,
}

impl PresenceOptions {
    /// The defaults: a heartbeat every 15 s, rows older than 60 s ignored.
    pub fn new(crm: CrmKey, me: Me) -> Self {
        Self {
            crm,
            me,
            timeout: Duration::from_secs(10),
            heartbeat: Duration::from_secs(15),
            expiry: Duration::from_secs(60),
            recheck: Duration::from_secs(3),
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(15),
        }
    }
}

/// What the app side hands the engine: what is open, and what was saved.
#[derive(Debug, Clone)]
pub struct PresenceLink {
    watching: Arc<watch::Sender<Watching>>,
    saves: mpsc::UnboundedSender<String>,
}

impl PresenceLink {
    /// This desk now has `watching` open.
    pub fn watch(&self, watching: Watching) {
        self.watching.send_if_modified(|w| {
            let changed = *w != watching;
            *w = watching;
            changed
        });
    }

    /// This desk saved client `id` in the CRM just now.
    pub fn saved(&self, id: String) {
        // The engine gone (crmcard ending): nothing to record.
        let _ = self.saves.send(id);
    }
}

impl crate::presence::PresenceSink for PresenceLink {
    fn watch(&self, watching: Watching) {
        PresenceLink::watch(self, watching);
    }

    fn saved(&self, client_id: String) {
        PresenceLink::saved(self, client_id);
    }
}

/// The running engine; dropping it stops it (its connection closes, and
/// with it this desk's presence).
pub struct PresenceEngine {
    /// Runs while the engine is held.
    _task: OwnedTask,
    link: PresenceLink,
    seen: watch::Receiver<Option<Presence>>,
}

impl PresenceEngine {
    /// Starts the engine. Must run inside the tokio runtime.
    pub fn start(config: SharedConfig, options: PresenceOptions) -> PresenceEngine {
        let (watching_tx, watching) = watch::channel(Watching::default());
        let (saves_tx, saves) = mpsc::unbounded_channel();
        let (seen_tx, seen) = watch::channel(None);
        let engine = Engine {
            config,
            options,
            watching,
            saves,
            seen: seen_tx,
        };
        PresenceEngine {
            _task: OwnedTask::spawn(engine.run()),
            link: PresenceLink {
                watching: Arc::new(watching_tx),
                saves: saves_tx,
            },
            seen,
        }
    }

    /// The handle the executor tells what is open and what was saved.
    pub fn link(&self) -> PresenceLink {
        self.link.clone()
    }

    /// What the other desks are doing with the client on the screen (none
    /// when no client is shown or the database cannot be read).
    pub fn seen(&self) -> watch::Receiver<Option<Presence>> {
        self.seen.clone()
    }
}

struct Engine {
    config: SharedConfig,
    options: PresenceOptions,
    watching: watch::Receiver<Watching>,
    saves: mpsc::UnboundedReceiver<String>,
    seen: watch::Sender<Option<Presence>>,
}

impl Engine {
    async fn run(mut self) {
        let mut reconnect = Reconnect::doubling(self.options.backoff, self.options.max_backoff);
        loop {
            let mut was_online = false;
            let error = match self.session(&mut was_online).await {
                Ok(never) => match never {},
                Err(e) => e,
            };
            tracing::info!(directory = self.config.shown(), error = %error, "presence offline");
            self.show(None);
            tokio::time::sleep(reconnect.after(was_online)).await;
            // A save made while offline is not recorded later, at a
            // time that would be wrong.
            while self.saves.try_recv().is_ok() {}
        }
    }

    fn show(&self, presence: Option<Presence>) {
        self.seen.send_if_modified(|s| {
            let changed = *s != presence;
            *s = presence;
            changed
        });
    }

    /// One connection's life; returns only with what ended it.
    async fn session(&mut self, was_online: &mut bool) -> Result<Infallible, SharedError> {
        let mut session = connect(&self.config, self.options.timeout).await?;
        self.timed(async {
            schema::ensure(&mut session.client).await?;
            session
                .client
                .batch_execute(&format!("LISTEN {CHANNEL}"))
                .await
                .map_err(schema::db)
        })
        .await?;
        *was_online = true;
        let crm = self.options.crm.as_text();
        let me = self.options.me.clone();
        let expiry = self.options.expiry.as_secs_f64();
        let mut beat = tokio::time::interval(self.options.heartbeat);
        beat.set_missed_tick_behavior(MissedTickBehavior::Delay);
        beat.tick().await;
        let mut published = None;
        loop {
            let watching = self.watching.borrow_and_update().clone();
            if published.as_ref() != Some(&watching.editing) {
                let editing = watching.editing.as_ref();
                self.timed(presence::publish(&mut session.client, &crm, &me, editing))
                    .await?;
                published = Some(watching.editing.clone());
            }
            while let Ok(id) = self.saves.try_recv() {
                self.timed(presence::saved(&session.client, &crm, &me, &id))
                    .await?;
            }
            let now = match &watching.shown {
                Some(id) => Some(
                    self.timed(presence::about(&session.client, &crm, &me, id, expiry))
                        .await?,
                ),
                None => None,
            };
            let others_shown = now.as_ref().is_some_and(|p| !p.editors.is_empty());
            self.show(now);
            tokio::select! {
                note = session.notifications.recv() => {
                    if note.is_none() {
                        return Err(SharedError::ConnectionLost);
                    }
                }
                changed = self.watching.changed() => {
                    if changed.is_err() {
                        // The app side is gone: crmcard is ending.
                        std::future::pending::<()>().await;
                    }
                }
                Some(id) = self.saves.recv() => {
                    self.timed(presence::saved(&session.client, &crm, &me, &id)).await?;
                }
                () = tokio::time::sleep(self.options.recheck), if others_shown => {}
                _ = beat.tick() => {
                    let kept = self
                        .timed(presence::heartbeat(&session.client, &me, expiry))
                        .await?;
                    if kept == 0 && published.as_ref().is_some_and(Option::is_some) {
                        // Swept while this desk was slow: said again.
                        published = None;
                    }
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
