//! Deferred commands: what a confirmation runs when the operator says yes.

use super::call_id::CallId;
use crate::api::model::{AddressId, ClientId, ContactId};

/// A command, run by the app, the screen or the picker that asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Leave crmcard, dropping unsaved changes.
    Quit,
    /// Close the form on top, dropping what was typed.
    DiscardForm,
    DeleteContact {
        client_id: ClientId,
        contact_id: ContactId,
    },
    DeleteAddress {
        client_id: ClientId,
        address_id: AddressId,
    },
    DeleteClient {
        client_id: ClientId,
    },
    DeleteCity {
        country_id: String,
        city_id: String,
    },
    DeleteStreet {
        city_id: String,
        street_id: String,
    },
    /// Leave the new-client form and open this client's card instead.
    OpenClient {
        client_id: ClientId,
    },
    /// Create the new client although its phone is known.
    CreateAnyway,
    /// Park the open forms as drafts and take the call.
    ParkAndTake {
        call: CallId,
    },
    /// Send the form although an earlier save of it went unanswered.
    SendAgain,
    /// Save the form although another desk saved its client since it was
    /// opened.
    SaveAnyway,
}
