//! The 22 endpoints: which path and method do what, with which parameters.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::dicts;
use super::error::ApiError;
use super::store::Store;
use super::writes;
use crate::api::model::{ClientCard, ContactType, Deleted, DictEntry, Street};

/// A path of the API, after `/api/v1/crm/`, spelled exactly as the vendor
/// does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    TypesContacts,
    TypesAddresses,
    Countries,
    Cities,
    MetroStations,
    Streets,
    Clients,
    ClientContacts,
    ClientAddresses,
}

impl Endpoint {
    pub(crate) fn from_path(path: &str) -> Option<Endpoint> {
        Some(match path {
            "TypesContacts" => Endpoint::TypesContacts,
            "TypesAddresses" => Endpoint::TypesAddresses,
            "Countries" => Endpoint::Countries,
            "Cities" => Endpoint::Cities,
            "MetroStations" => Endpoint::MetroStations,
            "Streets" => Endpoint::Streets,
            "Clients" => Endpoint::Clients,
            "Clients/Contacts" => Endpoint::ClientContacts,
            "Clients/Addresses" => Endpoint::ClientAddresses,
            _ => return None,
        })
    }
}

/// One request, as the handlers see it.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    pub endpoint: Endpoint,
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    /// `false`: `DELETE Clients` answers DLW-0011.
    pub client_delete: bool,
}

impl Call<'_> {
    /// A query parameter, by its exact name; missing or empty is DLW-0007.
    fn param(&self, name: &str) -> Result<&str, ApiError> {
        self.query
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .ok_or_else(|| ApiError::missing(name))
    }

    /// The JSON body as `T`: an object is required; a malformed or
    /// wrong-shaped one is DLW-0007.
    fn body<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::bad("A JSON body is required"));
        }
        let value: Value = serde_json::from_slice(self.body)
            .map_err(|e| ApiError::bad(format!("Malformed JSON body: {e}")))?;
        if !value.is_object() {
            return Err(ApiError::bad("The body must be a JSON object"));
        }
        serde_json::from_value(value).map_err(|e| ApiError::bad(format!("Invalid body: {e}")))
    }
}

/// Carries out a call (authentication already checked) and gives the `data`
/// of the answer.
pub(crate) fn handle(store: &Store, call: &Call) -> Result<Data, ApiError> {
    use Endpoint as E;
    match (call.endpoint, call.method) {
        (E::TypesContacts, "GET") => data(store.with(|c| dicts::contact_types(c))),
        (E::TypesAddresses, "GET") => data(store.with(|c| dicts::address_types(c))),
        (E::Countries, "GET") => data(store.with(|c| dicts::countries(c))),
        (E::Cities, "GET") => {
            let country = call.param("countryId")?;
            data(store.with(|c| dicts::cities(c, country)))
        }
        (E::Cities, "POST") => {
            let country = call.param("countryId")?;
            let body = call.body()?;
            data(store.with(|c| dicts::add_city(c, country, body)))
        }
        (E::Cities, "PUT") => {
            let id = call.param("Id")?;
            let body = call.body()?;
            data(store.with(|c| dicts::rename_city(c, id, body)))
        }
        (E::Cities, "DELETE") => {
            let id = call.param("Id")?;
            data(store.with(|c| dicts::delete_city(c, id)))
        }
        (E::MetroStations, "GET") => {
            let city = call.param("cityId")?;
            data(store.with(|c| dicts::metro_stations(c, city)))
        }
        (E::Streets, "GET") => {
            let city = call.param("cityId")?;
            data(store.with(|c| dicts::streets(c, city)))
        }
        (E::Streets, "POST") => {
            let city = call.param("cityId")?;
            let body = call.body()?;
            data(store.with(|c| dicts::add_street(c, city, body)))
        }
        (E::Streets, "PUT") => {
            let id = call.param("Id")?;
            let body = call.body()?;
            data(store.with(|c| dicts::update_street(c, id, body)))
        }
        (E::Streets, "DELETE") => {
            let id = call.param("Id")?;
            data(store.with(|c| dicts::delete_street(c, id)))
        }
        (E::Clients, "GET") => {
            let id = call.param("Id")?;
            data(store.with(|c| {
                let id = super::store::existing(c, "clients", "Client", id)?;
                super::cards::card(c, id)
            }))
        }
        (E::Clients, "POST") => {
            let body = call.body()?;
            data(store.with(|c| writes::create_client(c, body)))
        }
        (E::Clients, "PUT") => {
            let id = call.param("clientId")?;
            let body = call.body()?;
            data(store.with(|c| writes::update_client(c, id, body)))
        }
        (E::Clients, "DELETE") => {
            let id = call.param("clientId")?;
            if !call.client_delete {
                return Err(ApiError::not_implemented(
                    "Deleting clients is not available in this CRM version",
                ));
            }
            data(store.with(|c| writes::delete_client(c, id)))
        }
        (E::ClientContacts, "POST") => {
            let client = call.param("clientId")?;
            let body = call.body()?;
            data(store.with(|c| writes::add_contact(c, client, body)))
        }
        (E::ClientContacts, "PUT") => {
            let (client, contact) = (call.param("clientId")?, call.param("contactId")?);
            let body = call.body()?;
            data(store.with(|c| writes::update_contact(c, client, contact, body)))
        }
        (E::ClientContacts, "DELETE") => {
            let (client, contact) = (call.param("clientId")?, call.param("contactId")?);
            data(store.with(|c| writes::delete_contact(c, client, contact)))
        }
        (E::ClientAddresses, "POST") => {
            let client = call.param("clientId")?;
            let body = call.body()?;
            data(store.with(|c| writes::add_address(c, client, body)))
        }
        (E::ClientAddresses, "PUT") => {
            let (client, address) = (call.param("clientId")?, call.param("contactId")?);
            let body = call.body()?;
            data(store.with(|c| writes::update_address(c, client, address, body)))
        }
        (E::ClientAddresses, "DELETE") => {
            let (client, address) = (call.param("clientId")?, call.param("contactId")?);
            data(store.with(|c| writes::delete_address(c, client, address)))
        }
        _ => Err(ApiError::method_not_allowed(call.method, call.path)),
    }
}

fn data<T: Into<Data>>(result: Result<T, ApiError>) -> Result<Data, ApiError> {
    result.map(Into::into)
}

/// The `data` of an answer. Kept typed (not a `serde_json::Value`, whose
/// maps sort their keys) so that fields come in the vendor's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum Data {
    ContactTypes(Vec<ContactType>),
    Entries(Vec<DictEntry>),
    Entry(DictEntry),
    Streets(Vec<Street>),
    Street(Street),
    Deleted(Deleted),
    Card(Box<ClientCard>),
}

macro_rules! data_from {
    ($($variant:ident($t:ty) => $wrap:expr),* $(,)?) => {
        $(impl From<$t> for Data {
            fn from(v: $t) -> Self {
                Data::$variant($wrap(v))
            }
        })*
    };
}

data_from! {
    ContactTypes(Vec<ContactType>) => std::convert::identity,
    Entries(Vec<DictEntry>) => std::convert::identity,
    Entry(DictEntry) => std::convert::identity,
    Streets(Vec<Street>) => std::convert::identity,
    Street(Street) => std::convert::identity,
    Deleted(Deleted) => std::convert::identity,
    Card(ClientCard) => Box::new,
}
