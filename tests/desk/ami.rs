//! The Asterisk manager interface against a fake manager speaking its
//! text protocol over loopback TCP: the operator's phone ringing, answered
//! and hung up, odd caller ids, the logins (MD5, plain, refused), the
//! reconnection and its growing pauses on a paused clock; and calling back
//! (AMI `Originate`, or a softphone's dial command).

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use crmcard::app::{App, AppSetup, Effect, Msg};
use crmcard::calls::ami::{self, AmiLink, AmiOptions};
use crmcard::calls::ami_config::{AmiConfig, AmiSecret};
use crmcard::calls::ami_conn::md5_key;
use crmcard::calls::dial::{DialCommand, DialFailure, DialFormat, Dialer};
use crmcard::calls::{CallEvent, LinkState};
use crmcard::dates::Date;
use crmcard::i18n::Lang;
use crmcard::i18n::calls::call_parts;
use crmcard::keymap::Keymap;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::mpsc::{self, Receiver};

use crate::calls::next;
use crate::fake_ami::{CHALLENGE, Manager, dial_begin, dial_end};

// ---- the Asterisk manager interface ------------------------------------------------

const SECRET: &str = "pa55-AMI-secret";

fn ami_config(port: u16, extension: &str) -> AmiConfig {
    AmiConfig {
        host: "127.0.0.1".into(),
        port,
        username: "crmcard".into(),
        secret: AmiSecret::new(SECRET),
        extension: extension.into(),
        channel: Some("PJSIP/101".into()),
        dial_context: "from-internal".into(),
    }
}

fn quick() -> AmiOptions {
    AmiOptions {
        backoff: vec![Duration::from_millis(20)],
        refused_pause: Duration::from_secs(600),
        ..AmiOptions::default()
    }
}

/// A fake manager listening on loopback, and the AMI client of the phone
/// `extension` started against it with `options`: its first event,
/// `Connecting`, seen.
async fn client_of_fake_pbx(
    extension: &str,
    options: AmiOptions,
) -> (TcpListener, Receiver<CallEvent>, AmiLink) {
    let pbx = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = pbx.local_addr().unwrap().port();
    let (tx, mut rx) = mpsc::channel(16);
    let link = ami::spawn_with(ami_config(port, extension), tx, options);
    assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connecting));
    (pbx, rx, link)
}

/// The client of the phone `extension` logged in to the fake manager
/// (`Connected` seen): the manager's side, the events, the client.
async fn logged_in(extension: &str) -> (Manager, Receiver<CallEvent>, AmiLink) {
    let (pbx, mut rx, link) = client_of_fake_pbx(extension, quick()).await;
    let manager = Manager::accept(&pbx, true).await;
    assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connected));
    (manager, rx, link)
}

#[tokio::test]
async fn the_operators_phone_ringing_and_hanging_up_arrive_as_events() {
    let (mut manager, mut rx, _link) = logged_in("101").await;
    assert!(
        manager.login.starts_with("Action: Login\r\n"),
        "{}",
        manager.login
    );
    // The PBX offers an MD5 challenge: the secret never crosses the wire.
    assert!(manager.asked_challenge);
    for line in [
        "Username: crmcard\r\n",
        "AuthType: MD5\r\n",
        &format!("Key: {}\r\n", md5_key(CHALLENGE, SECRET)),
        "Events: call\r\n",
    ] {
        assert!(manager.login.contains(line), "{}", manager.login);
    }
    assert!(!manager.login.contains(SECRET), "{}", manager.login);

    // Another operator's phone, garbage, then ours split across writes.
    manager
        .send(&dial_begin("PJSIP/102-00000003", "84950000000", "1700.3"))
        .await;
    manager
        .send("this is not a field\r\n\x1b[31mjunk\nEvent: Newchannel\nChannel: PJSIP/101-1\n\n")
        .await;
    let ours = dial_begin("PJSIP/101-00000004", "89161234567", "1700.4");
    for piece in ours.as_bytes().chunks(7) {
        manager.send(std::str::from_utf8(piece).unwrap()).await;
        tokio::task::yield_now().await;
    }
    assert_eq!(
        next(&mut rx).await,
        CallEvent::Ringing {
            number: "89161234567".into(),
            source: "ami".into(),
            call_id: Some("1700.4".into()),
        }
    );
    manager
        .send("Event: Hangup\r\nUniqueid: 1700.3\r\nLinkedid: 1700.3\r\n\r\n")
        .await;
    manager.send("Event: Hangup\nChannel: PJSIP/101-00000004\nUniqueid: 1700.49\nLinkedid: 1700.4\nCause: 16\n\n").await;
    assert_eq!(
        next(&mut rx).await,
        CallEvent::Ended {
            call_id: "1700.4".into()
        }
    );
    assert!(
        rx.try_recv().is_err(),
        "the other phone's call made no event"
    );
}

