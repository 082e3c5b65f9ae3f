//! A picker's query read as an address: `ул тверская` searches «тверская»
//! among the plain streets, `пр-т мира` searches «мира» preferring the
//! avenues, `б. ордынка` searches «больш ордынка», `тверская 7` searches
//! «тверская»; in the city picker `спб` and `питер` name
//! «Санкт-Петербург».

use super::line::parse;
use super::words::{StreetType, adjective_stem, city_of, is_city_label};
use crate::fuzzy::fold;

/// A street query as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreetQuery {
    /// What to search the names for (folded).
    pub text: String,
    /// The type the query named, whose streets come first.
    pub kind: Option<StreetType>,
}

/// The street query in `query`, when the rules read it otherwise than as
/// typed (a type word, a short adjective, a house number after the name);
/// `None` when it is searched as typed.
pub fn street_query(query: &str) -> Option<StreetQuery> {
    let parsed = parse(query);
    let kind = parsed.street_type();
    let street = parsed.street();
    if street.is_none() && kind.is_none() {
        return None;
    }
    let words: Vec<String> = street
        .as_deref()
        .map(|s| fold(s).split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let last = words.len().saturating_sub(1);
    let text = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let bare = w.trim_end_matches('.');
            // A short adjective before the name (not the word still being
            // typed: `8 м` may become «8 Марта»).
            match adjective_stem(bare) {
                Some(stem) if i < last => stem.to_owned(),
                _ => w.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let read = StreetQuery { text, kind };
    (kind.is_some() || read.text != fold(query.trim())).then_some(read)
}

/// The city a city picker's query names by a short name or nickname
/// (`мск`, `г. спб`, `питер`), as the dictionary spells it.
pub fn city_query(query: &str) -> Option<&'static str> {
    let folded = fold(query.trim());
    let bare = folded
        .split_once([' ', '.'])
        .filter(|(first, _)| is_city_label(first))
        .map_or(folded.as_str(), |(_, rest)| {
            rest.trim_start_matches('.').trim()
        });
    city_of(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> Option<(String, Option<StreetType>)> {
        street_query(query).map(|q| (q.text, q.kind))
    }

    #[test]
    fn street_type_words_are_read_not_searched() {
        let street = Some(StreetType::Street);
        assert_eq!(read("ул тверская"), Some(("тверская".into(), street)));
        assert_eq!(read("улица тверская"), Some(("тверская".into(), street)));
        assert_eq!(read("ул. арбат"), Some(("арбат".into(), street)));
        assert_eq!(read("ул тверск"), Some(("тверск".into(), street)));
        let avenue = Some(StreetType::Avenue);
        assert_eq!(read("пр-т мира"), Some(("мира".into(), avenue)));
        assert_eq!(read("невский пр"), Some(("невский".into(), avenue)));
        assert_eq!(read("ул"), Some((String::new(), street)));
    }

    #[test]
    fn short_adjectives_and_house_numbers_are_read() {
        assert_eq!(read("б. ордынка"), Some(("больш ордынка".into(), None)));
        assert_eq!(read("тверская 7"), Some(("тверская".into(), None)));
        assert_eq!(read("тверская 7 кв 5"), Some(("тверская".into(), None)));
    }

    #[test]
    fn plain_queries_are_searched_as_typed() {
        assert_eq!(read("тверская"), None);
        assert_eq!(read("Тверская"), None);
        assert_eq!(read("1-я тверская"), None);
        assert_eq!(read("8 м"), None);
        assert_eq!(read("7"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn cities_are_read_from_nicknames() {
        assert_eq!(city_query("мск"), Some("Москва"));
        assert_eq!(city_query(" Питер "), Some("Санкт-Петербург"));
        assert_eq!(city_query("г. спб"), Some("Санкт-Петербург"));
        assert_eq!(city_query("г спб"), Some("Санкт-Петербург"));
        assert_eq!(city_query("екб"), Some("Екатеринбург"));
        assert_eq!(city_query("нн"), Some("Нижний Новгород"));
        assert_eq!(city_query("мос"), None);
    }
}
