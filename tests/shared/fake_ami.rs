//! A fake Asterisk manager on loopback TCP, speaking the AMI text protocol:
//! its banner, a Login answered with success or failure, then whatever a
//! test sends. Shared by the desk tests (the AMI client) and the tmux tests
//! (the AMI through the whole TUI); included with `#[path]`.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Long enough for a loaded machine; only guards against a hang.
const PATIENCE: Duration = Duration::from_secs(10);

/// One accepted connection of the fake manager: banner sent, Login read.
pub struct Manager {
    stream: TcpStream,
    /// The Login action as received.
    pub login: String,
}

impl Manager {
    /// Accepts crmcard's connection, sends the banner, reads the Login and
    /// answers it.
    pub async fn accept(listener: &TcpListener, login_ok: bool) -> Self {
        let (mut stream, _) = tokio::time::timeout(PATIENCE, listener.accept())
            .await
            .expect("crmcard connects")
            .expect("accept");
        stream
            .write_all(b"Asterisk Call Manager/7.0.3\r\n")
            .await
            .expect("send the banner");
        let mut login = Vec::new();
        let mut byte = [0u8; 1];
        while !login.ends_with(b"\r\n\r\n") {
            let read = tokio::time::timeout(PATIENCE, stream.read(&mut byte))
                .await
                .expect("the login arrives")
                .expect("read the login");
            assert_eq!(read, 1, "login cut short");
            login.push(byte[0]);
        }
        let answer: &[u8] = if login_ok {
            b"Response: Success\r\nActionID: crmcard-login\r\nMessage: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n"
        } else {
            b"Response: Error\r\nActionID: crmcard-login\r\nMessage: Authentication failed\r\n\r\n"
        };
        stream.write_all(answer).await.expect("answer the login");
        Self {
            stream,
            login: String::from_utf8(login).expect("a text login"),
        }
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
/// arguments: `status` is `ANSWER`, `NOANSWER`, `BUSY`… (the desk tests'
/// only).
#[allow(dead_code)]
pub fn dial_end(dest_channel: &str, uniqueid: &str, status: &str) -> String {
    format!(
        "Event: DialEnd\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-0000001\r\nUniqueid: {uniqueid}\r\nLinkedid: {uniqueid}\r\nDestChannel: {dest_channel}\r\nDestUniqueid: {uniqueid}9\r\nDialStatus: {status}\r\n\r\n"
    )
}
