//! Asking for a list, its age, and taking its answer.

use std::sync::Arc;
use std::time::Duration;

use super::cache::{DictCache, DictState, TTL};
use super::data::DictData;
use crate::api::ApiError;
use crate::app::effect::{Effect, RequestId};
use crate::app::vocab::DictKey;

impl DictCache {
    /// Starts loading `key` unless it is loaded and fresh or already
    /// loading. A failed list is tried again.
    pub fn ensure(
        &mut self,
        key: DictKey,
        now: Duration,
        mut request: impl FnMut() -> RequestId,
        effects: &mut Vec<Effect>,
    ) {
        let needed = match self.lists.get(&key) {
            None | Some(DictState::Failed(_)) => true,
            Some(DictState::Loading(_)) => false,
            Some(DictState::Loaded { at, .. }) => {
                now.saturating_sub(*at) >= TTL && !self.refreshing.contains_key(&key)
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
        now: Duration,
    ) -> bool {
        self.take(req, key, result.map(Arc::new), now)
    }

    /// Takes an answer, the recent writes applied to it; returns whether
    /// anybody was waiting for it. A failed refresh keeps the stale list.
    pub(super) fn take(
        &mut self,
        req: RequestId,
        key: &DictKey,
        result: Result<Arc<DictData>, ApiError>,
        now: Duration,
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
            Ok(mut data) => {
                self.reapply(key, &mut data, now);
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
}
