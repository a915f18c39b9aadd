//! The change history: who changed what, when, from what to what, and why;
//! for the selected item or the whole plan, filtered by person and date.

use crate::app::views::{View, ViewContext};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::actions::Action;
use crate::command::parse_date;
use crate::report::history::{HistoryLabels, ShownChange};
use crate::store::{HistoryFilter, HistoryRow};

/// The lines a history cell shows before "…" (the whole text on hover).
const CELL_LINES: usize = 2;

/// A cell's text, wrapped to its column and cut after [`CELL_LINES`]
/// lines; its full text is what a screen reader reads and what hovering
/// shows.
fn cell(ui: &mut Ui, text: &str) {
    let mut job = egui::text::LayoutJob::single_section(
        text.to_owned(),
        egui::TextFormat::simple(
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::PLACEHOLDER,
        ),
    );
    job.wrap.max_rows = CELL_LINES;
    ui.add(egui::Label::new(job).wrap());
}

/// The history table: resizable columns that fit the pane when they can,
/// scrolled sideways when they cannot; rows newest first.
fn table(ui: &mut Ui, shown: &[ShownChange]) {
    let width = ui.available_width().max(640.0);
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let row_height = line * CELL_LINES as f32 + 6.0;
    // Fractions of the pane, with floors a word fits in; Reason takes
    // what is left.
    let col = |fraction: f32, least: f32| {
        Column::initial((width * fraction).max(least))
            .at_least(least)
            .clip(true)
    };
    egui::ScrollArea::horizontal()
        .id_salt("history-sideways")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::app::widgets::table(ui, shown.len() + 1, 8);
            TableBuilder::new(ui)
                .id_salt("history-table")
                .striped(true)
                .resizable(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(col(0.13, 96.0))
                .column(col(0.08, 56.0))
                .column(col(0.08, 56.0))
                .column(col(0.15, 96.0))
                .column(col(0.10, 70.0))
                .column(col(0.10, 70.0))
                .column(col(0.11, 80.0))
                .column(Column::remainder().at_least(100.0).clip(true))
                .header(line * 2.0 + 6.0, |mut h| {
                    for (column, name) in [
                        "When (local time)",
                        "Who",
                        "Action",
                        "Item",
                        "Field",
                        "Old value",
                        "New value",
                        "Reason",
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        h.col(|ui| {
                            crate::app::widgets::column_header(ui, column, name);
                            ui.add(egui::Label::new(RichText::new(name).strong()).wrap());
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, shown.len(), |mut row| {
                        let Some(r) = shown.get(row.index()) else {
                            return;
                        };
                        let at = row.index() + 1;
                        for (column, text) in [
                            &r.when, &r.who, &r.action, &r.item, &r.field, &r.old, &r.new,
                            &r.reason,
                        ]
                        .into_iter()
                        .enumerate()
                        {
                            row.col(|ui| {
                                crate::app::widgets::table_cell(ui, at, column);
                                cell(ui, text);
                            });
                        }
                    });
                });
        });
}

#[derive(Default)]
pub struct HistoryView {
    only_selected: bool,
    who: String,
    since: String,
    until: String,
    error: Option<String>,
    rows: Vec<HistoryRow>,
    /// Which file and filter `rows` were read for.
    key: Option<(u64, HistoryFilter)>,
    /// The last history row id when `rows` were read.
    read_up_to: i64,
    user: Option<String>,
    /// `rows` as shown, newest first.
    shown: Vec<ShownChange>,
    /// The plan generation `shown` was made for.
    shown_for: Option<u64>,
}

impl View for HistoryView {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let selected = cx.selected_item();
        let user_pref = cx.user_name;
        let mut actions = Vec::new();
        let plan = wb.plan();
        ui.horizontal(|ui| {
            ui.heading("History");
            ui.label(
                RichText::new("Every change to this file, kept for the life of the file.").weak(),
            );
        });
        ui.horizontal_wrapped(|ui| {
            let title = selected
                .and_then(|id| plan.item(id))
                .map(|i| i.title.as_str())
                .unwrap_or("nothing selected");
            ui.checkbox(
                &mut self.only_selected,
                format!("Only the selected item ({title})"),
            );
            let l = ui.label("Person");
            ui.add(egui::TextEdit::singleline(&mut self.who).desired_width(120.0))
                .labelled_by(l.id);
            let l = ui.label("From");
            ui.add(
                egui::TextEdit::singleline(&mut self.since)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(90.0),
            )
            .labelled_by(l.id);
            let l = ui.label("To");
            ui.add(
                egui::TextEdit::singleline(&mut self.until)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(90.0),
            )
            .labelled_by(l.id);
        });
        ui.horizontal(|ui| {
            let l = ui.label("Your name in the history");
            let name = self.user.get_or_insert_with(|| user_pref.to_owned());
            let r = ui
                .add(
                    egui::TextEdit::singleline(name)
                        .hint_text(crate::store::current_user())
                        .desired_width(160.0),
                )
                .labelled_by(l.id);
            if r.lost_focus() && name != user_pref {
                actions.push(Action::SetUserName(name.clone()));
            }
            ui.label(RichText::new(format!("recorded as: {}", wb.store().user())).weak());
        });
        let filter = match (parse_date(&self.since), parse_date(&self.until)) {
            (Ok(since), Ok(until)) => {
                self.error = None;
                HistoryFilter {
                    item: if self.only_selected {
                        selected.map(str::to_owned)
                    } else {
                        None
                    },
                    who: (!self.who.trim().is_empty()).then(|| self.who.clone()),
                    since,
                    until,
                    after: None,
                }
            }
            (Err(e), _) | (_, Err(e)) => {
                self.error = Some(e.to_string());
                self.key
                    .as_ref()
                    .map(|(_, f)| f.clone())
                    .unwrap_or_default()
            }
        };
        if let Some(e) = &self.error {
            ui.colored_label(crate::app::widgets::ERROR, format!("⚠ {e}"));
        }
        // The history only grows: rows after the last one read are added;
        // the whole is read again when the filter changes or another file
        // (a restored backup) is open.
        let key = (wb.epoch(), filter.clone());
        let last = wb.store().last_history_id();
        if self.key.as_ref() != Some(&key) || last < self.read_up_to {
            self.shown_for = None;
            match wb.store().history(&filter) {
                Ok(rows) => self.rows = rows,
                Err(e) => self.error = Some(e.to_string()),
            }
            self.key = Some(key);
            self.read_up_to = last;
        } else if last > self.read_up_to {
            let newer = HistoryFilter {
                after: Some(self.read_up_to),
                ..filter.clone()
            };
            match wb.store().history(&newer) {
                Ok(rows) => self.rows.extend(rows),
                Err(e) => self.error = Some(e.to_string()),
            }
            self.read_up_to = last;
        }
        ui.label(
            RichText::new(format!(
                "{}, newest first",
                crate::model::text::count(self.rows.len(), "change")
            ))
            .weak(),
        );
        // The rows in the plan's words, made again only when the rows or
        // the plan (a renamed item or KPI) changed.
        if self.shown_for != Some(wb.generation()) || self.shown.len() != self.rows.len() {
            let labels = HistoryLabels::new(plan, wb.tree());
            self.shown = self.rows.iter().rev().map(|r| labels.show(r)).collect();
            self.shown_for = Some(wb.generation());
        }
        if self.shown.is_empty() {
            ui.add_space(8.0);
            ui.label(if self.key.as_ref().is_some_and(|(_, f)| *f != HistoryFilter::default()) {
                "No changes match: clear the person or dates, or untick \"Only the selected item\"."
            } else {
                "No changes yet: edits made to this file are listed here."
            });
            return actions;
        }
        table(ui, &self.shown);
        actions
    }
}
