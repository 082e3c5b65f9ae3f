//! Type-ahead filtering for the pickers (countries, cities, streets, metro).
//!
//! A [`FuzzyIndex`] prepares its names once: lower-cased, `ё` folded to `е`
//! (nucleo's own normalisation covers Latin accents only) and converted to
//! nucleo's UTF-32 string, so a keystroke only scores. The query gets the
//! same [`fold`], and is matched with case and normalisation left to us
//! (`CaseMatching::Respect`, `Normalization::Never`).
//!
//! Folding maps every character to exactly one character, so a position in
//! the prepared name is also a position in the original name; this is what
//! lets [`FuzzyIndex::positions`] answer in terms of the original string.
//!
//! Typing mostly adds a letter to the query: a name that did not match the
//! shorter query cannot match the longer one (every word is matched as a
//! subsequence), so [`FuzzyIndex::filter`] scores only the previous matches
//! then, and answers a query it has seen in this run of typing (Backspace)
//! from memory. The ranking does not depend on which names were scored: it
//! is the same as scoring the whole list.
//!
//! A long list is filtered in slices ([`FuzzyIndex::start`], then
//! [`FuzzyIndex::advance`] by [`SLICE`] names at a time), so that a
//! keystroke never holds the UI loop for long; meanwhile
//! [`FuzzyIndex::best_so_far`] gives the best rows of the names scored.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Lower-cases `s` and folds `ё`/`Ё` to `е`: the normalisation applied to
/// both the names and the query.
///
/// Character by character, one character out for one in: a character whose
/// lower case is longer than one character (such as `İ`) is kept as it is,
/// so positions in the result are positions in `s`.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Orders `a` and `b` as their [`fold`]s, without making them. What the
/// two start with alike folds alike: only the rest is folded and compared.
pub fn fold_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let mut alike = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(alike) {
        alike -= 1;
    }
    // The same bytes before it: a boundary of both.
    let (a, b) = (a.get(alike..).unwrap_or(a), b.get(alike..).unwrap_or(b));
    a.chars().map(fold_char).cmp(b.chars().map(fold_char))
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'ё' | 'Ё' => 'е',
        // The common case, without the Unicode tables: Cyrillic capitals
        // А to Я lower-case to а to я, 32 code points on.
        'А'..='Я' => char::from_u32(u32::from(c) + 32).unwrap_or(c),
        'а'..='я' => c,
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// The folded names (one `char` per original `char`) in two buffers, one
/// allocation each rather than one per name, lent to nucleo as its
/// borrowed strings: a name that is ASCII once folded as bytes, as nucleo
/// would store it, any other as UTF-32.
///
/// Not `Utf32String::from`, which keeps only the first character of each
/// grapheme and would shift the positions after a combining mark.
#[derive(Default)]
struct Store {
    ascii: Vec<u8>,
    chars: Vec<char>,
    spans: Vec<Span>,
}

/// Where a name is: its first element and its length, in `chars` when the
/// length has the [`UNICODE`] bit, else in `ascii`.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

const UNICODE: u32 = 1 << 31;

impl Store {
    fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut store = Self::default();
        for name in names {
            store.push(name.as_ref());
        }
        store.ascii.shrink_to_fit();
        store.chars.shrink_to_fit();
        store.spans.shrink_to_fit();
        store
    }

    fn push(&mut self, name: &str) {
        if name.is_ascii() {
            let start = self.ascii.len();
            self.ascii
                .extend(name.bytes().map(|b| b.to_ascii_lowercase()));
            self.push_span(start, name.len(), 0);
            return;
        }
        let start = self.chars.len();
        self.chars.extend(name.chars().map(fold_char));
        let len = self.chars.len() - start;
        if self.chars[start..].iter().all(char::is_ascii) {
            // A name whose folding is plain ASCII (the Kelvin sign) is
            // stored as nucleo would store it.
            let at = self.ascii.len();
            let folded = self.chars.drain(start..);
            self.ascii
                .extend(folded.map(|c| u8::try_from(c).unwrap_or(b'?')));
            self.push_span(at, len, 0);
        } else {
            self.push_span(start, len, UNICODE);
        }
    }

    fn push_span(&mut self, start: usize, len: usize, kind: u32) {
        self.spans.push(Span {
            start: index_u32(start),
            len: index_u32(len).min(UNICODE - 1) | kind,
        });
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Name `index`, as nucleo reads it.
    fn get(&self, index: usize) -> Option<Utf32Str<'_>> {
        let span = self.spans.get(index)?;
        let start = span.start as usize;
        let end = start + (span.len & !UNICODE) as usize;
        Some(if span.len & UNICODE == 0 {
            Utf32Str::Ascii(self.ascii.get(start..end)?)
        } else {
            Utf32Str::Unicode(self.chars.get(start..end)?)
        })
    }

    fn iter(&self) -> impl Iterator<Item = Utf32Str<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// Names prepared once (lower-case, `ё` → `е`, UTF-32, all in one
