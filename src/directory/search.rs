//! Finding clients as the operator types.

use rusqlite::{Connection, params_from_iter};

use super::terms::{self, TermKind};
use super::{DirEntry, Directory, DirectoryError, read_entry};
use crate::phone;

/// The fewest digits matched against the start or the end of a number, or
/// the start of an id (one or two digits would match a good part of the
/// directory).
const MIN_PHONE_PIECE: usize = 3;

/// One client found, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The client.
    pub entry: DirEntry,
    /// The best reason it was found.
    pub why: Match,
    /// The phone the search found it by, an index into `entry.phones`
    /// (shown first in its row).
    pub phone: Option<usize>,
}

/// Why a client was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// A phone is the whole number typed, in whatever form.
    ExactPhone,
    /// The id is exactly the digits typed.
    ExactId,
    /// A phone starts with the number typed so far (`8 916 12`).
    PhoneStart,
    /// A phone ends with the digits typed (`274-63-75`).
    PhoneTail,
    /// The id starts with the digits typed.
    Id,
    /// Every word typed starts a word of the name.
    Name,
    /// Some word typed is found in an e-mail only.
    Email,
    /// The query was empty: the most recently seen clients.
    Recent,
    /// A name word is one edit from a word typed (a misheard surname):
    /// found by [`Directory::similar`].
    Similar,
}

impl Match {
    /// Exact matches come before all others; the rest go by last seen.
    fn rank(self) -> u8 {
        match self {
            Match::ExactPhone => 0,
            Match::ExactId => 1,
            _ => 2,
        }
    }
}

/// A candidate row: (rowid, seen, why).
type Candidate = (i64, i64, Match);

impl Directory {
    /// The clients matching `query`, at most `limit`, best first: an exact
    /// phone, an exact id, then the most recently seen.
    ///
    /// A phone-like query (digits and `+ ( ) - .` and spaces) matches a
    /// phone in any form ([`crate::phone::search_digits`]): the whole number,
    /// its start, or its tail (three digits or more); a query of digits only
    /// also matches ids by their start. Other queries are split into words
    /// (case and `ё`/`е` do not matter): each must start a word of the name,
    /// of an e-mail (or the whole address), or the id, in any order. An empty
    /// query gives the most recently seen clients.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, DirectoryError> {
        self.reading(|| self.find(query, limit))
    }

    /// [`Directory::search`], inside its read transaction.
    fn find(&self, query: &str, limit: usize) -> Result<Vec<Hit>, DirectoryError> {
        let limit_sql = i64::try_from(limit).unwrap_or(i64::MAX);
        let conn = &self.conn;
        let mut found: Vec<Candidate> = Vec::new();
        let query = query.trim();
        let words = terms::words(query);
        let phone_digits = phone::search_digits(query, self.city_code());
        if let Some(digits) = phone_digits.clone() {
            if let Some(exact) = &digits.exact {
                found.extend(phone_rows(
                    conn,
                    "digits",
                    (exact, None),
                    limit_sql,
                    COMMON_PHONES,
                    Match::ExactPhone,
                )?);
            }
            if let Some(start) = digits.start.filter(|s| s.len() >= MIN_PHONE_PIECE) {
                let end = terms::prefix_end(&start);
                found.extend(phone_rows(
                    conn,
                    "digits",
                    (&start, Some(&end)),
                    limit_sql,
                    COMMON_PHONES,
                    Match::PhoneStart,
                )?);
            }
            if digits.tail.len() >= MIN_PHONE_PIECE {
                let reversed: String = digits.tail.chars().rev().collect();
                let end = terms::prefix_end(&reversed);
                found.extend(phone_rows(
                    conn,
                    "rdigits",
                    (&reversed, Some(&end)),
                    limit_sql,
                    COMMON_PHONES,
                    Match::PhoneTail,
                )?);
            }
            if query.bytes().all(|b| b.is_ascii_digit()) {
                if query.len() >= MIN_PHONE_PIECE {
                    for (rowid, seen, kind) in term_rows(conn, &[query.to_owned()], limit_sql)? {
                        if kind == TermKind::Id {
                            found.push((rowid, seen, Match::Id));
                        }
                    }
                }
                found.extend(exact_id(conn, query)?);
            }
        } else if words.is_empty() {
            let mut stmt = conn.prepare_cached(
                "SELECT rowid, seen FROM clients ORDER BY seen DESC, rowid DESC LIMIT ?1",
            )?;
            let rows =
                stmt.query_map([limit_sql], |r| Ok((r.get(0)?, r.get(1)?, Match::Recent)))?;
            found = rows.collect::<Result<_, _>>()?;
        } else {
            for (rowid, seen, _) in term_rows(conn, &words, limit_sql)? {
                found.push((rowid, seen, Match::Name));
            }
        }
        found.sort_by(|a, b| (a.2.rank(), b.1, b.0, a.2).cmp(&(b.2.rank(), a.1, a.0, b.2)));
        let mut hits: Vec<Hit> = Vec::new();
        let mut taken: Vec<i64> = Vec::new();
        for (rowid, _, why) in found {
            if hits.len() >= limit {
                break;
            }
            if taken.contains(&rowid) {
                continue;
            }
            taken.push(rowid);
            let entry = read_entry(conn, rowid)?;
            let why = if why == Match::Name {
                word_match(&entry, &words)
            } else {
                why
            };
            let phone = phone_digits
                .as_ref()
                .and_then(|d| matched_phone(&entry, d, self.city_code()));
            hits.push(Hit { entry, why, phone });
        }
        Ok(hits)
    }
}

