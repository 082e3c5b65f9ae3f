//! Keys typed ahead of a CRM answering in 2.5 s land where they were meant
//! (the sequences): `3a` typed while a card loads opens the card's
//! new address; `твер` Enter `7` typed into a street picker still loading
//! chooses «Тверская» and puts 7 in «Дом», never «твер7» in the filter.

use std::time::Duration;

use crate::support::{SAMPLE_CLIENT, TestSandbox, frame, line_has, start};
use crmcard::sandbox::{Faults, SandboxConfig};

#[test]
fn keys_typed_while_the_crm_is_slow_land_where_they_were_meant() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let term = start(&sandbox);
    sandbox.sandbox().set_faults(Faults {
        latency: Duration::from_millis(2_500),
        ..Faults::default()
    });
    // All typed at once, without waiting for a screen: the card's id and
    // Enter, then `3a` for the card (section 3, a new address), then from
    // the form's first row four Tabs to the street, its picker, `твер`,
    // Enter, and 7 for the house.
    term.type_text(SAMPLE_CLIENT);
    term.send_keys(&["Enter"]);
    term.type_text("3a");
    term.send_keys(&["Tab", "Tab", "Tab", "Tab", "Enter"]);
    term.type_text("твер");
    term.send_keys(&["Enter"]);
    term.type_text("7");
    term.wait_for_all(&["Новый адрес"]);
    let screen = term.wait_for("Тверская chosen and 7 in «Дом»", |s| {
        line_has(s, "Улица", "Тверская ▾") && line_has(s, "Дом", "7")
    });
    assert!(!screen.contains("твер7"), "{}", frame(&screen));
    assert!(
        !screen.contains("› "),
        "a picker is open:\n{}",
        frame(&screen)
    );
}
