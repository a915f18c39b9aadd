//! The import commands' payloads and how they change a plan. Reading a
//! file, mapping its columns and checking its cells is the table layer's
//! work ([`crate::table`]); what is read arrives here as plain data.

pub mod measurements;
pub mod plan_extras;
pub mod plan_table;
