//! The real binary in a real terminal (tmux): what an operator sees and does.

use std::process::Command;

use crate::support::{BIN, Dirs, Launch, SAMPLE_CLIENT, Term, TestSandbox, frame};
use crmcard::api::model::NewClient;
use crmcard::sandbox::SandboxConfig;

/// Opens a client from the lookup screen by typing its id.
fn open_client(term: &Term, id: &str) {
    term.type_text(id);
    term.send_keys(&["Enter"]);
}

/// Waits for the card of the vendor's sample client.
fn wait_for_sample_card(term: &Term) -> String {
    term.wait_for_all(&[
        "Карточка клиента",
        "Безногов Сергей Витальевич",
        "18.10.1971",
        "лояльный клиент",
    ])
}

/// The screen line holding `needle`, or a panic with the screen.
fn line_with<'s>(screen: &'s str, needle: &str) -> &'s str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{}", frame(screen)))
}

#[test]
fn demo_lookup_card_sections_back_and_quit() {
    let term = Term::start(Launch {
        shell_after: true,
        ..Launch::new(&["--demo"])
    });
    term.wait_for_all(&[
        "Поиск клиента",
        "ДЕМО",
        SAMPLE_CLIENT,
        "Безногов Сергей Витальевич",
        "Дмитриев Виталий Петрович",
    ]);
    assert_eq!(
        term.display("#{alternate_on}"),
        "1",
        "the UI owns the screen"
    );

    open_client(&term, SAMPLE_CLIENT);
    wait_for_sample_card(&term);

    term.send_keys(&["2"]);
    let screen = term.wait_for_all(&["Телефон домашний", "+7 999 888-77-66"]);
    assert!(line_with(&screen, "Телефон домашний").contains("333"));

    term.send_keys(&["3"]);
    term.wait_for_all(&["10-я Текстильщиков", "Академическая", "Индекс: 111111"]);

    term.send_keys(&["4"]);
    let screen = term.wait_for_all(&["03.00011.00010593.0001", "0,00"]);
    assert!(line_with(&screen, "03.00011.00010593.0001").contains("тестовый дебетовый"));

    term.send_keys(&["5"]);
    let screen = term.wait_for_all(&["112232213", "25.12.2021"]);
    let card = line_with(&screen, "112232213");
    assert!(
        card.contains("25.12.2021 просрочена"),
        "the expired card is marked: {card}"
    );

    // Esc goes back to the lookup screen, with the client first in the list.
    term.send_keys(&["Escape"]);
    let screen = term.wait_for_all(&["Поиск клиента", "Клиенты: 40"]);
    assert!(!screen.contains("Карточка клиента"), "{}", frame(&screen));

    // The recent list opens it too; quit from the card (its cursor hidden).
    term.send_keys(&["Down", "Enter"]);
    wait_for_sample_card(&term);
    assert_eq!(term.display("#{cursor_flag}"), "0");
    term.send_keys(&["C-q"]);
    let status = term.wait_for_exit();
    let after = term.capture();
    assert!(
        status.contains("exited 0;"),
        "Ctrl-Q ends the program cleanly: {status}"
    );
    assert!(
        status.contains(" icanon") && status.contains(" echo"),
        "raw mode is switched off: {status}"
    );
    assert_eq!(
        term.display("#{alternate_on}"),
        "0",
        "the alternate screen is left"
    );
    assert!(
        !after.contains("Безногов") && !after.contains("crmcard │"),
        "the terminal shows what it showed before:\n{}",
        frame(&after)
    );
    assert_eq!(term.display("#{cursor_flag}"), "1", "the cursor is shown");
}

