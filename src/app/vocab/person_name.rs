//! A client's name, as the card holds it.

use crate::api::model::ClientCard;

/// A client's name as the card holds it (drawn by `present::person_name`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct PersonName {
    pub lastname: String,
    pub firstname: String,
    pub middlename: String,
}

impl PersonName {
    pub fn of(card: &ClientCard) -> Self {
        Self {
            lastname: card.lastname.clone(),
            firstname: card.firstname.clone(),
            middlename: card.middlename.clone(),
        }
    }

    /// The name of a client of the directory.
    pub fn of_entry(entry: &crate::directory::DirEntry) -> Self {
        Self {
            lastname: entry.lastname.clone(),
            firstname: entry.firstname.clone(),
            middlename: entry.middlename.clone(),
        }
    }
}
