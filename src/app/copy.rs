//! The copy key on the card: the selected address (its read-back line), the
//! selected contact's value, or the client's name and id, put into the
//! clipboard through the terminal (OSC 52, [`crate::clipboard`]) by the tui
//! loop, between frames. `[ui] copy = false` turns it off.

use super::card::{CardScreen, Section};
use super::popup::PersonName;
use super::{Ctx, Effect};
use crate::api::model::{Address, ClientId};

/// What is copied, as data: `present::clip_text` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clip {
    /// "Фамилия Имя Отчество, код 100…".
    Client { name: PersonName, id: ClientId },
    /// A contact's value (a phone as it is stored).
    Contact { value: String },
    /// An address's read-back line.
    Address(Box<Address>),
}

/// The short note the card shows after the copy key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyNote {
    /// Sent to the terminal's clipboard: the client, a contact or an address.
    Copied(CopyWhat),
    /// `[ui] copy = false`: nothing was copied.
    Off,
    /// The section has nothing to copy (accounts, cards, an empty list).
    Nothing,
}

/// Which kind of thing was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    Client,
    Contact,
    Address,
}

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
