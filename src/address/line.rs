//! The address typed on one line, as the caller says it
//! (`тверская 7 к2 кв 12 под 2 эт 5 домофон 12к`, `Невский пр., д. 10,
//! кв. 5`, `спб невский 10-5`), split into its parts.
//!
//! [`parse`] is a pure function: the line is cut into pieces (spans of the
//! line), each given one [`Role`]; what it cannot place is kept as
//! [`Role::Leftover`]. No character is dropped: what lies between the
//! pieces is only separators (spaces, commas, semicolons, the dots after
//! abbreviations and the dash of `10-5`).
//!
//! The street is what comes first (after a leading city): words, a number
//! that starts a name (`8 Марта`, `1 Мая`) and ordinals (`1-я Тверская-Ямская`,
//! `60-летия Октября`); the first other number is the house. Then labelled
//! parts (`к2`, `кв 12`, `под 2`, `эт 5`, `домофон 12к`), and the unlabelled
//! number after the house is the apartment (`10 5`, `10-5`).

use super::words::{Part, StreetType, city_of, is_city_label};
use crate::fuzzy::fold;

/// What a piece of the line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `г.` before a city.
    CityLabel,
    City,
    /// A street-type word (`ул`, `пр-т`, `бульвар`).
    StreetType(StreetType),
    /// A word of the street's name.
    Street,
    /// A label (`кв`, `под`), the value after it takes its part.
    Label(Part),
    /// The value of a part.
    Value(Part),
    /// Text the parser could not place.
    Leftover,
}

/// A piece of the line: the bytes `start..end`, and what they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub role: Role,
}

/// A line split into pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressLine {
    line: String,
    pub pieces: Vec<Piece>,
}

impl AddressLine {
    /// The text of a piece.
    pub fn text(&self, piece: &Piece) -> &str {
        self.line.get(piece.start..piece.end).unwrap_or_default()
    }

    fn joined(&self, wanted: impl Fn(Role) -> bool) -> Option<String> {
        let words: Vec<&str> = self
            .pieces
            .iter()
            .filter(|p| wanted(p.role))
            .map(|p| self.text(p))
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// The leading city as typed (`спб`).
    pub fn city_text(&self) -> Option<String> {
        self.joined(|r| r == Role::City)
    }

    /// The leading city as the dictionary names it when it is a known
    /// nickname (`спб` → «Санкт-Петербург»), else as typed.
    pub fn city(&self) -> Option<String> {
        let typed = self.city_text()?;
        Some(city_of(&fold(&typed)).map_or(typed, str::to_owned))
    }

    /// The street's name as typed, without its type word.
    pub fn street(&self) -> Option<String> {
        self.joined(|r| r == Role::Street)
    }

    /// The street's type, when a type word was typed.
    pub fn street_type(&self) -> Option<StreetType> {
        self.pieces.iter().find_map(|p| match p.role {
            Role::StreetType(kind) => Some(kind),
            _ => None,
        })
    }

    /// The value of a part (`Part::Apartment` → `12`).
    pub fn part(&self, part: Part) -> Option<&str> {
        self.pieces
            .iter()
            .find(|p| p.role == Role::Value(part))
            .map(|p| self.text(p))
    }

    /// What could not be placed, as typed, joined by spaces.
    pub fn leftover(&self) -> Option<String> {
        self.joined(|r| r == Role::Leftover)
    }
}

/// Characters between pieces: spaces and punctuation that only separate
/// (what the property tests allow to be dropped).
#[cfg(test)]
pub fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '.' | '-')
}

/// Splits a line into its parts.
pub fn parse(line: &str) -> AddressLine {
    let tokens = tokens(line);
    let mut pieces: Vec<Piece> = Vec::with_capacity(tokens.len());
    let words: Vec<String> = tokens.iter().map(|t| word(line, t)).collect();
    let mut at = city(&words, &tokens, &mut pieces);
    at = street(&words, &tokens, at, &mut pieces);
    parts(line, &words, &tokens, at, &mut pieces);
    AddressLine {
        line: line.to_owned(),
        pieces,
    }
}

/// A token: the bytes `start..end` of the line.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
}

