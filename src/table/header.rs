//! Finding the header row of a sheet as people keep them: a title
//! ("City of Example Action Tracker"), perhaps a date line and a blank row,
//! and only then the header.
//!
//! The first non-empty row is the header unless it does not look like one
//! and a later row does. A row looks like a header when it has at least
//! two filled cells, every filled cell is text, no two name the same
//! column, at least one names a column Cairn recognises (a field such as
//! Status or Owner, a level word such as Goal or Project, or a measurement
//! column such as KPI or Value), and a row follows it. Every row above the
//! header must have fewer filled cells than the header (titles are one or
//! two cells); those rows are the sheet's title rows.

use super::cell::Cell;
use super::cell::Row;
use super::{measurements_import, normalize, plan_import};

/// How far down a header is looked for.
const LOOK_DOWN: usize = 20;

/// Words that name a plan's level in headers.
const LEVEL_WORDS: [&str; 20] = [
    "goal",
    "goals",
    "objective",
    "objectives",
    "initiative",
    "initiatives",
    "key initiative",
    "project",
    "projects",
    "strategy",
    "strategies",
    "focus area",
    "task",
    "tasks",
    "action",
    "actions",
    "action item",
    "priority",
    "theme",
    "pillar",
];

fn filled(row: &Row) -> usize {
    row.cells.iter().filter(|c| !c.is_empty()).count()
}

/// Whether one header cell names a column Cairn knows.
fn recognised(header: &str) -> bool {
    let h = normalize(header);
    if h.is_empty() {
        return false;
    }
    LEVEL_WORDS.contains(&h.as_str())
        || plan_import::guess_role(header) != plan_import::Role::Level
        || measurements_import::guess_role(header) != measurements_import::Role::Ignore
}

/// Whether a row looks like a header row (see the module comment).
fn looks_like_header(row: &Row) -> bool {
    let texts: Vec<&str> = row
        .cells
        .iter()
        .filter_map(|c| match c {
            Cell::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    if texts.len() < 2 || texts.len() != filled(row) {
        return false;
    }
    let mut seen: Vec<String> = texts.iter().map(|t| normalize(t)).collect();
    seen.sort();
    seen.dedup();
    seen.len() == texts.len() && texts.iter().any(|t| recognised(t))
}

/// The index in `rows` (non-empty rows, in order) of the header row.
pub fn find(rows: &[Row]) -> usize {
    let Some(first) = rows.first() else {
        return 0;
    };
    if looks_like_header(first) {
        return 0;
    }
    let limit = rows.len().saturating_sub(1).min(LOOK_DOWN);
    (1..limit)
        .find(|&i| {
            looks_like_header(&rows[i]) && rows[..i].iter().all(|r| filled(r) < filled(&rows[i]))
        })
        .unwrap_or(0)
}

/// The text of a title row: its filled cells, joined by spaces.
pub fn title_text(row: &Row) -> String {
    row.cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(Cell::display)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: usize, cells: &[&str]) -> Row {
        Row {
            number,
            cells: cells.iter().map(|c| Cell::text(c)).collect(),
        }
    }

    #[test]
    fn a_header_below_title_rows_is_found() {
        let rows = [
            row(1, &["City of Example Action Tracker", "", ""]),
            row(2, &["Updated March 2025", "", ""]),
            row(4, &["Goal", "Project", "Status"]),
            row(5, &["G", "P", "Done"]),
        ];
        assert_eq!(find(&rows), 2);
        assert_eq!(title_text(&rows[0]), "City of Example Action Tracker");
    }

    #[test]
    fn the_first_row_stays_the_header_when_nothing_better_follows() {
        // Unknown level names in row 1: still the header.
        let rows = [row(1, &["Strategy", "Task"]), row(2, &["A", "B"])];
        assert_eq!(find(&rows), 0);
        // One header cell over wider data: not skipped for a data row.
        let rows = [
            row(1, &["Goal", ""]),
            row(2, &["A", "B"]),
            row(3, &["C", "D"]),
        ];
        assert_eq!(find(&rows), 0);
        // A data row that happens to hold header words is no header when
        // the rows above it are as wide.
        let rows = [
            row(1, &["Theme", "Lead", ""]),
            row(2, &["Owner", "Status", "x"]),
            row(3, &["a", "b", "c"]),
        ];
        assert_eq!(find(&rows), 0);
        // The last row is never a header: no data would follow.
        let rows = [row(1, &["Title"]), row(2, &["Goal", "Status"])];
        assert_eq!(find(&rows), 0);
    }
}
