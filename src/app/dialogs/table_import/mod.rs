//! "Import or export a spreadsheet…": read a CSV file or a sheet of a
//! workbook, confirm how each column is read, see what the import will
//! create and change (or every cell it cannot read, by row and column),
//! and only then import it as one undoable edit. The same dialog exports
//! the plan to an .xlsx workbook.
//!
//! Sheets as people keep them: the header may stand below a title; status
//! (and term) values the plan does not know are listed in a value-mapping
//! step, each with a menu of the plan's values prefilled with what the plan
//! remembers or the obvious reading; outline codes before titles are taken
//! off and checked; into a blank plan, the name and timeframe the sheet
//! suggests are shown in fields to edit before importing.

//!
//! `steps.rs` draws the Values step (a status for each value the plan
//! does not know) and the naming of a blank plan from its sheet.

mod steps;

use std::collections::HashMap;

use std::path::{Path, PathBuf};

use egui::{Id, RichText};

use crate::app::jobs::JobError;

use crate::command::Command;
use crate::table::preview::{MEASUREMENT_SHEETS, PLAN_SHEETS, plan_preview_lines};
use crate::table::read::{Grid, read_path};
use crate::table::value_map::{self, Unmapped, ValueMap};
use crate::table::{export, measurements_import, naming, normalize, plan_import};
use crate::workbench::Workbench;

use crate::app::Action;

use crate::app::widgets::ERROR;

use steps::{NamingFields, naming_step, values_step};

/// What the table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Plan,
    Measurements,
}

/// The import the preview found ready, with what it will do.
enum Ready {
    Plan(Box<plan_import::PlanTable>),
    Measurements(Box<measurements_import::MeasurementTable>),
}

/// The preview: lines to show and, when nothing is wrong, the import.
struct Preview {
    lines: Vec<String>,
    problems: Vec<String>,
    ready: Option<Ready>,
}

pub struct TableDialog {
    pub open: bool,
    kind: Kind,
    path: String,
    sheet: String,
    grid: Option<Grid>,
    read_error: Option<String>,
    plan_mapping: Vec<plan_import::Role>,
    measurement_mapping: Vec<measurements_import::Role>,
    /// Status and term values the plan does not know by themselves.
    unmapped: Vec<Unmapped>,
    /// The plan value chosen for each (column, value); `None`: not chosen.
    value_choices: HashMap<(usize, String), Option<String>>,
    /// Keep outline codes in titles.
    keep_codes: bool,
    /// Into a blank plan: the name the sheet suggests, as edited.
    naming: Option<NamingFields>,
    /// Bumped when the table or the mapping changes.
    revision: u64,
    preview: Option<Preview>,
    /// (workbench generation, revision) the preview was made for.
    preview_for: Option<(u64, u64)>,
    export_path: String,
    /// What the last export said, as the words shown.
    exported: Option<Result<String, String>>,
    /// The .xlsx export running on a worker thread.
    export_job: Option<crate::app::jobs::Job<String>>,
}

impl Default for TableDialog {
    fn default() -> Self {
        Self {
            open: false,
            kind: Kind::Plan,
            path: String::new(),
            sheet: String::new(),
            grid: None,
            read_error: None,
            plan_mapping: Vec::new(),
            measurement_mapping: Vec::new(),
            unmapped: Vec::new(),
            value_choices: HashMap::new(),
            keep_codes: false,
            naming: None,
            revision: 0,
            preview: None,
            preview_for: None,
            export_path: String::new(),
            exported: None,
            export_job: None,
        }
    }
}

fn plan_role_label(role: plan_import::Role) -> String {
    match role {
        plan_import::Role::Level => "Level".into(),
        plan_import::Role::Ignore => "Not imported".into(),
        plan_import::Role::Field(f) => format!("Field: {}", f.key()),
        plan_import::Role::Period => "Period of the row's progress".into(),
        plan_import::Role::ProgressNote => "Progress note".into(),
    }
}

fn measurement_role_label(role: measurements_import::Role) -> &'static str {
    match role {
        measurements_import::Role::Kpi => "KPI (name)",
        measurements_import::Role::KpiId => "KPI id",
        measurements_import::Role::Period => "Period",
        measurements_import::Role::Value => "Value",
        measurements_import::Role::Comment => "Comment",
        measurements_import::Role::Ignore => "Not imported",
    }
}

impl TableDialog {
    /// Opens the dialog for this workbench.
    pub fn show_for(&mut self, wb: &Workbench) {
        self.open = true;
        if self.export_path.is_empty() {
            let stem = wb
                .path()
                .file_stem()
                .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
            // Beside the user's documents, not in the hidden data folder.
            self.export_path =
                crate::store::paths::output_dir(wb.path().parent().unwrap_or(Path::new(".")))
                    .join(format!("{stem}.xlsx"))
                    .display()
                    .to_string();
        }
    }

