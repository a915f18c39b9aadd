//! The reminder of typed text that could not be saved and is kept for an
//! item, KPI or meeting not on screen: "Not saved: 1.1.1 Percent complete
//! "7O" — Go to it · Discard".

use egui::{RichText, Ui};

use crate::app::{CairnApp, Selection, Tab};

#[derive(Clone, Copy)]
enum Form {
    Item,
    Kpi,
    Meeting,
}

struct Reminder {
    form: Form,
    owner: String,
    key: String,
    what: String,
    error: String,
}

impl CairnApp {
    /// How many kept texts there are.
    pub(super) fn unsaved_count(&mut self) -> usize {
        self.details.fields.parked().count()
            + self.kpis.fields().parked().count()
            + self.meetings.fields().parked().count()
    }

    /// One line per kept text, with a way to it and a way to drop it.
    pub(super) fn unsaved_banner(&mut self, ui: &mut Ui) {
        let Some(wb) = self.wb.as_ref() else { return };
        let plan = wb.plan();
        let mut reminders = Vec::new();
        let mut note = |form, u: crate::app::widgets::field::Unsaved<'_>, place: String| {
            reminders.push(Reminder {
                form,
                owner: u.owner.to_owned(),
                key: u.key.to_owned(),
                what: format!("{place} {} \"{}\"", u.state.label, u.state.text),
                error: u.state.error.clone().unwrap_or_default(),
            });
        };
        for u in self.details.fields.parked() {
            let code = plan
                .position(u.owner)
                .and_then(|p| wb.tree().code_of(p))
                .unwrap_or("?")
                .to_owned();
            note(Form::Item, u, code);
        }
        for u in self.kpis.fields().parked() {
            let name = plan
                .kpis
                .iter()
                .find(|k| k.id == u.owner)
                .map_or("?", |k| k.name.as_str());
            note(Form::Kpi, u, format!("KPI “{name}”"));
        }
        for u in self.meetings.fields().parked() {
            let title = plan.meeting(u.owner).map_or("?", |m| m.title.as_str());
            note(Form::Meeting, u, format!("meeting “{title}”"));
        }
        let mut chosen = None;
        let red = crate::app::widgets::ERROR;
        for (i, r) in reminders.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("⚠ Not saved: {} —", r.what)).color(red))
                    .on_hover_text(&r.error);
                if ui.link("Go to it").clicked() {
                    chosen = Some((i, true));
                }
                ui.label("·");
                if ui.link("Discard").clicked() {
                    chosen = Some((i, false));
                }
            });
        }
        let Some((i, go)) = chosen else { return };
        let r = &reminders[i];
        let fields = match r.form {
            Form::Item => &mut self.details.fields,
            Form::Kpi => self.kpis.fields(),
            Form::Meeting => self.meetings.fields(),
        };
        if !go {
            fields.discard(&r.owner, &r.key);
            return;
        }
        fields.focus = Some(r.key.clone());
        let item = match r.form {
            Form::Item => Some(r.owner.clone()),
            Form::Kpi => {
                self.kpis.select(&r.owner);
                plan.kpis
                    .iter()
                    .find(|k| k.id == r.owner)
                    .map(|k| k.item.clone())
            }
            Form::Meeting => {
                self.meetings.selected = Some(r.owner.clone());
                self.prefs.tab = Tab::Meetings;
                return;
            }
        };
        if let Some(item) = item {
            let code = plan
                .position(&item)
                .and_then(|p| wb.tree().code_of(p))
                .map(str::to_owned);
            self.selection = Selection {
                item: Some(item),
                code,
            };
            self.prefs.tab = Tab::Item;
            self.tree.scroll_to_selected = true;
        }
    }
}
