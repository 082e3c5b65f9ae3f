//! Calling a client back from the operator's own phone.
//!
//! Two ways, the first configured wins:
//!
//! - with `[calls.ami] channel`: an AMI `Originate` of that channel (the
//!   operator's phone rings first) to the number in `[calls.ami]
//!   dial_context`, on a connection of its own; the manager's `Response`
//!   says whether the PBX took it;
//! - with `[calls] dial_command` (`"linphonecsh dial {number}"`): the
//!   softphone's command, its arguments split at spaces without a shell and
//!   `{number}` replaced inside the argument that holds it (added as the
//!   last argument when none does).
//!
//! The number dialled is the canonical one written by `[calls] dial_format`
//! ([`DialFormat`]). A dial that fails says why ([`DialFailure`]).

use std::process::Stdio;
use std::time::Duration;

use super::ami_config::AmiConfig;
use super::ami_conn::{Connection, OpenError};
use crate::phone::{self, Phone, PhoneKind};

/// How long connecting, logging in, and the PBX's answer may each take; and
/// how long a dial command may run.
const PATIENCE: Duration = Duration::from_secs(10);

/// Why a dial did not go out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DialFailure {
    /// Neither `[calls.ami] channel` nor `[calls] dial_command` is set.
    #[error("no way to dial: set [calls.ami] channel or [calls] dial_command")]
    NotConfigured,
    /// The contact's text is not a phone number.
    #[error("not a phone number: {0}")]
    NotANumber(String),
    /// The PBX could not be reached or logged in to.
    #[error("the PBX could not be reached: {0}")]
    PbxUnreachable(String),
    /// The PBX refused the login for dialling.
    #[error("the PBX refused the login")]
    LoginRefused,
    /// The PBX refused the `Originate`; its message (e.g. "Permission
    /// denied", "Originate failed").
    #[error("the PBX refused the call: {0}")]
    Refused(String),
    /// The dial command does not exist (or cannot be run).
    #[error("{program}: not found")]
    CommandNotFound { program: String },
    /// The dial command ended with a failure status (`None`: by a signal).
    #[error("{program} failed (exit status {})", .code.map_or_else(|| "none".to_owned(), |c| c.to_string()))]
    CommandFailed { program: String, code: Option<i32> },
    /// The dial command could not be run or did not finish in time.
    #[error("{program}: {reason}")]
    CommandError { program: String, reason: String },
}

/// `[calls] dial_format`: how a canonical number is written for the PBX or
/// softphone. Literal `0-9 + * #` and one or more of the placeholders:
///
/// - `{e164}`: `+79161234567` (a local number: its digits);
/// - `{digits}`: `79161234567`, the same without `+`;
/// - `{national}`: `9161234567` for a Russian number, `10` and the digits
///   for a foreign one (so that `8{national}` dials `810…`), the digits of
///   a local one.
///
/// The default is `{e164}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialFormat(String);

impl Default for DialFormat {
    fn default() -> Self {
        Self("{e164}".to_owned())
    }
}

const PLACEHOLDERS: [&str; 3] = ["{e164}", "{digits}", "{national}"];

impl DialFormat {
    /// Checks a pattern; `Err` says what is wrong.
    pub fn parse(pattern: &str) -> Result<Self, String> {
        let pattern = pattern.trim();
        let mut rest = pattern;
        let mut placeholders = 0;
        while !rest.is_empty() {
            if let Some(p) = PLACEHOLDERS.iter().find(|p| rest.starts_with(**p)) {
                rest = &rest[p.len()..];
                placeholders += 1;
            } else {
                let c = rest.chars().next().unwrap_or_default();
                if !(c.is_ascii_digit() || matches!(c, '+' | '*' | '#')) {
                    return Err(format!(
                        "{c:?} is not allowed: digits, + * #, {{e164}}, {{digits}} or {{national}}"
                    ));
                }
                rest = &rest[c.len_utf8()..];
            }
        }
        if placeholders == 0 {
            return Err("no {e164}, {digits} or {national} in it".to_owned());
        }
        Ok(Self(pattern.to_owned()))
    }

