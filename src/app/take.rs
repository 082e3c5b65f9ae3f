//! Taking a call, and following one from the log: back to the lookup
//! screen, then where the call leads (one client's card, the list of its
//! clients, a new client with the number, or an empty lookup for a hidden
//! number).

use super::calllog::LoggedCall;
use super::calls::CallQueue;
use super::form::{Field, FormScreen};
use super::outcome::{Nav, Outcome};
use super::vocab::{CallId, Caller, Choice, Confirm, FieldId, Notice};
use super::{Ctx, Effect, Screen};
use crate::api::model::ContactType;
use crate::calls::number::CallerNumber;
use crate::phone::Phone;

/// The take key (`which`: none) or the waiting list (`which`: the call
/// chosen): the call's card, its clients, or a new client with its number.
/// With a form holding unsaved changes the call waits.
pub(super) fn take(
    queue: &mut CallQueue,
    which: Option<CallId>,
    screens: &mut Vec<Screen>,
    unsaved: bool,
    ctx: &mut Ctx,
) -> Outcome {
    let index = match which {
        Some(id) => queue.calls.iter().position(|c| c.id == id),
        None => (!queue.calls.is_empty()).then_some(0),
    };
    let Some(index) = index else {
        return Outcome::Taken;
    };
    let call = &queue.calls[index];
    if unsaved {
        // The form is parked as a draft if the operator says so.
        ctx.ask(Confirm::ParkForm { call: call.id });
        return Outcome::Taken;
    }
    let Some(callers) = call.callers.clone() else {
        // Still looking: the operator presses again in a moment.
        return Outcome::Taken;
    };
    // A write under way must get its answer to the screen that sent it: the
    // call waits the moment it takes.
    if screens.iter().any(is_writing) {
        return Outcome::Taken;
    }
    let call = queue.calls.remove(index);
    let mut logged = LoggedCall {
        answered_at: Some(ctx.clock.unix_secs),
        answered_by: Some(queue.desk.clone()),
        ..call.logged()
    };
    if let [one] = callers.as_slice() {
        logged.card = Some(one.id.clone());
        queue.missed.taken(&one.id, call.missed_before);
    }
    ctx.effects.push(Effect::LogCall(Box::new(logged)));
    lead(
        &Lead {
            kind: &call.kind,
            phone: call.phone.as_ref(),
            callers: &callers,
        },
        screens,
        ctx,
    )
}

/// Enter on a call of the log: where the call leads, as taking it would;
/// with a form holding unsaved changes below, it says to leave it first.
pub(super) fn follow_logged(
    row: &LoggedCall,
    screens: &mut Vec<Screen>,
    unsaved: bool,
    ctx: &mut Ctx,
) -> Outcome {
    if unsaved || screens.iter().any(is_writing) {
        ctx.notify(Notice::FormOpenBelow);
        return Outcome::Taken;
    }
    let kind = row.number();
    let phone = kind
        .number()
        .and_then(|n| crate::phone::parse(n, ctx.city_code).ok());
    lead(
        &Lead {
            kind: &kind,
            phone: phone.as_ref(),
            callers: &row.callers,
        },
        screens,
        ctx,
    )
}

/// Where a call leads: the number, and who has it.
struct Lead<'a> {
    kind: &'a CallerNumber,
    phone: Option<&'a Phone>,
    callers: &'a [Caller],
}

/// Back to the lookup screen (nothing unsaved above it), then where the
/// call leads.
fn lead(lead: &Lead, screens: &mut Vec<Screen>, ctx: &mut Ctx) -> Outcome {
    screens.truncate(1);
    let Some(Screen::Lookup(lookup)) = screens.last_mut() else {
        return Outcome::Taken;
    };
    // A lookup under way is given up: its card must not open over the call's.
    if let Some((req, _)) = lookup.pending.take() {
        ctx.effects.push(Effect::Cancel(req));
    }
    let Some(number) = lead.kind.number() else {
        // Hidden or unrecognised: the operator asks and types it.
        lookup.error = None;
        lookup.field.clear();
        lookup.search(ctx);
        return Outcome::Taken;
    };
    match lead.callers {
        [one] => {
            let req = ctx.request(lookup.owner);
            lookup.error = None;
            lookup.pending = Some((req, one.id.clone()));
            ctx.effects.push(Effect::LoadClient {
                req,
                id: one.id.clone(),
            });
            Outcome::Taken
        }
        [] => {
            let mut form = FormScreen::new_client();
            if let Some(phone) = lead.phone {
                let kind = mobile_type(ctx.dicts.contact_types());
                form.contacts.push(vec![
                    Field::choice(FieldId::ContactType, kind),
                    Field::text(FieldId::ContactValue, phone.canonical()),
                ]);
            }
            form.preload(ctx);
            Outcome::Go(Nav::Push(Screen::Form(Box::new(form))))
        }
        _ => {
            let query = lead
                .phone
                .map_or_else(|| number.to_owned(), |p| p.canonical().to_owned());
            lookup.field.clear();
            lookup.paste(&query, ctx);
            Outcome::Taken
        }
    }
}

/// Whether `screen` waits for the answer to a write it sent.
pub(super) fn is_writing(screen: &Screen) -> bool {
    match screen {
        Screen::Card(card) => card.writing.is_some(),
        Screen::Form(form) => form.saving.is_some(),
        Screen::Lookup(_) | Screen::Calls(_) => false,
    }
}

/// The contact type for a caller's number: a phone type named mobile, else
/// the first phone type (none while the types are not loaded).
fn mobile_type(types: &[ContactType]) -> Option<Choice> {
    ContactType::for_a_mobile(types).map(|t| Choice {
        id: t.id.clone(),
        name: t.name.clone(),
        extra: String::new(),
    })
}
