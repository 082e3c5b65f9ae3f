//! The lookup screen: find the caller in the client directory by a phone in
//! any form, a name, an e-mail or an id, or load an id from the CRM.
//!
//! Every change of the field asks the directory ([`Effect::SearchDirectory`]);
//! only the answer to the newest search is shown. Enter in the field: one
//! match opens it, several move into the list, none with a whole phone
//! number offers a new client with that phone, none with a long digit string
//! loads that id from the CRM. An Enter pressed before the hits of what is
//! typed have come applies when they come.

use ratatui::crossterm::event::KeyEvent;

use super::card::CardScreen;
use super::field::TextField;
use super::form::{Field, FormScreen};
use super::outcome::{Nav, Outcome};
use super::remember::remember;
use super::vocab::{Choice, FieldId};
use super::{Ctx, Effect, OwnerId, RequestId, Screen};
use crate::api::ApiError;
use crate::api::model::ClientCard;
use crate::directory::{Hit, Match};
use crate::fuzzy::MIN_SIMILAR_LETTERS;
use crate::keymap::{Action, Scope};
use crate::phone;

/// The fewest digits of a CRM client id typed whole (the CRM's ids are long
/// digit strings such as `10000000009188`); shorter digit strings are phone
/// numbers or pieces of them.
pub const MIN_ID_DIGITS: usize = 12;

/// Where the keys go on the lookup screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LookupFocus {
    #[default]
    Field,
    List,
}

/// Why the last Enter did not open a client.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupError {
    /// Nothing matches, and the text is neither an id nor a whole phone.
    NotFound,
    /// Nothing matches this whole phone number (canonical): a new client
    /// with it is one key away.
    NewClientOffer {
        phone: String,
    },
    Api {
        id: String,
        error: ApiError,
    },
    /// The client directory could not be read: whether anyone matches is
    /// not known. With a whole phone number typed, a new client with it is
    /// one key away (its known-phone check falls back to this run's
    /// clients).
    CannotCheck {
        phone: Option<String>,
    },
}

/// The lookup screen's state.
#[derive(Debug, Clone, Default)]
pub struct LookupScreen {
    /// Names this screen to the requests it makes: their answers come
    /// here (see [`super::owners`]).
    pub owner: OwnerId,
    pub field: TextField,
    pub focus: LookupFocus,
    /// The directory's hits for what is typed, best first.
    pub hits: Vec<Hit>,
    /// The other-layout reading the hits were found by, when nothing
    /// matched the text as typed.
    pub layout: Option<String>,
    /// Clients whose name is one edit from what is typed, not in `hits`
    /// (shown under them).
    pub similar: Vec<Hit>,
    /// The highlighted row, an index into `hits` then `similar`.
    pub selected: usize,
    /// The newest search under way; older answers are dropped.
    pub searching: Option<RequestId>,
    /// The similar search under way; older answers are dropped.
    pub similar_searching: Option<RequestId>,
    /// Enter was pressed before the hits of what is typed came.
    pub enter_waiting: bool,
    /// The request under way and the id it asks for.
    pub pending: Option<(RequestId, String)>,
    pub error: Option<LookupError>,
    /// The last search could not be made: the directory is unavailable.
    pub unchecked: bool,
}

impl LookupScreen {
    pub fn scope(&self) -> Scope {
        match self.focus {
            LookupFocus::Field => Scope::Lookup,
            LookupFocus::List => Scope::LookupList,
        }
    }

    /// Asks the directory for what is typed (the most recent clients when
    /// nothing is).
    pub fn search(&mut self, ctx: &mut Ctx) {
        let req = ctx.request(self.owner);
        self.searching = Some(req);
        self.similar_searching = None;
        let query = self.field.value().to_owned();
        let layout = crate::layout::alternatives(&query);
        ctx.effects
            .push(Effect::SearchDirectory { req, query, layout });
    }

    /// The directory's answer to a search; an answer to an older one is
    /// dropped.
    pub fn directory_found(
        &mut self,
        req: RequestId,
        hits: Vec<Hit>,
        layout: Option<String>,
        ctx: &mut Ctx,
    ) {
        if self.searching != Some(req) {
            return;
        }
        self.searching = None;
        self.unchecked = false;
        self.hits = hits;
        self.layout = layout;
        self.similar.clear();
        self.clamp_selection();
        self.ask_similar(ctx);
        if std::mem::take(&mut self.enter_waiting) {
            self.decide(ctx);
        }
    }

