//! An entry chosen from a list (a picker's row, a form's choice field).

/// An entry chosen in a picker.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub id: String,
    pub name: String,
    /// A street's postcode.
    pub extra: String,
}
