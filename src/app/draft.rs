//! Drafts: every open form's state, kept on disk as it is typed so that a
//! kill, a power cut or a closed terminal loses at most the last fraction of
//! a second, and offered again at the next start.
//!
//! This module is data only: what a draft holds (versioned JSON, never the
//! `sid`), which drafts are due to be written or removed, and the list
//! offered at start. The executor writes the files (`crate::drafts`).

use std::collections::BTreeMap;
use std::time::Duration;

use super::form::{Field, FormKind, FormScreen, Value};
use super::{Effect, Screen};

pub mod record;

pub use record::{Draft, DraftField, DraftForm, DraftOffer, MAX_BYTES, Offered, VERSION};

/// How often a changing form is written at most.
pub const WRITE_EVERY: Duration = Duration::from_millis(300);

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

#[cfg(test)]
mod tests;
