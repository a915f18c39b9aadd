//! File → Merge a copy…: the review of a colleague's copy before it is
//! merged. Each changed item, KPI or meeting is listed with its fields as
//! they were when the copy was taken, in the copy, and here when this file
//! changed them too. Changes come in unless unticked; a conflict keeps this
//! file's value unless the analyst takes the copy's. Nothing is settled
//! without being shown.

use std::collections::BTreeSet;

use egui::{Grid, RichText, ScrollArea};

use crate::app::actions::Action;
use crate::store::copies::{CopyChange, CopyChoices, CopyReview};

#[derive(Default)]
pub struct MergeCopyDialog {
    pub open: bool,
    review: Option<CopyReview>,
    leave_out: BTreeSet<String>,
    take_copy: BTreeSet<String>,
    /// Which page of changes shows (a big copy's review is paged, so a
    /// frame draws at most [`PAGE`] of them).
    page: usize,
}

/// Changes drawn per page.
const PAGE: usize = 100;

impl MergeCopyDialog {
    /// Shows the review of a copy, every change ticked and every conflict
    /// kept as here.
    pub fn show(&mut self, review: CopyReview) {
        self.review = Some(review);
        self.leave_out.clear();
        self.take_copy.clear();
        self.page = 0;
        self.open = true;
    }

    fn window(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        // Taken out for the frame and put back (no copy of the review).
        let Some(review) = self.review.take().filter(|_| self.open) else {
            return actions;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("merge-copy")).show(ctx, |ui| {
            let width = (ctx.content_rect().width() - 80.0).clamp(320.0, 980.0);
            ui.set_width(width);
            crate::app::widgets::dialog_title(ui, "Merge a copy");
            let name = review
                .copy
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.label(format!(
                "{name}: a copy {} took of {} on {}.",
                review.origin.taken_by,
                review.origin.path,
                review.origin.taken_at.get(..10).unwrap_or(&review.origin.taken_at)
            ));
            let conflicts = review.conflicts().count();
            if review.changes.is_empty() {
                ui.label("The copy changes nothing that this file does not already have.");
            } else {
                ui.label(format!(
                    "{}, {}; {} from the copy come along. Changes are brought in unless you untick them. A conflict keeps this file's value unless you take the copy's.",
                    crate::model::text::count(review.changes.len(), "change"),
                    crate::model::text::count(conflicts, "conflict"),
                    crate::model::text::count(review.history, "history entry"),
                ));
            }
            ui.add_space(4.0);
            let height = (ctx.content_rect().height() * 0.55).max(160.0);
            // Conflicts first, then the rest, in the plan's order.
            let order: Vec<&CopyChange> = review
                .conflicts()
                .chain(review.changes.iter().filter(|c| c.conflict.is_none()))
                .collect();
            let pages = order.len().div_ceil(PAGE).max(1);
            self.page = self.page.min(pages - 1);
            if pages > 1 {
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(self.page > 0, egui::Button::new("◀ Previous"))
                        .clicked()
                    {
                        self.page -= 1;
                    }
                    ui.label(format!(
                        "Changes {}–{} of {}",
                        self.page * PAGE + 1,
                        ((self.page + 1) * PAGE).min(order.len()),
                        order.len()
                    ));
                    if ui
                        .add_enabled(self.page + 1 < pages, egui::Button::new("Next ▶"))
                        .clicked()
                    {
                        self.page += 1;
                    }
                });
            }
            ScrollArea::both()
                .id_salt(("merge-changes", self.page))
                .max_height(height)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for change in order.iter().skip(self.page * PAGE).take(PAGE) {
                        self.change_ui(ui, change);
                        ui.add_space(6.0);
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let merge = ui
                    .add_enabled(!review.changes.is_empty(), egui::Button::new("Merge"))
                    .on_hover_text("Bring in the ticked changes, as one edit (Ctrl+Z undoes it)");
                if merge.clicked() {
                    actions.push(Action::MergeCopy {
                        path: review.copy.clone(),
                        choices: CopyChoices {
                            leave_out: self.leave_out.clone(),
                            take_copy: self.take_copy.clone(),
                        },
                    });
                    close = true;
                }
                let cancel = if review.changes.is_empty() { "Close" } else { "Cancel" };
                if ui.button(cancel).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            self.open = false;
        } else {
            self.review = Some(review);
        }
        actions
    }

    fn change_ui(&mut self, ui: &mut egui::Ui, change: &CopyChange) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                match &change.conflict {
                    Some(c) if c.can_take_copy() => {
                        let mut take = self.take_copy.contains(&change.subject);
                        if ui
                            .checkbox(&mut take, "Take the copy's")
                            .on_hover_text(
                                "Unticked, the fields changed on both sides keep this file's values; fields only the copy changed come in either way",
                            )
                            .changed()
                        {
                            toggle(&mut self.take_copy, &change.subject, take);
                        }
                    }
                    Some(_) => {}
                    None => {
                        let mut bring = !self.leave_out.contains(&change.subject);
                        if ui.checkbox(&mut bring, "Bring in").changed() {
                            toggle(&mut self.leave_out, &change.subject, !bring);
                        }
                    }
                }
                ui.label(RichText::new(&change.title).strong());
                ui.label(RichText::new(format!("({})", change.kind.label())).weak());
            });
            if let Some(c) = &change.conflict {
                ui.label(
                    RichText::new(format!("Conflict: {}", c.explain()))
                        .color(ui.visuals().warn_fg_color)
                        .strong(),
                );
            }
            let here = change.fields.iter().any(|f| f.here.is_some());
            if change.conflict.is_some() && here && change.fields.iter().any(|f| f.here.is_none()) {
                ui.label(
                    RichText::new("Fields with nothing under \"Here now\" changed only in the copy; they come in either way.")
                        .weak(),
                );
            }
            // The value columns share the width, so long titles wrap in
            // words rather than letters.
            let columns = if here { 3.0 } else { 2.0 };
            let width = ((ui.available_width() - 170.0) / columns - 12.0).max(120.0);
            Grid::new(("merge-fields", &change.subject))
                .num_columns(if here { 4 } else { 3 })
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("Field").weak());
                    ui.label(RichText::new("When copied").weak());
                    ui.label(RichText::new("In the copy").weak());
                    if here {
                        ui.label(RichText::new("Here now").weak());
                    }
                    ui.end_row();
                    for f in &change.fields {
                        wrapped(ui, &f.field, 150.0);
                        wrapped(ui, &f.was, width);
                        wrapped(ui, &f.copy, width);
                        if here {
                            wrapped(ui, f.here.as_deref().unwrap_or(""), width);
                        }
                        ui.end_row();
                    }
                });
        });
    }
}

/// A value wrapped at `width` points.
fn wrapped(ui: &mut egui::Ui, text: &str, width: f32) {
    ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
        ui.set_width(width);
        ui.add(egui::Label::new(text).wrap());
    });
}

fn toggle(set: &mut BTreeSet<String>, key: &str, on: bool) {
    if on {
        set.insert(key.to_owned());
    } else {
        set.remove(key);
    }
}

impl super::Dialog for MergeCopyDialog {
    fn show(
        &mut self,
        ctx: &egui::Context,
        _cx: &super::DialogContext<'_>,
    ) -> Vec<crate::app::Action> {
        self.window(ctx)
    }
}
