//! Who asked for each request: the screen or popup an answer goes to.
//!
//! Every screen and every popup that asks the CRM or the directory for
//! something carries an [`OwnerId`], given when it is created and never
//! reused. A request is made with the asker's id
//! ([`super::Ctx::request`], [`super::Ctx::write`]); the [`Owners`] table
//! keeps `request → owner`, and `route::deliver` hands the answer to the
//! screen or popup with that id, or drops it when that one is gone. So a
//! screen popped and another pushed at the same depth never receives the
//! first one's answer, and no screen sees answers it did not ask for.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::effect::RequestId;

/// The next id to give: ids are unique in the process, so two apps (tests
/// running side by side) never share one either.
static NEXT_OWNER: AtomicU64 = AtomicU64::new(1);

/// Names one screen or popup for as long as it lives. A new one (also
/// `default()`) has an id no other has had; a clone keeps its original's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OwnerId(u64);

impl OwnerId {
    /// An id never given before.
    pub(crate) fn fresh() -> Self {
        Self(NEXT_OWNER.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for OwnerId {
    fn default() -> Self {
        Self::fresh()
    }
}

/// The requests under way and who asked for each.
#[derive(Debug, Default)]
pub struct Owners {
    asked: HashMap<RequestId, OwnerId>,
}

impl Owners {
    /// `owner` waits for the answer to `req`.
    pub(super) fn record(&mut self, req: RequestId, owner: OwnerId) {
        self.asked.insert(req, owner);
    }

    /// Who asked for `req`, forgotten now that its answer came (none: the
    /// desk itself asked, or the asker is gone).
    pub(super) fn take(&mut self, req: RequestId) -> Option<OwnerId> {
        self.asked.remove(&req)
    }

    /// Nobody waits for `req` any more (it was cancelled).
    pub(super) fn forget(&mut self, req: RequestId) {
        self.asked.remove(&req);
    }

    /// Keeps only the requests of owners `alive` says are still there: an
    /// answer to the others is dropped whether it comes or not.
    pub(super) fn keep_alive(&mut self, alive: impl Fn(OwnerId) -> bool) {
        self.asked.retain(|_, owner| alive(*owner));
    }

    /// How many requests are waited for.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.asked.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_never_given_twice() {
        let a = OwnerId::fresh();
        let b = OwnerId::default();
        assert_ne!(a, b);
    }

    #[test]
    fn an_answer_is_taken_once_and_a_gone_owner_is_forgotten() {
        let (a, b) = (OwnerId::fresh(), OwnerId::fresh());
        let mut owners = Owners::default();
        owners.record(RequestId(1), a);
        owners.record(RequestId(2), b);
        owners.record(RequestId(3), b);
        assert_eq!(owners.take(RequestId(1)), Some(a));
        assert_eq!(owners.take(RequestId(1)), None);
        owners.forget(RequestId(3));
        owners.keep_alive(|o| o == a);
        assert_eq!(owners.take(RequestId(2)), None);
        assert_eq!(owners.len(), 0);
    }
}