#[tokio::test]
async fn an_ami_caller_id_that_is_no_number_is_never_shown_raw() {
    let (mut manager, mut rx, _link) = logged_in("101").await;
    let long = "8".repeat(4000);
    let vip = "Безногов Сергей VIP \u{1b}[7m89998887766";
    for (i, (caller, shown)) in [
        (long.as_str(), "номер не распознан"),
        (vip, "номер не распознан"),
        ("<unknown>", "номер скрыт"),
        ("sip:89998887766@pbx", "+7 999 888-77-66"),
    ]
    .into_iter()
    .enumerate()
    {
        let channel = format!("PJSIP/101-0000000{i}");
        manager
            .send(&dial_begin(&channel, caller, &format!("1900.{i}")))
            .await;
        let event = next(&mut rx).await;
        let CallEvent::Ringing { number, .. } = &event else {
            panic!("{event:?}")
        };
        assert!(number.chars().count() <= 201, "{}", number.len());
        assert!(!number.chars().any(char::is_control), "{number:?}");
        let mut app = App::new(AppSetup {
            lang: Lang::Ru,
            keymap: Keymap::default(),
            city_code: None,
            today: Date::new(2026, 12, 7).expect("a date"),
            connection: "test".to_owned(),
            startup_messages: Vec::new(),
        });
        let effects = app.update(Msg::Call(event));
        let looked_up = effects
            .iter()
            .any(|e| matches!(e, Effect::FindCaller { .. }));
        assert_eq!(
            looked_up,
            i == 3,
            "only a number is looked up: {caller:.40}"
        );
        let call = app.calls.front().expect("on the banner");
        let [number, who, _] = call_parts(call, Duration::ZERO, Lang::Ru);
        assert_eq!(number, shown, "{caller:.40}");
        assert!(!who.contains("Безногов") && !who.contains("VIP"), "{who}");
    }
}

#[tokio::test]
async fn an_answer_on_the_operators_phone_arrives_once_keyed_by_linkedid() {
    let (mut manager, mut rx, _link) = logged_in("PJSIP/101").await;
    let ours = "PJSIP/101-00000005";
    manager
        .send(&dial_begin(ours, "89161234567", "1700.5"))
        .await;
    assert!(matches!(next(&mut rx).await, CallEvent::Ringing { .. }));
    manager
        .send(&dial_end("PJSIP/102-00000006", "1700.5", "ANSWER"))
        .await;
    manager.send(&dial_end(ours, "1700.5", "ANSWER")).await;
    manager
        .send("Event: BridgeEnter\r\nChannel: PJSIP/101-00000005\r\nUniqueid: 1700.59\r\nLinkedid: 1700.5\r\n\r\n")
        .await;
    manager
        .send("Event: Hangup\r\nChannel: PJSIP/101-00000005\r\nUniqueid: 1700.59\r\nLinkedid: 1700.5\r\n\r\n")
        .await;
    assert_eq!(
        next(&mut rx).await,
        CallEvent::Answered {
            call_id: "1700.5".into()
        }
    );
    assert_eq!(
        next(&mut rx).await,
        CallEvent::Ended {
            call_id: "1700.5".into()
        },
        "one answer, from our phone's DialEnd; the bridge adds nothing"
    );
}