    /// After the exact answer, a name typed (no digits, a word of
    /// [`MIN_SIMILAR_LETTERS`] letters or more) asks for similar names.
    fn ask_similar(&mut self, ctx: &mut Ctx) {
        let query = self.field.value();
        let namelike = !query.chars().any(|c| c.is_ascii_digit())
            && query
                .split_whitespace()
                .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= MIN_SIMILAR_LETTERS);
        if namelike {
            let req = ctx.request(self.owner);
            self.similar_searching = Some(req);
            let query = query.to_owned();
            let exclude = self.hits.iter().map(|h| h.entry.id.clone()).collect();
            ctx.effects.push(Effect::SearchSimilar {
                req,
                query,
                exclude,
            });
        }
    }

    /// The directory's similar clients for what is typed (those already
    /// among the hits left out); an answer to an older search is dropped.
    pub fn similar_found(&mut self, req: RequestId, mut hits: Vec<Hit>) {
        if self.similar_searching != Some(req) {
            return;
        }
        self.similar_searching = None;
        hits.retain(|s| !self.hits.iter().any(|h| h.entry.id == s.entry.id));
        self.similar = hits;
        self.clamp_selection();
    }

    /// The rows of the list: the hits, then the similar clients.
    pub fn rows(&self) -> impl Iterator<Item = &Hit> {
        self.hits.iter().chain(&self.similar)
    }

    fn row_count(&self) -> usize {
        self.hits.len() + self.similar.len()
    }

    fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.row_count().saturating_sub(1));
        if self.row_count() == 0 {
            self.focus = LookupFocus::Field;
        }
    }

    /// The directory could not answer the search `req`: no hits, and the
    /// screen says the directory was not checked.
    pub fn directory_unavailable(&mut self, req: RequestId, ctx: &mut Ctx) {
        if self.searching != Some(req) {
            return;
        }
        self.searching = None;
        self.unchecked = true;
        self.hits.clear();
        self.similar.clear();
        self.layout = None;
        self.selected = 0;
        self.focus = LookupFocus::Field;
        if std::mem::take(&mut self.enter_waiting) {
            self.decide(ctx);
        }
    }

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

    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        self.field.paste(text);
        self.typed(ctx);
    }

    /// The field changed: a new search, and what was pending on the old
    /// text is dropped.
    fn typed(&mut self, ctx: &mut Ctx) {
        self.focus = LookupFocus::Field;
        self.error = None;
        self.selected = 0;
        self.enter_waiting = false;
        self.search(ctx);
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
            form.contacts.push(phone_contact(&phone, ctx));
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

    /// A name typed that found nobody (one to three words of letters): the
    /// new client's last, first and middle name.
    fn typed_name(&self) -> Option<Vec<String>> {
        if !self.hits.is_empty() || self.searching.is_some() {
            return None;
        }
        let words: Vec<String> = self
            .field
            .value()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let namelike = |w: &String| w.chars().all(|c| c.is_alphabetic() || c == '-');
        ((1..=3).contains(&words.len()) && words.iter().all(namelike)).then_some(words)
    }

    /// The whole phone number typed, canonical, unless it looks like an id.
    fn typed_phone(&self, ctx: &Ctx) -> Option<String> {
        let typed = self.field.value().trim();
        if is_id_like(typed) {
            return None;
        }
        phone::parse(typed, ctx.city_code)
            .ok()
            .map(|p| p.canonical().to_owned())
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

    /// Enter with the hits of what is typed at hand.
    fn decide(&mut self, ctx: &mut Ctx) {
        let exact: Vec<&Hit> = self
            .hits
            .iter()
            .filter(|h| matches!(h.why, Match::ExactPhone | Match::ExactId))
            .collect();
        let only = match (exact.as_slice(), self.hits.as_slice()) {
            ([one], _) => Some(one.entry.id.clone()),
            ([], [one]) => Some(one.entry.id.clone()),
            _ => None,
        };
        if let Some(id) = only {
            self.request(id, ctx);
        } else if !self.hits.is_empty() {
            self.focus = LookupFocus::List;
            self.selected = 0;
        } else if is_id_like(self.field.value()) {
            let id: String = self.field.value().split_whitespace().collect();
            self.request(id, ctx);
        } else if self.unchecked && !self.field.value().trim().is_empty() {
            let phone = self.typed_phone(ctx);
            self.error = Some(LookupError::CannotCheck { phone });
        } else if let Some(phone) = self.typed_phone(ctx) {
            self.error = Some(LookupError::NewClientOffer { phone });
        } else if !self.field.value().trim().is_empty() {
            self.error = Some(LookupError::NotFound);
        }
    }

    /// Loads client `id` from the CRM; its card opens when it comes.
    pub fn open_id(&mut self, id: &str, ctx: &mut Ctx) {
        self.enter_waiting = false;
        self.request(id.to_owned(), ctx);
    }

    fn request(&mut self, id: String, ctx: &mut Ctx) {
        let req = ctx.request(self.owner);
        self.error = None;
        self.pending = Some((req, id.clone()));
        ctx.effects.push(Effect::LoadClient { req, id });
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

/// A new client's contact: `phone`, of the mobile type (the first phone
/// type whose name says mobile, else the first phone type; none chosen when
/// the types have not loaded).
fn phone_contact(phone: &str, ctx: &Ctx) -> Vec<Field> {
    let types = ctx.dicts.contact_types();
    let choice = crate::api::model::ContactType::for_a_mobile(types).map(|t| Choice {
        id: t.id.clone(),
        name: t.name.clone(),
        extra: String::new(),
    });
    vec![
        Field::choice(FieldId::ContactType, choice),
        Field::text(FieldId::ContactValue, phone),
    ]
}

/// Digits only (spaces aside), and as many as a CRM id has.
pub fn is_id_like(text: &str) -> bool {
    let digits: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() >= MIN_ID_DIGITS && digits.iter().all(char::is_ascii_digit)
}
