//! Clients whose name is one edit from what was typed (`безнагов` finds
//! Безногов): a separate, later search than [`Directory::search`].

use super::terms::{self, TermKind};
use super::{Directory, DirectoryError, Hit, Match, read_entry};
use crate::fuzzy::{MIN_SIMILAR_LETTERS, similar_word};

impl Directory {
    /// The clients but `exclude` (ids; those the exact search found), at
    /// most `limit`, most recently seen first, whose name
    /// has, for every name word of `query` (letters only,
    /// [`MIN_SIMILAR_LETTERS`] or more), a word one edit from it. None when
    /// the query has no such word or has other words (a phone, an id).
    ///
    /// Goes through the distinct name terms of the directory one letter
    /// shorter to one longer than each word.
    pub fn similar(
        &self,
        query: &str,
        exclude: &[String],
        limit: usize,
    ) -> Result<Vec<Hit>, DirectoryError> {
        self.reading(|| self.near(query, exclude, limit))
    }

    /// [`Directory::similar`], inside its read transaction.
    fn near(
        &self,
        query: &str,
        exclude: &[String],
        limit: usize,
    ) -> Result<Vec<Hit>, DirectoryError> {
        let words = terms::words(query);
        let namelike = |w: &String| {
            w.chars().count() >= MIN_SIMILAR_LETTERS && w.chars().all(char::is_alphabetic)
        };
        if words.is_empty() || !words.iter().all(namelike) {
            return Ok(Vec::new());
        }
        // The rarest-looking word (the longest) gives the candidates.
        let first = words
            .iter()
            .max_by_key(|w| w.chars().count())
            .expect("not empty");
        let n = i64::try_from(first.chars().count()).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT term FROM terms WHERE kind = ?1 AND length(term) BETWEEN ?2 AND ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![TermKind::Name as i64, n - 1, n + 1],
            |r| r.get::<_, String>(0),
        )?;
        let mut near: Vec<String> = Vec::new();
        for term in rows {
            let term = term?;
            if similar_word(first, &term) {
                near.push(term);
            }
        }
        let mut clients: Vec<(i64, i64)> = Vec::new();
        let mut of_term = self.conn.prepare_cached(
            "SELECT c.rowid, c.seen FROM terms t CROSS JOIN clients c ON c.rowid = t.client
             WHERE t.term = ?1 AND t.kind = ?2",
        )?;
        for term in &near {
            let rows = of_term.query_map(rusqlite::params![term, TermKind::Name as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            for row in rows {
                let row = row?;
                if !clients.contains(&row) {
                    clients.push(row);
                }
            }
        }
        clients.sort_by_key(|&(rowid, seen)| std::cmp::Reverse((seen, rowid)));
        let mut hits = Vec::new();
        for (rowid, _) in clients {
            if hits.len() >= limit {
                break;
            }
            let entry = read_entry(&self.conn, rowid)?;
            if exclude.contains(&entry.id) {
                continue;
            }
            let name = terms::words(&entry.name());
            let each_near = words
                .iter()
                .all(|w| name.iter().any(|n| similar_word(w, n)));
            if each_near {
                hits.push(Hit {
                    entry,
                    why: Match::Similar,
                    phone: None,
                });
            }
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use crate::directory::{DirEntry, Directory, Match};

    fn directory() -> Directory {
        let mut d = Directory::in_memory().expect("directory");
        for (id, lastname, firstname) in [
            ("1", "Безногов", "Сергей"),
            ("2", "Петров", "Иван"),
            ("3", "Безнагова", "Анна"),
        ] {
            let entry = DirEntry {
                id: id.to_owned(),
                lastname: lastname.to_owned(),
                firstname: firstname.to_owned(),
                ..DirEntry::default()
            };
            d.upsert(&entry).expect("upsert");
        }
        d
    }

    fn similar(d: &Directory, query: &str) -> Vec<String> {
        let hits = d.similar(query, &[], 20).expect("similar");
        assert!(hits.iter().all(|h| h.why == Match::Similar));
        hits.into_iter().map(|h| h.entry.id).collect()
    }

    #[test]
    fn a_misheard_surname_finds_the_client_and_a_different_one_does_not() {
        let d = directory();
        assert_eq!(similar(&d, "безнагов"), ["3", "1"]);
        assert_eq!(similar(&d, "Безнагов Сергей"), ["1"], "every word near");
        assert!(similar(&d, "иванов").is_empty(), "иванов is not петров");
        assert_eq!(similar(&d, "Петрвоа").len(), 0, "two edits");
        assert!(
            similar(&d, "петр").is_empty(),
            "петров is more than one edit"
        );
        assert!(similar(&d, "безнагов 89998887766").is_empty(), "not a name");
        assert!(similar(&d, "ива").is_empty(), "too short");
        let but_anna = d
            .similar("безнагов", &["3".to_owned()], 1)
            .expect("similar");
        assert_eq!(but_anna[0].entry.id, "1", "the excluded do not count");
    }
}