    /// Reads the file named in the path field.
    fn read(&mut self) {
        let path = PathBuf::from(self.path.trim());
        let sheet = self.sheet.trim();
        let preferred: &[&str] = match self.kind {
            Kind::Plan => &PLAN_SHEETS,
            Kind::Measurements => &MEASUREMENT_SHEETS,
        };
        self.revision += 1;
        self.preview = None;
        match read_path(&path, (!sheet.is_empty()).then_some(sheet), preferred) {
            Ok(grid) => {
                self.plan_mapping = plan_import::Mapping::guess(&grid.headers).roles;
                self.measurement_mapping = measurements_import::Mapping::guess(&grid.headers).roles;
                self.unmapped.clear();
                self.value_choices.clear();
                self.naming = None;
                self.grid = Some(grid);
                self.read_error = None;
            }
            Err(e) => {
                self.grid = None;
                self.read_error = Some(e.to_string());
            }
        }
    }

    fn make_preview(&self, wb: &Workbench, grid: &Grid) -> Preview {
        let plan = wb.plan();
        // How the file was read (sheet, header row) shows even when refused.
        let refused = |problems: Vec<String>| Preview {
            lines: vec![format!("{}: {}", grid.source, grid.notes.join("; "))],
            problems,
            ready: None,
        };
        match self.kind {
            Kind::Plan => {
                let mapping = self.plan_mapping_with_values();
                let mut table = match plan_import::prepare(grid, &mapping, plan) {
                    Ok(t) => t,
                    Err(e) => return refused(problem_lines(&e)),
                };
                if plan.items().is_empty()
                    && let Some(n) = self.naming.as_ref().filter(|n| n.apply)
                {
                    match n.read() {
                        Ok(naming) => table.naming = Some(naming),
                        Err(e) => return refused(vec![format!("The plan's name: {e}")]),
                    }
                }
                match plan_import::preview(&table, plan) {
                    Ok(summary) => Preview {
                        lines: plan_preview_lines(&table, &summary),
                        problems: Vec::new(),
                        ready: Some(Ready::Plan(Box::new(table))),
                    },
                    Err(e) => refused(vec![e.to_string()]),
                }
            }
            Kind::Measurements => {
                let mapping = measurements_import::Mapping {
                    roles: self.measurement_mapping.clone(),
                };
                let table = match measurements_import::prepare(grid, &mapping, plan) {
                    Ok(t) => t,
                    Err(e) => return refused(problem_lines(&e)),
                };
                match measurements_import::preview(&table, plan) {
                    Ok(summary) => Preview {
                        lines: vec![
                            format!("{}: {}", table.source, table.notes.join("; ")),
                            format!("{} rows: {}", table.rows.len(), summary.sentence()),
                        ],
                        problems: Vec::new(),
                        ready: Some(Ready::Measurements(Box::new(table))),
                    },
                    Err(e) => refused(vec![e.to_string()]),
                }
            }
        }
    }

    /// The column roles with the chosen value mappings and code setting.
    fn plan_mapping_with_values(&self) -> plan_import::Mapping {
        plan_import::Mapping {
            roles: self.plan_mapping.clone(),
            values: self
                .unmapped
                .iter()
                .filter_map(|u| {
                    let chosen = self.value_choices.get(&(u.column, normalize(&u.value)))?;
                    chosen.as_ref().map(|to| ValueMap {
                        column: u.column,
                        from: u.value.clone(),
                        to: to.clone(),
                    })
                })
                .collect(),
            keep_codes: self.keep_codes,
        }
    }

    /// Finds the values needing a mapping (keeping choices made) and, into
    /// a blank plan, the name the sheet suggests.
    fn refresh_values(&mut self, wb: &Workbench) {
        let Some(grid) = &self.grid else { return };
        let plan = wb.plan();
        let bare = plan_import::Mapping {
            roles: self.plan_mapping.clone(),
            keep_codes: self.keep_codes,
            ..plan_import::Mapping::default()
        };
        self.unmapped = value_map::unmapped(grid, &bare, plan);
        for u in &self.unmapped {
            self.value_choices
                .entry((u.column, normalize(&u.value)))
                .or_insert_with(|| u.proposal.clone());
        }
        // The name from the title at once; the timeframe from the dates
        // too once the table reads, unless the user has edited it.
        if plan.items().is_empty() && !self.naming.as_ref().is_some_and(|n| n.settled) {
            let mapping = self.plan_mapping_with_values();
            let (table, settled) = match plan_import::prepare(grid, &mapping, plan) {
                Ok(t) => (t, true),
                Err(_) => (plan_import::PlanTable::empty(&grid.source), false),
            };
            if let Some((n, from)) = naming::propose(grid, &table, &plan.info) {
                self.naming = Some(NamingFields {
                    apply: self.naming.as_ref().is_none_or(|old| old.apply),
                    organisation: n.organisation,
                    title: n.title,
                    start: n.start_year.to_string(),
                    end: n.end_year.to_string(),
                    from,
                    settled,
                });
            }
        }
    }

