//! Names prepared once and shared by the indices over one list.

use std::collections::HashMap;
use std::sync::Arc;

use nucleo_matcher::Utf32Str;

use super::fold::fold;
use super::letters::rank_letters;
use super::store::Store;

/// Names prepared once (lower-case, `ё` → `е`, UTF-32, all in one
/// [`Store`]), shared: the
/// pickers' indices over one list (the query as typed and as read in the
/// other layout) hold the same names, prepared off the UI loop.
#[derive(Clone)]
pub struct Names(pub(super) Arc<Prepared>);

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Names({})", self.len())
    }
}

pub(super) struct Prepared {
    pub(super) names: Store,
    /// For a long list, every one-letter query's matches, best first (what
    /// the first letter typed would otherwise score over the whole list).
    pub(super) letters: Option<HashMap<char, Box<[u32]>>>,
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
    /// folded): the names the pickers list above the scattered ones).
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
