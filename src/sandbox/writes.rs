//! The writes to clients, their contacts and their addresses. Each answers
//! with the whole card, as the vendor's server does.
//!
//! Checks the sandbox makes (the real server's are unknown): a new client
//! needs a last, first or middle name; `birthday` is `YYYY-MM-DD` (or "" to
//! clear it); a contact needs a known `typeId` and a non-empty `value`; an
//! address needs a known `typeId`, and the country, city, street and metro
//! station it names must exist and agree (the city in the country, the street
//! and the station in the city). These fail with 400 DLW-0007. A read-only
//! address cannot be changed or deleted (409 DLW-0010).

use rusqlite::{Connection, params};

use super::cards::{self, AddressRow};
use super::error::ApiError;
use super::ids::{id_string, parse_id};
use super::store::{Table, existing, exists, next_id, parent};
use crate::api::model::{
    AddressFields, ClientCard, ContactValue, Deleted, MainData, NewClient, NewContact,
};

pub(crate) fn create_client(conn: &mut Connection, new: NewClient) -> Result<ClientCard, ApiError> {
    if [&new.lastname, &new.firstname, &new.middlename]
        .iter()
        .all(|s| s.trim().is_empty())
    {
        return Err(ApiError::bad(
            "lastname, firstname or middlename is required",
        ));
    }
    let birthday = birthday(new.birthday.as_deref().unwrap_or(""))?;
    let tx = conn.transaction()?;
    let id = next_id(&tx, Table::Clients)?;
    tx.execute(
        "INSERT INTO clients (id, lastname, firstname, middlename, birthday, note, accounts, cards)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '[]', '[]')",
        params![
            id,
            new.lastname,
            new.firstname,
            new.middlename,
            birthday,
            new.note
        ],
    )?;
    for contact in &new.contacts {
        insert_contact(&tx, id, contact)?;
    }
    for fields in new.addresses {
        insert_address(&tx, id, fields)?;
    }
    let card = cards::card(&tx, id)?;
    tx.commit()?;
    Ok(card)
}

/// `PUT Clients`: the fields sent replace the stored ones; the others stay.
pub(crate) fn update_client(
    conn: &Connection,
    id: &str,
    data: MainData,
) -> Result<ClientCard, ApiError> {
    let id = existing(conn, "clients", "Client", id)?;
    let birthday = data.birthday.as_deref().map(birthday).transpose()?;
    for (column, value) in [
        ("lastname", data.lastname),
        ("firstname", data.firstname),
        ("middlename", data.middlename),
        ("birthday", birthday),
        ("note", data.note),
    ] {
        if let Some(value) = value {
            conn.execute(
                &format!("UPDATE clients SET {column} = ?2 WHERE id = ?1"),
                params![id, value],
            )?;
        }
    }
    cards::card(conn, id)
}

pub(crate) fn delete_client(conn: &Connection, id: &str) -> Result<Deleted, ApiError> {
    let id = existing(conn, "clients", "Client", id)?;
    conn.execute("DELETE FROM clients WHERE id = ?1", [id])?;
    Ok(Deleted { id: id.to_string() })
}

pub(crate) fn add_contact(
    conn: &Connection,
    client: &str,
    new: NewContact,
) -> Result<ClientCard, ApiError> {
    let client = existing(conn, "clients", "Client", client)?;
    insert_contact(conn, client, &new)?;
    cards::card(conn, client)
}

/// `PUT Clients/Contacts`: only the value changes.
pub(crate) fn update_contact(
    conn: &Connection,
    client: &str,
    contact: &str,
    body: ContactValue,
) -> Result<ClientCard, ApiError> {
    let (client, contact) = contact_of(conn, client, contact)?;
    let value = required("value", &body.value)?;
    conn.execute(
        "UPDATE contacts SET value = ?2 WHERE id = ?1",
        params![contact, value],
    )?;
    cards::card(conn, client)
}

pub(crate) fn delete_contact(
    conn: &Connection,
    client: &str,
    contact: &str,
) -> Result<ClientCard, ApiError> {
    let (client, contact) = contact_of(conn, client, contact)?;
    conn.execute("DELETE FROM contacts WHERE id = ?1", [contact])?;
    cards::card(conn, client)
}

pub(crate) fn add_address(
    conn: &Connection,
    client: &str,
    fields: AddressFields,
) -> Result<ClientCard, ApiError> {
    let client = existing(conn, "clients", "Client", client)?;
    insert_address(conn, client, fields)?;
    cards::card(conn, client)
}

/// `PUT Clients/Addresses`: the fields sent replace the stored ones; the
/// others stay. The result must still be a valid address.
pub(crate) fn update_address(
    conn: &Connection,
    client: &str,
    address: &str,
    fields: AddressFields,
) -> Result<ClientCard, ApiError> {
    let (client, id, mut row) = writable_address(conn, client, address)?;
    apply(&mut row, fields)?;
    validate(conn, &row)?;
    cards::update_address_row(conn, id, &row)?;
    cards::card(conn, client)
}

