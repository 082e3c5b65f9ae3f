//! Keys become named actions here, at the edge.
//!
//! The default bindings are the contract of `DESIGN.md`; the config file's
//! `[keymap]` table can replace the keys of any action by its name
//! (`"card.reload" = ["F5", "Ctrl-R"]`, see [`overrides`]). The footer hints
//! and the help screen are generated from the same table, so they never lie.
//! The names are written out here, not derived from the enums, so that
//! renaming a variant cannot rename a config key.

mod key;
mod overrides;

pub use key::Key;
pub use overrides::KeymapWarning;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

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
    /// The calls screen (the call log).
    Calls,
}

impl Scope {
    /// The scope's part of a config name: `card` in `card.reload`.
    pub fn name(self) -> &'static str {
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
            Self::Calls => "calls",
        }
    }

    /// Whether a text field may have the focus while this scope's keys are
    /// looked up (`Global` is looked up everywhere, text fields included).
    pub(crate) fn has_text_field(self) -> bool {
        matches!(
            self,
            Self::Global | Self::Lookup | Self::Form | Self::Picker | Self::Dialog
        )
    }

    /// Whether both scopes' keys are looked up for one event.
    pub(crate) fn active_with(self, other: Scope) -> bool {
        self == other || self == Self::Global || other == Self::Global
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
    /// Take the incoming call waiting longest (open its card).
    TakeCall,
    /// The list of waiting calls, to take any one.
    WaitingCalls,
    /// The calls screen (the call log).
    CallLog,
    /// The list of drafts (forms parked for calls, or left by a run).
    Drafts,
    /// The calls screen: only the missed calls not called back, or all.
    MissedOnly,
    /// The calls screen: mark the missed call as called back.
    CalledBack,
    Copy,
    /// Call the selected phone back from the operator's own phone.
    CallBack,
}

impl Action {
    /// The action's part of a config name: `reload` in `card.reload`.
    pub fn name(self) -> String {
        let name = match self {
            Self::Section(n) => return format!("section{n}"),
            Self::Help => "help",
            Self::Back => "back",
            Self::Quit => "quit",
            Self::Open => "open",
            Self::NewClient => "new_client",
            Self::Up => "up",
            Self::Down => "down",
            Self::PageUp => "page_up",
            Self::PageDown => "page_down",
            Self::Home => "home",
            Self::End => "end",
            Self::NextSection => "next_section",
            Self::PrevSection => "prev_section",
            Self::Edit => "edit",
            Self::Add => "add",
            Self::Delete => "delete",
            Self::Reload => "reload",
            Self::NextField => "next_field",
            Self::PrevField => "prev_field",
            Self::OpenPicker => "open_picker",
            Self::AcceptSuggestion => "accept_suggestion",
            Self::Save => "save",
            Self::Choose => "choose",
            Self::Rename => "rename",
            Self::Yes => "yes",
            Self::No => "no",
            Self::TakeCall => "take_call",
            Self::WaitingCalls => "waiting_calls",
            Self::CallLog => "call_log",
            Self::Drafts => "drafts",
            Self::MissedOnly => "missed_only",
            Self::CalledBack => "called_back",
            Self::Copy => "copy",
            Self::CallBack => "call_back",
        };
        name.to_owned()
    }
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
    pub(crate) fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
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
            // `c` (`с` in the Russian layout): the selected row to the clipboard.
            b(S::Card, A::Copy, &[Key::ch('c')]),
            // `p` (`з` in the Russian layout): dial the selected phone.
            b(S::Card, A::CallBack, &[Key::ch('p')]),
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
            // Esc is the global back: it closes a question without an
            // answer (for most questions the same as no).
            b(S::Confirm, A::No, &[Key::ch('n')]),
            b(S::Help, A::Up, &[p(K::Up)]),
            b(S::Help, A::Down, &[p(K::Down)]),
            b(S::Help, A::PageUp, &[p(K::PageUp)]),
            b(S::Help, A::PageDown, &[p(K::PageDown)]),
            // `?` opens help over a message and closes it again, like F1.
            b(S::Help, A::Help, &[Key::ch('?')]),
            b(S::Global, A::Help, &[p(K::F(1))]),
            b(S::Global, A::Back, &[p(K::Esc)]),
            // Ctrl-C quits the same way (in raw mode it is a key, not SIGINT).
            b(S::Global, A::Quit, &[Key::ctrl('q'), Key::ctrl('c')]),
            b(S::Global, A::TakeCall, &[p(K::F(9))]),
            b(S::Global, A::WaitingCalls, &[p(K::F(8))]),
            b(S::Global, A::CallLog, &[p(K::F(7))]),
            b(S::Global, A::Drafts, &[p(K::F(6))]),
            b(S::Calls, A::Open, &[p(K::Enter)]),
            b(S::Calls, A::Up, &[p(K::Up)]),
            b(S::Calls, A::Down, &[p(K::Down)]),
            b(S::Calls, A::PageUp, &[p(K::PageUp)]),
            b(S::Calls, A::PageDown, &[p(K::PageDown)]),
            b(S::Calls, A::Home, &[p(K::Home)]),
            b(S::Calls, A::End, &[p(K::End)]),
            // `m` (`ь`): missed only; `b` (`и`): called back.
            b(S::Calls, A::MissedOnly, &[Key::ch('m')]),
            b(S::Calls, A::CalledBack, &[Key::ch('b')]),
            // `p` (`з`): dial the number, as on a card's phone.
            b(S::Calls, A::CallBack, &[Key::ch('p')]),
            b(S::Calls, A::Reload, &[p(K::F(5))]),
            b(S::Calls, A::Help, &[Key::ch('?')]),
        ];
        Self { bindings }
    }
}

