//! The menu and keyboard commands: which are enabled, which keys fire
//! them, what each does, and arrow-key movement in the tree.

use super::*;
use crate::command::Command;
use crate::interchange::seeds::Seed;
use crate::workbench::Workbench;

impl CairnApp {
    pub(super) fn enabled(&self, c: UiCommand) -> bool {
        let has_wb = self.wb.is_some();
        let has_sel = self.selection.item.is_some();
        match c {
            UiCommand::New(_)
            | UiCommand::Open
            | UiCommand::Quit
            | UiCommand::ZoomIn
            | UiCommand::ZoomOut
            | UiCommand::ZoomReset
            | UiCommand::ToggleTheme
            | UiCommand::HighContrast
            | UiCommand::Settings
            | UiCommand::GettingStarted
            | UiCommand::CommandPalette
            | UiCommand::FocusMenu
            | UiCommand::About => true,
            UiCommand::Undo => self.wb.as_ref().is_some_and(|w| w.undo_label().is_some()),
            UiCommand::Redo => self.wb.as_ref().is_some_and(|w| w.redo_label().is_some()),
            UiCommand::SaveCopyAs
            | UiCommand::RestoreBackup
            | UiCommand::Print
            | UiCommand::ImportTable
            | UiCommand::RequestUpdates
            | UiCommand::FocusFilter
            | UiCommand::ShowItem
            | UiCommand::ShowInitiatives
            | UiCommand::ShowPlan
            | UiCommand::ShowHistory
            | UiCommand::ShowCompare
            | UiCommand::ShowMeetings
            | UiCommand::AddChild => has_wb,
            UiCommand::PresentMeeting => self.meeting_to_present().is_some(),
            _ => has_wb && has_sel,
        }
    }

