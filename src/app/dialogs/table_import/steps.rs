//! The import's Values step and the fields naming a blank plan from its
//! sheet.

use crate::model::Invalid;
use std::collections::HashMap;

use egui::RichText;

use crate::table::read::Grid;
use crate::table::value_map::{self, Unmapped};
use crate::table::{normalize, plan_import};
use crate::workbench::Workbench;

/// The plan's name and timeframe as the user edits them.
pub(super) struct NamingFields {
    /// Name the plan so on import.
    pub(super) apply: bool,
    pub(super) organisation: String,
    pub(super) title: String,
    pub(super) start: String,
    pub(super) end: String,
    /// What the proposal rests on.
    pub(super) from: String,
    /// Made from the whole table (with its dates) or edited: kept as is.
    pub(super) settled: bool,
}

impl NamingFields {
    pub(super) fn read(&self) -> Result<plan_import::PlanNaming, Invalid> {
        let year = |t: &str, what: &str| {
            t.trim().parse::<i32>().map_err(|_| {
                Invalid(format!(
                    "the timeframe's {what} year {:?} is not a year",
                    t.trim()
                ))
            })
        };
        let n = plan_import::PlanNaming {
            organisation: self.organisation.trim().to_owned(),
            title: self.title.trim().to_owned(),
            start_year: year(&self.start, "first")?,
            end_year: year(&self.end, "last")?,
        };
        n.check()?;
        Ok(n)
    }
}

/// The value-mapping step: each value the plan does not know, with a menu
/// of the plan's values. Returns whether a choice changed.
pub(super) fn values_step(
    ui: &mut egui::Ui,
    grid: &Grid,
    wb: &Workbench,
    unmapped: &[Unmapped],
    choices: &mut HashMap<(usize, String), Option<String>>,
) -> bool {
    if unmapped.is_empty() {
        return false;
    }
    let mut changed = false;
    ui.separator();
    ui.label(RichText::new("Values").strong());
    ui.label("These values are not the plan's. Choose what each means; the plan remembers your choices for the next import.");
    egui::Grid::new("table-values-grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for u in unmapped {
                let rows = match u.rows.as_slice() {
                    [one] => format!("row {one}"),
                    [first, ..] => format!("rows {first}… ({} rows)", u.rows.len()),
                    [] => String::new(),
                };
                let l = ui.label(format!(
                    "{}: “{}” ({rows})",
                    grid.column_name(u.column),
                    u.value
                ));
                let targets = value_map::targets(u.field, wb.plan());
                let key = (u.column, normalize(&u.value));
                let current = choices.get(&key).cloned().flatten();
                let shown = current
                    .as_ref()
                    .and_then(|c| targets.iter().find(|(k, _)| k == c))
                    .map_or_else(|| "Choose…".to_owned(), |(_, label)| label.clone());
                egui::ComboBox::from_id_salt(("table-value", u.column, key.1.clone()))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (k, label) in &targets {
                            let mut chosen = current.clone();
                            if ui
                                .selectable_value(&mut chosen, Some(k.clone()), label)
                                .changed()
                            {
                                choices.insert(key.clone(), chosen);
                                changed = true;
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
            }
        });
    changed
}

/// The plan's name and timeframe as the sheet suggests them, to edit.
pub(super) fn naming_step(ui: &mut egui::Ui, n: &mut NamingFields) -> bool {
    let mut changed = false;
    ui.separator();
    ui.label(RichText::new("The plan").strong());
    changed |= ui
        .checkbox(&mut n.apply, "Name the blank plan from the sheet")
        .changed();
    ui.label(RichText::new(format!("Suggested from {}.", n.from)).weak());
    ui.add_enabled_ui(n.apply, |ui| {
        egui::Grid::new("table-naming")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, text) in [
                    ("Organisation", &mut n.organisation),
                    ("Plan title", &mut n.title),
                    ("First year", &mut n.start),
                    ("Last year", &mut n.end),
                ] {
                    let l = ui.label(label);
                    if ui
                        .add(egui::TextEdit::singleline(text).desired_width(300.0))
                        .labelled_by(l.id)
                        .changed()
                    {
                        changed = true;
                        n.settled = true;
                    }
                    ui.end_row();
                }
            });
    });
    changed
}
