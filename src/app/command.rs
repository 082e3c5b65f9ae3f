//! Deferred commands: what a confirmation runs when the operator says yes.

/// A command, run by the app, the screen or the picker that asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Leave crmcard, dropping unsaved changes.
    Quit,
    /// Close the form on top, dropping what was typed.
    DiscardForm,
    DeleteContact {
        client_id: String,
        contact_id: String,
    },
    DeleteAddress {
        client_id: String,
        address_id: String,
    },
    DeleteClient {
        client_id: String,
    },
    DeleteCity {
        country_id: String,
        city_id: String,
    },
    DeleteStreet {
        city_id: String,
        street_id: String,
    },
}
