//! The window's dialogs: printing a card, restoring a backup, importing a
//! table, choosing where to save, and the shell's own confirmations.

pub mod modals;
pub mod print;
pub mod restore;
pub mod save;
pub mod table_import;
