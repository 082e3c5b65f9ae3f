//! Which dictionary list (contact types, countries, a city's streets, …).

/// Which list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DictKey {
    ContactTypes,
    AddressTypes,
    Countries,
    Cities { country_id: String },
    Streets { city_id: String },
    Metro { city_id: String },
}
