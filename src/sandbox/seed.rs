//! The data a new sandbox starts with: the vendor's contact and address types
//! (here, as data) and the demo dictionaries and clients of `assets/seed/`.
//!
//! The seed files are compiled in. Formats (tab-separated, one header line):
//! `countries.tsv` `id name`; `cities.tsv` `id country_id name`;
//! `streets.tsv` `id city_id name postcode`; `metro.tsv` `id city_id name`;
//! `clients.json` a list of client cards with ids only (the names of types,
//! countries, … are filled in when a card is read) and `birthday` as
//! `YYYY-MM-DD` or "".

use rusqlite::{Transaction, params};

use super::cards::{self, AddressRow};
use super::error::SandboxError;
use super::ids::parse_id;
use crate::api::model::ClientCard;

/// A contact type as the vendor's server has it:
/// `(id, name, is_phone, is_email, is_skype, is_social_network, mailing)`.
type ContactTypeRow = (i64, &'static str, bool, bool, bool, bool, bool);

/// The vendor's six contact types, flags exactly as in its sample.
pub(crate) const CONTACT_TYPES: [ContactTypeRow; 6] = [
    (4, "E-Mail", false, true, false, false, false),
    (6, "ICQ", false, false, false, false, false),
    (5, "Skype", false, false, false, false, false),
    (1, "Телефон домашний", true, false, false, false, false),
    (3, "Телефон мобильный", true, false, false, false, false),
    (2, "Телефон рабочий", true, false, false, false, false),
];

/// The vendor's two address types.
pub(crate) const ADDRESS_TYPES: [(i64, &str); 2] = [(1, "Домашний"), (2, "Рабочий")];

/// The texts of the seed files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeedFiles<'a> {
    pub countries: &'a str,
    pub cities: &'a str,
    pub streets: &'a str,
    pub metro: &'a str,
    pub clients: &'a str,
}

impl SeedFiles<'static> {
    pub(crate) const BUILT_IN: SeedFiles<'static> = SeedFiles {
        countries: include_str!("../../assets/seed/countries.tsv"),
        cities: include_str!("../../assets/seed/cities.tsv"),
        streets: include_str!("../../assets/seed/streets.tsv"),
        metro: include_str!("../../assets/seed/metro.tsv"),
        clients: include_str!("../../assets/seed/clients.json"),
    };
}

/// Fills an empty database, inside the caller's transaction.
pub(crate) fn load(tx: &Transaction, files: &SeedFiles) -> Result<(), SandboxError> {
    let mut stmt = tx.prepare(
        "INSERT INTO contact_types (id, name, is_phone, is_email, is_skype, is_social_network, mailing)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (id, name, phone, email, skype, social, mailing) in CONTACT_TYPES {
        stmt.execute(params![id, name, phone, email, skype, social, mailing])?;
    }
    let mut stmt = tx.prepare("INSERT INTO address_types (id, name) VALUES (?1, ?2)")?;
    for (id, name) in ADDRESS_TYPES {
        stmt.execute(params![id, name])?;
    }

    let mut stmt = tx.prepare("INSERT INTO countries (id, name) VALUES (?1, ?2)")?;
    for_rows("countries.tsv", files.countries, 2, 2, |row| {
        stmt.execute(params![row.id(0)?, row.text(1)])
            .map_err(|e| row.error(e.to_string()))?;
        Ok(())
    })?;
    let mut stmt = tx.prepare("INSERT INTO cities (id, country_id, name) VALUES (?1, ?2, ?3)")?;
    for_rows("cities.tsv", files.cities, 3, 3, |row| {
        stmt.execute(params![row.id(0)?, row.id(1)?, row.text(2)])
            .map_err(|e| row.error(e.to_string()))?;
        Ok(())
    })?;
    let mut stmt =
        tx.prepare("INSERT INTO streets (id, city_id, name, post_code) VALUES (?1, ?2, ?3, ?4)")?;
    for_rows("streets.tsv", files.streets, 3, 4, |row| {
        stmt.execute(params![row.id(0)?, row.id(1)?, row.text(2), row.text(3)])
            .map_err(|e| row.error(e.to_string()))?;
        Ok(())
    })?;
    let mut stmt = tx.prepare("INSERT INTO metro (id, city_id, name) VALUES (?1, ?2, ?3)")?;
    for_rows("metro.tsv", files.metro, 3, 3, |row| {
        stmt.execute(params![row.id(0)?, row.id(1)?, row.text(2)])
            .map_err(|e| row.error(e.to_string()))?;
        Ok(())
    })?;
    load_clients(tx, files.clients)
}

