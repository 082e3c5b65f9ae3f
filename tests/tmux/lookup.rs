//! Finding the caller in the real binary against the sandbox: after one
//! card has been opened, a phone in any form the operator types opens its
//! client with exactly one GET; a new client's phone is sent canonical, and
//! a second client with it is asked about first.

use crate::support::{Dirs, SAMPLE_CLIENT, Term, TestSandbox, start, start_in};
use crmcard::sandbox::{LoggedRequest, SandboxConfig};

fn client_gets(sandbox: &TestSandbox) -> Vec<LoggedRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path == "Clients")
        .collect()
}

fn client_posts(sandbox: &TestSandbox) -> Vec<LoggedRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "Clients")
        .collect()
}

fn wait_for_sample_card(term: &Term) {
    term.wait_for_all(&["Карточка клиента", "Безногов Сергей Витальевич"]);
}

fn back_to_lookup(term: &Term) {
    term.send_keys(&["Escape"]);
    term.wait_for("the lookup", |s| {
        s.contains("Поиск клиента") && !s.contains("Карточка клиента")
    });
}

#[test]
fn a_phone_in_any_form_opens_its_client_with_one_get() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let term = start(&sandbox);
    // One card opened by its id: the directory knows the client now.
    term.open_sample_card();
    back_to_lookup(&term);
    for typed in ["89998887766", "8 (999) 888-77-66", "9998887766", "887766"] {
        let before = client_gets(&sandbox).len();
        term.type_text(typed);
        term.wait_for(&format!("the client found by {typed}"), |s| {
            s.contains("Клиенты: 1") && s.contains("+7 999 888-77-66")
        });
        term.send_keys(&["Enter"]);
        wait_for_sample_card(&term);
        let gets = client_gets(&sandbox);
        assert_eq!(gets.len(), before + 1, "{typed}: {gets:?}");
        let asked = gets.last().and_then(|r| {
            r.query
                .iter()
                .find(|(k, _)| k == "Id")
                .map(|(_, v)| v.clone())
        });
        assert_eq!(asked.as_deref(), Some(SAMPLE_CLIENT), "{typed}");
        back_to_lookup(&term);
    }
}

#[test]
fn a_new_clients_phone_is_sent_canonical_and_a_second_one_asks_first() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let term = start(&sandbox);
    // Nobody has the number: Enter offers a new client with it, Enter again
    // opens the form with the phone as its first contact.
    term.type_text("8 916 123 45 67");
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Клиента с номером +7 916 123-45-67 нет"]);
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Новый клиент", "Телефон мобильный: +79161234567"]);
    term.type_text("Лунев");
    term.send_keys(&["C-s"]);
    term.wait_for_all(&["Карточка клиента", "Лунев"]);
    let posts = client_posts(&sandbox);
    assert_eq!(posts.len(), 1, "{posts:?}");
    let body = posts[0].body.clone().expect("a body");
    assert_eq!(body["contacts"][0]["value"], "+79161234567", "{body}");
    back_to_lookup(&term);

    // The same number in another form, and a new client from Insert: the
    // save asks first, naming Лунев, and sends nothing.
    term.type_text("89161234567");
    term.wait_for("Лунев found", |s| {
        s.contains("Клиенты: 1") && s.contains("Лунев")
    });
    term.send_keys(&["IC"]);
    term.wait_for_all(&["Новый клиент", "Телефон мобильный: +79161234567"]);
    term.type_text("Лунева");
    term.send_keys(&["C-s"]);
    let screen = term.wait_for_all(&["уже есть у клиента", "открыть ту карточку"]);
    assert!(screen.contains("Лунев"), "{screen}");
    assert_eq!(
        client_posts(&sandbox).len(),
        1,
        "nothing sent before the answer"
    );
    // "Create anyway" sends it.
    term.send_keys(&["n"]);
    term.wait_for_all(&["Карточка клиента", "Лунева"]);
    assert_eq!(client_posts(&sandbox).len(), 2);
}

#[test]
fn a_directory_that_cannot_open_is_said_after_the_first_frame_and_ids_still_open_cards() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let dirs = Dirs::new();
    // A directory where the CRM's database file should be: SQLite cannot
    // open it.
    dirs.block_directory_file(&sandbox.base_url());
    let term = start_in(dirs, &sandbox);
    term.wait_for("the notice", |s| {
        s.contains("Справочник клиентов недоступен")
    });
    // The log opens before the directory: its warning is there.
    let log = term.dirs().log_once_it_has("client directory not opened");
    assert!(log.contains("client directory not opened"), "{log}");
    // The notice is on the status line and takes no key: the id typed at
    // once opens the card.
    term.open_sample_card();
}