impl Directory {
    /// Runs `read` in one read transaction, unless one is open already:
    /// the file locked, and the write-ahead log looked at, once for all of
    /// a search's statements (a hundred for 50 rows) rather than for each.
    pub(super) fn reading<T>(
        &self,
        read: impl FnOnce() -> Result<T, DirectoryError>,
    ) -> Result<T, DirectoryError> {
        if !self.conn.is_autocommit() {
            return read();
        }
        let tx = self.conn.unchecked_transaction()?;
        let out = read()?;
        tx.commit()?;
        Ok(out)
    }
}

/// The phone of `entry` that `digits` found: the whole number, else the
/// first whose start, else whose end, is the digits typed.
fn matched_phone(
    entry: &DirEntry,
    digits: &phone::SearchDigits,
    city_code: Option<&str>,
) -> Option<usize> {
    let stored: Vec<String> = entry
        .phones
        .iter()
        .map(|p| super::stored_phone(p, city_code).1.unwrap_or_default())
        .collect();
    let find = |found: &dyn Fn(&str) -> bool| stored.iter().position(|d| !d.is_empty() && found(d));
    let start = digits
        .start
        .as_deref()
        .filter(|s| s.len() >= MIN_PHONE_PIECE);
    let tail = Some(digits.tail.as_str()).filter(|t| t.len() >= MIN_PHONE_PIECE);
    digits
        .exact
        .as_deref()
        .and_then(|exact| find(&|d| d == exact))
        .or_else(|| start.and_then(|start| find(&|d| d.starts_with(start))))
        .or_else(|| tail.and_then(|tail| find(&|d| d.ends_with(tail))))
}

/// More phones than this in a range (`890` at the start of a number), and
/// the search goes through the clients from the most recently seen instead
/// of gathering and sorting every phone in the range.
const COMMON_PHONES: i64 = 2_000;

/// The clients with a phone whose `column` equals `from` (no `to`) or lies
/// in `from..to`, most recently seen first, at most `limit`.
///
/// A range holding `common` phones or more reads the clients newest first
/// until `limit` have such a phone (see [`term_rows`]); a narrower one, or
/// a whole number, is looked up through the phones' index.
fn phone_rows(
    conn: &Connection,
    column: &str,
    (from, to): (&str, Option<&str>),
    limit: i64,
    common: i64,
    why: Match,
) -> Result<Vec<Candidate>, DirectoryError> {
    let sql = match to {
        Some(to) if phones_in(conn, column, from, to, common)? >= common => format!(
            "SELECT c.rowid, c.seen FROM clients c INDEXED BY clients_seen
             WHERE EXISTS (SELECT 1 FROM phones p
                           WHERE p.client = c.rowid AND p.{column} >= ?1 AND p.{column} < ?2)
             ORDER BY c.seen DESC, c.rowid DESC LIMIT ?3"
        ),
        _ => {
            let condition = match to {
                Some(_) => format!("p.{column} >= ?1 AND p.{column} < ?2"),
                None => format!("p.{column} = ?1 AND ?2 IS NULL"),
            };
            format!(
                "SELECT DISTINCT c.rowid, c.seen FROM phones p CROSS JOIN clients c ON c.rowid = p.client
                 WHERE {condition} ORDER BY c.seen DESC, c.rowid DESC LIMIT ?3"
            )
        }
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![from, to, limit], |r| {
        Ok((r.get(0)?, r.get(1)?, why))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many phones have `column` in `from..to`, counted up to `most`.
fn phones_in(
    conn: &Connection,
    column: &str,
    from: &str,
    to: &str,
    most: i64,
) -> Result<i64, DirectoryError> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM phones WHERE {column} >= ?1 AND {column} < ?2 LIMIT ?3)"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params![from, to, most], |r| r.get(0))?)
}

fn exact_id(conn: &Connection, id: &str) -> Result<Option<Candidate>, DirectoryError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT rowid, seen FROM clients WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, Match::ExactId)))
        .optional()?)
}

