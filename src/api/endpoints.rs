//! The CRM API's 22 endpoints, one method each: where it is (a [`Route`]),
//! its method and its body. How a call is sent (retries, time limits, the
//! sid's redaction) is [`Client::get`] and [`Client::write`].

use reqwest::Method;

use super::client::{Client, NO_BODY, Route};
use super::decode::{decode, decode_card};
use super::error::ApiError;
use super::model::{
    AddressFields, CityBody, ClientCard, ContactType, ContactValue, Deleted, DictEntry, MainData,
    NewClient, NewContact, Street, StreetBody,
};

const CONTACT_TYPES: Route<0> = Route::new("TypesContacts", []);
const ADDRESS_TYPES: Route<0> = Route::new("TypesAddresses", []);
const COUNTRIES: Route<0> = Route::new("Countries", []);
const CITIES: Route<1> = Route::new("Cities", ["countryId"]);
const CITY: Route<1> = Route::new("Cities", ["Id"]);
const METRO_STATIONS: Route<1> = Route::new("MetroStations", ["cityId"]);
const STREETS: Route<1> = Route::new("Streets", ["cityId"]);
const STREET: Route<1> = Route::new("Streets", ["Id"]);
const CLIENT_READ: Route<1> = Route::new("Clients", ["Id"]);
const CLIENTS: Route<0> = Route::new("Clients", []);
const CLIENT: Route<1> = Route::new("Clients", ["clientId"]);
const CONTACTS: Route<1> = Route::new("Clients/Contacts", ["clientId"]);
const CONTACT: Route<2> = Route::new("Clients/Contacts", ["clientId", "contactId"]);
const ADDRESSES: Route<1> = Route::new("Clients/Addresses", ["clientId"]);
/// An address is named by `contactId` too.
const ADDRESS: Route<2> = Route::new("Clients/Addresses", ["clientId", "contactId"]);

impl Client {
    // ------------------------------------------------------ dictionaries

    /// Endpoint 1: `GET TypesContacts`
    pub async fn contact_types(&self) -> Result<Vec<ContactType>, ApiError> {
        self.get(&CONTACT_TYPES, [], decode).await
    }

    /// Endpoint 2: `GET TypesAddresses`
    pub async fn address_types(&self) -> Result<Vec<DictEntry>, ApiError> {
        self.get(&ADDRESS_TYPES, [], decode).await
    }

    /// Endpoint 3: `GET Countries`
    pub async fn countries(&self) -> Result<Vec<DictEntry>, ApiError> {
        self.get(&COUNTRIES, [], decode).await
    }

    /// Endpoint 4: `GET Cities?countryId=`
    pub async fn cities(&self, country_id: &str) -> Result<Vec<DictEntry>, ApiError> {
        self.get(&CITIES, [country_id], decode).await
    }

    /// Endpoint 5: `POST Cities?countryId=` with `{Name}`
    pub async fn create_city(&self, country_id: &str, name: &str) -> Result<DictEntry, ApiError> {
        let body = city(name);
        self.write(Method::POST, &CITIES, [country_id], Some(&body), decode)
            .await
    }

    /// Endpoint 6: `PUT Cities?Id=` with `{Name}`
    pub async fn rename_city(&self, city_id: &str, name: &str) -> Result<DictEntry, ApiError> {
        let body = city(name);
        self.write(Method::PUT, &CITY, [city_id], Some(&body), decode)
            .await
    }

    /// Endpoint 7: `DELETE Cities?Id=`
    pub async fn delete_city(&self, city_id: &str) -> Result<Deleted, ApiError> {
        self.write(Method::DELETE, &CITY, [city_id], NO_BODY, decode)
            .await
    }

    /// Endpoint 8: `GET MetroStations?cityId=`
    pub async fn metro_stations(&self, city_id: &str) -> Result<Vec<DictEntry>, ApiError> {
        self.get(&METRO_STATIONS, [city_id], decode).await
    }

    /// Endpoint 9: `GET Streets?cityId=`
    pub async fn streets(&self, city_id: &str) -> Result<Vec<Street>, ApiError> {
        self.get(&STREETS, [city_id], decode).await
    }

    /// Endpoint 10: `POST Streets?cityId=` with `{Name, PostCode}`
    pub async fn create_street(
        &self,
        city_id: &str,
        name: &str,
        post_code: &str,
    ) -> Result<Street, ApiError> {
        let body = street(name, post_code);
        self.write(Method::POST, &STREETS, [city_id], Some(&body), decode)
            .await
    }

