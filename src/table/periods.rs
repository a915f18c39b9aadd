//! Finding a reporting period from a table cell: its label ("FY2026 Q2"),
//! a year (2024 → FY2024) or a date (the period ending on it, else starting
//! on it, else the shortest containing it).

use std::collections::HashMap;

use crate::model::{Period, Plan};

use super::read::Cell;
use super::value::{self, DateOrder};
use super::{CellError, normalize};

/// Finds periods by label, year or date.
pub(crate) struct Periods<'a> {
    by_label: HashMap<String, &'a str>,
    periods: &'a [Period],
}

impl<'a> Periods<'a> {
    pub(crate) fn new(plan: &'a Plan) -> Self {
        Self {
            by_label: plan
                .info
                .periods
                .iter()
                .map(|p| (normalize(&p.label), p.label.as_str()))
                .collect(),
            periods: &plan.info.periods,
        }
    }

    fn by_date(&self, d: chrono::NaiveDate) -> Option<&'a str> {
        self.periods
            .iter()
            .find(|p| p.end == d)
            .or_else(|| self.periods.iter().find(|p| p.start == d))
            .or_else(|| {
                self.periods
                    .iter()
                    .filter(|p| p.start <= d && d <= p.end)
                    .min_by_key(|p| p.end - p.start)
            })
            .map(|p| p.label.as_str())
    }

    pub(crate) fn find(&self, cell: &Cell, order: DateOrder) -> Result<&'a str, CellError> {
        if let Cell::Text(t) = cell
            && let Some(label) = self.by_label.get(&normalize(t))
        {
            return Ok(label);
        }
        if let Some(y) = value::year_of(cell)
            && !matches!(cell, Cell::Date(_))
        {
            for label in [y.to_string(), format!("FY{y}")] {
                if let Some(l) = self.by_label.get(&normalize(&label)) {
                    return Ok(l);
                }
            }
        }
        let date = match cell {
            Cell::Date(d) => Some(*d),
            Cell::Number { .. } | Cell::Text(_) => value::date(cell, order).ok().flatten(),
            _ => None,
        };
        if let Some(d) = date {
            return self.by_date(d).ok_or(CellError::NoPeriodFor { date: d });
        }
        let labels: Vec<&str> = self
            .periods
            .iter()
            .take(8)
            .map(|p| p.label.as_str())
            .collect();
        Err(CellError::NotAPeriod {
            shown: cell.display(),
            examples: format!(
                "{}{}",
                labels.join(", "),
                if self.periods.len() > 8 { ", …" } else { "" }
            ),
        })
    }
}
