//! The status bar: the plan's totals and grade with what it rests on,
//! whether edits are saved (or the file is read-only), the file, and
//! whose copy it is.

use std::path::Path;

use egui::RichText;

use super::CairnApp;

impl CairnApp {
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        if let Some(wb) = &self.wb {
            egui::Panel::bottom("status").show(ui, |ui| {
                let key = wb.generation();
                if self.totals.as_ref().is_none_or(|(g, _)| *g != key) {
                    self.totals = Some((
                        key,
                        crate::rules::rollup::totals(wb.plan(), wb.rollup(), None),
                    ));
                }
                // The file and whether it is saved first, from the right; the
                // totals take what is left and are cut short, not overlapped.
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new(wb.path().display().to_string()).weak());
                    if let Some(o) = wb.copy_origin() {
                        let name = Path::new(&o.path)
                            .file_name()
                            .map_or_else(|| o.path.clone(), |n| n.to_string_lossy().into_owned());
                        ui.label(RichText::new(format!("copy of {name}")).weak())
                            .on_hover_text(copy_hint(o));
                    }
                    if wb.store().is_read_only() {
                        ui.label(RichText::new("Read-only").weak());
                    } else if let Some(u) = wb.undo_label() {
                        ui.label(RichText::new(format!("Saved · undo: {u}")).weak());
                    } else {
                        ui.label(RichText::new("Saved").weak());
                    }
                    let Some((_, t)) = &self.totals else { return };
                    let info = &wb.plan().info;
                    let mut text = format!(
                        "{} · {} complete",
                        crate::model::text::count(
                            t.distinct,
                            &info
                                .level_name(info.levels.len().saturating_sub(1))
                                .to_lowercase()
                        ),
                        crate::model::text::percent_text(t.percent)
                    );
                    let grade = crate::rules::grade::grade(info, t.score, &t.coverage);
                    if grade != crate::rules::grade::Graded::Nothing {
                        text += &format!(
                            " · overall grade {}, {}",
                            grade.short(),
                            t.coverage.sentence(info)
                        );
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(egui::Label::new(text).truncate())
                            .on_hover_text(crate::rules::grade::rule_sentence(info));
                    });
                });
            });
        }
    }
}

/// Who took this copy of which workbench, and when.
fn copy_hint(o: &crate::store::copies::CopyOrigin) -> String {
    format!(
        "{} took this copy of {} on {}. Its edits are merged back with File → Merge a copy… in that workbench.",
        o.taken_by,
        o.path,
        o.taken_at.get(..10).unwrap_or(&o.taken_at)
    )
}