#[tokio::test]
async fn a_pbx_without_the_md5_challenge_gets_the_plain_login() {
    let (pbx, mut rx, _link) = client_of_fake_pbx("101", quick()).await;
    let manager = Manager::accept_offering(&pbx, true, false).await;
    assert!(manager.asked_challenge);
    assert!(
        manager.login.contains(&format!("Secret: {SECRET}\r\n")),
        "{}",
        manager.login
    );
    assert!(!manager.login.contains("Key:"), "{}", manager.login);
    assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connected));
}

#[tokio::test]
async fn a_refused_login_is_reported_without_the_secret_and_not_retried_at_once() {
    let (pbx, mut rx, link) = client_of_fake_pbx("101", quick()).await;
    let _manager = Manager::accept(&pbx, false).await;
    let seen = next(&mut rx).await;
    assert_eq!(seen, CallEvent::Link(LinkState::LoginRefused));
    // No second attempt during a pause ten times the reconnect backoff.
    let again = tokio::time::timeout(Duration::from_millis(200), pbx.accept()).await;
    assert!(again.is_err(), "a refused login is not retried at once");
    assert!(!format!("{seen:?} {link:?}").contains(SECRET));
    assert!(!format!("{:?}", ami_config(5038, "101")).contains(SECRET));
}

#[tokio::test]
async fn a_dropped_connection_is_reconnected() {
    let (pbx, mut rx, _link) = client_of_fake_pbx("PJSIP/101", quick()).await;
    let manager = Manager::accept(&pbx, true).await;
    assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connected));
    drop(manager);
    assert_eq!(
        next(&mut rx).await,
        CallEvent::Link(LinkState::Reconnecting)
    );
    let mut manager = Manager::accept(&pbx, true).await;
    assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connected));
    manager
        .send(&dial_begin("PJSIP/101-00000009", "89998887766", "1800.1"))
        .await;
    assert!(matches!(
        next(&mut rx).await,
        CallEvent::Ringing { number, .. } if number == "89998887766"
    ));
}

#[tokio::test]
async fn a_peer_that_is_not_asterisk_is_retried_quietly() {
    let (pbx, mut rx, _link) = client_of_fake_pbx("101", quick()).await;
    let (mut stream, _) = pbx.accept().await.unwrap();
    stream.write_all(b"SSH-2.0-OpenSSH_9.6\r\n").await.unwrap();
    assert_eq!(
        next(&mut rx).await,
        CallEvent::Link(LinkState::Reconnecting)
    );
    let _manager = Manager::accept(&pbx, true).await;
    assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connected));
}

/// On a paused clock, which moves only when every task waits for time:
/// the pauses between logins are exactly the ones the client slept.
#[tokio::test(start_paused = true)]
async fn a_pbx_that_drops_each_connection_after_the_login_is_retried_with_growing_pauses() {
    let options = AmiOptions {
        backoff: [1, 2, 4].map(Duration::from_secs).to_vec(),
        ..AmiOptions::default()
    };
    let (pbx, mut rx, _link) = client_of_fake_pbx("101", options).await;
    let mut logins = Vec::new();
    for _ in 0..5 {
        // The login accepted, then the connection dropped at once.
        drop(Manager::accept(&pbx, true).await);
        logins.push(tokio::time::Instant::now());
        assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connected));
        assert_eq!(
            next(&mut rx).await,
            CallEvent::Link(LinkState::Reconnecting)
        );
    }
    let gaps: Vec<u64> = logins.windows(2).map(|w| (w[1] - w[0]).as_secs()).collect();
    assert_eq!(gaps, [1, 2, 4, 4], "the last pause repeats");

    // A connection that lasts a minute (silent: Ping unanswered, given up
    // after twice the ping interval) starts the pauses again from the first.
    let _quiet = Manager::accept(&pbx, true).await;
    let kept = tokio::time::Instant::now();
    assert_eq!(next(&mut rx).await, CallEvent::Link(LinkState::Connected));
    // A minute of the paused clock: longer than `next` waits.
    let given_up = rx.recv().await.expect("the client lives");
    assert_eq!(given_up, CallEvent::Link(LinkState::Reconnecting));
    drop(Manager::accept(&pbx, true).await);
    let again = tokio::time::Instant::now();
    assert_eq!((again - kept).as_secs(), 30 + 30 + 1);
}

