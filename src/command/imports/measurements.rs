//! Importing KPI measurements from a table: the command's payload (read,
//! mapped and checked by [`crate::table::measurements_import::prepare`])
//! and how it records the values, as one edit.

use std::collections::HashMap;

use crate::command::{Applied, Refusal};
use crate::model::{Measurement, Plan};
use crate::store::{HistoryEntry, Touched};

/// One value to record.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasurementRow {
    pub row: usize,
    /// The KPI's id.
    pub kpi: String,
    /// The period's label.
    pub period: String,
    pub value: Option<f64>,
    pub comment: String,
}

/// A measurements table read and checked: the payload of the import
/// command.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasurementTable {
    pub source: String,
    pub rows: Vec<MeasurementRow>,
    pub notes: Vec<String>,
}

impl MeasurementTable {
    pub fn empty(source: &str) -> Self {
        Self {
            source: source.to_owned(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What an import of measurements does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Values for a KPI and period not measured before.
    pub added: usize,
    /// Values replacing a different earlier one.
    pub changed: usize,
    /// Values equal to what is recorded already.
    pub unchanged: usize,
    /// Of the values added or changed, those recorded as missing.
    pub missing: usize,
    /// KPIs with a value added or changed.
    pub kpis: usize,
}

impl Summary {
    pub fn sentence(&self) -> String {
        format!(
            "{} value{} added, {} changed, {} unchanged ({} recorded as missing) for {} KPI{}",
            self.added,
            if self.added == 1 { "" } else { "s" },
            self.changed,
            self.unchanged,
            self.missing,
            self.kpis,
            if self.kpis == 1 { "" } else { "s" }
        )
    }
}

fn shown(v: Option<f64>) -> String {
    v.map_or_else(|| "missing".into(), |v| v.to_string())
}

/// Applies a prepared table to `plan` (the body of the import command).
/// One history entry per value added or changed, with the old value.
pub(in crate::command) fn apply(
    table: &MeasurementTable,
    plan: &mut Plan,
) -> Result<Applied, Refusal> {
    run(table, plan).map(|(applied, _)| applied)
}

/// Applies a table and says what it did.
fn run(table: &MeasurementTable, plan: &mut Plan) -> Result<(Applied, Summary), Refusal> {
    let mut summary = Summary::default();
    let mut history = vec![HistoryEntry {
        action: "import measurements".into(),
        field: Some(table.source.clone()),
        ..HistoryEntry::default()
    }];
    let period_rank: HashMap<&str, usize> = plan
        .info
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.label.as_str(), i))
        .collect();
    let kpi_pos: HashMap<String, usize> = plan
        .kpis
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.clone(), i))
        .collect();
    // Rows grouped by KPI, in table order.
    let mut by_kpi: HashMap<usize, Vec<&MeasurementRow>> = HashMap::new();
    let mut order = Vec::new();
    for row in &table.rows {
        let Some(&k) = kpi_pos.get(&row.kpi) else {
            return Err(Refusal::Rule(format!(
                "row {}: there is no KPI {:?}",
                row.row, row.kpi
            )));
        };
        if !period_rank.contains_key(row.period.as_str()) {
            return Err(Refusal::Rule(format!(
                "row {}: there is no reporting period {:?}",
                row.row, row.period
            )));
        }
        if plan.is_locked(&row.period) {
            return Err(Refusal::Rule(format!(
                "row {}: {} is locked: its figures are read only",
                row.row, row.period
            )));
        }
        by_kpi
            .entry(k)
            .or_insert_with(|| {
                order.push(k);
                Vec::new()
            })
            .push(row);
    }
    let mut touched = Touched::default();
    for k in order {
        let kpi = &mut plan.kpis[k];
        let mut at: HashMap<String, usize> = kpi
            .measurements
            .iter()
            .enumerate()
            .map(|(i, m)| (m.period.clone(), i))
            .collect();
        let mut changed_here = false;
        for row in &by_kpi[&k] {
            let old = at.get(&row.period).map(|&i| &kpi.measurements[i]);
            match old {
                Some(m) if m.value == row.value && m.comment == row.comment => {
                    summary.unchanged += 1;
                    continue;
                }
                Some(m) => {
                    summary.changed += 1;
                    history.push(HistoryEntry {
                        action: "measure".into(),
                        item: Some(kpi.item.clone()),
                        field: Some(format!("{} {}", kpi.id, row.period)),
                        old: Some(shown(m.value)),
                        new: Some(shown(row.value)),
                        reason: row.comment.clone(),
                        ..HistoryEntry::default()
                    });
                    let i = at[&row.period];
                    kpi.measurements[i].value = row.value;
                    kpi.measurements[i].comment.clone_from(&row.comment);
                }
                None => {
                    summary.added += 1;
                    history.push(HistoryEntry {
                        action: "measure".into(),
                        item: Some(kpi.item.clone()),
                        field: Some(format!("{} {}", kpi.id, row.period)),
                        old: None,
                        new: Some(shown(row.value)),
                        reason: row.comment.clone(),
                        ..HistoryEntry::default()
                    });
                    at.insert(row.period.clone(), kpi.measurements.len());
                    kpi.measurements.push(Measurement {
                        period: row.period.clone(),
                        value: row.value,
                        comment: row.comment.clone(),
                    });
                }
            }
            if row.value.is_none() {
                summary.missing += 1;
            }
            changed_here = true;
        }
        if changed_here {
            // Keep a KPI's values in period order, as the window lists them.
            kpi.measurements.sort_by_key(|m| {
                period_rank
                    .get(m.period.as_str())
                    .copied()
                    .unwrap_or(usize::MAX)
            });
            summary.kpis += 1;
            touched.kpis.push(kpi.id.clone());
        }
    }
    history[0].new = Some(summary.sentence());
    Ok((Applied::new(touched, history), summary))
}

/// What importing `table` into `plan` would do, without writing anything.
pub fn preview(table: &MeasurementTable, plan: &Plan) -> Result<Summary, Refusal> {
    let mut copy = plan.clone();
    let (_, summary) = run(table, &mut copy)?;
    copy.validate()?;
    Ok(summary)
}
