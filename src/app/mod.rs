//! The application state and its one `update` function.
//!
//! `update` is synchronous and pure: it changes state and returns effects as
//! data, which the executor runs; time comes in as data ([`Msg::Tick`]).
//! Drawing reads the state through `&App`. Nothing here is text the
//! operator reads: popups and notices are typed ([`popup`]), `i18n` words
//! them.
//!
//! A key goes through `keys.rs` (the desk's own keys, then the popup or
//! screen on top); an answer to the screen or popup that asked for it
//! (`route.rs`). Every handler answers with one [`outcome::Outcome`],
//! carried out in `apply.rs`.

mod ahead;
mod apply;
pub mod calllog;
pub mod calls;
pub mod calls_screen;
pub mod card;
pub mod choices;
pub mod clock;
pub mod copy;
mod ctx;
pub mod desk;
pub mod dialog;
pub mod dicts;
pub mod dir_writes;
pub mod draft;
pub mod effect;
pub mod field;
pub mod form;
pub mod fresh;
mod input;
mod keys;
pub mod lookup;
pub mod missed;
pub mod msg;
pub mod outcome;
mod owners;
pub mod park;
pub mod picker;
pub mod popup;
mod popup_keys;
pub mod presence;
pub mod remember;
pub mod restore;
mod route;
mod scopes;
pub mod screen;
pub mod seen;
mod settle;
pub mod status;
mod take;
pub mod vocab;
pub mod waiting;
pub mod write;

pub use card::CardScreen;
pub use clock::Clock;
pub use ctx::{Ctx, Shared};
pub use dicts::{DictCache, DictData, DictState, PreparedDict};
pub use effect::{Effect, OwnersFor, RequestId};
pub use form::FormScreen;
pub use lookup::LookupScreen;
pub use msg::{Msg, SharedLink};
pub use owners::OwnerId;
pub use popup::Popup;
pub use screen::Screen;

pub use outcome::{Delivery, Nav};

use self::outcome::Outcome;
use self::route::Answer;
use self::vocab::{CallsProblem, DictKey, Notice, PersonName};
use crate::dates::Date;
use crate::keymap::Keymap;
use crate::lang::Lang;

/// What the app is started with.
#[derive(Debug)]
pub struct AppSetup {
    pub lang: Lang,
    pub keymap: Keymap,
    /// `[phone] city_code`: completes seven-digit phone numbers.
    pub city_code: Option<String>,
    /// The day until the first [`Msg::Tick`] says otherwise.
    pub today: Date,
    /// Shown in the header: which CRM this is.
    pub connection: String,
    /// Notices to show at start (a broken config file, …).
    pub startup_messages: Vec<Notice>,
}

/// The whole state of the UI.
#[derive(Debug)]
pub struct App {
    /// The language the UI draws in (data for `ui`; `app` itself has no text).
    pub lang: Lang,
    /// The keymap, the city code, the dictionaries, the clock.
    pub shared: Shared,
    /// The bottom screen is always the lookup screen.
    pub screens: Vec<Screen>,
    pub popups: Vec<Popup>,
    pub connection: String,
    /// Turns while something is loading.
    pub spinner: usize,
    /// The operator asked to leave; the loop stops after this update.
    pub quit: bool,
    /// Incoming calls waiting on the banner; the AMI link's state.
    pub calls: calls::CallQueue,
    /// Which forms' drafts are on disk.
    pub drafts: draft::DraftSync,
    /// Notices about the desk's own files and links, on the status line.
    pub status: status::DeskStatus,
    /// A draft taken from the start-up list waits for its client's card.
    restoring: Option<(RequestId, Box<draft::Draft>)>,
    /// The shared directory's link, when one is configured.
    pub shared_link: Option<msg::SharedLink>,
    /// Forms parked for calls (and the drafts offered at start).
    pub parked: park::Parked,
    /// The other desks on the client on the screen (shared directory).
    pub presence: presence::PresenceView,
    /// Keys typed while a picker's choice or a card is awaited.
    ahead: ahead::TypedAhead,
}

