//! The Meetings page: plan review meetings (title, date, period,
//! attendees, agenda chosen or generated), start the presentation, print
//! the minutes, and see every open action item.

use crate::app::views::{View, ViewContext};
use egui::{Grid, RichText, Ui};

use crate::app::actions::Action;
use crate::app::widgets;
use crate::app::widgets::field::{Fields, LeftBehind};
use crate::command::Command;
use crate::model::dates::{DateOrder, parse_date_text};
use crate::model::{AgendaEntry, Meeting, Plan, Unreadable};
use crate::workbench::Workbench;

#[derive(Default)]
pub struct MeetingsView {
    /// The meeting shown in the editor.
    pub selected: Option<String>,
    /// Select the newest meeting once it exists (after "New meeting").
    select_newest: Option<usize>,
    fields: Fields,
    minutes_path: String,
    minutes_for: String,
    a4: bool,
    confirm_delete: bool,
    /// The decision whose removal waits for an answer: meeting and index.
    removing_decision: Option<(String, usize)>,
}

/// The period a new meeting reviews: the shortest period containing
/// today, else the last one.
fn current_period(plan: &Plan) -> Option<String> {
    let today = chrono::Local::now().date_naive();
    plan.info
        .periods
        .iter()
        .filter(|p| p.start <= today && today <= p.end)
        .min_by_key(|p| p.end - p.start)
        .or_else(|| plan.info.periods.last())
        .map(|p| p.label.clone())
}

/// Applies the text of a meeting field to `m`, or says why it is not
/// acceptable. The same for a field on screen and one left behind.
fn apply_field(m: &mut Meeting, key: &str, text: &str, order: DateOrder) -> Result<(), Unreadable> {
    match key {
        "title" if text.trim().is_empty() => Err(Unreadable::Empty { what: "title" }),
        "title" => {
            text.clone_into(&mut m.title);
            Ok(())
        }
        "date" => match parse_date_text(text, order)? {
            Some(d) => {
                m.date = d;
                Ok(())
            }
            None => Err(Unreadable::Required {
                hint: "give the meeting's day, e.g. 2025-09-30",
            }),
        },
        "attendees" => {
            m.attendees = text.lines().map(str::to_owned).collect();
            Ok(())
        }
        _ => Err(Unreadable::UnknownField {
            key: key.to_owned(),
        }),
    }
}

/// Saves (in one command) or parks the fields a meeting left behind.
fn settle(
    fields: &mut Fields,
    wb: &Workbench,
    left: Option<LeftBehind>,
    actions: &mut Vec<Action>,
) {
    let plan = wb.plan();
    fields.retain_owners(|id| plan.meeting(id).is_some());
    let Some(left) = left else { return };
    let Some(m) = plan.meeting(&left.owner) else {
        return;
    };
    let mut next = m.clone();
    for (key, mut state) in left.states {
        if !state.dirty() {
            fields.park(&left.owner, &key, state);
            continue;
        }
        if let Err(e) = apply_field(&mut next, &key, &state.text, plan.info.date_order()) {
            state.error = Some(e.to_string());
            fields.park(&left.owner, &key, state);
        }
    }
    if next != *m {
        actions.push(Action::Edit(Command::PutMeeting(Box::new(next))));
    }
}

impl MeetingsView {
    pub(crate) fn fields(&mut self) -> &mut Fields {
        &mut self.fields
    }

    /// The view is not drawn this frame: typed text is saved if it is
    /// acceptable, otherwise kept (and reminded of) for its meeting.
    pub fn flush(&mut self, wb: &Workbench) -> Vec<Action> {
        let mut actions = Vec::new();
        let left = self.fields.leave();
        settle(&mut self.fields, wb, left, &mut actions);
        actions
    }

