//! The words of incoming calls: the banner, the AMI link in the header, and
//! the notices about calls.

use std::time::Duration;

use super::{Lang, fill};
use crate::app::Clock;
use crate::app::calls::IncomingCall;
use crate::app::vocab::CallsProblem;
use crate::calls::LinkState;
use crate::calls::number::CallerNumber;
use crate::phone::Phone;
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
    /// `{}`: the time of day the number's call was missed (today).
    pub missed_at: &'static str,
    /// `{}`: the time of day the number's call was missed yesterday.
    pub missed_yesterday_at: &'static str,
    /// `{}`: the day (`05.12`), `{}`: the time of day of an older one.
    pub missed_on: &'static str,
    /// The waiting list's title.
    pub waiting_title: &'static str,
    pub waiting_none: &'static str,
    /// `{}`: the key that takes the chosen call; `{}`: the key that closes.
    pub waiting_help: &'static str,
    /// `{}`: how many calls wait.
    pub quit_calls_waiting: &'static str,
    /// `{}`: how many calls wait (a form holds unsaved changes too).
    pub quit_calls_waiting_unsaved: &'static str,
    /// `{}`: how many forms were parked.
    pub quit_keeps_parked: &'static str,
    pub park_form: &'static str,
    /// The list of parked forms (drafts).
    pub parked_title: &'static str,
    pub parked_none: &'static str,
    pub link_connecting: &'static str,
    pub link_connected: &'static str,
    pub link_reconnecting: &'static str,
    pub link_refused: &'static str,
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
    missed_at: "пропущенный в {}",
    missed_yesterday_at: "пропущенный вчера в {}",
    missed_on: "пропущенный {} в {}",
    waiting_title: "Ожидающие звонки",
    waiting_none: "Никто не ждёт.",
    waiting_help: "{} — принять выбранный, {} — закрыть",
    quit_calls_waiting: "Ждут ответа звонков: {}. Всё равно выйти? Они вернутся на баннер при запуске, если ещё звонят.",
    quit_calls_waiting_unsaved: "Ждут ответа звонков: {}, и в форме несохранённые изменения. Всё равно выйти?",
    quit_keeps_parked: "Отложенных форм: {}. Они сохранены в черновиках и будут предложены при следующем запуске. Выйти?",
    park_form: "В форме несохранённые изменения. Отложить её в черновики и принять звонок? Форма вернётся, когда вы откроете этого клиента, и в списке черновиков.",
    parked_title: "Черновики",
    parked_none: "Черновиков нет.",
    link_connecting: "АТС: подключение",
    link_connected: "АТС: на связи",
    link_reconnecting: "АТС: переподключение",
    link_refused: "АТС: вход отклонён",
    off_title: "Звонки",
    already_running: "Уже запущен другой crmcard, он и принимает звонки ({}). Этот примет их, как только тот закроется.",
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
    missed_at: "missed at {}",
    missed_yesterday_at: "missed yesterday at {}",
    missed_on: "missed on {} at {}",
    waiting_title: "Waiting calls",
    waiting_none: "Nobody is waiting.",
    waiting_help: "{} take the one chosen, {} close",
    quit_calls_waiting: "{} calls are waiting. Quit anyway? They come back on the banner at the next start if they still ring.",
    quit_calls_waiting_unsaved: "{} calls are waiting, and a form holds unsaved changes. Quit anyway?",
    quit_keeps_parked: "{} parked forms are kept as drafts and offered at the next start. Quit?",
    park_form: "The form holds unsaved changes. Park it as a draft and take the call? It comes back when you open this client, and in the drafts list.",
    parked_title: "Drafts",
    parked_none: "No drafts.",
    link_connecting: "PBX: connecting",
    link_connected: "PBX: connected",
    link_reconnecting: "PBX: reconnecting",
    link_refused: "PBX: login refused",
    off_title: "Calls",
    already_running: "Another crmcard is running and takes the calls ({}). This one takes them as soon as that one closes.",
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

/// A caller's number as shown: in display form, "номер скрыт", or "номер
/// не распознан" (never the text received).
pub fn number_text(kind: &CallerNumber, phone: Option<&Phone>, lang: Lang) -> String {
    let c = lang.calls();
    match (kind, phone) {
        (_, Some(phone)) => phone.display(),
        (CallerNumber::Number(number), None) => sanitize(number),
        (CallerNumber::Hidden, None) => c.hidden_number.to_owned(),
        (CallerNumber::Unrecognised, None) => c.unrecognised_number.to_owned(),
    }
}

/// A time of day (`12:03`) of `at` (seconds since 1970) at the clock's
/// offset from UTC.
pub fn time_of_day(at: u64, utc_offset_secs: i32) -> String {
    let local = i64::try_from(at).unwrap_or(i64::MAX) + i64::from(utc_offset_secs);
    jiff::Timestamp::from_second(local)
        .map(|t| t.strftime("%H:%M").to_string())
        .unwrap_or_default()
}

/// "пропущенный в 12:03" for a call whose number was missed before.
pub fn missed_text(call: &IncomingCall, clock: Clock, lang: Lang) -> Option<String> {
    Some(missed_when(call.missed_before?, clock, lang))
}

