//! File → Restore from backup…: the workbench's rolling backups, newest
//! first, and a restore after the user confirms it. The file as it is is
//! backed up before it is replaced, so a restore can itself be undone.

use egui::{Grid, RichText};

use crate::app::actions::Action;
use crate::store::backups::{self, Backup};
use crate::workbench::Workbench;

pub struct RestoreDialog {
    pub open: bool,
    /// The backups, or the words shown when the folder cannot be listed.
    found: Result<Vec<Backup>, String>,
    history_len: usize,
    /// The copy the user chose, waiting for the confirmation.
    confirm: Option<Backup>,
}

impl Default for RestoreDialog {
    fn default() -> Self {
        Self {
            open: false,
            found: Ok(Vec::new()),
            history_len: 0,
            confirm: None,
        }
    }
}

impl RestoreDialog {
    /// Opens the dialog on the backups of `wb`'s file, read afresh.
    pub fn show_for(&mut self, wb: &Workbench) {
        self.found = backups::list(wb.path()).map_err(|e| e.to_string());
        self.history_len = wb.store().history_len();
        self.confirm = None;
        self.open = true;
    }

    fn window(&mut self, ctx: &egui::Context, wb: &Workbench) -> Vec<Action> {
        let mut actions = Vec::new();
        if !self.open {
            return actions;
        }
        let mut close = false;
        egui::Modal::new(egui::Id::unique("restore-backup")).show(ctx, |ui| {
            ui.set_max_width(720.0);
            crate::app::widgets::dialog_title(ui, "Restore from backup");
            ui.label(format!(
                "Cairn copies {} before the first edit of each day, into {} (it keeps {}).",
                wb.path().display(),
                backups::folder(wb.path()).display(),
                wb.plan().info.backups.sentence()
            ));
            if let Some(b) = self.confirm.clone() {
                ui.add_space(6.0);
                ui.label(
                    RichText::new(format!(
                        "Replace the plan with the copy taken {}?",
                        b.taken.format("%Y-%m-%d %H:%M")
                    ))
                    .strong(),
                );
                ui.label(
                    "The file as it is now is backed up first, so you can come back to it by restoring that copy. Undo (Ctrl+Z) starts afresh after a restore.",
                );
                ui.horizontal(|ui| {
                    if ui.button("Restore this copy").clicked() {
                        actions.push(Action::RestoreBackup(b.path.clone()));
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm = None;
                    }
                });
                return;
            }
            match &self.found {
                Err(e) => {
                    ui.colored_label(crate::app::widgets::ERROR, format!("⚠ {e}"));
                }
                Ok(list) if list.is_empty() => {
                    ui.label(RichText::new("No backups yet: the first is taken before today's first edit.").weak());
                }
                Ok(list) => {
                    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                        Grid::new("backups").striped(true).num_columns(6).show(ui, |ui| {
                            for h in ["Taken", "Kind", "Size", "Plan", "Edits since", ""] {
                                ui.label(RichText::new(h).strong());
                            }
                            ui.end_row();
                            for b in list {
                                ui.label(b.taken.format("%Y-%m-%d %H:%M:%S").to_string());
                                ui.label(b.kind.label());
                                ui.label(b.size_text());
                                ui.label(b.title.clone().unwrap_or_else(|e| format!("unreadable: {e}")));
                                ui.label(b.edits_since(self.history_len).map_or_else(|| "—".to_owned(), |n| n.to_string()));
                                let name = b.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                                if ui.button("Restore…").on_hover_text(format!("Restore {name}")).clicked() {
                                    self.confirm = Some(b.clone());
                                }
                                ui.end_row();
                            }
                        });
                    });
                }
            }
            ui.add_space(6.0);
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close {
            self.open = false;
            self.confirm = None;
        }
        actions
    }
}

impl super::Dialog for RestoreDialog {
    fn show(
        &mut self,
        ctx: &egui::Context,
        cx: &super::DialogContext<'_>,
    ) -> Vec<crate::app::Action> {
        cx.wb.map(|wb| self.window(ctx, wb)).unwrap_or_default()
    }
}
