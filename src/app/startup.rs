//! Starting the window: opening the workbench (read-only beside another
//! Cairn), the fonts, the icon, and eframe's run loop.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::{CairnApp, Prefs};
use crate::store::StoreError;
use crate::workbench::Workbench;

/// Opens a workbench for the window. A file another Cairn has open is
/// opened read-only, with a note saying why.
pub fn open_for_window(path: &Path) -> Result<(Workbench, Option<String>), StoreError> {
    Workbench::open_or_share(path)
        .map(|(wb, busy)| (wb, busy.map(|e| format!("{e} It is open here read-only."))))
}

/// Adds the shipped font as a fallback for symbols (status symbols, tree
/// arrows) that egui's default fonts lack.
pub(super) fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "dejavu-sans-condensed",
        egui::FontData::from_static(crate::theme::fonts::REGULAR),
        vec![
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
        ],
    ));
}

impl eframe::App for CairnApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}

/// Opens the window on `file`, or on the default workbench (created from
/// the Phoenix plan on first run).
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let path = match file {
        Some(f) => f,
        None => crate::store::paths::ensure_default_workbench()?,
    };
    let opened = open_for_window(&path);
    let icon =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/cairn-256.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1280.0, 720.0])
        .with_min_inner_size([640.0, 400.0])
        .with_title("Cairn")
        .with_app_id("cairn")
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Cairn",
        options,
        Box::new(move |cc| {
            let mut prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_else(Prefs::first_run);
            // One name for the window and the command line: the person's
            // preferences file, which a name from before it is moved into.
            let person = crate::store::person::file();
            if let Some(file) = &person {
                match crate::store::person::saved_name_in(file) {
                    Some(name) => prefs.user_name = name,
                    None if !prefs.user_name.trim().is_empty() => {
                        let _ = crate::store::person::save_name(file, &prefs.user_name);
                    }
                    None => {}
                }
            }
            let (wb, note) = match opened {
                Ok((wb, note)) => (Ok(wb), note),
                Err(e) => (Err(e), None),
            };
            let mut app = CairnApp::new(wb, prefs);
            app.follow_system_contrast();
            app.keep_name_in(person);
            if let Some(note) = note {
                app.say(note, false);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
