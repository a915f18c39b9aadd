//! `cairn backups` (list a workbench's rolling backups) and `cairn restore`
//! (put one back, after backing up the file as it is).

use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::store::backups;
use crate::workbench::Workbench;

/// The arguments of `cairn backups` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct BackupsArgs {
    pub file: PathBuf,
}

/// The arguments of `cairn restore` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    pub file: PathBuf,
    /// The backup: a path, or a file name listed by `cairn backups`.
    #[arg(long)]
    pub from: PathBuf,
}

pub fn list(file: &Path) -> anyhow::Result<()> {
    if !file.exists() {
        bail!("{} does not exist", file.display());
    }
    let (store, _) = crate::cli::open_store(file)?;
    let now = store.history_len();
    let found = backups::list(file)?;
    let mut text = String::new();
    if found.is_empty() {
        text += &format!(
            "No backups of {} yet. One is taken before the first edit of each day, in {}.\n",
            file.display(),
            backups::folder(file).display()
        );
    } else {
        text += "taken\tsize\tplan\tedits since\tkind\tfile\n";
    }
    for b in &found {
        let title = b
            .title
            .clone()
            .unwrap_or_else(|e| format!("(unreadable: {e})"));
        let since = b
            .edits_since(now)
            .map_or_else(|| "—".to_owned(), |n| n.to_string());
        text += &format!(
            "{}\t{}\t{title}\t{since}\t{}\t{}\n",
            b.taken.format("%Y-%m-%d %H:%M:%S"),
            b.size_text(),
            b.kind.label(),
            b.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
    }
    crate::cli::say(&text)
}

/// A backup named by path, or by file name inside the backups folder.
pub fn resolve(file: &Path, from: &Path) -> PathBuf {
    if from.exists() || from.components().count() > 1 {
        return from.to_owned();
    }
    backups::folder(file).join(from)
}

pub fn restore(file: &Path, from: &Path) -> anyhow::Result<()> {
    let source = resolve(file, from);
    if !source.exists() {
        bail!(
            "no backup {} (see `cairn backups {}`); nothing was changed",
            source.display(),
            file.display()
        );
    }
    let mut wb = Workbench::open(file)?;
    let before = wb.restore_from(&source)?;
    let name = before
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    eprintln!(
        "Restored {} from {}. The file as it was is kept as {}; `cairn restore {} --from {name}` undoes this.",
        file.display(),
        source.display(),
        before.display(),
        file.display(),
    );
    Ok(())
}
