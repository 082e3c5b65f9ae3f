//! The dictionary cache: contact and address types, countries, cities,
//! streets, metro.
//!
//! Entries live 60 s, the server's own cache time. A list already loading is
//! not asked for twice. Writes to cities and streets patch the cache from the
//! write's answer, because the server's GET may serve the old list for up to
//! a minute.
//!
//! A long list whose data changes (an answer, a write's patch) is prepared
//! for the pickers again off the loop: [`DictCache::prepare_changed`] asks
//! for it with [`Effect::PrepareDict`], whose answer comes back as a
//! prepared load does; an answer for data that has changed since is dropped.
//!
//! Times are [`super::Clock::since_start`]: the app never reads a clock.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::choices::{self, ChoiceList, Choices};
use super::vocab::{Choice, DictKey};
use super::{Effect, Msg, RequestId};
use crate::api::ApiError;
use crate::api::model::{ContactType, DictEntry, Street};
use crate::lang::Lang;

/// How long a loaded list is trusted.
pub const TTL: Duration = Duration::from_secs(60);

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
        Self::Entries(choices::sorted(
            list.into_iter().map(entry_choice).collect(),
        ))
    }

    /// The streets as decoded, like [`Self::entries`].
    pub fn streets(list: Vec<Street>) -> Self {
        Self::Streets(choices::sorted(
            list.into_iter().map(street_choice).collect(),
        ))
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
}

fn entry_choice(entry: DictEntry) -> Choice {
    Choice {
        id: entry.id,
        name: entry.name,
        extra: String::new(),
    }
}

fn street_choice(street: Street) -> Choice {
    Choice {
        id: street.id,
        name: street.name,
        extra: street.post_code,
    }
}

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
    lists: HashMap<DictKey, DictState>,
    /// Reloads of stale lists under way (the stale data stays in `lists`).
    refreshing: HashMap<DictKey, RequestId>,
    /// Bumped whenever a list's data changes, so that pickers rebuild only then.
    revisions: HashMap<DictKey, u64>,
    /// Writes of the last minute, re-applied to lists loaded after them.
    patches: HashMap<DictKey, Vec<(Patch, Duration)>>,
    /// Lists prepared for the pickers where they were decoded, with the
    /// revision they show.
    prepared: HashMap<DictKey, (u64, Arc<ChoiceList>)>,
    /// Preparations of long lists under way off the loop.
    preparing: HashMap<DictKey, Preparing>,
    /// Lists prepared for data that has changed since, handed to the next
    /// preparation to be dropped off the loop (freeing 100,000 names takes
    /// a while too).
    retired: Vec<Arc<ChoiceList>>,
}

/// A preparation asked for with [`Effect::PrepareDict`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Preparing {
    req: RequestId,
    /// The revision of the data it prepares.
    revision: u64,
    /// The language of the names (the contact types only).
    lang: Option<Lang>,
}

/// A list as the executor hands it over: the data, and the pickers' view
/// of it prepared off the UI loop (see [`ChoiceList::prepare`]).
#[derive(Debug, Clone)]
pub struct PreparedDict {
    pub data: Arc<DictData>,
    pub list: Option<Arc<ChoiceList>>,
}

impl PreparedDict {
    /// Prepares `data` as it arrived (the slow part: sorting, folding,
    /// ranking letters).
    pub fn new(key: &DictKey, data: DictData) -> Self {
        Self::prepare(key, Arc::new(data), None)
    }

