//! The call socket's listener.
//!
//! [`listen`] binds the socket (replacing a stale file that nothing answers
//! on, refusing when another crmcard answers) and serves it on a tokio task.
//! Each connection sends one request line and gets one answer line; a
//! connection is given [`ServerOptions::read_timeout`] to do so and at most
//! [`MAX_LINE`] bytes, so a slow or hostile client costs a task for a moment
//! and never blocks anything. Calls go into the `mpsc` queue with `try_send`:
//! a full queue is answered with an error rather than waited for.
//!
//! The returned [`CallListener`] stops serving and removes the socket file
//! when dropped.

use std::fs;
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::Semaphore;
use tokio::sync::mpsc::{Sender, error::TrySendError};
use tokio::task::{JoinHandle, JoinSet};

use super::CallEvent;
use super::path::{PathError, SocketLocation};
use super::protocol::{Answer, MAX_LINE, Request, parse_request};

/// Limits of the listener.
#[derive(Debug, Clone, Copy)]
pub struct ServerOptions {
    /// How long a client has to send its request line (and take the answer).
    pub read_timeout: Duration,
    /// Connections served at once; more are closed at once.
    pub max_connections: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            read_timeout: Duration::from_secs(2),
            max_connections: 16,
        }
    }
}

/// Why crmcard cannot listen for calls (it then runs without).
#[derive(Debug, thiserror::Error)]
pub enum ListenError {
    #[error("another crmcard is already listening for calls at {0}")]
    AlreadyRunning(PathBuf),
    #[error("{0}: exists and is not a socket; not replaced")]
    NotASocket(PathBuf),
    #[error(transparent)]
    Dir(#[from] PathError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// A listening socket. Dropping it stops the listener, closes open
/// connections and removes the socket file (if it is still ours).
#[derive(Debug)]
pub struct CallListener {
    path: PathBuf,
    /// Device and inode of the socket file bound, so that a file another
    /// process put there since is left alone.
    file_id: (u64, u64),
    task: JoinHandle<()>,
}

impl CallListener {
    /// The socket's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for CallListener {
    fn drop(&mut self) {
        self.task.abort();
        if let Ok(meta) = fs::symlink_metadata(&self.path)
            && (meta.dev(), meta.ino()) == self.file_id
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// [`listen_with`] the default limits.
pub fn listen(
    location: &SocketLocation,
    calls: Sender<CallEvent>,
) -> Result<CallListener, ListenError> {
    listen_with(location, calls, ServerOptions::default())
}

/// Prepares the directory, binds the socket (mode 0600) and serves it on a
/// task of the current tokio runtime (call it inside one).
pub fn listen_with(
    location: &SocketLocation,
    calls: Sender<CallEvent>,
    options: ServerOptions,
) -> Result<CallListener, ListenError> {
    location.prepare()?;
    let path = location.socket.clone();
    let io_error = |source| ListenError::Io {
        path: path.clone(),
        source,
    };
    remove_if_stale(&path)?;
    let listener = UnixListener::bind(&path).map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => ListenError::AlreadyRunning(path.clone()),
        _ => io_error(e),
    })?;
    let meta = fs::symlink_metadata(&path).map_err(io_error)?;
    let file_id = (meta.dev(), meta.ino());
    if let Err(e) = fs::set_permissions(&path, fs::Permissions::from_mode(0o600)) {
        let _ = fs::remove_file(&path);
        return Err(io_error(e));
    }
    let task = tokio::spawn(accept_loop(listener, calls, options));
    tracing::info!(path = %path.display(), "listening for calls");
    Ok(CallListener {
        path,
        file_id,
        task,
    })
}

/// A socket file nobody answers on is left by a crmcard that was killed:
/// removed. One that answers belongs to a running crmcard.
fn remove_if_stale(path: &Path) -> Result<(), ListenError> {
    let io_error = |source| ListenError::Io {
        path: path.to_path_buf(),
        source,
    };
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(e)),
        Ok(meta) if !meta.file_type().is_socket() => {
            return Err(ListenError::NotASocket(path.to_path_buf()));
        }
        Ok(_) => {}
    }
    match std::os::unix::net::UnixStream::connect(path) {
        Ok(_) => Err(ListenError::AlreadyRunning(path.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
            tracing::info!(path = %path.display(), "removing a stale call socket");
            fs::remove_file(path).map_err(io_error)
        }
        Err(e) => Err(io_error(e)),
    }
}

async fn accept_loop(listener: UnixListener, calls: Sender<CallEvent>, options: ServerOptions) {
    let slots = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let mut connections = JoinSet::new();
    loop {
        let accepted = listener.accept().await;
        while connections.try_join_next().is_some() {}
        match accepted {
            Ok((stream, _)) => {
                let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
                    tracing::warn!("too many call connections at once; one closed");
                    continue;
                };
                let calls = calls.clone();
                connections.spawn(async move {
                    serve(stream, &calls, options.read_timeout).await;
                    drop(slot);
                });
            }
            Err(e) => {
                // E.g. out of file descriptors: wait instead of spinning.
                tracing::warn!(error = %e, "accepting a call connection failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// One connection: a request line in, an answer line out, closed.
async fn serve(mut stream: UnixStream, calls: &Sender<CallEvent>, limit: Duration) {
    let answer = match tokio::time::timeout(limit, read_line(&mut stream)).await {
        Err(_) => Answer::error("no request line in time"),
        Ok(Err(LineError::TooLong)) => {
            Answer::error(format!("line too long (over {MAX_LINE} bytes)"))
        }
        Ok(Err(LineError::Closed)) => return,
        Ok(Ok(line)) => handle(&line, calls),
    };
    let reply = async {
        stream.write_all(answer.to_line().as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(limit, reply).await;
}

enum LineError {
    TooLong,
    Closed,
}

/// Reads up to the first newline (or the end of the stream), at most
/// [`MAX_LINE`] bytes before it.
async fn read_line(stream: &mut UnixStream) -> Result<Vec<u8>, LineError> {
    let mut line = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        let n = stream
            .read(&mut chunk)
            .await
            .map_err(|_| LineError::Closed)?;
        if n == 0 {
            return if line.is_empty() {
                Err(LineError::Closed)
            } else {
                Ok(line)
            };
        }
        if let Some(end) = chunk[..n].iter().position(|&b| b == b'\n') {
            line.extend_from_slice(&chunk[..end]);
            return if line.len() > MAX_LINE {
                Err(LineError::TooLong)
            } else {
                Ok(line)
            };
        }
        line.extend_from_slice(&chunk[..n]);
        if line.len() > MAX_LINE {
            return Err(LineError::TooLong);
        }
    }
}

fn handle(line: &[u8], calls: &Sender<CallEvent>) -> Answer {
    let event = match parse_request(line) {
        Err(reason) => return Answer::error(reason),
        Ok(Request::Call {
            number,
            source,
            call_id,
        }) => CallEvent::Ringing {
            number,
            source,
            call_id,
        },
        Ok(Request::Answered { call_id }) => CallEvent::Answered { call_id },
        Ok(Request::Ended { call_id }) => CallEvent::Ended { call_id },
    };
    match calls.try_send(event) {
        Ok(()) => Answer::ok(),
        Err(TrySendError::Full(_)) => Answer::error("crmcard is busy: too many calls waiting"),
        Err(TrySendError::Closed(_)) => Answer::error("crmcard is not taking calls"),
    }
}
