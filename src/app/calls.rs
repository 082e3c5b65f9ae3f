//! Incoming calls: the queue the banner shows (oldest first), who is
//! calling, taking a call, and the call log's rows they make.
//!
//! A call never interrupts: it waits in the queue until the operator takes
//! it ([`super::take::take`]), its call ends ([`CallEvent::Ended`]: logged as missed), or
//! [`BANNER_LIFETIME`] has passed on the clock the ticks bring (logged as
//! missed too). Every change of a call is handed to the log as
//! [`Effect::LogCall`].

use std::time::Duration;

use super::calllog::LoggedCall;
use super::vocab::{CallId, Caller};
use super::{Ctx, Effect};
use crate::calls::number::CallerNumber;
use crate::calls::{CallEvent, LinkState};
use crate::phone::{self, Phone};

/// How long a call stays on the banner when nothing says it ended.
pub const BANNER_LIFETIME: Duration = Duration::from_secs(180);
/// How many calls wait at most; beyond that the newest is not queued.
pub const MAX_WAITING: usize = 20;

/// A call waiting on the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingCall {
    pub id: CallId,
    /// The call log's key of the call ([`LoggedCall::key`]).
    pub key: String,
    /// The number as received (control characters already removed).
    pub number: String,
    /// What the number is: a number, hidden, unrecognised.
    pub kind: CallerNumber,
    /// The number read, when it is one.
    pub phone: Option<Phone>,
    /// Who told: "ami", "microsip", "cli"…
    pub source: String,
    /// The PBX's id, which a later `Ended` names.
    pub pbx_id: Option<String>,
    /// When it rang, on the app's monotonic clock.
    pub rang_at: Duration,
    /// When it rang, in seconds since 1970 (for the log).
    pub rang_unix: u64,
    /// The directory's clients with this number; `None` while looking.
    pub callers: Option<Vec<Caller>>,
    /// When this number's last call was missed, unless it was called back
    /// since (seconds since 1970).
    pub missed_before: Option<u64>,
    /// When the operator's phone answered it, and this desk's name (the
    /// PBX or `crmcard call --answered` said so).
    pub answered: Option<(u64, String)>,
}

impl IncomingCall {
    /// How long ago it rang, at `now`.
    pub fn age(&self, now: Duration) -> Duration {
        now.saturating_sub(self.rang_at)
    }

    /// The call's row of the log, as it is now.
    pub fn logged(&self) -> LoggedCall {
        LoggedCall {
            key: self.key.clone(),
            rang_at: self.rang_unix,
            received: self.number.clone(),
            canonical: self.phone.as_ref().map(|p| p.canonical().to_owned()),
            source: self.source.clone(),
            callers: self.callers.clone().unwrap_or_default(),
            answered_at: self.answered.as_ref().map(|(at, _)| *at),
            answered_by: self.answered.as_ref().map(|(_, by)| by.clone()),
            ..LoggedCall::default()
        }
    }
}

/// The calls waiting, and the state of the AMI link.
#[derive(Debug, Clone, Default)]
pub struct CallQueue {
    /// Oldest first: the caller who has waited longest is at the front.
    pub calls: Vec<IncomingCall>,
    /// `None` until the AMI client reports (none without `[calls.ami]`).
    pub link: Option<LinkState>,
    /// This desk's name, as the log says who answered.
    pub desk: String,
    /// When this run started (seconds since 1970): the log's keys of calls
    /// without a PBX id are made of it and the desk's name.
    pub run: u64,
    /// The missed-call marks of the cards loaded.
    pub missed: super::missed::MissedMarks,
    next: u64,
    /// Calls the directory could not be asked about.
    unchecked: Vec<CallId>,
}

