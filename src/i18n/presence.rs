//! The words of the other desks: who has this client's form open (on the
//! card and in the form's header), and the save that asks first because
//! another desk saved the client since the form was opened.

use super::drafts::clock_time;
use super::{Lang, fill};
use crate::presence::{EditedPart, Editor};
use crate::text::sanitize;

/// The texts of presence in one language.
#[derive(Debug)]
pub struct PresenceTexts {
    /// `{}`: the operator, `{}`: the desk, `{}`: the part, `{}`: since
    /// (14:05).
    pub editing: &'static str,
    pub main_data: &'static str,
    pub contacts: &'static str,
    pub addresses: &'static str,
    /// A part a newer crmcard named.
    pub other: &'static str,
    /// `{}`: the desk, `{}`: when (14:05).
    pub saved_elsewhere: &'static str,
}

const RU: PresenceTexts = PresenceTexts {
    editing: "{} ({}) изменяет {} с {}",
    main_data: "основные данные",
    contacts: "контакты",
    addresses: "адреса",
    other: "карточку",
    saved_elsewhere: "{} сохранил этого клиента в {}, после того как вы открыли форму. Сохранить всё равно?",
};

const EN: PresenceTexts = PresenceTexts {
    editing: "{} ({}) has been editing the {} since {}",
    main_data: "main data",
    contacts: "contacts",
    addresses: "addresses",
    other: "card",
    saved_elsewhere: "{} saved this client at {}, after you opened the form. Save anyway?",
};

impl Lang {
    /// The texts of presence.
    pub fn presence(self) -> &'static PresenceTexts {
        match self {
            Self::Ru => &RU,
            Self::En => &EN,
        }
    }
}

/// «Иванова (пульт 3) изменяет адреса с 12:03», one line per other desk's
/// form, oldest first; `utc_offset` turns the server's time into local.
pub fn editing_lines(lang: Lang, editors: &[Editor], utc_offset: i32) -> Vec<String> {
    let t = lang.presence();
    editors
        .iter()
        .map(|e| {
            let part = match e.part {
                EditedPart::MainData => t.main_data,
                EditedPart::Contacts => t.contacts,
                EditedPart::Addresses => t.addresses,
                EditedPart::Other => t.other,
            };
            let since = clock_time(e.since + i64::from(utc_offset));
            fill(
                t.editing,
                &[&sanitize(&e.operator), &sanitize(&e.desk), part, &since],
            )
        })
        .collect()
}

/// «Пульт 3 сохранил этого клиента в 12:05, …»: the desk's name starts
/// the sentence with a capital.
pub fn saved_elsewhere(lang: Lang, desk: &str, at_local: i64) -> String {
    let desk = sanitize(desk);
    let mut letters = desk.chars();
    let desk: String = match letters.next() {
        Some(first) => first.to_uppercase().chain(letters).collect(),
        None => desk,
    };
    fill(
        lang.presence().saved_elsewhere,
        &[&desk, &clock_time(at_local)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_desks_form_reads_as_a_sentence_in_both_languages() {
        let editors = [Editor {
            desk: "пульт 3".to_owned(),
            operator: "Иванова".to_owned(),
            part: EditedPart::Addresses,
            // 09:03 UTC, 12:03 in Moscow.
            since: 1_765_098_180,
        }];
        assert_eq!(
            editing_lines(Lang::Ru, &editors, 3 * 3600),
            ["Иванова (пульт 3) изменяет адреса с 12:03"]
        );
        assert_eq!(
            editing_lines(Lang::En, &editors, 3 * 3600),
            ["Иванова (пульт 3) has been editing the addresses since 12:03"]
        );
    }

    #[test]
    fn the_save_asks_naming_the_desk_with_a_capital() {
        assert_eq!(
            saved_elsewhere(Lang::Ru, "пульт 3", 12 * 3600 + 5 * 60),
            "Пульт 3 сохранил этого клиента в 12:05, после того как вы открыли форму. Сохранить всё равно?"
        );
        assert_eq!(
            saved_elsewhere(Lang::En, "desk\u{1b}[2J 3", 12 * 3600 + 5 * 60),
            "Desk 3 saved this client at 12:05, after you opened the form. Save anyway?"
        );
    }
}
