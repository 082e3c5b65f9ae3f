//! Starting crmcard: config, language, logging, the CRM (or the demo
//! sandbox), then the TUI.

use std::error::Error;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::api::{Client, ClientOptions};
use crate::app::vocab::{CallsProblem, Notice};
use crate::app::{App, AppSetup, Msg};
use crate::calls::ami_config::{AmiConfig, SECRET_ENV};
use crate::calls::dial::Dialer;
use crate::calls::server::ListenError;
use crate::cli::Cli;
use crate::config::{self, Connection, LoadedConfig, Paths, SID_ENV};
use crate::crm::CrmKey;
use crate::dates::Date;
use crate::directory::local::{self, OpenNote};
use crate::directory::{Directory, DirectoryHandle, DirectorySlot};
use crate::executor::Executor;
use crate::i18n::{self, Lang};
use crate::keymap::Keymap;
use crate::logging::LogGuard;
use crate::tui::AfterFirstFrame;

/// Runs the TUI as the command line asks.
pub fn run(cli: &Cli) -> Result<(), Box<dyn Error>> {
    let paths = Paths::discover();
    let LoadedConfig { config, warnings } =
        config::load_chosen(cli.config.as_deref(), paths.as_ref());
    let lang = lang_of(cli, &config);
    if cli.reset && !cli.demo {
        return Err(i18n::reset_without_demo(lang).into());
    }
    if cli.demo && !cfg!(feature = "sandbox") {
        return Err(i18n::sandbox_not_built(lang).into());
    }
    let (keymap, keymap_warnings) = Keymap::with_overrides(&config.keymap);
    let mut startup_messages: Vec<Notice> = Vec::new();
    if !warnings.is_empty() || !keymap_warnings.is_empty() {
        startup_messages.push(Notice::SetupProblems {
            config: warnings,
            keymap: keymap_warnings,
        });
    }

    let ami = ami_config(&config, &mut startup_messages);

    // The CRM of this run, the demo's or the one the profile and the command
    // line name: the client directory is its own.
    let resolved = if cli.demo {
        None
    } else {
        let env_sid = std::env::var(SID_ENV).ok();
        let connection = config::resolve(
            cli.base_url.as_deref(),
            cli.object_id.as_deref(),
            cli.profile.as_deref(),
            &config,
            env_sid,
        )
        .map_err(|e| i18n::config_error(&e, lang))?;
        Some(connection)
    };
    let crm = resolved
        .as_ref()
        .map_or_else(CrmKey::demo, |c| CrmKey::new(&c.base_url, &c.object_id));
    // A connection that cannot be made is said first (it is the operator's
    // next step). Without a terminal (a script, a service) nothing is set
    // up or reset and nothing is written to standard output: one line on
    // stderr says why.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(i18n::needs_terminal(lang).into());
    }

    if cli.demo
        && cli.reset
        && let Some(paths) = &paths
    {
        crate::demo::reset(paths).map_err(|e| i18n::demo_reset_failed(&e.to_string(), lang))?;
    }

    // Sized for a terminal app: the loop runs on this thread, one worker
    // carries requests and decoding (and the demo's sandbox) off it, and a
    // couple of blocking threads the file writes.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(2)
        .enable_all()
        .build()?;
    // After the first frame, on a blocking thread: the log (its guard kept
    // to the end of the run; nothing before it is logged), then the client
    // directory (SQLite, the old single directory, the demo's clients), so
    // that its warnings reach the log. What needs the directory waits for it.
    let demo_flag = cli.demo;
    let log_guard: Arc<Mutex<Option<LogGuard>>> = Arc::default();
    let (directory, directory_filler) = DirectorySlot::opening();
    let open_later = {
        let log_file = paths.as_ref().map(Paths::log_file);
        let (guard_slot, lang_code) = (Arc::clone(&log_guard), lang.code());
        let (paths, city_code, crm) = (paths.clone(), config.city_code.clone(), crm.clone());
        async move {
            let opened = tokio::task::spawn_blocking(move || {
                let guard = log_file.and_then(|f| crate::logging::init(&f).ok());
                tracing::info!(demo = demo_flag, lang = lang_code, "crmcard starting");
                *guard_slot.lock().unwrap_or_else(PoisonError::into_inner) = guard;
                let mut notices = Vec::new();
                let directory =
                    open_directory(paths.as_ref(), &crm, demo_flag, city_code, &mut notices);
                (directory, notices)
            })
            .await;
            match opened {
                Ok((directory, notices)) => {
                    directory_filler.fill(directory);
                    (!notices.is_empty()).then_some(Msg::StartNotices(notices))
                }
                Err(e) => {
                    tracing::error!(error = %e, "the client directory did not open");
                    directory_filler.fill(None);
                    None
                }
            }
        }
    };
    runtime.block_on(async {
        let (connection, demo) = match resolved {
            Some(connection) => (connection, None),
            None => {
                let (connection, sandbox) = start_demo_sandbox(paths.as_ref(), &config, lang)?;
                (connection, Some(sandbox))
            }
        };
        let identity = crm_identity(&connection, demo.is_some());
        let (writer, drafts) = open_drafts(
            paths.as_ref(),
            &drafts_slug(&connection, demo.is_some()),
            &identity,
            &mut startup_messages,
        );
        let label = connection_label(&connection, demo.is_some(), lang);
        let client = Client::new(client_options(&connection))?;
        // The shared directory (`[directory] url`), kept until the TUI
        // returns; the demo never uses one.
        let shared_desk = match demo {
            Some(_) => None,
            None => shared_directory(
                &config,
                &connection,
                directory.clone(),
                &mut startup_messages,
            ),
        };
        let dialer = Dialer {
            ami: ami.clone(),
            command: config.dial_command.clone(),
            format: config.dial_format.clone().unwrap_or_default(),
        };
        let mut executor = Executor::with_directory_slot(client, directory);
        if let Some(shared) = &shared_desk {
            executor = executor.with_presence(Arc::new(shared.presence_link()));
        }
        let executor = executor
            .with_drafts(writer)
            .with_dialer(dialer)
            .with_call_log(crate::executor::CallLogSetup {
                crm: crm.as_text(),
                keep_days: config
                    .calls_keep_days
                    .unwrap_or(crate::calllog::DEFAULT_KEEP_DAYS),
            });
        // Kept until the TUI returns: dropping it closes the call socket and
        // removes its file, on every way out.
        let calls = crate::calls::start(cli.socket.as_deref(), ami);
        if let Some(e) = &calls.listen_error {
            startup_messages.push(Notice::CallsOff(listen_problem(e)));
        }
        let mut app = App::new(AppSetup {
            lang,
            keymap,
            city_code: config.city_code.clone(),
            today: Date::today(),
            connection: label,
            startup_messages,
        });
        app.shared.desk.defaults = if demo.is_some() {
            config.defaults.clone().or(crate::demo::form_defaults())
        } else {
            config.defaults.clone()
        };
        app.shared.desk.copy_off = config.copy == Some(false);
        app.calls.desk = crate::calllog::desk_name(config.calls_desk.clone());
        app.calls.run = jiff::Timestamp::now().as_second().max(0).unsigned_abs();
        app.offer_drafts(&identity, drafts);
        if shared_desk.is_some() {
            app.presence.enable();
        }
        let start = AfterFirstFrame {
            effects: app.start(),
            tasks: vec![Box::pin(open_later)],
            streams: shared_desk
                .as_ref()
                .map(|s| {
                    [
                        shared_link_messages(s.status()),
                        presence_messages(s.presence()),
                    ]
                })
                .into_iter()
                .flatten()
                .collect(),
        };
        let ran = crate::tui::run(app, executor, start, calls.events).await;
        drop(calls.calls);
        if let Some(sandbox) = demo {
            stop_demo_sandbox(sandbox).await;
        }
        tracing::info!("crmcard stopped");
        ran.map_err(Box::<dyn Error>::from)
    })?;
    // Flushes the log (dropping its guard) before the runtime goes.
    drop(
        log_guard
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take(),
    );
    runtime.shutdown_timeout(Duration::from_millis(200));
    Ok(())
}

