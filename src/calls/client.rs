//! `crmcard call NUMBER`: hands a number to the running crmcard and exits.
//!
//! A blocking std `UnixStream` on a helper thread: connect, write the line,
//! read the answer, all within [`DEADLINE`]; the main thread stops waiting
//! when the deadline passes, whatever the socket does (a softphone waits for
//! the command it runs). No tokio runtime is started.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::path::{PathError, SocketLocation};
use super::protocol::{Answer, MAX_LINE, call_line, check_number};
use crate::cli::CallArgs;

/// The whole exchange, connect to answer; process start and exit fit in the
/// rest of the second.
pub const DEADLINE: Duration = Duration::from_millis(800);

/// Why a call was not delivered (one line each).
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error("{0}")]
    BadNumber(String),
    #[error("no crmcard is running (nothing listens at {})", .0.display())]
    NotRunning(PathBuf),
    #[error("permission denied: {}", .0.display())]
    PermissionDenied(PathBuf),
    #[error("the running crmcard refused the call: {0}")]
    Refused(String),
    #[error("the running crmcard did not answer in time")]
    Timeout,
    #[error("crmcard sent an answer this command does not understand")]
    BadAnswer,
    #[error(transparent)]
    Dir(#[from] PathError),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// `crmcard call`: the number checked, the socket found, the call handed
/// over within [`DEADLINE`].
pub fn run(socket: Option<&Path>, args: &CallArgs) -> Result<(), CallError> {
    let number = args.number.trim();
    check_number(number).map_err(CallError::BadNumber)?;
    let location = SocketLocation::find(socket)?;
    location.check()?;
    send_call(&location.socket, number, &args.source, DEADLINE)
}

/// Sends one `call` request to the socket at `path` and waits at most
/// `deadline` for the answer. `Ok` when crmcard took the call.
pub fn send_call(
    path: &Path,
    number: &str,
    source: &str,
    deadline: Duration,
) -> Result<(), CallError> {
    check_number(number).map_err(CallError::BadNumber)?;
    let line = call_line(number, &crate::text::sanitize(source));
    let (tx, rx) = mpsc::channel();
    let path_owned = path.to_path_buf();
    let started = Instant::now();
    // The thread may stay blocked in `connect` past the deadline (a listener
    // whose backlog is full); nobody waits for it, and the process exits.
    std::thread::spawn(move || {
        let _ = tx.send(exchange(&path_owned, &line, started + deadline));
    });
    rx.recv_timeout(deadline).unwrap_or(Err(CallError::Timeout))
}

fn exchange(path: &Path, line: &str, until: Instant) -> Result<(), CallError> {
    let mut stream = UnixStream::connect(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused => {
            CallError::NotRunning(path.to_path_buf())
        }
        io::ErrorKind::PermissionDenied => CallError::PermissionDenied(path.to_path_buf()),
        _ => CallError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    let left = || {
        until
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1))
    };
    let io_error = |e: io::Error| match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => CallError::Timeout,
        _ => CallError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    };
    stream.set_write_timeout(Some(left())).map_err(io_error)?;
    stream.write_all(line.as_bytes()).map_err(io_error)?;
    stream.set_read_timeout(Some(left())).map_err(io_error)?;
    let mut answer = Vec::new();
    BufReader::new(stream.take(MAX_LINE as u64))
        .read_until(b'\n', &mut answer)
        .map_err(io_error)?;
    if answer.is_empty() {
        return Err(CallError::BadAnswer);
    }
    match Answer::parse(&answer) {
        Ok(Answer { ok: true, .. }) => Ok(()),
        Ok(Answer { error, .. }) => Err(CallError::Refused(crate::text::sanitize(
            error.as_deref().unwrap_or("no reason given"),
        ))),
        Err(_) => Err(CallError::BadAnswer),
    }
}
