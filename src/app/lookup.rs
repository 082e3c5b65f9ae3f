//! The lookup screen: find the caller in the client directory by a phone in
//! any form, a name, an e-mail or an id, or load an id from the CRM.
//!
//! Every change of the field asks the directory ([`Effect::SearchDirectory`]);
//! only the answer to the newest search is shown. Enter in the field: one
//! match opens it, several move into the list, none with a whole phone
//! number offers a new client with that phone, none with a long digit string
//! loads that id from the CRM. An Enter pressed before the hits of what is
//! typed have come applies when they come.

mod keys;

use super::field::TextField;
use super::form::Field;
use super::owners::OwnerId;
use super::vocab::{Choice, FieldId};
use super::{Ctx, Effect, RequestId};
use crate::api::ApiError;
use crate::directory::{Hit, Match};
use crate::fuzzy::MIN_SIMILAR_LETTERS;
use crate::keymap::Scope;
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
