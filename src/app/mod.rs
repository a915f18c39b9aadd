//! The window: a shell around the views. Views draw and return actions;
//! the shell applies them after the frame through the workbench (one
//! command, one transaction), so views never write to the file.

mod action_items;
mod actions;
mod compare_view;
mod details_view;
mod field;
pub mod filter;
mod history_view;
mod initiatives_view;
mod jobs;
mod kpi_view;
mod meetings_view;
mod plan_view;
mod prefs;
mod presentation_view;
mod print_dialog;
mod restore_dialog;
mod save_dialog;
mod table_import_dialog;
mod tree_view;
mod unsaved;
mod widgets;

use std::path::{Path, PathBuf};

use egui::{Id, RichText, Ui};

pub use actions::{Action, Tab, UiCommand};
pub use prefs::Prefs;

use crate::command::Command;
use crate::interchange::seeds::Seed;
use crate::workbench::{EditError, Workbench};

/// What is selected: an item, and which of its placements (by code).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub item: Option<String>,
    pub code: Option<String>,
}

/// The link picker: which item, and the text typed to find a parent.
struct LinkPicker {
    item: String,
    filter: String,
    /// The Find box has been given the keyboard.
    focused: bool,
}

/// The Cairn window.
pub struct CairnApp {
    wb: Option<Workbench>,
    /// Why no workbench is open.
    open_error: Option<String>,
    pub prefs: Prefs,
    pub selection: Selection,
    tree: tree_view::TreeView,
    details: details_view::DetailsView,
    kpis: kpi_view::KpiView,
    initiatives: initiatives_view::InitiativesView,
    plan_view: plan_view::PlanView,
    print: print_dialog::PrintDialog,
    history: history_view::HistoryView,
    compare: compare_view::CompareView,
    meetings: meetings_view::MeetingsView,
    /// The meeting on the projector, if one is being presented.
    presenting: Option<presentation_view::Presentation>,
    /// The window's style before the presentation restyled it.
    style_before_presenting: Option<std::sync::Arc<egui::Style>>,
    table_dialog: table_import_dialog::TableDialog,
    restore: restore_dialog::RestoreDialog,
    /// Minutes being printed on a worker thread.
    minutes_job: Option<jobs::Job<String>>,
    /// A message for the user, and whether it is an error.
    message: Option<(String, bool)>,
    confirm_delete: Option<String>,
    link_picker: Option<LinkPicker>,
    title: String,
    applied: Option<(bool, u32)>,
    totals: Option<(u64, crate::rules::rollup::Totals)>,
}

impl CairnApp {
    /// A window on an open workbench, or on the reason none could be opened.
    pub fn new(wb: Result<Workbench, String>, prefs: Prefs) -> Self {
        let (wb, open_error) = match wb {
            Ok(wb) => (Some(wb), None),
            Err(e) => (None, Some(e)),
        };
        let mut app = Self {
            wb,
            open_error,
            prefs,
            selection: Selection::default(),
            tree: tree_view::TreeView::default(),
            details: details_view::DetailsView::default(),
            kpis: kpi_view::KpiView::default(),
            initiatives: initiatives_view::InitiativesView::default(),
            plan_view: plan_view::PlanView::default(),
            print: print_dialog::PrintDialog::default(),
            history: history_view::HistoryView::default(),
            compare: compare_view::CompareView::default(),
            meetings: meetings_view::MeetingsView::default(),
            presenting: None,
            style_before_presenting: None,
            table_dialog: table_import_dialog::TableDialog::default(),
            restore: restore_dialog::RestoreDialog::default(),
            minutes_job: None,
            message: None,
            confirm_delete: None,
            link_picker: None,
            title: String::new(),
            applied: None,
            totals: None,
        };
        app.after_open();
        app
    }

    pub fn workbench(&self) -> Option<&Workbench> {
        self.wb.as_ref()
    }

    /// Types `text` into the tree's filter box (benchmarks, scripting).
    pub fn set_filter_text(&mut self, text: &str) {
        self.tree.filter.text = text.to_owned();
    }

