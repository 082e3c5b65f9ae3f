//! Popups: one stack at the root of the app; the top one gets the keys.
//!
//! Questions and notices are typed data: what happened and the values it is
//! about. `i18n` turns them into words and `ui` draws them, so nothing here
//! is text the operator reads.

use super::calls::CallId;
use super::command::Command;
use super::dialog::DialogState;
use super::draft::DraftOffer;
use super::form::FieldId;
use super::picker::PickerState;
use super::waiting::WaitingList;
use crate::api::ApiError;
use crate::api::model::{Address, AddressId, ClientCard, ClientId, ContactId};
use crate::config::ConfigWarning;
use crate::keymap::KeymapWarning;

/// One popup.
#[derive(Debug)]
pub enum Popup {
    /// A list to choose from, over a form.
    Picker(Box<PickerState>),
    /// Add, rename or edit a city or street, over a picker.
    Dialog(Box<DialogState>),
    /// Every key of the screen underneath; `scroll` is kept within the text
    /// by the drawing side (see [`super::App::help_scrolled`]).
    Help { scroll: u16 },
    /// A message to read and close.
    Message(Notice),
    /// A yes/no question; its [`Confirm::yes`] runs on Enter or `y` (only
    /// on the Yes letter for a [`Confirm::is_risky`] one).
    Confirm(Confirm),
    /// The drafts left by an earlier run, offered at start.
    Drafts(DraftOffer),
    /// The calls waiting, to take any one.
    Waiting(WaitingList),
}

/// A client's name as the card holds it (drawn by `present::person_name`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct PersonName {
    pub lastname: String,
    pub firstname: String,
    pub middlename: String,
}

impl PersonName {
    pub fn of(card: &ClientCard) -> Self {
        Self {
            lastname: card.lastname.clone(),
            firstname: card.firstname.clone(),
            middlename: card.middlename.clone(),
        }
    }

    /// The name of a client of the directory.
    pub fn of_entry(entry: &crate::directory::DirEntry) -> Self {
        Self {
            lastname: entry.lastname.clone(),
            firstname: entry.firstname.clone(),
            middlename: entry.middlename.clone(),
        }
    }
}

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

/// What a request that failed was for (the title of its error message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    Delete,
    Reload,
    /// The card of a draft taken back did not load.
    Restore,
}

/// A message for the operator to read and close.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// An API error, titled with what failed.
    Error { failed: Failed, error: ApiError },
    /// Accounts and cards cannot be changed through this API.
    ReadOnlySection,
    /// The address is marked read-only by the CRM.
    ReadOnlyAddress,
    /// Add was pressed where nothing can be added.
    AddWhere,
    ClientDeleted {
        name: PersonName,
        client_id: ClientId,
    },
    /// This CRM cannot delete clients (DLW-0011).
    NoClientDelete,
    /// The save answered, but the CRM kept these fields as they were.
    ServerKept { fields: Vec<FieldId> },
    /// A local file could not be written; `reason` is the system's words.
    LocalSaveFailed { reason: String },
    /// A save succeeded; keys typed while it was under way were not applied.
    KeysNotApplied { keys: usize },
    /// Keys typed ahead of a list or a card that did not come (no such
    /// name, the load failed, Esc) were dropped, not typed elsewhere.
    KeysDropped { keys: usize },
    /// The recent-clients file could not be read at start.
    RecentUnreadable { reason: String },
    /// The client directory could not be opened at start: finding a
    /// caller works by id only.
    DirectoryUnavailable { reason: String },
    /// The single client directory of earlier versions was taken into this
    /// CRM's directory at start; the old file is kept as `kept_as`.
    DirectoryMigrated {
        clients: usize,
        crm: crate::crm::CrmKey,
        kept_as: std::path::PathBuf,
    },
    /// The directory file was damaged: set aside as `kept_as`, and a new,
    /// empty directory started.
    DirectorySetAside {
        damage: crate::directory::Damage,
        kept_as: std::path::PathBuf,
    },
    /// The directory of earlier versions could not be taken in (tried again
    /// at the next start).
    DirectoryNotMigrated { reason: String },
    /// The phone just saved is also another known client's (a warning).
    PhoneShared {
        phone: String,
        owners: Vec<PersonName>,
    },
    /// Problems in the config file and its keymap, found at start.
    SetupProblems {
        config: Vec<ConfigWarning>,
        keymap: Vec<KeymapWarning>,
    },
    /// Enter on the call log with a changed form open (or a write under
    /// way): save or leave the form first.
    FormOpenBelow,
    /// Calls cannot come in as set up (found at start).
    CallsOff(CallsProblem),
    /// Files of the drafts directory left unread at start (links, FIFOs,
    /// files too big to be a draft).
    DraftsSkipped {
        files: Vec<super::draft::SkippedDraft>,
    },
    /// A draft taken back named its client otherwise than the card does
    /// now: the card's name is kept.
    DraftNameDiffers { draft: PersonName, card: PersonName },
    /// The client directory could not keep a card just seen (`reason`: the
    /// system's words); it is tried again.
    DirectoryWriteFailed { reason: String },
    /// Calling a client back did not go out, and why.
    DialFailed(crate::calls::dial::DialFailure),
}

/// Why crmcard hears no calls (or not all ways in), found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallsProblem {
    /// Another crmcard listens on the socket: this one runs without it.
    AlreadyRunning { socket: std::path::PathBuf },
    /// The socket could not be opened; `reason` is the system's words.
    NotListening { reason: String },
    /// `[calls.ami]` cannot be used; `reason` never holds the secret.
    AmiUnusable { reason: String },
}

impl Notice {
    /// Whether the notice is about the desk's own files and links rather
    /// than an answer of the CRM: such a notice goes to the status line
    /// (`super::status`) and never takes a key. A new notice of that kind
    /// is added here.
    pub fn is_desk_status(&self) -> bool {
        matches!(
            self,
            Self::LocalSaveFailed { .. }
                | Self::RecentUnreadable { .. }
                | Self::DirectoryUnavailable { .. }
                | Self::DirectoryMigrated { .. }
                | Self::DirectorySetAside { .. }
                | Self::DirectoryNotMigrated { .. }
                | Self::CallsOff(_)
                | Self::DraftsSkipped { .. }
                | Self::DraftNameDiffers { .. }
                | Self::DirectoryWriteFailed { .. }
        )
    }

    /// Whether the notice reports a failure (drawn in the error colour).
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Self::Error { .. }
                | Self::NoClientDelete
                | Self::LocalSaveFailed { .. }
                | Self::DirectoryUnavailable { .. }
                | Self::DirectorySetAside { .. }
                | Self::DirectoryNotMigrated { .. }
                | Self::CallsOff(_)
                | Self::DraftsSkipped { .. }
                | Self::DirectoryWriteFailed { .. }
                | Self::DialFailed(_)
        )
    }
}
