//! The config's `[keymap]` table applied to the defaults, and what is
//! refused.
//!
//! An action's keys are replaced whole, or not at all: a key name that is
//! not understood (`F99`), a key that types text for an action looked up
//! while a text field has the focus (`form.save = ["s"]` would eat the "s"
//! of "Sasha"), or a key that another action active at the same time has
//! (`card.edit` and `card.delete` both on `x`, `global.quit = ["Esc"]`)
//! leaves the default keys of that action in force, with a warning naming
//! the config line.

use std::collections::BTreeMap;

use super::{Binding, Key, Keymap};

/// A problem with the config's `[keymap]` table; the action keeps its
/// default keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapWarning {
    /// No action has this name.
    UnknownAction(String),
    /// A key name that is not understood (`F99`, `Hyper-x`, or no key).
    BadKey { action: String, key: String },
    /// A key that types text, for an action looked up while a text field
    /// has the focus.
    Printable { action: String, key: String },
    /// A key that `other`, looked up at the same time, has too.
    Conflict {
        action: String,
        key: String,
        other: String,
    },
}

impl KeymapWarning {
    /// The config line refused: `keymap."form.save"`.
    pub fn line(&self) -> String {
        let action = match self {
            Self::UnknownAction(action)
            | Self::BadKey { action, .. }
            | Self::Printable { action, .. }
            | Self::Conflict { action, .. } => action,
        };
        format!("keymap.{action:?}")
    }
}

impl Keymap {
    /// The defaults with the config's overrides applied, and what was
    /// refused (see the module notes).
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (Self, Vec<KeymapWarning>) {
        let defaults = Self::default();
        let mut keymap = defaults.clone();
        let mut overridden = vec![false; keymap.bindings.len()];
        let mut warnings = Vec::new();
        for (name, keys) in overrides {
            let Some(index) = defaults.bindings.iter().position(|b| &b.name() == name) else {
                warnings.push(KeymapWarning::UnknownAction(name.clone()));
                continue;
            };
            match parse_keys(&defaults.bindings[index], keys) {
                Ok(keys) => {
                    keymap.bindings[index].keys = keys;
                    overridden[index] = true;
                }
                Err(warning) => warnings.push(warning),
            }
        }
        // Each round puts one action back to its defaults, which have no
        // conflicts: this ends.
        while let Some((loser, key, other)) = keymap.new_conflict(&defaults, &overridden) {
            warnings.push(KeymapWarning::Conflict {
                action: keymap.bindings[loser].name(),
                key: key.to_string(),
                other: keymap.bindings[other].name(),
            });
            keymap.bindings[loser].keys = defaults.bindings[loser].keys.clone();
            overridden[loser] = false;
        }
        (keymap, warnings)
    }

    /// A key two different actions looked up together both have, where at
    /// least one of them has it from the config: the index of the binding to
    /// put back (the overridden one; of two, the later name), the key, and
    /// the other binding's index. Conflicts within a scope come first.
    fn new_conflict(&self, defaults: &Keymap, overridden: &[bool]) -> Option<(usize, Key, usize)> {
        let b = &self.bindings;
        let pairs = (0..b.len()).flat_map(|i| (i + 1..b.len()).map(move |j| (i, j)));
        let same_scope = pairs.clone().filter(|&(i, j)| b[i].scope == b[j].scope);
        let across = pairs.filter(|&(i, j)| b[i].scope != b[j].scope);
        for (i, j) in same_scope.chain(across) {
            if !(overridden[i] || overridden[j])
                || b[i].action == b[j].action
                || !b[i].scope.active_with(b[j].scope)
            {
                continue;
            }
            let by_default = |key: &Key| {
                defaults.bindings[i].keys.contains(key) && defaults.bindings[j].keys.contains(key)
            };
            let Some(key) = b[i]
                .keys
                .iter()
                .find(|key| b[j].keys.contains(key) && !by_default(key))
            else {
                continue;
            };
            let i_loses = overridden[i] && (!overridden[j] || b[i].name() > b[j].name());
            return Some(if i_loses { (i, *key, j) } else { (j, *key, i) });
        }
        None
    }
}

