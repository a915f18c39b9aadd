//! "Request updates…": write a spreadsheet per owner for a period (on a
//! worker thread), see the register of requests, and merge returned files
//! (dropped on the window or chosen) after reviewing each owner's changes,
//! with conflicts shown beside both values. Accepting is one edit.

use std::path::PathBuf;

use egui::{Id, RichText};

use crate::app::Action;
use crate::app::jobs::Job;
use crate::app::widgets::ERROR;
use crate::command::Command;
use crate::model::{RequestBy, UpdateRequest};
use crate::requests::{RequestOptions, Review, plan_requests, write_requests};
use crate::workbench::Workbench;

/// A review on screen, with the analyst's tick per row.
struct ReviewState {
    review: Review,
    /// accept[file][row].
    accept: Vec<Vec<bool>>,
}

impl ReviewState {
    fn new(review: Review) -> Self {
        let accept = review
            .returned
            .iter()
            .map(|r| r.rows.iter().map(|row| !row.conflict()).collect())
            .collect();
        Self { review, accept }
    }
}

type Written = (Vec<UpdateRequest>, Vec<PathBuf>);

#[derive(Default)]
pub struct RequestsDialog {
    pub open: bool,
    period: String,
    by: RequestBy,
    due: String,
    folder: String,
    job: Option<Job<Written>>,
    /// What the dialog says last: what was written, or why not, as the
    /// words shown (the errors behind it are typed where they arise).
    outcome: Option<Result<String, String>>,
    review: Option<ReviewState>,
    /// A returned file's path as typed: for the keyboard, and for machines
    /// where no file chooser can be shown.
    typed_return: String,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Documents/Cairn update requests (where every output goes by default).
fn default_folder(wb: &Workbench) -> PathBuf {
    let beside = wb
        .path()
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    crate::store::paths::output_dir(&beside).join("Cairn update requests")
}

impl RequestsDialog {
    /// Opens the dialog for this workbench.
    pub fn show_for(&mut self, wb: &Workbench) {
        self.open = true;
        let info = &wb.plan().info;
        if self.period.is_empty() {
            let today = chrono::Local::now().date_naive();
            self.period = info
                .period_for_day(today)
                .map(|p| p.label.clone())
                .unwrap_or_default();
        }
        if self.folder.is_empty() {
            self.folder = default_folder(wb).display().to_string();
        }
    }

    /// Returned files dropped on the window: read and reviewed.
    pub fn drop_files(&mut self, wb: &Workbench, paths: &[PathBuf]) {
        self.show_for(wb);
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        for p in paths {
            let name = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            match std::fs::read(p) {
                Ok(bytes) => files.push((name, bytes)),
                Err(e) => unreadable.push(format!("{}: {e}", p.display())),
            }
        }
        let mut review = Review::build(wb.plan(), &files);
        for message in unreadable {
            review.problems.push(crate::requests::Problem {
                file: message,
                sheet: String::new(),
                row: None,
                column: None,
                message: "cannot be read".into(),
            });
        }
        self.review = Some(ReviewState::new(review));
        self.outcome = None;
    }

    fn start_writing(&mut self, ctx: &egui::Context, wb: &Workbench) {
        let due = match crate::command::parse_date(&self.due) {
            Ok(d) => d,
            Err(e) => {
                self.outcome = Some(Err(format!("Due date: {e}")));
                return;
            }
        };
        let user = wb.store().user().to_owned();
        let opts = RequestOptions {
            period: self.period.trim().to_owned(),
            by: self.by,
            due,
            sent_by: user.clone(),
            return_to: user.clone(),
            at: now(),
        };
        let requests = match plan_requests(wb.plan(), wb.tree(), &opts) {
            Ok(r) => r,
            Err(e) => {
                self.outcome = Some(Err(e.to_string()));
                return;
            }
        };
        let plan = wb.plan().clone();
        let tree = wb.tree().clone();
        let dir = PathBuf::from(self.folder.trim());
        let job = Job::start("Writing update requests", ctx, move |cancel| {
            let written =
                write_requests(&plan, &tree, &requests, &dir, &user, &|| cancel.requested())?;
            Ok((requests, written))
        });
        match job {
            Ok(job) => {
                self.job = Some(job);
                self.outcome = None;
            }
            Err(e) => self.outcome = Some(Err(e.to_string())),
        }
    }

