//! Edits to a plan. Every change a user makes — in the window, on the
//! command line — is one [`Command`], applied by [`crate::workbench`] in one
//! transaction with its history entry.

pub mod meetings;

use chrono::NaiveDate;

use crate::model::{
    Commentary, Item, Kpi, Measurement, Meeting, Milestone, Override, Plan, PlanInfo, ProgressNote,
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
    ImportPlanTable(Box<crate::table::plan_import::PlanTable>),
    /// Import KPI measurements from a table (one edit).
    ImportMeasurements(Box<crate::table::measurements_import::MeasurementTable>),
}

/// Applies [`Command::SetCommentary`].
fn set_commentary(
    plan: &mut Plan,
    new: Commentary,
) -> Result<(Touched, Vec<HistoryEntry>), String> {
    if plan.info.period_index(&new.period).is_none() {
        return Err(missing("reporting period", &new.period));
    }
    if let Some(item) = &new.item
        && plan.item(item).is_none()
    {
        return Err(missing("item", item));
    }
    let at = plan
        .commentary
        .iter()
        .position(|c| c.item == new.item && c.period == new.period);
    let text = |c: &Commentary| {
        format!(
            "Commentary: {}\nRecommendations: {}",
            c.commentary, c.recommendations
        )
    };
    let old = at.map(|i| text(&plan.commentary[i]));
    let h = HistoryEntry {
        field: Some(format!("commentary {}", new.period)),
        old,
        new: (!new.is_empty()).then(|| text(&new)),
        ..HistoryEntry::new("commentary", new.item.as_deref())
    };
    match (at, new.is_empty()) {
        (Some(i), true) => {
            plan.commentary.remove(i);
        }
        (Some(i), false) => plan.commentary[i] = new,
        (None, false) => plan.commentary.push(new),
        (None, true) => return Err("there is no commentary to remove".into()),
    }
    Ok((
        Touched {
            commentary: true,
            ..Touched::default()
        },
        vec![h],
    ))
}

