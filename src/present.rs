//! Presentation helpers: the words a client's data is shown in, shared by
//! the screens, the notices and (later) the directory and drafts.
//!
//! Depends on the model, on `app`'s data types and on the text tables of
//! `i18n`; nothing here draws.

use crate::api::model::{Address, ClientCard};
use crate::app::vocab::{Clip, CopyNote, CopyWhat, PersonName, Section};
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
        t.card.no_name.to_owned()
    } else {
        name
    }
}

/// The read-back line of an address, in the order a courier needs it:
/// city, street (its name carries its type), house, building, apartment,
/// entrance, floor, intercom, metro, note. "Москва, 10-я Текстильщиков,
/// д. 10, кв. 7, подъезд 2, этаж 3, домофон 7К, м. Академическая — звонить
/// заранее". Every place that shows an address shows this line.
pub fn address_line(a: &Address, t: &Texts) -> String {
    let mut parts: Vec<String> = Vec::new();
    // "кв. 7", but "оф. 369" as it is: numbers get their prefix.
    let mut add = |prefix: &str, value: &str, numbered: bool| {
        let value = crate::text::sanitize(value);
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
    add(t.card.addr_house, &a.house, true);
    add(t.card.addr_building, &a.building, true);
    add(t.card.addr_apartment, &a.apartments, true);
    add(t.card.addr_entrance, &a.entry, false);
    add(t.card.addr_floor, &a.floor, false);
    add(t.card.addr_intercom, &a.entry_code, false);
    add(t.card.addr_metro, &a.metro_station, false);
    let note = crate::text::sanitize(&a.dop_info);
    let note = note.trim();
    let line = parts.join(", ");
    match (line.is_empty(), note.is_empty()) {
        (true, true) => t.dash.to_owned(),
        (true, false) => note.to_owned(),
        (false, true) => line,
        (false, false) => format!("{line} — {note}"),
    }
}

/// The prefixes [`address_line`] puts before numbers, for wrapping that
/// keeps a prefix with its number.
pub fn address_prefixes(t: &Texts) -> [&'static str; 7] {
    [
        t.card.addr_house,
        t.card.addr_building,
        t.card.addr_apartment,
        t.card.addr_entrance,
        t.card.addr_floor,
        t.card.addr_intercom,
        t.card.addr_metro,
    ]
}

/// The text the copy key puts into the clipboard.
pub fn clip_text(clip: &Clip, t: &Texts) -> String {
    match clip {
        Clip::Client { name, id } => format!(
            "{}, {} {}",
            person_name(name, t),
            t.col_id.to_lowercase(),
            id.as_str()
        ),
        Clip::Contact { value } => crate::text::sanitize(value).trim().to_owned(),
        Clip::Address(a) => address_line(a, t),
    }
}

/// What the card says after the copy key.
pub fn copy_note(note: CopyNote, t: &Texts) -> &'static str {
    match note {
        CopyNote::Copied(CopyWhat::Client) => t.card.copied_client,
        CopyNote::Copied(CopyWhat::Contact) => t.card.copied_contact,
        CopyNote::Copied(CopyWhat::Address) => t.card.copied_address,
        CopyNote::Off => t.card.copy_off,
        CopyNote::Nothing => t.card.copy_nothing,
    }
}

/// The name of a card section, as its tab shows it.
pub fn section_name(section: Section, t: &Texts) -> &'static str {
    match section {
        Section::Main => t.card.section_main,
        Section::Contacts => t.card.section_contacts,
        Section::Addresses => t.card.section_addresses,
        Section::Accounts => t.card.section_accounts,
        Section::Cards => t.card.section_cards,
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
        assert_eq!(person_name(&PersonName::default(), t), t.card.no_name);
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
            format!("Москва, Тверская, {}10, оф. 369", t.card.addr_house)
        );
        assert_eq!(address_line(&Address::default(), t), t.dash);
    }

    fn vendor_address() -> Address {
        let json = include_str!("../tests/fixtures/vendor/client.json");
        let v: serde_json::Value = serde_json::from_str(json).expect("the vendor's sample");
        serde_json::from_value(v["data"]["addresses"][0].clone()).expect("an address")
    }

    #[test]
    fn the_vendors_sample_address_reads_back_in_one_line() {
        let a = vendor_address();
        assert_eq!(
            address_line(&a, Lang::Ru.texts()),
            "Москва, 10-я Текстильщиков, д. 10, кв. 7, м. Академическая"
        );
        assert_eq!(
            address_line(&a, Lang::En.texts()),
            "Москва, 10-я Текстильщиков, House 10, Apt. 7, Metro Академическая"
        );
    }

    #[test]
    fn every_part_the_card_holds_is_read_back_in_the_couriers_order() {
        let a = Address {
            building: "2".into(),
            entry: "3".into(),
            floor: "5".into(),
            entry_code: "7К1234".into(),
            dop_info: "позвонить\nза час".into(),
            ..vendor_address()
        };
        let ru = address_line(&a, Lang::Ru.texts());
        assert_eq!(
            ru,
            "Москва, 10-я Текстильщиков, д. 10, корп. 2, кв. 7, подъезд 3, этаж 5, \
             домофон 7К1234, м. Академическая — позвонить за час"
        );
        assert!(!ru.contains('\n'));
        assert_eq!(
            address_line(&a, Lang::En.texts()),
            "Москва, 10-я Текстильщиков, House 10, Building 2, Apt. 7, Entrance 3, Floor 5, \
             Intercom 7К1234, Metro Академическая — позвонить за час"
        );
        let only_note = Address {
            dop_info: "у шлагбаума".into(),
            ..Address::default()
        };
        assert_eq!(address_line(&only_note, Lang::Ru.texts()), "у шлагбаума");
    }

    #[test]
    fn what_the_copy_key_copies() {
        let client = Clip::Client {
            name: PersonName {
                lastname: "Безногов".into(),
                firstname: "Сергей".into(),
                middlename: String::new(),
            },
            id: crate::api::model::ClientId::new("10000000009188"),
        };
        assert_eq!(
            clip_text(&client, Lang::Ru.texts()),
            "Безногов Сергей, код 10000000009188"
        );
        assert_eq!(
            clip_text(&client, Lang::En.texts()),
            "Безногов Сергей, id 10000000009188"
        );
        let contact = Clip::Contact {
            value: " +79998887766\u{1b}[2J ".into(),
        };
        assert_eq!(clip_text(&contact, Lang::Ru.texts()), "+79998887766");
        let address = Clip::Address(Box::new(vendor_address()));
        assert_eq!(
            clip_text(&address, Lang::Ru.texts()),
            address_line(&vendor_address(), Lang::Ru.texts())
        );
    }
}
