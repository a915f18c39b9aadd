//! A text field that validates what was typed and reports the problem
//! inline. Nothing is committed until the text is acceptable, and nothing
//! typed is dropped without a word: text left behind when the form shows
//! something else is handed back to the view, which saves it if it is
//! acceptable or parks it (with its problem) until the user corrects or
//! discards it. Esc in a field puts the saved value back.

use std::collections::{BTreeMap, HashMap};

use egui::{Key, Response, RichText, TextEdit, Ui};

use crate::model::Unreadable;
use crate::model::dates::{DateOrder, parse_date_text, typed_to_iso};

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
        check: impl Fn(&str) -> Result<(), Unreadable>,
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

impl Fields {
    /// A labelled date field, one row of a two-column [`egui::Grid`]: the
    /// date as typed (read as the spreadsheet importer reads dates: ISO, in
    /// the plan's `order`, or with a month name), a calendar button beside
    /// it, and the date spelled out so it cannot be misread. Returns the
    /// new date as ISO text ("" for none) once chosen or typed and
    /// accepted by `check` (which is given the ISO text).
    pub fn edit_date(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        current: &str,
        order: DateOrder,
        check: impl Fn(&str) -> Result<(), Unreadable>,
    ) -> Option<String> {
        let focus = self.take_focus(key);
        let state = self.state(key, label, current);
        let label_response = ui.label(label);
        let mut committed = None;
        ui.horizontal(|ui| {
            let response = ui
                .add(
                    TextEdit::singleline(&mut state.text)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(170.0),
                )
                .labelled_by(label_response.id);
            if focus {
                response.request_focus();
            }
            let typed_check = |t: &str| typed_to_iso(t, order).and_then(|iso| check(&iso));
            if let Some(text) = finish(ui, &response, state, current, &typed_check) {
                committed = typed_to_iso(&text, order).ok();
            }
            let shown = parse_date_text(&state.text, order).ok().flatten();
            if let Some(date) = calendar_button(ui, key, label, shown) {
                let iso = date.to_string();
                match check(&iso) {
                    Ok(()) => {
                        state.text.clone_from(&iso);
                        state.original.clone_from(&iso);
                        state.error = None;
                        committed = Some(iso);
                    }
                    Err(e) => state.error = Some(e.to_string()),
                }
            }
            if let Some(d) = shown {
                ui.label(RichText::new(crate::model::dates::long_text(d)).weak());
            }
        });
        if let Some(iso) = &committed {
            state.text.clone_from(iso);
            state.original.clone_from(iso);
        }
        ui.end_row();
        if let Some(e) = &state.error {
            ui.label("");
            error_label(ui, e);
            ui.end_row();
        }
        committed
    }
}

/// A free date box (not a saved field): the text as typed, and a calendar
/// button that writes the chosen day into it as ISO. The caller reads the
/// text with [`crate::model::dates::parse_date_text`] in the plan's order.
pub fn date_input(
    ui: &mut Ui,
    id_salt: &str,
    label: &Response,
    text: &mut String,
    order: DateOrder,
) -> Response {
    ui.horizontal(|ui| {
        let response = ui
            .add(
                TextEdit::singleline(text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
        let shown = parse_date_text(text, order).ok().flatten();
        if let Some(d) = calendar_button(ui, id_salt, "day", shown) {
            *text = d.to_string();
        }
        response
    })
    .inner
}

/// The calendar button beside a date box, opening on `shown` (else today);
/// the day chosen, once one is.
fn calendar_button(
    ui: &mut Ui,
    id_salt: &str,
    what: &str,
    shown: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    let mut picked = to_civil(shown.unwrap_or_else(|| chrono::Local::now().date_naive()));
    let before = picked;
    let button = ui
        .add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(id_salt)
                .format("Calendar")
                .show_icon(false)
                .calendar_week(false),
        )
        .on_hover_text(format!("Choose the {} on a calendar", what.to_lowercase()));
    button.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Calendar: {what}"))
    });
    (picked != before).then(|| from_civil(picked)).flatten()
}

/// A date as the calendar widget's.
pub fn to_civil(d: chrono::NaiveDate) -> jiff::civil::Date {
    use chrono::Datelike as _;
    // Years, months and days of real dates.
    jiff::civil::Date::new(d.year() as i16, d.month() as i8, d.day() as i8)
        .unwrap_or(jiff::civil::Date::ZERO)
}

/// The calendar widget's date as ours.
pub fn from_civil(d: jiff::civil::Date) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(d.year()),
        u32::try_from(d.month()).ok()?,
        u32::try_from(d.day()).ok()?,
    )
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
    check: &dyn Fn(&str) -> Result<(), Unreadable>,
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
            state.error = Some(e.to_string());
            None
        }
    }
}
