//! Which list a picker chooses from, and the field it fills.

use super::field_id::FieldId;

/// Which list a picker field chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PickerTarget {
    ContactType,
    AddressType,
    Country,
    City,
    Street,
    Metro,
}

impl FieldId {
    /// The picker of a picker field.
    pub fn picker(self) -> Option<PickerTarget> {
        Some(match self {
            Self::ContactType => PickerTarget::ContactType,
            Self::AddressType => PickerTarget::AddressType,
            Self::Country => PickerTarget::Country,
            Self::City => PickerTarget::City,
            Self::Street => PickerTarget::Street,
            Self::Metro => PickerTarget::Metro,
            _ => return None,
        })
    }
}

impl PickerTarget {
    /// The field this picker fills.
    pub fn field(self) -> FieldId {
        match self {
            Self::ContactType => FieldId::ContactType,
            Self::AddressType => FieldId::AddressType,
            Self::Country => FieldId::Country,
            Self::City => FieldId::City,
            Self::Street => FieldId::Street,
            Self::Metro => FieldId::Metro,
        }
    }

    /// Whether entries can be added, renamed and deleted from the picker.
    pub fn editable(self) -> bool {
        matches!(self, Self::City | Self::Street)
    }
}
