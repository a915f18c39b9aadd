//! The details of the selected item: every field, editable, validated
//! inline; the derived status and percent with the rule that made them;
//! overrides with their reason; milestones and progress notes.
//!
//! `progress.rs` draws the figures for a reporting period and the status
//! with its roll-up and override.

mod progress;

use crate::app::views::{View, ViewContext};
use std::collections::HashMap;

use egui::{Grid, RichText, Ui};

use crate::app::actions::Action;
use crate::app::widgets;
use crate::app::widgets::field::{Fields, LeftBehind};
use crate::command::{Command, ItemField, field_text};
use crate::model::fields::check_text;
use crate::model::{Item, Milestone, Override, ProgressNote, StatusKind, Term};
use crate::workbench::Workbench;

/// A person's override being written.
#[derive(Clone, Debug, Default)]
struct OverrideDraft {
    status: Option<StatusKind>,
    percent: String,
    reason: String,
    error: Option<String>,
}

/// What is being written for one item besides its fields.
#[derive(Clone, Debug, Default)]
struct Drafts {
    override_draft: Option<OverrideDraft>,
    new_note: String,
    new_milestone: String,
    new_milestone_due: String,
    milestone_error: Option<String>,
    /// The milestone whose removal waits for an answer.
    removing_milestone: Option<usize>,
}

impl Drafts {
    fn is_empty(&self) -> bool {
        self.override_draft.is_none()
            && self.new_note.trim().is_empty()
            && self.new_milestone.trim().is_empty()
            && self.new_milestone_due.trim().is_empty()
    }
}

#[derive(Default)]
pub struct DetailsView {
    pub(crate) fields: Fields,
    /// The drafts of the item shown (`drafts_item`), and of others.
    drafts: Drafts,
    drafts_item: String,
    other_drafts: HashMap<String, Drafts>,
    /// Put the keyboard in the title field next frame.
    pub focus_title: bool,
    commentary_period: String,
    commentary_draft: Option<(String, String, String)>,
    commentary_item: String,
    /// The reporting period whose progress the Item tab records.
    progress_period: Option<String>,
}

impl DetailsView {
    /// Shows a refusal from the workbench under the field it concerns.
    pub fn field_error(&mut self, item: &str, field: ItemField, message: String) {
        self.fields.set_error(item, field.key(), message);
    }

    /// The view is not drawn this frame: typed text is saved if it is
    /// acceptable, otherwise kept (and reminded of) for its item.
    pub fn flush(&mut self, wb: &Workbench) -> Vec<Action> {
        let mut actions = Vec::new();
        let left = self.fields.leave();
        self.settle(wb, left, &mut actions);
        self.leave_commentary(wb, &mut actions);
        actions
    }

    /// Saves or parks the fields an item left behind, checked against
    /// that item as the field would have.
    fn settle(&mut self, wb: &Workbench, left: Option<LeftBehind>, actions: &mut Vec<Action>) {
        let plan = wb.plan();
        self.fields.retain_owners(|id| plan.item(id).is_some());
        let Some(left) = left else { return };
        let Some(item) = plan.item(&left.owner) else {
            return;
        };
        for (key, mut state) in left.states {
            let Some(field) = ItemField::ALL.into_iter().find(|f| f.key() == key) else {
                continue;
            };
            if state.text == field_text(item, field) {
                continue;
            }
            if !state.dirty() {
                // Refused by the workbench before: keep it with its reason.
                self.fields.park(&left.owner, &key, state);
                continue;
            }
            let value = match field {
                ItemField::Start | ItemField::Due => {
                    crate::model::dates::typed_to_iso(&state.text, plan.info.date_order())
                }
                _ => Ok(state.text.clone()),
            };
            match value.and_then(|v| check_text(field, &v).map(|()| v)) {
                Ok(value) => actions.push(Action::Edit(Command::SetField {
                    item: left.owner.clone(),
                    field,
                    value,
                })),
                Err(e) => {
                    state.error = Some(e.to_string());
                    self.fields.park(&left.owner, &key, state);
                }
            }
        }
    }

    /// Saves commentary typed for the item shown before.
    fn leave_commentary(&mut self, wb: &Workbench, actions: &mut Vec<Action>) {
        if let Some(cmd) = crate::app::dialogs::print::unsaved_commentary(
            wb.plan(),
            Some(&self.commentary_item),
            self.commentary_draft.as_ref(),
        ) {
            actions.push(Action::Edit(cmd));
        }
        self.commentary_draft = None;
    }

    /// Keeps the notes, milestone and override being written per item.
    fn switch_drafts(&mut self, item: &str) {
        if self.drafts_item == item {
            return;
        }
        let mine = self.other_drafts.remove(item).unwrap_or_default();
        let old = std::mem::replace(&mut self.drafts, mine);
        let old_item = std::mem::replace(&mut self.drafts_item, item.to_owned());
        if !old.is_empty() && !old_item.is_empty() {
            self.other_drafts.insert(old_item, old);
        }
    }

