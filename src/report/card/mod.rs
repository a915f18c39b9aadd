//! The report card: its model (plain data), the builder that fills it from
//! a plan, and the PDF and HTML renderers.

pub mod attention;
pub mod build;
pub mod html;
mod html_attention;
pub mod model;
pub mod pdf;
mod pdf_attention;
