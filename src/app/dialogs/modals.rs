//! The shell's own dialogs: confirming a delete and choosing a parent to
//! link an item under.

use egui::Id;

use super::{Dialog, DialogContext};
use crate::app::*;
use crate::command::Command;

impl CairnApp {
    pub(crate) fn modals(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let cx = DialogContext {
            wb: self.wb.as_ref(),
            prefs: &self.prefs,
            selected_code: self.selection.code.as_deref(),
        };
        let dialogs: [&mut dyn Dialog; 8] = [
            &mut self.palette,
            &mut self.settings,
            &mut self.help,
            &mut self.print,
            &mut self.table_dialog,
            &mut self.restore,
            &mut self.requests,
            &mut self.merge_copy,
        ];
        for dialog in dialogs {
            actions.extend(dialog.show(ctx, &cx));
        }
        if let (Some(id), Some(wb)) = (self.confirm_delete.clone(), self.wb.as_ref()) {
            let Some(item) = wb.plan().item(&id) else {
                self.confirm_delete = None;
                return;
            };
            let descendants = item.children.len();
            let mut close = false;
            egui::Modal::new(Id::unique("confirm-delete")).show(ctx, |ui| {
                crate::app::widgets::dialog_title(ui, "Delete this item?");
                ui.label(format!("“{}”", item.title));
                if descendants > 0 {
                    ui.label(format!(
                        "Its {} go with it, except those also linked elsewhere. You can undo this (Ctrl+Z).",
                        crate::model::text::count(descendants, "child item")
                    ));
                }
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        actions.push(Action::Edit(Command::DeleteItem { item: id.clone() }));
                        close = true;
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        close = true;
                    }
                });
            });
            if close {
                self.confirm_delete = None;
            }
        }
        if let (Some(picker), Some(wb)) = (self.link_picker.as_mut(), self.wb.as_ref()) {
            let plan = wb.plan();
            let Some(item) = plan.item(&picker.item) else {
                self.link_picker = None;
                return;
            };
            let current = plan.parents_of(&item.id);
            let mut close = false;
            egui::Modal::new(Id::unique("link-picker")).show(ctx, |ui| {
                crate::app::widgets::dialog_title(ui, format!("Link “{}” under another {}", item.title, plan.info.level_name(item.level.saturating_sub(1)).to_lowercase()));
                ui.label("The item stays one item: it shows under each parent and counts once in plan totals.");
                let l = ui.label("Find");
                let find = ui.add(egui::TextEdit::singleline(&mut picker.filter)).labelled_by(l.id);
                if !std::mem::replace(&mut picker.focused, true) {
                    find.request_focus();
                }
                let needle = picker.filter.to_lowercase();
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for (pos, candidate) in plan.items().iter().enumerate() {
                        if candidate.level + 1 != item.level || current.contains(&candidate.id.as_str()) {
                            continue;
                        }
                        let code = wb.tree().code_of(pos).unwrap_or("");
                        let label = format!("{code} {}", candidate.title);
                        if !needle.is_empty() && !label.to_lowercase().contains(&needle) {
                            continue;
                        }
                        if ui.button(label).clicked() {
                            actions.push(Action::Edit(Command::LinkItem { item: item.id.clone(), parent: candidate.id.clone() }));
                            close = true;
                        }
                    }
                });
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
            if close {
                self.link_picker = None;
            }
        }
    }
}