/// More terms than this for the longest word, and the search goes through
/// the clients from the most recently seen instead of through the terms.
const COMMON_WORD: i64 = 5_000;

/// The clients having, for every word, a term that starts with it; the
/// kind of the best term of the longest word.
///
/// A rare word (`иванова`) drives the search from its terms; a common one
/// (`с`, typed first) would gather a good part of the directory to sort it,
/// so then the clients are read newest first until `limit` match.
fn term_rows(
    conn: &Connection,
    words: &[String],
    limit: i64,
) -> Result<Vec<(i64, i64, TermKind)>, DirectoryError> {
    let mut words: Vec<&String> = words.iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    let mut bounds: Vec<String> = Vec::new();
    for word in &words {
        bounds.push((*word).clone());
        bounds.push(terms::prefix_end(word));
    }
    let common: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM terms WHERE term >= ?1 AND term < ?2 LIMIT ?3)",
        )?
        .query_row(rusqlite::params![bounds[0], bounds[1], COMMON_WORD], |r| {
            r.get(0)
        })?;
    let has_word = |n: usize| {
        format!(
            "EXISTS (SELECT 1 FROM terms WHERE client = c.rowid AND term >= ?{} AND term < ?{})",
            2 * n + 1,
            2 * n + 2
        )
    };
    let others: String = (1..words.len())
        .map(|n| format!(" AND {}", has_word(n)))
        .collect();
    let sql = if common >= COMMON_WORD {
        format!(
            "SELECT c.rowid, c.seen, (SELECT min(kind) FROM terms
                 WHERE client = c.rowid AND term >= ?1 AND term < ?2)
             FROM clients c INDEXED BY clients_seen
             WHERE {}{others}
             ORDER BY c.seen DESC, c.rowid DESC LIMIT {limit}",
            has_word(0)
        )
    } else {
        format!(
            "SELECT c.rowid, c.seen, min(t.kind) FROM terms t CROSS JOIN clients c ON c.rowid = t.client
             WHERE t.term >= ?1 AND t.term < ?2{others}
             GROUP BY c.rowid ORDER BY c.seen DESC, c.rowid DESC LIMIT {limit}"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(bounds.iter()), |r| {
        Ok((r.get(0)?, r.get(1)?, TermKind::from_i64(r.get(2)?)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Name when every word starts a word of the name; else e-mail or id.
fn word_match(entry: &DirEntry, words: &[String]) -> Match {
    let name = terms::words(&entry.name());
    let in_name = |w: &String| name.iter().any(|n| n.starts_with(w.as_str()));
    if words.iter().all(in_name) {
        return Match::Name;
    }
    let id = crate::fuzzy::fold(&entry.id);
    if words
        .iter()
        .all(|w| in_name(w) || id.starts_with(w.as_str()))
    {
        Match::Id
    } else {
        Match::Email
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phones' `column` values of the directory, sorted.
    fn stored(conn: &Connection, column: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT {column} FROM phones ORDER BY {column}"))
            .expect("select");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    }

    /// Both ways through a range of phones (reading the clients newest
    /// first, or gathering the phones) find the same clients in the same
    /// order: most recently seen first, then the latest added.
    #[test]
    fn a_common_phone_range_finds_the_same_clients_in_the_same_order() {
        let mut d = Directory::in_memory().expect("directory");
        for i in 0..60_i64 {
            let mut phones = vec![format!("8 916 {i:07}")];
            if i % 3 != 0 {
                phones.push(format!("8 495 {:07}", 60 - i));
            }
            let entry = DirEntry {
                id: format!("{}", 7000 + i),
                lastname: format!("Клиент{i}"),
                phones,
                // Seen out of the order they were added, with ties.
                seen_at: (i * 37) % 23,
                ..DirEntry::default()
            };
            d.upsert(&entry).expect("upsert");
        }
        let conn = d.connection();
        for column in ["digits", "rdigits"] {
            let values = stored(conn, column);
            let first = values.first().cloned().unwrap_or_default();
            let piece: String = first.chars().take(4).collect();
            for (from, to) in [
                (String::new(), "~".to_owned()),
                (piece.clone(), terms::prefix_end(&piece)),
                (first.clone(), terms::prefix_end(&first)),
            ] {
                for limit in [1, 5, 100] {
                    let range = (from.as_str(), Some(to.as_str()));
                    let why = Match::PhoneStart;
                    let scanned = phone_rows(conn, column, range, limit, 1, why).expect("scan");
                    let gathered =
                        phone_rows(conn, column, range, limit, i64::MAX, why).expect("gather");
                    assert_eq!(scanned, gathered, "{column} {from}..{to}, {limit}");
                    let mut sorted = gathered.clone();
                    sorted.sort_by_key(|&(rowid, seen, _)| std::cmp::Reverse((seen, rowid)));
                    assert_eq!(gathered, sorted);
                    let holders = values.iter().filter(|v| **v >= from && **v < to).count();
                    assert!(!gathered.is_empty() && gathered.len() <= holders);
                }
            }
        }
    }

    /// A keystroke's search compiles no statement again: the 50 rows it
    /// reads use the one compiled statement, whatever was bound before
    /// (the statement cache clears the bindings of each statement it
    /// takes back).
    #[test]
    fn searches_reuse_their_compiled_statements() {
        let mut d = Directory::in_memory().expect("directory");
        for i in 0..60_i64 {
            let entry = DirEntry {
                id: format!("{}", 7000 + i),
                lastname: format!("Иванов{i}"),
                phones: vec![format!("8 916 {i:07}")],
                seen_at: i % 7,
                ..DirEntry::default()
            };
            d.upsert(&entry).expect("upsert");
        }
        for query in ["иванов", "и", "8 916", "000", "иванов1", ""] {
            for _ in 0..3 {
                assert!(!d.search(query, 50).expect("search").is_empty(), "{query}");
            }
        }
        let conn = d.connection();
        assert!(conn.is_autocommit(), "the read transaction ended");
        for sql in [super::super::READ_CLIENT, super::super::READ_PHONES] {
            let read = conn.prepare_cached(sql).expect("read");
            assert_eq!(
                read.get_status(rusqlite::StatementStatus::RePrepare),
                0,
                "{sql}"
            );
        }
    }

    /// A search inside a transaction already open (a caller's) reads in
    /// it and leaves it open; a search on its own leaves none.
    #[test]
    fn a_search_reads_in_the_transaction_open_or_in_its_own() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut d = Directory::open(&tmp.path().join("d.sqlite")).expect("directory");
        let entry = DirEntry {
            id: "1".to_owned(),
            lastname: "Фёдоров".to_owned(),
            ..DirEntry::default()
        };
        d.upsert(&entry).expect("upsert");
        let cache: i64 = d
            .connection()
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .expect("cache_size");
        assert_eq!(cache, -super::super::schema::CACHE_KIB);
        assert_eq!(d.search("федоров", 5).expect("search").len(), 1);
        assert!(d.connection().is_autocommit());
        d.connection().execute_batch("BEGIN").expect("begin");
        assert_eq!(d.search("федоров", 5).expect("search").len(), 1);
        assert!(!d.connection().is_autocommit(), "the caller's, still open");
        d.connection().execute_batch("COMMIT").expect("commit");
        // Another connection writes while this one is idle: no read lock
        // was left behind.
        let mut other = Directory::open(&tmp.path().join("d.sqlite")).expect("other");
        other.remove("1").expect("remove");
        assert!(d.search("федоров", 5).expect("search").is_empty());
    }

    /// The phone found is named: the whole number, its start or its tail,
    /// whichever place it holds among the client's phones.
    #[test]
    fn the_hit_names_the_phone_it_was_found_by() {
        let mut d = Directory::in_memory().expect("directory");
        let entry = DirEntry {
            id: "1".to_owned(),
            lastname: "Фёдоров".to_owned(),
            phones: vec!["8 (495) 765-43-21".to_owned(), "89999583669".to_owned()],
            ..DirEntry::default()
        };
        d.upsert(&entry).expect("upsert");
        let found = |query: &str| d.search(query, 5).expect("search")[0].phone;
        assert_eq!(found("8 999 958-36-69"), Some(1));
        assert_eq!(found("8 999 95"), Some(1));
        assert_eq!(found("583669"), Some(1));
        assert_eq!(found("765-43-21"), Some(0));
        assert_eq!(found("8 495 76"), Some(0));
        assert_eq!(found("Фёдоров"), None);
    }
}
