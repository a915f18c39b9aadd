//! Cairn: an offline workbench for a city CIO office's strategic technology
//! plan. The model, the store and the roll-up rules have no egui
//! dependency; the window (`app`) is one client of them and the command
//! line (`cli`) another.

pub mod agenda;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
mod cli_backups;
mod cli_meetings;
pub mod command;
pub mod crash;
pub mod fonts;
pub mod generate;
pub mod interchange;
pub mod meeting_edits;
pub mod model;
pub mod output;
pub mod palette;
pub mod paths;
pub mod report;
pub mod rollup;
pub mod seeds;
pub mod store;
pub mod table;
pub mod workbench;
