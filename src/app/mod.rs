//! The window: a shell around the views. Views draw and return actions;
//! the shell applies them after the frame through the workbench (one
//! command, one transaction), so views never write to the file.

mod actions;
mod alt_tap;
mod banner;
mod commands;
mod contrast;
mod dialogs;
mod dispatch;
mod focus_ring;
mod jobs;
mod layout;
mod meeting_shell;
mod menu_bar;
mod prefs;
mod startup;
mod status_bar;
mod system_contrast;
mod unsaved;
mod views;
mod widgets;

use std::path::PathBuf;

use egui::{RichText, Ui};

pub use actions::{Action, Tab, UiCommand};
pub use prefs::Prefs;
pub use startup::{open_for_window, run};

use crate::command::{Command, Refusal};
use crate::interchange::seeds::Seed;
use crate::workbench::{EditError, Workbench};
use views::{View, ViewContext};

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
    /// The person's preferences file (their name, shared with the
    /// command line); `None` keeps the name in this window only.
    person_file: Option<std::path::PathBuf>,
    pub selection: Selection,
    tree: views::tree::TreeView,
    details: views::details::DetailsView,
    kpis: views::kpis::KpiView,
    initiatives: views::initiatives::InitiativesView,
    plan_view: views::plan::PlanView,
    print: dialogs::print::PrintDialog,
    history: views::history::HistoryView,
    compare: views::compare::CompareView,
    meetings: views::meetings::MeetingsView,
    /// The meeting on the projector, if one is being presented.
    presenting: Option<views::presentation::Presentation>,
    /// The window's style before the presentation restyled it.
    style_before_presenting: Option<std::sync::Arc<egui::Style>>,
    table_dialog: dialogs::table_import::TableDialog,
    settings: dialogs::settings::SettingsDialog,
    help: dialogs::help::HelpDialog,
    palette: dialogs::palette::CommandPalette,
    /// F10 was pressed: the menu bar takes the keyboard next frame.
    focus_menu: bool,
    alt_tap: alt_tap::AltTap,
    /// The system's high-contrast answer, once the worker asking it has one.
    system_contrast: Option<std::sync::mpsc::Receiver<Option<bool>>>,
    restore: dialogs::restore::RestoreDialog,
    merge_copy: dialogs::merge_copy::MergeCopyDialog,
    requests: dialogs::requests::RequestsDialog,
    /// Minutes being printed on a worker thread.
    minutes_job: Option<jobs::Job<String>>,
    /// A message for the user: a notice, or a problem.
    message: Option<banner::Banner>,
    confirm_delete: Option<String>,
    /// A path typed in the window when no file chooser could be shown.
    path_prompt: Option<dialogs::files::PathPrompt>,
    link_picker: Option<LinkPicker>,
    title: String,
    applied: Option<(bool, bool, u32)>,
    totals: Option<(u64, crate::rules::rollup::Totals)>,
}