    /// `phone` written in this format.
    pub(crate) fn apply(&self, phone: &Phone) -> String {
        let national = match phone.kind() {
            PhoneKind::Russian => phone.digits()[1..].to_owned(),
            PhoneKind::Foreign => format!("10{}", phone.digits()),
            PhoneKind::Local => phone.digits().to_owned(),
        };
        self.0
            .replace("{e164}", phone.canonical())
            .replace("{digits}", phone.digits())
            .replace("{national}", &national)
    }
}

/// `[calls] dial_command`: a program and its arguments, `{number}` in one
/// of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialCommand(Vec<String>);

impl DialCommand {
    /// Splits the template at whitespace; `Err` when it is empty.
    pub fn parse(template: &str) -> Result<Self, String> {
        let words: Vec<String> = template.split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return Err("empty".to_owned());
        }
        Ok(Self(words))
    }

    /// The argv for `number`: `{number}` replaced where it is written, else
    /// the number added last. A number is digits and `+ * #` only, so it
    /// adds no argument and no option.
    pub fn argv(&self, number: &str) -> Vec<String> {
        let mut argv: Vec<String> = self
            .0
            .iter()
            .map(|word| word.replace("{number}", number))
            .collect();
        if !self.0.iter().any(|word| word.contains("{number}")) {
            argv.push(number.to_owned());
        }
        argv
    }
}

/// How this desk dials.
#[derive(Debug, Clone, Default)]
pub struct Dialer {
    /// `[calls.ami]` with its `channel`: dials by `Originate`.
    pub ami: Option<AmiConfig>,
    pub command: Option<DialCommand>,
    pub format: DialFormat,
}

impl Dialer {
    /// Dials `number` (a phone as typed or stored): `Ok` once the PBX took
    /// the `Originate` or the command succeeded.
    pub async fn dial(&self, number: &str) -> Result<(), DialFailure> {
        let phone = phone::parse(number, None)
            .map_err(|_| DialFailure::NotANumber(crate::text::excerpt(number, 40)))?;
        let dialled = self.format.apply(&phone);
        match (&self.ami, &self.command) {
            (Some(ami), _) if ami.channel.is_some() => originate(ami, &dialled).await,
            (_, Some(command)) => run_command(command, &dialled).await,
            _ => Err(DialFailure::NotConfigured),
        }
    }
}

/// `Action: Originate` of the operator's channel to `number`, on a new
/// connection; the `Response` read.
async fn originate(config: &AmiConfig, number: &str) -> Result<(), DialFailure> {
    let channel = config.channel.as_deref().unwrap_or_default();
    let mut conn = Connection::open(config, "off", (PATIENCE, PATIENCE))
        .await
        .map_err(|e| match e {
            OpenError::Refused => DialFailure::LoginRefused,
            OpenError::Failed(reason) => DialFailure::PbxUnreachable(reason),
        })?;
    let action_id = format!("crmcard-dial-{}", std::process::id());
    let action = format!(
        "Action: Originate\r\nActionID: {action_id}\r\nChannel: {channel}\r\nContext: {context}\r\nExten: {number}\r\nPriority: 1\r\nCallerID: {number}\r\nAsync: true\r\n\r\n",
        context = config.dial_context,
    );
    let lost = |e: std::io::Error| DialFailure::PbxUnreachable(e.to_string());
    conn.send(action.as_bytes()).await.map_err(lost)?;
    let response = tokio::time::timeout(PATIENCE, conn.response(&action_id))
        .await
        .map_err(|_| DialFailure::PbxUnreachable("no answer to the call in time".to_owned()))?
        .map_err(lost)?;
    let _ = conn
        .send(b"Action: Logoff\r\nActionID: crmcard-logoff\r\n\r\n")
        .await;
    if response.is("Response", "Success") {
        tracing::info!(channel, "call-back sent to the PBX");
        Ok(())
    } else {
        let message = response.get("Message").unwrap_or("no reason given");
        Err(DialFailure::Refused(crate::text::excerpt(message, 120)))
    }
}

