//! The window's dialogs: printing a card, restoring a backup, importing a
//! table, choosing where to save, and the shell's own confirmations.

pub mod files;
pub mod help;
pub mod merge_copy;
pub mod modals;
pub mod palette;
pub mod print;
pub mod requests;
pub mod requests_register;
pub mod restore;
pub mod save;
pub mod settings;
pub mod table_import;

use crate::app::{Action, Prefs};
use crate::workbench::Workbench;

/// What every dialog is given each frame.
pub struct DialogContext<'a> {
    pub wb: Option<&'a Workbench>,
    pub prefs: &'a Prefs,
    /// The selected placement's code, for a card of the selected branch.
    pub selected_code: Option<&'a str>,
}

/// The one shape of a dialog: a window shown while it is open, drawn from
/// the context, returning what the user asked for; the shell applies that
/// after the frame, as it does a view's. (The typed-path prompt in
/// `files.rs` is a question whose answer the shell acts on, and the
/// confirmations in `modals.rs` are the shell's own.)
pub trait Dialog {
    fn show(&mut self, ctx: &egui::Context, cx: &DialogContext<'_>) -> Vec<Action>;
}