impl App {
    pub fn new(setup: AppSetup) -> Self {
        let lookup = LookupScreen::default();
        let mut app = Self {
            lang: setup.lang,
            shared: Shared::new(setup.keymap, setup.city_code, Clock::start(setup.today)),
            screens: vec![Screen::Lookup(lookup)],
            popups: setup
                .startup_messages
                .into_iter()
                .map(Popup::Message)
                .collect(),
            connection: setup.connection,
            spinner: 0,
            quit: false,
            calls: calls::CallQueue::default(),
            drafts: draft::DraftSync::default(),
            status: status::DeskStatus::default(),
            restoring: None,
            shared_link: None,
            parked: park::Parked::default(),
            presence: presence::PresenceView::default(),
            ahead: ahead::TypedAhead::default(),
        };
        app.status.take_from(&mut app.popups);
        app
    }

    /// Keeps this run's drafts as typed for `crm` (see
    /// [`draft::Draft::crm`]), and offers the drafts an earlier run left
    /// for it (over the start-up notices).
    pub fn offer_drafts(&mut self, crm: &str, drafts: Vec<draft::Offered>) {
        self.drafts.crm = crm.to_owned();
        let drafts: Vec<draft::Offered> =
            drafts.into_iter().filter(|d| d.draft.crm == crm).collect();
        self.parked.drafts = drafts.iter().rev().cloned().collect();
        if !drafts.is_empty() {
            self.popups.push(Popup::Drafts(draft::DraftOffer {
                drafts,
                selected: 0,
            }));
        }
    }

    /// Whether the loop must send ticks: a spinner turns, a draft waits to
    /// be written, or a call's banner counts its age.
    pub fn wants_ticks(&self) -> bool {
        self.is_busy()
            || self.drafts.pending
            || self.calls.front().is_some()
            || self.shared.desk.writes.waiting()
    }

    /// Whether a picker's search is unfinished: the loop sends
    /// [`Msg::Continue`] whenever nothing else is waiting, until it is not.
    pub fn has_work(&self) -> bool {
        self.popups
            .iter()
            .any(|p| matches!(p, Popup::Picker(p) if p.has_work()))
    }

    /// The drafts to write or remove when crmcard stops: after Ctrl-Q the
    /// operator chose to leave and this run's drafts go; any other way out
    /// writes what is not on disk yet.
    pub fn drafts_on_exit(&mut self) -> Vec<Effect> {
        if self.quit {
            self.drafts.discard_all()
        } else {
            let now = self.shared.clock.since_start;
            let drafts = draft::of_screens(&self.screens, self.shared.clock.unix_secs);
            self.drafts.sync(drafts, now, true)
        }
    }

    pub fn keymap(&self) -> &Keymap {
        &self.shared.keymap
    }

    pub fn dicts(&self) -> &DictCache {
        &self.shared.dicts
    }

    /// The local day, as the last tick said.
    pub fn today(&self) -> Date {
        self.shared.clock.today
    }

    /// The screen on top.
    pub fn screen(&self) -> &Screen {
        // The lookup screen is never popped, so the stack is never empty.
        self.screens
            .last()
            .unwrap_or_else(|| unreachable!("empty screen stack"))
    }

    /// Whether a request is under way (the spinner turns).
    pub fn is_busy(&self) -> bool {
        self.screens.iter().any(|s| match s {
            Screen::Lookup(l) => l.pending.is_some(),
            Screen::Card(c) => c.reloading.is_some() || c.writing.is_some(),
            Screen::Form(f) => f.saving.is_some() || f.duplicates.asking.is_some(),
            Screen::Calls(c) => c.loading.is_some(),
        }) || self.popups.iter().any(|p| match p {
            Popup::Picker(p) => !p.loaded && p.error.is_none() || p.busy.is_some(),
            Popup::Dialog(d) => d.saving.is_some(),
            _ => false,
        })
    }

