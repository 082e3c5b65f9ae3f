//! Popups: one stack at the root of the app; the top one gets the keys.

use super::command::Command;
use super::dialog::DialogState;
use super::picker::PickerState;
use crate::i18n::ErrorText;

/// One popup.
#[derive(Debug)]
pub enum Popup {
    /// A list to choose from, over a form.
    Picker(Box<PickerState>),
    /// Add, rename or edit a city or street, over a picker.
    Dialog(Box<DialogState>),
    /// Every key of the screen underneath.
    Help { scroll: u16 },
    /// A message to read and close.
    Message(Message),
    /// A yes/no question; `yes` runs on Enter or `y`.
    Confirm { question: String, yes: Command },
}

/// A message popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub title: String,
    pub lines: Vec<String>,
    pub is_error: bool,
}

impl Message {
    pub fn info(title: impl Into<String>, lines: Vec<String>) -> Self {
        Self {
            title: title.into(),
            lines,
            is_error: false,
        }
    }

    /// An API error, as the operator should read it.
    pub fn error(text: &ErrorText, request_label: &str) -> Self {
        let mut lines = vec![text.advice.clone()];
        lines.extend(text.details.iter().cloned());
        if let Some(id) = &text.request_id {
            lines.push(format!("{request_label}: {id}"));
        }
        Self {
            title: text.title.clone(),
            lines,
            is_error: true,
        }
    }
}
