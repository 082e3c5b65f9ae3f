//! Keys become named actions here, at the edge.
//!
//! The default bindings are the contract of `DESIGN.md`; the config file's
//! `[keymap]` table can replace the keys of any action by its name
//! (`"card.reload" = ["F5", "Ctrl-R"]`). The footer hints and the help screen
//! are generated from the same table, so they never lie.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. An event is looked up in the current scope, then
/// in `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    /// The lookup screen's text field.
    Lookup,
    /// The lookup screen's list of recent clients.
    LookupList,
    Card,
    Form,
    Picker,
    Dialog,
    Confirm,
    /// The help popup (scrolling).
    Help,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Lookup => "lookup",
            Self::LookupList => "recent",
            Self::Card => "card",
            Self::Form => "form",
            Self::Picker => "picker",
            Self::Dialog => "dialog",
            Self::Confirm => "confirm",
            Self::Help => "help",
        }
    }
}

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Help,
    Back,
    Quit,
    Open,
    NewClient,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Section(u8),
    NextSection,
    PrevSection,
    Edit,
    Add,
    Delete,
    Reload,
    NextField,
    PrevField,
    OpenPicker,
    AcceptSuggestion,
    Save,
    Choose,
    Rename,
    Yes,
    No,
}

impl Action {
    fn name(self) -> String {
        match self {
            Self::Section(n) => format!("section{n}"),
            other => {
                let debug = format!("{other:?}");
                let mut name = String::new();
                for (i, c) in debug.chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        name.push('_');
                    }
                    name.push(c.to_ascii_lowercase());
                }
                name
            }
        }
    }
}

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
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
            }
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        if code == KeyCode::BackTab {
            mods = KeyModifiers::NONE;
        }
        Self { code, mods }
    }

    /// Parses `Ctrl-S`, `Alt-x`, `F5`, `Enter`, `Shift-Tab`, `a`, `?`, …
    pub fn parse(text: &str) -> Option<Self> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_lowercase();
            if let Some(r) = strip_mod(&lower, rest, "ctrl") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = strip_mod(&lower, rest, "alt") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = strip_mod(&lower, rest, "shift") {
                if r.eq_ignore_ascii_case("tab") {
                    return Some(Self::plain(KeyCode::BackTab));
                }
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest.to_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "insert" | "ins" => KeyCode::Insert,
            "delete" | "del" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
        };
        if matches!(code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Some(Self { code, mods })
    }
}

