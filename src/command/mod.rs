//! Edits to a plan. Every change a user makes — in the window, on the
//! command line — is one [`Command`], applied by [`crate::workbench`] in one
//! transaction with its history entry.

pub mod imports;
mod items;
mod kpis;
pub mod meetings;
mod periods;
mod refusal;
pub mod requests;

pub use items::{figure_edit, progress_text};
pub use refusal::Refusal;

use chrono::NaiveDate;

use crate::model::{
    Commentary, Kpi, Meeting, Milestone, Override, Plan, PlanInfo, ProgressNote, ProgressUpdate,
};
use crate::store::{HistoryEntry, Touched};

pub use crate::model::fields::{
    ItemField, field_text, fmt_opt, parse_date, parse_number, parse_percent, set_field,
};

/// One edit of a plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Set one field of an item from text.
    SetField {
        item: String,
        field: ItemField,
        value: String,
    },
    /// Set or clear a manual override of the roll-up.
    SetOverride {
        item: String,
        value: Option<Override>,
    },
    /// Add a new item as the last child of `parent` (or a new top-level item).
    AddItem {
        parent: Option<String>,
        title: String,
    },
    /// Delete an item, and those of its descendants that have no other parent.
    DeleteItem {
        item: String,
    },
    /// Move an item from one parent to another (same level), to `index`.
    MoveItem {
        item: String,
        from: String,
        to: String,
        index: usize,
    },
    /// Show an item under another parent too.
    LinkItem {
        item: String,
        parent: String,
    },
    /// Remove one of an item's several placements.
    UnlinkItem {
        item: String,
        parent: String,
    },
    /// Move an item up (-1) or down (+1) among its siblings under `parent`.
    Reorder {
        item: String,
        parent: Option<String>,
        delta: i32,
    },
    /// Record (or replace) what was reported for an item for a reporting
    /// period: its status, percent complete and a short note.
    RecordProgress {
        item: String,
        update: ProgressUpdate,
    },
    /// Replace the plan's statements and settings.
    SetInfo(Box<PlanInfo>),
    /// Add a dated progress note.
    AddNote {
        item: String,
        note: ProgressNote,
    },
    /// Replace an item's milestones.
    SetMilestones {
        item: String,
        milestones: Vec<Milestone>,
    },
    /// Add or replace a KPI definition (its measurements are kept as given).
    PutKpi(Box<Kpi>),
    DeleteKpi {
        kpi: String,
    },
    /// Record a KPI value for a period (`None`: missing, not zero).
    SetMeasurement {
        kpi: String,
        period: String,
        value: Option<f64>,
        comment: String,
    },
    /// Set the office's commentary and recommendations on an item (`None`:
    /// the whole plan) for a reporting period. Both empty removes them.
    SetCommentary {
        item: Option<String>,
        period: String,
        commentary: String,
        recommendations: String,
    },
    /// Lock a reporting period: keep a snapshot of the plan as it stands,
    /// and make the period's KPI values, targets and commentary read only.
    LockPeriod {
        period: String,
        /// Who locks it (recorded with the lock).
        by: String,
    },
    /// Unlock a period; the reason is required and kept in the history.
    UnlockPeriod {
        period: String,
        reason: String,
    },
    /// Plan a meeting (a blank id makes a new one), or change its title,
    /// date, period, attendees and agenda.
    PutMeeting(Box<Meeting>),
    DeleteMeeting {
        meeting: String,
    },
    /// Start a meeting: note the time and where each agenda item stands.
    StartMeeting {
        meeting: String,
    },
    /// End a meeting: note the time and where each agenda item stands now.
    EndMeeting {
        meeting: String,
    },
    /// Record a decision on an agenda item.
    AddDecision {
        meeting: String,
        item: String,
        text: String,
    },
    /// Remove a decision (by its position in the meeting's list).
    RemoveDecision {
        meeting: String,
        index: usize,
    },
    /// Record an action item on an agenda item.
    AddAction {
        meeting: String,
        item: String,
        text: String,
        owner: String,
        due: Option<NaiveDate>,
    },
    /// Close an action item on a day, or reopen it (`None`).
    SetActionClosed {
        action: String,
        on: Option<NaiveDate>,
    },
    RemoveAction {
        action: String,
    },
    /// Import a plan table: create, link and update items (one edit).
    ImportPlanTable(Box<imports::plan_table::PlanTable>),
    /// Import KPI measurements from a table (one edit).
    ImportMeasurements(Box<imports::measurements::MeasurementTable>),
    /// Add update requests, just written, to the plan's register.
    RegisterRequests(Vec<crate::model::UpdateRequest>),
    /// Merge the rows an analyst accepted from returned update requests
    /// (one edit; the history names each owner as author).
    MergeUpdates(Box<requests::Merge>),
}

