//! A server that echoes the sid in its error texts: the key shows in no
//! error (Display or Debug) and in no log line, retries included; answers
//! over the size limit are refused with an error that says so.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::error::MAX_ANSWER_BYTES;
use super::{ApiError, Client, ClientOptions, Sid};

const SID: &str = "s3cr3t-0f-the-desk";

/// Serves `answer` (status line and body) to every request, forever.
async fn serve(status: &'static str, body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}/api/v1/crm/")
}

fn client(base: &str) -> Client {
    let mut options = ClientOptions::new(base, "1", Sid::new(SID));
    options.retry_backoff = Duration::from_millis(1);
    Client::new(options).expect("client")
}

#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut log) = self.0.lock() {
            log.extend_from_slice(data);
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .unwrap_or_default()
    }
}

/// Runs one GET of a card against a server answering `status` and `body`,
/// with every log line captured; returns the error and the log.
async fn failing_get(status: &'static str, body: String) -> (ApiError, String) {
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let base = serve(status, body).await;
    let error = client(&base)
        .client("10000000009188")
        .await
        .expect_err("the server fails");
    (error, log.text())
}

fn assert_hidden(error: &ApiError, log: &str) {
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(SID), "in the error: {shown}");
    assert!(!log.contains(SID), "in the log: {log}");
    assert!(
        shown.contains("<sid>"),
        "the echo is marked, not dropped: {shown}"
    );
}

#[tokio::test]
async fn a_dlw_detail_echoing_the_sid_hides_it() {
    let body = format!(
        r#"{{"status":"Err","requestId":"r-{SID}","errors":[{{"code":"DLW-0005","text":"bad sid {SID}","details":"sid={SID}; expected another"}}]}}"#
    );
    let (error, log) = failing_get("500 Internal Server Error", body).await;
    assert!(error.is_auth(), "{error:?}");
    assert!(log.contains("retrying"), "the retries were logged: {log}");
    assert_hidden(&error, &log);
}

#[tokio::test]
async fn an_html_page_echoing_the_sid_hides_it() {
    // The sid falls right where the excerpt is cut: redacting after cutting
    // would leave half of it.
    let padding = "x".repeat(140);
    let body = format!("<html><body>{padding}{SID} failed for key {SID}</body></html>");
    let (error, log) = failing_get("502 Bad Gateway", body).await;
    assert!(matches!(error, ApiError::HttpStatus { status: 502, .. }));
    assert!(!format!("{error}").contains(&SID[..8]), "{error}");
    assert_hidden(&error, &log);
}

#[tokio::test]
async fn an_unreadable_answer_echoing_the_sid_hides_it() {
    let body = format!("proxy says: your sid {SID} is wrong");
    let (error, log) = failing_get("200 OK", body).await;
    assert!(matches!(error, ApiError::Malformed { .. }));
    assert_hidden(&error, &log);
}

#[tokio::test]
async fn an_answer_over_the_limit_is_refused_and_says_so() {
    let base = serve("200 OK", "x".repeat(MAX_ANSWER_BYTES + 1)).await;
    let error = client(&base).streets("1").await.expect_err("too large");
    assert_eq!(
        error,
        ApiError::TooLarge {
            limit_bytes: MAX_ANSWER_BYTES
        }
    );
    assert!(error.to_string().contains("larger than"));
    assert!(!error.is_transient());
}

#[tokio::test]
async fn a_plain_http_client_reaches_the_server_without_certificates() {
    let body = r#"{"status":"Ok","data":[{"id":"1","name":"Арбат\u001b[2J","postCode":"1"}]}"#;
    let base = serve("200 OK", body.to_owned()).await;
    let streets = client(&base).streets("1").await.expect("streets");
    assert_eq!(streets[0].name, "Арбат", "cleaned at decode");
}
