//! The CRM's data, as the API sends and receives it.
//!
//! These types are shared by the client (`api::Client`) and the sandbox CRM,
//! so the two cannot drift apart. Field names follow the vendor's JSON
//! exactly; decoding is tolerant (see [`super::lenient`]), and every string
//! of an answer is cleaned of control characters as it is decoded.

use serde::{Deserialize, Serialize};

use super::lenient::{self, Reading};
use crate::dates::{Date, parse_api};

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
    #[serde(deserialize_with = "lenient::clean", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
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

impl ContactType {
    /// Whether this is a phone type whose name says mobile («Телефон
    /// мобильный», «Сотовый», "Mobile").
    pub(crate) fn is_mobile_phone(&self) -> bool {
        let name = self.name.to_lowercase();
        self.is_phone && ["моб", "сотов", "mobile"].iter().any(|w| name.contains(w))
    }

    /// The type a caller's or a typed number gets: the first mobile phone
    /// type, else the first phone type; none when there is no phone type.
    pub(crate) fn for_a_mobile(types: &[ContactType]) -> Option<&ContactType> {
        let phones = || types.iter().filter(|t| t.is_phone);
        phones()
            .find(|t| t.is_mobile_phone())
            .or_else(|| phones().next())
    }
}

/// An entry of a plain dictionary: address types, countries, cities, metro
/// stations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DictEntry {
    #[serde(deserialize_with = "lenient::clean", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub name: String,
}

/// A street with its postcode (`GET Streets`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Street {
    #[serde(deserialize_with = "lenient::clean", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub name: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub post_code: String,
}

/// The answer of a DELETE of a city, a street or a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Deleted {
    #[serde(deserialize_with = "lenient::clean", default)]
    pub id: String,
}

/// The client card (`GET Clients`, and the answer of every client write).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ClientCard {
    #[serde(deserialize_with = "lenient::clean", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub lastname: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub firstname: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub middlename: String,
    /// `YYYY-MM-DDT00:00:00`, or empty.
    #[serde(deserialize_with = "lenient::clean", default)]
    pub birthday: String,
    /// Free text; may span lines.
    #[serde(deserialize_with = "lenient::clean_multiline", default)]
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

/// The earliest birth year crmcard takes for a real one.
pub(crate) const FIRST_BIRTH_YEAR: i32 = 1900;

impl ClientCard {
    /// The birthday: `Value(None)` when there is none, `Value(Some(date))`
    /// for a date between [`FIRST_BIRTH_YEAR`] and `today`, and
    /// `Unreadable` with the server's text for anything else (a birthday in
    /// 2999, "31.02", "abc"): never an age of 0 or a plausible date.
    pub(crate) fn birthday_reading(&self, today: Date) -> Reading<Option<Date>> {
        if self.birthday.trim().is_empty() {
            return Reading::Value(None);
        }
        match parse_api(&self.birthday) {
            Some(date) if date.year >= FIRST_BIRTH_YEAR && date <= today => {
                Reading::Value(Some(date))
            }
            _ => Reading::Unreadable(self.birthday.clone()),
        }
    }
}

/// One contact of a client: a phone, an e-mail, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    #[serde(deserialize_with = "lenient::clean", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub type_id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub type_name: String,
    #[serde(deserialize_with = "lenient::clean", default, alias = "Value")]
    pub value: String,
}

/// A delivery address of a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(deserialize_with = "lenient::clean", default)]
    pub id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub type_id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub type_name: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub country_id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub country: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub zip: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub region: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub city_id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub city: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub street_id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub street: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub house: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub building: String,
    /// The entrance (подъезд).
    #[serde(deserialize_with = "lenient::clean", default)]
    pub entry: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub floor: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub apartments: String,
    /// The intercom code.
    #[serde(deserialize_with = "lenient::clean", default)]
    pub entry_code: String,
    /// Free notes.
    #[serde(deserialize_with = "lenient::clean", default)]
    pub dop_info: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub lat: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub lng: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub metro_station_id: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub metro_station: String,
    /// Must not be edited (nor deleted) through crmcard.
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub read_only: bool,
}

/// A client's account (bonus, deposit, …): read-only through the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", from = "AccountAnswer")]
pub struct Account {
    pub account_number: String,
    pub status: String,
    #[serde(rename = "accountTypeID")]
    pub account_type_id: i64,
    pub account_type_name: String,
    pub account_debit_enabled: bool,
    pub account_credit_enabled: bool,
    pub date_create: String,
    /// The balance; not a number (NaN) when the server's value could not be
    /// read, which `balance_unreadable` then holds.
    pub balance: f64,
    pub account_code: Option<String>,
    /// The server's text for a balance that is not a number (`"abc"`):
    /// shown as unreadable, never as 0.
    #[serde(skip)]
    pub balance_unreadable: Option<String>,
}

impl Account {
    /// The balance, or the server's text when it could not be read.
    pub(crate) fn balance_reading(&self) -> Reading<f64> {
        match &self.balance_unreadable {
            Some(text) => Reading::Unreadable(text.clone()),
            None => Reading::Value(self.balance),
        }
    }
}

/// An account as the CRM sends it (tolerant), before the balance is split
/// into a number and an unreadable text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountAnswer {
    #[serde(deserialize_with = "lenient::clean", default)]
    account_number: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    status: String,
    #[serde(
        rename = "accountTypeID",
        deserialize_with = "lenient::integer",
        default
    )]
    account_type_id: i64,
    #[serde(deserialize_with = "lenient::clean", default)]
    account_type_name: String,
    #[serde(deserialize_with = "lenient::boolean", default)]
    account_debit_enabled: bool,
    #[serde(deserialize_with = "lenient::boolean", default)]
    account_credit_enabled: bool,
    #[serde(deserialize_with = "lenient::clean", default)]
    date_create: String,
    #[serde(deserialize_with = "lenient::reading", default)]
    balance: Reading<f64>,
    #[serde(deserialize_with = "lenient::opt_clean", default)]
    account_code: Option<String>,
}

