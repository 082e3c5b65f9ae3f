//! `tools/readme-screens.sh`, which draws the README's two pictures from the
//! real program, still works: run on a copy of README.md with its screen
//! blocks emptied, it fills both with the screens they name and leaves
//! every other line as it was. And the README's pictures are what it draws
//! now, but for the card's load time and the client's age (see [`masked`]):
//! when a screen changes, `tools/readme-screens.sh` brings them up to date.

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

/// A screen's row with what changes from run to run made `#`: the load
/// time («загружена 15:47») and an age in years («(55 лет)»).
fn masked(row: &str) -> String {
    let chars: Vec<char> = row.chars().collect();
    let mut out = chars.clone();
    let starts_with = |at: usize, word: &str| {
        word.chars()
            .enumerate()
            .all(|(i, c)| chars.get(at + i) == Some(&c))
    };
    for at in 0..chars.len() {
        let loaded = "загружена ";
        if starts_with(at, loaded) {
            let time = at + loaded.chars().count();
            for i in [0, 1, 3, 4] {
                if chars.get(time + i).is_some_and(char::is_ascii_digit) {
                    out[time + i] = '#';
                }
            }
        }
        if chars[at] == '(' {
            let digits = chars[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let after = at + 1 + digits;
            if digits > 0
                && [" лет)", " год)", " года)"]
                    .iter()
                    .any(|w| starts_with(after, w))
            {
                out[at + 1..after].fill('#');
            }
        }
    }
    out.into_iter().collect()
}

/// The rows where `readme`'s picture and the one `drawn` now differ, as
/// `row N: README … / now …`, after [`masked`].
fn differences(readme: &[&str], drawn: &[&str]) -> Vec<String> {
    let rows = readme.len().max(drawn.len());
    (0..rows)
        .filter_map(|i| {
            let was = readme.get(i).map(|r| masked(r.trim_end()));
            let now = drawn.get(i).map(|r| masked(r.trim_end()));
            (was != now).then(|| {
                format!(
                    "row {}:\n  README {:?}\n  now    {:?}",
                    i + 1,
                    was.unwrap_or_default(),
                    now.unwrap_or_default()
                )
            })
        })
        .collect()
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

    // The README's pictures are the ones drawn now.
    for name in ["card", "address"] {
        let stale = differences(&block(&original, name), &block(&written, name));
        assert!(
            stale.is_empty(),
            "README.md's {name} screen is not what the program draws now \
             (run tools/readme-screens.sh):\n{}",
            stale.join("\n")
        );
    }
}

#[test]
fn a_picture_that_differs_from_the_program_is_found_but_the_time_and_age_are_not() {
    let readme = std::fs::read_to_string(README).expect("read README.md");
    let card = block(&readme, "card");
    assert!(differences(&card, &card).is_empty());
    // Another load time and another age: the same picture.
    let later: Vec<String> = card
        .iter()
        .map(|row| {
            masked(row)
                .replace("##:##", "09:05")
                .replace("(## ", "(56 ")
        })
        .collect();
    let later: Vec<&str> = later.iter().map(String::as_str).collect();
    assert!(later.iter().any(|row| row.contains("загружена 09:05")));
    assert!(later.iter().any(|row| row.contains("(56 лет)")));
    assert!(
        differences(&card, &later).is_empty(),
        "{:?}",
        differences(&card, &later)
    );
    // A planted difference: a word changed, a row gone.
    let planted: Vec<String> = card
        .iter()
        .map(|row| row.replace("Сергей", "Сергий"))
        .collect();
    let planted: Vec<&str> = planted.iter().map(String::as_str).collect();
    let found = differences(&card, &planted);
    assert!(found.len() >= 2 && found[0].contains("Сергий"), "{found:?}");
    assert!(!differences(&card, &card[..card.len() - 1]).is_empty());
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
