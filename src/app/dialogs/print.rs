//! "Print report card…": choose scope, period, paper and format; the card
//! is built and written on a background thread while the window stays
//! usable; when it is done the user can open it.

use std::path::{Path, PathBuf};

use egui::{Id, RichText, Ui};

use crate::app::jobs::Job;
use crate::model::{PeriodKind, Plan};
use crate::report::{self, Paper, ReportOptions, Scope};
use crate::workbench::Workbench;

/// What a finished print job produced.
#[derive(Clone, Debug)]
pub struct Printed {
    pub path: PathBuf,
    pub pages: Option<usize>,
    pub replaced: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScopeChoice {
    Plan,
    Goal(usize),
    Selected,
}

pub struct PrintDialog {
    pub open: bool,
    scope: ScopeChoice,
    summary: bool,
    detail: crate::report::model::Detail,
    /// Who prepared the card; blank: the plan's owner.
    prepared_by: String,
    period: String,
    /// The period to compare with; empty: the previous one.
    compare: String,
    paper: Paper,
    html: bool,
    path: String,
    job: Option<Job<Printed>>,
    /// The last card printed, or the words shown for why not.
    pub last: Option<Result<Printed, String>>,
}

impl Default for PrintDialog {
    fn default() -> Self {
        Self {
            open: false,
            scope: ScopeChoice::Plan,
            summary: false,
            detail: crate::report::model::Detail::Compact,
            prepared_by: String::new(),
            period: String::new(),
            compare: String::new(),
            paper: Paper::Letter,
            html: false,
            path: String::new(),
            job: None,
            last: None,
        }
    }
}

/// The latest year period that has ended by `today`, else the first year.
fn default_period(plan: &Plan) -> String {
    let today = chrono::Local::now().date_naive();
    let years: Vec<_> = plan
        .info
        .periods
        .iter()
        .filter(|p| p.kind == PeriodKind::Year)
        .collect();
    years
        .iter()
        .rev()
        .find(|p| p.end <= today)
        .or_else(|| years.first())
        .map(|p| p.label.clone())
        .or_else(|| plan.info.periods.first().map(|p| p.label.clone()))
        .unwrap_or_default()
}

/// Opens a file in the system's viewer.
pub fn open_in_viewer(path: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = std::process::Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = std::process::Command::new("xdg-open");
    cmd.arg(path).spawn().map(|_| ())
}

impl PrintDialog {
    /// Opens the dialog with defaults for this workbench.
    pub fn show_for(&mut self, wb: &Workbench) {
        self.open = true;
        if self.period.is_empty() || wb.plan().info.period_index(&self.period).is_none() {
            self.period = default_period(wb.plan());
        }
        if self.path.is_empty() {
            let dir = crate::store::paths::output_dir(wb.path().parent().unwrap_or(Path::new(".")));
            self.path = dir
                .join(format!("report-card-{}.pdf", self.period.replace(' ', "-")))
                .display()
                .to_string();
        }
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Collects a finished job's result; call every frame.
    pub fn poll(&mut self) {
        if let Some(result) = self.job.as_mut().and_then(Job::poll) {
            self.last = Some(result.map_err(|e| e.to_string()));
            self.job = None;
        }
    }

    fn start(&mut self, ctx: &egui::Context, wb: &Workbench, selected_code: Option<&str>) {
        let scope = match self.scope {
            ScopeChoice::Plan => Scope::Plan,
            ScopeChoice::Goal(n) => Scope::Goal(n),
            ScopeChoice::Selected => match selected_code {
                Some(code) => Scope::Item(code.to_owned()),
                None => {
                    self.last = Some(Err(
                        "no item is selected: select an item in the tree to print its branch, or choose the whole plan or a goal".into(),
                    ));
                    return;
                }
            },
        };
        let mut options = ReportOptions::new(scope, &self.period);
        options.summary_only = self.summary;
        options.detail = self.detail;
        options.prepared_by = Some(self.prepared_by.trim().to_owned()).filter(|p| !p.is_empty());
        options.compare = (!self.compare.is_empty()).then(|| self.compare.clone());
        options.source_file = wb
            .path()
            .file_name()
            .map(|f| f.to_string_lossy().into_owned());
        let path = PathBuf::from(self.path.trim());
        // Refused before any work, so the dialog says it at once and the
        // user can choose another name.
        if let Err(e) = crate::store::output::check_target(&path, Some(wb.path())) {
            self.last = Some(Err(e.to_string()));
            return;
        }
        let workbench = wb.path().to_owned();
        let plan = wb.plan().clone();
        let (paper, html) = (self.paper, self.html);
        let started = Job::start("Printing the report card", ctx, move |cancel| {
            let card = report::build(&plan, &options)?;
            let (bytes, pages, replaced) = if html {
                (report::html::render(&card).into_bytes(), None, 0)
            } else {
                let pdf = report::pdf::render(&card, paper)?;
                (pdf.bytes, Some(pdf.pages), pdf.replaced)
            };
            cancel.check()?;
            crate::store::output::write(&path, &bytes, Some(&workbench))?;
            Ok(Printed {
                path,
                pages,
                replaced,
            })
        });
        match started {
            Ok(job) => {
                self.job = Some(job);
                self.last = None;
            }
            Err(e) => self.last = Some(Err(e.to_string())),
        }
    }

    /// Draws the dialog while it is open.
    fn window(&mut self, ctx: &egui::Context, wb: &Workbench, selected_code: Option<&str>) {
        self.poll();
        if !self.open {
            return;
        }
        let plan = wb.plan();
        let mut close = false;
        egui::Modal::new(Id::unique("print-dialog")).show(ctx, |ui| {
            ui.set_min_width(460.0);
            crate::app::widgets::dialog_title(ui, "Print report card");
            egui::Grid::new("print-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                let l = ui.label("Scope");
                let scope_text = |s: ScopeChoice| match s {
                    ScopeChoice::Plan => "Whole plan".to_owned(),
                    ScopeChoice::Goal(n) => {
                        let title = plan.roots().nth(n - 1).map(|g| g.title.as_str()).unwrap_or("");
                        format!("{} {n}: {title}", plan.info.level_name(0))
                    }
                    ScopeChoice::Selected => format!("Selected branch ({})", selected_code.unwrap_or("none")),
                };
                egui::ComboBox::from_id_salt("print-scope")
                    .selected_text(scope_text(self.scope))
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.scope, ScopeChoice::Plan, scope_text(ScopeChoice::Plan));
                        for n in 1..=plan.roots().count() {
                            ui.selectable_value(&mut self.scope, ScopeChoice::Goal(n), scope_text(ScopeChoice::Goal(n)));
                        }
                        if selected_code.is_some() {
                            ui.selectable_value(&mut self.scope, ScopeChoice::Selected, scope_text(ScopeChoice::Selected));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                ui.label("");
                ui.checkbox(&mut self.summary, "One-page summary only");
                ui.end_row();
                let l = ui.label("Goal pages");
                ui.add_enabled_ui(!self.summary, |ui| {
                    use crate::report::model::Detail;
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut self.detail, Detail::Compact, "Compact")
                            .on_hover_text("Items that need attention or are under way in full; completed and not-started ones one line each under their counts");
                        ui.radio_value(&mut self.detail, Detail::Full, "Full")
                            .on_hover_text("Every item in each goal's table, each goal on its own page");
                    });
                })
                .response
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Prepared by");
                ui.add(
                    egui::TextEdit::singleline(&mut self.prepared_by)
                        .hint_text(if plan.info.owner.is_empty() { "Your name or office" } else { plan.info.owner.as_str() })
                        .desired_width(260.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Period");
                egui::ComboBox::from_id_salt("print-period")
                    .selected_text(&self.period)
                    .show_ui(ui, |ui| {
                        for p in &plan.info.periods {
                            ui.selectable_value(&mut self.period, p.label.clone(), &p.label);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Compare with");
                let compare_text = if self.compare.is_empty() {
                    "the previous period".to_owned()
                } else {
                    let locked = if plan.is_locked(&self.compare) { " (locked)" } else { " (not locked: no figures)" };
                    format!("{}{locked}", self.compare)
                };
                egui::ComboBox::from_id_salt("print-compare")
                    .selected_text(compare_text)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.compare, String::new(), "the previous period");
                        for p in &plan.info.periods {
                            let mark = if plan.is_locked(&p.label) { " (locked)" } else { "" };
                            ui.selectable_value(&mut self.compare, p.label.clone(), format!("{}{mark}", p.label));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Paper");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.paper, Paper::Letter, "Letter");
                    ui.radio_value(&mut self.paper, Paper::A4, "A4");
                })
                .response
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Format");
                ui.horizontal(|ui| {
                    if ui.radio_value(&mut self.html, false, "PDF").clicked() {
                        self.path = swap_extension(&self.path, "pdf");
                    }
                    if ui.radio_value(&mut self.html, true, "Web page (HTML)").clicked() {
                        self.path = swap_extension(&self.path, "html");
                    }
                })
                .response
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Save to");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(300.0)).labelled_by(l.id);
                    if ui.button("Choose…").clicked() {
                        let ext = if self.html { "html" } else { "pdf" };
                        let name = Path::new(&self.path).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
                        let folder = Path::new(&self.path).parent().map(Path::to_path_buf);
                        if let Some(p) = crate::app::dialogs::save::choose_output("the report card", (&ext.to_uppercase(), &[ext]), &name, folder.as_deref(), wb.path()) {
                            self.path = p.display().to_string();
                            self.last = None;
                        }
                    }
                });
                ui.end_row();
            });
            if plan.contains_sample_data() {
                ui.label(RichText::new("This plan contains sample data: the card will say so on every page that prints it.").italics());
            }
            ui.add_space(6.0);
            match &self.last {
                Some(Ok(done)) => {
                    let pages = done.pages.map(|p| format!(", {}", crate::model::text::count(p, "page"))).unwrap_or_default();
                    ui.label(RichText::new(format!("Saved {}{pages}.", done.path.display())).strong());
                    if done.replaced > 0 {
                        ui.label(format!("{} the font cannot show were printed as □ (listed in the appendix).", crate::model::text::count(done.replaced, "character")));
                    }
                    if ui.button("Open it").clicked()
                        && let Err(e) = open_in_viewer(&done.path) {
                            self.last = Some(Err(format!("could not open a viewer: {e}")));
                        }
                }
                Some(Err(e)) => {
                    ui.colored_label(crate::app::widgets::ERROR, format!("⚠ Not printed: {e}"));
                }
                None => {}
            }
            ui.horizontal(|ui| {
                let busy = self.is_busy();
                if let Some(job) = &self.job {
                    crate::app::jobs::show_running(ui, job);
                }
                let ready = !busy && !self.path.trim().is_empty() && !self.period.is_empty();
                if ui.add_enabled(ready, egui::Button::new("Print")).clicked() {
                    self.start(ui.ctx(), wb, selected_code);
                }
                if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            self.open = false;
        }
    }
}

fn swap_extension(path: &str, ext: &str) -> String {
    Path::new(path).with_extension(ext).display().to_string()
}

/// Draws the commentary and recommendations editor for an item (or the
/// plan, with `item: None`) and a period; returns the command to save them.
/// The commentary and recommendations saved for `item` (or the plan) in
/// `period`.
fn saved_commentary(
    plan: &crate::model::Plan,
    item: Option<&str>,
    period: &str,
) -> (String, String) {
    plan.commentary
        .iter()
        .find(|c| c.item.as_deref() == item && c.period == period)
        .map(|c| (c.commentary.clone(), c.recommendations.clone()))
        .unwrap_or_default()
}

/// The command saving a commentary draft that differs from what is saved,
/// for an item and period that still exist.
pub fn unsaved_commentary(
    plan: &crate::model::Plan,
    item: Option<&str>,
    draft: Option<&(String, String, String)>,
) -> Option<crate::command::Command> {
    let (period, commentary, recommendations) = draft?;
    if item.is_some_and(|i| plan.item(i).is_none()) || plan.info.period_index(period).is_none() {
        return None;
    }
    let saved = saved_commentary(plan, item, period);
    (saved.0 != *commentary || saved.1 != *recommendations).then(|| {
        crate::command::Command::SetCommentary {
            item: item.map(str::to_owned),
            period: period.clone(),
            commentary: commentary.clone(),
            recommendations: recommendations.clone(),
        }
    })
}

pub fn commentary_editor(
    ui: &mut Ui,
    wb: &Workbench,
    item: Option<&str>,
    period: &mut String,
    draft: &mut Option<(String, String, String)>,
) -> Option<crate::command::Command> {
    let plan = wb.plan();
    if plan.info.periods.is_empty() {
        ui.label("Add reporting periods on the Plan page to write commentary for a period.");
        return None;
    }
    if plan.info.period_index(period).is_none() {
        *period = default_period(plan);
    }
    let l = ui.label("Period");
    egui::ComboBox::from_id_salt(("commentary-period", item))
        .selected_text(period.as_str())
        .show_ui(ui, |ui| {
            for p in &plan.info.periods {
                ui.selectable_value(period, p.label.clone(), &p.label);
            }
        })
        .response
        .labelled_by(l.id);
    let saved = saved_commentary(plan, item, period);
    if draft.as_ref().is_none_or(|d| d.0 != *period) {
        *draft = Some((period.clone(), saved.0.clone(), saved.1.clone()));
    }
    let (_, commentary, recommendations) = draft.as_mut()?;
    let l = ui.label("Commentary");
    let a = ui
        .add(
            egui::TextEdit::multiline(commentary)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    let l = ui.label("Recommendations");
    let b = ui
        .add(
            egui::TextEdit::multiline(recommendations)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    let finished = (a.lost_focus() || b.lost_focus())
        && (*commentary != saved.0 || *recommendations != saved.1);
    finished.then(|| crate::command::Command::SetCommentary {
        item: item.map(str::to_owned),
        period: period.clone(),
        commentary: commentary.clone(),
        recommendations: recommendations.clone(),
    })
}

impl super::Dialog for PrintDialog {
    fn show(
        &mut self,
        ctx: &egui::Context,
        cx: &super::DialogContext<'_>,
    ) -> Vec<crate::app::Action> {
        if let Some(wb) = cx.wb {
            self.window(ctx, wb, cx.selected_code);
        }
        Vec::new()
    }
}
