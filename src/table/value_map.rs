//! Reading a column's values as the plan's own: a tracker's "In Progress"
//! as the plan's On track. `--map-value "Status:In Progress=on_track"` (or
//! the window's value-mapping step) says how; the few obvious spellings
//! are proposed ([`propose`]), and the plan remembers the mappings used
//! ([`crate::model::PlanInfo::value_aliases`]) and offers them next time.
//! A value nobody mapped is refused by row and column.

use std::collections::HashMap;

use crate::model::fields::ItemField;
use crate::model::{Plan, StatusKind, ValueAlias, value_alias};

use super::read::Grid;
use super::{MapError, normalize, plan_import};

/// One column's value read as one of the plan's values.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueMap {
    pub column: usize,
    /// The value as written in the sheet.
    pub from: String,
    /// The plan's value: a status key (`on_track`) or `short`/`long`.
    pub to: String,
}

/// The fields whose values can be mapped.
pub fn mappable(field: ItemField) -> bool {
    matches!(field, ItemField::Status | ItemField::Term)
}

/// The obvious readings of a tracker's status words, in one place. Only
/// words that cannot mean anything else are here: "Delayed" or "Pending"
/// may be at risk, off track or not started, so they are asked for.
const OBVIOUS_STATUS: [(&str, StatusKind); 16] = [
    ("complete", StatusKind::Completed),
    ("completed", StatusKind::Completed),
    ("done", StatusKind::Completed),
    ("finished", StatusKind::Completed),
    ("in progress", StatusKind::OnTrack),
    ("in-progress", StatusKind::OnTrack),
    ("underway", StatusKind::OnTrack),
    ("on track", StatusKind::OnTrack),
    ("on-track", StatusKind::OnTrack),
    ("not started", StatusKind::NotStarted),
    ("not yet started", StatusKind::NotStarted),
    ("not-started", StatusKind::NotStarted),
    ("on hold", StatusKind::OnHold),
    ("paused", StatusKind::OnHold),
    ("canceled", StatusKind::Cancelled),
    ("cancelled", StatusKind::Cancelled),
];

/// The obvious plan value for a sheet's value, if there is one.
pub fn propose(field: ItemField, value: &str) -> Option<String> {
    let v = normalize(value);
    match field {
        ItemField::Status => OBVIOUS_STATUS
            .iter()
            .find(|(w, _)| *w == v)
            .map(|(_, k)| k.key().to_owned()),
        ItemField::Term => match v.as_str() {
            "short" | "short-term" | "short term" => Some("short".into()),
            "long" | "long-term" | "long term" => Some("long".into()),
            _ => None,
        },
        _ => None,
    }
}

/// The plan's values of a field as (key, label), for menus and messages.
pub fn targets(field: ItemField, plan: &Plan) -> Vec<(String, String)> {
    match field {
        ItemField::Status => StatusKind::ALL
            .iter()
            .map(|k| (k.key().to_owned(), plan.info.status_label(*k).to_owned()))
            .collect(),
        ItemField::Term => vec![
            ("short".into(), "Short-term".into()),
            ("long".into(), "Long-term".into()),
        ],
        _ => Vec::new(),
    }
}

/// The plan's value a cell's text names by itself (a status label or key,
/// a term), without any mapping.
pub fn plan_value(field: ItemField, text: &str, plan: &Plan) -> Option<String> {
    let t = normalize(text);
    match field {
        ItemField::Status => plan
            .info
            .statuses
            .iter()
            .find(|s| normalize(&s.label) == t)
            .map(|s| s.kind)
            .or_else(|| {
                StatusKind::ALL
                    .into_iter()
                    .find(|k| normalize(k.default_label()) == t)
            })
            .or_else(|| StatusKind::parse(text))
            .map(|k| k.key().to_owned()),
        ItemField::Term => match t.as_str() {
            "short" | "short-term" | "short term" => Some("short".into()),
            "long" | "long-term" | "long term" => Some("long".into()),
            _ => None,
        },
        _ => None,
    }
}

