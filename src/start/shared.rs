//! The shared directory's part of the start (`[directory] url`): the
//! desk's link to it started on the local directory, and what it keeps
//! telling the app (the link, the other desks' presence) as messages.

use crate::app::Msg;
use crate::app::vocab::Notice;
use crate::config::{self, Connection};
use crate::directory::DirectorySlot;

/// The shared directory of the profile in use, started on the local one
/// once it is open; a `[directory]` that cannot be used (its password file
/// unreadable) is a start-up notice, and the desk works alone.
pub(super) fn shared_directory(
    config: &config::Config,
    connection: &Connection,
    slot: DirectorySlot,
    notices: &mut Vec<Notice>,
) -> Option<crate::shared::desk::SharedDesk> {
    let crm = crate::crm::CrmKey::new(&connection.base_url, &connection.object_id);
    match crate::shared::desk::start(config, connection.profile.as_deref(), crm, slot) {
        Ok(shared) => shared,
        Err(e) => {
            notices.push(Notice::SetupProblems {
                config: vec![config::ConfigWarning::DirectoryInvalid {
                    key: "directory".to_owned(),
                    reason: e.to_string(),
                }],
                keymap: Vec::new(),
            });
            None
        }
    }
}

/// The shared directory's link as the app's messages: one per change
/// between usable and not (the engine's reasons go to the log).
pub(super) fn shared_link_messages(
    status: tokio::sync::watch::Receiver<crate::shared::SyncStatus>,
) -> futures_util::stream::BoxStream<'static, Msg> {
    use crate::app::SharedLink;
    use crate::shared::SyncStatus;
    let link = |s: &SyncStatus| match s {
        SyncStatus::Offline { .. } => Some(SharedLink::Offline),
        SyncStatus::Online => Some(SharedLink::Online),
        SyncStatus::Connecting => None,
    };
    let stream = futures_util::stream::unfold((status, None), move |(mut rx, last)| async move {
        loop {
            let now = link(&rx.borrow_and_update());
            if now.is_some() && now != last {
                return Some((Msg::SharedDirectory(now?), (rx, now)));
            }
            rx.changed().await.ok()?;
        }
    });
    Box::pin(stream)
}

/// What the other desks do with the client on the screen, as the app's
/// messages: one per change.
pub(super) fn presence_messages(
    seen: tokio::sync::watch::Receiver<Option<crate::presence::Presence>>,
) -> futures_util::stream::BoxStream<'static, Msg> {
    Box::pin(futures_util::stream::unfold(seen, |mut rx| async move {
        rx.changed().await.ok()?;
        let now = rx.borrow_and_update().clone();
        Some((Msg::Presence(now), rx))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_shared_link_reaches_the_app_once_per_change() {
        use crate::app::SharedLink;
        use crate::shared::SyncStatus;
        use futures_util::StreamExt;
        let (tx, rx) = tokio::sync::watch::channel(SyncStatus::Connecting);
        let mut messages = shared_link_messages(rx);
        let offline = |reason: &str| SyncStatus::Offline {
            reason: reason.to_owned(),
        };
        tx.send_replace(offline("refused"));
        let first = messages.next().await;
        assert!(matches!(
            first,
            Some(Msg::SharedDirectory(SharedLink::Offline))
        ));
        // Another reason is the same link; back online is news.
        tx.send_replace(offline("timed out"));
        tx.send_replace(SyncStatus::Online);
        let next = messages.next().await;
        assert!(matches!(
            next,
            Some(Msg::SharedDirectory(SharedLink::Online))
        ));
        drop(tx);
        assert!(messages.next().await.is_none());
    }
}
