//! Where this window keeps its drafts, and the drafts it takes over.
//!
//! Drafts are kept per CRM (a folder named by [`crate::crm::CrmKey::file_slug`])
//! and per window: each running crmcard writes into a folder of its own,
//! `w-PID-NANOS`, and holds an exclusive lock (`flock`) on `w-PID-NANOS.lock`
//! beside it for as long as it runs. A starting crmcard takes over the
//! folders whose lock is free (their window died or closed): their drafts
//! move into its own folder and are offered. A live window's drafts are
//! never touched. Draft files from before the folders (directly in the
//! drafts directory) go to the first window of their CRM that starts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::read::read_capped;
use crate::app::draft::{Draft, Offered};
use crate::app::vocab::SkippedDraft;

/// This window's drafts folder, and the locks that make it (and the
/// folders it took over) this window's alone while it runs.
#[derive(Debug)]
pub struct DraftStore {
    dir: PathBuf,
    _locks: Vec<fs::File>,
}

/// What a starting window found to offer.
#[derive(Debug, Default)]
pub struct Found {
    /// Newest first, with their age at the start.
    pub drafts: Vec<Offered>,
    /// Files left unread (links, FIFOs, too big): said at start.
    pub skipped: Vec<SkippedDraft>,
}

impl DraftStore {
    /// Opens a new window's folder for the CRM `crm_slug` under `root` (the
    /// drafts directory), takes over the drafts of windows that are gone
    /// and the old drafts of `crm_text` (see [`crate::app::draft::Draft::crm`]),
    /// and returns them with their age at `now` (seconds since 1970).
    pub fn open(
        root: &Path,
        crm_slug: &str,
        crm_text: &str,
        now: u64,
    ) -> io::Result<(Self, Found)> {
        let crm_dir = root.join(crm_slug);
        crate::files::create_private_dir(&crm_dir)?;
        let window = window_name();
        // Locked under a name no other window looks at, then renamed: a
        // window is never seen with its lock free while it starts.
        let starting = crm_dir.join(format!(".{window}.starting"));
        let lock = open_lock(&starting)?;
        lock.try_lock().map_err(io::Error::from)?;
        fs::rename(&starting, crm_dir.join(format!("{window}.lock")))?;
        let dir = crm_dir.join(&window);
        crate::files::create_private_dir(&dir)?;
        let store = Self {
            dir,
            _locks: vec![lock],
        };
        store.take_over_windows(&crm_dir);
        let mut found = Found::default();
        store.take_old_drafts(root, crm_text, &mut found.skipped);
        let mut own = scan(&store.dir, now);
        found.drafts = own.drafts;
        found.skipped.append(&mut own.skipped);
        Ok((store, found))
    }

    /// The folder this window writes its drafts into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Moves the drafts of every window whose lock is free into this one's
    /// folder; a folder emptied so goes, with its lock file.
    fn take_over_windows(&self, crm_dir: &Path) {
        let own = self.dir.file_name().map(|n| n.to_owned());
        for path in entries(crm_dir) {
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') && n.ends_with(".starting"))
            {
                // A window that died before it had started: nothing of it.
                if open_lock(&path).is_ok_and(|lock| lock.try_lock().is_ok()) {
                    let _ = fs::remove_file(&path);
                }
                continue;
            }
            let Some(window) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".lock"))
            else {
                continue;
            };
            if own.as_deref() == Some(std::ffi::OsStr::new(window)) {
                continue;
            }
            let Ok(lock) = open_lock(&path) else { continue };
            if lock.try_lock().is_err() {
                // A live window: its drafts are its own.
                continue;
            }
            let folder = crm_dir.join(window);
            if fs::symlink_metadata(&folder).is_ok_and(|m| m.is_dir()) {
                for file in entries(&folder).into_iter().filter(|p| is_json(p)) {
                    self.move_in(&file);
                }
                if fs::remove_dir(&folder).is_err() {
                    // Something stayed (a name this window has already):
                    // the lock file stays, for the next start to try.
                    continue;
                }
            }
            if let Err(e) = fs::remove_file(&path) {
                tracing::warn!(error = %e, "a gone window's lock file stays");
            }
            tracing::info!(window, "took over the drafts of a window that is gone");
        }
    }

    /// Draft files written before drafts were kept per CRM and window: the
    /// ones of this CRM (or of no CRM named) move into this window's
    /// folder; another CRM's stay for it.
    fn take_old_drafts(&self, root: &Path, crm_text: &str, skipped: &mut Vec<SkippedDraft>) {
        for file in entries(root).into_iter().filter(|p| is_json(p)) {
            let draft = match read_capped(&file) {
                Ok(bytes) => super::parse(&bytes),
                Err(why) => {
                    skipped.push(SkippedDraft {
                        file: file_name(&file),
                        why,
                    });
                    continue;
                }
            };
            match draft {
                Some(d) if d.crm == crm_text => self.move_in(&file),
                // Older still: no CRM named. It is this CRM's from now on.
                Some(d) if d.crm.is_empty() => self.adopt(&file, d, crm_text),
                _ => {}
            }
        }
    }

    /// Writes `draft`, now of `crm_text`, into this window's folder and
    /// removes `file`; another window that took it first wins.
    fn adopt(&self, file: &Path, mut draft: Draft, crm_text: &str) {
        let Some(name) = file.file_name() else { return };
        let target = self.dir.join(name);
        if fs::symlink_metadata(&target).is_ok() {
            return;
        }
        draft.crm = crm_text.to_owned();
        let written = serde_json::to_vec_pretty(&draft)
            .map_err(io::Error::other)
            .and_then(|json| crate::files::write_private(&target, &json));
        match written.and_then(|()| fs::remove_file(file)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // Another window took it: one copy is enough.
                let _ = fs::remove_file(&target);
            }
            Err(e) => tracing::warn!(error = %e, "an old draft could not be taken over"),
        }
    }

    /// Renames `file` into this window's folder unless a file of that name
    /// is there already (or another window took it first).
    fn move_in(&self, file: &Path) {
        let Some(name) = file.file_name() else { return };
        let target = self.dir.join(name);
        if fs::symlink_metadata(&target).is_ok() {
            return;
        }
        if let Err(e) = fs::rename(file, &target)
            && e.kind() != io::ErrorKind::NotFound
        {
            tracing::warn!(error = %e, "a draft could not be taken over");
        }
    }
}

/// The drafts in `dir`, newest first; files that are not drafts of this
/// version are logged and left where they are.
pub fn scan(dir: &Path, now: u64) -> Found {
    let mut found = Found::default();
    for path in entries(dir).into_iter().filter(|p| is_json(p)) {
        match read_capped(&path) {
            Ok(bytes) => match super::parse(&bytes) {
                Some(draft) => found.drafts.push(Offered {
                    age: Duration::from_secs(now.saturating_sub(draft.saved_at)),
                    draft,
                }),
                None => tracing::warn!(path = %path.display(), "not a draft crmcard can read"),
            },
            Err(why) => found.skipped.push(SkippedDraft {
                file: file_name(&path),
                why,
            }),
        }
    }
    found.drafts.sort_by_key(|o| o.age);
    found
}

/// A name no other window has: the process id and the time in nanoseconds.
fn window_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("w-{}-{nanos}", std::process::id())
}

/// Opens (creating, 0600) a lock file, never through a link.
fn open_lock(path: &Path) -> io::Result<fs::File> {
    crate::files::private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
}

fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "json")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