    fn milestones(
        &mut self,
        ui: &mut Ui,
        item: &Item,
        order: crate::model::dates::DateOrder,
        actions: &mut Vec<Action>,
    ) {
        widgets::section(ui, "Milestones");
        let mut list = item.milestones.clone();
        let mut changed = false;
        let mut remove = None;
        for (i, m) in list.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                changed |= ui.checkbox(&mut m.done, &m.title).changed();
                if let Some(d) = m.due {
                    ui.label(RichText::new(format!("due {d}")).weak());
                }
                if ui
                    .small_button("✖")
                    .on_hover_text("Remove this milestone (asks first)")
                    .clicked()
                {
                    self.drafts.removing_milestone = Some(i);
                }
            });
            if self.drafts.removing_milestone == Some(i) {
                match widgets::confirm::ask(
                    ui,
                    &format!("Remove the milestone “{}”?", m.title),
                    "Remove",
                ) {
                    Some(widgets::confirm::Answer::Remove) => {
                        remove = Some(i);
                        self.drafts.removing_milestone = None;
                    }
                    Some(widgets::confirm::Answer::Keep) => self.drafts.removing_milestone = None,
                    None => {}
                }
            }
        }
        if let Some(i) = remove {
            list.remove(i);
            changed = true;
        }
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("New milestone");
            ui.add(egui::TextEdit::singleline(&mut self.drafts.new_milestone).desired_width(200.0))
                .labelled_by(l.id);
            let l = ui.label("due");
            crate::app::widgets::field::date_input(
                ui,
                "milestone-due",
                &l,
                &mut self.drafts.new_milestone_due,
                order,
            );
            if ui.button("Add").clicked() {
                match crate::model::dates::parse_date_text(&self.drafts.new_milestone_due, order) {
                    Err(e) => self.drafts.milestone_error = Some(e.to_string()),
                    Ok(_) if self.drafts.new_milestone.trim().is_empty() => {
                        self.drafts.milestone_error = Some("a milestone needs a title".into())
                    }
                    Ok(due) => {
                        list.push(Milestone {
                            title: self.drafts.new_milestone.trim().to_owned(),
                            due,
                            done: false,
                        });
                        changed = true;
                        self.drafts.new_milestone.clear();
                        self.drafts.new_milestone_due.clear();
                        self.drafts.milestone_error = None;
                    }
                }
            }
        });
        if let Some(e) = &self.drafts.milestone_error {
            ui.colored_label(crate::app::widgets::ERROR, format!("⚠ {e} — not saved"));
        }
        if changed {
            actions.push(Action::Edit(Command::SetMilestones {
                item: item.id.clone(),
                milestones: list,
            }));
        }
    }

    fn notes(&mut self, ui: &mut Ui, item: &Item, actions: &mut Vec<Action>) {
        widgets::section(ui, "Progress notes");
        for n in item.notes.iter().rev() {
            ui.label(
                RichText::new(format!(
                    "{} · {}",
                    n.date,
                    if n.author.is_empty() {
                        "—"
                    } else {
                        &n.author
                    }
                ))
                .weak(),
            );
            ui.label(&n.text);
            ui.add_space(4.0);
        }
        let l = ui.label("New note");
        ui.add(
            egui::TextEdit::multiline(&mut self.drafts.new_note)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        if ui
            .add_enabled(
                !self.drafts.new_note.trim().is_empty(),
                egui::Button::new("Add note"),
            )
            .clicked()
        {
            actions.push(Action::Edit(Command::AddNote {
                item: item.id.clone(),
                note: ProgressNote {
                    date: chrono::Local::now().date_naive(),
                    author: crate::store::current_user(),
                    text: self.drafts.new_note.trim().to_owned(),
                },
            }));
            self.drafts.new_note.clear();
        }
    }
}

impl View for DetailsView {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let Some(item_id) = cx.item() else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        let plan = wb.plan();
        let Some(pos) = plan.position(item_id) else {
            ui.label("The selected item no longer exists.");
            return actions;
        };
        let item = &plan.items()[pos];
        let rolled = &wb.rollup().items[pos];
        let left = self.fields.begin(item_id, wb.generation());
        self.settle(wb, left, &mut actions);
        self.switch_drafts(item_id);
        if std::mem::take(&mut self.focus_title) {
            self.fields.focus = Some(ItemField::Title.key().to_owned());
        }
        let code = wb.tree().code_of(pos).unwrap_or("");
        ui.label(RichText::new(format!("{} {code}", plan.info.level_name(item.level))).weak());
        ui.heading(&item.title);
        // Only linked items need their parents listed; skip the scan otherwise.
        if wb.tree().is_linked(pos) {
            let parents = plan.parents_of(item_id);
            ui.horizontal_wrapped(|ui| {
                ui.label("⇄ Linked: shown under");
                for p in parents {
                    let ppos = plan.position(p).unwrap_or(0);
                    let pcode = wb.tree().code_of(ppos).unwrap_or("?");
                    if ui
                        .link(format!("{pcode} {}", plan.items()[ppos].title))
                        .clicked()
                    {
                        actions.push(Action::Select {
                            item: p.to_owned(),
                            code: Some(pcode.to_owned()),
                        });
                    }
                }
                ui.label("— counted once in plan totals.");
            });
        }
        if !item.source_note.is_empty() {
            ui.label(
                RichText::new(format!("Source: {}", item.source_note))
                    .italics()
                    .weak(),
            );
        }
        ui.add_space(6.0);
        self.status_block(ui, wb, item, rolled, &mut actions);
        crate::app::views::action_items::open_on_item(ui, wb, item_id, &mut actions);

