use clap::Parser;
use crmcard::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Sandbox(args)) => crmcard::sandbox::run(args.clone()),
        Some(Command::Directory(args)) => crmcard::directory::command::run(&cli, args),
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