fn strip_mod<'a>(lower: &str, original: &'a str, name: &str) -> Option<&'a str> {
    let rest = lower.strip_prefix(name)?;
    let sep = rest.chars().next()?;
    if sep == '-' || sep == '+' {
        Some(&original[name.len() + 1..])
    } else {
        None
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
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The Latin letter on the same key of a US layout as a Russian ЙЦУКЕН
/// letter, so that shortcuts answer in both layouts (`ф` → `a`).
pub fn latin_twin(c: char) -> Option<char> {
    const RU: &str = "йцукенгшщзхъфывапролджэячсмитьбю.ё";
    const EN: &str = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`";
    let lower = c.to_lowercase().next().unwrap_or(c);
    let at = RU.chars().position(|r| r == lower)?;
    let latin = EN.chars().nth(at)?;
    Some(if c.is_uppercase() {
        latin.to_ascii_uppercase()
    } else {
        latin
    })
}

/// One binding: an action of a scope and the keys that trigger it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub action: Action,
    pub keys: Vec<Key>,
}

impl Binding {
    /// The name used in the config file: `card.reload`.
    pub fn name(&self) -> String {
        format!("{}.{}", self.scope.name(), self.action.name())
    }

    /// The keys as shown to the operator: `Enter/F4`.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A problem with the config's `[keymap]` table; the default stays in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapWarning {
    UnknownAction(String),
    BadKey { action: String, key: String },
}

/// All bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        use Scope as S;
        let p = Key::plain;
        let b = |scope, action, keys: &[Key]| Binding {
            scope,
            action,
            keys: keys.to_vec(),
        };
        let bindings = vec![
            b(S::Lookup, A::Open, &[p(K::Enter)]),
            b(S::Lookup, A::Down, &[p(K::Down)]),
            b(S::Lookup, A::NewClient, &[p(K::Insert), Key::ctrl('n')]),
            b(S::LookupList, A::Open, &[p(K::Enter)]),
            b(S::LookupList, A::Up, &[p(K::Up)]),
            b(S::LookupList, A::Down, &[p(K::Down)]),
            b(S::LookupList, A::PageUp, &[p(K::PageUp)]),
            b(S::LookupList, A::PageDown, &[p(K::PageDown)]),
            b(S::LookupList, A::NewClient, &[p(K::Insert), Key::ctrl('n')]),
            b(S::LookupList, A::Help, &[Key::ch('?')]),
            b(S::Card, A::Section(1), &[Key::ch('1')]),
            b(S::Card, A::Section(2), &[Key::ch('2')]),
            b(S::Card, A::Section(3), &[Key::ch('3')]),
            b(S::Card, A::Section(4), &[Key::ch('4')]),
            b(S::Card, A::Section(5), &[Key::ch('5')]),
            b(S::Card, A::NextSection, &[p(K::Tab)]),
            b(S::Card, A::PrevSection, &[p(K::BackTab)]),
            b(S::Card, A::Up, &[p(K::Up)]),
            b(S::Card, A::Down, &[p(K::Down)]),
            b(S::Card, A::Edit, &[p(K::Enter), p(K::F(4))]),
            b(S::Card, A::Add, &[p(K::Insert), Key::ch('a')]),
            b(S::Card, A::Delete, &[p(K::Delete), Key::ch('d')]),
            b(S::Card, A::Reload, &[p(K::F(5))]),
            b(S::Card, A::Help, &[Key::ch('?')]),
            b(S::Form, A::NextField, &[p(K::Tab), p(K::Down)]),
            b(S::Form, A::PrevField, &[p(K::BackTab), p(K::Up)]),
            b(S::Form, A::OpenPicker, &[p(K::Enter), p(K::F(4))]),
            b(S::Form, A::Save, &[Key::ctrl('s'), p(K::F(2))]),
            b(S::Form, A::AcceptSuggestion, &[p(K::F(3))]),
            // On a listed contact or address of a new client; in a text field
            // Delete deletes a character.
            b(S::Form, A::Delete, &[p(K::Delete)]),
            // Outside text fields only: on a text field `?` is typed.
            b(S::Form, A::Help, &[Key::ch('?')]),
            b(S::Picker, A::Choose, &[p(K::Enter)]),
            b(S::Picker, A::Up, &[p(K::Up)]),
            b(S::Picker, A::Down, &[p(K::Down)]),
            b(S::Picker, A::PageUp, &[p(K::PageUp)]),
            b(S::Picker, A::PageDown, &[p(K::PageDown)]),
            b(S::Picker, A::Home, &[p(K::Home)]),
            b(S::Picker, A::End, &[p(K::End)]),
            b(S::Picker, A::Add, &[p(K::Insert)]),
            b(S::Picker, A::Rename, &[p(K::F(2))]),
            b(S::Picker, A::Delete, &[p(K::Delete)]),
            b(S::Dialog, A::NextField, &[p(K::Tab), p(K::Down)]),
            b(S::Dialog, A::PrevField, &[p(K::BackTab), p(K::Up)]),
            b(
                S::Dialog,
                A::Save,
                &[Key::ctrl('s'), p(K::F(2)), p(K::Enter)],
            ),
            b(S::Confirm, A::Yes, &[p(K::Enter), Key::ch('y')]),
            b(S::Confirm, A::No, &[p(K::Esc), Key::ch('n')]),
            b(S::Help, A::Up, &[p(K::Up)]),
            b(S::Help, A::Down, &[p(K::Down)]),
            b(S::Help, A::PageUp, &[p(K::PageUp)]),
            b(S::Help, A::PageDown, &[p(K::PageDown)]),
            // `?` opens help over a message and closes it again, like F1.
            b(S::Help, A::Help, &[Key::ch('?')]),
            b(S::Global, A::Help, &[p(K::F(1))]),
            b(S::Global, A::Back, &[p(K::Esc)]),
            b(S::Global, A::Quit, &[Key::ctrl('q')]),
        ];
        Self { bindings }
    }
}

impl Keymap {
    /// The defaults with the config's overrides applied.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (Self, Vec<KeymapWarning>) {
        let mut keymap = Self::default();
        let mut warnings = Vec::new();
        for (name, keys) in overrides {
            let Some(index) = keymap.bindings.iter().position(|b| &b.name() == name) else {
                warnings.push(KeymapWarning::UnknownAction(name.clone()));
                continue;
            };
            let mut parsed = Vec::new();
            for key in keys {
                match Key::parse(key) {
                    Some(k) => parsed.push(k),
                    None => warnings.push(KeymapWarning::BadKey {
                        action: name.clone(),
                        key: key.clone(),
                    }),
                }
            }
            if !parsed.is_empty() {
                keymap.bindings[index].keys = parsed;
            }
        }
        (keymap, warnings)
    }

    /// The action `event` asks for in `scope` (then in `Global`). Letters
    /// answer in the Russian layout too.
    pub fn action(&self, scope: Scope, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let twin = match key.code {
            KeyCode::Char(c) => latin_twin(c).map(|l| Key {
                code: KeyCode::Char(l),
                mods: key.mods,
            }),
            _ => None,
        };
        [scope, Scope::Global].into_iter().find_map(|s| {
            self.find(s, key)
                .or_else(|| twin.and_then(|t| self.find(s, t)))
        })
    }

    fn find(&self, scope: Scope, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The bindings of a scope, in the table's order.
    pub fn scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The keys of an action in a scope, as shown (`Ctrl-S/F2`), or "".
    pub fn keys_of(&self, scope: Scope, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.action == action)
            .map(Binding::keys_label)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_follow_the_design_table() {
        let k = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            k.action(Scope::Card, &ev(KeyCode::F(5), none)),
            Some(Action::Reload)
        );
        assert_eq!(
            k.action(Scope::Card, &ev(KeyCode::Char('3'), none)),
            Some(Action::Section(3))
        );
        assert_eq!(
            k.action(Scope::Card, &ev(KeyCode::Esc, none)),
            Some(Action::Back)
        );
        let ctrl_s = ev(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Scope::Form, &ctrl_s), Some(Action::Save));
        let ctrl_q = ev(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Scope::Picker, &ctrl_q), Some(Action::Quit));
        let shift_tab = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(k.action(Scope::Card, &shift_tab), Some(Action::PrevSection));
        // Letters are text in a form: no binding.
        assert_eq!(k.action(Scope::Form, &ev(KeyCode::Char('a'), none)), None);
    }

    #[test]
    fn russian_layout_twins() {
        let k = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            k.action(Scope::Card, &ev(KeyCode::Char('ф'), none)),
            Some(Action::Add)
        );
        assert_eq!(
            k.action(Scope::Card, &ev(KeyCode::Char('в'), none)),
            Some(Action::Delete)
        );
        assert_eq!(
            k.action(Scope::Confirm, &ev(KeyCode::Char('н'), none)),
            Some(Action::Yes)
        );
        assert_eq!(
            k.action(Scope::Confirm, &ev(KeyCode::Char('т'), none)),
            Some(Action::No)
        );
        let ctrl_ru_s = ev(KeyCode::Char('ы'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Scope::Form, &ctrl_ru_s), Some(Action::Save));
        assert_eq!(k.action(Scope::Card, &ev(KeyCode::Char(','), none)), None);
        assert_eq!(latin_twin('Ф'), Some('A'));
    }

    #[test]
    fn parses_and_shows_keys() {
        for text in [
            "Ctrl-S",
            "F5",
            "Enter",
            "a",
            "Shift-Tab",
            "PgDn",
            "Alt-x",
            "?",
        ] {
            let key = Key::parse(text).expect(text);
            assert_eq!(Key::parse(&key.to_string()), Some(key), "{text}");
        }
        assert_eq!(Key::parse("ctrl+r"), Some(Key::ctrl('r')));
        assert_eq!(Key::parse("Ctrl-"), None);
        assert_eq!(Key::parse("Hyper-x"), None);
        assert_eq!(Key::parse("F"), Some(Key::ch('F')));
    }

    #[test]
    fn overrides_replace_keys_and_report_mistakes() {
        let mut o = BTreeMap::new();
        o.insert(
            "card.reload".to_owned(),
            vec!["Ctrl-R".to_owned(), "F5".to_owned()],
        );
        o.insert("card.relaod".to_owned(), vec!["F6".to_owned()]);
        o.insert("card.add".to_owned(), vec!["Hyper-x".to_owned()]);
        let (k, warnings) = Keymap::with_overrides(&o);
        let ctrl_r = ev(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Scope::Card, &ctrl_r), Some(Action::Reload));
        assert_eq!(warnings.len(), 2);
        // A bad key leaves the default in force.
        assert_eq!(k.keys_of(Scope::Card, Action::Add), "Ins/a");
        assert_eq!(k.keys_of(Scope::Card, Action::Reload), "Ctrl-R/F5");
    }

    #[test]
    fn binding_names() {
        let k = Keymap::default();
        let names: Vec<String> = k.scope(Scope::Card).map(Binding::name).collect();
        assert!(names.contains(&"card.section1".to_owned()));
        assert!(names.contains(&"card.next_section".to_owned()));
        assert!(names.contains(&"card.reload".to_owned()));
    }
}
