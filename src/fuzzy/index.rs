//! The filter: a query scored as a job, in slices, over prepared names.

use nucleo_matcher::Matcher;
use nucleo_matcher::pattern::Pattern;

use super::fold::fold;
use super::names::{Names, Word};
use super::score::{Scored, atom, config, index_u32, merge_into, rank_key, score_into};

/// How many names one slice of a filter scores at most ([`FuzzyIndex::advance`]):
/// nucleo costs 80 ns a name here on average but about 200 ns when most of
/// them match (the second letter typed), so a slice and its frame stay
/// near half a millisecond even then, and a key in a list of 5,000 streets
/// under a millisecond (`cargo bench --bench perf -- keystrokes`: 4,096
/// took 1.9 ms at 5,000 and finished the 100,000-street ranking in fewer
/// frames, 23 ms against 39); a list of up to this many names is filtered
/// in one.
pub const SLICE: usize = 2_048;

/// How many candidates one slice checks for holding the query, per name it
/// may score: the check is a small fraction of scoring.
const CHECKS_PER_SCORED: usize = 4;

/// How many of the best matches so far an unfinished filter gives
/// ([`FuzzyIndex::best_so_far`]): more rows than a picker shows.
pub(super) const BEST: usize = 256;

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
    /// The last finished job's matches split as they were scored: the
    /// names holding every word of its query, then the others, each
    /// ranked ([`Self::finished_parts`]).
    parts: Option<(Vec<u32>, Vec<u32>)>,
}

/// Where a finished query's matches are.
#[derive(Clone, Copy)]
enum Done {
    /// A blank query: every name, in order.
    All,
    /// The last step of the history.
    Last,
}

/// A query being scored, slice by slice, in two rounds: first the
/// candidates that hold every word of the query unbroken (the rows a
/// picker lists first, `Names::holds_all`), the others set aside, then
/// those. So the close names are ranked exactly after a first, cheaper
/// pass; the finished ranking merges both and is the same as scoring all
/// candidates in one.
struct Job {
    words: Vec<String>,
    /// The query's words for the closeness check.
    close_words: Vec<Word>,
    pattern: Pattern,
    /// The folded query as characters, for the exact-name check.
    query_chars: Vec<char>,
    /// Whether the candidates are the last step's matches (the query grew)
    /// rather than every name.
    narrowing: bool,
    /// How many candidates are checked (the first round).
    next: usize,
    /// The candidates that do not hold the query, for the second round.
    rest: Vec<u32>,
    /// How many of `rest` are scored.
    next_rest: usize,
    /// The close matches so far, ranked.
    close: Vec<Scored>,
    /// The other matches so far, ranked.
    scored: Vec<Scored>,
    /// Where a slice's matches are merged into the ones before.
    merged: Vec<Scored>,
}

impl Job {
    /// Whether every candidate is checked (and the close ones scored).
    fn close_done(&self, count: usize) -> bool {
        self.next >= count
    }
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
            parts: None,
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
        self.parts = None;
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
            close_words: Word::split(query),
            pattern,
            query_chars: folded.chars().collect(),
            next: 0,
            rest: Vec::new(),
            next_rest: 0,
            close: Vec::new(),
            scored,
            merged: Vec::new(),
        });
        self.done = None;
    }

    /// Scores at most `budget` more names of the job under way (and checks
    /// a few times as many for closeness); returns whether it is finished
    /// (also when there is none). The slice that scores the last names
    /// ranks them all and remembers the query.
    pub fn advance(&mut self, budget: usize) -> bool {
        let Some(job) = &mut self.job else {
            return true;
        };
        let names = &self.names;
        let previous = narrowed(&self.history, job.narrowing);
        let count = previous.map_or(names.len(), Vec::len);
        let candidate = |k: usize| previous.map_or_else(|| index_u32(k), |matches| matches[k]);
        let mut budget = budget;
        // The first round: the close candidates scored, the others set aside.
        let checks_end = job
            .next
            .saturating_add(budget.saturating_mul(CHECKS_PER_SCORED))
            .min(count);
        let from = job.close.len();
        while job.next < checks_end && budget > 0 {
            let i = candidate(job.next);
            job.next += 1;
            if names.holds_all(i, &job.close_words) {
                budget -= 1;
                if let Some(name) = names.0.names.get(i as usize) {
                    score_into(
                        &mut job.close,
                        &job.pattern,
                        &mut self.matcher,
                        &job.query_chars,
                        name,
                        i,
                    );
                }
            } else {
                job.rest.push(i);
            }
        }
        rank_slice(&mut job.close, from, &mut job.merged);
        if !job.close_done(count) {
            return false;
        }
        // The second round: the rest.
        let end = job.next_rest.saturating_add(budget).min(job.rest.len());
        let from = job.scored.len();
        for &i in &job.rest[job.next_rest..end] {
            if let Some(name) = names.0.names.get(i as usize) {
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
        job.next_rest = end;
        rank_slice(&mut job.scored, from, &mut job.merged);
        if end < job.rest.len() {
            return false;
        }
        let Some(job) = self.job.take() else {
            return true;
        };
        let mut all = job.merged;
        merge_into(&job.close, &job.scored, &mut all);
        let matches: Vec<u32> = all.iter().map(|&(_, _, i)| i).collect();
        let ids = |list: &[Scored]| list.iter().map(|&(_, _, i)| i).collect::<Vec<u32>>();
        self.parts = Some((ids(&job.close), ids(&job.scored)));
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
            count.saturating_sub(job.next) + job.rest.len().saturating_sub(job.next_rest)
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

    /// The rows to show while the job is under way (at most a few hundred):
    /// the best of the close matches so far, then the best of the others
    /// so far. Once every candidate is checked, the close ones are those of
    /// the finished ranking, in its order.
    pub fn best_so_far(&self) -> Vec<u32> {
        self.job.as_ref().map_or_else(Vec::new, |job| {
            let close = job.close.iter().take(BEST);
            let others = job.scored.iter().take(BEST);
            close.chain(others).map(|&(_, _, i)| i).collect()
        })
    }

    /// The finished query's matches as its job scored them: the names
    /// holding every word of the query unbroken, then the others, each
    /// ranked; none for a query answered without a job (blank, one
    /// letter ranked in advance, a query of this run of typing).
    pub fn finished_parts(&self) -> Option<(Vec<u32>, Vec<u32>)> {
        self.done.and(self.parts.clone())
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

/// Ranks a list whose head (before `from`) is ranked and whose tail is a
/// slice's new matches: the tail sorted and merged in, through `spare`.
/// (Sorting them all at the end took 1.7 ms for 64,000 matches, in one
/// slice.)
fn rank_slice(list: &mut Vec<Scored>, from: usize, spare: &mut Vec<Scored>) {
    list[from..].sort_unstable_by_key(rank_key);
    if from > 0 && from < list.len() {
        let (before, share) = list.split_at(from);
        merge_into(before, share, spare);
        std::mem::swap(list, spare);
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
