//! A picker's search, done in slices: the query as typed, then, when no
//! name holds it, as read in the other keyboard layout
//! (`crate::layout::alternatives`: `vjcrdf` finds «Москва»).
//!
//! Each part is a [`FuzzyIndex`] job advanced by at most a budget of names
//! per call, and its ranking is split into the names that hold the query
//! and the scattered ones a few budgets at a time, so that a keystroke in a
//! list of 100,000 names never holds the loop for long. While a search is unfinished, [`Search::provisional`]
//! gives the best rows of the names scored so far; the finished rows are
//! exactly those of a search done at once.

use std::collections::HashSet;
use std::fmt;

use crate::fuzzy::{FuzzyIndex, Names, Word};

/// How many close and how many scattered rows an unfinished search shows
/// (more than a picker's rows).
const PROVISIONAL: usize = 256;

/// The rows a search gives: indices into the list, best first, the first
/// `close` of which contain the query (the rest only have its letters).
#[derive(Default)]
pub struct Rows {
    pub matches: Vec<u32>,
    pub close: usize,
    /// The query as read in the other layout, when only that reading holds
    /// a name (`vjcrdf` → `москва`).
    pub other_layout: Option<String>,
}

/// The searches of one picker over its list.
pub struct Search {
    names: Names,
    typed: FuzzyIndex,
    /// The same names, searched with the query as read in the other layout
    /// (its own index, so that each one narrows as its query grows).
    other: Option<FuzzyIndex>,
    /// The query as typed.
    query: String,
    stage: Stage,
}

impl fmt::Debug for Search {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Search({} names)", self.names.len())
    }
}

/// How far a search is.
enum Stage {
    /// Scoring the query as typed.
    Typed,
    /// Splitting the typed query's ranking into close and scattered names.
    SplitTyped(Split),
    /// No name holds the query as typed: scoring the other layout's
    /// reading. `far` holds the names with the typed query's letters.
    Other { reading: String, far: Vec<u32> },
    /// Splitting the other layout's ranking.
    SplitOther {
        reading: String,
        far: Vec<u32>,
        split: Split,
    },
    /// Finished.
    Done,
}

/// How many names a call splits into close and scattered ones, per name it
/// may score: checking that a name holds the query costs a fraction of
/// scoring it.
const SPLIT_PER_SCORED: usize = 4;

/// A ranking being split, in order, into the names that hold every word of
/// the query (`fuzzy::Names::holds_all`) and the ones that only have its letters.
struct Split {
    ranked: Vec<u32>,
    words: Vec<Word>,
    next: usize,
    close: Vec<u32>,
    far: Vec<u32>,
}

impl Split {
    /// A ranking split already, as its index scored it
    /// (`FuzzyIndex::finished_parts`), else one to split.
    fn of(index: &FuzzyIndex, query: &str) -> Self {
        match index.finished_parts() {
            Some((close, far)) => Self {
                ranked: Vec::new(),
                words: Word::split(query),
                next: 0,
                close,
                far,
            },
            None => Self::new(index.finished().unwrap_or_default(), query),
        }
    }

    fn new(ranked: Vec<u32>, query: &str) -> Self {
        let words = Word::split(query);
        // A blank query: every name is close, in order.
        let (close, ranked) = if words.is_empty() {
            (ranked, Vec::new())
        } else {
            (Vec::new(), ranked)
        };
        Self {
            ranked,
            words,
            next: 0,
            close,
            far: Vec::new(),
        }
    }

    /// Splits at most `budget` more names; whether all are.
    fn advance(&mut self, names: &Names, budget: usize) -> bool {
        let end = self.next.saturating_add(budget).min(self.ranked.len());
        for &i in &self.ranked[self.next..end] {
            if names.holds_all(i, &self.words) {
                self.close.push(i);
            } else {
                self.far.push(i);
            }
        }
        self.next = end;
        end == self.ranked.len()
    }
}

impl Search {
    pub fn new(names: &Names) -> Self {
        Self {
            names: names.clone(),
            typed: FuzzyIndex::over(names),
            other: None,
            query: String::new(),
            stage: Stage::Done,
        }
    }

    /// Starts searching for `query`, abandoning an unfinished search.
    pub fn start(&mut self, query: &str) {
        query.clone_into(&mut self.query);
        self.typed.start(query);
        self.stage = Stage::Typed;
    }

    /// Whether the search is unfinished.
    pub fn is_running(&self) -> bool {
        !matches!(self.stage, Stage::Done)
    }