/// What applying a command did: the rows to write and the history. Every
/// command, of every family, reports in this one shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    pub touched: Touched,
    pub history: Vec<HistoryEntry>,
    /// The item the user should see next (e.g. a new item).
    pub focus: Option<String>,
}

impl Applied {
    pub fn new(touched: Touched, history: Vec<HistoryEntry>) -> Self {
        Self {
            touched,
            history,
            focus: None,
        }
    }
}

/// The item and those of its descendants left without a parent once it
/// goes: what deleting it removes.
fn doomed(plan: &Plan, item: &str) -> Vec<String> {
    let mut doomed = vec![item.to_owned()];
    let mut i = 0;
    while i < doomed.len() {
        let children = plan
            .item(&doomed[i])
            .map(|x| x.children.clone())
            .unwrap_or_default();
        for c in children {
            let others = plan
                .parents_of(&c)
                .into_iter()
                .filter(|p| !doomed.iter().any(|d| d == p))
                .count();
            if others == 0 && !doomed.contains(&c) {
                doomed.push(c);
            }
        }
        i += 1;
    }
    doomed
}

impl Command {
    /// The parts of `plan` this command may change, worked out before it
    /// runs, so the workbench can keep them for undo and change the plan
    /// in place. At least what [`Command::apply`] reports as touched.
    /// `None` for commands that cannot tell beforehand (the imports): the
    /// workbench applies those to a copy.
    pub fn footprint(&self, plan: &Plan) -> Option<Touched> {
        let mut t = self.own_footprint(plan)?;
        // An edit of a KPI or of the periods may change calculated KPIs.
        if !t.kpis.is_empty() || t.info {
            for id in kpis::calculated(plan) {
                if !t.kpis.iter().any(|k| k == id) {
                    t.kpis.push(id.to_owned());
                }
            }
        }
        Some(t)
    }

    fn own_footprint(&self, plan: &Plan) -> Option<Touched> {
        let items = |ids: &[&str]| Touched {
            items: ids.iter().map(|id| (*id).to_owned()).collect(),
            ..Touched::default()
        };
        let kpi = |id: &str| Touched {
            kpis: vec![id.to_owned()],
            ..Touched::default()
        };
        Some(match self {
            Self::SetField { item, .. }
            | Self::SetOverride { item, .. }
            | Self::AddNote { item, .. }
            | Self::SetMilestones { item, .. }
            | Self::RecordProgress { item, .. } => items(&[item]),
            Self::AddItem { parent, .. } => {
                let id = plan.fresh_id("item-");
                let mut t = items(&[id.as_str()]);
                t.items.extend(parent.clone());
                t.order = true;
                t
            }
            Self::DeleteItem { item } => {
                let doomed = doomed(plan, item);
                let mut t = Touched {
                    order: true,
                    commentary: true,
                    meetings: true,
                    ..Touched::default()
                };
                t.items
                    .extend(plan.parents_of(item).into_iter().map(str::to_owned));
                t.kpis.extend(
                    plan.kpis
                        .iter()
                        .filter(|k| doomed.contains(&k.item))
                        .map(|k| k.id.clone()),
                );
                t.items.extend(doomed);
                t
            }
            Self::MoveItem { from, to, .. } => items(&[from, to]),
            Self::LinkItem { parent, .. } | Self::UnlinkItem { parent, .. } => items(&[parent]),
            Self::Reorder {
                parent: Some(p), ..
            } => items(&[p]),
            Self::Reorder { parent: None, .. } => Touched {
                order: true,
                ..Touched::default()
            },
            Self::SetInfo(_) => Touched {
                info: true,
                ..Touched::default()
            },
            Self::PutKpi(k) => kpi(&k.id),
            Self::DeleteKpi { kpi: id } | Self::SetMeasurement { kpi: id, .. } => kpi(id),
            Self::SetCommentary { .. } => Touched {
                commentary: true,
                ..Touched::default()
            },
            Self::LockPeriod { .. } | Self::UnlockPeriod { .. } => Touched {
                locks: true,
                ..Touched::default()
            },
            Self::PutMeeting(_)
            | Self::DeleteMeeting { .. }
            | Self::StartMeeting { .. }
            | Self::EndMeeting { .. }
            | Self::AddDecision { .. }
            | Self::RemoveDecision { .. }
            | Self::AddAction { .. }
            | Self::SetActionClosed { .. }
            | Self::RemoveAction { .. } => Touched::meetings(),
            Self::RegisterRequests(_) => Touched {
                requests: true,
                ..Touched::default()
            },
            Self::MergeUpdates(merge) => merge.footprint(),
            Self::ImportPlanTable(_) | Self::ImportMeasurements(_) => return None,
        })
    }
}

