//! The presentation: a review meeting on a projector. Full screen, large
//! type, high contrast, one agenda item at a time: status, percent, owner,
//! KPI charts, latest notes and what changed since the last meeting.
//! Status, percent and notes are edited in place with the same commands as
//! everywhere else; decisions and action items are captured against the
//! item. Arrows, Page Up/Down and space move through the agenda (clickers
//! send those); Esc returns to the workbench.
//!
//! `standing.rs` draws the agenda item's figures, children and changes;
//! `records.rs` its notes, decisions and action items.

mod records;
mod standing;

use crate::app::views::{View, ViewContext};
use crate::app::widgets::colour;
use crate::theme::palette::projector;
use egui::{Color32, FontId, Key, Modifiers, RichText, TextStyle, Ui};

use crate::app::actions::Action;
use crate::app::widgets;
use crate::command::{Command, ItemField, parse_percent};
use crate::model::{Item, Meeting, ProgressNote, StatusKind};
use crate::rules::rollup::{Rollup, roll_up};
use crate::store::HistoryFilter;
use crate::workbench::Workbench;

/// Projector colours: light text on black.
const BACKGROUND: Color32 = colour(projector::BACKGROUND);
const PANEL: Color32 = colour(projector::PANEL);
const TEXT: Color32 = colour(projector::TEXT);
const DIM: Color32 = colour(projector::DIM);
const WARN: Color32 = colour(projector::WARN);

/// Below this width the item and the meeting's record become two tabs.
const SIDE_BY_SIDE: f32 = 900.0;

/// A meeting being presented.
pub struct Presentation {
    pub meeting: String,
    /// Which agenda item is shown.
    pub index: usize,
    percent: String,
    percent_for: String,
    note: String,
    decision: String,
    action_text: String,
    action_owner: String,
    action_due: String,
    error: Option<String>,
    /// (plan generation, agenda index) the caches were made for.
    cached_for: Option<(u64, usize)>,
    rollup: Rollup,
    changes: Vec<String>,
    changes_since: String,
    /// On a narrow screen: the record tab (decisions, action items, KPIs)
    /// is shown instead of the item.
    record_tab: bool,
}

impl Presentation {
    pub fn new(meeting: &str) -> Self {
        Self {
            meeting: meeting.to_owned(),
            index: 0,
            percent: String::new(),
            percent_for: String::new(),
            note: String::new(),
            decision: String::new(),
            action_text: String::new(),
            action_owner: String::new(),
            action_due: String::new(),
            error: None,
            cached_for: None,
            rollup: Rollup::default(),
            changes: Vec::new(),
            changes_since: String::new(),
            record_tab: false,
        }
    }

    /// Moves through the agenda; returns false at either end.
    pub fn step(&mut self, delta: isize, len: usize) -> bool {
        let next = self
            .index
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        let moved = next != self.index;
        self.index = next;
        if moved {
            self.clear_drafts();
        }
        moved
    }

    fn clear_drafts(&mut self) {
        self.note.clear();
        self.decision.clear();
        self.action_text.clear();
        self.action_owner.clear();
        self.action_due.clear();
        self.percent_for.clear();
        self.error = None;
    }