impl Keymap {
    /// The action `event` asks for in `scope` (then in `Global`). Letters
    /// answer in the Russian layout too.
    pub fn action(&self, scope: Scope, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let twin = match key.code {
            KeyCode::Char(c) => crate::layout::latin_key(c).map(|l| Key {
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
    pub(crate) fn scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The keys of an action in a scope, as shown (`Ctrl-S/F2`), or "".
    pub(crate) fn keys_of(&self, scope: Scope, action: Action) -> String {
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
    use ratatui::crossterm::event::KeyModifiers;

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
    }

    #[test]
    fn every_config_name_is_pinned() {
        // These are the config file's keys: a change here breaks operators'
        // config files, so it must be deliberate.
        let names: Vec<String> = Keymap::default()
            .bindings
            .iter()
            .map(Binding::name)
            .collect();
        assert_eq!(
            names.join(" "),
            "lookup.open lookup.down lookup.new_client recent.open recent.up recent.down \
             recent.page_up recent.page_down recent.new_client recent.help card.section1 \
             card.section2 card.section3 card.section4 card.section5 card.next_section \
             card.prev_section card.up card.down card.edit card.add card.delete card.reload \
             card.copy card.call_back card.help form.next_field form.prev_field form.open_picker form.save \
             form.accept_suggestion form.delete form.help picker.choose picker.up picker.down \
             picker.page_up picker.page_down picker.home picker.end picker.add picker.rename \
             picker.delete dialog.next_field dialog.prev_field dialog.save confirm.yes \
             confirm.no help.up help.down help.page_up help.page_down help.help \
             global.help global.back global.quit global.take_call \
             global.waiting_calls global.call_log global.drafts calls.open calls.up calls.down calls.page_up \
             calls.page_down calls.home calls.end calls.missed_only calls.called_back calls.call_back \
             calls.reload calls.help"
        );
    }

    #[test]
    fn the_defaults_have_no_conflicts() {
        let k = Keymap::default();
        for (i, a) in k.bindings.iter().enumerate() {
            for b in &k.bindings[i + 1..] {
                if a.scope == b.scope {
                    assert!(
                        a.keys.iter().all(|key| !b.keys.contains(key)),
                        "{} and {}",
                        a.name(),
                        b.name()
                    );
                }
            }
        }
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
