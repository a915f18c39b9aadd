//! `cairn copy` and `cairn merge`: a copy for a colleague, and merging it
//! back with its review.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{say, tell_notices};
use crate::store::copies::{CopyChoices, CopyReview};
use crate::store::{Store, StoreError};
use crate::workbench::Workbench;

/// The arguments of `cairn copy` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct CopyArgs {
    pub file: PathBuf,
    #[arg(short, long)]
    pub output: PathBuf,
}

/// The arguments of `cairn merge` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    pub file: PathBuf,
    pub other: PathBuf,
    /// Show the review and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Settle this conflict for the copy (its key in [brackets] in the review).
    #[arg(long, value_name = "KEY")]
    pub take: Vec<String>,
    /// Settle every conflict that can be for the copy.
    #[arg(long)]
    pub take_all: bool,
    /// Leave this change out (its key in [brackets] in the review).
    #[arg(long, value_name = "KEY")]
    pub leave_out: Vec<String>,
}

/// Writes a copy of FILE to OUTPUT that remembers where it came from.
pub(super) fn copy(file: &Path, output: &Path) -> anyhow::Result<()> {
    let store = match Store::open(file) {
        Ok((store, _)) => store,
        Err(StoreError::InUse { .. }) => Store::open_read_only(file)?.0,
        Err(e) => return Err(e.into()),
    };
    store.save_copy(output)?;
    say(&format!(
        "Wrote {}: a copy of {} that can be merged back with `cairn merge {} {}`.\n",
        output.display(),
        file.display(),
        file.display(),
        output.display()
    ))
}

/// The review as text: each change with its fields, conflicts marked.
pub fn review_text(review: &CopyReview) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Copy {}: taken from {} by {} on {}.",
        review.copy.display(),
        review.origin.path,
        review.origin.taken_by,
        review.origin.taken_at
    );
    if review.changes.is_empty() {
        let _ = writeln!(out, "The copy changes nothing in the plan.");
    }
    for change in &review.changes {
        let mark = if change.conflict.is_some() {
            "CONFLICT "
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\n{mark}{} ({}) [{}]",
            change.title,
            change.kind.label(),
            change.subject
        );
        if let Some(c) = &change.conflict {
            let _ = writeln!(out, "  {}", c.explain());
        }
        for f in &change.fields {
            let _ = write!(out, "  {}: {} → {}", f.field, f.was, f.copy);
            if let Some(here) = &f.here {
                let _ = write!(out, " (here: {here})");
            }
            out.push('\n');
        }
    }
    let conflicts = review.conflicts().count();
    let _ = writeln!(
        out,
        "\n{}, {}; {} from the copy.",
        crate::model::text::count(review.changes.len(), "change"),
        crate::model::text::count(conflicts, "conflict"),
        crate::model::text::count(review.history, "history entry"),
    );
    out
}

/// Merges the copy OTHER into FILE, or with `dry_run` shows what would be
/// merged. Conflicts keep FILE's values unless named in `take` (or all,
/// with `take_all`); subjects in `leave_out` are not brought in.
pub(super) fn merge(
    file: &Path,
    other: &Path,
    dry_run: bool,
    take: &[String],
    take_all: bool,
    leave_out: &[String],
) -> anyhow::Result<()> {
    let mut wb = Workbench::open(file)?;
    let review = wb.review_copy(other)?;
    let known: BTreeSet<&str> = review.changes.iter().map(|c| c.subject.as_str()).collect();
    for s in take.iter().chain(leave_out) {
        if !known.contains(s.as_str()) {
            bail!(
                "{s:?} is not one of the copy's changes; `cairn merge {} {} --dry-run` lists them in [brackets]",
                file.display(),
                other.display()
            );
        }
    }
    say(&review_text(&review))?;
    if dry_run {
        return say("Dry run: nothing was written.\n");
    }
    let choices = CopyChoices {
        leave_out: leave_out.iter().cloned().collect(),
        take_copy: review
            .conflicts()
            .filter(|c| c.conflict.as_ref().is_some_and(|k| k.can_take_copy()))
            .filter(|c| take_all || take.contains(&c.subject))
            .map(|c| c.subject.clone())
            .collect(),
    };
    let merged = wb.merge_copy(other, &choices)?;
    tell_notices(&mut wb);
    say(&format!("Merged: {}.\n", merged.summary()))
}
