//! The net effect of a stretch of history: what changed, with edits that
//! were undone left out and repeated changes of one field folded into one
//! (first value → last value). For "what changed since" lists, which must
//! not show an edit and its undo.

use super::{HistoryEntry, HistoryRow};

/// The rows of one edit, written together.
fn edits(rows: &[HistoryRow]) -> Vec<&[HistoryRow]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=rows.len() {
        if i == rows.len() || rows[i].edit != rows[start].edit {
            out.push(&rows[start..i]);
            start = i;
        }
    }
    out
}

fn is_undo(e: &HistoryEntry) -> bool {
    e.action.starts_with("undo ")
}

fn is_redo(e: &HistoryEntry) -> bool {
    e.action.starts_with("redo ")
}

/// `rows` (oldest first) reduced to their net effect, oldest first. An
/// undo takes back the latest edit still standing, a redo puts back the
/// latest undone; a field changed several times shows once, from its first
/// old value to its last new one, and not at all when it ended where it
/// began. An undo of an edit made before `rows` begin has nothing to take
/// back here and is left out.
pub fn net_effect(rows: &[HistoryRow]) -> Vec<HistoryRow> {
    let mut standing: Vec<&[HistoryRow]> = Vec::new();
    let mut undone: Vec<&[HistoryRow]> = Vec::new();
    for edit in edits(rows) {
        let first = &edit[0].entry;
        if is_undo(first) {
            if let Some(e) = standing.pop() {
                undone.push(e);
            }
        } else if is_redo(first) {
            if let Some(e) = undone.pop() {
                standing.push(e);
            }
        } else {
            standing.push(edit);
            undone.clear();
        }
    }
    let mut out: Vec<HistoryRow> = Vec::new();
    for row in standing.into_iter().flatten() {
        let e = &row.entry;
        let same = out
            .iter_mut()
            .find(|r| e.field.is_some() && r.entry.item == e.item && r.entry.field == e.field);
        match same {
            Some(earlier) => {
                earlier.entry.new.clone_from(&e.new);
                earlier.at.clone_from(&row.at);
                earlier.id = row.id;
                earlier.who.clone_from(&row.who);
            }
            None => out.push(row.clone()),
        }
    }
    out.retain(|r| r.entry.field.is_none() || r.entry.old != r.entry.new);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        id: i64,
        at: &str,
        action: &str,
        item: Option<&str>,
        old: &str,
        new: &str,
    ) -> HistoryRow {
        HistoryRow {
            id,
            edit: id,
            at: at.into(),
            who: "PMO".into(),
            entry: HistoryEntry {
                action: action.into(),
                item: item.map(str::to_owned),
                field: item.map(|_| "status".to_owned()),
                old: Some(old.into()),
                new: Some(new.into()),
                reason: String::new(),
                ..HistoryEntry::default()
            },
        }
    }

    #[test]
    fn an_edit_and_its_undo_show_nothing_and_a_redo_shows_it_again() {
        let mut rows = vec![
            row(1, "t1", "set", Some("a"), "not_started", "at_risk"),
            row(2, "t2", "undo set", None, "", ""),
        ];
        assert!(net_effect(&rows).is_empty());
        rows.push(row(3, "t3", "redo set", None, "", ""));
        let net = net_effect(&rows);
        assert_eq!(net.len(), 1);
        assert_eq!(net[0].entry.new.as_deref(), Some("at_risk"));
    }

    #[test]
    fn repeated_changes_fold_into_one_and_a_round_trip_into_none() {
        let rows = vec![
            row(1, "t1", "set", Some("a"), "not_started", "on_track"),
            row(2, "t2", "set", Some("a"), "on_track", "at_risk"),
            row(3, "t3", "set", Some("b"), "on_track", "off_track"),
            row(4, "t4", "set", Some("b"), "off_track", "on_track"),
        ];
        let net = net_effect(&rows);
        assert_eq!(net.len(), 1);
        assert_eq!(net[0].entry.item.as_deref(), Some("a"));
        assert_eq!(
            (net[0].entry.old.as_deref(), net[0].entry.new.as_deref()),
            (Some("not_started"), Some("at_risk"))
        );
    }
}
