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
//!
//! By concern: [`fold`] (case and `ё`), `store` (the prepared names in two
//! buffers), [`Names`] and [`Word`] (shared prepared lists), `letters` (every
//! one-letter query ranked in advance), `score` (nucleo's pattern, the
//! ranking order) and [`FuzzyIndex`] (the filter job, in slices).

mod fold;
mod index;
mod letters;
mod names;
mod one_edit;
mod score;
mod store;
#[cfg(test)]
mod tests;

pub use fold::{fold, fold_cmp};
pub use index::{FuzzyIndex, SLICE};
pub use names::{Names, Word};
pub use one_edit::{MIN_SIMILAR_LETTERS, similar_word, within_one_edit};
