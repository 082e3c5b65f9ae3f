//! The clients opened recently on this workstation.
//!
//! The API has no search, so this list is how an operator finds a returning
//! customer: by a piece of the name, the phone or the id. It is kept newest
//! first, unique by id, at most [`RecentList::CAPACITY`] entries, in a JSON
//! file readable by the owner only:
//!
//! ```json
//! {"version": 1, "entries": [{"id": "42", "name": "Иванов Иван Иванович",
//!   "phones": ["+7 (916) 123-45-67"], "opened_at": 1700000000}]}
//! ```

mod file;

pub use file::{FILE_VERSION, RecentError};

use serde::{Deserialize, Serialize};

use crate::text::sanitize;

/// One client opened recently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentClient {
    /// The client id in the CRM.
    pub id: String,
    /// "Фамилия Имя Отчество".
    pub name: String,
    /// The values of the client's contacts (phones mostly).
    #[serde(default)]
    pub phones: Vec<String>,
    /// When the card was last opened, in unix seconds.
    #[serde(default)]
    pub opened_at: u64,
}

impl RecentClient {
    /// The entry with every text cleaned of control characters.
    pub fn cleaned(self) -> Self {
        Self {
            id: sanitize(&self.id),
            name: sanitize(&self.name),
            phones: self.phones.iter().map(|p| sanitize(p)).collect(),
            opened_at: self.opened_at,
        }
    }
}

/// The recent clients, newest first, unique by id.
#[derive(Debug, Clone, Default)]
pub struct RecentList {
    entries: Vec<RecentClient>,
    /// Folded search text, one per entry, in the same order.
    haystacks: Vec<Haystack>,
}

/// What [`RecentList::filter`] searches, prepared once per entry.
#[derive(Debug, Clone)]
struct Haystack {
    /// The id, folded.
    id: String,
    /// The name, folded.
    name: String,
    /// The digits of each phone.
    phones: Vec<String>,
}

impl Haystack {
    fn of(entry: &RecentClient) -> Self {
        Self {
            id: fold(&entry.id),
            name: fold(&entry.name),
            phones: entry.phones.iter().map(|p| only_digits(p)).collect(),
        }
    }

    fn phone_contains(&self, digits: &str) -> bool {
        !digits.is_empty() && self.phones.iter().any(|p| p.contains(digits))
    }
}

impl RecentList {
    /// The most entries the list keeps; older ones fall off the end.
    pub const CAPACITY: usize = 200;

    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// A list of these entries (newest first; later duplicates of an id and
    /// entries beyond the capacity are dropped).
    pub fn from_entries(entries: Vec<RecentClient>) -> Self {
        let mut list = Self::new();
        for entry in entries {
            if list.entries.len() >= Self::CAPACITY {
                break;
            }
            if list.position(&entry.id).is_none() {
                list.haystacks.push(Haystack::of(&entry));
                list.entries.push(entry);
            }
        }
        list
    }

    /// The entries, newest first.
    pub fn entries(&self) -> &[RecentClient] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Puts `entry` first, replacing an entry with the same id.
    ///
    /// The entry's text must be clean already (it comes from a card that
    /// was); entries read from the file are cleaned by `load`.
    pub fn touch(&mut self, entry: RecentClient) {
        self.remove(&entry.id);
        self.haystacks.insert(0, Haystack::of(&entry));
        self.entries.insert(0, entry);
        self.entries.truncate(Self::CAPACITY);
        self.haystacks.truncate(Self::CAPACITY);
    }

    /// Removes the entry with this id, if any.
    pub fn remove(&mut self, id: &str) {
        if let Some(i) = self.position(id) {
            self.entries.remove(i);
            self.haystacks.remove(i);
        }
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// The indices of the entries matching `query`, newest first.
    ///
    /// Case does not matter and `ё` equals `е`. Every word of the query must
    /// match the id, the name (anywhere, so a word's prefix works) or, by its
    /// digits, a phone. A query made only of digits and phone punctuation
    /// (`+7 (916) 123`) also matches when all its digits together are part of
    /// a phone's digits. An empty query matches everything.
    pub fn filter(&self, query: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return (0..self.entries.len()).collect();
        }
        let folded = fold(query);
        let words: Vec<(&str, String)> = folded
            .split_whitespace()
            .map(|w| (w, phone_like_digits(w).unwrap_or_default()))
            .collect();
        let whole_digits = phone_like_digits(query).unwrap_or_default();
        self.haystacks
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                h.phone_contains(&whole_digits)
                    || words.iter().all(|(word, digits)| {
                        h.id.contains(word) || h.name.contains(word) || h.phone_contains(digits)
                    })
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// Lower case, with `ё` folded into `е`.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

fn only_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The digits of `s` if it looks like (part of) a phone number: digits and
/// `+ - ( ) .` and spaces only, at least one digit.
fn phone_like_digits(s: &str) -> Option<String> {
    let phone_like = s.chars().all(|c| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '+' | '-' | '(' | ')' | '.')
    });
    let digits = only_digits(s);
    (phone_like && !digits.is_empty()).then_some(digits)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn client(id: &str, name: &str, phones: &[&str]) -> RecentClient {
        RecentClient {
            id: id.to_owned(),
            name: name.to_owned(),
            phones: phones.iter().map(|p| (*p).to_owned()).collect(),
            opened_at: 1_700_000_000,
        }
    }

