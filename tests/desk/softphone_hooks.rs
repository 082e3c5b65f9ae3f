//! The softphone scripts the README gives (`tools/softphone/`): baresip's
//! `ctrl_tcp` events and linphone-daemon's call-state events become
//! `crmcard call` (ringing, answered, ended) at a real call listener, the
//! real binary on the script's PATH.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crmcard::calls::CallEvent;
use crmcard::calls::path::SocketLocation;
use crmcard::calls::server::{self, CallListener, ServerOptions};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::mpsc::{self, Receiver};

use crate::home::BIN;
/// Long enough for a loaded machine; only guards against a hang.
const PATIENCE: Duration = Duration::from_secs(20);

/// A call listener in `tmp`, as the TUI's.
fn listen(tmp: &Path) -> (CallListener, Receiver<CallEvent>) {
    let location = SocketLocation::find_in(None, Some(tmp), tmp).expect("a location");
    let (tx, rx) = mpsc::channel(8);
    let listener = server::listen_with(&location, tx, ServerOptions::default()).expect("listen");
    (listener, rx)
}

/// `python3 tools/softphone/NAME ARGS…`, with this build's `crmcard` first
/// on its PATH and the listener's socket in `CRMCARD_SOCKET`.
fn run_script(name: &str, args: &[&str], socket: &Path) -> Child {
    let script: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tools", "softphone", name]
        .iter()
        .collect();
    let bin_dir = Path::new(BIN).parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("python3")
        .arg(script)
        .args(args)
        .env("PATH", path)
        .env("CRMCARD_SOCKET", socket)
        .stdin(Stdio::null())
        .spawn()
        .expect("python3 runs the script")
}

async fn next(rx: &mut Receiver<CallEvent>) -> CallEvent {
    tokio::time::timeout(PATIENCE, rx.recv())
        .await
        .expect("an event in time")
        .expect("the sender lives")
}

/// The three events of one call, as the listener gets them.
async fn assert_call(rx: &mut Receiver<CallEvent>, source: &str, id: &str) {
    assert_eq!(
        next(rx).await,
        CallEvent::Ringing {
            number: "sip:89161234567@pbx".into(),
            source: source.into(),
            call_id: Some(id.into()),
        }
    );
    let call_id = id.to_owned();
    assert_eq!(next(rx).await, CallEvent::Answered { call_id });
    let call_id = id.to_owned();
    assert_eq!(next(rx).await, CallEvent::Ended { call_id });
}

/// Waits for the script to end by itself; its exit status.
fn ended(mut child: Child) -> std::process::ExitStatus {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("the script did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn baresips_ctrl_tcp_events_ring_answer_and_end_the_call() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (listener, mut rx) = listen(tmp.path());
    let baresip = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = baresip.local_addr().expect("address").to_string();
    let child = run_script("baresip-crmcard.py", &[&address], listener.path());
    let (mut conn, _) = tokio::time::timeout(PATIENCE, baresip.accept())
        .await
        .expect("the script connects")
        .expect("accept");
    let call = r#""class":"call","accountaor":"sip:101@pbx""#;
    for json in [
        r#"{"event":true,"class":"register","type":"REGISTER_OK","accountaor":"sip:101@pbx"}"#
            .to_owned(),
        // The operator's own outgoing call is no incoming call.
        format!(
            r#"{{"event":true,{call},"type":"CALL_ESTABLISHED","direction":"outgoing","peeruri":"sip:555@pbx","id":"out-1"}}"#
        ),
        r#"{"response":true,"ok":true,"data":"","token":"t"}"#.to_owned(),
        format!(
            r#"{{"event":true,{call},"type":"CALL_INCOMING","direction":"incoming","peeruri":"sip:89161234567@pbx","id":"73a1"}}"#
        ),
        format!(
            r#"{{"event":true,{call},"type":"CALL_ESTABLISHED","direction":"incoming","peeruri":"sip:89161234567@pbx","id":"73a1"}}"#
        ),
        format!(
            r#"{{"event":true,{call},"type":"CALL_CLOSED","param":"Connection reset by peer","direction":"incoming","peeruri":"sip:89161234567@pbx","id":"73a1"}}"#
        ),
    ] {
        let netstring = format!("{}:{json},", json.len());
        conn.write_all(netstring.as_bytes()).await.expect("send");
    }
    assert_call(&mut rx, "baresip", "73a1").await;
    drop(conn);
    let status = tokio::task::spawn_blocking(move || ended(child))
        .await
        .expect("waited");
    assert!(status.success(), "{status}");
    assert!(rx.try_recv().is_err(), "nothing more");
}

#[tokio::test]
async fn linphone_daemons_call_state_events_ring_answer_and_end_the_call() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (listener, mut rx) = listen(tmp.path());
    // linphone-daemon as it prints its events without a `--pipe`.
    let daemon = tmp.path().join("linphone-daemon");
    let event = |state: &str, from: &str, id: u32| {
        format!(
            "printf '\\nEvent-type: call-state-changed\\n\\nEvent: {state}\\nFrom: {from}\\nId: {id}\\n\\n'\n"
        )
    };
    let mut text = "#!/bin/sh\n".to_owned();
    text.push_str(&event("LinphoneCallOutgoingInit", "<sip:555@pbx>", 1));
    text.push_str(&event("LinphoneCallConnected", "<sip:555@pbx>", 1));
    let caller = r#""Ivanov" <sip:89161234567@pbx>"#;
    for state in [
        "LinphoneCallIncomingReceived",
        "LinphoneCallConnected",
        "LinphoneCallStreamsRunning",
        "LinphoneCallEnd",
    ] {
        text.push_str(&event(state, caller, 2));
    }
    std::fs::write(&daemon, text).expect("write the fake daemon");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o700);
        std::fs::set_permissions(&daemon, mode).expect("chmod");
    }
    let daemon = daemon.to_str().expect("a path").to_owned();
    let child = run_script("linphone-crmcard.py", &[&daemon], listener.path());
    // The operator's outgoing call 1 answered: an id nobody rang.
    assert_eq!(
        next(&mut rx).await,
        CallEvent::Answered {
            call_id: "linphone-1".into()
        }
    );
    assert_call(&mut rx, "linphone", "linphone-2").await;
    let status = tokio::task::spawn_blocking(move || ended(child))
        .await
        .expect("waited");
    assert!(status.success(), "{status}");
}
