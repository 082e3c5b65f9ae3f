//! Phone numbers as operators hear and type them, in one canonical form.
//!
//! Russian numbers come in many spellings: `8 916 123-45-67`,
//! `+7 (916) 123 45 67`, `89161234567`, `9161234567`, `7 916 123 45 67`.
//! [`parse`] turns each into the canonical `+79161234567`, shown as
//! `+7 916 123-45-67` by [`Phone::display`]. A city number without its code
//! (`123-45-67`) is completed with the configured city code (`[phone]
//! city_code`, e.g. `495`); without one it is kept as its digits. Numbers of
//! other countries (`+375 29 123-45-67`, or dialled `810 375…` / `00 375…`)
//! are kept as `+` and their digits.
//!
//! For search, [`is_phone_like`] tells whether a query is (part of) a number
//! and [`search_digits`] gives what to look for.

/// The fewest digits of a foreign number, country code included.
const MIN_FOREIGN_DIGITS: usize = 8;
/// The most digits a number can have (E.164).
const MAX_DIGITS: usize = 15;

/// A phone number in its canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone {
    kind: PhoneKind,
    /// `+7XXXXXXXXXX`, `+` and digits, or (local) the digits alone.
    canonical: String,
}

/// What kind of number a [`Phone`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhoneKind {
    /// `+7` and ten digits.
    Russian,
    /// Another country's number: `+` and 8 to 15 digits.
    Foreign,
    /// A seven-digit city number with no city code configured: its digits.
    Local,
}

/// Why a text is not a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing but spaces.
    #[error("empty")]
    Empty,
    /// A character that is not a digit, a space or `+ ( ) - .`, or a `+`
    /// that is not the first character.
    #[error("not a phone number")]
    NotAPhone,
    /// Too few digits for any form.
    #[error("{count} digits are too few for a phone number")]
    TooFewDigits {
        /// The digits found.
        count: usize,
    },
    /// Too many digits for any form.
    #[error("{count} digits are too many for a phone number")]
    TooManyDigits {
        /// The digits found.
        count: usize,
    },
    /// A digit count that fits no form (e.g. nine digits, or `+7` and nine).
    #[error("{count} digits fit no phone number form")]
    WrongLength {
        /// The digits found.
        count: usize,
    },
}

impl Phone {
    /// The canonical form: `+79161234567`, `+375291234567`, or the digits of
    /// a local number (`1234567`).
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// The digits of the canonical form, without the `+`.
    pub fn digits(&self) -> &str {
        self.canonical.trim_start_matches('+')
    }

    /// What kind of number this is.
    pub fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// The form shown to the operator: `+7 916 123-45-67`; `123-45-67` for a
    /// local number; foreign numbers as `+` and digits.
    pub fn display(&self) -> String {
        let d = self.digits();
        match self.kind {
            PhoneKind::Russian => {
                format!("+7 {} {}-{}-{}", &d[1..4], &d[4..7], &d[7..9], &d[9..11])
            }
            PhoneKind::Local => format!("{}-{}-{}", &d[..3], &d[3..5], &d[5..7]),
            PhoneKind::Foreign => self.canonical.clone(),
        }
    }
}

impl std::fmt::Display for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

