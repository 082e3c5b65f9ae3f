//! Saving a form: the request it sends, and what its answer does.

use super::build::{
    address_body, contact_body, main_data_body, new_client_body, unchanged_by_server,
};
use super::{FormKind, FormNote, FormScreen, Held};
use crate::api::ApiError;
use crate::api::model::{AddressId, ClientId, ContactId};
use crate::app::card::CardScreen;
use crate::app::outcome::{Delivery, Nav, Outcome};
use crate::app::vocab::{Confirm, Notice};
use crate::app::write::{WriteAnswer, WriteOp};
use crate::app::{Ctx, RequestId, Screen};

impl FormScreen {
    /// Saves: the form's write is sent (or a question asked first); a
    /// contact or address of a new client goes back to its form.
    pub(super) fn save(&mut self, ctx: &mut Ctx) -> Outcome {
        self.send(ctx)
            .map_or(Outcome::Taken, |to| Outcome::Go(Nav::PopDeliver(to)))
    }

    /// [`Self::save`]: what the form hands to the one under it, if it
    /// closes.
    fn send(&mut self, ctx: &mut Ctx) -> Option<Delivery> {
        if self.saving.is_some() || self.duplicates.asking.is_some() {
            return None;
        }
        if self.read_only {
            self.note = Some(FormNote::ReadOnly);
            return None;
        }
        self.revalidate(ctx);
        if let Some(bad) = self.fields.iter().position(|f| f.problem.is_some()) {
            self.note = Some(FormNote::FixFields);
            self.focus = bad;
            return None;
        }
        if let Some(at) = self.sent_before
            && !self.send_again_ok
        {
            let at_local =
                i64::try_from(at).unwrap_or(i64::MAX) + i64::from(ctx.clock.utc_offset_secs);
            ctx.ask(Confirm::SendAgainUnanswered { at_local });
            return None;
        }
        if let Some(other) = &self.saved_elsewhere
            && !self.save_anyway_ok
        {
            let at_local = other.at + i64::from(ctx.clock.utc_offset_secs);
            ctx.ask(Confirm::SavedElsewhere {
                desk: other.desk.clone(),
                at_local,
            });
            return None;
        }
        self.note = None;
        self.error = None;
        let op = match &self.kind {
            FormKind::DraftContact { index } => {
                return Some(Delivery::DraftContact {
                    index: *index,
                    fields: self.fields.clone(),
                });
            }
            FormKind::DraftAddress { index } => {
                return Some(Delivery::DraftAddress {
                    index: *index,
                    fields: self.fields.clone(),
                });
            }
            FormKind::NewClient => WriteOp::CreateClient(new_client_body(
                &self.fields,
                &self.contacts,
                &self.addresses,
                ctx.clock.today,
            )),
            FormKind::MainData { client_id } => {
                let main = main_data_body(&self.fields, ctx.clock.today);
                self.sent = Some(main.clone());
                WriteOp::UpdateClient {
                    client_id: ClientId::new(client_id.as_str()),
                    main,
                }
            }
            FormKind::Contact {
                client_id,
                contact_id: None,
            } => WriteOp::AddContact {
                client_id: ClientId::new(client_id.as_str()),
                contact: contact_body(&self.fields),
            },
            FormKind::Contact {
                client_id,
                contact_id: Some(contact_id),
            } => {
                if !self.is_dirty() {
                    self.note = Some(FormNote::NothingChanged);
                    return None;
                }
                WriteOp::UpdateContact {
                    client_id: ClientId::new(client_id.as_str()),
                    contact_id: ContactId::new(contact_id.as_str()),
                    value: contact_body(&self.fields).value,
                }
            }
            FormKind::Address {
                client_id,
                address_id: None,
            } => WriteOp::AddAddress {
                client_id: ClientId::new(client_id.as_str()),
                address: address_body(&self.fields, false),
            },
            FormKind::Address {
                client_id,
                address_id: Some(address_id),
            } => {
                if !self.is_dirty() {
                    self.note = Some(FormNote::NothingChanged);
                    return None;
                }
                WriteOp::UpdateAddress {
                    client_id: ClientId::new(client_id.as_str()),
                    address_id: AddressId::new(address_id.as_str()),
                    changes: address_body(&self.fields, true),
                }
            }
        };
        if self.ask_about_phones(&op, ctx) {
            return None;
        }
        self.saving = Some(ctx.write(self.owner, op));
        // From now until an answer comes, its draft says it was sent.
        self.sent_at = Some(ctx.clock.unix_secs);
        None
    }

