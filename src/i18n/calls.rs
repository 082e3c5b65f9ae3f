//! The words of incoming calls: the banner, the AMI link in the header, and
//! the notices about calls.

use std::time::Duration;

use super::{Lang, fill};
use crate::app::calls::IncomingCall;
use crate::app::popup::CallsProblem;
use crate::calls::LinkState;
use crate::calls::number::CallerNumber;
use crate::present::person_name;
use crate::text::sanitize;

/// The texts of calls in one language.
#[derive(Debug)]
pub struct CallTexts {
    /// Before the number on the banner.
    pub ringing: &'static str,
    pub looking: &'static str,
    pub unknown: &'static str,
    /// `{}`: how many clients share the number.
    pub several: &'static str,
    /// `{}`: seconds.
    pub seconds_ago: &'static str,
    /// `{}`: minutes.
    pub minutes_ago: &'static str,
    /// `{}`: the key.
    pub take: &'static str,
    /// `{}`: how many more calls wait.
    pub more: &'static str,
    pub hidden_number: &'static str,
    pub unrecognised_number: &'static str,
    pub link_connecting: &'static str,
    pub link_connected: &'static str,
    pub link_reconnecting: &'static str,
    pub link_refused: &'static str,
    pub waits_title: &'static str,
    pub waits: &'static str,
    pub off_title: &'static str,
    /// `{}`: the socket's path.
    pub already_running: &'static str,
    /// `{}`: the system's reason.
    pub not_listening: &'static str,
    /// `{}`: what is wrong with `[calls.ami]`.
    pub ami_unusable: &'static str,
}

const RU: CallTexts = CallTexts {
    ringing: "Звонок",
    looking: "ищу в справочнике…",
    unknown: "номер неизвестен",
    several: "клиентов: {}",
    seconds_ago: "{} с назад",
    minutes_ago: "{} мин назад",
    take: "{} принять",
    more: "ещё {}",
    hidden_number: "номер скрыт",
    unrecognised_number: "номер не распознан",
    link_connecting: "АТС: подключение",
    link_connected: "АТС: на связи",
    link_reconnecting: "АТС: переподключение",
    link_refused: "АТС: вход отклонён",
    waits_title: "Звонок подождёт",
    waits: "Сначала сохраните форму или выйдите из неё; звонок остаётся на баннере.",
    off_title: "Звонки",
    already_running: "Уже запущен другой crmcard, он и принимает звонки ({}). Этот работает без них.",
    not_listening: "Звонки не принимаются: {}. crmcard работает без них.",
    ami_unusable: "АТС (Asterisk) не подключена: {}.",
};

const EN: CallTexts = CallTexts {
    ringing: "Call",
    looking: "looking it up…",
    unknown: "unknown number",
    several: "{} clients",
    seconds_ago: "{} s ago",
    minutes_ago: "{} min ago",
    take: "{} take",
    more: "{} more",
    hidden_number: "hidden number",
    unrecognised_number: "unrecognised number",
    link_connecting: "PBX: connecting",
    link_connected: "PBX: connected",
    link_reconnecting: "PBX: reconnecting",
    link_refused: "PBX: login refused",
    waits_title: "The call waits",
    waits: "Save the form or leave it first; the call stays on the banner.",
    off_title: "Calls",
    already_running: "Another crmcard is running and takes the calls ({}). This one runs without them.",
    not_listening: "Calls cannot come in: {}. crmcard runs without them.",
    ami_unusable: "The PBX (Asterisk) is not connected: {}.",
};

impl Lang {
    /// The texts of calls.
    pub fn calls(self) -> &'static CallTexts {
        match self {
            Self::Ru => &RU,
            Self::En => &EN,
        }
    }
}

/// The banner's parts for `call` at `now`: the number, who it is, how long
/// ago it rang.
pub fn call_parts(call: &IncomingCall, now: Duration, lang: Lang) -> [String; 3] {
    let c = lang.calls();
    let number = match (&call.phone, CallerNumber::classify(&call.number)) {
        (Some(phone), _) => phone.display(),
        (None, CallerNumber::Number(number)) => sanitize(&number),
        (None, CallerNumber::Hidden) => c.hidden_number.to_owned(),
        // Never the text itself: a caller on a SIP trunk chooses it.
        (None, CallerNumber::Unrecognised) => c.unrecognised_number.to_owned(),
    };
    let who = match call.callers.as_deref() {
        None => c.looking.to_owned(),
        Some([]) => c.unknown.to_owned(),
        Some([one]) => person_name(&one.name, lang.texts()),
        Some(many) => fill(c.several, &[&many.len().to_string()]),
    };
    let secs = call.age(now).as_secs();
    let ago = if secs < 60 {
        fill(c.seconds_ago, &[&secs.to_string()])
    } else {
        fill(c.minutes_ago, &[&(secs / 60).to_string()])
    };
    [number, sanitize(&who), ago]
}

