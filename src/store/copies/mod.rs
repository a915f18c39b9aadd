//! A colleague's copy, merged back. A copy taken with File → Save a copy…
//! (`cairn copy`) records the file it came from and that file as it stood
//! then (its base). Merging diffs the copy against its base with SQLite's
//! session extension (`sqlite3session_diff`), and applies that changeset
//! here with a conflict handler that hands every conflicting row to the
//! review instead of settling it:
//!
//! - [`Store::review_copy`] applies the changeset inside a transaction that
//!   is rolled back, and reports each changed item, KPI, meeting… with its
//!   fields (as it was, in the copy, and here when this file has changed it
//!   too);
//! - [`Store::merge_copy`] applies it for real, with the analyst's choices:
//!   changes left out, and conflicts settled for the copy. Everything else
//!   is kept as this file has it.
//!
//! The copy's history rows come along with their authors and times.

mod apply;
mod changeset;
mod describe;
mod origin;
mod session;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Plan;

use super::{HistoryEntry, Store, StoreError, rows};

pub use describe::{ChangeKind, ConflictKind, CopyChange, FieldChange};
pub use origin::CopyOrigin;

/// Why a copy cannot be merged. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path} is this workbench itself; choose the copy your colleague sent")]
    Itself { path: String },
    #[error(
        "{path} does not record where it was copied from, so Cairn cannot tell what changed in it. Ask for a copy made with File → Save a copy… (or `cairn copy`) from this workbench."
    )]
    NotACopy { path: String },
    #[error(
        "{path} is the same workbench as this one, copied as a file rather than with File → Save a copy…; Cairn cannot tell what changed in it"
    )]
    SameFile { path: String },
    #[error("{path} was copied from another workbench ({origin}), not from this one")]
    OtherOrigin { path: String, origin: String },
    #[error("{path} is open read-only; a copy cannot be merged into it")]
    ReadOnly { path: String },
    #[error("the copy could not be merged: {0}. Nothing was changed.")]
    Failed(String),
    #[error("the merged plan would not hold together: {0}. Nothing was changed.")]
    Invalid(String),
}

impl From<rusqlite::Error> for CopyError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Failed(e.to_string())
    }
}

/// What merging a copy would bring.
#[derive(Clone, Debug)]
pub struct CopyReview {
    pub copy: PathBuf,
    pub origin: CopyOrigin,
    /// Each changed item, KPI, meeting, setting…, in the plan's order.
    pub changes: Vec<CopyChange>,
    /// History entries the copy has that this file does not.
    pub history: usize,
}

impl CopyReview {
    pub fn conflicts(&self) -> impl Iterator<Item = &CopyChange> {
        self.changes.iter().filter(|c| c.conflict.is_some())
    }
}

/// The analyst's decisions on a review, by [`CopyChange::subject`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CopyChoices {
    /// Changes not to bring in.
    pub leave_out: BTreeSet<String>,
    /// Conflicts settled for the copy (the rest keep this file's values).
    pub take_copy: BTreeSet<String>,
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CopyMerged {
    /// Rows of the copy written here.
    pub rows: usize,
    /// Conflicts settled for the copy.
    pub taken: usize,
    /// Conflicts kept as this file has them.
    pub kept: usize,
    /// Changes the analyst left out.
    pub left_out: usize,
    /// History entries brought from the copy.
    pub history: usize,
}

impl CopyMerged {
    /// One line for the status bar and the command line.
    pub fn summary(&self) -> String {
        format!(
            "{} merged; {} kept as here, {} taken from the copy; {} left out; {} from the copy",
            crate::model::text::count(self.rows, "row"),
            crate::model::text::count(self.kept, "conflict"),
            self.taken,
            crate::model::text::count(self.left_out, "change"),
            crate::model::text::count(self.history, "history entry"),
        )
    }
}

/// One pass of the changeset over this file, rolled back or committed.
struct Pass {
    applied: apply::Applied,
    /// Every row the copy changed, before any was left out.
    all_rows: Vec<changeset::Row>,
    /// The rows applied, when some were left out (`None`: all).
    rows: Option<Vec<changeset::Row>>,
    /// Subjects this file changed since the copy was taken.
    here: HashSet<String>,
    plan: Plan,
}

impl Store {
    /// The subjects this file changed since it stood as `base` (a file).
    fn changed_since(&self, base: &str) -> Result<HashSet<String>, CopyError> {
        self.conn.execute("ATTACH ?1 AS cairn_base", [base])?;
        let local = changeset::diff(&self.conn, "cairn_base");
        let rows = local.and_then(|bytes| changeset::rows(&self.conn, "cairn_base", &bytes));
        self.conn.execute("DETACH cairn_base", [])?;
        Ok(rows?.into_iter().map(|r| r.subject).collect())
    }

