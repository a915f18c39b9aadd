//! Help → Getting started: what the tree, the pages, grades and sample
//! data are, and every keyboard shortcut (from the one command list).
//! Help → About Cairn: the version, the open file and its backups.

use crate::workbench::Workbench;
use std::path::Path;

use egui::{RichText, Ui};

use crate::app::actions::UiCommand;

/// The getting-started and About windows.
#[derive(Default)]
pub struct HelpDialog {
    pub open: bool,
    pub about: bool,
}

/// What About shows, as (label, value) rows: what someone helping needs
/// to know. `file` is the open workbench, if any.
pub fn about_rows(file: Option<&Path>) -> Vec<(&'static str, String)> {
    // Absolute, so the details mean something pasted into a message even
    // when Cairn was started on a relative path.
    let shown = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_owned())
            .display()
            .to_string()
    };
    let mut rows = vec![(
        "Version",
        format!(
            "{} ({} {})",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        ),
    )];
    match file {
        Some(file) => {
            rows.push(("Open file", shown(file)));
            rows.push(("Its backups", shown(&crate::store::backups::folder(file))));
        }
        None => rows.push(("Open file", "none".to_owned())),
    }
    if let Some(data) = crate::store::paths::data_dir() {
        rows.push(("Cairn's folder", shown(&data)));
    }
    rows
}

/// The short guide, as (heading, paragraph) pairs.
const GUIDE: [(&str, &str); 7] = [
    (
        "The tree (left)",
        "The plan as its goals, objectives and initiatives (each plan names its own levels). \
         Each row shows the status, percent complete and owner. Click a row to see it; drag a row \
         onto another to move it; right-click for more. An item shown under two parents is one \
         item (⇄ linked) and counts once in the totals. Type in Filter to find items by title, \
         code, status, owner or department.",
    ),
    (
        "The pages (tabs above)",
        "Item: the selected item's fields, progress for a reporting period, KPIs, milestones and \
         notes. Initiatives: every lowest-level item in one sortable table. Plan: the plan's \
         statements, level names, status labels, grading and reporting periods. History: who \
         changed what and when. Meetings: plan a review and present it. Compare: two periods side \
         by side.",
    ),
    (
        "Status, roll-up and grades",
        "You set the status and percent of the lowest-level items for a reporting period; a goal's \
         or objective's figures roll up from its children and KPIs by the rule shown under them. \
         A person can override a rolled-up figure only with a written reason, which the report card \
         prints. Grades use the plan's own scale (Plan page) and say what they rest on: \
         \"graded on 58 of 165 initiatives\". Too few updates and there is no letter.",
    ),
    (
        "Sample data",
        "Published plans carry no KPI figures. Figures shipped with Cairn to show how KPIs work are \
         marked SAMPLE DATA wherever they show: in the window, on cards and in exports. They are \
         not the city's.",
    ),
    (
        "Saving, undo and backups",
        "Every edit is saved to the file at once and can be undone (Ctrl+Z). Before the first edit \
         of each day a backup copy is kept beside the file (File → Restore from backup…). Locking \
         a reporting period (Plan page) keeps its figures so its report card reprints exactly.",
    ),
    (
        "Figures from owners and colleagues",
        "File → Request updates… sends each owner a spreadsheet for this period's figures; drop the \
         returned files on the window to review and merge them (the history names the owner). A \
         colleague with Cairn works on a copy (File → Save a copy as…); File → Merge a copy… shows \
         what they changed, marks what was changed here too, and brings in what you keep as one \
         edit.",
    ),
    (
        "Report cards",
        "File → Print report card… writes a tagged, accessible PDF (or a web page) for council: the \
         grade, what needs attention, each goal, and the rules behind every figure.",
    ),
];

