//! What a handler asks the app to do: one type for every key and every
//! answer, the navigation in it. Effects are data in `Ctx::effects` and
//! notices go through `Ctx::notify`; everything else a handler wants done
//! leaves it as an [`Outcome`], which `update` carries out in one place
//! (`app/apply.rs`).

use super::Screen;
use super::calllog::LoggedCall;
use super::draft::record::Draft;
use super::form::field::Field;
use super::popup::Popup;
use super::vocab::{CallId, Choice, Command, PickerTarget, Section};
use crate::api::model::ClientCard;

/// What a key or an answer asks the app to do.
#[derive(Debug)]
pub enum Outcome {
    /// The key was not the handler's: the global keys (help, quit) apply.
    NotTaken,
    /// Taken (or answered); nothing more for the app to do.
    Taken,
    /// The popup on top closes.
    ClosePopup,
    /// A popup opens on top.
    Open(Popup),
    /// A question's answer, run by the picker or screen under it.
    Run(Command),
    /// A picker (or a dialog's new entry) chose something for the form.
    Chosen(PickerTarget, Choice),
    /// A city or street was renamed from a picker.
    Renamed(PickerTarget, Choice),
    /// A city or street was deleted from a picker.
    Removed(PickerTarget, String),
    /// Take a waiting call: the one named (from the waiting list, which
    /// closes), or the first.
    TakeCall(Option<CallId>),
    /// Go where a call of the log leads.
    FollowCall(Box<LoggedCall>),
    /// Reopen a draft from the start-up list (which closes).
    TakeDraft(Box<Draft>),
    /// Move between screens.
    Go(Nav),
}

impl Outcome {
    /// `Taken` when `taken`, else `NotTaken`.
    pub fn taken_if(taken: bool) -> Self {
        if taken { Self::Taken } else { Self::NotTaken }
    }
}

/// Where a screen asks to go.
#[derive(Debug, Clone)]
pub enum Nav {
    Push(Screen),
    /// Replace the screen that asked.
    Replace(Screen),
    /// The screen that asked closes.
    Pop,
    /// The screen that asked closes and hands its result to the one below.
    PopDeliver(Delivery),
}

/// A result a closing form hands to the screen below it.
#[derive(Debug, Clone)]
pub enum Delivery {
    /// A write answered with the card: show it on the card screen.
    Card {
        card: Box<ClientCard>,
        section: Section,
    },
    /// A contact of the new client being made.
    DraftContact {
        index: Option<usize>,
        fields: Vec<Field>,
    },
    /// An address of the new client being made.
    DraftAddress {
        index: Option<usize>,
        fields: Vec<Field>,
    },
}
