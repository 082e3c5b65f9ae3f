//! Forms made from the card, and request bodies made from forms.

use super::field::Field;
use crate::api::model::{
    Address, AddressFields, ClientCard, Contact, MainData, NewClient, NewContact,
};
use crate::app::vocab::{Choice, FieldId};
use crate::dates::{Date, parse_api, parse_birthday};

fn choice(id: &str, name: &str) -> Option<Choice> {
    (!id.is_empty()).then(|| Choice {
        id: id.to_owned(),
        name: name.to_owned(),
        extra: String::new(),
    })
}

/// Last, first and middle name, birthday (dd.mm.yyyy), note.
pub fn main_fields(card: Option<&ClientCard>) -> Vec<Field> {
    let get = |f: fn(&ClientCard) -> &String| card.map_or("", |c| f(c).as_str());
    let birthday = card
        .and_then(|c| parse_api(&c.birthday))
        .map(|d| d.ru())
        .unwrap_or_default();
    vec![
        Field::text(FieldId::Lastname, get(|c| &c.lastname)),
        Field::text(FieldId::Firstname, get(|c| &c.firstname)),
        Field::text(FieldId::Middlename, get(|c| &c.middlename)),
        Field::text(FieldId::Birthday, &birthday),
        Field::text(
            FieldId::Note,
            &card.map_or(String::new(), |c| c.note.replace('\n', " ")),
        ),
    ]
}

/// Type and value; editing keeps the type (the API cannot change it).
pub fn contact_fields(existing: Option<&Contact>) -> Vec<Field> {
    let mut kind = Field::choice(
        FieldId::ContactType,
        existing.and_then(|c| choice(&c.type_id, &c.type_name)),
    );
    kind.locked = existing.is_some();
    vec![
        kind,
        Field::text(
            FieldId::ContactValue,
            existing.map_or("", |c| c.value.as_str()),
        ),
    ]
}

/// The address fields in the DESIGN's order. `prefill` gives country and
/// city for a new address (the client's usual ones).
pub fn address_fields(existing: Option<&Address>, prefill: Option<&Address>) -> Vec<Field> {
    let a = existing;
    let text = |id, f: fn(&Address) -> &String| Field::text(id, a.map_or("", |a| f(a).as_str()));
    let base = a.or(prefill);
    vec![
        Field::text(FieldId::AddressLine, ""),
        Field::choice(
            FieldId::AddressType,
            a.and_then(|a| choice(&a.type_id, &a.type_name)),
        ),
        Field::choice(
            FieldId::Country,
            base.and_then(|a| choice(&a.country_id, &a.country)),
        ),
        Field::choice(
            FieldId::City,
            base.and_then(|a| choice(&a.city_id, &a.city)),
        ),
        // The card's postcode counts as the street's, so that another street
        // chosen later replaces it.
        Field::choice(
            FieldId::Street,
            a.and_then(|a| choice(&a.street_id, &a.street))
                .map(|c| Choice {
                    extra: a.map(|a| a.zip.clone()).unwrap_or_default(),
                    ..c
                }),
        ),
        text(FieldId::House, |a| &a.house),
        text(FieldId::Building, |a| &a.building),
        text(FieldId::Entry, |a| &a.entry),
        text(FieldId::Floor, |a| &a.floor),
        text(FieldId::Apartments, |a| &a.apartments),
        text(FieldId::EntryCode, |a| &a.entry_code),
        Field::choice(
            FieldId::Metro,
            a.and_then(|a| choice(&a.metro_station_id, &a.metro_station)),
        ),
        text(FieldId::Zip, |a| &a.zip),
        text(FieldId::Region, |a| &a.region),
        text(FieldId::DopInfo, |a| &a.dop_info),
    ]
}

/// The address a new client's address form holds, as the card would show
/// it (names of the chosen entries; for the read-back line).
pub fn address_of(fields: &[Field]) -> Address {
    let shown = |id: FieldId| {
        fields
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.shown().trim().to_owned())
            .unwrap_or_default()
    };
    Address {
        type_name: shown(FieldId::AddressType),
        country: shown(FieldId::Country),
        city: shown(FieldId::City),
        street: shown(FieldId::Street),
        house: shown(FieldId::House),
        building: shown(FieldId::Building),
        entry: shown(FieldId::Entry),
        floor: shown(FieldId::Floor),
        apartments: shown(FieldId::Apartments),
        entry_code: shown(FieldId::EntryCode),
        metro_station: shown(FieldId::Metro),
        zip: shown(FieldId::Zip),
        region: shown(FieldId::Region),
        dop_info: shown(FieldId::DopInfo),
        ..Address::default()
    }
}

fn value(fields: &[Field], id: FieldId) -> String {
    fields
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.current().trim().to_owned())
        .unwrap_or_default()
}

/// The birthday as the API takes it (`YYYY-MM-DD`), or "" when empty; read
/// as validation read it (a two-digit year needs `today`).
fn birthday(fields: &[Field], today: Date) -> String {
    parse_birthday(&value(fields, FieldId::Birthday), today)
        .map(|d| d.api())
        .unwrap_or_default()
}

