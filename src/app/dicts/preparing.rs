//! The pickers' view of a long list, prepared off the loop: asked for when
//! the data changed, carried out by the executor, taken when it is still
//! for the data the cache holds.

use std::sync::Arc;
use std::time::Duration;

use super::cache::{DictCache, DictState, Preparing, TTL};
use super::data::DictData;
use super::prepared::PreparedDict;
use crate::api::ApiError;
use crate::app::choices::{ChoiceList, SHORT};
use crate::app::effect::{Effect, RequestId};
use crate::app::msg::Msg;
use crate::app::vocab::DictKey;
use crate::lang::Lang;

impl PreparedDict {
    /// Carries out [`Effect::PrepareDict`] (a while: not on the UI loop),
    /// dropping the lists it retires; the message that answers it. Other
    /// effects are not answered here.
    pub fn answer(effect: Effect) -> Option<Msg> {
        let Effect::PrepareDict {
            req,
            key,
            data,
            lang,
            retired,
        } = effect
        else {
            return None;
        };
        drop(retired);
        let result = Ok(Self::prepare(&key, data, lang));
        Some(Msg::DictPrepared { req, key, result })
    }
}

impl DictCache {
    /// Takes an answer prepared off the loop, a load's or a preparation's;
    /// returns whether anybody was waiting for it. A load's prepared list is
    /// kept unless a recent write changed the data (then it is prepared
    /// again); a preparation's, if the data has not changed since it was
    /// asked for.
    pub fn loaded_prepared(
        &mut self,
        req: RequestId,
        key: &DictKey,
        result: Result<PreparedDict, ApiError>,
        now: Duration,
    ) -> bool {
        if let Some(preparing) = self.preparing.get(key).copied()
            && preparing.req == req
        {
            self.preparing.remove(key);
            if preparing.revision == self.revision(key)
                && let Ok(PreparedDict {
                    list: Some(list), ..
                }) = result
            {
                self.prepared
                    .insert(key.clone(), (preparing.revision, list));
            }
            return true;
        }
        let (result, list) = match result {
            Ok(PreparedDict { data, list }) => (Ok(data), list),
            Err(error) => (Err(error), None),
        };
        let patched = self
            .patches
            .get(key)
            .is_some_and(|p| p.iter().any(|(_, at)| now.saturating_sub(*at) < TTL));
        if !self.take(req, key, result, now) {
            return false;
        }
        if let Some(list) = list.filter(|_| !patched) {
            self.prepared
                .insert(key.clone(), (self.revision(key), list));
        }
        true
    }

    /// The pickers' view of a list, when it was prepared off the loop for
    /// its present data.
    pub fn choice_list(&self, key: &DictKey) -> Option<&Arc<ChoiceList>> {
        self.prepared
            .get(key)
            .filter(|(revision, _)| *revision == self.revision(key))
            .map(|(_, list)| list)
    }

    /// Asks for every long list whose data has changed to be prepared
    /// again off the loop (the contact types' names in `lang`), unless that
    /// is under way already. A short list is left to the pickers. The lists
    /// prepared for the old data go with the first preparation, to be
    /// dropped off the loop (without one, they are dropped here).
    pub fn prepare_changed(
        &mut self,
        lang: Lang,
        mut request: impl FnMut() -> RequestId,
        effects: &mut Vec<Effect>,
    ) {
        let mut wanted: Vec<(DictKey, u64, Option<Lang>, Arc<DictData>)> = Vec::new();
        for (key, state) in &self.lists {
            let DictState::Loaded { data, .. } = state else {
                continue;
            };
            if data.len() < SHORT {
                continue;
            }
            let lang = (*key == DictKey::ContactTypes).then_some(lang);
            let revision = self.revision(key);
            let ready = self
                .choice_list(key)
                .is_some_and(|list| lang.is_none_or(|l| list.fits(l)));
            let asked = self
                .preparing
                .get(key)
                .is_some_and(|p| p.revision == revision && p.lang == lang);
            if !ready && !asked {
                wanted.push((key.clone(), revision, lang, Arc::clone(data)));
            }
        }
        for (key, revision, lang, data) in wanted {
            let req = request();
            effects.push(Effect::PrepareDict {
                req,
                key: key.clone(),
                data,
                lang,
                retired: std::mem::take(&mut self.retired),
            });
            self.preparing.insert(
                key,
                Preparing {
                    req,
                    revision,
                    lang,
                },
            );
        }
        self.retired.clear();
    }
}
