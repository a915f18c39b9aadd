//! How the meeting commands change a plan: planning a meeting, starting
//! and ending it (noting where each agenda item stood), and recording
//! decisions and action items. Called from [`crate::command::Command::apply`].

use chrono::NaiveDate;

use crate::model::{ActionItem, AgendaEntry, Decision, Meeting, Plan, Tree};
use crate::rules::agenda::standing;
use crate::rules::rollup::roll_up;
use crate::store::{HistoryEntry, Touched};

use super::{Applied, Refusal};

type Edit = Result<Applied, Refusal>;

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The history action of starting a meeting.
pub const STARTED: &str = "start meeting";
/// The history action of ending a meeting.
pub const ENDED: &str = "end meeting";

/// The history field naming the meeting a row belongs to.
pub fn history_field(meeting: &str) -> String {
    format!("meeting {meeting}")
}

/// Whether a history row records a meeting (its start, end, decisions or
/// action items) rather than an edit of the plan.
pub fn is_meeting_record(entry: &HistoryEntry) -> bool {
    entry
        .field
        .as_deref()
        .is_some_and(|f| f.starts_with("meeting "))
}

fn history(action: &str, item: Option<&str>, meeting: &str) -> HistoryEntry {
    HistoryEntry {
        action: action.into(),
        item: item.map(str::to_owned),
        field: Some(history_field(meeting)),
        ..HistoryEntry::default()
    }
}

fn find<'a>(plan: &'a mut Plan, id: &str) -> Result<&'a mut Meeting, Refusal> {
    plan.meeting_mut(id).ok_or_else(|| Refusal::Missing {
        what: "meeting",
        id: id.to_owned(),
    })
}

