//! Starting crmcard: config, language, logging, the CRM (or the demo
//! sandbox), then the TUI.
//!
//! `run` puts the parts together; each part's setting up is a file of its
//! own: `connection` (the client's options, the header's label), `drafts`
//! (this window's drafts), `directory` (the log and the client directory,
//! after the first frame), `shared` (the shared directory's desk), `calls`
//! (AMI, the call socket's notices), `sandbox` (the demo's CRM).

mod calls;
mod connection;
mod directory;
mod drafts;
mod sandbox;
mod shared;

use std::error::Error;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::api::Client;
use crate::app::vocab::Notice;
use crate::app::{App, AppSetup};
use crate::calls::dial::Dialer;
use crate::cli::Cli;
use crate::config::{self, LoadedConfig, Paths, SID_ENV};
use crate::crm::CrmKey;
use crate::dates::Date;
use crate::directory::DirectorySlot;
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

    let ami = calls::ami_config(&config, &mut startup_messages);

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
    let log_guard: Arc<Mutex<Option<LogGuard>>> = Arc::default();
    let (directory, directory_filler) = DirectorySlot::opening();
    let open_later = directory::open_after_first_frame(
        directory::OpenLater {
            paths: paths.clone(),
            crm: crm.clone(),
            demo: cli.demo,
            city_code: config.city_code.clone(),
            lang_code: lang.code(),
            log_guard: Arc::clone(&log_guard),
        },
        directory_filler,
    );
    runtime.block_on(async {
        let (connection, demo) = match resolved {
            Some(connection) => (connection, None),
            None => {
                let (connection, sandbox) =
                    sandbox::start_demo_sandbox(paths.as_ref(), &config, lang)?;
                (connection, Some(sandbox))
            }
        };
        let identity = drafts::crm_identity(&connection, demo.is_some());
        let (writer, drafts) = drafts::open_drafts(
            paths.as_ref(),
            &drafts::drafts_slug(&connection, demo.is_some()),
            &identity,
            &mut startup_messages,
        );
        let label = connection::connection_label(&connection, demo.is_some(), lang);
        let client = Client::new(connection::client_options(&connection))?;
        // The shared directory (`[directory] url`), kept until the TUI
        // returns; the demo never uses one.
        let shared_desk = match demo {
            Some(_) => None,
            None => shared::shared_directory(
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
            startup_messages.push(Notice::CallsOff(calls::listen_problem(e)));
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
                        shared::shared_link_messages(s.status()),
                        shared::presence_messages(s.presence()),
                    ]
                })
                .into_iter()
                .flatten()
                .collect(),
        };
        let ran = crate::tui::run(app, executor, start, calls.events).await;
        drop(calls.calls);
        if let Some(sandbox) = demo {
            sandbox::stop_demo_sandbox(sandbox).await;
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

/// The clients of the sandbox's built-in seed, as directory entries (for
/// the UI tests and the benches: see [`crate::demo::built_in_clients`]).
#[cfg(feature = "sandbox")]
pub use crate::demo::built_in_clients as demo_clients;

/// What opening the directory found, as the start-up notice (and a line of
/// the log); the `directory` command says it too.
pub(crate) use directory::open_notice;

#[cfg(all(test, not(feature = "sandbox")))]
mod tests {
    use super::*;

    /// A desk's build (`--no-default-features`, run by `.ci/run`): `--demo`
    /// is one line saying how to get it, before anything else is set up.
    #[test]
    fn the_demo_without_the_sandbox_says_how_to_build_it() {
        use clap::Parser;
        let cli = Cli::parse_from(["crmcard", "--demo", "--lang", "en"]);
        let said = run(&cli).expect_err("no sandbox in this build").to_string();
        assert_eq!(said, i18n::sandbox_not_built(Lang::En));
        assert!(said.contains("default features"), "{said}");
        assert!(!said.contains('\n'), "{said}");
    }
}
