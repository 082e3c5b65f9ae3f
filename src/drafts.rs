//! Form drafts on disk: one JSON file per form in this window's folder of
//! its CRM's drafts (0600 in a 0700 directory, written atomically by
//! [`crate::files::write_private`]; see [`store`] for the folders and their
//! locks), and the ones an earlier run left.
//!
//! The files are written by one thread, in the order `update` asked, so
//! that a removal (the form was saved) is never overtaken by an older write.
//! Drafts hold what the operator typed and the client's id and name: never
//! the `sid`.

mod read;
pub(crate) mod store;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use tokio::sync::mpsc;

pub use store::DraftStore;

use crate::app::draft::{Draft, VERSION};
use crate::app::{Effect, Msg};

/// The file of the draft `key` in `dir`.
fn path_of(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.json"))
}

/// Carries out a [`Effect::WriteDraft`] or [`Effect::RemoveDraft`].
pub(crate) fn apply(dir: &Path, effect: &Effect) -> io::Result<()> {
    match effect {
        Effect::WriteDraft { key, draft } => {
            let json = serde_json::to_vec_pretty(draft).map_err(io::Error::other)?;
            crate::files::write_private(&path_of(dir, key), &json)
        }
        Effect::RemoveDraft(key) => match fs::remove_file(path_of(dir, key)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Reads one draft file; `None` when it is not a draft of this version.
pub fn parse(bytes: &[u8]) -> Option<Draft> {
    let draft: Draft = serde_json::from_slice(bytes).ok()?;
    (draft.version == VERSION).then_some(draft)
}

#[derive(Debug)]
enum Job {
    Apply(Box<Effect>, mpsc::Sender<Msg>),
    /// Answered when every job before it is done.
    Barrier(std_mpsc::Sender<()>),
}

/// The one thread that writes and removes draft files, in order.
#[derive(Debug, Clone)]
pub struct DraftWriter {
    jobs: std_mpsc::Sender<Job>,
}

impl DraftWriter {
    /// Starts the thread for the folder of `store`, which it keeps (and
    /// with it the window's locks) while it runs.
    pub fn start(store: DraftStore) -> io::Result<Self> {
        let (jobs, rx) = std_mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("drafts".to_owned())
            .spawn(move || {
                // `store` lives as long as this thread: the locks with it.
                let dir: PathBuf = store.dir().to_owned();
                for job in rx {
                    match job {
                        Job::Apply(effect, tx) => {
                            if let Err(e) = apply(&dir, &effect) {
                                tracing::error!(error = %e, "a draft was not written");
                                let _ = tx.try_send(Msg::LocalSaveFailed(e.to_string()));
                            }
                        }
                        Job::Barrier(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            })?;
        Ok(Self { jobs })
    }

    /// Queues a draft effect; a failure comes back on `tx`.
    pub fn send(&self, effect: Effect, tx: &mpsc::Sender<Msg>) {
        let _ = self.jobs.send(Job::Apply(Box::new(effect), tx.clone()));
    }

    /// Queues `effects` and waits (at most `limit`) until every queued job
    /// is done: the last flush before crmcard stops.
    pub fn finish(&self, effects: Vec<Effect>, limit: Duration) {
        let (tx, _rx) = mpsc::channel(1);
        for effect in effects {
            self.send(effect, &tx);
        }
        let (done, wait) = std_mpsc::channel();
        if self.jobs.send(Job::Barrier(done)).is_ok() && wait.recv_timeout(limit).is_err() {
            tracing::error!("the drafts were not all written in time");
        }
    }
}

/// The tests' draft: the main-data form of Ёлкина Анна, client `client` of
/// the CRM `crm`, saved at 1,000 s, never sent.
#[cfg(test)]
pub(crate) fn test_draft(client: &str, crm: &str) -> Draft {
    Draft {
        version: VERSION,
        saved_at: 1_000,
        crm: crm.to_owned(),
        sent_at: None,
        client_id: Some(client.to_owned()),
        client_name: crate::app::vocab::PersonName {
            lastname: "Ёлкина".to_owned(),
            firstname: "Анна".to_owned(),
            middlename: String::new(),
        },
        form: crate::app::draft::DraftForm::MainData,
        fields: Vec::new(),
        contacts: Vec::new(),
        addresses: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(saved_at: u64) -> Draft {
        Draft {
            saved_at,
            ..test_draft("42", "demo")
        }
    }

    #[test]
    fn drafts_are_written_private_read_back_and_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let drafts = dir.path().join("drafts");
        let d = draft(1_000);
        let write = Effect::WriteDraft {
            key: d.key(),
            draft: Box::new(d.clone()),
        };
        apply(&drafts, &write).expect("written");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&drafts), 0o700);
            assert_eq!(mode(&drafts.join("main-42.json")), 0o600);
        }
        // Another version and a broken file are not offered (and stay).
        fs::write(drafts.join("old.json"), r#"{"version":99}"#).expect("write");
        fs::write(drafts.join("broken.json"), "{").expect("write");
        let found = store::scan(&drafts, 1_180).drafts;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].draft, d);
        assert_eq!(found[0].age, Duration::from_secs(180));
        apply(&drafts, &Effect::RemoveDraft(d.key())).expect("removed");
        apply(&drafts, &Effect::RemoveDraft(d.key())).expect("removing twice is fine");
        assert!(store::scan(&drafts, 0).drafts.is_empty());
        assert!(drafts.join("broken.json").exists());
    }

    #[test]
    fn the_writer_keeps_the_order_it_was_given() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (store, _) = DraftStore::open(dir.path(), "crm", "demo", 0).expect("store");
        let folder = store.dir().to_owned();
        let writer = DraftWriter::start(store).expect("thread");
        let d = draft(1);
        let mut effects = Vec::new();
        for i in 0..20 {
            effects.push(Effect::WriteDraft {
                key: d.key(),
                draft: Box::new(draft(i)),
            });
        }
        effects.push(Effect::RemoveDraft(d.key()));
        writer.finish(effects, Duration::from_secs(10));
        assert!(
            store::scan(&folder, 0).drafts.is_empty(),
            "the removal came last"
        );
    }
}