/// Notes each agenda entry's code, title and standing (before or after)
/// as the plan stands now; `only_missing` leaves entries already noted.
fn note_standings(plan: &mut Plan, id: &str, after: bool, only_missing: bool) {
    let Some(period) = plan.meeting(id).map(|m| m.period.clone()) else {
        return;
    };
    let rollup = roll_up(plan, Some(&period));
    let tree = Tree::build(plan);
    let noted: Vec<(String, String, String, Option<crate::model::Standing>)> = plan
        .meeting(id)
        .map(|m| {
            m.agenda
                .iter()
                .filter_map(|e| {
                    let pos = plan.position(&e.item)?;
                    Some((
                        e.item.clone(),
                        tree.code_of(pos).unwrap_or("").to_owned(),
                        plan.items()[pos].title.clone(),
                        standing(plan, &rollup, pos),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let Some(m) = plan.meeting_mut(id) else {
        return;
    };
    for (item, code, title, now) in noted {
        let Some(e) = m.agenda.iter_mut().find(|e| e.item == item) else {
            continue;
        };
        if e.code.is_empty() || e.title.is_empty() {
            e.code = code;
            e.title = title;
        }
        let slot = if after { &mut e.after } else { &mut e.before };
        if !(only_missing && slot.is_some()) {
            *slot = now;
        }
    }
}

/// Adds a meeting, or changes one's title, date, period, attendees and
/// agenda. Decisions, action items and times are kept from the stored
/// meeting; an agenda item with decisions or action items stays.
pub fn put(plan: &mut Plan, new: &Meeting) -> Edit {
    let mut new = new.clone();
    new.title = new.title.trim().to_owned();
    new.attendees = new
        .attendees
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if new.title.is_empty() {
        return Err(Refusal::Rule("a meeting needs a title".into()));
    }
    if plan.info.period_index(&new.period).is_none() {
        return Err(Refusal::Rule(format!(
            "{:?} is not a reporting period of the plan",
            new.period
        )));
    }
    for e in &new.agenda {
        if plan.item(&e.item).is_none()
            && plan
                .meeting(&new.id)
                .and_then(|m| m.entry(&e.item))
                .is_none()
        {
            return Err(Refusal::Rule(format!(
                "there is no item {:?} to put on the agenda",
                e.item
            )));
        }
    }
    let h;
    match plan.meeting(&new.id).cloned() {
        Some(old) => {
            for e in &old.agenda {
                let kept = new.agenda.iter().any(|n| n.item == e.item);
                let used = old.decisions_on(&e.item).next().is_some()
                    || old.actions_on(&e.item).next().is_some();
                if !kept && used {
                    return Err(Refusal::Rule(format!(
                        "{} has decisions or action items on it; remove them before taking it off the agenda",
                        if e.title.is_empty() {
                            &e.item
                        } else {
                            &e.title
                        }
                    )));
                }
            }
            // Keep what was noted for entries that stay.
            for e in &mut new.agenda {
                if let Some(o) = old.entry(&e.item) {
                    *e = o.clone();
                }
            }
            new.started_at = old.started_at.clone();
            new.ended_at = old.ended_at.clone();
            new.decisions = old.decisions.clone();
            new.actions = old.actions.clone();
            h = HistoryEntry {
                old: Some(summary(&old)),
                new: Some(summary(&new)),
                ..history("edit meeting", None, &new.id)
            };
            let started = new.started_at.is_some();
            let id = new.id.clone();
            if let Some(slot) = plan.meeting_mut(&id) {
                *slot = new;
            }
            if started {
                note_standings(plan, &id, false, true);
            }
        }
        None => {
            if new.id.trim().is_empty() {
                new.id = plan.fresh_meeting_id("meeting-");
            }
            new.started_at = None;
            new.ended_at = None;
            new.decisions.clear();
            new.actions.clear();
            new.agenda = new
                .agenda
                .iter()
                .map(|e| AgendaEntry::new(&e.item))
                .collect();
            h = HistoryEntry {
                new: Some(summary(&new)),
                ..history("plan meeting", None, &new.id)
            };
            plan.meetings.push(new);
        }
    }
    Ok(Applied::new(Touched::meetings(), vec![h]))
}

fn summary(m: &Meeting) -> String {
    format!(
        "{} on {} ({}), {}, attendees: {}",
        m.title,
        m.date,
        m.period,
        crate::model::text::count(m.agenda.len(), "agenda item"),
        if m.attendees.is_empty() {
            "none listed".to_owned()
        } else {
            m.attendees.join(", ")
        }
    )
}

pub fn delete(plan: &mut Plan, id: &str) -> Edit {
    let m = plan.meeting(id).cloned().ok_or_else(|| Refusal::Missing {
        what: "meeting",
        id: id.to_owned(),
    })?;
    plan.meetings.retain(|x| x.id != id);
    let h = HistoryEntry {
        old: Some(summary(&m)),
        ..history("delete meeting", None, id)
    };
    Ok(Applied::new(Touched::meetings(), vec![h]))
}

/// Starts a meeting: notes the time and where each agenda item stands.
/// Starting a meeting already started changes nothing but is not an error
/// (the presentation resumes it).
pub fn start(plan: &mut Plan, id: &str) -> Edit {
    let m = find(plan, id)?;
    if m.agenda.is_empty() {
        return Err(Refusal::Rule(
            "the meeting has nothing on its agenda yet".into(),
        ));
    }
    if m.started_at.is_none() {
        m.started_at = Some(now());
    }
    note_standings(plan, id, false, true);
    Ok(Applied::new(
        Touched::meetings(),
        vec![history(STARTED, None, id)],
    ))
}

/// Ends a meeting: notes the time and where each agenda item stands now
/// (ending it again brings both up to date).
pub fn end(plan: &mut Plan, id: &str) -> Edit {
    let m = find(plan, id)?;
    if m.started_at.is_none() {
        return Err(Refusal::Rule("the meeting has not started".into()));
    }
    m.ended_at = Some(now());
    note_standings(plan, id, true, false);
    Ok(Applied::new(
        Touched::meetings(),
        vec![history(ENDED, None, id)],
    ))
}

fn on_agenda<'a>(
    plan: &'a mut Plan,
    meeting: &str,
    item: &str,
) -> Result<&'a mut Meeting, Refusal> {
    let m = find(plan, meeting)?;
    if m.entry(item).is_none() {
        return Err(Refusal::Rule(format!(
            "item {item:?} is not on the agenda of {}",
            m.title
        )));
    }
    Ok(m)
}

pub fn add_decision(plan: &mut Plan, meeting: &str, item: &str, text: &str) -> Edit {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::Rule("write what was decided".into()));
    }
    on_agenda(plan, meeting, item)?.decisions.push(Decision {
        item: item.to_owned(),
        text: text.to_owned(),
    });
    let h = HistoryEntry {
        new: Some(text.to_owned()),
        ..history("decision", Some(item), meeting)
    };
    Ok(Applied::new(Touched::meetings(), vec![h]))
}

pub fn remove_decision(plan: &mut Plan, meeting: &str, index: usize) -> Edit {
    let m = find(plan, meeting)?;
    if index >= m.decisions.len() {
        return Err(Refusal::Rule("there is no such decision".into()));
    }
    let d = m.decisions.remove(index);
    let h = HistoryEntry {
        old: Some(d.text),
        ..history("remove decision", Some(&d.item), meeting)
    };
    Ok(Applied::new(Touched::meetings(), vec![h]))
}

pub fn add_action(
    plan: &mut Plan,
    meeting: &str,
    item: &str,
    text: &str,
    owner: &str,
    due: Option<NaiveDate>,
) -> Edit {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::Rule("write what is to be done".into()));
    }
    let id = plan.fresh_meeting_id("action-");
    let action = ActionItem {
        id,
        item: item.to_owned(),
        text: text.to_owned(),
        owner: owner.trim().to_owned(),
        due,
        closed: None,
    };
    let h = HistoryEntry {
        new: Some(action_text(&action)),
        ..history("action item", Some(item), meeting)
    };
    on_agenda(plan, meeting, item)?.actions.push(action);
    Ok(Applied::new(Touched::meetings(), vec![h]))
}

