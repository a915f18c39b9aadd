//! The rules that derive figures from the plan: the roll-up of status,
//! percent and grade, and the generated meeting agendas.

pub mod agenda;
pub mod formula;
pub mod grade;
pub mod rollup;
