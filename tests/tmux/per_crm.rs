//! One client directory per CRM, in the real binary: a profile never finds
//! another CRM's clients; the demo's CRM and directory keep a trainee's
//! clients between runs and `--demo --reset` starts both afresh; the old
//! single directory is taken in at the first start, with a notice.

use crate::support::{Dirs, Launch, Term, TestSandbox, start_in};
use crmcard::crm::CrmKey;
use crmcard::directory::{DirEntry, Directory};
use crmcard::sandbox::SandboxConfig;

/// Types a phone nobody has at the lookup, takes the offer of a new client
/// with it, and saves the client as `lastname`.
fn create_client(term: &Term, phone: &str, shown: &str, lastname: &str) {
    term.type_text(phone);
    term.send_keys(&["Enter"]);
    term.wait_for_all(&[&format!("Клиента с номером {shown} нет")]);
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Новый клиент"]);
    term.type_text(lastname);
    term.send_keys(&["C-s"]);
    term.wait_for_all(&["Карточка клиента", lastname]);
}

/// Quits with Ctrl-Q from a card and waits until crmcard has ended (its
/// files closed), then hands the directories on.
fn quit(mut term: Term) -> Dirs {
    term.send_keys(&["C-q"]);
    term.wait_for("crmcard ended", |_| term.display("#{pane_dead}") == "1");
    term.take_dirs()
}

fn demo(dirs: Dirs, args: &[&str]) -> Term {
    let term = Term::start_in(
        dirs,
        Launch {
            width: 120,
            height: 40,
            ..Launch::new(args)
        },
    );
    term.wait_for_all(&["Поиск клиента"]);
    term
}

#[test]
fn a_profile_never_finds_another_crms_clients() {
    let a = TestSandbox::start(SandboxConfig::default());
    let b = TestSandbox::start(SandboxConfig::default());
    let term = start_in(Dirs::new(), &a);
    create_client(&term, "8 916 777 66 55", "+7 916 777-66-55", "Алов");
    let dirs = quit(term);
    // The second sandbox, on another port: its own CRM, its own directory.
    let term = start_in(dirs, &b);
    term.type_text("89167776655");
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Клиента с номером +7 916 777-66-55 нет"]);
    term.escape_until("the offer closed", |s| !s.contains("Клиента с номером"));
    term.escape_until("the field cleared", |s| !s.contains("89167776655"));
    create_client(&term, "8 916 111 22 33", "+7 916 111-22-33", "Бобров");
    let dirs = quit(term);
    // The first one again: its client is found, the second's is not.
    let term = start_in(dirs, &a);
    term.type_text("89167776655");
    term.wait_for_all(&["Клиенты: 1", "Алов"]);
    term.escape_until("the field cleared", |s| s.contains("Наберите телефон"));
    term.type_text("89161112233");
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Клиента с номером +7 916 111-22-33 нет"]);
}

#[test]
fn the_demo_keeps_a_trainees_client_until_reset() {
    let term = demo(Dirs::new(), &["--demo"]);
    create_client(&term, "8 916 555 44 33", "+7 916 555-44-33", "Стажёров");
    let dirs = quit(term);
    // The next day: found by phone, and its card comes from the demo's CRM.
    let term = demo(dirs, &["--demo"]);
    term.type_text("89165554433");
    term.wait_for_all(&["Клиенты: 1", "Стажёров"]);
    term.send_keys(&["Down", "Enter"]);
    term.wait_for_all(&["Карточка клиента", "Стажёров", "+7 916 555-44-33"]);
    let dirs = quit(term);
    // Afresh: neither the directory nor the CRM knows the client.
    let term = demo(dirs, &["--demo", "--reset"]);
    term.type_text("89165554433");
    term.send_keys(&["Enter"]);
    term.wait_for_all(&["Клиента с номером +7 916 555-44-33 нет"]);
}

#[test]
fn the_old_directory_is_taken_in_at_the_first_start_with_a_notice() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let dirs = Dirs::new();
    let data = dirs.data().join("crmcard");
    {
        let mut old = Directory::open(&data.join("directory.sqlite")).expect("old");
        old.upsert(&DirEntry {
            id: "10000000009188".to_owned(),
            lastname: "Безногов".to_owned(),
            phones: vec!["89998887766".to_owned()],
            ..DirEntry::default()
        })
        .expect("upsert");
    }
    let term = start_in(dirs, &sandbox);
    term.wait_for_all(&["Прежний справочник перенесён: клиентов: 1 —"]);
    // On the status line: what is typed goes to the lookup.
    term.type_text("89998887766");
    term.wait_for_all(&["Клиенты: 1", "Безногов"]);
    let slug = CrmKey::new(&sandbox.base_url(), "1").file_slug();
    assert!(
        data.join(format!("directory.sqlite.migrated-{slug}"))
            .is_file()
    );
    assert!(!data.join("directory.sqlite").exists());
}

#[test]
fn a_truncated_directory_is_said_at_start_and_kept_aside() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let dirs = Dirs::new();
    let file = dirs.directory_file(&sandbox.base_url());
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, b"").expect("truncated");
    let term = start_in(dirs, &sandbox);
    term.wait_for_all(&["Справочник клиентов повреждён: файл пуст (0 байт), отложен как"]);
    let kept_as = file.with_file_name("directory.sqlite.damaged-1");
    assert!(kept_as.is_file());
    // The new directory works: a card opened is found by phone after.
    term.open_sample_card();
    term.escape_until("the lookup", |s| !s.contains("Карточка клиента"));
    term.type_text("89998887766");
    term.wait_for_all(&["Клиенты: 1", "Безногов"]);
}

#[test]
fn the_demo_reset_removes_the_demos_drafts_and_no_other_crms() {
    let dirs = Dirs::new();
    let drafts = dirs.data().join("crmcard").join("drafts");
    // A draft of a real CRM, left by an earlier window: the reset keeps it.
    let real = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "1").file_slug();
    let real_draft = drafts.join(real).join("w-1-a").join("1.json");
    std::fs::create_dir_all(real_draft.parent().expect("a folder")).expect("drafts dir");
    std::fs::write(&real_draft, "{}").expect("a draft");
    let demo_drafts = drafts.join(CrmKey::demo().file_slug());

    let mut term = demo(dirs, &["--demo"]);
    term.send_keys(&["IC"]);
    term.wait_for_all(&["Новый клиент"]);
    term.type_text("Черновиков");
    term.wait_for_all(&["Черновиков"]);
    // SIGTERM keeps the form as a draft of the demo.
    let pid = term.display("#{pane_pid}");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    assert!(killed.expect("kill").success());
    term.wait_for("crmcard ended", |_| term.display("#{pane_dead}") == "1");
    let kept = crate::lifecycle::drafts(term.dirs());
    assert!(
        kept.iter().any(|d| d.contains("Черновиков")),
        "the demo's draft: {kept:?}"
    );
    let windows: Vec<_> = std::fs::read_dir(&demo_drafts)
        .expect("the demo's drafts")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert!(!windows.is_empty());

    let term = demo(term.take_dirs(), &["--demo", "--reset"]);
    // The new window has a folder of its own; the killed one's is gone.
    for window in &windows {
        assert!(!window.exists(), "{} stays", window.display());
    }
    let left = crate::lifecycle::drafts(term.dirs());
    assert!(!left.iter().any(|d| d.contains("Черновиков")), "{left:?}");
    assert!(real_draft.is_file(), "a real CRM's draft stays");
    let screen = term.capture();
    assert!(!screen.contains("Черновиков"), "{screen}");
}
