//! Which keys work where: the scope of the popup or screen on top, whether
//! an action applies there (the footer shows only those), and the help's
//! scopes and length.

use super::{App, Popup, Screen};
use crate::keymap::{Action, Scope};

impl App {
    /// The scope whose keys work right now (for the footer and help).
    pub fn scope(&self) -> Scope {
        match self.popups.last() {
            Some(Popup::Confirm { .. }) => Scope::Confirm,
            Some(Popup::Picker(_)) => Scope::Picker,
            Some(Popup::Dialog(_)) => Scope::Dialog,
            Some(Popup::Help { .. }) => Scope::Help,
            Some(Popup::Message(_)) => Scope::Global,
            Some(Popup::Drafts(_) | Popup::Waiting(_)) => Scope::Picker,
            None => self.screen_scope(),
        }
    }

    /// Whether an action of the current scope does something where the
    /// operator is (the footer shows only those).
    pub fn applies(&self, action: Action) -> bool {
        if action == Action::Drafts {
            return self.popups.is_empty() && !self.parked.drafts.is_empty();
        }
        if action == Action::CallLog {
            return self.popups.is_empty() && !matches!(self.screen(), Screen::Calls(_));
        }
        if matches!(action, Action::TakeCall | Action::WaitingCalls) {
            return self.popups.is_empty() && self.calls.front().is_some();
        }
        match (self.popups.last(), self.screen()) {
            (None, Screen::Card(card)) => card.applies(action),
            (None, Screen::Form(form)) => form.applies(action),
            (Some(Popup::Picker(p)), _) => p.applies(action),
            (Some(Popup::Waiting(_)), _) => matches!(
                action,
                Action::Choose | Action::Up | Action::Down | Action::Home | Action::End
            ),
            // The drafts list takes Enter, ↑ ↓ and Delete (`restore::offer_key`).
            (Some(Popup::Drafts(_)), _) => matches!(
                action,
                Action::Choose
                    | Action::Up
                    | Action::Down
                    | Action::Delete
                    | Action::Quit
                    | Action::Help
            ),
            _ => true,
        }
    }

    /// The scope of the screen on top, popups aside.
    pub fn screen_scope(&self) -> Scope {
        match self.screen() {
            Screen::Lookup(l) => l.scope(),
            Screen::Card(_) => Scope::Card,
            Screen::Form(_) => Scope::Form,
            Screen::Calls(_) => Scope::Calls,
        }
    }

    /// The scopes the help lists, in order: the one the operator is in
    /// first, then the others that have keys.
    pub fn help_scopes(&self) -> Vec<Scope> {
        let current = match self
            .popups
            .iter()
            .rev()
            .find(|p| !matches!(p, Popup::Help { .. }))
        {
            Some(Popup::Picker(_)) => Scope::Picker,
            Some(Popup::Dialog(_)) => Scope::Dialog,
            _ => self.screen_scope(),
        };
        let mut order = vec![current];
        for scope in [
            Scope::Lookup,
            Scope::LookupList,
            Scope::Card,
            Scope::Form,
            Scope::Calls,
            Scope::Picker,
            Scope::Dialog,
            Scope::Confirm,
            Scope::Help,
            Scope::Global,
        ] {
            if !order.contains(&scope) {
                order.push(scope);
            }
        }
        order.retain(|&s| self.shared.keymap.scope(s).next().is_some());
        order
    }

    /// How many lines the help has: per scope a heading, its keys and a
    /// blank line, then three closing lines. The help scrolls within them.
    pub fn help_lines(&self) -> usize {
        self.help_scopes()
            .iter()
            .map(|&s| self.shared.keymap.scope(s).count() + 2)
            .sum::<usize>()
            + 3
    }
}
