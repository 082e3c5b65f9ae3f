//! The call log as data: one row per call that reached the desk, what the
//! calls screen lists and the storage (`crate::calllog`) keeps per CRM.
//!
//! `update` builds and changes rows and hands them to the executor as
//! [`super::Effect::LogCall`]; times are seconds since 1970 from the clock
//! the ticks bring. Nothing here is text the operator reads.

use super::vocab::Caller;
use crate::calls::number::CallerNumber;

/// One call as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoggedCall {
    /// One call, one row: `pbx:` and the PBX's call id (AMI's `Linkedid`)
    /// where there is one, else an id of this desk's run
    /// (`run:DESK:START-N`).
    pub key: String,
    /// When it rang (seconds since 1970).
    pub rang_at: u64,
    /// The number as received (control characters removed).
    pub received: String,
    /// The number in canonical form (`+79161234567`), when it is one.
    pub canonical: Option<String>,
    /// Who told: "ami", "microsip", "cli"…
    pub source: String,
    /// The directory's clients with the number when it rang.
    pub callers: Vec<Caller>,
    /// When a desk answered it.
    pub answered_at: Option<u64>,
    /// Which desk answered it (none when the PBX said so without a desk).
    pub answered_by: Option<String>,
    /// When it ended (hung up, or gone from the banner unanswered).
    pub ended_at: Option<u64>,
    /// The client whose card the call opened.
    pub card: Option<String>,
    /// When a desk called the number back, and which desk.
    pub called_back_at: Option<u64>,
    pub called_back_by: Option<String>,
    /// When a missed call was resolved by the number getting through later.
    pub resolved_at: Option<u64>,
}

/// What became of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallStatus {
    /// Still ringing (or never said to end).
    Ringing,
    /// A desk answered it (`None`: the PBX said so, naming no desk).
    Answered { by: Option<String> },
    /// Ended with nobody answering; not yet called back.
    Missed,
    /// Missed, then the caller got through on a later call.
    RangAgain,
    /// Missed, then a desk called the number back.
    CalledBack { by: Option<String> },
}

impl LoggedCall {
    /// What became of the call.
    pub fn status(&self) -> CallStatus {
        if self.answered_at.is_some() {
            CallStatus::Answered {
                by: self.answered_by.clone(),
            }
        } else if self.called_back_at.is_some() {
            CallStatus::CalledBack {
                by: self.called_back_by.clone(),
            }
        } else if self.resolved_at.is_some() {
            CallStatus::RangAgain
        } else if self.ended_at.is_some() {
            CallStatus::Missed
        } else {
            CallStatus::Ringing
        }
    }

    /// Whether the call was missed and nobody has called back yet.
    pub fn is_open_missed(&self) -> bool {
        self.status() == CallStatus::Missed
    }

    /// What the number is ("номер скрыт", "номер не распознан", a number).
    pub fn number(&self) -> CallerNumber {
        CallerNumber::classify(&self.received)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_is_missed_only_when_it_ended_unanswered_and_until_called_back() {
        let mut call = LoggedCall {
            key: "run:1-1".into(),
            rang_at: 100,
            received: "89161234567".into(),
            ..LoggedCall::default()
        };
        assert_eq!(call.status(), CallStatus::Ringing);
        call.ended_at = Some(130);
        assert_eq!(call.status(), CallStatus::Missed);
        assert!(call.is_open_missed());
        call.resolved_at = Some(200);
        assert_eq!(call.status(), CallStatus::RangAgain);
        call.called_back_at = Some(300);
        call.called_back_by = Some("desk-2".into());
        assert_eq!(
            call.status(),
            CallStatus::CalledBack {
                by: Some("desk-2".into())
            }
        );
        assert!(!call.is_open_missed());
        call.answered_at = Some(110);
        assert_eq!(call.status(), CallStatus::Answered { by: None });
    }
}
