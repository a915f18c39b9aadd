//! Help → Find a command… (Ctrl+Shift+P): every menu command by name, with
//! its menu and shortcut. Type to narrow the list, ↑/↓ to choose, Enter to
//! run, Esc to close: the whole menu bar from the keyboard.

use egui::{Id, Key, Modifiers, RichText};

use crate::app::Action;
use crate::app::actions::UiCommand;

/// The palette's state while open.
#[derive(Default)]
pub struct CommandPalette {
    pub open: bool,
    query: String,
    /// The highlighted row of the matches.
    chosen: usize,
    /// The commands that can run now (the others are listed, dimmed).
    enabled: Vec<UiCommand>,
    /// The text field has been given the keyboard.
    focused: bool,
}

/// The menu commands whose name, menu or description holds every word of
/// `query` (case does not matter), in menu order, each with its menu.
pub fn matching(query: &str) -> Vec<(UiCommand, &'static str)> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut out = Vec::new();
    for (menu, commands) in UiCommand::menus() {
        for c in commands.iter().flatten() {
            let text = format!("{} {menu} {}", c.label(), c.tooltip()).to_lowercase();
            if words.iter().all(|w| text.contains(w.as_str())) && !out.iter().any(|(o, _)| o == c) {
                out.push((*c, menu));
            }
        }
    }
    out
}

impl CommandPalette {
    /// Opens the palette empty; `enabled` are the commands that can run.
    pub fn open_with(&mut self, enabled: Vec<UiCommand>) {
        *self = Self {
            open: true,
            enabled,
            ..Self::default()
        };
    }

    fn window(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        if !self.open {
            return actions;
        }
        let found = matching(&self.query);
        // The keys that move and run are taken before the text field sees
        // them.
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if down && self.chosen + 1 < found.len() {
            self.chosen += 1;
        }
        if up {
            self.chosen = self.chosen.saturating_sub(1);
        }
        self.chosen = self.chosen.min(found.len().saturating_sub(1));
        let mut run = enter
            .then(|| found.get(self.chosen).map(|(c, _)| *c))
            .flatten();
        let mut close = escape;
        egui::Modal::new(Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(520.0);
            crate::app::widgets::dialog_title(ui, "Find a command");
            let label = ui.label("Command");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("type part of its name, e.g. print")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            if field.changed() {
                self.chosen = 0;
            }
            ui.label(
                RichText::new("↑ ↓ to choose, Enter to run, Esc to close")
                    .small()
                    .weak(),
            );
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    if found.is_empty() {
                        ui.label("No command has that name.");
                    }
                    for (row, (c, menu)) in found.iter().enumerate() {
                        let enabled = self.enabled.contains(c);
                        let shortcut = c
                            .shortcut()
                            .map(|s| ui.ctx().format_shortcut(&s))
                            .unwrap_or_default();
                        let text = format!("{}   ({menu})", c.label());
                        let button = egui::Button::selectable(row == self.chosen, text)
                            .shortcut_text(shortcut);
                        let response = ui.add_enabled(enabled, button).on_hover_text(c.tooltip());
                        if row == self.chosen && (up || down) {
                            response.scroll_to_me(None);
                        }
                        if response.clicked() {
                            run = Some(*c);
                        }
                    }
                });
            ui.separator();
            if ui.button("Close").clicked() {
                close = true;
            }
        });
        if let Some(c) = run.filter(|c| self.enabled.contains(c)) {
            actions.push(Action::Ui(c));
            close = true;
        }
        if close {
            self.open = false;
        }
        actions
    }
}

impl super::Dialog for CommandPalette {
    fn show(&mut self, ctx: &egui::Context, _cx: &super::DialogContext<'_>) -> Vec<Action> {
        self.window(ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_typed_narrows_the_list() {
        let print = matching("print");
        assert!(
            print
                .iter()
                .any(|(c, m)| *c == UiCommand::Print && *m == "File")
        );
        assert!(
            !print.iter().any(|(c, _)| *c == UiCommand::Undo),
            "Undo says nothing of printing"
        );
        let both = matching("REQUEST upd");
        assert_eq!(
            both.first().map(|(c, _)| *c),
            Some(UiCommand::RequestUpdates)
        );
        assert!(matching("no such command zzz").is_empty());
        // Empty: every menu command once, in menu order.
        let all = matching("");
        assert_eq!(
            all.first().map(|(c, _)| *c),
            Some(UiCommand::New(crate::interchange::seeds::Seed::Blank))
        );
        let mut seen = std::collections::HashSet::new();
        assert!(all.iter().all(|(c, _)| seen.insert(format!("{c:?}"))));
    }
}