/// `[calls.ami]` with its secret read, or `None` (a notice says why when
/// the table is there but cannot be used).
fn ami_config(config: &config::Config, notices: &mut Vec<Notice>) -> Option<AmiConfig> {
    let settings = config.calls_ami.as_ref()?;
    match settings.resolve(std::env::var(SECRET_ENV).ok()) {
        Ok(ami) => Some(ami),
        Err(e) => {
            notices.push(Notice::CallsOff(CallsProblem::AmiUnusable {
                reason: e.to_string(),
            }));
            None
        }
    }
}

/// The shared directory of the profile in use, started on the local one
/// once it is open; a `[directory]` that cannot be used (its password file
/// unreadable) is a start-up notice, and the desk works alone.
fn shared_directory(
    config: &config::Config,
    connection: &Connection,
    slot: DirectorySlot,
    notices: &mut Vec<Notice>,
) -> Option<crate::shared::desk::SharedDesk> {
    let crm = crate::crm::CrmKey::new(&connection.base_url, &connection.object_id);
    match crate::shared::desk::start(config, connection.profile.as_deref(), crm, slot) {
        Ok(shared) => shared,
        Err(e) => {
            notices.push(Notice::SetupProblems {
                config: vec![config::ConfigWarning::DirectoryInvalid {
                    key: "directory".to_owned(),
                    reason: e.to_string(),
                }],
                keymap: Vec::new(),
            });
            None
        }
    }
}

