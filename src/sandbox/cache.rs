//! The GET cache of the real server, reproduced: an answer is served again
//! for the cache's time to live, keyed by the full URL (path and query), and
//! writes do not invalidate it. Only successful answers are cached, so an
//! error never sticks. Its clock is tokio's: a test can pause it.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::handlers::Data;

/// Past this many entries, expired ones are dropped on the next insert.
const PRUNE_AT: usize = 1_000;

#[derive(Debug)]
pub(crate) struct Cache {
    ttl: Duration,
    entries: Mutex<HashMap<String, (Instant, Data)>>,
}

impl Cache {
    pub(crate) fn new(ttl: Duration) -> Self {
        Cache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The `data` cached for this URL, if still fresh.
    pub(crate) fn get(&self, url: &str) -> Option<Data> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(url)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, data)| data.clone())
    }

    pub(crate) fn put(&self, url: &str, data: &Data) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= PRUNE_AT {
            entries.retain(|_, (at, _)| at.elapsed() < self.ttl);
        }
        entries.insert(url.to_owned(), (Instant::now(), data.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::Deleted;

    #[test]
    fn serves_until_expiry_and_zero_disables() {
        let cache = Cache::new(Duration::from_millis(50));
        cache.put("/a?x=1", &Data::Deleted(Deleted { id: "1".into() }));
        assert_eq!(
            cache.get("/a?x=1"),
            Some(Data::Deleted(Deleted { id: "1".into() }))
        );
        assert_eq!(cache.get("/a?x=2"), None);
        let deadline = Instant::now() + Duration::from_secs(5);
        while cache.get("/a?x=1").is_some() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(cache.get("/a?x=1"), None);

        let off = Cache::new(Duration::ZERO);
        off.put("/a", &Data::Deleted(Deleted { id: "1".into() }));
        assert_eq!(off.get("/a"), None);
    }
}
