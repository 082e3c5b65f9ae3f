//! The lookup screen: type a client id, or find a recent client.

use ratatui::crossterm::event::KeyEvent;

use super::card::CardScreen;
use super::field::TextField;
use super::form::FormScreen;
use super::{Ctx, Effect, Nav, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::ClientCard;
use crate::keymap::{Action, Scope};
use crate::recent::{RecentClient, RecentList};

/// Where the keys go on the lookup screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LookupFocus {
    #[default]
    Field,
    List,
}

/// Why the last lookup failed.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupError {
    /// The text is neither a client id nor a recent client.
    NotAnId,
    Api {
        id: String,
        error: ApiError,
    },
}

/// The lookup screen's state.
#[derive(Debug, Clone, Default)]
pub struct LookupScreen {
    pub field: TextField,
    pub focus: LookupFocus,
    /// Indices into the recent list of the entries matching the field.
    pub matches: Vec<usize>,
    /// The highlighted entry, an index into `matches`.
    pub selected: usize,
    /// The request under way and the id it asks for.
    pub pending: Option<(RequestId, String)>,
    pub error: Option<LookupError>,
}

impl LookupScreen {
    pub fn scope(&self) -> Scope {
        match self.focus {
            LookupFocus::Field => Scope::Lookup,
            LookupFocus::List => Scope::LookupList,
        }
    }

    /// Filters the recent list by what is typed.
    pub fn refilter(&mut self, recent: &RecentList) {
        self.matches = recent.filter(self.field.value());
        if self.selected >= self.matches.len() {
            self.selected = self.matches.len().saturating_sub(1);
        }
        if self.matches.is_empty() {
            self.focus = LookupFocus::Field;
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> bool {
        let action = ctx.keymap.action(self.scope(), key);
        match (self.focus, action) {
            (_, Some(Action::Back)) => {
                self.field.clear();
                self.error = None;
                // An open given up is stopped, retries and all.
                if let Some((req, _)) = self.pending.take() {
                    ctx.effects.push(Effect::Cancel(req));
                }
                self.focus = LookupFocus::Field;
                self.selected = 0;
                self.refilter(ctx.recent);
                true
            }
            (LookupFocus::Field, Some(Action::Open)) => {
                if self.pending.is_none() {
                    self.open_typed(ctx);
                }
                true
            }
            (LookupFocus::Field, Some(Action::Down)) => {
                if !self.matches.is_empty() {
                    self.focus = LookupFocus::List;
                    self.selected = 0;
                }
                true
            }
            (LookupFocus::List, Some(Action::Open)) => {
                if self.pending.is_none()
                    && let Some(entry) = self.selected_entry(ctx.recent)
                {
                    let id = entry.id.clone();
                    self.request(id, ctx);
                }
                true
            }
            (LookupFocus::List, Some(Action::Up)) => {
                if self.selected == 0 {
                    self.focus = LookupFocus::Field;
                } else {
                    self.selected -= 1;
                }
                true
            }
            (LookupFocus::List, Some(Action::Down)) => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1));
                true
            }
            (LookupFocus::List, Some(Action::PageUp)) => {
                self.selected = self.selected.saturating_sub(10);
                true
            }
            (LookupFocus::List, Some(Action::PageDown)) => {
                self.selected = (self.selected + 10).min(self.matches.len().saturating_sub(1));
                true
            }
            (_, Some(Action::NewClient)) => {
                // A lookup under way is abandoned: its answer must not open
                // a card over the new client's form.
                self.pending = None;
                let form = FormScreen::new_client();
                form.preload(ctx);
                ctx.nav = Some(Nav::Push(Screen::Form(Box::new(form))));
                true
            }
            (_, Some(Action::Help | Action::Quit)) => false,
            _ => {
                // Anything else is typing: it goes to the field, even from
                // the list, so that the operator never types into nothing.
                let before = self.field.value().to_owned();
                if self.field.handle_key(key) {
                    if self.field.value() != before {
                        self.focus = LookupFocus::Field;
                        self.error = None;
                        self.selected = 0;
                        self.refilter(ctx.recent);
                    }
                    true
                } else {
                    false
                }
            }
        }
    }

    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        self.field.paste(text);
        self.focus = LookupFocus::Field;
        self.error = None;
        self.refilter(ctx.recent);
    }

    fn selected_entry<'r>(&self, recent: &'r RecentList) -> Option<&'r RecentClient> {
        let index = *self.matches.get(self.selected)?;
        recent.entries().get(index)
    }

    /// Enter in the field: the id typed, or else the best recent match.
    fn open_typed(&mut self, ctx: &mut Ctx) {
        let typed: String = self.field.value().split_whitespace().collect();
        if !typed.is_empty() && typed.chars().all(|c| c.is_ascii_digit()) {
            self.request(typed, ctx);
        } else if let Some(entry) = self
            .matches
            .first()
            .and_then(|&i| ctx.recent.entries().get(i))
        {
            let id = entry.id.clone();
            self.request(id, ctx);
        } else {
            self.error = Some(LookupError::NotAnId);
        }
    }

    fn request(&mut self, id: String, ctx: &mut Ctx) {
        let req = ctx.request();
        self.error = None;
        self.pending = Some((req, id.clone()));
        ctx.effects.push(Effect::LoadClient { req, id });
    }

    pub fn client_loaded(
        &mut self,
        req: RequestId,
        result: &Result<ClientCard, ApiError>,
        ctx: &mut Ctx,
    ) {
        let Some((_, id)) = self.pending.take_if(|(r, _)| *r == req) else {
            return;
        };
        match result {
            Ok(card) => {
                let screen = CardScreen::new(card.clone());
                remember(&screen.card, ctx);
                self.field.clear();
                self.focus = LookupFocus::Field;
                self.selected = 0;
                ctx.nav = Some(Nav::Push(Screen::Card(screen)));
            }
            Err(error) => {
                self.error = Some(LookupError::Api {
                    id,
                    error: error.clone(),
                });
            }
        }
    }
}

/// Puts a card at the top of the recent list and saves the list.
pub fn remember(card: &ClientCard, ctx: &mut Ctx) {
    let name = [&card.lastname, &card.firstname, &card.middlename]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let phones = card.contacts.iter().map(|c| c.value.clone()).collect();
    let opened_at = ctx.clock.unix_secs;
    ctx.recent.touch(RecentClient {
        id: card.id.clone(),
        name,
        phones,
        opened_at,
    });
    ctx.effects.push(Effect::SaveRecent(ctx.recent.clone()));
}
