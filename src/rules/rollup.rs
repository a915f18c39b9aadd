//! Roll-up: how a parent's status, percent complete and score derive from
//! its children and KPIs. Functions of the plan and a period; for the
//! latest figures (no period) "should have started" is judged against
//! today's date, the one input not in the plan. The window, the command
//! line and the report cards all call these.
//!
//! # The rule
//! 1. **Override.** A person may override an item's status and/or percent
//!    with a written reason; the override wins and is what its parents see.
//! 2. **Items without children** keep what was entered: their status, and
//!    their percent complete (if none was entered: 100 when completed, 0
//!    when not started, otherwise unknown). KPIs on such an item are shown
//!    beside it but do not change it: the owner judges the work.
//! 3. **Items with children** derive. Cancelled children are left out.
//!    - Percent complete is the weighted mean of the children's percent
//!      (weights default to 1); children whose percent is unknown are left
//!      out; unknown if none is left.
//!    - Status: the children's statuses and the status of each KPI on the
//!      item (its latest measured period, up to the period asked for) are
//!      taken together. All completed → Completed. Otherwise any off track →
//!      Off track; else any at risk → At risk; else if nothing has started
//!      or completed (only not started / on hold) → On hold if any is on
//!      hold, else Not started; else On track.
//!    - If every child is cancelled and no KPI has a status: Cancelled.
//!    - An item whose children are all cancelled but has KPI statuses takes
//!      the KPIs' statuses by the same rule.
//! 4. **Score** (for grades): an item without children scores its status's
//!    grade points (the plan sets them; not started and cancelled score
//!    nothing). A parent scores the weighted mean of its children's scores
//!    and its KPIs' status points; nothing scored → no score, no grade.
//! 5. **Plan-wide totals** count each item of the lowest level once, however
//!    many parents it sits under: counts by status, and percent complete as
//!    their weighted mean (cancelled and unknown left out). The overall
//!    score is the weighted mean of the top-level items' scores.

use chrono::NaiveDate;

use crate::model::{Plan, StatusKind, Tree};
use crate::rules::grade::{Coverage, start_deadline};

/// How an item's figures were reached, in words a report can print.
#[derive(Clone, Debug, PartialEq)]
pub enum Basis {
    /// The item has no children: what was entered.
    Entered,
    /// Derived from this many children and KPIs (cancelled ones left out).
    Derived {
        children: usize,
        cancelled: usize,
        kpis: usize,
    },
    /// Every child is cancelled.
    AllCancelled,
    /// Not started although it should have started by this day: counted
    /// as behind (see [`crate::rules::grade`]).
    Behind { by: chrono::NaiveDate },
    /// A person's override, with its reason and the figures the rule gave,
    /// which it replaced.
    Override {
        reason: String,
        derived_status: StatusKind,
        derived_percent: Option<f64>,
    },
}

impl Basis {
    /// One sentence for the details pane and the report appendix.
    pub fn explain(&self) -> String {
        match self {
            Self::Entered => "As entered: the item has no children.".into(),
            Self::Derived {
                children,
                cancelled,
                kpis,
            } => {
                let mut s = format!(
                    "Derived from {children} child item{}",
                    if *children == 1 { "" } else { "s" }
                );
                if *kpis > 0 {
                    s += &format!(" and {kpis} KPI{}", if *kpis == 1 { "" } else { "s" });
                }
                if *cancelled > 0 {
                    s += &format!(" ({cancelled} cancelled, left out)");
                }
                s + ": worst status counts; percent is the weighted mean."
            }
            Self::AllCancelled => "Every child item is cancelled.".into(),
            Self::Behind { by } => format!(
                "Not started, though it should have started by {}: counts as behind in the grade.",
                crate::model::text::date_text(*by)
            ),
            Self::Override {
                reason,
                derived_percent,
                ..
            } => format!(
                "Overridden: {reason} (the rule gives {})",
                crate::model::text::percent_text(*derived_percent)
            ),
        }
    }
}