/// The token folded, without its trailing dots.
fn word(line: &str, token: &Token) -> String {
    let text = line.get(token.start..token.end).unwrap_or_default();
    fold(text.trim_end_matches('.'))
}

fn piece(token: &Token, role: Role) -> Piece {
    Piece {
        start: token.start,
        end: token.end,
        role,
    }
}

/// The line cut at spaces, commas and semicolons; after the dot of an
/// abbreviation (`д.10`, `ул.Тверская`); between a label and the digits glued
/// to it (`кв12`); and inside a house with its корпус or строение glued
/// (`10к2`).
fn tokens(line: &str) -> Vec<Token> {
    let mut raw = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() || matches!(c, ',' | ';') {
            if let Some(s) = start.take() {
                raw.push(Token { start: s, end: i });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        raw.push(Token {
            start: s,
            end: line.len(),
        });
    }
    let mut out = Vec::with_capacity(raw.len());
    for token in raw {
        for token in split_dots(line, token) {
            split_glued(line, token, &mut out);
        }
    }
    out
}

/// Cuts after a dot that follows a letter and precedes more text.
fn split_dots(line: &str, token: Token) -> Vec<Token> {
    let text = line.get(token.start..token.end).unwrap_or_default();
    let mut out = Vec::new();
    let mut from = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if prev == Some('.') && c != '.' && from < i {
            let dot_after_letter = text
                .get(from..i)
                .and_then(|t| t.trim_end_matches('.').chars().last())
                .is_some_and(char::is_alphabetic);
            if dot_after_letter {
                out.push(Token {
                    start: token.start + from,
                    end: token.start + i,
                });
                from = i;
            }
        }
        prev = Some(c);
    }
    out.push(Token {
        start: token.start + from,
        end: token.end,
    });
    out
}

/// Cuts a label from the digits glued to it (`кв12`, `под2`), and a house
/// from its корпус or строение (`10к2`, `7с1`).
fn split_glued(line: &str, token: Token, out: &mut Vec<Token>) {
    let text = line.get(token.start..token.end).unwrap_or_default();
    let folded = fold(text);
    if let Some((_, len)) = Part::glued_label(&folded) {
        out.push(Token {
            start: token.start,
            end: token.start + len,
        });
        out.push(Token {
            start: token.start + len,
            end: token.end,
        });
        return;
    }
    // A house with a glued part: digits, then a label glued to digits.
    let digits = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(text.len(), |(i, _)| i);
    if digits > 0
        && digits < text.len()
        && let Some(rest) = folded.get(digits..)
        && let Some((part, len)) = Part::glued_label(rest)
        && matches!(part, Part::Building | Part::Structure)
    {
        let label = token.start + digits;
        out.push(Token {
            start: token.start,
            end: label,
        });
        out.push(Token {
            start: label,
            end: label + len,
        });
        out.push(Token {
            start: label + len,
            end: token.end,
        });
        return;
    }
    out.push(token);
}

/// A leading city (`спб`, `г. Москва`, `нижний новгород`): the index after it.
fn city(words: &[String], tokens: &[Token], pieces: &mut Vec<Piece>) -> usize {
    let mut at = 0;
    let labelled = words.first().is_some_and(|w| is_city_label(w)) && words.len() > 1;
    if labelled {
        pieces.push(piece(&tokens[0], Role::CityLabel));
        at = 1;
    }
    let two = words
        .get(at..at + 2)
        .map(|w| w.join(" "))
        .filter(|w| city_of(w).is_some());
    let count = if two.is_some() {
        2
    } else if words.get(at).is_some_and(|w| city_of(w).is_some()) || labelled {
        1
    } else {
        0
    };
    for token in tokens.iter().skip(at).take(count) {
        pieces.push(piece(token, Role::City));
    }
    at + count
}

