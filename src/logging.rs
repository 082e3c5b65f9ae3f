//! Logging to a file, never to the terminal the UI owns.
//!
//! The level comes from the environment variable `CRMCARD_LOG` (targets
//! and levels such as `crmcard=debug` or `crmcard=debug,reqwest=info`; a
//! bare level for every target), default `crmcard=info`. Lines are
//! appended to the log file, which is created readable by the owner only,
//! through a background writer: keep the [`LogGuard`] alive for the whole
//! run, or the last lines are lost.

use std::fs;
use std::path::{Path, PathBuf};

use tracing_subscriber::Layer as _;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The environment variable holding the log filter.
pub const LOG_ENV: &str = "CRMCARD_LOG";
/// The filter used when [`LOG_ENV`] is unset or invalid.
pub const DEFAULT_FILTER: &str = "crmcard=info";

/// Keeps the background log writer running; dropping it flushes the log.
#[must_use = "logs are lost when the guard is dropped"]
pub struct LogGuard {
    _worker: tracing_appender::non_blocking::WorkerGuard,
}

impl std::fmt::Debug for LogGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LogGuard")
    }
}

/// Why logging could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogError {
    /// The log's directory could not be created.
    #[error("cannot create the log directory {}: {reason}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// The log file could not be opened.
    #[error("cannot open the log file {}: {reason}", path.display())]
    OpenFile {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// A global subscriber is already installed (in tests, another test's).
    #[error("logging is already set up")]
    AlreadySet,
}

/// How many log lines may wait for the writer thread.
const LOG_QUEUE_LINES: usize = 1024;

/// Sends `tracing` events to `log_file` (appended, no colours), creating its
/// directory. Returns [`LogError::AlreadySet`] rather than panicking when a
/// global subscriber exists.
pub fn init(log_file: &Path) -> Result<LogGuard, LogError> {
    let file = open_log(log_file)?;
    let (filter, bad_filter) = match std::env::var(LOG_ENV) {
        Ok(value) if !value.trim().is_empty() => match value.trim().parse::<Targets>() {
            Ok(filter) => (filter, None),
            Err(_) => (default_filter(), Some(value)),
        },
        _ => (default_filter(), None),
    };
    // The writer's queue is allocated and touched whole at the start: the
    // default of 128,000 lines is 4 MB of resident memory. A terminal app
    // logs a few lines a minute; past the limit lines are dropped, never
    // waited for (lossy, the default).
    let (writer, worker) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .finish(file);
    // `Targets`, not `EnvFilter`: the same `target=level` lines without
    // the regular expressions (their engine is code and memory at start).
    let lines = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_filter(filter);
    tracing_subscriber::registry()
        .with(lines)
        .try_init()
        .map_err(|_| LogError::AlreadySet)?;
    if let Some(value) = bad_filter {
        tracing::warn!(filter = %value, "{LOG_ENV} is not a valid filter; using {DEFAULT_FILTER}");
    }
    Ok(LogGuard { _worker: worker })
}

/// [`DEFAULT_FILTER`], parsed.
fn default_filter() -> Targets {
    Targets::new().with_target("crmcard", tracing::Level::INFO)
}

/// Opens the log for appending, creating it (and its directory) readable by
/// the owner only.
fn open_log(path: &Path) -> Result<fs::File, LogError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::create_private_dir(dir).map_err(|e| LogError::CreateDir {
            path: dir.to_owned(),
            reason: e.to_string(),
        })?;
    }
    crate::files::open_private_append(path).map_err(|e| LogError::OpenFile {
        path: path.to_owned(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_creates_a_private_log_and_refuses_a_second_subscriber() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state/sub/crmcard.log");
        let first = init(&path);
        assert!(path.is_file());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Whoever installed the global subscriber, a second one is refused.
        assert_eq!(init(&path).err(), Some(LogError::AlreadySet));
        if let Ok(guard) = first {
            tracing::info!(target: "crmcard::logging", "hello from the test");
            drop(guard);
            let text = fs::read_to_string(&path).expect("read");
            assert!(text.contains("hello from the test"), "{text:?}");
            assert!(!text.contains('\x1b'), "{text:?}");
        }
    }

    #[test]
    fn the_default_filter_is_the_documented_one() {
        let parsed: Targets = DEFAULT_FILTER.parse().expect("the default parses");
        assert_eq!(format!("{parsed}"), format!("{}", default_filter()));
        for good in ["debug", "crmcard=debug", "crmcard=debug,reqwest=info"] {
            assert!(good.parse::<Targets>().is_ok(), "{good}");
        }
        assert!("crmcard=loud".parse::<Targets>().is_err());
    }

    #[test]
    fn unusable_places_are_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").expect("write");
        assert!(matches!(
            init(&blocker.join("log")),
            Err(LogError::CreateDir { .. })
        ));
        assert!(matches!(init(dir.path()), Err(LogError::OpenFile { .. })));
    }
}
