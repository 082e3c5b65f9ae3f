//! The client directory's part of the start: opened after the first frame
//! (after the log), and what opening it found as start-up notices.

use std::sync::{Arc, Mutex, PoisonError};

use crate::app::Msg;
use crate::app::vocab::Notice;
use crate::config::Paths;
use crate::crm::CrmKey;
use crate::directory::local::{self, OpenNote};
use crate::directory::{Directory, DirectoryHandle, SlotFiller};
use crate::logging::LogGuard;

/// What the start hands the first frame to open after it: the log, then
/// the client directory of `crm`.
pub(super) struct OpenLater {
    pub(super) paths: Option<Paths>,
    pub(super) crm: CrmKey,
    pub(super) demo: bool,
    pub(super) city_code: Option<String>,
    pub(super) lang_code: &'static str,
    /// Where the log's guard is kept to the end of the run.
    pub(super) log_guard: Arc<Mutex<Option<LogGuard>>>,
}

/// After the first frame, on a blocking thread: the log (nothing before it
/// is logged), then the client directory (SQLite, the old single
/// directory, the demo's clients), so that its warnings reach the log. The
/// directory goes into the slot `filler` fills (what needs it waits for
/// it); its notices come back as the message.
pub(super) async fn open_after_first_frame(later: OpenLater, filler: SlotFiller) -> Option<Msg> {
    let OpenLater {
        paths,
        crm,
        demo,
        city_code,
        lang_code,
        log_guard,
    } = later;
    let opened = tokio::task::spawn_blocking(move || {
        let log_file = paths.as_ref().map(Paths::log_file);
        let guard = log_file.and_then(|f| crate::logging::init(&f).ok());
        tracing::info!(demo, lang = lang_code, "crmcard starting");
        *log_guard.lock().unwrap_or_else(PoisonError::into_inner) = guard;
        let mut notices = Vec::new();
        let directory = open_directory(paths.as_ref(), &crm, demo, city_code, &mut notices);
        (directory, notices)
    })
    .await;
    match opened {
        Ok((directory, notices)) => {
            filler.fill(directory);
            (!notices.is_empty()).then_some(Msg::StartNotices(notices))
        }
        Err(e) => {
            tracing::error!(error = %e, "the client directory did not open");
            filler.fill(None);
            None
        }
    }
}

/// Opens the client directory of `crm` (in memory when there is no data
/// directory), taking in the old single directory once (not for the demo),
/// and for the demo adds the sandbox's clients when it is new. A failure
/// becomes a notice at start; the TUI runs without a directory then.
pub(super) fn open_directory(
    paths: Option<&Paths>,
    crm: &CrmKey,
    demo: bool,
    city_code: Option<String>,
    notices: &mut Vec<Notice>,
) -> Option<DirectoryHandle> {
    let opened = match paths {
        Some(p) => local::open_for_crm(p, crm, city_code, !demo),
        None => Directory::in_memory().map(|d| local::Opened {
            directory: d.with_city_code(city_code),
            notes: Vec::new(),
        }),
    };
    #[cfg_attr(not(feature = "sandbox"), expect(unused_mut))]
    let mut directory = match opened {
        Ok(opened) => {
            notices.extend(opened.notes.into_iter().map(|note| open_notice(note, crm)));
            opened.directory
        }
        Err(e) => {
            tracing::warn!(error = %e, "client directory not opened");
            notices.push(Notice::DirectoryUnavailable {
                reason: e.to_string(),
            });
            return None;
        }
    };
    #[cfg(feature = "sandbox")]
    if demo && let Err(e) = crate::demo::add_seed_clients(&mut directory) {
        tracing::warn!(error = %e, "demo clients not added to the directory");
    }
    Some(DirectoryHandle::new(directory))
}

/// What opening the directory found, as the start-up notice (and a line of
/// the log).
pub(crate) fn open_notice(note: OpenNote, crm: &CrmKey) -> Notice {
    match note {
        OpenNote::Migrated { clients, kept_as } => {
            tracing::info!(clients, kept_as = %kept_as.display(), "the earlier directory taken in");
            Notice::DirectoryMigrated {
                clients,
                crm: crm.clone(),
                kept_as,
            }
        }
        OpenNote::SetAside { damage, kept_as } => {
            tracing::warn!(%damage, kept_as = %kept_as.display(), "a damaged directory set aside");
            Notice::DirectorySetAside { damage, kept_as }
        }
        OpenNote::MigrationFailed { reason } => {
            tracing::warn!(%reason, "the earlier directory not taken in");
            Notice::DirectoryNotMigrated { reason }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "sandbox")]
    #[test]
    fn a_crm_takes_the_old_directory_once_with_a_notice_and_the_demo_its_seed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        std::fs::create_dir_all(&paths.data_dir).expect("data dir");
        std::fs::write(
            paths.recent_file(),
            r#"{"version": 1, "entries": [{"id": "42", "name": "Иванов Иван",
                "phones": ["8 916 123-45-67"], "opened_at": 1700000000}]}"#,
        )
        .expect("write");
        // The demo never takes the old files.
        let mut notices = Vec::new();
        let demo = open_directory(Some(&paths), &CrmKey::demo(), true, None, &mut notices)
            .expect("the demo's directory");
        assert!(notices.is_empty(), "{notices:?}");
        let recent_first = demo.blocking(|d| d.search("", 2)).expect("search");
        let ids: Vec<&str> = recent_first.iter().map(|h| h.entry.id.as_str()).collect();
        assert_eq!(ids, ["10000000009188", "10000000009201"]);
        // The first real CRM does, once, and says so.
        let crm = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
        let handle =
            open_directory(Some(&paths), &crm, false, None, &mut notices).expect("a directory");
        assert!(
            matches!(
                notices.as_slice(),
                [Notice::DirectoryMigrated { clients: 1, crm: c, .. }] if *c == crm
            ),
            "{notices:?}"
        );
        assert!(paths.directory_file(&crm).exists());
        let hits = handle
            .blocking(|d| d.search("89161234567", 10))
            .expect("search");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.id, "42");
        drop(handle);
        notices.clear();
        let other = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "124");
        let handle =
            open_directory(Some(&paths), &other, false, None, &mut notices).expect("another");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(handle.blocking(|d| d.count()).expect("count"), 0);
    }

    #[test]
    fn a_directory_that_cannot_be_opened_is_a_notice_and_no_directory() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        // The data directory is a file: nothing can be created in it.
        std::fs::write(&paths.data_dir, "not a directory").expect("write");
        let mut notices = Vec::new();
        let crm = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
        assert!(open_directory(Some(&paths), &crm, false, None, &mut notices).is_none());
        assert!(
            matches!(notices.as_slice(), [Notice::DirectoryUnavailable { .. }]),
            "{notices:?}"
        );
    }
}
