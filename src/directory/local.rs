//! This desk's directory of one CRM: `crm/<slug>/directory.sqlite` under
//! the data directory ([`crate::config::Paths::directory_file`]), one file
//! per CRM, so that a profile never lists, rings or opens another CRM's
//! clients. Opening it also takes in the single directory of earlier
//! versions once ([`super::legacy`]), and sets a damaged file aside rather
//! than starting over it silently.

use std::path::{Path, PathBuf};

use super::{Damage, Directory, DirectoryError, legacy};
use crate::config::Paths;
use crate::crm::CrmKey;

/// Something the operator is told about the opening, at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenNote {
    /// The directory of earlier versions was taken into this CRM's.
    Migrated {
        /// How many clients came with it.
        clients: usize,
        /// Where the old file is kept.
        kept_as: PathBuf,
    },
    /// The directory file could not be used: it was set aside and a new,
    /// empty directory started.
    SetAside {
        /// What was wrong with it.
        damage: Damage,
        /// Where the bad file is now.
        kept_as: PathBuf,
    },
    /// The old directory could not be taken in (tried again next time).
    MigrationFailed {
        /// The error, in the system's words.
        reason: String,
    },
}

/// A CRM's directory, opened, and what to tell about it.
#[derive(Debug)]
pub struct Opened {
    pub directory: Directory,
    pub notes: Vec<OpenNote>,
}

/// Opens the directory of `crm` under `paths` (creating it when missing),
/// with `city_code`; takes in the old single directory when `take_legacy`
/// (every real CRM, not the demo's) and no other CRM took it first.
pub fn open_for_crm(
    paths: &Paths,
    crm: &CrmKey,
    city_code: Option<String>,
    take_legacy: bool,
) -> Result<Opened, DirectoryError> {
    let file = paths.directory_file(crm);
    let mut notes = Vec::new();
    let directory = match Directory::open(&file) {
        Err(DirectoryError::Damaged { path, damage }) => {
            let kept_as = set_aside(&path)?;
            notes.push(OpenNote::SetAside { damage, kept_as });
            Directory::open(&file)?
        }
        other => other?,
    };
    let mut directory = directory.with_city_code(city_code);
    if take_legacy {
        match legacy::take_into(&paths.data_dir, &crm.file_slug(), &mut directory) {
            Ok(Some(taken)) => notes.push(OpenNote::Migrated {
                clients: taken.clients,
                kept_as: taken.kept_as,
            }),
            Ok(None) => {}
            // Not a directory at all: kept aside, and not tried again.
            Err(DirectoryError::Damaged { path, damage }) => match set_aside(&path) {
                Ok(kept_as) => notes.push(OpenNote::SetAside { damage, kept_as }),
                Err(e) => notes.push(OpenNote::MigrationFailed {
                    reason: e.to_string(),
                }),
            },
            Err(e) => notes.push(OpenNote::MigrationFailed {
                reason: e.to_string(),
            }),
        }
    }
    Ok(Opened { directory, notes })
}

