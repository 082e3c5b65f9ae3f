//! The list of waiting calls (a popup): every call on the banner with how
//! long it has been ringing; any one can be taken.

use ratatui::crossterm::event::KeyEvent;

use super::Ctx;
use super::calls::CallQueue;
use super::outcome::Outcome;
use super::popup::WaitingList;
use super::popup_keys::global_key;
use crate::keymap::{Action, Scope};

impl WaitingList {
    /// The chosen call's index, within the queue as it is now.
    pub fn chosen(&self, queue: &CallQueue) -> usize {
        self.selected.min(queue.calls.len().saturating_sub(1))
    }

    /// Up/Down choose, Enter takes, Esc closes.
    pub(super) fn key(
        &mut self,
        queue: &CallQueue,
        key: &KeyEvent,
        ctx: &mut Ctx,
        unsaved: bool,
    ) -> Outcome {
        let last = queue.calls.len().saturating_sub(1);
        self.selected = self.chosen(queue);
        match ctx.keymap.action(Scope::Picker, key) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Home) => self.selected = 0,
            Some(Action::End) => self.selected = last,
            Some(Action::Choose) => {
                return match queue.calls.get(self.selected) {
                    Some(call) => Outcome::TakeCall(Some(call.id)),
                    None => Outcome::ClosePopup,
                };
            }
            Some(Action::Back | Action::WaitingCalls) => return Outcome::ClosePopup,
            _ => return global_key(Scope::Picker, key, ctx, unsaved),
        }
        Outcome::Taken
    }
}
