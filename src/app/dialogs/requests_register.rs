//! The register of update requests as a table: who, how many rows, sent,
//! due, returned, and where each stands.

use egui::{RichText, Ui};

use crate::app::widgets::ERROR;
use crate::model::{Plan, RequestState, UpdateRequest};

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
            egui::Grid::new("requests-register-grid")
                .num_columns(7)
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for h in ["Who", "Period", "Items", "Sent", "Due", "Returned", "State"] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for r in plan.requests.iter().rev() {
                        ui.label(&r.to)
                            .on_hover_text(format!("{} · {}", r.id, r.file));
                        ui.label(&r.period);
                        ui.label(r.rows().to_string());
                        ui.label(UpdateRequest::day(&r.sent_at));
                        ui.label(r.due.map_or_else(|| "—".to_owned(), |d| d.to_string()));
                        ui.label(r.merged_at.as_deref().map_or("—", UpdateRequest::day));
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
                        if state == RequestState::Outstanding {
                            ui.colored_label(ERROR, text);
                        } else {
                            ui.label(text);
                        }
                        ui.end_row();
                    }
                });
        });
}
