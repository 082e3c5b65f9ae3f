//! Answers from the CRM and the directory, delivered to the screen or
//! popup that asked for them, and to nobody else.
//!
//! A screen or popup asks with its own [`OwnerId`]
//! (`ctx.request(self.owner)`, `ctx.write(self.owner, op)`); the answer
//! comes back here as an [`Answer`] and [`deliver`] looks its asker up in
//! the owners table. An answer whose asker is gone (the operator closed
//! that screen) is dropped; a write's card still reaches the directory.
//! The receiver's outcome comes back with where it was: a screen's index
//! in the stack (`update` carries out a covered screen's navigation by the
//! rule in `App::navigate`), or `None` for a popup's.

use super::calllog::LoggedCall;
use super::outcome::Outcome;
use super::popup::Popup;
use super::remember::remember;
use super::write::WriteAnswer;
use super::{Ctx, OwnerId, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::ClientCard;
use crate::directory::{DirEntry, Hit};

/// An outcome and the screen it came from (`None`: the top, or a popup).
pub(super) type Answered = Vec<(Option<usize>, Outcome)>;

/// An answer that belongs to whoever asked for it.
pub(super) enum Answer<'a> {
    /// [`super::Msg::ClientLoaded`].
    ClientLoaded(&'a Result<ClientCard, ApiError>),
    /// [`super::Msg::Written`].
    Written(&'a Result<WriteAnswer, ApiError>),
    /// [`super::Msg::DirectoryFound`].
    DirectoryFound {
        hits: Vec<Hit>,
        layout: Option<String>,
    },
    /// [`super::Msg::SimilarFound`].
    SimilarFound(Vec<Hit>),
    /// [`super::Msg::SearchUnavailable`].
    SearchUnavailable,
    /// [`super::Msg::PhoneOwners`] for a new client.
    PhoneOwners(Vec<DirEntry>),
    /// [`super::Msg::PhoneOwnersUnknown`] for a new client.
    PhoneOwnersUnknown,
    /// [`super::Msg::CallLogLoaded`].
    CallLogLoaded(Vec<LoggedCall>),
}

impl Screen {
    /// The id this screen asks with.
    pub(crate) fn owner(&self) -> OwnerId {
        match self {
            Screen::Lookup(s) => s.owner,
            Screen::Card(s) => s.owner,
            Screen::Form(s) => s.owner,
            Screen::Calls(s) => s.owner,
        }
    }
}

impl Popup {
    /// The id this popup asks with; none for a popup that asks nothing.
    pub(crate) fn owner(&self) -> Option<OwnerId> {
        match self {
            Popup::Picker(p) => Some(p.owner),
            Popup::Dialog(d) => Some(d.owner),
            Popup::Help { .. }
            | Popup::Message(_)
            | Popup::Confirm(_)
            | Popup::Drafts(_)
            | Popup::Waiting(_) => None,
        }
    }
}

/// Hands the answer to `req` to the popup or screen that asked for it;
/// returns its outcome (none when nobody waits for it any more).
pub(super) fn deliver(
    popups: &mut [Popup],
    screens: &mut [Screen],
    req: RequestId,
    answer: Answer<'_>,
    ctx: &mut Ctx,
) -> Answered {
    let Some(owner) = ctx.asker_of(req) else {
        tracing::debug!(req = req.0, "an answer nobody waits for was dropped");
        orphaned(answer, ctx);
        return Vec::new();
    };
    if let Some(at) = popups.iter().position(|p| p.owner() == Some(owner)) {
        return vec![(None, to_popup(popups, at, req, answer, ctx))];
    }
    if let Some(at) = screens.iter().position(|s| s.owner() == owner) {
        return vec![(Some(at), to_screen(&mut screens[at], req, answer, ctx))];
    }
    tracing::debug!(req = req.0, "an answer for a closed screen was dropped");
    orphaned(answer, ctx);
    Vec::new()
}

/// A popup's answer: a dialog's or a picker's write.
fn to_popup(
    popups: &mut [Popup],
    at: usize,
    req: RequestId,
    answer: Answer<'_>,
    ctx: &mut Ctx,
) -> Outcome {
    let Answer::Written(result) = answer else {
        tracing::debug!(req = req.0, "a popup got an answer it cannot take");
        return Outcome::Taken;
    };
    // A dialog's write to the list of the picker under it.
    if matches!(result, Ok(WriteAnswer::City(_) | WriteAnswer::Street(_)))
        && let [.., Popup::Picker(p), Popup::Dialog(_)] = &mut popups[..=at]
    {
        p.let_go(ctx.dicts);
    }
    match &mut popups[at] {
        Popup::Dialog(d) => d.written(req, result, ctx),
        Popup::Picker(p) => p.written(req, result, ctx),
        _ => Outcome::Taken,
    }
}

/// A screen's answer, to the handler of its kind.
fn to_screen(screen: &mut Screen, req: RequestId, answer: Answer<'_>, ctx: &mut Ctx) -> Outcome {
    match (screen, answer) {
        (Screen::Lookup(s), Answer::ClientLoaded(result)) => {
            return s.client_loaded(req, result, ctx);
        }
        (Screen::Lookup(s), Answer::DirectoryFound { hits, layout }) => {
            s.directory_found(req, hits, layout, ctx);
        }
        (Screen::Lookup(s), Answer::SimilarFound(hits)) => s.similar_found(req, hits),
        (Screen::Lookup(s), Answer::SearchUnavailable) => s.directory_unavailable(req, ctx),
        (Screen::Card(s), Answer::ClientLoaded(result)) => s.client_loaded(req, result, ctx),
        (Screen::Card(s), Answer::Written(result)) => return s.written(req, result, ctx),
        (Screen::Form(f), Answer::Written(result)) => return f.written(req, result, ctx),
        (Screen::Form(f), Answer::PhoneOwners(owners)) => return f.phone_owners(req, &owners, ctx),
        (Screen::Form(f), Answer::PhoneOwnersUnknown) => f.phone_owners_unknown(req, ctx),
        (Screen::Calls(s), Answer::CallLogLoaded(rows)) => s.loaded(req, rows),
        _ => tracing::debug!(req = req.0, "a screen got an answer it cannot take"),
    }
    Outcome::Taken
}

/// What the desk still does with an answer whose asker is gone: a card a
/// write answered with is kept in the directory (the CRM has it now).
fn orphaned(answer: Answer<'_>, ctx: &mut Ctx) {
    if let Answer::Written(Ok(WriteAnswer::Card(card))) = answer {
        remember(card, ctx);
    }
}

#[cfg(test)]
#[path = "route_tests.rs"]
mod tests;
