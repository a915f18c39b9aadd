//! The review of returned requests: per owner, each proposed change old →
//! new, conflicts where the plan changed since the request was sent (both
//! values kept), and problems that stop the merge. What the analyst
//! accepts becomes one [`Merge`] edit.

use chrono::NaiveDate;

use super::read::{self, Problem, Sheet};
use super::write::{item_values, kpi_values};
use super::{ITEMS_SHEET, KPIS_SHEET, META_SHEET, RequestError, items_col, kpis_col, number_text};
use crate::command::requests::{Accepted, Merge, MergedRequest};
use crate::model::{Plan, PlanInfo, StatusKind, UpdateRequest};

/// What a row changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Item(String),
    Kpi(String),
}

/// Which input a change is to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Status,
    Percent,
    Note,
    Due,
    Value,
    Comment,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Percent => "percent",
            Self::Note => "note",
            Self::Due => "due date",
            Self::Value => "value",
            Self::Comment => "comment",
        }
    }
}

/// A typed new value.
#[derive(Clone, Debug, PartialEq)]
pub enum NewValue {
    Status(StatusKind),
    Number(Option<f64>),
    Text(String),
    Date(Option<NaiveDate>),
}

/// One field changed by the owner: the value sent, the plan's value now
/// and the owner's, as people read them.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub field: Field,
    pub sent: String,
    pub now: String,
    pub new: String,
    pub value: NewValue,
}

impl Change {
    /// The plan changed this field after the request was sent.
    pub fn conflict(&self) -> bool {
        self.sent != self.now
    }
}

/// A returned row with at least one change.
#[derive(Clone, Debug, PartialEq)]
pub struct RowChange {
    pub sheet: &'static str,
    /// The spreadsheet row (1-based).
    pub row: u32,
    pub target: Target,
    /// "2.1.3 Replace permits system" or the KPI's name.
    pub label: String,
    pub changes: Vec<Change>,
}

impl RowChange {
    pub fn conflict(&self) -> bool {
        self.changes.iter().any(Change::conflict)
    }
}

/// One returned request, read and compared with the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Returned {
    pub file: String,
    pub request: String,
    /// The owner (or department) it went to: the author of its figures.
    pub to: String,
    pub period: String,
    pub rows: Vec<RowChange>,
    /// Rows sent and returned unchanged.
    pub unchanged: usize,
}

/// Everything dropped at once: what can be merged, and what stops it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub returned: Vec<Returned>,
    pub problems: Vec<Problem>,
}

/// A value as the review shows it: a status key as the plan's label,
/// blank as "—".
fn shown(info: &PlanInfo, field: Field, text: &str) -> String {
    if text.is_empty() {
        return "—".into();
    }
    match (field, StatusKind::parse(text)) {
        (Field::Status, Some(k)) => info.status_label(k).to_owned(),
        _ => text.to_owned(),
    }
}

impl Review {
    /// Reads each returned file (name, bytes) against `plan`.
    pub fn build(plan: &Plan, files: &[(String, Vec<u8>)]) -> Self {
        let mut review = Self::default();
        for (name, bytes) in files {
            match read_returned(plan, name, bytes) {
                Ok(r) => {
                    if let Some(first) = review.returned.iter().find(|o| o.request == r.request) {
                        review.problems.push(Problem {
                            file: name.clone(),
                            sheet: META_SHEET.into(),
                            row: None,
                            column: None,
                            message: format!(
                                "is request {} again, already dropped as {}; merge each request once",
                                r.request, first.file
                            ),
                        });
                    } else {
                        review.returned.push(r);
                    }
                }
                Err(problems) => review.problems.extend(problems),
            }
        }
        review
    }

    /// Rows that conflict with the plan.
    pub fn conflicts(&self) -> usize {
        self.returned
            .iter()
            .flat_map(|r| &r.rows)
            .filter(|r| r.conflict())
            .count()
    }

    /// The accepted rows as one edit: `accept(file, row)` says which rows
    /// of which returned file the analyst accepted. Refused while there
    /// are problems, or when nothing was returned.
    pub fn merge(
        &self,
        plan: &Plan,
        accept: &dyn Fn(usize, usize) -> bool,
        accepted_by: &str,
        at: &str,
    ) -> Result<Merge, RequestError> {
        if !self.problems.is_empty() {
            return Err(RequestError::Problems {
                problems: crate::model::text::count(self.problems.len(), "problem"),
            });
        }
        if self.returned.is_empty() {
            return Err(RequestError::NothingReturned);
        }
        let mut requests = Vec::new();
        for (i, r) in self.returned.iter().enumerate() {
            let mut changes = Vec::new();
            let mut accepted = 0;
            for (j, row) in r.rows.iter().enumerate() {
                if !accept(i, j) {
                    continue;
                }
                accepted += 1;
                changes.extend(accepted_row(plan, &r.period, row)?);
            }
            requests.push(MergedRequest {
                request: r.request.clone(),
                author: r.to.clone(),
                changes,
                accepted,
                rejected: r.rows.len() - accepted,
            });
        }
        Ok(Merge {
            accepted_by: accepted_by.to_owned(),
            at: at.to_owned(),
            requests,
        })
    }
}

