//! `crmcard --demo`: the built-in sandbox CRM and its client directory,
//! kept together in the demo's own folder of the data directory
//! ([`crate::config::Paths::crm_dir`] of [`CrmKey::demo`]), so that a
//! trainee's clients are still there the next day, and the directory and
//! the CRM agree; `--demo --reset` starts both afresh.

use std::io;

use crate::config::{self, Paths};
use crate::crm::CrmKey;
#[cfg(feature = "sandbox")]
use crate::directory::{ContactKind, DirEntry, Directory, DirectoryError, contact_kind};
#[cfg(feature = "sandbox")]
use crate::sandbox::{self, SandboxConfig};

#[cfg(feature = "sandbox")]
/// The `meta` key marking that the seed's clients were added once.
const SEEDED: &str = "demo_seeded";

#[cfg(feature = "sandbox")]
/// The demo sandbox's settings: its data in the demo's folder (created
/// private), or in memory without a data directory.
pub fn sandbox_config(paths: Option<&Paths>) -> io::Result<SandboxConfig> {
    let db = match paths {
        Some(paths) => {
            crate::files::create_private_dir(&paths.crm_dir(&CrmKey::demo()))?;
            Some(paths.demo_sandbox_file())
        }
        None => None,
    };
    Ok(SandboxConfig {
        db,
        ..SandboxConfig::default()
    })
}

/// Removes the demo's data: its CRM's database and its client directory
/// (the demo's folder), and the drafts typed against it (the demo's drafts
/// folder); nothing of another CRM. Nothing there is no error.
pub fn reset(paths: &Paths) -> io::Result<()> {
    let demo = CrmKey::demo();
    for dir in [paths.crm_dir(&demo), paths.crm_drafts_dir(&demo)] {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// What the demo's new clients start with (the demo has no config file).
pub fn form_defaults() -> config::FormDefaults {
    config::FormDefaults {
        country: Some("Россия".to_owned()),
        city: Some("Москва".to_owned()),
        contact_type: Some("Телефон мобильный".to_owned()),
        address_type: Some("Домашний".to_owned()),
    }
}

#[cfg(feature = "sandbox")]
/// Why the seed's clients did not go into the demo's directory.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Seed(#[from] sandbox::SandboxError),
    #[error(transparent)]
    Directory(#[from] DirectoryError),
}

#[cfg(feature = "sandbox")]
/// The seed's clients, so that a newcomer can find a caller at once: added
/// once, when the demo's directory is new (a client the trainee deleted
/// since does not come back).
pub fn add_seed_clients(directory: &mut Directory) -> Result<(), SeedError> {
    if directory.meta(SEEDED)?.is_some() {
        return Ok(());
    }
    for client in seed_clients(sandbox::BUILT_IN_CLIENTS)? {
        if directory.get(&client.id)?.is_none() {
            directory.upsert(&client)?;
        }
    }
    Ok(directory.set_meta(SEEDED, "1")?)
}

#[cfg(feature = "sandbox")]
/// The clients of the sandbox's built-in seed, as directory entries.
pub fn built_in_clients() -> Result<Vec<DirEntry>, sandbox::SandboxError> {
    seed_clients(sandbox::BUILT_IN_CLIENTS)
}

#[cfg(feature = "sandbox")]
/// The clients of a sandbox seed's `clients.json` (parsed as the sandbox
/// parses it), as directory entries: seen in the seed's order at the first
/// seconds of 1970, so that the list shows them in that order, after every
/// client the operator opens.
pub fn seed_clients(clients_json: &str) -> Result<Vec<DirEntry>, sandbox::SandboxError> {
    let seed = sandbox::seed_clients(clients_json)?;
    let types = sandbox::seed_contact_types();
    let count = seed.len();
    Ok(seed
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut entry = DirEntry {
                id: c.id,
                lastname: c.lastname,
                firstname: c.firstname,
                middlename: c.middlename,
                seen_at: i64::try_from(count - i).unwrap_or_default(),
                ..DirEntry::default()
            };
            for contact in c.contacts {
                let kind = types.iter().find(|t| t.id == contact.type_id);
                match contact_kind(&contact.value, kind) {
                    Some(ContactKind::Phone) => entry.phones.push(contact.value),
                    Some(ContactKind::Email) => entry.emails.push(contact.value),
                    None => {}
                }
            }
            entry
        })
        .collect())
}

#[cfg(all(test, feature = "sandbox"))]
mod tests {
    use super::*;

    #[test]
    fn the_seed_goes_in_once_and_reset_empties_the_demo_only() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        let config = sandbox_config(Some(&paths)).expect("config");
        assert_eq!(
            config.db.as_deref(),
            Some(paths.demo_sandbox_file().as_path())
        );
        assert!(paths.crm_dir(&CrmKey::demo()).is_dir());
        let mut directory = Directory::open(&paths.directory_file(&CrmKey::demo())).expect("open");
        add_seed_clients(&mut directory).expect("seed");
        let seeded = directory.count().expect("count");
        let clients = seed_clients(sandbox::BUILT_IN_CLIENTS).expect("the built-in seed");
        assert_eq!(usize::try_from(seeded).expect("count"), clients.len());
        let first = clients[0].clone();
        directory.remove(&first.id).expect("deleted by the trainee");
        add_seed_clients(&mut directory).expect("again");
        assert_eq!(directory.get(&first.id).expect("get"), None);
        drop(directory);
        // Another CRM's directory stays.
        let other = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "1");
        Directory::open(&paths.directory_file(&other)).expect("other");
        // A draft of each: the demo's goes, the real CRM's stays.
        let draft = |crm: &CrmKey| paths.crm_drafts_dir(crm).join("w-1-a").join("1.json");
        for crm in [CrmKey::demo(), other.clone()] {
            let file = draft(&crm);
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("drafts dir");
            std::fs::write(&file, "{}").expect("a draft");
        }
        reset(&paths).expect("reset");
        assert!(!paths.crm_dir(&CrmKey::demo()).exists());
        assert!(!paths.crm_drafts_dir(&CrmKey::demo()).exists());
        assert!(paths.directory_file(&other).is_file());
        assert!(draft(&other).is_file(), "another CRM's draft stays");
        reset(&paths).expect("nothing to reset");
    }

    #[test]
    fn a_broken_seed_is_an_error_not_an_empty_list() {
        let broken = r#"[{"id": "1", "lastname": "Ким""#;
        let error = seed_clients(broken).expect_err("a seed that does not parse");
        assert!(error.to_string().contains("clients.json"), "{error}");
        assert_eq!(seed_clients("[]").expect("an empty seed").len(), 0);
    }
}
