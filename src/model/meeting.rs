//! Review meetings: a dated meeting of the CIO office with its attendees,
//! the reporting period under review, an agenda of plan items, and what
//! was decided and who will do what. Kept in the workbench file so the
//! minutes can be printed again at any time.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::invalid::Invalid;
use super::status::StatusKind;

/// Where an agenda item stood: its (rolled-up) status and percent complete.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standing {
    pub status: StatusKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
}

/// One item on a meeting's agenda.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaEntry {
    /// The plan item discussed.
    pub item: String,
    /// The item's code and title when the meeting started, kept so the
    /// minutes still read correctly after the item is renamed or deleted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Where it stood when the meeting started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Standing>,
    /// Where it stood when the meeting ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Standing>,
}

impl AgendaEntry {
    /// An agenda entry for `item`, not yet discussed.
    pub fn new(item: &str) -> Self {
        Self {
            item: item.to_owned(),
            code: String::new(),
            title: String::new(),
            before: None,
            after: None,
        }
    }
}

/// Something the meeting decided about an agenda item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The agenda item it is about.
    pub item: String,
    pub text: String,
}

/// Something someone is to do by a date, recorded against an agenda item.
/// It shows on its item in the workbench until it is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub id: String,
    /// The agenda item it is about.
    pub item: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// The day it was closed; open while `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
}

impl ActionItem {
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

/// A review meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    /// The reporting period under review (a period label of the plan).
    pub period: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaEntry>,
    /// When the meeting was started (RFC 3339, UTC); `None` until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// When the meeting was ended; `None` while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
}

impl Meeting {
    /// A meeting not yet held, with an empty agenda.
    pub fn new(id: &str, title: &str, date: NaiveDate, period: &str) -> Self {
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            date,
            period: period.to_owned(),
            attendees: Vec::new(),
            agenda: Vec::new(),
            started_at: None,
            ended_at: None,
            decisions: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// The agenda entry for `item`, if it is on the agenda.
    pub fn entry(&self, item: &str) -> Option<&AgendaEntry> {
        self.agenda.iter().find(|e| e.item == item)
    }

    /// Decisions recorded against `item`.
    pub fn decisions_on<'a>(&'a self, item: &'a str) -> impl Iterator<Item = &'a Decision> {
        self.decisions.iter().filter(move |d| d.item == item)
    }

    /// Action items recorded against `item`.
    pub fn actions_on<'a>(&'a self, item: &'a str) -> impl Iterator<Item = &'a ActionItem> {
        self.actions.iter().filter(move |a| a.item == item)
    }

    /// "Not held", "In progress" or "Held".
    pub fn state(&self) -> &'static str {
        match (&self.started_at, &self.ended_at) {
            (None, _) => "Not held",
            (Some(_), None) => "In progress",
            (Some(_), Some(_)) => "Held",
        }
    }

    /// Checks the meeting on its own: a title, unique agenda items, and
    /// decisions and action items that belong to agenda items.
    pub fn validate(&self) -> Result<(), Invalid> {
        let name = format!("meeting {:?}", self.id);
        if self.id.trim().is_empty() {
            return Err(Invalid("a meeting has no id".into()));
        }
        if self.title.trim().is_empty() {
            return Err(Invalid(format!("{name} has no title")));
        }
        let mut seen = std::collections::HashSet::new();
        for e in &self.agenda {
            if !seen.insert(e.item.as_str()) {
                return Err(Invalid(format!(
                    "{name}: item {:?} is on the agenda twice",
                    e.item
                )));
            }
            for s in [e.before, e.after].into_iter().flatten() {
                if s.percent.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
                    return Err(Invalid(format!(
                        "{name}: item {:?} has a percent outside 0–100",
                        e.item
                    )));
                }
            }
        }
        for d in &self.decisions {
            if !seen.contains(d.item.as_str()) {
                return Err(Invalid(format!(
                    "{name}: a decision is about {:?}, which is not on the agenda",
                    d.item
                )));
            }
            if d.text.trim().is_empty() {
                return Err(Invalid(format!("{name}: a decision has no text")));
            }
        }
        for a in &self.actions {
            if !seen.contains(a.item.as_str()) {
                return Err(Invalid(format!(
                    "{name}: action item {:?} is about {:?}, which is not on the agenda",
                    a.id, a.item
                )));
            }
            if a.text.trim().is_empty() {
                return Err(Invalid(format!(
                    "{name}: action item {:?} has no text",
                    a.id
                )));
            }
        }
        Ok(())
    }
}