/// When a number's call was missed (`at`, seconds since 1970), as seen at
/// `clock`: "пропущенный в 12:03" today, "пропущенный вчера в 21:40",
/// "пропущенный 05.12 в 21:40" before that (with the year when it was
/// another year).
pub fn missed_when(at: u64, clock: Clock, lang: Lang) -> String {
    let c = lang.calls();
    let offset = clock.utc_offset_secs;
    let time = time_of_day(at, offset);
    let (Some(day), Some(today)) = (local_day(at, offset), local_day(clock.unix_secs, offset))
    else {
        return fill(c.missed_at, &[&time]);
    };
    if day >= today || clock.unix_secs == 0 {
        fill(c.missed_at, &[&time])
    } else if today.yesterday().ok() == Some(day) {
        fill(c.missed_yesterday_at, &[&time])
    } else if day.year() == today.year() {
        let date = format!("{:02}.{:02}", day.day(), day.month());
        fill(c.missed_on, &[&date, &time])
    } else {
        let date = format!("{:02}.{:02}.{}", day.day(), day.month(), day.year());
        fill(c.missed_on, &[&date, &time])
    }
}

/// The local day of `at` (seconds since 1970) at the offset from UTC.
fn local_day(at: u64, utc_offset_secs: i32) -> Option<jiff::civil::Date> {
    let local = i64::try_from(at).ok()? + i64::from(utc_offset_secs);
    let time = jiff::Timestamp::from_second(local).ok()?;
    Some(jiff::tz::TimeZone::UTC.to_datetime(time).date())
}

/// How long ago (or for how long): "12 с назад", "2 мин назад".
pub fn ago_text(age: Duration, lang: Lang) -> String {
    let c = lang.calls();
    let secs = age.as_secs();
    if secs < 60 {
        fill(c.seconds_ago, &[&secs.to_string()])
    } else {
        fill(c.minutes_ago, &[&(secs / 60).to_string()])
    }
}

/// The banner's parts for `call` at `now`: the number, who it is, how long
/// ago it rang.
pub fn call_parts(call: &IncomingCall, now: Duration, lang: Lang) -> [String; 3] {
    let c = lang.calls();
    let number = number_text(&call.kind, call.phone.as_ref(), lang);
    let who = match call.callers.as_deref() {
        None => c.looking.to_owned(),
        Some([]) => c.unknown.to_owned(),
        Some([one]) => person_name(&one.name, lang.texts()),
        Some(many) => fill(c.several, &[&many.len().to_string()]),
    };
    [number, sanitize(&who), ago_text(call.age(now), lang)]
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
    use crate::app::vocab::CallId;
    use crate::app::vocab::Caller;
    use crate::app::vocab::PersonName;

    fn call(number: &str, callers: Option<Vec<Caller>>) -> IncomingCall {
        IncomingCall {
            id: CallId(1),
            key: "run:1-1".to_owned(),
            number: number.to_owned(),
            kind: CallerNumber::classify(number),
            phone: crate::phone::parse(number, None).ok(),
            source: "cli".to_owned(),
            pbx_id: None,
            rang_at: Duration::from_secs(10),
            rang_unix: 1_800_000_010,
            callers,
            missed_before: None,
            answered: None,
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
        let odd = call("8916abc1234567", Some(vec![]));
        let [number, _, _] = call_parts(&odd, now, Lang::Ru);
        assert_eq!(number, "номер не распознан");
        let mut again = call("89161234567", Some(vec![]));
        again.missed_before = Some(1_800_000_000 + 4 * 3600 + 3 * 60);
        let clock = |unix_secs, utc_offset_secs| Clock {
            since_start: Duration::ZERO,
            unix_secs,
            today: crate::dates::Date::new(2027, 1, 15).expect("a date"),
            utc_offset_secs,
        };
        let one_pm = clock(1_800_000_000 + 5 * 3600, 0);
        assert_eq!(
            missed_text(&again, one_pm, Lang::Ru).as_deref(),
            Some("пропущенный в 12:03")
        );
        let now_msk = clock(1_800_000_000 + 5 * 3600, 3 * 3600);
        assert_eq!(
            missed_text(&again, now_msk, Lang::En).as_deref(),
            Some("missed at 15:03")
        );
        // 21:40 the evening before, a day in the year, and one of the
        // year before (2027-01-15 08:00 UTC is 1_800_000_000).
        let evening = 1_800_000_000 - 10 * 3600 - 20 * 60;
        let older = evening - 10 * 86_400;
        let last_year = evening - 20 * 86_400;
        for (at, ru, en) in [
            (
                evening,
                "пропущенный вчера в 21:40",
                "missed yesterday at 21:40",
            ),
            (
                evening - 3 * 86_400,
                "пропущенный 11.01 в 21:40",
                "missed on 11.01 at 21:40",
            ),
            (
                older,
                "пропущенный 04.01 в 21:40",
                "missed on 04.01 at 21:40",
            ),
            (
                last_year,
                "пропущенный 25.12.2026 в 21:40",
                "missed on 25.12.2026 at 21:40",
            ),
        ] {
            assert_eq!(missed_when(at, one_pm, Lang::Ru), ru);
            assert_eq!(missed_when(at, one_pm, Lang::En), en);
        }
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