#[test]
fn over_http_the_sample_card_shows_every_field_from_one_get() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let url = sandbox.base_url();
    let term = Term::start(Launch {
        env: &[("LANG", "ru_RU.UTF-8"), ("CRMCARD_SID", "demo")],
        ..Launch::new(&["--base-url", &url, "--object-id", "1"])
    });
    let port = url.split(':').nth(2).unwrap().split('/').next().unwrap();
    term.wait_for_all(&["Поиск клиента", &format!("127.0.0.1:{port} · объект 1")]);
    let before = sandbox.requests().len();

    open_client(&term, SAMPLE_CLIENT);
    let main = wait_for_sample_card(&term);
    for text in [
        "Фамилия: Безногов",
        "Имя: Сергей",
        "Отчество: Витальевич",
        &format!("id {SAMPLE_CLIENT}"),
    ] {
        assert!(main.contains(text), "{text:?} in\n{}", frame(&main));
    }

    term.send_keys(&["2"]);
    let contacts = term.wait_for_all(&["Телефон домашний", "Телефон рабочий"]);
    assert!(line_with(&contacts, "Телефон домашний").contains("333"));
    assert!(line_with(&contacts, "Телефон рабочий").contains("+7 999 888-77-66"));

    term.send_keys(&["3"]);
    let addresses = term.wait_for_all(&["Домашний", "Подробно"]);
    let line = line_with(&addresses, "Домашний");
    for part in [
        "Москва",
        "10-я Текстильщиков",
        "д. 10",
        "кв. 7",
        "м. Академическая",
    ] {
        assert!(line.contains(part), "{part:?} in {line:?}");
    }
    for detail in [
        "Кв.: 7",
        "Метро: Академическая",
        "Страна: Россия",
        "Индекс: 111111",
    ] {
        assert!(
            addresses.contains(detail),
            "{detail:?} in\n{}",
            frame(&addresses)
        );
    }

    term.send_keys(&["4"]);
    let accounts = term.wait_for_all(&["03.00011.00010593.0001"]);
    let line = line_with(&accounts, "03.00011.00010593.0001");
    for part in ["тестовый дебетовый", "Active", "0,00"] {
        assert!(line.contains(part), "{part:?} in {line:?}");
    }
    // The selected account's other fields are in its details below.
    assert!(
        accounts.contains("Открыт: 13.02.2020"),
        "{}",
        frame(&accounts)
    );

    term.send_keys(&["5"]);
    let cards = term.wait_for_all(&["112232213"]);
    let line = line_with(&cards, "112232213");
    for part in ["основная", "Active", "25.12.2021", "просрочена"] {
        assert!(line.contains(part), "{part:?} in {line:?}");
    }
    assert!(cards.contains("Выдана: 25.12.2019"), "{}", frame(&cards));

    let gets: Vec<_> = sandbox.requests()[before..]
        .iter()
        .filter(|r| r.method == "GET" && r.path == "Clients")
        .cloned()
        .collect();
    assert_eq!(gets.len(), 1, "one GET Clients for the card: {gets:#?}");
    assert!(
        gets[0]
            .query
            .iter()
            .any(|(k, v)| k == "Id" && v == SAMPLE_CLIENT),
        "{gets:#?}"
    );
}

#[test]
fn an_unknown_id_is_explained_and_the_next_one_opens() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let url = sandbox.base_url();
    let term = Term::start(Launch {
        env: &[("LANG", "ru_RU.UTF-8"), ("CRMCARD_SID", "demo")],
        ..Launch::new(&["--base-url", &url, "--object-id", "1"])
    });

    // An id nobody has: not in the directory, so it is asked of the CRM.
    open_client(&term, "99999999999999");
    let screen = term.wait_for_all(&["Не удалось открыть", "Клиент 99999999999999", "requestId"]);
    let code = line_with(&screen, "DLW-");
    assert!(code.contains("999"), "the CRM's own words: {code}");
    let request_id = line_with(&screen, "requestId");
    assert!(
        request_id
            .rsplit(':')
            .next()
            .is_some_and(|id| id.trim().len() >= 8),
        "a requestId for support: {request_id}"
    );
    assert_eq!(term.display("#{pane_dead}"), "0", "still running");

    // Esc closes the error and keeps the text; Esc again clears the
    // field; another id opens.
    term.send_keys(&["Escape"]);
    let screen = term.wait_for("the error closed", |s| !s.contains("Не удалось открыть"));
    assert!(screen.contains("│99999999999999"), "{screen}");
    term.send_keys(&["Escape"]);
    term.wait_for("the field cleared", |s| !s.contains("│99999999999999"));
    open_client(&term, SAMPLE_CLIENT);
    wait_for_sample_card(&term);
}

#[test]
fn a_wrong_sid_is_explained_and_never_shown_or_written() {
    const SID: &str = "wrong-sid-XYZ-7f3a9c";
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let url = sandbox.base_url();
    let term = Term::start(Launch {
        env: &[("LANG", "ru_RU.UTF-8"), ("CRMCARD_SID", SID)],
        shell_after: true,
        ..Launch::new(&["--base-url", &url, "--object-id", "1"])
    });

    open_client(&term, SAMPLE_CLIENT);
    let screen = term.wait_for_all(&["не принимает ключ доступа", "DLW-0005"]);
    assert!(
        !screen.contains(SID),
        "the sid on screen:\n{}",
        frame(&screen)
    );
    // The help screen and back: still alive, still no sid anywhere.
    term.send_keys(&["F1"]);
    let help = term.wait_for_all(&["Клавиши"]);
    assert!(!help.contains(SID));
    // Esc and the next key sent at once would read as Alt-key: wait.
    term.send_keys(&["Escape"]);
    term.wait_for("the help closed", |s| !s.contains("Клавиши"));
    term.send_keys(&["C-q"]);
    let status = term.wait_for_exit();
    assert!(status.starts_with("exited 0;"), "{status}");

    let files = term.dirs().files();
    assert!(
        files.iter().any(|f| f.ends_with("crmcard.log")),
        "the log was written: {files:?}"
    );
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(SID.len()).any(|w| w == SID.as_bytes()),
            "the sid is written in {}",
            file.display()
        );
    }
}