impl CairnApp {
    /// A window on an open workbench, or on the reason none could be opened.
    pub fn new(wb: Result<Workbench, crate::store::StoreError>, prefs: Prefs) -> Self {
        let (wb, open_error) = match wb {
            Ok(wb) => (Some(wb), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let mut app = Self {
            wb,
            open_error,
            prefs,
            person_file: None,
            selection: Selection::default(),
            tree: views::tree::TreeView::default(),
            details: views::details::DetailsView::default(),
            kpis: views::kpis::KpiView::default(),
            initiatives: views::initiatives::InitiativesView::default(),
            plan_view: views::plan::PlanView::default(),
            print: dialogs::print::PrintDialog::default(),
            history: views::history::HistoryView::default(),
            compare: views::compare::CompareView::default(),
            meetings: views::meetings::MeetingsView::default(),
            presenting: None,
            style_before_presenting: None,
            table_dialog: dialogs::table_import::TableDialog::default(),
            settings: dialogs::settings::SettingsDialog::default(),
            help: dialogs::help::HelpDialog::default(),
            palette: dialogs::palette::CommandPalette::default(),
            focus_menu: false,
            alt_tap: alt_tap::AltTap::default(),
            system_contrast: None,
            restore: dialogs::restore::RestoreDialog::default(),
            merge_copy: dialogs::merge_copy::MergeCopyDialog::default(),
            requests: dialogs::requests::RequestsDialog::default(),
            minutes_job: None,
            message: None,
            confirm_delete: None,
            path_prompt: None,
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
        self.message.as_ref().map(|b| b.text.as_str())
    }

    /// Keeps the person's name in the preferences file at `file` too, so
    /// the command line signs edits with it (the real window; tests leave
    /// it out).
    pub fn keep_name_in(&mut self, file: Option<std::path::PathBuf>) {
        self.person_file = file;
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
            self.tree = views::tree::TreeView::default();
            self.plan_view = views::plan::PlanView::default();
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
        self.message = Some(banner::Banner::new(text.into(), error));
    }

    /// Draws the whole window and applies what the views asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_prefs(&ctx);
        focus_ring::paint(&ctx, self.prefs.high_contrast);
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
        // Returned update requests (.xlsx) go to their review; anything
        // else is opened as a workbench.
        let (returned, dropped): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            });
        if let (false, Some(wb)) = (returned.is_empty(), self.wb.as_ref()) {
            self.requests.drop_files(wb, &returned);
        }
        actions.extend(dropped.into_iter().map(Action::OpenFile));

        self.menu_bar(ui, &mut actions);
        self.status_bar(ui);
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
        if dialogs::files::take_unavailable() {
            self.say(dialogs::files::UNAVAILABLE, true);
        }
        if let Some(prompt) = self.path_prompt.as_mut()
            && let Some(answer) = prompt.ui(&ctx)
        {
            self.path_prompt = None;
            match answer {
                dialogs::files::Answer::Open(p) => actions.push(Action::OpenFile(p)),
                dialogs::files::Answer::MergeCopy(p) => self.review_copy(&p),
                dialogs::files::Answer::Create(seed, p) => self.create_workbench(seed, p),
                dialogs::files::Answer::Cancel => {}
            }
        }
        if let Some(b) = self.message.as_mut()
            && !b.show(&ctx)
        {
            self.message = None;
        }
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
        let cx = ViewContext {
            wb,
            selection: &self.selection,
            collapsed: &collapsed,
            user_name: &self.prefs.user_name,
        };
        // A third of the window for the tree, so a laptop's or projector's
        // 1280 points leave room for the item beside it.
        let tree_width = (ui.available_width() * 0.32).clamp(240.0, 520.0);
        // One panel per text size: a larger text size starts from its own
        // third of the window, so the page beside the tree keeps its room.
        let zoom = (self.prefs.zoom * 100.0).round() as u32;
        egui::Panel::left(format!("tree-{zoom}"))
            .resizable(true)
            .default_size(tree_width)
            .min_size(220.0)
            .max_size((ui.available_width() * 0.6).max(260.0))
            .show(ui, |ui| {
                actions.extend(self.tree.ui(ui, &cx));
            });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            // Wrapped, so every tab stays on screen at large text sizes.
            ui.horizontal_wrapped(|ui| {
                for (c, tab) in UiCommand::tabs() {
                    // The hint is put together only while hovered.
                    let hint = |ui: &mut Ui| {
                        let mut text = c.tooltip().to_owned();
                        if let Some(s) = c.shortcut() {
                            text += &format!(" ({})", ui.ctx().format_shortcut(&s));
                        }
                        ui.label(text);
                    };
                    if ui
                        .selectable_label(self.prefs.tab == tab, c.tab_label())
                        .on_hover_ui(hint)
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
                Tab::Item => match cx.item() {
                    // KPIs beside the fields when the item has some and
                    // there is room; otherwise below them.
                    Some(id)
                        if ui.available_width() >= layout::SIDE_BY_SIDE
                            && wb.plan().kpis.iter().any(|k| k.item == id) =>
                    {
                        egui::Panel::right("kpis")
                            .resizable(true)
                            .default_size(ui.available_width() * 0.42)
                            .min_size(280.0)
                            .max_size(ui.available_width() * 0.6)
                            .show(ui, |ui| {
                                egui::ScrollArea::vertical()
                                    .id_salt("kpi-scroll")
                                    .auto_shrink([false, false])
                                    .show(ui, |ui| {
                                        actions.extend(self.kpis.ui(ui, &cx));
                                    });
                            });
                        egui::CentralPanel::default_margins().show(ui, |ui| {
                            layout::scroll_both(ui, "details-scroll", |ui| {
                                actions.extend(self.details.ui(ui, &cx));
                            });
                        });
                    }
                    Some(_) => {
                        // Too narrow for two columns: the KPIs follow the
                        // item's fields in one scrolling page.
                        layout::scroll_both(ui, "details-scroll", |ui| {
                            actions.extend(self.details.ui(ui, &cx));
                            ui.add_space(12.0);
                            ui.separator();
                            actions.extend(self.kpis.ui(ui, &cx));
                        });
                    }
                    None => {
                        ui.label("Select an item in the tree to see its fields, figures and KPIs.");
                    }
                },
                Tab::Initiatives => actions.extend(self.initiatives.ui(ui, &cx)),
                Tab::Plan => actions.extend(self.plan_view.ui(ui, &cx)),
                Tab::Compare => actions.extend(self.compare.ui(ui, &cx)),
                Tab::Meetings => actions.extend(self.meetings.ui(ui, &cx)),
                Tab::History => actions.extend(self.history.ui(ui, &cx)),
            }
        });
    }