    /// Scores at most about `budget` names (and splits a few times as many
    /// into close and scattered ones); the finished rows when this call
    /// finished the search.
    pub fn advance(&mut self, budget: usize) -> Option<Rows> {
        let split_budget = budget.saturating_mul(SPLIT_PER_SCORED);
        let mut score_budget = budget;
        loop {
            match &mut self.stage {
                Stage::Done => return None,
                Stage::Typed => {
                    let cost = self.typed.remaining().min(score_budget);
                    if !self.typed.advance(score_budget) {
                        return None;
                    }
                    score_budget -= cost;
                    self.stage = Stage::SplitTyped(Split::of(&self.typed, &self.query));
                }
                Stage::SplitTyped(split) => {
                    if !split.advance(&self.names, split_budget) {
                        return None;
                    }
                    let close = std::mem::take(&mut split.close);
                    let far = std::mem::take(&mut split.far);
                    // The other layout's reading is tried when the query as
                    // typed holds no name: then the operator has most likely
                    // typed in the wrong layout (and a keystroke that finds
                    // names as typed costs one search, not two).
                    match crate::layout::alternatives(self.query.trim()) {
                        Some(reading) if close.is_empty() => {
                            let names = &self.names;
                            self.other
                                .get_or_insert_with(|| FuzzyIndex::over(names))
                                .start(&reading);
                            self.stage = Stage::Other { reading, far };
                        }
                        _ => {
                            self.stage = Stage::Done;
                            return Some(joined(close, far, None));
                        }
                    }
                }
                Stage::Other { reading, far } => {
                    let Some(other) = &mut self.other else {
                        return None;
                    };
                    if !other.advance(score_budget) {
                        return None;
                    }
                    let split = Split::of(other, reading);
                    self.stage = Stage::SplitOther {
                        reading: std::mem::take(reading),
                        far: std::mem::take(far),
                        split,
                    };
                }
                Stage::SplitOther {
                    reading,
                    far,
                    split,
                } => {
                    if !split.advance(&self.names, split_budget) {
                        return None;
                    }
                    let layout = (!split.close.is_empty()).then(|| std::mem::take(reading));
                    let mut seen = vec![false; self.names.len()];
                    let mut first = |i: &u32| {
                        seen.get_mut(*i as usize)
                            .is_some_and(|seen| !std::mem::replace(seen, true))
                    };
                    let close: Vec<u32> = std::mem::take(&mut split.close)
                        .into_iter()
                        .filter(&mut first)
                        .collect();
                    let mut far = std::mem::take(far);
                    far.append(&mut split.far);
                    far.retain(&mut first);
                    self.stage = Stage::Done;
                    return Some(joined(close, far, layout));
                }
            }
        }
    }

    /// The rows to show while the search is unfinished: the best of the
    /// names scored so far (a few hundred at most).
    pub fn provisional(&self) -> Rows {
        let (close, far, layout) = match &self.stage {
            Stage::Typed | Stage::Done => {
                let mut split = Split::new(self.typed.best_so_far(), &self.query);
                split.advance(&self.names, usize::MAX);
                (split.close, split.far, None)
            }
            Stage::SplitTyped(split) => (first(&split.close), first(&split.far), None),
            Stage::Other { reading, far } => {
                let best = self
                    .other
                    .as_ref()
                    .map_or_else(Vec::new, FuzzyIndex::best_so_far);
                let mut split = Split::new(best, reading);
                split.advance(&self.names, usize::MAX);
                let layout = (!split.close.is_empty()).then(|| reading.clone());
                (split.close, first_of(far, &split.far), layout)
            }
            Stage::SplitOther {
                reading,
                far,
                split,
            } => {
                let layout = (!split.close.is_empty()).then(|| reading.clone());
                (first(&split.close), first_of(far, &split.far), layout)
            }
        };
        let mut seen: HashSet<u32> = HashSet::new();
        let close: Vec<u32> = close
            .into_iter()
            .filter(|i| seen.insert(*i))
            .take(PROVISIONAL)
            .collect();
        let far: Vec<u32> = far
            .into_iter()
            .filter(|i| seen.insert(*i))
            .take(PROVISIONAL)
            .collect();
        joined(close, far, layout)
    }

    /// Char positions of the query's matches in name `item`, for
    /// highlighting: as typed, else as read in the other layout.
    pub fn positions(&mut self, item: u32, query: &str, other: Option<&str>) -> Vec<u32> {
        let positions = self.typed.positions(item, query);
        match (other, &mut self.other) {
            (Some(reading), Some(index)) if positions.is_empty() => index.positions(item, reading),
            _ => positions,
        }
    }
}

/// The first rows of a list, as many as an unfinished search shows.
fn first(rows: &[u32]) -> Vec<u32> {
    rows.iter().take(PROVISIONAL).copied().collect()
}

/// The first of the typed query's scattered names, then the first of the
/// other reading's: the rows shown while the other reading is searched.
fn first_of(typed: &[u32], other: &[u32]) -> Vec<u32> {
    let mut rows = first(typed);
    rows.extend(first(other));
    rows
}

/// The close names, then the scattered ones.
fn joined(mut close: Vec<u32>, far: Vec<u32>, other_layout: Option<String>) -> Rows {
    let count = close.len();
    close.extend(far);
    Rows {
        matches: close,
        close: count,
        other_layout,
    }
}
