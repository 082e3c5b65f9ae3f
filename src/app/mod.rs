//! The application state and its one `update` function.
//!
//! `update` is synchronous: it changes state and returns effects as data,
//! which the executor runs. Drawing reads the state through `&App`.

pub mod card;
pub mod command;
pub mod dicts;
pub mod effect;
pub mod field;
pub mod lookup;
pub mod msg;
pub mod popup;

use std::time::Instant;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub use card::{CardScreen, Section};
pub use command::Command;
pub use dicts::{DictCache, DictData, DictKey, DictState};
pub use effect::{Effect, RequestId};
pub use lookup::LookupScreen;
pub use msg::Msg;
pub use popup::{Message, Popup};

use crate::dates::Date;
use crate::i18n::{Lang, Texts};
use crate::keymap::{Action, Keymap, Scope};
use crate::recent::RecentList;

/// One screen of the screen stack.
#[derive(Debug, Clone)]
pub enum Screen {
    Lookup(LookupScreen),
    Card(CardScreen),
}

/// Where a screen asks to go.
#[derive(Debug, Clone)]
pub enum Nav {
    Push(Screen),
    /// Replace the top screen.
    Replace(Screen),
    Pop,
}

/// What the app is started with.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
        *self.next_request += 1;
        RequestId(*self.next_request)
    }

    pub fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// Starts loading a dictionary unless it is fresh or loading already.
    pub fn ensure_dict(&mut self, key: DictKey) {
        let next = &mut *self.next_request;
        self.dicts.ensure(
            key,
            self.now,
            || {
                *next += 1;
                RequestId(*next)
            },
            &mut self.effects,
        );
    }

    /// Shows an API error as a message popup.
    pub fn show_error(&mut self, error: &crate::api::ApiError) {
        let text = crate::i18n::describe_error(error, self.lang);
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
            Some(_) => Scope::Global,
            None => match self.screen() {
                Screen::Lookup(l) => l.scope(),
                Screen::Card(_) => Scope::Card,
            },
        }
    }

    /// Whether a request is under way (the spinner turns).
    pub fn is_busy(&self) -> bool {
        self.screens.iter().any(|s| match s {
            Screen::Lookup(l) => l.pending.is_some(),
            Screen::Card(c) => c.reloading.is_some(),
        })
    }

    /// Whether leaving now would drop something the operator typed.
    pub fn has_unsaved_changes(&self) -> bool {
        false
    }

    /// The effects to run at start: the small dictionaries every form needs.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        let now = Instant::now();
        for key in [
            DictKey::ContactTypes,
            DictKey::AddressTypes,
            DictKey::Countries,
        ] {
            let next = &mut self.next_request;
            let request = || {
                *next += 1;
                RequestId(*next)
            };
            self.dicts.ensure(key, now, request, &mut effects);
        }
        effects
    }

    /// Applies one message; returns the effects to run.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let unsaved = self.has_unsaved_changes();
        let mut ctx = Ctx {
            keymap: &self.keymap,
            lang: self.lang,
            today: self.today,
            recent: &mut self.recent,
            dicts: &mut self.dicts,
            now: Instant::now(),
            effects: Vec::new(),
            popups: Vec::new(),
            nav: None,
            next_request: &mut self.next_request,
        };
        let mut command = None;
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(popup) = self.popups.last_mut() {
                    command = popup_key(popup, &key, &mut ctx);
                } else {
                    let handled = match self.screens.last_mut() {
                        Some(Screen::Lookup(s)) => s.handle_key(&key, &mut ctx),
                        Some(Screen::Card(s)) => s.handle_key(&key, &mut ctx),
                        None => false,
                    };
                    if !handled {
                        let scope = match self.screens.last() {
                            Some(Screen::Lookup(l)) => l.scope(),
                            _ => Scope::Card,
                        };
                        command = global_key(scope, &key, &mut ctx, unsaved);
                    }
                }
            }
            Msg::Key(_) | Msg::Resize => {}
            Msg::Paste(text) => {
                if self.popups.is_empty()
                    && let Some(Screen::Lookup(s)) = self.screens.last_mut()
                {
                    s.paste(&text, &mut ctx);
                }
            }
            Msg::Tick => self.spinner = self.spinner.wrapping_add(1),
            Msg::ClientLoaded { req, result } => {
                for screen in &mut self.screens {
                    match screen {
                        Screen::Lookup(s) => s.client_loaded(req, &result, &mut ctx),
                        Screen::Card(s) => s.client_loaded(req, &result, &mut ctx),
                    }
                }
            }
            Msg::DictLoaded { req, key, result } => {
                ctx.dicts.loaded(req, &key, result, ctx.now);
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
        let Ctx {
            effects,
            popups,
            nav,
            ..
        } = ctx;
        match command {
            Some(PopupOutcome::Close) => {
                self.popups.pop();
            }
            Some(PopupOutcome::Run(Command::Quit)) => {
                self.popups.clear();
                self.quit = true;
            }
            Some(PopupOutcome::Open(popup)) => self.popups.push(popup),
            None => {}
        }
        self.popups.extend(popups);
        match nav {
            Some(Nav::Push(screen)) => self.screens.push(screen),
            Some(Nav::Replace(screen)) => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                }
                self.screens.push(screen);
            }
            Some(Nav::Pop) if self.screens.len() > 1 => {
                self.screens.pop();
                if let Some(Screen::Lookup(l)) = self.screens.last_mut() {
                    l.refilter(&self.recent);
                }
            }
            Some(Nav::Pop) | None => {}
        }
        let mut effects = effects;
        if self.quit {
            effects.push(Effect::Quit);
        }
        effects
    }
}

