//! The client directory's file made unusable (as root would: a directory
//! where the file should be): the lookup says the directory cannot be
//! checked, never that no client has the number (item 7 of issue 21).

use crmcard::sandbox::SandboxConfig;

use crate::support::{Dirs, TestSandbox, frame, start_in};

#[test]
fn with_the_directory_unusable_a_phone_lookup_says_it_cannot_check() {
    let sandbox = TestSandbox::start(SandboxConfig::default());
    let dirs = Dirs::new();
    dirs.block_directory_file(&sandbox.base_url());
    let term = start_in(dirs, &sandbox);
    term.wait_for_all(&["Поиск клиента"]);
    term.type_text("89165554433");
    term.wait_for_all(&["поиск не выполнен"]);
    term.send_keys(&["Enter"]);
    let screen =
        term.wait_for_all(&["есть ли клиент с номером +7 916 555-44-33, проверить нельзя"]);
    assert!(!screen.contains("Клиента с номером"), "{}", frame(&screen));
}