/// One line of a TSV file.
struct Row<'a> {
    file: &'static str,
    line: usize,
    cols: Vec<&'a str>,
}

impl Row<'_> {
    fn error(&self, message: String) -> SandboxError {
        SandboxError::Seed {
            file: self.file,
            line: self.line,
            message,
        }
    }

    fn text(&self, i: usize) -> &str {
        self.cols.get(i).map_or("", |s| s.trim())
    }

    fn id(&self, i: usize) -> Result<i64, SandboxError> {
        let s = self.text(i);
        parse_id(s).ok_or_else(|| self.error(format!("column {}: {s:?} is not an id", i + 1)))
    }
}

/// Calls `f` for every line but the header (and blank ones), checking the
/// number of columns.
fn for_rows(
    file: &'static str,
    text: &str,
    min_cols: usize,
    max_cols: usize,
    mut f: impl FnMut(&Row) -> Result<(), SandboxError>,
) -> Result<(), SandboxError> {
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let row = Row {
            file,
            line: i + 1,
            cols: line.split('\t').collect(),
        };
        if !(min_cols..=max_cols).contains(&row.cols.len()) {
            return Err(row.error(format!(
                "expected {max_cols} tab-separated columns, found {}",
                row.cols.len()
            )));
        }
        f(&row)?;
    }
    Ok(())
}

/// The client cards of `clients.json`: what the sandbox stores and the demo's
/// directory starts with. A file that does not parse is an error naming it.
pub(crate) fn parse_clients(text: &str) -> Result<Vec<ClientCard>, SandboxError> {
    serde_json::from_str(text).map_err(|e| SandboxError::Seed {
        file: "clients.json",
        line: e.line(),
        message: e.to_string(),
    })
}

