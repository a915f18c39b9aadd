//! The one way the window removes data: it asks first, in place, naming
//! what goes, with the remove button where the pointer already is (so a
//! refusal or a banner never moves another row's button under it).

use egui::{RichText, Ui};

/// The user's answer to [`ask`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Remove,
    Keep,
}

/// Asks whether to remove something: `question` names what goes ("Remove
/// the period FY2025 Q1?"), `remove` labels the button that does it.
pub fn ask(ui: &mut Ui, question: &str, remove: &str) -> Option<Answer> {
    let mut answer = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(question).strong()).wrap());
        ui.horizontal(|ui| {
            if ui.button(remove).clicked() {
                answer = Some(Answer::Remove);
            }
            if ui.button("Keep it").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(Answer::Keep);
            }
        });
    });
    answer
}