impl Command {
    /// Refuses changes to the KPI values, targets and commentary of a
    /// locked period.
    fn check_locks(&self, plan: &Plan) -> Result<(), String> {
        let locked = |period: &str| {
            if plan.is_locked(period) {
                Err(format!(
                    "{period} is locked: its figures are read only (unlock it with a reason to change them)"
                ))
            } else {
                Ok(())
            }
        };
        match self {
            Self::SetMeasurement { period, .. } | Self::SetCommentary { period, .. } => {
                locked(period)
            }
            Self::PutKpi(kpi) => {
                let old = plan.kpis.iter().find(|k| k.id == kpi.id);
                for lock in &plan.locks {
                    let p = lock.period.as_str();
                    let before = old.map(|k| {
                        (
                            k.target_for(p),
                            k.measurements.iter().find(|m| m.period == p),
                        )
                    });
                    let after = (
                        kpi.target_for(p),
                        kpi.measurements.iter().find(|m| m.period == p),
                    );
                    if before.unwrap_or((None, None)) != after {
                        return locked(p);
                    }
                }
                Ok(())
            }
            Self::DeleteKpi { kpi } => {
                let measured = plan
                    .kpis
                    .iter()
                    .find(|k| k.id == *kpi)
                    .into_iter()
                    .flat_map(|k| &k.measurements);
                for m in measured {
                    locked(&m.period)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// What applying a command did: the rows to write and the history.
pub struct Applied {
    pub touched: Touched,
    pub history: Vec<HistoryEntry>,
    /// The item the user should see next (e.g. a new item).
    pub focus: Option<String>,
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
            | Self::SetMilestones { item, .. } => items(&[item]),
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
            Self::ImportPlanTable(_) | Self::ImportMeasurements(_) => return None,
        })
    }
}

fn missing(what: &str, id: &str) -> String {
    format!("there is no {what} {id:?}")
}

impl Command {
    /// Applies the command to `plan`. On error the plan may be partly
    /// changed: callers apply to a copy and keep the original on failure.
    #[allow(clippy::too_many_lines)] // One arm per command reads best together.
    pub fn apply(&self, plan: &mut Plan) -> Result<Applied, String> {
        self.check_locks(plan)?;
        let mut focus = None;
        let (touched, history) = match self {
            Self::SetField { item, field, value } => {
                let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
                let old = field_text(it, *field);
                set_field(it, *field, value).map_err(|e| format!("{}: {e}", field.key()))?;
                let new = field_text(it, *field);
                let h = HistoryEntry {
                    field: Some(field.key().into()),
                    old: Some(old),
                    new: Some(new),
                    ..HistoryEntry::new("set", Some(item))
                };
                (Touched::item(item), vec![h])
            }
            Self::SetOverride { item, value } => {
                let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
                if let Some(o) = value
                    && o.reason.trim().is_empty()
                {
                    return Err("an override needs a written reason".into());
                }
                let old = std::mem::replace(&mut it.override_, value.clone());
                let h = HistoryEntry {
                    field: Some("override".into()),
                    old: old
                        .as_ref()
                        .map(|o| serde_json::to_string(o).unwrap_or_default()),
                    new: value
                        .as_ref()
                        .map(|o| serde_json::to_string(o).unwrap_or_default()),
                    reason: value.as_ref().map(|o| o.reason.clone()).unwrap_or_default(),
                    ..HistoryEntry::new(
                        if value.is_some() {
                            "override"
                        } else {
                            "clear override"
                        },
                        Some(item),
                    )
                };
                (Touched::item(item), vec![h])
            }
            Self::AddItem { parent, title } => {
                if title.trim().is_empty() {
                    return Err("the title cannot be empty".into());
                }
                let level = match parent {
                    Some(p) => plan.item(p).ok_or_else(|| missing("item", p))?.level + 1,
                    None => 0,
                };
                if level >= plan.info.levels.len() {
                    return Err(format!(
                        "a {} cannot have children: it is the plan's lowest level",
                        plan.info.level_name(level - 1)
                    ));
                }
                let id = plan.fresh_id("item-");
                plan.push_item(Item::new(id.clone(), level, title.trim()));
                let mut touched = Touched::item(&id);
                touched.order = true;
                if let Some(p) = parent {
                    if let Some(parent_item) = plan.item_mut(p) {
                        parent_item.children.push(id.clone());
                    }
                    touched = touched.merge(Touched::item(p));
                }
                let h = HistoryEntry {
                    new: Some(title.trim().into()),
                    ..HistoryEntry::new("add", Some(&id))
                };
                focus = Some(id);
                (touched, vec![h])
            }
            Self::DeleteItem { item } => {
                let title = plan
                    .item(item)
                    .ok_or_else(|| missing("item", item))?
                    .title
                    .clone();
                let mut touched = Touched {
                    order: true,
                    ..Touched::default()
                };
                for p in plan.parents_of(item) {
                    touched.items.push(p.to_owned());
                }
                let doomed = doomed(plan, item);
                touched.commentary = plan
                    .commentary
                    .iter()
                    .any(|c| c.item.as_ref().is_some_and(|i| doomed.contains(i)));
                touched.meetings = plan.meetings.iter().any(|m| {
                    m.started_at.is_none() && m.agenda.iter().any(|e| doomed.contains(&e.item))
                });
                for id in &doomed {
                    touched.kpis.extend(
                        plan.kpis
                            .iter()
                            .filter(|k| k.item == *id)
                            .map(|k| k.id.clone()),
                    );
                    plan.remove_item(id);
                    touched.items.push(id.clone());
                }
                let h = HistoryEntry {
                    old: Some(title),
                    new: (doomed.len() > 1)
                        .then(|| format!("with {} descendant(s)", doomed.len() - 1)),
                    ..HistoryEntry::new("delete", Some(item))
                };
                (touched, vec![h])
            }
            Self::MoveItem {
                item,
                from,
                to,
                index,
            } => {
                if from == to {
                    return Err("the item is already there".into());
                }
                let level = plan.item(item).ok_or_else(|| missing("item", item))?.level;
                let target = plan.item(to).ok_or_else(|| missing("item", to))?;
                if target.level + 1 != level {
                    return Err(format!(
                        "a {} can only sit under a {}",
                        plan.info.level_name(level),
                        plan.info.level_name(level.saturating_sub(1))
                    ));
                }
                if target.children.contains(item) {
                    return Err("the item is already under that parent".into());
                }
                let source = plan.item_mut(from).ok_or_else(|| missing("item", from))?;
                let before = source.children.len();
                source.children.retain(|c| c != item);
                if source.children.len() == before {
                    return Err(format!("{item:?} is not under {from:?}"));
                }
                let target = plan.item_mut(to).ok_or_else(|| missing("item", to))?;
                let at = (*index).min(target.children.len());
                target.children.insert(at, item.clone());
                let h = HistoryEntry {
                    field: Some("parent".into()),
                    old: Some(from.clone()),
                    new: Some(to.clone()),
                    ..HistoryEntry::new("move", Some(item))
                };
                (Touched::item(from).merge(Touched::item(to)), vec![h])
            }
            Self::LinkItem { item, parent } => {
                let level = plan.item(item).ok_or_else(|| missing("item", item))?.level;
                let target = plan
                    .item_mut(parent)
                    .ok_or_else(|| missing("item", parent))?;
                if target.level + 1 != level {
                    return Err("an item can only be linked under a parent one level up".into());
                }
                if target.children.contains(item) {
                    return Err("the item is already under that parent".into());
                }
                target.children.push(item.clone());
                let h = HistoryEntry {
                    new: Some(parent.clone()),
                    ..HistoryEntry::new("link", Some(item))
                };
                (Touched::item(parent), vec![h])
            }
            Self::UnlinkItem { item, parent } => {
                if plan.parents_of(item).len() < 2 {
                    return Err(
                        "this is the item's only placement; delete or move it instead".into(),
                    );
                }
                let p = plan
                    .item_mut(parent)
                    .ok_or_else(|| missing("item", parent))?;
                p.children.retain(|c| c != item);
                let h = HistoryEntry {
                    old: Some(parent.clone()),
                    ..HistoryEntry::new("unlink", Some(item))
                };
                (Touched::item(parent), vec![h])
            }
            Self::Reorder {
                item,
                parent,
                delta,
            } => {
                let touched = match parent {
                    Some(p) => {
                        let par = plan.item_mut(p).ok_or_else(|| missing("item", p))?;
                        let from = par
                            .children
                            .iter()
                            .position(|c| c == item)
                            .ok_or_else(|| missing("child", item))?;
                        let to = from
                            .checked_add_signed(*delta as isize)
                            .filter(|t| *t < par.children.len());
                        let Some(to) = to else {
                            return Err("the item cannot move further".into());
                        };
                        par.children.swap(from, to);
                        Touched::item(p)
                    }
                    None => {
                        let roots: Vec<String> = plan.roots().map(|r| r.id.clone()).collect();
                        let from = roots
                            .iter()
                            .position(|c| c == item)
                            .ok_or_else(|| missing("top-level item", item))?;
                        let to = from
                            .checked_add_signed(*delta as isize)
                            .filter(|t| *t < roots.len());
                        let Some(to) = to else {
                            return Err("the item cannot move further".into());
                        };
                        plan.move_root(item, to);
                        Touched {
                            order: true,
                            ..Touched::default()
                        }
                    }
                };
                (
                    touched,
                    vec![HistoryEntry::new(
                        if *delta < 0 { "move up" } else { "move down" },
                        Some(item),
                    )],
                )
            }
            Self::SetInfo(info) => {
                plan.info = (**info).clone();
                (
                    Touched {
                        info: true,
                        ..Touched::default()
                    },
                    vec![HistoryEntry::new("edit plan settings", None)],
                )
            }
            Self::AddNote { item, note } => {
                if note.text.trim().is_empty() {
                    return Err("the note is empty".into());
                }
                let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
                it.notes.push(note.clone());
                let h = HistoryEntry {
                    new: Some(note.text.clone()),
                    ..HistoryEntry::new("note", Some(item))
                };
                (Touched::item(item), vec![h])
            }
            Self::SetMilestones { item, milestones } => {
                if milestones.iter().any(|m| m.title.trim().is_empty()) {
                    return Err("a milestone needs a title".into());
                }
                let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
                let old = it.milestones.len();
                it.milestones.clone_from(milestones);
                let h = HistoryEntry {
                    field: Some("milestones".into()),
                    old: Some(format!("{old} milestone(s)")),
                    new: Some(format!("{} milestone(s)", milestones.len())),
                    ..HistoryEntry::new("set", Some(item))
                };
                (Touched::item(item), vec![h])
            }
            Self::PutKpi(kpi) => {
                let action = match plan.kpis.iter_mut().find(|k| k.id == kpi.id) {
                    Some(k) => {
                        *k = (**kpi).clone();
                        "edit KPI"
                    }
                    None => {
                        plan.kpis.push((**kpi).clone());
                        "add KPI"
                    }
                };
                let h = HistoryEntry {
                    field: Some(kpi.id.clone()),
                    new: Some(kpi.name.clone()),
                    ..HistoryEntry::new(action, Some(&kpi.item))
                };
                (
                    Touched {
                        kpis: vec![kpi.id.clone()],
                        ..Touched::default()
                    },
                    vec![h],
                )
            }
            Self::DeleteKpi { kpi } => {
                let pos = plan
                    .kpis
                    .iter()
                    .position(|k| k.id == *kpi)
                    .ok_or_else(|| missing("KPI", kpi))?;
                let removed = plan.kpis.remove(pos);
                let h = HistoryEntry {
                    field: Some(kpi.clone()),
                    old: Some(removed.name),
                    ..HistoryEntry::new("delete KPI", Some(&removed.item))
                };
                (
                    Touched {
                        kpis: vec![kpi.clone()],
                        ..Touched::default()
                    },
                    vec![h],
                )
            }
            Self::SetMeasurement {
                kpi,
                period,
                value,
                comment,
            } => {
                if plan.info.period_index(period).is_none() {
                    return Err(missing("reporting period", period));
                }
                let k = plan
                    .kpis
                    .iter_mut()
                    .find(|k| k.id == *kpi)
                    .ok_or_else(|| missing("KPI", kpi))?;
                let old = k
                    .measurements
                    .iter()
                    .find(|m| m.period == *period)
                    .map(|m| fmt_opt(m.value));
                match k.measurements.iter_mut().find(|m| m.period == *period) {
                    Some(m) => {
                        m.value = *value;
                        m.comment.clone_from(comment);
                    }
                    None => k.measurements.push(Measurement {
                        period: period.clone(),
                        value: *value,
                        comment: comment.clone(),
                    }),
                }
                let h = HistoryEntry {
                    field: Some(format!("{} {period}", k.id)),
                    old,
                    new: Some(value.map_or_else(|| "missing".into(), |v| v.to_string())),
                    reason: comment.clone(),
                    ..HistoryEntry::new("measure", Some(&k.item.clone()))
                };
                (
                    Touched {
                        kpis: vec![kpi.clone()],
                        ..Touched::default()
                    },
                    vec![h],
                )
            }
            Self::LockPeriod { period, by } => {
                if plan.info.period_index(period).is_none() {
                    return Err(missing("reporting period", period));
                }
                if plan.is_locked(period) {
                    return Err(format!("{period} is already locked"));
                }
                // Meetings do not change a card, so the snapshot leaves
                // them out.
                let mut unlocked = plan.clone();
                unlocked.locks.clear();
                unlocked.meetings.clear();
                plan.locks.push(crate::model::PeriodLock {
                    period: period.clone(),
                    locked_at: chrono::Utc::now()
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    locked_by: by.clone(),
                    snapshot: crate::interchange::to_json(&unlocked),
                });
                let h = HistoryEntry {
                    field: Some(period.clone()),
                    new: Some("locked".into()),
                    ..HistoryEntry::new("lock period", None)
                };
                (
                    Touched {
                        locks: true,
                        ..Touched::default()
                    },
                    vec![h],
                )
            }
            Self::UnlockPeriod { period, reason } => {
                if reason.trim().is_empty() {
                    return Err("unlocking a period needs a written reason".into());
                }
                let before = plan.locks.len();
                plan.locks.retain(|l| l.period != *period);
                if plan.locks.len() == before {
                    return Err(format!("{period} is not locked"));
                }
                let h = HistoryEntry {
                    field: Some(period.clone()),
                    old: Some("locked".into()),
                    new: Some("unlocked".into()),
                    reason: reason.trim().to_owned(),
                    ..HistoryEntry::new("unlock period", None)
                };
                (
                    Touched {
                        locks: true,
                        ..Touched::default()
                    },
                    vec![h],
                )
            }
            Self::SetCommentary {
                item,
                period,
                commentary,
                recommendations,
            } => set_commentary(
                plan,
                Commentary {
                    item: item.clone(),
                    period: period.clone(),
                    commentary: commentary.trim().to_owned(),
                    recommendations: recommendations.trim().to_owned(),
                },
            )?,
            Self::PutMeeting(m) => meetings::put(plan, m)?,
            Self::DeleteMeeting { meeting } => meetings::delete(plan, meeting)?,
            Self::StartMeeting { meeting } => meetings::start(plan, meeting)?,
            Self::EndMeeting { meeting } => meetings::end(plan, meeting)?,
            Self::AddDecision {
                meeting,
                item,
                text,
            } => meetings::add_decision(plan, meeting, item, text)?,
            Self::RemoveDecision { meeting, index } => {
                meetings::remove_decision(plan, meeting, *index)?
            }
            Self::AddAction {
                meeting,
                item,
                text,
                owner,
                due,
            } => meetings::add_action(plan, meeting, item, text, owner, *due)?,
            Self::SetActionClosed { action, on } => meetings::set_closed(plan, action, *on)?,
            Self::RemoveAction { action } => meetings::remove_action(plan, action)?,
            Self::ImportPlanTable(table) => {
                let outcome = crate::table::plan_import::apply(table, plan)?;
                (outcome.touched, outcome.history)
            }
            Self::ImportMeasurements(table) => {
                let (touched, history, _) = crate::table::measurements_import::apply(table, plan)?;
                (touched, history)
            }
        };
        Ok(Applied {
            touched,
            history,
            focus,
        })
    }
}
