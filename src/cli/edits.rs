//! `cairn set` (one field, or many from standard input) and `cairn comment`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::tell_notices;
use crate::command::{Command, ItemField};
use crate::workbench::Workbench;

/// The arguments of `cairn set` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct SetArgs {
    pub file: PathBuf,
    #[arg(required_unless_present = "stdin")]
    pub code: Option<String>,
    #[arg(required_unless_present = "stdin")]
    pub field: Option<String>,
    #[arg(required_unless_present = "stdin")]
    pub value: Option<String>,
    #[arg(long, conflicts_with_all = ["code", "field", "value"])]
    pub stdin: bool,
    /// For status and percent: the reporting period they are recorded
    /// for, e.g. "FY2026 Q2" (default: today's reporting period).
    #[arg(long)]
    pub period: Option<String>,
}

/// The arguments of `cairn comment` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct CommentArgs {
    pub file: PathBuf,
    /// An item's code, or `plan` for the summary commentary.
    pub code: String,
    #[arg(long)]
    pub period: String,
    #[arg(long, default_value = "")]
    pub commentary: String,
    #[arg(long, default_value = "")]
    pub recommendations: String,
}

/// The arguments of `cairn update` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct UpdateArgs {
    pub file: PathBuf,
    /// The item's code, e.g. 2.1.3.
    pub code: String,
    /// The period the update is for, e.g. "FY2026 Q2".
    #[arg(long)]
    pub period: String,
    /// A status: its key (on_track) or the plan's label (On track).
    #[arg(long)]
    pub status: Option<String>,
    /// Percent complete, 0–100 (blank: unknown).
    #[arg(long)]
    pub percent: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
}

/// The arguments of `cairn lock` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct LockArgs {
    pub file: PathBuf,
    pub period: String,
}

/// The arguments of `cairn unlock` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct UnlockArgs {
    pub file: PathBuf,
    pub period: String,
    #[arg(long)]
    pub reason: String,
}

pub(super) fn set_from_stdin(file: &Path, period: Option<&str>) -> anyhow::Result<()> {
    let mut wb = Workbench::open(file)?;
    let mut out = std::io::stdout().lock();
    for (n, line) in std::io::stdin().lines().enumerate() {
        let line = line.context("could not read standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(code), Some(field), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            bail!("line {}: expected CODE<TAB>FIELD<TAB>VALUE", n + 1);
        };
        let recorded =
            set(&mut wb, code, field, value, period).with_context(|| format!("line {}", n + 1))?;
        tell_notices(&mut wb);
        if let Some(period) = recorded {
            writeln!(out, "line {}: {code} {field} recorded for {period}", n + 1)?;
        }
        writeln!(out, "saved {}", n + 1)?;
        out.flush()?;
    }
    Ok(())
}

/// Sets one field of the item with `code`. Status and percent complete are
/// recorded for `period`, or for today's reporting period when none is
/// given; the period they were recorded for is returned.
pub(super) fn set(
    wb: &mut Workbench,
    code: &str,
    field: &str,
    value: &str,
    period: Option<&str>,
) -> anyhow::Result<Option<String>> {
    let file = wb.path().to_owned();
    let Some(field) = ItemField::parse(field) else {
        let names: Vec<&str> = ItemField::ALL.iter().map(|f| f.key()).collect();
        bail!("unknown field {field:?}; use one of {}", names.join(", "));
    };
    let Some(pos) = wb.tree().item_by_code(code) else {
        bail!("no item has the code {code:?} in {}", file.display());
    };
    let item = wb.plan().items()[pos].id.clone();
    if !field.is_progress() {
        if period.is_some() {
            bail!(
                "--period is for status and percent, which are recorded per reporting period; {} is not",
                field.key()
            );
        }
        wb.apply(&Command::SetField {
            item,
            field,
            value: value.to_owned(),
        })?;
        return Ok(None);
    }
    let period = super::reporting_period(wb.plan(), period)?;
    let command = crate::command::figure_edit(wb.plan(), &item, &period, field, value)?;
    wb.apply(&command)?;
    Ok(Some(period))
}

pub(super) fn comment(
    file: &Path,
    code: &str,
    period: String,
    commentary: String,
    recommendations: String,
) -> anyhow::Result<()> {
    let mut wb = Workbench::open(file)?;
    let item = if code.eq_ignore_ascii_case("plan") {
        None
    } else {
        let Some(pos) = wb.tree().item_by_code(code) else {
            bail!("no item has the code {code:?} in {}", file.display());
        };
        Some(wb.plan().items()[pos].id.clone())
    };
    wb.apply(&Command::SetCommentary {
        item,
        period,
        commentary,
        recommendations,
    })?;
    tell_notices(&mut wb);
    Ok(())
}

/// What `cairn update` was given.
pub(super) struct Given {
    pub period: String,
    pub status: Option<String>,
    pub percent: Option<String>,
    pub note: Option<String>,
}

/// Records an item's progress for a period; what is not given is kept
/// from the item's figures as of that period.
pub(super) fn update(file: &Path, code: &str, given: Given) -> anyhow::Result<()> {
    let mut wb = Workbench::open(file)?;
    let Some(pos) = wb.tree().item_by_code(code) else {
        bail!("no item has the code {code:?} in {}", file.display());
    };
    let plan = wb.plan();
    let item = &plan.items()[pos];
    if plan.info.period_rank(&given.period).is_none() {
        let names: Vec<&str> = plan.info.periods.iter().map(|p| p.label.as_str()).collect();
        bail!(
            "the plan has no reporting period {:?}; use one of: {}",
            given.period,
            names.join(", ")
        );
    }
    let status = match &given.status {
        Some(text) => Some(
            crate::model::StatusKind::parse(text)
                .or_else(|| {
                    crate::model::StatusKind::ALL
                        .into_iter()
                        .find(|k| plan.info.status_label(*k).eq_ignore_ascii_case(text.trim()))
                })
                .with_context(|| {
                    let labels: Vec<&str> = crate::model::StatusKind::ALL
                        .iter()
                        .map(|k| plan.info.status_label(*k))
                        .collect();
                    format!("{text:?} is not a status; use one of {}", labels.join(", "))
                })?,
        ),
        None => None,
    };
    let percent = match &given.percent {
        Some(text) => Some(
            crate::model::fields::parse_percent(text)
                .map_err(|e| anyhow::anyhow!("--percent {text:?}: {e}"))?,
        ),
        None => None,
    };
    let update = item.update_at(&plan.info, &given.period, status, percent, given.note);
    let id = item.id.clone();
    wb.apply(&Command::RecordProgress { item: id, update })?;
    tell_notices(&mut wb);
    Ok(())
}
