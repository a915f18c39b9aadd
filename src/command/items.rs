//! The item commands: fields, overrides, notes and milestones, adding,
//! deleting, moving, linking and reordering items.

use crate::model::fields::{ItemField, field_text, set_field as set_text};
use crate::model::{Item, Milestone, Override, Plan, ProgressNote, ProgressUpdate};
use crate::store::{HistoryEntry, Touched};

use super::{Applied, Refusal, doomed, missing};

/// Set one field of an item from text.
pub(super) fn set_field(
    plan: &mut Plan,
    item: &str,
    field: ItemField,
    value: &str,
) -> Result<Applied, Refusal> {
    let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
    let old = field_text(it, field);
    set_text(it, field, value).map_err(|problem| Refusal::Field {
        item: item.to_owned(),
        field,
        message: problem.to_string(),
    })?;
    let new = field_text(it, field);
    let h = HistoryEntry {
        field: Some(field.key().into()),
        old: Some(old),
        new: Some(new),
        ..HistoryEntry::new("set", Some(item))
    };
    Ok(Applied::new(Touched::item(item), vec![h]))
}

/// Set or clear a manual override of the roll-up.
pub(super) fn set_override(
    plan: &mut Plan,
    item: &str,
    value: &Option<Override>,
) -> Result<Applied, Refusal> {
    let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
    if let Some(o) = value
        && o.reason.trim().is_empty()
    {
        return Err(Refusal::Rule("an override needs a written reason".into()));
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
    Ok(Applied::new(Touched::item(item), vec![h]))
}

/// Add an item as the last child of `parent` (or at the top level).
pub(super) fn add_item(
    plan: &mut Plan,
    parent: Option<&str>,
    title: &str,
) -> Result<Applied, Refusal> {
    if title.trim().is_empty() {
        return Err(Refusal::Rule("the title cannot be empty".into()));
    }
    let level = match parent {
        Some(p) => plan.item(p).ok_or_else(|| missing("item", p))?.level + 1,
        None => 0,
    };
    if level >= plan.info.levels.len() {
        return Err(Refusal::Rule(format!(
            "a {} cannot have children: it is the plan's lowest level",
            plan.info.level_name(level - 1)
        )));
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
    Ok(Applied {
        focus: Some(id),
        ..Applied::new(touched, vec![h])
    })
}

/// Delete an item and the descendants left without a parent.
pub(super) fn delete_item(plan: &mut Plan, item: &str) -> Result<Applied, Refusal> {
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
    touched.meetings = plan
        .meetings
        .iter()
        .any(|m| m.started_at.is_none() && m.agenda.iter().any(|e| doomed.contains(&e.item)));
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
        new: (doomed.len() > 1).then(|| format!("with {} descendant(s)", doomed.len() - 1)),
        ..HistoryEntry::new("delete", Some(item))
    };
    Ok(Applied::new(touched, vec![h]))
}

/// Move an item to another parent of the same level.
pub(super) fn move_item(
    plan: &mut Plan,
    item: &str,
    from: &str,
    to: &str,
    index: usize,
) -> Result<Applied, Refusal> {
    if from == to {
        return Err(Refusal::Rule("the item is already there".into()));
    }
    let level = plan.item(item).ok_or_else(|| missing("item", item))?.level;
    let target = plan.item(to).ok_or_else(|| missing("item", to))?;
    if target.level + 1 != level {
        return Err(Refusal::Rule(format!(
            "a {} can only sit under a {}",
            plan.info.level_name(level),
            plan.info.level_name(level.saturating_sub(1))
        )));
    }
    if target.children.iter().any(|c| c == item) {
        return Err(Refusal::Rule(
            "the item is already under that parent".into(),
        ));
    }
    let source = plan.item_mut(from).ok_or_else(|| missing("item", from))?;
    let before = source.children.len();
    source.children.retain(|c| c != item);
    if source.children.len() == before {
        return Err(Refusal::Rule(format!("{item:?} is not under {from:?}")));
    }
    let target = plan.item_mut(to).ok_or_else(|| missing("item", to))?;
    let at = (index).min(target.children.len());
    target.children.insert(at, item.to_owned());
    let h = HistoryEntry {
        field: Some("parent".into()),
        old: Some(from.to_owned()),
        new: Some(to.to_owned()),
        ..HistoryEntry::new("move", Some(item))
    };
    Ok(Applied::new(
        Touched::item(from).merge(Touched::item(to)),
        vec![h],
    ))
}

/// Show an item under a further parent.
pub(super) fn link_item(plan: &mut Plan, item: &str, parent: &str) -> Result<Applied, Refusal> {
    let level = plan.item(item).ok_or_else(|| missing("item", item))?.level;
    let target = plan
        .item_mut(parent)
        .ok_or_else(|| missing("item", parent))?;
    if target.level + 1 != level {
        return Err(Refusal::Rule(
            "an item can only be linked under a parent one level up".into(),
        ));
    }
    if target.children.iter().any(|c| c == item) {
        return Err(Refusal::Rule(
            "the item is already under that parent".into(),
        ));
    }
    target.children.push(item.to_owned());
    let h = HistoryEntry {
        new: Some(parent.to_owned()),
        ..HistoryEntry::new("link", Some(item))
    };
    Ok(Applied::new(Touched::item(parent), vec![h]))
}

/// Remove one of an item's several placements.
pub(super) fn unlink_item(plan: &mut Plan, item: &str, parent: &str) -> Result<Applied, Refusal> {
    if plan.parents_of(item).len() < 2 {
        return Err(Refusal::Rule(
            "this is the item's only placement; delete or move it instead".into(),
        ));
    }
    let p = plan
        .item_mut(parent)
        .ok_or_else(|| missing("item", parent))?;
    p.children.retain(|c| c != item);
    let h = HistoryEntry {
        old: Some(parent.to_owned()),
        ..HistoryEntry::new("unlink", Some(item))
    };
    Ok(Applied::new(Touched::item(parent), vec![h]))
}

/// Move an item up or down among its siblings.
pub(super) fn reorder(
    plan: &mut Plan,
    item: &str,
    parent: Option<&str>,
    delta: i32,
) -> Result<Applied, Refusal> {
    let touched = match parent {
        Some(p) => {
            let par = plan.item_mut(p).ok_or_else(|| missing("item", p))?;
            let from = par
                .children
                .iter()
                .position(|c| c == item)
                .ok_or_else(|| missing("child", item))?;
            let to = from
                .checked_add_signed(delta as isize)
                .filter(|t| *t < par.children.len());
            let Some(to) = to else {
                return Err(Refusal::Rule("the item cannot move further".into()));
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
                .checked_add_signed(delta as isize)
                .filter(|t| *t < roots.len());
            let Some(to) = to else {
                return Err(Refusal::Rule("the item cannot move further".into()));
            };
            plan.move_root(item, to);
            Touched {
                order: true,
                ..Touched::default()
            }
        }
    };
    Ok(Applied::new(
        touched,
        vec![HistoryEntry::new(
            if delta < 0 { "move up" } else { "move down" },
            Some(item),
        )],
    ))
}

/// Add a dated progress note.
pub(super) fn add_note(
    plan: &mut Plan,
    item: &str,
    note: &ProgressNote,
) -> Result<Applied, Refusal> {
    if note.text.trim().is_empty() {
        return Err(Refusal::Rule("the note is empty".into()));
    }
    let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
    it.notes.push(note.clone());
    let h = HistoryEntry {
        new: Some(note.text.clone()),
        ..HistoryEntry::new("note", Some(item))
    };
    Ok(Applied::new(Touched::item(item), vec![h]))
}

/// Replace an item's milestones.
pub(super) fn set_milestones(
    plan: &mut Plan,
    item: &str,
    milestones: &[Milestone],
) -> Result<Applied, Refusal> {
    if milestones.iter().any(|m| m.title.trim().is_empty()) {
        return Err(Refusal::Rule("a milestone needs a title".into()));
    }
    let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
    let old = it.milestones.len();
    it.milestones = milestones.to_vec();
    let h = HistoryEntry {
        field: Some("milestones".into()),
        old: Some(crate::model::text::count(old, "milestone")),
        new: Some(crate::model::text::count(milestones.len(), "milestone")),
        ..HistoryEntry::new("set", Some(item))
    };
    Ok(Applied::new(Touched::item(item), vec![h]))
}

/// Record what was reported for an item for a period.
pub(super) fn record_progress(
    plan: &mut Plan,
    item: &str,
    update: &ProgressUpdate,
) -> Result<Applied, Refusal> {
    if plan.info.period_rank(&update.period).is_none() {
        return Err(missing("reporting period", &update.period));
    }
    if let Some(p) = update.percent
        && !(0.0..=100.0).contains(&p)
    {
        return Err(Refusal::Rule(format!(
            "percent complete {p} is outside 0–100"
        )));
    }
    let info = plan.info.clone();
    let it = plan.item_mut(item).ok_or_else(|| missing("item", item))?;
    if !it.children.is_empty() {
        return Err(Refusal::Rule(format!(
            "{:?} takes its figures from its children: record progress on them, or override it with a reason",
            it.title
        )));
    }
    let shown = |u: &ProgressUpdate| progress_text(&info, u);
    // What the period showed before: its own update, or the figures it had
    // from earlier ones.
    let old = Some(shown(&it.update_at(
        &info,
        &update.period,
        None,
        None,
        None,
    )));
    it.record_update(update.clone(), &info);
    let h = HistoryEntry {
        field: Some(format!("progress {}", update.period)),
        old,
        new: Some(shown(update)),
        reason: update.note.clone(),
        ..HistoryEntry::new("progress", Some(item))
    };
    Ok(Applied::new(Touched::item(item), vec![h]))
}

/// The one way a typed status or percent complete becomes an edit: the
/// progress recorded for `period` with that figure changed and the rest as
/// the period stands (its note kept). Every client — the command line, the
/// window, table imports — builds its figure edits here.
pub fn figure_edit(
    plan: &Plan,
    item: &str,
    period: &str,
    field: ItemField,
    text: &str,
) -> Result<super::Command, Refusal> {
    let it = plan.item(item).ok_or_else(|| missing("item", item))?;
    if plan.info.period_rank(period).is_none() {
        return Err(missing("reporting period", period));
    }
    let refused = |message: String| Refusal::Field {
        item: item.to_owned(),
        field,
        message,
    };
    let (status, percent) = match field {
        ItemField::Status => (
            Some(
                crate::model::fields::parse_status(&plan.info, text)
                    .map_err(|e| refused(e.to_string()))?,
            ),
            None,
        ),
        ItemField::Percent => (
            None,
            Some(crate::model::fields::parse_percent(text).map_err(|e| refused(e.to_string()))?),
        ),
        _ => {
            return Err(refused(format!(
                "{} is not a figure recorded for a period",
                field.label()
            )));
        }
    };
    Ok(super::Command::RecordProgress {
        item: item.to_owned(),
        update: it.update_at(&plan.info, period, status, percent, None),
    })
}

/// An update in words for the history: "At risk, 45%: vendor slipped".
pub fn progress_text(info: &crate::model::PlanInfo, u: &ProgressUpdate) -> String {
    let mut text = info.status_label(u.status).to_owned();
    if u.percent.is_some() {
        text += &format!(", {}", crate::model::text::percent_text(u.percent));
    }
    if !u.note.is_empty() {
        text += &format!(": {}", u.note);
    }
    text
}