/// Reads a phone number typed or heard in any of the usual forms (see the
/// module's documentation). `city_code` completes a city number typed
/// without it (`123-45-67` with `495` → `+74951234567`); it is ignored
/// unless it is 3 to 5 digits.
pub fn parse(text: &str, city_code: Option<&str>) -> Result<Phone, PhoneError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PhoneError::Empty);
    }
    let plus = text.starts_with('+');
    let body = if plus { &text[1..] } else { text };
    if !body.chars().all(is_phone_punctuation_or_digit) || body.contains('+') {
        return Err(PhoneError::NotAPhone);
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let count = digits.len();
    let russian = |national: &str| Phone {
        kind: PhoneKind::Russian,
        canonical: format!("+7{national}"),
    };
    let foreign = |digits: &str| {
        if let Some(national) = digits.strip_prefix('7') {
            // `+7`, `8107…`, `007…` must be a whole Russian number.
            return if national.len() == 10 {
                Ok(russian(national))
            } else {
                Err(PhoneError::WrongLength { count })
            };
        }
        match digits.len() {
            n if n < MIN_FOREIGN_DIGITS => Err(PhoneError::TooFewDigits { count }),
            n if n > MAX_DIGITS => Err(PhoneError::TooManyDigits { count }),
            _ => Ok(Phone {
                kind: PhoneKind::Foreign,
                canonical: format!("+{digits}"),
            }),
        }
    };
    if plus {
        return foreign(&digits);
    }
    if count > 11 {
        // Dialled abroad from Russia (`810…`) or elsewhere (`00…`).
        for prefix in ["810", "00"] {
            if let Some(rest) = digits.strip_prefix(prefix) {
                return foreign(rest);
            }
        }
    }
    let city_code = city_code
        .map(str::trim)
        .filter(|c| (3..=5).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()));
    match count {
        11 if digits.starts_with('7') || digits.starts_with('8') => Ok(russian(&digits[1..])),
        10 if !digits.starts_with('0') => Ok(russian(&digits)),
        n if city_code.is_some_and(|c| c.len() + n == 10) => Ok(russian(&format!(
            "{}{digits}",
            city_code.unwrap_or_default()
        ))),
        7 => Ok(Phone {
            kind: PhoneKind::Local,
            canonical: digits,
        }),
        n if n < 7 => Err(PhoneError::TooFewDigits { count }),
        n if n > MAX_DIGITS => Err(PhoneError::TooManyDigits { count }),
        _ => Err(PhoneError::WrongLength { count }),
    }
}

fn is_phone_punctuation_or_digit(c: char) -> bool {
    c.is_ascii_digit() || c == ' ' || c == '\u{a0}' || matches!(c, '(' | ')' | '-' | '.')
}

/// Whether `query` looks like (part of) a phone number: digits, spaces and
/// `+ ( ) - .` only, with at least one digit and `+` only first.
pub(crate) fn is_phone_like(query: &str) -> bool {
    let query = query.trim();
    let body = query.strip_prefix('+').unwrap_or(query);
    body.chars().all(is_phone_punctuation_or_digit) && body.chars().any(|c| c.is_ascii_digit())
}

/// What a phone-like query is searched by; see [`search_digits`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDigits {
    /// Every digit typed: matched against the end of the stored numbers
    /// (`274-63-75` → `2746375`).
    pub tail: String,
    /// The start of a canonical number's digits, when the query can be the
    /// start of a whole number: `8 916 12` → `791612`, `+375 29` → `37529`,
    /// `916 1` → `79161` (a Russian area code starts with 3, 4, 8 or 9).
    pub start: Option<String>,
    /// The canonical digits when the query is a whole number (`8 (916)
    /// 123-45-67` → `79161234567`); also a local seven-digit number's digits.
    pub exact: Option<String>,
}

