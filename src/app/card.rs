//! The card screen: one client, in five sections.

use ratatui::crossterm::event::KeyEvent;

use super::form::FormScreen;
use super::outcome::{Delivery, Nav, Outcome};
use super::remember::remember;
use super::vocab::{Command, Confirm, CopyNote, Failed, Notice, PersonName, Section};
use super::write::{WriteAnswer, WriteOp};
use super::{Ctx, Effect, OwnerId, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::{ClientCard, ClientId, ContactId};
use crate::keymap::{Action, Scope};
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

    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Outcome {
        self.copy_note = None;
        match ctx.keymap.action(Scope::Card, key) {
            Some(Action::Copy) => self.copy(ctx),
            Some(Action::CallBack) => {
                if let Some(phone) = self.selected_phone() {
                    ctx.effects.push(Effect::Dial {
                        number: phone.canonical().to_owned(),
                    });
                }
            }
            Some(Action::Section(n)) => {
                if let Some(section) = Section::from_number(n) {
                    self.enter(section);
                }
            }
            Some(Action::NextSection) => self.enter(self.section.step(true)),
            Some(Action::PrevSection) => self.enter(self.section.step(false)),
            Some(Action::Up) => self.select(false),
            Some(Action::Down) => self.select(true),
            // While a reload or a delete is under way the card is about to
            // change: no second reload, no form on the old card.
            Some(Action::Reload | Action::Edit | Action::Add | Action::Delete)
                if self.reloading.is_some() || self.writing.is_some() => {}
            Some(Action::Reload) => {
                let req = ctx.request(self.owner);
                self.reloading = Some(req);
                ctx.effects.push(Effect::LoadClient {
                    req,
                    id: self.card.id.clone(),
                });
            }
            Some(Action::Back) => return Outcome::Go(Nav::Pop),
            Some(Action::Edit) => return self.edit(ctx),
            Some(Action::Add) => return self.add(ctx),
            Some(Action::Delete) => self.ask_delete(ctx),
            _ => return Outcome::NotTaken,
        }
        Outcome::Taken
    }

    fn open_form(&self, mut form: FormScreen, ctx: &mut Ctx) -> Outcome {
        form.client = PersonName::of(&self.card);
        form.preload(ctx);
        Outcome::Go(Nav::Push(Screen::Form(Box::new(form))))
    }

    /// Enter or F4: the form for the selected row.
    fn edit(&mut self, ctx: &mut Ctx) -> Outcome {
        let row = self.row();
        let id = self.card.id.clone();
        match self.section {
            Section::Main => self.open_form(FormScreen::main_data(&self.card), ctx),
            Section::Contacts => match self.card.contacts.get(row) {
                Some(c) => self.open_form(FormScreen::contact(&id, Some(c)), ctx),
                None => self.add(ctx),
            },
            Section::Addresses => match self.card.addresses.get(row) {
                Some(a) => self.open_form(FormScreen::address(&id, Some(a), None), ctx),
                None => self.add(ctx),
            },
            Section::Accounts | Section::Cards => {
                ctx.notify(Notice::ReadOnlySection);
                Outcome::Taken
            }
        }
    }

    /// Insert or `a`: a new contact or address.
    fn add(&mut self, ctx: &mut Ctx) -> Outcome {
        let id = self.card.id.clone();
        match self.section {
            Section::Contacts => self.open_form(FormScreen::contact(&id, None), ctx),
            Section::Addresses => {
                let usual = self.card.addresses.first();
                self.open_form(FormScreen::address(&id, None, usual), ctx)
            }
            Section::Main => {
                ctx.notify(Notice::AddWhere);
                Outcome::Taken
            }
            Section::Accounts | Section::Cards => {
                ctx.notify(Notice::ReadOnlySection);
                Outcome::Taken
            }
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

    /// The answer to a delete made from the card.
    pub fn written(
        &mut self,
        req: RequestId,
        result: &Result<WriteAnswer, ApiError>,
        ctx: &mut Ctx,
    ) -> Outcome {
        if self.writing.take_if(|r| *r == req).is_none() {
            return Outcome::Taken;
        }
        match result {
            Ok(WriteAnswer::Card(card)) => {
                self.replace(card.clone());
                remember(&self.card, ctx);
            }
            Ok(WriteAnswer::Deleted(_)) => {
                ctx.effects.push(Effect::ForgetClient {
                    id: self.card.id.clone(),
                });
                ctx.notify(Notice::ClientDeleted {
                    name: PersonName::of(&self.card),
                    client_id: ClientId::new(self.card.id.as_str()),
                });
                return Outcome::Go(Nav::Pop);
            }
            Ok(_) => {}
            Err(error) if error.is_not_implemented() => ctx.notify(Notice::NoClientDelete),
            Err(error) => ctx.show_error_of(Failed::Delete, error),
        }
        Outcome::Taken
    }

    /// A form closed with the card its write answered.
    pub fn take_delivery(&mut self, delivery: Delivery, ctx: &mut Ctx) {
        if let Delivery::Card { card, section } = delivery {
            self.replace(*card);
            self.section = section;
            remember(&self.card, ctx);
        }
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
