//! What a plan-table import does besides items: checks the outline codes
//! written before titles ("1.1 Replace legacy ERP") against where each item
//! lands, names a blank plan from the sheet, and remembers the value
//! mappings used (In Progress → on track) for the next import.

use crate::model::Invalid;
use std::collections::HashMap;

use crate::model::{Plan, PlanInfo, Tree, ValueAlias, value_alias};
use crate::store::HistoryEntry;

/// An outline code taken off a title cell.
#[derive(Clone, Debug, PartialEq)]
pub struct RowCode {
    /// The numeric part as written, without a trailing dot (`1.1`).
    pub code: String,
    /// The code as written in the cell (`1.1a.`), for messages.
    pub written: String,
    /// The column, as `C (Project)`, for messages.
    pub column: String,
}

/// The plan's name and timeframe proposed from a sheet's title rows and
/// dates, as confirmed (and perhaps edited) by the user.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanNaming {
    pub organisation: String,
    pub title: String,
    pub start_year: i32,
    pub end_year: i32,
}

impl PlanNaming {
    /// What is wrong with it, if anything.
    pub fn check(&self) -> Result<(), Invalid> {
        if self.organisation.trim().is_empty() || self.title.trim().is_empty() {
            return Err(Invalid("the plan needs an organisation and a title".into()));
        }
        if !(1900..=2200).contains(&self.start_year) || !(1900..=2200).contains(&self.end_year) {
            return Err(Invalid(format!(
                "the timeframe {}–{} is not a range of years",
                self.start_year, self.end_year
            )));
        }
        if self.end_year < self.start_year {
            return Err(Invalid(format!(
                "the timeframe ends ({}) before it starts ({})",
                self.end_year, self.start_year
            )));
        }
        Ok(())
    }

    /// "City of Example — Action Tracker, 2024–2028".
    pub fn sentence(&self) -> String {
        format!(
            "{} — {}, {}–{}",
            self.organisation, self.title, self.start_year, self.end_year
        )
    }

    /// Sets the plan's name and timeframe; returns the history entries.
    pub fn apply(&self, info: &mut PlanInfo) -> Vec<HistoryEntry> {
        let mut history = Vec::new();
        let mut set = |field: &str, old: String, new: String| {
            if old != new {
                history.push(HistoryEntry {
                    field: Some(field.into()),
                    old: Some(old),
                    new: Some(new),
                    ..HistoryEntry::new("set", None)
                });
                true
            } else {
                false
            }
        };
        if set(
            "organisation",
            info.organisation.clone(),
            self.organisation.trim().to_owned(),
        ) {
            self.organisation.trim().clone_into(&mut info.organisation);
        }
        if set("title", info.title.clone(), self.title.trim().to_owned()) {
            self.title.trim().clone_into(&mut info.title);
        }
        if set("timeframe", info.timeframe(), {
            format!("{}–{}", self.start_year, self.end_year)
        }) {
            info.start_year = self.start_year;
            info.end_year = self.end_year;
        }
        history
    }
}

/// Remembers the value mappings an import used; returns the history
/// entry when the plan's list changed.
pub fn remember_values(info: &mut PlanInfo, values: &[ValueAlias]) -> Option<HistoryEntry> {
    let old = info.value_aliases.len();
    let mut changed = false;
    for v in values {
        changed |= value_alias::remember(&mut info.value_aliases, v.clone());
    }
    changed.then(|| HistoryEntry {
        field: Some("value mappings".into()),
        old: Some(format!("{old} remembered")),
        new: Some(
            values
                .iter()
                .map(|v| format!("{}: {} → {}", v.field, v.from, v.to))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ..HistoryEntry::new("set", None)
    })
}

/// Where a row's titled cell landed: the item and its parent (positions
/// are resolved after the import, from ids).
pub struct Landed<'a> {
    pub row: usize,
    pub code: &'a RowCode,
    pub item: String,
    pub parent: Option<String>,
}

/// Whether a written code fits a placement's code: the same, or the code
/// of one of its ancestors (a project written under its objective's code).
fn fits(written: &str, placed: &str) -> bool {
    placed == written
        || placed
            .strip_prefix(written)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Checks every written code against the tree after the import: each must
/// be the code of the placement the row landed at or of one of its
/// ancestors. Returns one line per mismatch.
pub fn check_codes(plan: &Plan, landed: &[Landed<'_>]) -> Vec<String> {
    if landed.is_empty() {
        return Vec::new();
    }
    let tree = Tree::build(plan);
    let positions: HashMap<&str, usize> = plan
        .items()
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let mut wrong = Vec::new();
    for l in landed {
        let Some(&item) = positions.get(l.item.as_str()) else {
            continue;
        };
        let parent = l.parent.as_deref().and_then(|p| positions.get(p).copied());
        let Some(placement) = tree
            .placements
            .iter()
            .find(|p| p.item == item && p.parent == parent)
        else {
            continue;
        };
        if !fits(&l.code.code, &placement.code) {
            wrong.push(format!(
                "row {}, column {}: the code {:?} does not match where {:?} is in the plan ({}); correct the code or the row's place",
                l.row,
                l.code.column,
                l.code.written,
                plan.items()[item].title,
                placement.code
            ));
        }
    }
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_fits_its_placement_or_an_ancestor() {
        assert!(fits("1.1", "1.1"));
        assert!(fits("1.1", "1.1.3"));
        assert!(!fits("1.1", "1.10"));
        assert!(!fits("1.2", "1.1.3"));
        assert!(!fits("1.1.3", "1.1"));
    }

    #[test]
    fn a_naming_is_checked() {
        let mut n = PlanNaming {
            organisation: "City of Example".into(),
            title: "Action Tracker".into(),
            start_year: 2024,
            end_year: 2028,
        };
        assert!(n.check().is_ok());
        n.end_year = 2020;
        assert!(n.check().is_err());
        n.end_year = 2028;
        n.title = " ".into();
        assert!(n.check().is_err());
    }
}