/// An item's rolled-up figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Rolled {
    pub status: StatusKind,
    pub percent: Option<f64>,
    pub score: Option<f64>,
    pub basis: Basis,
    /// What the score rests on.
    pub coverage: Coverage,
    /// What gave a derived status: the first child, or else KPI, with it.
    pub driver: Option<Driver>,
}

/// What drove a derived status.
#[derive(Clone, Debug, PartialEq)]
pub enum Driver {
    /// A child item (by id) with that status.
    Child(String),
    /// A KPI (by id) whose reading gave that status, and the period it was
    /// measured in.
    Kpi { id: String, period: String },
}

impl Rolled {
    /// "Off track because of 1.1.3 Cloud migration" or "… because of the
    /// KPI Median response time (FY2025 Q3)"; empty when nothing derived it.
    pub fn driver_text(&self, plan: &Plan, tree: &Tree) -> String {
        let label = plan.info.status_label(self.status);
        match &self.driver {
            Some(Driver::Child(id)) => plan.position(id).map_or_else(String::new, |p| {
                format!(
                    "{label} because of {} {}",
                    tree.code_of(p).unwrap_or(""),
                    plan.items()[p].title
                )
            }),
            Some(Driver::Kpi { id, period }) => plan
                .kpis
                .iter()
                .find(|k| k.id == *id)
                .map_or_else(String::new, |k| {
                    format!("{label} because of the KPI {} ({period})", k.name)
                }),
            None => String::new(),
        }
    }
}

/// Rolled figures for every item, by position in [`Plan::items`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollup {
    pub items: Vec<Rolled>,
}

/// The status a set of contributing statuses rolls up to (rule 3).
pub fn combine(statuses: &[StatusKind]) -> Option<StatusKind> {
    use StatusKind as S;
    if statuses.is_empty() {
        return None;
    }
    let any = |k: S| statuses.contains(&k);
    Some(if statuses.iter().all(|s| *s == S::Completed) {
        S::Completed
    } else if any(S::OffTrack) {
        S::OffTrack
    } else if any(S::AtRisk) {
        S::AtRisk
    } else if statuses
        .iter()
        .all(|s| matches!(s, S::NotStarted | S::OnHold))
    {
        if any(S::OnHold) {
            S::OnHold
        } else {
            S::NotStarted
        }
    } else {
        S::OnTrack
    })
}

fn weighted_mean(values: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weights) = values.fold((0.0, 0.0), |(s, w), (v, wt)| (s + v * wt, w + wt));
    (weights > 0.0).then(|| sum / weights)
}

/// A KPI's status for the period, with what gave it.
#[derive(Clone, Copy, Debug)]
struct KpiStatus<'a> {
    status: StatusKind,
    kpi: &'a str,
    /// The period the reading was measured in.
    period: &'a str,
}

/// KPI statuses per item position, from each KPI's reading for the period
/// (see [`crate::model::Kpi::reading`]), the periods indexed once.
fn kpi_statuses<'a>(plan: &'a Plan, period: Option<&str>) -> Vec<Vec<KpiStatus<'a>>> {
    let index: std::collections::HashMap<&str, &crate::model::Period> = plan
        .info
        .periods
        .iter()
        .map(|p| (p.label.as_str(), p))
        .collect();
    let mut out = vec![Vec::new(); plan.items().len()];
    for kpi in &plan.kpis {
        let Some(pos) = plan.position(&kpi.item) else {
            continue;
        };
        let reading = kpi.reading_by(|l| index.get(l).copied(), period);
        if let Some(r) = reading
            && let Some(status) = r.status
        {
            out[pos].push(KpiStatus {
                status,
                kpi: &kpi.id,
                period: r.period,
            });
        }
    }
    out
}

