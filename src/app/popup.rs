//! Popups: one stack at the root of the app; the top one gets the keys.
//!
//! Questions and notices are typed data (`super::vocab::{Confirm, Notice}`):
//! what happened and the values it is about. `i18n` turns them into words
//! and `ui` draws them, so nothing here is text the operator reads.

use super::dialog::DialogState;
use super::draft::record::DraftOffer;
use super::picker::PickerState;
use super::vocab::{Confirm, Notice};

/// One popup.
#[derive(Debug)]
pub enum Popup {
    /// A list to choose from, over a form.
    Picker(Box<PickerState>),
    /// Add, rename or edit a city or street, over a picker.
    Dialog(Box<DialogState>),
    /// Every key of the screen underneath; `scroll` is kept within the text
    /// by the drawing side (see [`super::App::help_scrolled`]).
    Help { scroll: u16 },
    /// A message to read and close.
    Message(Notice),
    /// A yes/no question; its [`Confirm::yes`] runs on Enter or `y` (only
    /// on the Yes letter for a [`Confirm::is_risky`] one).
    Confirm(Confirm),
    /// The drafts left by an earlier run, offered at start.
    Drafts(DraftOffer),
    /// The calls waiting, to take any one.
    Waiting(WaitingList),
}

/// The waiting list: which call is chosen (an index into the queue, kept
/// within it as calls come and go).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WaitingList {
    pub selected: usize,
}
