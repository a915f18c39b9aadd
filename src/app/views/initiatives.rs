//! Every item of the plan's lowest level in one sortable table, with
//! status and percent editable in place. Rows are laid out only when
//! visible.

use crate::app::views::{View, ViewContext};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::actions::Action;
use crate::app::widgets;
use crate::command::{ItemField, parse_percent};
use crate::model::StatusKind;
use crate::workbench::Workbench;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SortBy {
    Code,
    Title,
    Parents,
    Owner,
    Department,
    Status,
    Percent,
    Due,
    Term,
}

const COLUMNS: [(SortBy, &str); 9] = [
    (SortBy::Code, "Code"),
    (SortBy::Title, "Title"),
    (SortBy::Parents, "Parent(s)"),
    (SortBy::Owner, "Owner"),
    (SortBy::Department, "Department"),
    (SortBy::Status, "Status"),
    (SortBy::Percent, "Percent"),
    (SortBy::Due, "Due"),
    (SortBy::Term, "Term"),
];

pub struct InitiativesView {
    sort: SortBy,
    ascending: bool,
    rows: Vec<usize>,
    /// Parent codes per item position.
    parents: Vec<String>,
    key: Option<(u64, SortBy, bool)>,
    /// The percent cell being edited: item id, text, error.
    editing: Option<(String, String, Option<String>)>,
    /// An edit changed what the rows are sorted by, and the rows keep
    /// their places (so the row just edited stays under the pointer)
    /// until the user sorts again.
    stale: bool,
}

impl Default for InitiativesView {
    fn default() -> Self {
        Self {
            sort: SortBy::Code,
            ascending: true,
            rows: Vec::new(),
            parents: Vec::new(),
            key: None,
            editing: None,
            stale: false,
        }
    }
}

/// For every item, the codes of its parents ("2.1, 2.2"), from one walk of
/// the tree.
fn parent_codes(wb: &Workbench) -> Vec<String> {
    let tree = wb.tree();
    let mut out: Vec<Vec<&str>> = vec![Vec::new(); wb.plan().items().len()];
    for p in &tree.placements {
        if let Some(parent) = p.parent {
            let code = tree.code_of(parent).unwrap_or("?");
            if !out[p.item].contains(&code) {
                out[p.item].push(code);
            }
        }
    }
    out.into_iter().map(|codes| codes.join(", ")).collect()
}

/// Compares dotted codes numerically: 1.10 after 1.9.
fn code_key(code: &str) -> Vec<u32> {
    code.split('.')
        .map(|p| p.parse().unwrap_or(u32::MAX))
        .collect()
}

impl InitiativesView {
    fn refresh(&mut self, wb: &Workbench) {
        let key = (wb.generation(), self.sort, self.ascending);
        if self.key == Some(key) {
            return;
        }
        let plan = wb.plan();
        let lowest = plan.info.levels.len().saturating_sub(1);
        let tree = wb.tree();
        self.parents = parent_codes(wb);
        let parents = &self.parents;
        let mut rows: Vec<usize> = (0..plan.items().len())
            .filter(|&p| plan.items()[p].level == lowest)
            .collect();
        let code = |p: usize| code_key(tree.code_of(p).unwrap_or(""));
        match self.sort {
            SortBy::Code => rows.sort_by_key(|&p| code(p)),
            SortBy::Title => rows.sort_by_cached_key(|&p| plan.items()[p].title.to_lowercase()),
            SortBy::Parents => rows.sort_by_key(|&p| code_key(&parents[p])),
            SortBy::Owner => rows.sort_by_cached_key(|&p| plan.items()[p].owner.to_lowercase()),
            SortBy::Department => {
                rows.sort_by_cached_key(|&p| plan.items()[p].department.to_lowercase())
            }
            SortBy::Status => rows.sort_by_key(|&p| (wb.rollup().items[p].status, code(p))),
            SortBy::Percent => rows.sort_by(|&a, &b| {
                let pa = wb.rollup().items[a].percent.unwrap_or(-1.0);
                let pb = wb.rollup().items[b].percent.unwrap_or(-1.0);
                pa.total_cmp(&pb)
            }),
            SortBy::Due => {
                rows.sort_by_key(|&p| (plan.items()[p].due.is_none(), plan.items()[p].due))
            }
            SortBy::Term => rows.sort_by_key(|&p| (plan.items()[p].term.map(|t| t as u8), code(p))),
        }
        if !self.ascending {
            rows.reverse();
        }
        // After an edit under the same sort, the same rows keep their
        // places; "Sort again" puts them in order.
        let same_sort = self
            .key
            .is_some_and(|(_, sort, ascending)| sort == self.sort && ascending == self.ascending);
        if same_sort && rows != self.rows {
            let mut before = self.rows.clone();
            let mut now = rows.clone();
            before.sort_unstable();
            now.sort_unstable();
            if before == now {
                self.stale = true;
                rows.clone_from(&self.rows);
            }
        } else {
            self.stale = false;
        }
        self.rows = rows;
        self.key = Some(key);
    }
}

