//! The language of the UI, as plain data: `app` stores it, `i18n` picks the
//! texts for it (`Lang::texts`, defined there).

/// The language of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Ru,
    #[default]
    En,
}

impl Lang {
    /// "ru" or "en" (anything else is English).
    pub(crate) fn from_code(code: &str) -> Self {
        if code.trim().to_lowercase().starts_with("ru") {
            Self::Ru
        } else {
            Self::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Ru => "ru",
            Self::En => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_from_locale() {
        assert_eq!(Lang::from_code("ru_RU.UTF-8"), Lang::Ru);
        assert_eq!(Lang::from_code("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_code("C"), Lang::En);
    }
}
