//! A text field that validates what was typed and reports the problem
//! inline. Nothing is committed until the text is acceptable, and nothing
//! typed is dropped without a word: text left behind when the form shows
//! something else is handed back to the view, which saves it if it is
//! acceptable or parks it (with its problem) until the user corrects or
//! discards it. Esc in a field puts the saved value back.

use std::collections::{BTreeMap, HashMap};

use egui::{Key, Response, RichText, TextEdit, Ui};

/// What a field holds while the user edits it.
#[derive(Clone, Debug, Default)]
pub struct FieldState {
    pub text: String,
    /// The text the field started from, or last saved.
    pub original: String,
    pub error: Option<String>,
    /// The field's label, to name it in reminders.
    pub label: String,
}

impl FieldState {
    fn new(current: &str, label: &str) -> Self {
        Self {
            text: current.to_owned(),
            original: current.to_owned(),
            error: None,
            label: label.to_owned(),
        }
    }

    /// Typed and not saved.
    pub fn dirty(&self) -> bool {
        self.text != self.original
    }
}

/// The fields a form left unsaved when it went on to show something else.
#[derive(Debug)]
pub struct LeftBehind {
    /// Whose fields they are (an item, KPI or meeting id).
    pub owner: String,
    /// Field key and state, dirty or with an error.
    pub states: Vec<(String, FieldState)>,
}

/// Text that could not be saved, kept for a form not on screen.
pub struct Unsaved<'a> {
    pub owner: &'a str,
    pub key: &'a str,
    pub state: &'a FieldState,
}

/// Buffers for the fields of one form, keyed by a field name.
#[derive(Debug, Default)]
pub struct Fields {
    owner: String,
    generation: u64,
    states: HashMap<String, FieldState>,
    /// Text of other owners that could not be saved: owner, key, state.
    parked: BTreeMap<String, BTreeMap<String, FieldState>>,
    /// Give this field the keyboard when it is next drawn.
    pub focus: Option<String>,
}

impl Fields {
    /// Starts a frame for the form of `owner` at plan `generation`. When
    /// the owner changes, the previous owner's unsaved fields are returned
    /// (for the view to save or [`park`](Self::park)) and text parked for
    /// the new owner comes back. After a change of the plan, buffers are
    /// refreshed unless they hold typed text or an error.
    #[must_use]
    pub fn begin(&mut self, owner: &str, generation: u64) -> Option<LeftBehind> {
        let mut left = None;
        if self.owner != owner {
            let mut states: Vec<(String, FieldState)> = std::mem::take(&mut self.states)
                .into_iter()
                .filter(|(_, s)| s.dirty() || s.error.is_some())
                .collect();
            states.sort_by(|a, b| a.0.cmp(&b.0));
            let old = std::mem::replace(&mut self.owner, owner.to_owned());
            if !states.is_empty() && !old.is_empty() {
                left = Some(LeftBehind { owner: old, states });
            }
            self.states = self
                .parked
                .remove(owner)
                .map(|p| p.into_iter().collect())
                .unwrap_or_default();
        } else if self.generation != generation {
            self.states.retain(|_, s| s.dirty() || s.error.is_some());
        }
        self.generation = generation;
        left
    }

    /// The form is not drawn this frame: like showing nothing, the
    /// unsaved fields are handed back.
    #[must_use]
    pub fn leave(&mut self) -> Option<LeftBehind> {
        self.begin("", self.generation)
    }

    /// Keeps text that could not be saved for `owner`, until the user
    /// comes back to it or discards it.
    pub fn park(&mut self, owner: &str, key: &str, state: FieldState) {
        if owner == self.owner {
            self.states.insert(key.to_owned(), state);
        } else {
            self.parked
                .entry(owner.to_owned())
                .or_default()
                .insert(key.to_owned(), state);
        }
    }

    /// Text kept for owners not on screen.
    pub fn parked(&self) -> impl Iterator<Item = Unsaved<'_>> {
        self.parked.iter().flat_map(|(owner, states)| {
            states
                .iter()
                .map(move |(key, state)| Unsaved { owner, key, state })
        })
    }

    /// Throws away kept text.
    pub fn discard(&mut self, owner: &str, key: &str) {
        if let Some(p) = self.parked.get_mut(owner) {
            p.remove(key);
            if p.is_empty() {
                self.parked.remove(owner);
            }
        }
        if owner == self.owner {
            self.states.remove(key);
        }
    }

    /// Forgets kept text of owners that no longer exist.
    pub fn retain_owners(&mut self, exists: impl Fn(&str) -> bool) {
        if !self.parked.is_empty() {
            self.parked.retain(|owner, _| exists(owner));
        }
    }

    /// Records an error against a field of `owner` (e.g. refused by the
    /// workbench).
    pub fn set_error(&mut self, owner: &str, key: &str, error: String) {
        if owner != self.owner {
            return;
        }
        if let Some(s) = self.states.get_mut(key) {
            s.error = Some(error);
        }
    }

    /// The buffer of a field, created from `current` on first use.
    pub fn state(&mut self, key: &str, label: &str, current: &str) -> &mut FieldState {
        self.states
            .entry(key.to_owned())
            .or_insert_with(|| FieldState::new(current, label))
    }

    /// Whether the field `key` should take the keyboard now (once).
    pub fn take_focus(&mut self, key: &str) -> bool {
        if self.focus.as_deref() == Some(key) {
            self.focus = None;
            true
        } else {
            false
        }
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
        let focus = self.take_focus(key);
        let state = self.state(key, label, current);
        let label_response = ui.label(label);
        let edit = if multiline {
            TextEdit::multiline(&mut state.text).desired_rows(3)
        } else {
            TextEdit::singleline(&mut state.text)
        };
        let response = ui
            .add(edit.desired_width(f32::INFINITY))
            .labelled_by(label_response.id);
        if focus {
            response.request_focus();
        }
        let committed = finish(ui, &response, state, current, &check);
        ui.end_row();
        if let Some(e) = &state.error {
            ui.label("");
            error_label(ui, e);
            ui.end_row();
        }
        committed
    }
}

/// The problem with a field's text, shown under it.
pub fn error_label(ui: &mut Ui, error: &str) {
    ui.label(RichText::new(format!("⚠ {error} — not saved")).color(crate::app::widgets::ERROR));
}

/// What happens when a field loses the keyboard: Esc puts the saved
/// value back; otherwise changed text is checked and returned if it
/// passes, or keeps its problem.
pub fn finish(
    ui: &Ui,
    response: &Response,
    state: &mut FieldState,
    current: &str,
    check: &dyn Fn(&str) -> Result<(), String>,
) -> Option<String> {
    if !response.lost_focus() {
        return None;
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) || state.text == current {
        current.clone_into(&mut state.text);
        current.clone_into(&mut state.original);
        state.error = None;
        return None;
    }
    match check(&state.text) {
        Ok(()) => {
            state.error = None;
            state.original.clone_from(&state.text);
            Some(state.text.clone())
        }
        Err(e) => {
            state.error = Some(e);
            None
        }
    }
}
