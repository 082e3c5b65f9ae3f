//! The pause before a database engine (the sync, the presence) connects
//! again: the first pause, doubling up to the longest, and the first again
//! after a session that got online.

use std::time::Duration;

pub(crate) struct Reconnect {
    first: Duration,
    longest: Duration,
    next: Duration,
}

impl Reconnect {
    pub(crate) fn new(first: Duration, longest: Duration) -> Self {
        Self {
            first,
            longest,
            next: first,
        }
    }

    /// The pause after a session ended; `was_online`: it got through, so
    /// the pauses start again from the first.
    pub(crate) fn after(&mut self, was_online: bool) -> Duration {
        if was_online {
            self.next = self.first;
        }
        let pause = self.next;
        self.next = (self.next * 2).min(self.longest);
        pause
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_up_to_the_longest_and_start_again_after_a_session_online() {
        let ms = Duration::from_millis;
        let mut reconnect = Reconnect::new(ms(500), ms(3_000));
        let failed: Vec<_> = (0..5).map(|_| reconnect.after(false)).collect();
        assert_eq!(
            failed,
            [ms(500), ms(1_000), ms(2_000), ms(3_000), ms(3_000)]
        );
        assert_eq!(reconnect.after(true), ms(500));
        assert_eq!(reconnect.after(false), ms(1_000));
    }
}
