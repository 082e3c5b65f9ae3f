//! The effects the client directory answers, run on a [`Directory`] (on a
//! blocking thread in the executor; directly in tests).

use crate::app::dir_writes::Unkept;
use crate::app::{Effect, Msg};
use crate::directory::{DirEntry, Directory, DirectoryError, Hit};

/// The most clients one directory search shows (the bench of the lookup,
/// `benches/directory.rs`, searches as many).
pub const SEARCH_LIMIT: usize = 50;

/// The most similar clients one search shows (after the exact ones).
pub const SIMILAR_LIMIT: usize = 20;

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
        Effect::SearchSimilar {
            req,
            query,
            exclude,
        } => Some(Msg::SimilarFound {
            req,
            hits: logged("similar", directory, |d| {
                d.similar(&query, &exclude, SIMILAR_LIMIT)
            })
            .unwrap_or_default(),
        }),
        Effect::RememberClient {
            card,
            contact_types,
            seen_at,
        } => {
            // No directory at all was said at start; a write that fails is
            // answered, held by the app and tried again.
            let Some(directory) = directory else {
                return Ok(None);
            };
            match directory.upsert_card(&card, &contact_types, seen_at) {
                Ok(_) => Some(Msg::ClientKept {
                    id: card.id.clone(),
                    seen_at,
                }),
                Err(e) => {
                    tracing::warn!(error = %e, "client directory: a card was not kept");
                    Some(Msg::DirectoryWriteFailed {
                        unkept: Box::new(Unkept {
                            card,
                            contact_types,
                            seen_at,
                        }),
                        reason: e.to_string(),
                    })
                }
            }
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

/// What answers `effect` when the directory cannot be asked at all.
pub fn unavailable(effect: &Effect) -> Option<Msg> {
    match effect {
        Effect::SearchDirectory { req, .. } => Some(Msg::SearchUnavailable { req: *req }),
        Effect::SearchSimilar { req, .. } => Some(Msg::SimilarFound {
            req: *req,
            hits: Vec::new(),
        }),
        Effect::FindPhoneOwners { req, purpose, .. } => Some(Msg::PhoneOwnersUnknown {
            req: *req,
            purpose: purpose.clone(),
        }),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::ClientCard;

    fn card() -> ClientCard {
        ClientCard {
            id: "42".to_owned(),
            lastname: "Ёлкина".to_owned(),
            ..ClientCard::default()
        }
    }

    fn remember(seen_at: i64) -> Effect {
        Effect::RememberClient {
            card: Box::new(card()),
            contact_types: Vec::new(),
            seen_at,
        }
    }

    /// "database is locked" (an import holding the file): the write is
    /// answered as failed, with the card to try again; once the lock is
    /// gone it is kept.
    #[test]
    fn a_locked_directory_answers_the_failed_write_and_a_retry_gets_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("directory.sqlite");
        let mut directory = Directory::open(&path).expect("opens");
        let other = rusqlite::Connection::open(&path).expect("a second connection");
        other.execute_batch("BEGIN EXCLUSIVE").expect("locked");
        let answer = answer(Some(&mut directory), remember(7)).expect("the directory's");
        match answer {
            Some(Msg::DirectoryWriteFailed { unkept, reason }) => {
                assert_eq!(unkept.card.id, "42");
                assert_eq!(unkept.seen_at, 7);
                assert!(reason.contains("locked"), "{reason}");
            }
            other => panic!("not a failure: {other:?}"),
        }
        other.execute_batch("COMMIT").expect("unlocked");
        let answer = super::answer(Some(&mut directory), remember(8)).expect("the directory's");
        assert!(
            matches!(answer, Some(Msg::ClientKept { ref id, seen_at: 8 }) if id == "42"),
            "{answer:?}"
        );
        let hits = directory.search("Ёлкина", 5).expect("searches");
        assert_eq!(hits.first().map(|h| h.entry.id.as_str()), Some("42"));
    }
}
