use clap::Parser;
use crmcard::cli::{Cli, Command};
use crmcard::sandbox::SandboxConfig;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Sandbox(args)) => {
            crmcard::sandbox::run(SandboxConfig::from(args), args.listen, |sandbox| {
                println!(
                    "crmcard sandbox listening on {} (sid {}, objectId {})",
                    sandbox.base_url(),
                    args.sid,
                    args.object_id
                );
            })
        }
        None => crmcard::start::run(&cli),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crmcard: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