/// The keyboard page: a quarterly cycle without a mouse, step by step.
pub const KEYBOARD: [&str; 9] = [
    "Ctrl+Shift+P finds any menu command by name: type part of it, ↑/↓ to choose, Enter to run. F10, or Alt pressed and let go on its own (Windows and Linux), puts the keyboard on the menu bar: Tab or the arrows move along it, Enter opens a menu, Esc closes it.",
    "Tab moves to the next control and Shift+Tab back, in the order they are on screen; the control that has the keyboard is outlined.",
    "In the tree (Ctrl+F filters it; Esc leaves the filter): ↑/↓ select the row above or below, Home and End the first and last, → opens an item's children or steps into them, ← closes them or steps up to the parent.",
    "Enter edits the selected item; on the Item page, Tab through its fields: the status, percent and note for the reporting period are saved when you leave each field (Esc puts the saved value back).",
    "F2 renames the selected item in the tree; Ctrl+Enter adds a child, Delete deletes (it asks first), Ctrl+Z undoes.",
    "File → Request updates… writes the owners' spreadsheets; in the same dialog, type a returned file's path under Returned requests and press Enter (or choose or drop the files), Tab to the rows to untick any, then to Accept selected.",
    "Ctrl+P prints the report card; Tab to Print and press Enter or Space.",
    "Every dialog closes with Esc and names itself to a screen reader; messages at the bottom are read out as they appear.",
    "View → High-contrast theme, and File → Settings… → Text size (100–200 %), make the window easier to see; Ctrl++ and Ctrl+- change the size too.",
];

impl HelpDialog {
    fn window(&mut self, ctx: &egui::Context) {
        if !self.open {
            return;
        }
        let mut open = true;
        // Esc closes it, once no text field holds the keyboard (there Esc
        // first puts the field's saved text back).
        let escape =
            ctx.input(|i| i.key_pressed(egui::Key::Escape)) && !ctx.egui_wants_keyboard_input();
        if escape {
            open = false;
        }
        egui::Window::new("Getting started")
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(560.0)
            .default_height(480.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, guide);
            });
        self.open = open;
    }

    /// Help → About Cairn.
    pub fn about_ui(&mut self, ctx: &egui::Context, file: Option<&Path>) {
        if !self.about {
            return;
        }
        let rows = about_rows(file);
        let mut open = true;
        // Esc closes it, once no text field holds the keyboard (there Esc
        // first puts the field's saved text back).
        let escape =
            ctx.input(|i| i.key_pressed(egui::Key::Escape)) && !ctx.egui_wants_keyboard_input();
        if escape {
            open = false;
        }
        egui::Window::new("About Cairn")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.label(RichText::new(format!("Cairn {}", env!("CARGO_PKG_VERSION"))).strong().size(18.0));
                ui.label("A workbench for a city's strategic technology plan. Everything stays in the file on this computer.");
                ui.add_space(6.0);
                egui::Grid::new("about").num_columns(2).show(ui, |ui| {
                    for (label, value) in &rows {
                        ui.label(RichText::new(*label).strong());
                        ui.add(egui::Label::new(value.as_str()).selectable(true));
                        ui.end_row();
                    }
                });
                ui.add_space(6.0);
                if ui
                    .button("Copy these details")
                    .on_hover_text("To paste into a message when asking for help")
                    .clicked()
                {
                    let text: Vec<String> = rows.iter().map(|(l, v)| format!("{l}: {v}")).collect();
                    ui.ctx().copy_text(text.join("\n"));
                }
            });
        self.about = open;
    }
}

fn guide(ui: &mut Ui) {
    for (heading, text) in GUIDE {
        ui.label(RichText::new(heading).strong().size(15.0));
        ui.label(text);
        ui.add_space(8.0);
    }
    ui.label(
        RichText::new("Working from the keyboard")
            .strong()
            .size(15.0),
    );
    for line in KEYBOARD {
        ui.label(format!("• {line}"));
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Keyboard shortcuts").strong().size(15.0));
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let mut commands: Vec<UiCommand> = UiCommand::with_shortcuts().to_vec();
            commands.sort_by_key(|c| UiCommand::ALL.iter().position(|a| a == c));
            for c in commands {
                if let Some(s) = c.shortcut() {
                    ui.label(RichText::new(ui.ctx().format_shortcut(&s)).monospace());
                    ui.label(c.label());
                    ui.end_row();
                }
            }
        });
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            "In a presentation: → or space for the next agenda item, ← for the previous, Esc to leave.",
        )
        .weak(),
    );
}

impl super::Dialog for HelpDialog {
    fn show(
        &mut self,
        ctx: &egui::Context,
        cx: &super::DialogContext<'_>,
    ) -> Vec<crate::app::Action> {
        self.window(ctx);
        self.about_ui(ctx, cx.wb.map(Workbench::path));
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_names_files_by_their_full_path() {
        let rows = about_rows(Some(Path::new("plan.cairn")));
        let value = |label: &str| {
            rows.iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.clone())
                .expect(label)
        };
        let file = value("Open file");
        assert!(Path::new(&file).is_absolute(), "{file}");
        assert!(file.ends_with("plan.cairn"), "{file}");
        assert!(value("Its backups").ends_with("plan.cairn.backups"));
    }
}
