//! Action items from review meetings, as a list with a Close button on
//! each open one. Shown on their item in the workbench until closed, on
//! the Meetings page, and in the presentation.

use egui::{RichText, Ui};

use crate::app::actions::Action;
use crate::command::Command;
use crate::model::{ActionItem, Meeting};
use crate::workbench::Workbench;

/// The code and title of an item, for a label ("2.1 Title").
pub fn item_label(wb: &Workbench, item: &str) -> String {
    let plan = wb.plan();
    match plan.position(item) {
        Some(pos) => format!(
            "{} {}",
            wb.tree().code_of(pos).unwrap_or(""),
            plan.items()[pos].title
        )
        .trim()
        .to_owned(),
        None => "(deleted item)".to_owned(),
    }
}

/// One action item: text, owner, due date (red when past), where it came
/// from, and Close or Reopen.
pub fn row(
    ui: &mut Ui,
    wb: &Workbench,
    meeting: &Meeting,
    a: &ActionItem,
    show_item: bool,
    actions: &mut Vec<Action>,
) {
    let today = chrono::Local::now().date_naive();
    ui.horizontal_wrapped(|ui| {
        let mut text = RichText::new(&a.text);
        if !a.is_open() {
            text = text.strikethrough().weak();
        }
        ui.label(text);
        if !a.owner.is_empty() {
            ui.label(RichText::new(format!("· {}", a.owner)).strong());
        }
        if let Some(d) = a.due {
            let late = a.is_open() && d < today;
            let t = RichText::new(format!("· due {d}"));
            ui.label(if late {
                t.color(crate::app::widgets::ERROR).strong()
            } else {
                t
            });
        }
        let from = if show_item {
            format!("· {} · from {}", item_label(wb, &a.item), meeting.title)
        } else {
            format!("· from {} ({})", meeting.title, meeting.date)
        };
        ui.label(RichText::new(from).weak());
        if let Some(d) = a.closed {
            ui.label(RichText::new(format!("· closed {d}")).weak());
            if ui.small_button("Reopen").clicked() {
                actions.push(Action::Edit(Command::SetActionClosed {
                    action: a.id.clone(),
                    on: None,
                }));
            }
        } else if ui
            .small_button("Close")
            .on_hover_text("Mark this action item done (today)")
            .clicked()
        {
            actions.push(Action::Edit(Command::SetActionClosed {
                action: a.id.clone(),
                on: Some(today),
            }));
        }
    });
}

/// The open action items on `item`, or nothing when there are none.
pub fn open_on_item(ui: &mut Ui, wb: &Workbench, item: &str, actions: &mut Vec<Action>) {
    let open: Vec<(&Meeting, &ActionItem)> = wb.plan().open_actions_on(item).collect();
    if open.is_empty() {
        return;
    }
    crate::app::widgets::section(ui, &format!("Open action items ({})", open.len()));
    for (m, a) in open {
        row(ui, wb, m, a, false, actions);
    }
}
