//! Every one-letter query ranked in advance, for long lists.

use std::collections::HashMap;

use nucleo_matcher::pattern::Pattern;
use nucleo_matcher::{Matcher, Utf32Str};

use super::score::{atom, config, index_u32, rank_key, score_into};
use super::store::Store;

/// Every one-letter query's matches among `names`, ranked as
/// [`FuzzyIndex::filter`] ranks them: 4 bytes per name and letter it holds,
/// and little more while they are ranked. The names holding each letter
/// are counted, then listed (each list allocated once at its size), then
/// each list is scored and sorted in place through one buffer.
pub(super) fn rank_letters(names: &Store) -> HashMap<char, Box<[u32]>> {
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
