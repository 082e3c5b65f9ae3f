//! The words of the calls screen (the call log): its title, filter, rows
//! and statuses.

use super::{Lang, fill};
use crate::app::calllog::{CallStatus, LoggedCall};
use crate::present::person_name;
use crate::text::sanitize;

/// The texts of the calls screen in one language.
#[derive(Debug)]
pub struct CallLogTexts {
    pub title: &'static str,
    pub all: &'static str,
    pub missed_only: &'static str,
    /// `{}`: the key that switches the filter.
    pub switch: &'static str,
    pub loading: &'static str,
    pub none: &'static str,
    pub none_missed: &'static str,
    pub unknown: &'static str,
    /// `{}`: how many clients have the number.
    pub several: &'static str,
    pub ringing: &'static str,
    pub answered: &'static str,
    /// `{}`: the desk.
    pub answered_by: &'static str,
    pub missed: &'static str,
    pub rang_again: &'static str,
    /// `{}`: the desk.
    pub called_back_by: &'static str,
    pub form_open_title: &'static str,
    pub form_open: &'static str,
    pub head_time: &'static str,
    pub head_number: &'static str,
    pub head_client: &'static str,
    pub head_status: &'static str,
}

const RU: CallLogTexts = CallLogTexts {
    title: "Журнал звонков",
    all: "Все звонки, новые сверху",
    missed_only: "Пропущенные, ещё не перезвонили (за все хранимые дни)",
    switch: "{} — переключить",
    loading: "загрузка…",
    none: "Звонков нет.",
    none_missed: "Пропущенных без ответа нет.",
    unknown: "неизвестный",
    several: "клиентов: {}",
    ringing: "звонит",
    answered: "принят",
    answered_by: "принят: {}",
    missed: "пропущен",
    rang_again: "пропущен, дозвонился позже",
    called_back_by: "перезвонили: {}",
    form_open_title: "Сначала форма",
    form_open: "Сохраните форму или выйдите из неё, затем откройте звонок.",
    head_time: "Время",
    head_number: "Номер",
    head_client: "Клиент",
    head_status: "Состояние",
};

const EN: CallLogTexts = CallLogTexts {
    title: "Call log",
    all: "All calls, newest first",
    missed_only: "Missed, not yet called back (all the days kept)",
    switch: "{} switch",
    loading: "loading…",
    none: "No calls.",
    none_missed: "No missed calls waiting for a call back.",
    unknown: "unknown",
    several: "{} clients",
    ringing: "ringing",
    answered: "answered",
    answered_by: "answered: {}",
    missed: "missed",
    rang_again: "missed, got through later",
    called_back_by: "called back: {}",
    form_open_title: "The form first",
    form_open: "Save the form or leave it, then open the call.",
    head_time: "Time",
    head_number: "Number",
    head_client: "Client",
    head_status: "Status",
};

impl Lang {
    /// The texts of the calls screen.
    pub fn call_log(self) -> &'static CallLogTexts {
        match self {
            Self::Ru => &RU,
            Self::En => &EN,
        }
    }
}

/// Who called: the client's name, how many clients, or "неизвестный".
pub fn caller_text(call: &LoggedCall, lang: Lang) -> String {
    let c = lang.call_log();
    match call.callers.as_slice() {
        [] => c.unknown.to_owned(),
        [one] => sanitize(&person_name(&one.name, lang.texts())),
        many => fill(c.several, &[&many.len().to_string()]),
    }
}

/// What became of the call, in words.
pub fn status_text(status: &CallStatus, lang: Lang) -> String {
    let c = lang.call_log();
    match status {
        CallStatus::Ringing => c.ringing.to_owned(),
        CallStatus::Answered { by: None } => c.answered.to_owned(),
        CallStatus::Answered { by: Some(desk) } => fill(c.answered_by, &[&sanitize(desk)]),
        CallStatus::Missed => c.missed.to_owned(),
        CallStatus::RangAgain => c.rang_again.to_owned(),
        CallStatus::CalledBack { by } => {
            fill(c.called_back_by, &[&sanitize(by.as_deref().unwrap_or("—"))])
        }
    }
}

/// The day and time of `at` (seconds since 1970) at the clock's offset:
/// `07.12 12:03`.
pub fn day_time(at: u64, utc_offset_secs: i32) -> String {
    let local = i64::try_from(at).unwrap_or(i64::MAX) + i64::from(utc_offset_secs);
    jiff::Timestamp::from_second(local)
        .map(|t| t.strftime("%d.%m %H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_words_in_both_languages_without_control_characters() {
        for lang in [Lang::Ru, Lang::En] {
            for status in [
                CallStatus::Ringing,
                CallStatus::Answered { by: None },
                CallStatus::Answered {
                    by: Some("desk\u{1b}[2J".to_owned()),
                },
                CallStatus::Missed,
                CallStatus::RangAgain,
                CallStatus::CalledBack {
                    by: Some("desk-2".to_owned()),
                },
            ] {
                let text = status_text(&status, lang);
                assert!(!text.is_empty() && !text.contains('\u{1b}'), "{text}");
            }
        }
        assert_eq!(day_time(1_800_000_000, 3 * 3600), "15.01 11:00");
    }
}
