//! The sections of a client's card.

/// A section of the card, in the order of the keys 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Main,
    Contacts,
    Addresses,
    Accounts,
    Cards,
}

impl Section {
    pub const ALL: [Self; 5] = [
        Self::Main,
        Self::Contacts,
        Self::Addresses,
        Self::Accounts,
        Self::Cards,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub fn step(self, forward: bool) -> Self {
        let n = Self::ALL.len();
        let i = if forward {
            (self.index() + 1) % n
        } else {
            (self.index() + n - 1) % n
        };
        Self::ALL[i]
    }
}