pub(crate) fn delete_address(
    conn: &Connection,
    client: &str,
    address: &str,
) -> Result<ClientCard, ApiError> {
    let (client, id, _) = writable_address(conn, client, address)?;
    conn.execute("DELETE FROM addresses WHERE id = ?1", [id])?;
    cards::card(conn, client)
}

fn insert_contact(conn: &Connection, client: i64, new: &NewContact) -> Result<(), ApiError> {
    let type_id = match reference("typeId", &new.type_id)? {
        Some(t) if exists(conn, "contact_types", t)? => t,
        _ => {
            return Err(ApiError::bad(format!(
                "Unknown contact typeId {:?}",
                new.type_id
            )));
        }
    };
    let value = required("value", &new.value)?;
    let id = next_id(conn, Table::Contacts)?;
    cards::insert_contact(conn, id, client, type_id, value)?;
    Ok(())
}

fn insert_address(conn: &Connection, client: i64, fields: AddressFields) -> Result<(), ApiError> {
    let mut row = AddressRow::default();
    if fields.type_id.as_deref().unwrap_or("").trim().is_empty() {
        return Err(ApiError::bad("typeId of the address is required"));
    }
    apply(&mut row, fields)?;
    validate(conn, &row)?;
    let id = next_id(conn, Table::Addresses)?;
    cards::insert_address(conn, id, client, &row)?;
    Ok(())
}

/// The client and the contact, which must be the client's.
fn contact_of(conn: &Connection, client: &str, contact: &str) -> Result<(i64, i64), ApiError> {
    let client_id = existing(conn, "clients", "Client", client)?;
    let id = parse_id(contact);
    let owner = id
        .map(|c| parent(conn, "contacts", "client_id", c))
        .transpose()?
        .flatten();
    match (id, owner) {
        (Some(id), Some(owner)) if owner == client_id => Ok((client_id, id)),
        _ => Err(ApiError::missing_row(format!(
            "Contact {contact} of client {client} not found"
        ))),
    }
}

/// The client, the address and its row; the address must be the client's
/// and not read-only.
fn writable_address(
    conn: &Connection,
    client: &str,
    address: &str,
) -> Result<(i64, i64, AddressRow), ApiError> {
    let client_id = existing(conn, "clients", "Client", client)?;
    let id = parse_id(address);
    let row = id
        .map(|id| cards::address_row(conn, client_id, id))
        .transpose()?
        .flatten();
    match (id, row) {
        (Some(_), Some(row)) if row.read_only => Err(ApiError::conflict(format!(
            "Address {address} is read-only"
        ))),
        (Some(id), Some(row)) => Ok((client_id, id, row)),
        _ => Err(ApiError::missing_row(format!(
            "Address {address} of client {client} not found"
        ))),
    }
}

/// Applies the fields sent to an address.
fn apply(row: &mut AddressRow, f: AddressFields) -> Result<(), ApiError> {
    if let Some(t) = f.type_id {
        row.type_id = reference("typeId", &t)?
            .ok_or_else(|| ApiError::bad("typeId of the address cannot be empty"))?;
    }
    for (field, value, target) in [
        ("countryId", f.country_id, &mut row.country_id),
        ("cityId", f.city_id, &mut row.city_id),
        ("streetId", f.street_id, &mut row.street_id),
        (
            "metroStationId",
            f.metro_station_id,
            &mut row.metro_station_id,
        ),
    ] {
        if let Some(value) = value {
            *target = reference(field, &value)?;
        }
    }
    for (value, target) in [
        (f.zip, &mut row.zip),
        (f.region, &mut row.region),
        (f.house, &mut row.house),
        (f.building, &mut row.building),
        (f.entry, &mut row.entry),
        (f.floor, &mut row.floor),
        (f.apartments, &mut row.apartments),
        (f.entry_code, &mut row.entry_code),
        (f.dop_info, &mut row.dop_info),
    ] {
        if let Some(value) = value {
            *target = value;
        }
    }
    Ok(())
}

/// The references of an address exist and agree with each other.
fn validate(conn: &Connection, a: &AddressRow) -> Result<(), ApiError> {
    if !exists(conn, "address_types", a.type_id)? {
        return Err(ApiError::bad(format!(
            "Unknown address typeId {}",
            a.type_id
        )));
    }
    if let Some(country) = a.country_id
        && !exists(conn, "countries", country)?
    {
        return Err(ApiError::bad(format!("Unknown countryId {country}")));
    }
    if let Some(city) = a.city_id {
        let Some(country) = parent(conn, "cities", "country_id", city)? else {
            return Err(ApiError::bad(format!("Unknown cityId {city}")));
        };
        if a.country_id.is_some_and(|c| c != country) {
            return Err(ApiError::bad(format!(
                "City {city} is not in country {}",
                id_string(a.country_id)
            )));
        }
    }
    for (field, table, id) in [
        ("streetId", "streets", a.street_id),
        ("metroStationId", "metro", a.metro_station_id),
    ] {
        let Some(id) = id else { continue };
        let Some(city) = parent(conn, table, "city_id", id)? else {
            return Err(ApiError::bad(format!("Unknown {field} {id}")));
        };
        if a.city_id != Some(city) {
            return Err(ApiError::bad(format!(
                "{field} {id} is not in the address's city {}",
                id_string(a.city_id)
            )));
        }
    }
    Ok(())
}

