//! Incoming calls: the queue the banner shows, who is calling, and taking
//! the newest call.
//!
//! A call never interrupts: it waits in the queue (newest first) until the
//! operator takes it ([`take`]), its call ends ([`CallEvent::Ended`]), or
//! [`BANNER_LIFETIME`] has passed on the clock the ticks bring.

use std::time::Duration;

use super::form::{Choice, Field, FieldId, FormScreen};
use super::popup::{Notice, PersonName};
use super::{Ctx, Effect, Nav, Screen};
use crate::api::model::ContactType;
use crate::calls::number::CallerNumber;
use crate::calls::{CallEvent, LinkState};
use crate::phone::{self, Phone};

/// How long a call stays on the banner when nothing says it ended.
pub const BANNER_LIFETIME: Duration = Duration::from_secs(180);
/// How many calls wait at most; the oldest goes first.
pub const MAX_WAITING: usize = 20;

/// The app's own id of a call (the PBX's may be missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CallId(pub u64);

/// A client of the directory with the caller's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub id: String,
    pub name: PersonName,
}

/// A call waiting on the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingCall {
    pub id: CallId,
    /// The number as received (control characters already removed).
    pub number: String,
    /// The number read, when it is one.
    pub phone: Option<Phone>,
    /// Who told: "ami", "microsip", "cli"…
    pub source: String,
    /// The PBX's id, which a later `Ended` names.
    pub pbx_id: Option<String>,
    /// When it rang, on the app's monotonic clock.
    pub rang_at: Duration,
    /// The directory's clients with this number; `None` while looking.
    pub callers: Option<Vec<Caller>>,
}

impl IncomingCall {
    /// How long ago it rang, at `now`.
    pub fn age(&self, now: Duration) -> Duration {
        now.saturating_sub(self.rang_at)
    }
}

/// The calls waiting, and the state of the AMI link.
#[derive(Debug, Clone, Default)]
pub struct CallQueue {
    /// Newest first.
    pub calls: Vec<IncomingCall>,
    /// `None` until the AMI client reports (none without `[calls.ami]`).
    pub link: Option<LinkState>,
    next: u64,
}

impl CallQueue {
    /// The call the banner shows and the take key takes.
    pub fn newest(&self) -> Option<&IncomingCall> {
        self.calls.first()
    }

    /// Applies an event from the phone side.
    pub fn event(&mut self, event: CallEvent, ctx: &mut Ctx) {
        match event {
            CallEvent::Ringing {
                number,
                source,
                call_id,
            } => self.ringing(number, source, call_id, ctx),
            // Recorded by the call log (not yet): the queue keeps the call
            // until it is taken or ends.
            CallEvent::Answered { .. } => {}
            CallEvent::Ended { call_id } => {
                self.calls
                    .retain(|c| c.pbx_id.as_deref() != Some(call_id.as_str()));
            }
            CallEvent::Link(state) => self.link = Some(state),
        }
    }

    fn ringing(&mut self, number: String, source: String, pbx_id: Option<String>, ctx: &mut Ctx) {
        // The PBX can report one call twice (several legs).
        if pbx_id.is_some() && self.calls.iter().any(|c| c.pbx_id == pbx_id) {
            return;
        }
        self.next += 1;
        let id = CallId(self.next);
        let number = number.trim().to_owned();
        // One classifier for the socket and AMI: only a number is read and
        // looked up; a hidden or unrecognised one has nobody to look for.
        let (phone, callers) = match CallerNumber::classify(&number) {
            CallerNumber::Number(digits) => {
                ctx.effects.push(Effect::FindCaller {
                    call: id,
                    number: digits.clone(),
                });
                (phone::parse(&digits, None).ok(), None)
            }
            CallerNumber::Hidden | CallerNumber::Unrecognised => (None, Some(Vec::new())),
        };
        self.calls.insert(
            0,
            IncomingCall {
                id,
                number,
                phone,
                source,
                pbx_id,
                rang_at: ctx.clock.since_start,
                callers,
            },
        );
        self.calls.truncate(MAX_WAITING);
    }

    /// The directory's answer for `call`.
    pub fn caller_found(&mut self, call: CallId, callers: Vec<Caller>) {
        if let Some(c) = self.calls.iter_mut().find(|c| c.id == call) {
            c.callers = Some(callers);
        }
    }

    /// Time passed: calls older than [`BANNER_LIFETIME`] go.
    pub fn expire(&mut self, now: Duration) {
        self.calls.retain(|c| c.age(now) < BANNER_LIFETIME);
    }
}

/// The take key: the newest call's card, its clients, or a new client with
/// its number. With a form holding unsaved changes the call waits.
pub fn take(queue: &mut CallQueue, screens: &mut Vec<Screen>, unsaved: bool, ctx: &mut Ctx) {
    let Some(call) = queue.newest() else {
        return;
    };
    if unsaved {
        ctx.notify(Notice::CallWaitsForForm);
        return;
    }
    let Some(callers) = call.callers.clone() else {
        // Still looking: the operator presses again in a moment.
        return;
    };
    // A write under way must get its answer to the screen that sent it: the
    // call waits the moment it takes.
    if screens.iter().any(is_writing) {
        return;
    }
    let call = queue.calls.remove(0);
    // Nothing unsaved: back to the lookup screen, then where the call leads.
    screens.truncate(1);
    let Some(Screen::Lookup(lookup)) = screens.last_mut() else {
        return;
    };
    // A lookup under way is given up: its card must not open over the call's.
    if let Some((req, _)) = lookup.pending.take() {
        ctx.effects.push(Effect::Cancel(req));
    }
    match callers.as_slice() {
        [one] => {
            let req = ctx.request();
            lookup.error = None;
            lookup.pending = Some((req, one.id.clone()));
            ctx.effects.push(Effect::LoadClient {
                req,
                id: one.id.clone(),
            });
        }
        [] => {
            let mut form = FormScreen::new_client();
            if let Some(phone) = &call.phone {
                let kind = mobile_type(ctx.dicts.contact_types());
                form.contacts.push(vec![
                    Field::choice(FieldId::ContactType, kind),
                    Field::text(FieldId::ContactValue, phone.canonical()),
                ]);
            }
            form.preload(ctx);
            ctx.nav = Some(Nav::Push(Screen::Form(Box::new(form))));
        }
        _ => {
            let query = call
                .phone
                .as_ref()
                .map_or_else(|| call.number.clone(), |p| p.canonical().to_owned());
            lookup.field.clear();
            lookup.paste(&query, ctx);
        }
    }
}

fn is_writing(screen: &Screen) -> bool {
    match screen {
        Screen::Card(card) => card.writing.is_some(),
        Screen::Form(form) => form.saving.is_some(),
        Screen::Lookup(_) => false,
    }
}

/// The contact type for a caller's number: a phone type named mobile, else
/// the first phone type (none while the types are not loaded).
fn mobile_type(types: &[ContactType]) -> Option<Choice> {
    let phones = || types.iter().filter(|t| t.is_phone);
    let mobile = |t: &&ContactType| {
        let name = t.name.to_lowercase();
        name.contains("моб") || name.contains("mobile") || name.contains("сотов")
    };
    phones()
        .find(mobile)
        .or_else(|| phones().next())
        .map(|t| Choice {
            id: t.id.clone(),
            name: t.name.clone(),
            extra: String::new(),
        })
}
