//! The dictionary cache: contact and address types, countries, cities,
//! streets, metro.
//!
//! Entries live 60 s, the server's own cache time. A list already loading is
//! not asked for twice. Writes to cities and streets patch the cache from the
//! write's answer, because the server's GET may serve the old list for up to
//! a minute.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::{Effect, RequestId};
use crate::api::ApiError;
use crate::api::model::{ContactType, DictEntry, Street};

/// How long a loaded list is trusted.
pub const TTL: Duration = Duration::from_secs(60);

/// Which list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DictKey {
    ContactTypes,
    AddressTypes,
    Countries,
    Cities { country_id: String },
    Streets { city_id: String },
    Metro { city_id: String },
}

/// A loaded list.
#[derive(Debug, Clone, PartialEq)]
pub enum DictData {
    ContactTypes(Vec<ContactType>),
    Entries(Vec<DictEntry>),
    Streets(Vec<Street>),
}

/// The state of one list.
#[derive(Debug, Clone)]
pub enum DictState {
    Loading(RequestId),
    Loaded { data: DictData, at: Instant },
    Failed(ApiError),
}

/// All lists.
#[derive(Debug, Clone, Default)]
pub struct DictCache {
    lists: HashMap<DictKey, DictState>,
    /// Reloads of stale lists under way (the stale data stays in `lists`).
    refreshing: HashMap<DictKey, RequestId>,
    /// Bumped whenever a list's data changes, so that pickers rebuild only then.
    revisions: HashMap<DictKey, u64>,
}

impl DictCache {
    /// The state of a list, if it was ever asked for.
    pub fn get(&self, key: &DictKey) -> Option<&DictState> {
        self.lists.get(key)
    }

    /// How often the list's data has changed.
    pub fn revision(&self, key: &DictKey) -> u64 {
        self.revisions.get(key).copied().unwrap_or(0)
    }

    fn bump(&mut self, key: &DictKey) {
        *self.revisions.entry(key.clone()).or_default() += 1;
    }

    /// The data of a list, if loaded (even if older than the TTL).
    pub fn data(&self, key: &DictKey) -> Option<&DictData> {
        match self.lists.get(key)? {
            DictState::Loaded { data, .. } => Some(data),
            _ => None,
        }
    }

    /// The contact types, if loaded.
    pub fn contact_types(&self) -> &[ContactType] {
        match self.data(&DictKey::ContactTypes) {
            Some(DictData::ContactTypes(types)) => types,
            _ => &[],
        }
    }

    /// Starts loading `key` unless it is loaded and fresh or already
    /// loading. A failed list is tried again.
    pub fn ensure(
        &mut self,
        key: DictKey,
        now: Instant,
        mut request: impl FnMut() -> RequestId,
        effects: &mut Vec<Effect>,
    ) {
        let needed = match self.lists.get(&key) {
            None | Some(DictState::Failed(_)) => true,
            Some(DictState::Loading(_)) => false,
            Some(DictState::Loaded { at, .. }) => {
                now.duration_since(*at) >= TTL && !self.refreshing.contains_key(&key)
            }
        };
        if needed {
            let req = request();
            effects.push(Effect::LoadDict {
                req,
                key: key.clone(),
            });
            if !matches!(self.lists.get(&key), Some(DictState::Loaded { .. })) {
                self.lists.insert(key, DictState::Loading(req));
            } else {
                // Keep showing the stale list while the fresh one loads; the
                // answer is accepted by key.
                self.refreshing.insert(key, req);
            }
        }
    }

    /// Takes an answer; returns whether anybody was waiting for it.
    pub fn loaded(
        &mut self,
        req: RequestId,
        key: &DictKey,
        result: Result<DictData, ApiError>,
        now: Instant,
    ) -> bool {
        let waited = match self.lists.get(key) {
            Some(DictState::Loading(r)) => *r == req,
            _ => self.refreshing.get(key) == Some(&req),
        };
        if !waited {
            return false;
        }
        self.refreshing.remove(key);
        match result {
            Ok(data) => {
                self.lists
                    .insert(key.clone(), DictState::Loaded { data, at: now });
                self.bump(key);
            }
            Err(error) => {
                // A failed refresh keeps the stale list.
                if !matches!(self.lists.get(key), Some(DictState::Loaded { .. })) {
                    self.lists.insert(key.clone(), DictState::Failed(error));
                }
            }
        }
        true
    }

    /// Adds or replaces an entry of a loaded list after a write.
    pub fn upsert_entry(&mut self, key: &DictKey, entry: DictEntry) {
        if let Some(DictState::Loaded {
            data: DictData::Entries(list),
            ..
        }) = self.lists.get_mut(key)
        {
            match list.iter_mut().find(|e| e.id == entry.id) {
                Some(old) => *old = entry,
                None => list.push(entry),
            }
            self.bump(key);
        }
    }

    /// Adds or replaces a street of a loaded list after a write.
    pub fn upsert_street(&mut self, key: &DictKey, street: Street) {
        if let Some(DictState::Loaded {
            data: DictData::Streets(list),
            ..
        }) = self.lists.get_mut(key)
        {
            match list.iter_mut().find(|s| s.id == street.id) {
                Some(old) => *old = street,
                None => list.push(street),
            }
            self.bump(key);
        }
    }

    /// Removes an entry (city, street, …) from a loaded list after a delete.
    pub fn remove(&mut self, key: &DictKey, id: &str) {
        if let Some(DictState::Loaded { data, .. }) = self.lists.get_mut(key) {
            match data {
                DictData::Entries(list) => list.retain(|e| e.id != id),
                DictData::Streets(list) => list.retain(|s| s.id != id),
                DictData::ContactTypes(list) => list.retain(|t| t.id != id),
            }
            self.bump(key);
        }
    }
}
