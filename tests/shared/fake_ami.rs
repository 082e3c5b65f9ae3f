//! A fake Asterisk manager on loopback TCP, speaking the AMI text protocol:
//! its banner, a Login answered with success or failure, then whatever a
//! test sends. Shared by the desk tests (the AMI client) and the tmux tests
//! (the AMI through the whole TUI); included with `#[path]`.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Long enough for a loaded machine; only guards against a hang.
const PATIENCE: Duration = Duration::from_secs(10);

/// The challenge this fake offers for an MD5 login.
pub const CHALLENGE: &str = "740174952";

/// One accepted connection of the fake manager: banner sent, Login read.
pub struct Manager {
    stream: TcpStream,
    /// The Login action as received.
    pub login: String,
    /// Whether crmcard asked for an MD5 challenge first.
    pub asked_challenge: bool,
}

impl Manager {
    /// Accepts crmcard's connection, sends the banner, offers an MD5
    /// challenge as Asterisk does, reads the Login and answers it.
    pub async fn accept(listener: &TcpListener, login_ok: bool) -> Self {
        Self::accept_offering(listener, login_ok, true).await
    }

    /// [`Self::accept`] by a manager that offers no MD5 challenge when
    /// `md5` is false (it answers the Challenge action with an error).
    pub async fn accept_offering(listener: &TcpListener, login_ok: bool, md5: bool) -> Self {
        let (stream, _) = tokio::time::timeout(PATIENCE, listener.accept())
            .await
            .expect("crmcard connects")
            .expect("accept");
        let mut manager = Self {
            stream,
            login: String::new(),
            asked_challenge: false,
        };
        manager.send("Asterisk Call Manager/7.0.3\r\n").await;
        let mut login = manager.read_action().await;
        if login.starts_with("Action: Challenge\r\n") {
            manager.asked_challenge = true;
            let id = "ActionID: crmcard-challenge\r\n";
            let answer = if md5 {
                format!("Response: Success\r\n{id}Challenge: {CHALLENGE}\r\n\r\n")
            } else {
                format!("Response: Error\r\n{id}Message: Must specify AuthType\r\n\r\n")
            };
            manager.send(&answer).await;
            login = manager.read_action().await;
        }
        let answer = if login_ok {
            "Response: Success\r\nActionID: crmcard-login\r\nMessage: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n"
        } else {
            "Response: Error\r\nActionID: crmcard-login\r\nMessage: Authentication failed\r\n\r\n"
        };
        manager.send(answer).await;
        manager.login = login;
        manager
    }

    /// The next action crmcard writes, as received (up to its empty line).
    pub async fn read_action(&mut self) -> String {
        let mut action = Vec::new();
        let mut byte = [0u8; 1];
        while !action.ends_with(b"\r\n\r\n") {
            let read = tokio::time::timeout(PATIENCE, self.stream.read(&mut byte))
                .await
                .expect("an action arrives")
                .expect("read an action");
            assert_eq!(read, 1, "action cut short");
            action.push(byte[0]);
        }
        String::from_utf8(action).expect("a text action")
    }

    pub async fn send(&mut self, text: &str) {
        self.stream
            .write_all(text.as_bytes())
            .await
            .expect("send to crmcard");
        self.stream.flush().await.expect("flush");
    }
}

/// A `DialBegin` event: `caller` dials the phone on `dest_channel`
/// (`PJSIP/101-00000004`), the call's id being `uniqueid`.
pub fn dial_begin(dest_channel: &str, caller: &str, uniqueid: &str) -> String {
    format!(
        "Event: DialBegin\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-0000001\r\nCallerIDNum: {caller}\r\nCallerIDName: Ivanov\r\nUniqueid: {uniqueid}\r\nLinkedid: {uniqueid}\r\nDestChannel: {dest_channel}\r\nDestCallerIDNum: {ext}\r\nDestExten: s\r\nDestUniqueid: {uniqueid}9\r\nDialString: {ext}\r\n\r\n",
        ext = dest_channel
            .split(['/', '-'])
            .nth(1)
            .expect("a channel like PJSIP/101-1"),
    )
}

/// The `DialEnd` of the `DialBegin` made by [`dial_begin`] with the same
/// arguments: `status` is `ANSWER`, `NOANSWER`, `BUSY`…
/// (the desk tests' only).
#[allow(dead_code)]
pub fn dial_end(dest_channel: &str, uniqueid: &str, status: &str) -> String {
    format!(
        "Event: DialEnd\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-0000001\r\nUniqueid: {uniqueid}\r\nLinkedid: {uniqueid}\r\nDestChannel: {dest_channel}\r\nDestUniqueid: {uniqueid}9\r\nDialStatus: {status}\r\n\r\n"
    )
}
