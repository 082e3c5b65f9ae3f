//! One key as written in the config and shown in hints: parsing, printing,
//! and the Russian-layout twin of a letter.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The named keys: the code, how it is shown, and the other names the config
/// may use for it (any case).
const NAMED: &[(KeyCode, &str, &[&str])] = &[
    (KeyCode::Enter, "Enter", &["return"]),
    (KeyCode::Esc, "Esc", &["escape"]),
    (KeyCode::Tab, "Tab", &[]),
    (KeyCode::BackTab, "Shift-Tab", &["backtab"]),
    (KeyCode::Insert, "Ins", &["insert"]),
    (KeyCode::Delete, "Del", &["delete"]),
    (KeyCode::Backspace, "Backspace", &[]),
    (KeyCode::Up, "↑", &["up"]),
    (KeyCode::Down, "↓", &["down"]),
    (KeyCode::Left, "←", &["left"]),
    (KeyCode::Right, "→", &["right"]),
    (KeyCode::PageUp, "PgUp", &["pageup"]),
    (KeyCode::PageDown, "PgDn", &["pagedown"]),
    (KeyCode::Home, "Home", &[]),
    (KeyCode::End, "End", &[]),
    (KeyCode::Char(' '), "Space", &[]),
];

/// The function keys a terminal sends reliably.
const MAX_F: u8 = 12;

/// One key with its modifiers, as written in the config (`Ctrl-S`, `F5`, `a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    pub const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    /// The key of a terminal event, with Shift folded into the character and
    /// Shift-Tab as `BackTab`.
    pub(crate) fn from_event(event: &KeyEvent) -> Self {
        let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        match event.code {
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => {
                Self::plain(KeyCode::BackTab)
            }
            KeyCode::BackTab => Self::plain(KeyCode::BackTab),
            code => Self::new(code, mods),
        }
    }

    /// A key with Ctrl letters in lower case, as events and the config are
    /// compared.
    fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
            }
            other => other,
        };
        Self { code, mods }
    }

    /// Whether the key types a character into a text field (a character
    /// without Ctrl or Alt).
    pub(crate) fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// Parses `Ctrl-S`, `Alt-x`, `F5`, `Enter`, `Shift-Tab`, `a`, `?`, …
    /// (names in any case, `-` or `+` after a modifier); `None` for anything
    /// else: function keys past F12, and Shift with anything but a
    /// character or Tab (events do not carry it).
    pub fn parse(text: &str) -> Option<Self> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        while let Some((head, tail)) = rest.split_once(['-', '+']).filter(|(_, t)| !t.is_empty()) {
            mods |= match head.to_ascii_lowercase().as_str() {
                "ctrl" => KeyModifiers::CONTROL,
                "alt" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => break,
            };
            rest = tail;
        }
        let lower = rest.to_lowercase();
        let named = NAMED.iter().find(|(_, shown, aliases)| {
            shown.eq_ignore_ascii_case(&lower) || aliases.contains(&lower.as_str())
        });
        let code = if let Some((code, _, _)) = named {
            *code
        } else if let Some(n) = lower.strip_prefix('f').filter(|n| !n.is_empty()) {
            KeyCode::F(n.parse().ok().filter(|n| (1..=MAX_F).contains(n))?)
        } else {
            let mut chars = rest.chars();
            let c = chars.next()?;
            chars.next().is_none().then_some(KeyCode::Char(c))?
        };
        if !mods.contains(KeyModifiers::SHIFT) {
            return Some(Self::new(code, mods));
        }
        // Events carry Shift only in the character and in Shift-Tab.
        mods.remove(KeyModifiers::SHIFT);
        match code {
            KeyCode::Tab if mods.is_empty() => Some(Self::plain(KeyCode::BackTab)),
            KeyCode::Char(c) => Some(Self::new(
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c)),
                mods,
            )),
            _ => None,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if let Some((_, shown, _)) = NAMED.iter().find(|(code, _, _)| *code == self.code) {
            return f.write_str(shown);
        }
        match self.code {
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_shows_keys() {
        for text in [
            "Ctrl-S",
            "F5",
            "F12",
            "Enter",
            "a",
            "Shift-Tab",
            "PgDn",
            "Alt-x",
            "?",
            "Space",
            "Del",
            "↑",
            "Ctrl-Alt-Del",
        ] {
            let key = Key::parse(text).expect(text);
            assert_eq!(key.to_string(), text);
            assert_eq!(Key::parse(&key.to_string()), Some(key), "{text}");
        }
        assert_eq!(Key::parse("ctrl+r"), Some(Key::ctrl('r')));
        assert_eq!(Key::parse("CTRL-R"), Some(Key::ctrl('r')));
        assert_eq!(Key::parse("escape"), Some(Key::plain(KeyCode::Esc)));
        assert_eq!(Key::parse("pageup"), Some(Key::plain(KeyCode::PageUp)));
        assert_eq!(Key::parse("BackTab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("Shift-a"), Some(Key::ch('A')));
        assert_eq!(Key::parse("-"), Some(Key::ch('-')));
        assert_eq!(Key::parse("Ctrl--"), Some(Key::ctrl('-')));
        assert_eq!(Key::parse("F"), Some(Key::ch('F')));
        assert_eq!(Key::parse("ф"), Some(Key::ch('ф')));
    }

    #[test]
    fn unknown_key_names_are_refused() {
        for text in [
            "",
            "Ctrl-",
            "Hyper-x",
            "F99",
            "F0",
            "F13",
            "Fx",
            "Enterr",
            "ab",
            "Ctrl-Hyper-x",
            "Shift-F5",
            "Ctrl-Shift-Tab",
        ] {
            assert_eq!(Key::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn events_fold_shift_and_ctrl_case() {
        let ev = |code, mods| Key::from_event(&KeyEvent::new(code, mods));
        assert_eq!(
            ev(
                KeyCode::Char('S'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            Key::ctrl('s')
        );
        assert_eq!(ev(KeyCode::Char('A'), KeyModifiers::SHIFT), Key::ch('A'));
        assert_eq!(
            ev(KeyCode::Tab, KeyModifiers::SHIFT),
            Key::plain(KeyCode::BackTab)
        );
        assert_eq!(
            ev(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::plain(KeyCode::BackTab)
        );
    }

    #[test]
    fn printable_keys() {
        assert!(Key::ch('s').is_printable());
        assert!(Key::ch(' ').is_printable());
        assert!(Key::ch('?').is_printable());
        assert!(!Key::ctrl('s').is_printable());
        assert!(!Key::parse("Alt-x").expect("key").is_printable());
        assert!(!Key::plain(KeyCode::F(2)).is_printable());
        assert!(!Key::plain(KeyCode::Enter).is_printable());
    }
}
