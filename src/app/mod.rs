//! The application state and its one `update` function.
//!
//! `update` is synchronous and pure: it changes state and returns effects as
//! data, which the executor runs; time comes in as data ([`Msg::Tick`]).
//! Drawing reads the state through `&App`. Nothing here is text the
//! operator reads: popups and notices are typed ([`popup`]), `i18n` words
//! them.
//!
//! Over 450 lines because `update` still matches every message here: a
//! key goes through the desk's own keys (calls, drafts, quit questions)
//! before the popup or screen on top, and each answer to the one that
//! asked (`route.rs`). It shrinks once handlers return one outcome
//! (issue 22, not done yet).

mod ahead;
pub mod calllog;
pub mod calls;
pub mod calls_screen;
pub mod card;
pub mod choices;
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
pub mod lookup;
pub mod missed;
pub mod msg;
mod outcome;
mod owners;
pub mod park;
pub mod picker;
pub mod popup;
pub mod presence;
pub mod remember;
pub mod restore;
mod route;
mod scopes;
pub mod seen;
mod settle;
pub mod status;
pub mod vocab;
pub mod waiting;
pub mod write;

use ratatui::crossterm::event::KeyEventKind;

pub use card::CardScreen;
pub use ctx::{Clock, Ctx, Shared};
pub use dicts::{DictCache, DictData, DictState, PreparedDict};
pub use effect::{Effect, OwnersFor, RequestId};
pub use form::FormScreen;
pub use lookup::LookupScreen;
pub use msg::{Msg, SharedLink};
pub use owners::OwnerId;
pub use popup::Popup;

use self::outcome::{Outcome, apply, global_key, lookup_error_key, popup_key};
use self::route::Answer;
use self::vocab::{CallsProblem, Command, Confirm, DictKey, Notice, PersonName, Section};
use crate::api::model::ClientCard;
use crate::dates::Date;
use crate::keymap::{Action, Keymap, Scope};
use crate::lang::Lang;

/// One screen of the screen stack.
#[derive(Debug, Clone)]
pub enum Screen {
    Lookup(LookupScreen),
    Card(CardScreen),
    Form(Box<FormScreen>),
    /// The call log.
    Calls(calls_screen::CallsScreen),
}

/// Where a screen asks to go.
#[derive(Debug, Clone)]
pub enum Nav {
    Push(Screen),
    /// Replace the top screen.
    Replace(Screen),
    Pop,
    /// Pop the top screen and hand its result to the one below.
    PopDeliver(Delivery),
}