/// Whether a word starts with a digit.
fn numeric(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// An ordinal or a number joined to a word: `1-я`, `2-й`, `60-летия`.
fn ordinal(word: &str) -> bool {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < word.len()
        && rest
            .strip_prefix('-')
            .is_some_and(|r| !r.is_empty() && r.chars().all(char::is_alphabetic))
}

/// A plain word: not a number, a label or a street-type word.
fn plain_word(word: &str) -> bool {
    !numeric(word)
        && word.chars().any(char::is_alphabetic)
        && Part::of_label(word).is_none()
        && StreetType::of_word(word).is_none()
}

/// The street's words from `at`: the index after them.
fn street(words: &[String], tokens: &[Token], mut at: usize, pieces: &mut Vec<Piece>) -> usize {
    let mut named = false;
    while let (Some(word), Some(token)) = (words.get(at), tokens.get(at)) {
        let role = if let Some(kind) = StreetType::of_word(word) {
            Role::StreetType(kind)
        } else if Part::of_label(word).is_some() {
            break;
        } else if numeric(word) {
            let starts_name = !named && words.get(at + 1).is_some_and(|w| plain_word(w));
            if !(ordinal(word) || starts_name) {
                break;
            }
            Role::Street
        } else {
            Role::Street
        };
        named |= role == Role::Street;
        pieces.push(piece(token, role));
        at += 1;
    }
    at
}

/// The parts after the street: labelled ones, the house, the apartment.
fn parts(line: &str, words: &[String], tokens: &[Token], at: usize, pieces: &mut Vec<Piece>) {
    // The label waiting for its value: its piece and its part.
    let mut pending: Option<(usize, Part)> = None;
    let has = |pieces: &[Piece], part: Part| pieces.iter().any(|p| p.role == Role::Value(part));
    for (word, token) in words.iter().zip(tokens).skip(at) {
        if let Some(part) = Part::of_label(word) {
            if let Some((i, _)) = pending.replace((pieces.len(), part)) {
                unplaced(pieces, i);
            }
            pieces.push(piece(token, Role::Label(part)));
            continue;
        }
        let label = pending.take();
        let part = match label {
            Some((_, part)) if value_like(word) && !has(pieces, part) => Some(part),
            Some((i, _)) => {
                // A second value of a part, or no value: the label is not
                // placed either.
                unplaced(pieces, i);
                None
            }
            None if numeric(word) && !has(pieces, Part::House) => Some(Part::House),
            None if numeric(word) && !has(pieces, Part::Apartment) => Some(Part::Apartment),
            None => None,
        };
        let typed = StreetType::of_word(word)
            .filter(|_| !pieces.iter().any(|p| matches!(p.role, Role::StreetType(_))));
        match (part, typed) {
            (Some(part), _) if !has(pieces, part) => {
                if part == Part::House && !has(pieces, Part::Apartment) {
                    house_and_flat(line, token, pieces);
                } else {
                    pieces.push(piece(token, Role::Value(part)));
                }
            }
            (None, Some(kind)) if label.is_none() => {
                pieces.push(piece(token, Role::StreetType(kind)))
            }
            _ => pieces.push(piece(token, Role::Leftover)),
        }
    }
    // A label with nothing after it: not placed.
    if let Some((i, _)) = pending {
        unplaced(pieces, i);
    }
}

/// Marks piece `i` as not placed.
fn unplaced(pieces: &mut [Piece], i: usize) {
    if let Some(p) = pieces.get_mut(i) {
        p.role = Role::Leftover;
    }
}

/// What may follow a label as its value: something with a digit, or a
/// letter or two (корпус «А»).
fn value_like(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) || word.chars().count() <= 2
}

/// A house, or a house and an apartment written `10-5`.
fn house_and_flat(line: &str, token: &Token, pieces: &mut Vec<Piece>) {
    let text = line.get(token.start..token.end).unwrap_or_default();
    if let Some(dash) = text.find('-')
        && let (Some(house), Some(flat)) = (text.get(..dash), text.get(dash + 1..))
        && numeric(house)
        && numeric(flat)
    {
        pieces.push(Piece {
            start: token.start,
            end: token.start + dash,
            role: Role::Value(Part::House),
        });
        pieces.push(Piece {
            start: token.start + dash + 1,
            end: token.end,
            role: Role::Value(Part::Apartment),
        });
        return;
    }
    pieces.push(piece(token, Role::Value(Part::House)));
}
