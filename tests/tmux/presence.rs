//! Who has the card open, between two crmcard processes against one
//! sandbox CRM and one PostgreSQL: desk B's card and form name desk A's
//! open form, and the line goes when A is killed with `kill -9`.

use crate::postgres::{Cluster, SUPERUSER, SUPERUSER_PASSWORD};
use crate::shared_directory::{desk_dirs_with, start_desk};
use crate::support::{Dirs, TestSandbox, frame};
use crmcard::sandbox::SandboxConfig;

/// A desk's directories, its config naming the database and the desk.
fn desk_dirs(url: &str, desk: &str, operator: &str) -> Dirs {
    desk_dirs_with(
        url,
        &format!("\n[desk]\nname = \"{desk}\"\noperator = \"{operator}\"\n"),
    )
}

#[test]
fn a_desks_open_form_shows_at_the_other_desk_and_goes_when_it_is_killed() {
    let cluster = Cluster::shared();
    let db = cluster.database("tmux_presence");
    let url = db.url(SUPERUSER);
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let a = start_desk(desk_dirs(&url, "пульт 3", "Иванова"), &sandbox);
    let b = start_desk(desk_dirs(&url, "пульт 7", "Петров"), &sandbox);
    a.open_sample_card();
    a.send_keys(&["Enter"]);
    a.wait_for_all(&["Основные данные клиента"]);
    b.open_sample_card();
    let said = "Иванова (пульт 3) изменяет основные данные с";
    let screen = b.wait_for("A's form named on B's card", |s| s.contains(said));
    assert!(
        screen.contains("Безногов Сергей Витальевич"),
        "{}",
        frame(&screen)
    );
    // B opens a form of its own: the header names A's too, and A's card
    // names B's.
    b.send_keys(&["3", "Insert"]);
    b.wait_for_all(&["Новый адрес", said]);
    a.send_keys(&["Escape"]);
    a.wait_for_all(&["Петров (пульт 7) изменяет адреса с"]);
    a.send_keys(&["Enter"]);
    a.wait_for_all(&["Основные данные клиента"]);
    b.wait_for_all(&[said]);
    // A killed: its connection ends, and B's header forgets it.
    let pid = a.display("#{pane_pid}");
    let killed = std::process::Command::new("kill")
        .args(["-9", pid.trim()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let screen = b.wait_for("A's form gone from B's header", |s| {
        s.contains("Новый адрес") && !s.contains(said)
    });
    assert!(!screen.contains(SUPERUSER_PASSWORD));
}