/// The body of `PUT Clients`: the documented last, first and middle name
/// always; birthday and note only when the operator changed them (CRM
/// versions differ in whether PUT takes them). A changed birthday that was
/// cleared is sent as "".
pub fn main_data_body(fields: &[Field], today: Date) -> MainData {
    let changed = |id: FieldId| fields.iter().any(|f| f.id == id && f.is_changed());
    MainData {
        lastname: Some(value(fields, FieldId::Lastname)),
        firstname: Some(value(fields, FieldId::Firstname)),
        middlename: Some(value(fields, FieldId::Middlename)),
        birthday: changed(FieldId::Birthday).then(|| birthday(fields, today)),
        note: changed(FieldId::Note).then(|| value(fields, FieldId::Note)),
    }
}

/// The body of `POST Clients/Contacts`.
///
/// The value is what validation said will be saved (a phone in the
/// canonical form), else the text as typed.
pub fn contact_body(fields: &[Field]) -> NewContact {
    let saved_as = fields
        .iter()
        .find(|f| f.id == FieldId::ContactValue)
        .and_then(|f| f.saved_as.clone());
    NewContact {
        type_id: value(fields, FieldId::ContactType),
        value: saved_as.unwrap_or_else(|| value(fields, FieldId::ContactValue)),
    }
}

/// Address fields for a write. A new address (`only_changed` false) sends
/// every documented field, empty ones as "", and the metro only when one is
/// chosen (it is not in the vendor's sample); an edit sends only the fields
/// changed since the form opened.
pub fn address_body(fields: &[Field], only_changed: bool) -> AddressFields {
    let pick = |id: FieldId| -> Option<String> {
        let field = fields.iter().find(|f| f.id == id)?;
        let v = field.current().trim().to_owned();
        if only_changed {
            field.is_changed().then_some(v)
        } else if id == FieldId::Metro {
            (!v.is_empty()).then_some(v)
        } else {
            Some(v)
        }
    };
    AddressFields {
        type_id: pick(FieldId::AddressType),
        country_id: pick(FieldId::Country),
        zip: pick(FieldId::Zip),
        region: pick(FieldId::Region),
        city_id: pick(FieldId::City),
        street_id: pick(FieldId::Street),
        house: pick(FieldId::House),
        building: pick(FieldId::Building),
        entry: pick(FieldId::Entry),
        floor: pick(FieldId::Floor),
        apartments: pick(FieldId::Apartments),
        entry_code: pick(FieldId::EntryCode),
        dop_info: pick(FieldId::DopInfo),
        metro_station_id: pick(FieldId::Metro),
    }
}

/// The body of `POST Clients`.
pub fn new_client_body(
    fields: &[Field],
    contacts: &[Vec<Field>],
    addresses: &[Vec<Field>],
    today: Date,
) -> NewClient {
    let birthday = birthday(fields, today);
    NewClient {
        lastname: value(fields, FieldId::Lastname),
        firstname: value(fields, FieldId::Firstname),
        middlename: value(fields, FieldId::Middlename),
        birthday: (!birthday.is_empty()).then_some(birthday),
        note: value(fields, FieldId::Note),
        contacts: contacts.iter().map(|c| contact_body(c)).collect(),
        addresses: addresses.iter().map(|a| address_body(a, false)).collect(),
    }
}

/// The main fields the CRM's answer left different from what was sent
/// (CRM versions differ in what `PUT Clients` accepts).
pub fn unchanged_by_server(sent: &MainData, card: &ClientCard) -> Vec<FieldId> {
    let mut ignored = Vec::new();
    let mut check = |id, sent: &Option<String>, got: &str| {
        if let Some(sent) = sent
            && sent.trim() != got.trim()
        {
            ignored.push(id);
        }
    };
    check(FieldId::Lastname, &sent.lastname, &card.lastname);
    check(FieldId::Firstname, &sent.firstname, &card.firstname);
    check(FieldId::Middlename, &sent.middlename, &card.middlename);
    let got_birthday = parse_api(&card.birthday)
        .map(|d| d.api())
        .unwrap_or_default();
    check(FieldId::Birthday, &sent.birthday, &got_birthday);
    let sent_note = sent.note.as_ref().map(|n| n.replace('\n', " "));
    check(FieldId::Note, &sent_note, &card.note.replace('\n', " "));
    ignored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_digit_birthday_is_sent_as_understood() {
        let today = Date::new(2026, 11, 28).expect("date");
        let mut fields = main_fields(None);
        for field in &mut fields {
            if field.id == FieldId::Birthday {
                // Typed by the operator into an empty field.
                *field = Field::text(FieldId::Birthday, "17.05.90");
                field.original = String::new();
            }
        }
        let body = main_data_body(&fields, today);
        assert_eq!(body.birthday.as_deref(), Some("1990-05-17"));
    }
}
