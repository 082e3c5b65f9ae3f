//! Cards the client directory failed to keep (disk full, the database
//! locked by an import): held in memory, said once, and tried again at the
//! next directory write and every [`RETRY_EVERY`] on the clock, so that a
//! client just saved is not "unknown" when they call again.

use std::time::Duration;

use super::effect::Effect;
use super::vocab::Notice;
use crate::api::model::{ClientCard, ContactType};

/// How long a failed write waits before it is tried again on its own.
pub const RETRY_EVERY: Duration = Duration::from_secs(10);

/// One [`Effect::RememberClient`] that has not been kept yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Unkept {
    pub card: Box<ClientCard>,
    pub contact_types: Vec<ContactType>,
    pub seen_at: i64,
}

impl Unkept {
    fn effect(&self) -> Effect {
        Effect::RememberClient {
            card: self.card.clone(),
            contact_types: self.contact_types.clone(),
            seen_at: self.seen_at,
        }
    }
}

/// The directory writes that failed and wait to be tried again.
#[derive(Debug, Clone, Default)]
pub struct DirectoryWrites {
    /// One per client, the newest.
    waiting: Vec<Unkept>,
    /// The failure was said; said again only after every write got through.
    said: bool,
    next_try: Option<Duration>,
}

impl DirectoryWrites {
    /// Whether writes wait to be tried again (the loop must tick).
    pub fn waiting(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// A write failed (`now` on the app's clock): held (replacing an older
    /// one of that client); returns the notice to say unless it was said.
    pub fn failed(&mut self, unkept: Unkept, reason: String, now: Duration) -> Option<Notice> {
        self.waiting.retain(|u| u.card.id != unkept.card.id);
        self.waiting.push(unkept);
        self.next_try = Some(now + RETRY_EVERY);
        (!std::mem::replace(&mut self.said, true))
            .then_some(Notice::DirectoryWriteFailed { reason })
    }

    /// The directory kept client `id` (as of `seen_at`): what waited for
    /// it, if not newer, goes.
    pub fn kept(&mut self, id: &str, seen_at: i64) {
        self.waiting
            .retain(|u| u.card.id != id || u.seen_at > seen_at);
        if self.waiting.is_empty() {
            self.said = false;
            self.next_try = None;
        }
    }

    /// The held writes, again (into `effects`, `now` on the app's clock):
    /// at the next directory write.
    pub fn again(&mut self, now: Duration, effects: &mut Vec<Effect>) {
        if self.waiting.is_empty() {
            return;
        }
        self.next_try = Some(now + RETRY_EVERY);
        effects.extend(self.waiting.iter().map(Unkept::effect));
    }

    /// A tick at `now`: the held writes again when their time has come.
    pub fn tick(&mut self, now: Duration, effects: &mut Vec<Effect>) {
        if self.next_try.is_some_and(|at| now >= at) {
            self.again(now, effects);
        }
    }
}
