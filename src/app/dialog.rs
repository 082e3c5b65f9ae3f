//! The dialog that adds, renames or edits a city or street from a picker.

mod keys;

use super::RequestId;
use super::field::TextField;
use super::owners::OwnerId;
use super::vocab::{DictKey, PickerTarget};
use crate::api::ApiError;

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

    pub fn paste(&mut self, text: &str) {
        let field = if self.focus == 0 {
            &mut self.name
        } else {
            &mut self.postcode
        };
        field.paste(text);
        self.problem = self.check();
    }
}
