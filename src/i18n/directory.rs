//! The words of what opening the client directory found at start: the
//! directory of earlier versions moved to this CRM's, a damaged file set
//! aside.

use super::{Lang, fill};
use crate::app::vocab::Notice;
use crate::crm::CrmKey;
use crate::directory::Damage;
use crate::text::sanitize;

struct DirectoryTexts {
    migrated_title: &'static str,
    /// `{}`: how many clients, the CRM, the old file's new name.
    migrated: &'static str,
    /// `{}`: the object id.
    object: &'static str,
    set_aside_title: &'static str,
    empty: &'static str,
    not_a_database: &'static str,
    /// `{}`: what is wrong, where the file is now.
    set_aside: &'static str,
    not_migrated_title: &'static str,
    /// `{}`: the system's reason.
    not_migrated: &'static str,
    /// `{}`: the system's reason.
    reset_failed: &'static str,
    reset_without_demo: &'static str,
}

const RU: DirectoryTexts = DirectoryTexts {
    migrated_title: "Прежний справочник перенесён",
    migrated: "клиентов: {} — теперь в справочнике этой CRM ({}); прежний файл: {}. У других профилей справочники свои.",
    object: "объект {}",
    set_aside_title: "Справочник клиентов повреждён",
    empty: "файл пуст (0 байт)",
    not_a_database: "файл — не база данных SQLite",
    set_aside: "{}, отложен как {}. Начат новый, пустой справочник: клиенты вернутся в него, когда их карточки откроют (или через crmcard directory import).",
    not_migrated_title: "Прежний справочник не перенесён",
    not_migrated: "попробую снова при следующем запуске; причина: {}",
    reset_failed: "Не удалось начать демо заново (--reset): {}",
    reset_without_demo: "--reset начинает заново только демо: crmcard --demo --reset",
};

const EN: DirectoryTexts = DirectoryTexts {
    migrated_title: "The earlier directory was moved",
    migrated: "{} clients — now in this CRM's directory ({}); the earlier file: {}. Other profiles have directories of their own.",
    object: "object {}",
    set_aside_title: "The client directory is damaged",
    empty: "the file is empty (0 bytes)",
    not_a_database: "the file is not a SQLite database",
    set_aside: "{}, set aside as {}. A new, empty directory was started: clients come back as their cards are opened (or with crmcard directory import).",
    not_migrated_title: "The earlier directory was not moved",
    not_migrated: "it will be tried again at the next start; reason: {}",
    reset_failed: "The demo could not be started afresh (--reset): {}",
    reset_without_demo: "--reset starts only the demo afresh: crmcard --demo --reset",
};

fn texts(lang: Lang) -> &'static DirectoryTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// `--demo --reset` could not remove the demo's data.
pub fn demo_reset_failed(reason: &str, lang: Lang) -> String {
    sanitize(&fill(texts(lang).reset_failed, &[reason]))
}

/// `--reset` given without `--demo`: nothing else is ever emptied.
pub fn reset_without_demo(lang: Lang) -> String {
    texts(lang).reset_without_demo.to_owned()
}

/// The title and line of a directory notice (empty for other notices).
pub(super) fn directory_notice(notice: &Notice, lang: Lang) -> (&'static str, String) {
    let t = texts(lang);
    let line = |template: &str, values: &[&str]| sanitize(&fill(template, values));
    match notice {
        Notice::DirectoryMigrated {
            clients,
            crm,
            kept_as,
        } => (
            t.migrated_title,
            line(
                t.migrated,
                &[
                    &clients.to_string(),
                    &crm_words(crm, t),
                    &kept_as.display().to_string(),
                ],
            ),
        ),
        Notice::DirectorySetAside { damage, kept_as } => {
            let what = match damage {
                Damage::Empty => t.empty,
                Damage::NotADatabase => t.not_a_database,
            };
            (
                t.set_aside_title,
                line(t.set_aside, &[what, &kept_as.display().to_string()]),
            )
        }
        Notice::DirectoryNotMigrated { reason } => {
            (t.not_migrated_title, line(t.not_migrated, &[reason]))
        }
        _ => ("", String::new()),
    }
}

/// "dlv.ucs.ru/api/v1/crm · объект 123".
fn crm_words(crm: &CrmKey, t: &DirectoryTexts) -> String {
    let url = crm.base_url();
    let place = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .trim_end_matches('/');
    format!("{place} · {}", fill(t.object, &[crm.object_id()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_directory_notices_in_both_languages() {
        let migrated = Notice::DirectoryMigrated {
            clients: 3,
            crm: CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123"),
            kept_as: PathBuf::from("/d/directory.sqlite.migrated-x"),
        };
        let set_aside = Notice::DirectorySetAside {
            damage: Damage::Empty,
            kept_as: PathBuf::from("/d/directory.sqlite.damaged-1"),
        };
        let failed = Notice::DirectoryNotMigrated {
            reason: "locked\u{1b}[31m".to_owned(),
        };
        let (title, line) = directory_notice(&migrated, Lang::Ru);
        assert_eq!(title, "Прежний справочник перенесён");
        assert!(line.starts_with("клиентов: 3 — "), "{line}");
        assert!(
            line.contains("(dlv.ucs.ru/api/v1/crm · объект 123)"),
            "{line}"
        );
        assert!(
            line.contains("прежний файл: /d/directory.sqlite.migrated-x."),
            "{line}"
        );
        let (_, line) = directory_notice(&migrated, Lang::En);
        assert!(
            line.contains("(dlv.ucs.ru/api/v1/crm · object 123)"),
            "{line}"
        );
        let (title, line) = directory_notice(&set_aside, Lang::Ru);
        assert_eq!(title, "Справочник клиентов повреждён");
        assert!(
            line.starts_with("файл пуст (0 байт), отложен как /d/directory.sqlite.damaged-1."),
            "{line}"
        );
        let (title, line) = directory_notice(&set_aside, Lang::En);
        assert_eq!(title, "The client directory is damaged");
        assert!(
            line.contains("set aside as /d/directory.sqlite.damaged-1"),
            "{line}"
        );
        for lang in [Lang::Ru, Lang::En] {
            let (title, line) = directory_notice(&failed, lang);
            assert!(!title.is_empty());
            assert!(!line.chars().any(char::is_control), "{line}");
        }
        assert!(set_aside.is_error() && failed.is_error() && !migrated.is_error());
    }
}
