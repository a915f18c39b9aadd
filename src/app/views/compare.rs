//! Two reporting periods side by side: each goal's and objective's status,
//! percent complete and grade in both, and the change. A locked period
//! shows its snapshot; an open period the progress recorded for it.

use crate::app::Action;
use crate::app::views::{View, ViewContext};
use std::collections::HashMap;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::widgets;
use crate::interchange::InterchangeError;
use crate::model::{Plan, StatusKind};
use crate::rules::rollup::roll_up;
use crate::workbench::Workbench;

/// One period's figures per item id.
struct Side {
    label: String,
    note: String,
    figures: HashMap<String, (StatusKind, Option<f64>, Option<String>)>,
}

#[derive(Default)]
pub struct CompareView {
    a: String,
    b: String,
    /// Each side's figures and what they were worked out from.
    sides: [Option<(SideKey, Side)>; 2],
    error: Option<String>,
}

/// What one side's figures depend on: a locked period's snapshot (which
/// changes only when the period is locked again), or the plan as it is now.
#[derive(Clone, Debug, PartialEq)]
enum SideKey {
    Locked { period: String, at: String },
    Open { period: String, generation: u64 },
}

fn side_key(wb: &Workbench, period: &str) -> SideKey {
    match wb.plan().lock(period) {
        Some(lock) => SideKey::Locked {
            period: period.to_owned(),
            at: lock.locked_at.clone(),
        },
        None => SideKey::Open {
            period: period.to_owned(),
            generation: wb.generation(),
        },
    }
}

/// A period's side of the comparison; fails only when a locked period's
/// snapshot cannot be read back.
fn side(live: &Plan, period: &str) -> Result<Side, InterchangeError> {
    let (plan, note) = match live.lock(period) {
        Some(lock) => (
            crate::interchange::from_json(&lock.snapshot)?,
            format!(
                "locked {}",
                lock.locked_at.get(..10).unwrap_or(&lock.locked_at)
            ),
        ),
        None if live.items().iter().any(|i| !i.updates.is_empty()) => (
            live.clone(),
            "open: the progress recorded for it".to_owned(),
        ),
        None => (
            live.clone(),
            "open: no progress is recorded per period yet, so items show their undated figures in every open period".to_owned(),
        ),
    };
    let rollup = roll_up(&plan, Some(period));
    let figures = plan
        .items()
        .iter()
        .enumerate()
        .map(|(pos, item)| {
            let r = &rollup.items[pos];
            let grade = crate::rules::grade::grade(&plan.info, r.score, &r.coverage)
                .letter()
                .map(str::to_owned);
            (item.id.clone(), (r.status, r.percent, grade))
        })
        .collect();
    Ok(Side {
        label: period.to_owned(),
        note,
        figures,
    })
}

impl CompareView {}

