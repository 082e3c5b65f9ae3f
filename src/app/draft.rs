//! Drafts: every open form's state, kept on disk as it is typed so that a
//! kill, a power cut or a closed terminal loses at most the last fraction of
//! a second, and offered again at the next start.
//!
//! This module is data only: what a draft holds (versioned JSON, never the
//! `sid`), which drafts are due to be written or removed, and the list
//! offered at start. The executor writes the files (`crate::drafts`).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::form::{Field, FormKind, FormScreen, Value};
use super::vocab::{Choice, FieldId, PersonName};
use super::{Effect, Screen};

/// The format's version; a file of another version is not read.
pub const VERSION: u32 = 1;

/// How often a changing form is written at most.
pub const WRITE_EVERY: Duration = Duration::from_millis(300);

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
    /// The draft of `form`, or `None` when it holds nothing unsaved (or is
    /// a new client's contact or address: those go with the new client).
    pub fn of(form: &FormScreen, saved_at: u64) -> Option<Self> {
        if !form.is_dirty() || form.read_only {
            return None;
        }
        let (client_id, kind) = match &form.kind {
            FormKind::MainData { client_id } => (Some(client_id.clone()), DraftForm::MainData),
            FormKind::NewClient => (None, DraftForm::NewClient),
            FormKind::Contact {
                client_id,
                contact_id,
            } => (
                Some(client_id.clone()),
                DraftForm::Contact {
                    contact_id: contact_id.clone(),
                },
            ),
            FormKind::Address {
                client_id,
                address_id,
            } => (
                Some(client_id.clone()),
                DraftForm::Address {
                    address_id: address_id.clone(),
                },
            ),
            FormKind::DraftContact { .. } | FormKind::DraftAddress { .. } => return None,
        };
        Some(Self {
            version: VERSION,
            saved_at,
            crm: String::new(),
            sent_at: form.sent_at.or(form.sent_before),
            client_id,
            client_name: form.client.clone(),
            form: kind,
            fields: fields_of(&form.fields),
            contacts: form.contacts.iter().map(|c| fields_of(c)).collect(),
            addresses: form.addresses.iter().map(|a| fields_of(a)).collect(),
        })
    }

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

    /// The form again, every field as it was; `None` when the draft does
    /// not fit its form (no client for a client's form).
    pub fn form(&self) -> Option<FormScreen> {
        let client = || self.client_id.clone();
        let kind = match &self.form {
            DraftForm::MainData => FormKind::MainData {
                client_id: client()?,
            },
            DraftForm::NewClient => FormKind::NewClient,
            DraftForm::Contact { contact_id } => FormKind::Contact {
                client_id: client()?,
                contact_id: contact_id.clone(),
            },
            DraftForm::Address { address_id } => FormKind::Address {
                client_id: client()?,
                address_id: address_id.clone(),
            },
        };
        let mut form = FormScreen::restored(kind, fields_from(&self.fields));
        form.client = self.client_name.clone();
        form.sent_before = self.sent_at;
        form.contacts = self.contacts.iter().map(|c| fields_from(c)).collect();
        form.addresses = self.addresses.iter().map(|a| fields_from(a)).collect();
        Some(form)
    }

    /// Whether two drafts hold the same (the time of writing aside).
    fn same_as(&self, other: &Self) -> bool {
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

fn fields_of(fields: &[Field]) -> Vec<DraftField> {
    fields
        .iter()
        .map(|f| {
            let (text, choice) = match &f.value {
                Value::Text(t) => (Some(t.value().to_owned()), None),
                Value::Choice(c) => (None, c.clone()),
            };
            DraftField {
                field: f.id,
                original: f.original.clone(),
                text,
                choice,
            }
        })
        .collect()
}

fn fields_from(fields: &[DraftField]) -> Vec<Field> {
    fields
        .iter()
        .map(|d| {
            let mut field = if d.field.picker().is_some() {
                Field::choice(d.field, d.choice.clone())
            } else {
                let mut f = Field::text(d.field, &d.original);
                if let Value::Text(t) = &mut f.value {
                    t.set(d.text.as_deref().unwrap_or_default());
                }
                f
            };
            field.original = d.original.clone();
            field
        })
        .collect()
}

/// The drafts of the open forms: a new client's open contact or address
/// form goes into the new client's draft.
pub fn of_screens(screens: &[Screen], saved_at: u64) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    for (i, screen) in screens.iter().enumerate() {
        let Screen::Form(form) = screen else { continue };
        let mut form = form.as_ref().clone();
        if form.kind == FormKind::NewClient
            && let Some(Screen::Form(child)) = screens.get(i + 1)
            && child.is_dirty()
        {
            let list = match child.kind {
                FormKind::DraftContact { index } => Some((&mut form.contacts, index)),
                FormKind::DraftAddress { index } => Some((&mut form.addresses, index)),
                _ => None,
            };
            if let Some((list, index)) = list {
                match index {
                    Some(i) if i < list.len() => list[i] = child.fields.clone(),
                    _ => list.push(child.fields.clone()),
                }
            }
        }
        drafts.extend(Draft::of(&form, saved_at));
    }
    drafts
}

