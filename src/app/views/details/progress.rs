//! The item's progress for a reporting period (status, percent, note,
//! "recorded for …"), and its status with the roll-up it derives from and
//! any override.

use super::*;

impl DetailsView {
    /// Which period's progress is being recorded, and what was reported
    /// for it and for the period before, with the progress note.
    pub(super) fn progress_block(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        item: &Item,
        actions: &mut Vec<Action>,
    ) {
        let info = &wb.plan().info;
        let today = chrono::Local::now().date_naive();
        let valid = self
            .progress_period
            .as_deref()
            .is_some_and(|p| info.period_rank(p).is_some());
        if !valid {
            self.progress_period = info.period_for_day(today).map(|p| p.label.clone());
        }
        let Some(period) = self.progress_period.clone() else {
            ui.label(
                RichText::new("The plan has no reporting periods to record progress for.").weak(),
            );
            return;
        };
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(RichText::new("Progress for").strong());
            let mut chosen = period.clone();
            egui::ComboBox::from_id_salt("progress-period")
                .selected_text(&chosen)
                .height(400.0)
                .show_ui(ui, |ui| {
                    for p in info.periods_in_order().iter().rev() {
                        ui.selectable_value(&mut chosen, p.label.clone(), &p.label);
                    }
                })
                .response
                .labelled_by(l.id)
                .on_hover_text("The reporting period this status, percent and note are for; the item's current figures are its latest period's");
            if chosen != period {
                self.progress_period = Some(chosen);
            }
            let locked = info.periods.iter().any(|p| p.label == period) && wb.plan().is_locked(&period);
            if locked {
                ui.label(RichText::new("🔒 locked: read only").weak());
            }
        });
        let shown = |u: Option<&crate::model::ProgressUpdate>, label: &str| match u {
            Some(u) => format!("{label}: {}", crate::command::progress_text(info, u)),
            None => format!("{label}: nothing reported"),
        };
        let this = info.periods.iter().find(|p| p.label == period);
        if let Some(prev) = this.and_then(|p| info.previous_period(p)) {
            ui.label(
                RichText::new(format!(
                    "Before — {}",
                    shown(item.update_for(&prev.label), &prev.label)
                ))
                .weak(),
            );
        }
        if item.children.is_empty() {
            let note = item
                .update_for(&period)
                .map(|u| u.note.clone())
                .unwrap_or_default();
            ui.horizontal(|ui| {
                if let Some(text) =
                    self.fields
                        .edit(ui, "progress-note", "Progress note", &note, false, |_| {
                            Ok(())
                        })
                {
                    actions.push(Action::Edit(Command::RecordProgress {
                        item: item.id.clone(),
                        update: item.update_at(info, &period, None, None, Some(text)),
                    }));
                }
            });
        }
    }

    pub(super) fn status_block(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        item: &Item,
        rolled: &crate::rules::rollup::Rolled,
        actions: &mut Vec<Action>,
    ) {
        if item.children.is_empty() {
            self.progress_block(ui, wb, item, actions);
        }
        let info = &wb.plan().info;
        let derived = !item.children.is_empty();
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new("Status").strong());
            if derived && item.override_.is_none() {
                widgets::status_chip(ui, info, rolled.status);
            } else if derived {
                widgets::status_chip(ui, info, rolled.status);
                ui.label(RichText::new("(overridden)").italics());
            } else {
                if let Some(period) = self.progress_period.clone() {
                    let (picker, edit) =
                        widgets::status_picker(ui, info, item, "status", None, &period);
                    picker.labelled_by(label.id);
                    actions.extend(edit);
                } else {
                    widgets::status_chip(ui, info, rolled.status);
                }
            }
            ui.add_space(12.0);
            widgets::percent_bar(ui, rolled.percent, 120.0);
            ui.label(crate::model::text::percent_text(rolled.percent));
            match crate::rules::grade::grade(info, rolled.score, &rolled.coverage) {
                crate::rules::grade::Graded::Letter(g) => {
                    ui.label(RichText::new(format!("Grade {}", g.grade)).strong())
                        .on_hover_text(format!(
                            "{} — {}",
                            g.meaning,
                            rolled.coverage.sentence(info)
                        ));
                }
                crate::rules::grade::Graded::TooFew => {
                    ui.label(RichText::new("Not graded: too few updates").weak())
                        .on_hover_text(rolled.coverage.sentence(info));
                }
                crate::rules::grade::Graded::Nothing => {}
            }
        });
        ui.label(RichText::new(rolled.basis.explain()).weak());
        let driver = rolled.driver_text(wb.plan(), wb.tree());
        if !driver.is_empty() {
            ui.label(RichText::new(format!("{driver}.")).weak());
        }
        if derived || item.override_.is_some() {
            ui.horizontal(|ui| {
                if item.override_.is_some() {
                    if ui.button("Clear override").clicked() {
                        actions.push(Action::Edit(Command::SetOverride { item: item.id.clone(), value: None }));
                    }
                } else if self.drafts.override_draft.is_none() && ui.button("Override…").on_hover_text("Set the status or percent by hand; a written reason is required and printed on report cards").clicked() {
                    self.drafts.override_draft = Some(OverrideDraft::default());
                }
            });
        }
        let mut close = false;
        if let Some(draft) = self.drafts.override_draft.as_mut() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new("Override the derived figures").strong());
                Grid::new("override").num_columns(2).show(ui, |ui| {
                    let l = ui.label("Status");
                    egui::ComboBox::from_id_salt("override-status")
                        .selected_text(draft.status.map_or("keep derived".to_owned(), |s| {
                            info.status_label(s).to_owned()
                        }))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut draft.status, None, "keep derived");
                            for kind in StatusKind::ALL {
                                ui.selectable_value(
                                    &mut draft.status,
                                    Some(kind),
                                    info.status_label(kind),
                                );
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("Percent");
                    ui.add(
                        egui::TextEdit::singleline(&mut draft.percent).hint_text("keep derived"),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("Reason (required)");
                    ui.add(egui::TextEdit::multiline(&mut draft.reason).desired_rows(2))
                        .labelled_by(l.id);
                    ui.end_row();
                });
                if let Some(e) = &draft.error {
                    ui.colored_label(crate::app::widgets::ERROR, format!("⚠ {e}"));
                }
                ui.horizontal(|ui| {
                    if ui.button("Apply override").clicked() {
                        match crate::command::parse_percent(&draft.percent) {
                            Err(e) => draft.error = Some(format!("percent: {e}")),
                            Ok(percent) if draft.status.is_none() && percent.is_none() => {
                                draft.error =
                                    Some("choose a status or a percent to override".into());
                            }
                            Ok(_) if draft.reason.trim().is_empty() => {
                                draft.error = Some("an override needs a written reason".into());
                            }
                            Ok(percent) => {
                                actions.push(Action::Edit(Command::SetOverride {
                                    item: item.id.clone(),
                                    value: Some(Override {
                                        status: draft.status,
                                        percent,
                                        reason: draft.reason.trim().to_owned(),
                                        by: crate::store::current_user(),
                                        on: Some(chrono::Local::now().date_naive()),
                                    }),
                                }));
                                close = true;
                            }
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        }
        if close {
            self.drafts.override_draft = None;
        }
    }
}
