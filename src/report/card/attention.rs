//! "What needs attention": every item off track or at risk, every overdue
//! initiative, every KPI off target or at risk, and every initiative marked
//! completed short of 100%, grouped by goal. Built from the sections' rows,
//! so the page prints exactly the figures the goal pages print.

use super::model::{AttentionGroup, AttentionRow, InitiativeRow, KpiRow, Section, date_text};
use crate::model::StatusKind;
use crate::model::text::value_text;

/// Whether a status needs attention by itself.
fn alarming(kind: StatusKind) -> bool {
    matches!(kind, StatusKind::OffTrack | StatusKind::AtRisk)
}

/// The groups, one per section with anything to list, in plan order.
/// `lowest` names the lowest level ("Key initiative").
pub fn groups(sections: &[Section], lowest: &str) -> Vec<AttentionGroup> {
    sections
        .iter()
        .filter_map(|s| {
            let mut rows = Vec::new();
            for o in &s.objectives {
                if alarming(o.status.kind) {
                    rows.push(AttentionRow {
                        code: o.code.clone(),
                        kind: o.level.clone(),
                        title: o.title.clone(),
                        status: Some(o.status.clone()),
                        reason: o.status.label.clone(),
                        owner: o.owner.clone(),
                        change: o
                            .status_change()
                            .map(|w| w.trim().trim_matches(['(', ')']).to_owned())
                            .unwrap_or_default(),
                        note: o.note.clone(),
                        sample: false,
                    });
                }
            }
            for i in &s.initiatives {
                if let Some(reason) = initiative_reason(i) {
                    rows.push(AttentionRow {
                        code: i.code.clone(),
                        kind: lowest.to_owned(),
                        title: i.title.clone(),
                        status: Some(i.status.clone()),
                        reason,
                        owner: i.owner.clone(),
                        change: i
                            .was
                            .as_ref()
                            .map(|w| format!("was {w}"))
                            .unwrap_or_default(),
                        note: i.note.clone(),
                        sample: false,
                    });
                }
            }
            for k in &s.kpis {
                if let Some(reason) = kpi_reason(k) {
                    rows.push(AttentionRow {
                        code: k.code.clone(),
                        kind: "KPI".into(),
                        title: k.name.clone(),
                        status: k.status.clone(),
                        reason,
                        owner: k.owner.clone(),
                        change: kpi_change(k),
                        note: String::new(),
                        sample: k.sample,
                    });
                }
            }
            (!rows.is_empty()).then(|| AttentionGroup {
                heading: s.heading(),
                rows,
            })
        })
        .collect()
}

/// Why an initiative is listed, if it is.
fn initiative_reason(i: &InitiativeRow) -> Option<String> {
    let mut why = Vec::new();
    if alarming(i.status.kind) {
        why.push(i.status.label.clone());
    }
    if i.overdue {
        why.push(match i.due {
            Some(d) => format!("Overdue: due {}", date_text(d)),
            None => "Overdue".into(),
        });
    }
    if i.completed_short() {
        why.push(format!(
            "Marked {} at {:.0}%",
            i.status.label,
            i.percent.unwrap_or(0.0)
        ));
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// Why a KPI is listed, if it is: its value, the period it was measured
/// in and its target.
fn kpi_reason(k: &KpiRow) -> Option<String> {
    let status = k.status.as_ref().filter(|c| alarming(c.kind))?;
    let unit = if k.unit.is_empty() {
        String::new()
    } else if k.unit.starts_with('%') {
        k.unit.clone()
    } else {
        format!(" {}", k.unit)
    };
    let mut text = format!("{}: {}{unit}", status.label, value_text(k.actual.current));
    if let Some(p) = &k.measured_in {
        text += &format!(" ({p})");
    }
    if let Some(t) = k.target {
        text += &format!(", target {}{unit} ({})", value_text(Some(t)), k.direction);
    }
    Some(text)
}

fn kpi_change(k: &KpiRow) -> String {
    match (k.actual.change(), &k.actual.previous_period) {
        (Some(c), Some(p)) if c.abs() > f64::EPSILON => {
            let sign = if c > 0.0 { "+" } else { "−" };
            format!("{sign}{} vs {p}", value_text(Some(c.abs())))
        }
        (Some(_), Some(p)) => format!("unchanged vs {p}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::Chip;

    fn chip(kind: StatusKind, label: &str) -> Chip {
        Chip {
            kind,
            label: label.into(),
            overridden: false,
        }
    }

    #[test]
    fn an_initiative_is_listed_for_each_reason_and_a_quiet_one_is_not() {
        let mut row = InitiativeRow {
            code: "1.1.1".into(),
            title: "ERP".into(),
            owner: "CIO".into(),
            due: chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
            overdue: false,
            status: chip(StatusKind::OnTrack, "On track"),
            percent: Some(40.0),
            also_at: Vec::new(),
            term: None,
            source_note: false,
            was: None,
            note: String::new(),
        };
        assert_eq!(initiative_reason(&row), None);
        row.overdue = true;
        row.status = chip(StatusKind::OffTrack, "Off track");
        assert_eq!(
            initiative_reason(&row).as_deref(),
            Some("Off track; Overdue: due 1 June 2025")
        );
        row.overdue = false;
        row.status = chip(StatusKind::Completed, "Completed");
        row.percent = Some(60.0);
        assert_eq!(
            initiative_reason(&row).as_deref(),
            Some("Marked Completed at 60%")
        );
    }
}
