//! The drafts' part of the start: this window's drafts folder and writer,
//! the drafts to offer, and which CRM they belong to.

use super::connection::url_host;
use crate::app::vocab::Notice;
use crate::config::{Connection, Paths};
use crate::crm::CrmKey;

/// This window's drafts folder (taking over those of windows that are
/// gone) and its writer, and the drafts to offer; a folder that cannot be
/// opened is said at start, and drafts are then not kept.
pub(super) fn open_drafts(
    paths: Option<&Paths>,
    slug: &str,
    identity: &str,
    notices: &mut Vec<Notice>,
) -> (
    Option<crate::drafts::DraftWriter>,
    Vec<crate::app::draft::Offered>,
) {
    let Some(root) = paths.map(Paths::drafts_dir) else {
        return (None, Vec::new());
    };
    let now = jiff::Timestamp::now().as_second().max(0).unsigned_abs();
    let opened = crate::drafts::DraftStore::open(&root, slug, identity, now)
        .and_then(|(store, found)| Ok((crate::drafts::DraftWriter::start(store)?, found)));
    match opened {
        Ok((writer, found)) => {
            if !found.skipped.is_empty() {
                notices.push(Notice::DraftsSkipped {
                    files: found.skipped,
                });
            }
            (Some(writer), found.drafts)
        }
        Err(e) => {
            // Before the log is open: the operator is told instead.
            notices.push(Notice::LocalSaveFailed {
                reason: e.to_string(),
            });
            (None, Vec::new())
        }
    }
}

/// The folder of the drafts of this CRM: its [`CrmKey::file_slug`] (the
/// demo's key for the demo, whose sandbox's port changes every run).
pub(super) fn drafts_slug(c: &Connection, demo: bool) -> String {
    if demo {
        CrmKey::demo().file_slug()
    } else {
        CrmKey::new(&c.base_url, &c.object_id).file_slug()
    }
}

/// Which CRM drafts belong to, in no language: "demo", or the host and the
/// object ("dlv.ucs.ru 123").
pub(super) fn crm_identity(c: &Connection, demo: bool) -> String {
    if demo {
        "demo".to_owned()
    } else {
        format!("{} {}", url_host(&c.base_url), c.object_id)
    }
}
