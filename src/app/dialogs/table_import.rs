//! "Import or export a spreadsheet…": read a CSV file or a sheet of a
//! workbook, confirm how each column is read, see what the import will
//! create and change (or every cell it cannot read, by row and column),
//! and only then import it as one undoable edit. The same dialog exports
//! the plan to an .xlsx workbook.

use std::path::{Path, PathBuf};

use egui::{Id, RichText};

use crate::command::Command;
use crate::table::preview::{MEASUREMENT_SHEETS, PLAN_SHEETS, plan_preview_lines};
use crate::table::read::{Grid, read_path};
use crate::table::{export, measurements_import, plan_import};
use crate::workbench::Workbench;

use crate::app::Action;

use crate::app::widgets::ERROR;

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
    /// Bumped when the table or the mapping changes.
    revision: u64,
    preview: Option<Preview>,
    /// (workbench generation, revision) the preview was made for.
    preview_for: Option<(u64, u64)>,
    export_path: String,
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
            self.export_path = wb
                .path()
                .with_file_name(format!("{stem}.xlsx"))
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
        let refused = |problems: Vec<String>| Preview {
            lines: Vec::new(),
            problems,
            ready: None,
        };
        match self.kind {
            Kind::Plan => {
                let mapping = plan_import::Mapping {
                    roles: self.plan_mapping.clone(),
                };
                let table = match plan_import::prepare(grid, &mapping, plan) {
                    Ok(t) => t,
                    Err(e) => return refused(problem_lines(&e)),
                };
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

    /// Draws the dialog while it is open; returns the import to apply.
    #[allow(clippy::too_many_lines)] // One form.
    pub fn ui(&mut self, ctx: &egui::Context, wb: &Workbench) -> Vec<Action> {
        let mut actions = Vec::new();
        if !self.open {
            return actions;
        }
        if let Some(grid) = &self.grid {
            let key = (wb.generation(), self.revision);
            if self.preview_for != Some(key) {
                self.preview = Some(self.make_preview(wb, grid));
                self.preview_for = Some(key);
            }
        }
        let mut close = false;
        egui::Modal::new(Id::unique("table-import-dialog")).show(ctx, |ui| {
            ui.set_min_width(620.0);
            ui.heading("Import from a spreadsheet");
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
                        && let Some(p) = rfd::FileDialog::new()
                            .add_filter("Tables", &["csv", "txt", "tsv", "xlsx", "xlsm", "xlsb", "xls", "ods"])
                            .pick_file()
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
                        Err(e) => self.exported = Some(Err(e)),
                    }
                }
            });
            if let Some(job) = self.export_job.as_mut() {
                if let Some(result) = job.poll() {
                    self.exported = Some(result);
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
) -> Result<crate::app::jobs::Job<String>, String> {
    crate::store::output::check_target(path, Some(wb.path())).map_err(|e| e.to_string())?;
    let (plan, workbench, path) = (wb.plan().clone(), wb.path().to_owned(), path.to_owned());
    crate::app::jobs::Job::start("Exporting the spreadsheet", ctx, move |cancel| {
        let bytes = export::to_xlsx(&plan)?;
        cancel.check()?;
        crate::store::output::write(&path, &bytes, Some(&workbench)).map_err(|e| e.to_string())?;
        Ok(format!("Saved {}.", path.display()))
    })
}
