//! What the meeting records against the agenda item: notes, decisions
//! and action items.

use super::*;

impl Presentation {
    pub(super) fn notes(&mut self, ui: &mut Ui, item: &Item, actions: &mut Vec<Action>) {
        heading(ui, "Latest notes");
        if item.notes.is_empty() {
            ui.label(RichText::new("No progress notes yet.").color(DIM));
        }
        for n in item.notes.iter().rev().take(3) {
            ui.label(
                RichText::new(format!("{} {}: {}", n.date, n.author, n.text))
                    .size(18.0)
                    .color(TEXT),
            );
        }
        ui.horizontal(|ui| {
            let l = ui.label("Add a note");
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.note).desired_width(420.0))
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if (ui.button("Add note").clicked() || enter) && !self.note.trim().is_empty() {
                actions.push(Action::Edit(Command::AddNote {
                    item: item.id.clone(),
                    note: ProgressNote {
                        date: chrono::Local::now().date_naive(),
                        author: String::new(),
                        text: self.note.trim().to_owned(),
                    },
                }));
                self.note.clear();
            }
        });
    }

    pub(super) fn decisions(
        &mut self,
        ui: &mut Ui,
        m: &Meeting,
        item: &Item,
        actions: &mut Vec<Action>,
    ) {
        heading(ui, "Decisions");
        let mut any = false;
        for d in m.decisions_on(&item.id) {
            any = true;
            ui.label(RichText::new(format!("• {}", d.text)).color(TEXT));
        }
        if !any {
            ui.label(RichText::new("None yet.").color(DIM));
        }
        let l = ui.label("Decision");
        ui.add(
            egui::TextEdit::multiline(&mut self.decision)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        if ui.button("Record decision").clicked() {
            if self.decision.trim().is_empty() {
                self.error = Some("write what was decided first".into());
            } else {
                actions.push(Action::Edit(Command::AddDecision {
                    meeting: m.id.clone(),
                    item: item.id.clone(),
                    text: self.decision.trim().to_owned(),
                }));
                self.decision.clear();
            }
        }
    }

    pub(super) fn action_items(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        m: &Meeting,
        item: &Item,
        actions: &mut Vec<Action>,
    ) {
        heading(ui, "Action items");
        let mut any = false;
        for (from, a) in wb.plan().actions().filter(|(_, a)| a.item == item.id) {
            // This meeting's, and any still open from earlier meetings.
            if from.id == m.id || a.is_open() {
                any = true;
                crate::app::views::action_items::row(ui, wb, from, a, false, actions);
            }
        }
        if !any {
            ui.label(RichText::new("None yet.").color(DIM));
        }
        let l = ui.label("Action");
        ui.add(egui::TextEdit::singleline(&mut self.action_text).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Owner");
            ui.add(egui::TextEdit::singleline(&mut self.action_owner).desired_width(200.0))
                .labelled_by(l.id);
            let l = ui.label("Due");
            crate::app::widgets::field::date_input(
                ui,
                "presentation-action-due",
                &l,
                &mut self.action_due,
                wb.plan().info.date_order(),
            );
        });
        if ui.button("Record action item").clicked() {
            let order = wb.plan().info.date_order();
            match (
                self.action_text.trim(),
                crate::model::dates::parse_date_text(&self.action_due, order),
            ) {
                ("", _) => self.error = Some("write what is to be done first".into()),
                (_, Err(e)) => self.error = Some(format!("due date: {e}")),
                (text, Ok(due)) => {
                    actions.push(Action::Edit(Command::AddAction {
                        meeting: m.id.clone(),
                        item: item.id.clone(),
                        text: text.to_owned(),
                        owner: self.action_owner.trim().to_owned(),
                        due,
                    }));
                    self.action_text.clear();
                    self.action_owner.clear();
                    self.action_due.clear();
                    self.error = None;
                }
            }
        }
    }
}