/// The shared directory's link as the app's messages: one per change
/// between usable and not (the engine's reasons go to the log).
fn shared_link_messages(
    status: tokio::sync::watch::Receiver<crate::shared::SyncStatus>,
) -> futures_util::stream::BoxStream<'static, Msg> {
    use crate::app::SharedLink;
    use crate::shared::SyncStatus;
    let link = |s: &SyncStatus| match s {
        SyncStatus::Offline { .. } => Some(SharedLink::Offline),
        SyncStatus::Online => Some(SharedLink::Online),
        SyncStatus::Connecting => None,
    };
    let stream = futures_util::stream::unfold((status, None), move |(mut rx, last)| async move {
        loop {
            let now = link(&rx.borrow_and_update());
            if now.is_some() && now != last {
                return Some((Msg::SharedDirectory(now?), (rx, now)));
            }
            rx.changed().await.ok()?;
        }
    });
    Box::pin(stream)
}

/// What the other desks do with the client on the screen, as the app's
/// messages: one per change.
fn presence_messages(
    seen: tokio::sync::watch::Receiver<Option<crate::presence::Presence>>,
) -> futures_util::stream::BoxStream<'static, Msg> {
    Box::pin(futures_util::stream::unfold(seen, |mut rx| async move {
        rx.changed().await.ok()?;
        let now = rx.borrow_and_update().clone();
        Some((Msg::Presence(now), rx))
    }))
}

/// Why the call socket is not listened on, for the start-up notice.
fn listen_problem(e: &ListenError) -> CallsProblem {
    match e {
        ListenError::AlreadyRunning(socket) => CallsProblem::AlreadyRunning {
            socket: socket.clone(),
        },
        other => CallsProblem::NotListening {
            reason: other.to_string(),
        },
    }
}

fn client_options(c: &Connection) -> ClientOptions {
    let mut options = ClientOptions::new(&c.base_url, &c.object_id, c.sid.clone());
    options.connect_timeout = Duration::from_secs(c.timeouts.connect_seconds);
    options.request_timeout = Duration::from_secs(c.timeouts.request_seconds);
    options
}

/// This window's drafts folder (taking over those of windows that are
/// gone) and its writer, and the drafts to offer; a folder that cannot be
/// opened is said at start, and drafts are then not kept.
fn open_drafts(
    paths: Option<&Paths>,
    slug: &str,
    identity: &str,
    notices: &mut Vec<Notice>,
) -> (
    Option<crate::drafts::DraftWriter>,
    Vec<crate::app::draft::Offered>,
) {
    let Some(root) = paths.map(Paths::drafts_dir) else {
        return (None, Vec::new());
    };
    let now = jiff::Timestamp::now().as_second().max(0).unsigned_abs();
    let opened = crate::drafts::DraftStore::open(&root, slug, identity, now)
        .and_then(|(store, found)| Ok((crate::drafts::DraftWriter::start(store)?, found)));
    match opened {
        Ok((writer, found)) => {
            if !found.skipped.is_empty() {
                notices.push(Notice::DraftsSkipped {
                    files: found.skipped,
                });
            }
            (Some(writer), found.drafts)
        }
        Err(e) => {
            // Before the log is open: the operator is told instead.
            notices.push(Notice::LocalSaveFailed {
                reason: e.to_string(),
            });
            (None, Vec::new())
        }
    }
}

