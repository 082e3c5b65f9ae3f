//! The words about drafts and the client directory's health: files left
//! unread, a draft whose save went out unanswered, a directory that cannot
//! be read or written.

use super::{Lang, fill};
use crate::app::vocab::{SkipWhy, SkippedDraft};
use crate::text::sanitize;

/// The texts of one language.
#[derive(Debug)]
pub struct DraftTexts {
    pub skipped_title: &'static str,
    pub skipped_not_file: &'static str,
    pub skipped_too_big: &'static str,
    pub skipped_unreadable: &'static str,
    pub name_differs_title: &'static str,
    pub name_differs: &'static str,
    /// In the list of drafts at start.
    pub sent_mark: &'static str,
    /// Under a form taken back from such a draft.
    pub sent_note: &'static str,
    pub resend_question: &'static str,
    /// The lookup's box title when the directory cannot be read.
    pub unavailable_title: &'static str,
    pub lookup_cannot_check: &'static str,
    pub lookup_cannot_check_phone: &'static str,
    /// Where the hits would be.
    pub hits_unchecked: &'static str,
    /// The banner's "who" of a call the directory could not be asked about.
    pub caller_unchecked: &'static str,
    pub phone_not_checked: &'static str,
    pub phone_not_checked_seen: &'static str,
    pub write_failed_title: &'static str,
    pub write_failed: &'static str,
}

pub const DRAFTS_RU: DraftTexts = DraftTexts {
    skipped_title: "Черновики не прочитаны",
    skipped_not_file: "{}: не обычный файл (ссылка, канал или устройство), пропущен",
    skipped_too_big: "{}: {} байт, больше 64 КиБ, пропущен",
    skipped_unreadable: "{}: не читается ({})",
    name_differs_title: "Имя в черновике другое",
    name_differs: "В черновике клиент записан как «{}», в карточке он «{}». Оставлено имя из карточки.",
    sent_mark: "отправлен, ответ не получен",
    sent_note: "Сохранение уходило в {}, ответ не получен: изменения могли уже записаться. Проверьте карточку перед повторной отправкой.",
    resend_question: "Это сохранение уже отправлялось в {}, и ответ не пришёл: возможно, изменения уже в CRM (адрес или контакт появится дважды). Отправить ещё раз?",
    unavailable_title: " Справочник недоступен ",
    lookup_cannot_check: "Справочник клиентов не читается: есть ли такой клиент, проверить нельзя. Клиента можно открыть по коду.",
    lookup_cannot_check_phone: "Справочник клиентов не читается: есть ли клиент с номером {}, проверить нельзя. Enter или Insert — новый клиент с этим номером.",
    hits_unchecked: "Справочник клиентов недоступен: поиск не выполнен. Клиента можно открыть по коду.",
    caller_unchecked: "справочник недоступен",
    phone_not_checked: "Справочник клиентов недоступен: номер {} не проверен (за этот сеанс он не встречался). Создать клиента без проверки?",
    phone_not_checked_seen: "Справочник клиентов недоступен, но за этот сеанс номер {} был у: {}.",
    write_failed_title: "Справочник клиентов не записан",
    write_failed: "Карточка не записалась в справочник клиентов ({}). crmcard помнит её и пробует ещё раз; пока не получится, клиент может не найтись по номеру.",
};

pub const DRAFTS_EN: DraftTexts = DraftTexts {
    skipped_title: "Drafts not read",
    skipped_not_file: "{}: not a regular file (a link, a pipe or a device), skipped",
    skipped_too_big: "{}: {} bytes, more than 64 KiB, skipped",
    skipped_unreadable: "{}: cannot be read ({})",
    name_differs_title: "Another name in the draft",
    name_differs: "The draft names the client \u{201c}{}\u{201d}, the card \u{201c}{}\u{201d}. The card's name is kept.",
    sent_mark: "sent, answer not received",
    sent_note: "This save was sent at {} and no answer came: the changes may already be saved. Check the card before sending again.",
    resend_question: "This save was already sent at {} and no answer came: the changes may already be in the CRM (an address or a contact would appear twice). Send it again?",
    unavailable_title: " Directory unavailable ",
    lookup_cannot_check: "The client directory cannot be read: whether such a client exists cannot be checked. A client can be opened by id.",
    lookup_cannot_check_phone: "The client directory cannot be read: whether a client has the number {} cannot be checked. Enter or Insert: a new client with this number.",
    hits_unchecked: "The client directory is unavailable: nothing was searched. A client can be opened by id.",
    caller_unchecked: "directory unavailable",
    phone_not_checked: "The client directory is unavailable: the number {} was not checked (not seen this session). Create the client unchecked?",
    phone_not_checked_seen: "The client directory is unavailable, but this session the number {} was seen on: {}.",
    write_failed_title: "Client directory not written",
    write_failed: "A card was not written to the client directory ({}). crmcard keeps it and tries again; until then the client may not be found by number.",
};

impl Lang {
    /// The words about drafts and the directory's health.
    pub fn drafts(self) -> &'static DraftTexts {
        match self {
            Self::Ru => &DRAFTS_RU,
            Self::En => &DRAFTS_EN,
        }
    }
}

/// One line per file left unread.
pub fn skipped_lines(files: &[SkippedDraft], lang: Lang) -> Vec<String> {
    let t = lang.drafts();
    files
        .iter()
        .map(|s| {
            let file = sanitize(&s.file);
            match &s.why {
                SkipWhy::NotAFile => fill(t.skipped_not_file, &[&file]),
                SkipWhy::TooBig { bytes } => fill(t.skipped_too_big, &[&file, &bytes.to_string()]),
                SkipWhy::Unreadable { reason } => {
                    fill(t.skipped_unreadable, &[&file, &sanitize(reason)])
                }
            }
        })
        .collect()
}

/// "14:05": a local time in seconds since 1970 (the offset added).
pub fn clock_time(local_secs: i64) -> String {
    jiff::Timestamp::from_second(local_secs)
        .map(|t| t.strftime("%H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_files_are_named_with_why_in_both_languages() {
        let files = [
            SkippedDraft {
                file: "zero\u{1b}[2J.json".to_owned(),
                why: SkipWhy::NotAFile,
            },
            SkippedDraft {
                file: "big.json".to_owned(),
                why: SkipWhy::TooBig { bytes: 300_000 },
            },
        ];
        let ru = skipped_lines(&files, Lang::Ru);
        assert!(ru[0].contains("не обычный файл"), "{ru:?}");
        assert!(!ru[0].contains('\u{1b}'), "control characters stripped");
        assert_eq!(ru[1], "big.json: 300000 байт, больше 64 КиБ, пропущен");
        let en = skipped_lines(&files, Lang::En);
        assert_eq!(en[1], "big.json: 300000 bytes, more than 64 KiB, skipped");
    }
}
