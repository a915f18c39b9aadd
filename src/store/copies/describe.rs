//! A copy's changed rows in the plan's words: per item, KPI, meeting or
//! setting, each field as it was, as the copy has it, and as this file has
//! it when that differs too.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;

use super::apply::Applied;
use super::changeset::{Op, Row};
use crate::model::{Plan, StatusKind, Tree};

/// What the copy did to a subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Changed => "changed",
            Self::Removed => "removed",
        }
    }
}

/// Why a change is not simply taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// This file changed the same fields since the copy was taken.
    ChangedHere,
    /// This file added the same row (same period, same key) with other values.
    AddedHereToo,
    /// The copy removed it; this file changed it since.
    RemovedInCopy,
    /// The copy changed it; this file removed it since.
    RemovedHere,
    /// It cannot go in as it is.
    Refused(String),
}

impl ConflictKind {
    /// In words, for the review.
    pub fn explain(&self) -> String {
        match self {
            Self::ChangedHere => "changed here too since the copy was taken".into(),
            Self::AddedHereToo => "added here too, with other values".into(),
            Self::RemovedInCopy => "removed in the copy, but changed here since".into(),
            Self::RemovedHere => {
                "removed here since the copy was taken; the copy's changes to it cannot go in"
                    .into()
            }
            Self::Refused(why) => format!("cannot go in: {why}"),
        }
    }

    /// Whether the analyst may settle it for the copy.
    pub fn can_take_copy(&self) -> bool {
        matches!(
            self,
            Self::ChangedHere | Self::AddedHereToo | Self::RemovedInCopy
        )
    }
}

/// One field of a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    /// As it was when the copy was taken ("—": not there).
    pub was: String,
    /// As the copy has it ("—": removed).
    pub copy: String,
    /// As this file has it now, when that is neither.
    pub here: Option<String>,
}

/// Everything the copy changed about one item, KPI, meeting or setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyChange {
    /// The key choices are made by (e.g. "item:item-12").
    pub subject: String,
    /// As people read it: "1.2.3 Replace legacy ERP", "KPI: Uptime".
    pub title: String,
    pub kind: ChangeKind,
    pub fields: Vec<FieldChange>,
    pub conflict: Option<ConflictKind>,
}

/// The subjects' main tables: removing a row there removes the subject.
const MAIN: &[(&str, &str)] = &[
    ("item", "items"),
    ("kpi", "kpis"),
    ("meeting", "meetings"),
    ("request", "requests"),
    ("lock", "locks"),
    ("commentary", "commentary"),
];

fn main_table(subject: &str) -> Option<&'static str> {
    let kind = subject.split(':').next().unwrap_or("");
    MAIN.iter().find(|(k, _)| *k == kind).map(|(_, t)| *t)
}

/// Whether the copy removes any item, KPI, meeting…
pub(super) fn removes_anything(rows: &[Row]) -> bool {
    rows.iter()
        .any(|r| r.op == Op::Delete && main_table(&r.subject) == Some(r.table.as_str()))
}

/// Subjects the copy removed that this file changed since: conflicts, so a
/// removal does not sweep away this file's changes.
pub(super) fn removed_but_changed_here<'a>(
    rows: &'a [Row],
    here: &'a HashSet<String>,
) -> impl Iterator<Item = String> + 'a {
    rows.iter()
        .filter(|r| r.op == Op::Delete && main_table(&r.subject) == Some(r.table.as_str()))
        .filter(|r| here.contains(&r.subject))
        .map(|r| r.subject.clone())
}