/// The edits one accepted row makes.
fn accepted_row(plan: &Plan, period: &str, row: &RowChange) -> Result<Vec<Accepted>, RequestError> {
    let mut out = Vec::new();
    match &row.target {
        Target::Item(id) => {
            let item = plan.item(id).ok_or_else(|| RequestError::Gone {
                label: row.label.clone(),
            })?;
            let (mut status, mut percent, mut note) = (None, None, None);
            for c in &row.changes {
                match (&c.field, &c.value) {
                    (Field::Status, NewValue::Status(k)) => status = Some(*k),
                    (Field::Percent, NewValue::Number(p)) => percent = Some(*p),
                    (Field::Note, NewValue::Text(t)) => note = Some(t.clone()),
                    (Field::Due, NewValue::Date(d)) => out.push(Accepted::Due {
                        item: id.clone(),
                        due: *d,
                    }),
                    _ => {}
                }
            }
            if status.is_some() || percent.is_some() || note.is_some() {
                let update = item.update_at(&plan.info, period, status, percent, note);
                out.push(Accepted::Progress {
                    item: id.clone(),
                    update,
                });
            }
        }
        Target::Kpi(id) => {
            let kpi = plan
                .kpis
                .iter()
                .find(|k| k.id == *id)
                .ok_or_else(|| RequestError::Gone {
                    label: row.label.clone(),
                })?;
            let m = kpi.measurements.iter().find(|m| m.period == period);
            let mut value = m.and_then(|m| m.value);
            let mut comment = m.map(|m| m.comment.clone()).unwrap_or_default();
            for c in &row.changes {
                match (&c.field, &c.value) {
                    (Field::Value, NewValue::Number(v)) => value = *v,
                    (Field::Comment, NewValue::Text(t)) => comment.clone_from(t),
                    _ => {}
                }
            }
            out.push(Accepted::Measurement {
                kpi: id.clone(),
                period: period.to_owned(),
                value,
                comment,
            });
        }
    }
    Ok(out)
}

/// Reads one returned file and compares it with the plan.
pub fn read_returned(plan: &Plan, file: &str, bytes: &[u8]) -> Result<Returned, Vec<Problem>> {
    let opened = read::open(file, bytes).map_err(|p| vec![p])?;
    let problem =
        |sheet: &str, row: Option<u32>, column: Option<String>, message: String| Problem {
            file: file.to_owned(),
            sheet: sheet.to_owned(),
            row,
            column,
            message,
        };
    let Some(request) = plan.request(&opened.request) else {
        return Err(vec![problem(
            META_SHEET,
            None,
            None,
            format!(
                "request {:?} is not in this plan's register: the file was not sent from this plan",
                opened.request
            ),
        )]);
    };
    if let Some(at) = &request.merged_at {
        return Err(vec![problem(
            META_SHEET,
            None,
            None,
            format!(
                "request {} ({}) was already merged on {} by {}; a request is merged once",
                request.id,
                request.to,
                UpdateRequest::day(at),
                request.merged_by
            ),
        )]);
    }
    if opened.period != request.period {
        return Err(vec![problem(
            META_SHEET,
            None,
            None,
            format!(
                "says period {:?} but request {} was for {}",
                opened.period, request.id, request.period
            ),
        )]);
    }
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut unchanged = 0;
    let period = request.period.as_str();
    for sent in &opened.sent {
        let (sheet, name) = match sent.sheet.as_str() {
            ITEMS_SHEET => (opened.items.as_ref(), ITEMS_SHEET),
            KPIS_SHEET => (opened.kpis.as_ref(), KPIS_SHEET),
            other => {
                problems.push(problem(
                    META_SHEET,
                    None,
                    None,
                    format!("names a sheet {other:?} that a request does not have"),
                ));
                continue;
            }
        };
        let Some(sheet) = sheet else {
            if !problems.iter().any(|p| p.sheet == name && p.row.is_none()) {
                problems.push(problem(
                    name,
                    None,
                    None,
                    "the sheet is missing (was it renamed or deleted?)".into(),
                ));
            }
            continue;
        };
        let r = sent.row.saturating_sub(1);
        let key_col = if name == ITEMS_SHEET {
            items_col::CODE
        } else {
            kpis_col::NAME
        };
        let got = read::note(sheet.get(r, key_col));
        if got != sent.code {
            problems.push(problem(
                name,
                Some(sent.row),
                Some(sheet.column(key_col)),
                format!(
                    "holds {got:?} but {:?} was sent in this row; rows must not be moved, sorted or deleted",
                    sent.code
                ),
            ));
            continue;
        }
        let mut cell_problem = |col: u16, message: String| {
            problems.push(problem(
                name,
                Some(sent.row),
                Some(sheet.column(col)),
                message,
            ));
        };
        let row = if name == ITEMS_SHEET {
            item_row(plan, period, sheet, sent, &mut cell_problem)
        } else {
            kpi_row(plan, period, sheet, sent, &mut cell_problem)
        };
        match row {
            Some(row) if !row.changes.is_empty() => rows.push(row),
            Some(_) => unchanged += 1,
            None => {}
        }
    }
    if problems.is_empty() {
        Ok(Returned {
            file: file.to_owned(),
            request: request.id.clone(),
            to: request.to.clone(),
            period: period.to_owned(),
            rows,
            unchanged,
        })
    } else {
        Err(problems)
    }
}