    /// Draws the dialog; returns the edits to make.
    fn window(&mut self, ctx: &egui::Context, wb: &Workbench) -> Vec<Action> {
        let mut actions = Vec::new();
        if !self.open {
            return actions;
        }
        if let Some(job) = self.job.as_mut()
            && let Some(result) = job.poll()
        {
            self.job = None;
            self.outcome = Some(match result {
                Ok((requests, written)) => {
                    let n = requests.len();
                    actions.push(Action::RegisterRequests {
                        requests,
                        files: written.clone(),
                    });
                    Ok(format!(
                        "Wrote {n} update requests into {}; they are in the register below.",
                        written
                            .first()
                            .and_then(|p| p.parent())
                            .map_or_else(String::new, |p| p.display().to_string())
                    ))
                }
                Err(e) => Err(e.to_string()),
            });
        }
        let mut close = false;
        egui::Modal::new(Id::unique("requests-dialog")).show(ctx, |ui| {
            ui.set_min_width(720.0);
            crate::app::widgets::dialog_title(ui, "Request updates from owners");
            ui.label("Writes one .xlsx per owner asking for this period's figures. Owners fill in the shaded cells in Excel and send the file back; drop returned files on the window to review and merge them.");
            self.form(ui, ctx, wb);
            ui.separator();
            ui.label(RichText::new("Register").strong());
            super::requests_register::register(ui, wb.plan(), chrono::Local::now().date_naive());
            ui.separator();
            self.merge_section(ui, wb, &mut actions);
            ui.add_space(6.0);
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close && self.job.is_none() {
            self.open = false;
        }
        actions
    }

    fn form(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, wb: &Workbench) {
        egui::Grid::new("requests-form")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("Period to ask about");
                egui::ComboBox::from_id_salt("requests-period")
                    .selected_text(self.period.clone())
                    .show_ui(ui, |ui| {
                        for p in wb.plan().info.periods_in_order() {
                            ui.selectable_value(&mut self.period, p.label.clone(), &p.label);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("One request per");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.by, RequestBy::Owner, "owner");
                    ui.radio_value(&mut self.by, RequestBy::Department, "department");
                })
                .response
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Due back");
                ui.add(
                    egui::TextEdit::singleline(&mut self.due)
                        .hint_text("YYYY-MM-DD (optional)")
                        .desired_width(160.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Folder");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(420.0))
                        .labelled_by(l.id);
                    if ui.button("Choose…").clicked()
                        && let Some(p) = super::files::pick_folder(rfd::FileDialog::new())
                    {
                        self.folder = p.display().to_string();
                    }
                });
                ui.end_row();
            });
        if let Some(job) = &self.job {
            crate::app::jobs::show_running(ui, job);
        } else if ui
            .add_enabled(
                !self.period.is_empty() && !self.folder.trim().is_empty(),
                egui::Button::new("Write requests"),
            )
            .clicked()
        {
            self.start_writing(ctx, wb);
        }
        match &self.outcome {
            Some(Ok(text)) => {
                ui.label(text);
            }
            Some(Err(e)) => {
                ui.colored_label(ERROR, format!("⚠ {e}"));
            }
            None => {}
        }
    }

    fn merge_section(&mut self, ui: &mut egui::Ui, wb: &Workbench, actions: &mut Vec<Action>) {
        ui.label(RichText::new("Returned requests").strong());
        if ui.button("Choose returned files…").clicked()
            && let Some(paths) = super::files::pick_files(
                rfd::FileDialog::new().add_filter("Update requests", &["xlsx"]),
            )
        {
            self.drop_files(wb, &paths);
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Or type its path:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed_return)
                        .hint_text("returned request .xlsx")
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let path = self.typed_return.trim().to_owned();
            if (ui
                .add_enabled(!path.is_empty(), egui::Button::new("Review file"))
                .clicked()
                || entered)
                && !path.is_empty()
            {
                self.drop_files(wb, &[PathBuf::from(path)]);
            }
        });
        let Some(state) = self.review.as_mut() else {
            ui.label(
                RichText::new("Drop returned .xlsx files on the window, or choose them.").weak(),
            );
            return;
        };
        let mut decided = false;
        egui::ScrollArea::vertical()
            .id_salt("requests-review")
            .max_height(300.0)
            .show(ui, |ui| {
                if !state.review.problems.is_empty() {
                    ui.colored_label(
                        ERROR,
                        "⚠ These files cannot be merged; nothing will be written:",
                    );
                    for p in &state.review.problems {
                        ui.colored_label(ERROR, p.to_string());
                    }
                }
                for (i, r) in state.review.returned.iter().enumerate() {
                    ui.label(
                        RichText::new(format!(
                            "{} — {} ({} changed, {} unchanged)",
                            r.to,
                            r.file,
                            r.rows.len(),
                            r.unchanged
                        ))
                        .strong(),
                    );
                    for (j, row) in r.rows.iter().enumerate() {
                        let label = format!("{} row {}: {}", row.sheet, row.row, row.label);
                        ui.checkbox(&mut state.accept[i][j], label);
                        for c in &row.changes {
                            if c.conflict() {
                                ui.colored_label(
                                    ERROR,
                                    format!(
                                        "      {}: conflict — sent {}, the plan now has {}, {} returned {}",
                                        c.field.label(),
                                        c.sent,
                                        c.now,
                                        r.to,
                                        c.new
                                    ),
                                );
                            } else {
                                ui.label(format!("      {}: {} → {}", c.field.label(), c.now, c.new));
                            }
                        }
                    }
                }
            });
        let clean = state.review.problems.is_empty() && !state.review.returned.is_empty();
        ui.horizontal(|ui| {
            let by = wb.store().user().to_owned();
            let mut submit = |accept: &dyn Fn(usize, usize) -> bool| match state.review.merge(
                wb.plan(),
                accept,
                &by,
                &now(),
            ) {
                Ok(merge) => {
                    actions.push(Action::Edit(Command::MergeUpdates(Box::new(merge))));
                    true
                }
                Err(e) => {
                    actions.push(Action::Message(e.to_string()));
                    false
                }
            };
            let ticks = state.accept.clone();
            if ui
                .add_enabled(clean, egui::Button::new("Accept selected"))
                .on_hover_text(
                    "Merge the ticked rows as one edit; the rest are recorded as rejected",
                )
                .clicked()
            {
                decided = submit(&|i, j| ticks[i][j]);
            }
            if ui
                .add_enabled(clean, egui::Button::new("Reject all"))
                .on_hover_text("Merge nothing; the requests are recorded as returned and rejected")
                .clicked()
            {
                decided = submit(&|_, _| false);
            }
            if ui.button("Clear").clicked() {
                decided = true;
            }
        });
        if decided {
            self.review = None;
        }
    }
}

impl super::Dialog for RequestsDialog {
    fn show(
        &mut self,
        ctx: &egui::Context,
        cx: &super::DialogContext<'_>,
    ) -> Vec<crate::app::Action> {
        cx.wb.map(|wb| self.window(ctx, wb)).unwrap_or_default()
    }
}
