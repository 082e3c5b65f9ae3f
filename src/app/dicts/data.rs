//! A loaded list, kept as the pickers show it.

use std::sync::Arc;

use crate::api::model::{ContactType, DictEntry, Street};
use crate::app::choices::{Choices, sorted};
use crate::app::vocab::Choice;

/// A loaded list. The plain lists and the streets are kept as the pickers
/// show them, sorted by name, and the pickers' choices are these very
/// entries (one copy of each name): build them with [`DictData::entries`]
/// and [`DictData::streets`].
#[derive(Debug, Clone, PartialEq)]
pub enum DictData {
    ContactTypes(Vec<ContactType>),
    /// Address types, countries, cities, metro stations.
    Entries(Choices),
    /// Streets, each with its postcode as the choice's `extra`.
    Streets(Choices),
}

impl DictData {
    /// A plain list as decoded: its strings moved into choices, sorted (a
    /// while for a long list: not on the UI loop).
    pub fn entries(list: Vec<DictEntry>) -> Self {
        Self::Entries(sorted(list.into_iter().map(entry_choice).collect()))
    }

    /// The streets as decoded, like [`Self::entries`].
    pub fn streets(list: Vec<Street>) -> Self {
        Self::Streets(sorted(list.into_iter().map(street_choice).collect()))
    }

    /// How many entries the list has.
    pub fn len(&self) -> usize {
        match self {
            Self::ContactTypes(list) => list.len(),
            Self::Entries(list) | Self::Streets(list) => list.len(),
        }
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entries as picker choices, in alphabetical order: the cities'
    /// and streets' own (the list keeps them so), the contact types'
    /// copied. Their text was cleaned where it was decoded
    /// (`api::lenient::clean`): not again here.
    pub fn choices(&self) -> Choices {
        match self {
            Self::ContactTypes(types) => sorted(
                types
                    .iter()
                    .map(|t| Choice {
                        id: t.id.clone(),
                        name: t.name.clone(),
                        extra: String::new(),
                    })
                    .collect(),
            ),
            Self::Entries(items) | Self::Streets(items) => Arc::clone(items),
        }
    }
}

/// A plain entry as a choice.
pub(super) fn entry_choice(entry: DictEntry) -> Choice {
    Choice {
        id: entry.id,
        name: entry.name,
        extra: String::new(),
    }
}

/// A street as a choice, its postcode as the `extra`.
pub(super) fn street_choice(street: Street) -> Choice {
    Choice {
        id: street.id,
        name: street.name,
        extra: street.post_code,
    }
}