/// A result a closing form hands to the screen below it.
#[derive(Debug, Clone)]
pub enum Delivery {
    /// A write answered with the card: show it on the card screen.
    Card {
        card: Box<ClientCard>,
        section: Section,
    },
    /// A contact of the new client being made.
    DraftContact {
        index: Option<usize>,
        fields: Vec<form::Field>,
    },
    /// An address of the new client being made.
    DraftAddress {
        index: Option<usize>,
        fields: Vec<form::Field>,
    },
}

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
        // An Alt-letter nothing is bound to is Esc, then the letter.
        if let Msg::Key(key) = &msg
            && let Some([esc, letter]) =
                input::unbound_alt_letter(key, &self.shared.keymap, self.scope())
        {
            let mut effects = self.update(Msg::Key(esc));
            effects.extend(self.update(Msg::Key(letter)));
            return effects;
        }
        if let Msg::Key(key) = &msg
            && key.kind != KeyEventKind::Release
        {
            let awaited = self.awaited();
            if self.ahead.keep(key, awaited, &self.shared.keymap) {
                return Vec::new();
            }
        }
        let unsaved = self.has_unsaved_changes();
        let scope_now = self.scope();
        let scope = self.screen_scope();
        let help_lines = self.help_lines();
        let mut ctx = Ctx::new(&mut self.shared);
        let mut outcome = None;
        match msg {
            Msg::Key(key)
                if key.kind != KeyEventKind::Release
                    && self.popups.is_empty()
                    && ctx.keymap.action(Scope::Global, &key) == Some(Action::TakeCall) =>
            {
                calls::take(&mut self.calls, None, &mut self.screens, unsaved, &mut ctx);
            }
            Msg::Key(key)
                if key.kind != KeyEventKind::Release
                    && self.popups.is_empty()
                    && ctx.keymap.action(Scope::Global, &key) == Some(Action::CallLog) =>
            {
                if !matches!(self.screens.last(), Some(Screen::Calls(_))) {
                    let screen = calls_screen::CallsScreen::open(false, &mut ctx);
                    ctx.nav = Some(Nav::Push(Screen::Calls(screen)));
                }
            }
            Msg::Key(key)
                if key.kind != KeyEventKind::Release
                    && self.popups.is_empty()
                    && ctx.keymap.action(Scope::Global, &key) == Some(Action::Drafts) =>
            {
                self.popups.push(self.parked.list());
            }
            Msg::Key(key)
                if key.kind != KeyEventKind::Release
                    && self.popups.is_empty()
                    && ctx.keymap.action(Scope::Global, &key) == Some(Action::WaitingCalls) =>
            {
                self.popups
                    .push(Popup::Waiting(waiting::WaitingList::default()));
            }
            // Leaving with callers waiting asks first (a letter says yes).
            Msg::Key(key)
                if key.kind != KeyEventKind::Release
                    && !self.calls.calls.is_empty()
                    && ctx.keymap.action(scope_now, &key) == Some(Action::Quit)
                    && !matches!(
                        self.popups.last(),
                        Some(Popup::Confirm(Confirm::QuitCallsWaiting { .. }))
                    ) =>
            {
                self.popups.push(Popup::Confirm(Confirm::QuitCallsWaiting {
                    calls: self.calls.calls.len(),
                    unsaved,
                }));
            }
            // Leaving with parked forms says they are kept.
            Msg::Key(key)
                if key.kind != KeyEventKind::Release
                    && !unsaved
                    && self.parked.drafts.iter().any(|d| d.age.is_zero())
                    && ctx.keymap.action(scope_now, &key) == Some(Action::Quit)
                    && !matches!(self.popups.last(), Some(Popup::Confirm(_))) =>
            {
                let forms = self
                    .parked
                    .drafts
                    .iter()
                    .filter(|d| d.age.is_zero())
                    .count();
                self.popups
                    .push(Popup::Confirm(Confirm::QuitKeepsParked { forms }));
            }
            Msg::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(Popup::Waiting(list)) = self.popups.last_mut() {
                    match list.key(&self.calls, &key, &mut ctx, unsaved) {
                        waiting::WaitingOutcome::Stay => {}
                        waiting::WaitingOutcome::Close => {
                            self.popups.pop();
                        }
                        waiting::WaitingOutcome::Take(call) => {
                            self.popups.pop();
                            calls::take(
                                &mut self.calls,
                                Some(call),
                                &mut self.screens,
                                unsaved,
                                &mut ctx,
                            );
                        }
                        waiting::WaitingOutcome::Other(o) => outcome = Some(o),
                    }
                } else if let Some(Popup::Drafts(offer)) = self.popups.last_mut() {
                    match restore::offer_key(offer, &key, &mut ctx, unsaved) {
                        restore::OfferOutcome::Stay => {}
                        restore::OfferOutcome::Close => {
                            self.popups.pop();
                        }
                        restore::OfferOutcome::Take(draft) => {
                            self.popups.pop();
                            self.parked.forget(&draft.key());
                            self.restoring = restore::take(*draft, &mut self.screens, &mut ctx);
                        }
                        restore::OfferOutcome::Other(o) => outcome = Some(o),
                    }
                    for effect in &ctx.effects {
                        if let Effect::RemoveDraft(key) = effect {
                            self.parked.forget(key);
                        }
                    }
                } else if let Some(popup) = self.popups.last_mut() {
                    outcome = popup_key(popup, &key, &mut ctx, unsaved, help_lines);
                } else if let Some(Screen::Lookup(s)) = self.screens.last_mut()
                    && lookup_error_key(s, &key, &ctx)
                {
                    // The error box took the key (and closed).
                } else {
                    let handled = match self.screens.last_mut() {
                        Some(Screen::Lookup(s)) => s.handle_key(&key, &mut ctx),
                        Some(Screen::Card(s)) => s.handle_key(&key, &mut ctx),
                        Some(Screen::Form(s)) => s.handle_key(&key, &mut ctx),
                        Some(Screen::Calls(s)) => {
                            match s.handle_key(&key, &self.calls.desk, &mut ctx) {
                                calls_screen::CallsKey::Done => true,
                                calls_screen::CallsKey::NotMine => false,
                                calls_screen::CallsKey::Open(row) => {
                                    calls_screen::open_from_log(
                                        &row,
                                        &mut self.screens,
                                        unsaved,
                                        &mut ctx,
                                    );
                                    true
                                }
                            }
                        }
                        None => false,
                    };
                    if !handled {
                        outcome = global_key(scope, &key, &mut ctx, unsaved);
                    }
                }
            }
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
                let mut writes = std::mem::take(&mut ctx.desk.writes);
                writes.tick(&mut ctx);
                ctx.desk.writes = writes;
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
                outcome = route::deliver(
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
                    outcome = route::deliver(
                        &mut self.popups,
                        &mut self.screens,
                        req,
                        Answer::ClientLoaded(&result),
                        &mut ctx,
                    );
                }
                if let Ok(card) = &result {
                    self.calls
                        .missed
                        .card_answered(card, &self.screens, &mut ctx);
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
                outcome = route::deliver(
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
                outcome =
                    route::deliver(&mut self.popups, &mut self.screens, req, answer, &mut ctx);
            }
            Msg::SimilarFound { req, hits } => {
                let answer = Answer::SimilarFound(hits);
                outcome =
                    route::deliver(&mut self.popups, &mut self.screens, req, answer, &mut ctx);
            }
            Msg::SearchUnavailable { req } => {
                let answer = Answer::SearchUnavailable;
                outcome =
                    route::deliver(&mut self.popups, &mut self.screens, req, answer, &mut ctx);
            }
            // A warning after a save cannot be given; a new client's check
            // falls back to this run's clients.
            Msg::PhoneOwnersUnknown { req, purpose } => {
                if purpose == OwnersFor::NewClient {
                    outcome = route::deliver(
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
                let mut writes = std::mem::take(&mut ctx.desk.writes);
                writes.failed(*unkept, reason, &mut ctx);
                ctx.desk.writes = writes;
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
                    outcome = route::deliver(
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
        // Opening the card a new client's phone belongs to keeps the form
        // as a draft (F6), as parking for a call does.
        if matches!(outcome, Some(Outcome::Run(Command::OpenClient { .. })))
            && matches!(self.screens.last(), Some(Screen::Form(_)))
            && matches!(self.popups.last(), Some(Popup::Confirm(_)))
            && self.popups.len() == 1
        {
            self.parked.park(&self.screens, &mut self.drafts, &mut ctx);
        }
        if let Some(Outcome::Run(Command::ParkAndTake { call })) = outcome {
            self.popups.pop();
            outcome = None;
            self.parked.park_and_take(
                call,
                &mut self.screens,
                &mut self.drafts,
                &mut self.calls,
                &mut ctx,
            );
        }
        if let Some(outcome) = outcome {
            apply(
                outcome,
                &mut self.popups,
                &mut self.screens,
                &mut self.quit,
                &mut ctx,
            );
        }
        let clock = ctx.clock;
        let (effects, popups, nav) = ctx.finish();
        self.settle(clock, effects, popups, nav)
    }
}

#[cfg(test)]
mod tests;
