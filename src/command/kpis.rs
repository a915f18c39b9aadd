//! The KPI commands: defining and deleting KPIs, recording values.

use crate::model::fields::fmt_opt;
use crate::model::{Kpi, Measurement, Plan};
use crate::store::{HistoryEntry, Touched};

use super::{Applied, Refusal, missing};

/// Add or replace a KPI definition.
pub(super) fn put_kpi(plan: &mut Plan, kpi: &Kpi) -> Result<Applied, Refusal> {
    crate::rules::formula::check(plan, kpi)
        .map_err(|e| Refusal::Rule(format!("{}: {e}", kpi.name)))?;
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
    if let Some(formula) = &k.formula {
        return Err(Refusal::Rule(format!(
            "{} is calculated ({formula}); its values are read only: change its inputs",
            k.name
        )));
    }
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

/// Works out the calculated KPIs again after an edit, inside the same edit
/// (so undo takes both back): each value that changed is in the history as
/// "calculate", and its KPI among the touched.
pub(super) fn recalculate(plan: &mut Plan, applied: &mut Applied) {
    for c in crate::rules::formula::recalculate(plan) {
        let shown = |m: &Option<Measurement>| {
            m.as_ref()
                .map(|m| m.value.map_or_else(|| m.comment.clone(), |v| v.to_string()))
        };
        let item = plan
            .kpis
            .iter()
            .find(|k| k.id == c.kpi)
            .map(|k| k.item.clone());
        applied.history.push(HistoryEntry {
            field: Some(format!("{} {}", c.kpi, c.period)),
            old: shown(&c.old),
            new: shown(&c.new),
            ..HistoryEntry::new("calculate", item.as_deref())
        });
        if !applied.touched.kpis.contains(&c.kpi) {
            applied.touched.kpis.push(c.kpi);
        }
    }
}

/// The calculated KPIs of `plan`: what an edit of any KPI may change too.
pub(super) fn calculated(plan: &Plan) -> impl Iterator<Item = &str> {
    plan.kpis
        .iter()
        .filter(|k| k.formula.is_some())
        .map(|k| k.id.as_str())
}
