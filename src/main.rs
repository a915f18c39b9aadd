//! The `cairn` binary: subcommands run on the command line; plain `cairn`
//! opens the window.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    let cli = cairn::cli::Cli::parse();
    let result = match cli.command {
        Some(cmd) => cairn::cli::run(cmd),
        None => cairn::app::run(cli.file),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cairn: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
