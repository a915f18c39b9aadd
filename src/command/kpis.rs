//! The KPI commands: defining and deleting KPIs, recording values.

use crate::model::fields::fmt_opt;
use crate::model::{Kpi, Measurement, Plan};
use crate::store::{HistoryEntry, Touched};

use super::{Applied, Refusal, missing};

/// Add or replace a KPI definition.
pub(super) fn put_kpi(plan: &mut Plan, kpi: &Kpi) -> Result<Applied, Refusal> {
    let action = match plan.kpis.iter_mut().find(|k| k.id == kpi.id) {
        Some(k) => {
            *k = kpi.clone();
            "edit KPI"
        }
        None => {
            plan.kpis.push(kpi.clone());
            "add KPI"
        }
    };
    let h = HistoryEntry {
        field: Some(kpi.id.clone()),
        new: Some(kpi.name.clone()),
        ..HistoryEntry::new(action, Some(&kpi.item))
    };
    Ok(Applied::new(
        Touched {
            kpis: vec![kpi.id.clone()],
            ..Touched::default()
        },
        vec![h],
    ))
}

/// Delete a KPI and its measurements.
pub(super) fn delete_kpi(plan: &mut Plan, kpi: &str) -> Result<Applied, Refusal> {
    let pos = plan
        .kpis
        .iter()
        .position(|k| k.id == kpi)
        .ok_or_else(|| missing("KPI", kpi))?;
    let removed = plan.kpis.remove(pos);
    let h = HistoryEntry {
        field: Some(kpi.to_owned()),
        old: Some(removed.name),
        ..HistoryEntry::new("delete KPI", Some(&removed.item))
    };
    Ok(Applied::new(
        Touched {
            kpis: vec![kpi.to_owned()],
            ..Touched::default()
        },
        vec![h],
    ))
}

/// Record a KPI value for a period.
pub(super) fn set_measurement(
    plan: &mut Plan,
    kpi: &str,
    period: &str,
    value: Option<f64>,
    comment: &str,
) -> Result<Applied, Refusal> {
    if plan.info.period_index(period).is_none() {
        return Err(missing("reporting period", period));
    }
    let k = plan
        .kpis
        .iter_mut()
        .find(|k| k.id == kpi)
        .ok_or_else(|| missing("KPI", kpi))?;
    let old = k
        .measurements
        .iter()
        .find(|m| m.period == period)
        .map(|m| fmt_opt(m.value));
    match k.measurements.iter_mut().find(|m| m.period == period) {
        Some(m) => {
            m.value = value;
            comment.clone_into(&mut m.comment);
        }
        None => k.measurements.push(Measurement {
            period: period.to_owned(),
            value,
            comment: comment.to_owned(),
        }),
    }
    let h = HistoryEntry {
        field: Some(format!("{} {period}", k.id)),
        old,
        new: Some(value.map_or_else(|| "missing".into(), |v| v.to_string())),
        reason: comment.to_owned(),
        ..HistoryEntry::new("measure", Some(&k.item.clone()))
    };
    Ok(Applied::new(
        Touched {
            kpis: vec![kpi.to_owned()],
            ..Touched::default()
        },
        vec![h],
    ))
}
