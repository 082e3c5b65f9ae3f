//! Keys as terminals send them, read as the operator typed them.
//!
//! A terminal sends Alt-letter as Esc followed by the letter, so an Esc and
//! a letter typed quickly (or arriving together over a slow link) come as
//! one Alt-letter. Where `[keymap]` gives that Alt-letter an action it is
//! that action; where nothing does, it is what the operator typed: Esc,
//! then the letter (never both dropped).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keymap::{Keymap, Scope};

/// Esc and the plain letter, when `key` is an Alt-letter that nothing in
/// `scope` (or globally) is bound to.
pub(super) fn unbound_alt_letter(
    key: &KeyEvent,
    keymap: &Keymap,
    scope: Scope,
) -> Option<[KeyEvent; 2]> {
    let KeyCode::Char(c) = key.code else {
        return None;
    };
    let alt_only = key.modifiers.contains(KeyModifiers::ALT)
        && (KeyModifiers::ALT | KeyModifiers::SHIFT).contains(key.modifiers);
    if !alt_only || c.is_control() || keymap.action(scope, key).is_some() {
        return None;
    }
    let mut esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    esc.kind = key.kind;
    let mut letter = *key;
    letter.modifiers.remove(KeyModifiers::ALT);
    Some([esc, letter])
}
