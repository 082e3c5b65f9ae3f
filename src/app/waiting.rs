//! The list of waiting calls (a popup): every call on the banner with how
//! long it has been ringing; any one can be taken.

use ratatui::crossterm::event::KeyEvent;

use super::Ctx;
use super::calls::CallQueue;
use super::outcome::{Outcome, global_key};
use super::vocab::CallId;
use crate::keymap::{Action, Scope};

/// The waiting list: which call is chosen (an index into the queue, kept
/// within it as calls come and go).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WaitingList {
    pub selected: usize,
}

/// What a key on the waiting list asks for.
pub(super) enum WaitingOutcome {
    Stay,
    Close,
    Take(CallId),
    /// Help or quit.
    Other(Outcome),
}

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
    ) -> WaitingOutcome {
        let last = queue.calls.len().saturating_sub(1);
        self.selected = self.chosen(queue);
        match ctx.keymap.action(Scope::Picker, key) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Home) => self.selected = 0,
            Some(Action::End) => self.selected = last,
            Some(Action::Choose) => {
                return match queue.calls.get(self.selected) {
                    Some(call) => WaitingOutcome::Take(call.id),
                    None => WaitingOutcome::Close,
                };
            }
            Some(Action::Back | Action::WaitingCalls) => return WaitingOutcome::Close,
            _ => {
                return match global_key(Scope::Picker, key, ctx, unsaved) {
                    Some(o) => WaitingOutcome::Other(o),
                    None => WaitingOutcome::Stay,
                };
            }
        }
        WaitingOutcome::Stay
    }
}