    /// Reads the navigation keys, unless someone is typing in a field.
    /// Returns true when Esc asks to leave.
    pub fn keys(&mut self, ctx: &egui::Context, len: usize) -> bool {
        if ctx.egui_wants_keyboard_input() {
            return false;
        }
        let mut leave = false;
        ctx.input_mut(|i| {
            for key in [Key::ArrowRight, Key::ArrowDown, Key::PageDown, Key::Space] {
                if i.consume_key(Modifiers::NONE, key) {
                    self.step(1, len);
                }
            }
            for key in [Key::ArrowLeft, Key::ArrowUp, Key::PageUp] {
                if i.consume_key(Modifiers::NONE, key) {
                    self.step(-1, len);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Home) {
                self.step(isize::MIN, len);
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                self.step(isize::MAX, len);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                leave = true;
            }
        });
        leave
    }

    /// Records a refusal from the workbench to show on the slide.
    pub fn refused(&mut self, message: String) {
        self.error = Some(message);
    }

    fn refresh(&mut self, wb: &Workbench, m: &Meeting) {
        let key = (wb.generation(), self.index);
        if self.cached_for == Some(key) {
            return;
        }
        self.cached_for = Some(key);
        let plan = wb.plan();
        self.rollup = roll_up(plan, Some(&m.period));
        self.changes.clear();
        // Since the last meeting held before this one, else since the
        // start of the period under review.
        let previous = plan
            .meetings
            .iter()
            .filter(|o| o.id != m.id && o.date <= m.date && o.started_at.is_some())
            .max_by(|a, b| (a.date, &a.started_at).cmp(&(b.date, &b.started_at)));
        let (since_text, since_at) = match previous {
            Some(p) => (
                format!("since {} ({})", p.title, p.date),
                p.ended_at.clone().or_else(|| p.started_at.clone()),
            ),
            None => {
                let start = plan
                    .info
                    .periods
                    .iter()
                    .find(|p| p.label == m.period)
                    .map(|p| p.start);
                (
                    format!("since the start of {}", m.period),
                    start.map(|d| d.to_string()),
                )
            }
        };
        self.changes_since = since_text;
        let Some(entry) = m.agenda.get(self.index) else {
            return;
        };
        // The item and everything below it.
        let mut ids = vec![entry.item.clone()];
        let mut i = 0;
        while i < ids.len() && ids.len() < 200 {
            if let Some(it) = plan.item(&ids[i]) {
                for c in &it.children {
                    if !ids.contains(c) {
                        ids.push(c.clone());
                    }
                }
            }
            i += 1;
        }
        let since_day = since_at
            .as_deref()
            .and_then(|t| t.get(..10))
            .and_then(|d| d.parse().ok());
        // The whole history since then, so undos (which name no item)
        // count: an edit and its undo show nothing.
        let filter = HistoryFilter {
            since: since_day,
            ..HistoryFilter::default()
        };
        let since: Vec<_> = wb
            .store()
            .history(&filter)
            .unwrap_or_default()
            .into_iter()
            .filter(|r| since_at.as_ref().is_none_or(|s| r.at.as_str() > s.as_str()))
            .collect();
        let mut rows: Vec<_> = crate::store::net::net_effect(&since)
            .into_iter()
            .filter(|r| r.entry.item.as_ref().is_some_and(|i| ids.contains(i)))
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.id));
        self.changes = rows
            .iter()
            .take(12)
            .map(|r| {
                format!(
                    "{} {} · {}",
                    r.at.get(..10).unwrap_or(&r.at),
                    r.who,
                    crate::report::minutes::describe_change(plan, wb.tree(), &r.entry)
                )
            })
            .collect();
    }

    fn top_bar(&mut self, ui: &mut Ui, wb: &Workbench, m: &Meeting, actions: &mut Vec<Action>) {
        let len = m.agenda.len();
        // Two rows that wrap rather than overlap on a narrow screen: what
        // is being reviewed, then the controls.
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} · {} · {}", m.title, m.date, m.period)).color(DIM));
            if m.ended_at.is_some() {
                ui.label(RichText::new("(ended)").color(DIM));
            }
            if wb.plan().contains_sample_data() {
                widgets::sample_badge(ui);
                ui.label(RichText::new("some figures are illustrative").color(DIM));
            }
        });
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(self.index > 0, egui::Button::new("◀ Previous"))
                .on_hover_text("The agenda item before (← or Page Up)")
                .clicked()
            {
                self.step(-1, len);
            }
            ui.label(
                RichText::new(format!("Item {} of {len}", self.index + 1))
                    .strong()
                    .color(TEXT),
            );
            if ui
                .add_enabled(self.index + 1 < len, egui::Button::new("Next ▶"))
                .on_hover_text("The next agenda item (→, Page Down or space)")
                .clicked()
            {
                self.step(1, len);
            }
            ui.add_space(24.0);
            if ui
                .button(if m.ended_at.is_some() {
                    "Update the minutes"
                } else {
                    "End the meeting"
                })
                .on_hover_text("Note where every agenda item stands now, for the minutes")
                .clicked()
            {
                actions.push(Action::Edit(Command::EndMeeting {
                    meeting: m.id.clone(),
                }));
                actions.push(Action::EndPresentation);
            }
            if ui
                .button("Leave (Esc)")
                .on_hover_text("Back to the workbench; the meeting stays open")
                .clicked()
            {
                actions.push(Action::EndPresentation);
            }
        });
        ui.separator();
    }

    fn slide(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        item: &Item,
        actions: &mut Vec<Action>,
    ) {
        let plan = wb.plan();
        let Some(pos) = plan.position(&item.id) else {
            return;
        };
        let rolled = self.rollup.items.get(pos).cloned();
        let code = wb.tree().code_of(pos).unwrap_or("");
        ui.label(
            RichText::new(format!("{} {code}", plan.info.level_name(item.level)))
                .color(DIM)
                .size(26.0),
        );
        ui.add(egui::Label::new(RichText::new(&item.title).size(40.0).strong().color(TEXT)).wrap());
        if let Some(e) = &self.error {
            ui.label(RichText::new(format!("⚠ Not saved: {e}")).color(WARN));
        }
        ui.add_space(10.0);
        if ui.available_width() >= SIDE_BY_SIDE {
            // The record of the meeting has its own column, always on
            // screen, however long the item's titles and lists are.
            egui::Panel::right("slide-right")
                .resizable(true)
                .default_size(ui.available_width() * 0.42)
                .min_size(320.0)
                .frame(
                    egui::Frame::new()
                        .fill(BACKGROUND)
                        .inner_margin(egui::Margin {
                            left: 16,
                            ..egui::Margin::ZERO
                        }),
                )
                .show(ui, |ui| {
                    egui::ScrollArea::both()
                        .id_salt("slide-right")
                        .auto_shrink([false, false])
                        .show(ui, |ui| self.record(ui, wb, m, item, actions));
                });
            egui::CentralPanel::no_frame().show(ui, |ui| {
                egui::ScrollArea::both()
                    .id_salt("slide-left")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.item_side(ui, wb, m, item, rolled.as_ref(), actions)
                    });
            });
        } else {
            // Narrow: the item and the record are two tabs, both always
            // one click away.
            ui.horizontal(|ui| {
                for (record, label) in [(false, "This item"), (true, "Decisions and actions")] {
                    if ui
                        .selectable_label(self.record_tab == record, RichText::new(label).strong())
                        .clicked()
                    {
                        self.record_tab = record;
                    }
                }
            });
            ui.separator();
            egui::ScrollArea::both()
                .id_salt(("slide-narrow", self.record_tab))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if self.record_tab {
                        self.record(ui, wb, m, item, actions);
                    } else {
                        self.item_side(ui, wb, m, item, rolled.as_ref(), actions);
                    }
                });
        }
    }
}

