//! KPI measurements from a table with one row per value: KPI, period,
//! value and an optional comment.
//!
//! - the KPI is found by its id (a `KPI id` column) or by its name (case
//!   and spacing ignored);
//! - the period by its label (`FY2024 Q3`), by a year alone (`2024` for
//!   `FY2024`), or by a date: the period ending on it, else the one
//!   starting on it, else the shortest period containing it;
//! - a blank value, `n/a` or a dash records the value as missing, which is
//!   never zero;
//! - a value for a KPI and period already measured replaces it (the
//!   history keeps the old value); a KPI and period given twice in the
//!   table is refused, as is a locked period.

use std::collections::{HashMap, HashSet};

use crate::model::Plan;

use super::periods::Periods;
use super::read::{Cell, Grid};
use super::value;
use super::{Problems, TableError, normalize};
pub use crate::command::imports::measurements::{
    MeasurementRow, MeasurementTable, Summary, preview,
};

/// What a column of a measurements table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    KpiId,
    Kpi,
    Period,
    Value,
    Comment,
    Ignore,
}

impl Role {
    pub const ALL: [Self; 6] = [
        Self::Kpi,
        Self::KpiId,
        Self::Period,
        Self::Value,
        Self::Comment,
        Self::Ignore,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::KpiId => "kpi_id",
            Self::Kpi => "kpi",
            Self::Period => "period",
            Self::Value => "value",
            Self::Comment => "comment",
            Self::Ignore => "ignore",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase().replace([' ', '-'], "_");
        Self::ALL.into_iter().find(|r| r.key() == t)
    }
}

/// The role a header names, by common spellings.
pub fn guess_role(header: &str) -> Role {
    let words: String = header
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    match normalize(&words).as_str() {
        "kpi id" | "kpiid" | "measure id" | "indicator id" | "metric id" => Role::KpiId,
        "kpi" | "kpi name" | "measure" | "indicator" | "metric" | "measure name"
        | "indicator name" | "metric name" => Role::Kpi,
        "period" | "reporting period" | "date" | "as of" | "quarter" | "fiscal year" | "year"
        | "month" | "period label" => Role::Period,
        "value" | "actual" | "result" | "measurement" | "measured value" | "actual value" => {
            Role::Value
        }
        "comment" | "comments" | "note" | "notes" | "remarks" => Role::Comment,
        _ => Role::Ignore,
    }
}

/// Which role each column has.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub roles: Vec<Role>,
}

impl Mapping {
    pub fn guess(headers: &[String]) -> Self {
        Self {
            roles: headers.iter().map(|h| guess_role(h)).collect(),
        }
    }

    /// The guess, changed by `HEADER=ROLE` entries (from `--map`).
    pub fn with_overrides(headers: &[String], entries: &[String]) -> Result<Self, super::MapError> {
        let mut m = Self::guess(headers);
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
        for entry in entries {
            let (col, role) =
                super::map_entry(headers, entry, Role::parse, &names, "Indicator=kpi")?;
            m.roles[col] = role;
        }
        Ok(m)
    }

    fn column(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }
}

/// Texts that record a value as missing.
fn means_missing(text: &str) -> bool {
    matches!(
        normalize(text).as_str(),
        "n/a" | "na" | "-" | "–" | "—" | "missing" | "not reported" | "#n/a"
    )
}