    pub(crate) fn sample() -> RecentList {
        let mut list = RecentList::new();
        list.touch(client(
            "1001",
            "Фёдоров Пётр Семёнович",
            &["+7 (916) 123-45-67"],
        ));
        list.touch(client(
            "1002",
            "Иванова Анна Сергеевна",
            &["8 495 765-43-21", "anna@example.com"],
        ));
        list.touch(client("2003", "Smith John", &[]));
        list
    }

    pub(crate) fn ids(list: &RecentList, query: &str) -> Vec<String> {
        list.filter(query)
            .into_iter()
            .map(|i| list.entries()[i].id.clone())
            .collect()
    }

    #[test]
    fn touch_puts_first_and_keeps_ids_unique() {
        let mut list = sample();
        assert_eq!(ids(&list, ""), ["2003", "1002", "1001"]);
        list.touch(client("1001", "Фёдоров Пётр", &[]));
        assert_eq!(ids(&list, ""), ["1001", "2003", "1002"]);
        assert_eq!(list.entries()[0].name, "Фёдоров Пётр");
        assert_eq!(ids(&list, "семенович"), Vec::<String>::new());
        list.remove("2003");
        list.remove("nope");
        assert_eq!(ids(&list, ""), ["1001", "1002"]);
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn capacity_drops_the_oldest() {
        let mut list = RecentList::new();
        for i in 0..250 {
            list.touch(client(&i.to_string(), "X", &[]));
        }
        assert_eq!(list.len(), RecentList::CAPACITY);
        assert_eq!(list.entries()[0].id, "249");
        assert_eq!(list.entries()[199].id, "50");
        assert_eq!(list.filter("").len(), RecentList::CAPACITY);
        assert_eq!(ids(&list, "249"), ["249"]);
        assert!(list.entries().iter().all(|e| e.id != "49"));
    }

    #[test]
    fn filter_by_name_with_cyrillic_case_and_yo() {
        let list = sample();
        assert_eq!(ids(&list, "федоров"), ["1001"]);
        assert_eq!(ids(&list, "ФЁД"), ["1001"]);
        assert_eq!(ids(&list, "петр"), ["1001"]);
        assert_eq!(ids(&list, "дор"), ["1001"]);
        assert_eq!(ids(&list, "анна иван"), ["1002"]);
        assert_eq!(ids(&list, "иван петр"), Vec::<String>::new());
        assert_eq!(ids(&list, "SMITH"), ["2003"]);
        assert_eq!(ids(&list, "ов"), ["1002", "1001"]);
        assert_eq!(ids(&list, "  "), ["2003", "1002", "1001"]);
    }

    #[test]
    fn filter_by_id_and_phone() {
        let list = sample();
        assert_eq!(ids(&list, "200"), ["2003"]);
        assert_eq!(ids(&list, "100"), ["1002", "1001"]);
        assert_eq!(ids(&list, "916 123"), ["1001"]);
        assert_eq!(ids(&list, "+7916123"), ["1001"]);
        assert_eq!(ids(&list, "+7 (916) 123-45-67"), ["1001"]);
        assert_eq!(ids(&list, "4567"), ["1001"]);
        assert_eq!(ids(&list, "765-43"), ["1002"]);
        // Separate words match separately, in any order.
        assert_eq!(ids(&list, "123 916"), ["1001"]);
        assert_eq!(ids(&list, "916 анна"), Vec::<String>::new());
        assert_eq!(ids(&list, "анна 765"), ["1002"]);
        assert_eq!(ids(&list, "anna@"), Vec::<String>::new());
        assert_eq!(ids(&list, "99999"), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn loading_drops_duplicates_and_overflow() {
        let mut entries = vec![client("1", "A", &[]), client("1", "B", &[])];
        entries.extend((2..300).map(|i| client(&i.to_string(), "C", &[])));
        let list = RecentList::from_entries(entries);
        assert_eq!(list.len(), RecentList::CAPACITY);
        assert_eq!(list.entries()[0].name, "A");
        assert_eq!(list.entries()[1].id, "2");
    }
}