/// The statuses of one item's KPIs for the period.
fn kpi_statuses_of<'a>(plan: &'a Plan, id: &str, period: Option<&str>) -> Vec<KpiStatus<'a>> {
    plan.kpis
        .iter()
        .filter(|k| k.item == id)
        .filter_map(|k| {
            let r = k.reading(&plan.info, period)?;
            Some(KpiStatus {
                status: r.status?,
                kpi: &k.id,
                period: r.period,
            })
        })
        .collect()
}

/// One item's figures from its children's (rules 1–4). `child` gives a
/// child's figures by position; children not yet rolled are left out.
fn roll_item<'r>(
    plan: &Plan,
    pos: usize,
    as_of: &AsOf<'_>,
    kpis: &[KpiStatus<'_>],
    child: impl Fn(usize) -> Option<&'r Rolled>,
) -> Rolled {
    let kpi_here: Vec<StatusKind> = kpis.iter().map(|k| k.status).collect();
    let kpi_here = kpi_here.as_slice();
    let items = plan.items();
    let item = &items[pos];
    let points = |s: StatusKind| plan.info.status_points(s);
    let children: Vec<(&Rolled, f64)> = item
        .children
        .iter()
        .filter_map(|c| plan.position(c))
        .filter_map(|c| child(c).map(|r| (r, items[c].weight)))
        .collect();
    let live: Vec<(&Rolled, f64)> = children
        .iter()
        .copied()
        .filter(|(r, _)| r.status != StatusKind::Cancelled)
        .collect();
    let mut result = if children.is_empty() {
        let (status, percent) = item.figures_at(&as_of.periods);
        let percent = percent.or(match status {
            StatusKind::Completed => Some(100.0),
            StatusKind::NotStarted => Some(0.0),
            _ => None,
        });
        let behind = (status == StatusKind::NotStarted && plan.info.grading.rule.count_behind)
            .then(|| start_deadline(&plan.info, item))
            .flatten()
            .filter(|by| *by < as_of.day);
        let score = match behind {
            Some(_) => points(StatusKind::OffTrack),
            None => points(status),
        };
        Rolled {
            status,
            percent,
            score,
            basis: behind.map_or(Basis::Entered, |by| Basis::Behind { by }),
            coverage: Coverage {
                gradable: usize::from(status != StatusKind::Cancelled),
                graded: usize::from(score.is_some()),
                kpis: 0,
            },
            driver: None,
        }
    } else {
        let mut statuses: Vec<StatusKind> = live.iter().map(|(r, _)| r.status).collect();
        statuses.extend(kpi_here.iter().copied());
        let percent = weighted_mean(live.iter().filter_map(|(r, w)| r.percent.map(|p| (p, *w))));
        let score = weighted_mean(
            live.iter()
                .filter_map(|(r, w)| r.score.map(|s| (s, *w)))
                .chain(kpi_here.iter().filter_map(|s| points(*s).map(|p| (p, 1.0)))),
        );
        let mut coverage = Coverage {
            kpis: kpi_here.iter().filter(|s| points(**s).is_some()).count(),
            ..Coverage::default()
        };
        for (r, _) in &live {
            coverage.add(r.coverage);
        }
        match combine(&statuses) {
            Some(status) => Rolled {
                status,
                percent,
                score,
                basis: Basis::Derived {
                    children: children.len(),
                    cancelled: children.len() - live.len(),
                    kpis: kpi_here.len(),
                },
                coverage,
                driver: driver(plan, item, status, kpis, &child),
            },
            None => Rolled {
                status: StatusKind::Cancelled,
                percent: None,
                score: None,
                basis: Basis::AllCancelled,
                coverage,
                driver: None,
            },
        }
    };
    if let Some(o) = &item.override_ {
        let (derived_status, derived_percent) = (result.status, result.percent);
        if let Some(s) = o.status {
            result.status = s;
            result.score = points(s);
        }
        if let Some(p) = o.percent {
            result.percent = Some(p);
        }
        result.basis = Basis::Override {
            reason: o.reason.clone(),
            derived_status,
            derived_percent,
        };
    }
    result
}

