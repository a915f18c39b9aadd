//! Reporting periods: fiscal years, halves and quarters, stored as data.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long a reporting period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Year,
    Half,
    Quarter,
    Month,
    Other,
}

/// A named reporting period, e.g. `FY2024` or `FY2024 Q3`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub label: String,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The label of the fiscal year containing `date`. Fiscal years that do not
/// start in January are named after the calendar year in which they end, as
/// US cities do (Phoenix's FY2024 runs July 2023 – June 2024).
pub fn fiscal_year_of(date: NaiveDate, start_month: u32) -> i32 {
    if start_month <= 1 || date.month() < start_month {
        date.year()
    } else {
        date.year() + 1
    }
}

/// First day of fiscal year `fy`.
fn fiscal_year_start(fy: i32, start_month: u32) -> Option<NaiveDate> {
    let month = start_month.clamp(1, 12);
    let year = if month == 1 { fy } else { fy - 1 };
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// Builds fiscal-year periods from `first_fy` to `last_fy` inclusive, each
/// year followed by its quarters when `quarters` is set. Returns an empty
/// list for an impossible range.
pub fn fiscal_periods(
    start_month: u32,
    first_fy: i32,
    last_fy: i32,
    quarters: bool,
) -> Vec<Period> {
    let mut periods = Vec::new();
    for fy in first_fy..=last_fy {
        let Some(start) = fiscal_year_start(fy, start_month) else {
            return Vec::new();
        };
        let Some(end) = start
            .checked_add_months(Months::new(12))
            .and_then(|d| d.pred_opt())
        else {
            return Vec::new();
        };
        periods.push(Period {
            label: format!("FY{fy}"),
            kind: PeriodKind::Year,
            start,
            end,
        });
        if quarters {
            for q in 0..4u32 {
                let Some(qs) = start.checked_add_months(Months::new(3 * q)) else {
                    continue;
                };
                let Some(qe) = qs
                    .checked_add_months(Months::new(3))
                    .and_then(|d| d.pred_opt())
                else {
                    continue;
                };
                periods.push(Period {
                    label: format!("FY{fy} Q{}", q + 1),
                    kind: PeriodKind::Quarter,
                    start: qs,
                    end: qe,
                });
            }
        }
    }
    periods
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn july_fiscal_years_are_named_for_the_year_they_end() {
        assert_eq!(fiscal_year_of(date(2023, 7, 1), 7), 2024);
        assert_eq!(fiscal_year_of(date(2024, 6, 30), 7), 2024);
        assert_eq!(fiscal_year_of(date(2024, 3, 1), 1), 2024);
    }

    #[test]
    fn periods_cover_the_year_and_its_quarters() {
        let periods = fiscal_periods(7, 2024, 2024, true);
        assert_eq!(periods.len(), 5);
        assert_eq!(periods[0].label, "FY2024");
        assert_eq!(periods[0].start, date(2023, 7, 1));
        assert_eq!(periods[0].end, date(2024, 6, 30));
        assert_eq!(periods[2].label, "FY2024 Q2");
        assert_eq!(periods[2].start, date(2023, 10, 1));
        assert_eq!(periods[4].end, date(2024, 6, 30));
    }

    #[test]
    fn calendar_fiscal_years_start_in_january() {
        let periods = fiscal_periods(1, 2025, 2026, false);
        assert_eq!(periods.len(), 2);
        assert_eq!(periods[1].start, date(2026, 1, 1));
        assert_eq!(periods[1].end, date(2026, 12, 31));
    }
}
