//! Runs effects on tokio and sends their results back as messages.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use crate::api::ApiError;
use crate::api::Client;
use crate::api::model;
use crate::app::vocab::Caller;
use crate::app::vocab::{CallId, DictKey, PersonName};
use crate::app::write::{WriteAnswer, WriteOp};
use crate::app::{DictData, Effect, Msg, PreparedDict, RequestId};
use crate::calls::dial::Dialer;
use crate::directory::{DirectoryHandle, DirectorySlot};
use crate::drafts::DraftWriter;
use crate::presence::PresenceSink;

pub mod calllog;
pub mod directory;

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
                let result = match self.load_dict(&key).await {
                    Ok(list) => {
                        let key = key.clone();
                        Ok(blocking(move || PreparedDict::new(&key, list.into_data())).await)
                    }
                    Err(error) => Err(error),
                };
                Some(Msg::DictPrepared { req, key, result })
            }
            effect @ Effect::PrepareDict { .. } => {
                blocking(move || PreparedDict::answer(effect)).await
            }
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
                let result = self.write(*op).await;
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

    async fn write(&self, op: WriteOp) -> Result<WriteAnswer, ApiError> {
        use WriteAnswer::{Card, City, Deleted, Street};
        let c = &self.client;
        Ok(match op {
            WriteOp::CreateClient(new) => Card(c.create_client(&new).await?),
            WriteOp::UpdateClient { client_id, main } => {
                Card(c.update_client(client_id.as_str(), &main).await?)
            }
            WriteOp::DeleteClient { client_id } => {
                Deleted(c.delete_client(client_id.as_str()).await?.id)
            }
            WriteOp::AddContact { client_id, contact } => {
                Card(c.add_contact(client_id.as_str(), &contact).await?)
            }
            WriteOp::UpdateContact {
                client_id,
                contact_id,
                value,
            } => Card(
                c.update_contact(client_id.as_str(), contact_id.as_str(), &value)
                    .await?,
            ),
            WriteOp::DeleteContact {
                client_id,
                contact_id,
            } => Card(
                c.delete_contact(client_id.as_str(), contact_id.as_str())
                    .await?,
            ),
            WriteOp::AddAddress { client_id, address } => {
                Card(c.add_address(client_id.as_str(), &address).await?)
            }
            WriteOp::UpdateAddress {
                client_id,
                address_id,
                changes,
            } => Card(
                c.update_address(client_id.as_str(), address_id.as_str(), &changes)
                    .await?,
            ),
            WriteOp::DeleteAddress {
                client_id,
                address_id,
            } => Card(
                c.delete_address(client_id.as_str(), address_id.as_str())
                    .await?,
            ),
            WriteOp::CreateCity { country_id, name } => {
                City(c.create_city(&country_id, &name).await?)
            }
            WriteOp::RenameCity { city_id, name } => City(c.rename_city(&city_id, &name).await?),
            WriteOp::DeleteCity { city_id } => Deleted(c.delete_city(&city_id).await?.id),
            WriteOp::CreateStreet {
                city_id,
                name,
                post_code,
            } => Street(c.create_street(&city_id, &name, &post_code).await?),
            WriteOp::UpdateStreet {
                street_id,
                name,
                post_code,
            } => Street(c.update_street(&street_id, &name, &post_code).await?),
            WriteOp::DeleteStreet { street_id } => Deleted(c.delete_street(&street_id).await?.id),
        })
    }

    async fn load_dict(&self, key: &DictKey) -> Result<Decoded, ApiError> {
        let c = &self.client;
        Ok(match key {
            DictKey::ContactTypes => Decoded::ContactTypes(c.contact_types().await?),
            DictKey::AddressTypes => Decoded::Entries(c.address_types().await?),
            DictKey::Countries => Decoded::Entries(c.countries().await?),
            DictKey::Cities { country_id } => Decoded::Entries(c.cities(country_id).await?),
            DictKey::Streets { city_id } => Decoded::Streets(c.streets(city_id).await?),
            DictKey::Metro { city_id } => Decoded::Entries(c.metro_stations(city_id).await?),
        })
    }
}