impl From<AccountAnswer> for Account {
    fn from(a: AccountAnswer) -> Self {
        let (balance, balance_unreadable) = match a.balance {
            Reading::Value(v) => (v, None),
            Reading::Unreadable(text) => (f64::NAN, Some(text)),
        };
        Self {
            account_number: a.account_number,
            status: a.status,
            account_type_id: a.account_type_id,
            account_type_name: a.account_type_name,
            account_debit_enabled: a.account_debit_enabled,
            account_credit_enabled: a.account_credit_enabled,
            date_create: a.date_create,
            balance,
            account_code: a.account_code,
            balance_unreadable,
        }
    }
}

/// A loyalty card: read-only through the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct LoyaltyCard {
    #[serde(deserialize_with = "lenient::clean", default)]
    pub card_code: String,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_virtual_card: bool,
    #[serde(deserialize_with = "lenient::boolean", default)]
    pub is_confirm_manager: bool,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub status: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub date_offered: String,
    #[serde(deserialize_with = "lenient::clean", default)]
    pub date_expired: String,
    #[serde(rename = "groupID", deserialize_with = "lenient::integer", default)]
    pub group_id: i64,
    #[serde(deserialize_with = "lenient::clean", default)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::decode_card;

    fn card(data: &str) -> ClientCard {
        let body = format!(r#"{{"status":"Ok","data":{data}}}"#);
        decode_card(200, body.as_bytes()).expect("a card")
    }

    fn contact_type(id: &str, name: &str, is_phone: bool) -> ContactType {
        ContactType {
            id: id.to_owned(),
            name: name.to_owned(),
            is_phone,
            ..ContactType::default()
        }
    }

    #[test]
    fn a_mobile_is_the_phone_type_named_so_else_the_first_phone_type() {
        let home = contact_type("1", "Телефон домашний", true);
        let email = contact_type("2", "E-mail мобильный", false);
        for (name, mobile) in [
            ("Телефон мобильный", true),
            ("Сотовый", true),
            ("Mobile phone", true),
            ("Телефон рабочий", false),
        ] {
            let t = contact_type("3", name, true);
            assert_eq!(t.is_mobile_phone(), mobile, "{name}");
            let types = [home.clone(), email.clone(), t];
            let chosen = ContactType::for_a_mobile(&types).map(|t| t.id.as_str());
            assert_eq!(chosen, Some(if mobile { "3" } else { "1" }), "{name}");
        }
        assert!(!email.is_mobile_phone(), "not a phone type");
        assert_eq!(ContactType::for_a_mobile(&[email]), None);
    }

    #[test]
    fn a_balance_that_is_not_a_number_is_unreadable_not_zero() {
        let c = card(
            r#"{"id":"1","accounts":[{"balance":"abc"},{"balance":"12,5"},{"balance":null}]}"#,
        );
        assert_eq!(
            c.accounts[0].balance_reading(),
            Reading::Unreadable("abc".to_owned())
        );
        assert!(c.accounts[0].balance.is_nan(), "never a plausible 0");
        assert_eq!(c.accounts[1].balance_reading(), Reading::Value(12.5));
        assert_eq!(c.accounts[2].balance_reading(), Reading::Value(0.0));
    }

    #[test]
    fn a_birthday_in_2999_is_unreadable_not_an_age_of_0() {
        let today = Date::new(2026, 11, 29).expect("a date");
        let birthday = |b: &str| card(&format!(r#"{{"id":"1","birthday":"{b}"}}"#));
        assert_eq!(
            birthday("2999-01-01T00:00:00").birthday_reading(today),
            Reading::Unreadable("2999-01-01T00:00:00".to_owned())
        );
        assert_eq!(
            birthday("1850-01-01T00:00:00").birthday_reading(today),
            Reading::Unreadable("1850-01-01T00:00:00".to_owned())
        );
        assert_eq!(
            birthday("abc").birthday_reading(today),
            Reading::Unreadable("abc".to_owned())
        );
        assert_eq!(
            birthday("1971-10-18T00:00:00").birthday_reading(today),
            Reading::Value(Date::new(1971, 10, 18))
        );
        assert_eq!(birthday("").birthday_reading(today), Reading::Value(None));
    }

    #[test]
    fn every_string_of_an_answer_is_cleaned_at_decode() {
        let c = card(
            r#"{"id":"1\u001b[2J","lastname":"Без\u001b]0;x\u0007ногов","note":"a\u0007\nb",
                "contacts":[{"value":"+7\u001b[31m916"}],
                "addresses":[{"street":"Тверская\u202e","dopInfo":"x\ty"}],
                "accounts":[{"accountNumber":"0\u0000 1","accountCode":"\u001b[0m"}],
                "cards":[{"cardCode":"12\u009b3"}]}"#,
        );
        assert_eq!(c.id, "1");
        assert_eq!(c.lastname, "Безногов");
        assert_eq!(c.note, "a\nb");
        assert_eq!(c.contacts[0].value, "+7916");
        assert_eq!(c.addresses[0].street, "Тверская");
        assert_eq!(c.addresses[0].dop_info, "x y");
        assert_eq!(c.accounts[0].account_number, "0 1");
        assert_eq!(c.accounts[0].account_code, None);
        assert_eq!(c.cards[0].card_code, "123");
    }
}