/// The review's changes, in the plan's order.
pub(super) fn changes(
    rows: &[Row],
    applied: &Applied,
    here_subjects: &HashSet<String>,
    here: &Plan,
    copy: &Plan,
) -> Vec<CopyChange> {
    let words = Words::new(here, copy);
    let removed_here: HashSet<String> = removed_but_changed_here(rows, here_subjects).collect();
    let mut order: Vec<&str> = Vec::new();
    let mut by_subject: HashMap<&str, Vec<&Row>> = HashMap::new();
    for row in rows
        .iter()
        .filter(|r| r.table != "history" && !applied.same.contains(&r.key))
    {
        by_subject
            .entry(row.subject.as_str())
            .or_insert_with(|| {
                order.push(row.subject.as_str());
                Vec::new()
            })
            .push(row);
    }
    let mut changes: Vec<CopyChange> = order
        .into_iter()
        .filter_map(|subject| {
            let rows = &by_subject[subject];
            let main = main_table(subject);
            let kind = rows
                .iter()
                .find(|r| Some(r.table.as_str()) == main || subject == "plan:")
                .map_or(ChangeKind::Changed, |r| match r.op {
                    Op::Insert => ChangeKind::Added,
                    Op::Delete => ChangeKind::Removed,
                    Op::Update => ChangeKind::Changed,
                });
            let conflict = if removed_here.contains(subject) {
                Some(ConflictKind::RemovedInCopy)
            } else {
                rows.iter()
                    .find_map(|r| applied.conflicts.get(&r.key))
                    .map(|c| c.kind.clone())
            };
            let fields: Vec<FieldChange> = rows
                .iter()
                .flat_map(|r| words.fields(r, applied.conflicts.get(&r.key).map(|c| &c.here)))
                .collect();
            // Rows whose only change is their order are not worth a line.
            (!fields.is_empty() || conflict.is_some()).then(|| CopyChange {
                subject: subject.to_owned(),
                title: words.title(subject),
                kind,
                fields,
                conflict,
            })
        })
        .collect();
    changes.sort_by_key(|c| words.rank(&c.subject));
    changes
}

/// Names and values in the plan's words, from this file or, for what only
/// the copy has, the copy.
struct Words<'a> {
    here: &'a Plan,
    copy: &'a Plan,
    here_tree: Tree,
    copy_tree: Tree,
}

/// A value as the review shows it ("—": none).
fn text(v: Option<&Value>) -> String {
    let shown = v.map(super::changeset::text).unwrap_or_default();
    if shown.is_empty() {
        "—".into()
    } else {
        shown
    }
}