/// A list as decoded, made a [`DictData`] (sorted: a while for 100,000
/// streets) on a blocking thread.
enum Decoded {
    ContactTypes(Vec<model::ContactType>),
    Entries(Vec<model::DictEntry>),
    Streets(Vec<model::Street>),
}

impl Decoded {
    fn into_data(self) -> DictData {
        match self {
            Self::ContactTypes(types) => DictData::ContactTypes(types),
            Self::Entries(entries) => DictData::entries(entries),
            Self::Streets(streets) => DictData::streets(streets),
        }
    }
}

/// Runs `work` on a blocking thread (preparing 100,000 streets for the
/// pickers takes a while), off the UI loop and the runtime's worker.
/// A panic there is this task's panic, as if it had done the work itself.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(done) => done,
        Err(error) => std::panic::resume_unwind(
            error
                .try_into_panic()
                .unwrap_or_else(|_| Box::new("the blocking thread was cancelled")),
        ),
    }
}

#[cfg(all(test, feature = "sandbox"))]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::api::{ClientOptions, Sid};
    use crate::sandbox::{Fault, Sandbox, SandboxConfig};

    const SAMPLE: &str = "10000000009188";

    async fn sandbox() -> Sandbox {
        crate::sandbox::start(
            SandboxConfig {
                cache_ttl: Duration::ZERO,
                ..SandboxConfig::default()
            },
            "127.0.0.1:0".parse().expect("addr"),
        )
        .await
        .expect("sandbox starts")
    }

    fn executor(sandbox: &Sandbox, request_timeout: Duration, backoff: Duration) -> Executor {
        let defaults = SandboxConfig::default();
        let mut options = ClientOptions::new(
            sandbox.base_url(),
            defaults.object_id,
            Sid::new(defaults.sid),
        );
        options.request_timeout = request_timeout;
        options.retry_backoff = backoff;
        options.get_retries = 2;
        Executor::new(Client::new(options).expect("client"), None)
    }

    fn gets(sandbox: &Sandbox) -> usize {
        sandbox
            .requests()
            .iter()
            .filter(|r| r.method == "GET")
            .count()
    }

    #[tokio::test]
    async fn a_cancelled_open_stops_its_retries() {
        let sandbox = sandbox().await;
        // Every try fails at once, as a 500: retried after 150 and 300 ms.
        for _ in 0..3 {
            sandbox.push_fault(Fault::Http500);
        }
        let executor = executor(
            &sandbox,
            Duration::from_secs(10),
            Duration::from_millis(150),
        );
        let (tx, mut rx) = mpsc::channel(8);
        let req = RequestId(7);
        executor.spawn(
            Effect::LoadClient {
                req,
                id: SAMPLE.to_owned(),
            },
            &tx,
        );
        assert_eq!(executor.reads_under_way(), 1);
        while gets(&sandbox) == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        executor.spawn(Effect::Cancel(req), &tx);
        assert_eq!(executor.reads_under_way(), 0);
        // The read's task holds the other sender: the channel closes once the
        // task is gone, and a task that went on retrying would answer first.
        drop(tx);
        assert!(
            rx.recv().await.is_none(),
            "a cancelled open answers nothing"
        );
        assert_eq!(gets(&sandbox), 1, "{:?}", sandbox.requests());
        sandbox.shutdown().await;
    }

    /// A similar search asked for before the newest exact search is
    /// answered empty without running; one as new as it runs.
    #[tokio::test]
    async fn a_similar_search_older_than_the_newest_exact_search_is_skipped() {
        let sandbox = sandbox().await;
        let mut directory = crate::directory::Directory::in_memory().expect("a directory");
        for client in crate::demo::built_in_clients().expect("the built-in seed") {
            directory.upsert(&client).expect("kept");
        }
        let client = executor(&sandbox, Duration::from_secs(5), Duration::from_millis(10)).client;
        let executor = Executor::new(client, Some(DirectoryHandle::new(directory)));
        let (tx, mut rx) = mpsc::channel(8);
        let similar = |req| Effect::SearchSimilar {
            req: RequestId(req),
            query: "безнагов".to_owned(),
            exclude: Vec::new(),
        };
        executor.spawn(similar(1), &tx);
        let Some(Msg::SimilarFound { hits, .. }) = rx.recv().await else {
            panic!("a similar answer");
        };
        assert!(!hits.is_empty(), "nothing newer was asked: it runs");
        executor.spawn(
            Effect::SearchDirectory {
                req: RequestId(5),
                query: "безнагов".to_owned(),
                layout: None,
            },
            &tx,
        );
        assert!(matches!(
            rx.recv().await,
            Some(Msg::DirectoryFound { .. } | Msg::SearchUnavailable { .. })
        ));
        executor.spawn(similar(4), &tx);
        let Some(Msg::SimilarFound { req, hits }) = rx.recv().await else {
            panic!("a similar answer");
        };
        assert_eq!(
            (req, hits.len()),
            (RequestId(4), 0),
            "older than 5: skipped"
        );
        executor.spawn(similar(5), &tx);
        let Some(Msg::SimilarFound { hits, .. }) = rx.recv().await else {
            panic!("a similar answer");
        };
        assert!(!hits.is_empty(), "as new as the exact search: it runs");
        sandbox.shutdown().await;
    }

    #[tokio::test]
    async fn an_open_that_is_not_cancelled_is_retried_and_answers() {
        let sandbox = sandbox().await;
        sandbox.push_fault(Fault::Http500);
        let executor = executor(&sandbox, Duration::from_secs(10), Duration::from_millis(10));
        let (tx, mut rx) = mpsc::channel(8);
        let req = RequestId(8);
        executor.spawn(
            Effect::LoadClient {
                req,
                id: SAMPLE.to_owned(),
            },
            &tx,
        );
        let msg = rx.recv().await.expect("an answer");
        assert!(
            matches!(&msg, Msg::ClientLoaded { req: r, result: Ok(_) } if *r == req),
            "{msg:?}"
        );
        assert_eq!(gets(&sandbox), 2);
        assert_eq!(executor.reads_under_way(), 0, "an ended read is forgotten");
        // Cancelling it now does nothing.
        executor.spawn(Effect::Cancel(req), &tx);
        sandbox.shutdown().await;
    }

    #[tokio::test]
    async fn an_open_gives_up_within_the_request_timeout_retries_included() {
        let sandbox = sandbox().await;
        // A hung server: every answer comes long after the timeout.
        for _ in 0..3 {
            sandbox.push_fault(Fault::Delay(Duration::from_secs(5)));
        }
        let executor = executor(&sandbox, Duration::from_secs(1), Duration::from_millis(10));
        let msg = executor
            .run(Effect::LoadClient {
                req: RequestId(9),
                id: SAMPLE.to_owned(),
            })
            .await
            .expect("an answer");
        let Msg::ClientLoaded {
            result: Err(error), ..
        } = msg
        else {
            panic!("not a failed load: {msg:?}");
        };
        assert_eq!(
            error,
            ApiError::Timeout {
                seconds: 1,
                write: false
            }
        );
        // The whole second went to the first try: no retry was sent after
        // the time was up (before: two more, three seconds in all, each
        // logged by the sandbox on arrival, long before its own timeout and
        // so before `run` returned).
        assert_eq!(gets(&sandbox), 1, "{:?}", sandbox.requests());
        let text = crate::i18n::describe_error(&error, crate::i18n::Lang::En);
        assert!(!text.advice.contains("saved"), "{text:?}");
        sandbox.shutdown().await;
    }
}
