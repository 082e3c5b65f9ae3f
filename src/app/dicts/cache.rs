//! The cache of every list: each list's state, how often its data changed,
//! and what is kept beside it (writes of the last minute, the pickers' view
//! prepared off the loop).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::data::DictData;
use super::patch::Patch;
use crate::api::ApiError;
use crate::api::model::ContactType;
use crate::app::choices::{ChoiceList, Choices};
use crate::app::effect::RequestId;
use crate::app::vocab::DictKey;
use crate::lang::Lang;

/// How long a loaded list is trusted.
pub const TTL: Duration = Duration::from_secs(60);

/// The state of one list. Loaded data is shared with the pickers' view of
/// it and with a preparation of it under way off the loop (a write to a
/// plain list or the streets copies the entries unless nothing else holds
/// them).
#[derive(Debug, Clone)]
pub enum DictState {
    Loading(RequestId),
    Loaded { data: Arc<DictData>, at: Duration },
    Failed(ApiError),
}

/// All lists.
#[derive(Debug, Clone, Default)]
pub struct DictCache {
    pub(super) lists: HashMap<DictKey, DictState>,
    /// Reloads of stale lists under way (the stale data stays in `lists`).
    pub(super) refreshing: HashMap<DictKey, RequestId>,
    /// Bumped whenever a list's data changes, so that pickers rebuild only then.
    revisions: HashMap<DictKey, u64>,
    /// Writes of the last minute, re-applied to lists loaded after them.
    pub(super) patches: HashMap<DictKey, Vec<(Patch, Duration)>>,
    /// Lists prepared for the pickers where they were decoded, with the
    /// revision they show.
    pub(super) prepared: HashMap<DictKey, (u64, Arc<ChoiceList>)>,
    /// Preparations of long lists under way off the loop.
    pub(super) preparing: HashMap<DictKey, Preparing>,
    /// Lists prepared for data that has changed since, handed to the next
    /// preparation to be dropped off the loop (freeing 100,000 names takes
    /// a while too).
    pub(super) retired: Vec<Arc<ChoiceList>>,
}

/// A preparation asked for with [`crate::app::Effect::PrepareDict`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Preparing {
    pub(super) req: RequestId,
    /// The revision of the data it prepares.
    pub(super) revision: u64,
    /// The language of the names (the contact types only).
    pub(super) lang: Option<Lang>,
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

    /// The list's data changed (or is about to): the list prepared for the
    /// old data goes. Entries it shares with the data still held here are
    /// let go of, so that a write can move them rather than copy them.
    pub(super) fn bump(&mut self, key: &DictKey) {
        *self.revisions.entry(key.clone()).or_default() += 1;
        if let Some((_, mut list)) = self.prepared.remove(key) {
            if let (Some(list), Some(DictData::Entries(entries) | DictData::Streets(entries))) =
                (Arc::get_mut(&mut list), self.data(key))
                && Arc::ptr_eq(&list.items, entries)
            {
                list.items = Choices::default();
            }
            self.retired.push(list);
        }
    }

    /// The data of a list, if loaded (even if older than the TTL).
    pub fn data(&self, key: &DictKey) -> Option<&DictData> {
        match self.lists.get(key)? {
            DictState::Loaded { data, .. } => Some(data.as_ref()),
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
}