    /// The operator saw that an earlier save went unanswered and sends
    /// the form again.
    pub fn send_again(&mut self, ctx: &mut Ctx) -> Outcome {
        self.send_again_ok = true;
        self.save(ctx)
    }

    /// The operator saw that another desk saved this client since the form
    /// was opened and saves all the same.
    pub fn save_anyway(&mut self, ctx: &mut Ctx) -> Outcome {
        self.save_anyway_ok = true;
        self.save(ctx)
    }

    /// The answer to the form's save.
    pub fn written(
        &mut self,
        req: RequestId,
        result: &Result<WriteAnswer, ApiError>,
        ctx: &mut Ctx,
    ) -> Outcome {
        if self.saving.take_if(|r| *r == req).is_none() {
            return Outcome::Taken;
        }
        let held = std::mem::take(&mut self.held);
        match result {
            Ok(WriteAnswer::Card(card)) => {
                // Never to the card (where `d` deletes): said, and dropped.
                let keys: usize = held.iter().map(Held::keys).sum();
                if keys > 0 {
                    ctx.notify(Notice::KeysNotApplied { keys });
                }
                if let Some(sent) = &self.sent {
                    let ignored = unchanged_by_server(sent, card);
                    if !ignored.is_empty() {
                        ctx.notify(Notice::ServerKept { fields: ignored });
                    }
                }
                if self.kind == FormKind::NewClient {
                    let screen = CardScreen::new(card.clone());
                    crate::app::remember::remember(&screen.card, ctx);
                    Outcome::Go(Nav::Replace(Screen::Card(screen)))
                } else {
                    self.warn_if_phone_shared(ctx);
                    Outcome::Go(Nav::PopDeliver(Delivery::Card {
                        card: Box::new(card.clone()),
                        section: self.section,
                    }))
                }
            }
            Ok(_) => Outcome::Taken,
            Err(error) => {
                if !may_have_arrived(error) {
                    self.sent_at = None;
                }
                self.error = Some(error.clone());
                // The form is the operator's again: what they typed goes
                // in; where its keys lead (Esc, a contact's form), the last
                // of them.
                let mut outcome = Outcome::Taken;
                for input in held {
                    match input {
                        Held::Key(key) => {
                            if let go @ Outcome::Go(_) = self.handle_key(&key, ctx) {
                                outcome = go;
                            }
                        }
                        Held::Paste(text) => self.paste(&text, ctx),
                    }
                }
                outcome
            }
        }
    }

    /// A contact or address form of the new client finished.
    pub fn take_delivery(&mut self, delivery: Delivery) {
        match delivery {
            Delivery::DraftContact { index, fields } => match index {
                Some(i) if i < self.contacts.len() => self.contacts[i] = fields,
                _ => {
                    self.contacts.push(fields);
                    self.select(super::Row::Contact(self.contacts.len() - 1));
                }
            },
            Delivery::DraftAddress { index, fields } => match index {
                Some(i) if i < self.addresses.len() => self.addresses[i] = fields,
                _ => {
                    self.addresses.push(fields);
                    self.select(super::Row::Address(self.addresses.len() - 1));
                }
            },
            Delivery::Card { .. } => {}
        }
    }
}

/// Whether a failed save may still have been carried out by the CRM (no
/// answer, or an answer that cannot be read): its draft keeps the mark.
fn may_have_arrived(error: &ApiError) -> bool {
    !matches!(
        error,
        ApiError::Crm(_) | ApiError::Connect { .. } | ApiError::Certificate { .. }
    )
}