    /// Turns key presses into commands. Keys without modifiers (arrows,
    /// Enter, Delete, F2) act on the tree only while no text field has the
    /// keyboard and no dialog is open.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let typing = ctx.egui_wants_keyboard_input();
        let modal = self.confirm_delete.is_some()
            || self.link_picker.is_some()
            || self.tree.renaming.is_some()
            || self.print.open
            || self.restore.open
            || self.table_dialog.open
            || !self.prefs.welcomed
            || self.path_prompt.is_some()
            || self.requests.open
            || self.merge_copy.open
            || self.palette.open;
        let mut out = Vec::new();
        // Alt alone goes to the menus, as on Windows and Linux (macOS has
        // no such key: its menu bar is the system's).
        let tapped = ctx.input(|i| self.alt_tap.tapped(i));
        if tapped && !modal && ctx.os() != egui::os::OperatingSystem::Mac {
            out.push(Action::Ui(UiCommand::FocusMenu));
        }
        for &c in UiCommand::with_shortcuts() {
            if (c.is_tree_key() && (typing || modal))
                || (typing && matches!(c, UiCommand::Undo | UiCommand::Redo))
            {
                continue;
            }
            if ctx.input_mut(|i| c.pressed(i)) {
                out.push(Action::Ui(c));
            }
        }
        out
    }

    pub(super) fn run(&mut self, ctx: &egui::Context, c: UiCommand) {
        if !self.enabled(c) {
            return;
        }
        let selected = self.selection.item.clone();
        match c {
            UiCommand::New(seed) => {
                let name = format!(
                    "{}.cairn",
                    if seed == Seed::Blank {
                        "plan"
                    } else {
                        seed.key()
                    }
                );
                let dialog = rfd::FileDialog::new()
                    .add_filter("Cairn workbench", &["cairn"])
                    .set_file_name(name);
                let chosen = dialogs::files::save_file(dialog);
                if let Some(path) =
                    self.chosen_or_prompt(chosen, dialogs::files::Purpose::New(seed))
                {
                    self.create_workbench(seed, path);
                }
            }
            UiCommand::Open => {
                let dialog = rfd::FileDialog::new().add_filter("Cairn workbench", &["cairn"]);
                let chosen = dialogs::files::pick_file(dialog);
                if let Some(path) = self.chosen_or_prompt(chosen, dialogs::files::Purpose::Open) {
                    self.open_path(&path);
                }
            }
            UiCommand::SaveCopyAs => {
                let Some(wb) = self.wb.as_ref() else { return };
                let name = wb.path().file_stem().map_or_else(
                    || "copy.cairn".to_owned(),
                    |s| format!("{} copy.cairn", s.to_string_lossy()),
                );
                if let Some(path) = dialogs::save::choose_output(
                    "a copy of the workbench",
                    ("Cairn workbench", &["cairn"]),
                    &name,
                    Some(&crate::store::paths::output_dir(
                        wb.path().parent().unwrap_or(std::path::Path::new(".")),
                    )),
                    wb.path(),
                ) {
                    match wb.store().save_copy(&path) {
                        Ok(()) => self.say(format!("Saved a copy as {}", path.display()), false),
                        Err(e) => self.say(e.to_string(), true),
                    }
                }
            }
            UiCommand::RestoreBackup => {
                if let Some(wb) = self.wb.as_ref() {
                    self.restore.show_for(wb);
                }
            }
            UiCommand::Print => {
                if let Some(wb) = self.wb.as_ref() {
                    self.print.show_for(wb);
                }
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo | UiCommand::Redo => {
                if let Some(wb) = self.wb.as_mut() {
                    let result = if c == UiCommand::Undo {
                        wb.undo()
                    } else {
                        wb.redo()
                    };
                    match result {
                        Ok(_) => self.fix_selection(),
                        Err(e) => self.say(e.to_string(), true),
                    }
                }
            }
            UiCommand::AddChild => {
                let Some(wb) = &self.wb else { return };
                let (parent, level) = match &selected {
                    Some(id) => (
                        Some(id.clone()),
                        wb.plan().item(id).map_or(0, |i| i.level + 1),
                    ),
                    None => (None, 0),
                };
                let name = wb.plan().info.level_name(level).to_lowercase();
                self.edit(Command::AddItem {
                    parent,
                    title: format!("New {name}"),
                });
            }
            UiCommand::AddSibling => {
                let Some(wb) = &self.wb else { return };
                let level = selected
                    .as_ref()
                    .and_then(|id| wb.plan().item(id))
                    .map_or(0, |i| i.level);
                let name = wb.plan().info.level_name(level).to_lowercase();
                let parent = self.parent_id();
                self.edit(Command::AddItem {
                    parent,
                    title: format!("New {name}"),
                });
            }
            UiCommand::Rename => {
                if let (Some(id), Some(wb)) = (selected, &self.wb) {
                    let title = wb
                        .plan()
                        .item(&id)
                        .map(|i| i.title.clone())
                        .unwrap_or_default();
                    self.tree.renaming = Some((id, title));
                }
            }
            UiCommand::EditItem => {
                self.prefs.tab = Tab::Item;
                self.details.focus_title = true;
            }
            UiCommand::Delete => self.confirm_delete = selected,
            UiCommand::LinkTo => {
                if let Some(id) = selected {
                    self.link_picker = Some(LinkPicker {
                        item: id,
                        filter: String::new(),
                        focused: false,
                    });
                }
            }
            UiCommand::Unlink => {
                if let (Some(item), Some(parent)) = (selected, self.parent_id()) {
                    self.edit(Command::UnlinkItem { item, parent });
                }
            }
            UiCommand::MoveUp | UiCommand::MoveDown => {
                if let Some(id) = selected {
                    let delta = if c == UiCommand::MoveUp { -1 } else { 1 };
                    let parent = self.parent_id();
                    self.edit(Command::Reorder {
                        item: id,
                        parent,
                        delta,
                    });
                }
            }
            UiCommand::SelectPrevious
            | UiCommand::SelectNext
            | UiCommand::SelectFirst
            | UiCommand::SelectLast
            | UiCommand::Expand
            | UiCommand::Collapse => self.navigate(c),
            UiCommand::FocusFilter => self.tree.focus_filter = true,
            UiCommand::ShowItem
            | UiCommand::ShowInitiatives
            | UiCommand::ShowPlan
            | UiCommand::ShowHistory
            | UiCommand::ShowMeetings
            | UiCommand::ShowCompare => {
                if let Some(tab) = c.tab() {
                    self.prefs.tab = tab;
                }
            }
            UiCommand::PresentMeeting => {
                if let Some(id) = self.meeting_to_present() {
                    self.start_presenting(ctx, &id);
                }
            }
            UiCommand::ZoomIn => self.prefs.zoom = (self.prefs.zoom + 0.1).min(3.0),
            UiCommand::ZoomOut => self.prefs.zoom = (self.prefs.zoom - 0.1).max(0.5),
            UiCommand::ZoomReset => self.prefs.zoom = 1.0,
            UiCommand::ToggleTheme => {
                self.prefs.dark = ctx.theme() != egui::Theme::Dark;
                self.prefs.theme_follows_system = false;
            }
            UiCommand::HighContrast => {
                self.prefs.high_contrast = !self.prefs.high_contrast;
                self.prefs.contrast_follows_system = false;
            }
            UiCommand::Settings => self.settings.show(),
            UiCommand::GettingStarted => self.help.open = true,
            UiCommand::CommandPalette => {
                let enabled = UiCommand::ALL
                    .into_iter()
                    .filter(|c| self.enabled(*c))
                    .collect();
                self.palette.open_with(enabled);
            }
            UiCommand::FocusMenu => self.focus_menu = true,
            UiCommand::About => self.help.about = true,
            UiCommand::ImportTable => {
                if let Some(wb) = self.wb.as_ref() {
                    self.table_dialog.show_for(wb);
                }
            }
            UiCommand::RequestUpdates => {
                if let Some(wb) = self.wb.as_ref() {
                    self.requests.show_for(wb);
                }
            }
            UiCommand::MergeCopy => {
                let Some(wb) = self.wb.as_ref() else { return };
                let dialog = rfd::FileDialog::new()
                    .set_title("Merge a copy of this workbench")
                    .add_filter("Cairn workbench", &["cairn"])
                    .set_directory(crate::store::paths::output_dir(
                        wb.path().parent().unwrap_or(std::path::Path::new(".")),
                    ));
                let chosen = dialogs::files::pick_file(dialog);
                if let Some(path) =
                    self.chosen_or_prompt(chosen, dialogs::files::Purpose::MergeCopy)
                {
                    self.review_copy(&path);
                }
            }
        }
    }

    /// The file a chooser gave back; when none could be shown, says so and
    /// asks for the path in the window instead (answered later).
    fn chosen_or_prompt(
        &mut self,
        chosen: Option<std::path::PathBuf>,
        purpose: dialogs::files::Purpose,
    ) -> Option<std::path::PathBuf> {
        if chosen.is_none() && dialogs::files::take_unavailable() {
            self.say(dialogs::files::UNAVAILABLE, true);
            self.path_prompt = Some(dialogs::files::PathPrompt::new(purpose));
        }
        chosen
    }

    /// Arrow-key movement in the tree.
    /// Creates a workbench from `seed` at `path` and opens it.
    pub(super) fn create_workbench(&mut self, seed: Seed, path: std::path::PathBuf) {
        let path = if path.extension().is_none() {
            path.with_extension("cairn")
        } else {
            path
        };
        match seed
            .plan()
            .map_err(|e| e.to_string())
            .and_then(|plan| Workbench::create(&path, plan).map_err(|e| e.to_string()))
        {
            Ok(wb) => {
                self.wb = Some(wb);
                self.open_error = None;
                self.after_open();
            }
            Err(e) => self.say(e, true),
        }
    }

    pub(super) fn navigate(&mut self, c: UiCommand) {
        let collapsed = self.collapsed();
        let Some(wb) = self.wb.as_ref() else { return };
        let rows = self.tree.rows(wb, &collapsed).to_vec();
        if rows.is_empty() {
            return;
        }
        let placements = &wb.tree().placements;
        let current = rows
            .iter()
            .position(|&r| Some(&placements[r].code) == self.selection.code.as_ref());
        let select = |row: usize| {
            let p = &placements[row];
            Selection {
                item: Some(wb.plan().items()[p.item].id.clone()),
                code: Some(p.code.clone()),
            }
        };
        let Some(i) = current else {
            self.selection = select(rows[0]);
            return;
        };
        let p = &placements[rows[i]];
        let item = &wb.plan().items()[p.item];
        let open = !item.children.is_empty() && !collapsed.contains(&item.id);
        match c {
            UiCommand::SelectPrevious if i > 0 => self.selection = select(rows[i - 1]),
            UiCommand::SelectNext if i + 1 < rows.len() => self.selection = select(rows[i + 1]),
            UiCommand::SelectFirst => self.selection = select(rows[0]),
            UiCommand::SelectLast => self.selection = select(rows[rows.len() - 1]),
            UiCommand::Expand if !item.children.is_empty() && !open => {
                let id = item.id.clone();
                self.set_expanded(&id, true);
            }
            UiCommand::Expand if open && i + 1 < rows.len() => self.selection = select(rows[i + 1]),
            UiCommand::Collapse if open => {
                let id = item.id.clone();
                self.set_expanded(&id, false);
            }
            UiCommand::Collapse => {
                if let Some(parent_row) = rows[..i]
                    .iter()
                    .rev()
                    .find(|&&r| placements[r].depth < p.depth)
                {
                    self.selection = select(*parent_row);
                }
            }
            _ => {}
        }
        self.tree.scroll_to_selected = true;
    }
}
