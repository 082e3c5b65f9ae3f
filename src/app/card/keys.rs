//! The card's keys, the answers to its writes and a form's result handed
//! to it: what they ask the app to do, as an [`Outcome`].

use ratatui::crossterm::event::KeyEvent;

use super::CardScreen;
use crate::api::ApiError;
use crate::api::model::ClientId;
use crate::app::form::FormScreen;
use crate::app::outcome::{Delivery, Nav, Outcome};
use crate::app::remember::remember;
use crate::app::screen::Screen;
use crate::app::vocab::{Failed, Notice, PersonName, Section};
use crate::app::write::WriteAnswer;
use crate::app::{Ctx, Effect, RequestId};
use crate::keymap::{Action, Scope};

impl CardScreen {
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
}
