//! The lookup's keys and the card it asked for: what they ask the app to
//! do, as an [`Outcome`] (a card or a new client's form to open).

use ratatui::crossterm::event::KeyEvent;

use super::{LookupError, LookupFocus, LookupScreen};
use crate::api::ApiError;
use crate::api::model::ClientCard;
use crate::app::card::CardScreen;
use crate::app::form::FormScreen;
use crate::app::outcome::{Nav, Outcome};
use crate::app::remember::remember;
use crate::app::screen::Screen;
use crate::app::{Ctx, Effect, RequestId};
use crate::keymap::Action;

impl LookupScreen {
    /// The error box is a popup to the operator: while it is shown, the
    /// list keys close it and do nothing else (↓ must not move the list
    /// behind it), and so does Enter in the list (it must not open another
    /// card). Enter in the field tries the same id again, as the box
    /// advises; typing, Esc, help and quit keep their meaning. Returns
    /// whether the key was taken.
    fn error_key(&mut self, key: &KeyEvent, ctx: &Ctx) -> bool {
        if self.error.is_none() {
            return false;
        }
        let takes = match ctx.keymap.action(self.scope(), key) {
            Some(Action::Up | Action::Down | Action::PageUp | Action::PageDown) => true,
            Some(Action::Open) => self.focus == LookupFocus::List,
            _ => false,
        };
        if takes {
            self.error = None;
        }
        takes
    }

    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Outcome {
        if self.error_key(key, ctx) {
            return Outcome::Taken;
        }
        let action = ctx.keymap.action(self.scope(), key);
        match (self.focus, action) {
            // Esc closes the message first; the text stays for a retry.
            (_, Some(Action::Back)) if self.error.is_some() => {
                self.error = None;
                Outcome::Taken
            }
            (_, Some(Action::Back)) => {
                // An open given up is stopped, retries and all.
                if let Some((req, _)) = self.pending.take() {
                    ctx.effects.push(Effect::Cancel(req));
                }
                self.enter_waiting = false;
                self.focus = LookupFocus::Field;
                self.selected = 0;
                if !self.field.value().is_empty() {
                    self.field.clear();
                    self.search(ctx);
                }
                Outcome::Taken
            }
            (LookupFocus::Field, Some(Action::Open)) => {
                if self.pending.is_none() {
                    self.open_typed(ctx)
                } else {
                    Outcome::Taken
                }
            }
            (LookupFocus::Field, Some(Action::Down)) => {
                if self.row_count() > 0 {
                    self.focus = LookupFocus::List;
                    self.selected = 0;
                }
                Outcome::Taken
            }
            (LookupFocus::List, Some(Action::Open)) => {
                let id = self.rows().nth(self.selected).map(|h| h.entry.id.clone());
                if self.pending.is_none()
                    && let Some(id) = id
                {
                    self.request(id, ctx);
                }
                Outcome::Taken
            }
            (LookupFocus::List, Some(Action::Up)) => {
                if self.selected == 0 {
                    self.focus = LookupFocus::Field;
                } else {
                    self.selected -= 1;
                }
                Outcome::Taken
            }
            (LookupFocus::List, Some(Action::Down)) => {
                self.selected = (self.selected + 1).min(self.row_count().saturating_sub(1));
                Outcome::Taken
            }
            (LookupFocus::List, Some(Action::PageUp)) => {
                self.selected = self.selected.saturating_sub(10);
                Outcome::Taken
            }
            (LookupFocus::List, Some(Action::PageDown)) => {
                self.selected = (self.selected + 10).min(self.row_count().saturating_sub(1));
                Outcome::Taken
            }
            (_, Some(Action::NewClient)) => {
                let phone = self.typed_phone(ctx);
                let name = phone.is_none().then(|| self.typed_name()).flatten();
                self.new_client(phone, name, ctx)
            }
            (_, Some(Action::Help | Action::Quit)) => Outcome::NotTaken,
            _ => {
                // Anything else is typing: it goes to the field, even from
                // the list, so that the operator never types into nothing.
                let before = self.field.value().to_owned();
                if self.field.handle_key(key) {
                    if self.field.value() != before {
                        self.typed(ctx);
                    }
                    Outcome::Taken
                } else {
                    Outcome::NotTaken
                }
            }
        }
    }

    /// Opens the new-client form, its first contact `phone` (a mobile) when
    /// given, its names from `name` (a name typed that found nobody).
    fn new_client(
        &mut self,
        phone: Option<String>,
        name: Option<Vec<String>>,
        ctx: &mut Ctx,
    ) -> Outcome {
        // A lookup under way is abandoned: its answer must not open a card
        // over the new client's form.
        self.pending = None;
        self.enter_waiting = false;
        self.error = None;
        let mut form = FormScreen::new_client();
        if let Some(words) = name {
            form.carry_name(&words, ctx);
            self.field.clear();
            self.focus = LookupFocus::Field;
        }
        if let Some(phone) = phone {
            form.contacts.push(super::phone_contact(&phone, ctx));
            // The number moved into the form; back here, the field is
            // ready for the next caller.
            self.field.clear();
            self.hits.clear();
            self.similar.clear();
            self.focus = LookupFocus::Field;
        }
        form.preload(ctx);
        Outcome::Go(Nav::Push(Screen::Form(Box::new(form))))
    }

    /// Enter in the field: decided now, or when the hits of what is typed
    /// come.
    fn open_typed(&mut self, ctx: &mut Ctx) -> Outcome {
        if let Some(
            LookupError::NewClientOffer { phone } | LookupError::CannotCheck { phone: Some(phone) },
        ) = &self.error
        {
            let phone = phone.clone();
            return self.new_client(Some(phone), None, ctx);
        } else if self.searching.is_some() {
            self.enter_waiting = true;
        } else {
            self.decide(ctx);
        }
        Outcome::Taken
    }

    pub fn client_loaded(
        &mut self,
        req: RequestId,
        result: &Result<ClientCard, ApiError>,
        ctx: &mut Ctx,
    ) -> Outcome {
        let Some((_, id)) = self.pending.take_if(|(r, _)| *r == req) else {
            return Outcome::Taken;
        };
        match result {
            Ok(card) => {
                let screen = CardScreen::new(card.clone());
                remember(&screen.card, ctx);
                self.field.clear();
                self.focus = LookupFocus::Field;
                self.selected = 0;
                Outcome::Go(Nav::Push(Screen::Card(screen)))
            }
            Err(error) => {
                self.error = Some(LookupError::Api {
                    id,
                    error: error.clone(),
                });
                Outcome::Taken
            }
        }
    }
}
