//! One connection to the Asterisk manager interface: connected, the banner
//! checked, logged in; then actions written and blocks read.
//!
//! Used by the event client ([`super::ami`]) and by dialling
//! ([`super::dial`]), each on a connection of its own. The secret goes into
//! the Login action and nowhere else.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::ami_block::{Block, BlockReader};
use super::ami_config::AmiConfig;

/// The first line the manager sends starts with this.
pub(crate) const BANNER: &str = "Asterisk Call Manager/";

/// The `Key` of an MD5 login: the hex MD5 of the challenge followed by the
/// secret, as Asterisk checks it.
pub fn md5_key(challenge: &str, secret: &str) -> String {
    use md5::{Digest, Md5};
    let digest = Md5::new()
        .chain_update(challenge.as_bytes())
        .chain_update(secret.as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why no logged-in connection was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The PBX refused the username or secret.
    Refused,
    /// Not connected, not an Asterisk manager, or no answer in time: why,
    /// for the log (never the secret).
    Failed(String),
}

/// A logged-in connection.
pub struct Connection {
    stream: TcpStream,
    reader: BlockReader,
    ready: VecDeque<Block>,
}

impl Connection {
    /// Connects within `timeouts.0` and logs in within `timeouts.1`, asking
    /// for `events` (`call`, or `off` for a connection that only acts).
    pub async fn open(
        config: &AmiConfig,
        events: &str,
        timeouts: (Duration, Duration),
    ) -> Result<Self, OpenError> {
        let address = (config.host.as_str(), config.port);
        let stream = match timeout(timeouts.0, TcpStream::connect(address)).await {
            Ok(Ok(stream)) => stream,
            Ok(Err(e)) => return Err(OpenError::Failed(e.to_string())),
            Err(_) => return Err(OpenError::Failed("connecting timed out".to_owned())),
        };
        let mut conn = Self {
            stream,
            reader: BlockReader::default(),
            ready: VecDeque::new(),
        };
        match timeout(timeouts.1, conn.login(config, events)).await {
            Ok(Ok(true)) => Ok(conn),
            Ok(Ok(false)) => Err(OpenError::Refused),
            Ok(Err(e)) => Err(OpenError::Failed(format!("login: {e}"))),
            Err(_) => Err(OpenError::Failed("the login timed out".to_owned())),
        }
    }

    /// Writes an action (or any text) to the manager.
    pub async fn send(&mut self, text: &[u8]) -> std::io::Result<()> {
        self.stream.write_all(text).await
    }

    /// Reads the banner, logs in; `Ok(false)` when the login is refused.
    async fn login(&mut self, config: &AmiConfig, events: &str) -> std::io::Result<bool> {
        let banner = self.banner().await?;
        if !banner.starts_with(BANNER) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not an Asterisk manager (unexpected banner)",
            ));
        }
        // The secret crosses the network only when the PBX offers no MD5
        // challenge.
        self.stream
            .write_all(b"Action: Challenge\r\nActionID: crmcard-challenge\r\nAuthType: MD5\r\n\r\n")
            .await?;
        let offered = self.response("crmcard-challenge").await?;
        let proof = match offered
            .get("Challenge")
            .filter(|_| offered.is("Response", "Success"))
        {
            Some(challenge) => format!(
                "AuthType: MD5\r\nKey: {}",
                md5_key(challenge, config.secret.expose())
            ),
            None => {
                tracing::info!(host = %config.host, "the PBX offers no MD5 challenge: plain login");
                format!("Secret: {}", config.secret.expose())
            }
        };
        let login = format!(
            "Action: Login\r\nActionID: crmcard-login\r\nUsername: {}\r\n{proof}\r\nEvents: {events}\r\n\r\n",
            config.username,
        );
        drop(proof);
        self.stream.write_all(login.as_bytes()).await?;
        drop(login);
        let response = self.response("crmcard-login").await?;
        Ok(response.is("Response", "Success"))
    }

    /// The response to the action `action_id` (events before it are
    /// skipped).
    pub async fn response(&mut self, action_id: &str) -> std::io::Result<Block> {
        loop {
            let Some(block) = self.next_block().await else {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            };
            let ours = block.get("ActionID").is_none_or(|id| id == action_id);
            if block.get("Response").is_some() && ours {
                return Ok(block);
            }
        }
    }

    /// The first line; what follows it goes to the block reader.
    async fn banner(&mut self) -> std::io::Result<String> {
        let mut line = Vec::new();
        let mut chunk = [0u8; 512];
        loop {
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            if let Some(end) = chunk[..n].iter().position(|&b| b == b'\n') {
                line.extend_from_slice(&chunk[..end]);
                self.ready.extend(self.reader.push(&chunk[end + 1..n]));
                let text = String::from_utf8_lossy(&line);
                return Ok(text.trim_end().to_owned());
            }
            line.extend_from_slice(&chunk[..n]);
            if line.len() > 1024 {
                return Err(std::io::ErrorKind::InvalidData.into());
            }
        }
    }

    /// The next whole block; `None` when the connection ends. Cancel-safe.
    pub(crate) async fn next_block(&mut self) -> Option<Block> {
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(block) = self.ready.pop_front() {
                return Some(block);
            }
            match self.stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => self.ready.extend(self.reader.push(&chunk[..n])),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_md5_key_is_the_hex_digest_of_challenge_and_secret() {
        // md5("") and md5("abc"), the RFC 1321 test values.
        assert_eq!(md5_key("", ""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_key("a", "bc"), "900150983cd24fb0d6963f7d28e17f72");
    }
}