/// [`Store`]), shared: the
/// pickers' indices over one list (the query as typed and as read in the
/// other layout) hold the same names, prepared off the UI loop.
#[derive(Clone)]
pub struct Names(Arc<Prepared>);

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Names({})", self.len())
    }
}

struct Prepared {
    names: Store,
    /// For a long list, every one-letter query's matches, best first (what
    /// the first letter typed would otherwise score over the whole list).
    letters: Option<HashMap<char, Box<[u32]>>>,
}

impl Names {
    /// Prepares `names` for matching.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        Self(Arc::new(Prepared {
            names: Store::new(names),
            letters: None,
        }))
    }

    /// Prepares `names` and ranks every one-letter query in advance, so that
    /// the first letter typed is looked up instead of scored: for long lists,
    /// built where it may take a while (the task that decoded the list).
    pub fn with_letters<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let names = Store::new(names);
        let letters = rank_letters(&names);
        Self(Arc::new(Prepared {
            names,
            letters: Some(letters),
        }))
    }

    /// The number of names.
    pub fn len(&self) -> usize {
        self.0.names.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.0.names.len() == 0
    }

    /// Whether name `index` holds every one of `words` unbroken (the words
    /// folded, see [`crate::closeness`]).
    pub fn holds_all(&self, index: u32, words: &[Word]) -> bool {
        self.0
            .names
            .get(index as usize)
            .is_some_and(|name| words.iter().all(|w| w.is_in(name)))
    }
}

/// A folded word of a query, for [`Names::holds_all`].
pub struct Word {
    text: String,
    chars: Vec<char>,
}

impl Word {
    /// The words of `query`, folded.
    pub fn split(query: &str) -> Vec<Self> {
        fold(query)
            .split_whitespace()
            .map(|w| Self {
                text: w.to_owned(),
                chars: w.chars().collect(),
            })
            .collect()
    }

    fn is_in(&self, name: Utf32Str<'_>) -> bool {
        match name {
            Utf32Str::Ascii(bytes) => {
                std::str::from_utf8(bytes).is_ok_and(|s| s.contains(self.text.as_str()))
            }
            Utf32Str::Unicode(chars) => {
                // Compared only where the first character is: a keystroke
                // tests every match of the query.
                let Some(&first) = self.chars.first() else {
                    return true;
                };
                chars
                    .iter()
                    .enumerate()
                    .any(|(i, &c)| c == first && chars[i..].starts_with(&self.chars))
            }
        }
    }
}

/// Every one-letter query's matches among `names`, ranked as
/// [`FuzzyIndex::filter`] ranks them: 4 bytes per name and letter it holds,
/// and little more while they are ranked. The names holding each letter
/// are counted, then listed (each list allocated once at its size), then
/// each list is scored and sorted in place through one buffer.
fn rank_letters(names: &Store) -> HashMap<char, Box<[u32]>> {
    let mut letters: Vec<char> = Vec::new();
    let mut counts: HashMap<char, usize> = HashMap::new();
    for name in names.iter() {
        letters_of(name, &mut letters);
        for &c in &letters {
            *counts.entry(c).or_default() += 1;
        }
    }
    let mut lists: HashMap<char, Vec<u32>> = counts
        .into_iter()
        .map(|(c, count)| (c, Vec::with_capacity(count)))
        .collect();
    for (i, name) in names.iter().enumerate() {
        letters_of(name, &mut letters);
        for c in &letters {
            if let Some(list) = lists.get_mut(c) {
                list.push(index_u32(i));
            }
        }
    }
    let mut matcher = Matcher::new(config());
    let mut scored = Vec::new();
    lists
        .into_iter()
        .map(|(c, mut list)| {
            let mut pattern = Pattern::default();
            pattern.atoms.push(atom(&c.to_string()));
            scored.clear();
            for &i in &list {
                if let Some(name) = names.get(i as usize) {
                    score_into(&mut scored, &pattern, &mut matcher, &[c], name, i);
                }
            }
            scored.sort_unstable_by_key(rank_key);
            list.clear();
            list.extend(scored.iter().map(|&(_, _, i)| i));
            (c, list.into_boxed_slice())
        })
        .collect()
}

