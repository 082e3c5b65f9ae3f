//! Writes to the CRM, as data: what `update` asks for and what comes back.

use crate::api::model::{
    AddressFields, AddressId, ClientCard, ClientId, ContactId, DictEntry, MainData, NewClient,
    NewContact, Street,
};

/// One write. Never retried: a write that timed out may have been done.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteOp {
    CreateClient(NewClient),
    UpdateClient {
        client_id: ClientId,
        main: MainData,
    },
    DeleteClient {
        client_id: ClientId,
    },
    AddContact {
        client_id: ClientId,
        contact: NewContact,
    },
    UpdateContact {
        client_id: ClientId,
        contact_id: ContactId,
        value: String,
    },
    DeleteContact {
        client_id: ClientId,
        contact_id: ContactId,
    },
    AddAddress {
        client_id: ClientId,
        address: AddressFields,
    },
    UpdateAddress {
        client_id: ClientId,
        address_id: AddressId,
        changes: AddressFields,
    },
    DeleteAddress {
        client_id: ClientId,
        address_id: AddressId,
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

impl WriteOp {
    /// The existing client whose card this write changes (none for a new
    /// client, a client deleted, and the dictionaries).
    pub fn client_edited(&self) -> Option<&ClientId> {
        match self {
            Self::UpdateClient { client_id, .. }
            | Self::AddContact { client_id, .. }
            | Self::UpdateContact { client_id, .. }
            | Self::DeleteContact { client_id, .. }
            | Self::AddAddress { client_id, .. }
            | Self::UpdateAddress { client_id, .. }
            | Self::DeleteAddress { client_id, .. } => Some(client_id),
            _ => None,
        }
    }
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