/// The folder of the drafts of this CRM: its [`CrmKey::file_slug`] (the
/// demo's key for the demo, whose sandbox's port changes every run).
fn drafts_slug(c: &Connection, demo: bool) -> String {
    if demo {
        CrmKey::demo().file_slug()
    } else {
        CrmKey::new(&c.base_url, &c.object_id).file_slug()
    }
}

/// Which CRM drafts belong to, in no language: "demo", or the host and the
/// object ("dlv.ucs.ru 123").
fn crm_identity(c: &Connection, demo: bool) -> String {
    if demo {
        "demo".to_owned()
    } else {
        format!("{} {}", url_host(&c.base_url), c.object_id)
    }
}

/// "demo" or "dlv.ucs.ru · object 123 · profile main".
fn connection_label(c: &Connection, demo: bool, lang: Lang) -> String {
    let t = lang.texts();
    if demo {
        return t.demo_label.to_owned();
    }
    let host = url_host(&c.base_url);
    let mut label = format!("{host} · {} {}", t.object, c.object_id);
    if let Some(profile) = &c.profile {
        label.push_str(&format!(" · {profile}"));
    }
    crate::text::sanitize(&label)
}

/// The host (and port) of a URL, without the scheme, a user or a path:
/// `dlv.ucs.ru:8443` for `https://user@dlv.ucs.ru:8443/api/v1/crm/`; the
/// text itself when it is not a URL.
fn url_host(url: &str) -> String {
    let Ok(parsed) = reqwest::Url::parse(url.trim()) else {
        return url.to_owned();
    };
    match (parsed.host_str(), parsed.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => url.to_owned(),
    }
}

/// Opens the client directory of `crm` (in memory when there is no data
/// directory), taking in the old single directory once (not for the demo),
/// and for the demo adds the sandbox's clients when it is new. A failure
/// becomes a notice at start; the TUI runs without a directory then.
fn open_directory(
    paths: Option<&Paths>,
    crm: &CrmKey,
    demo: bool,
    city_code: Option<String>,
    notices: &mut Vec<Notice>,
) -> Option<DirectoryHandle> {
    let opened = match paths {
        Some(p) => local::open_for_crm(p, crm, city_code, !demo),
        None => Directory::in_memory().map(|d| local::Opened {
            directory: d.with_city_code(city_code),
            notes: Vec::new(),
        }),
    };
    #[cfg_attr(not(feature = "sandbox"), expect(unused_mut))]
    let mut directory = match opened {
        Ok(opened) => {
            notices.extend(opened.notes.into_iter().map(|note| open_notice(note, crm)));
            opened.directory
        }
        Err(e) => {
            tracing::warn!(error = %e, "client directory not opened");
            notices.push(Notice::DirectoryUnavailable {
                reason: e.to_string(),
            });
            return None;
        }
    };
    #[cfg(feature = "sandbox")]
    if demo && let Err(e) = crate::demo::add_seed_clients(&mut directory) {
        tracing::warn!(error = %e, "demo clients not added to the directory");
    }
    Some(DirectoryHandle::new(directory))
}

/// What opening the directory found, as the start-up notice (and a line of
/// the log).
pub(crate) fn open_notice(note: OpenNote, crm: &CrmKey) -> Notice {
    match note {
        OpenNote::Migrated { clients, kept_as } => {
            tracing::info!(clients, kept_as = %kept_as.display(), "the earlier directory taken in");
            Notice::DirectoryMigrated {
                clients,
                crm: crm.clone(),
                kept_as,
            }
        }
        OpenNote::SetAside { damage, kept_as } => {
            tracing::warn!(%damage, kept_as = %kept_as.display(), "a damaged directory set aside");
            Notice::DirectorySetAside { damage, kept_as }
        }
        OpenNote::MigrationFailed { reason } => {
            tracing::warn!(%reason, "the earlier directory not taken in");
            Notice::DirectoryNotMigrated { reason }
        }
    }
}

/// The language of the messages: `--lang`, else the config's, else `LANG`'s.
fn lang_of(cli: &Cli, config: &config::Config) -> Lang {
    let env_lang = std::env::var("LANG").ok();
    match &cli.lang {
        Some(code) => Lang::from_code(code),
        None => Lang::from_code(config.language_code(env_lang.as_deref())),
    }
}

