//! Keys typed ahead of a screen: every key typed while a picker's list is
//! still coming after an Enter, or while a card loads, is kept in order and
//! applied to the screen it was typed for once that screen is there (`твер`
//! Enter `7` in a street picker still loading chooses Тверская and puts 7 in
//! «Дом»; `3a` typed while a card loads opens its new address). Keys meant
//! for a screen that never comes (no such name, the load failed, Esc) are
//! dropped with a notice, never typed into another field. Esc, Ctrl-Q, F1
//! and the take-call key act at once and are never kept.

use ratatui::crossterm::event::KeyEvent;

use super::popup::Popup;
use super::vocab::Notice;
use super::{App, Ctx, Effect, Msg, Screen};
use crate::keymap::{Action, Keymap, Scope};

/// What keys typed ahead wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaited {
    /// A picker chooses when its list arrives (an Enter typed while it
    /// loaded): the keys go to the form.
    Choice,
    /// A card is loading from the lookup: the keys go to the card.
    Card,
}

/// The keys kept, and what they wait for.
#[derive(Debug, Default)]
pub struct TypedAhead {
    keys: Vec<KeyEvent>,
    waits_for: Option<Awaited>,
    /// An Esc gave up what the keys waited for.
    given_up: bool,
}

impl TypedAhead {
    /// Keeps `key` when something is awaited and the key is not one that
    /// acts at once; whether it was kept.
    pub fn keep(&mut self, key: &KeyEvent, awaited: Option<Awaited>, keymap: &Keymap) -> bool {
        let Some(awaited) = awaited else {
            return false;
        };
        let global = keymap.action(Scope::Global, key);
        // The keys that open the desk's own lists (waiting calls, the call
        // log, the drafts) are not typed for the screen awaited either.
        if matches!(
            global,
            Some(
                Action::Quit
                    | Action::Help
                    | Action::TakeCall
                    | Action::WaitingCalls
                    | Action::CallLog
                    | Action::Drafts
            )
        ) {
            return false;
        }
        let scope = match awaited {
            Awaited::Choice => Scope::Picker,
            Awaited::Card => Scope::Lookup,
        };
        if keymap.action(scope, key) == Some(Action::Back) {
            self.given_up = !self.keys.is_empty();
            return false;
        }
        self.waits_for = Some(awaited);
        self.keys.push(*key);
        true
    }
}

impl App {
    /// What keys typed now would wait for.
    pub(super) fn awaited(&self) -> Option<Awaited> {
        // A popup over what is awaited (a question, a list) takes the keys.
        let choosing = matches!(self.popups.last(),
            Some(Popup::Picker(p)) if p.choose_when_loaded && p.error.is_none());
        if choosing {
            return Some(Awaited::Choice);
        }
        let loading = self.popups.is_empty()
            && matches!(self.screens.last(),
                Some(Screen::Lookup(l)) if l.pending.is_some() || l.enter_waiting);
        loading.then_some(Awaited::Card)
    }

    /// Once nothing is awaited any more: the keys kept go to the screen they
    /// were typed for if it came, else they are dropped with a notice.
    pub(super) fn release_typed_ahead(&mut self) -> Vec<Effect> {
        if self.ahead.keys.is_empty() || self.awaited().is_some() {
            return Vec::new();
        }
        let keys = std::mem::take(&mut self.ahead.keys);
        let given_up = std::mem::take(&mut self.ahead.given_up);
        let came = match self.ahead.waits_for.take() {
            Some(Awaited::Choice) => !self.popups.iter().any(|p| matches!(p, Popup::Picker(_))),
            Some(Awaited::Card) => matches!(self.screens.last(), Some(Screen::Card(_))),
            None => false,
        };
        if came && !given_up {
            return keys
                .into_iter()
                .flat_map(|key| self.update(Msg::Key(key)))
                .collect();
        }
        let mut ctx = Ctx::new(&mut self.shared);
        ctx.notify(Notice::KeysDropped { keys: keys.len() });
        let (effects, popups) = ctx.finish();
        self.popups.extend(popups);
        effects
    }
}
