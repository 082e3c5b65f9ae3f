//! Which field of a form.

/// Every field of every form, in the DESIGN's order within each form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldId {
    Lastname,
    Firstname,
    Middlename,
    Birthday,
    Note,
    ContactType,
    ContactValue,
    /// «Адрес одной строкой»: the address as heard, split into the fields
    /// on Enter (`super::line`); never sent.
    AddressLine,
    AddressType,
    Country,
    City,
    Street,
    House,
    Building,
    Entry,
    Floor,
    Apartments,
    EntryCode,
    Metro,
    Zip,
    Region,
    DopInfo,
}

impl FieldId {
    /// The longest text the field takes (the CRM's limits are not
    /// documented; these are generous and stop obvious accidents).
    pub fn max_len(self) -> usize {
        match self {
            Self::Note | Self::DopInfo => 1000,
            Self::AddressLine => 200,
            Self::ContactValue => 100,
            Self::Lastname | Self::Firstname | Self::Middlename | Self::Region => 100,
            Self::Zip => 10,
            _ => 30,
        }
    }
}
