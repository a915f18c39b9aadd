//! The plan page: vision, mission, core values, guiding principles, free
//! sections, level names, status labels, grading scale, fiscal year and
//! reporting periods — all editable. Edits are made to a draft and saved as
//! one command when the user leaves the field.

use crate::app::views::{View, ViewContext};
use egui::{DragValue, Grid, RichText, TextEdit, Ui};

use crate::app::actions::Action;
use crate::app::widgets;
use crate::app::widgets::confirm::{self, Answer};
use crate::command::Command;
use crate::model::{CoreValue, Grade, PlanInfo, Principle, Section, period};

#[derive(Default)]
pub struct PlanView {
    /// A period being unlocked, and the reason typed so far.
    unlocking: Option<(String, String)>,
    commentary_period: String,
    commentary_draft: Option<(String, String, String)>,
    draft: Option<PlanInfo>,
    generation: u64,
    /// The last draft sent, so a refused draft is not sent every frame.
    sent: Option<PlanInfo>,
    pub error: Option<String>,
    /// What the user asked to remove, waiting for the answer.
    removing: Option<Removing>,
}

/// Something on the plan page that can be removed (asked first).
#[derive(Clone, Debug, PartialEq)]
enum Removing {
    Value(usize),
    Principle(usize),
    Section(usize),
    Grade(usize),
    Period(String),
}

