//! What `update` asks the executor to do, as data.

use super::calllog::LoggedCall;
use std::sync::Arc;

use super::choices::ChoiceList;
use super::dicts::DictData;
use super::draft::record::Draft;
use super::vocab::{CallId, Clip, DictKey};
use super::write::WriteOp;
use crate::api::model::{ClientCard, ContactType};
use crate::lang::Lang;

/// Identifies one request, so that an answer nobody waits for any more is
/// recognised and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// What the owners of a phone are looked up for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnersFor {
    /// A new client is about to be created: ask first if the phone is known.
    NewClient,
    /// A phone was just saved on the card of `client_id`: warn if another
    /// known client has it.
    Warn { client_id: String, phone: String },
}

/// A side effect for the executor.
#[derive(Debug, Clone)]
pub enum Effect {
    /// `GET Clients?Id=`; answered with [`super::Msg::ClientLoaded`].
    LoadClient { req: RequestId, id: String },
    /// Load a dictionary; answered with [`super::Msg::DictPrepared`].
    LoadDict { req: RequestId, key: DictKey },
    /// Prepare a long list for the pickers again after its data changed
    /// (`PreparedDict::prepare`, the contact types' names in `lang`), off
    /// the loop, and drop the lists prepared for data that has changed
    /// (`retired`) there too; answered with [`super::Msg::DictPrepared`].
    PrepareDict {
        req: RequestId,
        key: DictKey,
        data: Arc<DictData>,
        lang: Option<Lang>,
        retired: Vec<Arc<ChoiceList>>,
    },
    /// A write to the CRM; answered with [`super::Msg::Written`].
    Write { req: RequestId, op: Box<WriteOp> },
    /// Stop the read `req` (its retries too): nobody waits for it any more.
    /// Writes cannot be called back and are not stopped.
    Cancel(RequestId),
    /// Search the client directory; answered with
    /// [`super::Msg::DirectoryFound`]. When nothing matches `query`,
    /// `layout` (the query read in the other keyboard layout) is tried.
    SearchDirectory {
        req: RequestId,
        query: String,
        layout: Option<String>,
    },
    /// The clients whose name is one edit from `query` (a misheard
    /// surname), asked after the exact answer to the same text came, but
    /// for the clients `exclude` (its ids); answered with
    /// [`super::Msg::SimilarFound`].
    SearchSimilar {
        req: RequestId,
        query: String,
        exclude: Vec<String>,
    },
    /// Keep a card the desk has just seen in the directory (fire and
    /// forget: a failure is logged). `contact_types` tell phones from
    /// e-mails; `seen_at` is in unix seconds.
    RememberClient {
        card: Box<ClientCard>,
        contact_types: Vec<ContactType>,
        seen_at: i64,
    },
    /// Forget a client deleted in the CRM (fire and forget).
    ForgetClient { id: String },
    /// The clients of the directory having any of `phones`; answered with
    /// [`super::Msg::PhoneOwners`], which carries `purpose` back.
    FindPhoneOwners {
        req: RequestId,
        phones: Vec<String>,
        purpose: OwnersFor,
    },
    /// Who has the caller's number in the client directory; answered with
    /// [`super::Msg::CallerFound`].
    FindCaller { call: CallId, number: String },
    /// Keep a call's row in the call log, merged with what is kept (fire
    /// and forget: a failure is logged).
    LogCall(Box<LoggedCall>),
    /// When the caller's number (canonical) was last missed before
    /// `before` and not called back; answered with
    /// [`super::Msg::MissedFound`].
    FindMissed {
        call: CallId,
        canonical: String,
        before: u64,
    },
    /// When any of client `client`'s `phones` (canonical) last rang
    /// unanswered and was not called back; answered with
    /// [`super::Msg::ClientMissedFound`].
    FindClientMissed { client: String, phones: Vec<String> },
    /// The call log, newest first (the missed calls not yet called back
    /// only with `missed_only`); answered with
    /// [`super::Msg::CallLogLoaded`].
    LoadCallLog { req: RequestId, missed_only: bool },
    /// At start: the call log drops what is older than `[calls] keep_days`
    /// and gives back the calls still ringing; answered with
    /// [`super::Msg::CallsRestored`].
    RestoreCalls,
    /// Put a text into the clipboard through the terminal (OSC 52); run by
    /// the tui loop, which owns the terminal. No answer.
    Copy(Clip),
    /// Keep a form's state on disk under `key` (see [`super::draft`]).
    WriteDraft { key: String, draft: Box<Draft> },
    /// The form of the draft `key` was saved or discarded: remove the draft.
    RemoveDraft(String),
    /// Call `number` (a phone as stored, e.g. a contact's canonical
    /// `+79161234567`) from the operator's own phone: AMI `Originate` or
    /// the `[calls] dial_command`; answered with [`super::Msg::Dialled`].
    /// Never retried.
    Dial { number: String },
    /// This desk now has `Watching` open: said to the other desks through
    /// the shared directory, if there is one (see [`super::presence`]). No
    /// answer.
    Watch(crate::presence::Watching),
}
