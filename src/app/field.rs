//! A one-line text field: tui-input with control characters kept out.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use crate::text::sanitize;

/// A text field. Whatever is typed or pasted, no control character gets in.
#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
}

impl TextField {
    /// A field holding `value`, with the cursor at its end.
    pub fn with_value(value: &str) -> Self {
        Self {
            input: Input::new(sanitize(value)),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.visual_cursor()
    }

    /// The first visible column for a field `width` cells wide.
    pub fn scroll(&self, width: usize) -> usize {
        self.input.visual_scroll(width)
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }

    pub fn set(&mut self, value: &str) {
        self.input = Input::new(sanitize(value));
    }

    /// Edits the field with a key; returns whether the key was an edit key
    /// (typed text, deletion, cursor movement).
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        match to_input_request(&Event::Key(*key)) {
            Some(InputRequest::InsertChar(c)) if c.is_control() => true,
            Some(request) => {
                self.input.handle(request);
                true
            }
            None => false,
        }
    }

    /// Inserts pasted text at the cursor, cleaned of control characters.
    pub fn paste(&mut self, text: &str) {
        for c in sanitize(text).chars() {
            self.input.handle(InputRequest::InsertChar(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn types_and_deletes() {
        let mut f = TextField::default();
        for c in "Ёжик".chars() {
            assert!(f.handle_key(&key(KeyCode::Char(c))));
        }
        assert!(f.handle_key(&key(KeyCode::Backspace)));
        assert_eq!(f.value(), "Ёжи");
        assert_eq!(f.cursor(), 3);
        assert!(!f.handle_key(&key(KeyCode::Enter)));
    }

    #[test]
    fn paste_drops_control_characters() {
        let mut f = TextField::with_value("a");
        f.paste("b\x1b[2Jc\nd");
        assert_eq!(f.value(), "abc d");
    }
}
