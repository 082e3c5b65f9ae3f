//! The dictionary cache through its own API: loads, ages, writes' patches,
//! preparations off the loop.

use std::sync::Arc;
use std::time::Duration;

use super::{DictCache, DictData, PreparedDict, TTL};
use crate::api::model::{DictEntry, Street};
use crate::app::choices;
use crate::app::effect::{Effect, RequestId};
use crate::app::msg::Msg;
use crate::app::vocab::DictKey;
use crate::lang::Lang;

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