    /// Draws the dialog while it is open; returns the import to apply.
    fn window(&mut self, ctx: &egui::Context, wb: &Workbench) -> Vec<Action> {
        let mut actions = Vec::new();
        if !self.open {
            return actions;
        }
        let key = (wb.generation(), self.revision);
        if self.grid.is_some() && self.preview_for != Some(key) {
            if self.kind == Kind::Plan {
                self.refresh_values(wb);
            }
            if let Some(grid) = &self.grid {
                self.preview = Some(self.make_preview(wb, grid));
            }
            self.preview_for = Some(key);
        }
        let mut close = false;
        egui::Modal::new(Id::unique("table-import-dialog")).show(ctx, |ui| {
            ui.set_min_width(620.0);
            crate::app::widgets::dialog_title(ui, "Import from a spreadsheet");
            ui.label("A CSV file, or a sheet of an .xlsx, .xls or .ods workbook. Nothing is written until you choose Import, and the import is one edit you can undo.");
            let l = ui.label("The table holds");
            ui.horizontal(|ui| {
                let before = self.kind;
                ui.radio_value(&mut self.kind, Kind::Plan, "A plan: levels and fields");
                ui.radio_value(&mut self.kind, Kind::Measurements, "KPI measurements");
                if self.kind != before {
                    self.revision += 1;
                }
            })
            .response
            .labelled_by(l.id);
            egui::Grid::new("table-file").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                let l = ui.label("Table file");
                ui.horizontal(|ui| {
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut self.path).desired_width(380.0))
                        .labelled_by(l.id);
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        self.read();
                    }
                    if ui.button("Choose…").clicked()
                        && let Some(p) = super::files::pick_file(
                            rfd::FileDialog::new()
                                .add_filter("Tables", &["csv", "txt", "tsv", "xlsx", "xlsm", "xlsb", "xls", "ods"]),
                        )
                    {
                        self.path = p.display().to_string();
                        self.read();
                    }
                });
                ui.end_row();
                let l = ui.label("Sheet");
                ui.add(
                    egui::TextEdit::singleline(&mut self.sheet)
                        .hint_text("blank: the Plan or KPI measurements sheet, else the first")
                        .desired_width(380.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            });
            if ui
                .add_enabled(!self.path.trim().is_empty(), egui::Button::new("Read the table"))
                .clicked()
            {
                self.read();
            }
            if let Some(e) = &self.read_error {
                ui.colored_label(ERROR, format!("⚠ {e}"));
            }
            if let Some(grid) = &self.grid {
                ui.separator();
                ui.label(RichText::new("Columns").strong());
                let mut changed = false;
                egui::ScrollArea::vertical()
                    .id_salt("table-columns")
                    .max_height(200.0)
                    .show(ui, |ui| {
                        egui::Grid::new("table-columns-grid").num_columns(3).striped(true).show(ui, |ui| {
                            for (i, header) in grid.headers.iter().enumerate() {
                                if header.is_empty() {
                                    continue;
                                }
                                let l = ui.label(grid.column_name(i));
                                let example = grid
                                    .rows
                                    .iter()
                                    .map(|r| r.cells[i].display())
                                    .find(|t| !t.is_empty())
                                    .unwrap_or_default();
                                match self.kind {
                                    Kind::Plan => {
                                        let current = self.plan_mapping[i];
                                        egui::ComboBox::from_id_salt(("plan-role", i))
                                            .selected_text(plan_role_label(current))
                                            .show_ui(ui, |ui| {
                                                for role in plan_import::Role::all() {
                                                    changed |= ui
                                                        .selectable_value(&mut self.plan_mapping[i], role, plan_role_label(role))
                                                        .changed();
                                                }
                                            })
                                            .response
                                            .labelled_by(l.id);
                                    }
                                    Kind::Measurements => {
                                        let current = self.measurement_mapping[i];
                                        egui::ComboBox::from_id_salt(("measurement-role", i))
                                            .selected_text(measurement_role_label(current))
                                            .show_ui(ui, |ui| {
                                                for role in measurements_import::Role::ALL {
                                                    changed |= ui
                                                        .selectable_value(&mut self.measurement_mapping[i], role, measurement_role_label(role))
                                                        .changed();
                                                }
                                            })
                                            .response
                                            .labelled_by(l.id);
                                    }
                                }
                                ui.label(RichText::new(shorten(&example)).weak());
                                ui.end_row();
                            }
                        });
                    });
                if self.kind == Kind::Plan {
                    changed |= ui
                        .checkbox(&mut self.keep_codes, "Keep outline codes in titles (\"1.1 Replace legacy ERP\")")
                        .on_hover_text("Unticked, a leading code is taken off each title and checked against where the item lands")
                        .changed();
                    changed |= values_step(ui, grid, wb, &self.unmapped, &mut self.value_choices);
                    if let Some(n) = self.naming.as_mut() {
                        changed |= naming_step(ui, n);
                    }
                }
                if changed {
                    self.revision += 1;
                }
                ui.separator();
                ui.label(RichText::new("Preview").strong());
                if let Some(p) = &self.preview {
                    egui::ScrollArea::vertical()
                        .id_salt("table-preview")
                        .max_height(220.0)
                        .show(ui, |ui| {
                            if !p.problems.is_empty() {
                                ui.colored_label(ERROR, "⚠ This table cannot be imported; nothing will be written:");
                                for line in &p.problems {
                                    ui.colored_label(ERROR, line);
                                }
                            }
                            for line in &p.lines {
                                ui.label(line);
                            }
                        });
                }
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ready = self.preview.as_ref().is_some_and(|p| p.ready.is_some());
                if ui.add_enabled(ready, egui::Button::new("Import")).clicked()
                    && let Some(ready) = self.preview.take().and_then(|p| p.ready)
                {
                    actions.push(Action::Edit(match ready {
                        Ready::Plan(t) => Command::ImportPlanTable(t),
                        Ready::Measurements(t) => Command::ImportMeasurements(t),
                    }));
                    self.grid = None;
                    self.preview_for = None;
                    close = true;
                }
                if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
            ui.separator();
            ui.heading("Export to a spreadsheet");
            ui.label("The plan, its initiatives and its KPI measurements, a sheet each (the Plan sheet can be imported again).");
            ui.horizontal(|ui| {
                let l = ui.label("Export to");
                ui.add(egui::TextEdit::singleline(&mut self.export_path).desired_width(380.0))
                    .labelled_by(l.id);
                let idle = self.export_job.is_none();
                if ui
                    .add_enabled(idle && !self.export_path.trim().is_empty(), egui::Button::new("Export .xlsx"))
                    .clicked()
                {
                    match export_xlsx(ui.ctx(), wb, Path::new(self.export_path.trim())) {
                        Ok(job) => {
                            self.export_job = Some(job);
                            self.exported = None;
                        }
                        Err(e) => self.exported = Some(Err(e.to_string())),
                    }
                }
            });
            if let Some(job) = self.export_job.as_mut() {
                if let Some(result) = job.poll() {
                    self.exported = Some(result.map_err(|e| e.to_string()));
                    self.export_job = None;
                } else {
                    crate::app::jobs::show_running(ui, job);
                }
            }
            match &self.exported {
                Some(Ok(msg)) => {
                    ui.label(RichText::new(msg).strong());
                }
                Some(Err(e)) => {
                    ui.colored_label(ERROR, format!("⚠ Not exported: {e}"));
                }
                None => {}
            }
        });
        if close {
            self.open = false;
        }
        actions
    }
}