/// `crmcard sandbox` in a build without the sandbox: the line that says how
/// to get it, in the language of the config.
pub fn sandbox_not_built(cli: &Cli) -> &'static str {
    let paths = Paths::discover();
    let LoadedConfig { config, .. } = config::load_chosen(cli.config.as_deref(), paths.as_ref());
    i18n::sandbox_not_built(lang_of(cli, &config))
}

/// The demo's sandbox, running while the TUI does.
#[cfg(feature = "sandbox")]
type DemoSandbox =
    tokio::task::JoinHandle<Result<crate::sandbox::Sandbox, crate::sandbox::SandboxError>>;
/// A build without the sandbox has no demo (`run` says so before this).
#[cfg(not(feature = "sandbox"))]
type DemoSandbox = std::convert::Infallible;

/// Starts the demo's sandbox: the port is bound now and the sandbox opens
/// its store (the seed the first time) beside the first frame: the client is
/// made for its address at once, and the first requests wait in the
/// listener's queue.
#[cfg(feature = "sandbox")]
fn start_demo_sandbox(
    paths: Option<&Paths>,
    config: &config::Config,
    _: Lang,
) -> Result<(Connection, DemoSandbox), Box<dyn Error>> {
    use std::net::{Ipv4Addr, SocketAddr};

    use crate::api::Sid;
    use crate::sandbox;
    let sandbox_config = crate::demo::sandbox_config(paths)?;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let listener = std::net::TcpListener::bind(addr)
        .map_err(|source| sandbox::SandboxError::Bind { addr, source })?;
    let base_url = sandbox::base_url_of(listener.local_addr()?);
    let connection = Connection {
        base_url,
        object_id: sandbox_config.object_id.clone(),
        sid: Sid::new(sandbox_config.sid.clone()),
        profile: None,
        timeouts: config.timeouts,
    };
    Ok((
        connection,
        tokio::spawn(sandbox::start_on(sandbox_config, listener)),
    ))
}

#[cfg(not(feature = "sandbox"))]
fn start_demo_sandbox(
    _: Option<&Paths>,
    _: &config::Config,
    lang: Lang,
) -> Result<(Connection, DemoSandbox), Box<dyn Error>> {
    Err(i18n::sandbox_not_built(lang).into())
}

/// Whichever way the TUI ended (a terminal that is gone fails to draw), the
/// demo's sandbox stops and the log says so.
#[cfg(feature = "sandbox")]
async fn stop_demo_sandbox(sandbox: DemoSandbox) {
    match sandbox.await {
        Ok(Ok(sandbox)) => sandbox.shutdown().await,
        Ok(Err(e)) => tracing::error!(error = %e, "the demo's sandbox did not start"),
        Err(e) => tracing::error!(error = %e, "the demo's sandbox did not start"),
    }
}

#[cfg(not(feature = "sandbox"))]
async fn stop_demo_sandbox(sandbox: DemoSandbox) {
    match sandbox {}
}