/// What an item shows before anything is rolled (never kept: every item
/// is rolled).
fn unrolled() -> Rolled {
    Rolled {
        status: StatusKind::NotStarted,
        percent: None,
        score: None,
        basis: Basis::Entered,
        coverage: Coverage::default(),
        driver: None,
    }
}

/// The first child with the derived status, else the first KPI whose
/// reading gives it.
fn driver<'r>(
    plan: &Plan,
    item: &crate::model::Item,
    status: StatusKind,
    kpis: &[KpiStatus<'_>],
    child: &impl Fn(usize) -> Option<&'r Rolled>,
) -> Option<Driver> {
    item.children
        .iter()
        .find(|c| {
            plan.position(c)
                .and_then(child)
                .is_some_and(|r| r.status == status)
        })
        .map(|c| Driver::Child(c.clone()))
        .or_else(|| {
            kpis.iter()
                .find(|k| k.status == status)
                .map(|k| Driver::Kpi {
                    id: k.kpi.to_owned(),
                    period: k.period.to_owned(),
                })
        })
}

/// What "as of" a period means for a roll-up: the periods whose figures
/// count, and the day against which "should have started" is judged (the
/// period's end; today for the latest figures).
struct AsOf<'a> {
    periods: Vec<&'a str>,
    day: NaiveDate,
}

impl<'a> AsOf<'a> {
    fn new(plan: &'a Plan, period: Option<&str>) -> Self {
        let day = period
            .and_then(|p| plan.info.periods.iter().find(|x| x.label == p))
            .map_or_else(|| chrono::Local::now().date_naive(), |p| p.end);
        Self {
            periods: plan.info.periods_up_to(period),
            day,
        }
    }
}

/// Rolls up every item of the plan, as of `period` for KPI values.
pub fn roll_up(plan: &Plan, period: Option<&str>) -> Rollup {
    let items = plan.items();
    let as_of = AsOf::new(plan, period);
    let kpis = kpi_statuses(plan, period);
    let mut rolled: Vec<Option<Rolled>> = vec![None; items.len()];
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Deepest level first, so children are done before their parents.
    order.sort_by_key(|&i| std::cmp::Reverse(items[i].level));
    for pos in order {
        let result = roll_item(plan, pos, &as_of, &kpis[pos], |c| rolled[c].as_ref());
        rolled[pos] = Some(result);
    }
    Rollup {
        items: rolled
            .into_iter()
            .map(|r| r.unwrap_or_else(unrolled))
            .collect(),
    }
}

/// Brings a roll-up of the latest figures up to date after an edit that
/// changed the items at `changed` (their fields, overrides or KPIs) but
/// not the plan's shape: those items and their ancestors are rolled again,
/// deepest first, and every other item keeps its figures. Gives what
/// [`roll_up`] with no period gives (a test checks).
pub fn update(plan: &Plan, tree: &Tree, rollup: &mut Rollup, changed: &[usize]) {
    let items = plan.items();
    if rollup.items.len() != items.len() {
        *rollup = roll_up(plan, None);
        return;
    }
    let mut todo: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = changed.to_vec();
    while let Some(pos) = stack.pop() {
        if pos < items.len() && !todo.contains(&pos) {
            todo.push(pos);
            stack.extend_from_slice(tree.parents(pos));
        }
    }
    todo.sort_by_key(|&i| std::cmp::Reverse(items[i].level));
    let as_of = AsOf::new(plan, None);
    for pos in todo {
        let kpis = kpi_statuses_of(plan, &items[pos].id, None);
        let result = roll_item(plan, pos, &as_of, &kpis, |c| rollup.items.get(c));
        rollup.items[pos] = result;
    }
}

/// Plan-wide figures (rule 5).
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    /// Distinct items of the lowest level.
    pub distinct: usize,
    /// How many of them are in each status, in [`StatusKind::ALL`] order.
    pub by_status: Vec<(StatusKind, usize)>,
    pub percent: Option<f64>,
    pub score: Option<f64>,
    /// What the score rests on, each lowest-level item counted once.
    pub coverage: Coverage,
}

