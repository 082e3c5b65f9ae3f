//! What a caller's number is, whichever way the call came in (the socket or
//! the Asterisk manager interface): one classifier for both.
//!
//! - a number: digits with an optional leading `+` and the separators
//!   people and PBXs write (` ()-.`), or the user part of a `sip:`, `sips:`
//!   or `tel:` URI (`sip:89161234567@pbx`, `tel:+7-916-123-45-67`);
//! - hidden: `anonymous`, `unknown`, `restricted`, `private`, `unavailable`
//!   (any case) or nothing at all;
//! - unrecognised: anything else. Its text is never shown or matched to a
//!   client: a caller on a SIP trunk chooses it.

/// How many digits a caller's number may have, at least and at most.
pub(crate) const DIGITS: std::ops::RangeInclusive<usize> = 3..=20;
/// The longest text looked at; longer is unrecognised without reading it.
const MAX_TEXT: usize = 200;

/// A caller's number as received, made safe to carry: control characters
/// removed, trimmed, and cut to [`MAX_TEXT`] characters with `…` when
/// longer (so that what was cut still classifies as unrecognised, never as
/// the number its first characters might make). The socket and AMI both
/// pass what they receive through it; the app classifies the result.
pub fn received(text: &str) -> String {
    let clean = crate::text::sanitize(text);
    let clean = clean.trim();
    match clean.char_indices().nth(MAX_TEXT) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean.to_owned(),
    }
}

/// A caller's number as crmcard understood it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CallerNumber {
    /// A number: as received (cleaned: digits, a leading `+` and the
    /// separators kept, the URI's scheme and host dropped), for the phone
    /// module to put in canonical form.
    Number(String),
    /// The caller hid the number ("номер скрыт").
    Hidden,
    /// Not a number crmcard understands ("номер не распознан").
    Unrecognised,
}

impl CallerNumber {
    /// Classifies a caller's number as received from the socket or AMI.
    pub(crate) fn classify(received: &str) -> Self {
        if received.len() > MAX_TEXT {
            return Self::Unrecognised;
        }
        let text = received.trim().trim_matches(['<', '>', '"']).trim();
        if text.is_empty() || is_hidden_word(text) {
            return Self::Hidden;
        }
        let user = uri_user(text).unwrap_or(text);
        if user.is_empty() || is_hidden_word(user) {
            return Self::Hidden;
        }
        if is_number(user) {
            Self::Number(user.to_owned())
        } else {
            Self::Unrecognised
        }
    }

    /// The number, when it is one.
    pub fn number(&self) -> Option<&str> {
        match self {
            Self::Number(number) => Some(number),
            Self::Hidden | Self::Unrecognised => None,
        }
    }
}

fn is_hidden_word(text: &str) -> bool {
    [
        "anonymous",
        "unknown",
        "restricted",
        "private",
        "unavailable",
    ]
    .iter()
    .any(|word| text.eq_ignore_ascii_case(word))
}

/// The user part of `sip:USER@host`, `sips:USER@host;params` or
/// `tel:NUMBER;params`; `None` when `text` is not such a URI.
fn uri_user(text: &str) -> Option<&str> {
    let (scheme, rest) = text.split_once(':')?;
    let rest = match scheme.to_ascii_lowercase().as_str() {
        "sip" | "sips" => rest.split('@').next().unwrap_or_default(),
        "tel" => rest,
        _ => return None,
    };
    Some(rest.split(';').next().unwrap_or_default().trim())
}

fn is_number(text: &str) -> bool {
    let body = text.strip_prefix('+').unwrap_or(text);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '.'))
    {
        return false;
    }
    DIGITS.contains(&body.chars().filter(char::is_ascii_digit).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> CallerNumber {
        CallerNumber::Number(text.to_owned())
    }

    #[test]
    fn numbers_in_the_forms_pbxs_send() {
        for (received, expected) in [
            ("89161234567", "89161234567"),
            ("+7 (916) 123-45-67", "+7 (916) 123-45-67"),
            (" 8.916.123.45.67 ", "8.916.123.45.67"),
            ("sip:89161234567@pbx", "89161234567"),
            ("SIP:89161234567@10.0.0.1:5060", "89161234567"),
            ("sips:101@pbx;transport=tls", "101"),
            ("<sip:+79161234567@pbx.local>", "+79161234567"),
            ("tel:+7-916-123-45-67", "+7-916-123-45-67"),
            ("tel:+79161234567;phone-context=ru", "+79161234567"),
            ("101", "101"),
        ] {
            assert_eq!(
                CallerNumber::classify(received),
                number(expected),
                "{received}"
            );
        }
    }

    #[test]
    fn hidden_numbers() {
        for received in [
            "",
            "  ",
            "anonymous",
            "Anonymous",
            "UNKNOWN",
            "restricted",
            "private",
            "unavailable",
            "sip:anonymous@anonymous.invalid",
            "sip:@pbx",
            "<>",
        ] {
            assert_eq!(
                CallerNumber::classify(received),
                CallerNumber::Hidden,
                "{received:?}"
            );
        }
    }

    #[test]
    fn anything_else_is_unrecognised_never_shown() {
        let long = "8".repeat(4000);
        for received in [
            "Безногов VIP 89161234567",
            "abc8916",
            "8916abc",
            "12",
            "+7+9161234567",
            "123456789012345678901",
            "sip:alice@pbx",
            "http:89161234567",
            "8916\u{1b}[2J1234567",
            long.as_str(),
        ] {
            assert_eq!(
                CallerNumber::classify(received),
                CallerNumber::Unrecognised,
                "{received:?}"
            );
        }
    }

    #[test]
    fn what_is_received_is_cleaned_and_cut_and_stays_unrecognised_when_cut() {
        assert_eq!(received(" 8916\u{1b}[2J1234567\r\n"), "89161234567");
        assert_eq!(received("sip:89161234567@pbx"), "sip:89161234567@pbx");
        let long = format!("89161234567{}x", " ".repeat(300));
        let cut = received(&long);
        assert_eq!(cut.chars().count(), MAX_TEXT + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(CallerNumber::classify(&cut), CallerNumber::Unrecognised);
        let vip = "Безногов Сергей VIP ".repeat(200);
        assert_eq!(
            CallerNumber::classify(&received(&vip)),
            CallerNumber::Unrecognised
        );
    }

    #[test]
    fn only_a_number_has_one() {
        assert_eq!(
            CallerNumber::classify("8 916 123-45-67").number(),
            Some("8 916 123-45-67")
        );
        assert_eq!(CallerNumber::Hidden.number(), None);
        assert_eq!(CallerNumber::Unrecognised.number(), None);
    }
}