/// A reference sent in a body: "" is none; anything but digits cannot exist.
fn reference(field: &str, value: &str) -> Result<Option<i64>, ApiError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_id(value)
        .map(Some)
        .ok_or_else(|| ApiError::bad(format!("Unknown {field} {value:?}")))
}

fn required<'a>(field: &str, value: &'a str) -> Result<&'a str, ApiError> {
    if value.trim().is_empty() {
        Err(ApiError::bad(format!("{field} is required")))
    } else {
        Ok(value)
    }
}

/// A birthday as stored: `YYYY-MM-DD`, or "" when unknown. Accepts the
/// card's own `YYYY-MM-DDT00:00:00` too.
pub(crate) fn birthday(s: &str) -> Result<String, ApiError> {
    let s = s.trim();
    let date = s.strip_suffix("T00:00:00").unwrap_or(s);
    if date.is_empty() {
        return Ok(String::new());
    }
    let valid = date.len() == 10
        && crate::dates::parse_api(date).is_some_and(|d| (1900..=2100).contains(&d.year));
    if !valid {
        return Err(ApiError::bad(format!(
            "birthday {s:?} is not a date YYYY-MM-DD"
        )));
    }
    Ok(date.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::store::Store;

    #[test]
    fn a_read_only_address_cannot_be_changed_or_deleted() {
        let store = Store::open(None).expect("store");
        let client = "10000000009188";
        let result = store.with(|conn| {
            let row = AddressRow {
                type_id: 1,
                house: "1".into(),
                read_only: true,
                ..AddressRow::default()
            };
            let id = next_id(conn, Table::Addresses)?;
            cards::insert_address(conn, id, 10_000_000_009_188, &row)?;
            let id = id.to_string();
            let fields = AddressFields {
                house: Some("2".into()),
                ..AddressFields::default()
            };
            let changed = update_address(conn, client, &id, fields);
            let deleted = delete_address(conn, client, &id);
            let card = cards::card(conn, 10_000_000_009_188)?;
            Ok((changed, deleted, card))
        });
        let (changed, deleted, card) = result.expect("setup");
        for refused in [changed.map(|_| ()), deleted.map(|_| ())] {
            let e = refused.expect_err("refused");
            assert_eq!((e.status.as_u16(), e.code.as_str()), (409, "DLW-0010"));
            assert!(e.text.contains("read-only"), "{e:?}");
        }
        let address = card.addresses.iter().find(|a| a.read_only).expect("kept");
        assert_eq!(address.house, "1");
    }

    fn new_client(conn: &mut Connection, name: &str) -> Result<String, ApiError> {
        let new = NewClient {
            lastname: name.to_owned(),
            ..NewClient::default()
        };
        Ok(create_client(conn, new)?.id)
    }

    #[test]
    fn a_deleted_clients_id_is_never_given_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("sandbox.db");
        let store = Store::open(Some(&db)).expect("store");
        let (first, second) = store
            .with(|conn| {
                let first = new_client(conn, "Первый")?;
                delete_client(conn, &first)?;
                let second = new_client(conn, "Второй")?;
                delete_client(conn, &second)?;
                Ok((first, second))
            })
            .expect("writes");
        assert_ne!(first, second);
        drop(store);
        // Nor after a restart on the same file.
        let store = Store::open(Some(&db)).expect("reopen");
        let third = store
            .with(|conn| new_client(conn, "Третий"))
            .expect("create");
        let n = |id: &str| parse_id(id).expect("an id");
        assert!(
            n(&third) > n(&second) && n(&second) > n(&first),
            "{first} {second} {third}"
        );
    }

    #[test]
    fn birthdays() {
        assert_eq!(birthday("1971-10-18").ok().as_deref(), Some("1971-10-18"));
        assert_eq!(
            birthday("1971-10-18T00:00:00").ok().as_deref(),
            Some("1971-10-18")
        );
        assert_eq!(birthday("").ok().as_deref(), Some(""));
        assert_eq!(birthday("2000-02-29").ok().as_deref(), Some("2000-02-29"));
        for bad in [
            "1900-02-29",
            "18.10.1971",
            "1971-13-01",
            "1971-1-18",
            "1971-10-32",
            "abcd-ef-gh",
        ] {
            assert!(birthday(bad).is_err(), "{bad}");
        }
    }
}
