//! Items of the plan tree: goals, objectives, initiatives (whatever the plan
//! calls its levels).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
