//! A yes/no question, as data: what it names and what yes (or no) runs.

use super::call_id::CallId;
use super::command::Command;
use super::person_name::PersonName;
use crate::api::model::{Address, AddressId, ClientId, ContactId};

/// A yes/no question, with what it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Ctrl-Q while a form holds unsaved changes.
    QuitUnsaved,
    /// Ctrl-Q while calls wait on the banner (and maybe a form holds
    /// unsaved changes): only the Yes letter says yes.
    QuitCallsWaiting { calls: usize, unsaved: bool },
    /// Ctrl-Q with forms parked for calls: they are kept as drafts.
    QuitKeepsParked { forms: usize },
    /// The take key over a changed form: park it as a draft and take the
    /// call.
    ParkForm { call: CallId },
    /// Esc on a changed form.
    DiscardForm,
    DeleteClient {
        name: PersonName,
        client_id: ClientId,
    },
    DeleteContact {
        client_id: ClientId,
        contact_id: ContactId,
        type_name: String,
        value: String,
    },
    DeleteAddress {
        client_id: ClientId,
        address: Box<Address>,
    },
    DeleteCity {
        country_id: String,
        city_id: String,
        name: String,
    },
    DeleteStreet {
        city_id: String,
        street_id: String,
        name: String,
    },
    /// A new client's phone is known already: open that card (yes, the
    /// first choice) or create the client anyway (no, the second).
    DuplicatePhone {
        phone: String,
        owners: Vec<(PersonName, ClientId)>,
    },
    /// A form taken back from a draft whose save went out at `at_local`
    /// (local seconds since 1970) and was never answered: sending it again
    /// may create a second address or contact.
    SendAgainUnanswered { at_local: i64 },
    /// Another desk (`desk`) saved the form's client at `at_local` (local
    /// seconds since 1970), after this form was opened: saving may undo
    /// what it saved.
    SavedElsewhere { desk: String, at_local: i64 },
    /// A new client's phone could not be checked (the directory cannot be
    /// read); `seen`: this run's clients with it. Like a duplicate phone
    /// when some were seen (yes opens the first, no creates anyway); else
    /// yes creates the client unchecked.
    PhoneNotChecked {
        phone: String,
        seen: Vec<(PersonName, ClientId)>,
    },
}

impl Confirm {
    /// Whether yes loses what was typed or changes data others share
    /// (leave or quit with a changed form, any delete). Such a question
    /// takes yes only from the Yes letter (`y`, `н` in the Russian layout,
    /// or a letter `[keymap]` gives yes); Enter, Esc and any other key are
    /// no. A new question of that kind is added here.
    pub fn is_risky(&self) -> bool {
        self.is_shared_delete()
            || matches!(
                self,
                Self::QuitUnsaved
                    | Self::QuitCallsWaiting { .. }
                    | Self::DiscardForm
                    | Self::DeleteContact { .. }
                    | Self::DeleteAddress { .. }
                    | Self::SendAgainUnanswered { .. }
                    | Self::SavedElsewhere { .. }
            )
            || matches!(self, Self::PhoneNotChecked { seen, .. } if seen.is_empty())
    }

    /// Whether the question is about a delete that every operator sees (a
    /// client, a city or street of the CRM's dictionary): its box says so.
    pub fn is_shared_delete(&self) -> bool {
        matches!(
            self,
            Self::DeleteClient { .. } | Self::DeleteCity { .. } | Self::DeleteStreet { .. }
        )
    }

    /// What runs when the operator says yes.
    pub fn yes(&self) -> Command {
        match self {
            Self::QuitUnsaved | Self::QuitCallsWaiting { .. } | Self::QuitKeepsParked { .. } => {
                Command::Quit
            }
            Self::ParkForm { call } => Command::ParkAndTake { call: *call },
            Self::DiscardForm => Command::DiscardForm,
            Self::DeleteClient { client_id, .. } => Command::DeleteClient {
                client_id: client_id.clone(),
            },
            Self::DeleteContact {
                client_id,
                contact_id,
                ..
            } => Command::DeleteContact {
                client_id: client_id.clone(),
                contact_id: contact_id.clone(),
            },
            Self::DeleteAddress { client_id, address } => Command::DeleteAddress {
                client_id: client_id.clone(),
                address_id: AddressId::new(address.id.clone()),
            },
            Self::DeleteCity {
                country_id,
                city_id,
                ..
            } => Command::DeleteCity {
                country_id: country_id.clone(),
                city_id: city_id.clone(),
            },
            Self::DeleteStreet {
                city_id, street_id, ..
            } => Command::DeleteStreet {
                city_id: city_id.clone(),
                street_id: street_id.clone(),
            },
            Self::DuplicatePhone { owners, .. } => match owners.first() {
                Some((_, client_id)) => Command::OpenClient {
                    client_id: client_id.clone(),
                },
                None => Command::CreateAnyway,
            },
            Self::SendAgainUnanswered { .. } => Command::SendAgain,
            Self::SavedElsewhere { .. } => Command::SaveAnyway,
            Self::PhoneNotChecked { seen, .. } => match seen.first() {
                Some((_, client_id)) => Command::OpenClient {
                    client_id: client_id.clone(),
                },
                None => Command::CreateAnyway,
            },
        }
    }

    /// What runs when the operator says no: for most questions nothing
    /// (the question closes); a duplicate phone's second choice creates
    /// the client anyway.
    pub fn no(&self) -> Option<Command> {
        match self {
            Self::DuplicatePhone { .. } => Some(Command::CreateAnyway),
            Self::PhoneNotChecked { seen, .. } if !seen.is_empty() => Some(Command::CreateAnyway),
            _ => None,
        }
    }
}
