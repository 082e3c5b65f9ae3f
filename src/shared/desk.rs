//! The shared directory of a running desk: the sync engine started on the
//! local directory once it is open, and the presence engine, for the CRM of
//! the profile in use, both stopped when crmcard ends.

use tokio::sync::watch;

use super::command::settings_for;
use super::presence::Me;
use super::presence_engine::{PresenceEngine, PresenceLink, PresenceOptions};
use super::settings::SettingsError;
use super::{PASSWORD_ENV, Sync, SyncOptions, SyncStatus, desk_name, operator_name};
use crate::config::Config;
use crate::crm::CrmKey;
use crate::directory::DirectorySlot;
use crate::task::OwnedTask;

/// The running shared directory; dropping it stops the engines.
pub struct SharedDesk {
    /// Runs while the desk is held.
    _task: OwnedTask,
    status: watch::Receiver<SyncStatus>,
    presence: PresenceEngine,
}

impl SharedDesk {
    /// The engine's status, as it changes.
    pub fn status(&self) -> watch::Receiver<SyncStatus> {
        self.status.clone()
    }

    /// Where the executor tells what this desk has open and saved.
    pub fn presence_link(&self) -> PresenceLink {
        self.presence.link()
    }

    /// What the other desks do with the client on the screen.
    pub fn presence(&self) -> watch::Receiver<Option<crate::presence::Presence>> {
        self.presence.seen()
    }
}

/// Starts the shared directory of `profile` (or the top-level one) for the
/// CRM `crm`, once `slot` holds the local directory; `Ok(None)` when none
/// is configured. Must run inside the tokio runtime.
pub fn start(
    config: &Config,
    profile: Option<&str>,
    crm: CrmKey,
    slot: DirectorySlot,
) -> Result<Option<SharedDesk>, SettingsError> {
    let Some(settings) = settings_for(config, profile) else {
        return Ok(None);
    };
    let shared = settings.resolve(std::env::var(PASSWORD_ENV).ok())?;
    let desk = desk_name(config.desk.name.as_deref());
    let me = Me::new(&desk, operator_name(config.desk.operator.as_deref()));
    let presence = PresenceEngine::start(shared.clone(), PresenceOptions::new(crm.clone(), me));
    let mut options = SyncOptions::new(crm, desk);
    options.call_keep_days = config
        .calls_keep_days
        .unwrap_or(crate::calllog::DEFAULT_KEEP_DAYS);
    let (status_tx, status) = watch::channel(SyncStatus::Connecting);
    let task = OwnedTask::spawn(async move {
        let Some(directory) = slot.get().await else {
            return;
        };
        let sync = match Sync::start(shared, options, directory) {
            Ok(sync) => sync,
            Err(e) => {
                tracing::warn!(error = %e, "the shared directory did not start");
                status_tx.send_replace(SyncStatus::Offline {
                    reason: e.to_string(),
                });
                return;
            }
        };
        let mut engine = sync.status();
        loop {
            status_tx.send_replace(engine.borrow_and_update().clone());
            if engine.changed().await.is_err() {
                return;
            }
        }
    });
    Ok(Some(SharedDesk {
        _task: task,
        status,
        presence,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::DirectorySettings;

    #[test]
    fn an_unreadable_password_file_is_said_and_nothing_starts() {
        let config = Config {
            directory: Some(DirectorySettings {
                url: Some("postgres://crmcard@db.host/cc".to_owned()),
                password_file: Some("/nonexistent/db-password".into()),
                ..DirectorySettings::default()
            }),
            ..Config::default()
        };
        let (_filler_kept, slot) = {
            let (slot, filler) = DirectorySlot::opening();
            (filler, slot)
        };
        let crm = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "1");
        let started = start(&config, None, crm.clone(), slot.clone());
        assert!(matches!(started, Err(SettingsError::PasswordFile { .. })));
        // No [directory]: no shared directory, and no error.
        assert!(matches!(
            start(&Config::default(), None, crm, slot),
            Ok(None)
        ));
    }
}
