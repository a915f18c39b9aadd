//! The window's message: what an action did or why it was refused. It is
//! drawn over the page, above the status bar, so it never moves what is
//! under the pointer; a notice fades after a few seconds, a problem stays
//! until it is closed or the next edit succeeds.

use egui::{Align2, RichText};

/// How long a notice (not a problem) stays, in seconds.
pub const NOTICE_SECONDS: f64 = 8.0;

/// A message for the user.
#[derive(Clone, Debug)]
pub struct Banner {
    pub text: String,
    pub error: bool,
    /// When it was first drawn (egui's clock), for expiry.
    shown_at: Option<f64>,
}

impl Banner {
    pub fn new(text: String, error: bool) -> Self {
        Self {
            text,
            error,
            shown_at: None,
        }
    }

    /// Draws the banner; false once it has expired or was closed.
    pub fn show(&mut self, ctx: &egui::Context) -> bool {
        let now = ctx.input(|i| i.time);
        let shown_at = *self.shown_at.get_or_insert(now);
        if !self.error {
            let left = NOTICE_SECONDS - (now - shown_at);
            if left <= 0.0 {
                return false;
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
        }
        let mut keep = true;
        let colour = if self.error {
            super::widgets::ERROR
        } else {
            ctx.global_style().visuals.text_color()
        };
        egui::Area::new(egui::Id::unique("cairn-banner"))
            .order(egui::Order::Foreground)
            .anchor(Align2::CENTER_BOTTOM, [0.0, -36.0])
            .interactable(true)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width((ctx.content_rect().width() - 80.0).clamp(200.0, 900.0));
                    ui.horizontal(|ui| {
                        let text = if self.error {
                            format!("⚠ {}", self.text)
                        } else {
                            self.text.clone()
                        };
                        let said =
                            ui.add(egui::Label::new(RichText::new(&text).color(colour)).wrap());
                        // A live region: a screen reader says the message
                        // when it appears, a problem at once.
                        let live = if self.error {
                            egui::accesskit::Live::Assertive
                        } else {
                            egui::accesskit::Live::Polite
                        };
                        ui.ctx().accesskit_node_builder(said.id, |node| {
                            node.set_live(live);
                        });
                        if ui
                            .small_button("Close")
                            .on_hover_text("Close this message")
                            .clicked()
                        {
                            keep = false;
                        }
                    });
                });
            });
        keep
    }
}