/// The AMI link's state, for the header.
pub fn link_label(state: LinkState, lang: Lang) -> &'static str {
    let c = lang.calls();
    match state {
        LinkState::Connecting => c.link_connecting,
        LinkState::Connected => c.link_connected,
        LinkState::Reconnecting => c.link_reconnecting,
        LinkState::LoginRefused => c.link_refused,
    }
}

/// A calls problem found at start: its title and line.
pub fn calls_problem(problem: &CallsProblem, lang: Lang) -> (&'static str, String) {
    let c = lang.calls();
    let line = match problem {
        CallsProblem::AlreadyRunning { socket } => {
            fill(c.already_running, &[&socket.display().to_string()])
        }
        CallsProblem::NotListening { reason } => fill(c.not_listening, &[reason]),
        CallsProblem::AmiUnusable { reason } => fill(c.ami_unusable, &[reason]),
    };
    (c.off_title, sanitize(&line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::calls::{CallId, Caller};
    use crate::app::popup::PersonName;

    fn call(number: &str, callers: Option<Vec<Caller>>) -> IncomingCall {
        IncomingCall {
            id: CallId(1),
            number: number.to_owned(),
            phone: crate::phone::parse(number, None).ok(),
            source: "cli".to_owned(),
            pbx_id: None,
            rang_at: Duration::from_secs(10),
            callers,
        }
    }

    #[test]
    fn the_banner_names_one_client_counts_several_and_says_unknown() {
        let one = Caller {
            id: "1".into(),
            name: PersonName {
                lastname: "Иванов".into(),
                firstname: "Иван".into(),
                middlename: String::new(),
            },
        };
        let now = Duration::from_secs(135);
        let [number, who, ago] =
            call_parts(&call("89161234567", Some(vec![one.clone()])), now, Lang::Ru);
        assert_eq!(number, "+7 916 123-45-67");
        assert_eq!(who, "Иванов Иван");
        assert_eq!(ago, "2 мин назад");
        let [_, who, _] = call_parts(
            &call("89161234567", Some(vec![one.clone(), one])),
            now,
            Lang::En,
        );
        assert_eq!(who, "2 clients");
        let [number, who, ago] = call_parts(
            &call("<unknown>", Some(vec![])),
            Duration::from_secs(12),
            Lang::En,
        );
        assert_eq!(
            (number.as_str(), who.as_str(), ago.as_str()),
            ("hidden number", "unknown number", "2 s ago")
        );
        for (received, shown) in [
            ("sip:anonymous@anonymous.invalid", "номер скрыт"),
            ("Безногов Сергей VIP 89998887766", "номер не распознан"),
            ("101", "101"),
        ] {
            let [number, _, _] = call_parts(&call(received, Some(vec![])), now, Lang::Ru);
            assert_eq!(number, shown, "{received}");
        }
    }

    #[test]
    fn the_start_up_problems_are_worded_in_both_languages_without_control_characters() {
        for lang in [Lang::Ru, Lang::En] {
            for problem in [
                CallsProblem::AlreadyRunning {
                    socket: "/run/user/1000/crmcard/crmcard.sock".into(),
                },
                CallsProblem::NotListening {
                    reason: "/tmp/crmcard-1000: wider permissions\u{1b}[2J".into(),
                },
                CallsProblem::AmiUnusable {
                    reason: "[calls.ami]: no secret".into(),
                },
            ] {
                let (title, line) = calls_problem(&problem, lang);
                assert!(!title.is_empty());
                assert!(!line.contains('\u{1b}'), "{line}");
                let named = match &problem {
                    CallsProblem::AlreadyRunning { .. } => "crmcard.sock",
                    CallsProblem::NotListening { .. } => "crmcard-1000",
                    CallsProblem::AmiUnusable { .. } => "no secret",
                };
                assert!(line.contains(named), "{line}");
            }
        }
    }
}