impl CallQueue {
    /// The call the banner shows and the take key takes: the oldest.
    pub fn front(&self) -> Option<&IncomingCall> {
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
            // The operator's phone answered: logged as answered at this
            // desk; the banner keeps the call until it is taken (its card)
            // or ends.
            CallEvent::Answered { call_id } => {
                let (now, desk) = (ctx.clock.unix_secs, self.desk.clone());
                for c in &mut self.calls {
                    if c.pbx_id.as_deref() == Some(call_id.as_str()) && c.answered.is_none() {
                        c.answered = Some((now, desk.clone()));
                        ctx.effects.push(Effect::LogCall(Box::new(c.logged())));
                    }
                }
            }
            CallEvent::Ended { call_id } => {
                let now = ctx.clock.unix_secs;
                self.calls.retain(|c| {
                    if c.pbx_id.as_deref() != Some(call_id.as_str()) {
                        return true;
                    }
                    ctx.effects.push(Effect::LogCall(Box::new(LoggedCall {
                        ended_at: Some(now),
                        ..c.logged()
                    })));
                    false
                });
            }
            CallEvent::Link(state) => self.link = Some(state),
            // The desk's status, not the queue's: see `App::update`.
            CallEvent::Listening => {}
        }
    }

    fn ringing(&mut self, number: String, source: String, pbx_id: Option<String>, ctx: &mut Ctx) {
        // The PBX can report one call twice (several legs).
        if pbx_id.is_some() && self.calls.iter().any(|c| c.pbx_id == pbx_id) {
            return;
        }
        if self.calls.len() >= MAX_WAITING {
            return;
        }
        self.next += 1;
        let id = CallId(self.next);
        let key = match &pbx_id {
            Some(pbx) => format!("pbx:{pbx}"),
            // The desk's name too: the shared directory keeps every desk's
            // log in one table.
            None => format!("run:{}:{}-{}", self.desk, self.run, self.next),
        };
        let number = crate::text::sanitize(number.trim());
        let call = IncomingCall {
            id,
            key,
            kind: CallerNumber::classify(&number),
            phone: None,
            number,
            source,
            pbx_id,
            rang_at: ctx.clock.since_start,
            rang_unix: ctx.clock.unix_secs,
            callers: None,
            missed_before: None,
            answered: None,
        };
        self.queue(call, ctx);
    }

    /// Puts `call` in the queue (in the order of ringing), asks who it is
    /// and whether the number was missed before, and logs it.
    fn queue(&mut self, mut call: IncomingCall, ctx: &mut Ctx) {
        call.phone = call
            .kind
            .number()
            .and_then(|n| phone::parse(n, ctx.city_code).ok());
        match call.kind.number() {
            Some(number) => {
                ctx.effects.push(Effect::FindCaller {
                    call: call.id,
                    number: number.to_owned(),
                });
                if let Some(phone) = &call.phone {
                    ctx.effects.push(Effect::FindMissed {
                        call: call.id,
                        canonical: phone.canonical().to_owned(),
                        before: call.rang_unix,
                    });
                }
            }
            // Hidden or unrecognised: nobody to look for.
            None => call.callers = Some(Vec::new()),
        }
        ctx.effects.push(Effect::LogCall(Box::new(call.logged())));
        let at = self
            .calls
            .iter()
            .position(|c| c.rang_unix > call.rang_unix)
            .unwrap_or(self.calls.len());
        self.calls.insert(at, call);
    }

    /// The calls of an earlier run still ringing (not ended, not answered,
    /// within [`BANNER_LIFETIME`]), back on the banner. `now_unix` is when
    /// the log was read.
    pub fn restored(&mut self, calls: Vec<LoggedCall>, now_unix: u64, ctx: &mut Ctx) {
        for logged in calls {
            // A call of this run (the log answers after the first frame,
            // when a call may have come and gone already) is not restored.
            if logged.rang_at >= self.run || self.calls.iter().any(|c| c.key == logged.key) {
                continue;
            }
            let age = Duration::from_secs(now_unix.saturating_sub(logged.rang_at));
            if age >= BANNER_LIFETIME || self.calls.len() >= MAX_WAITING {
                continue;
            }
            self.next += 1;
            let pbx_id = logged.key.strip_prefix("pbx:").map(str::to_owned);
            let call = IncomingCall {
                id: CallId(self.next),
                kind: CallerNumber::classify(&logged.received),
                key: logged.key,
                number: logged.received,
                phone: None,
                source: logged.source,
                pbx_id,
                rang_at: ctx.clock.since_start.saturating_sub(age),
                rang_unix: logged.rang_at,
                callers: None,
                missed_before: None,
                answered: None,
            };
            self.queue(call, ctx);
        }
    }

    /// The directory could not say who `call` is: nobody is named, and the
    /// banner says the directory was not checked.
    pub fn caller_unchecked(&mut self, call: CallId) {
        if let Some(c) = self.calls.iter_mut().find(|c| c.id == call) {
            c.callers = Some(Vec::new());
            self.unchecked.push(call);
        }
    }

    /// Whether the directory could not be asked who `call` is.
    pub fn is_unchecked(&self, call: CallId) -> bool {
        self.unchecked.contains(&call)
    }

    /// The directory's answer for `call`.
    pub fn caller_found(&mut self, call: CallId, callers: Vec<Caller>, ctx: &mut Ctx) {
        if let Some(c) = self.calls.iter_mut().find(|c| c.id == call) {
            c.callers = Some(callers);
            ctx.effects.push(Effect::LogCall(Box::new(c.logged())));
        }
    }

    /// The log's answer for `call`: the number's last missed call.
    pub fn missed_found(&mut self, call: CallId, at: Option<u64>) {
        if let Some(c) = self.calls.iter_mut().find(|c| c.id == call) {
            c.missed_before = at;
        }
    }

    /// Time passed: calls older than [`BANNER_LIFETIME`] go, logged as
    /// ended unanswered.
    pub fn expire(&mut self, ctx: &mut Ctx) {
        let (now, unix) = (ctx.clock.since_start, ctx.clock.unix_secs);
        self.calls.retain(|c| {
            if c.age(now) < BANNER_LIFETIME {
                return true;
            }
            ctx.effects.push(Effect::LogCall(Box::new(LoggedCall {
                ended_at: Some(unix),
                ..c.logged()
            })));
            false
        });
        let calls = &self.calls;
        self.unchecked
            .retain(|id| calls.iter().any(|c| c.id == *id));
    }
}
