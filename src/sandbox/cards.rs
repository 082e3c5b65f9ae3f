//! Reading a client card, and the row-level inserts that the seed and the
//! writes share.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::ApiError;
use super::ids::id_string;
use crate::api::model::{Account, Address, ClientCard, Contact, LoyaltyCard};

/// An address as stored: references as ids, no names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct AddressRow {
    pub type_id: i64,
    pub country_id: Option<i64>,
    pub zip: String,
    pub region: String,
    pub city_id: Option<i64>,
    pub street_id: Option<i64>,
    pub house: String,
    pub building: String,
    pub entry: String,
    pub floor: String,
    pub apartments: String,
    pub entry_code: String,
    pub dop_info: String,
    pub lat: String,
    pub lng: String,
    pub metro_station_id: Option<i64>,
    pub read_only: bool,
}

pub(crate) fn insert_contact(
    conn: &Connection,
    id: i64,
    client_id: i64,
    type_id: i64,
    value: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO contacts (id, client_id, type_id, value) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, client_id, type_id, value])?;
    Ok(())
}

pub(crate) fn insert_address(
    conn: &Connection,
    id: i64,
    client_id: i64,
    a: &AddressRow,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO addresses (id, client_id, type_id, country_id, zip, region, city_id,
             street_id, house, building, entry, floor, apartments, entry_code, dop_info, lat, lng,
             metro_station_id, read_only)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19)",
    )?
    .execute(params![
        id,
        client_id,
        a.type_id,
        a.country_id,
        a.zip,
        a.region,
        a.city_id,
        a.street_id,
        a.house,
        a.building,
        a.entry,
        a.floor,
        a.apartments,
        a.entry_code,
        a.dop_info,
        a.lat,
        a.lng,
        a.metro_station_id,
        a.read_only
    ])?;
    Ok(())
}

/// Replaces every column of an existing address.
pub(crate) fn update_address_row(
    conn: &Connection,
    id: i64,
    a: &AddressRow,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE addresses SET type_id = ?2, country_id = ?3, zip = ?4, region = ?5, city_id = ?6,
             street_id = ?7, house = ?8, building = ?9, entry = ?10, floor = ?11,
             apartments = ?12, entry_code = ?13, dop_info = ?14, metro_station_id = ?15
         WHERE id = ?1",
        params![
            id,
            a.type_id,
            a.country_id,
            a.zip,
            a.region,
            a.city_id,
            a.street_id,
            a.house,
            a.building,
            a.entry,
            a.floor,
            a.apartments,
            a.entry_code,
            a.dop_info,
            a.metro_station_id
        ],
    )?;
    Ok(())
}

/// An address of a client as stored, or `None`.
pub(crate) fn address_row(
    conn: &Connection,
    client_id: i64,
    id: i64,
) -> rusqlite::Result<Option<AddressRow>> {
    conn.query_row(
        "SELECT type_id, country_id, zip, region, city_id, street_id, house, building, entry,
             floor, apartments, entry_code, dop_info, lat, lng, metro_station_id, read_only
         FROM addresses WHERE id = ?1 AND client_id = ?2",
        [id, client_id],
        |r| {
            Ok(AddressRow {
                type_id: r.get(0)?,
                country_id: r.get(1)?,
                zip: r.get(2)?,
                region: r.get(3)?,
                city_id: r.get(4)?,
                street_id: r.get(5)?,
                house: r.get(6)?,
                building: r.get(7)?,
                entry: r.get(8)?,
                floor: r.get(9)?,
                apartments: r.get(10)?,
                entry_code: r.get(11)?,
                dop_info: r.get(12)?,
                lat: r.get(13)?,
                lng: r.get(14)?,
                metro_station_id: r.get(15)?,
                read_only: r.get(16)?,
            })
        },
    )
    .optional()
}

/// The whole card of a client, with the names of its types, countries,
/// cities, streets and metro stations filled in.
pub(crate) fn card(conn: &Connection, id: i64) -> Result<ClientCard, ApiError> {
    let head = conn
        .query_row(
            "SELECT lastname, firstname, middlename, birthday, note, accounts, cards
             FROM clients WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((lastname, firstname, middlename, birthday, note, accounts, cards)) = head else {
        return Err(ApiError::not_found("Client", &id.to_string()));
    };
    let accounts: Vec<Account> =
        serde_json::from_str(&accounts).map_err(|e| ApiError::system(e.to_string()))?;
    let cards: Vec<LoyaltyCard> =
        serde_json::from_str(&cards).map_err(|e| ApiError::system(e.to_string()))?;
    Ok(ClientCard {
        id: id.to_string(),
        lastname,
        firstname,
        middlename,
        birthday: if birthday.is_empty() {
            birthday
        } else {
            format!("{birthday}T00:00:00")
        },
        note,
        contacts: contacts(conn, id)?,
        addresses: addresses(conn, id)?,
        accounts,
        cards,
    })
}

fn contacts(conn: &Connection, client_id: i64) -> rusqlite::Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.type_id, COALESCE(t.name, ''), c.value
         FROM contacts c LEFT JOIN contact_types t ON t.id = c.type_id
         WHERE c.client_id = ?1 ORDER BY c.id",
    )?;
    stmt.query_map([client_id], |r| {
        Ok(Contact {
            id: r.get::<_, i64>(0)?.to_string(),
            type_id: r.get::<_, i64>(1)?.to_string(),
            type_name: r.get(2)?,
            value: r.get(3)?,
        })
    })?
    .collect()
}

fn addresses(conn: &Connection, client_id: i64) -> rusqlite::Result<Vec<Address>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.type_id, COALESCE(t.name, ''), a.country_id, COALESCE(co.name, ''),
             a.zip, a.region, a.city_id, COALESCE(ci.name, ''), a.street_id,
             COALESCE(s.name, ''), a.house, a.building, a.entry, a.floor, a.apartments,
             a.entry_code, a.dop_info, a.lat, a.lng, a.metro_station_id, COALESCE(m.name, ''),
             a.read_only
         FROM addresses a
         LEFT JOIN address_types t ON t.id = a.type_id
         LEFT JOIN countries co ON co.id = a.country_id
         LEFT JOIN cities ci ON ci.id = a.city_id
         LEFT JOIN streets s ON s.id = a.street_id
         LEFT JOIN metro m ON m.id = a.metro_station_id
         WHERE a.client_id = ?1 ORDER BY a.id",
    )?;
    stmt.query_map([client_id], |r| {
        Ok(Address {
            id: r.get::<_, i64>(0)?.to_string(),
            type_id: r.get::<_, i64>(1)?.to_string(),
            type_name: r.get(2)?,
            country_id: id_string(r.get(3)?),
            country: r.get(4)?,
            zip: r.get(5)?,
            region: r.get(6)?,
            city_id: id_string(r.get(7)?),
            city: r.get(8)?,
            street_id: id_string(r.get(9)?),
            street: r.get(10)?,
            house: r.get(11)?,
            building: r.get(12)?,
            entry: r.get(13)?,
            floor: r.get(14)?,
            apartments: r.get(15)?,
            entry_code: r.get(16)?,
            dop_info: r.get(17)?,
            lat: r.get(18)?,
            lng: r.get(19)?,
            metro_station_id: id_string(r.get(20)?),
            metro_station: r.get(21)?,
            read_only: r.get(22)?,
        })
    })?
    .collect()
}
