//! Which AMI events are the operator's calls: a ring of the operator's
//! phone (`DialBegin`), its answer (`DialEnd` with `ANSWER`, `BridgeEnter`)
//! and its end (`Hangup`), one call per `Linkedid`.

use std::collections::VecDeque;

use super::CallEvent;
use super::ami_block::Block;

/// The `source` of the calls the AMI client reports.
pub(crate) const SOURCE: &str = "ami";

/// How many ringing calls are followed at once (the oldest is forgotten).
const MAX_FOLLOWED: usize = 32;

/// The operator's calls that rang and have not ended.
pub(crate) struct Followed<'a> {
    extension: &'a str,
    calls: VecDeque<Call>,
}

struct Call {
    id: String,
    /// `Uniqueid`s whose `Hangup` ends the call: the caller's channel and the
    /// operator's.
    channels: Vec<String>,
    /// [`CallEvent::Answered`] was sent.
    answered: bool,
}

impl<'a> Followed<'a> {
    pub fn new(extension: &'a str) -> Self {
        Self {
            extension,
            calls: VecDeque::new(),
        }
    }

    /// The event `block` makes of the operator's calls, if any.
    pub(crate) fn on_block(&mut self, block: &Block) -> Option<CallEvent> {
        if block.is("Event", "DialBegin") && dials_extension(block, self.extension) {
            return self.ringing(block);
        }
        if (block.is("Event", "DialEnd")
            && block.is("DialStatus", "ANSWER")
            && dials_extension(block, self.extension))
            || (block.is("Event", "BridgeEnter")
                && is_operator_channel(block.get("Channel").unwrap_or_default(), self.extension))
        {
            return self.answered(block);
        }
        if block.is("Event", "Hangup") {
            let channel = block.get("Uniqueid")?;
            let at = self
                .calls
                .iter()
                .position(|c| c.channels.iter().any(|ch| ch == channel))?;
            let call = self.calls.remove(at)?;
            return Some(CallEvent::Ended { call_id: call.id });
        }
        None
    }

    /// The call `block` names (by `Linkedid`, or one of its channels), once.
    fn answered(&mut self, block: &Block) -> Option<CallEvent> {
        let linked = block.get("Linkedid").filter(|v| !v.is_empty());
        let channels: Vec<&str> = ["Uniqueid", "DestUniqueid"]
            .iter()
            .filter_map(|k| block.get(k))
            .collect();
        let call = self.calls.iter_mut().find(|c| {
            linked.is_some_and(|id| crate::text::sanitize(id) == c.id)
                || c.channels.iter().any(|ch| channels.contains(&ch.as_str()))
        })?;
        if std::mem::replace(&mut call.answered, true) {
            return None;
        }
        Some(CallEvent::Answered {
            call_id: call.id.clone(),
        })
    }

    fn ringing(&mut self, block: &Block) -> Option<CallEvent> {
        let channels: Vec<String> = ["Uniqueid", "DestUniqueid"]
            .iter()
            .filter_map(|k| block.get(k))
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        let id = ["Linkedid", "Uniqueid", "DestUniqueid"]
            .iter()
            .filter_map(|k| block.get(k))
            .find(|v| !v.is_empty())
            .map(crate::text::sanitize);
        if let Some(id) = &id {
            // The same call dialling the phone again (a Local channel, then
            // the phone's own): one ring.
            if let Some(call) = self.calls.iter_mut().find(|c| &c.id == id) {
                call.channels.extend(channels);
                return None;
            }
            if self.calls.len() >= MAX_FOLLOWED {
                self.calls.pop_front();
            }
            self.calls.push_back(Call {
                id: id.clone(),
                channels,
                answered: false,
            });
        }
        // A caller on a SIP trunk chooses this text: carried like the
        // socket's number, classified by the app like it.
        let number = super::number::received(block.get("CallerIDNum").unwrap_or_default());
        Some(CallEvent::Ringing {
            number,
            source: SOURCE.to_owned(),
            call_id: id,
        })
    }
}

/// Whether a `DialBegin` rings the operator's phone: `extension` is a channel
/// prefix ("PJSIP/101") matched against `DestChannel`, or an extension
/// ("101") matched against `DestCallerIDNum`, `DestExten` or the resource of
/// `DestChannel` (`PJSIP/101-00000012`, `SIP/101-…`, `Local/101@…`).
pub(crate) fn dials_extension(block: &Block, extension: &str) -> bool {
    let channel = block.get("DestChannel").unwrap_or_default();
    if extension.contains('/') {
        return is_operator_channel(channel, extension);
    }
    block.get("DestCallerIDNum") == Some(extension)
        || block.get("DestExten") == Some(extension)
        || is_operator_channel(channel, extension)
}

/// Whether `channel` is the operator's phone: `extension` a channel prefix
/// ("PJSIP/101" for `PJSIP/101-00000012`), or the channel's resource.
pub(crate) fn is_operator_channel(channel: &str, extension: &str) -> bool {
    if extension.contains('/') {
        return channel
            .strip_prefix(extension)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'));
    }
    channel_resource(channel) == Some(extension)
}

