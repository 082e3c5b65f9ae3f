//! Answers from the CRM, routed to whoever waits for them. Each receiver's
//! outcome comes back with where it was: a screen's index in the stack
//! (`update` carries out a covered screen's navigation by the rule in
//! `App::navigate`), or `None` for a popup's.

use super::outcome::Outcome;
use super::popup::Popup;
use super::write::WriteAnswer;
use super::{Ctx, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::ClientCard;

/// An outcome and the screen it came from (`None`: the top, or a popup).
pub(super) type Answered = Vec<(Option<usize>, Outcome)>;

/// Routes a loaded card to the lookup or card screen that asked for it.
pub(super) fn client_loaded(
    screens: &mut [Screen],
    req: RequestId,
    result: &Result<ClientCard, ApiError>,
    ctx: &mut Ctx,
) -> Answered {
    let mut answered = Vec::new();
    for (i, screen) in screens.iter_mut().enumerate() {
        let outcome = match screen {
            Screen::Lookup(s) => s.client_loaded(req, result, ctx),
            Screen::Card(s) => {
                s.client_loaded(req, result, ctx);
                Outcome::Taken
            }
            Screen::Form(_) | Screen::Calls(_) => Outcome::Taken,
        };
        answered.push((Some(i), outcome));
    }
    answered
}

/// Routes a write's answer to whoever is waiting for it.
pub(super) fn written(
    popups: &mut [Popup],
    screens: &mut [Screen],
    req: RequestId,
    result: &Result<WriteAnswer, ApiError>,
    ctx: &mut Ctx,
) -> Answered {
    let mut answered = Vec::new();
    // A dialog's write to the list of the picker under it.
    if matches!(result, Ok(WriteAnswer::City(_) | WriteAnswer::Street(_)))
        && let [.., Popup::Picker(p), Popup::Dialog(d)] = &mut *popups
        && d.saving == Some(req)
    {
        p.let_go(ctx.dicts);
    }
    for popup in popups.iter_mut() {
        let outcome = match popup {
            Popup::Dialog(d) => d.written(req, result, ctx),
            Popup::Picker(p) => p.written(req, result, ctx),
            _ => Outcome::Taken,
        };
        answered.push((None, outcome));
    }
    for (i, screen) in screens.iter_mut().enumerate() {
        let outcome = match screen {
            Screen::Form(f) => f.written(req, result, ctx),
            Screen::Card(c) => c.written(req, result, ctx),
            Screen::Lookup(_) | Screen::Calls(_) => Outcome::Taken,
        };
        answered.push((Some(i), outcome));
    }
    answered
}