/// What a key did to the popup on top.
enum PopupOutcome {
    Close,
    Open(Popup),
    Run(Command),
}

fn popup_key(popup: &mut Popup, key: &KeyEvent, ctx: &mut Ctx) -> Option<PopupOutcome> {
    match popup {
        Popup::Confirm { yes, .. } => match ctx.keymap.action(Scope::Confirm, key)? {
            Action::Yes => Some(PopupOutcome::Run(yes.clone())),
            Action::No | Action::Back => Some(PopupOutcome::Close),
            Action::Quit => Some(PopupOutcome::Run(Command::Quit)),
            _ => None,
        },
        Popup::Help { scroll } => match ctx.keymap.action(Scope::LookupList, key) {
            Some(Action::Up) => {
                *scroll = scroll.saturating_sub(1);
                None
            }
            Some(Action::Down) => {
                *scroll = scroll.saturating_add(1);
                None
            }
            Some(Action::PageUp) => {
                *scroll = scroll.saturating_sub(10);
                None
            }
            Some(Action::PageDown) => {
                *scroll = scroll.saturating_add(10);
                None
            }
            _ => match ctx.keymap.action(Scope::Global, key) {
                Some(Action::Quit) => Some(PopupOutcome::Run(Command::Quit)),
                Some(Action::Back | Action::Help) => Some(PopupOutcome::Close),
                _ if key.code == ratatui::crossterm::event::KeyCode::Enter => {
                    Some(PopupOutcome::Close)
                }
                _ => None,
            },
        },
        Popup::Message(_) => match ctx.keymap.action(Scope::Global, key) {
            Some(Action::Quit) => Some(PopupOutcome::Run(Command::Quit)),
            Some(Action::Help) => Some(PopupOutcome::Open(Popup::Help { scroll: 0 })),
            Some(Action::Back) => Some(PopupOutcome::Close),
            _ if key.code == ratatui::crossterm::event::KeyCode::Enter => Some(PopupOutcome::Close),
            _ => None,
        },
    }
}

/// Keys no screen took: help and quit.
fn global_key(scope: Scope, key: &KeyEvent, ctx: &mut Ctx, unsaved: bool) -> Option<PopupOutcome> {
    match ctx.keymap.action(scope, key)? {
        Action::Help => Some(PopupOutcome::Open(Popup::Help { scroll: 0 })),
        Action::Quit if unsaved => Some(PopupOutcome::Open(Popup::Confirm {
            question: ctx.texts().confirm_quit_unsaved.to_owned(),
            yes: Command::Quit,
        })),
        Action::Quit => Some(PopupOutcome::Run(Command::Quit)),
        _ => None,
    }
}