/// Renames a bad directory file (and SQLite's files beside it) to
/// `directory.sqlite.damaged-N`, N the first number free; returns the new
/// name. Nothing is deleted.
fn set_aside(path: &Path) -> Result<PathBuf, DirectoryError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let io_error = |e: std::io::Error| DirectoryError::Io {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let mut n = 1;
    let kept_as = loop {
        let candidate = path.with_file_name(format!("{name}.damaged-{n}"));
        if std::fs::symlink_metadata(&candidate).is_err() {
            break candidate;
        }
        n += 1;
    };
    for suffix in ["-wal", "-shm"] {
        let beside = PathBuf::from(format!("{}{suffix}", path.display()));
        if beside.exists() {
            let to = PathBuf::from(format!("{}{suffix}", kept_as.display()));
            std::fs::rename(&beside, to).map_err(io_error)?;
        }
    }
    std::fs::rename(path, &kept_as).map_err(io_error)?;
    Ok(kept_as)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::DirEntry;

    fn client(id: &str, phone: &str) -> DirEntry {
        DirEntry {
            id: id.to_owned(),
            lastname: "Ким".to_owned(),
            phones: vec![phone.to_owned()],
            ..DirEntry::default()
        }
    }

    #[test]
    fn each_crm_has_its_own_directory() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        let a = CrmKey::new("http://127.0.0.1:8080/api/v1/crm/", "1");
        let b = CrmKey::new("http://127.0.0.1:8081/api/v1/crm/", "1");
        let mut first = open_for_crm(&paths, &a, None, true).expect("a");
        assert!(first.notes.is_empty(), "{:?}", first.notes);
        first
            .directory
            .upsert(&client("7", "89161234567"))
            .expect("upsert");
        let second = open_for_crm(&paths, &b, None, true).expect("b");
        assert_eq!(second.directory.count().expect("count"), 0);
        assert!(
            second
                .directory
                .clients_with_phone("89161234567")
                .expect("phone")
                .is_empty()
        );
        drop(first);
        let again = open_for_crm(&paths, &a, None, true).expect("a again");
        assert_eq!(again.directory.count().expect("count"), 1);
        assert!(paths.directory_file(&a).is_file());
        assert!(paths.directory_file(&b).is_file());
    }

    #[test]
    fn an_emptied_or_foreign_file_is_set_aside_and_said() {
        let csv = "id;lastname;phones\n1;Ким;89161234567\n".repeat(20);
        for (bytes, damage) in [
            (&b""[..], Damage::Empty),
            (csv.as_bytes(), Damage::NotADatabase),
        ] {
            let tmp = tempfile::tempdir().expect("tempdir");
            let paths = Paths::under(tmp.path());
            let crm = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
            let file = paths.directory_file(&crm);
            std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
            std::fs::write(&file, bytes).expect("write");
            assert!(
                matches!(
                    Directory::open(&file),
                    Err(DirectoryError::Damaged { damage: d, .. }) if d == damage
                ),
                "{damage:?}: a bad file is never opened as a directory"
            );
            assert_eq!(std::fs::read(&file).expect("untouched"), bytes);
            let opened = open_for_crm(&paths, &crm, None, true).expect("opened");
            let kept_as = file.with_file_name("directory.sqlite.damaged-1");
            assert_eq!(
                opened.notes,
                [OpenNote::SetAside {
                    damage,
                    kept_as: kept_as.clone()
                }]
            );
            assert_eq!(std::fs::read(&kept_as).expect("kept"), bytes);
            assert_eq!(opened.directory.count().expect("count"), 0);
            drop(opened);
            // The new directory is a good one: no note the next time.
            let next = open_for_crm(&paths, &crm, None, true).expect("next");
            assert!(next.notes.is_empty(), "{:?}", next.notes);
        }
    }

    #[test]
    fn a_damaged_old_directory_is_set_aside_once_and_said() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        std::fs::create_dir_all(&paths.data_dir).expect("data dir");
        let old = paths.data_dir.join(legacy::OLD_DIRECTORY);
        std::fs::write(&old, b"").expect("truncated");
        let crm = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
        let first = open_for_crm(&paths, &crm, None, true).expect("opened");
        let kept_as = old.with_file_name("directory.sqlite.damaged-1");
        assert_eq!(
            first.notes,
            [OpenNote::SetAside {
                damage: Damage::Empty,
                kept_as: kept_as.clone()
            }]
        );
        assert!(kept_as.is_file() && !old.exists());
        drop(first);
        let next = open_for_crm(&paths, &crm, None, true).expect("next");
        assert!(next.notes.is_empty(), "{:?}", next.notes);
    }

    #[test]
    fn the_old_directory_goes_to_the_first_crm_opened_and_the_demo_never_takes_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        {
            let mut old = Directory::open(&paths.data_dir.join(legacy::OLD_DIRECTORY))
                .expect("the old directory");
            old.upsert(&client("7", "89161234567")).expect("upsert");
        }
        let demo = open_for_crm(&paths, &CrmKey::demo(), None, false).expect("demo");
        assert!(demo.notes.is_empty(), "{:?}", demo.notes);
        let a = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
        let first = open_for_crm(&paths, &a, None, true).expect("a");
        let kept_as = paths
            .data_dir
            .join(format!("directory.sqlite.migrated-{}", a.file_slug()));
        assert_eq!(
            first.notes,
            [OpenNote::Migrated {
                clients: 1,
                kept_as
            }]
        );
        assert_eq!(first.directory.count().expect("count"), 1);
        let b = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "124");
        let second = open_for_crm(&paths, &b, None, true).expect("b");
        assert!(second.notes.is_empty(), "{:?}", second.notes);
        assert_eq!(second.directory.count().expect("count"), 0);
    }
}
