//! Values from the server that cannot be read are shown as unreadable,
//! never as a plausible number; and what the server sent is held to the
//! form's limits only when the operator changes it.

use crmcard::app::vocab::FieldId;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

#[test]
fn a_balance_of_abc_and_a_birthday_in_2999_are_unreadable_not_zero() {
    let mut card = sample_card();
    card.birthday = "2999-01-01T00:00:00".to_owned();
    card.accounts[0].balance = f64::NAN;
    card.accounts[0].balance_unreadable = Some("abc".to_owned());
    let mut app = app(Lang::Ru);
    open_card(&mut app, card);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("нечитаемо: 2999-01-01T00:00:00"),
        "{screen}"
    );
    assert!(screen.contains("нечитаемо: abc"), "{screen}");
    assert!(!screen.contains("(0 лет)"), "{screen}");
    press(&mut app, KeyCode::Char('4'));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("нечитаемо: abc"), "{screen}");
    assert!(!screen.contains("NaN"), "{screen}");
}

#[test]
fn a_100000_character_name_from_the_server_does_not_block_saving_the_note() {
    let mut card = sample_card();
    card.firstname = "Я".repeat(100_000);
    let mut app = app(Lang::Ru);
    open_card(&mut app, card);
    press(&mut app, KeyCode::Enter);
    retype(&mut app, FieldId::Note, "перезвонить");
    let effects = send(&mut app, ctrl('s'));
    assert_eq!(write_ops(&effects).len(), 1, "{:?}", form(&app).note);
}