/// Totals over the items below `root` (or the whole plan), counting each
/// lowest-level item once.
pub fn totals(plan: &Plan, rollup: &Rollup, root: Option<&str>) -> Totals {
    let items = plan.items();
    let lowest = plan.info.levels.len().saturating_sub(1);
    let mut seen = vec![false; items.len()];
    let mut stack: Vec<usize> = match root {
        Some(id) => plan.position(id).into_iter().collect(),
        None => items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.level == 0)
            .map(|(p, _)| p)
            .collect(),
    };
    let mut leaves = Vec::new();
    while let Some(pos) = stack.pop() {
        if std::mem::replace(&mut seen[pos], true) {
            continue;
        }
        if items[pos].level == lowest {
            leaves.push(pos);
        }
        stack.extend(items[pos].children.iter().filter_map(|c| plan.position(c)));
    }
    leaves.sort_unstable();
    let by_status = StatusKind::ALL
        .into_iter()
        .map(|k| {
            (
                k,
                leaves
                    .iter()
                    .filter(|&&p| rollup.items[p].status == k)
                    .count(),
            )
        })
        .collect();
    let live = || {
        leaves
            .iter()
            .filter(|&&p| rollup.items[p].status != StatusKind::Cancelled)
    };
    let percent = weighted_mean(
        live().filter_map(|&p| rollup.items[p].percent.map(|v| (v, items[p].weight))),
    );
    let score = match root {
        Some(id) => plan.position(id).and_then(|p| rollup.items[p].score),
        None => weighted_mean(
            items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.level == 0)
                .filter(|(p, _)| rollup.items[*p].status != StatusKind::Cancelled)
                .filter_map(|(p, i)| rollup.items[p].score.map(|s| (s, i.weight))),
        ),
    };
    let kpis = match root {
        Some(id) => plan
            .position(id)
            .map_or(0, |p| rollup.items[p].coverage.kpis),
        None => items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.level == 0)
            .map(|(p, _)| rollup.items[p].coverage.kpis)
            .sum(),
    };
    let coverage = Coverage {
        gradable: live().count(),
        graded: live().filter(|&&p| rollup.items[p].score.is_some()).count(),
        kpis,
    };
    Totals {
        distinct: leaves.len(),
        by_status,
        percent,
        score,
        coverage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Direction, Frequency, Item, Kpi, Measurement, Override, PlanInfo, Target, period,
    };

    /// g1 → o1 → {i1, i2}; g1 → o2 → {i2 (linked), i3}.
    fn plan() -> Plan {
        let mut info = PlanInfo::blank();
        info.periods = period::fiscal_periods(7, 2024, 2025, false);
        let mut g1 = Item::new("g1", 0, "Goal");
        g1.children = vec!["o1".into(), "o2".into()];
        let mut o1 = Item::new("o1", 1, "Objective 1");
        o1.children = vec!["i1".into(), "i2".into()];
        let mut o2 = Item::new("o2", 1, "Objective 2");
        o2.children = vec!["i2".into(), "i3".into()];
        let items = vec![
            g1,
            o1,
            o2,
            Item::new("i1", 2, "One"),
            Item::new("i2", 2, "Two"),
            Item::new("i3", 2, "Three"),
        ];
        let plan = Plan::new(info, items, vec![]);
        plan.validate().expect("valid test plan");
        plan
    }

    fn set(plan: &mut Plan, id: &str, status: StatusKind, percent: Option<f64>) {
        let info = plan.info.clone();
        let item = plan.item_mut(id).expect("item");
        item.updates.clear();
        item.adopt_undated(&info, status, percent)
            .expect("the plan has periods");
    }

    fn rolled<'a>(plan: &Plan, r: &'a Rollup, id: &str) -> &'a Rolled {
        &r.items[plan.position(id).expect("item")]
    }

    #[test]
    fn a_new_plan_is_not_started_at_zero_percent() {
        let p = plan();
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "g1").status, StatusKind::NotStarted);
        assert_eq!(rolled(&p, &r, "g1").percent, Some(0.0));
        assert_eq!(rolled(&p, &r, "g1").score, None);
    }

    #[test]
    fn worst_status_wins_and_percent_is_the_mean() {
        let mut p = plan();
        set(&mut p, "i1", StatusKind::Completed, None);
        set(&mut p, "i2", StatusKind::AtRisk, Some(50.0));
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::AtRisk);
        assert_eq!(rolled(&p, &r, "o1").percent, Some(75.0));
        // o2 = i2 (50, at risk) + i3 (not started, 0).
        assert_eq!(rolled(&p, &r, "o2").percent, Some(25.0));
        assert_eq!(rolled(&p, &r, "g1").status, StatusKind::AtRisk);
        assert_eq!(rolled(&p, &r, "g1").percent, Some(50.0));
    }

    #[test]
    fn weights_change_the_mean() {
        let mut p = plan();
        set(&mut p, "i1", StatusKind::OnTrack, Some(100.0));
        set(&mut p, "i2", StatusKind::OnTrack, Some(0.0));
        p.item_mut("i1").expect("i1").weight = 3.0;
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "o1").percent, Some(75.0));
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::OnTrack);
    }

    #[test]
    fn cancelled_children_are_left_out_and_all_cancelled_is_cancelled() {
        let mut p = plan();
        set(&mut p, "i1", StatusKind::Cancelled, None);
        set(&mut p, "i2", StatusKind::Completed, None);
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::Completed);
        assert_eq!(rolled(&p, &r, "o1").percent, Some(100.0));
        set(&mut p, "i2", StatusKind::Cancelled, None);
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::Cancelled);
        assert_eq!(rolled(&p, &r, "o1").basis, Basis::AllCancelled);
        assert_eq!(rolled(&p, &r, "o1").percent, None);
    }

    #[test]
    fn an_item_without_children_keeps_what_was_entered() {
        let mut p = plan();
        p.item_mut("o2").expect("o2").children.clear();
        p.item_mut("i3").expect("i3").level = 2;
        p.remove_item("i3");
        set(&mut p, "o2", StatusKind::OnHold, Some(10.0));
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "o2").status, StatusKind::OnHold);
        assert_eq!(rolled(&p, &r, "o2").basis, Basis::Entered);
        assert_eq!(rolled(&p, &r, "o2").percent, Some(10.0));
    }

    #[test]
    fn override_wins_and_reaches_the_parent() {
        let mut p = plan();
        set(&mut p, "i1", StatusKind::OffTrack, Some(10.0));
        p.item_mut("o1").expect("o1").override_ = Some(Override {
            status: Some(StatusKind::OnTrack),
            percent: None,
            reason: "Vendor delay already recovered".into(),
            by: "CIO".into(),
            on: None,
        });
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::OnTrack);
        assert!(
            rolled(&p, &r, "o1")
                .basis
                .explain()
                .contains("Vendor delay")
        );
        // g1 sees o1 on track and o2 not started.
        assert_eq!(rolled(&p, &r, "g1").status, StatusKind::OnTrack);
    }

    fn kpi(values: &[(&str, Option<f64>)]) -> Kpi {
        Kpi {
            id: "k1".into(),
            item: "o1".into(),
            name: "Uptime".into(),
            description: String::new(),
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            baseline: None,
            baseline_period: None,
            targets: vec![
                Target {
                    period: "FY2024".into(),
                    value: 99.0,
                },
                Target {
                    period: "FY2025".into(),
                    value: 99.0,
                },
            ],
            tolerance: 0.0,
            at_risk_margin: 1.0,
            frequency: Frequency::Annually,
            owner: String::new(),
            source: String::new(),
            sample: true,
            formula: None,
            measurements: values
                .iter()
                .map(|(p, v)| Measurement {
                    period: (*p).into(),
                    value: *v,
                    comment: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn kpi_status_counts_on_its_item_as_of_the_period() {
        let mut p = plan();
        set(&mut p, "i1", StatusKind::OnTrack, Some(50.0));
        set(&mut p, "i2", StatusKind::OnTrack, Some(50.0));
        p.kpis
            .push(kpi(&[("FY2024", Some(99.5)), ("FY2025", Some(90.0))]));
        let r = roll_up(&p, Some("FY2024"));
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::OnTrack);
        let r = roll_up(&p, Some("FY2025"));
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::OffTrack);
        assert_eq!(
            rolled(&p, &r, "o1").basis,
            Basis::Derived {
                children: 2,
                cancelled: 0,
                kpis: 1
            }
        );
    }

    #[test]
    fn a_missing_measurement_gives_no_status_for_its_period() {
        let mut p = plan();
        set(&mut p, "i1", StatusKind::OnTrack, None);
        set(&mut p, "i2", StatusKind::OnTrack, None);
        p.kpis
            .push(kpi(&[("FY2024", Some(98.5)), ("FY2025", None)]));
        // FY2024's 98.5 is within the margin: at risk.
        let r = roll_up(&p, Some("FY2024"));
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::AtRisk);
        // FY2025 is recorded as missing: not zero (which would be off
        // track), and not last year's value either, which FY2025's card
        // does not print. The KPI gives no status for FY2025.
        let r = roll_up(&p, Some("FY2025"));
        assert_eq!(rolled(&p, &r, "o1").status, StatusKind::OnTrack);
        let reading = p.kpis[0].reading(&p.info, Some("FY2025")).expect("reading");
        assert_eq!(
            (reading.period, reading.value, reading.status),
            ("FY2025", None, None)
        );
    }

    #[test]
    fn plan_totals_count_a_linked_item_once() {
        let mut p = plan();
        set(&mut p, "i2", StatusKind::Completed, None);
        let r = roll_up(&p, None);
        let t = totals(&p, &r, None);
        assert_eq!(t.distinct, 3);
        let completed = t
            .by_status
            .iter()
            .find(|(k, _)| *k == StatusKind::Completed);
        assert_eq!(completed, Some(&(StatusKind::Completed, 1)));
        // (0 + 100 + 0) / 3, not (0 + 100 + 100 + 0) / 4.
        let pct = t.percent.expect("percent");
        assert!((pct - 100.0 / 3.0).abs() < 1e-9, "{pct}");
        let t = totals(&p, &r, Some("o2"));
        assert_eq!(t.distinct, 2);
    }

    #[test]
    fn scores_follow_status_points() {
        let mut p = plan();
        set(&mut p, "i1", StatusKind::Completed, None);
        set(&mut p, "i2", StatusKind::AtRisk, None);
        let r = roll_up(&p, None);
        assert_eq!(rolled(&p, &r, "o1").score, Some(85.0));
        // o2: i2 scores 70, i3 (not started) scores nothing.
        assert_eq!(rolled(&p, &r, "o2").score, Some(70.0));
        assert_eq!(rolled(&p, &r, "g1").score, Some(77.5));
        let grade = p.info.grading.grade_for(totals(&p, &r, None).score);
        assert_eq!(grade.map(|g| g.grade.as_str()), Some("C"));
    }

    #[test]
    fn combine_rule_table() {
        use StatusKind as S;
        assert_eq!(combine(&[]), None);
        assert_eq!(combine(&[S::Completed, S::Completed]), Some(S::Completed));
        assert_eq!(combine(&[S::Completed, S::NotStarted]), Some(S::OnTrack));
        assert_eq!(combine(&[S::OnHold, S::NotStarted]), Some(S::OnHold));
        assert_eq!(combine(&[S::AtRisk, S::OffTrack]), Some(S::OffTrack));
    }
}