/// Large type and light-on-dark colours for this frame's slide.
fn projector_style(ui: &mut Ui) {
    projector(ui.style_mut());
}

/// Large type and light-on-dark colours: for the slide, and for the whole
/// window (popups such as the status list) while presenting.
pub fn projector(style: &mut egui::Style) {
    for (text_style, size) in [
        (TextStyle::Body, 22.0),
        (TextStyle::Button, 22.0),
        (TextStyle::Small, 16.0),
        (TextStyle::Heading, 32.0),
        (TextStyle::Monospace, 20.0),
    ] {
        let family = style
            .text_styles
            .get(&text_style)
            .map_or(egui::FontFamily::Proportional, |f| f.family.clone());
        style
            .text_styles
            .insert(text_style, FontId::new(size, family));
    }
    let v = &mut style.visuals;
    *v = egui::Visuals::dark();
    v.override_text_color = Some(TEXT);
    v.panel_fill = BACKGROUND;
    v.extreme_bg_color = PANEL;
    v.widgets.inactive.weak_bg_fill = PANEL;
    v.widgets.inactive.bg_fill = PANEL;
    style.spacing.item_spacing = egui::vec2(10.0, 8.0);
    style.spacing.button_padding = egui::vec2(12.0, 6.0);
    style.spacing.interact_size.y = 34.0;
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(12.0);
    ui.label(RichText::new(text).size(26.0).strong().color(TEXT));
}

/// A status chip sized for the back of the room.
fn big_chip(ui: &mut Ui, info: &crate::model::PlanInfo, kind: StatusKind) {
    let text = format!("{} {}", kind.symbol(), info.status_label(kind));
    let fill = widgets::colour(crate::theme::palette::status_colour(kind));
    let fg = widgets::colour(crate::theme::palette::status_text_colour(kind));
    egui::Frame::new()
        .fill(fill)
        .corner_radius(egui::CornerRadius::same(10))
        .inner_margin(egui::Margin::symmetric(16, 6))
        .show(ui, |ui| {
            ui.label(RichText::new(text).size(34.0).strong().color(fg));
        });
}

impl View for Presentation {
    /// Draws the slide; returns what the user asked for.
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let mut actions = Vec::new();
        let Some(m) = wb.plan().meeting(&self.meeting) else {
            actions.push(Action::EndPresentation);
            return actions;
        };
        self.index = self.index.min(m.agenda.len().saturating_sub(1));
        self.refresh(wb, m);
        projector_style(ui);
        egui::CentralPanel::no_frame()
            .frame(egui::Frame::new().fill(BACKGROUND).inner_margin(28))
            .show(ui, |ui| {
                self.top_bar(ui, wb, m, &mut actions);
                ui.add_space(12.0);
                match m.agenda.get(self.index) {
                    Some(entry) => match wb.plan().item(&entry.item) {
                        Some(item) => self.slide(ui, wb, m, item, &mut actions),
                        None => {
                            ui.label(format!(
                                "{} {} has been deleted from the plan.",
                                entry.code, entry.title
                            ));
                        }
                    },
                    None => {
                        ui.label("The agenda is empty.");
                    }
                }
            });
        actions
    }
}
