//! The change history: who changed what, when, from what to what, and why;
//! for the selected item or the whole plan, filtered by person and date.

use crate::app::views::{View, ViewContext};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::actions::Action;
use crate::command::parse_date;
use crate::store::{HistoryFilter, HistoryRow};

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
}

impl HistoryView {}

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
                self.error = Some(e);
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
        ui.label(RichText::new(format!("{} change(s), newest first", self.rows.len())).weak());
        let tree = wb.tree();
        let rows = &self.rows;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .column(Column::initial(150.0))
            .column(Column::initial(90.0).clip(true))
            .column(Column::initial(90.0).clip(true))
            .column(Column::initial(220.0).clip(true))
            .column(Column::initial(90.0).clip(true))
            .column(Column::initial(140.0).clip(true))
            .column(Column::initial(140.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(22.0, |mut h| {
                for name in [
                    "When (UTC)",
                    "Who",
                    "Action",
                    "Item",
                    "Field",
                    "Old",
                    "New",
                    "Reason",
                ] {
                    h.col(|ui| {
                        ui.label(RichText::new(name).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let r = &rows[rows.len() - 1 - row.index()];
                    row.col(|ui| {
                        ui.label(r.at.replace('T', " ").trim_end_matches('Z'));
                    });
                    row.col(|ui| {
                        ui.label(&r.who);
                    });
                    row.col(|ui| {
                        ui.label(&r.entry.action);
                    });
                    row.col(|ui| {
                        let text = match r.entry.item.as_ref().and_then(|id| plan.position(id)) {
                            Some(pos) => format!(
                                "{} {}",
                                tree.code_of(pos).unwrap_or(""),
                                plan.items()[pos].title
                            ),
                            None => r
                                .entry
                                .item
                                .as_ref()
                                .map(|id| format!("(deleted {id})"))
                                .unwrap_or_default(),
                        };
                        ui.add(egui::Label::new(text).truncate());
                    });
                    for v in [&r.entry.field, &r.entry.old, &r.entry.new] {
                        row.col(|ui| {
                            let t = v.as_deref().unwrap_or("");
                            ui.add(egui::Label::new(t).truncate()).on_hover_text(t);
                        });
                    }
                    row.col(|ui| {
                        ui.add(egui::Label::new(&r.entry.reason).truncate())
                            .on_hover_text(&r.entry.reason);
                    });
                });
            });
        actions
    }
}
