//! A city or street dialog's keys and the answer to its save, as an
//! [`Outcome`].

use ratatui::crossterm::event::KeyEvent;

use super::{DialogKind, DialogState};
use crate::api::ApiError;
use crate::app::outcome::Outcome;
use crate::app::vocab::Choice;
use crate::app::write::{WriteAnswer, WriteOp};
use crate::app::{Ctx, RequestId};
use crate::keymap::{Action, Scope};

impl DialogState {
    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Outcome {
        let fields = if self.kind.has_postcode() { 2 } else { 1 };
        match ctx.keymap.action(Scope::Dialog, key) {
            Some(Action::Back) => {
                if self.saving.is_none() {
                    return Outcome::ClosePopup;
                }
            }
            Some(Action::NextField) => self.focus = (self.focus + 1) % fields,
            Some(Action::PrevField) => self.focus = (self.focus + fields - 1) % fields,
            Some(Action::Save) => self.save(ctx),
            Some(Action::Help | Action::Quit) => return Outcome::NotTaken,
            _ => {
                let field = if self.focus == 0 {
                    &mut self.name
                } else {
                    &mut self.postcode
                };
                if field.handle_key(key) {
                    self.problem = self.check();
                }
            }
        }
        Outcome::Taken
    }

    fn save(&mut self, ctx: &mut Ctx) {
        if self.saving.is_some() {
            return;
        }
        self.problem = self.check();
        if self.problem.is_some() {
            return;
        }
        let name = self.name.value().trim().to_owned();
        let post_code = self.postcode.value().trim().to_owned();
        let op = match &self.kind {
            DialogKind::AddCity { country_id } => WriteOp::CreateCity {
                country_id: country_id.clone(),
                name,
            },
            DialogKind::RenameCity { city_id, .. } => WriteOp::RenameCity {
                city_id: city_id.clone(),
                name,
            },
            DialogKind::AddStreet { city_id } => WriteOp::CreateStreet {
                city_id: city_id.clone(),
                name,
                post_code,
            },
            DialogKind::EditStreet { street_id, .. } => WriteOp::UpdateStreet {
                street_id: street_id.clone(),
                name,
                post_code,
            },
        };
        self.error = None;
        self.saving = Some(ctx.write(self.owner, op));
    }

    /// The answer to the dialog's save: patches the cache from it, because
    /// the server's GET may serve the old list for a minute.
    pub fn written(
        &mut self,
        req: RequestId,
        result: &Result<WriteAnswer, ApiError>,
        ctx: &mut Ctx,
    ) -> Outcome {
        if self.saving.take_if(|r| *r == req).is_none() {
            return Outcome::Taken;
        }
        let key = self.kind.key();
        let choice = match result {
            Ok(WriteAnswer::City(city)) => {
                ctx.dicts
                    .upsert_entry(&key, city.clone(), ctx.clock.since_start);
                Choice {
                    id: city.id.clone(),
                    name: crate::text::sanitize(&city.name),
                    extra: String::new(),
                }
            }
            Ok(WriteAnswer::Street(street)) => {
                ctx.dicts
                    .upsert_street(&key, street.clone(), ctx.clock.since_start);
                Choice {
                    id: street.id.clone(),
                    name: crate::text::sanitize(&street.name),
                    extra: crate::text::sanitize(&street.post_code),
                }
            }
            Ok(_) => return Outcome::Taken,
            Err(error) => {
                self.error = Some(error.clone());
                return Outcome::Taken;
            }
        };
        // A new entry is chosen in the picker (the dialog closes with
        // it); a renamed one stays in the picker, the dialog closes.
        if self.kind.is_add() {
            Outcome::Chosen(self.kind.target(), choice)
        } else {
            Outcome::Renamed(self.kind.target(), choice)
        }
    }
}
