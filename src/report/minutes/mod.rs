//! Meeting minutes: a pure builder from a plan and a meeting to
//! [`Minutes`] (plain data), drawn by `pdf.rs` and `html.rs` here (written to a file by `print.rs`). Per agenda
//! item: where it stood before and after, what was decided, and who is to
//! do what.

pub mod html;
pub mod pdf;
pub mod print;

use chrono::NaiveDate;

use crate::command::meetings::{ENDED, STARTED, history_field, is_meeting_record};
use crate::model::{ActionItem, Plan, Standing, Tree};
use crate::report::ReportError;
use crate::report::model::Chip;
use crate::rules::agenda::standing;
use crate::rules::rollup::roll_up;
use crate::store::{HistoryEntry, HistoryRow};

/// A status and percent as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub chip: Chip,
    pub percent: Option<f64>,
}

/// An action item as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    pub id: String,
    /// Code of the agenda item it is about.
    pub code: String,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// "Open" or "Closed 2025-07-02".
    pub state: String,
}

/// One agenda item in the minutes.
#[derive(Clone, Debug, PartialEq)]
pub struct MinutesItem {
    pub code: String,
    pub title: String,
    /// "Objective", "Initiative", …
    pub level: String,
    pub owner: String,
    pub before: Option<Mark>,
    pub after: Option<Mark>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionRow>,
    /// The item has since been deleted from the plan.
    pub deleted: bool,
    /// Its status draws on sample (illustrative) KPI values.
    pub sample: bool,
    /// Edits made to it, or to anything below it, while the meeting ran.
    pub changes: Vec<String>,
}

impl MinutesItem {
    /// Whether its status or percent moved during the meeting.
    pub fn changed(&self) -> bool {
        match (&self.before, &self.after) {
            (Some(b), Some(a)) => {
                let moved = match (b.percent, a.percent) {
                    (Some(x), Some(y)) => (x - y).abs() >= 0.005,
                    (x, y) => x.is_some() != y.is_some(),
                };
                b.chip.kind != a.chip.kind || moved
            }
            _ => false,
        }
    }
}

/// The minutes of one meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Minutes {
    pub organisation: String,
    pub plan_line: String,
    pub meeting_id: String,
    pub title: String,
    pub date: NaiveDate,
    pub period: String,
    pub attendees: Vec<String>,
    /// "Held", "In progress" or "Not held".
    pub state: String,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    /// The heading of the "after" column: "After" once the meeting has
    /// ended, otherwise "Now" (the plan as it stands at printing).
    pub after_label: String,
    pub items: Vec<MinutesItem>,
    pub prepared_by: String,
    pub print_date: Option<NaiveDate>,
    /// The whole plan is illustrative (a generated sample).
    pub sample: bool,
    /// The document's language (BCP 47).
    pub language: String,
}

impl Minutes {
    /// The document title used in metadata.
    pub fn doc_title(&self) -> String {
        format!("Minutes: {} ({})", self.title, self.date)
    }

    /// Every action item of the meeting, in agenda order.
    pub fn actions(&self) -> impl Iterator<Item = &ActionRow> {
        self.items.iter().flat_map(|i| &i.actions)
    }
}

/// What to print.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MinutesOptions {
    pub prepared_by: Option<String>,
    pub print_date: Option<NaiveDate>,
}

fn action_row(code: &str, a: &ActionItem) -> ActionRow {
    ActionRow {
        id: a.id.clone(),
        code: code.to_owned(),
        text: a.text.clone(),
        owner: a.owner.clone(),
        due: a.due,
        state: a
            .closed
            .map_or_else(|| "Open".to_owned(), |d| format!("Closed {d}")),
    }
}

/// Whether a sample KPI is attached to the item at `pos` or below it.
fn draws_on_sample(plan: &Plan, pos: usize) -> bool {
    let sampled: std::collections::HashSet<&str> = plan
        .kpis
        .iter()
        .filter(|k| k.sample)
        .map(|k| k.item.as_str())
        .collect();
    if sampled.is_empty() {
        return false;
    }
    let mut stack = vec![pos];
    let mut seen = std::collections::HashSet::new();
    while let Some(p) = stack.pop() {
        let item = &plan.items()[p];
        if sampled.contains(item.id.as_str()) {
            return true;
        }
        if seen.insert(p) {
            stack.extend(item.children.iter().filter_map(|c| plan.position(c)));
        }
    }
    false
}

/// The history rows that can fall within meeting `id` (from the day it
/// started), to pass to [`build`]. Empty for a meeting not yet started.
pub fn history_for(
    store: &crate::store::Store,
    plan: &Plan,
    id: &str,
) -> Result<Vec<HistoryRow>, crate::store::StoreError> {
    let Some(start) = plan.meeting(id).and_then(|m| m.started_at.as_deref()) else {
        return Ok(Vec::new());
    };
    let since = start.get(..10).and_then(|d| d.parse().ok());
    store.history(&crate::store::HistoryFilter {
        since,
        ..crate::store::HistoryFilter::default()
    })
}

/// The item at `pos` and every item below it, by id.
fn subtree(plan: &Plan, pos: usize) -> std::collections::HashSet<&str> {
    let mut out = std::collections::HashSet::new();
    let mut stack = vec![pos];
    while let Some(p) = stack.pop() {
        let item = &plan.items()[p];
        if out.insert(item.id.as_str()) {
            stack.extend(item.children.iter().filter_map(|c| plan.position(c)));
        }
    }
    out
}