fn short(s: &str) -> String {
    const MAX: usize = 160;
    if s.chars().count() > MAX {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Column labels, as the window names the fields.
fn label(table: &str, column: &str) -> String {
    let known = match (table, column) {
        (_, "title") => "Title",
        (_, "description") => "Description",
        (_, "owner") => "Owner",
        (_, "department") => "Department",
        (_, "status") => "Status",
        (_, "percent") => "% complete",
        (_, "start") => "Start date",
        (_, "due") => "Due date",
        (_, "budget_planned") => "Planned budget",
        (_, "budget_actual") => "Actual budget",
        (_, "weight") => "Weight",
        (_, "milestones") => "Milestones",
        (_, "override") => "Override",
        (_, "term") => "Term",
        (_, "level") => "Level",
        (_, "alt_titles") => "Other titles",
        (_, "source_note") => "Source note",
        (_, "date") => "Date",
        (_, "period") => "Period",
        (_, "attendees") => "Attendees",
        (_, "agenda") => "Agenda",
        (_, "started_at") => "Started",
        (_, "ended_at") => "Ended",
        (_, "commentary") => "Commentary",
        (_, "recommendations") => "Recommendations",
        _ => "",
    };
    if known.is_empty() {
        column.replace('_', " ")
    } else {
        known.to_owned()
    }
}

impl<'a> Words<'a> {
    fn new(here: &'a Plan, copy: &'a Plan) -> Self {
        Self {
            here,
            copy,
            here_tree: Tree::build(here),
            copy_tree: Tree::build(copy),
        }
    }

    fn item_name(&self, id: &str) -> String {
        for (plan, tree) in [(self.here, &self.here_tree), (self.copy, &self.copy_tree)] {
            if let Some(pos) = plan.position(id) {
                let code = tree.code_of(pos).unwrap_or("");
                return format!("{code} {}", plan.items()[pos].title)
                    .trim()
                    .to_owned();
            }
        }
        id.to_owned()
    }

    fn kpi_name(&self, id: &str) -> String {
        self.here
            .kpis
            .iter()
            .chain(&self.copy.kpis)
            .find(|k| k.id == id)
            .map_or_else(|| id.to_owned(), |k| k.name.clone())
    }

    fn title(&self, subject: &str) -> String {
        let (kind, id) = subject.split_once(':').unwrap_or((subject, ""));
        match kind {
            "plan" => "Plan settings".into(),
            "item" => self.item_name(id),
            "kpi" => format!("KPI: {}", self.kpi_name(id)),
            "meeting" => {
                let m = self.here.meeting(id).or_else(|| self.copy.meeting(id));
                m.map_or_else(
                    || format!("Meeting {id}"),
                    |m| format!("Meeting: {} ({})", m.title, m.date),
                )
            }
            "commentary" => {
                let (item, period) = id.split_once('@').unwrap_or(("", id));
                if item.is_empty() {
                    format!("Commentary on the plan, {period}")
                } else {
                    format!("Commentary on {}, {period}", self.item_name(item))
                }
            }
            "lock" => format!("Lock on {id}"),
            "request" => {
                let r = self.here.request(id).or_else(|| self.copy.request(id));
                r.map_or_else(
                    || format!("Update request {id}"),
                    |r| format!("Update request to {} ({})", r.to, r.period),
                )
            }
            _ => subject.to_owned(),
        }
    }

    /// Where a subject sorts: settings, then items in tree order, KPIs,
    /// and the rest.
    fn rank(&self, subject: &str) -> (u8, usize, String) {
        let (kind, id) = subject.split_once(':').unwrap_or((subject, ""));
        let at = |plan: &Plan, tree: &Tree| plan.position(id).and_then(|p| tree.first_placement(p));
        match kind {
            "plan" => (0, 0, String::new()),
            "item" => (
                1,
                at(self.here, &self.here_tree)
                    .or_else(|| at(self.copy, &self.copy_tree))
                    .unwrap_or(usize::MAX),
                id.to_owned(),
            ),
            "kpi" => (2, 0, self.kpi_name(id)),
            "commentary" => (3, 0, id.to_owned()),
            "meeting" => (4, 0, id.to_owned()),
            _ => (5, 0, id.to_owned()),
        }
    }

    fn status(&self, key: &str) -> String {
        StatusKind::parse(key).map_or_else(
            || key.to_owned(),
            |s| self.here.info.status_label(s).to_owned(),
        )
    }

    /// A column's value as people read it.
    fn value(&self, column: &str, v: Option<&Value>) -> String {
        match (column, v) {
            ("status", Some(Value::Text(t))) => self.status(t),
            ("parent", Some(Value::Text(t))) => self.item_name(t),
            _ => short(&text(v)),
        }
    }

    /// A dependent row in one line: a note, a period's progress, a value.
    fn summary(&self, row: &Row, old: bool) -> String {
        let get = |c: &str| {
            if old {
                row.old_value(c)
            } else {
                row.new_value(c)
            }
            .or_else(|| row.value(c))
        };
        let s = |c: &str| text(get(c));
        match row.table.as_str() {
            "notes" => short(&format!("{} {}: {}", s("date"), s("author"), s("text"))),
            "progress" => {
                let status = get("status")
                    .map(|v| self.value("status", Some(v)))
                    .unwrap_or_default();
                let percent = match get("percent") {
                    Some(Value::Real(x)) => format!(", {x}%"),
                    Some(Value::Integer(n)) => format!(", {n}%"),
                    _ => String::new(),
                };
                let note = s("note");
                let note = if note == "—" {
                    String::new()
                } else {
                    format!(" — {note}")
                };
                short(&format!("{status}{percent}{note}"))
            }
            "measurements" => {
                let comment = s("comment");
                if comment == "—" {
                    s("value")
                } else {
                    short(&format!("{} ({comment})", s("value")))
                }
            }
            "decisions" => short(&s("text")),
            "action_items" => short(&format!(
                "{} (owner {}, due {})",
                s("text"),
                s("owner"),
                s("due")
            )),
            "alignments" => "placed here".into(),
            _ => String::new(),
        }
    }

    fn dependent_label(&self, row: &Row) -> String {
        let period = row
            .value("period")
            .map(|v| text(Some(v)))
            .unwrap_or_default();
        match row.table.as_str() {
            "notes" => "Note".into(),
            "progress" => format!("Progress {period}"),
            "measurements" => format!("Value {period}"),
            "decisions" => "Decision".into(),
            "action_items" => "Action item".into(),
            "alignments" => format!("Under {}", self.item_name(&text(row.value("parent")))),
            t => t.to_owned(),
        }
    }

    /// The fields a row changes. `here`: this file's values, for a
    /// conflicting row.
    fn fields(&self, row: &Row, here: Option<&Vec<Option<Value>>>) -> Vec<FieldChange> {
        let here_of = |i: usize| -> Option<String> {
            let h = here?.get(i)?.as_ref();
            let differs = h != row.new[i].as_ref() && h != row.old[i].as_ref();
            differs.then(|| self.value(&row.columns[i], h))
        };
        let dependent = !matches!(
            row.table.as_str(),
            "items" | "kpis" | "meetings" | "requests" | "locks" | "commentary" | "plan"
        );
        if dependent {
            if row.op == Op::Update && row.changed_columns().next().is_none() {
                return Vec::new();
            }
            let was = if row.op == Op::Insert {
                "—".into()
            } else {
                self.summary(row, true)
            };
            let copy = if row.op == Op::Delete {
                "— (removed)".into()
            } else {
                self.summary(row, false)
            };
            let here = here.map(|_| "changed here too".to_owned());
            return vec![FieldChange {
                field: self.dependent_label(row),
                was,
                copy,
                here,
            }];
        }
        match row.op {
            Op::Delete => vec![FieldChange {
                field: "Removed".into(),
                was: self.main_name(row),
                copy: "—".into(),
                here: None,
            }],
            Op::Insert => vec![FieldChange {
                field: "Added".into(),
                was: "—".into(),
                copy: self.main_name(row),
                here: None,
            }],
            Op::Update => row
                .changed_columns()
                .flat_map(|i| {
                    let column = row.columns[i].as_str();
                    let old = row.old[i].as_ref();
                    let new = row.new[i].as_ref();
                    if matches!(column, "info" | "definition") {
                        return json_fields(old, new, here_of(i));
                    }
                    vec![FieldChange {
                        field: label(&row.table, column),
                        was: self.value(column, old),
                        copy: self.value(column, new),
                        here: here_of(i),
                    }]
                })
                .collect(),
        }
    }

    fn main_name(&self, row: &Row) -> String {
        match row.table.as_str() {
            "items" | "meetings" => text(row.value("title")),
            "kpis" => row
                .value("definition")
                .and_then(|v| match v {
                    Value::Text(t) => serde_json::from_str::<serde_json::Value>(t).ok(),
                    _ => None,
                })
                .and_then(|j| j.get("name").and_then(|n| n.as_str()).map(str::to_owned))
                .unwrap_or_default(),
            "requests" => text(row.value("sent_to")),
            "locks" => format!("locked by {}", text(row.value("locked_by"))),
            "commentary" => short(&text(row.value("commentary"))),
            _ => String::new(),
        }
    }
}

/// The top-level keys of two JSON objects that differ (plan settings, a
/// KPI's definition), one field each.
fn json_fields(old: Option<&Value>, new: Option<&Value>, here: Option<String>) -> Vec<FieldChange> {
    let parse = |v: Option<&Value>| match v {
        Some(Value::Text(t)) => serde_json::from_str::<serde_json::Value>(t).ok(),
        _ => None,
    };
    let (Some(serde_json::Value::Object(a)), Some(serde_json::Value::Object(b))) =
        (parse(old), parse(new))
    else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let show = |v: Option<&serde_json::Value>| {
        v.map_or_else(
            || "—".to_owned(),
            |v| match v {
                serde_json::Value::String(s) => short(s),
                other => short(&other.to_string()),
            },
        )
    };
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FieldChange {
            field: k.replace('_', " "),
            was: show(a.get(k)),
            copy: show(b.get(k)),
            here: here.as_ref().map(|_| "changed here too".to_owned()),
        })
        .collect()
}