/// "Text (owner, due 2025-06-30)".
pub fn action_text(a: &ActionItem) -> String {
    let mut extra = Vec::new();
    if !a.owner.is_empty() {
        extra.push(a.owner.clone());
    }
    if let Some(d) = a.due {
        extra.push(format!("due {d}"));
    }
    if extra.is_empty() {
        a.text.clone()
    } else {
        format!("{} ({})", a.text, extra.join(", "))
    }
}

fn find_action<'a>(plan: &'a mut Plan, id: &str) -> Result<(String, &'a mut ActionItem), Refusal> {
    plan.meetings
        .iter_mut()
        .find_map(|m| {
            let mid = m.id.clone();
            m.actions.iter_mut().find(|a| a.id == id).map(|a| (mid, a))
        })
        .ok_or_else(|| Refusal::Missing {
            what: "action item",
            id: id.to_owned(),
        })
}

/// Closes an action item on `on`, or reopens it (`None`).
pub fn set_closed(plan: &mut Plan, id: &str, on: Option<NaiveDate>) -> Edit {
    let (meeting, a) = find_action(plan, id)?;
    let was = a.closed;
    if was.is_some() == on.is_some() {
        return Err(Refusal::Rule(format!(
            "the action item is already {}",
            if on.is_some() { "closed" } else { "open" }
        )));
    }
    a.closed = on;
    let state = |d: Option<NaiveDate>| d.map_or("open".to_owned(), |d| format!("closed {d}"));
    let h = HistoryEntry {
        old: Some(state(was)),
        new: Some(state(on)),
        ..history(
            if on.is_some() {
                "close action item"
            } else {
                "reopen action item"
            },
            Some(&a.item.clone()),
            &meeting,
        )
    };
    Ok(Applied::new(Touched::meetings(), vec![h]))
}

pub fn remove_action(plan: &mut Plan, id: &str) -> Edit {
    let (meeting, a) = find_action(plan, id)?;
    let (item, text) = (a.item.clone(), action_text(a));
    if let Some(m) = plan.meeting_mut(&meeting) {
        m.actions.retain(|a| a.id != id);
    }
    let h = HistoryEntry {
        old: Some(text),
        ..history("remove action item", Some(&item), &meeting)
    };
    Ok(Applied::new(Touched::meetings(), vec![h]))
}
