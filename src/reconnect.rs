//! The pause before a link connects again (the AMI client, the shared
//! directory's sync and presence): a table of pauses taken one after
//! another while attempts fail, the last repeating, and the first again
//! after a session that counted as online.

use std::time::Duration;

/// The pause when a table has none.
const FALLBACK: Duration = Duration::from_secs(30);

pub(crate) struct Reconnect {
    steps: Vec<Duration>,
    failures: usize,
}

impl Reconnect {
    /// The pauses `steps`, in order; the last repeats.
    pub(crate) fn steps(steps: Vec<Duration>) -> Self {
        Self { steps, failures: 0 }
    }

    /// `first`, doubling up to `longest`.
    pub(crate) fn doubling(first: Duration, longest: Duration) -> Self {
        let mut steps = vec![first];
        while let Some(&last) = steps.last() {
            let next = last.saturating_mul(2).min(longest);
            if next <= last {
                break;
            }
            steps.push(next);
        }
        Self::steps(steps)
    }

    /// The next pause is the first.
    pub(crate) fn reset(&mut self) {
        self.failures = 0;
    }

    /// The pause after a session ended; `was_online`: it got through (for
    /// long enough), so the pauses start again from the first.
    pub(crate) fn after(&mut self, was_online: bool) -> Duration {
        if was_online {
            self.reset();
        }
        let pause = self
            .steps
            .get(self.failures)
            .or(self.steps.last())
            .copied()
            .unwrap_or(FALLBACK);
        self.failures = self.failures.saturating_add(1);
        pause
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_pauses_stop_at_the_longest_and_start_again_after_a_session_online() {
        let ms = Duration::from_millis;
        let mut reconnect = Reconnect::doubling(ms(500), ms(3_000));
        let failed: Vec<_> = (0..5).map(|_| reconnect.after(false)).collect();
        assert_eq!(
            failed,
            [ms(500), ms(1_000), ms(2_000), ms(3_000), ms(3_000)]
        );
        assert_eq!(reconnect.after(true), ms(500));
        assert_eq!(reconnect.after(false), ms(1_000));
    }

    #[test]
    fn a_table_of_pauses_repeats_its_last_and_starts_again_when_reset() {
        let mut reconnect = Reconnect::steps([1, 2, 5].map(Duration::from_secs).to_vec());
        let pauses: Vec<u64> = (0..5).map(|_| reconnect.after(false).as_secs()).collect();
        assert_eq!(pauses, [1, 2, 5, 5, 5], "accepted logins dropped at once");
        assert_eq!(
            reconnect.after(true).as_secs(),
            1,
            "a connection that lasted"
        );
        assert_eq!(reconnect.after(false).as_secs(), 2);
        reconnect.reset();
        assert_eq!(reconnect.after(false).as_secs(), 1);
    }

    #[test]
    fn a_zero_first_pause_or_an_empty_table_still_gives_a_pause() {
        let mut zero = Reconnect::doubling(Duration::ZERO, Duration::from_secs(1));
        assert_eq!(zero.after(false), Duration::ZERO);
        assert_eq!(zero.after(false), Duration::ZERO);
        assert_eq!(Reconnect::steps(Vec::new()).after(false), FALLBACK);
    }
}