/// The letters of a folded name, each once, without spaces.
fn letters_of(name: Utf32Str<'_>, letters: &mut Vec<char>) {
    letters.clear();
    letters.extend(name.chars().filter(|c| !c.is_whitespace()));
    letters.sort_unstable();
    letters.dedup();
}

fn config() -> Config {
    let mut config = Config::DEFAULT;
    // A small bonus for a match at the very start of the name, fading
    // out over the first few characters: "тве" puts "Тверская" above
    // "Малая Тверская", which nucleo otherwise scores the same.
    config.prefer_prefix = true;
    config
}

fn atom(word: &str) -> Atom {
    Atom::new(
        word,
        CaseMatching::Respect,
        Normalization::Never,
        AtomKind::Fuzzy,
        false,
    )
}

/// How many names one slice of a filter scores at most ([`FuzzyIndex::advance`]):
/// nucleo costs 80 ns a name here on average but about 200 ns when most of
/// them match (the second letter typed), so a slice and its frame stay
/// near half a millisecond even then, and a key in a list of 5,000 streets
/// under a millisecond (`cargo bench --bench perf -- keystrokes`: 4,096
/// took 1.9 ms at 5,000 and finished the 100,000-street ranking in fewer
/// frames, 23 ms against 39); a list of up to this many names is filtered
/// in one.
pub const SLICE: usize = 2_048;

/// How many of the best matches so far an unfinished filter gives
/// ([`FuzzyIndex::best_so_far`]): more rows than a picker shows.
const BEST: usize = 256;

/// A scored name: (exact, score, index).
type Scored = (bool, u32, u32);

/// The ranking order: an exact name first, then by score, ties in the
/// original order. Indices are unique, so any sort by this key gives one
/// order.
fn rank_key(&(exact, score, i): &Scored) -> (Reverse<bool>, Reverse<u32>, u32) {
    (Reverse(exact), Reverse(score), i)
}

/// A list of names prepared once for fast type-ahead filtering.
///
/// A query is filtered as a job that can be done in slices: [`Self::start`]
/// sets it up, [`Self::advance`] scores a bounded number of names, and once
/// it is finished [`Self::finished`] gives the ranking [`Self::filter`] gives.
pub struct FuzzyIndex {
    names: Names,
    matcher: Matcher,
    /// The pattern of [`Self::positions`] (a running job has its own).
    pattern: Pattern,
    /// The filter under way, if one is.
    job: Option<Job>,
    /// What the finished query matched (none while a job runs).
    done: Option<Done>,
    /// A scoring buffer kept between jobs.
    spare: Vec<Scored>,
    /// The queries of the current run of typing, each extending the one
    /// before it, with their ranked matches; only finished ones.
    history: Vec<Step>,
}

/// Where a finished query's matches are.
#[derive(Clone, Copy)]
enum Done {
    /// A blank query: every name, in order.
    All,
    /// The last step of the history.
    Last,
}

/// A query being scored, slice by slice.
struct Job {
    words: Vec<String>,
    pattern: Pattern,
    /// The folded query as characters, for the exact-name check.
    query_chars: Vec<char>,
    /// Whether the candidates are the last step's matches (the query grew)
    /// rather than every name.
    narrowing: bool,
    /// How many candidates are scored.
    next: usize,
    /// The matches so far, ranked.
    scored: Vec<Scored>,
    /// Where a slice's matches are merged into the ones before.
    merged: Vec<Scored>,
}

/// A query seen earlier (as folded words) and the names it matched, best
/// first.
struct Step {
    words: Vec<String>,
    matches: Vec<u32>,
}

/// How many earlier queries are remembered (each holds its matches).
const HISTORY: usize = 16;

/// Whether every name matching `earlier` also matches `later`: the same
/// words, the last of which may have grown, and possibly more words after.
fn narrows(earlier: &[String], later: &[String]) -> bool {
    let Some((last, rest)) = earlier.split_last() else {
        return true;
    };
    later.len() >= earlier.len()
        && later.iter().zip(rest).all(|(a, b)| a == b)
        && later[rest.len()].starts_with(last.as_str())
}

