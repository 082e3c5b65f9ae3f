//! Keys that arrive together, and the questions that take only `y`, in a
//! real terminal (tmux): the bytes of two keys are sent in one write, as a
//! slow link or a fast hand delivers them (issue 21 items 12 and 16).

use crate::support::{Launch, Term};

/// The demo with the sample client's main data form open and "ab" typed at
/// the end of the last name; in a pane that reports how crmcard ended.
fn changed_form() -> Term {
    let term = Term::start(Launch {
        shell_after: true,
        ..Launch::new(&["--demo"])
    });
    term.open_sample_card();
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Основные данные клиента"]);
    term.type_text("ab");
    term.wait_for_all(&["Безноговab"]);
    term
}

/// Sends `bytes` to the pane in one write.
fn send_bytes(term: &Term, bytes: &[u8]) {
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut args = vec!["send-keys", "-t", "t", "-H"];
    args.extend(hex.iter().map(String::as_str));
    term.tmux(&args);
}

#[test]
fn esc_and_ctrl_s_in_one_write_are_esc_then_ctrl_s_and_type_no_s() {
    let term = changed_form();
    // Esc asks about the changed form; Ctrl-S on that question is a no.
    send_bytes(&term, b"\x1b\x13");
    term.type_text("Z");
    let screen = term.wait_for("Z typed after the two keys", |s| s.contains("БезноговabZ"));
    assert!(!screen.contains("Безноговabs"), "{screen}");
    assert!(
        !screen.contains("Закрыть форму без сохранения?"),
        "{screen}"
    );
}

#[test]
fn esc_and_y_in_one_write_ask_and_answer_yes() {
    let term = changed_form();
    send_bytes(&term, b"\x1by");
    term.wait_for("the card again", |s| {
        s.contains("Карточка клиента") && !s.contains("Основные данные клиента")
    });
}

#[test]
fn esc_and_an_arrow_in_one_write_are_esc_then_the_arrow() {
    let term = changed_form();
    // Esc asks about the changed form; ↓ on that question is a no. Read
    // as one Alt key, the arrow's sequence typed `B` into the field.
    send_bytes(&term, b"\x1b\x1b[B");
    term.type_text("Z");
    let screen = term.wait_for("Z typed after the two keys", |s| s.contains("БезноговabZ"));
    assert!(
        !screen.contains("Закрыть форму без сохранения?"),
        "{screen}"
    );
}

#[test]
fn ctrl_c_twice_enter_and_esc_keep_the_form_and_only_y_quits() {
    let term = changed_form();
    for no in [&["C-c"][..], &["Enter"], &["Escape"], &["x"]] {
        term.send_keys(&["C-c"]);
        term.wait_for_all(&["Выйти без сохранения?"]);
        term.send_keys(no);
        term.wait_for(&format!("{no:?} said no"), |s| {
            !s.contains("Выйти без сохранения?") && s.contains("Безноговab")
        });
    }
    term.send_keys(&["C-c"]);
    term.wait_for_all(&["Выйти без сохранения?", "любая другая клавиша нет"]);
    term.send_keys(&["y"]);
    assert!(term.wait_for_exit().starts_with("exited 0"));
}
