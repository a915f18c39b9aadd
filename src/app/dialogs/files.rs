//! The system's file chooser, and what happens when there is none: on a
//! Linux desktop without the XDG desktop portal (or with no session bus)
//! rfd cannot show a dialog and returns at once as if cancelled. Cairn
//! notices, says so, and asks for the path in the window instead.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use egui::{Id, RichText};

use crate::interchange::seeds::Seed;

/// What the user is told when no file chooser can be shown.
pub const UNAVAILABLE: &str = "No file chooser could be shown on this system (on Linux it needs the \
     desktop portal, xdg-desktop-portal, and a session bus). Type the file's path instead.";

/// A chooser that "returns" faster than this was never on screen.
const INSTANT: Duration = Duration::from_millis(150);

/// Set when a chooser could not be shown; the shell says so once.
static UNAVAILABLE_SEEN: AtomicBool = AtomicBool::new(false);

/// Whether a chooser could have been shown: on Linux rfd talks to the
/// desktop portal over the session bus, so without one there is none.
fn chooser_reachable() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|d| std::path::Path::new(&d).join("bus").exists())
}

/// Whether a chooser that gave nothing back after `took` was shown at all.
pub fn was_unavailable(reachable: bool, took: Duration, chosen: bool) -> bool {
    !chosen && (!reachable || took < INSTANT)
}

fn run<T>(show: impl FnOnce() -> Option<T>) -> Option<T> {
    let reachable = chooser_reachable();
    let start = Instant::now();
    let chosen = if reachable { show() } else { None };
    if was_unavailable(reachable, start.elapsed(), chosen.is_some()) {
        UNAVAILABLE_SEEN.store(true, Ordering::Relaxed);
    }
    chosen
}

/// Shows an "open" chooser; `None` when cancelled or none could be shown.
pub fn pick_file(dialog: rfd::FileDialog) -> Option<PathBuf> {
    run(|| dialog.pick_file())
}

/// Shows a "save as" chooser; `None` when cancelled or none could be shown.
pub fn save_file(dialog: rfd::FileDialog) -> Option<PathBuf> {
    run(|| dialog.save_file())
}

/// Shows a chooser for several files to open.
pub fn pick_files(dialog: rfd::FileDialog) -> Option<Vec<PathBuf>> {
    run(|| dialog.pick_files())
}

/// Shows a folder chooser.
pub fn pick_folder(dialog: rfd::FileDialog) -> Option<PathBuf> {
    run(|| dialog.pick_folder())
}

/// True once after a chooser could not be shown.
pub fn take_unavailable() -> bool {
    UNAVAILABLE_SEEN.swap(false, Ordering::Relaxed)
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Purpose {
    Open,
    /// A colleague's copy to merge.
    MergeCopy,
    New(Seed),
}

/// Asks for a path in the window when no chooser could be shown.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    pub purpose: Purpose,
    pub text: String,
}

/// What the prompt asked for.
pub enum Answer {
    Open(PathBuf),
    MergeCopy(PathBuf),
    Create(Seed, PathBuf),
    Cancel,
}

impl PathPrompt {
    pub fn new(purpose: Purpose) -> Self {
        Self {
            purpose,
            text: String::new(),
        }
    }

    /// Draws the prompt; `Some` once the user answered.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Answer> {
        let mut answer = None;
        egui::Modal::new(Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            let (heading, label, button) = match self.purpose {
                Purpose::Open => ("Open a workbench", "Workbench file to open", "Open"),
                Purpose::MergeCopy => ("Merge a copy", "The copy to merge", "Review"),
                Purpose::New(_) => ("New workbench", "Workbench file to create", "Create"),
            };
            crate::app::widgets::dialog_title(ui, heading);
            ui.label(RichText::new(UNAVAILABLE).weak());
            let l = ui.label(label);
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .hint_text("/home/me/Documents/plan.cairn")
                        .desired_width(480.0),
                )
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ready = !self.text.trim().is_empty();
                if (ui.add_enabled(ready, egui::Button::new(button)).clicked() || (enter && ready))
                    && let Some(path) = expand(self.text.trim())
                {
                    answer = Some(match self.purpose {
                        Purpose::Open => Answer::Open(path),
                        Purpose::MergeCopy => Answer::MergeCopy(path),
                        Purpose::New(seed) => Answer::Create(seed, path),
                    });
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(Answer::Cancel);
                }
            });
        });
        answer
    }
}

/// A typed path, with a leading `~` for the home folder.
fn expand(text: &str) -> Option<PathBuf> {
    match text.strip_prefix("~/") {
        Some(rest) => directories::UserDirs::new().map(|u| u.home_dir().join(rest)),
        None => Some(PathBuf::from(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chooser_that_returns_at_once_with_nothing_was_not_shown() {
        let quick = Duration::from_millis(5);
        let slow = Duration::from_secs(4);
        assert!(was_unavailable(false, slow, false), "no session bus");
        assert!(
            was_unavailable(true, quick, false),
            "returned before a person could act"
        );
        assert!(!was_unavailable(true, slow, false), "the user cancelled");
        assert!(!was_unavailable(true, quick, true), "a path came back");
    }
}
