//! The sandbox CRM: a stand-in for the real server, speaking the same API.

use crate::cli::SandboxArgs;

/// Runs `crmcard sandbox …` until Ctrl-C.
pub fn run(_args: SandboxArgs) -> Result<(), Box<dyn std::error::Error>> {
    Err("the sandbox is being built".into())
}
