//! Progress kept per reporting period: what an item's owner reported for
//! "FY2026 Q2" (status, percent complete, a short note). The item's current
//! figures are its latest period's; a card or comparison for any period
//! reads that period's.

use std::cmp::Reverse;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::info::PlanInfo;
use super::period::Period;
use super::status::StatusKind;

/// What was reported for an item for one reporting period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    /// The period the update is for (a period label of the plan), not the
    /// day it was typed.
    pub period: String,
    pub status: StatusKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl PlanInfo {
    /// The reporting periods in time order: by end date, and of two ending
    /// together the shorter first (FY2025 Q4, then FY2025), so the last is
    /// the one that covers most.
    pub fn periods_in_order(&self) -> Vec<&Period> {
        let mut ordered: Vec<&Period> = self.periods.iter().collect();
        ordered.sort_by_key(|p| (p.end, Reverse(p.start)));
        ordered
    }

    /// The labels of the periods that end by the end of `period`, in time
    /// order (every period for `None`): what a figure "as of" it may use.
    pub fn periods_up_to(&self, period: Option<&str>) -> Vec<&str> {
        let cutoff = period
            .and_then(|p| self.periods.iter().find(|x| x.label == p))
            .map(|p| p.end);
        self.periods_in_order()
            .into_iter()
            .filter(|p| cutoff.is_none_or(|c| p.end <= c))
            .map(|p| p.label.as_str())
            .collect()
    }

    /// The shortest period containing `day` (a quarter before its year).
    pub fn period_containing(&self, day: NaiveDate) -> Option<&Period> {
        self.periods
            .iter()
            .filter(|p| p.start <= day && day <= p.end)
            .min_by_key(|p| (p.end - p.start, p.end))
    }

    /// The period an update typed on `day` is most likely for: the
    /// shortest one containing the day; after the plan's last period, the
    /// one that began last (FY2026 Q4 rather than FY2026, so an edit typed
    /// after the plan ends lands where that quarter's requests ask);
    /// before its first, the first to begin. Of two beginning together the
    /// shorter is taken.
    pub fn period_for_day(&self, day: NaiveDate) -> Option<&Period> {
        let shorter_first = |p: &&Period| Reverse(p.end - p.start);
        self.period_containing(day)
            .or_else(|| {
                self.periods
                    .iter()
                    .filter(|p| p.start <= day)
                    .max_by_key(|p| (p.start, shorter_first(p)))
            })
            .or_else(|| {
                self.periods
                    .iter()
                    .min_by_key(|p| (p.start, p.end - p.start))
            })
    }

    /// The period of the same kind just before `period` (FY2026 Q1 before
    /// FY2026 Q2): what a card or an update compares with.
    pub fn previous_period(&self, period: &Period) -> Option<&Period> {
        self.periods
            .iter()
            .filter(|p| p.kind == period.kind && p.end < period.start)
            .max_by_key(|p| p.end)
    }

    /// The position of `period` in [`PlanInfo::periods_in_order`].
    pub fn period_rank(&self, period: &str) -> Option<usize> {
        self.periods_in_order()
            .iter()
            .position(|p| p.label == period)
    }
}

impl PlanInfo {
    /// The period figures recorded before a plan kept progress per period
    /// (an item's undated status and percent) belong to: the first in
    /// time order. Every card "as of" any period reads it, so moving an
    /// undated figure there changes no card.
    pub fn first_period(&self) -> Option<&Period> {
        self.periods_in_order().first().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;
    use crate::model::period::fiscal_periods;

    fn info() -> PlanInfo {
        let mut info = PlanInfo::blank();
        info.periods = fiscal_periods(7, 2025, 2026, true);
        info
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    fn update(period: &str, status: StatusKind, percent: f64) -> ProgressUpdate {
        ProgressUpdate {
            period: period.into(),
            status,
            percent: Some(percent),
            note: String::new(),
        }
    }

    #[test]
    fn figures_are_the_latest_update_up_to_the_period() {
        let info = info();
        let mut item = Item::new("i", 0, "An initiative");
        item.record_update(update("FY2026 Q2", StatusKind::AtRisk, 45.0), &info);
        item.record_update(update("FY2025 Q4", StatusKind::OnTrack, 30.0), &info);
        // Recorded out of order, kept in time order; current is the latest.
        assert_eq!(item.updates[0].period, "FY2025 Q4");
        assert_eq!(
            (item.status(), item.percent()),
            (StatusKind::AtRisk, Some(45.0))
        );
        let at = |p: &str| item.figures_at(&info.periods_up_to(Some(p)));
        assert_eq!(at("FY2025"), (StatusKind::OnTrack, Some(30.0)));
        assert_eq!(at("FY2026 Q1"), (StatusKind::OnTrack, Some(30.0)));
        assert_eq!(at("FY2026 Q2"), (StatusKind::AtRisk, Some(45.0)));
        // Before its first update the item had not started.
        assert_eq!(at("FY2025 Q3"), (StatusKind::NotStarted, None));
    }

    #[test]
    fn an_update_typed_after_a_quarter_is_placed_by_the_day() {
        let info = info();
        assert_eq!(
            info.period_for_day(day(2025, 11, 20))
                .map(|p| p.label.as_str()),
            Some("FY2026 Q2")
        );
        // After the last period: the one that began last, the last
        // quarter rather than its year.
        assert_eq!(
            info.period_for_day(day(2027, 3, 1))
                .map(|p| p.label.as_str()),
            Some("FY2026 Q4")
        );
        // Before the first: the first to begin, its quarter before its year.
        assert_eq!(
            info.period_for_day(day(2020, 1, 1))
                .map(|p| p.label.as_str()),
            Some("FY2025 Q1")
        );
    }
}
