//! The `cairn` binary: subcommands run on the command line; plain `cairn`
//! opens the window.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    let cli = cairn::cli::Cli::parse();
    let result = match cli.command {
        Some(cmd) => cairn::cli::run(cmd),
        None => open_window(cli.file),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cairn: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    cairn::app::run(file)
}

#[cfg(not(feature = "gui"))]
fn open_window(_file: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!(
        "this build of Cairn has no window (built without the \"gui\" feature); use a subcommand, see --help"
    )
}