    /// The message shown in the window, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|(m, _)| m.as_str())
    }

    fn after_open(&mut self) {
        if let Some(wb) = self.wb.as_mut() {
            wb.set_user(&self.prefs.user_name);
        }
        if let Some(wb) = &self.wb {
            self.prefs.remember(wb.path());
            let first = wb
                .tree()
                .placements
                .first()
                .map(|p| (wb.plan().items()[p.item].id.clone(), p.code.clone()));
            self.selection = Selection {
                item: first.as_ref().map(|f| f.0.clone()),
                code: first.map(|f| f.1),
            };
            self.tree = tree_view::TreeView::default();
            self.plan_view = plan_view::PlanView::default();
            self.totals = None;
        }
    }

    fn file_key(&self) -> String {
        self.wb
            .as_ref()
            .map(|w| w.path().display().to_string())
            .unwrap_or_default()
    }

    fn collapsed(&self) -> std::collections::BTreeSet<String> {
        self.prefs
            .collapsed
            .get(&self.file_key())
            .cloned()
            .unwrap_or_default()
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some((text.into(), error));
    }

    /// Draws the whole window and applies what the views asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_prefs(&ctx);
        if self.presenting.is_some() {
            self.present(ui);
            return;
        }
        let mut actions = self.shortcuts(&ctx);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        actions.extend(dropped.into_iter().map(Action::OpenFile));

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for (title, commands) in UiCommand::menus() {
                    ui.menu_button(title, |ui| {
                        for entry in commands {
                            match entry {
                                None => {
                                    ui.separator();
                                }
                                Some(c) => {
                                    let mut button = egui::Button::new(c.label());
                                    if let Some(s) = c.shortcut() {
                                        button = button.shortcut_text(ctx.format_shortcut(&s));
                                    }
                                    if ui
                                        .add_enabled(self.enabled(*c), button)
                                        .on_hover_text(c.tooltip())
                                        .clicked()
                                    {
                                        actions.push(Action::Ui(*c));
                                        ui.close();
                                    }
                                }
                            }
                        }
                        if title == "File" && !self.prefs.recent.is_empty() {
                            ui.separator();
                            ui.menu_button("Recent files", |ui| {
                                for p in self.prefs.recent.clone() {
                                    if ui.button(p.display().to_string()).clicked() {
                                        actions.push(Action::OpenFile(p));
                                        ui.close();
                                    }
                                }
                            });
                        }
                    });
                }
            });
            self.banners(ui);
        });
        if let Some(wb) = &self.wb {
            egui::Panel::bottom("status").show(ui, |ui| {
                let key = wb.generation();
                if self.totals.as_ref().is_none_or(|(g, _)| *g != key) {
                    self.totals = Some((
                        key,
                        crate::rules::rollup::totals(wb.plan(), wb.rollup(), None),
                    ));
                }
                ui.horizontal(|ui| {
                    if let Some((_, t)) = &self.totals {
                        let info = &wb.plan().info;
                        ui.label(format!(
                            "{} {} · {} complete",
                            t.distinct,
                            info.level_name(info.levels.len().saturating_sub(1))
                                .to_lowercase()
                                + "s",
                            crate::model::text::percent_text(t.percent)
                        ));
                        if let Some(g) = info.grading.grade_for(t.score) {
                            ui.label(format!("· overall grade {}", g.grade));
                        }
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(RichText::new(wb.path().display().to_string()).weak());
                        if let Some(u) = wb.undo_label() {
                            ui.label(RichText::new(format!("Saved · undo: {u}")).weak());
                        } else {
                            ui.label(RichText::new("Saved").weak());
                        }
                    });
                });
            });
        }
        if self.wb.is_none() {
            egui::CentralPanel::default_margins()
                .show(ui, |ui| self.no_workbench(ui, &mut actions));
        } else {
            let kept = self.unsaved_count();
            self.main_area(ui, &mut actions);
            if self.unsaved_count() != kept {
                ctx.request_repaint(); // The reminder is drawn above.
            }
        }
        self.modals(&ctx, &mut actions);
        for action in actions {
            self.handle(&ctx, action);
        }
        self.update_title(&ctx);
    }

    /// The presentation takes the whole window; only its own keys, undo,
    /// redo, quit and zoom work.
    fn present(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let (Some(wb), Some(p)) = (self.wb.as_ref(), self.presenting.as_mut()) else {
            self.presenting = None;
            return;
        };
        let len = wb.plan().meeting(&p.meeting).map_or(0, |m| m.agenda.len());
        let mut actions = Vec::new();
        if p.keys(&ctx, len) {
            actions.push(Action::EndPresentation);
        }
        for c in [
            UiCommand::Redo,
            UiCommand::Undo,
            UiCommand::Quit,
            UiCommand::ZoomIn,
            UiCommand::ZoomOut,
            UiCommand::ZoomReset,
        ] {
            let typing = ctx.egui_wants_keyboard_input();
            if let Some(s) = c.shortcut()
                && !(typing && matches!(c, UiCommand::Undo | UiCommand::Redo))
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                actions.push(Action::Ui(c));
            }
        }
        actions.extend(p.ui(ui, wb));
        for action in actions {
            self.handle(&ctx, action);
        }
        self.update_title(&ctx);
    }

    fn main_area(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(wb) = self.wb.as_ref() else {
            return;
        };
        let collapsed = self.collapsed();
        egui::Panel::left("tree")
            .resizable(true)
            .default_size(520.0)
            .min_size(260.0)
            .show(ui, |ui| {
                actions.extend(self.tree.ui(ui, wb, &self.selection, &collapsed));
            });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui.horizontal(|ui| {
                for c in UiCommand::TABS {
                    let Some(tab) = c.tab() else { continue };
                    let mut hint = c.tooltip().to_owned();
                    if let Some(s) = c.shortcut() {
                        hint += &format!(" ({})", ui.ctx().format_shortcut(&s));
                    }
                    if ui
                        .selectable_label(self.prefs.tab == tab, c.tab_label())
                        .on_hover_text(hint)
                        .clicked()
                    {
                        actions.push(Action::Show(tab));
                    }
                }
            });
            ui.separator();
            let item_shown = self.prefs.tab == Tab::Item
                && self
                    .selection
                    .item
                    .as_ref()
                    .is_some_and(|id| wb.plan().item(id).is_some());
            if !item_shown {
                actions.extend(self.details.flush(wb));
                actions.extend(self.kpis.flush(wb));
            }
            if self.prefs.tab != Tab::Meetings {
                actions.extend(self.meetings.flush(wb));
            }
            match self.prefs.tab {
                Tab::Item => match self.selection.item.clone() {
                    Some(id) if wb.plan().item(&id).is_some() => {
                        egui::Panel::right("kpis")
                            .resizable(true)
                            .default_size(460.0)
                            .min_size(300.0)
                            .show(ui, |ui| {
                                egui::ScrollArea::vertical()
                                    .id_salt("kpi-scroll")
                                    .show(ui, |ui| {
                                        actions.extend(self.kpis.ui(ui, wb, &id));
                                    });
                            });
                        egui::CentralPanel::default_margins().show(ui, |ui| {
                            egui::ScrollArea::vertical()
                                .id_salt("details-scroll")
                                .auto_shrink([false, false])
                                .show(ui, |ui| {
                                    actions.extend(self.details.ui(ui, wb, &id));
                                });
                        });
                    }
                    _ => {
                        ui.label("Select an item in the tree.");
                    }
                },
                Tab::Initiatives => {
                    actions.extend(self.initiatives.ui(ui, wb, self.selection.item.as_deref()))
                }
                Tab::Plan => actions.extend(self.plan_view.ui(ui, wb)),
                Tab::Compare => self.compare.ui(ui, wb),
                Tab::Meetings => {
                    actions.extend(self.meetings.ui(ui, wb, self.selection.item.as_deref()));
                }
                Tab::History => actions.extend(self.history.ui(
                    ui,
                    wb,
                    self.selection.item.as_deref(),
                    &self.prefs.user_name,
                )),
            }
        });
    }

    fn banners(&mut self, ui: &mut Ui) {
        self.unsaved_banner(ui);
        self.minutes_job_ui(ui);
        if let Some((text, error)) = self.message.clone() {
            let colour = if error {
                egui::Color32::from_rgb(0xc5, 0x22, 0x1f)
            } else {
                ui.visuals().text_color()
            };
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(if error { format!("⚠ {text}") } else { text }).color(colour),
                );
                if ui.small_button("Dismiss").clicked() {
                    self.message = None;
                }
            });
        }
        if let Some(wb) = &self.wb {
            if wb.store().is_read_only() {
                ui.label(
                    RichText::new(
                        "⚠ This file is read-only: you can look, but changes cannot be saved.",
                    )
                    .strong(),
                );
            }
            if wb.plan().contains_sample_data() {
                ui.horizontal(|ui| {
                    widgets::sample_badge(ui);
                    ui.label(
                        RichText::new(
                            "This workbench contains illustrative sample figures, not the city's.",
                        )
                        .weak(),
                    );
                });
            }
        }
    }

    fn no_workbench(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.heading("No workbench is open");
        if let Some(e) = &self.open_error {
            ui.colored_label(egui::Color32::from_rgb(0xc5, 0x22, 0x1f), e);
        }
        ui.add_space(8.0);
        if ui.button(UiCommand::Open.label()).clicked() {
            actions.push(Action::Ui(UiCommand::Open));
        }
        for seed in Seed::ALL {
            if ui.button(UiCommand::New(seed).label()).clicked() {
                actions.push(Action::Ui(UiCommand::New(seed)));
            }
        }
    }

    fn modals(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if let Some(wb) = self.wb.as_ref() {
            self.print.ui(ctx, wb, self.selection.code.as_deref());
            actions.extend(self.table_dialog.ui(ctx, wb));
            actions.extend(self.restore.ui(ctx, wb));
        }
        if let (Some(id), Some(wb)) = (self.confirm_delete.clone(), self.wb.as_ref()) {
            let Some(item) = wb.plan().item(&id) else {
                self.confirm_delete = None;
                return;
            };
            let descendants = item.children.len();
            let mut close = false;
            egui::Modal::new(Id::unique("confirm-delete")).show(ctx, |ui| {
                ui.heading("Delete this item?");
                ui.label(format!("“{}”", item.title));
                if descendants > 0 {
                    ui.label(format!(
                        "Its {descendants} child item(s) go with it, except those also linked elsewhere. You can undo this (Ctrl+Z)."
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
                ui.heading(format!("Link “{}” under another {}", item.title, plan.info.level_name(item.level.saturating_sub(1)).to_lowercase()));
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

    fn enabled(&self, c: UiCommand) -> bool {
        let has_wb = self.wb.is_some();
        let has_sel = self.selection.item.is_some();
        match c {
            UiCommand::New(_)
            | UiCommand::Open
            | UiCommand::Quit
            | UiCommand::ZoomIn
            | UiCommand::ZoomOut
            | UiCommand::ZoomReset
            | UiCommand::ToggleTheme => true,
            UiCommand::Undo => self.wb.as_ref().is_some_and(|w| w.undo_label().is_some()),
            UiCommand::Redo => self.wb.as_ref().is_some_and(|w| w.redo_label().is_some()),
            UiCommand::SaveCopyAs
            | UiCommand::RestoreBackup
            | UiCommand::Print
            | UiCommand::ImportTable
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
    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let typing = ctx.egui_wants_keyboard_input();
        let modal = self.confirm_delete.is_some()
            || self.link_picker.is_some()
            || self.tree.renaming.is_some()
            || self.print.open
            || self.restore.open
            || self.table_dialog.open;
        let mut out = Vec::new();
        for c in UiCommand::with_shortcuts() {
            let Some(shortcut) = c.shortcut() else {
                continue;
            };
            if (c.is_tree_key() && (typing || modal))
                || (typing && matches!(c, UiCommand::Undo | UiCommand::Redo))
            {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                out.push(Action::Ui(c));
            }
        }
        out
    }

    fn apply_prefs(&mut self, ctx: &egui::Context) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Zoom is 0.5–3.
        let key = (self.prefs.dark, (self.prefs.zoom * 100.0).round() as u32);
        if self.applied.is_none() {
            install_fonts(ctx);
        }
        if self.applied != Some(key) {
            ctx.set_theme(if self.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            ctx.set_zoom_factor(self.prefs.zoom);
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.applied = Some(key);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.wb {
            Some(wb) => {
                let info = &wb.plan().info;
                let file = wb
                    .path()
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let ro = if wb.store().is_read_only() {
                    " (read-only)"
                } else {
                    ""
                };
                format!(
                    "{} {} {} — {file}{ro} — Cairn",
                    info.organisation,
                    info.title,
                    info.timeframe()
                )
            }
            None => "Cairn".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The placement the selection points at: (item position, parent position).
    fn selected_placement(&self) -> Option<(usize, Option<usize>)> {
        let wb = self.wb.as_ref()?;
        let id = self.selection.item.as_ref()?;
        let pos = wb.plan().position(id)?;
        let placements = &wb.tree().placements;
        let p = placements
            .iter()
            .find(|p| p.item == pos && Some(&p.code) == self.selection.code.as_ref())
            .or_else(|| placements.iter().find(|p| p.item == pos))?;
        Some((p.item, p.parent))
    }

    fn parent_id(&self) -> Option<String> {
        let wb = self.wb.as_ref()?;
        let (_, parent) = self.selected_placement()?;
        parent.map(|p| wb.plan().items()[p].id.clone())
    }

    /// Keeps the selection on its item after the tree changed.
    fn fix_selection(&mut self) {
        let Some(wb) = &self.wb else { return };
        let Some(id) = self.selection.item.clone() else {
            return;
        };
        let Some(pos) = wb.plan().position(&id) else {
            self.selection = Selection::default();
            return;
        };
        let still = self.selection.code.as_ref().and_then(|c| {
            wb.tree().item_by_code(c).filter(|_| {
                wb.tree()
                    .placements
                    .iter()
                    .any(|p| p.code == *c && p.item == pos)
            })
        });
        if still.is_none() {
            self.selection.code = wb.tree().code_of(pos).map(str::to_owned);
        }
    }

    /// Applies an edit; false (with the reason shown) when it was not made.
    fn edit(&mut self, command: Command) -> bool {
        let Some(wb) = self.wb.as_mut() else {
            return false;
        };
        match wb.apply(&command) {
            Ok(focus) => {
                if matches!(self.message, Some((_, true))) {
                    self.message = None;
                }
                if let Some(notice) = wb.take_notice() {
                    self.message = Some((notice, true));
                }
                if let Command::SetInfo(_) = command {
                    self.plan_view.error = None;
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
            Err(EditError::Refused(msg)) => {
                if let Some(p) = self.presenting.as_mut() {
                    p.refused(msg.clone());
                }
                match &command {
                    Command::SetField { item, field, .. } => {
                        self.details.field_error(item, *field, msg.clone())
                    }
                    Command::SetInfo(_) => self.plan_view.error = Some(msg.clone()),
                    _ => {}
                }
                self.say(format!("Not saved: {msg}"), true);
                false
            }
            Err(EditError::Store(e)) => {
                if let Some(p) = self.presenting.as_mut() {
                    p.refused(e.to_string());
                }
                self.say(e.to_string(), true);
                false
            }
        }
    }

    fn set_expanded(&mut self, item: &str, expanded: bool) {
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
                self.message = note.map(|n| (n, false));
                self.after_open();
            }
            Err(e) => self.say(e, true),
        }
    }

    fn handle(&mut self, ctx: &egui::Context, action: Action) {
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
            Action::SetUserName(name) => {
                self.prefs.user_name = name;
                if let Some(wb) = self.wb.as_mut() {
                    wb.set_user(&self.prefs.user_name);
                }
            }
        }
    }

    #[allow(clippy::too_many_lines)] // One arm per menu command.
    fn run(&mut self, ctx: &egui::Context, c: UiCommand) {
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
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Cairn workbench", &["cairn"])
                    .set_file_name(name)
                    .save_file()
                {
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
                            self.after_open();
                        }
                        Err(e) => self.say(e, true),
                    }
                }
            }
            UiCommand::Open => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Cairn workbench", &["cairn"])
                    .pick_file()
                {
                    self.open_path(&path);
                }
            }
            UiCommand::SaveCopyAs => {
                let Some(wb) = self.wb.as_ref() else { return };
                let name = wb.path().file_stem().map_or_else(
                    || "copy.cairn".to_owned(),
                    |s| format!("{} copy.cairn", s.to_string_lossy()),
                );
                if let Some(path) = save_dialog::choose_output(
                    "a copy of the workbench",
                    ("Cairn workbench", &["cairn"]),
                    &name,
                    wb.path().parent(),
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
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            UiCommand::ImportTable => {
                if let Some(wb) = self.wb.as_ref() {
                    self.table_dialog.show_for(wb);
                }
            }
        }
    }

    /// The meeting F5 presents: the one shown on the Meetings page, if it
    /// has an agenda.
    fn meeting_to_present(&self) -> Option<String> {
        let wb = self.wb.as_ref()?;
        let plan = wb.plan();
        let id = self
            .meetings
            .selected
            .clone()
            .or_else(|| plan.meetings.last().map(|m| m.id.clone()))?;
        plan.meeting(&id)
            .filter(|m| !m.agenda.is_empty())
            .map(|m| m.id.clone())
    }

    /// Starts the meeting (noting where each agenda item stands) unless it
    /// already has, and puts it on the screen.
    fn start_presenting(&mut self, ctx: &egui::Context, id: &str) {
        let Some(wb) = self.wb.as_ref() else { return };
        let Some(m) = wb.plan().meeting(id) else {
            return;
        };
        if m.started_at.is_none()
            && !self.edit(Command::StartMeeting {
                meeting: id.to_owned(),
            })
        {
            return;
        }
        self.meetings.selected = Some(id.to_owned());
        self.presenting = Some(presentation_view::Presentation::new(id));
        if self.style_before_presenting.is_none() {
            self.style_before_presenting = Some(ctx.global_style());
        }
        ctx.global_style_mut(presentation_view::projector);
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// Writes a meeting's minutes: a web page when the path ends in .html,
    /// otherwise a PDF.
    fn print_minutes(&mut self, ctx: &egui::Context, meeting: &str, path: &Path, a4: bool) {
        use crate::report::{Paper, minutes};
        let Some(wb) = self.wb.as_ref() else { return };
        let path = if path.is_relative() {
            wb.path()
                .parent()
                .map_or_else(|| path.to_path_buf(), |d| d.join(path))
        } else {
            path.to_path_buf()
        };
        let html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let paper = if a4 { Paper::A4 } else { Paper::Letter };
        if self.minutes_job.is_some() {
            self.say(
                "The minutes are already being printed; wait for them first.",
                true,
            );
            return;
        }
        // Refused at once, before any work; the history is read here, on
        // the window's thread, and the rest runs on a worker.
        if let Err(e) = crate::store::output::check_target(&path, Some(wb.path())) {
            self.say(e.to_string(), true);
            return;
        }
        let history = match minutes::history_for(wb.store(), wb.plan(), meeting) {
            Ok(h) => h,
            Err(e) => {
                self.say(e.to_string(), true);
                return;
            }
        };
        let (plan, workbench, meeting) =
            (wb.plan().clone(), wb.path().to_owned(), meeting.to_owned());
        let started = jobs::Job::start("Printing the minutes", ctx, move |cancel| {
            let (bytes, pages) = crate::report::minutes_print::render(
                &plan,
                &meeting,
                &minutes::MinutesOptions::default(),
                &history,
                (!html).then_some(paper),
            )
            .map_err(|e| e.to_string())?;
            cancel.check()?;
            crate::store::output::write(&path, &bytes, Some(&workbench))
                .map_err(|e| e.to_string())?;
            let what = pages.map_or_else(|| "a web page".to_owned(), |n| format!("{n} pages"));
            Ok(format!("Wrote the minutes ({what}) to {}", path.display()))
        });
        match started {
            Ok(job) => self.minutes_job = Some(job),
            Err(e) => self.say(e, true),
        }
    }

    /// Collects the minutes job's result, and shows it while it runs.
    fn minutes_job_ui(&mut self, ui: &mut Ui) {
        let Some(job) = self.minutes_job.as_mut() else {
            return;
        };
        match job.poll() {
            Some(Ok(msg)) => {
                self.minutes_job = None;
                self.say(msg, false);
            }
            Some(Err(e)) => {
                self.minutes_job = None;
                self.say(format!("The minutes were not printed: {e}"), true);
            }
            None => {
                jobs::show_running(ui, job);
            }
        }
    }

    /// Replaces the plan with a backup the user chose and confirmed.
    fn restore_backup(&mut self, path: &Path) {
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

    /// Arrow-key movement in the tree.
    fn navigate(&mut self, c: UiCommand) {
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

/// Opens a workbench for the window. A file another Cairn has open is
/// opened read-only, with a note saying why.
pub fn open_for_window(path: &Path) -> Result<(Workbench, Option<String>), String> {
    Workbench::open_or_share(path)
        .map(|(wb, busy)| (wb, busy.map(|e| format!("{e} It is open here read-only."))))
        .map_err(|e| e.to_string())
}

/// Adds the shipped font as a fallback for symbols (status symbols, tree
/// arrows) that egui's default fonts lack.
fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "dejavu-sans-condensed",
        egui::FontData::from_static(crate::theme::fonts::REGULAR),
        vec![
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
        ],
    ));
}

impl eframe::App for CairnApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}

/// Opens the window on `file`, or on the default workbench (created from
/// the Phoenix plan on first run).
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let path = match file {
        Some(f) => f,
        None => crate::store::paths::ensure_default_workbench()?,
    };
    let opened = open_for_window(&path);
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([800.0, 500.0])
        .with_title("Cairn")
        .with_app_id("cairn")
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Cairn",
        options,
        Box::new(move |cc| {
            let prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            let (wb, note) = match opened {
                Ok((wb, note)) => (Ok(wb), note),
                Err(e) => (Err(e), None),
            };
            let mut app = CairnApp::new(wb, prefs);
            if let Some(note) = note {
                app.say(note, false);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
