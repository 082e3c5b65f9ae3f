//! A draft as data: what one file holds (versioned JSON, never the `sid`),
//! its file name, and the list offered at start. Building a draft from a
//! form and a form from a draft is `super`'s (`Draft::of`, `Draft::form`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::app::vocab::{Choice, FieldId, PersonName};

/// The format's version; a file of another version is not read.
pub const VERSION: u32 = 1;

/// Which form a draft is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum DraftForm {
    MainData,
    NewClient,
    /// `contact_id` None: a new contact.
    Contact {
        contact_id: Option<String>,
    },
    /// `address_id` None: a new address.
    Address {
        address_id: Option<String>,
    },
}

/// One field as it was: the value when the form opened, and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftField {
    pub field: FieldId,
    /// The value when the form opened (text, or the chosen id).
    pub original: String,
    /// A text field's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A picker field's choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<Choice>,
}

/// A form's state, as one JSON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    /// Seconds since 1970 when it was written.
    pub saved_at: u64,
    /// Which CRM the client is in ("demo", or host and object): a draft is
    /// offered only against the CRM it was typed for.
    #[serde(default)]
    pub crm: String,
    /// When the form's save went out (seconds since 1970) with no answer
    /// yet: taken back, it says so and asks before saving again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<u64>,
    /// The client the form is on (none for a new client).
    pub client_id: Option<String>,
    /// The client's name as the card showed it.
    pub client_name: PersonName,
    #[serde(flatten)]
    pub form: DraftForm,
    pub fields: Vec<DraftField>,
    /// A new client's contacts and addresses.
    #[serde(default)]
    pub contacts: Vec<Vec<DraftField>>,
    #[serde(default)]
    pub addresses: Vec<Vec<DraftField>>,
}

impl Draft {
    /// The file's name (without the directory): one file per form, so that
    /// the same form typed again replaces its draft.
    pub fn key(&self) -> String {
        let id = |s: &Option<String>| match s {
            Some(s) => safe(s),
            None => "new".to_owned(),
        };
        let client = id(&self.client_id);
        match &self.form {
            DraftForm::MainData => format!("main-{client}"),
            DraftForm::NewClient => "new-client".to_owned(),
            DraftForm::Contact { contact_id } => format!("contact-{client}-{}", id(contact_id)),
            DraftForm::Address { address_id } => format!("address-{client}-{}", id(address_id)),
        }
    }

    /// Whether two drafts hold the same (the time of writing aside).
    pub(crate) fn same_as(&self, other: &Self) -> bool {
        Self {
            saved_at: other.saved_at,
            ..self.clone()
        } == *other
    }
}

/// A file name part made of an id: letters, digits, `-` and `_` only.
fn safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect()
}

/// The most bytes a draft file may have.
pub const MAX_BYTES: u64 = 64 * 1024;

/// A draft offered at start, and how old it was then.
#[derive(Debug, Clone, PartialEq)]
pub struct Offered {
    pub draft: Draft,
    pub age: Duration,
}

/// The list of drafts offered at start.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftOffer {
    pub drafts: Vec<Offered>,
    pub selected: usize,
}
