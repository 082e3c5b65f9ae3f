//! Calls from outside: the call socket's life cycle and protocol, and the
//! real `crmcard call` binary against a listener (the AMI client is in
//! `ami.rs`).

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crmcard::calls::CallEvent;
use crmcard::calls::path::SocketLocation;
use crmcard::calls::server::{self, CallListener, ListenError, ServerOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::UnixStream;
use tokio::sync::mpsc::{self, Receiver};

use crate::home::BIN;
/// Long enough for a loaded machine; only guards against a hang.
const PATIENCE: Duration = Duration::from_secs(10);

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A listener in a private dir under `tmp`, as with XDG_RUNTIME_DIR=tmp.
fn start(tmp: &Path, options: ServerOptions) -> (CallListener, Receiver<CallEvent>) {
    let location = SocketLocation::find_in(None, Some(tmp), tmp).unwrap();
    let (tx, rx) = mpsc::channel(8);
    (server::listen_with(&location, tx, options).unwrap(), rx)
}

/// Sends raw bytes, returns everything answered until the server closes.
async fn ask(path: &Path, bytes: &[u8]) -> String {
    let mut stream = UnixStream::connect(path).await.unwrap();
    // The server may stop reading (and answer) before all is written.
    let _ = stream.write_all(bytes).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

pub async fn next(rx: &mut Receiver<CallEvent>) -> CallEvent {
    tokio::time::timeout(PATIENCE, rx.recv())
        .await
        .expect("an event in time")
        .expect("the sender lives")
}

fn ringing(number: &str, source: &str) -> CallEvent {
    CallEvent::Ringing {
        number: number.into(),
        source: source.into(),
        call_id: None,
    }
}

const CALL: &[u8] =
    b"{\"v\":1,\"cmd\":\"call\",\"number\":\"89161234567\",\"source\":\"microsip\"}\n";

// ---- the socket's life cycle ------------------------------------------------

#[tokio::test]
async fn the_socket_is_0600_in_a_0700_dir_and_goes_when_the_listener_is_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let (listener, mut rx) = start(tmp.path(), ServerOptions::default());
    let path = listener.path().to_path_buf();
    assert_eq!(path, tmp.path().join("crmcard/crmcard.sock"));
    assert!(std::fs::metadata(&path).unwrap().file_type().is_socket());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(ask(&path, CALL).await, "{\"ok\":true}\n");
    assert_eq!(next(&mut rx).await, ringing("89161234567", "microsip"));
    drop(listener);
    assert!(!path.exists(), "the socket file is removed");
    assert!(UnixStream::connect(&path).await.is_err());
}

#[tokio::test]
async fn a_stale_socket_file_is_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let location = SocketLocation::find_in(None, Some(tmp.path()), tmp.path()).unwrap();
    location.prepare().unwrap();
    // A crmcard killed without cleaning up: the file stays, nobody answers.
    drop(std::os::unix::net::UnixListener::bind(&location.socket).unwrap());
    assert!(location.socket.exists());
    let (listener, mut rx) = start(tmp.path(), ServerOptions::default());
    assert_eq!(ask(listener.path(), CALL).await, "{\"ok\":true}\n");
    assert_eq!(next(&mut rx).await, ringing("89161234567", "microsip"));
}

#[tokio::test]
async fn a_second_listener_is_refused_and_the_first_keeps_its_socket() {
    let tmp = tempfile::tempdir().unwrap();
    let (first, mut rx) = start(tmp.path(), ServerOptions::default());
    let location = SocketLocation::find_in(None, Some(tmp.path()), tmp.path()).unwrap();
    let (tx, _rx2) = mpsc::channel(8);
    let second = server::listen(&location, tx);
    let Err(err) = second else {
        panic!("a second listener started")
    };
    assert!(matches!(err, ListenError::AlreadyRunning(_)), "{err}");
    assert!(err.to_string().contains("another crmcard"), "{err}");
    assert_eq!(ask(first.path(), CALL).await, "{\"ok\":true}\n");
    assert_eq!(next(&mut rx).await, ringing("89161234567", "microsip"));
}