/// Reads one `--map-value "COLUMN:FROM=TO"` entry for `grid`. TO is the
/// plan's label or key.
pub fn parse_entry(
    grid: &Grid,
    mapping: &plan_import::Mapping,
    entry: &str,
    plan: &Plan,
) -> Result<ValueMap, MapError> {
    let Some((left, to)) = entry.rsplit_once('=') else {
        return Err(MapError::ValueForm {
            entry: entry.to_owned(),
        });
    };
    // The column is the header before one of the ':' (a header may hold
    // a colon itself).
    let found = left.match_indices(':').find_map(|(at, _)| {
        let (name, from) = (&left[..at], &left[at + 1..]);
        grid.headers
            .iter()
            .position(|h| !h.is_empty() && normalize(h) == normalize(name))
            .map(|c| (c, from.trim()))
    });
    let Some((column, from)) = found else {
        return Err(MapError::ValueColumn {
            entry: entry.to_owned(),
            columns: grid.headers.join(", "),
        });
    };
    let field = match mapping.roles.get(column) {
        Some(plan_import::Role::Field(f)) if mappable(*f) => *f,
        _ => {
            return Err(MapError::NotMappable {
                entry: entry.to_owned(),
                column: grid.column_name(column),
            });
        }
    };
    if from.is_empty() {
        return Err(MapError::NoValue {
            entry: entry.to_owned(),
        });
    }
    let Some(to) = plan_value(field, to, plan) else {
        let names: Vec<String> = targets(field, plan).into_iter().map(|(_, l)| l).collect();
        return Err(MapError::NotAPlanValue {
            entry: entry.to_owned(),
            to: to.trim().to_owned(),
            kind: field.key(),
            choices: names.join(", "),
        });
    };
    Ok(ValueMap {
        column,
        from: from.to_owned(),
        to,
    })
}

/// A value of a mappable column the plan does not know by itself and no
/// mapping reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmapped {
    pub column: usize,
    pub field: ItemField,
    /// The value as first written.
    pub value: String,
    /// The rows it is written in.
    pub rows: Vec<usize>,
    /// The plan's value proposed for it: the one the plan remembers, else
    /// an obvious one.
    pub proposal: Option<String>,
    /// The proposal is one the plan remembers from an earlier import.
    pub remembered: bool,
}

/// Every distinct value of the mapped status and term columns that needs
/// a mapping, in order of first appearance.
pub fn unmapped(grid: &Grid, mapping: &plan_import::Mapping, plan: &Plan) -> Vec<Unmapped> {
    let mut out: Vec<Unmapped> = Vec::new();
    let mut at: HashMap<(usize, String), usize> = HashMap::new();
    for (column, role) in mapping.roles.iter().enumerate() {
        let plan_import::Role::Field(field) = *role else {
            continue;
        };
        if !mappable(field) {
            continue;
        }
        for row in &grid.rows {
            let Some(cell) = row.cells.get(column) else {
                continue;
            };
            let text = cell.display();
            if text.trim().is_empty() || matches!(cell, super::Cell::Error(_)) {
                continue;
            }
            if plan_value(field, &text, plan).is_some()
                || mapping.value_for(column, &text).is_some()
            {
                continue;
            }
            let key = (column, normalize(&text));
            if let Some(&i) = at.get(&key) {
                out[i].rows.push(row.number);
                continue;
            }
            let remembered = value_alias::find(&plan.info.value_aliases, field.key(), &text)
                .and_then(|to| plan_value(field, to, plan));
            at.insert(key, out.len());
            out.push(Unmapped {
                column,
                field,
                value: text.trim().to_owned(),
                rows: vec![row.number],
                remembered: remembered.is_some(),
                proposal: remembered.or_else(|| propose(field, &text)),
            });
        }
    }
    out
}

/// The mappings to remember for a table: every mapping of a status or
/// term column, by field.
pub fn to_remember(mapping: &plan_import::Mapping) -> Vec<ValueAlias> {
    mapping
        .values
        .iter()
        .filter_map(|v| match mapping.roles.get(v.column) {
            Some(plan_import::Role::Field(f)) if mappable(*f) => Some(ValueAlias {
                field: f.key().to_owned(),
                from: v.from.clone(),
                to: v.to.clone(),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_obvious_words_are_proposed() {
        let p = |v: &str| propose(ItemField::Status, v);
        assert_eq!(p("Complete").as_deref(), Some("completed"));
        assert_eq!(p("DONE").as_deref(), Some("completed"));
        assert_eq!(p("In Progress").as_deref(), Some("on_track"));
        assert_eq!(p("Not Started").as_deref(), Some("not_started"));
        assert_eq!(p("Delayed"), None);
        assert_eq!(p("Pending"), None);
        assert_eq!(propose(ItemField::Owner, "Done"), None);
    }
}
