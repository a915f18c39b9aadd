//! The update-request commands: sending requests (adding them to the
//! register) and merging what owners returned, as one edit whose history
//! names the owner as author and the request it came from.

use chrono::NaiveDate;

use crate::model::fields::ItemField;
use crate::model::{Plan, ProgressUpdate, UpdateRequest};
use crate::store::{HistoryEntry, Touched};

use super::{Applied, Refusal, items, kpis, missing};

/// What an analyst accepted from returned update requests: one edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// Who accepted the figures (recorded in the register).
    pub accepted_by: String,
    /// When (RFC 3339, UTC).
    pub at: String,
    pub requests: Vec<MergedRequest>,
}

/// The rows accepted from one returned request.
#[derive(Clone, Debug, PartialEq)]
pub struct MergedRequest {
    pub request: String,
    /// Who wrote the figures: the owner the request went to.
    pub author: String,
    pub changes: Vec<Accepted>,
    /// How many of the rows the owner changed were accepted and rejected.
    pub accepted: usize,
    pub rejected: usize,
}

/// One accepted change.
#[derive(Clone, Debug, PartialEq)]
pub enum Accepted {
    /// This period's status, percent and note for an item.
    Progress {
        item: String,
        update: ProgressUpdate,
    },
    /// An item's due date.
    Due {
        item: String,
        due: Option<NaiveDate>,
    },
    /// A KPI's value and comment for the period.
    Measurement {
        kpi: String,
        period: String,
        value: Option<f64>,
        comment: String,
    },
}

impl Accepted {
    /// The period whose figures it changes, if any (for locks).
    pub fn period(&self) -> Option<&str> {
        match self {
            Self::Progress { update, .. } => Some(&update.period),
            Self::Measurement { period, .. } => Some(period),
            Self::Due { .. } => None,
        }
    }
}

impl Merge {
    /// The parts of the plan it changes.
    pub fn footprint(&self) -> Touched {
        let mut t = Touched {
            requests: true,
            ..Touched::default()
        };
        for change in self.requests.iter().flat_map(|r| &r.changes) {
            match change {
                Accepted::Progress { item, .. } | Accepted::Due { item, .. } => {
                    if !t.items.contains(item) {
                        t.items.push(item.clone());
                    }
                }
                Accepted::Measurement { kpi, .. } => {
                    if !t.kpis.contains(kpi) {
                        t.kpis.push(kpi.clone());
                    }
                }
            }
        }
        t
    }
}

/// Refuses a request that is not in the register or was merged already.
pub fn check_open(plan: &Plan, id: &str) -> Result<(), Refusal> {
    let request = plan
        .request(id)
        .ok_or_else(|| missing("update request", id))?;
    match &request.merged_at {
        Some(at) => Err(Refusal::Rule(format!(
            "update request {id} ({}) was already merged on {} by {}; a request is merged once",
            request.to,
            UpdateRequest::day(at),
            request.merged_by
        ))),
        None => Ok(()),
    }
}

/// Applies [`super::Command::RegisterRequests`].
pub(super) fn register(plan: &mut Plan, requests: &[UpdateRequest]) -> Result<Applied, Refusal> {
    if requests.is_empty() {
        return Err(Refusal::Rule(
            "there are no update requests to record".into(),
        ));
    }
    let mut history = Vec::new();
    for r in requests {
        if plan.info.period_index(&r.period).is_none() {
            return Err(missing("reporting period", &r.period));
        }
        if plan.request(&r.id).is_some() {
            return Err(Refusal::Rule(format!(
                "the register already has an update request {}",
                r.id
            )));
        }
        plan.requests.push(r.clone());
        history.push(HistoryEntry {
            field: Some(format!("request {}", r.period)),
            new: Some(format!(
                "sent to {}: {} rows, file {}",
                r.to,
                r.rows(),
                r.file
            )),
            request: r.id.clone(),
            ..HistoryEntry::new("request updates", None)
        });
    }
    Ok(Applied::new(
        Touched {
            requests: true,
            ..Touched::default()
        },
        history,
    ))
}

/// Applies [`super::Command::MergeUpdates`].
pub(super) fn merge(plan: &mut Plan, merge: &Merge) -> Result<Applied, Refusal> {
    if merge.requests.is_empty() {
        return Err(Refusal::Rule(
            "there are no returned requests to merge".into(),
        ));
    }
    let mut touched = Touched {
        requests: true,
        ..Touched::default()
    };
    let mut history = Vec::new();
    for m in &merge.requests {
        check_open(plan, &m.request)?;
        if merge
            .requests
            .iter()
            .filter(|o| o.request == m.request)
            .count()
            > 1
        {
            return Err(Refusal::Rule(format!(
                "update request {} was returned twice in one merge",
                m.request
            )));
        }
        history.push(HistoryEntry {
            field: Some("request".into()),
            new: Some(format!("{} accepted, {} rejected", m.accepted, m.rejected)),
            author: m.author.clone(),
            request: m.request.clone(),
            ..HistoryEntry::new("merge updates", None)
        });
        for change in &m.changes {
            let applied = match change {
                Accepted::Progress { item, update } => items::record_progress(plan, item, update)?,
                Accepted::Due { item, due } => items::set_field(
                    plan,
                    item,
                    ItemField::Due,
                    &due.map(|d| d.to_string()).unwrap_or_default(),
                )?,
                Accepted::Measurement {
                    kpi,
                    period,
                    value,
                    comment,
                } => kpis::set_measurement(plan, kpi, period, *value, comment)?,
            };
            touched = touched.merge(applied.touched);
            history.extend(applied.history.into_iter().map(|h| HistoryEntry {
                author: m.author.clone(),
                request: m.request.clone(),
                ..h
            }));
        }
        if let Some(r) = plan.requests.iter_mut().find(|r| r.id == m.request) {
            r.merged_at = Some(merge.at.clone());
            r.merged_by.clone_from(&merge.accepted_by);
            r.accepted = m.accepted;
            r.rejected = m.rejected;
        }
    }
    Ok(Applied::new(touched, history))
}
