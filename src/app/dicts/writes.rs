//! A write's answer applied to the cache now, and kept for as long as the
//! server may still serve the list from before the write.

use std::sync::Arc;
use std::time::Duration;

use super::cache::{DictCache, DictState, TTL};
use super::data::DictData;
use super::patch::Patch;
use crate::api::model::{DictEntry, Street};
use crate::app::vocab::DictKey;

impl DictCache {
    /// Adds or replaces a city (or another plain entry) after a write.
    pub fn upsert_entry(&mut self, key: &DictKey, entry: DictEntry, now: Duration) {
        self.patch(key, Patch::Entry(entry), now);
    }

    /// Adds or replaces a street after a write.
    pub fn upsert_street(&mut self, key: &DictKey, street: Street, now: Duration) {
        self.patch(key, Patch::Street(street), now);
    }

    /// Removes a city or street after a delete.
    pub fn remove(&mut self, key: &DictKey, id: &str, now: Duration) {
        self.patch(key, Patch::Remove(id.to_owned()), now);
    }

    /// Applies a write's answer to the list now, and remembers it for as
    /// long as the server may still serve the list from before the write, so
    /// that a reload in that minute does not undo it.
    fn patch(&mut self, key: &DictKey, patch: Patch, now: Duration) {
        if matches!(self.lists.get(key), Some(DictState::Loaded { .. })) {
            self.bump(key);
        }
        if let Some(DictState::Loaded { data, .. }) = self.lists.get_mut(key) {
            patch.apply(Arc::make_mut(data));
        }
        let patches = self.patches.entry(key.clone()).or_default();
        patches.retain(|(_, at)| now.saturating_sub(*at) < TTL);
        patches.push((patch, now));
    }

    /// Re-applies the recent patches of `key` to freshly loaded data.
    pub(super) fn reapply(&mut self, key: &DictKey, data: &mut Arc<DictData>, now: Duration) {
        if let Some(patches) = self.patches.get_mut(key) {
            patches.retain(|(_, at)| now.saturating_sub(*at) < TTL);
            for (patch, _) in patches.iter() {
                patch.apply(Arc::make_mut(data));
            }
        }
    }
}
