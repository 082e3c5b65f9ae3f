//! The calls' part of the start: the AMI settings with their secret, and
//! why the call socket is not listened on, as start-up notices.

use crate::app::vocab::{CallsProblem, Notice};
use crate::calls::ami_config::{AmiConfig, SECRET_ENV};
use crate::calls::server::ListenError;
use crate::config;

/// `[calls.ami]` with its secret read, or `None` (a notice says why when
/// the table is there but cannot be used).
pub(super) fn ami_config(config: &config::Config, notices: &mut Vec<Notice>) -> Option<AmiConfig> {
    let settings = config.calls_ami.as_ref()?;
    match settings.resolve(std::env::var(SECRET_ENV).ok()) {
        Ok(ami) => Some(ami),
        Err(e) => {
            notices.push(Notice::CallsOff(CallsProblem::AmiUnusable {
                reason: e.to_string(),
            }));
            None
        }
    }
}

/// Why the call socket is not listened on, for the start-up notice.
pub(super) fn listen_problem(e: &ListenError) -> CallsProblem {
    match e {
        ListenError::AlreadyRunning(socket) => CallsProblem::AlreadyRunning {
            socket: socket.clone(),
        },
        other => CallsProblem::NotListening {
            reason: other.to_string(),
        },
    }
}
