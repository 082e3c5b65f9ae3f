//! What `update` asks the executor to do, as data.

use super::calls::CallId;
use super::dicts::DictKey;
use super::write::WriteOp;
use crate::recent::RecentList;

/// Identifies one request, so that an answer nobody waits for any more is
/// recognised and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// A side effect for the executor.
#[derive(Debug, Clone)]
pub enum Effect {
    /// `GET Clients?Id=`; answered with [`super::Msg::ClientLoaded`].
    LoadClient { req: RequestId, id: String },
    /// Load a dictionary; answered with [`super::Msg::DictLoaded`].
    LoadDict { req: RequestId, key: DictKey },
    /// A write to the CRM; answered with [`super::Msg::Written`].
    Write { req: RequestId, op: Box<WriteOp> },
    /// Stop the read `req` (its retries too): nobody waits for it any more.
    /// Writes cannot be called back and are not stopped.
    Cancel(RequestId),
    /// Write the recent-clients list to disk.
    SaveRecent(RecentList),
    /// Who has the caller's number in the client directory; answered with
    /// [`super::Msg::CallerFound`].
    FindCaller { call: CallId, number: String },
}
