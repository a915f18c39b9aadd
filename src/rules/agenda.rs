//! Meeting agendas: where an item stands for the minutes, and agendas
//! generated from the plan ("everything at risk or off track",
//! "everything due this quarter").

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{Plan, Standing, StatusKind};
use crate::rules::rollup::Rollup;

/// Where the item at `pos` stands by the roll-up.
pub fn standing(plan: &Plan, rollup: &Rollup, pos: usize) -> Option<Standing> {
    let rolled = rollup.items.get(pos)?;
    let own = plan.items().get(pos)?;
    Some(Standing {
        status: rolled.status,
        percent: rolled.percent.or(own.percent()),
    })
}

/// Item ids in tree order (each item once, at its first placement).
fn tree_order(plan: &Plan) -> Vec<usize> {
    let tree = crate::model::Tree::build(plan);
    let mut seen = vec![false; plan.items().len()];
    let mut out = Vec::new();
    for p in &tree.placements {
        if !std::mem::replace(&mut seen[p.item], true) {
            out.push(p.item);
        }
    }
    out
}

fn troubled(s: StatusKind) -> bool {
    matches!(s, StatusKind::AtRisk | StatusKind::OffTrack)
}

/// Every item at risk or off track where the trouble starts: an item is
/// listed when its rolled-up status is at risk or off track and none of its
/// children's is (so a goal is not listed for its troubled initiative's
/// sake, unless it was overridden). In tree order.
pub fn at_risk(plan: &Plan, rollup: &Rollup) -> Vec<String> {
    tree_order(plan)
        .into_iter()
        .filter(|&pos| {
            let item = &plan.items()[pos];
            let status = rollup.items.get(pos).map(|r| r.status);
            if !status.is_some_and(troubled) {
                return false;
            }
            item.override_.is_some()
                || !item.children.iter().any(|c| {
                    plan.position(c)
                        .and_then(|p| rollup.items.get(p))
                        .is_some_and(|r| troubled(r.status))
                })
        })
        .map(|pos| plan.items()[pos].id.clone())
        .collect()
}

/// The first and last day of the fiscal quarter containing `date`, for a
/// fiscal year starting in `start_month`.
pub fn fiscal_quarter(date: NaiveDate, start_month: u32) -> (NaiveDate, NaiveDate) {
    let start_month = start_month.clamp(1, 12);
    let into_year = (date.month() + 12 - start_month) % 12;
    let quarter_month0 = into_year - into_year % 3;
    let first_of_month = date.with_day(1).unwrap_or(date);
    let start = first_of_month
        .checked_sub_months(Months::new(into_year - quarter_month0))
        .unwrap_or(first_of_month);
    let end = start
        .checked_add_months(Months::new(3))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start);
    (start, end)
}

/// Every item due in the fiscal quarter containing `date` that is not yet
/// completed or cancelled, in tree order.
pub fn due_in_quarter(plan: &Plan, rollup: &Rollup, date: NaiveDate) -> Vec<String> {
    let (from, to) = fiscal_quarter(date, plan.info.fiscal_year_start_month);
    tree_order(plan)
        .into_iter()
        .filter(|&pos| {
            let item = &plan.items()[pos];
            let done = rollup.items.get(pos).map_or(item.status(), |r| r.status);
            item.due.is_some_and(|d| d >= from && d <= to)
                && !matches!(done, StatusKind::Completed | StatusKind::Cancelled)
        })
        .map(|pos| plan.items()[pos].id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn fiscal_quarters_follow_the_fiscal_year() {
        // Phoenix: the year starts in July, so Q1 is July–September.
        assert_eq!(
            fiscal_quarter(d(2025, 8, 14), 7),
            (d(2025, 7, 1), d(2025, 9, 30))
        );
        assert_eq!(
            fiscal_quarter(d(2026, 1, 1), 7),
            (d(2026, 1, 1), d(2026, 3, 31))
        );
        assert_eq!(
            fiscal_quarter(d(2026, 6, 30), 7),
            (d(2026, 4, 1), d(2026, 6, 30))
        );
        // Calendar years.
        assert_eq!(
            fiscal_quarter(d(2025, 12, 31), 1),
            (d(2025, 10, 1), d(2025, 12, 31))
        );
        // A year starting in October: November is in Q1 (October–December).
        assert_eq!(
            fiscal_quarter(d(2025, 11, 2), 10),
            (d(2025, 10, 1), d(2025, 12, 31))
        );
    }
}
