//! `cairn measure` (one KPI value for a period) and `cairn kpis` (each
//! KPI's value for a period, where it came from, and its status).

use std::path::PathBuf;

use anyhow::bail;

use super::{apply, open, reporting_period, say};
use crate::command::Command;
use crate::model::Plan;
use crate::workbench::Workbench;

/// The arguments of `cairn measure` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct MeasureArgs {
    pub file: PathBuf,
    /// The KPI's name or id.
    pub kpi: String,
    /// The period the value is for, e.g. "FY2026 Q2".
    #[arg(long)]
    pub period: String,
    /// The value; with --missing, none (recorded as missing, not zero).
    #[arg(required_unless_present = "missing", allow_hyphen_values = true)]
    pub value: Option<String>,
    #[arg(long, conflicts_with = "value")]
    pub missing: bool,
    #[arg(long, default_value = "")]
    pub comment: String,
}

/// The arguments of `cairn kpis` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct KpisArgs {
    pub file: PathBuf,
    /// The period shown (default: today's reporting period).
    #[arg(long)]
    pub period: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// The id of the KPI `named` names: by id, else by name (case aside).
fn kpi_id(plan: &Plan, named: &str) -> anyhow::Result<String> {
    if let Some(k) = plan.kpis.iter().find(|k| k.id == named) {
        return Ok(k.id.clone());
    }
    let found: Vec<_> = plan
        .kpis
        .iter()
        .filter(|k| k.name.trim().eq_ignore_ascii_case(named.trim()))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => bail!("the plan has no KPI named {named:?} (see `cairn kpis FILE`)"),
        _ => bail!(
            "more than one KPI is named {named:?}; give its id (see `cairn kpis FILE --json`)"
        ),
    }
}

pub fn measure(args: MeasureArgs) -> anyhow::Result<()> {
    let mut wb = Workbench::open(&args.file)?;
    let kpi = kpi_id(wb.plan(), &args.kpi)?;
    let period = reporting_period(wb.plan(), Some(&args.period))?;
    let value = match (&args.value, args.missing) {
        (_, true) => None,
        (Some(text), false) => match crate::model::numbers::parse_number_text(text, false)? {
            Some(v) => Some(v),
            None => bail!("no value given; say --missing to record it as missing"),
        },
        (None, false) => bail!("give a value, or --missing"),
    };
    apply(
        &mut wb,
        &Command::SetMeasurement {
            kpi,
            period: period.clone(),
            value,
            comment: args.comment,
        },
        &format!("recorded for {period}"),
    )
}

/// One KPI's line of `cairn kpis`.
#[derive(serde::Serialize)]
struct Row<'p> {
    id: &'p str,
    name: &'p str,
    item: String,
    period: &'p str,
    value: Option<f64>,
    /// typed or calculated.
    origin: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<&'p str>,
    /// Why a value is missing (or that none is recorded).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    status: Option<&'static str>,
    sample: bool,
}

pub fn kpis(args: KpisArgs) -> anyhow::Result<()> {
    let plan = open(&args.file)?;
    let period = reporting_period(&plan, args.period.as_deref())?;
    let tree = crate::model::Tree::build(&plan);
    let rows: Vec<Row> = plan
        .kpis
        .iter()
        .map(|k| {
            let m = k.measurements.iter().find(|m| m.period == period);
            let reason = match m {
                None => Some(format!("no {period} value recorded")),
                Some(m) if m.value.is_none() && m.comment.is_empty() => {
                    Some("recorded as missing".into())
                }
                Some(m) if m.value.is_none() => Some(m.comment.clone()),
                Some(_) => None,
            };
            Row {
                id: &k.id,
                name: &k.name,
                item: plan
                    .position(&k.item)
                    .and_then(|i| tree.code_of(i))
                    .unwrap_or(&k.item)
                    .to_owned(),
                period: &period,
                value: m.and_then(|m| m.value),
                origin: if k.formula.is_some() {
                    "calculated"
                } else {
                    "typed"
                },
                formula: k.formula.as_deref(),
                reason,
                status: k.status_in(&period).map(|s| s.key()),
                sample: k.sample,
            }
        })
        .collect();
    if args.json {
        return say(&(serde_json::to_string_pretty(&rows)? + "\n"));
    }
    let mut text = String::new();
    for r in &rows {
        let value = r.value.map_or_else(
            || "—".to_owned(),
            |v| crate::model::fields::fmt_opt(Some(v)),
        );
        let origin = match r.formula {
            Some(f) => format!("calculated: {f}"),
            None => "typed".into(),
        };
        let status = r.status.unwrap_or("no status");
        let sample = if r.sample { " (sample)" } else { "" };
        text += &format!(
            "{} [{}]{sample}: {period} {value} · {origin} · {status}{}\n",
            r.name,
            r.item,
            r.reason
                .as_ref()
                .map_or(String::new(), |w| format!(" · {w}")),
            period = r.period,
        );
    }
    if rows.is_empty() {
        text = "The plan has no KPIs.\n".into();
    }
    say(&text)
}
