//! What opening the CRM's client directory found, as the operator reads it
//! at start on the status line: the directory of earlier versions moved
//! into this CRM's, a damaged directory file set aside (both languages,
//! 80x24 and 120x40). Like every desk notice, it takes no key.

use std::path::PathBuf;

use crate::support::*;
use crmcard::app::Msg;
use crmcard::app::vocab::Notice;
use crmcard::crm::CrmKey;
use crmcard::directory::Damage;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

fn notices() -> Vec<(&'static str, Notice)> {
    vec![
        (
            "directory_migrated",
            Notice::DirectoryMigrated {
                clients: 1342,
                crm: CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123"),
                kept_as: PathBuf::from(
                    "/home/op/.local/share/crmcard/directory.sqlite.migrated-dlv.ucs.ru-123-9f3c2a4b1d0e8f76",
                ),
            },
        ),
        (
            "directory_set_aside",
            Notice::DirectorySetAside {
                damage: Damage::Empty,
                kept_as: PathBuf::from(
                    "/home/op/.local/share/crmcard/crm/dlv.ucs.ru-123-9f3c2a4b1d0e8f76/directory.sqlite.damaged-1",
                ),
            },
        ),
    ]
}

#[test]
fn the_directory_notices_at_start() {
    for lang in [Lang::Ru, Lang::En] {
        for (name, notice) in notices() {
            let mut desk = Desk::new(lang);
            desk.update(Msg::StartNotices(vec![notice]));
            assert!(desk.app.popups.is_empty(), "no popup takes a key");
            assert_eq!(desk.app.status.len(), 1);
            snap!(&format!("{name}_{}", lang.code()), &desk.app);
            // The digit typed reaches the lookup's field.
            desk.press(KeyCode::Char('8'));
            assert!(
                render(&desk.app, 80, 24).contains("│8"),
                "{}",
                render(&desk.app, 80, 24)
            );
        }
    }
}
