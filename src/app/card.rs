//! The card screen: one client, in five sections.

mod keys;

use super::owners::OwnerId;
use super::remember::remember;
use super::vocab::{Command, Confirm, CopyNote, Failed, Notice, PersonName, Section};
use super::write::WriteOp;
use super::{Ctx, RequestId};
use crate::api::ApiError;
use crate::api::model::{ClientCard, ClientId, ContactId};
use crate::keymap::Action;
use crate::phone::{self, Phone};

/// The card screen's state.
#[derive(Debug, Clone)]
pub struct CardScreen {
    /// Names this screen to the requests it makes: their answers come
    /// here (see [`super::owners`]).
    pub owner: OwnerId,
    /// The card as last answered by the server, cleaned for drawing.
    pub card: ClientCard,
    pub section: Section,
    /// The selected row of each section.
    pub rows: [usize; 5],
    /// A reload under way.
    pub reloading: Option<RequestId>,
    /// A delete under way.
    pub writing: Option<RequestId>,
    /// What the copy key just did (until the next key).
    pub copy_note: Option<CopyNote>,
}

impl CardScreen {
    pub fn new(card: ClientCard) -> Self {
        Self {
            owner: OwnerId::fresh(),
            card,
            section: Section::Main,
            rows: [0; 5],
            reloading: None,
            writing: None,
            copy_note: None,
        }
    }

    /// How many rows the section has.
    pub fn row_count(&self, section: Section) -> usize {
        match section {
            Section::Main => 1,
            Section::Contacts => self.card.contacts.len(),
            Section::Addresses => self.card.addresses.len(),
            Section::Accounts => self.card.accounts.len(),
            Section::Cards => self.card.cards.len(),
        }
    }

    /// The selected row of the current section.
    pub fn row(&self) -> usize {
        self.rows[self.section.index()]
    }

    fn enter(&mut self, section: Section) {
        self.section = section;
        self.rows[section.index()] = 0;
    }

    fn select(&mut self, down: bool) {
        let count = self.row_count(self.section);
        let row = &mut self.rows[self.section.index()];
        *row = if down {
            (*row + 1).min(count.saturating_sub(1))
        } else {
            row.saturating_sub(1)
        };
    }

    /// Whether an action does something in the current section.
    pub fn applies(&self, action: Action) -> bool {
        let rows = self.row_count(self.section) > 0;
        match (self.section, action) {
            (Section::Accounts | Section::Cards, Action::Edit | Action::Add | Action::Delete) => {
                false
            }
            (Section::Main, Action::Add) => false,
            (_, Action::CallBack) => self.selected_phone().is_some(),
            (Section::Contacts | Section::Addresses, Action::Edit | Action::Delete) => rows,
            _ => true,
        }
    }

    /// The selected contact's phone, when the contacts section is shown and
    /// the contact is a phone number.
    pub fn selected_phone(&self) -> Option<Phone> {
        if self.section != Section::Contacts {
            return None;
        }
        let contact = self.card.contacts.get(self.row())?;
        phone::parse(&contact.value, None).ok()
    }

    /// Replaces the card with a newer answer, keeping the place.
    pub fn replace(&mut self, card: ClientCard) {
        self.card = card;
        for section in Section::ALL {
            let count = self.row_count(section);
            let row = &mut self.rows[section.index()];
            *row = (*row).min(count.saturating_sub(1));
        }
    }

    /// Delete or `d`: asks first, naming what goes.
    fn ask_delete(&mut self, ctx: &mut Ctx) {
        let row = self.row();
        let client_id = ClientId::new(self.card.id.as_str());
        let confirm = match self.section {
            Section::Main => Confirm::DeleteClient {
                name: PersonName::of(&self.card),
                client_id,
            },
            Section::Contacts => {
                let Some(c) = self.card.contacts.get(row) else {
                    return;
                };
                Confirm::DeleteContact {
                    client_id,
                    contact_id: ContactId::new(c.id.as_str()),
                    type_name: c.type_name.clone(),
                    value: c.value.clone(),
                }
            }
            Section::Addresses => {
                let Some(a) = self.card.addresses.get(row) else {
                    return;
                };
                if a.read_only {
                    return ctx.notify(Notice::ReadOnlyAddress);
                }
                Confirm::DeleteAddress {
                    client_id,
                    address: Box::new(a.clone()),
                }
            }
            Section::Accounts | Section::Cards => return ctx.notify(Notice::ReadOnlySection),
        };
        ctx.ask(confirm);
    }

    /// Runs a confirmed delete.
    pub fn run(&mut self, command: Command, ctx: &mut Ctx) {
        if self.writing.is_some() {
            return;
        }
        let op = match command {
            Command::DeleteContact {
                client_id,
                contact_id,
            } => WriteOp::DeleteContact {
                client_id,
                contact_id,
            },
            Command::DeleteAddress {
                client_id,
                address_id,
            } => WriteOp::DeleteAddress {
                client_id,
                address_id,
            },
            Command::DeleteClient { client_id } => WriteOp::DeleteClient { client_id },
            _ => return,
        };
        self.writing = Some(ctx.write(self.owner, op));
    }

    pub fn client_loaded(
        &mut self,
        req: RequestId,
        result: &Result<ClientCard, ApiError>,
        ctx: &mut Ctx,
    ) {
        if self.reloading.take_if(|r| *r == req).is_none() {
            return;
        }
        match result {
            Ok(card) => {
                self.replace(card.clone());
                remember(&self.card, ctx);
            }
            Err(error) => ctx.show_error_of(Failed::Reload, error),
        }
    }
}
