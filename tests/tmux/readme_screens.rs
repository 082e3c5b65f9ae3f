//! `tools/readme-screens.sh`, which draws the README's two pictures from the
//! real program, still works: run on a copy of README.md with its screen
//! blocks emptied, it fills both with the screens they name and leaves
//! every other line as it was.

use std::path::Path;
use std::process::Command;

use crate::support::{BIN, SAMPLE_CLIENT, frame, require_tmux};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/readme-screens.sh");
const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const END: &str = "<!-- /screen -->";

/// The README's lines with every screen block emptied (markers kept).
fn emptied(readme: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in readme.lines() {
        if line == END {
            inside = false;
        }
        if !inside {
            out.push_str(line);
            out.push('\n');
        }
        if line.starts_with("<!-- screen:") {
            inside = true;
        }
    }
    out
}

/// The text of the code block between `<!-- screen:NAME -->` and its end.
fn block<'r>(readme: &'r str, name: &str) -> Vec<&'r str> {
    let start = format!("<!-- screen:{name} -->");
    let lines: Vec<&str> = readme.lines().collect();
    let from = lines
        .iter()
        .position(|l| *l == start)
        .unwrap_or_else(|| panic!("no {start} in the README"));
    let to = from
        + lines[from..]
            .iter()
            .position(|l| *l == END)
            .unwrap_or_else(|| panic!("{start} is never closed"));
    let inner = &lines[from + 1..to];
    assert!(
        inner.len() >= 2 && inner[0] == "```text" && inner[inner.len() - 1] == "```",
        "the {name} block is not one text code block:\n{}",
        inner.join("\n")
    );
    inner[1..inner.len() - 1].to_vec()
}

/// A captured 100x30 screen: 30 rows, none wider than 100 columns.
fn assert_is_screen(name: &str, rows: &[&str]) {
    let screen = rows.join("\n");
    assert_eq!(rows.len(), 30, "the {name} screen:\n{}", frame(&screen));
    for row in rows {
        assert!(
            row.chars().count() <= 100,
            "a row wider than the pane: {row:?}"
        );
    }
}

fn run_script(readme: &Path) -> std::process::Output {
    Command::new("bash")
        .arg(SCRIPT)
        .arg("--bin")
        .arg(BIN)
        .arg(readme)
        .output()
        .expect("run bash")
}

#[test]
fn the_script_fills_the_readme_with_the_card_and_the_street_picker() {
    require_tmux();
    let original = std::fs::read_to_string(README).expect("read README.md");
    let empty = emptied(&original);
    assert!(
        empty.contains("<!-- screen:card -->\n<!-- /screen -->")
            && empty.contains("<!-- screen:address -->\n<!-- /screen -->"),
        "README.md has no card and address screen blocks"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, &empty).expect("write the copy");

    let out = run_script(&readme);
    assert!(
        out.status.success(),
        "tools/readme-screens.sh failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&readme).expect("read the copy");

    let card = block(&written, "card");
    assert_is_screen("card", &card);
    let text = card.join("\n");
    for part in [
        "Карточка клиента",
        SAMPLE_CLIENT,
        "Безногов Сергей Витальевич",
        "10-я Текстильщиков",
    ] {
        assert!(text.contains(part), "no {part:?} in\n{}", frame(&text));
    }

    let address = block(&written, "address");
    assert_is_screen("address", &address);
    let text = address.join("\n");
    for part in ["Новый адрес", "┌ Улица", "› твер", "▶ Тверская"]
    {
        assert!(text.contains(part), "no {part:?} in\n{}", frame(&text));
    }

    // Outside the blocks nothing changed.
    assert_eq!(emptied(&written), empty);
}

#[test]
fn the_script_refuses_a_readme_without_the_blocks_and_leaves_it_alone() {
    require_tmux();
    let dir = tempfile::tempdir().expect("temp dir");
    let readme = dir.path().join("README.md");
    let text = "# crmcard\n\n<!-- screen:card -->\n<!-- /screen -->\n";
    std::fs::write(&readme, text).expect("write");

    let out = run_script(&readme);
    assert!(
        !out.status.success(),
        "the script accepted a README without the address block"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("screen:address"), "stderr: {stderr}");
    assert_eq!(std::fs::read_to_string(&readme).expect("read"), text);
}
