//! A message for the operator, as data: what happened and the values it is
//! about (`i18n` words it).

use super::field_id::FieldId;
use super::person_name::PersonName;
use super::skipped_draft::SkippedDraft;
use crate::api::ApiError;
use crate::api::model::ClientId;
use crate::config::ConfigWarning;
use crate::keymap::KeymapWarning;

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
    DraftsSkipped { files: Vec<SkippedDraft> },
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
    /// (`app::status`) and never takes a key. A new notice of that kind
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
