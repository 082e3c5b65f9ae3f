//! A dictionary as a picker shows it: its entries as choices (sanitized, in
//! alphabetical order, one copy shared by every picker over the list) and
//! the names they are found by, prepared for type-ahead.
//!
//! The task that decoded a list prepares it ([`ChoiceList::prepare`]), so
//! that opening a picker on 100,000 streets only swaps in ready data. A long
//! list changed by a write (or a language switch, for the contact types, found
//! by their gloss in the UI's language) is prepared again the same way, off
//! the loop (`Effect::PrepareDict`); only a short one (under [`SHORT`]
//! entries) may be prepared where a picker needs it ([`ChoiceList::new`]).

use std::fmt;
use std::sync::Arc;

use super::dicts::{DictData, DictKey};
use super::form::Choice;
use crate::fuzzy::{Names, fold_cmp};
use crate::lang::Lang;

/// The longest list a picker may prepare in place, on the UI loop (about a
/// millisecond); a longer one is prepared off the loop.
pub const SHORT: usize = 2_000;

/// A list's choices and their prepared names.
pub struct ChoiceList {
    /// The entries, sorted by folded name.
    pub items: Arc<[Choice]>,
    /// What each item is found by, prepared: its name, and for a contact
    /// type in English its gloss (`crate::glossary`).
    pub names: Names,
    /// The language the names were prepared for, when it matters.
    lang: Option<Lang>,
}

impl fmt::Debug for ChoiceList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChoiceList({} names)", self.items.len())
    }
}

impl ChoiceList {
    /// Prepares a list for a picker in `lang`.
    pub fn new(key: &DictKey, data: &DictData, lang: Lang) -> Self {
        let items = choices(data);
        let (names, lang) = match key {
            DictKey::ContactTypes => (
                Names::new(items.iter().map(|c| search_text(c, lang))),
                Some(lang),
            ),
            _ => (Names::new(items.iter().map(|c| c.name.as_str())), None),
        };
        Self {
            items: items.into(),
            names,
            lang,
        }
    }

    /// Prepares a list where it may take a while (not on the UI loop), with
    /// every one-letter query ranked in advance. The contact types' names
    /// depend on the UI's language: without one (`lang`), none.
    pub fn prepare(key: &DictKey, data: &DictData, lang: Option<Lang>) -> Option<Self> {
        let lang = match (key, lang) {
            (DictKey::ContactTypes, None) => return None,
            (DictKey::ContactTypes, lang) => lang,
            _ => None,
        };
        let items = choices(data);
        let names = match lang {
            Some(lang) => Names::with_letters(items.iter().map(|c| search_text(c, lang))),
            None => Names::with_letters(items.iter().map(|c| c.name.as_str())),
        };
        Some(Self {
            items: items.into(),
            names,
            lang,
        })
    }

    /// The language the names were prepared for, when it matters (the
    /// contact types).
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// Whether the names serve a picker in `lang`.
    pub fn fits(&self, lang: Lang) -> bool {
        self.lang.is_none_or(|l| l == lang)
    }
}

/// What a contact type is found by: its name, and in the English UI its
/// English gloss.
fn search_text(choice: &Choice, lang: Lang) -> String {
    match crate::glossary::contact_type_gloss(&choice.name, lang) {
        Some(gloss) => format!("{} {gloss}", choice.name),
        None => choice.name.clone(),
    }
}

/// The entries of a dictionary as picker choices, in alphabetical order.
fn choices(data: &DictData) -> Vec<Choice> {
    let mut items = unsorted_choices(data);
    // Compared folded as they go: no folded copy of every name (a
    // stable sort, as the cached keys' was).
    items.sort_by(|a, b| fold_cmp(&a.name, &b.name));
    items
}

fn unsorted_choices(data: &DictData) -> Vec<Choice> {
    match data {
        DictData::ContactTypes(types) => types
            .iter()
            .map(|t| Choice {
                id: t.id.clone(),
                name: crate::text::sanitize(&t.name),
                extra: String::new(),
            })
            .collect(),
        DictData::Entries(entries) => entries
            .iter()
            .map(|e| Choice {
                id: e.id.clone(),
                name: crate::text::sanitize(&e.name),
                extra: String::new(),
            })
            .collect(),
        DictData::Streets(streets) => streets
            .iter()
            .map(|s| Choice {
                id: s.id.clone(),
                name: crate::text::sanitize(&s.name),
                extra: crate::text::sanitize(&s.post_code),
            })
            .collect(),
    }
}
