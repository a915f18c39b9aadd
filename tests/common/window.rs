//! Helpers for the window tests (egui_kittest).

use cairn::app::CairnApp;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// Runs frames until a label containing `part` shows (a background job's
/// result), as a user would wait for it.
pub fn wait_for_label(h: &mut Harness<'_, CairnApp>, part: &str) {
    for _ in 0..500 {
        h.run_steps(1);
        if h.query_by_label_contains(part).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("no label containing {part:?}");
}

/// Focuses a text field by its label, selects its text and types over it,
/// leaving the keyboard in the field (no Enter).
pub fn type_over(h: &mut Harness<'_, CairnApp>, label: &str, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .type_text(text);
    h.run_steps(1);
}
