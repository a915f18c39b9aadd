//! The agenda item on the slide: its status and percent (edited in
//! place), its standing, children, latest notes and what changed since
//! the last meeting.

use super::*;

impl Presentation {
    /// The item's standing, its children, notes and recent changes.
    pub(super) fn item_side(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        item: &Item,
        rolled: Option<&crate::rules::rollup::Rolled>,
        actions: &mut Vec<Action>,
    ) {
        self.standing(ui, wb, m, item, rolled, actions);
        if !item.children.is_empty() {
            self.children(ui, wb, m, item, actions);
        }
        self.notes(ui, item, actions);
        heading(ui, &format!("What changed {}", self.changes_since));
        if self.changes.is_empty() {
            ui.label(RichText::new("Nothing recorded.").color(DIM));
        }
        for c in &self.changes {
            ui.add(egui::Label::new(RichText::new(c).size(18.0).color(TEXT)).wrap());
        }
    }

    /// What the meeting records against the item, then its KPIs.
    pub(super) fn record(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        item: &Item,
        actions: &mut Vec<Action>,
    ) {
        self.decisions(ui, m, item, actions);
        self.action_items(ui, wb, m, item, actions);
        let plan = wb.plan();
        let kpis: Vec<_> = plan.kpis.iter().filter(|k| k.item == item.id).collect();
        if !kpis.is_empty() {
            heading(ui, "KPIs");
            for k in kpis.iter().take(2) {
                if k.sample {
                    widgets::sample_badge(ui);
                }
                crate::app::views::kpis::chart(ui, &plan.info, k, 220.0);
            }
            if kpis.len() > 2 {
                ui.label(
                    RichText::new(format!("and {} more on the item's page", kpis.len() - 2))
                        .color(DIM),
                );
            }
        }
    }

    pub(super) fn standing(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        item: &Item,
        rolled: Option<&crate::rules::rollup::Rolled>,
        actions: &mut Vec<Action>,
    ) {
        let info = &wb.plan().info;
        // Worked out as the minutes note it, so "before" compares like with like.
        let now = wb
            .plan()
            .position(&item.id)
            .and_then(|pos| crate::rules::agenda::standing(wb.plan(), &self.rollup, pos));
        let status = now.map_or(item.status(), |s| s.status);
        let percent = now.and_then(|s| s.percent);
        ui.horizontal(|ui| {
            big_chip(ui, info, status);
            ui.add_space(16.0);
            ui.label(
                RichText::new(crate::model::text::percent_text(percent) + " complete")
                    .size(30.0)
                    .color(TEXT),
            );
        });
        widgets::percent_bar(ui, percent, ui.available_width().min(620.0));
        let pct = crate::model::text::percent_text;
        if let Some(before) = m.entry(&item.id).and_then(|e| e.before)
            && (before.status != status || pct(before.percent) != pct(percent))
        {
            ui.label(
                RichText::new(format!(
                    "At the start of the meeting: {} {}, {}",
                    before.status.symbol(),
                    info.status_label(before.status),
                    crate::model::text::percent_text(before.percent)
                ))
                .color(DIM),
            );
        }
        ui.label(
            RichText::new(format!(
                "Owner: {}",
                if item.owner.is_empty() {
                    "not named"
                } else {
                    &item.owner
                }
            ))
            .size(24.0)
            .color(TEXT),
        );
        if item.children.is_empty() {
            ui.horizontal(|ui| {
                let l = ui.label("Status");
                let (picker, edit) =
                    widgets::status_picker(ui, info, item, "presentation-status", None, &m.period);
                picker.labelled_by(l.id);
                actions.extend(edit);
                ui.add_space(16.0);
                let l = ui.label("Percent");
                // The meeting's period, like the status beside it.
                let current = crate::model::fields::fmt_opt(
                    item.figures_at(&info.periods_up_to(Some(&m.period))).1,
                );
                if self.percent_for != item.id {
                    self.percent_for.clone_from(&item.id);
                    self.percent.clone_from(&current);
                }
                let r = ui
                    .add(egui::TextEdit::singleline(&mut self.percent).desired_width(90.0))
                    .labelled_by(l.id)
                    .on_hover_text(format!("Recorded for {}", m.period));
                if r.lost_focus() && self.percent != current {
                    match parse_percent(&self.percent)
                        .map_err(|e| format!("percent: {e}"))
                        .and_then(|_| {
                            crate::command::figure_edit(
                                wb.plan(),
                                &item.id,
                                &m.period,
                                ItemField::Percent,
                                &self.percent,
                            )
                            .map_err(|e| e.to_string())
                        }) {
                        Ok(command) => {
                            self.error = None;
                            actions.push(Action::Edit(command));
                        }
                        Err(e) => self.error = Some(e),
                    }
                }
            });
        } else if let Some(r) = rolled {
            ui.label(RichText::new(r.basis.explain()).size(16.0).color(DIM));
        }
    }

    pub(super) fn children(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        item: &Item,
        actions: &mut Vec<Action>,
    ) {
        let plan = wb.plan();
        let name = plan.info.level_name(item.level + 1).to_lowercase();
        heading(ui, &format!("Its {name}s"));
        for c in &item.children {
            let Some(pos) = plan.position(c) else {
                continue;
            };
            let child = &plan.items()[pos];
            let code = wb.tree().code_of(pos).unwrap_or("");
            let name = format!("{code} {}", child.title);
            // Status and percent first, so a long title wraps beside them
            // instead of pushing them off the screen.
            ui.horizontal(|ui| {
                if child.children.is_empty() {
                    let (picker, edit) = widgets::status_picker(
                        ui,
                        &plan.info,
                        child,
                        ("presentation-child", c),
                        None,
                        &m.period,
                    );
                    picker.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::ComboBox,
                            true,
                            format!("Status {name}"),
                        )
                    });
                    actions.extend(edit);
                } else if let Some(r) = self.rollup.items.get(pos) {
                    widgets::status_chip(ui, &plan.info, r.status);
                }
                let pct = self.rollup.items.get(pos).and_then(|r| r.percent);
                ui.add_sized(
                    [64.0, ui.spacing().interact_size.y],
                    egui::Label::new(
                        RichText::new(crate::model::text::percent_text(pct)).color(TEXT),
                    ),
                );
                ui.add(egui::Label::new(RichText::new(&name).size(18.0).color(TEXT)).wrap());
            });
        }
    }
}
