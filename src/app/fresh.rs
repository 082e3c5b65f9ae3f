//! What crmcard knows about how fresh a client's card is.
//!
//! The CRM serves a GET from its cache for a minute, and writes do not
//! clear that cache: a GET within the minute after a write can answer with
//! the card as it was before the write. crmcard knows what it wrote and
//! when, so within that minute the write's answer stands (and forms are
//! filled from it); the card says when it was saved or loaded.

use std::collections::HashMap;
use std::time::Duration;

use super::clock::Clock;
use crate::api::ApiError;
use crate::api::model::ClientCard;

/// How long the CRM may serve a GET from its cache.
pub const CRM_CACHE: Duration = Duration::from_secs(60);

/// A card as a write answered it.
#[derive(Debug, Clone)]
struct Written {
    /// Monotonic, [`Clock::since_start`].
    at: Duration,
    card: ClientCard,
}

/// Per client: the last write's answer, and when the card was last loaded.
#[derive(Debug, Default)]
pub struct Freshness {
    written: HashMap<String, Written>,
    /// Seconds since 1970 when the card shown was answered.
    loaded: HashMap<String, u64>,
}

impl Freshness {
    /// A write answered with `card`.
    pub fn written(&mut self, card: &ClientCard, clock: Clock) {
        self.written.insert(
            card.id.clone(),
            Written {
                at: clock.since_start,
                card: card.clone(),
            },
        );
        self.loaded.insert(card.id.clone(), clock.unix_secs);
    }

    /// A GET answered: within the cache minute after a write of that client
    /// the write's answer replaces it (the GET may be the cached copy from
    /// before the write).
    pub fn loaded(
        &mut self,
        result: Result<ClientCard, ApiError>,
        clock: Clock,
    ) -> Result<ClientCard, ApiError> {
        let card = result?;
        if let Some(w) = self.written.get(&card.id)
            && clock.since_start < w.at + CRM_CACHE
        {
            tracing::info!(
                client = %card.id,
                "a GET within the CRM's cache minute after a write: the write's answer stands"
            );
            return Ok(w.card.clone());
        }
        self.written.remove(&card.id);
        self.loaded.insert(card.id.clone(), clock.unix_secs);
        Ok(card)
    }

    /// How long ago this client was saved, while the CRM's copy may lag.
    pub fn saved_ago(&self, id: &str, clock: Clock) -> Option<Duration> {
        let w = self.written.get(id)?;
        let ago = clock.since_start.checked_sub(w.at)?;
        (ago < CRM_CACHE).then_some(ago)
    }

    /// When the card shown was answered (seconds since 1970).
    pub fn loaded_at(&self, id: &str) -> Option<u64> {
        self.loaded.get(id).copied().filter(|&s| s > 0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::dates::Date;

    fn at(secs: u64) -> Clock {
        Clock {
            since_start: Duration::from_secs(secs),
            unix_secs: 1_800_000_000 + secs,
            today: Date::today(),
            utc_offset_secs: 0,
        }
    }

    fn card(id: &str, lastname: &str) -> ClientCard {
        ClientCard {
            id: id.to_owned(),
            lastname: lastname.to_owned(),
            ..ClientCard::default()
        }
    }

    #[test]
    fn within_the_minute_after_a_write_the_write_stands() {
        let mut f = Freshness::default();
        f.written(&card("1", "Новая"), at(10));
        let got = f.loaded(Ok(card("1", "Старая")), at(30)).unwrap();
        assert_eq!(got.lastname, "Новая");
        assert_eq!(f.saved_ago("1", at(30)), Some(Duration::from_secs(20)));
        assert_eq!(f.loaded_at("1"), Some(1_800_000_010));
        // Another client is not touched.
        let other = f.loaded(Ok(card("2", "Другой")), at(30)).unwrap();
        assert_eq!(other.lastname, "Другой");
        // After the minute the CRM's copy is the truth again.
        let got = f.loaded(Ok(card("1", "Чужая")), at(71)).unwrap();
        assert_eq!(got.lastname, "Чужая");
        assert_eq!(f.saved_ago("1", at(71)), None);
        assert_eq!(f.loaded_at("1"), Some(1_800_000_071));
    }
}
