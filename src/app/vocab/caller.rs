//! A client of the directory whose number is the caller's.

use serde::{Deserialize, Serialize};

use super::person_name::PersonName;

/// A client of the directory with the caller's number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub id: String,
    pub name: PersonName,
}
