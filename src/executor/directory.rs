//! The effects the client directory answers, run on a [`Directory`] (on a
//! blocking thread in the executor; directly in tests).

use crate::app::{Effect, Msg};
use crate::directory::{DirEntry, Directory, DirectoryError, Hit};

/// The most clients one directory search shows (the bench of the lookup,
/// `benches/directory.rs`, searches as many).
pub const SEARCH_LIMIT: usize = 50;

/// Runs a directory effect on `directory` (`None`: there is none) and
/// returns its answer, if it has one. A failure is logged, and a search or
/// an owner check then answers that the directory is unavailable (never
/// that nobody matches); an upsert is lost. `Err` gives back an effect that
/// is not the directory's.
pub fn answer(directory: Option<&mut Directory>, effect: Effect) -> Result<Option<Msg>, Effect> {
    Ok(match effect {
        Effect::SearchDirectory { req, query, layout } => Some(
            match logged("search", directory, |d| search(d, &query, layout)) {
                Some((hits, layout)) => Msg::DirectoryFound { req, hits, layout },
                None => Msg::SearchUnavailable { req },
            },
        ),
        Effect::RememberClient {
            card,
            contact_types,
            seen_at,
        } => {
            logged("keep", directory, |d| {
                d.upsert_card(&card, &contact_types, seen_at)
            });
            None
        }
        Effect::ForgetClient { id } => {
            logged("forget", directory, |d| d.remove(&id).map(drop));
            None
        }
        Effect::FindPhoneOwners {
            req,
            phones,
            purpose,
        } => Some(
            match logged("phone owners", directory, |d| owners(d, &phones)) {
                Some(owners) => Msg::PhoneOwners {
                    req,
                    owners,
                    purpose,
                },
                None => Msg::PhoneOwnersUnknown { req, purpose },
            },
        ),
        other => return Err(other),
    })
}

/// The hits for `query`, or else for its other-layout reading (with it).
fn search(
    d: &Directory,
    query: &str,
    layout: Option<String>,
) -> Result<(Vec<Hit>, Option<String>), DirectoryError> {
    let hits = d.search(query, SEARCH_LIMIT)?;
    if !hits.is_empty() {
        return Ok((hits, None));
    }
    if let Some(other) = layout.filter(|l| !l.trim().is_empty()) {
        let hits = d.search(&other, SEARCH_LIMIT)?;
        if !hits.is_empty() {
            return Ok((hits, Some(other)));
        }
    }
    Ok((Vec::new(), None))
}

/// The clients having any of `phones`, each once.
fn owners(d: &Directory, phones: &[String]) -> Result<Vec<DirEntry>, DirectoryError> {
    let mut owners: Vec<DirEntry> = Vec::new();
    for phone in phones {
        for entry in d.clients_with_phone(phone)? {
            if !owners.iter().any(|o| o.id == entry.id) {
                owners.push(entry);
            }
        }
    }
    Ok(owners)
}

fn logged<T>(
    what: &str,
    directory: Option<&mut Directory>,
    f: impl FnOnce(&mut Directory) -> Result<T, DirectoryError>,
) -> Option<T> {
    match f(directory?) {
        Ok(value) => Some(value),
        Err(e) => {
            tracing::warn!(what, error = %e, "client directory");
            None
        }
    }
}
