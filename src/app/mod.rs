//! The application state and its one `update` function.
//!
//! `update` is synchronous: it changes state and returns effects as data,
//! which the executor runs. Drawing reads the state through `&App`.

pub mod card;
pub mod command;
pub mod dialog;
pub mod dicts;
pub mod effect;
pub mod field;
pub mod form;
pub mod lookup;
pub mod msg;
pub mod picker;
pub mod popup;
pub mod write;

use std::time::Instant;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub use card::{CardScreen, Section};
pub use command::Command;
pub use dicts::{DictCache, DictData, DictKey, DictState};
pub use effect::{Effect, RequestId};
pub use form::FormScreen;
pub use lookup::LookupScreen;
pub use msg::Msg;
pub use popup::{Message, Popup};

use crate::api::model::ClientCard;
use crate::dates::Date;
use crate::i18n::{Lang, Texts};
use crate::keymap::{Action, Keymap, Scope};
use crate::recent::RecentList;

/// One screen of the screen stack.
#[derive(Debug, Clone)]
pub enum Screen {
    Lookup(LookupScreen),
    Card(CardScreen),
    Form(Box<FormScreen>),
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
    pub recent: RecentList,
    pub today: Date,
    /// Shown in the header: which CRM this is.
    pub connection: String,
    /// Messages to show at start (a broken config file, …).
    pub startup_messages: Vec<Message>,
}

/// The whole state of the UI.
#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub keymap: Keymap,
    /// The bottom screen is always the lookup screen.
    pub screens: Vec<Screen>,
    pub popups: Vec<Popup>,
    pub recent: RecentList,
    pub dicts: DictCache,
    pub today: Date,
    pub connection: String,
    /// Turns while something is loading.
    pub spinner: usize,
    pub quit: bool,
    next_request: u64,
    /// Effects made while navigating, returned with the next ones.
    pending_effects: Vec<Effect>,
}

/// A [`Ctx`] borrowing the app's fields one by one, so that the screens and
/// popups stay free to be borrowed beside it.
macro_rules! ctx {
    ($app:expr) => {
        Ctx {
            keymap: &$app.keymap,
            lang: $app.lang,
            today: $app.today,
            recent: &mut $app.recent,
            dicts: &mut $app.dicts,
            now: Instant::now(),
            effects: Vec::new(),
            popups: Vec::new(),
            nav: None,
            next_request: &mut $app.next_request,
        }
    };
}

/// What a screen's handler may use and change besides the screen itself.
pub struct Ctx<'a> {
    pub keymap: &'a Keymap,
    pub lang: Lang,
    pub today: Date,
    pub recent: &'a mut RecentList,
    pub dicts: &'a mut DictCache,
    pub now: Instant,
    pub effects: Vec<Effect>,
    pub popups: Vec<Popup>,
    pub nav: Option<Nav>,
    next_request: &'a mut u64,
}

impl Ctx<'_> {
    /// A fresh request id.
    pub fn request(&mut self) -> RequestId {
        next_id(self.next_request)
    }

    pub fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// Sends a write; its answer comes back as [`Msg::Written`] with the id.
    pub fn write(&mut self, op: write::WriteOp) -> RequestId {
        let req = self.request();
        self.effects.push(Effect::Write {
            req,
            op: Box::new(op),
        });
        req
    }

    /// Starts loading a dictionary unless it is fresh or loading already.
    pub fn ensure_dict(&mut self, key: DictKey) {
        let counter = &mut *self.next_request;
        self.dicts
            .ensure(key, self.now, || next_id(counter), &mut self.effects);
    }

    /// Shows an API error as a message popup titled with what failed.
    pub fn show_error_of(&mut self, what: &str, error: &crate::api::ApiError) {
        let mut text = crate::i18n::describe_error(error, self.lang);
        text.title = format!("{what}: {}", text.title);
        self.popups.push(Popup::Message(Message::error(
            &text,
            self.texts().request_id,
        )));
    }
}

impl App {
    pub fn new(setup: AppSetup) -> Self {
        let mut lookup = LookupScreen::default();
        lookup.refilter(&setup.recent);
        Self {
            lang: setup.lang,
            keymap: setup.keymap,
            screens: vec![Screen::Lookup(lookup)],
            popups: setup
                .startup_messages
                .into_iter()
                .map(Popup::Message)
                .collect(),
            recent: setup.recent,
            dicts: DictCache::default(),
            today: setup.today,
            connection: setup.connection,
            spinner: 0,
            quit: false,
            next_request: 0,
            pending_effects: Vec::new(),
        }
    }

