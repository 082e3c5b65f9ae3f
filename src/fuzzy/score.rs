//! Scoring with nucleo and the ranking order.

use std::cmp::Reverse;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub(super) fn config() -> Config {
    let mut config = Config::DEFAULT;
    // A small bonus for a match at the very start of the name, fading
    // out over the first few characters: "тве" puts "Тверская" above
    // "Малая Тверская", which nucleo otherwise scores the same.
    config.prefer_prefix = true;
    config
}

pub(super) fn atom(word: &str) -> Atom {
    Atom::new(
        word,
        CaseMatching::Respect,
        Normalization::Never,
        AtomKind::Fuzzy,
        false,
    )
}
/// A scored name: (exact, score, index).
pub(super) type Scored = (bool, u32, u32);

/// The ranking order: an exact name first, then by score, ties in the
/// original order. Indices are unique, so any sort by this key gives one
/// order.
pub(super) fn rank_key(&(exact, score, i): &Scored) -> (Reverse<bool>, Reverse<u32>, u32) {
    (Reverse(exact), Reverse(score), i)
}
/// Merges two ranked lists into `out`, ranked.
pub(super) fn merge_into(a: &[Scored], b: &[Scored], out: &mut Vec<Scored>) {
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
pub(super) fn score_into(
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
pub(super) fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