/// The keys of one override, or why it is refused.
fn parse_keys(default: &Binding, keys: &[String]) -> Result<Vec<Key>, KeymapWarning> {
    let action = default.name();
    let mut parsed: Vec<Key> = Vec::new();
    for text in keys {
        let Some(key) = Key::parse(text) else {
            return Err(KeymapWarning::BadKey {
                action,
                key: text.clone(),
            });
        };
        if default.scope.has_text_field() && key.is_printable() && !default.keys.contains(&key) {
            return Err(KeymapWarning::Printable {
                action,
                key: text.clone(),
            });
        }
        if !parsed.contains(&key) {
            parsed.push(key);
        }
    }
    if parsed.is_empty() {
        return Err(KeymapWarning::BadKey {
            action,
            key: String::new(),
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::keymap::{Action, Scope};

    fn apply(lines: &[(&str, &[&str])]) -> (Keymap, Vec<KeymapWarning>) {
        let overrides = lines
            .iter()
            .map(|(name, keys)| {
                (
                    (*name).to_owned(),
                    keys.iter().map(|k| (*k).to_owned()).collect(),
                )
            })
            .collect();
        Keymap::with_overrides(&overrides)
    }

    fn press(k: &Keymap, scope: Scope, code: KeyCode) -> Option<Action> {
        k.action(scope, &KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn overrides_replace_keys() {
        let (k, warnings) = apply(&[("card.reload", &["Ctrl-R", "F5"])]);
        assert_eq!(warnings, []);
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Scope::Card, &ctrl_r), Some(Action::Reload));
        assert_eq!(k.keys_of(Scope::Card, Action::Reload), "Ctrl-R/F5");
        // Keys move between actions when the config moves both.
        let (k, warnings) = apply(&[("card.edit", &["d"]), ("card.delete", &["Enter"])]);
        assert_eq!(warnings, []);
        assert_eq!(
            press(&k, Scope::Card, KeyCode::Char('d')),
            Some(Action::Edit)
        );
        assert_eq!(press(&k, Scope::Card, KeyCode::Enter), Some(Action::Delete));
        // Letters are fine where no text field is.
        let (k, warnings) = apply(&[("card.edit", &["e", "Enter"])]);
        assert_eq!(warnings, []);
        assert_eq!(
            press(&k, Scope::Card, KeyCode::Char('e')),
            Some(Action::Edit)
        );
    }

    #[test]
    fn unknown_actions_and_key_names_are_refused() {
        let (k, warnings) = apply(&[
            ("card.relaod", &["F6"]),
            ("card.reload", &["F99"]),
            ("card.add", &["Ins", "Hyper-x"]),
            ("card.edit", &[]),
        ]);
        assert_eq!(
            warnings,
            [
                KeymapWarning::BadKey {
                    action: "card.add".into(),
                    key: "Hyper-x".into()
                },
                KeymapWarning::BadKey {
                    action: "card.edit".into(),
                    key: String::new()
                },
                KeymapWarning::UnknownAction("card.relaod".into()),
                KeymapWarning::BadKey {
                    action: "card.reload".into(),
                    key: "F99".into()
                },
            ]
        );
        // F99 does not take F5 away; every refused action keeps its defaults.
        assert_eq!(k.keys_of(Scope::Card, Action::Reload), "F5");
        assert_eq!(k.keys_of(Scope::Card, Action::Add), "Ins/a");
        assert_eq!(k.keys_of(Scope::Card, Action::Edit), "Enter/F4");
        assert_eq!(warnings[3].line(), "keymap.\"card.reload\"");
    }

    #[test]
    fn printable_keys_are_refused_where_text_is_typed() {
        for (name, key) in [
            ("form.save", "s"),
            ("lookup.new_client", "+"),
            ("picker.add", "a"),
            ("dialog.save", "Space"),
            ("global.quit", "q"),
        ] {
            let (k, warnings) = apply(&[(name, &[key, "F10"])]);
            assert_eq!(
                warnings,
                [KeymapWarning::Printable {
                    action: name.into(),
                    key: key.into()
                }],
                "{name}"
            );
            assert_eq!(press(&k, Scope::Form, KeyCode::F(10)), None, "{name}");
        }
        // Typing "Sasha" in a form types it.
        let (k, _) = apply(&[("form.save", &["s"])]);
        assert_eq!(press(&k, Scope::Form, KeyCode::Char('s')), None);
        assert_eq!(k.keys_of(Scope::Form, Action::Save), "Ctrl-S/F2");
        // Ctrl and Alt letters, and the action's own default, are fine.
        let (k, warnings) = apply(&[
            ("form.save", &["Alt-s", "Ctrl-S"]),
            ("form.help", &["?", "F12"]),
        ]);
        assert_eq!(warnings, []);
        assert_eq!(k.keys_of(Scope::Form, Action::Save), "Alt-s/Ctrl-S");
    }

    #[test]
    fn conflicts_within_a_scope_are_refused() {
        let (k, warnings) = apply(&[("card.edit", &["x"]), ("card.delete", &["x"])]);
        assert_eq!(
            warnings,
            [KeymapWarning::Conflict {
                action: "card.edit".into(),
                key: "x".into(),
                other: "card.delete".into()
            }]
        );
        assert_eq!(
            press(&k, Scope::Card, KeyCode::Char('x')),
            Some(Action::Delete)
        );
        assert_eq!(k.keys_of(Scope::Card, Action::Edit), "Enter/F4");
        // A key taken from a default that stays.
        let (k, warnings) = apply(&[("card.reload", &["a"])]);
        assert_eq!(
            warnings,
            [KeymapWarning::Conflict {
                action: "card.reload".into(),
                key: "a".into(),
                other: "card.add".into()
            }]
        );
        assert_eq!(k.keys_of(Scope::Card, Action::Reload), "F5");
        assert_eq!(warnings[0].line(), "keymap.\"card.reload\"");
    }

    #[test]
    fn conflicts_across_scopes_active_together_are_refused() {
        // Two meanings for Esc.
        let (k, warnings) = apply(&[("global.quit", &["Esc"])]);
        assert_eq!(
            warnings,
            [KeymapWarning::Conflict {
                action: "global.quit".into(),
                key: "Esc".into(),
                other: "global.back".into()
            }]
        );
        assert_eq!(press(&k, Scope::Card, KeyCode::Esc), Some(Action::Back));
        // A form key that would hide a global one.
        let (_, warnings) = apply(&[("form.save", &["F1"])]);
        assert_eq!(
            warnings,
            [KeymapWarning::Conflict {
                action: "form.save".into(),
                key: "F1".into(),
                other: "global.help".into()
            }]
        );
        // A global key that a lookup key would hide.
        let (k, warnings) = apply(&[("global.help", &["Ins"])]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(press(&k, Scope::Card, KeyCode::F(1)), Some(Action::Help));
        // Scopes never active together may share a key.
        let (_, warnings) = apply(&[("card.reload", &["F12"]), ("picker.rename", &["F12"])]);
        assert_eq!(warnings, []);
        // As may the defaults (Esc answers No in a confirmation).
        let (_, warnings) = apply(&[("global.back", &["Esc", "Backspace"])]);
        assert_eq!(warnings, []);
    }
}