    pub fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// The screen on top.
    pub fn screen(&self) -> &Screen {
        // The lookup screen is never popped, so the stack is never empty.
        self.screens
            .last()
            .unwrap_or_else(|| unreachable!("empty screen stack"))
    }

    /// The scope whose keys work right now (for the footer and help).
    pub fn scope(&self) -> Scope {
        match self.popups.last() {
            Some(Popup::Confirm { .. }) => Scope::Confirm,
            Some(Popup::Picker(_)) => Scope::Picker,
            Some(Popup::Dialog(_)) => Scope::Dialog,
            Some(_) => Scope::Global,
            None => self.screen_scope(),
        }
    }

    /// Whether an action of the current scope does something where the
    /// operator is (the footer shows only those).
    pub fn applies(&self, action: Action) -> bool {
        match (self.popups.last(), self.screen()) {
            (None, Screen::Card(card)) => card.applies(action),
            (None, Screen::Form(form)) => form.applies(action),
            (Some(Popup::Picker(p)), _) => p.applies(action),
            _ => true,
        }
    }

    /// The scope of the screen on top, popups aside.
    pub fn screen_scope(&self) -> Scope {
        match self.screen() {
            Screen::Lookup(l) => l.scope(),
            Screen::Card(_) => Scope::Card,
            Screen::Form(_) => Scope::Form,
        }
    }

