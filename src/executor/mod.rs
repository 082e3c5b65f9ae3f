//! Runs effects on tokio and sends their results back as messages.
//!
//! This file starts effects and keeps the reads that can be cancelled; the
//! work itself is by concern: `writes` (a write to the CRM), `lists` (the
//! dictionaries fetched and prepared off the loop), `directory` (the client
//! directory's effects), `calllog` (the call log's).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use crate::api::Client;
use crate::app::vocab::Caller;
use crate::app::vocab::{CallId, PersonName};
use crate::app::{Effect, Msg, RequestId};
use crate::calls::dial::Dialer;
use crate::directory::{DirectoryHandle, DirectorySlot};
use crate::drafts::DraftWriter;
use crate::presence::PresenceSink;

pub mod calllog;
pub mod directory;
mod lists;
mod writes;

#[cfg(all(test, feature = "sandbox"))]
mod tests;

pub use calllog::CallLogSetup;

/// The one place where effects meet the network and the disk.
#[derive(Debug, Clone)]
pub struct Executor {
    client: Client,
    /// The client directory, opened after the first frame (none: it could
    /// not be opened; searches find nothing and nothing is kept).
    directory: DirectorySlot,
    /// The reads under way, which [`Effect::Cancel`] can stop. Writes are
    /// never among them: a write that was sent cannot be called back, and
    /// its answer must arrive.
    reads: Arc<Mutex<HashMap<RequestId, AbortHandle>>>,
    /// Writes form drafts, in order (none: not kept).
    drafts: Option<DraftWriter>,
    /// The call log's CRM and keep time (none: no log is kept).
    call_log: Option<Arc<CallLogSetup>>,
    /// Calls clients back ([`Effect::Dial`]).
    dialer: Arc<Dialer>,
    /// Where this desk's presence goes (none: no shared directory).
    presence: Option<Arc<dyn PresenceSink>>,
    /// The newest exact search asked for: a similar search older than it
    /// is answered empty without running, so that the directory's thread
    /// never spends a keystroke's time on an answer the lookup will drop.
    newest_search: Arc<AtomicU64>,
}

impl Executor {
    pub fn new(client: Client, directory: Option<DirectoryHandle>) -> Self {
        Self::with_directory_slot(client, DirectorySlot::ready(directory))
    }

    /// An executor whose directory may still be opening: what needs it
    /// waits for it.
    pub fn with_directory_slot(client: Client, directory: DirectorySlot) -> Self {
        Self {
            client,
            directory,
            reads: Arc::default(),
            drafts: None,
            call_log: None,
            dialer: Arc::default(),
            presence: None,
            newest_search: Arc::default(),
        }
    }

    /// Keeps the call log of `setup`'s CRM in the directory's database.
    pub fn with_call_log(mut self, setup: CallLogSetup) -> Self {
        self.call_log = Some(Arc::new(setup));
        self
    }

    /// Calls clients back with `dialer` ([`Effect::Dial`]).
    pub fn with_dialer(mut self, dialer: Dialer) -> Self {
        self.dialer = Arc::new(dialer);
        self
    }

    /// Tells the other desks through `sink` what this desk has open
    /// ([`Effect::Watch`]) and which clients it saved.
    pub fn with_presence(mut self, sink: Arc<dyn PresenceSink>) -> Self {
        self.presence = Some(sink);
        self
    }

    /// Keeps form drafts with `writer` ([`Effect::WriteDraft`]).
    pub fn with_drafts(mut self, writer: Option<DraftWriter>) -> Self {
        self.drafts = writer;
        self
    }