    fn editor(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        selected_item: Option<&str>,
        actions: &mut Vec<Action>,
    ) {
        let plan = wb.plan();
        let left = self.fields.begin(&m.id, wb.generation());
        settle(&mut self.fields, wb, left, actions);
        // Every change made to the meeting in this frame goes into one
        // draft, saved as one command before anything else the frame asks.
        let start = actions.len();
        let mut draft = m.clone();
        ui.horizontal(|ui| {
            ui.heading(&m.title);
            ui.label(RichText::new(m.state()).weak());
        });
        ui.horizontal(|ui| {
            let present = ui
                .add_enabled(
                    !m.agenda.is_empty(),
                    egui::Button::new(
                        RichText::new(if m.started_at.is_some() && m.ended_at.is_none() {
                            "▶ Resume the meeting"
                        } else {
                            "▶ Present the meeting"
                        })
                        .strong(),
                    ),
                )
                .on_hover_text("Full screen, one agenda item at a time (F5). Esc comes back here.")
                .on_disabled_hover_text("Put something on the agenda first.");
            if present.clicked() {
                actions.push(Action::Present(m.id.clone()));
            }
            if m.started_at.is_some()
                && m.ended_at.is_none()
                && ui.button("End the meeting").clicked()
            {
                actions.push(Action::Edit(Command::EndMeeting {
                    meeting: m.id.clone(),
                }));
            }
        });
        widgets::section(ui, "Details");
        let mut new_period = None;
        Grid::new("meeting-fields")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let order = plan.info.date_order();
                let mut field = |ui: &mut Ui, key: &str, label: &str, current: &str, multiline| {
                    let check = |t: &str| apply_field(&mut m.clone(), key, t, order);
                    let edited = if key == "date" {
                        self.fields.edit_date(ui, key, label, current, order, check)
                    } else {
                        self.fields.edit(ui, key, label, current, multiline, check)
                    };
                    if let Some(v) = edited {
                        // Checked above; a failure leaves the draft as it was.
                        let _ = apply_field(&mut draft, key, &v, order);
                    }
                };
                field(ui, "title", "Meeting title", &m.title, false);
                field(ui, "date", "Date", &m.date.to_string(), false);
                let l = ui.label("Period under review");
                let mut period = m.period.clone();
                egui::ComboBox::from_id_salt("meeting-period")
                    .selected_text(&period)
                    .show_ui(ui, |ui| {
                        for p in &plan.info.periods {
                            ui.selectable_value(&mut period, p.label.clone(), &p.label);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                if period != m.period {
                    new_period = Some(period);
                }
                field(
                    ui,
                    "attendees",
                    "Attendees (one per line)",
                    &m.attendees.join("\n"),
                    true,
                );
            });
        if let Some(p) = new_period {
            draft.period = p;
        }
        self.agenda(ui, wb, m, &mut draft, selected_item, actions);
        if draft != *m {
            actions.insert(start, Action::Edit(Command::PutMeeting(Box::new(draft))));
        }
        self.records(ui, wb, m, actions);
        self.minutes(ui, wb, m, actions);
        ui.add_space(8.0);
        if self.confirm_delete {
            ui.horizontal(|ui| {
                ui.label(
                    "Delete this meeting, its decisions and action items? (Ctrl+Z undoes it.)",
                );
                if ui.button("Delete").clicked() {
                    actions.push(Action::Edit(Command::DeleteMeeting {
                        meeting: m.id.clone(),
                    }));
                    self.confirm_delete = false;
                }
                if ui.button("Keep it").clicked() {
                    self.confirm_delete = false;
                }
            });
        } else if ui.button("Delete meeting…").clicked() {
            self.confirm_delete = true;
        }
    }

    fn agenda(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        draft: &mut Meeting,
        selected_item: Option<&str>,
        actions: &mut Vec<Action>,
    ) {
        let plan = wb.plan();
        widgets::section(ui, &format!("Agenda ({} items)", m.agenda.len()));
        if m.agenda.is_empty() {
            ui.label(RichText::new("Nothing on the agenda yet: add items below.").weak());
        }
        let last = m.agenda.len().saturating_sub(1);
        for (i, e) in m.agenda.iter().enumerate() {
            // Buttons first and the title truncated, so a long title never
            // pushes them (or the page) out of view.
            ui.horizontal(|ui| {
                ui.label(format!("{}.", i + 1));
                if ui
                    .add_enabled(i > 0, egui::Button::new("↑").small())
                    .on_hover_text("Earlier on the agenda")
                    .clicked()
                {
                    draft.agenda.swap(i, i - 1);
                }
                if ui
                    .add_enabled(i < last, egui::Button::new("↓").small())
                    .on_hover_text("Later on the agenda")
                    .clicked()
                {
                    draft.agenda.swap(i, i + 1);
                }
                if ui
                    .small_button("✕")
                    .on_hover_text("Take it off the agenda")
                    .clicked()
                {
                    draft.agenda.remove(i);
                }
                let title = match plan.position(&e.item) {
                    Some(pos) => {
                        let rolled = &wb.rollup().items[pos];
                        widgets::status_chip(ui, &plan.info, rolled.status);
                        crate::app::views::action_items::item_label(wb, &e.item)
                    }
                    None => format!("{} {} (since deleted)", e.code, e.title),
                };
                ui.add(egui::Label::new(title).truncate());
            });
        }
        ui.horizontal_wrapped(|ui| {
            let add_selected = selected_item.filter(|id| m.entry(id).is_none());
            let label = match add_selected {
                Some(id) => {
                    let mut l = format!(
                        "+ Add {}",
                        crate::app::views::action_items::item_label(wb, id)
                    );
                    if l.chars().count() > 70 {
                        l = l.chars().take(69).collect::<String>() + "…";
                    }
                    l
                }
                None => "+ Add the item selected in the tree".to_owned(),
            };
            if ui
                .add_enabled(add_selected.is_some(), egui::Button::new(label))
                .clicked()
                && let Some(id) = add_selected
            {
                draft.agenda.push(AgendaEntry::new(id));
            }
        });
        ui.horizontal_wrapped(|ui| {
            let add =
                |ids: Vec<String>, what: &str, draft: &mut Meeting, actions: &mut Vec<Action>| {
                    let new: Vec<String> = ids
                        .into_iter()
                        .filter(|id| draft.entry(id).is_none())
                        .collect();
                    if new.is_empty() {
                        actions.push(Action::Message(format!("Nothing more to add: {what}.")));
                    } else {
                        let n = new.len();
                        draft
                            .agenda
                            .extend(new.iter().map(|id| AgendaEntry::new(id)));
                        actions.push(Action::Message(format!(
                            "Added {}: {what}.",
                            crate::model::text::count(n, "item")
                        )));
                    }
                };
            if ui
                .button("+ Everything at risk or off track")
                .on_hover_text("Items where the trouble starts (their children are not troubled)")
                .clicked()
            {
                add(
                    crate::rules::agenda::at_risk(plan, wb.rollup()),
                    "everything at risk or off track",
                    draft,
                    actions,
                );
            }
            let (from, to) =
                crate::rules::agenda::fiscal_quarter(m.date, plan.info.fiscal_year_start_month);
            if ui
                .button("+ Everything due this quarter")
                .on_hover_text(format!(
                    "Not yet completed, due {from} to {to} (the fiscal quarter of the meeting)"
                ))
                .clicked()
            {
                add(
                    crate::rules::agenda::due_in_quarter(plan, wb.rollup(), m.date),
                    "everything due this quarter",
                    draft,
                    actions,
                );
            }
        });
    }

    fn records(&mut self, ui: &mut Ui, wb: &Workbench, m: &Meeting, actions: &mut Vec<Action>) {
        if m.decisions.is_empty() && m.actions.is_empty() {
            return;
        }
        widgets::section(ui, "Decisions and action items");
        for (i, d) in m.decisions.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Decision").strong());
                ui.label(&d.text);
                ui.label(
                    RichText::new(format!(
                        "· {}",
                        crate::app::views::action_items::item_label(wb, &d.item)
                    ))
                    .weak(),
                );
                if ui.small_button("Remove…").clicked() {
                    self.removing_decision = Some((m.id.clone(), i));
                }
            });
            if self.removing_decision == Some((m.id.clone(), i)) {
                match widgets::confirm::ask(
                    ui,
                    &format!("Remove the decision “{}” from the minutes?", d.text),
                    "Remove",
                ) {
                    Some(widgets::confirm::Answer::Remove) => {
                        actions.push(Action::Edit(Command::RemoveDecision {
                            meeting: m.id.clone(),
                            index: i,
                        }));
                        self.removing_decision = None;
                    }
                    Some(widgets::confirm::Answer::Keep) => self.removing_decision = None,
                    None => {}
                }
            }
        }
        for a in &m.actions {
            crate::app::views::action_items::row(ui, wb, m, a, true, actions);
        }
    }

    fn minutes(&mut self, ui: &mut Ui, wb: &Workbench, m: &Meeting, actions: &mut Vec<Action>) {
        widgets::section(ui, "Minutes");
        ui.label(
            RichText::new(
                "Attendees, and per agenda item the status before and after, decisions and action items. A PDF, or a web page if the name ends in .html.",
            )
            .weak(),
        );
        if self.minutes_for != m.id {
            self.minutes_for.clone_from(&m.id);
            let dir = crate::store::paths::output_dir(
                wb.path().parent().unwrap_or(std::path::Path::new(".")),
            );
            self.minutes_path = dir
                .join(format!("minutes-{}-{}.pdf", m.date, m.id))
                .display()
                .to_string();
        }
        ui.horizontal(|ui| {
            let l = ui.label("Save to");
            ui.add(egui::TextEdit::singleline(&mut self.minutes_path).desired_width(320.0))
                .labelled_by(l.id);
            let name = std::path::Path::new(&self.minutes_path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if ui.button("Choose…").clicked()
                && let Some(p) = crate::app::dialogs::save::choose_output(
                    "the minutes",
                    ("PDF or web page", &["pdf", "html"]),
                    &name,
                    std::path::Path::new(&self.minutes_path).parent(),
                    wb.path(),
                )
            {
                self.minutes_path = p.display().to_string();
            }
            ui.checkbox(&mut self.a4, "A4 paper");
        });
        if ui.button("Print the minutes").clicked() {
            actions.push(Action::PrintMinutes {
                meeting: m.id.clone(),
                path: self.minutes_path.clone().into(),
                a4: self.a4,
            });
        }
    }

    fn all_open_actions(&mut self, ui: &mut Ui, wb: &Workbench, actions: &mut Vec<Action>) {
        let open: Vec<_> = wb.plan().actions().filter(|(_, a)| a.is_open()).collect();
        widgets::section(
            ui,
            &format!("Open action items, all meetings ({})", open.len()),
        );
        if open.is_empty() {
            ui.label(RichText::new("None open.").weak());
        }
        for (m, a) in open {
            crate::app::views::action_items::row(ui, wb, m, a, true, actions);
        }
    }
}

