//! The window's dialogs: printing a card, restoring a backup, importing a
//! table, choosing where to save, and the shell's own confirmations.

pub mod files;
pub mod help;
pub mod merge_copy;
pub mod modals;
pub mod print;
pub mod requests;
pub mod restore;
pub mod save;
pub mod settings;
pub mod table_import;
