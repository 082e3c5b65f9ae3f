//! What the copy key puts into the clipboard, and the note the card shows.

use super::person_name::PersonName;
use crate::api::model::{Address, ClientId};

/// What is copied, as data: `present::clip_text` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clip {
    /// "Фамилия Имя Отчество, код 100…".
    Client { name: PersonName, id: ClientId },
    /// A contact's value (a phone as it is stored).
    Contact { value: String },
    /// An address's read-back line.
    Address(Box<Address>),
}

/// The short note the card shows after the copy key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyNote {
    /// Sent to the terminal's clipboard: the client, a contact or an address.
    Copied(CopyWhat),
    /// `[ui] copy = false`: nothing was copied.
    Off,
    /// The section has nothing to copy (accounts, cards, an empty list).
    Nothing,
}

/// Which kind of thing was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    Client,
    Contact,
    Address,
}