fn load_clients(tx: &Transaction, text: &str) -> Result<(), SandboxError> {
    for client in parse_clients(text)? {
        let error = |message: String| SandboxError::Seed {
            file: "clients.json",
            line: 0,
            message: format!("client {:?}: {message}", client.id),
        };
        let id = |s: &str| parse_id(s).ok_or_else(|| error(format!("{s:?} is not an id")));
        let opt_id = |s: &str| {
            if s.is_empty() {
                Ok(None)
            } else {
                id(s).map(Some)
            }
        };
        let client_id = id(&client.id)?;
        let accounts = serde_json::to_string(&client.accounts).map_err(|e| error(e.to_string()))?;
        let cards = serde_json::to_string(&client.cards).map_err(|e| error(e.to_string()))?;
        tx.execute(
            "INSERT INTO clients (id, lastname, firstname, middlename, birthday, note, accounts, cards)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                client_id,
                client.lastname,
                client.firstname,
                client.middlename,
                client.birthday,
                client.note,
                accounts,
                cards
            ],
        )
        .map_err(|e| error(e.to_string()))?;
        for contact in &client.contacts {
            cards::insert_contact(
                tx,
                id(&contact.id)?,
                client_id,
                id(&contact.type_id)?,
                &contact.value,
            )
            .map_err(|e| error(format!("contact {:?}: {e}", contact.id)))?;
        }
        for a in &client.addresses {
            let row = AddressRow {
                type_id: id(&a.type_id)?,
                country_id: opt_id(&a.country_id)?,
                zip: a.zip.clone(),
                region: a.region.clone(),
                city_id: opt_id(&a.city_id)?,
                street_id: opt_id(&a.street_id)?,
                house: a.house.clone(),
                building: a.building.clone(),
                entry: a.entry.clone(),
                floor: a.floor.clone(),
                apartments: a.apartments.clone(),
                entry_code: a.entry_code.clone(),
                dop_info: a.dop_info.clone(),
                lat: a.lat.clone(),
                lng: a.lng.clone(),
                metro_station_id: opt_id(&a.metro_station_id)?,
                read_only: a.read_only,
            };
            cards::insert_address(tx, id(&a.id)?, client_id, &row)
                .map_err(|e| error(format!("address {:?}: {e}", a.id)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::store::Store;

    #[test]
    fn a_malformed_line_names_file_and_line() {
        let files = SeedFiles {
            cities: "id\tcountry_id\tname\n10000000000002\t2\tМосква\nxx\t2\tТверь\n",
            ..SeedFiles::BUILT_IN
        };
        let text = seed_error(&files);
        assert!(text.contains("cities.tsv, line 3"), "{text}");
        assert!(text.contains("\"xx\" is not an id"), "{text}");

        let files = SeedFiles {
            metro: "id\tcity_id\tname\n1\t10000000000002\n",
            ..SeedFiles::BUILT_IN
        };
        let text = seed_error(&files);
        assert!(text.contains("metro.tsv, line 2: expected 3"), "{text}");
    }

    /// The error opening a store with `files` gives, or "" when it opens.
    fn seed_error(files: &SeedFiles) -> String {
        Store::open_with(None, files)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_reference_to_a_missing_row_is_an_error() {
        let files = SeedFiles {
            streets: "id\tcity_id\tname\tpostcode\n1\t999\tНигде\t000\n",
            ..SeedFiles::BUILT_IN
        };
        let text = seed_error(&files);
        assert!(text.contains("streets.tsv, line 2"), "{text}");
    }

    /// The built-in seed is the realistic one of `assets/README.md`, not a
    /// stub: at least its sizes, the vendor's types, and the vendor's sample
    /// client exactly as in its documentation. (How fast it loads is the
    /// `sandbox_start` bench's business, not a test's.)
    #[test]
    fn the_built_in_seed_has_the_sizes_of_the_table() -> Result<(), SandboxError> {
        const MOSCOW: i64 = 10_000_000_000_002;
        const SPB: i64 = 10_000_000_000_003;
        let store = Store::open(None)?;
        let (counts, moscow_metro, sample) = store
            .with(|conn| {
                let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| {
                    conn.query_row(sql, p, |r| r.get::<_, i64>(0))
                };
                let counts = [
                    count("SELECT COUNT(*) FROM countries", &[])?,
                    count("SELECT COUNT(*) FROM cities WHERE country_id = 2", &[])?,
                    count(
                        "SELECT COUNT(*) FROM streets WHERE city_id = ?1
                         AND post_code GLOB '1[0-9][0-9][0-9][0-9][0-9]'",
                        &[&MOSCOW],
                    )?,
                    count("SELECT COUNT(*) FROM streets WHERE city_id = ?1", &[&SPB])?,
                    count("SELECT COUNT(*) FROM metro WHERE city_id = ?1", &[&MOSCOW])?,
                    count("SELECT COUNT(*) FROM metro WHERE city_id = ?1", &[&SPB])?,
                    count("SELECT COUNT(*) FROM contact_types", &[])?,
                    count("SELECT COUNT(*) FROM address_types", &[])?,
                    count("SELECT COUNT(*) FROM clients", &[])?,
                ];
                let mut stmt = conn.prepare("SELECT name FROM metro WHERE city_id = ?1")?;
                let moscow_metro = stmt
                    .query_map([MOSCOW], |r| r.get::<_, String>(0))?
                    .collect::<Result<Vec<_>, _>>()?;
                let sample = cards::card(conn, 10_000_000_009_188)?;
                Ok((counts, moscow_metro, sample))
            })
            .map_err(|e| SandboxError::Io(std::io::Error::other(e.text)))?;

        let [
            countries,
            russian_cities,
            moscow_streets,
            spb_streets,
            moscow_metro_count,
            spb_metro,
            contact_types,
            address_types,
            clients,
        ] = counts;
        assert!(countries >= 200, "countries: {countries}");
        assert!(russian_cities >= 1_000, "Russian cities: {russian_cities}");
        assert!(
            moscow_streets >= 2_500,
            "Moscow streets with 1xxxxx postcodes: {moscow_streets}"
        );
        assert!(spb_streets >= 100, "St Petersburg streets: {spb_streets}");
        assert!(
            moscow_metro_count >= 200,
            "Moscow metro: {moscow_metro_count}"
        );
        assert!(spb_metro >= 60, "St Petersburg metro: {spb_metro}");
        for station in ["Лужники", "Бульвар Рокоссовского"] {
            assert!(
                moscow_metro.iter().any(|name| name == station),
                "{station} is not in Moscow's metro"
            );
        }
        assert_eq!((contact_types, address_types), (6, 2));
        assert_eq!(clients, 40);

        let vendor: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/vendor/client.json"))
                .map_err(|e| SandboxError::Io(e.into()))?;
        let vendor: ClientCard = serde_json::from_value(vendor["data"].clone())
            .map_err(|e| SandboxError::Io(e.into()))?;
        assert_eq!(sample, vendor, "the vendor's sample client, as documented");
        Ok(())
    }
}
