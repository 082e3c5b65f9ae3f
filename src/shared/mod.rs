//! The shared directory: every desk of a call center sharing one client
//! directory on PostgreSQL.
//!
//! Each desk keeps its local SQLite [`Directory`](crate::directory::Directory):
//! the lookup reads only that, so keystrokes never wait for the network. With
//! `[directory] url` set, that local directory is a replica: the desk queues
//! what it learns in the same file ([`replica`]), the [`sync`] engine sends
//! it to the shared tables ([`store`]) and applies what other desks wrote,
//! LISTENing for it.
//!
//! - [`settings`]: the `[directory]` table, the password, TLS;
//! - [`connect`]: one connection, its notifications;
//! - [`schema`]: versioned migrations, refusing a schema too new;
//! - [`store`]: the shared `clients` table and its change feed;
//! - [`calls`]: the call log shared the same way;
//! - [`replica`]: the local queue and the replica's side;
//! - [`sync`]: the engine;
//! - [`desk`]: the engine of a running desk;
//! - [`presence`]: who has which client's form open, who saved it last;
//! - [`presence_engine`]: a running desk's presence, kept alive, and the
//!   other desks' read back;
//! - [`command`]: `crmcard directory push/status/migrate/forget`.

pub mod calls;
pub(crate) mod command;
pub mod connect;
pub(crate) mod desk;
pub mod presence;
pub mod presence_engine;
pub(crate) mod push;
pub mod replica;
mod replica_state;
pub mod schema;
pub(crate) mod settings;
pub(crate) mod store;
pub(crate) mod sync;

pub(crate) use settings::PASSWORD_ENV;
pub use settings::{DirectorySettings, SharedConfig};
pub use sync::{Sync, SyncOptions, SyncStatus};

use crate::directory::DirectoryError;

/// Why the shared directory cannot be used now. Never contains the password.
#[derive(Debug, thiserror::Error)]
pub enum SharedError {
    #[error("{0}")]
    Settings(#[from] settings::SettingsError),
    #[error("shared directory TLS: {0}")]
    Tls(String),
    #[error("shared directory {url}: the password was refused")]
    WrongPassword { url: String },
    #[error("shared directory {url} cannot be reached: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("this database is not a crmcard shared directory (it holds other tables): not used")]
    NotCrmcard,
    #[error(
        "the shared directory's schema (version {version}) needs a newer crmcard (this one knows up to {known}): upgrade crmcard"
    )]
    SchemaTooNew { version: i32, known: i32 },
    #[error(
        "the shared directory's tables need creating or upgrading, which this role may not do: run `crmcard directory migrate` as the database's owner"
    )]
    NeedsOwner,
    #[error("shared directory: {0}")]
    Database(String),
    #[error("the connection to the shared directory was lost")]
    ConnectionLost,
    #[error("{0}")]
    Local(#[from] DirectoryError),
}

/// This desk's name: `[desk] name`, else the host name.
pub(crate) fn desk_name(configured: Option<&str>) -> String {
    configured
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(host_name)
}

/// This desk's operator: `[desk] operator`, else user@host.
pub(crate) fn operator_name(configured: Option<&str>) -> String {
    configured
        .map(|n| crate::text::sanitize(n.trim()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| {
            let user = std::env::var("USER")
                .or_else(|_| std::env::var("LOGNAME"))
                .map(|u| crate::text::sanitize(u.trim()))
                .unwrap_or_default();
            if user.is_empty() {
                host_name()
            } else {
                format!("{user}@{}", host_name())
            }
        })
}

/// The host name, or `crmcard` when it cannot be read.
pub(crate) fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| crate::text::sanitize(h.trim()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "crmcard".to_owned())
}
