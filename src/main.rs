use std::io::Write;

use clap::Parser;
use crmcard::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        #[cfg(feature = "sandbox")]
        Some(Command::Sandbox(args)) => crmcard::sandbox::run(
            crmcard::sandbox::SandboxConfig::from(args),
            args.listen,
            |sandbox| {
                let _ = writeln!(
                    std::io::stdout(),
                    "crmcard sandbox listening on {} (sid {}, objectId {})",
                    sandbox.base_url(),
                    args.sid,
                    args.object_id
                );
            },
        ),
        #[cfg(not(feature = "sandbox"))]
        Some(Command::Sandbox(_)) => Err(crmcard::start::sandbox_not_built(&cli).into()),
        Some(Command::Call(args)) => {
            let socket = args.socket.as_deref().or(cli.socket.as_deref());
            return match crmcard::calls::client::run(socket, args) {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "crmcard: {e}");
                    std::process::ExitCode::from(e.exit_status())
                }
            };
        }
        Some(Command::Directory(args)) => crmcard::directory::command::run(&cli, args),
        None => crmcard::start::run(&cli),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Not `eprintln!`: it panics when stderr is a terminal that is
            // gone, which is how a closed terminal ends the TUI.
            let _ = writeln!(std::io::stderr(), "crmcard: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
