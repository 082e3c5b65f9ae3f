//! A 100,000-street list in `perf`: the memory of its whole path (decoded,
//! prepared, shown in a picker), and the loop's work after a write to it.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crmcard::api::decode::decode;
use crmcard::api::model::Street;
use crmcard::app::vocab::{DictKey, FieldId};
use crmcard::app::write::{WriteAnswer, WriteOp};
use crmcard::app::{App, DictData, Effect, Msg, PreparedDict, RequestId};
use crmcard::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use super::{Row, large_card, ms, row, support_ui};

// ----------------------------------------------------------------- memory

/// One stage of the whole path, as the child process saw it (MB).
pub struct Stage {
    /// Peak RSS over the stage, above the RSS before the answer arrived.
    pub peak: f64,
    /// RSS after the stage, above the same.
    pub held: f64,
}

/// The whole path in a child process: the answer read (as the HTTP client
/// holds it) and decoded, then prepared for the pickers
/// (`PreparedDict::new`), then the street picker opened on it and one
/// frame drawn. Returns the three stages and the process's peak RSS
/// (VmHWM) over its whole life, in MB.
pub fn whole_path(body: &Path) -> ([Stage; 3], f64) {
    let me = std::env::current_exe().expect("the bench's own path");
    let out = Command::new(me)
        .arg("--list-child")
        .arg(body)
        .output()
        .expect("the list child runs");
    let nums: Vec<f64> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .map(|kb: f64| kb / 1024.0)
        .collect();
    let stage = |i: usize| Stage {
        peak: nums.get(2 * i).copied().unwrap_or(f64::NAN),
        held: nums.get(2 * i + 1).copied().unwrap_or(f64::NAN),
    };
    (
        [stage(0), stage(1), stage(2)],
        nums.get(6).copied().unwrap_or(f64::NAN),
    )
}

/// The child's side of [`whole_path`]: prints each stage's peak and held
/// growth (kB), then the process's peak RSS.
pub fn list_child(body: &Path) {
    let (mut app, req, key) = address_form();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut hwm = status_kb("VmHWM");
    reset_peak();
    let before = status_kb("VmRSS");
    let stage = |hwm: &mut i64| {
        let peak = status_kb("VmHWM");
        *hwm = (*hwm).max(peak);
        print!("{} {} ", peak - before, status_kb("VmRSS") - before);
        reset_peak();
    };
    let answer = std::fs::read(body).expect("the answer's file");
    let streets = decode::<Vec<Street>>(200, &answer).expect("streets");
    drop(answer);
    stage(&mut hwm);
    let prepared = PreparedDict::new(&key, DictData::streets(streets));
    stage(&mut hwm);
    app.update(Msg::DictPrepared {
        req,
        key,
        result: Ok(prepared),
    });
    support_ui::focus(&mut app, FieldId::Street);
    support_ui::press(&mut app, KeyCode::Enter);
    terminal
        .draw(|f| crmcard::ui::draw(f, &app))
        .expect("a frame");
    stage(&mut hwm);
    black_box(&app);
    println!("{hwm}");
}

/// Resets the peak (VmHWM) to the present RSS.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

pub fn status_kb(field: &str) -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// An app on the large card with a new address form, and the load of the
/// street list it asked for.
pub fn address_form() -> (App, RequestId, DictKey) {
    let mut app = support_ui::app(Lang::Ru);
    support_ui::open_card(&mut app, large_card());
    support_ui::press(&mut app, KeyCode::Char('3'));
    let effects = support_ui::press(&mut app, KeyCode::Char('a'));
    effects
        .into_iter()
        .find_map(|effect| match effect {
            Effect::LoadDict { req, key } if matches!(key, DictKey::Streets { .. }) => {
                Some((req, key))
            }
            _ => None,
        })
        .map(|(req, key)| (app, req, key))
        .expect("the form loads its streets")
}

// ----------------------------------------------------------------- writes

/// The loop's work after a write to the open list of `count` streets: a
/// street deleted from the picker (the picker stays open), and a street
/// added with Ins (the picker closes; then it is opened again).
pub fn writes(rows: &mut Vec<Row>, count: usize) {
    eprintln!("writes to a list of {count} streets…");
    let (mut app, _, _) = super::picker_app(count);
    support_ui::press(&mut app, KeyCode::Delete);
    let (req, op) = only_write(support_ui::press(&mut app, KeyCode::Char('y')));
    let WriteOp::DeleteStreet { street_id } = op else {
        panic!("not a street's delete: {op:?}");
    };
    let started = Instant::now();
    let effects = app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Deleted(street_id)),
    });
    let deleted = started.elapsed();
    let (prepared, answered) = prepare(&mut app, effects);
    let p = support_ui::picker(&app).expect("the picker stays");
    assert_eq!(p.items.len(), count - 1, "the street left the picker");
    rows.push(row(
        &format!(
            "a street deleted from the open picker of {count}: the answer's update, on the loop \
             (preparing the list again, off the loop; its answer's update)"
        ),
        "—",
        format!(
            "{:.1} ms ({:.1} ms; {:.1} ms)",
            ms(deleted),
            ms(prepared),
            ms(answered)
        ),
        None,
    ));

    support_ui::type_text(&mut app, "Лунная");
    support_ui::press(&mut app, KeyCode::Insert);
    let (req, op) = only_write(support_ui::press(&mut app, KeyCode::Enter));
    let WriteOp::CreateStreet { name, .. } = op else {
        panic!("not a street's creation: {op:?}");
    };
    let street = Street {
        id: "10000000999999".to_owned(),
        name,
        post_code: "123456".to_owned(),
    };
    let started = Instant::now();
    let effects = app.update(Msg::Written {
        req,
        result: Ok(WriteAnswer::Street(street)),
    });
    let added = started.elapsed();
    assert!(
        support_ui::picker(&app).is_none(),
        "the added street is chosen"
    );
    let (prepared, answered) = prepare(&mut app, effects);
    support_ui::focus(&mut app, FieldId::Street);
    let started = Instant::now();
    support_ui::press(&mut app, KeyCode::Enter);
    let reopened = started.elapsed();
    let p = support_ui::picker(&app).expect("the picker opens again");
    assert_eq!(p.items.len(), count, "the street joined the picker");
    rows.push(row(
        &format!(
            "a street added with Ins to {count}: the answer's update; opening the picker again, \
             on the loop (preparing the list again, off the loop; its answer's update)"
        ),
        "—",
        format!(
            "{:.1} ms; {:.1} ms ({:.1} ms; {:.1} ms)",
            ms(added),
            ms(reopened),
            ms(prepared),
            ms(answered)
        ),
        None,
    ));
}

/// Runs the preparations `effects` ask for as the executor does (off the
/// loop) and gives their answers to the app; returns the time they took
/// and the time of the answers' updates.
fn prepare(app: &mut App, effects: Vec<Effect>) -> (Duration, Duration) {
    let (mut prepared, mut answered) = (Duration::ZERO, Duration::ZERO);
    for effect in effects {
        let started = Instant::now();
        let Some(msg) = PreparedDict::answer(effect) else {
            continue;
        };
        prepared += started.elapsed();
        let started = Instant::now();
        black_box(app.update(msg));
        answered += started.elapsed();
    }
    (prepared, answered)
}

/// The one write among `effects`.
fn only_write(effects: Vec<Effect>) -> (RequestId, WriteOp) {
    let mut writes = effects.into_iter().filter_map(|e| match e {
        Effect::Write { req, op } => Some((req, *op)),
        _ => None,
    });
    let write = writes.next().expect("a write");
    assert!(writes.next().is_none(), "one write");
    write
}
