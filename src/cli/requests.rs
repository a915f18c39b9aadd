//! `cairn request-updates`, `cairn requests` and `cairn merge-updates`:
//! the update cycle with owners, on files.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::{say, tell_notices};
use crate::command::Command;
use crate::model::{RequestBy, UpdateRequest};
use crate::requests::{RequestOptions, Review, plan_requests, write_requests};
use crate::workbench::Workbench;

/// The arguments of `cairn request-updates` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct RequestUpdatesArgs {
    pub file: PathBuf,
    /// The period asked about, e.g. "FY2026 Q2".
    #[arg(long)]
    pub period: String,
    /// owner or department.
    #[arg(long, default_value = "owner")]
    pub by: String,
    /// When they are due back, YYYY-MM-DD.
    #[arg(long)]
    pub due: Option<String>,
    /// The folder to write them into (made if missing; must not hold files of the same names).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// The arguments of `cairn requests` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct RequestsArgs {
    pub file: PathBuf,
}

/// The arguments of `cairn merge-updates` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct MergeUpdatesArgs {
    pub file: PathBuf,
    #[arg(required = true)]
    pub returned: Vec<PathBuf>,
    /// Show the review and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Take the owners' values where the plan changed since sending too
    /// (by default such rows are shown and not applied).
    #[arg(long)]
    pub accept_conflicts: bool,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What `cairn request-updates` was given.
pub(super) struct RequestArgs {
    pub period: String,
    pub by: String,
    pub due: Option<String>,
    pub output: PathBuf,
}

/// Writes one request per owner into the folder and records them in the
/// register. Nothing is recorded unless every file was written.
pub(super) fn request_updates(file: &Path, args: &RequestArgs) -> anyhow::Result<()> {
    let by = RequestBy::parse(&args.by)
        .with_context(|| format!("--by {:?}: use owner or department", args.by))?;
    let due = match &args.due {
        Some(t) => crate::command::parse_date(t).map_err(|e| anyhow::anyhow!("--due: {e}"))?,
        None => None,
    };
    let mut wb = Workbench::open(file)?;
    let user = wb.store().user().to_owned();
    let opts = RequestOptions {
        period: args.period.clone(),
        by,
        due,
        sent_by: user.clone(),
        return_to: user.clone(),
        at: now(),
    };
    let requests = plan_requests(wb.plan(), wb.tree(), &opts).map_err(anyhow::Error::msg)?;
    let written = write_requests(
        wb.plan(),
        wb.tree(),
        &requests,
        &args.output,
        &user,
        &|| false,
    )
    .map_err(anyhow::Error::msg)?;
    if let Err(e) = wb.apply(&Command::RegisterRequests(requests.clone())) {
        for p in &written {
            let _ = std::fs::remove_file(p);
        }
        bail!("the requests could not be recorded, so the files were removed: {e}");
    }
    tell_notices(&mut wb);
    let mut out = String::new();
    for (r, path) in requests.iter().zip(&written) {
        out += &format!(
            "{}  {}  {}, {}  {}\n",
            r.id,
            r.to,
            crate::model::text::count(r.items.len(), "initiative"),
            crate::model::text::count(r.kpis.len(), "KPI"),
            path.display()
        );
    }
    say(&out)?;
    eprintln!(
        "Wrote {} for {} into {}.",
        crate::model::text::count(requests.len(), "update request"),
        args.period,
        args.output.display()
    );
    Ok(())
}