/// Which drafts are on disk from this run, and when one was last written.
#[derive(Debug, Default)]
pub struct DraftSync {
    /// The CRM this run works with (see [`Draft::crm`]).
    pub crm: String,
    written: BTreeMap<String, Draft>,
    last_write: Option<Duration>,
    /// A change waits for [`WRITE_EVERY`] to pass: the loop must tick.
    pub pending: bool,
}

impl DraftSync {
    /// The effects that bring the disk up to `drafts`: removals at once
    /// (a form saved or discarded), writes at most every [`WRITE_EVERY`]
    /// unless `now_or_never` (leaving).
    pub fn sync(&mut self, drafts: Vec<Draft>, now: Duration, force: bool) -> Vec<Effect> {
        let mut effects = Vec::new();
        let current: BTreeMap<String, Draft> = drafts
            .into_iter()
            .map(|d| {
                let d = Draft {
                    crm: self.crm.clone(),
                    ..d
                };
                (d.key(), d)
            })
            .collect();
        let gone: Vec<String> = self
            .written
            .keys()
            .filter(|k| !current.contains_key(*k))
            .cloned()
            .collect();
        for key in gone {
            self.written.remove(&key);
            effects.push(Effect::RemoveDraft(key));
        }
        let changed: Vec<(String, Draft)> = current
            .into_iter()
            .filter(|(k, d)| !self.written.get(k).is_some_and(|w| w.same_as(d)))
            .collect();
        // A save going out is written at once: a kill right after it must
        // find the mark.
        let sent = changed.iter().any(|(k, d)| {
            d.sent_at.is_some() && self.written.get(k).map(|w| w.sent_at) != Some(d.sent_at)
        });
        let due = force || sent || self.last_write.is_none_or(|t| now >= t + WRITE_EVERY);
        self.pending = !changed.is_empty() && !due;
        if due && !changed.is_empty() {
            self.last_write = Some(now);
            for (key, draft) in changed {
                self.written.insert(key.clone(), draft.clone());
                effects.push(Effect::WriteDraft {
                    key,
                    draft: Box::new(draft),
                });
            }
        }
        effects
    }

    /// Parks the drafts `keys`: their files stay on disk when their forms
    /// close (a call was taken over them), offered again later.
    pub fn park(&mut self, keys: &[String]) {
        self.written.retain(|k, _| !keys.contains(k));
    }

    /// Ctrl-Q: the operator chose to leave; this run's drafts go.
    pub fn discard_all(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.written)
            .into_keys()
            .map(Effect::RemoveDraft)
            .collect()
    }
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

#[cfg(test)]
mod tests;
