//! Who has a client's form open at the other desks, and who saved that
//! client since this desk opened its form: the words the shared directory
//! (`crate::shared::presence`) and the app (`crate::app`) both use.
//!
//! Plain data: times are unix seconds by the database server's clock;
//! every text here came from the database and is already cleaned of
//! control characters.

/// The part of a card a form edits, as the presence row names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditedPart {
    /// The client's name, birthday, note.
    MainData,
    Contacts,
    Addresses,
    /// A word a newer crmcard wrote.
    Other,
}

impl EditedPart {
    /// The word stored in the `presence` table.
    pub(crate) fn as_word(self) -> &'static str {
        match self {
            Self::MainData => "main_data",
            Self::Contacts => "contacts",
            Self::Addresses => "addresses",
            Self::Other => "other",
        }
    }

    /// The part a stored word names ([`Self::Other`] for an unknown one).
    pub(crate) fn from_word(word: &str) -> Self {
        match word {
            "main_data" => Self::MainData,
            "contacts" => Self::Contacts,
            "addresses" => Self::Addresses,
            _ => Self::Other,
        }
    }
}

/// What this desk has open, for the other desks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watching {
    /// The client whose card or form is on the screen: the other desks'
    /// forms on it are shown.
    pub shown: Option<String>,
    /// The form open on a client, if any: written as this desk's presence.
    pub editing: Option<(String, EditedPart)>,
}

/// Another desk's form on a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub desk: String,
    pub operator: String,
    pub part: EditedPart,
    /// Since when (unix seconds, server clock).
    pub since: i64,
}

/// Another desk's save of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherSave {
    pub desk: String,
    pub operator: String,
    /// When (unix seconds, server clock).
    pub at: i64,
}

/// Where a desk's presence goes (the shared directory's engine); the
/// executor hands it what `app` asks.
pub trait PresenceSink: Send + Sync + std::fmt::Debug {
    /// This desk now has `watching` open.
    fn watch(&self, watching: Watching);
    /// This desk saved client `client_id` in the CRM just now.
    fn saved(&self, client_id: String);
}

/// What the shared directory says about the client on this desk's screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence {
    pub client_id: String,
    /// The other desks' forms open on it, oldest first.
    pub editors: Vec<Editor>,
    /// The newest save of it by another desk after this desk's form on it
    /// was opened (none without a form on it).
    pub saved_since_opened: Option<OtherSave>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_stored_as_a_word_and_read_back() {
        for part in [
            EditedPart::MainData,
            EditedPart::Contacts,
            EditedPart::Addresses,
        ] {
            assert_eq!(EditedPart::from_word(part.as_word()), part);
        }
        assert_eq!(EditedPart::from_word("loyalty_cards"), EditedPart::Other);
    }
}
