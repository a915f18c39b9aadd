//! A text field that validates what was typed and reports the problem
//! inline. Nothing is committed until the text is acceptable.

use std::collections::HashMap;

use egui::{Color32, RichText, TextEdit, Ui};

/// What a field holds while the user edits it.
#[derive(Clone, Debug, Default)]
pub struct FieldState {
    pub text: String,
    pub error: Option<String>,
}

/// Buffers for the fields of one form, keyed by a field name. Reset when
/// the form shows something else.
#[derive(Debug, Default)]
pub struct Fields {
    owner: String,
    generation: u64,
    states: HashMap<String, FieldState>,
    /// Give this field the keyboard when it is next drawn.
    pub focus: Option<String>,
}

impl Fields {
    /// Starts a frame for the form of `owner` at plan `generation`: buffers
    /// of another owner are dropped; after a change of the plan, buffers are
    /// refreshed unless they hold an error the user still has to see.
    pub fn begin(&mut self, owner: &str, generation: u64) {
        if self.owner != owner {
            self.owner = owner.to_owned();
            self.states.clear();
        } else if self.generation != generation {
            self.states.retain(|_, s| s.error.is_some());
        }
        self.generation = generation;
    }

    /// Records an error against a field (e.g. refused by the workbench).
    pub fn set_error(&mut self, key: &str, error: String) {
        if let Some(s) = self.states.get_mut(key) {
            s.error = Some(error);
        }
    }

    /// The buffer of a field, created from `current` on first use.
    pub fn state(&mut self, key: &str, current: &str) -> &mut FieldState {
        self.states
            .entry(key.to_owned())
            .or_insert_with(|| FieldState {
                text: current.to_owned(),
                error: None,
            })
    }

    /// A labelled single-line (or multi-line) field, laid out as one row of
    /// a two-column [`egui::Grid`]. Returns the new text
    /// when the user has finished editing (focus left, or Enter) and it
    /// passes `check`; otherwise shows the problem under the field.
    pub fn edit(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        current: &str,
        multiline: bool,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Option<String> {
        let state = self
            .states
            .entry(key.to_owned())
            .or_insert_with(|| FieldState {
                text: current.to_owned(),
                error: None,
            });
        let label_response = ui.label(label);
        let edit = if multiline {
            TextEdit::multiline(&mut state.text).desired_rows(3)
        } else {
            TextEdit::singleline(&mut state.text)
        };
        let response = ui
            .add(edit.desired_width(f32::INFINITY))
            .labelled_by(label_response.id);
        if self.focus.as_deref() == Some(key) {
            response.request_focus();
            self.focus = None;
        }
        let mut committed = None;
        if response.lost_focus() && state.text != current {
            match check(&state.text) {
                Ok(()) => {
                    state.error = None;
                    committed = Some(state.text.clone());
                }
                Err(e) => state.error = Some(e),
            }
        }
        if response.lost_focus() && state.text == current {
            state.error = None;
        }
        ui.end_row();
        if let Some(e) = &state.error {
            ui.label("");
            ui.label(
                RichText::new(format!("⚠ {e} — not saved"))
                    .color(Color32::from_rgb(0xc5, 0x22, 0x1f)),
            );
            ui.end_row();
        }
        committed
    }
}
