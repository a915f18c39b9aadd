//! The register of update requests: which spreadsheet went to whom, for
//! which period, when it was due, and whether it came back and was merged
//! (see [`crate::requests`] for the workbooks themselves).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a plan's rows are shared out among requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestBy {
    /// One request per owner of an initiative or KPI.
    #[default]
    Owner,
    /// One request per department.
    Department,
}

impl RequestBy {
    pub fn key(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Department => "department",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "owner" | "owners" => Some(Self::Owner),
            "department" | "departments" | "dept" => Some(Self::Department),
            _ => None,
        }
    }
}

/// One request sent to one owner (or department).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateRequest {
    /// Unique in the plan; written into the workbook's hidden sheet.
    pub id: String,
    /// The reporting period asked about.
    pub period: String,
    /// Who it went to: an owner's or a department's name.
    pub to: String,
    pub by: RequestBy,
    /// The item ids and KPI ids it asked about.
    pub items: Vec<String>,
    pub kpis: Vec<String>,
    /// When it was written (RFC 3339, UTC) and by whom.
    pub sent_at: String,
    pub sent_by: String,
    pub due: Option<NaiveDate>,
    /// The file name written.
    pub file: String,
    /// When it was merged (RFC 3339, UTC), by whom, and how many rows were
    /// accepted and rejected; `None` while outstanding.
    pub merged_at: Option<String>,
    pub merged_by: String,
    pub accepted: usize,
    pub rejected: usize,
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestState {
    /// Sent, not back, not yet due (or no due date).
    Sent,
    /// Sent, not back, and past its due date.
    Outstanding,
    /// Returned and merged (some rows accepted).
    Merged,
    /// Returned and every row rejected.
    Rejected,
}

impl RequestState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Outstanding => "outstanding",
            Self::Merged => "merged",
            Self::Rejected => "rejected",
        }
    }
}

impl UpdateRequest {
    /// Where the request stands on `today`.
    pub fn state(&self, today: NaiveDate) -> RequestState {
        if self.merged_at.is_some() {
            if self.accepted == 0 && self.rejected > 0 {
                RequestState::Rejected
            } else {
                RequestState::Merged
            }
        } else if self.due.is_some_and(|d| d < today) {
            RequestState::Outstanding
        } else {
            RequestState::Sent
        }
    }

    /// How many rows (initiatives and KPIs) it asked about.
    pub fn rows(&self) -> usize {
        self.items.len() + self.kpis.len()
    }

    /// The day part of an RFC 3339 time, for tables.
    pub fn day(time: &str) -> &str {
        time.get(..10).unwrap_or(time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> UpdateRequest {
        UpdateRequest {
            id: "r1".into(),
            period: "FY2026 Q2".into(),
            to: "Dana".into(),
            by: RequestBy::Owner,
            items: vec!["a".into()],
            kpis: Vec::new(),
            sent_at: "2026-01-05T10:00:00Z".into(),
            sent_by: "pmo".into(),
            due: NaiveDate::from_ymd_opt(2026, 1, 20),
            file: "Dana.xlsx".into(),
            merged_at: None,
            merged_by: String::new(),
            accepted: 0,
            rejected: 0,
        }
    }

    #[test]
    fn a_request_is_outstanding_after_its_due_date_until_merged() {
        let mut r = request();
        let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).expect("day");
        assert_eq!(r.state(day(20)), RequestState::Sent);
        assert_eq!(r.state(day(21)), RequestState::Outstanding);
        r.merged_at = Some("2026-01-22T09:00:00Z".into());
        r.rejected = 1;
        assert_eq!(r.state(day(22)), RequestState::Rejected);
        r.accepted = 1;
        assert_eq!(r.state(day(22)), RequestState::Merged);
        assert_eq!(UpdateRequest::day(&r.sent_at), "2026-01-05");
    }
}