fn missing(what: &'static str, id: &str) -> Refusal {
    Refusal::Missing {
        what,
        id: id.to_owned(),
    }
}

impl Command {
    /// What a rule of the plan broken by this command means for whoever
    /// gave it: a field's error beside the field, a setting's on the
    /// settings page, anything else as it stands.
    pub fn refusal(&self, invalid: crate::model::Invalid) -> Refusal {
        match self {
            Self::SetField { item, field, .. } => Refusal::Field {
                item: item.clone(),
                field: *field,
                message: invalid.0,
            },
            Self::SetInfo(_) => Refusal::Settings(invalid),
            _ => Refusal::Rule(invalid.0),
        }
    }

    /// Applies the command to `plan`. On error the plan may be partly
    /// changed: the workbench puts back what [`Command::footprint`] named,
    /// or applies to a copy.
    pub fn apply(&self, plan: &mut Plan) -> Result<Applied, Refusal> {
        let mut applied = self.apply_own(plan)?;
        if !applied.touched.kpis.is_empty() || applied.touched.info {
            kpis::recalculate(plan, &mut applied);
        }
        Ok(applied)
    }

    fn apply_own(&self, plan: &mut Plan) -> Result<Applied, Refusal> {
        self.check_locks(plan)?;
        match self {
            Self::SetField { item, field, value } => items::set_field(plan, item, *field, value),
            Self::SetOverride { item, value } => items::set_override(plan, item, value),
            Self::AddItem { parent, title } => items::add_item(plan, parent.as_deref(), title),
            Self::DeleteItem { item } => items::delete_item(plan, item),
            Self::MoveItem {
                item,
                from,
                to,
                index,
            } => items::move_item(plan, item, from, to, *index),
            Self::LinkItem { item, parent } => items::link_item(plan, item, parent),
            Self::UnlinkItem { item, parent } => items::unlink_item(plan, item, parent),
            Self::Reorder {
                item,
                parent,
                delta,
            } => items::reorder(plan, item, parent.as_deref(), *delta),
            Self::AddNote { item, note } => items::add_note(plan, item, note),
            Self::SetMilestones { item, milestones } => {
                items::set_milestones(plan, item, milestones)
            }
            Self::RecordProgress { item, update } => items::record_progress(plan, item, update),
            Self::SetInfo(info) => periods::set_info(plan, info),
            Self::PutKpi(kpi) => kpis::put_kpi(plan, kpi),
            Self::DeleteKpi { kpi } => kpis::delete_kpi(plan, kpi),
            Self::SetMeasurement {
                kpi,
                period,
                value,
                comment,
            } => kpis::set_measurement(plan, kpi, period, *value, comment),
            Self::LockPeriod { period, by } => periods::lock_period(plan, period, by),
            Self::UnlockPeriod { period, reason } => periods::unlock_period(plan, period, reason),
            Self::SetCommentary {
                item,
                period,
                commentary,
                recommendations,
            } => periods::set_commentary(
                plan,
                Commentary {
                    item: item.clone(),
                    period: period.clone(),
                    commentary: commentary.trim().to_owned(),
                    recommendations: recommendations.trim().to_owned(),
                },
            ),
            Self::PutMeeting(m) => meetings::put(plan, m),
            Self::DeleteMeeting { meeting } => meetings::delete(plan, meeting),
            Self::StartMeeting { meeting } => meetings::start(plan, meeting),
            Self::EndMeeting { meeting } => meetings::end(plan, meeting),
            Self::AddDecision {
                meeting,
                item,
                text,
            } => meetings::add_decision(plan, meeting, item, text),
            Self::RemoveDecision { meeting, index } => {
                meetings::remove_decision(plan, meeting, *index)
            }
            Self::AddAction {
                meeting,
                item,
                text,
                owner,
                due,
            } => meetings::add_action(plan, meeting, item, text, owner, *due),
            Self::SetActionClosed { action, on } => meetings::set_closed(plan, action, *on),
            Self::RemoveAction { action } => meetings::remove_action(plan, action),
            Self::ImportPlanTable(table) => imports::plan_table::apply(table, plan),
            Self::ImportMeasurements(table) => imports::measurements::apply(table, plan),
            Self::RegisterRequests(list) => requests::register(plan, list),
            Self::MergeUpdates(merge) => requests::merge(plan, merge),
        }
    }
}