#[tokio::test]
async fn a_regular_file_in_the_sockets_place_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("not-a-socket");
    std::fs::write(&path, "keep me").unwrap();
    let location = SocketLocation::find_in(Some(&path), None, tmp.path()).unwrap();
    let (tx, _rx) = mpsc::channel(8);
    let err = server::listen(&location, tx).expect_err("refused");
    assert!(matches!(err, ListenError::NotASocket(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
}

// ---- what clients send -------------------------------------------------------

#[tokio::test]
async fn bad_requests_get_an_error_answer_and_nothing_reaches_the_queue() {
    let tmp = tempfile::tempdir().unwrap();
    let (listener, mut rx) = start(tmp.path(), ServerOptions::default());
    let path = listener.path();
    let cases: [(&[u8], &str); 4] = [
        (b"{\"v\":1,\"cmd\":\"call\",\"number\":\n", "bad JSON"),
        (
            b"{\"v\":1,\"cmd\":\"hangup\"}\n",
            "unknown command \\\"hangup\\\"",
        ),
        (
            b"{\"v\":9,\"cmd\":\"call\",\"number\":\"123\"}\n",
            "unsupported version 9",
        ),
        (b"{\"v\":1,\"cmd\":\"ended\"}\n", "missing \\\"call_id\\\""),
    ];
    for (request, reason) in cases {
        let answer = ask(path, request).await;
        assert!(answer.starts_with("{\"ok\":false,\"error\":"), "{answer}");
        assert!(answer.contains(reason), "{answer}");
    }
    let mut huge = vec![b'x'; 5 * 1024];
    huge.push(b'\n');
    let answer = ask(path, &huge).await;
    assert!(answer.contains("line too long"), "{answer}");
    // Still serving, and only the good call arrives.
    assert_eq!(ask(path, CALL).await, "{\"ok\":true}\n");
    assert_eq!(next(&mut rx).await, ringing("89161234567", "microsip"));
    assert!(rx.try_recv().is_err());
}

#[tokio::test]
async fn a_slow_client_does_not_hold_up_the_next_and_is_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let options = ServerOptions {
        read_timeout: Duration::from_millis(1500),
        ..ServerOptions::default()
    };
    let (listener, mut rx) = start(tmp.path(), options);
    let mut slow = UnixStream::connect(listener.path()).await.unwrap();
    slow.write_all(b"{\"v\":1,\"cmd\":\"call\",").await.unwrap();
    assert_eq!(ask(listener.path(), CALL).await, "{\"ok\":true}\n");
    assert_eq!(next(&mut rx).await, ringing("89161234567", "microsip"));
    // Served while the slow one still waits (not after it was dropped).
    let mut probe = [0u8; 64];
    let waiting = slow.try_read(&mut probe);
    assert!(
        matches!(&waiting, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the slow client was already answered: {waiting:?}"
    );
    let mut answer = String::new();
    tokio::time::timeout(PATIENCE, slow.read_to_string(&mut answer))
        .await
        .expect("the slow client is closed")
        .unwrap();
    assert!(answer.contains("no request line in time"), "{answer}");
}

#[tokio::test]
async fn a_full_queue_is_answered_with_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let location = SocketLocation::find_in(None, Some(tmp.path()), tmp.path()).unwrap();
    let (tx, mut rx) = mpsc::channel(1);
    let listener = server::listen(&location, tx).unwrap();
    assert_eq!(ask(listener.path(), CALL).await, "{\"ok\":true}\n");
    let answer = ask(listener.path(), CALL).await;
    assert!(answer.contains("busy"), "{answer}");
    assert_eq!(next(&mut rx).await, ringing("89161234567", "microsip"));
    drop(rx);
    let answer = ask(listener.path(), CALL).await;
    assert!(answer.contains("not taking calls"), "{answer}");
}

// ---- the real `crmcard call` ---------------------------------------------------

/// Runs the binary off the runtime's threads; kills it if it hangs.
async fn crmcard_call(args: &[&str], env_socket: Option<&Path>) -> Output {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let env_socket = env_socket.map(Path::to_path_buf);
    tokio::task::spawn_blocking(move || {
        let mut command = Command::new(BIN);
        command
            .args(&args)
            .env_remove("CRMCARD_SOCKET")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(path) = env_socket {
            command.env("CRMCARD_SOCKET", path);
        }
        let mut child = command.spawn().unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > PATIENCE {
                let _ = child.kill();
                panic!("crmcard call hung");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A listener in a private dir (as [`start`]) that the real `crmcard call`
/// rings through `--socket`.
struct Ringable {
    _tmp: tempfile::TempDir,
    listener: CallListener,
    rx: Receiver<CallEvent>,
}

impl Ringable {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let (listener, rx) = start(tmp.path(), ServerOptions::default());
        Self {
            _tmp: tmp,
            listener,
            rx,
        }
    }

    fn socket(&self) -> String {
        self.listener.path().to_str().unwrap().to_owned()
    }

    /// `crmcard ARGS… --socket PATH`.
    async fn run(&self, args: &[&str]) -> Output {
        let socket = self.socket();
        let mut all = args.to_vec();
        all.extend(["--socket", &socket]);
        crmcard_call(&all, None).await
    }

    /// [`Self::run`], which must exit 0 without a word; the event it made.
    async fn delivered(&mut self, args: &[&str]) -> CallEvent {
        let out = self.run(args).await;
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
        next(&mut self.rx).await
    }
}

#[tokio::test]
async fn crmcard_call_hands_the_number_over_and_exits_0() {
    let mut desk = Ringable::new();
    let args = ["call", "+7 (916) 123-45-67", "--source", "microsip"];
    assert_eq!(
        desk.delivered(&args).await,
        ringing("+7 (916) 123-45-67", "microsip")
    );
    // The socket from the environment, the default source.
    let out = crmcard_call(&["call", "89998887766"], Some(desk.listener.path())).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(next(&mut desk.rx).await, ringing("89998887766", "cli"));
    // `--socket` before the subcommand, as the TUI takes it.
    let out = crmcard_call(&["--socket", &desk.socket(), "call", "333"], None).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(next(&mut desk.rx).await, ringing("333", "cli"));
}

#[tokio::test]
async fn crmcard_call_without_a_running_crmcard_fails_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let socket = tmp.path().join("crmcard.sock");
    let out = crmcard_call(&["call", "123", "--socket", socket.to_str().unwrap()], None).await;
    assert_eq!(out.status.code(), Some(1), "not delivered");
    let reason = stderr(&out);
    assert!(reason.contains("no crmcard is running"), "{reason}");
    assert_eq!(reason.trim_end().lines().count(), 1, "{reason}");
}

#[tokio::test]
async fn crmcard_call_sent_to_a_crmcard_that_does_not_answer_exits_3() {
    let tmp = tempfile::tempdir().unwrap();
    let socket = tmp.path().join("stuck.sock");
    // Bound, never accepted (a crmcard stopped with Ctrl-Z): connecting and
    // writing work, no answer comes in time.
    let stuck = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let out = crmcard_call(&["call", "123", "--socket", socket.to_str().unwrap()], None).await;
    assert_eq!(
        out.status.code(),
        Some(i32::from(crmcard::calls::client::EXIT_NO_ANSWER)),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("sent, but the running crmcard did not answer in time"),
        "{}",
        stderr(&out)
    );
    // The request is there for the crmcard when it goes on.
    let (mut conn, _) = stuck.accept().unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(&mut conn), &mut line).unwrap();
    assert!(line.contains("\"number\":\"123\""), "{line}");
}

#[tokio::test]
async fn crmcard_call_with_a_hidden_or_odd_number_is_a_call() {
    let mut desk = Ringable::new();
    for (given, carried) in [
        (Some("anonymous"), "anonymous"),
        (Some(""), ""),
        (None, ""),
        (Some("sip:89998887766@pbx"), "sip:89998887766@pbx"),
        (Some("12"), "12"),
        (Some("call me"), "call me"),
    ] {
        let mut args = vec!["call"];
        args.extend(given);
        assert_eq!(desk.delivered(&args).await, ringing(carried, "cli"));
    }
}

#[tokio::test]
async fn crmcard_call_says_a_call_was_answered_or_ended_by_its_id() {
    let mut desk = Ringable::new();
    assert_eq!(
        desk.delivered(&["call", "89161234567", "--call-id", "sip-42"])
            .await,
        CallEvent::Ringing {
            number: "89161234567".into(),
            source: "cli".into(),
            call_id: Some("sip-42".into()),
        }
    );
    assert_eq!(
        desk.delivered(&["call", "--answered", "sip-42"]).await,
        CallEvent::Answered {
            call_id: "sip-42".into()
        }
    );
    assert_eq!(
        desk.delivered(&["call", "--ended", "sip-42"]).await,
        CallEvent::Ended {
            call_id: "sip-42".into()
        }
    );
}

#[tokio::test]
async fn only_a_request_that_is_not_a_call_is_refused() {
    let mut desk = Ringable::new();
    let out = desk.run(&["call", "--ended", " "]).await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("empty call id"), "{}", stderr(&out));
    let out = desk.run(&["call", "123", "--ended", "a"]).await;
    assert!(!out.status.success(), "a number and --ended together");
    assert!(desk.rx.try_recv().is_err(), "nothing was sent");
}

#[tokio::test]
async fn crmcard_call_reports_a_refusal_by_crmcard() {
    let tmp = tempfile::tempdir().unwrap();
    let location = SocketLocation::find_in(None, Some(tmp.path()), tmp.path()).unwrap();
    let (tx, rx) = mpsc::channel(8);
    drop(rx);
    let listener = server::listen(&location, tx).unwrap();
    let socket = listener.path().to_str().unwrap().to_owned();
    let out = crmcard_call(&["call", "123", "--socket", &socket], None).await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("refused the call: crmcard is not taking calls"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn start_listens_once_and_a_second_start_says_why_not() {
    let tmp = tempfile::tempdir().unwrap();
    let socket = tmp.path().join("crmcard.sock");
    let mut first = crmcard::calls::start(Some(&socket), None);
    assert!(first.listen_error.is_none());
    let second = crmcard::calls::start(Some(&socket), None);
    assert!(matches!(
        second.listen_error,
        Some(ListenError::AlreadyRunning(_))
    ));
    assert!(second.calls.listener.is_none());
    drop(second);
    assert_eq!(ask(&socket, CALL).await, "{\"ok\":true}\n");
    assert_eq!(
        next(&mut first.events).await,
        ringing("89161234567", "microsip")
    );
    drop(first);
    assert!(!socket.exists());
}

#[tokio::test]
async fn a_crmcard_without_the_socket_takes_it_as_soon_as_the_other_one_exits() {
    let tmp = tempfile::tempdir().unwrap();
    let socket = tmp.path().join("crmcard.sock");
    let every = Duration::from_millis(20);
    let first = crmcard::calls::start_with(Some(&socket), None, every);
    let mut second = crmcard::calls::start_with(Some(&socket), None, every);
    assert!(matches!(
        second.listen_error,
        Some(ListenError::AlreadyRunning(_))
    ));
    assert!(second.calls.takeover.is_some(), "waiting for the socket");
    // The first one closes (a 100,000-client directory takes its time).
    drop(first);
    assert_eq!(next(&mut second.events).await, CallEvent::Listening);
    assert_eq!(ask(&socket, CALL).await, "{\"ok\":true}\n");
    assert_eq!(
        next(&mut second.events).await,
        ringing("89161234567", "microsip")
    );
    drop(second);
    assert!(!socket.exists(), "the taken socket goes with its crmcard");
}