    /// The last drafts before crmcard stops, written before this returns
    /// (or `limit` passes).
    pub fn finish_drafts(&self, effects: Vec<Effect>, limit: std::time::Duration) {
        if let Some(writer) = &self.drafts {
            writer.finish(effects, limit);
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The client directory if it is open now, for other users of the
    /// same connection.
    pub fn directory(&self) -> Option<DirectoryHandle> {
        self.directory.now()
    }

    /// Starts `effect` in the background; its result arrives on `tx`.
    pub fn spawn(&self, effect: Effect, tx: &mpsc::Sender<Msg>) {
        let read = match effect {
            Effect::Cancel(req) => {
                self.cancel(req);
                return;
            }
            Effect::WriteDraft { .. } | Effect::RemoveDraft(_) => {
                if let Some(writer) = &self.drafts {
                    writer.send(effect, tx);
                }
                return;
            }
            Effect::LoadClient { req, .. } | Effect::LoadDict { req, .. } => Some(req),
            // The terminal's, not the executor's: see `tui`.
            Effect::Copy(_) => return,
            Effect::Watch(watching) => {
                if let Some(sink) = &self.presence {
                    sink.watch(watching);
                }
                return;
            }
            Effect::Write { .. }
            | Effect::PrepareDict { .. }
            | Effect::FindCaller { .. }
            | Effect::Dial { .. }
            | Effect::SearchDirectory { .. }
            | Effect::SearchSimilar { .. }
            | Effect::RememberClient { .. }
            | Effect::ForgetClient { .. }
            | Effect::FindPhoneOwners { .. }
            | Effect::LogCall(_)
            | Effect::FindMissed { .. }
            | Effect::FindClientMissed { .. }
            | Effect::LoadCallLog { .. }
            | Effect::RestoreCalls => None,
        };
        let this = self.clone();
        let tx = tx.clone();
        // Held while spawning, so that a task that ends at once cannot
        // remove its entry before it is made.
        let mut reads = self.reads.lock().unwrap_or_else(PoisonError::into_inner);
        let task = tokio::spawn(async move {
            let msg = this.run(effect).await;
            if let Some(req) = read {
                this.forget(req);
            }
            if let Some(msg) = msg {
                // The receiver is gone only when the app is quitting.
                let _ = tx.send(msg).await;
            }
        });
        if let Some(req) = read {
            reads.insert(req, task.abort_handle());
        }
    }

    /// Stops the read `req`, its retries included; nothing answers it. A
    /// write, or a read that has ended, is left alone.
    fn cancel(&self, req: RequestId) {
        let handle = self
            .reads
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&req);
        if let Some(handle) = handle {
            handle.abort();
            tracing::info!(req = req.0, "read cancelled");
        }
    }

    fn forget(&self, req: RequestId) {
        self.reads
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&req);
    }

    /// How many cancellable reads are under way (the tests' look inside).
    #[cfg(test)]
    pub fn reads_under_way(&self) -> usize {
        self.reads
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Runs `effect` to its end; returns the message it answers with.
    pub async fn run(&self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::LoadClient { req, id } => Some(Msg::ClientLoaded {
                req,
                result: self.client.client(&id).await,
            }),
            Effect::LoadDict { req, key } => {
                let result = lists::load(&self.client, &key).await;
                Some(Msg::DictPrepared { req, key, result })
            }
            effect @ Effect::PrepareDict { .. } => lists::prepare(effect).await,
            Effect::Write { req, op } => {
                // The drafts queued before it (its form's "sent" mark) are
                // on disk before the write goes out: a kill after it finds
                // the mark.
                if let Some(writer) = self.drafts.clone() {
                    let limit = std::time::Duration::from_secs(2);
                    let _ =
                        tokio::task::spawn_blocking(move || writer.finish(Vec::new(), limit)).await;
                }
                let client_id = op.client_edited().map(|id| id.as_str().to_owned());
                let result = writes::write(&self.client, *op).await;
                if let (Ok(_), Some(id), Some(sink)) = (&result, client_id, &self.presence) {
                    sink.saved(id);
                }
                Some(Msg::Written { req, result })
            }
            effect @ (Effect::SearchDirectory { .. }
            | Effect::SearchSimilar { .. }
            | Effect::RememberClient { .. }
            | Effect::ForgetClient { .. }
            | Effect::FindPhoneOwners { .. }) => self.on_directory(effect).await,
            effect @ (Effect::WriteDraft { .. } | Effect::RemoveDraft(_)) => {
                let writer = self.drafts.clone()?;
                let limit = std::time::Duration::from_secs(5);
                let _ =
                    tokio::task::spawn_blocking(move || writer.finish(vec![effect], limit)).await;
                None
            }
            Effect::FindCaller { call, number } => Some(self.find_caller(call, number).await),
            effect @ (Effect::LogCall(_)
            | Effect::FindMissed { .. }
            | Effect::FindClientMissed { .. }
            | Effect::LoadCallLog { .. }
            | Effect::RestoreCalls) => self.on_call_log(effect).await,
            Effect::Dial { number } => Some(Msg::Dialled(self.dialer.dial(&number).await)),
            Effect::Cancel(_) | Effect::Copy(_) | Effect::Watch(_) => None,
        }
    }