/// Reads every row of `grid` with `mapping`, for import into `plan`.
pub fn prepare(
    grid: &Grid,
    mapping: &Mapping,
    plan: &Plan,
) -> Result<MeasurementTable, TableError> {
    let mut problems = Problems::default();
    let id_col = mapping.column(Role::KpiId);
    let name_col = mapping.column(Role::Kpi);
    let period_col = mapping.column(Role::Period);
    let value_col = mapping.column(Role::Value);
    let comment_col = mapping.column(Role::Comment);
    if id_col.is_none() && name_col.is_none() {
        problems.push(
            None,
            None,
            "no column names the KPI; map a column to kpi (its name) or kpi_id",
        );
    }
    if period_col.is_none() {
        problems.push(
            None,
            None,
            "no column names the period; map a column to period",
        );
    }
    if value_col.is_none() {
        problems.push(
            None,
            None,
            "no column holds the values; map a column to value",
        );
    }
    let (Some(period_col), Some(value_col)) = (period_col, value_col) else {
        return problems.finish(&grid.source, MeasurementTable::empty(&grid.source));
    };
    if !problems.is_empty() {
        return problems.finish(&grid.source, MeasurementTable::empty(&grid.source));
    }
    let by_id: HashMap<&str, &str> = plan
        .kpis
        .iter()
        .map(|k| (k.id.as_str(), k.id.as_str()))
        .collect();
    let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
    for k in &plan.kpis {
        by_name.entry(normalize(&k.name)).or_default().push(&k.id);
    }
    let periods = Periods::new(plan);
    let locked: HashSet<&str> = plan.locks.iter().map(|l| l.period.as_str()).collect();
    let order = value::infer_date_order(
        grid.rows.iter().map(|r| &r.cells[period_col]),
        grid.decimal_comma,
    );
    let mut rows = Vec::with_capacity(grid.rows.len());
    let mut seen: HashMap<(&str, &str), usize> = HashMap::with_capacity(grid.rows.len());
    for r in &grid.rows {
        let cell = |c: usize| &r.cells[c];
        let at = |c: usize| Some(grid.column_name(c));
        // The KPI.
        let kpi: Option<&str> = match (id_col.map(cell), name_col.map(cell)) {
            (Some(id @ Cell::Text(_)), _) | (Some(id @ Cell::Number { .. }), _) => {
                let shown = id.display();
                match by_id.get(shown.as_str()) {
                    Some(k) => Some(*k),
                    None => {
                        problems.push(
                            Some(r.number),
                            id_col.and_then(at),
                            format!("there is no KPI with the id {shown:?} in the plan"),
                        );
                        None
                    }
                }
            }
            (_, Some(name)) if !name.is_empty() => {
                let shown = name.display();
                match by_name.get(&normalize(&shown)).map(Vec::as_slice) {
                    Some([one]) => Some(*one),
                    Some(many) if many.len() > 1 => {
                        problems.push(
                            Some(r.number),
                            name_col.and_then(at),
                            format!(
                                "{} KPIs are named {shown:?} ({}); add a KPI id column to say which",
                                many.len(),
                                many.join(", ")
                            ),
                        );
                        None
                    }
                    _ => {
                        problems.push(
                            Some(r.number),
                            name_col.and_then(at),
                            format!("there is no KPI named {shown:?} in the plan"),
                        );
                        None
                    }
                }
            }
            _ => {
                problems.push(
                    Some(r.number),
                    name_col.or(id_col).and_then(at),
                    "the KPI is blank",
                );
                None
            }
        };
        // The period.
        let period = match cell(period_col) {
            Cell::Empty => {
                problems.push(Some(r.number), at(period_col), "the period is blank");
                None
            }
            c => match periods.find(c, order) {
                Ok(p) if locked.contains(p) => {
                    problems.push(
                        Some(r.number),
                        at(period_col),
                        format!("{p} is locked: its figures are read only (unlock it with a reason first)"),
                    );
                    None
                }
                Ok(p) => Some(p),
                Err(e) => {
                    problems.push(Some(r.number), at(period_col), e);
                    None
                }
            },
        };
        // The value: blank or n/a is missing, never zero.
        let value = match cell(value_col) {
            Cell::Text(t) if means_missing(t) => Ok(None),
            c => value::number(c, grid.decimal_comma),
        };
        let value = match value {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(Some(r.number), at(value_col), e);
                None
            }
        };
        let comment = comment_col.map(|c| cell(c).display()).unwrap_or_default();
        let (Some(kpi), Some(period), Some(value)) = (kpi, period, value) else {
            continue;
        };
        if let Some(first) = seen.insert((kpi, period), r.number) {
            problems.push(
                Some(r.number),
                None,
                format!(
                    "row {first} already gives a value for this KPI ({kpi}) and period ({period})"
                ),
            );
            continue;
        }
        rows.push(MeasurementRow {
            row: r.number,
            kpi: kpi.to_owned(),
            period: period.to_owned(),
            value,
            comment,
        });
    }
    let mut notes = grid.notes.clone();
    for (i, role) in mapping.roles.iter().enumerate() {
        if grid.headers[i].is_empty() {
            continue;
        }
        notes.push(match role {
            Role::Ignore => format!("column {} not imported", grid.column_name(i)),
            r => format!("column {} → {}", grid.column_name(i), r.key()),
        });
    }
    problems.finish(
        &grid.source,
        MeasurementTable {
            source: grid.source.clone(),
            rows,
            notes,
        },
    )
}
