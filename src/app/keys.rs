//! A key, from the terminal to its outcome: the desk's own keys first
//! (take a call, the call log, the drafts, the waiting calls, the quit
//! questions), then the popup or the screen on top, then help and quit.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::calls::CallQueue;
use super::outcome::{Nav, Outcome};
use super::park::Parked;
use super::popup::WaitingList;
use super::popup_keys::{global_key, popup_key};
use super::vocab::Confirm;
use super::{App, Ctx, Effect, Popup, Screen, calls_screen, input, restore};
use crate::keymap::{Action, Scope};

impl App {
    /// Applies one key; returns the effects to run.
    pub(super) fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // An Alt-letter nothing is bound to is Esc, then the letter.
        if let Some([esc, letter]) =
            input::unbound_alt_letter(&key, &self.shared.keymap, self.scope())
        {
            let mut effects = self.key(esc);
            effects.extend(self.key(letter));
            return effects;
        }
        if key.kind != KeyEventKind::Release {
            let awaited = self.awaited();
            if self.ahead.keep(&key, awaited, &self.shared.keymap) {
                return Vec::new();
            }
        }
        let unsaved = self.has_unsaved_changes();
        let scope_now = self.scope();
        let scope = self.screen_scope();
        let help_lines = self.help_lines();
        let mut ctx = Ctx::new(&mut self.shared);
        let outcome = if key.kind == KeyEventKind::Release {
            Outcome::Taken
        } else if let Some(outcome) = desk_key(
            Desk {
                popups: &self.popups,
                screens: &self.screens,
                calls: &self.calls,
                parked: &self.parked,
            },
            &key,
            scope_now,
            unsaved,
            &mut ctx,
        ) {
            outcome
        } else if let Some(Popup::Waiting(list)) = self.popups.last_mut() {
            list.key(&self.calls, &key, &mut ctx, unsaved)
        } else if let Some(Popup::Drafts(offer)) = self.popups.last_mut() {
            let outcome = restore::offer_key(offer, &key, &mut ctx, unsaved);
            for effect in &ctx.effects {
                if let Effect::RemoveDraft(key) = effect {
                    self.parked.forget(key);
                }
            }
            outcome
        } else if let Some(popup) = self.popups.last_mut() {
            popup_key(popup, &key, &mut ctx, unsaved, help_lines)
        } else {
            let outcome = match self.screens.last_mut() {
                Some(Screen::Lookup(s)) => s.handle_key(&key, &mut ctx),
                Some(Screen::Card(s)) => s.handle_key(&key, &mut ctx),
                Some(Screen::Form(s)) => s.handle_key(&key, &mut ctx),
                Some(Screen::Calls(s)) => s.handle_key(&key, &self.calls.desk, &mut ctx),
                None => Outcome::NotTaken,
            };
            match outcome {
                Outcome::NotTaken => global_key(scope, &key, &mut ctx, unsaved),
                other => other,
            }
        };
        let clock = ctx.clock;
        let (effects, popups) = ctx.finish();
        self.conclude(clock, effects, popups, vec![(None, outcome)], unsaved)
    }
}

/// The desk's own keys, before the popup or screen on top: with no popup
/// open, take a call (F2), the call log (F7), the drafts and the waiting
/// calls; leaving with callers waiting or with forms parked asks first.
/// What the desk's keys look at.
struct Desk<'a> {
    popups: &'a [Popup],
    screens: &'a [Screen],
    calls: &'a CallQueue,
    parked: &'a Parked,
}

fn desk_key(
    app: Desk,
    key: &KeyEvent,
    scope_now: Scope,
    unsaved: bool,
    ctx: &mut Ctx,
) -> Option<Outcome> {
    let global = ctx.keymap.action(Scope::Global, key);
    if app.popups.is_empty() {
        match global {
            Some(Action::TakeCall) => return Some(Outcome::TakeCall(None)),
            Some(Action::CallLog) => {
                return Some(if matches!(app.screens.last(), Some(Screen::Calls(_))) {
                    Outcome::Taken
                } else {
                    let screen = calls_screen::CallsScreen::open(false, ctx);
                    Outcome::Go(Nav::Push(Screen::Calls(screen)))
                });
            }
            Some(Action::Drafts) => return Some(Outcome::Open(app.parked.list())),
            Some(Action::WaitingCalls) => {
                return Some(Outcome::Open(Popup::Waiting(WaitingList::default())));
            }
            _ => {}
        }
    }
    if ctx.keymap.action(scope_now, key) != Some(Action::Quit) {
        return None;
    }
    // Leaving with callers waiting asks first (a letter says yes).
    if !app.calls.calls.is_empty()
        && !matches!(
            app.popups.last(),
            Some(Popup::Confirm(Confirm::QuitCallsWaiting { .. }))
        )
    {
        return Some(Outcome::Open(Popup::Confirm(Confirm::QuitCallsWaiting {
            calls: app.calls.calls.len(),
            unsaved,
        })));
    }
    // Leaving with parked forms says they are kept.
    let parked = app.parked.drafts.iter().filter(|d| d.age.is_zero()).count();
    if !unsaved && parked > 0 && !matches!(app.popups.last(), Some(Popup::Confirm(_))) {
        return Some(Outcome::Open(Popup::Confirm(Confirm::QuitKeepsParked {
            forms: parked,
        })));
    }
    None
}
