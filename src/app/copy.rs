//! The copy key on the card: the selected address (its read-back line), the
//! selected contact's value, or the client's name and id, put into the
//! clipboard through the terminal (OSC 52, [`crate::clipboard`]) by the tui
//! loop, between frames. `[ui] copy = false` turns it off.

use super::card::CardScreen;
use super::vocab::{Clip, CopyNote, CopyWhat, PersonName, Section};
use super::{Ctx, Effect};
use crate::api::model::ClientId;

impl CardScreen {
    /// The copy key: the clip of the selected row, and the note saying so.
    pub(super) fn copy(&mut self, ctx: &mut Ctx) {
        let row = self.row();
        let clip = match self.section {
            Section::Main => Some(Clip::Client {
                name: PersonName::of(&self.card),
                id: ClientId::new(self.card.id.as_str()),
            }),
            Section::Contacts => self.card.contacts.get(row).map(|c| Clip::Contact {
                value: c.value.clone(),
            }),
            Section::Addresses => self
                .card
                .addresses
                .get(row)
                .map(|a| Clip::Address(Box::new(a.clone()))),
            Section::Accounts | Section::Cards => None,
        };
        self.copy_note = Some(match clip {
            None => CopyNote::Nothing,
            Some(_) if ctx.desk.copy_off => CopyNote::Off,
            Some(clip) => {
                let what = match clip {
                    Clip::Client { .. } => CopyWhat::Client,
                    Clip::Contact { .. } => CopyWhat::Contact,
                    Clip::Address(_) => CopyWhat::Address,
                };
                ctx.effects.push(Effect::Copy(clip));
                CopyNote::Copied(what)
            }
        });
    }
}