    /// Prepares `data` again after it changed, the contact types' names in
    /// `lang` ([`Effect::PrepareDict`]).
    pub fn prepare(key: &DictKey, data: Arc<DictData>, lang: Option<Lang>) -> Self {
        let list = ChoiceList::prepare(key, &data, lang).map(Arc::new);
        Self { data, list }
    }

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
    fn bump(&mut self, key: &DictKey) {
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

    fn take(
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
            if data.len() < choices::SHORT {
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
    fn reapply(&mut self, key: &DictKey, data: &mut Arc<DictData>, now: Duration) {
        if let Some(patches) = self.patches.get_mut(key) {
            patches.retain(|(_, at)| now.saturating_sub(*at) < TTL);
            for (patch, _) in patches.iter() {
                patch.apply(Arc::make_mut(data));
            }
        }
    }
}

/// A change a write made to a list.
#[derive(Debug, Clone)]
enum Patch {
    Entry(DictEntry),
    Street(Street),
    Remove(String),
}

impl Patch {
    /// Edits the sorted list, which the pickers may share: in place when
    /// nothing else holds it, else a copy (`Arc::make_mut`).
    fn apply(&self, data: &mut DictData) {
        match (self, data) {
            (Self::Entry(entry), DictData::Entries(list)) => {
                choices::upsert(Arc::make_mut(list), entry_choice(entry.clone()));
            }
            (Self::Street(street), DictData::Streets(list)) => {
                choices::upsert(Arc::make_mut(list), street_choice(street.clone()));
            }
            (Self::Remove(id), DictData::Entries(list) | DictData::Streets(list)) => {
                Arc::make_mut(list).retain(|c| &c.id != id);
            }
            (Self::Remove(id), DictData::ContactTypes(list)) => list.retain(|t| &t.id != id),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(id: &str, name: &str) -> DictEntry {
        DictEntry {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }

    fn names(cache: &DictCache, key: &DictKey) -> Vec<String> {
        match cache.data(key) {
            Some(DictData::Entries(list)) => list.iter().map(|e| e.name.clone()).collect(),
            other => panic!("{other:?}"),
        }
    }

    /// Starts a load of `key` and answers it with `data`.
    fn load(cache: &mut DictCache, key: &DictKey, data: DictData, now: Duration) {
        let mut effects = Vec::new();
        cache.lists.remove(key);
        cache.ensure(key.clone(), now, || RequestId(7), &mut effects);
        assert_eq!(effects.len(), 1);
        assert!(cache.loaded(RequestId(7), key, Ok(data), now));
    }

    #[test]
    fn a_write_survives_a_reload_served_from_the_servers_old_cache() {
        let key = DictKey::Cities {
            country_id: "2".to_owned(),
        };
        let t0 = Duration::from_secs(1000);
        let mut cache = DictCache::default();
        let moscow = || DictData::entries(vec![city("1", "Москва")]);
        load(&mut cache, &key, moscow(), t0);
        cache.upsert_entry(&key, city("9", "Таганрог"), t0);
        cache.remove(&key, "1", t0);
        assert_eq!(names(&cache, &key), ["Таганрог"]);
        // The server still answers with the list from before the writes.
        load(&mut cache, &key, moscow(), t0 + Duration::from_secs(30));
        assert_eq!(names(&cache, &key), ["Таганрог"]);
        // A minute after the writes the server's list is the truth again.
        let later = t0 + TTL + Duration::from_secs(1);
        load(&mut cache, &key, moscow(), later);
        assert_eq!(names(&cache, &key), ["Москва"]);
    }

    #[test]
    fn a_write_to_a_list_still_loading_applies_when_it_arrives() {
        let key = DictKey::Cities {
            country_id: "2".to_owned(),
        };
        let now = Duration::from_secs(1000);
        let mut cache = DictCache::default();
        let mut effects = Vec::new();
        cache.ensure(key.clone(), now, || RequestId(3), &mut effects);
        cache.upsert_entry(&key, city("9", "Таганрог"), now);
        let answer = Ok(DictData::entries(vec![city("1", "Москва")]));
        assert!(cache.loaded(RequestId(3), &key, answer, now));
        assert_eq!(names(&cache, &key), ["Москва", "Таганрог"]);
    }

    fn streets(count: usize) -> DictData {
        DictData::streets(
            (0..count)
                .map(|i| street(&i.to_string(), &format!("Улица {i}"), ""))
                .collect(),
        )
    }

    /// Answers a preparation as the executor does.
    fn answer(cache: &mut DictCache, effect: &Effect, now: Duration) -> bool {
        match PreparedDict::answer(effect.clone()) {
            Some(Msg::DictPrepared { req, key, result }) => {
                cache.loaded_prepared(req, &key, result, now)
            }
            other => panic!("not a preparation's answer: {other:?}"),
        }
    }

    #[test]
    fn a_long_list_changed_is_prepared_once_off_the_loop_and_a_stale_answer_dropped() {
        let key = DictKey::Streets {
            city_id: "2".to_owned(),
        };
        let now = Duration::from_secs(1000);
        let mut cache = DictCache::default();
        // Loaded without a prepared list (or changed by a write since).
        load(&mut cache, &key, streets(choices::SHORT + 1), now);
        let mut next = 10;
        let mut request = || {
            next += 1;
            RequestId(next)
        };
        let mut effects = Vec::new();
        cache.prepare_changed(Lang::Ru, &mut request, &mut effects);
        cache.prepare_changed(Lang::En, &mut request, &mut effects);
        assert_eq!(effects.len(), 1, "asked for once: {effects:?}");
        assert!(matches!(
            &effects[0],
            Effect::PrepareDict { req: RequestId(11), key: k, data, lang: None, .. }
                if *k == key && data.len() == choices::SHORT + 1
        ));
        // A write before the answer: prepared again, the first answer is
        // for data that has changed.
        cache.remove(&key, "0", now);
        cache.prepare_changed(Lang::Ru, &mut request, &mut effects);
        assert_eq!(effects.len(), 2);
        assert!(
            !answer(&mut cache, &effects[0], now),
            "a stale answer taken"
        );
        assert!(cache.choice_list(&key).is_none());
        assert!(answer(&mut cache, &effects[1], now));
        let list = cache.choice_list(&key).map(|l| l.items.len());
        assert_eq!(list, Some(choices::SHORT));
        cache.prepare_changed(Lang::Ru, &mut request, &mut effects);
        assert_eq!(effects.len(), 2, "prepared already");
    }

    fn street(id: &str, name: &str, post_code: &str) -> Street {
        Street {
            id: id.to_owned(),
            name: name.to_owned(),
            post_code: post_code.to_owned(),
        }
    }

    fn ids(cache: &DictCache, key: &DictKey) -> Vec<String> {
        match cache.data(key) {
            Some(DictData::Streets(list)) => list.iter().map(|s| s.id.clone()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_pickers_choices_are_the_cached_entries_themselves() {
        let key = DictKey::Streets {
            city_id: "2".to_owned(),
        };
        let now = Duration::from_secs(1000);
        let mut cache = DictCache::default();
        let mut effects = Vec::new();
        cache.ensure(key.clone(), now, || RequestId(1), &mut effects);
        let prepared = PreparedDict::new(&key, streets(choices::SHORT + 1));
        assert!(cache.loaded_prepared(RequestId(1), &key, Ok(prepared), now));
        let Some(DictData::Streets(entries)) = cache.data(&key) else {
            panic!("no streets");
        };
        let list = cache.choice_list(&key).expect("prepared");
        assert!(Arc::ptr_eq(entries, &list.items), "a second copy");
        // A write moves the entries (the prepared list goes), not copies.
        let name = entries.last().map(|s| s.name.as_ptr());
        cache.remove(&key, "0", now);
        let Some(DictData::Streets(entries)) = cache.data(&key) else {
            panic!("no streets");
        };
        assert_eq!(entries.len(), choices::SHORT);
        assert_eq!(entries.last().map(|s| s.name.as_ptr()), name, "copied");
    }

    #[test]
    fn a_write_puts_a_street_where_sorting_the_list_would() {
        let key = DictKey::Streets {
            city_id: "2".to_owned(),
        };
        let now = Duration::from_secs(1000);
        let mut cache = DictCache::default();
        let list = vec![
            street("3", "Тверская", ""),
            street("1", "Лесная", "101000"),
            street("2", "лесная", "102000"),
        ];
        load(&mut cache, &key, DictData::streets(list), now);
        assert_eq!(ids(&cache, &key), ["1", "2", "3"]);
        // A new street of a name already there goes after the others.
        cache.upsert_street(&key, street("4", "ЛЕСНАЯ", ""), now);
        assert_eq!(ids(&cache, &key), ["1", "2", "4", "3"]);
        // A street renamed to it from further down goes after them too...
        cache.upsert_street(&key, street("3", "Лесная", ""), now);
        assert_eq!(ids(&cache, &key), ["1", "2", "4", "3"]);
        // ...one changed in place keeps its place, one renamed moves.
        cache.upsert_street(&key, street("2", "Лесная", "109000"), now);
        cache.upsert_street(&key, street("1", "Ясная", ""), now);
        cache.upsert_street(&key, street("4", "Арбат", ""), now);
        assert_eq!(ids(&cache, &key), ["4", "2", "3", "1"]);
        cache.remove(&key, "2", now);
        assert_eq!(ids(&cache, &key), ["4", "3", "1"]);
        let Some(DictData::Streets(list)) = cache.data(&key) else {
            panic!("no streets");
        };
        assert_eq!(list[0].name, "Арбат");
        assert_eq!(list[2].extra, "", "the postcode written");
    }

    #[test]
    fn a_short_list_is_left_to_the_pickers() {
        let key = DictKey::Countries;
        let now = Duration::from_secs(1000);
        let mut cache = DictCache::default();
        let list = (0..choices::SHORT - 1)
            .map(|i| city(&i.to_string(), "Страна"))
            .collect();
        load(&mut cache, &key, DictData::entries(list), now);
        let mut effects = Vec::new();
        cache.prepare_changed(Lang::Ru, || RequestId(2), &mut effects);
        assert!(effects.is_empty(), "{effects:?}");
    }

    #[test]
    fn one_request_per_list_and_stale_answers_dropped() {
        let key = DictKey::Countries;
        let now = Duration::from_secs(1000);
        let mut cache = DictCache::default();
        let mut effects = Vec::new();
        let mut next = 0;
        let mut request = || {
            next += 1;
            RequestId(next)
        };
        cache.ensure(key.clone(), now, &mut request, &mut effects);
        cache.ensure(key.clone(), now, &mut request, &mut effects);
        assert_eq!(
            effects.len(),
            1,
            "a list already loading is not asked twice"
        );
        let answer = Ok(DictData::entries(Vec::new()));
        assert!(!cache.loaded(RequestId(99), &key, answer.clone(), now));
        assert!(cache.loaded(RequestId(1), &key, answer, now));
        cache.ensure(
            key.clone(),
            now + Duration::from_secs(10),
            &mut request,
            &mut effects,
        );
        assert_eq!(effects.len(), 1, "fresh for 60 s");
        cache.ensure(key, now + TTL, &mut request, &mut effects);
        assert_eq!(effects.len(), 2, "stale after 60 s");
    }
}