    /// Runs a directory effect in a blocking task; without a directory
    /// the answer is empty (a search finds nothing).
    async fn on_directory(&self, effect: Effect) -> Option<Msg> {
        let Some(handle) = self.directory.get().await else {
            return directory::answer(None, effect).ok().flatten();
        };
        // The directory's thread itself failing is "unavailable" too: the
        // one waiting for an answer is told, never left waiting.
        let unavailable = directory::unavailable(&effect);
        if let Effect::SearchDirectory { req, .. } = &effect {
            self.newest_search.fetch_max(req.0, Ordering::Relaxed);
        }
        let newest = Arc::clone(&self.newest_search);
        let answered = handle
            .run(move |d| {
                if let Effect::SearchSimilar { req, .. } = &effect
                    && newest.load(Ordering::Relaxed) > req.0
                {
                    return Ok(Some(Msg::SimilarFound {
                        req: *req,
                        hits: Vec::new(),
                    }));
                }
                Ok(directory::answer(Some(d), effect).ok().flatten())
            })
            .await;
        match answered {
            Ok(msg) => msg,
            Err(e) => {
                tracing::warn!(error = %e, "client directory");
                unavailable
            }
        }
    }

    /// Runs a call-log effect on the directory's connection in a blocking
    /// task; without a directory or a log the answers are empty.
    async fn on_call_log(&self, effect: Effect) -> Option<Msg> {
        let setup = self.call_log.clone().unwrap_or_else(|| {
            Arc::new(CallLogSetup {
                crm: String::new(),
                keep_days: 0,
            })
        });
        let now = jiff::Timestamp::now().as_second().max(0).unsigned_abs();
        let handle = match &self.call_log {
            Some(_) => self.directory.get().await,
            None => None,
        };
        let Some(handle) = handle else {
            return calllog::answer(None, &setup, effect, now).ok().flatten();
        };
        let answered = handle
            .run(move |d| Ok(calllog::answer(Some(d), &setup, effect, now).ok().flatten()))
            .await;
        match answered {
            Ok(msg) => msg,
            Err(e) => {
                tracing::warn!(error = %e, "call log");
                None
            }
        }
    }

    /// The directory's clients with `number`; when there is no directory
    /// or it cannot be read, [`Msg::CallerUnchecked`] (the banner says the
    /// directory is unavailable, not that the number is unknown; the log
    /// says why).
    async fn find_caller(&self, call: CallId, number: String) -> Msg {
        let entries = match self.directory.get().await {
            None => return Msg::CallerUnchecked { call },
            Some(directory) => match directory.run(move |d| d.clients_with_phone(&number)).await {
                Ok(entries) => entries,
                Err(e) => {
                    tracing::warn!(error = %e, "the directory could not say who is calling");
                    return Msg::CallerUnchecked { call };
                }
            },
        };
        let callers = entries
            .into_iter()
            .map(|e| Caller {
                id: e.id,
                name: PersonName {
                    lastname: e.lastname,
                    firstname: e.firstname,
                    middlename: e.middlename,
                },
            })
            .collect();
        Msg::CallerFound { call, callers }
    }
}