// ---- calling back ------------------------------------------------------------

/// The value of `key` in an AMI action.
fn field<'a>(action: &'a str, key: &str) -> Option<&'a str> {
    action
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(": "))
}

/// Calling `number` back through a fake manager (a connection of its own,
/// logged in): the manager's side, and the dial under way.
async fn dialling(
    number: &'static str,
    format: DialFormat,
) -> (Manager, tokio::task::JoinHandle<Result<(), DialFailure>>) {
    let pbx = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = pbx.local_addr().unwrap().port();
    let dialer = Dialer {
        ami: Some(ami_config(port, "101")),
        command: None,
        format,
    };
    let dialled = tokio::spawn(async move { dialer.dial(number).await });
    (Manager::accept(&pbx, true).await, dialled)
}

#[tokio::test]
async fn calling_back_originates_the_operators_channel_to_the_number() {
    let format = DialFormat::parse("8{national}").unwrap();
    let (mut manager, dialled) = dialling("+79161234567", format).await;
    assert!(
        manager.login.contains("Events: off\r\n"),
        "{}",
        manager.login
    );
    let action = manager.read_action().await;
    assert_eq!(field(&action, "Action"), Some("Originate"), "{action}");
    assert_eq!(field(&action, "Channel"), Some("PJSIP/101"), "{action}");
    assert_eq!(field(&action, "Exten"), Some("89161234567"), "{action}");
    assert_eq!(field(&action, "Context"), Some("from-internal"), "{action}");
    assert_eq!(field(&action, "Priority"), Some("1"), "{action}");
    assert_eq!(field(&action, "Async"), Some("true"), "{action}");
    let id = field(&action, "ActionID").expect("an ActionID").to_owned();
    manager
        .send(&format!(
            "Event: Newchannel\r\nChannel: PJSIP/101-1\r\n\r\nResponse: Success\r\nActionID: {id}\r\nMessage: Originate successfully queued\r\n\r\n"
        ))
        .await;
    assert_eq!(dialled.await.unwrap(), Ok(()));
}

#[tokio::test]
async fn a_refused_originate_says_why() {
    let (mut manager, dialled) = dialling("8 916 123-45-67", DialFormat::default()).await;
    let action = manager.read_action().await;
    assert_eq!(field(&action, "Exten"), Some("+79161234567"), "{action}");
    let id = field(&action, "ActionID").expect("an ActionID").to_owned();
    manager
        .send(&format!(
            "Response: Error\r\nActionID: {id}\r\nMessage: Permission denied\r\n\r\n"
        ))
        .await;
    let failure = dialled.await.unwrap().expect_err("refused");
    assert_eq!(failure, DialFailure::Refused("Permission denied".into()));
    let (_, line) = crmcard::i18n::dial::dial_failure(&failure, Lang::Ru);
    assert!(
        line.contains("Permission denied") && line.contains("originate"),
        "{line}"
    );
}

#[tokio::test]
async fn without_a_channel_the_dial_command_runs_and_without_either_it_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("dialled");
    let script = tmp.path().join("softphone");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/dialled\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    let mut ami = ami_config(1, "101");
    ami.channel = None;
    let template = format!("{} dial sip:{{number}}@pbx", script.display());
    let dialer = Dialer {
        ami: Some(ami.clone()),
        command: Some(DialCommand::parse(&template).unwrap()),
        format: DialFormat::parse("9{digits}").unwrap(),
    };
    assert_eq!(dialer.dial("+7 916 123-45-67").await, Ok(()));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "dial\nsip:979161234567@pbx\n"
    );
    let nothing = Dialer {
        ami: Some(ami),
        ..Dialer::default()
    };
    assert_eq!(
        nothing.dial("89161234567").await,
        Err(DialFailure::NotConfigured)
    );
}
