//! The report card: its model (plain data), the builder that fills it from
//! a plan, and the PDF and HTML renderers.

pub mod build;
pub mod html;
pub mod model;
pub mod pdf;