    /// Whether a request is under way (the spinner turns).
    pub fn is_busy(&self) -> bool {
        self.screens.iter().any(|s| match s {
            Screen::Lookup(l) => l.pending.is_some(),
            Screen::Card(c) => c.reloading.is_some() || c.writing.is_some(),
            Screen::Form(f) => f.saving.is_some(),
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

    /// The effects to run at start: the small dictionaries every form needs.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut ctx = ctx!(self);
        for key in [
            DictKey::ContactTypes,
            DictKey::AddressTypes,
            DictKey::Countries,
        ] {
            ctx.ensure_dict(key);
        }
        ctx.effects
    }

    /// Applies one message; returns the effects to run.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let unsaved = self.has_unsaved_changes();
        let scope = self.screen_scope();
        let mut ctx = ctx!(self);
        let mut outcome = None;
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(popup) = self.popups.last_mut() {
                    outcome = popup_key(popup, &key, &mut ctx, unsaved);
                } else {
                    let handled = match self.screens.last_mut() {
                        Some(Screen::Lookup(s)) => s.handle_key(&key, &mut ctx),
                        Some(Screen::Card(s)) => s.handle_key(&key, &mut ctx),
                        Some(Screen::Form(s)) => s.handle_key(&key, &mut ctx),
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
            Msg::Tick => self.spinner = self.spinner.wrapping_add(1),
            Msg::ClientLoaded { req, result } => {
                let top = self.screens.len().saturating_sub(1);
                for (i, screen) in self.screens.iter_mut().enumerate() {
                    match screen {
                        Screen::Lookup(s) => s.client_loaded(req, &result, &mut ctx),
                        Screen::Card(s) => s.client_loaded(req, &result, &mut ctx),
                        Screen::Form(_) => {}
                    }
                    only_from_top(i, top, &mut ctx);
                }
            }
            Msg::DictLoaded { req, key, result } => {
                ctx.dicts.loaded(req, &key, result, ctx.now);
            }
            Msg::Written { req, result } => {
                outcome = written(&mut self.popups, &mut self.screens, req, &result, &mut ctx);
            }
            Msg::LocalSaveFailed(reason) => {
                let t = ctx.texts();
                ctx.popups.push(Popup::Message(Message {
                    title: t.local_save_failed.to_owned(),
                    lines: vec![crate::text::sanitize(&reason)],
                    is_error: true,
                }));
            }
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
        let Ctx {
            effects,
            popups,
            nav,
            ..
        } = ctx;
        self.popups.extend(popups);
        if let Some(nav) = nav {
            self.navigate(nav);
        }
        // Pickers show the newest lists (loads, patches after writes).
        for popup in &mut self.popups {
            if let Popup::Picker(p) = popup {
                p.sync(&self.dicts);
            }
        }
        // An Enter pressed while the list was loading chooses now.
        if let Some(Popup::Picker(p)) = self.popups.last_mut()
            && let Some(choice) = p.take_pending_choice()
        {
            let target = p.target;
            let mut ctx = ctx!(self);
            apply(
                Outcome::Chosen(target, choice),
                &mut self.popups,
                &mut self.screens,
                &mut self.quit,
                &mut ctx,
            );
            self.pending_effects.extend(ctx.effects);
            self.popups.extend(ctx.popups);
        }
        let mut effects = effects;
        effects.append(&mut self.pending_effects);
        if self.quit {
            effects.push(Effect::Quit);
        }
        effects
    }

    fn navigate(&mut self, nav: Nav) {
        match nav {
            Nav::Push(screen) => self.screens.push(screen),
            Nav::Replace(screen) => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                }
                self.screens.push(screen);
            }
            Nav::Pop | Nav::PopDeliver(_) if self.screens.len() <= 1 => {}
            Nav::Pop => {
                self.screens.pop();
            }
            Nav::PopDeliver(delivery) => {
                self.screens.pop();
                let mut ctx = ctx!(self);
                match self.screens.last_mut() {
                    Some(Screen::Card(card)) => card.take_delivery(delivery, &mut ctx),
                    Some(Screen::Form(form)) => form.take_delivery(delivery),
                    _ => {}
                }
                self.pending_effects.extend(ctx.effects);
                self.popups.extend(ctx.popups);
            }
        }
        if let Some(Screen::Lookup(l)) = self.screens.last_mut() {
            l.refilter(&self.recent);
        }
    }
}

/// Carries out what a popup key or an answer asked for.
fn apply(
    outcome: Outcome,
    popups: &mut Vec<Popup>,
    screens: &mut [Screen],
    quit: &mut bool,
    ctx: &mut Ctx,
) {
    match outcome {
        Outcome::ClosePopup => {
            popups.pop();
        }
        Outcome::Open(popup) => popups.push(popup),
        Outcome::Run(Command::Quit) => {
            popups.clear();
            *quit = true;
        }
        Outcome::Run(command) => {
            popups.pop();
            match (popups.last_mut(), screens.last_mut()) {
                (Some(Popup::Picker(p)), _) => p.run(command, ctx),
                (None, Some(Screen::Card(c))) => c.run(command, ctx),
                (None, Some(Screen::Form(_))) if command == Command::DiscardForm => {
                    ctx.nav = Some(Nav::Pop);
                }
                _ => {}
            }
        }
        Outcome::Chosen(target, choice) => {
            // Close the picker (and a dialog over it), then fill the form.
            while matches!(popups.last(), Some(Popup::Picker(_) | Popup::Dialog(_))) {
                popups.pop();
            }
            if let Some(Screen::Form(form)) = screens.last_mut() {
                form.picked(target, choice, ctx);
            }
        }
        Outcome::Renamed(target, choice) => {
            if matches!(popups.last(), Some(Popup::Dialog(_))) {
                popups.pop();
            }
            if let Some(Screen::Form(form)) = screens.last_mut() {
                let id = choice.id.clone();
                form.dictionary_changed(target, &id, Some(choice));
            }
        }
        Outcome::Removed(target, id) => {
            if let Some(Screen::Form(form)) = screens.last_mut() {
                form.dictionary_changed(target, &id, None);
            }
        }
    }
}

/// The next request id from the app's counter.
fn next_id(counter: &mut u64) -> RequestId {
    *counter += 1;
    RequestId(*counter)
}

/// Routes a write's answer to whoever is waiting for it.
fn written(
    popups: &mut [Popup],
    screens: &mut [Screen],
    req: RequestId,
    result: &Result<write::WriteAnswer, crate::api::ApiError>,
    ctx: &mut Ctx,
) -> Option<Outcome> {
    let mut outcome = None;
    for popup in popups.iter_mut() {
        match popup {
            Popup::Dialog(d) => match d.written(req, result, ctx) {
                dialog::DialogOutcome::Added(t, c) => outcome = Some(Outcome::Chosen(t, c)),
                dialog::DialogOutcome::Renamed(t, c) => outcome = Some(Outcome::Renamed(t, c)),
                dialog::DialogOutcome::Stay | dialog::DialogOutcome::Close => {}
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
            Screen::Lookup(_) => {}
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

/// What a popup key or an answer asks the app to do.
enum Outcome {
    ClosePopup,
    Open(Popup),
    Run(Command),
    /// A picker (or a dialog's new entry) chose something for the form.
    Chosen(form::PickerTarget, form::Choice),
    /// A city or street was renamed from a picker.
    Renamed(form::PickerTarget, form::Choice),
    /// A city or street was deleted from a picker.
    Removed(form::PickerTarget, String),
}

fn popup_key(popup: &mut Popup, key: &KeyEvent, ctx: &mut Ctx, unsaved: bool) -> Option<Outcome> {
    let enter = key.code == ratatui::crossterm::event::KeyCode::Enter;
    match popup {
        Popup::Picker(p) => match p.handle_key(key, ctx) {
            picker::PickerOutcome::Stay => match ctx.keymap.action(Scope::Picker, key) {
                Some(Action::Quit) => Some(quit(ctx, unsaved)),
                Some(Action::Help) => Some(Outcome::Open(Popup::Help { scroll: 0 })),
                _ => None,
            },
            picker::PickerOutcome::Cancel => Some(Outcome::ClosePopup),
            picker::PickerOutcome::Chosen(t, c) => Some(Outcome::Chosen(t, c)),
            picker::PickerOutcome::Open(popup) => Some(Outcome::Open(popup)),
        },
        Popup::Dialog(d) => match d.handle_key(key, ctx) {
            dialog::DialogOutcome::Close => Some(Outcome::ClosePopup),
            _ => match ctx.keymap.action(Scope::Dialog, key) {
                Some(Action::Quit) => Some(quit(ctx, unsaved)),
                Some(Action::Help) => Some(Outcome::Open(Popup::Help { scroll: 0 })),
                _ => None,
            },
        },
        Popup::Confirm { yes, .. } => match ctx.keymap.action(Scope::Confirm, key)? {
            Action::Yes => Some(Outcome::Run(yes.clone())),
            Action::No | Action::Back => Some(Outcome::ClosePopup),
            // Ctrl-Q on the quit question itself is a yes.
            Action::Quit if *yes == Command::Quit => Some(Outcome::Run(Command::Quit)),
            Action::Quit => Some(quit(ctx, unsaved)),
            _ => None,
        },
        Popup::Help { scroll } => {
            match ctx.keymap.action(Scope::LookupList, key) {
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::Down) => *scroll = scroll.saturating_add(1),
                Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
                _ => {
                    return match ctx.keymap.action(Scope::Global, key) {
                        Some(Action::Quit) => Some(quit(ctx, unsaved)),
                        Some(Action::Back | Action::Help) => Some(Outcome::ClosePopup),
                        _ if enter => Some(Outcome::ClosePopup),
                        _ => None,
                    };
                }
            }
            None
        }
        Popup::Message(_) => match ctx.keymap.action(Scope::Card, key) {
            Some(Action::Quit) => Some(quit(ctx, unsaved)),
            // F1, or `?`: a message has no text field.
            Some(Action::Help) => Some(Outcome::Open(Popup::Help { scroll: 0 })),
            Some(Action::Back) => Some(Outcome::ClosePopup),
            _ if enter => Some(Outcome::ClosePopup),
            _ => None,
        },
    }
}

/// Keys no screen took: help and quit.
fn global_key(scope: Scope, key: &KeyEvent, ctx: &mut Ctx, unsaved: bool) -> Option<Outcome> {
    match ctx.keymap.action(scope, key)? {
        Action::Help => Some(Outcome::Open(Popup::Help { scroll: 0 })),
        Action::Quit => Some(quit(ctx, unsaved)),
        _ => None,
    }
}

/// Ctrl-Q: quits at once, or asks first when a form holds unsaved changes.
fn quit(ctx: &Ctx, unsaved: bool) -> Outcome {
    if unsaved {
        Outcome::Open(Popup::Confirm {
            question: ctx.texts().confirm_quit_unsaved.to_owned(),
            yes: Command::Quit,
        })
    } else {
        Outcome::Run(Command::Quit)
    }
}