#[test]
fn hostile_text_from_the_crm_cannot_drive_the_terminal() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let api = sandbox.api();
    let created = sandbox
        .block_on(api.create_client(&NewClient {
            lastname: "Злой\x1b[31mКрасный".to_owned(),
            firstname: "Эскейп".to_owned(),
            note: "\x1b]0;PWNED\x07\x1b[2J evil".to_owned(),
            ..NewClient::default()
        }))
        .expect("create the client");
    // The CRM keeps the text as sent, escapes and all; crmcard's client
    // cleans it as it decodes, so the raw answer is looked at here.
    let url = crmcard::api::client::join_url(
        &sandbox.base_url(),
        &format!("Clients?Id={}&objectId=1", created.id),
    );
    let raw = sandbox
        .block_on(async {
            reqwest::Client::new()
                .get(url)
                .header("sid", "demo")
                .send()
                .await?
                .text()
                .await
        })
        .expect("the raw answer");
    assert!(raw.contains("\\u001b"), "the CRM keeps the escapes: {raw}");
    assert!(
        !created.note.contains('\x1b') && !created.lastname.contains('\x1b'),
        "the client cleans what it decodes: {created:?}"
    );
    let url = sandbox.base_url();
    let term = Term::start(Launch {
        env: &[("LANG", "ru_RU.UTF-8"), ("CRMCARD_SID", "demo")],
        ..Launch::new(&["--base-url", &url, "--object-id", "1"])
    });
    let title_before = term.display("#{pane_title}");

    open_client(&term, &created.id);
    let screen = term.wait_for_all(&["Карточка клиента", "Эскейп", "evil", &created.id]);
    assert!(
        line_with(&screen, "Эскейп").contains("Злой"),
        "{}",
        frame(&screen)
    );
    // F5 draws it all again from a fresh answer.
    term.send_keys(&["F5"]);
    let screen = term.wait_for_all(&["Карточка клиента", "evil"]);
    let title = term.display("#{pane_title}");
    assert!(!title.contains("PWNED"), "the pane title became {title:?}");
    assert_eq!(title, title_before);
    assert!(screen.contains("1 Основное"), "{}", frame(&screen));
}

#[test]
fn the_card_reads_at_80x24_and_redraws_at_120x40() {
    let term = Term::start(Launch {
        width: 80,
        height: 24,
        ..Launch::new(&["--demo"])
    });
    open_client(&term, SAMPLE_CLIENT);
    let screen = term.wait_for_all(&[
        "Безногов Сергей Витальевич",
        "1 Основное",
        "2 Контакты",
        "5 Карты",
        // The footer is drawn last: wait for the card's own, not just the
        // card (a capture can fall between the two).
        "1…5 разделы",
    ]);
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 24, "{}", frame(&screen));
    let footer = lines.last().unwrap();
    // Quit and help stay at every width; other hints give way first.
    assert!(
        footer.contains("1…5") && footer.contains("Ctrl-Q выход") && footer.ends_with("F1 справка"),
        "the footer's first keys: {footer:?}"
    );
    let width = |s: &str| {
        s.lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or_default()
    };
    assert!(width(&screen) <= 80);

    term.resize(120, 40);
    let screen = term.wait_for("a redraw at 120x40", |s| {
        s.lines().count() == 40
            && s.lines()
                .any(|l| l.chars().filter(|&c| c == '─').count() >= 110)
            && s.lines().last().is_some_and(|l| l.contains("1…5"))
    });
    assert!(screen.contains("Безногов Сергей Витальевич"));
    assert_eq!(term.display("#{pane_width}x#{pane_height}"), "120x40");
}

#[test]
fn without_any_config_it_says_how_to_connect_and_fails() {
    let dirs = Dirs::new();
    let out = Command::new(BIN)
        .env_clear()
        .envs(dirs.env(&[]))
        .output()
        .expect("run crmcard");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{out:?}");
    for needle in ["--base-url", "CRMCARD_SID", "--demo"] {
        assert!(stderr.contains(needle), "{needle:?} in {stderr}");
    }
    assert!(out.stdout.is_empty(), "nothing on stdout: {out:?}");
}
