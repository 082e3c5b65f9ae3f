//! Answers from the CRM, routed to whoever waits for them.

use super::dialog::DialogOutcome;
use super::outcome::Outcome;
use super::popup::Popup;
use super::write::WriteAnswer;
use super::{Ctx, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::ClientCard;

/// Routes a loaded card to the lookup or card screen that asked for it.
pub(super) fn client_loaded(
    screens: &mut [Screen],
    req: RequestId,
    result: &Result<ClientCard, ApiError>,
    ctx: &mut Ctx,
) {
    let top = screens.len().saturating_sub(1);
    for (i, screen) in screens.iter_mut().enumerate() {
        match screen {
            Screen::Lookup(s) => s.client_loaded(req, result, ctx),
            Screen::Card(s) => s.client_loaded(req, result, ctx),
            Screen::Form(_) | Screen::Calls(_) => {}
        }
        only_from_top(i, top, ctx);
    }
}

/// Routes a write's answer to whoever is waiting for it.
pub(super) fn written(
    popups: &mut [Popup],
    screens: &mut [Screen],
    req: RequestId,
    result: &Result<WriteAnswer, ApiError>,
    ctx: &mut Ctx,
) -> Option<Outcome> {
    let mut outcome = None;
    // A dialog's write to the list of the picker under it.
    if matches!(result, Ok(WriteAnswer::City(_) | WriteAnswer::Street(_)))
        && let [.., Popup::Picker(p), Popup::Dialog(d)] = &mut *popups
        && d.saving == Some(req)
    {
        p.let_go(ctx.dicts);
    }
    for popup in popups.iter_mut() {
        match popup {
            Popup::Dialog(d) => match d.written(req, result, ctx) {
                DialogOutcome::Added(t, c) => outcome = Some(Outcome::Chosen(t, c)),
                DialogOutcome::Renamed(t, c) => outcome = Some(Outcome::Renamed(t, c)),
                DialogOutcome::Stay | DialogOutcome::Close => {}
            },
            Popup::Picker(p) => {
                if let Some(id) = p.written(req, result, ctx) {
                    outcome = Some(Outcome::Removed(p.target, id));
                }
            }
            _ => {}
        }
    }
    let top = screens.len().saturating_sub(1);
    for (i, screen) in screens.iter_mut().enumerate() {
        match screen {
            Screen::Form(f) => f.written(req, result, ctx),
            Screen::Card(c) => c.written(req, result, ctx),
            Screen::Lookup(_) | Screen::Calls(_) => {}
        }
        only_from_top(i, top, ctx);
    }
    outcome
}

/// An answer may move the operator only from the screen they are on: a
/// screen under others keeps its answer's state but does not navigate.
fn only_from_top(index: usize, top: usize, ctx: &mut Ctx) {
    if index != top && ctx.nav.take().is_some() {
        tracing::debug!(
            index,
            top,
            "an answer for a covered screen did not navigate"
        );
    }
}
