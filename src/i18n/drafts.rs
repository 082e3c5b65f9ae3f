//! The words about drafts and the client directory's health: files left
//! unread, a draft whose save went out unanswered, a directory that cannot
//! be read or written.

use super::{Lang, fill};
use crate::app::draft::{SkipWhy, SkippedDraft};
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
