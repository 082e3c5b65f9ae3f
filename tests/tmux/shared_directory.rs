//! Two desks, two crmcard processes against one sandbox CRM and one
//! PostgreSQL: the caller known at desk A is found at desk B, which has
//! never seen them (the scenario that made a duplicate client).

use std::time::{Duration, Instant};

use crate::postgres::{Cluster, SUPERUSER, SUPERUSER_PASSWORD};
use crate::support::{Dirs, Launch, Term, TestSandbox};
use crmcard::directory::Directory;
use crmcard::sandbox::SandboxConfig;

/// A desk's directories, its config naming the database, and `extra`
/// config lines after it (a `[desk]` section, say).
pub(crate) fn desk_dirs_with(url: &str, extra: &str) -> Dirs {
    let dirs = Dirs::new();
    let config = dirs.config().join("crmcard");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        format!("[directory]\nurl = \"{url}\"\nsslmode = \"disable\"\n{extra}"),
    )
    .expect("config");
    dirs
}

fn desk_dirs(url: &str) -> Dirs {
    desk_dirs_with(url, "")
}

/// crmcard started in `dirs` against `sandbox`, the database password in
/// its environment, once its lookup is drawn.
pub(crate) fn start_desk(dirs: Dirs, sandbox: &TestSandbox) -> Term {
    let url = sandbox.base_url();
    let term = Term::start_in(
        dirs,
        Launch {
            width: 120,
            height: 40,
            env: &[
                ("LANG", "ru_RU.UTF-8"),
                ("CRMCARD_SID", "demo"),
                ("CRMCARD_DB_PASSWORD", SUPERUSER_PASSWORD),
            ],
            ..Launch::new(&["--base-url", &url, "--object-id", "1"])
        },
    );
    term.wait_for_all(&["Поиск клиента"]);
    term
}

#[test]
fn a_caller_known_at_one_desk_is_found_at_another() {
    let cluster = Cluster::shared();
    let db = cluster.database("tmux_two_desks");
    let url = db.url(SUPERUSER);
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let a = start_desk(desk_dirs(&url), &sandbox);
    let b = start_desk(desk_dirs(&url), &sandbox);
    // Desk A opens the caller's card: it knows them now, and so does the
    // shared directory.
    a.open_sample_card();
    // Desk B's replica receives it (its own file, read beside the running
    // desk), then the operator types the number.
    let crm = crmcard::crm::CrmKey::new(&sandbox.base_url(), "1");
    let b_file = b
        .dirs()
        .data()
        .join("crmcard")
        .join("crm")
        .join(crm.file_slug())
        .join("directory.sqlite");
    let started = Instant::now();
    loop {
        let found = Directory::open(&b_file)
            .and_then(|d| d.clients_with_phone("89998887766"))
            .map(|c| c.len())
            .unwrap_or(0);
        if found == 1 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "desk B never received the client; A's log:\n{}",
            a.dirs().log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    b.type_text("89998887766");
    let screen = b.wait_for("the caller found at desk B", |s| {
        s.contains("Клиенты: 1") && s.contains("+7 999 888-77-66")
    });
    assert!(screen.contains("Безногов"), "{screen}");
    assert!(!screen.contains("недоступен"), "{screen}");
    for desk in [&a, &b] {
        assert!(!desk.capture().contains(SUPERUSER_PASSWORD));
        assert!(!desk.dirs().log().contains(SUPERUSER_PASSWORD));
        for file in desk.dirs().files() {
            let bytes = std::fs::read(&file).unwrap_or_default();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SUPERUSER_PASSWORD),
                "{}",
                file.display()
            );
        }
    }
}
