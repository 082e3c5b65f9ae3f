//! Starting crmcard: config, language, logging, the CRM (or the demo
//! sandbox), then the TUI.

use std::error::Error;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::api::{Client, ClientOptions, Sid};
use crate::app::{App, AppSetup, CallsProblem, Notice};
use crate::calls::ami_config::{AmiConfig, SECRET_ENV};
use crate::calls::server::ListenError;
use crate::cli::Cli;
use crate::config::{self, Connection, LoadedConfig, Paths, SID_ENV};
use crate::dates::Date;
use crate::directory::handle::DirectoryHandle;
use crate::directory::{DirEntry, Directory, DirectoryError};
use crate::executor::Executor;
use crate::i18n::{self, Lang};
use crate::keymap::Keymap;
use crate::recent::{RecentClient, RecentList};
use crate::sandbox::{self, SandboxConfig};

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
    // The log opens beside the first frame, on a blocking thread, not before
    // it; its guard is kept to the end of the run.
    let log_file = paths.as_ref().map(Paths::log_file);
    let (demo_flag, lang_code) = (cli.demo, lang.code());
    let log = runtime.spawn_blocking(move || {
        let guard = log_file.and_then(|f| crate::logging::init(&f).ok());
        tracing::info!(demo = demo_flag, lang = lang_code, "crmcard starting");
        guard
    });
    // The client directory opens on a blocking thread while the demo's
    // sandbox starts; the executor waits for it.
    let (directory_paths, city_code) = (paths.clone(), config.city_code.clone());
    let directory = runtime
        .spawn_blocking(move || open_directory(directory_paths.as_ref(), demo_flag, city_code));
    runtime.block_on(async {
        let (connection, demo, recent_file): (Connection, _, Option<PathBuf>) = if cli.demo {
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
            let file = paths.as_ref().map(|p| p.data_dir.join("recent-demo.json"));
            (connection, Some(sandbox), file)
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
            (connection, None, paths.as_ref().map(Paths::recent_file))
        };
        let (mut recent, recent_error) = match &recent_file {
            Some(path) => RecentList::load(path),
            None => (RecentList::new(), None),
        };
        if let Some(e) = recent_error {
            startup_messages.push(Notice::RecentUnreadable {
                reason: e.to_string(),
            });
        }
        if demo.is_some() {
            add_demo_clients(&mut recent);
        }
        let drafts_dir = paths.as_ref().map(Paths::drafts_dir);
        let now = jiff::Timestamp::now().as_second().max(0).unsigned_abs();
        let drafts = drafts_dir
            .as_deref()
            .map(|dir| crate::drafts::pending(dir, now))
            .unwrap_or_default();
        let writer = match drafts_dir.map(crate::drafts::DraftWriter::start) {
            Some(Ok(writer)) => Some(writer),
            Some(Err(e)) => {
                tracing::error!(error = %e, "drafts cannot be kept");
                None
            }
            None => None,
        };
        let label = connection_label(&connection, demo.is_some(), lang);
        let client = Client::new(client_options(&connection))?;
        let executor = Executor::new(client, recent_file, directory.await??).with_drafts(writer);
        // Kept until the TUI returns: dropping it closes the call socket and
        // removes its file, on every way out.
        let calls = crate::calls::start(cli.socket.as_deref(), ami);
        if let Some(e) = &calls.listen_error {
            startup_messages.push(Notice::CallsOff(listen_problem(e)));
        }
        let mut app = App::new(AppSetup {
            lang,
            keymap,
            recent,
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
        let start = app.start();
        let ran = crate::tui::run(app, executor, start, calls.events).await;
        drop(calls.calls);
        ran?;
        if let Some(sandbox) = demo {
            match sandbox.await {
                Ok(Ok(sandbox)) => sandbox.shutdown().await,
                Ok(Err(e)) => tracing::error!(error = %e, "the demo's sandbox did not start"),
                Err(e) => tracing::error!(error = %e, "the demo's sandbox did not start"),
            }
        }
        tracing::info!("crmcard stopped");
        Ok::<(), Box<dyn Error>>(())
    })?;
    // Flushes the log (dropping its guard) before the runtime goes.
    drop(runtime.block_on(log));
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

/// The client directory (`--demo`: its own, holding the demo's clients);
/// one in memory when the file cannot be opened.
fn open_directory(
    paths: Option<&Paths>,
    demo: bool,
    city_code: Option<String>,
) -> Result<DirectoryHandle, DirectoryError> {
    let opened = match paths {
        Some(p) => Directory::open(&p.directory_file(demo)),
        None => Directory::in_memory(),
    };
    let directory = opened.or_else(|e| {
        tracing::warn!(error = %e, "the client directory cannot be opened; one in memory is used");
        Directory::in_memory()
    })?;
    let mut directory = directory.with_city_code(city_code);
    if demo {
        for entry in demo_entries() {
            // Written once: later starts find them there.
            if matches!(directory.get(&entry.id), Ok(Some(_))) {
                continue;
            }
            if let Err(e) = directory.upsert(&entry) {
                tracing::warn!(error = %e, "a demo client could not join the directory");
            }
        }
    }
    Ok(DirectoryHandle::new(directory))
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

/// The demo's clients, so that a newcomer can open a card at once: after
/// those the operator opened, in the seed's order.
fn add_demo_clients(recent: &mut RecentList) {
    let mut entries = recent.entries().to_vec();
    for client in demo_clients() {
        if !entries.iter().any(|e| e.id == client.id) {
            entries.push(client);
        }
    }
    *recent = RecentList::from_entries(entries);
}

/// A client of the sandbox's seed.
#[derive(serde::Deserialize)]
struct SeedClient {
    id: String,
    lastname: String,
    firstname: String,
    middlename: String,
    contacts: Vec<SeedContact>,
}

#[derive(serde::Deserialize)]
struct SeedContact {
    value: String,
}

fn seed_clients() -> Vec<SeedClient> {
    serde_json::from_str(include_str!("../assets/seed/clients.json")).unwrap_or_default()
}

/// The clients of the sandbox's seed, as recent-list entries.
pub fn demo_clients() -> Vec<RecentClient> {
    seed_clients()
        .into_iter()
        .map(|c| RecentClient {
            id: c.id,
            name: [c.lastname, c.firstname, c.middlename]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            phones: c.contacts.into_iter().map(|c| c.value).collect(),
            opened_at: 0,
        })
        .collect()
}

/// The clients of the sandbox's seed, for the demo's directory (so that
/// the demo rings with names).
fn demo_entries() -> Vec<DirEntry> {
    seed_clients()
        .into_iter()
        .map(|c| DirEntry {
            id: c.id,
            lastname: c.lastname,
            firstname: c.firstname,
            middlename: c.middlename,
            phones: c
                .contacts
                .into_iter()
                .map(|c| c.value)
                .filter(|v| crate::phone::parse(v, None).is_ok())
                .collect(),
            ..DirEntry::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
