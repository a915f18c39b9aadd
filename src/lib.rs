//! Cairn: an offline workbench for a city CIO office's strategic technology
//! plan.
//!
//! The layers, each using only those above it (a page with a picture:
//! docs/ARCHITECTURE.md):
//! - `model`: the plan, its items, KPIs, periods and meetings; how figures
//!   read as text (no egui, no SQL);
//! - `rules` (roll-up, generated agendas), `store` (the SQLite file, its
//!   backups, and every other file Cairn writes), `interchange` (the JSON
//!   format, the city seeds, the synthetic plan generator), `theme` (the one
//!   palette and the fonts);
//! - `command`: every edit as a command, applied to a plan;
//! - `workbench`: an open file with undo and redo;
//! - `report` (report cards and minutes), `table` (spreadsheets in and
//!   out) and `requests` (update requests to owners and their return);
//! - `cli` (the command line) and `app` (the window), the two clients.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod command;
pub mod interchange;
pub mod model;
pub mod report;
pub mod requests;
pub mod rules;
pub mod store;
pub mod table;
pub mod theme;
pub mod workbench;
