//! Two copies of one call made one: what a desk's log and the shared
//! directory's `calls` table both do with a write, so that every copy ends
//! the same whatever order the writes arrive in.
//!
//! A time once set is never cleared: the earliest ring, answer, call-back
//! and resolution win, and the latest end; an answered call stays answered
//! (answered beats missed). Who answered or called back goes with the
//! earliest time (the smaller name on a tie). The card and the callers are
//! the newest write's when it has them.

use crate::app::calllog::LoggedCall;

/// `kept` and a newer write of the same call, `new`, merged.
pub(crate) fn merged(kept: &LoggedCall, new: &LoggedCall) -> LoggedCall {
    let (answered_at, answered_by) = earliest(
        (kept.answered_at, &kept.answered_by),
        (new.answered_at, &new.answered_by),
    );
    let (called_back_at, called_back_by) = earliest(
        (kept.called_back_at, &kept.called_back_by),
        (new.called_back_at, &new.called_back_by),
    );
    LoggedCall {
        key: kept.key.clone(),
        rang_at: kept.rang_at.min(new.rang_at),
        received: filled(&kept.received, &new.received),
        canonical: kept.canonical.clone().or_else(|| new.canonical.clone()),
        source: filled(&kept.source, &new.source),
        callers: if new.callers.is_empty() {
            kept.callers.clone()
        } else {
            new.callers.clone()
        },
        answered_at,
        answered_by,
        ended_at: kept.ended_at.max(new.ended_at),
        card: new.card.clone().or_else(|| kept.card.clone()),
        called_back_at,
        called_back_by,
        resolved_at: min_some(kept.resolved_at, new.resolved_at),
    }
}

fn filled(kept: &str, new: &str) -> String {
    if kept.is_empty() { new } else { kept }.to_owned()
}

fn min_some(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The earlier of two (time, desk) marks; on the same time, the smaller
/// desk name, so that the choice does not depend on the order.
fn earliest(
    a: (Option<u64>, &Option<String>),
    b: (Option<u64>, &Option<String>),
) -> (Option<u64>, Option<String>) {
    let pick = match (a.0, b.0) {
        (None, None) => return (None, a.1.clone().or_else(|| b.1.clone())),
        (Some(_), None) => a,
        (None, Some(_)) => b,
        (Some(x), Some(y)) if x != y => {
            if x < y {
                a
            } else {
                b
            }
        }
        (Some(_), Some(_)) => match (a.1, b.1) {
            (Some(x), Some(y)) => {
                if x <= y {
                    a
                } else {
                    b
                }
            }
            (Some(_), None) => a,
            _ => b,
        },
    };
    (pick.0, pick.1.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call() -> LoggedCall {
        LoggedCall {
            key: "pbx:1".into(),
            rang_at: 100,
            received: "89161234567".into(),
            canonical: Some("+79161234567".into()),
            source: "ami".into(),
            ..LoggedCall::default()
        }
    }

    #[test]
    fn answered_beats_missed_and_the_earliest_ring_and_latest_end_win_in_either_order() {
        let at_a = LoggedCall {
            rang_at: 101,
            answered_at: Some(105),
            answered_by: Some("A".into()),
            ended_at: Some(160),
            ..call()
        };
        let at_b = LoggedCall {
            ended_at: Some(130),
            ..call()
        };
        let one = merged(&at_a, &at_b);
        assert_eq!(one, merged(&at_b, &at_a));
        assert_eq!(one.rang_at, 100);
        assert_eq!(one.ended_at, Some(160));
        assert_eq!(
            one.status(),
            crate::app::calllog::CallStatus::Answered {
                by: Some("A".into())
            }
        );
        // The same write twice changes nothing.
        assert_eq!(merged(&one, &at_a), one);
        assert_eq!(merged(&one, &at_b), one);
    }

    #[test]
    fn the_first_call_back_is_kept_with_its_desk_whatever_arrives_first() {
        let by = |at, desk: &str| LoggedCall {
            ended_at: Some(130),
            called_back_at: Some(at),
            called_back_by: Some(desk.to_owned()),
            ..call()
        };
        for (x, y) in [(by(200, "B"), by(300, "A")), (by(200, "B"), by(200, "C"))] {
            let one = merged(&x, &y);
            assert_eq!(one, merged(&y, &x));
            assert_eq!(one.called_back_at, Some(200));
            assert_eq!(one.called_back_by.as_deref(), Some("B"));
        }
    }
}
