//! The register of update requests as a table: who, how many rows, sent,
//! due, returned, and where each stands.

use egui::{RichText, Ui};

use crate::app::widgets::ERROR;
use crate::model::{Plan, RequestState, UpdateRequest};

const HEADERS: [&str; 7] = ["Who", "Period", "Items", "Sent", "Due", "Returned", "State"];

/// One cell of the register: its own node, so a screen reader reads the
/// grid as a table with row and column.
fn cell(ui: &mut Ui, row: usize, column: usize, add: impl FnOnce(&mut Ui)) {
    ui.scope(|ui| {
        crate::app::widgets::table_cell(ui, row, column);
        add(ui);
    });
}

/// Draws the register, newest first.
pub fn register(ui: &mut Ui, plan: &Plan, today: chrono::NaiveDate) {
    if plan.requests.is_empty() {
        ui.label(RichText::new("No update requests have been sent from this plan.").weak());
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("requests-register")
        .max_height(180.0)
        .show(ui, |ui| {
            crate::app::widgets::table(ui, plan.requests.len() + 1, 7);
            egui::Grid::new("requests-register-grid")
                .num_columns(7)
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for (column, h) in HEADERS.into_iter().enumerate() {
                        ui.scope(|ui| {
                            crate::app::widgets::column_header(ui, column, h);
                            ui.label(RichText::new(h).strong());
                        });
                    }
                    ui.end_row();
                    for (at, r) in (1..).zip(plan.requests.iter().rev()) {
                        let state = r.state(today);
                        let text = match state {
                            RequestState::Merged | RequestState::Rejected => format!(
                                "{} ({} accepted, {} rejected)",
                                state.label(),
                                r.accepted,
                                r.rejected
                            ),
                            _ => state.label().to_owned(),
                        };
                        cell(ui, at, 0, |ui| {
                            ui.label(&r.to)
                                .on_hover_text(format!("{} · {}", r.id, r.file));
                        });
                        let words = [
                            r.period.clone(),
                            r.rows().to_string(),
                            UpdateRequest::day(&r.sent_at).to_owned(),
                            r.due.map_or_else(|| "—".to_owned(), |d| d.to_string()),
                            r.merged_at
                                .as_deref()
                                .map_or("—", UpdateRequest::day)
                                .to_owned(),
                        ];
                        for (column, w) in (1..).zip(words) {
                            cell(ui, at, column, |ui| {
                                ui.label(w);
                            });
                        }
                        cell(ui, at, 6, |ui| {
                            if state == RequestState::Outstanding {
                                ui.colored_label(ERROR, text);
                            } else {
                                ui.label(text);
                            }
                        });
                        ui.end_row();
                    }
                });
        });
}
