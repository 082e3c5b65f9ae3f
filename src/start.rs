//! Starting crmcard: config, language, logging, the CRM (or the demo
//! sandbox), then the TUI.

use std::error::Error;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::api::{Client, ClientOptions, Sid};
use crate::app::{App, AppSetup, CallsProblem, Msg, Notice};
use crate::calls::ami_config::{AmiConfig, SECRET_ENV};
use crate::calls::server::ListenError;
use crate::cli::Cli;
use crate::config::{self, Connection, LoadedConfig, Paths, SID_ENV};
use crate::dates::Date;
use crate::directory::{
    ContactKind, DirEntry, Directory, DirectoryError, DirectoryHandle, DirectorySlot, contact_kind,
};
use crate::executor::Executor;
use crate::i18n::{self, Lang};
use crate::keymap::Keymap;
use crate::logging::LogGuard;
use crate::sandbox::{self, SandboxConfig};
use crate::tui::AfterFirstFrame;

/// Runs the TUI as the command line asks.
pub fn run(cli: &Cli) -> Result<(), Box<dyn Error>> {
    let paths = Paths::discover();
    let LoadedConfig { config, warnings } =
        config::load_chosen(cli.config.as_deref(), paths.as_ref());
    let env_lang = std::env::var("LANG").ok();
    let lang = match &cli.lang {
        Some(code) => Lang::from_code(code),
        None => Lang::from_code(config.language_code(env_lang.as_deref())),
    };

    let (keymap, keymap_warnings) = Keymap::with_overrides(&config.keymap);
    let mut startup_messages: Vec<Notice> = Vec::new();
    if !warnings.is_empty() || !keymap_warnings.is_empty() {
        startup_messages.push(Notice::SetupProblems {
            config: warnings,
            keymap: keymap_warnings,
        });
    }

    let ami = ami_config(&config, &mut startup_messages);

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
    // directory (SQLite, the old recent file, the demo's clients), so that
    // its warnings reach the log. What needs the directory waits for it.
    let demo_flag = cli.demo;
    let recent_file: Option<PathBuf> = if cli.demo {
        paths.as_ref().map(|p| p.data_dir.join("recent-demo.json"))
    } else {
        paths.as_ref().map(Paths::recent_file)
    };
    let log_guard: Arc<Mutex<Option<LogGuard>>> = Arc::default();
    let (directory, directory_filler) = DirectorySlot::opening();
    let open_later = {
        let log_file = paths.as_ref().map(Paths::log_file);
        let (guard_slot, lang_code) = (Arc::clone(&log_guard), lang.code());
        let (paths, city_code) = (paths.clone(), config.city_code.clone());
        async move {
            let opened = tokio::task::spawn_blocking(move || {
                let guard = log_file.and_then(|f| crate::logging::init(&f).ok());
                tracing::info!(demo = demo_flag, lang = lang_code, "crmcard starting");
                *guard_slot.lock().unwrap_or_else(PoisonError::into_inner) = guard;
                let mut notices = Vec::new();
                let directory = open_directory(
                    paths.as_ref(),
                    demo_flag,
                    recent_file.as_deref(),
                    city_code,
                    &mut notices,
                );
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
        let (connection, demo) = if cli.demo {
            // The port is bound now and the sandbox opens its seeded store
            // beside the first frame: the client is made for its address at
            // once, and the first requests wait in the listener's queue.
            let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
            let listener = std::net::TcpListener::bind(addr)
                .map_err(|source| sandbox::SandboxError::Bind { addr, source })?;
            let base_url = sandbox::base_url_of(listener.local_addr()?);
            let sandbox = tokio::spawn(sandbox::start_on(SandboxConfig::default(), listener));
            let connection = Connection {
                base_url,
                object_id: SandboxConfig::default().object_id,
                sid: Sid::new(SandboxConfig::default().sid),
                profile: None,
                timeouts: config.timeouts,
            };
            (connection, Some(sandbox))
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
            (connection, None)
        };
        let drafts_dir = paths.as_ref().map(Paths::drafts_dir);
        let now = jiff::Timestamp::now().as_second().max(0).unsigned_abs();
        let drafts = drafts_dir
            .as_deref()
            .map(|dir| crate::drafts::pending(dir, now))
            .unwrap_or_default();
        let writer = match drafts_dir.map(crate::drafts::DraftWriter::start) {
            Some(Ok(writer)) => Some(writer),
            Some(Err(e)) => {
                // Before the log is open: the operator is told instead.
                startup_messages.push(Notice::LocalSaveFailed {
                    reason: e.to_string(),
                });
                None
            }
            None => None,
        };
        let label = connection_label(&connection, demo.is_some(), lang);
        let client = Client::new(client_options(&connection))?;
        let executor = Executor::with_directory_slot(client, directory).with_drafts(writer);
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
            config.defaults.clone().or(demo_defaults())
        } else {
            config.defaults.clone()
        };
        app.shared.desk.copy_off = config.copy == Some(false);
        app.offer_drafts(&crm_identity(&connection, demo.is_some()), drafts);
        let start = AfterFirstFrame {
            effects: app.start(),
            tasks: vec![Box::pin(open_later)],
        };
        let ran = crate::tui::run(app, executor, start, calls.events).await;
        drop(calls.calls);
        // Whichever way the TUI ended (a terminal that is gone fails to
        // draw), the demo's sandbox stops and the log says so.
        if let Some(sandbox) = demo {
            match sandbox.await {
                Ok(Ok(sandbox)) => sandbox.shutdown().await,
                Ok(Err(e)) => tracing::error!(error = %e, "the demo's sandbox did not start"),
                Err(e) => tracing::error!(error = %e, "the demo's sandbox did not start"),
            }
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

/// What the demo's new clients start with (the demo has no config file).
fn demo_defaults() -> config::FormDefaults {
    config::FormDefaults {
        country: Some("Россия".to_owned()),
        city: Some("Москва".to_owned()),
        contact_type: Some("Телефон мобильный".to_owned()),
        address_type: Some("Домашний".to_owned()),
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

/// Opens the client directory (in memory when there is no data
/// directory), takes in the old recent-clients file once, and for the demo
/// adds the sandbox's clients. A failure becomes a notice at start; the TUI
/// runs without a directory then.
fn open_directory(
    paths: Option<&Paths>,
    demo: bool,
    recent_file: Option<&std::path::Path>,
    city_code: Option<String>,
    notices: &mut Vec<Notice>,
) -> Option<DirectoryHandle> {
    let opened = match paths {
        Some(p) => Directory::open(&p.directory_file(demo)),
        None => Directory::in_memory(),
    };
    let mut directory = match opened {
        Ok(d) => d.with_city_code(city_code),
        Err(e) => {
            tracing::warn!(error = %e, "client directory not opened");
            notices.push(Notice::DirectoryUnavailable {
                reason: e.to_string(),
            });
            return None;
        }
    };
    if let Some(path) = recent_file {
        match directory.migrate_recent(path) {
            Ok(0) => {}
            Ok(n) => tracing::info!(clients = n, "recent clients taken into the directory"),
            Err(e) => notices.push(Notice::RecentUnreadable {
                reason: e.to_string(),
            }),
        }
    }
    if demo && let Err(e) = add_demo_clients(&mut directory) {
        tracing::warn!(error = %e, "demo clients not added to the directory");
    }
    Some(DirectoryHandle::new(directory))
}

/// The demo's clients, so that a newcomer can find a caller at once; those
/// already known keep what they have.
fn add_demo_clients(directory: &mut Directory) -> Result<(), DirectoryError> {
    for client in demo_clients() {
        if directory.get(&client.id)?.is_none() {
            directory.upsert(&client)?;
        }
    }
    Ok(())
}

/// The clients of the sandbox's seed, as directory entries: seen in the
/// seed's order at the first seconds of 1970, so that the list shows them
/// in that order, after every client the operator opens.
pub fn demo_clients() -> Vec<DirEntry> {
    #[derive(serde::Deserialize)]
    struct SeedContact {
        #[serde(rename = "typeId")]
        type_id: String,
        value: String,
    }
    #[derive(serde::Deserialize)]
    struct SeedClient {
        id: String,
        lastname: String,
        firstname: String,
        middlename: String,
        contacts: Vec<SeedContact>,
    }
    let seed: Vec<SeedClient> =
        serde_json::from_str(include_str!("../assets/seed/clients.json")).unwrap_or_default();
    let types = sandbox::seed_contact_types();
    let count = seed.len();
    seed.into_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut entry = DirEntry {
                id: c.id,
                lastname: c.lastname,
                firstname: c.firstname,
                middlename: c.middlename,
                seen_at: i64::try_from(count - i).unwrap_or_default(),
                ..DirEntry::default()
            };
            for contact in c.contacts {
                let kind = types.iter().find(|t| t.id == contact.type_id);
                match contact_kind(&contact.value, kind) {
                    Some(ContactKind::Phone) => entry.phones.push(contact.value),
                    Some(ContactKind::Email) => entry.emails.push(contact.value),
                    None => {}
                }
            }
            entry
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_takes_the_recent_file_once_and_the_demo_clients() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        let recent = paths.data_dir.join("recent-demo.json");
        std::fs::create_dir_all(&paths.data_dir).expect("data dir");
        std::fs::write(
            &recent,
            r#"{"version": 1, "entries": [{"id": "42", "name": "Иванов Иван",
                "phones": ["8 916 123-45-67"], "opened_at": 1700000000}]}"#,
        )
        .expect("write");
        let mut notices = Vec::new();
        let handle = open_directory(Some(&paths), true, Some(&recent), None, &mut notices)
            .expect("a directory");
        assert!(notices.is_empty(), "{notices:?}");
        assert!(paths.directory_file(true).exists());
        let hits = handle
            .blocking(|d| d.search("89161234567", 10))
            .expect("search");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].entry.id, "42");
        // The demo's clients, the seed's first after the one opened.
        let recent_first = handle.blocking(|d| d.search("", 3)).expect("search");
        let ids: Vec<&str> = recent_first.iter().map(|h| h.entry.id.as_str()).collect();
        assert_eq!(ids, ["42", "10000000009188", "10000000009201"]);
    }

    #[test]
    fn a_directory_that_cannot_be_opened_is_a_notice_and_no_directory() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let paths = Paths::under(tmp.path());
        // The data directory is a file: nothing can be created in it.
        std::fs::write(&paths.data_dir, "not a directory").expect("write");
        let mut notices = Vec::new();
        assert!(open_directory(Some(&paths), false, None, None, &mut notices).is_none());
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
