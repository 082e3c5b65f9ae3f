//! A new client whose phone the directory knows already: the form asks
//! before creating it, naming the client(s) that have the phone.

use super::{FormKind, FormScreen};
use crate::api::model::ClientId;
use crate::app::effect::OwnersFor;
use crate::app::outcome::Outcome;
use crate::app::vocab::{Confirm, PersonName};
use crate::app::write::WriteOp;
use crate::app::{Ctx, Effect, RequestId};
use crate::directory::DirEntry;
use crate::phone;

impl FormScreen {
    /// Before a new client is created: asks the directory who has its
    /// phones. Whether the save waits for that answer.
    pub(super) fn ask_about_phones(&mut self, op: &WriteOp, ctx: &mut Ctx) -> bool {
        if std::mem::take(&mut self.duplicates.cleared) || self.kind != FormKind::NewClient {
            return false;
        }
        let WriteOp::CreateClient(new) = op else {
            return false;
        };
        let phones: Vec<String> = new
            .contacts
            .iter()
            .filter_map(|c| phone::parse(&c.value, ctx.city_code).ok())
            .map(|p| p.canonical().to_owned())
            .collect();
        if phones.is_empty() {
            return false;
        }
        let req = ctx.request(self.owner);
        self.duplicates.asking = Some(req);
        ctx.effects.push(Effect::FindPhoneOwners {
            req,
            phones,
            purpose: OwnersFor::NewClient,
        });
        true
    }

    /// The directory's answer: nobody has the phones (the client is
    /// created), or the operator is asked first.
    pub fn phone_owners(&mut self, req: RequestId, owners: &[DirEntry], ctx: &mut Ctx) -> Outcome {
        if self.duplicates.asking.take_if(|r| *r == req).is_none() {
            return Outcome::Taken;
        }
        let Some(phone) = owners.first().and_then(|o| o.phones.first()) else {
            return self.create_anyway(ctx);
        };
        let phone = self
            .matching_phone(owners, ctx)
            .unwrap_or_else(|| phone.clone());
        ctx.ask(Confirm::DuplicatePhone {
            phone,
            owners: owners
                .iter()
                .map(|o| (PersonName::of_entry(o), ClientId::new(o.id.as_str())))
                .collect(),
        });
        Outcome::Taken
    }

    /// The directory could not say who has the phones: this run's clients
    /// are looked at instead, and the operator is asked either way.
    pub fn phone_owners_unknown(&mut self, req: RequestId, ctx: &mut Ctx) {
        if self.duplicates.asking.take_if(|r| *r == req).is_none() {
            return;
        }
        let phones = self.typed_phones(ctx);
        let seen = ctx.desk.seen.with_phones(&phones);
        let phone = phones.into_iter().next().unwrap_or_default();
        ctx.ask(Confirm::PhoneNotChecked { phone, seen });
    }

    /// Saves without asking the directory again.
    pub fn create_anyway(&mut self, ctx: &mut Ctx) -> Outcome {
        self.duplicates.cleared = true;
        self.save(ctx)
    }

    /// The new client's phone that the owners have (canonical).
    fn matching_phone(&self, owners: &[DirEntry], ctx: &Ctx) -> Option<String> {
        self.typed_phones(ctx)
            .into_iter()
            .find(|p| owners.iter().any(|o| o.phones.contains(p)))
    }

    /// The new client's phones (canonical).
    fn typed_phones(&self, ctx: &Ctx) -> Vec<String> {
        self.contacts
            .iter()
            .map(|c| super::build::contact_body(c).value)
            .filter_map(|v| phone::parse(&v, ctx.city_code).ok())
            .map(|p| p.canonical().to_owned())
            .collect()
    }
}

impl FormScreen {
    /// After a contact form saved a phone: the directory is asked whether
    /// another known client has it, and the answer warns (never refuses).
    pub(super) fn warn_if_phone_shared(&self, ctx: &mut Ctx) {
        let FormKind::Contact { client_id, .. } = &self.kind else {
            return;
        };
        let value = super::build::contact_body(&self.fields).value;
        let Ok(phone) = phone::parse(&value, ctx.city_code) else {
            return;
        };
        let req = ctx.request_for_desk();
        ctx.effects.push(Effect::FindPhoneOwners {
            req,
            phones: vec![phone.canonical().to_owned()],
            purpose: OwnersFor::Warn {
                client_id: client_id.clone(),
                phone: phone.canonical().to_owned(),
            },
        });
    }
}
