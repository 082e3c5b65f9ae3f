//! A change a write made to a list, as the list's data takes it.

use std::sync::Arc;

use super::data::{DictData, entry_choice, street_choice};
use crate::api::model::{DictEntry, Street};
use crate::app::choices::upsert;

/// A change a write made to a list.
#[derive(Debug, Clone)]
pub(super) enum Patch {
    Entry(DictEntry),
    Street(Street),
    Remove(String),
}

impl Patch {
    /// Edits the sorted list, which the pickers may share: in place when
    /// nothing else holds it, else a copy (`Arc::make_mut`).
    pub(super) fn apply(&self, data: &mut DictData) {
        match (self, data) {
            (Self::Entry(entry), DictData::Entries(list)) => {
                upsert(Arc::make_mut(list), entry_choice(entry.clone()));
            }
            (Self::Street(street), DictData::Streets(list)) => {
                upsert(Arc::make_mut(list), street_choice(street.clone()));
            }
            (Self::Remove(id), DictData::Entries(list) | DictData::Streets(list)) => {
                Arc::make_mut(list).retain(|c| &c.id != id);
            }
            (Self::Remove(id), DictData::ContactTypes(list)) => list.retain(|t| &t.id != id),
            _ => {}
        }
    }
}
