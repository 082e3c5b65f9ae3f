//! Writes to the CRM, as data: what `update` asks for and what comes back.

use crate::api::model::{
    AddressFields, ClientCard, DictEntry, MainData, NewClient, NewContact, Street,
};

/// One write. Never retried: a write that timed out may have been done.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteOp {
    CreateClient(NewClient),
    UpdateClient {
        client_id: String,
        main: MainData,
    },
    DeleteClient {
        client_id: String,
    },
    AddContact {
        client_id: String,
        contact: NewContact,
    },
    UpdateContact {
        client_id: String,
        contact_id: String,
        value: String,
    },
    DeleteContact {
        client_id: String,
        contact_id: String,
    },
    AddAddress {
        client_id: String,
        address: AddressFields,
    },
    UpdateAddress {
        client_id: String,
        address_id: String,
        changes: AddressFields,
    },
    DeleteAddress {
        client_id: String,
        address_id: String,
    },
    CreateCity {
        country_id: String,
        name: String,
    },
    RenameCity {
        city_id: String,
        name: String,
    },
    DeleteCity {
        city_id: String,
    },
    CreateStreet {
        city_id: String,
        name: String,
        post_code: String,
    },
    UpdateStreet {
        street_id: String,
        name: String,
        post_code: String,
    },
    DeleteStreet {
        street_id: String,
    },
}

/// What a successful write answered.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteAnswer {
    /// Client writes answer with the whole card.
    Card(ClientCard),
    /// Deletes of clients, cities and streets answer with the id.
    Deleted(String),
    City(DictEntry),
    Street(Street),
}
