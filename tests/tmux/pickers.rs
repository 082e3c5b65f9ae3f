//! The pickers in the real binary: the wrong keyboard layout finds the city
//! and the street, and Delete then Enter deletes nothing (the sandbox's
//! request log shows no DELETE).

use crate::support::{Launch, SAMPLE_CLIENT, Term, TestSandbox, frame, line_has, line_with};
use crmcard::sandbox::SandboxConfig;

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
    let url = sandbox.base_url();
    let term = Term::start(Launch {
        width: 100,
        height: 30,
        env: &[("LANG", "ru_RU.UTF-8"), ("CRMCARD_SID", "demo")],
        ..Launch::new(&["--base-url", &url, "--object-id", "1"])
    });
    term.wait_for_all(&["Поиск клиента"]);
    term.type_text(SAMPLE_CLIENT);
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Карточка клиента", "Безногов Сергей Витальевич"]);
    term.send_keys(&["3"]);
    term.wait_for_all(&["3 Адреса (1)"]);
    term.send_keys(&["a"]);
    term.wait_for_all(&["Новый адрес"]);

    // The city field: `vjcrdf` is «москва» typed in the Latin layout.
    term.send_keys(&["Tab", "Tab"]);
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
        line_with(&question, "y да").contains("Enter/n/Esc нет"),
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
    // A DELETE would have gone out at once; give it time to reach the log.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let deletes: Vec<_> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .collect();
    assert!(deletes.is_empty(), "{deletes:#?}");
}
