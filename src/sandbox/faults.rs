//! Fault injection: latency, random failures and scripted one-shot faults.

use std::collections::VecDeque;
use std::time::Duration;

/// Faults applied to every request.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Faults {
    /// Added before every answer.
    pub latency: Duration,
    /// The share of requests (0.0 to 1.0) answered with HTTP 500 and an
    /// `Err` envelope DLW-0001. The draw is deterministic (a fixed-seed PRNG),
    /// so a test run is repeatable.
    pub error_rate: f64,
}

/// A scripted fault: [`super::Sandbox::push_fault`] queues it, and the next
/// request that has no earlier fault queued gets it, once.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// HTTP 500 with an HTML error page.
    Http500,
    /// HTTP 200 with an HTML page instead of JSON (a proxy's login page, say).
    Html,
    /// HTTP 200 with a JSON envelope cut off in the middle.
    Truncated,
    /// HTTP 200 with an empty body.
    Empty,
    /// Carries the request out (after any latency), then waits this long before
    /// answering: a client that times out meanwhile has still had its write
    /// done.
    Delay(Duration),
    /// An `Err` envelope with this DLW code.
    Err(String),
}

/// What the fault machinery decided for one request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Decision {
    /// Carry it out, then answer after this much waiting (zero for none).
    Proceed(Duration),
    /// Answer with this fault instead; the request is not carried out.
    Fail(Fault),
    /// The random failure of `error_rate`.
    Random,
}

/// The mutable fault state of a running sandbox.
#[derive(Debug)]
pub(crate) struct FaultState {
    faults: Faults,
    script: VecDeque<Fault>,
    rng: SplitMix64,
}

impl FaultState {
    pub(crate) fn new(faults: Faults) -> Self {
        FaultState {
            faults,
            script: VecDeque::new(),
            rng: SplitMix64(0x5EED_CAFE_F00D_D00D),
        }
    }

    pub(crate) fn set(&mut self, faults: Faults) {
        self.faults = faults;
    }

    pub(crate) fn push(&mut self, fault: Fault) {
        self.script.push_back(fault);
    }

    /// Decides the fate of the next request. The latency of [`Faults`] is
    /// added to every answer, faulted or not.
    pub(crate) fn next(&mut self) -> (Duration, Decision) {
        let latency = self.faults.latency;
        let decision = match self.script.pop_front() {
            Some(Fault::Delay(d)) => Decision::Proceed(d),
            Some(fault) => Decision::Fail(fault),
            None if self.rng.next_unit() < self.faults.error_rate => Decision::Random,
            None => Decision::Proceed(Duration::ZERO),
        };
        (latency, decision)
    }
}

/// A tiny deterministic PRNG (SplitMix64): enough for fault rates and ids.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_faults_come_first_in_order_then_the_rate() {
        let mut state = FaultState::new(Faults {
            latency: Duration::from_millis(5),
            error_rate: 0.0,
        });
        state.push(Fault::Empty);
        state.push(Fault::Delay(Duration::from_millis(7)));
        assert_eq!(
            state.next(),
            (Duration::from_millis(5), Decision::Fail(Fault::Empty))
        );
        assert_eq!(
            state.next(),
            (
                Duration::from_millis(5),
                Decision::Proceed(Duration::from_millis(7))
            )
        );
        assert_eq!(
            state.next(),
            (Duration::from_millis(5), Decision::Proceed(Duration::ZERO))
        );
    }

    #[test]
    fn error_rate_hits_about_its_share() {
        let mut state = FaultState::new(Faults {
            latency: Duration::ZERO,
            error_rate: 0.3,
        });
        let hits = (0..10_000)
            .filter(|_| state.next().1 == Decision::Random)
            .count();
        assert!((2_700..3_300).contains(&hits), "{hits}");
        state.set(Faults {
            latency: Duration::ZERO,
            error_rate: 1.0,
        });
        assert!((0..100).all(|_| state.next().1 == Decision::Random));
    }
}
