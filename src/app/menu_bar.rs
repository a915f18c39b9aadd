//! The menu bar: every menu from the one command list, with shortcuts,
//! tooltips and what is enabled, the recent files, and the banners under it.

use super::{Action, CairnApp, UiCommand};

impl CairnApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for (n, (title, commands)) in UiCommand::menus().into_iter().enumerate() {
                    let menu = ui.menu_button(title, |ui| {
                        for entry in commands {
                            match entry {
                                None => {
                                    ui.separator();
                                }
                                Some(c) => {
                                    let mut button = egui::Button::new(c.label());
                                    if let Some(s) = c.shortcut() {
                                        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                                    }
                                    if ui
                                        .add_enabled(self.enabled(*c), button)
                                        .on_hover_text(c.tooltip())
                                        .clicked()
                                    {
                                        actions.push(Action::Ui(*c));
                                        ui.close();
                                    }
                                }
                            }
                        }
                        if title == "File" && !self.prefs.recent.is_empty() {
                            ui.separator();
                            ui.menu_button("Recent files", |ui| {
                                for p in self.prefs.recent.clone() {
                                    if ui.button(p.display().to_string()).clicked() {
                                        actions.push(Action::OpenFile(p));
                                        ui.close();
                                    }
                                }
                            });
                        }
                    });
                    // F10: the keyboard goes to the first menu; Tab and the
                    // arrows move along the bar, Enter opens a menu.
                    if n == 0 && std::mem::take(&mut self.focus_menu) {
                        menu.response.request_focus();
                    }
                }
            });
            self.banners(ui);
        });
    }
}