/// The clients of the sandbox's built-in seed, as directory entries (see
/// [`crate::demo::seed_clients`]).
#[cfg(feature = "sandbox")]
pub fn demo_clients() -> Result<Vec<crate::directory::DirEntry>, crate::sandbox::SandboxError> {
    crate::demo::seed_clients(crate::sandbox::BUILT_IN_CLIENTS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Sid;

    #[tokio::test]
    async fn the_shared_link_reaches_the_app_once_per_change() {
        use crate::app::SharedLink;
        use crate::shared::SyncStatus;
        use futures_util::StreamExt;
        let (tx, rx) = tokio::sync::watch::channel(SyncStatus::Connecting);
        let mut messages = shared_link_messages(rx);
        let offline = |reason: &str| SyncStatus::Offline {
            reason: reason.to_owned(),
        };
        tx.send_replace(offline("refused"));
        let first = messages.next().await;
        assert!(matches!(
            first,
            Some(Msg::SharedDirectory(SharedLink::Offline))
        ));
        // Another reason is the same link; back online is news.
        tx.send_replace(offline("timed out"));
        tx.send_replace(SyncStatus::Online);
        let next = messages.next().await;
        assert!(matches!(
            next,
            Some(Msg::SharedDirectory(SharedLink::Online))
        ));
        drop(tx);
        assert!(messages.next().await.is_none());
    }

    /// A desk's build (`--no-default-features`, run by `.ci/run`): `--demo`
    /// is one line saying how to get it, before anything else is set up.
    #[cfg(not(feature = "sandbox"))]
    #[test]
    fn the_demo_without_the_sandbox_says_how_to_build_it() {
        use clap::Parser;
        let cli = Cli::parse_from(["crmcard", "--demo", "--lang", "en"]);
        let said = run(&cli).expect_err("no sandbox in this build").to_string();
        assert_eq!(said, i18n::sandbox_not_built(Lang::En));
        assert!(said.contains("default features"), "{said}");
        assert!(!said.contains('\n'), "{said}");
    }

    #[cfg(feature = "sandbox")]
    #[test]
    fn a_crm_takes_the_old_directory_once_with_a_notice_and_the_demo_its_seed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        std::fs::create_dir_all(&paths.data_dir).expect("data dir");
        std::fs::write(
            paths.recent_file(),
            r#"{"version": 1, "entries": [{"id": "42", "name": "Иванов Иван",
                "phones": ["8 916 123-45-67"], "opened_at": 1700000000}]}"#,
        )
        .expect("write");
        // The demo never takes the old files.
        let mut notices = Vec::new();
        let demo = open_directory(Some(&paths), &CrmKey::demo(), true, None, &mut notices)
            .expect("the demo's directory");
        assert!(notices.is_empty(), "{notices:?}");
        let recent_first = demo.blocking(|d| d.search("", 2)).expect("search");
        let ids: Vec<&str> = recent_first.iter().map(|h| h.entry.id.as_str()).collect();
        assert_eq!(ids, ["10000000009188", "10000000009201"]);
        // The first real CRM does, once, and says so.
        let crm = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
        let handle =
            open_directory(Some(&paths), &crm, false, None, &mut notices).expect("a directory");
        assert!(
            matches!(
                notices.as_slice(),
                [Notice::DirectoryMigrated { clients: 1, crm: c, .. }] if *c == crm
            ),
            "{notices:?}"
        );
        assert!(paths.directory_file(&crm).exists());
        let hits = handle
            .blocking(|d| d.search("89161234567", 10))
            .expect("search");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.id, "42");
        drop(handle);
        notices.clear();
        let other = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "124");
        let handle =
            open_directory(Some(&paths), &other, false, None, &mut notices).expect("another");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(handle.blocking(|d| d.count()).expect("count"), 0);
    }

    #[test]
    fn a_directory_that_cannot_be_opened_is_a_notice_and_no_directory() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        // The data directory is a file: nothing can be created in it.
        std::fs::write(&paths.data_dir, "not a directory").expect("write");
        let mut notices = Vec::new();
        let crm = CrmKey::new("https://dlv.ucs.ru/api/v1/crm/", "123");
        assert!(open_directory(Some(&paths), &crm, false, None, &mut notices).is_none());
        assert!(
            matches!(notices.as_slice(), [Notice::DirectoryUnavailable { .. }]),
            "{notices:?}"
        );
    }

    #[test]
    fn the_label_shows_the_host_only() {
        for (url, host) in [
            ("https://dlv.ucs.ru/api/v1/crm/", "dlv.ucs.ru"),
            ("HTTPS://DLV.UCS.RU/api/", "dlv.ucs.ru"),
            (
                "https://op:secret@dlv.ucs.ru:8443/api/v1/crm/",
                "dlv.ucs.ru:8443",
            ),
            ("http://127.0.0.1:8080/api/v1/crm/", "127.0.0.1:8080"),
            ("http://[::1]:8080/", "[::1]:8080"),
            ("https://crm.example/?sid=x#y", "crm.example"),
        ] {
            assert_eq!(url_host(url), host, "{url}");
        }
        let connection = Connection {
            base_url: "https://op:secret@dlv.ucs.ru/api/v1/crm/".to_owned(),
            object_id: "123".to_owned(),
            sid: Sid::new("k"),
            profile: Some("main".to_owned()),
            timeouts: config::Timeouts::default(),
        };
        assert_eq!(
            connection_label(&connection, false, Lang::En),
            "dlv.ucs.ru · object 123 · main"
        );
    }
}
