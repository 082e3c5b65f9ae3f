//! Checking fields as they are typed.

use super::field::{Field, Problem, Value};
use crate::api::model::ContactType;
use crate::app::vocab::FieldId;
use crate::dates::{Date, parse_birthday};

/// What kind of contact a value is checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Phone,
    Email,
    Other,
}

impl ContactKind {
    pub fn of(contact_type: Option<&ContactType>) -> Self {
        match contact_type {
            Some(t) if t.is_phone => Self::Phone,
            Some(t) if t.is_email => Self::Email,
            _ => Self::Other,
        }
    }
}

/// Which fields a form requires.
fn required(id: FieldId) -> bool {
    matches!(
        id,
        FieldId::Lastname
            | FieldId::ContactType
            | FieldId::ContactValue
            | FieldId::AddressType
            | FieldId::Country
            | FieldId::City
            | FieldId::Street
            | FieldId::House
    )
}

/// Checks every field; sets `problem` and `suggestion` on each.
///
/// A phone contact's value is saved in the canonical form (`saved_as`), and
/// `city_code` completes a seven-digit number.
pub fn validate(fields: &mut [Field], contact: ContactKind, today: Date, city_code: Option<&str>) {
    let chosen: Vec<(FieldId, bool)> = fields
        .iter()
        .map(|f| (f.id, !f.current().is_empty()))
        .collect();
    let has = |id: FieldId| chosen.iter().any(|&(f, set)| f == id && set);
    for field in fields.iter_mut() {
        field.suggestion = None;
        field.saved_as = None;
        field.problem = check(field, contact, today, &has);
        if field.id == FieldId::ContactValue
            && contact == ContactKind::Phone
            && field.problem.is_none()
            && field.is_changed()
        {
            field.saved_as = canonical_phone(field.current(), city_code);
        }
        if field.id == FieldId::Birthday && field.problem.is_none() {
            field.suggestion = understood_date(field.current(), today);
        }
    }
}

fn check(
    field: &mut Field,
    contact: ContactKind,
    today: Date,
    has: &dyn Fn(FieldId) -> bool,
) -> Option<Problem> {
    let text = field.current().trim();
    if let Value::Choice(None) = field.value {
        return match field.id {
            FieldId::City if !has(FieldId::Country) => Some(Problem::NeedsParent(FieldId::Country)),
            FieldId::Street | FieldId::Metro if !has(FieldId::City) => {
                (field.id == FieldId::Street).then_some(Problem::NeedsParent(FieldId::City))
            }
            id if required(id) => Some(Problem::Required),
            _ => None,
        };
    }
    if text.is_empty() {
        return required(field.id).then_some(Problem::Required);
    }
    // What the server sent and the operator left alone is not held to the
    // form's rules (a 100,000-character name, a birthday in 2999): it does
    // not block saving another field, and is not sent back unless changed.
    if !field.is_changed() {
        return None;
    }
    let len = field.current().chars().count();
    if len > field.id.max_len() {
        return Some(Problem::TooLong {
            max: field.id.max_len(),
            len,
        });
    }
    match field.id {
        FieldId::Birthday => parse_birthday(text, today).err().map(Problem::Date),
        FieldId::ContactValue => match contact {
            ContactKind::Phone => phone_problem(text),
            ContactKind::Email => (!looks_like_email(text)).then_some(Problem::Email),
            ContactKind::Other => None,
        },
        _ => None,
    }
}

/// The birthday as understood (`17.05.1990` for `170590`), when it was typed
/// another way.
fn understood_date(text: &str, today: Date) -> Option<String> {
    let shown = parse_birthday(text.trim(), today).ok()?.ru();
    (shown != text.trim()).then_some(shown)
}

/// A phone keeps digits, `+`, spaces, brackets and dashes, and has 5 to 15
/// digits.
pub fn phone_problem(text: &str) -> Option<Problem> {
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '(' | ')' | '-'))
    {
        return Some(Problem::PhoneChars);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let count = digits.len();
    if !(5..=15).contains(&count) {
        return Some(Problem::PhoneDigits { count });
    }
    // 8 or 7 and a mobile's 9 (no Russian code starts with 89 or 79): a
    // mobile, which has 11 digits this way, not 10 or 12.
    let mobile = !text.trim_start().starts_with('+')
        && (digits.starts_with("89") || digits.starts_with("79"));
    (mobile && (count == 10 || count == 12)).then_some(Problem::MobileDigits { count })
}