/// The digits to search the stored numbers with, if `query` is phone-like.
pub(crate) fn search_digits(query: &str, city_code: Option<&str>) -> Option<SearchDigits> {
    if !is_phone_like(query) {
        return None;
    }
    let query = query.trim();
    let tail: String = query.chars().filter(char::is_ascii_digit).collect();
    let start = if query.starts_with('+') || tail.starts_with('7') {
        Some(tail.clone())
    } else if let Some(rest) = tail.strip_prefix('8') {
        Some(format!("7{rest}"))
    } else if tail.starts_with(['3', '4', '9']) && tail.len() <= 10 {
        // Russian area codes start with 3, 4, 8 or 9.
        Some(format!("7{tail}"))
    } else {
        None
    };
    let exact = parse(query, city_code).ok().map(|p| p.digits().to_owned());
    Some(SearchDigits { tail, start, exact })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> Result<String, PhoneError> {
        parse(text, None).map(|p| p.canonical().to_owned())
    }

    #[test]
    fn russian_forms_give_one_canonical_number() {
        for text in [
            "8 916 123-45-67",
            "+7 (916) 123 45 67",
            "89161234567",
            "9161234567",
            "7 916 123 45 67",
            "79161234567",
            "+79161234567",
            "8(916)123-45-67",
            "  8 916 123.45.67  ",
            "+7\u{a0}916\u{a0}1234567",
            "8-916-123-45-67",
        ] {
            assert_eq!(canonical(text), Ok("+79161234567".to_owned()), "{text:?}");
        }
        // Moscow landlines and the 800 line.
        assert_eq!(canonical("8 (495) 765-43-21"), Ok("+74957654321".into()));
        assert_eq!(canonical("8 800 555 35 35"), Ok("+78005553535".into()));
    }

    #[test]
    fn city_numbers_take_the_configured_code() {
        let phone = parse("765-43-21", Some("495")).expect("city number");
        assert_eq!(phone.canonical(), "+74957654321");
        assert_eq!(phone.kind(), PhoneKind::Russian);
        // A five-digit code and a five-digit number.
        assert_eq!(
            parse("2-34-56", Some("38422")).map(|p| p.canonical().to_owned()),
            Ok("+73842223456".into())
        );
        // Without a code (or with a broken one) the digits are kept.
        for code in [None, Some(""), Some("49a"), Some("4951234")] {
            let phone = parse("765-43-21", code).expect("local number");
            assert_eq!(phone.kind(), PhoneKind::Local, "{code:?}");
            assert_eq!(phone.canonical(), "7654321");
            assert_eq!(phone.display(), "765-43-21");
        }
        // A whole number ignores the code.
        assert_eq!(
            parse("89161234567", Some("495")).map(|p| p.canonical().to_owned()),
            Ok("+79161234567".into())
        );
    }

    #[test]
    fn foreign_numbers_keep_plus_and_digits() {
        assert_eq!(canonical("+375 (29) 123-45-67"), Ok("+375291234567".into()));
        assert_eq!(canonical("+998 90 123 45 67"), Ok("+998901234567".into()));
        assert_eq!(
            canonical("810 375 29 123 45 67"),
            Ok("+375291234567".into())
        );
        assert_eq!(canonical("00 998 90 123 45 67"), Ok("+998901234567".into()));
        assert_eq!(canonical("8107 916 123 45 67"), Ok("+79161234567".into()));
        let phone = parse("+375291234567", None).expect("foreign");
        assert_eq!(phone.kind(), PhoneKind::Foreign);
        assert_eq!(phone.display(), "+375291234567");
        assert_eq!(phone.digits(), "375291234567");
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        assert_eq!(canonical(""), Err(PhoneError::Empty));
        assert_eq!(canonical("   "), Err(PhoneError::Empty));
        assert_eq!(canonical("abc"), Err(PhoneError::NotAPhone));
        assert_eq!(canonical("8916abc4567"), Err(PhoneError::NotAPhone));
        assert_eq!(canonical("тел. 89161234567"), Err(PhoneError::NotAPhone));
        assert_eq!(canonical("8 916 + 1234567"), Err(PhoneError::NotAPhone));
        assert_eq!(canonical("ivan@mail.ru"), Err(PhoneError::NotAPhone));
        assert_eq!(canonical("5"), Err(PhoneError::TooFewDigits { count: 1 }));
        assert_eq!(canonical("+"), Err(PhoneError::TooFewDigits { count: 0 }));
        assert_eq!(
            canonical("12345"),
            Err(PhoneError::TooFewDigits { count: 5 })
        );
        assert_eq!(
            canonical("123456789"),
            Err(PhoneError::WrongLength { count: 9 })
        );
        assert_eq!(
            canonical("0123456789"),
            Err(PhoneError::WrongLength { count: 10 })
        );
        assert_eq!(
            canonical("69161234567"),
            Err(PhoneError::WrongLength { count: 11 })
        );
        assert_eq!(
            canonical("+7 916 123"),
            Err(PhoneError::WrongLength { count: 7 })
        );
        assert_eq!(
            canonical("+7916123456789"),
            Err(PhoneError::WrongLength { count: 13 })
        );
        assert_eq!(
            canonical("+3752"),
            Err(PhoneError::TooFewDigits { count: 4 })
        );
        let thirty = "1".repeat(30);
        assert_eq!(
            canonical(&thirty),
            Err(PhoneError::TooManyDigits { count: 30 })
        );
        assert_eq!(
            canonical(&format!("+{thirty}")),
            Err(PhoneError::TooManyDigits { count: 30 })
        );
    }

    #[test]
    fn display_form() {
        let phone = parse("89161234567", None).expect("phone");
        assert_eq!(phone.display(), "+7 916 123-45-67");
        assert_eq!(phone.to_string(), "+7 916 123-45-67");
        assert_eq!(phone.digits(), "79161234567");
    }

    #[test]
    fn round_trips_keep_the_canonical_form() {
        for text in [
            "8 916 123-45-67",
            "+7 (495) 765 43 21",
            "+375291234567",
            "00 998 90 123 45 67",
            "765-43-21",
        ] {
            for code in [None, Some("495")] {
                let phone = parse(text, code).expect("phone");
                let again = parse(&phone.display(), code).expect("display parses");
                assert_eq!(again, phone, "{text:?} {code:?}");
                let again = parse(phone.canonical(), code).expect("canonical parses");
                assert_eq!(again.canonical(), phone.canonical(), "{text:?} {code:?}");
            }
        }
    }

    #[test]
    fn phone_like_queries() {
        for query in [
            "2746375",
            "274-63-75",
            "+7 (999)",
            "8 999 274",
            " 9 ",
            "+375",
        ] {
            assert!(is_phone_like(query), "{query:?}");
        }
        for query in ["", "+", "()", "иван", "ivan 123", "12a", "dmitriev@", "1+2"] {
            assert!(!is_phone_like(query), "{query:?}");
        }
    }

    #[test]
    fn search_digits_of_each_form() {
        let s = search_digits("8 (999) 274-63-75", None).expect("phone-like");
        assert_eq!(s.tail, "89992746375");
        assert_eq!(s.start.as_deref(), Some("79992746375"));
        assert_eq!(s.exact.as_deref(), Some("79992746375"));
        let s = search_digits("274-63-75", None).expect("phone-like");
        assert_eq!(
            (s.tail.as_str(), s.start, s.exact.as_deref()),
            ("2746375", None, Some("2746375"))
        );
        let s = search_digits("274-63-75", Some("495")).expect("phone-like");
        assert_eq!(s.exact.as_deref(), Some("74952746375"));
        let s = search_digits("8 916 12", None).expect("phone-like");
        assert_eq!((s.start.as_deref(), s.exact), (Some("791612"), None));
        let s = search_digits("916 1", None).expect("phone-like");
        assert_eq!(s.start.as_deref(), Some("79161"));
        let s = search_digits("+375 29", None).expect("phone-like");
        assert_eq!(s.start.as_deref(), Some("37529"));
        let s = search_digits("887766", None).expect("phone-like");
        assert_eq!((s.tail.as_str(), s.exact), ("887766", None));
        let s = search_digits("8 495 76", None).expect("phone-like");
        assert_eq!(s.start.as_deref(), Some("749576"));
        let s = search_digits("495 765", None).expect("phone-like");
        assert_eq!(s.start.as_deref(), Some("7495765"));
        assert_eq!(search_digits("Иванов", None), None);
    }
}
