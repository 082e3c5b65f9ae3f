//! A picker's search, done in slices: the query as typed, then, when no
//! name holds it, as read in the other keyboard layout
//! (`crate::layout::alternatives`: `vjcrdf` finds «Москва»).
//!
//! Each part is a [`FuzzyIndex`] job advanced by at most a budget of names
//! per call, so that a keystroke in a list of 100,000 names never holds the
//! loop for long. While a search is unfinished, [`Search::provisional`]
//! gives the best rows of the names scored so far; the finished rows are
//! exactly those of a search done at once.

use std::collections::HashSet;
use std::fmt;

use crate::fuzzy::{FuzzyIndex, Names, Word};

/// How many of the typed query's scattered names an unfinished search
/// of the other layout's reading shows (more than a picker's rows).
const PROVISIONAL: usize = 256;

/// The rows a search gives: indices into the list, best first, the first
/// `close` of which contain the query (the rest only have its letters).
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
    /// No name holds the query as typed: scoring the other layout's
    /// reading. `far` holds the names with the typed query's letters.
    Other { reading: String, far: Vec<u32> },
    /// Finished.
    Done,
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

    /// Scores at most about `budget` names; the finished rows when this
    /// call finished the search.
    pub fn advance(&mut self, mut budget: usize) -> Option<Rows> {
        loop {
            match &mut self.stage {
                Stage::Done => return None,
                Stage::Typed => {
                    let cost = self.typed.remaining().min(budget);
                    if !self.typed.advance(budget) {
                        return None;
                    }
                    budget -= cost;
                    let typed = self.typed.finished().unwrap_or_default();
                    let (close, far) = split_close(typed, &self.names, &self.query);
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
                    if !other.advance(budget) {
                        return None;
                    }
                    let found = other.finished().unwrap_or_default();
                    let (other_close, other_far) = split_close(found, &self.names, reading);
                    let reading = std::mem::take(reading);
                    let mut far = std::mem::take(far);
                    self.stage = Stage::Done;
                    let layout = (!other_close.is_empty()).then_some(reading);
                    let mut seen: HashSet<u32> = HashSet::new();
                    let close: Vec<u32> = other_close
                        .into_iter()
                        .filter(|i| seen.insert(*i))
                        .collect();
                    far.extend(other_far);
                    far.retain(|i| seen.insert(*i));
                    return Some(joined(close, far, layout));
                }
            }
        }
    }

    /// The rows to show while the search is unfinished: the best of the
    /// names scored so far (a few hundred at most).
    pub fn provisional(&self) -> Rows {
        match &self.stage {
            Stage::Typed | Stage::Done => {
                let (close, far) = split_close(self.typed.best_so_far(), &self.names, &self.query);
                joined(close, far, None)
            }
            Stage::Other { reading, far } => {
                let best = self
                    .other
                    .as_ref()
                    .map_or_else(Vec::new, FuzzyIndex::best_so_far);
                let (close, other_far) = split_close(best, &self.names, reading);
                let layout = (!close.is_empty()).then(|| reading.clone());
                let mut seen: HashSet<u32> = close.iter().copied().collect();
                // The rows shown, not the whole list: the typed query's
                // first scattered names.
                let far: Vec<u32> = far
                    .iter()
                    .take(PROVISIONAL)
                    .copied()
                    .chain(other_far)
                    .filter(|i| seen.insert(*i))
                    .collect();
                joined(close, far, layout)
            }
        }
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

/// Splits `matches` (best first) into the names that contain every word of
/// `query` and the ones that only have its letters, each in its order.
fn split_close(matches: Vec<u32>, names: &Names, query: &str) -> (Vec<u32>, Vec<u32>) {
    let words = Word::split(query);
    matches
        .into_iter()
        .partition(|&i| names.holds_all(i, &words))
}
