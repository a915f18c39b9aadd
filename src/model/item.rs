//! Items of the plan tree: goals, objectives, initiatives (whatever the plan
//! calls its levels).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Invalid;
use super::info::PlanInfo;
use super::progress::ProgressUpdate;
use super::status::StatusKind;

/// Phoenix splits initiatives into short-term (0–2 years) and long-term
/// (3–5 years).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Short,
    Long,
}

impl Term {
    pub fn label(self) -> &'static str {
        match self {
            Self::Short => "Short-term",
            Self::Long => "Long-term",
        }
    }
}

/// A dated milestone of an item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

/// A dated progress note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressNote {
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    pub text: String,
}

/// A person's override of a derived status or percent. The reason is
/// required and printed on report cards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
}

/// One node of the plan tree. Its place in the tree (parents, children,
/// code) lives in [`super::Plan`], because an item can sit under several
/// parents.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stable identifier, unique in the plan.
    pub id: String,
    /// Index into the plan's level names (0 = top level).
    pub level: usize,
    pub title: String,
    /// Other wordings of the title found in the source.
    pub alt_titles: Vec<String>,
    pub description: String,
    pub term: Option<Term>,
    pub owner: String,
    pub department: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub budget_planned: Option<f64>,
    pub budget_actual: Option<f64>,
    /// Weight among its siblings in roll-ups (default 1).
    pub weight: f64,
    pub milestones: Vec<Milestone>,
    pub notes: Vec<ProgressNote>,
    /// Where the text came from, and any defect of the source
    /// (e.g. "truncated in the published plan").
    pub source_note: String,
    pub override_: Option<Override>,
    /// What was reported per reporting period, in time order: the one home
    /// of the item's status, percent complete and progress note. Its
    /// current figures are the last one's ([`Item::status`],
    /// [`Item::percent`]), never stored apart (see [`super::progress`]).
    pub updates: Vec<super::progress::ProgressUpdate>,
    /// Ordered child ids.
    pub children: Vec<String>,
}

impl Item {
    /// A new item with default fields.
    pub fn new(id: impl Into<String>, level: usize, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            level,
            title: title.into(),
            alt_titles: Vec::new(),
            description: String::new(),
            term: None,
            owner: String::new(),
            department: String::new(),
            start: None,
            due: None,
            budget_planned: None,
            budget_actual: None,
            weight: 1.0,
            milestones: Vec::new(),
            notes: Vec::new(),
            source_note: String::new(),
            override_: None,
            updates: Vec::new(),
            children: Vec::new(),
        }
    }
}

impl Item {
    /// The item's current status: its latest period's, or Not started when
    /// nothing was ever recorded. Derived, never stored apart.
    pub fn status(&self) -> StatusKind {
        self.updates
            .last()
            .map_or(StatusKind::NotStarted, |u| u.status)
    }

    /// The item's current percent complete: its latest period's (`None`
    /// when nobody has said).
    pub fn percent(&self) -> Option<f64> {
        self.updates.last().and_then(|u| u.percent)
    }

    /// The status and percent complete as of the last of `periods` (labels
    /// in time order): the latest update among them. Before its first
    /// update an item had not started.
    pub fn figures_at(&self, periods: &[&str]) -> (StatusKind, Option<f64>) {
        periods
            .iter()
            .rev()
            .find_map(|p| self.updates.iter().find(|u| u.period == *p))
            .map_or((StatusKind::NotStarted, None), |u| (u.status, u.percent))
    }

    /// The update for `period`, if one was recorded.
    pub fn update_for(&self, period: &str) -> Option<&ProgressUpdate> {
        self.updates.iter().find(|u| u.period == period)
    }

    /// Records (or replaces) the update for its period and keeps the
    /// updates in time order. The one place an item's figures change:
    /// every command that records progress comes here.
    pub fn record_update(&mut self, update: ProgressUpdate, info: &PlanInfo) {
        self.updates.retain(|u| u.period != update.period);
        self.updates.push(update);
        let rank = |u: &ProgressUpdate| info.period_rank(&u.period).unwrap_or(usize::MAX);
        self.updates.sort_by_key(rank);
    }

    /// Takes a status and percent given without a period (a hand-written
    /// document, or a file from before progress was kept per period) as
    /// the plan's first period's, which every card reads the same. Nothing
    /// to take (not started, no percent) records nothing; an item that
    /// already has updates keeps them. Refused when there is a figure but
    /// the plan has no period to hold it.
    pub fn adopt_undated(
        &mut self,
        info: &PlanInfo,
        status: StatusKind,
        percent: Option<f64>,
    ) -> Result<(), Invalid> {
        if !self.updates.is_empty() || (status == StatusKind::NotStarted && percent.is_none()) {
            return Ok(());
        }
        let Some(first) = info.first_period() else {
            return Err(Invalid(format!(
                "{:?} has a status or percent complete but the plan has no reporting periods to record it for; add the plan's periods first",
                self.title
            )));
        };
        let update = ProgressUpdate {
            period: first.label.clone(),
            status,
            percent,
            note: String::new(),
        };
        self.record_update(update, info);
        Ok(())
    }

    /// An update for `period` changing only what is given; the rest is the
    /// item's figures as of that period, and the note recorded for it.
    pub fn update_at(
        &self,
        info: &PlanInfo,
        period: &str,
        status: Option<StatusKind>,
        percent: Option<Option<f64>>,
        note: Option<String>,
    ) -> ProgressUpdate {
        let (was_status, was_percent) = self.figures_at(&info.periods_up_to(Some(period)));
        ProgressUpdate {
            period: period.to_owned(),
            status: status.unwrap_or(was_status),
            percent: percent.unwrap_or(was_percent),
            note: note
                .or_else(|| self.update_for(period).map(|u| u.note.clone()))
                .unwrap_or_default()
                .trim()
                .to_owned(),
        }
    }
}