/// `PJSIP/101-00000012` → `101`; `Local/101@from-queue-0001;1` → `101`.
fn channel_resource(channel: &str) -> Option<&str> {
    let (_, rest) = channel.split_once('/')?;
    Some(match rest.split_once('@') {
        Some((resource, _)) => resource,
        None => rest.rsplit_once('-').map_or(rest, |(resource, _)| resource),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(fields: &[(&str, &str)]) -> Block {
        Block {
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    fn dial(dest: &str) -> Block {
        block(&[
            ("Event", "DialBegin"),
            ("CallerIDNum", "89161234567"),
            ("Uniqueid", "100.1"),
            ("Linkedid", "100.1"),
            ("DestChannel", dest),
            ("DestUniqueid", "100.2"),
        ])
    }

    #[test]
    fn the_destination_is_matched_by_prefix_or_extension() {
        for (ext, dest, want) in [
            ("101", "PJSIP/101-00000012", true),
            ("101", "SIP/101-0000a", true),
            ("101", "Local/101@from-queue-00000001;1", true),
            ("101", "PJSIP/1010-00000012", false),
            ("101", "PJSIP/102-00000012", false),
            ("PJSIP/101", "PJSIP/101-00000012", true),
            ("PJSIP/101", "PJSIP/1010-00000012", false),
            ("PJSIP/101", "SIP/101-00000012", false),
        ] {
            assert_eq!(dials_extension(&dial(dest), ext), want, "{ext} {dest}");
        }
        let by_callerid = block(&[("DestChannel", "PJSIP/op-1"), ("DestCallerIDNum", "101")]);
        assert!(dials_extension(&by_callerid, "101"));
        let by_exten = block(&[("DestChannel", "PJSIP/op-1"), ("DestExten", "101")]);
        assert!(dials_extension(&by_exten, "101"));
    }

    #[test]
    fn a_ring_is_followed_until_a_hangup_of_its_channels() {
        let mut followed = Followed::new("101");
        assert_eq!(
            followed.on_block(&dial("PJSIP/101-1")),
            Some(CallEvent::Ringing {
                number: "89161234567".into(),
                source: "ami".into(),
                call_id: Some("100.1".into()),
            })
        );
        assert_eq!(
            followed.on_block(&dial("PJSIP/101-1")),
            None,
            "one ring per call"
        );
        let other = block(&[
            ("Event", "Hangup"),
            ("Uniqueid", "999.9"),
            ("Linkedid", "100.1"),
        ]);
        assert_eq!(
            followed.on_block(&other),
            None,
            "another phone of a ring group"
        );
        let mine = block(&[("Event", "Hangup"), ("Uniqueid", "100.2")]);
        assert_eq!(
            followed.on_block(&mine),
            Some(CallEvent::Ended {
                call_id: "100.1".into()
            })
        );
        assert_eq!(followed.on_block(&mine), None, "ended once");
    }

    #[test]
    fn an_answer_on_the_operators_channel_is_reported_once_by_linkedid() {
        for answer in [
            block(&[
                ("Event", "DialEnd"),
                ("DialStatus", "ANSWER"),
                ("Uniqueid", "100.1"),
                ("Linkedid", "100.1"),
                ("DestChannel", "PJSIP/101-1"),
                ("DestUniqueid", "100.2"),
            ]),
            block(&[
                ("Event", "BridgeEnter"),
                ("Channel", "PJSIP/101-1"),
                ("Uniqueid", "100.2"),
                ("Linkedid", "100.1"),
            ]),
        ] {
            let mut followed = Followed::new("101");
            followed.on_block(&dial("PJSIP/101-1"));
            // The caller's own channel entering the bridge is not an answer
            // by this phone; nor is a busy or unanswered DialEnd.
            let caller = block(&[
                ("Event", "BridgeEnter"),
                ("Channel", "PJSIP/trunk-1"),
                ("Uniqueid", "100.1"),
                ("Linkedid", "100.1"),
            ]);
            assert_eq!(followed.on_block(&caller), None);
            let mut no_answer = dial("PJSIP/101-1");
            no_answer.fields[0].1 = "DialEnd".into();
            no_answer
                .fields
                .push(("DialStatus".into(), "NOANSWER".into()));
            assert_eq!(followed.on_block(&no_answer), None);
            let answered = Some(CallEvent::Answered {
                call_id: "100.1".into(),
            });
            assert_eq!(followed.on_block(&answer), answered, "{answer:?}");
            assert_eq!(followed.on_block(&answer), None, "once");
            let hangup = block(&[("Event", "Hangup"), ("Uniqueid", "100.2")]);
            assert!(matches!(
                followed.on_block(&hangup),
                Some(CallEvent::Ended { .. })
            ));
        }
    }

    #[test]
    fn one_call_is_one_ring_however_many_channels_it_makes() {
        let mut followed = Followed::new("101");
        assert!(followed.on_block(&dial("PJSIP/101-1")).is_some());
        // The queue's Local channel, then the phone's: other Uniqueids, the
        // same Linkedid.
        let again = block(&[
            ("Event", "DialBegin"),
            ("CallerIDNum", "89161234567"),
            ("Uniqueid", "100.7"),
            ("Linkedid", "100.1"),
            ("DestChannel", "PJSIP/101-2"),
            ("DestUniqueid", "100.8"),
        ]);
        assert_eq!(followed.on_block(&again), None);
        let hangup = block(&[("Event", "Hangup"), ("Uniqueid", "100.8")]);
        assert_eq!(
            followed.on_block(&hangup),
            Some(CallEvent::Ended {
                call_id: "100.1".into()
            })
        );
    }

    #[test]
    fn other_events_and_other_phones_are_ignored() {
        let mut followed = Followed::new("101");
        assert_eq!(followed.on_block(&dial("PJSIP/102-1")), None);
        assert_eq!(followed.on_block(&block(&[("Event", "Newchannel")])), None);
        assert_eq!(followed.on_block(&block(&[("Response", "Success")])), None);
    }
}