/// What a phone contact typed as `text` is saved as: its canonical form
/// when it parses and differs from the text, else `None` (kept as typed).
pub fn canonical_phone(text: &str, city_code: Option<&str>) -> Option<String> {
    crate::phone::parse(text, city_code)
        .ok()
        .map(|p| p.canonical().to_owned())
        .filter(|c| c != text.trim())
}

/// Something@something.domain, without spaces.
pub fn looks_like_email(text: &str) -> bool {
    let Some((user, domain)) = text.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !b.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_birthday_typed_another_way_shows_how_it_is_understood() {
        let today = Date::new(2026, 11, 28).expect("date");
        let check = |typed: &str| {
            // Typed: the form opened without a birthday.
            let mut field = Field::text(FieldId::Birthday, "");
            if let Value::Text(t) = &mut field.value {
                t.set(typed);
            }
            let mut fields = [field];
            validate(&mut fields, ContactKind::Other, today, None);
            let [field] = fields;
            (field.problem, field.suggestion)
        };
        for typed in [
            "170590",
            "17.05.90",
            "17 05 1990",
            "17/05/1990",
            "1990-05-17",
        ] {
            assert_eq!(
                check(typed),
                (None, Some("17.05.1990".to_owned())),
                "{typed}"
            );
        }
        assert_eq!(check("17.05.1990"), (None, None));
        assert_eq!(
            check("31.04.90"),
            (
                Some(Problem::Date(crate::dates::DateError::DayOutOfRange {
                    day: 31,
                    month: 4,
                    year: 1990
                })),
                None
            )
        );
    }

    #[test]
    fn what_the_server_sent_and_nobody_changed_is_not_held_to_the_rules() {
        let today = Date::new(2026, 11, 28).expect("date");
        let long = "Я".repeat(100_000);
        let mut fields = [
            Field::text(FieldId::Lastname, &long),
            Field::text(FieldId::Birthday, "2999-01-01"),
            Field::text(FieldId::Note, ""),
        ];
        validate(&mut fields, ContactKind::Other, today, None);
        assert!(fields.iter().all(|f| f.problem.is_none()));
        // Changed, the same value is checked.
        if let Value::Text(t) = &mut fields[0].value {
            t.set(&format!("{long}а"));
        }
        validate(&mut fields, ContactKind::Other, today, None);
        assert!(matches!(fields[0].problem, Some(Problem::TooLong { .. })));
    }

    #[test]
    fn phones() {
        assert_eq!(phone_problem("+7 (916) 123-45-67"), None);
        assert_eq!(
            phone_problem("333"),
            Some(Problem::PhoneDigits { count: 3 })
        );
        assert_eq!(phone_problem("12345"), None);
        assert_eq!(
            phone_problem("1234567890123456"),
            Some(Problem::PhoneDigits { count: 16 })
        );
        assert_eq!(phone_problem("916 abc"), Some(Problem::PhoneChars));
        assert_eq!(
            phone_problem("8916123456"),
            Some(Problem::MobileDigits { count: 10 })
        );
        assert_eq!(
            phone_problem("8 916 123 45 678"),
            Some(Problem::MobileDigits { count: 12 })
        );
        assert_eq!(phone_problem("89161234567"), None);
        assert_eq!(phone_problem("9161234567"), None);
        assert_eq!(phone_problem("8126123456"), None, "St Petersburg, no 8");
    }

    #[test]
    fn russian_numbers_are_offered_as_plus_seven() {
        assert_eq!(
            canonical_phone("89161234567", None).as_deref(),
            Some("+79161234567")
        );
        assert_eq!(
            canonical_phone("8 (916) 123-45-67", None).as_deref(),
            Some("+79161234567")
        );
        assert_eq!(
            canonical_phone("9161234567", None).as_deref(),
            Some("+79161234567")
        );
        assert_eq!(canonical_phone("+79161234567", None), None);
        assert_eq!(
            canonical_phone("79161234567", None).as_deref(),
            Some("+79161234567")
        );
        assert_eq!(canonical_phone("+375291234567", None), None);
        assert_eq!(canonical_phone("12345", None), None);
    }

    #[test]
    fn emails() {
        assert!(looks_like_email("v4@com.com"));
        assert!(looks_like_email("a.b@mail.example.ru"));
        assert!(!looks_like_email("v4@com"));
        assert!(!looks_like_email("@com.ru"));
        assert!(!looks_like_email("a b@c.ru"));
        assert!(!looks_like_email("a@b@c.ru"));
        assert!(!looks_like_email("a@b."));
    }
}
