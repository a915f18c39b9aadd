//! Settings (File → Settings…) and the first-run welcome, which asks for
//! the name the history records against every edit.

use egui::{Id, RichText, Ui};

use crate::app::actions::{Action, UiCommand};
use crate::app::prefs::Prefs;

/// The settings window and the welcome.
#[derive(Default)]
pub struct SettingsDialog {
    pub open: bool,
    /// The name being typed, before it is saved.
    name: Option<String>,
}

impl SettingsDialog {
    /// Opens the settings window with the saved name.
    pub fn show(&mut self) {
        self.open = true;
        self.name = None;
    }

    /// Draws the welcome (first run) or the settings window.
    fn window(&mut self, ctx: &egui::Context, prefs: &Prefs) -> Vec<Action> {
        let mut actions = Vec::new();
        if !prefs.welcomed {
            self.welcome(ctx, prefs, &mut actions);
        } else if self.open {
            let mut open = true;
            // Esc closes it, once no text field holds the keyboard (there Esc
            // first puts the field's saved text back).
            let escape =
                ctx.input(|i| i.key_pressed(egui::Key::Escape)) && !ctx.egui_wants_keyboard_input();
            if escape {
                open = false;
            }
            egui::Window::new("Settings")
                .open(&mut open)
                .collapsible(false)
                .resizable(true)
                .default_width(460.0)
                .show(ctx, |ui| {
                    self.name_field(ui, prefs, &mut actions);
                    ui.add_space(8.0);
                    ui.horizontal_wrapped(|ui| {
                        ui.label("Theme:");
                        let theme = match (ctx.theme(), prefs.theme_follows_system) {
                            (egui::Theme::Dark, true) => "dark, as the system is",
                            (egui::Theme::Light, true) => "light, as the system is",
                            (egui::Theme::Dark, false) => "dark",
                            (egui::Theme::Light, false) => "light",
                        };
                        ui.label(RichText::new(theme).strong());
                        if ui
                            .button(UiCommand::ToggleTheme.label())
                            .on_hover_text(UiCommand::ToggleTheme.tooltip())
                            .clicked()
                        {
                            actions.push(Action::Ui(UiCommand::ToggleTheme));
                        }
                    });
                    let mut high = prefs.high_contrast;
                    if ui
                        .checkbox(&mut high, UiCommand::HighContrast.label())
                        .on_hover_text(UiCommand::HighContrast.tooltip())
                        .changed()
                    {
                        actions.push(Action::Ui(UiCommand::HighContrast));
                    }
                    if prefs.contrast_follows_system {
                        ui.label(
                            RichText::new(
                                "Follows the system's high-contrast setting, where it has one, until changed here.",
                            )
                            .weak(),
                        );
                    }
                    ui.horizontal_wrapped(|ui| {
                        let label = ui.label("Text size");
                        let mut percent = (prefs.zoom * 100.0).round();
                        let slider = ui
                            .add(
                                egui::Slider::new(&mut percent, 100.0..=200.0)
                                    .step_by(10.0)
                                    .suffix(" %"),
                            )
                            .labelled_by(label.id)
                            .on_hover_text("Everything grows with the text, and every page reflows");
                        if slider.changed() {
                            actions.push(Action::SetZoom(percent / 100.0));
                        }
                        for c in [UiCommand::ZoomOut, UiCommand::ZoomReset, UiCommand::ZoomIn] {
                            if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                                actions.push(Action::Ui(c));
                            }
                        }
                    });
                    ui.label(
                        RichText::new(
                            "These settings belong to this computer; the plan's own settings are on the Plan page.",
                        )
                        .weak(),
                    );
                });
            if !open {
                self.flush_name(prefs, &mut actions);
                self.open = false;
            }
        }
        actions
    }

    fn name_field(&mut self, ui: &mut Ui, prefs: &Prefs, actions: &mut Vec<Action>) {
        let l = ui.label(RichText::new("Your name in the history").strong());
        let name = self.name.get_or_insert_with(|| prefs.user_name.clone());
        let r = ui
            .add(
                egui::TextEdit::singleline(name)
                    .hint_text(crate::store::current_user())
                    .desired_width(280.0),
            )
            .labelled_by(l.id);
        ui.label(
            RichText::new(format!(
                "Every edit you make is recorded under this name. Left blank, your computer's user name ({}) is recorded.",
                crate::store::current_user()
            ))
            .weak(),
        );
        if r.lost_focus() {
            self.flush_name(prefs, actions);
        }
    }

    /// Saves the typed name if it changed.
    fn flush_name(&mut self, prefs: &Prefs, actions: &mut Vec<Action>) {
        if let Some(name) = self.name.take() {
            let name = name.trim().to_owned();
            if name != prefs.user_name {
                actions.push(Action::SetUserName(name));
            }
        }
    }

    fn welcome(&mut self, ctx: &egui::Context, prefs: &Prefs, actions: &mut Vec<Action>) {
        egui::Modal::new(Id::unique("welcome")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            crate::app::widgets::dialog_title(ui, "Welcome to Cairn");
            ui.label(
                "Cairn keeps your city's strategic technology plan in one file on this computer. \
                 Every change is kept in the file's history with who made it, so auditors can ask.",
            );
            ui.add_space(8.0);
            self.name_field(ui, prefs, actions);
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Save and start").clicked() {
                    self.flush_name(prefs, actions);
                    actions.push(Action::Welcomed);
                }
                if ui
                    .button("Skip")
                    .on_hover_text(
                        "Record your computer's user name; File → Settings… changes it later",
                    )
                    .clicked()
                {
                    self.name = None;
                    actions.push(Action::Welcomed);
                }
                if ui
                    .button(UiCommand::GettingStarted.label())
                    .on_hover_text(UiCommand::GettingStarted.tooltip())
                    .clicked()
                {
                    self.flush_name(prefs, actions);
                    actions.push(Action::Welcomed);
                    actions.push(Action::Ui(UiCommand::GettingStarted));
                }
            });
            ui.label(RichText::new("You can change the name later in File → Settings….").weak());
        });
        // Esc is the dialog's Skip, as it closes every other dialog.
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.name = None;
            actions.push(Action::Welcomed);
        }
    }
}

impl super::Dialog for SettingsDialog {
    fn show(
        &mut self,
        ctx: &egui::Context,
        cx: &super::DialogContext<'_>,
    ) -> Vec<crate::app::Action> {
        self.window(ctx, cx.prefs)
    }
}
