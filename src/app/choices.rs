//! A dictionary as a picker shows it: its entries as choices (in
//! alphabetical order, one copy shared by every picker over the list and,
//! for the cities, streets and other plain lists, by the dictionary cache
//! itself) and the names they are found by, prepared for type-ahead.
//!
//! The task that decoded a list prepares it ([`ChoiceList::prepare`]), so
//! that opening a picker on 100,000 streets only swaps in ready data. A long
//! list changed by a write (or a language switch, for the contact types, found
//! by their gloss in the UI's language) is prepared again the same way, off
//! the loop (`Effect::PrepareDict`); only a short one (under [`SHORT`]
//! entries) may be prepared where a picker needs it ([`ChoiceList::new`]).
//!
//! It knows nothing of the dictionary cache: `app::dicts` hands it the
//! entries (`DictData::choices`) and keeps what it prepares.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use super::vocab::{Choice, DictKey};
use crate::fuzzy::{Names, fold_cmp};
use crate::lang::Lang;

/// The longest list a picker may prepare in place, on the UI loop (about a
/// millisecond); a longer one is prepared off the loop.
pub const SHORT: usize = 2_000;

/// The entries of a list as choices, sorted, shared by the cache and the
/// pickers (edited in place by a write when nothing else holds them).
pub type Choices = Arc<Vec<Choice>>;

/// A list's choices and their prepared names.
pub struct ChoiceList {
    /// The entries, sorted by folded name.
    pub items: Choices,
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
    /// Prepares the entries of the list `key` for a picker in `lang`.
    pub fn new(key: &DictKey, items: Choices, lang: Lang) -> Self {
        let lang = (*key == DictKey::ContactTypes).then_some(lang);
        let names = Names::new(items.iter().map(|c| search_text(c, lang)));
        Self { items, names, lang }
    }

    /// Prepares the entries of the list `key` (`items`, asked for only when
    /// needed) where it may take a while (not on the UI loop), with every
    /// one-letter query ranked in advance. The contact types' names depend
    /// on the UI's language: without one (`lang`), none.
    pub fn prepare(
        key: &DictKey,
        items: impl FnOnce() -> Choices,
        lang: Option<Lang>,
    ) -> Option<Self> {
        let lang = match (key, lang) {
            (DictKey::ContactTypes, None) => return None,
            (DictKey::ContactTypes, lang) => lang,
            _ => None,
        };
        let items = items();
        let names = Names::with_letters(items.iter().map(|c| search_text(c, lang)));
        Some(Self { items, names, lang })
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

/// What an entry is found by: its name, and for a contact type (`lang`
/// given) in the English UI its English gloss.
fn search_text(choice: &Choice, lang: Option<Lang>) -> Cow<'_, str> {
    match lang.and_then(|lang| crate::glossary::contact_type_gloss(&choice.name, lang)) {
        Some(gloss) => Cow::Owned(format!("{} {gloss}", choice.name)),
        None => Cow::Borrowed(&choice.name),
    }
}

/// `items` in alphabetical order. Compared folded as they go: no folded
/// copy of every name (a stable sort: entries of the same name keep their
/// order).
pub fn sorted(mut items: Vec<Choice>) -> Choices {
    items.sort_by(|a, b| fold_cmp(&a.name, &b.name));
    Arc::new(items)
}

/// Puts `choice` into the sorted `items` in place of the entry with its id
/// (or adds it), where a stable sort would put it: after the entries of
/// the same name that came before it, before those that came after it (a
/// new one after them all).
pub fn upsert(items: &mut Vec<Choice>, choice: Choice) {
    let at = match items.iter().position(|c| c.id == choice.id) {
        Some(i) => {
            items.remove(i);
            i
        }
        None => items.len(),
    };
    let order = |c: &Choice| fold_cmp(&c.name, &choice.name);
    let first = items.partition_point(|c| order(c) == Ordering::Less);
    let after = items.partition_point(|c| order(c) != Ordering::Greater);
    items.insert(at.clamp(first, after), choice);
}