fn problem_lines(e: &crate::table::TableError) -> Vec<String> {
    let mut lines: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
    if e.more > 0 {
        lines.push(format!("… and {} more", e.more));
    }
    lines
}

fn shorten(text: &str) -> String {
    let one_line = text.replace(['\r', '\n'], " ");
    if one_line.chars().count() > 40 {
        format!("{}…", one_line.chars().take(40).collect::<String>())
    } else {
        one_line
    }
}

/// Starts the .xlsx export on a worker thread; a target that is a
/// workbench is refused at once.
fn export_xlsx(
    ctx: &egui::Context,
    wb: &Workbench,
    path: &Path,
) -> Result<crate::app::jobs::Job<String>, JobError> {
    crate::store::output::check_target(path, Some(wb.path()))?;
    let (plan, workbench, path) = (wb.plan().clone(), wb.path().to_owned(), path.to_owned());
    crate::app::jobs::Job::start("Exporting the spreadsheet", ctx, move |cancel| {
        let bytes = export::to_xlsx(&plan)?;
        cancel.check()?;
        crate::store::output::write(&path, &bytes, Some(&workbench))?;
        Ok(format!("Saved {}.", path.display()))
    })
}

impl super::Dialog for TableDialog {
    fn show(
        &mut self,
        ctx: &egui::Context,
        cx: &super::DialogContext<'_>,
    ) -> Vec<crate::app::Action> {
        cx.wb.map(|wb| self.window(ctx, wb)).unwrap_or_default()
    }
}
