//! The dictionaries: contact and address types, countries, cities, metro
//! stations, streets; and the writes to cities and streets.
//!
//! Order of the lists, as in the vendor's samples: types, countries and metro
//! stations by name; cities and streets newest (largest id) first.
//!
//! Deleting a city or a street that an address uses is refused (409,
//! DLW-0010); a city without such addresses is deleted with its streets and
//! metro stations.

use rusqlite::{Connection, params};

use super::error::ApiError;
use super::store::{Table, existing, next_id};
use crate::api::model::{CityBody, ContactType, Deleted, DictEntry, Street, StreetBody};

pub(crate) fn contact_types(conn: &Connection) -> Result<Vec<ContactType>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, is_phone, is_email, is_skype, is_social_network, mailing
         FROM contact_types ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ContactType {
            id: r.get::<_, i64>(0)?.to_string(),
            name: r.get(1)?,
            is_phone: r.get(2)?,
            is_email: r.get(3)?,
            is_skype: r.get(4)?,
            is_social_network: r.get(5)?,
            mailing: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn address_types(conn: &Connection) -> Result<Vec<DictEntry>, ApiError> {
    entries(conn, "SELECT id, name FROM address_types ORDER BY id", [])
}

pub(crate) fn countries(conn: &Connection) -> Result<Vec<DictEntry>, ApiError> {
    entries(conn, "SELECT id, name FROM countries ORDER BY name, id", [])
}

pub(crate) fn cities(conn: &Connection, country_id: &str) -> Result<Vec<DictEntry>, ApiError> {
    let country = existing(conn, "countries", "Country", country_id)?;
    entries(
        conn,
        "SELECT id, name FROM cities WHERE country_id = ?1 ORDER BY id DESC",
        [country],
    )
}

pub(crate) fn metro_stations(conn: &Connection, city_id: &str) -> Result<Vec<DictEntry>, ApiError> {
    let city = existing(conn, "cities", "City", city_id)?;
    entries(
        conn,
        "SELECT id, name FROM metro WHERE city_id = ?1 ORDER BY name, id",
        [city],
    )
}

pub(crate) fn streets(conn: &Connection, city_id: &str) -> Result<Vec<Street>, ApiError> {
    let city = existing(conn, "cities", "City", city_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, post_code FROM streets WHERE city_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([city], |r| {
        Ok(Street {
            id: r.get::<_, i64>(0)?.to_string(),
            name: r.get(1)?,
            post_code: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn add_city(
    conn: &Connection,
    country_id: &str,
    body: CityBody,
) -> Result<DictEntry, ApiError> {
    let country = existing(conn, "countries", "Country", country_id)?;
    let name = required_name(&body.name)?;
    let id = next_id(conn, Table::Cities)?;
    conn.execute(
        "INSERT INTO cities (id, country_id, name) VALUES (?1, ?2, ?3)",
        params![id, country, name],
    )?;
    Ok(DictEntry {
        id: id.to_string(),
        name: name.to_owned(),
    })
}

pub(crate) fn rename_city(
    conn: &Connection,
    id: &str,
    body: CityBody,
) -> Result<DictEntry, ApiError> {
    let city = existing(conn, "cities", "City", id)?;
    let name = required_name(&body.name)?;
    conn.execute(
        "UPDATE cities SET name = ?2 WHERE id = ?1",
        params![city, name],
    )?;
    Ok(DictEntry {
        id: city.to_string(),
        name: name.to_owned(),
    })
}

pub(crate) fn delete_city(conn: &Connection, id: &str) -> Result<Deleted, ApiError> {
    let city = existing(conn, "cities", "City", id)?;
    let used: i64 = conn.query_row(
        "SELECT COUNT(*) FROM addresses
         WHERE city_id = ?1 OR street_id IN (SELECT id FROM streets WHERE city_id = ?1)
            OR metro_station_id IN (SELECT id FROM metro WHERE city_id = ?1)",
        [city],
        |r| r.get(0),
    )?;
    if used > 0 {
        return Err(ApiError::conflict(format!(
            "City {city} is used by {used} address(es)"
        )));
    }
    conn.execute("DELETE FROM cities WHERE id = ?1", [city])?;
    Ok(Deleted {
        id: city.to_string(),
    })
}

pub(crate) fn add_street(
    conn: &Connection,
    city_id: &str,
    body: StreetBody,
) -> Result<Street, ApiError> {
    let city = existing(conn, "cities", "City", city_id)?;
    let name = required_name(&body.name)?;
    let id = next_id(conn, Table::Streets)?;
    conn.execute(
        "INSERT INTO streets (id, city_id, name, post_code) VALUES (?1, ?2, ?3, ?4)",
        params![id, city, name, body.post_code],
    )?;
    Ok(Street {
        id: id.to_string(),
        name: name.to_owned(),
        post_code: body.post_code,
    })
}

pub(crate) fn update_street(
    conn: &Connection,
    id: &str,
    body: StreetBody,
) -> Result<Street, ApiError> {
    let street = existing(conn, "streets", "Street", id)?;
    let name = required_name(&body.name)?;
    conn.execute(
        "UPDATE streets SET name = ?2, post_code = ?3 WHERE id = ?1",
        params![street, name, body.post_code],
    )?;
    Ok(Street {
        id: street.to_string(),
        name: name.to_owned(),
        post_code: body.post_code,
    })
}

pub(crate) fn delete_street(conn: &Connection, id: &str) -> Result<Deleted, ApiError> {
    let street = existing(conn, "streets", "Street", id)?;
    let used: i64 = conn.query_row(
        "SELECT COUNT(*) FROM addresses WHERE street_id = ?1",
        [street],
        |r| r.get(0),
    )?;
    if used > 0 {
        return Err(ApiError::conflict(format!(
            "Street {street} is used by {used} address(es)"
        )));
    }
    conn.execute("DELETE FROM streets WHERE id = ?1", [street])?;
    Ok(Deleted {
        id: street.to_string(),
    })
}

fn required_name(name: &str) -> Result<&str, ApiError> {
    let name = name.trim();
    if name.is_empty() {
        Err(ApiError::bad("Name is required"))
    } else {
        Ok(name)
    }
}

fn entries<P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
) -> Result<Vec<DictEntry>, ApiError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok(DictEntry {
            id: r.get::<_, i64>(0)?.to_string(),
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
