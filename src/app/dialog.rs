//! The dialog that adds, renames or edits a city or street from a picker.

use ratatui::crossterm::event::KeyEvent;

use super::field::TextField;
use super::outcome::Outcome;
use super::vocab::{Choice, DictKey, PickerTarget};
use super::write::{WriteAnswer, WriteOp};
use super::{Ctx, OwnerId, RequestId};
use crate::api::ApiError;
use crate::keymap::{Action, Scope};

/// What the dialog does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    AddCity { country_id: String },
    RenameCity { country_id: String, city_id: String },
    AddStreet { city_id: String },
    EditStreet { city_id: String, street_id: String },
}

impl DialogKind {
    /// Whether the dialog has a postcode field.
    pub fn has_postcode(&self) -> bool {
        matches!(self, Self::AddStreet { .. } | Self::EditStreet { .. })
    }

    pub fn is_add(&self) -> bool {
        matches!(self, Self::AddCity { .. } | Self::AddStreet { .. })
    }

    fn target(&self) -> PickerTarget {
        if self.has_postcode() {
            PickerTarget::Street
        } else {
            PickerTarget::City
        }
    }

    fn key(&self) -> DictKey {
        match self {
            Self::AddCity { country_id } | Self::RenameCity { country_id, .. } => DictKey::Cities {
                country_id: country_id.clone(),
            },
            Self::AddStreet { city_id } | Self::EditStreet { city_id, .. } => DictKey::Streets {
                city_id: city_id.clone(),
            },
        }
    }
}

/// The first letter upper-cased: a name typed as a search ("тверская")
/// goes into the CRM's list as a name ("Тверская").
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What is wrong with the dialog's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogProblem {
    NameRequired,
    NameTooLong,
    PostcodeTooLong,
}

/// The dialog's state.
#[derive(Debug)]
pub struct DialogState {
    /// Names this popup to the requests it makes: their answers come
    /// here (see [`super::owners`]).
    pub owner: OwnerId,
    pub kind: DialogKind,
    pub name: TextField,
    pub postcode: TextField,
    /// 0: name, 1: postcode.
    pub focus: usize,
    pub saving: Option<RequestId>,
    pub error: Option<ApiError>,
    pub problem: Option<DialogProblem>,
}

impl DialogState {
    pub fn new(kind: DialogKind, name: &str, postcode: &str) -> Self {
        Self {
            owner: OwnerId::fresh(),
            kind,
            name: TextField::with_value(&capitalized(name.trim())),
            postcode: TextField::with_value(postcode),
            focus: 0,
            saving: None,
            error: None,
            problem: None,
        }
    }

    fn check(&self) -> Option<DialogProblem> {
        let name = self.name.value().trim();
        if name.is_empty() {
            Some(DialogProblem::NameRequired)
        } else if name.chars().count() > 100 {
            Some(DialogProblem::NameTooLong)
        } else if self.postcode.value().trim().chars().count() > 10 {
            Some(DialogProblem::PostcodeTooLong)
        } else {
            None
        }
    }

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

    pub fn paste(&mut self, text: &str) {
        let field = if self.focus == 0 {
            &mut self.name
        } else {
            &mut self.postcode
        };
        field.paste(text);
        self.problem = self.check();
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
