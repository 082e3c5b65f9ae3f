//! Everything that can happen to the app: terminal input and request results.

use ratatui::crossterm::event::KeyEvent;

use super::calllog::LoggedCall;
use super::clock::Clock;
use super::dicts::{DictData, PreparedDict};
use super::effect::{OwnersFor, RequestId};
use super::vocab::Caller;
use super::vocab::{CallId, DictKey, Notice};
use super::write::WriteAnswer;
use crate::api::ApiError;
use crate::api::model::ClientCard;
use crate::calls::CallEvent;
use crate::calls::dial::DialFailure;
use crate::directory::{DirEntry, Hit};

/// One message for [`super::App::update`].
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal was resized; the next draw uses the new size.
    Resize,
    /// Time passes: the clock moves on and spinners turn.
    Tick(Clock),
    /// Nothing else is waiting and the app has unfinished work
    /// ([`super::App::has_work`]): one more slice of it.
    Continue,
    /// The answer to [`super::Effect::LoadClient`].
    ClientLoaded {
        req: RequestId,
        result: Result<ClientCard, ApiError>,
    },
    /// The answer to [`super::Effect::LoadDict`].
    DictLoaded {
        req: RequestId,
        key: DictKey,
        result: Result<DictData, ApiError>,
    },
    /// The same answer with the pickers' view of the list prepared off the
    /// loop (what the executor sends); also the answer to
    /// [`super::Effect::PrepareDict`].
    DictPrepared {
        req: RequestId,
        key: DictKey,
        result: Result<PreparedDict, ApiError>,
    },
    /// The answer to [`super::Effect::Write`].
    Written {
        req: RequestId,
        result: Result<WriteAnswer, ApiError>,
    },
    /// The terminal's input ended (the terminal went away): the loop stops,
    /// keeping unsaved input as a draft.
    InputLost,
    /// Writing a local file failed.
    LocalSaveFailed(String),
    /// The answer to [`super::Effect::SearchDirectory`]: the hits, best
    /// first, and the other-layout reading they were found by, if it was.
    DirectoryFound {
        req: RequestId,
        hits: Vec<Hit>,
        layout: Option<String>,
    },
    /// The answer to [`super::Effect::SearchSimilar`] (none when the
    /// directory could not answer).
    SimilarFound {
        req: RequestId,
        hits: Vec<Hit>,
    },
    /// The answer to [`super::Effect::FindPhoneOwners`].
    PhoneOwners {
        req: RequestId,
        owners: Vec<DirEntry>,
        purpose: OwnersFor,
    },
    /// The shared directory's link changed: `true` when it is usable.
    SharedDirectory(SharedLink),
    /// What the other desks are doing with the client on the screen (see
    /// [`super::presence`]); none: nothing known.
    Presence(Option<crate::presence::Presence>),
    /// Notices from what crmcard starts after the first frame (the client
    /// directory could not be opened, the old recent file is unreadable).
    StartNotices(Vec<Notice>),
    /// The phone side: a call rings or ends, the AMI link changes.
    Call(CallEvent),
    /// The answer to [`super::Effect::Dial`]: the PBX or the softphone took
    /// the call, or why not.
    Dialled(Result<(), DialFailure>),
    /// The answer to [`super::Effect::FindCaller`]: the directory's clients
    /// with the caller's number (none when unknown or unreadable).
    CallerFound {
        call: CallId,
        callers: Vec<Caller>,
    },
    /// The client directory could not answer [`super::Effect::SearchDirectory`]
    /// (not open, or unreadable): "cannot check", never "nobody".
    SearchUnavailable {
        req: RequestId,
    },
    /// The client directory could not answer [`super::Effect::FindPhoneOwners`]:
    /// whether the phones are known is not known.
    PhoneOwnersUnknown {
        req: RequestId,
        purpose: OwnersFor,
    },
    /// The client directory could not say who is calling.
    CallerUnchecked {
        call: CallId,
    },
    /// [`super::Effect::RememberClient`] failed (`reason`: the system's
    /// words): the card is held and tried again.
    DirectoryWriteFailed {
        unkept: Box<super::dir_writes::Unkept>,
        reason: String,
    },
    /// [`super::Effect::RememberClient`] of client `id` (as of `seen_at`)
    /// was kept.
    ClientKept {
        id: String,
        seen_at: i64,
    },
    /// The answer to [`super::Effect::FindMissed`]: when the number was
    /// last missed, if it is still to be called back.
    MissedFound {
        call: CallId,
        at: Option<u64>,
    },
    /// The answer to [`super::Effect::FindClientMissed`].
    ClientMissedFound {
        client: String,
        at: Option<u64>,
    },
    /// The answer to [`super::Effect::LoadCallLog`].
    CallLogLoaded {
        req: RequestId,
        calls: Vec<LoggedCall>,
    },
    /// The answer to [`super::Effect::RestoreCalls`]: the calls of an
    /// earlier run still ringing, oldest first, and the time (seconds since
    /// 1970) the log was read.
    CallsRestored {
        calls: Vec<LoggedCall>,
        now_unix: u64,
    },
}

/// The shared directory's link, as the header shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedLink {
    /// Connected: nothing is shown.
    Online,
    /// The database cannot be used now: the desk works from its replica
    /// and queues its changes; the header says so quietly.
    Offline,
}
