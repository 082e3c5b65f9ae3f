//! The app's time, as data.

use std::time::Duration;

use crate::dates::Date;

/// The time, as data: `update` never reads a clock. It comes with
/// [`super::Msg::Tick`], so a test chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Monotonic time since the app started (dictionary ages).
    pub since_start: Duration,
    /// Seconds since 1970 (when a client was opened).
    pub unix_secs: u64,
    /// The local day (ages, dates in the future).
    pub today: Date,
    /// The local time zone's offset from UTC now, in seconds (times of day
    /// shown on screen); 0 before the first tick and in tests.
    pub utc_offset_secs: i32,
}

impl Clock {
    /// The start of the app on `today`, before the first tick.
    pub fn start(today: Date) -> Self {
        Self {
            since_start: Duration::ZERO,
            unix_secs: 0,
            today,
            utc_offset_secs: 0,
        }
    }
}
