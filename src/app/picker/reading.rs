//! A picker's query read as an address (`crate::address::query`): what the
//! street and city pickers search for, and which rows they put first.
//!
//! `ул тверская` searches «тверская» and puts the plain streets first;
//! `пр-т мира` searches «мира» and puts the avenues first; `мск`, `спб`,
//! `питер` put «Москва» or «Санкт-Петербург» first in the city picker
//! (before «Омск», which holds `мск`).

use super::search::Rows;
use crate::address::query::{city_query, street_query};
use crate::address::words::StreetType;
use crate::app::vocab::{Choice, DictKey};
use crate::fuzzy::{fold, fold_cmp};

/// How many of the best rows a street type reorders (more than a picker
/// shows; a keystroke never reorders a whole long list).
const REORDERED: usize = 2_048;

/// What a query asks for beyond its letters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Prefer {
    /// Nothing: the query is searched as typed.
    #[default]
    Nothing,
    /// Streets of this type first.
    Kind(StreetType),
    /// The streets without a type first: no kind named, but the rules
    /// changed the query (a house number after the name, `б.`).
    Read,
    /// This city first (an index into the list), named by a nickname.
    City(u32),
}

/// A query as the rules read it.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// What the names are searched for.
    pub search: String,
    pub prefer: Prefer,
}

impl Reading {
    /// Reads `query` for the picker over `key`'s list `items`.
    pub fn of(key: &DictKey, query: &str, items: &[Choice]) -> Self {
        let as_typed = Self {
            search: query.to_owned(),
            prefer: Prefer::Nothing,
        };
        match key {
            DictKey::Streets { .. } => match street_query(query) {
                Some(read) => Self {
                    search: read.text,
                    prefer: read.kind.map_or(Prefer::Read, Prefer::Kind),
                },
                None => as_typed,
            },
            DictKey::Cities { .. } => {
                let pinned = city_query(query).and_then(|name| {
                    let at = items.iter().position(|c| fold_cmp(&c.name, name).is_eq())?;
                    u32::try_from(at).ok()
                });
                Self {
                    prefer: pinned.map_or(Prefer::Nothing, Prefer::City),
                    ..as_typed
                }
            }
            _ => as_typed,
        }
    }

    /// Whether the rules explain the query: it is not searched as typed.
    pub fn explained(&self) -> bool {
        self.prefer != Prefer::Nothing
    }

    /// Puts the preferred rows first among the rows that hold the query.
    pub fn apply(&self, rows: &mut Rows, items: &[Choice]) {
        match self.prefer {
            Prefer::Nothing | Prefer::Read => {}
            Prefer::Kind(kind) => {
                let window = rows.close.min(REORDERED);
                let of_kind = |i: &u32| {
                    items
                        .get(*i as usize)
                        .is_some_and(|c| StreetType::of_name(&fold(&c.name)) == kind)
                };
                let head = &mut rows.matches[..window];
                let (mut first, rest): (Vec<u32>, Vec<u32>) = head.iter().partition(|i| of_kind(i));
                first.extend(rest);
                head.copy_from_slice(&first);
            }
            Prefer::City(city) => {
                match rows.matches.iter().position(|&i| i == city) {
                    Some(at) if at < rows.close => {
                        rows.matches[..=at].rotate_right(1);
                    }
                    Some(at) => {
                        rows.matches.remove(at);
                        rows.matches.insert(0, city);
                        rows.close += 1;
                    }
                    None => {
                        rows.matches.insert(0, city);
                        rows.close += 1;
                    }
                }
                rows.other_layout = None;
            }
        }
    }
}