        widgets::section(ui, "Fields");
        Grid::new("item-fields")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .striped(false)
            .show(ui, |ui| {
                let leaf = item.children.is_empty();
                let period = self.progress_period.clone();
                let order = wb.plan().info.date_order();
                let mut text_field = |ui: &mut Ui,
                                      field: ItemField,
                                      label: &str,
                                      multiline: bool| {
                    let current = match (&period, field) {
                        (Some(p), ItemField::Percent) => crate::model::fields::fmt_opt(
                            item.figures_at(&wb.plan().info.periods_up_to(Some(p))).1,
                        ),
                        _ => field_text(item, field),
                    };
                    let check = |t: &str| check_text(field, t);
                    let edited = if matches!(field, ItemField::Start | ItemField::Due) {
                        self.fields
                            .edit_date(ui, field.key(), label, &current, order, check)
                    } else {
                        self.fields
                            .edit(ui, field.key(), label, &current, multiline, check)
                    };
                    if let Some(value) = edited {
                        // Percent complete is recorded for the period
                        // chosen above, like the status.
                        let command = match (&period, field) {
                            (Some(p), ItemField::Percent) => {
                                crate::command::figure_edit(wb.plan(), &item.id, p, field, &value)
                            }
                            _ => Ok(Command::SetField {
                                item: item.id.clone(),
                                field,
                                value,
                            }),
                        };
                        match command {
                            Ok(command) => actions.push(Action::Edit(command)),
                            Err(e) => actions.push(Action::Message(e.to_string())),
                        }
                    }
                };
                text_field(ui, ItemField::Title, "Title", false);
                text_field(ui, ItemField::Description, "Description", true);
                text_field(ui, ItemField::Owner, "Owner", false);
                text_field(ui, ItemField::Department, "Department", false);
                if leaf && period.is_some() {
                    text_field(ui, ItemField::Percent, "Percent complete", false);
                }
                text_field(ui, ItemField::Start, "Start date", false);
                text_field(ui, ItemField::Due, "Due date", false);
                text_field(ui, ItemField::BudgetPlanned, "Planned budget", false);
                text_field(ui, ItemField::BudgetActual, "Actual spend", false);
                text_field(ui, ItemField::Weight, "Weight in roll-up", false);
                let term_label = ui.label("Term");
                let mut term = item.term;
                egui::ComboBox::from_id_salt("term")
                    .selected_text(term.map_or("—", Term::label))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut term, None, "—");
                        ui.selectable_value(&mut term, Some(Term::Short), Term::Short.label());
                        ui.selectable_value(&mut term, Some(Term::Long), Term::Long.label());
                    })
                    .response
                    .labelled_by(term_label.id);
                ui.end_row();
                text_field(ui, ItemField::SourceNote, "Source note", true);
                if term != item.term {
                    let value = match term {
                        Some(Term::Short) => "short",
                        Some(Term::Long) => "long",
                        None => "",
                    };
                    actions.push(Action::Edit(Command::SetField {
                        item: item.id.clone(),
                        field: ItemField::Term,
                        value: value.into(),
                    }));
                }
            });
        if !item.alt_titles.is_empty() {
            widgets::section(ui, "Other wordings in the source");
            for t in &item.alt_titles {
                ui.label(format!("“{t}”"));
            }
        }
        self.milestones(ui, item, plan.info.date_order(), &mut actions);
        self.notes(ui, item, &mut actions);
        widgets::section(ui, "Report card commentary");
        ui.label(RichText::new("Printed with this item on the report card for the period.").weak());
        if self.commentary_item != item.id {
            self.leave_commentary(wb, &mut actions);
            self.commentary_item.clone_from(&item.id);
        }
        if let Some(cmd) = crate::app::dialogs::print::commentary_editor(
            ui,
            wb,
            Some(&item.id),
            &mut self.commentary_period,
            &mut self.commentary_draft,
        ) {
            actions.push(Action::Edit(cmd));
        }
        actions
    }
}
