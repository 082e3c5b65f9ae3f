//! The pickers in the real binary: the wrong keyboard layout finds the city
//! and the street, and Delete then Enter deletes nothing (the sandbox's
//! request log shows no DELETE); a list of 40,000 streets ranked between
//! keys by the loop.

use crate::support::{Term, TestSandbox, frame, line_has, line_with, start, start_in};
use crmcard::sandbox::SandboxConfig;

/// From the lookup to a new address form on the sample client's card.
fn new_address(term: &Term) {
    term.open_sample_card();
    term.send_keys(&["3"]);
    term.wait_for_all(&["3 Адреса (1)"]);
    term.send_keys(&["a"]);
    term.wait_for_all(&["Новый адрес"]);
}

/// The first row of a picker's list (two lines under the query), from the
/// picker's column on.
fn first_row(screen: &str) -> String {
    let mut lines = screen.lines().skip_while(|l| !l.contains("› "));
    let query = lines.next().unwrap_or_default();
    let column = query.chars().position(|c| c == '›').unwrap_or_default();
    let row = lines.nth(1).unwrap_or_default();
    row.chars().skip(column).collect()
}

#[test]
fn the_wrong_layout_finds_moscow_and_tverskaya_and_delete_then_enter_deletes_nothing() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let term = start(&sandbox);
    new_address(&term);

    // The city field: `vjcrdf` is «москва» typed in the Latin layout.
    term.send_keys(&["Tab", "Tab", "Tab"]);
    term.wait_for("the focus on the city", |s| line_has(s, "▶", "Город"));
    term.send_keys(&["Enter"]);
    term.wait_for("the city picker", |s| {
        s.contains("› ") && s.contains(" Город ")
    });
    term.type_text("vjcrdf");
    let screen = term.wait_for("Москва found in the other layout", |s| {
        s.contains("▶ Москва") && s.contains("по раскладке: москва")
    });
    assert!(
        !screen.contains("добавить «"),
        "offers to add what only matches in the other layout:\n{}",
        frame(&screen)
    );
    term.send_keys(&["Enter"]);
    let form = term.wait_for("Москва chosen", |s| {
        !s.contains("› ") && line_has(s, "Город", "Москва")
    });
    assert!(!form.contains("Vjcrdf"), "{}", frame(&form));

    // The street field: `ndth` is «твер».
    term.wait_for("the focus on the street", |s| line_has(s, "▶", "Улица"));
    term.send_keys(&["Enter"]);
    term.wait_for("the street picker", |s| {
        s.contains("› ") && s.contains(" Улица ")
    });
    term.type_text("ndth");
    let screen = term.wait_for("Тверская first", |s| {
        s.contains("по раскладке: твер") && first_row(s).starts_with("▶ Тверская")
    });
    assert!(
        first_row(&screen).starts_with("▶ Тверская  "),
        "{}",
        frame(&screen)
    );

    // Delete, then the habitual Enter: nothing is deleted.
    term.send_keys(&["DC"]);
    let question = term.wait_for_all(&["Удалить улицу «Тверская»", "для всех операторов"]);
    assert!(
        line_with(&question, "y да").contains("любая другая клавиша нет"),
        "{}",
        frame(&question)
    );
    term.send_keys(&["Enter"]);
    let screen = term.wait_for("the question closed, the picker open", |s| {
        !s.contains("Удалить улицу") && s.contains("› ")
    });
    assert!(
        first_row(&screen).contains("Тверская"),
        "{}",
        frame(&screen)
    );
    // The positive sign: the same question answered `y` deletes the street
    // (its answer takes it off the list). An Enter that had said yes would
    // have sent its DELETE before the second question was even asked, so
    // once the `y`'s answer is on screen the log holds every DELETE sent.
    term.send_keys(&["DC"]);
    term.wait_for_all(&["Удалить улицу «Тверская»", "для всех операторов"]);
    term.send_keys(&["y"]);
    term.wait_for("the street deleted and off the list", |s| {
        !s.contains("Удалить улицу")
            && s.contains("› ")
            && !first_row(s).starts_with("▶ Тверская  ")
    });
    let deletes: Vec<_> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .collect();
    assert_eq!(deletes.len(), 1, "only the `y` deleted: {deletes:#?}");
}