/// A history row as people read it: "1.4.1 Title: status Not started →
/// At risk". A meeting's own records are named by what they are
/// ("decision", "action item").
pub fn describe_change(plan: &Plan, tree: &Tree, e: &HistoryEntry) -> String {
    let what = e
        .item
        .as_deref()
        .and_then(|i| plan.position(i))
        .map(|p| {
            format!(
                "{} {}",
                tree.code_of(p).unwrap_or(""),
                plan.items()[p].title
            )
        })
        .unwrap_or_default();
    let field = match e.field.as_deref() {
        Some(f) if !is_meeting_record(e) => f,
        _ => &e.action,
    };
    let labels = crate::report::history::HistoryLabels::new(plan, tree);
    let shown = |v: &str| labels.value(e, v);
    let change = match (e.old.as_deref(), e.new.as_deref()) {
        (Some(o), Some(n)) => format!(" {} → {}", shown(o), shown(n)),
        (None, Some(n)) => format!(" {}", shown(n)),
        (Some(o), None) => format!(" removed {}", shown(o)),
        (None, None) => String::new(),
    };
    format!("{what}: {field}{change}")
}

/// Builds the minutes of meeting `id`. `history` is the workbench's change
/// history (or the part of it covering the meeting): edits made while the
/// meeting ran are listed under the agenda item they fall under.
pub fn build(
    plan: &Plan,
    id: &str,
    opts: &MinutesOptions,
    history: &[HistoryRow],
) -> Result<Minutes, ReportError> {
    let m = plan
        .meeting(id)
        .ok_or_else(|| ReportError::UnknownMeeting {
            given: id.to_owned(),
            valid: plan.meetings.iter().map(|m| m.id.clone()).collect(),
        })?;
    let info = &plan.info;
    let mark = |s: Standing| Mark {
        chip: Chip {
            kind: s.status,
            label: info.status_label(s.status).to_owned(),
            overridden: false,
        },
        percent: s.percent,
    };
    let ended = m.ended_at.is_some();
    // Before the meeting ends, "after" is the plan as it stands now.
    let rollup = roll_up(plan, Some(&m.period));
    let tree = Tree::build(plan);
    // Edits of the plan while the meeting ran (decisions and action items
    // are listed on their own): the rows between the meeting's "start" and
    // its last "end" in the history, which is in the order of writing.
    // Without those rows (say, a meeting imported from a document), the
    // times decide.
    let tag = history_field(&m.id);
    let marks = |action: &str| {
        history
            .iter()
            .enumerate()
            .filter(|(_, r)| r.entry.action == action && r.entry.field.as_deref() == Some(&tag))
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    let (starts, ends) = (marks(STARTED), marks(ENDED));
    let window = match (starts.first(), &m.started_at) {
        (Some(&first), _) => {
            let last = if m.ended_at.is_some() {
                ends.last().copied().unwrap_or(history.len())
            } else {
                history.len()
            };
            history
                .get(first + 1..last.max(first + 1))
                .unwrap_or_default()
        }
        (None, Some(start)) => {
            let from = history.partition_point(|r| r.at.as_str() < start.as_str());
            let to = m.ended_at.as_ref().map_or(history.len(), |end| {
                history.partition_point(|r| r.at.as_str() <= end.as_str())
            });
            history.get(from..to.max(from)).unwrap_or_default()
        }
        (None, None) => &[],
    };
    // What the meeting changed, net: an edit undone during it is left out.
    let net = crate::store::net::net_effect(window);
    let during: Vec<&HistoryRow> = net
        .iter()
        .filter(|r| {
            !r.entry
                .field
                .as_deref()
                .is_some_and(|f| f.starts_with("meeting "))
        })
        .collect();
    let items = m
        .agenda
        .iter()
        .map(|e| {
            let pos = plan.position(&e.item);
            let item = pos.map(|p| &plan.items()[p]);
            let code = match (e.code.is_empty(), pos.and_then(|p| tree.code_of(p))) {
                (true, Some(c)) => c.to_owned(),
                _ => e.code.clone(),
            };
            let now = if ended {
                e.after
            } else {
                pos.and_then(|p| standing(plan, &rollup, p))
            };
            MinutesItem {
                title: if e.title.is_empty() {
                    item.map(|i| i.title.clone()).unwrap_or_default()
                } else {
                    e.title.clone()
                },
                level: item.map(|i| info.level_name(i.level)).unwrap_or_default(),
                owner: item.map(|i| i.owner.clone()).unwrap_or_default(),
                before: e.before.map(mark),
                after: now.map(mark),
                decisions: m.decisions_on(&e.item).map(|d| d.text.clone()).collect(),
                actions: m
                    .actions_on(&e.item)
                    .map(|a| action_row(&code, a))
                    .collect(),
                changes: pos
                    .map(|p| {
                        let below = subtree(plan, p);
                        during
                            .iter()
                            .filter(|r| r.entry.item.as_deref().is_some_and(|i| below.contains(i)))
                            .map(|r| {
                                format!("{} ({})", describe_change(plan, &tree, &r.entry), r.who)
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                deleted: item.is_none(),
                sample: info.sample || pos.is_some_and(|p| draws_on_sample(plan, p)),
                code,
            }
        })
        .collect();
    Ok(Minutes {
        organisation: if info.office.is_empty() {
            info.organisation.clone()
        } else {
            format!("{} · {}", info.organisation, info.office)
        },
        plan_line: format!("{} {}", info.title, info.timeframe()),
        meeting_id: m.id.clone(),
        title: m.title.clone(),
        date: m.date,
        period: m.period.clone(),
        attendees: m.attendees.clone(),
        state: m.state().to_owned(),
        started_at: m.started_at.clone(),
        ended_at: m.ended_at.clone(),
        after_label: if ended { "After" } else { "Now" }.to_owned(),
        items,
        prepared_by: opts
            .prepared_by
            .clone()
            .unwrap_or_else(|| info.owner.clone()),
        print_date: opts.print_date,
        sample: info.sample,
        language: info.document_language().to_owned(),
    })
}
