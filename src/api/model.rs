//! The CRM's data, as the API sends and receives it.
//!
//! These types are shared by the client (`api::Client`) and the sandbox CRM,
//! so the two cannot drift apart. Field names follow the vendor's JSON
//! exactly; decoding is tolerant (see [`super::lenient`]).

use serde::{Deserialize, Serialize};

use super::lenient;

/// A typed id: a swapped argument (a contact's id where the client's is
/// expected) is a compile error. Sent and read as the plain string.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// A client's id (`Clients?Id=`). Another kind of id does not fit:
    ///
    /// ```compile_fail
    /// use crmcard::api::model::{ClientId, ContactId};
    /// let client: ClientId = ContactId::new("1");
    /// ```
    ClientId
);
id_type!(
    /// A contact's id within a client.
    ContactId
);
id_type!(
    /// An address's id within a client.
    AddressId
);

/// A contact type (`GET TypesContacts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ContactType {
    #[serde(deserialize_with = "lenient::string", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub name: String,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_phone: bool,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_email: bool,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_skype: bool,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_social_network: bool,
    /// Contacts of this type may be used for notifications and mailings.
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub mailing: bool,
}

/// An entry of a plain dictionary: address types, countries, cities, metro
/// stations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DictEntry {
    #[serde(deserialize_with = "lenient::string", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub name: String,
}

/// A street with its postcode (`GET Streets`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Street {
    #[serde(deserialize_with = "lenient::string", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub name: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub post_code: String,
}

/// The answer of a DELETE of a city, a street or a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Deleted {
    #[serde(deserialize_with = "lenient::string", default)]
    pub id: String,
}

/// The client card (`GET Clients`, and the answer of every client write).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ClientCard {
    #[serde(deserialize_with = "lenient::string", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub lastname: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub firstname: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub middlename: String,
    /// `YYYY-MM-DDT00:00:00`, or empty.
    #[serde(deserialize_with = "lenient::string", default)]
    pub birthday: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub note: String,
    #[serde(deserialize_with = "lenient::list", default)]
    pub contacts: Vec<Contact>,
    #[serde(deserialize_with = "lenient::list", default)]
    pub addresses: Vec<Address>,
    #[serde(deserialize_with = "lenient::list", default)]
    pub accounts: Vec<Account>,
    #[serde(deserialize_with = "lenient::list", default)]
    pub cards: Vec<LoyaltyCard>,
}

/// One contact of a client: a phone, an e-mail, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    #[serde(deserialize_with = "lenient::string", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub type_id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub type_name: String,
    #[serde(deserialize_with = "lenient::string", default, alias = "Value")]
    pub value: String,
}

/// A delivery address of a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(deserialize_with = "lenient::string", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub type_id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub type_name: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub country_id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub country: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub zip: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub region: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub city_id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub city: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub street_id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub street: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub house: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub building: String,
    /// The entrance (подъезд).
    #[serde(deserialize_with = "lenient::string", default)]
    pub entry: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub floor: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub apartments: String,
    /// The intercom code.
    #[serde(deserialize_with = "lenient::string", default)]
    pub entry_code: String,
    /// Free notes.
    #[serde(deserialize_with = "lenient::string", default)]
    pub dop_info: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub lat: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub lng: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub metro_station_id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub metro_station: String,
    /// Must not be edited (nor deleted) through crmcard.
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub read_only: bool,
}

/// A client's account (bonus, deposit, …): read-only through the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    #[serde(deserialize_with = "lenient::string", default)]
    pub account_number: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub status: String,
    #[serde(
        rename = "accountTypeID",
        deserialize_with = "lenient::integer",
        default
    )]
    pub account_type_id: i64,
    #[serde(deserialize_with = "lenient::string", default)]
    pub account_type_name: String,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub account_debit_enabled: bool,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub account_credit_enabled: bool,
    #[serde(deserialize_with = "lenient::string", default)]
    pub date_create: String,
    #[serde(deserialize_with = "lenient::number", default)]
    pub balance: f64,
    #[serde(deserialize_with = "lenient::opt_string", default)]
    pub account_code: Option<String>,
}

/// A loyalty card: read-only through the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct LoyaltyCard {
    #[serde(deserialize_with = "lenient::string", default)]
    pub card_code: String,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_virtual_card: bool,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_confirm_manager: bool,
    #[serde(deserialize_with = "lenient::string", default)]
    pub status: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub date_offered: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub date_expired: String,
    #[serde(rename = "groupID", deserialize_with = "lenient::integer", default)]
    pub group_id: i64,
    #[serde(deserialize_with = "lenient::string", default)]
    pub group_name: String,
}

// ---------------------------------------------------------------- bodies

/// The body of `POST Cities` and `PUT Cities`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CityBody {
    #[serde(
        rename = "Name",
        alias = "name",
        deserialize_with = "lenient::string",
        default
    )]
    pub name: String,
}

/// The body of `POST Streets` and `PUT Streets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct StreetBody {
    #[serde(
        rename = "Name",
        alias = "name",
        deserialize_with = "lenient::string",
        default
    )]
    pub name: String,
    #[serde(
        rename = "PostCode",
        alias = "postCode",
        deserialize_with = "lenient::string",
        default
    )]
    pub post_code: String,
}

/// The body of `PUT Clients`: the main data. Fields left `None` are not sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MainData {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lastname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub middlename: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub birthday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
}

/// The body of `POST Clients/Contacts`, and a contact of a new client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct NewContact {
    #[serde(deserialize_with = "lenient::string", default)]
    pub type_id: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub value: String,
}

/// The body of `PUT Clients/Contacts`: only the value can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ContactValue {
    #[serde(deserialize_with = "lenient::string", default)]
    pub value: String,
}

/// Address fields of a write: `POST Clients/Addresses` sends them all, `PUT`
/// only those that changed. Fields left `None` are not sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AddressFields {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub type_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub zip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub city_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub street_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub house: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub building: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub floor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub apartments: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entry_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dop_info: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub metro_station_id: Option<String>,
}

/// The body of `POST Clients`: a new client with its first contacts and
/// addresses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NewClient {
    #[serde(deserialize_with = "lenient::string", default)]
    pub lastname: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub firstname: String,
    #[serde(deserialize_with = "lenient::string", default)]
    pub middlename: String,
    /// `YYYY-MM-DD`; not sent when unknown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub birthday: Option<String>,
    #[serde(deserialize_with = "lenient::string", default)]
    pub note: String,
    #[serde(deserialize_with = "lenient::list", default)]
    pub contacts: Vec<NewContact>,
    #[serde(deserialize_with = "lenient::list", default)]
    pub addresses: Vec<AddressFields>,
}