    /// What merging the copy at `other` into this file (whose plan is
    /// `here`) would change, with conflicts; the file is not changed.
    pub fn review_copy(&mut self, other: &Path, here: &Plan) -> Result<CopyReview, CopyError> {
        let mut work = origin::Work::open(self, other)?;
        let pass = self.pass(&mut work, here, &CopyChoices::default(), false)?;
        let copy_plan = rows::read(&work.conn)?;
        let changes =
            describe::changes(&pass.all_rows, &pass.applied, &pass.here, here, &copy_plan);
        Ok(CopyReview {
            copy: other.to_owned(),
            origin: work.origin.clone(),
            changes,
            history: pass
                .rows
                .as_ref()
                .unwrap_or(&pass.all_rows)
                .iter()
                .filter(|r| r.table == "history" && !pass.applied.already.contains(&r.key))
                .count(),
        })
    }

    /// Merges the copy at `other` with `choices`, in one transaction, and
    /// returns the plan as it now stands (`here`: this file's plan before).
    /// Like any edit, the day's first is preceded by a backup.
    pub fn merge_copy(
        &mut self,
        other: &Path,
        choices: &CopyChoices,
        here: &Plan,
    ) -> Result<(Plan, CopyMerged), CopyError> {
        let mut work = origin::Work::open(self, other)?;
        if let Err(e) = self.daily_backup(&here.info.backups) {
            self.backup_notice = Some(format!("No backup was taken today: {e}"));
        }
        let pass = self.pass(&mut work, here, choices, true)?;
        let conflicts: HashSet<&str> = pass
            .applied
            .conflicts
            .keys()
            .filter_map(|k| pass.applied.subject_of.get(k).map(String::as_str))
            .collect();
        let taken = conflicts
            .iter()
            .filter(|s| choices.take_copy.contains(**s))
            .count();
        let merged = CopyMerged {
            rows: pass.applied.written,
            taken,
            kept: conflicts.len() - taken,
            left_out: choices.leave_out.len(),
            history: pass.applied.history_brought,
        };
        Ok((pass.plan, merged))
    }

    fn pass(
        &mut self,
        work: &mut origin::Work,
        here_plan: &Plan,
        choices: &CopyChoices,
        commit: bool,
    ) -> Result<Pass, CopyError> {
        if self.read_only {
            return Err(CopyError::ReadOnly {
                path: super::shown(&self.path),
            });
        }
        let full = changeset::diff(&work.conn, "base")?;
        let all_rows = changeset::rows(&work.conn, "base", &full)?;
        // What this file changed since the copy was taken, when the copy
        // removes something: a removal of what was changed here is a
        // conflict, not a cascade.
        let here = if describe::removes_anything(&all_rows) {
            self.changed_since(&work.base_path())?
        } else {
            HashSet::new()
        };
        // Removals of what was changed here stay out unless taken.
        let mut leave_out = choices.leave_out.clone();
        leave_out.extend(
            describe::removed_but_changed_here(&all_rows, &here)
                .filter(|s| !choices.take_copy.contains(s)),
        );
        let (bytes, rows) = if leave_out.is_empty() {
            (full, None)
        } else {
            let conn = work.writable()?;
            changeset::revert(conn, "base", &all_rows, &leave_out)?;
            let bytes = changeset::diff(conn, "base")?;
            let rows = changeset::rows(conn, "base", &bytes)?;
            (bytes, Some(rows))
        };
        let rows_applied = rows.as_ref().unwrap_or(&all_rows);
        let subject_of: HashMap<String, String> = rows_applied
            .iter()
            .map(|r| (r.key.clone(), r.subject.clone()))
            .collect();
        let history_rows: Vec<&changeset::Row> = rows_applied
            .iter()
            .filter(|r| r.table == "history")
            .collect();
        let who = self.user.clone();
        let at = super::now_rfc3339();
        let tx = self.conn.transaction()?;
        let last_here: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM history", [], |r| r.get(0))?;
        let applied = apply::apply(
            &tx,
            &bytes,
            Arc::new(subject_of),
            Arc::new(choices.take_copy.clone()),
        )?;
        apply::renumber_history(&tx, last_here, &history_rows, &applied)?;
        let kept = applied
            .conflicts
            .keys()
            .filter(|k| {
                !applied
                    .subject_of
                    .get(*k)
                    .is_some_and(|s| choices.take_copy.contains(s))
            })
            .count();
        let entry = HistoryEntry {
            reason: format!(
                "{}: {} merged, {} kept as here, {} left out",
                work.origin.describe(&work.copy_path),
                crate::model::text::count(applied.written, "row"),
                crate::model::text::count(kept, "conflicting row"),
                crate::model::text::count(choices.leave_out.len(), "change")
            ),
            ..HistoryEntry::new("merge copy", None)
        };
        super::insert_history(&tx, &at, &who, &[entry])?;
        let plan = apply::refresh(&tx, here_plan.clone(), rows_applied)?;
        plan.validate()
            .map_err(|why| CopyError::Invalid(why.to_string()))?;
        if commit {
            tx.commit()?;
        }
        Ok(Pass {
            applied,
            all_rows,
            rows,
            here,
            plan,
        })
    }
}