/// Adds a change when the owner's value differs from the one sent, and
/// the plan does not already hold it.
fn push(
    info: &PlanInfo,
    changes: &mut Vec<Change>,
    field: Field,
    sent: &str,
    now: &str,
    new: &str,
    value: NewValue,
) {
    if new != sent && new != now {
        changes.push(Change {
            field,
            sent: shown(info, field, sent),
            now: shown(info, field, now),
            new: shown(info, field, new),
            value,
        });
    }
}

fn item_row(
    plan: &Plan,
    period: &str,
    sheet: &Sheet,
    sent: &read::Sent,
    bad: &mut dyn FnMut(u16, String),
) -> Option<RowChange> {
    let r = sent.row.saturating_sub(1);
    let info = &plan.info;
    let status = read::status(info, sheet.get(r, items_col::STATUS))
        .map_err(|e| bad(items_col::STATUS, e.to_string()))
        .ok();
    let percent = read::percent(sheet, r, items_col::PERCENT)
        .map_err(|e| bad(items_col::PERCENT, e.to_string()))
        .ok();
    let due = read::date(sheet.get(r, items_col::DUE))
        .map_err(|e| bad(items_col::DUE, e.to_string()))
        .ok();
    let note = read::note(sheet.get(r, items_col::NOTE));
    let Some(item) = plan.item(&sent.id) else {
        bad(
            items_col::CODE,
            format!(
                "{} was deleted from the plan after the request was sent",
                sent.code
            ),
        );
        return None;
    };
    let (status, percent, due) = (status?, percent?, due?);
    let now = item_values(item, period);
    let s = &sent.values;
    let mut changes = Vec::new();
    // A blank status keeps the one recorded: there is no "no status".
    // A period with nothing recorded shows "Not started", so a percent or
    // note recorded since (which records "Not started" with it) has not
    // changed the status sent.
    let status_now = if s[0].is_empty() && now[0] == StatusKind::NotStarted.key() {
        ""
    } else {
        now[0].as_str()
    };
    if let Some(k) = status {
        push(
            info,
            &mut changes,
            Field::Status,
            &s[0],
            status_now,
            k.key(),
            NewValue::Status(k),
        );
    }
    push(
        info,
        &mut changes,
        Field::Percent,
        &s[1],
        &now[1],
        &number_text(percent),
        NewValue::Number(percent),
    );
    push(
        info,
        &mut changes,
        Field::Note,
        &s[2],
        &now[2],
        &note,
        NewValue::Text(note.clone()),
    );
    push(
        info,
        &mut changes,
        Field::Due,
        &s[3],
        &now[3],
        &due.map(|d| d.to_string()).unwrap_or_default(),
        NewValue::Date(due),
    );
    Some(RowChange {
        sheet: ITEMS_SHEET,
        row: sent.row,
        target: Target::Item(item.id.clone()),
        label: format!("{} {}", sent.code, item.title),
        changes,
    })
}

fn kpi_row(
    plan: &Plan,
    period: &str,
    sheet: &Sheet,
    sent: &read::Sent,
    bad: &mut dyn FnMut(u16, String),
) -> Option<RowChange> {
    let r = sent.row.saturating_sub(1);
    let value = read::number(sheet.get(r, kpis_col::VALUE))
        .map_err(|e| bad(kpis_col::VALUE, e.to_string()))
        .ok();
    let comment = read::note(sheet.get(r, kpis_col::COMMENT));
    let Some(kpi) = plan.kpis.iter().find(|k| k.id == sent.id) else {
        bad(
            kpis_col::NAME,
            format!(
                "the KPI {:?} was deleted from the plan after the request was sent",
                sent.code
            ),
        );
        return None;
    };
    let value = value?;
    let now = kpi_values(kpi, period);
    let s = &sent.values;
    let mut changes = Vec::new();
    let info = &plan.info;
    push(
        info,
        &mut changes,
        Field::Value,
        &s[4],
        &now[0],
        &number_text(value),
        NewValue::Number(value),
    );
    push(
        info,
        &mut changes,
        Field::Comment,
        &s[5],
        &now[1],
        &comment,
        NewValue::Text(comment.clone()),
    );
    Some(RowChange {
        sheet: KPIS_SHEET,
        row: sent.row,
        target: Target::Kpi(kpi.id.clone()),
        label: kpi.name.clone(),
        changes,
    })
}