impl View for CompareView {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let plan = wb.plan();
        let years: Vec<&str> = plan
            .info
            .periods
            .iter()
            .filter(|p| p.kind == crate::model::PeriodKind::Year)
            .map(|p| p.label.as_str())
            .collect();
        if self.a.is_empty() || self.b.is_empty() {
            let today = chrono::Local::now().date_naive();
            let ended: Vec<&str> = plan
                .info
                .periods
                .iter()
                .filter(|p| p.kind == crate::model::PeriodKind::Year && p.end <= today)
                .map(|p| p.label.as_str())
                .collect();
            let pick = if ended.len() >= 2 { &ended } else { &years };
            self.b = pick.last().copied().unwrap_or_default().to_owned();
            self.a = pick
                .iter()
                .rev()
                .nth(1)
                .copied()
                .unwrap_or(self.b.as_str())
                .to_owned();
        }
        ui.heading("Compare two periods");
        ui.horizontal(|ui| {
            for (id, value) in [("compare-a", &mut self.a), ("compare-b", &mut self.b)] {
                let l = ui.label(if id == "compare-a" { "From" } else { "To" });
                egui::ComboBox::from_id_salt(id)
                    .selected_text(value.as_str())
                    .show_ui(ui, |ui| {
                        for p in &plan.info.periods {
                            ui.selectable_value(value, p.label.clone(), &p.label);
                        }
                    })
                    .response
                    .labelled_by(l.id);
            }
        });
        self.error = None;
        for (slot, period) in self.sides.iter_mut().zip([&self.a, &self.b]) {
            let key = side_key(wb, period);
            if slot.as_ref().is_none_or(|(k, _)| *k != key) {
                match side(plan, period) {
                    Ok(s) => *slot = Some((key, s)),
                    Err(e) => {
                        *slot = None;
                        self.error = Some(format!("the snapshot of {period} is unreadable: {e}"));
                    }
                }
            }
        }
        if let Some(e) = &self.error {
            ui.colored_label(crate::app::widgets::ERROR, format!("⚠ {e}"));
            return Vec::new();
        }
        let sides: Vec<&Side> = self.sides.iter().flatten().map(|(_, s)| s).collect();
        if sides.len() < 2 {
            ui.label(
                RichText::new(
                    "Choose two reporting periods to compare; the plan's periods are set on the Plan page.",
                )
                .weak(),
            );
            return Vec::new();
        }
        for s in &sides {
            ui.label(RichText::new(format!("{}: {}", s.label, s.note)).weak());
        }
        let rows: Vec<usize> = wb
            .tree()
            .placements
            .iter()
            .enumerate()
            .filter(|(_, p)| p.depth <= 1 && !p.linked)
            .map(|(i, _)| i)
            .collect();
        crate::app::layout::wide_table(ui, "compare-wide", |ui| {
            widgets::table(ui, rows.len() + 1, 9);
            TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .column(Column::auto().at_least(40.0))
            .column(Column::initial(280.0).at_least(120.0).clip(true))
            .columns(Column::initial(120.0), 2)
            .columns(Column::initial(60.0), 2)
            .columns(Column::initial(50.0), 2)
            .column(Column::remainder().at_least(260.0))
            .header(22.0, |mut h| {
                let (a, b) = (&sides[0].label, &sides[1].label);
                for (column, name) in [
                    "Code".to_owned(),
                    "Title".to_owned(),
                    format!("Status {a}"),
                    format!("Status {b}"),
                    format!("% {a}"),
                    format!("% {b}"),
                    format!("Grade {a}"),
                    format!("Grade {b}"),
                    "Change".to_owned(),
                ]
                .into_iter()
                .enumerate()
                {
                    h.col(|ui| {
                        widgets::column_header(ui, column, &name);
                        ui.label(RichText::new(name).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, rows.len(), |mut row| {
                    let p = &wb.tree().placements[rows[row.index()]];
                    let item = &plan.items()[p.item];
                    let (fa, fb) = (
                        sides[0].figures.get(&item.id),
                        sides[1].figures.get(&item.id),
                    );
                    let at = row.index() + 1;
                    let mut column = 0;
                    let mut cell = |ui: &Ui| {
                        widgets::table_cell(ui, at, column);
                        column += 1;
                    };
                    row.col(|ui| {
                        cell(ui);
                        ui.label(&p.code);
                    });
                    row.col(|ui| {
                        cell(ui);
                        let title = RichText::new(&item.title);
                        ui.add(
                            egui::Label::new(if p.depth == 0 { title.strong() } else { title })
                                .truncate(),
                        );
                    });
                    for f in [fa, fb] {
                        row.col(|ui| {
                            cell(ui);
                            match f {
                            Some((status, _, _)) => {
                                widgets::status_chip(ui, &plan.info, *status);
                            }
                            None => {
                                ui.label("not in plan");
                            }
                        }
                        });
                    }
                    for f in [fa, fb] {
                        row.col(|ui| {
                            cell(ui);
                            ui.label(crate::model::text::percent_text(f.and_then(|f| f.1)));
                        });
                    }
                    for f in [fa, fb] {
                        row.col(|ui| {
                            cell(ui);
                            ui.label(f.and_then(|f| f.2.clone()).unwrap_or_else(|| "—".into()));
                        });
                    }
                    row.col(|ui| {
                        cell(ui);
                        ui.label(change_words(&plan.info, fa, fb))
                            .on_hover_text("Grade, status and percent complete, from the first period to the second");
                    });
                });
            });
        });
        Vec::new()
    }
}

/// What changed between the two periods, in words: "B → F · At risk →
/// Off track · ▼ −5 pts", with the same wording as the report card.
fn change_words(
    info: &crate::model::PlanInfo,
    a: Option<&(StatusKind, Option<f64>, Option<String>)>,
    b: Option<&(StatusKind, Option<f64>, Option<String>)>,
) -> String {
    let (Some((sa, pa, ga)), Some((sb, pb, gb))) = (a, b) else {
        return "—".into();
    };
    let mut parts = Vec::new();
    let grade = |g: &Option<String>| g.clone().unwrap_or_else(|| "—".into());
    if ga != gb {
        parts.push(format!("{} → {}", grade(ga), grade(gb)));
    }
    if sa != sb {
        parts.push(format!(
            "{} → {}",
            info.status_label(*sa),
            info.status_label(*sb)
        ));
    }
    if let (Some(x), Some(y)) = (pa, pb) {
        parts.push(crate::report::model::change_text(y - x));
    }
    if parts.is_empty() {
        "= no change".into()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_says_grade_status_and_percent_in_words() {
        let info = crate::model::PlanInfo::blank();
        let a = (StatusKind::AtRisk, Some(40.0), Some("B".to_owned()));
        let b = (StatusKind::OffTrack, Some(35.0), Some("F".to_owned()));
        assert_eq!(
            change_words(&info, Some(&a), Some(&b)),
            "B → F · At risk → Off track · ▼ −5 pts"
        );
        assert_eq!(change_words(&info, Some(&a), Some(&a)), "= 0 pts");
        assert_eq!(change_words(&info, None, Some(&a)), "—");
    }
}
