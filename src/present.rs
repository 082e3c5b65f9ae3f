//! Presentation helpers: the words a client's data is shown in, shared by
//! the screens, the notices and (later) the directory and drafts.
//!
//! Depends on the model, on `app`'s data types and on the text tables of
//! `i18n`; nothing here draws.

use crate::api::model::{Address, ClientCard};
use crate::app::Section;
use crate::app::popup::PersonName;
use crate::i18n::Texts;

/// "Фамилия Имя Отчество", or a placeholder.
pub fn full_name(card: &ClientCard, t: &Texts) -> String {
    name_of([&card.lastname, &card.firstname, &card.middlename], t)
}

/// A [`PersonName`] as [`full_name`] shows it.
/// A phone number as the operator reads it (`+7 916 123-45-67`); a text
/// that is not a phone number as it is, cleaned of control characters.
pub fn display_phone(text: &str) -> String {
    match crate::phone::parse(text, None) {
        Ok(phone) => phone.display(),
        Err(_) => crate::text::sanitize(text),
    }
}

pub fn person_name(name: &PersonName, t: &Texts) -> String {
    name_of([&name.lastname, &name.firstname, &name.middlename], t)
}

fn name_of(parts: [&str; 3], t: &Texts) -> String {
    let name = parts
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        t.no_name.to_owned()
    } else {
        name
    }
}

/// One readable line: "Москва, 10-я Текстильщиков, д. 10, кв. 7, м. Академическая".
pub fn address_line(a: &Address, t: &Texts) -> String {
    let mut parts: Vec<String> = Vec::new();
    // "кв. 7", but "оф. 369" as it is: numbers get their prefix.
    let mut add = |prefix: &str, value: &str, numbered: bool| {
        let value = value.trim();
        if value.is_empty() {
        } else if numbered && !value.starts_with(|c: char| c.is_ascii_digit()) {
            parts.push(value.to_owned());
        } else {
            parts.push(format!("{prefix}{value}"));
        }
    };
    add("", &a.city, false);
    add("", &a.street, false);
    add(t.addr_house, &a.house, true);
    add(t.addr_building, &a.building, true);
    add(t.addr_apartment, &a.apartments, true);
    add(t.addr_metro, &a.metro_station, false);
    if parts.is_empty() {
        t.dash.to_owned()
    } else {
        parts.join(", ")
    }
}

/// The name of a card section, as its tab shows it.
pub fn section_name(section: Section, t: &Texts) -> &'static str {
    match section {
        Section::Main => t.section_main,
        Section::Contacts => t.section_contacts,
        Section::Addresses => t.section_addresses,
        Section::Accounts => t.section_accounts,
        Section::Cards => t.section_cards,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn a_name_skips_empty_parts_and_falls_back_to_a_placeholder() {
        let t = Lang::Ru.texts();
        let name = PersonName {
            lastname: " Иванов ".into(),
            firstname: String::new(),
            middlename: "Петрович".into(),
        };
        assert_eq!(person_name(&name, t), "Иванов Петрович");
        assert_eq!(person_name(&PersonName::default(), t), t.no_name);
    }

    #[test]
    fn an_address_line_prefixes_numbers_only() {
        let t = Lang::Ru.texts();
        let a = Address {
            city: "Москва".into(),
            street: "Тверская".into(),
            house: "10".into(),
            apartments: "оф. 369".into(),
            ..Address::default()
        };
        assert_eq!(
            address_line(&a, t),
            format!("Москва, Тверская, {}10, оф. 369", t.addr_house)
        );
        assert_eq!(address_line(&Address::default(), t), t.dash);
    }
}