    fn banners(&mut self, ui: &mut Ui) {
        self.unsaved_banner(ui);
        self.minutes_job_ui(ui);
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
            ui.colored_label(widgets::ERROR, e);
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

    /// Asks the system, on a worker, whether it wants high contrast; the
    /// answer is followed until the user picks a contrast themselves.
    pub fn follow_system_contrast(&mut self) {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(system_contrast::query());
        });
        self.system_contrast = Some(rx);
    }

    /// The system asks for high contrast (`true`) or not: followed unless
    /// the user has chosen.
    pub fn system_asks_for_high_contrast(&mut self, asks: bool) {
        if self.prefs.contrast_follows_system {
            self.prefs.high_contrast = asks;
        }
    }

    fn apply_prefs(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.system_contrast {
            match rx.try_recv() {
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                // Asked once: an answer, or a worker that could not say.
                answer => {
                    self.system_contrast = None;
                    if let Ok(Some(asks)) = answer {
                        self.system_asks_for_high_contrast(asks);
                    }
                }
            }
        }
        let dark = match (self.prefs.high_contrast, self.prefs.theme_follows_system) {
            (true, _) => true,
            (false, true) => ctx.system_theme() == Some(egui::Theme::Dark),
            (false, false) => self.prefs.dark,
        };
        let key = (
            dark,
            self.prefs.high_contrast,
            (self.prefs.zoom * 100.0).round() as u32,
        );
        if self.applied.is_none() {
            startup::install_fonts(ctx);
        }
        if self.applied != Some(key) {
            ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            ctx.set_zoom_factor(self.prefs.zoom);
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            // Text and hints at WCAG AA contrast (theme::palette::window).
            use crate::theme::palette::window;
            let c = |r: crate::theme::palette::Rgb| egui::Color32::from_rgb(r.0, r.1, r.2);
            let high_contrast = self.prefs.high_contrast;
            ctx.style_mut_of(egui::Theme::Dark, |s| {
                if high_contrast {
                    crate::app::contrast::high_contrast(&mut s.visuals);
                } else {
                    s.visuals = egui::Visuals::dark();
                    s.visuals.widgets.noninteractive.fg_stroke.color = c(window::DARK_TEXT);
                    s.visuals.weak_text_color = Some(c(window::DARK_WEAK));
                }
            });
            ctx.style_mut_of(egui::Theme::Light, |s| {
                s.visuals.widgets.noninteractive.fg_stroke.color = c(window::LIGHT_TEXT);
                s.visuals.weak_text_color = Some(c(window::LIGHT_WEAK));
            });
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
        // The window's own node is named too: a screen reader says which
        // plan this window holds.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
            node.set_label(title.clone());
        });
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
}