    /// Endpoint 11: `PUT Streets?Id=` with `{Name, PostCode}`
    pub async fn update_street(
        &self,
        street_id: &str,
        name: &str,
        post_code: &str,
    ) -> Result<Street, ApiError> {
        let body = street(name, post_code);
        self.write(Method::PUT, &STREET, [street_id], Some(&body), decode)
            .await
    }

    /// Endpoint 12: `DELETE Streets?Id=`
    pub async fn delete_street(&self, street_id: &str) -> Result<Deleted, ApiError> {
        self.write(Method::DELETE, &STREET, [street_id], NO_BODY, decode)
            .await
    }

    // ------------------------------------------------------------ clients

    /// Endpoint 13: `GET Clients?Id=`
    pub async fn client(&self, client_id: &str) -> Result<ClientCard, ApiError> {
        self.get(&CLIENT_READ, [client_id], decode_card).await
    }

    /// Endpoint 14: `POST Clients` with the new client, its contacts and addresses
    pub async fn create_client(&self, client: &NewClient) -> Result<ClientCard, ApiError> {
        self.write(Method::POST, &CLIENTS, [], Some(client), decode_card)
            .await
    }

    /// Endpoint 15: `PUT Clients?clientId=` with the main data
    pub async fn update_client(
        &self,
        client_id: &str,
        main: &MainData,
    ) -> Result<ClientCard, ApiError> {
        self.write(Method::PUT, &CLIENT, [client_id], Some(main), decode_card)
            .await
    }

    /// Endpoint 16: `DELETE Clients?clientId=` (not every CRM version has it: DLW-0011)
    pub async fn delete_client(&self, client_id: &str) -> Result<Deleted, ApiError> {
        self.write(Method::DELETE, &CLIENT, [client_id], NO_BODY, decode)
            .await
    }

    /// Endpoint 17: `POST Clients/Contacts?clientId=` with `{typeId, value}`
    pub async fn add_contact(
        &self,
        client_id: &str,
        contact: &NewContact,
    ) -> Result<ClientCard, ApiError> {
        let values = [client_id];
        self.write(Method::POST, &CONTACTS, values, Some(contact), decode_card)
            .await
    }

    /// Endpoint 18: `PUT Clients/Contacts?clientId=&contactId=` with `{value}`
    pub async fn update_contact(
        &self,
        client_id: &str,
        contact_id: &str,
        value: &str,
    ) -> Result<ClientCard, ApiError> {
        let values = [client_id, contact_id];
        let body = ContactValue {
            value: value.to_owned(),
        };
        self.write(Method::PUT, &CONTACT, values, Some(&body), decode_card)
            .await
    }

    /// Endpoint 19: `DELETE Clients/Contacts?clientId=&contactId=`
    pub async fn delete_contact(
        &self,
        client_id: &str,
        contact_id: &str,
    ) -> Result<ClientCard, ApiError> {
        let values = [client_id, contact_id];
        self.write(Method::DELETE, &CONTACT, values, NO_BODY, decode_card)
            .await
    }

    /// Endpoint 20: `POST Clients/Addresses?clientId=` with the address fields
    pub async fn add_address(
        &self,
        client_id: &str,
        address: &AddressFields,
    ) -> Result<ClientCard, ApiError> {
        let values = [client_id];
        self.write(Method::POST, &ADDRESSES, values, Some(address), decode_card)
            .await
    }

    /// Endpoint 21: `PUT Clients/Addresses?clientId=&contactId=<address id>` with
    /// the changed fields only
    pub async fn update_address(
        &self,
        client_id: &str,
        address_id: &str,
        changes: &AddressFields,
    ) -> Result<ClientCard, ApiError> {
        let values = [client_id, address_id];
        self.write(Method::PUT, &ADDRESS, values, Some(changes), decode_card)
            .await
    }

    /// Endpoint 22: `DELETE Clients/Addresses?clientId=&contactId=<address id>`
    pub async fn delete_address(
        &self,
        client_id: &str,
        address_id: &str,
    ) -> Result<ClientCard, ApiError> {
        let values = [client_id, address_id];
        self.write(Method::DELETE, &ADDRESS, values, NO_BODY, decode_card)
            .await
    }
}

fn city(name: &str) -> CityBody {
    CityBody {
        name: name.to_owned(),
    }
}

fn street(name: &str, post_code: &str) -> StreetBody {
    StreetBody {
        name: name.to_owned(),
        post_code: post_code.to_owned(),
    }
}