impl View for MeetingsView {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let selected_item = cx.selected_item();
        let mut actions = Vec::new();
        let plan = wb.plan();
        if let Some(before) = self.select_newest
            && plan.meetings.len() > before
        {
            self.selected = plan.meetings.last().map(|m| m.id.clone());
            self.select_newest = None;
        }
        if self
            .selected
            .as_ref()
            .is_none_or(|id| plan.meeting(id).is_none())
        {
            self.selected = plan.meetings.last().map(|m| m.id.clone());
        }
        egui::Panel::left("meeting-list")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| {
                ui.heading("Review meetings");
                match current_period(plan) {
                    Some(period) => {
                        if ui.button("+ New meeting").clicked() {
                            let today = chrono::Local::now().date_naive();
                            let mut m = Meeting::new("", "Quarterly review", today, &period);
                            m.attendees = Vec::new();
                            actions.push(Action::Edit(Command::PutMeeting(Box::new(m))));
                            self.select_newest = Some(plan.meetings.len());
                        }
                    }
                    None => {
                        ui.label("Add reporting periods on the Plan page to plan a meeting.");
                    }
                }
                ui.separator();
                if plan.meetings.is_empty() {
                    ui.label(RichText::new("No meetings yet.").weak());
                }
                for m in plan.meetings.iter().rev() {
                    let label = format!("{} · {}\n{} · {}", m.date, m.title, m.period, m.state());
                    let on = self.selected.as_deref() == Some(m.id.as_str());
                    if ui.selectable_label(on, label).clicked() {
                        self.selected = Some(m.id.clone());
                        self.confirm_delete = false;
                    }
                }
            });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            egui::ScrollArea::both()
                .id_salt("meeting-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if let Some(m) = self.selected.as_ref().and_then(|id| plan.meeting(id)) {
                        self.editor(ui, wb, m, selected_item, &mut actions);
                    }
                    self.all_open_actions(ui, wb, &mut actions);
                });
        });
        actions
    }
}
