//! The `cairn` binary: subcommands run on the command line; plain `cairn`
//! opens the window.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    cairn::store::crash::install_panic_hook();
    let cli = cairn::cli::Cli::parse();
    if let Some(name) = &cli.as_name {
        cairn::store::person::sign_as(name);
    }
    let result = match cli.command {
        Some(cmd) => cairn::cli::run(cmd),
        None => open_window(cli.file),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // The reader of our output went away (`cairn tree F | head`): what
        // it wanted it has; end quietly, as other command-line tools do.
        Err(e) if cairn::cli::is_closed_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "cairn: {e:#}");
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