/// Runs the dial command without a shell and waits for it.
async fn run_command(command: &DialCommand, number: &str) -> Result<(), DialFailure> {
    let argv = command.argv(number);
    let program = argv[0].clone();
    let child = tokio::process::Command::new(&program)
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(DialFailure::CommandNotFound { program });
        }
        Err(e) => {
            return Err(DialFailure::CommandError {
                program,
                reason: e.to_string(),
            });
        }
    };
    match tokio::time::timeout(PATIENCE, child.wait()).await {
        Ok(Ok(status)) if status.success() => Ok(()),
        Ok(Ok(status)) => Err(DialFailure::CommandFailed {
            program,
            code: status.code(),
        }),
        Ok(Err(e)) => Err(DialFailure::CommandError {
            program,
            reason: e.to_string(),
        }),
        Err(_) => Err(DialFailure::CommandError {
            program,
            reason: "did not finish in time".to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(text: &str) -> Phone {
        phone::parse(text, None).expect("a phone")
    }

    #[test]
    fn the_format_writes_the_canonical_number_as_the_pbx_wants() {
        let russian = phone("8 916 123-45-67");
        let foreign = phone("+375 29 123-45-67");
        let local = phone("123-45-67");
        for (pattern, number, want) in [
            ("{e164}", &russian, "+79161234567"),
            ("8{national}", &russian, "89161234567"),
            ("9{e164}", &russian, "9+79161234567"),
            ("9{digits}", &russian, "979161234567"),
            ("8{national}", &foreign, "810375291234567"),
            ("{e164}", &foreign, "+375291234567"),
            ("{national}", &local, "1234567"),
        ] {
            let format = DialFormat::parse(pattern).expect(pattern);
            assert_eq!(format.apply(number), want, "{pattern}");
        }
        assert_eq!(DialFormat::default().apply(&russian), "+79161234567");
    }

    #[test]
    fn a_format_with_anything_else_is_refused() {
        for bad in ["", "8", "{number}", "8{national};rm", "{e164} x", "{nat}"] {
            assert!(DialFormat::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_command_is_split_without_a_shell_and_the_number_put_in_its_place() {
        let command = DialCommand::parse("linphonecsh dial {number}").expect("parsed");
        assert_eq!(
            command.argv("+79161234567"),
            ["linphonecsh", "dial", "+79161234567"]
        );
        let uri = DialCommand::parse("baresip-dial  sip:{number}@pbx --now").expect("parsed");
        assert_eq!(
            uri.argv("89161234567"),
            ["baresip-dial", "sip:89161234567@pbx", "--now"]
        );
        let appended = DialCommand::parse("softphone --call").expect("parsed");
        assert_eq!(appended.argv("101"), ["softphone", "--call", "101"]);
        let quoted = DialCommand::parse("sh -c 'echo;{number}'").expect("parsed");
        assert_eq!(
            quoted.argv("101"),
            ["sh", "-c", "'echo;101'"],
            "no shell reads the quotes"
        );
        assert!(DialCommand::parse("  ").is_err());
    }

    #[tokio::test]
    async fn a_command_that_fails_or_is_missing_says_so() {
        let dialer = |template: &str| Dialer {
            command: Some(DialCommand::parse(template).expect("parsed")),
            ..Dialer::default()
        };
        assert_eq!(dialer("true {number}").dial("89161234567").await, Ok(()));
        assert_eq!(
            dialer("false {number}").dial("89161234567").await,
            Err(DialFailure::CommandFailed {
                program: "false".into(),
                code: Some(1)
            })
        );
        assert_eq!(
            dialer("/nonexistent/linphonecsh dial {number}")
                .dial("89161234567")
                .await,
            Err(DialFailure::CommandNotFound {
                program: "/nonexistent/linphonecsh".into()
            })
        );
        assert_eq!(
            Dialer::default().dial("89161234567").await,
            Err(DialFailure::NotConfigured)
        );
        assert!(matches!(
            dialer("true").dial("call me").await,
            Err(DialFailure::NotANumber(_))
        ));
    }
}