/// The register as a table.
pub fn register_table(requests: &[UpdateRequest], today: chrono::NaiveDate) -> String {
    let mut rows = vec![[
        "Request".to_owned(),
        "Period".to_owned(),
        "Who".to_owned(),
        "Items".to_owned(),
        "Sent".to_owned(),
        "Due".to_owned(),
        "Returned".to_owned(),
        "State".to_owned(),
    ]];
    for r in requests {
        let state = r.state(today);
        let state = match state {
            crate::model::RequestState::Merged | crate::model::RequestState::Rejected => format!(
                "{} ({} accepted, {} rejected, by {})",
                state.label(),
                r.accepted,
                r.rejected,
                r.merged_by
            ),
            _ => state.label().to_owned(),
        };
        rows.push([
            r.id.clone(),
            r.period.clone(),
            r.to.clone(),
            r.rows().to_string(),
            UpdateRequest::day(&r.sent_at).to_owned(),
            r.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            r.merged_at
                .as_deref()
                .map_or_else(|| "—".to_owned(), |t| UpdateRequest::day(t).to_owned()),
            state,
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out += cells.join("  ").trim_end();
        out.push('\n');
    }
    out
}

/// `cairn requests FILE`.
pub(super) fn list(file: &Path) -> anyhow::Result<()> {
    let plan = super::open(file)?;
    if plan.requests.is_empty() {
        eprintln!("No update requests have been sent from {}.", file.display());
        return Ok(());
    }
    say(&register_table(
        &plan.requests,
        chrono::Local::now().date_naive(),
    ))
}

/// The review as text: per owner, each change old → new, conflicts with
/// both values, and the problems.
pub fn review_text(review: &Review, accept_conflicts: bool) -> String {
    let mut out = String::new();
    for r in &review.returned {
        out += &format!(
            "{} ({}, request {}, {}): {} changed, {} unchanged\n",
            r.to,
            r.file,
            r.request,
            r.period,
            r.rows.len(),
            r.unchanged
        );
        for row in &r.rows {
            let mark = if !row.conflict() {
                "  "
            } else if accept_conflicts {
                "! "
            } else {
                "✗ "
            };
            out += &format!("{mark}{} row {} {}\n", row.sheet, row.row, row.label);
            for c in &row.changes {
                if c.conflict() {
                    out += &format!(
                        "      {}: CONFLICT: sent {}, the plan now has {}, {} returned {}\n",
                        c.field.label(),
                        c.sent,
                        c.now,
                        r.to,
                        c.new
                    );
                } else {
                    out += &format!("      {}: {} → {}\n", c.field.label(), c.now, c.new);
                }
            }
        }
    }
    for p in &review.problems {
        out += &format!("problem: {p}\n");
    }
    out
}

/// `cairn merge-updates FILE RETURNED... [--dry-run] [--accept-conflicts]`.
pub(super) fn merge(
    file: &Path,
    returned: &[PathBuf],
    dry_run: bool,
    accept_conflicts: bool,
) -> anyhow::Result<()> {
    let mut files = Vec::with_capacity(returned.len());
    for p in returned {
        let bytes = std::fs::read(p).with_context(|| format!("{} cannot be read", p.display()))?;
        let name = p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        files.push((name, bytes));
    }
    let mut wb = Workbench::open(file)?;
    let review = Review::build(wb.plan(), &files);
    say(&review_text(&review, accept_conflicts))?;
    if !review.problems.is_empty() {
        bail!(
            "{} in the returned files; nothing was merged. Fix them (or ask the owner to) and merge again.",
            crate::model::text::count(review.problems.len(), "problem")
        );
    }
    let conflicts = review.conflicts();
    if dry_run {
        eprintln!(
            "Dry run: nothing was written. {} {}.",
            crate::model::text::count(conflicts, "conflict"),
            if accept_conflicts {
                "would be taken from the owners"
            } else {
                "would be rejected (merge with --accept-conflicts to take the owners' values)"
            }
        );
        return Ok(());
    }
    let accept = |i: usize, j: usize| accept_conflicts || !review.returned[i].rows[j].conflict();
    let by = wb.store().user().to_owned();
    let merge = review
        .merge(wb.plan(), &accept, &by, &now())
        .map_err(anyhow::Error::msg)?;
    let (accepted, rejected): (usize, usize) = merge
        .requests
        .iter()
        .fold((0, 0), |(a, r), m| (a + m.accepted, r + m.rejected));
    wb.apply(&Command::MergeUpdates(Box::new(merge)))?;
    tell_notices(&mut wb);
    eprintln!(
        "Merged {} into {}: {} accepted, {rejected} rejected{}.",
        crate::model::text::count(review.returned.len(), "returned request"),
        file.display(),
        crate::model::text::count(accepted, "row"),
        if conflicts > 0 && !accept_conflicts {
            " (the conflicts above were not applied)"
        } else {
            ""
        }
    );
    Ok(())
}
