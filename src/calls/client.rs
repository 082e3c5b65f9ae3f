//! `crmcard call NUMBER`: hands a number to the running crmcard and exits;
//! `crmcard call --answered ID` and `--ended ID` say what became of a call
//! handed over with `--call-id ID`.
//!
//! Any NUMBER is a call: a hidden one (`anonymous`, empty, left out) and
//! text crmcard does not understand too; the running crmcard says which.
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

use super::number;
use super::path::{PathError, SocketLocation};
use super::protocol::{Answer, MAX_LINE, Request, check_call_id};
use crate::cli::CallArgs;

/// The whole exchange, connect to answer; process start and exit fit in the
/// rest of the second.
pub const DEADLINE: Duration = Duration::from_millis(800);

/// Why a call was not delivered (one line each).
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error("--call-id, --answered or --ended: {0}")]
    BadCallId(String),
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

/// `crmcard call`: the request made from the arguments, the socket found,
/// the request handed over within [`DEADLINE`].
pub fn run(socket: Option<&Path>, args: &CallArgs) -> Result<(), CallError> {
    let request = request(args)?;
    let location = SocketLocation::find(socket)?;
    location.check()?;
    send(&location.socket, &request, DEADLINE)
}

/// What the arguments ask: `--answered ID`, `--ended ID`, else a call with
/// NUMBER (none: a hidden number).
pub fn request(args: &CallArgs) -> Result<Request, CallError> {
    let id = |id: &str| check_call_id(id).map_err(CallError::BadCallId);
    if let Some(call_id) = &args.answered {
        return Ok(Request::Answered {
            call_id: id(call_id)?,
        });
    }
    if let Some(call_id) = &args.ended {
        return Ok(Request::Ended {
            call_id: id(call_id)?,
        });
    }
    Ok(Request::Call {
        number: number::received(args.number.as_deref().unwrap_or_default()),
        source: crate::text::sanitize(&args.source),
        call_id: args.call_id.as_deref().map(id).transpose()?,
    })
}

/// Sends one request to the socket at `path` and waits at most `deadline`
/// for the answer. `Ok` when crmcard took it.
pub fn send(path: &Path, request: &Request, deadline: Duration) -> Result<(), CallError> {
    let line = request.to_line();
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