    /// Whether leaving now would drop something the operator typed.
    pub fn has_unsaved_changes(&self) -> bool {
        self.screens.iter().any(|s| match s {
            Screen::Form(f) => f.is_dirty() && !f.read_only,
            _ => false,
        })
    }

    /// The effects to run at start: the small dictionaries every form
    /// needs, and the most recent clients of the directory.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut ctx = Ctx::new(&mut self.shared);
        if let Some(Screen::Lookup(l)) = self.screens.first_mut() {
            l.search(&mut ctx);
        }
        for key in [
            DictKey::ContactTypes,
            DictKey::AddressTypes,
            DictKey::Countries,
        ] {
            ctx.ensure_dict(key);
        }
        ctx.effects.push(Effect::RestoreCalls);
        ctx.effects
    }

    /// Applies one message; returns the effects to run.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let msg = match msg {
            Msg::Key(key) => return self.key(key),
            other => other,
        };
        let unsaved = self.has_unsaved_changes();
        let mut ctx = Ctx::new(&mut self.shared);
        let mut outcomes = Vec::new();
        match msg {
            Msg::Key(_) | Msg::Resize | Msg::InputLost => {}
            Msg::Paste(text) => match (self.popups.last_mut(), self.screens.last_mut()) {
                (Some(Popup::Picker(p)), _) => p.paste(&text),
                (Some(Popup::Dialog(d)), _) => d.paste(&text),
                (Some(_), _) => {}
                (None, Some(Screen::Lookup(s))) => s.paste(&text, &mut ctx),
                (None, Some(Screen::Form(s))) => s.paste(&text, &mut ctx),
                (None, _) => {}
            },
            Msg::Tick(clock) => {
                ctx.clock = clock;
                self.spinner = self.spinner.wrapping_add(1);
                self.calls.expire(&mut ctx);
                ctx.desk
                    .writes
                    .tick(ctx.clock.since_start, &mut ctx.effects);
            }
            Msg::Continue => {
                for popup in &mut self.popups {
                    if let Popup::Picker(p) = popup {
                        p.work();
                    }
                }
            }
            Msg::Call(crate::calls::CallEvent::Listening) => self
                .status
                .clear(|n| matches!(n, Notice::CallsOff(CallsProblem::AlreadyRunning { .. }))),
            Msg::Call(event) => self.calls.event(event, &mut ctx),
            Msg::SharedDirectory(link) => self.shared_link = Some(link),
            Msg::Presence(presence) => self.presence.heard(presence, &mut self.screens),
            Msg::CallerFound { call, callers } => self.calls.caller_found(call, callers, &mut ctx),
            Msg::MissedFound { call, at } => self.calls.missed_found(call, at),
            Msg::ClientMissedFound { client, at } => self.calls.missed.found(client, at),
            Msg::CallsRestored { calls, now_unix } => {
                self.calls.restored(calls, now_unix, &mut ctx);
            }
            Msg::CallLogLoaded { req, calls } => {
                outcomes = route::deliver(
                    &mut self.popups,
                    &mut self.screens,
                    req,
                    Answer::CallLogLoaded(calls),
                    &mut ctx,
                );
            }
            Msg::Dialled(Ok(())) => {}
            Msg::Dialled(Err(failure)) => ctx.notify(Notice::DialFailed(failure)),
            Msg::ClientLoaded { req, result } => {
                let result = ctx.fresh.loaded(result, ctx.clock);
                if let Some((_, draft)) = self.restoring.take_if(|(r, _)| *r == req) {
                    restore::card_loaded(*draft, &result, &mut self.screens, &mut ctx);
                } else {
                    outcomes = route::deliver(
                        &mut self.popups,
                        &mut self.screens,
                        req,
                        Answer::ClientLoaded(&result),
                        &mut ctx,
                    );
                }
                if let Ok(card) = &result {
                    let opening: Vec<&Outcome> = outcomes.iter().map(|(_, o)| o).collect();
                    self.calls
                        .missed
                        .card_answered(card, &self.screens, &opening, &mut ctx);
                }
            }
            Msg::DictLoaded { req, key, result } => {
                ctx.dicts.loaded(req, &key, result, ctx.clock.since_start);
            }
            Msg::DictPrepared { req, key, result } => {
                ctx.dicts
                    .loaded_prepared(req, &key, result, ctx.clock.since_start);
            }
            Msg::Written { req, result } => {
                if let Ok(write::WriteAnswer::Card(card)) = &result {
                    ctx.fresh.written(card, ctx.clock);
                }
                outcomes = route::deliver(
                    &mut self.popups,
                    &mut self.screens,
                    req,
                    Answer::Written(&result),
                    &mut ctx,
                );
            }
            Msg::LocalSaveFailed(reason) => ctx.notify(Notice::LocalSaveFailed { reason }),
            Msg::StartNotices(notices) => {
                // Start-up notices lie under the drafts' offer, as those
                // known before the first frame do.
                let at = self
                    .popups
                    .iter()
                    .position(|p| matches!(p, Popup::Drafts(_)))
                    .unwrap_or(self.popups.len());
                self.popups
                    .splice(at..at, notices.into_iter().map(Popup::Message));
            }
            Msg::DirectoryFound { req, hits, layout } => {
                let answer = Answer::DirectoryFound { hits, layout };
                outcomes =
                    route::deliver(&mut self.popups, &mut self.screens, req, answer, &mut ctx);
            }
            Msg::SimilarFound { req, hits } => {
                let answer = Answer::SimilarFound(hits);
                outcomes =
                    route::deliver(&mut self.popups, &mut self.screens, req, answer, &mut ctx);
            }
            Msg::SearchUnavailable { req } => {
                let answer = Answer::SearchUnavailable;
                outcomes =
                    route::deliver(&mut self.popups, &mut self.screens, req, answer, &mut ctx);
            }
            // A warning after a save cannot be given; a new client's check
            // falls back to this run's clients.
            Msg::PhoneOwnersUnknown { req, purpose } => {
                if purpose == OwnersFor::NewClient {
                    outcomes = route::deliver(
                        &mut self.popups,
                        &mut self.screens,
                        req,
                        Answer::PhoneOwnersUnknown,
                        &mut ctx,
                    );
                }
            }
            Msg::CallerUnchecked { call } => self.calls.caller_unchecked(call),
            Msg::DirectoryWriteFailed { unkept, reason } => {
                let now = ctx.clock.since_start;
                if let Some(notice) = ctx.desk.writes.failed(*unkept, reason, now) {
                    ctx.notify(notice);
                }
            }
            Msg::ClientKept { id, seen_at } => {
                ctx.desk.writes.kept(&id, seen_at);
                if !ctx.desk.writes.waiting() {
                    // Every held write got through: the status line stops
                    // saying they failed.
                    self.status
                        .clear(|n| matches!(n, Notice::DirectoryWriteFailed { .. }));
                }
            }
            Msg::PhoneOwners {
                req,
                owners,
                purpose,
            } => match purpose {
                OwnersFor::NewClient => {
                    outcomes = route::deliver(
                        &mut self.popups,
                        &mut self.screens,
                        req,
                        Answer::PhoneOwners(owners),
                        &mut ctx,
                    );
                }
                OwnersFor::Warn { client_id, phone } => {
                    let others: Vec<PersonName> = owners
                        .iter()
                        .filter(|o| o.id != client_id)
                        .map(PersonName::of_entry)
                        .collect();
                    if !others.is_empty() {
                        ctx.notify(Notice::PhoneShared {
                            phone,
                            owners: others,
                        });
                    }
                }
            },
        }
        let clock = ctx.clock;
        let (effects, popups) = ctx.finish();
        self.conclude(clock, effects, popups, outcomes, unsaved)
    }
}

#[cfg(test)]
mod tests;
