//! The calls screen's keys, as an [`Outcome`].

use ratatui::crossterm::event::KeyEvent;

use super::{CallsScreen, PAGE};
use crate::app::outcome::{Nav, Outcome};
use crate::app::{Ctx, Effect};
use crate::keymap::{Action, Scope};

impl CallsScreen {
    /// A key of the calls screen; `desk` is this desk's name (who called
    /// back).
    pub(in crate::app) fn handle_key(
        &mut self,
        key: &KeyEvent,
        desk: &str,
        ctx: &mut Ctx,
    ) -> Outcome {
        let last = self.rows.len().saturating_sub(1);
        match ctx.keymap.action(Scope::Calls, key) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(PAGE),
            Some(Action::PageDown) => self.selected = (self.selected + PAGE).min(last),
            Some(Action::Home) => self.selected = 0,
            Some(Action::End) => self.selected = last,
            Some(Action::MissedOnly) => {
                self.missed_only = !self.missed_only;
                self.selected = 0;
                self.load(ctx);
            }
            Some(Action::Reload) => self.load(ctx),
            Some(Action::CalledBack) => self.called_back(desk, ctx),
            // Dialling a missed call marks it called back: another desk's
            // log then shows it is being called.
            Some(Action::CallBack) => {
                if let Some(number) = self.chosen().and_then(|r| r.canonical.clone()) {
                    ctx.effects.push(Effect::Dial { number });
                    self.called_back(desk, ctx);
                }
            }
            Some(Action::Open) => {
                if let Some(row) = self.chosen() {
                    return Outcome::FollowCall(Box::new(row.clone()));
                }
            }
            Some(Action::Back) => return Outcome::Go(Nav::Pop),
            _ => return Outcome::NotTaken,
        }
        Outcome::Taken
    }
}
