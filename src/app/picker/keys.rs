//! A picker's keys and the answers to its writes: what they ask the app
//! to do, as an [`Outcome`].

use ratatui::crossterm::event::KeyEvent;

use super::{PAGE, PickerState};
use crate::api::ApiError;
use crate::app::dialog::{DialogKind, DialogState};
use crate::app::outcome::Outcome;
use crate::app::popup::Popup;
use crate::app::vocab::{Command, Confirm, DictKey, Failed};
use crate::app::write::{WriteAnswer, WriteOp};
use crate::app::{Ctx, RequestId};
use crate::keymap::{Action, Scope};

impl PickerState {
    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Outcome {
        let action = ctx.keymap.action(Scope::Picker, key);
        if action.is_some_and(|a| !matches!(a, Action::Back | Action::Help | Action::Quit)) {
            // Enter, the arrows, Ins, Delete...: on the full ranking.
            self.finish();
        }
        match action {
            Some(Action::Back) => return Outcome::ClosePopup,
            Some(Action::Choose) => {
                if self.loaded && self.unchosen() {
                    self.empty_enter = true;
                    return Outcome::Taken;
                }
                if let Some(choice) = self.selected_choice() {
                    return Outcome::Chosen(self.target, choice.clone());
                }
                if self.held {
                    // Only scattered matches: no such name; the picker says
                    // so and offers Ins or a pick with ↓.
                    self.no_such_name = true;
                } else if self.error.is_some() {
                    // Enter on a failed list tries again.
                    ctx.ensure_dict(self.key.clone());
                    self.error = None;
                } else if !self.loaded {
                    // Typed ahead of the list: the Enter is kept, not lost.
                    self.choose_when_loaded = true;
                }
            }
            Some(Action::Up) => self.step(-1),
            Some(Action::Down) => self.step(1),
            Some(Action::PageUp) => self.step(-(PAGE as isize)),
            Some(Action::PageDown) => self.step(PAGE as isize),
            Some(Action::Home) => self.step(isize::MIN),
            Some(Action::End) => self.step(isize::MAX),
            Some(Action::Add) if self.target.editable() && self.loaded => {
                let kind = match &self.key {
                    DictKey::Cities { country_id } => DialogKind::AddCity {
                        country_id: country_id.clone(),
                    },
                    DictKey::Streets { city_id } => DialogKind::AddStreet {
                        city_id: city_id.clone(),
                    },
                    _ => return Outcome::Taken,
                };
                let dialog = DialogState::new(kind, self.query.value(), "");
                return Outcome::Open(Popup::Dialog(Box::new(dialog)));
            }
            Some(Action::Rename) if self.target.editable() => {
                let Some(choice) = self.selected_choice().cloned() else {
                    return Outcome::Taken;
                };
                let kind = match &self.key {
                    DictKey::Cities { country_id } => DialogKind::RenameCity {
                        country_id: country_id.clone(),
                        city_id: choice.id.clone(),
                    },
                    DictKey::Streets { city_id } => DialogKind::EditStreet {
                        city_id: city_id.clone(),
                        street_id: choice.id.clone(),
                    },
                    _ => return Outcome::Taken,
                };
                let dialog = DialogState::new(kind, &choice.name, &choice.extra);
                return Outcome::Open(Popup::Dialog(Box::new(dialog)));
            }
            Some(Action::Delete) if self.target.editable() => {
                let Some(choice) = self.selected_choice().cloned() else {
                    return Outcome::Taken;
                };
                let confirm = match &self.key {
                    DictKey::Cities { country_id } => Confirm::DeleteCity {
                        country_id: country_id.clone(),
                        city_id: choice.id,
                        name: choice.name,
                    },
                    DictKey::Streets { city_id } => Confirm::DeleteStreet {
                        city_id: city_id.clone(),
                        street_id: choice.id,
                        name: choice.name,
                    },
                    _ => return Outcome::Taken,
                };
                return Outcome::Open(Popup::Confirm(confirm));
            }
            Some(Action::Help | Action::Quit) => return Outcome::NotTaken,
            _ => {
                let before = self.query.value().to_owned();
                if self.query.handle_key(key) && self.query.value() != before {
                    self.refilter();
                }
            }
        }
        Outcome::Taken
    }

    /// Runs a confirmed delete of the selected city or street.
    pub fn run(&mut self, command: Command, ctx: &mut Ctx) {
        let op = match command {
            Command::DeleteCity { city_id, .. } => WriteOp::DeleteCity { city_id },
            Command::DeleteStreet { street_id, .. } => WriteOp::DeleteStreet { street_id },
            _ => return,
        };
        self.busy = Some(ctx.write(self.owner, op));
    }

    /// The answer to a delete: the entry leaves the cache (and the form,
    /// if chosen there).
    pub fn written(
        &mut self,
        req: RequestId,
        result: &Result<WriteAnswer, ApiError>,
        ctx: &mut Ctx,
    ) -> Outcome {
        if self.busy.take_if(|r| *r == req).is_none() {
            return Outcome::Taken;
        }
        match result {
            Ok(WriteAnswer::Deleted(id)) => {
                self.let_go(ctx.dicts);
                ctx.dicts.remove(&self.key, id, ctx.clock.since_start);
                Outcome::Removed(self.target, id.clone())
            }
            Ok(_) => Outcome::Taken,
            Err(error) => {
                ctx.show_error_of(Failed::Delete, error);
                Outcome::Taken
            }
        }
    }
}
