//! Plans in and out of Cairn as documents: the JSON format (`json`, whose
//! functions are re-exported here), the two city seeds built from it
//! (`seeds`), and synthetic plans for measuring scale (`generate`).

pub mod generate;
pub mod json;
pub mod seeds;

pub use json::{FORMAT_NAME, FORMAT_VERSION, InterchangeError, from_json, kpis_from_json, to_json};