impl View for InitiativesView {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let selected = cx.selected_item();
        let mut actions = Vec::new();
        self.refresh(wb);
        let plan = wb.plan();
        let lowest = plan.info.levels.len().saturating_sub(1);
        ui.horizontal(|ui| {
            ui.heading(format!("{}s", plan.info.level_name(lowest)));
            ui.label(
                RichText::new(format!(
                    "{} distinct (linked items listed once)",
                    self.rows.len()
                ))
                .weak(),
            );
            if self.stale
                && ui
                    .button("Sort again")
                    .on_hover_text(
                        "Rows keep their places while you edit them; this puts them back in order",
                    )
                    .clicked()
            {
                self.key = None;
                self.refresh(wb);
            }
        });
        if self.rows.is_empty() {
            ui.label(
                RichText::new(format!(
                    "The plan has no {}s yet. Add them under their {} in the tree (Edit → Add child), or import a spreadsheet (File → Import or export a spreadsheet…).",
                    plan.info.level_name(lowest).to_lowercase(),
                    plan.info.level_name(lowest.saturating_sub(1)).to_lowercase()
                ))
                .weak(),
            );
            return actions;
        }
        let rows = self.rows.clone();
        let status_width = widgets::status_width(ui, &plan.info);
        // Figures typed here are recorded for today's reporting period.
        let today = chrono::Local::now().date_naive();
        let current_period = plan.info.period_for_day(today).map(|p| p.label.clone());
        let current_period = current_period.as_deref();
        crate::app::layout::wide_table(ui, "initiatives-wide", |ui| {
            widgets::table(ui, rows.len() + 1, COLUMNS.len());
            TableBuilder::new(ui)
                .striped(true)
                .resizable(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::auto().at_least(50.0))
                .column(Column::initial(300.0).at_least(120.0).clip(true))
                .column(Column::initial(80.0).at_least(40.0).clip(true))
                .column(Column::initial(120.0).at_least(50.0).clip(true))
                .column(Column::initial(120.0).at_least(50.0).clip(true))
                .column(Column::initial(status_width + 8.0).at_least(60.0))
                .column(Column::initial(70.0).at_least(50.0))
                .column(Column::initial(90.0).at_least(60.0))
                .column(Column::remainder().at_least(80.0))
                .header(24.0, |mut header| {
                    for (column, (sort, name)) in COLUMNS.into_iter().enumerate() {
                        header.col(|ui| {
                            widgets::column_header(ui, column, name);
                            let arrow = if self.sort == sort {
                                if self.ascending { " ▲" } else { " ▼" }
                            } else {
                                ""
                            };
                            if ui
                                .button(RichText::new(format!("{name}{arrow}")).strong())
                                .on_hover_text("Sort")
                                .clicked()
                            {
                                self.stale = false;
                                if self.sort == sort {
                                    self.ascending = !self.ascending;
                                } else {
                                    self.sort = sort;
                                    self.ascending = true;
                                }
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(26.0, rows.len(), |mut row| {
                        let r = row.index() + 1;
                        let pos = rows[row.index()];
                        let item = &plan.items()[pos];
                        let rolled = &wb.rollup().items[pos];
                        let code = wb.tree().code_of(pos).unwrap_or("").to_owned();
                        row.set_selected(selected == Some(item.id.as_str()));
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 0);
                            if ui.link(&code).clicked() {
                                actions.push(Action::Select {
                                    item: item.id.clone(),
                                    code: Some(code.clone()),
                                });
                            }
                        });
                        let parents = self.parents.get(pos).map_or("", String::as_str);
                        let linked = parents.contains(',');
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 1);
                            let text = if linked {
                                format!("⇄ {}", item.title)
                            } else {
                                item.title.clone()
                            };
                            // One tooltip: the label's own, with the whole
                            // title, when it is cut short.
                            ui.add(egui::Label::new(text).truncate());
                        });
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 2);
                            ui.label(parents);
                        });
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 3);
                            ui.label(&item.owner);
                        });
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 4);
                            ui.label(&item.department);
                        });
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 5);
                            if item.children.is_empty()
                                && let Some(period) = current_period
                            {
                                let (picker, edit) = widgets::status_picker(
                                    ui,
                                    &plan.info,
                                    item,
                                    ("status", &item.id),
                                    Some(status_width),
                                    period,
                                );
                                picker.widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::ComboBox,
                                        true,
                                        format!("Status {code}"),
                                    )
                                });
                                actions.extend(edit);
                            } else {
                                widgets::status_chip(ui, &plan.info, rolled.status);
                            }
                        });
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 6);
                            let editing = self
                                .editing
                                .as_ref()
                                .is_some_and(|(id, _, _)| *id == item.id);
                            if let (true, Some(period)) = (editing, current_period) {
                                if let Some((_, text, error)) = self.editing.as_mut() {
                                    let r = ui
                                        .add(egui::TextEdit::singleline(text).desired_width(50.0));
                                    r.widget_info(|| {
                                        egui::WidgetInfo::labeled(
                                            egui::Role::TextInput,
                                            true,
                                            format!("Percent {code}"),
                                        )
                                    });
                                    if !r.has_focus() && !r.lost_focus() && error.is_none() {
                                        r.request_focus();
                                    }
                                    if let Some(e) = error.as_ref() {
                                        r.on_hover_text(e.clone());
                                        ui.colored_label(crate::app::widgets::ERROR, "⚠");
                                    } else if r.lost_focus() {
                                        match parse_percent(text) {
                                            Ok(_) => match crate::command::figure_edit(
                                                plan,
                                                &item.id,
                                                period,
                                                ItemField::Percent,
                                                text,
                                            ) {
                                                Ok(command) => {
                                                    actions.push(Action::Edit(command));
                                                    self.editing = None;
                                                }
                                                Err(e) => {
                                                    *error = Some(format!("{e} — not saved"));
                                                }
                                            },
                                            Err(e) => *error = Some(format!("{e} — not saved")),
                                        }
                                    }
                                }
                            } else if ui
                                .add(
                                    egui::Button::new(crate::model::text::percent_text(
                                        rolled.percent,
                                    ))
                                    .frame(false),
                                )
                                .on_hover_text("Click to edit")
                                .clicked()
                            {
                                self.editing = Some((
                                    item.id.clone(),
                                    item.figures_at(&plan.info.periods_up_to(current_period))
                                        .1
                                        .map(|p| p.to_string())
                                        .unwrap_or_default(),
                                    None,
                                ));
                            }
                        });
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 7);
                            if let Some(due) = item.due {
                                let overdue = due < today
                                    && rolled.status != StatusKind::Completed
                                    && rolled.status != StatusKind::Cancelled;
                                let text = RichText::new(due.to_string());
                                ui.label(if overdue {
                                    text.color(crate::app::widgets::ERROR).strong()
                                } else {
                                    text
                                })
                                .on_hover_text(if overdue { "Overdue" } else { "Due date" });
                            }
                        });
                        row.col(|ui| {
                            widgets::table_cell(ui, r, 8);
                            ui.label(item.term.map_or("", |t| t.label()));
                        });
                    });
                });
        });
        // A click elsewhere abandons an edit that still has an error.
        if let Some((_, _, Some(_))) = &self.editing
            && ui.input(|i| i.key_pressed(egui::Key::Escape))
        {
            self.editing = None;
        }
        actions
    }
}
