//! The window. Placeholder until the workbench window lands.
use std::path::PathBuf;

/// Opens the window on `file`, or on the default workbench.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let path = match file {
        Some(f) => f,
        None => crate::paths::ensure_default_workbench()?,
    };
    let wb = crate::workbench::Workbench::open(&path)?;
    print!("{}", crate::cli::tree_text(wb.plan()));
    Ok(())
}