impl FuzzyIndex {
    /// Prepares `names` (lower-case, `ё` → `е`, UTF-32) once.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self::over(&Names::new(names))
    }

    /// An index over names prepared already (shared, not copied).
    pub fn over(names: &Names) -> Self {
        Self {
            names: names.clone(),
            matcher: Matcher::new(config()),
            pattern: Pattern::default(),
            job: None,
            done: Some(Done::All),
            spare: Vec::new(),
            history: Vec::new(),
        }
    }

    /// The number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Indices of the names matching `query`, best first; ties keep the
    /// original order. An empty or blank query gives all indices in order.
    ///
    /// Every word of the query must match (fuzzily, case-insensitively,
    /// `ё` = `е`). A name equal to the whole query comes first, then the
    /// rest by nucleo's score (contiguous and word-start matches score
    /// higher, a match at the start of the name a little higher still).
    ///
    /// The same as [`Self::start`], then [`Self::advance`] to the end.
    pub fn filter(&mut self, query: &str) -> Vec<u32> {
        self.start(query);
        while !self.advance(usize::MAX) {}
        self.finished().unwrap_or_default()
    }

    /// Starts filtering for `query`, abandoning an unfinished job. A blank
    /// query, a query of this run of typing (Backspace) and a first letter
    /// ranked in advance are finished at once; a query that extends a
    /// finished one scores only its matches, any other every name.
    pub fn start(&mut self, query: &str) {
        if let Some(job) = self.job.take() {
            self.spare = job.scored;
        }
        let folded = fold(query.trim());
        let words: Vec<String> = folded.split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            self.history.clear();
            self.done = Some(Done::All);
            return;
        }
        while self
            .history
            .last()
            .is_some_and(|step| !narrows(&step.words, &words))
        {
            self.history.pop();
        }
        if self.history.last().is_some_and(|step| step.words == words) {
            self.done = Some(Done::Last);
            return;
        }
        if self.history.is_empty()
            && let Some(matches) = self.one_letter(&words)
        {
            self.history.push(Step { words, matches });
            self.done = Some(Done::Last);
            return;
        }
        let mut pattern = Pattern::default();
        pattern.atoms.extend(words.iter().map(|w| atom(w)));
        let mut scored = std::mem::take(&mut self.spare);
        scored.clear();
        self.job = Some(Job {
            narrowing: !self.history.is_empty(),
            words,
            pattern,
            query_chars: folded.chars().collect(),
            next: 0,
            scored,
            merged: Vec::new(),
        });
        self.done = None;
    }

    /// Scores at most `budget` more names of the job under way; returns
    /// whether it is finished (also when there is none). The slice that
    /// scores the last names ranks them all and remembers the query.
    pub fn advance(&mut self, budget: usize) -> bool {
        let Some(job) = &mut self.job else {
            return true;
        };
        let names = &self.names.0.names;
        let previous = narrowed(&self.history, job.narrowing);
        let count = previous.map_or(names.len(), Vec::len);
        let end = job.next.saturating_add(budget).min(count);
        let from = job.scored.len();
        for k in job.next..end {
            let i = previous.map_or_else(|| index_u32(k), |matches| matches[k]);
            if let Some(name) = names.get(i as usize) {
                score_into(
                    &mut job.scored,
                    &job.pattern,
                    &mut self.matcher,
                    &job.query_chars,
                    name,
                    i,
                );
            }
        }
        job.next = end;
        // A slice's matches are sorted and merged into the ones before, so
        // the matches so far stay ranked: the best so far are their head,
        // and the last slice leaves nothing to sort. (Sorting them all at
        // the end took 1.7 ms for 64,000 matches, in one slice.)
        job.scored[from..].sort_unstable_by_key(rank_key);
        if from > 0 && from < job.scored.len() {
            let (before, share) = job.scored.split_at(from);
            merge_into(before, share, &mut job.merged);
            std::mem::swap(&mut job.scored, &mut job.merged);
        }
        if end < count {
            return false;
        }
        let Some(job) = self.job.take() else {
            return true;
        };
        let matches: Vec<u32> = job.scored.iter().map(|&(_, _, i)| i).collect();
        self.spare = job.scored;
        if self.history.len() == HISTORY {
            self.history.remove(0);
        }
        self.history.push(Step {
            words: job.words,
            matches,
        });
        self.done = Some(Done::Last);
        true
    }

    /// How many names the job under way has still to score.
    pub fn remaining(&self) -> usize {
        self.job.as_ref().map_or(0, |job| {
            let count = narrowed(&self.history, job.narrowing).map_or(self.names.len(), Vec::len);
            count.saturating_sub(job.next)
        })
    }

    /// Whether a job is under way.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// The finished query's matches, best first (what [`Self::filter`]
    /// returns); none while a job is under way.
    pub fn finished(&self) -> Option<Vec<u32>> {
        match self.done? {
            Done::All => Some((0..self.names.len()).map(index_u32).collect()),
            Done::Last => Some(
                self.history
                    .last()
                    .map(|step| step.matches.clone())
                    .unwrap_or_default(),
            ),
        }
    }

    /// The best matches among the names scored so far, best first (at most
    /// a few hundred): the rows to show while the job is under way.
    pub fn best_so_far(&self) -> Vec<u32> {
        self.job.as_ref().map_or_else(Vec::new, |job| {
            job.scored.iter().take(BEST).map(|&(_, _, i)| i).collect()
        })
    }

    /// A one-letter query's matches, from the table ranked in advance.
    fn one_letter(&self, words: &[String]) -> Option<Vec<u32>> {
        let letters = self.names.0.letters.as_ref()?;
        let [word] = words else {
            return None;
        };
        let mut chars = word.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return None;
        };
        Some(
            letters
                .get(&c)
                .map(|list| list.to_vec())
                .unwrap_or_default(),
        )
    }

    /// Char positions (in the original name) of the query's matched
    /// characters, sorted and without repeats, for highlighting. Empty when
    /// the name does not match, the query is blank or `index` is out of
    /// range.
    pub fn positions(&mut self, index: u32, query: &str) -> Vec<u32> {
        let folded = fold(query.trim());
        self.pattern.atoms.clear();
        self.pattern
            .atoms
            .extend(folded.split_whitespace().map(atom));
        let mut positions = Vec::new();
        let Some(name) = self.names.0.names.get(index as usize) else {
            return positions;
        };
        let found = self
            .pattern
            .indices(name, &mut self.matcher, &mut positions);
        if found.is_none() {
            positions.clear();
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// The names a job scores: a grown query only the previous matches (the
/// last step's), a new one every name (`None`).
fn narrowed(history: &[Step], narrowing: bool) -> Option<&Vec<u32>> {
    history
        .last()
        .map(|step| &step.matches)
        .filter(|_| narrowing)
}

/// Merges two ranked lists into `out`, ranked.
fn merge_into(a: &[Scored], b: &[Scored], out: &mut Vec<Scored>) {
    out.clear();
    out.reserve(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if rank_key(y) < rank_key(x) {
            out.push(*y);
            j += 1;
        } else {
            out.push(*x);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// Scores one name against the query; a match goes into `scored` as
/// (exact, score, index).
fn score_into(
    scored: &mut Vec<Scored>,
    pattern: &Pattern,
    matcher: &mut Matcher,
    query_chars: &[char],
    haystack: Utf32Str<'_>,
    index: u32,
) {
    if let Some(score) = pattern.score(haystack, matcher) {
        let exact =
            haystack.len() == query_chars.len() && haystack.chars().eq(query_chars.iter().copied());
        scored.push((exact, score, index));
    }
}

/// Names are indexed with `u32` (nucleo's own limit); a picker list never
/// comes near it.
fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter<'a>(list: &[&'a str], query: &str) -> Vec<&'a str> {
        let mut index = FuzzyIndex::new(list.iter().copied());
        index
            .filter(query)
            .into_iter()
            .map(|i| list[i as usize])
            .collect()
    }

    #[test]
    fn fold_cmp_orders_as_the_folds() {
        let words = [
            "",
            "а",
            "А",
            "Ё",
            "е",
            "ж",
            "Еж",
            "ёж",
            "Ёжик",
            "ежик",
            "Тверская",
            "тверская-ямская",
            "Тверь",
            "İx",
            "ix",
            "Ix",
            "x",
            "é",
            "É",
            "Яя",
            "я",
        ];
        for a in words {
            for b in words {
                assert_eq!(fold_cmp(a, b), fold(a).cmp(&fold(b)), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn fold_lower_cases_and_folds_yo() {
        assert_eq!(fold("Ёлкинская ЁЖИК Mixed"), "елкинская ежик mixed");
        assert_eq!(fold("ёё"), "ее");
        // The Cyrillic fast path agrees with Unicode's lower case.
        for c in 'А'..='я' {
            assert_eq!(fold_char(c).to_string(), c.to_lowercase().to_string());
        }
        // One character out for one in, even where the lower case is longer.
        assert_eq!(fold("İx").chars().count(), 2);
    }

    #[test]
    fn cyrillic_and_case() {
        let list = ["Арбат", "Тверская", "Пушкинская"];
        assert_eq!(filter(&list, "ТВЕР"), ["Тверская"]);
        assert_eq!(filter(&list, "тверская"), ["Тверская"]);
        assert_eq!(filter(&list, "ПуШк"), ["Пушкинская"]);
    }

    #[test]
    fn yo_matches_ye_both_ways() {
        let list = ["Елкина", "Ёлкинская", "Арбат"];
        assert_eq!(filter(&list, "ёлкин"), ["Елкина", "Ёлкинская"]);
        assert_eq!(filter(&list, "елк"), ["Елкина", "Ёлкинская"]);
        assert_eq!(filter(&list, "ЁЛК"), ["Елкина", "Ёлкинская"]);
    }

    #[test]
    fn multi_word_needs_every_word() {
        let list = [
            "Малая Тверская",
            "Тверская",
            "Малая Бронная",
            "Большая Тверская",
        ];
        assert_eq!(filter(&list, "мал тве"), ["Малая Тверская"]);
        assert_eq!(filter(&list, "  тве   мал "), ["Малая Тверская"]);
        assert_eq!(filter(&list, "бол тв"), ["Большая Тверская"]);
        assert!(filter(&list, "мал арб").is_empty());
    }

    #[test]
    fn empty_and_blank_query_give_all_in_order() {
        let list = ["В", "Б", "А"];
        let mut index = FuzzyIndex::new(list);
        assert_eq!(index.filter(""), [0, 1, 2]);
        assert_eq!(index.filter("  \t "), [0, 1, 2]);
        assert_eq!(index.len(), 3);
        assert!(!index.is_empty());
        assert!(FuzzyIndex::new([]).is_empty());
    }

    #[test]
    fn no_match_is_empty() {
        let list = ["Арбат", "Тверская"];
        assert!(filter(&list, "щщщ").is_empty());
        assert!(filter(&list, "тверская1").is_empty());
        assert!(FuzzyIndex::new([]).filter("а").is_empty());
    }

    #[test]
    fn prefix_above_later_word_above_scattered() {
        let list = ["Товарищеский", "Малая Тверская", "Тверская"];
        assert_eq!(
            filter(&list, "тве"),
            ["Тверская", "Малая Тверская", "Товарищеский"]
        );
    }

    #[test]
    fn exact_name_first() {
        let list = [
            "Тверская Застава",
            "Тверская-Ямская",
            "Малая Тверская",
            "Тверская",
        ];
        assert_eq!(filter(&list, "Тверская")[0], "Тверская");
        let list = ["Мира проспект", "Мира"];
        assert_eq!(filter(&list, "мира"), ["Мира", "Мира проспект"]);
        let list = ["Ёлкинская улица", "Ёлкинская"];
        assert_eq!(filter(&list, "елкинская")[0], "Ёлкинская");
    }

    #[test]
    fn ties_keep_original_order() {
        let list = ["Тверская 2", "Тверская 1", "Тверская 3"];
        assert_eq!(filter(&list, "тверская"), list);
    }

    #[test]
    fn positions_are_chars_of_the_original() {
        let mut index = FuzzyIndex::new(["Малая Тверская", "Ёлкинская", "İzmir Ёж"]);
        assert_eq!(index.positions(0, "тве"), [6, 7, 8]);
        assert_eq!(index.positions(0, "тве мал"), [0, 1, 2, 6, 7, 8]);
        assert_eq!(index.positions(1, "ЕЛК"), [0, 1, 2]);
        // After a character whose lower case is two characters long.
        assert_eq!(index.positions(2, "еж"), [6, 7]);
        assert!(index.positions(1, "арбат").is_empty());
        assert!(index.positions(1, "").is_empty());
        assert!(index.positions(9, "е").is_empty());
    }

    #[test]
    fn positions_after_a_combining_mark() {
        // "е" with a combining diaeresis: two chars in the original.
        let mut index = FuzzyIndex::new(["Бере\u{308}зовая"]);
        assert_eq!(index.positions(0, "зов"), [5, 6, 7]);
    }

    #[test]
    fn ascii_and_other_names_side_by_side_are_each_found_as_themselves() {
        // ASCII, Cyrillic, ASCII once folded (the Kelvin sign), empty.
        let list = ["Oak Lane", "Дубовая", "\u{212A}iev", "", "oak лес"];
        let mut index = FuzzyIndex::new(list);
        assert_eq!(index.filter("oak"), [0, 4]);
        assert_eq!(index.filter("дуб"), [1]);
        assert_eq!(index.filter("kiev"), [2]);
        assert_eq!(index.filter("лес"), [4]);
        assert_eq!(index.positions(0, "lane"), [4, 5, 6, 7]);
        assert_eq!(index.positions(2, "ev"), [2, 3]);
        assert_eq!(index.positions(4, "ес"), [5, 6]);
        assert!(index.positions(3, "а").is_empty());
        let names = Names::new(list);
        assert!(names.holds_all(0, &Word::split("LANE oak")));
        assert!(names.holds_all(2, &Word::split("kiev")));
        assert!(!names.holds_all(1, &Word::split("дубы")));
        assert!(!names.holds_all(5, &Word::split("")));
    }

    /// The names of the sandbox's seed streets.
    fn seed_streets() -> Vec<&'static str> {
        include_str!("../assets/seed/streets.tsv")
            .lines()
            .skip(1)
            .filter_map(|line| line.split('\t').nth(2))
            .collect()
    }

    #[test]
    fn the_seed_streets_find_themselves() {
        let streets = seed_streets();
        assert!(streets.len() > 100);
        let mut index = FuzzyIndex::new(streets.iter().copied());
        assert_eq!(index.len(), streets.len());
        assert_eq!(index.filter("").len(), streets.len());
        for &probe in streets.iter().step_by(97) {
            let found = index.filter(probe);
            let first = found.first().map(|&i| fold(streets[i as usize]));
            assert_eq!(first, Some(fold(probe)), "query {probe:?}");
        }
        let tve = index.filter("тве");
        assert!(!tve.is_empty());
        for &i in &tve {
            assert!(!index.positions(i, "тве").is_empty());
        }
    }

    /// Typing a query letter by letter, then deleting it, then typing other
    /// words, gives at every step exactly what a fresh index gives.
    #[test]
    fn typing_and_deleting_ranks_as_a_fresh_index() {
        let streets = seed_streets();
        let mut typing = FuzzyIndex::new(streets.iter().copied());
        let mut steps: Vec<String> = Vec::new();
        for full in ["Тверская", "мал тве", "ул ле", "ёлк", "а  б"] {
            let chars: Vec<char> = full.chars().collect();
            for n in (1..=chars.len()).chain((0..chars.len()).rev()) {
                steps.push(chars[..n].iter().collect());
            }
        }
        steps.extend(["пуш".to_owned(), "пушк".to_owned(), "пук".to_owned()]);
        for query in &steps {
            let want = FuzzyIndex::new(streets.iter().copied()).filter(query);
            assert_eq!(typing.filter(query), want, "query {query:?}");
        }
    }

    /// A one-letter query answered from the table ranked in advance gives
    /// what scoring the whole list gives, and typing on from it narrows as
    /// before.
    #[test]
    fn letters_ranked_in_advance_rank_as_scoring() {
        let mut streets: Vec<&str> = include_str!("../assets/seed/streets.tsv")
            .lines()
            .skip(1)
            .filter_map(|line| line.split('\t').nth(2))
            .collect();
        streets.extend(["е", "Ё", "x", "1-я Линия"]);
        let names = Names::with_letters(streets.iter().copied());
        let mut letters: Vec<char> = streets
            .iter()
            .flat_map(|s| fold(s).chars().collect::<Vec<_>>())
            .collect();
        letters.sort_unstable();
        letters.dedup();
        letters.extend(['щ', 'Q', '%']);
        for c in letters {
            let query = c.to_string();
            let want = FuzzyIndex::new(streets.iter().copied()).filter(&query);
            let mut index = FuzzyIndex::over(&names);
            assert_eq!(index.filter(&query), want, "query {query:?}");
            let longer = format!("{c}а");
            let want = FuzzyIndex::new(streets.iter().copied()).filter(&longer);
            assert_eq!(index.filter(&longer), want, "query {longer:?}");
        }
    }

    /// Filters `query` in slices of `budget` names; the slices it took.
    fn in_slices(index: &mut FuzzyIndex, query: &str, budget: usize) -> (Vec<u32>, usize) {
        index.start(query);
        let mut slices = 1;
        while !index.advance(budget) {
            slices += 1;
        }
        assert!(!index.is_running());
        (index.finished().expect("a finished ranking"), slices)
    }

    /// Typing, deleting, other words, the other layout's readings, with
    /// and without the letters ranked in advance: slice by slice gives at
    /// every step what a fresh index's `filter` gives.
    #[test]
    fn advancing_in_slices_ranks_as_filter() {
        let streets = seed_streets();
        let mut steps: Vec<String> = Vec::new();
        for full in ["Тверская", "мал тве", "ул ле", "ёлк", "а  б", "ndth", "1 я"]
        {
            let chars: Vec<char> = full.chars().collect();
            for n in (1..=chars.len()).chain((0..chars.len()).rev()) {
                let typed: String = chars[..n].iter().collect();
                if let Some(other) = crate::layout::alternatives(typed.trim()) {
                    steps.push(other);
                }
                steps.push(typed);
            }
        }
        steps.extend(["пуш", "пушк", "пук", "с", "са", "сад"].map(str::to_owned));
        let with_letters = Names::with_letters(streets.iter().copied());
        for budget in [1, 97, 1_000] {
            for names in [Names::new(streets.iter().copied()), with_letters.clone()] {
                let mut sliced = FuzzyIndex::over(&names);
                let mut many = false;
                for query in &steps {
                    let want = FuzzyIndex::new(streets.iter().copied()).filter(query);
                    let (got, slices) = in_slices(&mut sliced, query, budget);
                    assert_eq!(got, want, "query {query:?} in slices of {budget}");
                    many |= slices > 2;
                }
                assert!(many, "no query took several slices of {budget}");
            }
        }
    }

    /// While a job is under way, the rows shown are the best of the names
    /// scored so far, in the final ranking's order.
    #[test]
    fn the_best_so_far_are_the_best_of_the_names_scored() {
        let streets = seed_streets();
        for query in ["а", "ул", "тве", "мал тве"] {
            let want = FuzzyIndex::new(streets.iter().copied()).filter(query);
            let mut index = FuzzyIndex::new(streets.iter().copied());
            index.start(query);
            let mut scored = 0;
            while !index.advance(50) {
                scored += 50;
                let best: Vec<u32> = want
                    .iter()
                    .copied()
                    .filter(|&i| (i as usize) < scored)
                    .take(BEST)
                    .collect();
                assert_eq!(index.best_so_far(), best, "{query:?} after {scored}");
                assert!(index.finished().is_none());
                assert_eq!(index.remaining(), streets.len() - scored);
            }
            assert_eq!(index.finished(), Some(want));
        }
    }

    /// A query typed over an unfinished one abandons it: the new one
    /// narrows from the last finished query it extends, never from the
    /// abandoned one, and Backspace finds only finished queries.
    #[test]
    fn an_unfinished_query_is_abandoned_and_never_remembered() {
        let streets = seed_streets();
        let fresh = |q: &str| FuzzyIndex::new(streets.iter().copied()).filter(q);
        let mut index = FuzzyIndex::new(streets.iter().copied());
        assert_eq!(index.filter("т"), fresh("т"));
        index.start("тв");
        assert!(!index.advance(10));
        index.start("тве");
        assert!(!index.advance(10));
        assert_eq!(in_slices(&mut index, "твер", 10).0, fresh("твер"));
        assert_eq!(in_slices(&mut index, "тве", 10).0, fresh("тве"));
        assert_eq!(in_slices(&mut index, "тв", 10).0, fresh("тв"));
        index.start("тве");
        assert!(!index.advance(10));
        index.start("");
        assert_eq!(index.finished(), Some(fresh("")));
        assert!(index.advance(10));
        // The one-letter table is looked up at once.
        let mut index = FuzzyIndex::over(&Names::with_letters(streets.iter().copied()));
        index.start("а");
        assert!(!index.is_running());
        assert_eq!(index.finished(), Some(fresh("а")));
    }

    #[test]
    fn holds_all_is_closeness() {
        let list = [
            "Малая Тверская",
            "Проспект Вернадского",
            "1-я Тверская-Ямская",
            "Ёлкинская",
            "Arbat",
        ];
        let names = Names::new(list);
        for query in [
            "твер",
            "ТВЕР",
            "1 твер",
            "елк",
            "  ",
            "мал арб",
            "arb",
            "ar t",
        ] {
            let words = Word::split(query);
            for (i, name) in list.iter().enumerate() {
                assert_eq!(
                    names.holds_all(i as u32, &words),
                    crate::closeness::is_close(name, query),
                    "{name:?} {query:?}"
                );
            }
        }
    }
}