/// A street list of 40,000 in the real binary: the search runs in slices
/// between keys (the count shows "…" until the loop has ranked the rest),
/// and Enter sent with the query chooses from the full ranking.
#[test]
fn a_long_street_list_is_ranked_between_keys_and_enter_chooses_from_all_of_it() {
    let dirs = crate::support::Dirs::new();
    let db = dirs.root().join("crm.sqlite");
    let sandbox = TestSandbox::start(SandboxConfig {
        db: Some(db.clone()),
        ..SandboxConfig::default()
    });
    {
        // Moscow's streets, many more of them, added behind the sandbox's
        // back before anything asked for them.
        let mut conn = rusqlite::Connection::open(&db).expect("the sandbox's file");
        let tx = conn.transaction().expect("a transaction");
        for i in 0..40_000 {
            let name = match i % 3 {
                0 => format!("Линия {i}"),
                1 => format!("Садовый проезд {i}"),
                _ => format!("Сквер {i}"),
            };
            tx.execute(
                "INSERT INTO streets (id, city_id, name, post_code) VALUES (?1, ?2, ?3, '')",
                rusqlite::params![20_000_000_000_000i64 + i, 10_000_000_000_002i64, name],
            )
            .expect("a street");
        }
        tx.execute(
            "INSERT INTO streets (id, city_id, name, post_code) VALUES (?1, ?2, 'Садовая', '')",
            rusqlite::params![20_000_000_100_000i64, 10_000_000_000_002i64],
        )
        .expect("a street");
        tx.commit().expect("the streets");
    }
    let term = start_in(dirs, &sandbox);
    new_address(&term);
    term.send_keys(&["Tab", "Tab", "Tab"]);
    term.wait_for("the focus on the city", |s| line_has(s, "▶", "Город"));
    term.send_keys(&["Enter"]);
    term.wait_for("the city picker", |s| s.contains(" Город "));
    term.type_text("москва");
    term.wait_for("Москва first", |s| {
        first_row(s).starts_with("▶ Москва")
    });
    term.send_keys(&["Enter"]);
    term.wait_for("the focus on the street", |s| line_has(s, "▶", "Улица"));
    term.send_keys(&["Enter"]);
    let total = term.wait_for("the street list", |s| s.contains(" из 4"));
    assert!(!total.contains("…"), "{}", frame(&total));

    // Every key ranks a slice; the loop ranks the rest when no key waits.
    term.type_text("ск");
    let screen = term.wait_for("the ranking finished", |s| {
        s.contains("› ск") && !s.contains("… из") && first_row(s).starts_with("▶ ")
    });
    // Every «Сквер» of the 40,000 is counted.
    let found: usize = line_with(&screen, " из 4")
        .split(" из ")
        .next()
        .and_then(|head| head.split_whitespace().last())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in\n{}", frame(&screen)));
    assert!(found > 40_000 / 3, "{found}\n{}", frame(&screen));

    // Enter in the same write as the letters: «Садовая», the full
    // ranking's first (it sorts after 26,000 others).
    term.send_keys(&["BSpace", "BSpace"]);
    term.wait_for("the query cleared", |s| {
        s.contains("› ") && !s.contains("› с")
    });
    term.send_keys(&["с", "а", "д", "о", "в", "а", "я", "Enter"]);
    let form = term.wait_for("Садовая chosen", |s| {
        !s.contains("› ") && line_has(s, "Улица", "Садовая")
    });
    assert!(!form.contains("Садовый проезд"), "{}", frame(&form));
}
