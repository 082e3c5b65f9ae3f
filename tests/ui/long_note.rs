//! A card whose note is 10 MB (an answer under the client's 16 MiB cap) is
//! shown without multiplying memory (issue 21 item 13). The figure is the
//! peak RSS (`VmHWM`) of a child process that does nothing else: this test
//! binary run again on this one test.

use std::process::Command;

use crmcard::api::decode::decode_card;
use crmcard::app::Msg;
use crmcard::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

const CHILD: &str = "CRMCARD_LONG_NOTE_CHILD";
const TEST: &str = "long_note::a_card_with_a_10_mb_note_is_shown_within_a_bounded_peak";
/// The goal is 80 MB; the bound leaves room for a busy allocator.
const BOUND_MB: u64 = 200;

/// The CRM's answer: the sample card with a 10 MB note of Russian words
/// on one line (the worst case: nothing splits it before wrapping).
fn answer() -> Vec<u8> {
    let mut note = String::with_capacity(10 * 1024 * 1024 + 256);
    while note.len() < 10 * 1024 * 1024 {
        note.push_str("лояльный клиент звонить после 18:00 ");
    }
    let mut card = sample_card();
    card.note = note;
    let body = serde_json::json!({
        "data": card,
        "ver": "1",
        "timestamp": "2026-12-07T12:00:00",
        "status": "Ok",
        "requestId": "long-note",
        "errors": [],
    });
    serde_json::to_vec(&body).expect("JSON")
}

fn kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// The child's work: the answer decoded, the card opened and drawn at both
/// sizes on every section, then its main data form opened and drawn.
fn shown() {
    let body = answer();
    let card = decode_card(200, &body).expect("the card decodes");
    drop(body);
    let mut app = app(Lang::Ru);
    type_text(&mut app, &card.id.clone());
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(card),
    });
    assert!(on_card(&app));
    for key in ['1', '2', '3', '4', '5', '1'] {
        press(&mut app, KeyCode::Char(key));
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = render(&app, w, h);
            assert!(screen.contains("лояльный клиент"), "{screen}");
        }
    }
    press(&mut app, KeyCode::Enter);
    assert!(on_form(&app));
    for (w, h) in [(80, 24), (120, 40)] {
        render(&app, w, h);
    }
    // On a line of its own: the test harness prints the test's name first.
    println!("\npeak-kb {}", kb("VmHWM:"));
}

#[test]
fn a_card_with_a_10_mb_note_is_shown_within_a_bounded_peak() {
    if std::env::var_os(CHILD).is_some() {
        shown();
        return;
    }
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak_kb: u64 = stdout
        .lines()
        .find_map(|l| l.split("peak-kb ").nth(1)?.trim().parse().ok())
        .expect("the child's peak");
    let peak_mb = peak_kb / 1024;
    println!("peak RSS with a 10 MB note shown: {peak_mb} MB");
    assert!(peak_mb < BOUND_MB, "peak RSS {peak_mb} MB");
}