/// The "Remove…" button, or, once pressed, the question in its place.
/// True when the user confirmed.
fn remove_control(
    ui: &mut Ui,
    removing: &mut Option<Removing>,
    which: Removing,
    button: &str,
    question: &str,
) -> bool {
    if removing.as_ref() == Some(&which) {
        match confirm::ask(ui, question, "Remove") {
            Some(Answer::Remove) => {
                *removing = None;
                return true;
            }
            Some(Answer::Keep) => *removing = None,
            None => {}
        }
    } else if ui.small_button(button).clicked() {
        *removing = Some(which);
    }
    false
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn text_row(ui: &mut Ui, label: &str, value: &mut String, multiline: bool) {
    let l = ui.label(label);
    let edit = if multiline {
        TextEdit::multiline(value).desired_rows(3)
    } else {
        TextEdit::singleline(value)
    };
    ui.add(edit.desired_width(f32::INFINITY)).labelled_by(l.id);
    ui.end_row();
}

impl PlanView {}

impl View for PlanView {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let mut actions = Vec::new();
        let info = &wb.plan().info;
        if self.generation != wb.generation() || self.draft.is_none() {
            // Keep an unsaved draft only while it still differs and has an error.
            if self.error.is_none() || self.draft.is_none() {
                self.draft = Some(info.clone());
            }
            self.generation = wb.generation();
        }
        let Some(draft) = self.draft.as_mut() else {
            return actions;
        };
        if let Some(e) = &self.error {
            ui.colored_label(crate::app::widgets::ERROR, format!("⚠ {e} — not saved"));
            if ui.button("Discard these changes").clicked() {
                self.draft = Some(info.clone());
                self.error = None;
                return actions;
            }
        }
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            ui.set_min_width(crate::app::layout::MIN_PAGE_WIDTH);
            if wb.plan().contains_sample_data() {
                ui.horizontal_wrapped(|ui| {
                    widgets::sample_badge(ui);
                    ui.label("This workbench contains illustrative sample figures (marked wherever they show).");
                });
            }
            widgets::section(ui, "The plan");
            Grid::new("plan-identity").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                text_row(ui, "Organisation", &mut draft.organisation, false);
                text_row(ui, "Office", &mut draft.office, false);
                text_row(ui, "Title", &mut draft.title, false);
                let l = ui.label("Timeframe");
                ui.horizontal(|ui| {
                    ui.add(DragValue::new(&mut draft.start_year).range(1900..=2200)).labelled_by(l.id);
                    ui.label("to");
                    let end = ui.add(DragValue::new(&mut draft.end_year).range(1900..=2200));
                    widgets::name(&end, "Timeframe: last year");
                });
                ui.end_row();
                text_row(ui, "Owner", &mut draft.owner, false);
                let l = ui.label("Language");
                ui.add(
                    TextEdit::singleline(&mut draft.language)
                        .hint_text("en-US")
                        .desired_width(120.0),
                )
                .labelled_by(l.id)
                .on_hover_text("The language tag printed cards and minutes declare for screen readers (BCP 47, e.g. en-US, es-US)");
                ui.end_row();
                text_row(ui, "Vision", &mut draft.vision, true);
                text_row(ui, "Mission", &mut draft.mission, true);
            });

            widgets::section(ui, "Summary commentary for the report card");
            ui.label(RichText::new("The office's summary for the period, printed on the card's first pages.").weak());
            if let Some(cmd) = crate::app::dialogs::print::commentary_editor(
                ui,
                wb,
                None,
                &mut self.commentary_period,
                &mut self.commentary_draft,
            ) {
                actions.push(Action::Edit(cmd));
            }

            widgets::section(ui, "Core values");
            let mut remove = None;
            for (i, v) in draft.core_values.iter_mut().enumerate() {
                Grid::new(("value", i)).num_columns(2).show(ui, |ui| {
                    text_row(ui, "Value", &mut v.name, false);
                    text_row(ui, "Meaning", &mut v.text, true);
                });
                let question = format!("Remove the core value “{}” and its text?", v.name);
                if remove_control(ui, &mut self.removing, Removing::Value(i), "Remove this value…", &question) {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                draft.core_values.remove(i);
            }
            if ui.button("Add a core value").clicked() {
                draft.core_values.push(CoreValue { name: "New value".into(), text: String::new() });
            }

            widgets::section(ui, "Guiding principles");
            let mut remove = None;
            for (i, p) in draft.guiding_principles.iter_mut().enumerate() {
                Grid::new(("principle", i)).num_columns(2).show(ui, |ui| {
                    text_row(ui, "Principle", &mut p.name, false);
                    text_row(ui, "Text", &mut p.text, true);
                    let l = ui.label("Bullets (one per line)");
                    let mut bullets = p.bullets.join("\n");
                    if ui.add(TextEdit::multiline(&mut bullets).desired_width(f32::INFINITY)).labelled_by(l.id).changed() {
                        p.bullets = bullets.lines().map(str::to_owned).filter(|b| !b.trim().is_empty()).collect();
                    }
                    ui.end_row();
                });
                let question = format!(
                    "Remove the guiding principle “{}”, its text and its {} bullet(s)?",
                    p.name,
                    p.bullets.len()
                );
                if remove_control(ui, &mut self.removing, Removing::Principle(i), "Remove this principle…", &question) {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                draft.guiding_principles.remove(i);
            }
            if ui.button("Add a guiding principle").clicked() {
                draft.guiding_principles.push(Principle { name: "New principle".into(), text: String::new(), bullets: Vec::new() });
            }

            widgets::section(ui, "Other sections");
            let mut remove = None;
            for (i, s) in draft.sections.iter_mut().enumerate() {
                egui::CollapsingHeader::new(if s.title.is_empty() { "Untitled section" } else { s.title.as_str() }.to_owned())
                    .id_salt(("section", i))
                    .show(ui, |ui| {
                        Grid::new(("section-grid", i)).num_columns(2).show(ui, |ui| {
                            text_row(ui, "Heading", &mut s.title, false);
                            text_row(ui, "Text", &mut s.text, true);
                        });
                        let question = format!("Remove the section “{}” and its text?", s.title);
                        if remove_control(ui, &mut self.removing, Removing::Section(i), "Remove this section…", &question) {
                            remove = Some(i);
                        }
                    });
            }
            if let Some(i) = remove {
                draft.sections.remove(i);
            }
            if ui.button("Add a section").clicked() {
                draft.sections.push(Section { title: "New section".into(), text: String::new() });
            }

            widgets::section(ui, "Levels of the tree");
            Grid::new("levels").num_columns(2).show(ui, |ui| {
                for (i, level) in draft.levels.iter_mut().enumerate() {
                    text_row(ui, &format!("Level {}", i + 1), level, false);
                }
            });

            widgets::section(ui, "Status labels and grade points");
            Grid::new("statuses").num_columns(3).show(ui, |ui| {
                for s in &mut draft.statuses {
                    let l = ui.label(format!("{} {}", s.kind.symbol(), s.kind.default_label()));
                    ui.add_sized([180.0, 20.0], TextEdit::singleline(&mut s.label)).labelled_by(l.id);
                    let mut counts = s.points.is_some();
                    ui.horizontal(|ui| {
                        if ui.checkbox(&mut counts, "counts towards grades").changed() {
                            s.points = counts.then_some(s.kind.default_points().unwrap_or(50.0));
                        }
                        if let Some(p) = s.points.as_mut() {
                            let points = ui.add(DragValue::new(p).range(0.0..=100.0).suffix(" pts"));
                            widgets::name(&points, format!("Grade points for {}", s.kind.default_label()));
                        }
                    });
                    ui.end_row();
                }
            });

            widgets::section(ui, &format!("Grading scale: {}", draft.grading.name));
            let mut remove = None;
            Grid::new("grades").num_columns(4).show(ui, |ui| {
                ui.label(RichText::new("Grade").strong());
                ui.label(RichText::new("From score").strong());
                ui.label(RichText::new("Meaning").strong());
                ui.label("");
                ui.end_row();
                for (i, g) in draft.grading.grades.iter_mut().enumerate() {
                    let n = i + 1;
                    let grade = ui.add(TextEdit::singleline(&mut g.grade).desired_width(50.0));
                    widgets::name(&grade, format!("Grade {n}"));
                    let from = ui.add(DragValue::new(&mut g.min_score).range(0.0..=100.0));
                    widgets::name(&from, format!("Grade {n}: from score"));
                    let meaning = ui.add(TextEdit::singleline(&mut g.meaning).desired_width(260.0));
                    widgets::name(&meaning, format!("Grade {n}: meaning"));
                    let question = format!("Remove the grade “{}” from the scale?", g.grade);
                    if remove_control(ui, &mut self.removing, Removing::Grade(i), "Remove…", &question) {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
            if let Some(i) = remove {
                draft.grading.grades.remove(i);
            }
            if ui.button("Add a grade").clicked() {
                draft.grading.grades.push(Grade { grade: "?".into(), min_score: 0.0, meaning: String::new() });
            }

            widgets::section(ui, "What a grade rests on");
            let rule = &mut draft.grading.rule;
            ui.checkbox(
                &mut rule.count_behind,
                "Count work not started that should have started by the period's end as behind (off track)",
            )
            .on_hover_text("By its start date, else its due date, else its term; work not yet due is left out");
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("Short-term work is to start within");
                ui.add(DragValue::new(&mut rule.short_term_years).range(1..=10).suffix(" years"))
                    .labelled_by(l.id);
                ui.label("of the plan's first period; long-term work within the plan.");
            });
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("No letter below");
                ui.add(DragValue::new(&mut rule.min_coverage).range(0.0..=100.0).suffix("%"))
                    .labelled_by(l.id);
                ui.label("of the lowest-level items graded (\"not graded: too few updates\").");
            });
            ui.label(RichText::new(crate::rules::grade::rule_sentence(draft)).weak());

            widgets::section(ui, "Backups of this file");
            ui.label(
                RichText::new(
                    "Before the first edit of each day Cairn copies the file into a .backups folder beside it (File → Restore from backup… puts one back). It keeps the newest copy of each of the last:",
                )
                .weak(),
            );
            ui.horizontal(|ui| {
                let b = &mut draft.backups;
                for (value, unit, max) in [
                    (&mut b.daily, "days", 366),
                    (&mut b.weekly, "weeks", 520),
                    (&mut b.monthly, "months", 240),
                ] {
                    let min = u32::from(unit == "days");
                    let drag = ui.add(egui::DragValue::new(value).range(min..=max));
                    let l = ui.label(unit);
                    drag.labelled_by(l.id);
                }
            });

            widgets::section(ui, "Fiscal year and reporting periods");
            ui.horizontal(|ui| {
                let l = ui.label("The fiscal year starts in");
                let month = draft.fiscal_year_start_month.clamp(1, 12) as usize - 1;
                egui::ComboBox::from_id_salt("fy-month")
                    .selected_text(MONTHS[month])
                    .show_ui(ui, |ui| {
                        for (i, m) in MONTHS.iter().enumerate() {
                            ui.selectable_value(&mut draft.fiscal_year_start_month, u32::try_from(i + 1).unwrap_or(1), *m);
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            let mut remove = None;
            ui.label(
                RichText::new(
                    "Locking a period keeps its figures as they stand, so its report card reprints exactly; its KPI values and commentary become read only.",
                )
                .weak(),
            );
            let plan = wb.plan();
            Grid::new("periods").num_columns(5).striped(true).show(ui, |ui| {
                for (i, p) in draft.periods.iter().enumerate() {
                    ui.label(&p.label);
                    ui.label(format!("{} – {}", p.start, p.end));
                    ui.label(format!("{:?}", p.kind).to_lowercase());
                    match plan.lock(&p.label) {
                        Some(lock) => {
                            ui.horizontal(|ui| {
                                ui.label(
                                    RichText::new(format!(
                                        "Locked {} by {}",
                                        lock.locked_at.get(..10).unwrap_or(&lock.locked_at),
                                        lock.locked_by
                                    ))
                                    .strong(),
                                );
                                if ui.small_button(format!("Unlock {}…", p.label)).clicked() {
                                    self.unlocking = Some((p.label.clone(), String::new()));
                                }
                            });
                        }
                        None => {
                            ui.horizontal(|ui| {
                                if ui.small_button(format!("Lock {}", p.label)).clicked() {
                                    actions.push(Action::Edit(Command::LockPeriod {
                                        period: p.label.clone(),
                                        by: wb.store().user().to_owned(),
                                    }));
                                }
                                let uses = plan.period_uses(&p.label);
                                if uses.is_empty() {
                                    let question = format!(
                                        "Remove the period {}? Nothing in the plan refers to it.",
                                        p.label
                                    );
                                    if remove_control(ui, &mut self.removing, Removing::Period(p.label.clone()), "Remove…", &question) {
                                        remove = Some(i);
                                    }
                                } else if ui
                                    .small_button("Remove…")
                                    .on_hover_text(format!(
                                        "{} cannot be removed while {} refer to it",
                                        p.label,
                                        uses.describe()
                                    ))
                                    .clicked()
                                {
                                    self.removing = Some(Removing::Period(p.label.clone()));
                                }
                            });
                        }
                    }
                    ui.end_row();
                }
            });
            if let Some(Removing::Period(label)) = self.removing.clone() {
                let uses = plan.period_uses(&label);
                if !uses.is_empty() {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(
                            RichText::new(format!(
                                "{label} is kept: {} refer to it. Remove or move them first; nothing was changed.",
                                uses.describe()
                            ))
                            .strong(),
                        );
                        if ui.button("OK").clicked() {
                            self.removing = None;
                        }
                    });
                }
            }
            let mut close = false;
            if let Some((period, reason)) = self.unlocking.as_mut() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    let l = ui.label(format!("Why unlock {period}? (kept in the history)"));
                    ui.add(TextEdit::singleline(reason).desired_width(360.0)).labelled_by(l.id);
                    ui.horizontal(|ui| {
                        if ui.add_enabled(!reason.trim().is_empty(), egui::Button::new("Unlock")).clicked() {
                            actions.push(Action::Edit(Command::UnlockPeriod {
                                period: period.clone(),
                                reason: reason.clone(),
                            }));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
            }
            if close {
                self.unlocking = None;
            }
            if let Some(i) = remove {
                draft.periods.remove(i);
            }
            let next_fy = draft
                .periods
                .iter()
                .map(|p| period::fiscal_year_of(p.end, draft.fiscal_year_start_month))
                .max()
                .map_or(draft.start_year, |y| y + 1);
            if ui.button(format!("Add FY{next_fy} with its quarters")).clicked() {
                draft.periods.extend(period::fiscal_periods(draft.fiscal_year_start_month, next_fy, next_fy, true));
            }
            if !draft.notes.is_empty() {
                egui::CollapsingHeader::new(format!("Transcription notes ({})", draft.notes.len())).show(ui, |ui| {
                    for n in &draft.notes {
                        ui.label(format!("• {n}"));
                    }
                });
            }
            if !draft.source.is_empty() {
                ui.label(RichText::new(format!("Source: {}", draft.source)).italics().weak());
            }
        });
        let typing = ui.ctx().egui_wants_keyboard_input();
        if !typing && *draft != *info && self.sent.as_ref() != Some(draft) {
            self.sent = Some(draft.clone());
            actions.push(Action::Edit(Command::SetInfo(Box::new(draft.clone()))));
        }
        actions
    }
}
