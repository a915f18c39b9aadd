//! Applying what the frame asked for: an edit through the workbench (one
//! command, one transaction), a selection, a menu command, opening a
//! file, merging a copy, restoring a backup.

use std::path::Path;

use super::*;

impl CairnApp {
    /// Applies an edit; false (with the reason shown) when it was not made.
    pub(super) fn edit(&mut self, command: Command) -> bool {
        let Some(wb) = self.wb.as_mut() else {
            return false;
        };
        match wb.apply(&command) {
            Ok(focus) => {
                if self.message.as_ref().is_some_and(|b| b.error) {
                    self.message = None;
                }
                if let Some(notice) = wb.take_notice() {
                    self.message = Some(banner::Banner::new(notice, true));
                }
                if let Command::SetInfo(_) = command {
                    self.plan_view.error = None;
                }
                // Which period a figure went to is said, not guessed.
                if let Command::RecordProgress { item, update } = &command
                    && !self.message.as_ref().is_some_and(|b| b.error)
                {
                    let code = wb
                        .plan()
                        .position(item)
                        .and_then(|p| wb.tree().code_of(p))
                        .unwrap_or("")
                        .to_owned();
                    let shown = crate::command::progress_text(&wb.plan().info, update);
                    self.message = Some(banner::Banner::new(
                        format!("{code} {shown}: recorded for {}", update.period),
                        false,
                    ));
                }
                if let Some(id) = focus {
                    let code = wb
                        .plan()
                        .position(&id)
                        .and_then(|p| wb.tree().code_of(p))
                        .map(str::to_owned);
                    let title = wb
                        .plan()
                        .item(&id)
                        .map(|i| i.title.clone())
                        .unwrap_or_default();
                    self.selection = Selection {
                        item: Some(id.clone()),
                        code,
                    };
                    self.tree.renaming = Some((id, title));
                    self.tree.scroll_to_selected = true;
                    if let Some(parent) = self.parent_id() {
                        self.set_expanded(&parent, true);
                    }
                }
                self.fix_selection();
                true
            }
            Err(EditError::Refused(refusal)) => {
                let msg = refusal.to_string();
                if let Some(p) = self.presenting.as_mut() {
                    p.refused(msg.clone());
                }
                match &refusal {
                    Refusal::Field { item, field, .. } => {
                        self.details.field_error(item, *field, msg.clone());
                    }
                    Refusal::Settings(_) => self.plan_view.error = Some(msg.clone()),
                    _ => {}
                }
                self.say(format!("Not saved: {msg}"), true);
                false
            }
            Err(e @ (EditError::Store(_) | EditError::Copy(_))) => {
                if let Some(p) = self.presenting.as_mut() {
                    p.refused(e.to_string());
                }
                self.say(e.to_string(), true);
                false
            }
        }
    }

    pub(super) fn set_expanded(&mut self, item: &str, expanded: bool) {
        let key = self.file_key();
        let set = self.prefs.collapsed.entry(key).or_default();
        let changed = if expanded {
            set.remove(item)
        } else {
            set.insert(item.to_owned())
        };
        if changed {
            self.tree.collapsed_changed();
        }
    }

    /// Opens a workbench file in this window.
    pub fn open_path(&mut self, path: &Path) {
        match open_for_window(path) {
            Ok((wb, note)) => {
                self.wb = Some(wb);
                self.open_error = None;
                self.message = note.map(|n| banner::Banner::new(n, false));
                self.after_open();
            }
            Err(e) => self.say(e.to_string(), true),
        }
    }

    pub(super) fn handle(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Edit(c) => {
                self.edit(c);
            }
            Action::Select { item, code } => {
                self.selection = Selection {
                    item: Some(item),
                    code,
                }
            }
            Action::Ui(c) => self.run(ctx, c),
            Action::Show(tab) => self.prefs.tab = tab,
            Action::OpenFile(p) => self.open_path(&p),
            Action::ConfirmDelete(id) => self.confirm_delete = Some(id),
            Action::PickLinkParent(id) => {
                self.link_picker = Some(LinkPicker {
                    item: id,
                    filter: String::new(),
                    focused: false,
                })
            }
            Action::SetExpanded { item, expanded } => self.set_expanded(&item, expanded),
            Action::Message(m) => self.say(m, false),
            Action::SetZoom(z) => self.prefs.zoom = z.clamp(0.5, 3.0),
            Action::Present(id) => self.start_presenting(ctx, &id),
            Action::EndPresentation => {
                if let Some(p) = self.presenting.take() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    if let Some(style) = self.style_before_presenting.take() {
                        ctx.set_global_style(style);
                    }
                    self.meetings.selected = Some(p.meeting);
                    self.prefs.tab = Tab::Meetings;
                }
            }
            Action::PrintMinutes { meeting, path, a4 } => {
                self.print_minutes(ctx, &meeting, &path, a4);
            }
            Action::RestoreBackup(path) => self.restore_backup(&path),
            Action::MergeCopy { path, choices } => self.merge_copy(&path, &choices),
            Action::RegisterRequests { requests, files } => {
                if !self.edit(Command::RegisterRequests(requests)) {
                    for f in &files {
                        let _ = std::fs::remove_file(f);
                    }
                    let why = self.message().unwrap_or_default().to_owned();
                    self.say(
                        format!("The requests could not be recorded, so the files written were removed. {why}"),
                        true,
                    );
                }
            }
            Action::Welcomed => self.prefs.welcomed = true,
            Action::SetUserName(name) => {
                if let Some(file) = &self.person_file
                    && let Err(e) = crate::store::person::save_name(file, &name)
                {
                    self.say(
                        format!("Your name is used in this window but could not be saved for the command line: {e}"),
                        true,
                    );
                }
                self.prefs.user_name = name;
                if let Some(wb) = self.wb.as_mut() {
                    wb.set_user(&self.prefs.user_name);
                }
            }
        }
    }

    /// Reviews the copy at `path` in the Merge a copy dialog, or says why
    /// it cannot be merged.
    pub(crate) fn review_copy(&mut self, path: &Path) {
        let Some(wb) = self.wb.as_mut() else { return };
        match wb.review_copy(path) {
            Ok(review) => self.merge_copy.show(review),
            Err(e) => self.say(format!("Not merged: {e}"), true),
        }
    }

    /// Merges a reviewed copy with the choices made in the review.
    pub(super) fn merge_copy(&mut self, path: &Path, choices: &crate::store::copies::CopyChoices) {
        let Some(wb) = self.wb.as_mut() else { return };
        match wb.merge_copy(path, choices) {
            Ok(merged) => {
                self.fix_selection();
                self.say(
                    format!("Merged the copy: {}. Ctrl+Z undoes it.", merged.summary()),
                    false,
                );
            }
            Err(e) => self.say(format!("Not merged: {e}"), true),
        }
    }

    /// Replaces the plan with a backup the user chose and confirmed.
    pub(super) fn restore_backup(&mut self, path: &Path) {
        let Some(wb) = self.wb.as_mut() else { return };
        match wb.restore_from(path) {
            Ok(before) => {
                let msg = format!(
                    "Restored the plan from {}. The file as it was is kept as {} (File → Restore from backup… brings it back).",
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    before
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
                self.after_open();
                self.say(msg, false);
            }
            Err(e) => self.say(format!("Not restored: {e}"), true),
        }
    }
}
