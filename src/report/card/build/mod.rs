//! Plan + scope + period → report model. Figures come from the documented
//! roll-up ([`crate::rules::rollup`]); nothing here invents a number.
//!
//! The rows of each table (`rows.rs`), a goal's section (`section.rs`)
//! and the appendix (`appendix.rs`) are built by the same context.

mod appendix;
mod rows;
mod section;

use appendix::{appendix, summary_prints_sample};

use std::collections::{HashMap, HashSet};

use super::model::{
    Appendix, Chip, Figure, GlanceRow, GradeBand, InitiativeRow, KpiRow, Notes, ObjectiveRow,
    Overridden, OverrideRow, ReportCard, Section, StatusShare, Summary, date_text,
};
use crate::model::{Item, Kpi, Period, Plan, StatusKind, Tree};
use crate::report::{ReportError, ReportOptions, Scope};
use crate::rules::rollup::{Rolled, Rollup, Totals, roll_up, totals};

/// The roll-up rule in words, as documented in [`crate::rules::rollup`].
pub const ROLLUP_RULES: [&str; 6] = [
    "An item without children keeps what was entered: its status and percent complete (if no percent was entered: 100% when completed, 0% when not started, otherwise unknown).",
    "An item with children derives its figures from them. Cancelled children are left out. Percent complete is the weighted mean of the children's percent; children whose percent is unknown are left out.",
    "Status: the worst status among the children and the item's KPIs counts. All completed gives Completed; otherwise any off track gives Off track; else any at risk gives At risk; if nothing has started or completed, On hold (if any is on hold) or Not started; else On track.",
    "A person may override a derived status or percent only with a written reason; every override is listed below.",
    "Score: an item without children scores its status's grade points; a parent scores the weighted mean of its children's and KPIs' points. Nothing scored means no grade.",
    "Plan-wide figures count each lowest-level item once, however many parents it sits under; the overall score is the weighted mean of the top-level items' scores.",
];

/// The previous period of the same kind: the latest one ending before
/// `period` starts.
pub fn previous_period<'a>(plan: &'a Plan, period: &Period) -> Option<&'a Period> {
    plan.info.previous_period(period)
}

use crate::model::text::plural;

/// "1 key initiative", "3 key initiatives".
pub fn count_of(n: usize, name: &str) -> String {
    crate::model::text::count(n, &name.to_lowercase())
}

/// Figures of the previous period, from its snapshot when it is locked.
#[derive(Default)]
struct PreviousFigures {
    /// Percent complete per item id.
    percent: HashMap<String, Option<f64>>,
    /// Status label and grade (or "not graded", "—") per item id.
    standing: HashMap<String, (String, String)>,
    /// The whole plan's grade.
    plan_grade: String,
    /// Totals per scope root (`None`: the whole plan).
    totals: HashMap<Option<String>, Option<f64>>,
}

struct Ctx<'a> {
    plan: &'a Plan,
    /// The previous period's figures, when a snapshot of it exists.
    before: Option<PreviousFigures>,
    tree: Tree,
    rollup: Rollup,
    period: &'a Period,
    previous: Option<&'a Period>,
    /// Codes of every placement of each item.
    codes: Vec<Vec<String>>,
    lowest: usize,
}

/// Who answers for an item on the card: its owner, else its department.
fn owner_of(item: &Item) -> String {
    if item.owner.is_empty() {
        item.department.clone()
    } else {
        item.owner.clone()
    }
}

/// Builds the report card for `opts`. Fails, naming the valid choices,
/// when the scope or the period is not in the plan. A locked period is printed from its snapshot, so the
/// card is the same however the plan has changed since; the change since
/// the previous period is shown when that period is locked too.
pub fn build(plan: &Plan, opts: &ReportOptions) -> Result<ReportCard, ReportError> {
    let snapshot = |lock: &crate::model::PeriodLock| {
        crate::interchange::from_json(&lock.snapshot).map_err(|e| {
            ReportError::Render(format!(
                "the snapshot of locked period {} is unreadable: {e}",
                lock.period
            ))
        })
    };
    let period = plan.info.periods.iter().find(|p| p.label == opts.period);
    let compare = match &opts.compare {
        Some(label) => Some(
            plan.info
                .periods
                .iter()
                .find(|p| p.label == *label)
                .ok_or_else(|| ReportError::UnknownPeriod {
                    given: label.clone(),
                    valid: plan.info.periods.iter().map(|p| p.label.clone()).collect(),
                })?,
        ),
        None => period.and_then(|p| previous_period(plan, p)),
    };
    if let (Some(c), Some(p)) = (compare, period)
        && c.end >= p.start
    {
        return Err(ReportError::BadCompare {
            period: p.label.clone(),
            compare: c.label.clone(),
            starts: date_text(p.start),
            ends: date_text(c.end),
            suggest: previous_period(plan, p).map_or_else(
                || "none: the plan has no earlier period of this kind".to_owned(),
                |e| e.label.clone(),
            ),
        });
    }
    let compare_label = compare.map(|p| p.label.clone());
    // The compared period's figures: its snapshot when it is locked, else
    // the progress recorded for it. A plan with no progress per period
    // has only undated figures: no change is printed rather than "+0".
    let records_progress = plan.items().iter().any(|i| !i.updates.is_empty());
    let before = match compare {
        Some(c) => match plan.lock(&c.label) {
            Some(lock) => Some(previous_figures(&snapshot(lock)?, &lock.period)),
            None if records_progress => Some(previous_figures(plan, &c.label)),
            None => None,
        },
        None => None,
    };
    match plan.lock(&opts.period) {
        Some(lock) => {
            let snap = snapshot(lock)?;
            let mut card = build_from(&snap, opts, before, compare_label.as_deref())?;
            card.appendix.locked = Some((lock.locked_at.clone(), lock.locked_by.clone()));
            Ok(card)
        }
        None => build_from(plan, opts, before, compare_label.as_deref()),
    }
}

/// Percent complete per item and per scope root in a period's snapshot.
fn previous_figures(snap: &Plan, period: &str) -> PreviousFigures {
    let rollup = roll_up(snap, Some(period));
    let mut figures = PreviousFigures::default();
    let info = &snap.info;
    for (pos, item) in snap.items().iter().enumerate() {
        let r = &rollup.items[pos];
        figures.percent.insert(item.id.clone(), r.percent);
        figures.standing.insert(
            item.id.clone(),
            (
                info.status_label(r.status).to_owned(),
                crate::rules::grade::grade(info, r.score, &r.coverage).short(),
            ),
        );
        figures.totals.insert(
            Some(item.id.clone()),
            totals(snap, &rollup, Some(&item.id)).percent,
        );
    }
    let t = totals(snap, &rollup, None);
    figures.totals.insert(None, t.percent);
    figures.plan_grade = crate::rules::grade::grade(info, t.score, &t.coverage).short();
    figures
}

fn build_from(
    plan: &Plan,
    opts: &ReportOptions,
    before: Option<PreviousFigures>,
    compare: Option<&str>,
) -> Result<ReportCard, ReportError> {
    let info = &plan.info;
    let period = info
        .periods
        .iter()
        .find(|p| p.label == opts.period)
        .ok_or_else(|| ReportError::UnknownPeriod {
            given: opts.period.clone(),
            valid: info.periods.iter().map(|p| p.label.clone()).collect(),
        })?;
    let tree = Tree::build(plan);
    let mut codes = vec![Vec::new(); plan.items().len()];
    for p in &tree.placements {
        codes[p.item].push(p.code.clone());
    }
    let ctx = Ctx {
        plan,
        before,
        rollup: roll_up(plan, Some(&period.label)),
        period,
        previous: compare.and_then(|c| info.periods.iter().find(|p| p.label == c)),
        codes,
        lowest: info.levels.len().saturating_sub(1),
        tree,
    };
    let root = resolve_scope(&ctx.tree, &opts.scope)?;
    let (scope_label, root_id, row_placements, section_placements): (
        String,
        Option<String>,
        Vec<usize>,
        Vec<usize>,
    ) = match root {
        None => {
            let roots: Vec<usize> = (0..ctx.tree.placements.len())
                .filter(|&i| ctx.tree.placements[i].depth == 0)
                .collect();
            ("Whole plan".into(), None, roots.clone(), roots)
        }
        Some(at) => {
            let p = &ctx.tree.placements[at];
            let item = &plan.items()[p.item];
            let depth = p.depth;
            let rows = ctx
                .below(at)
                .filter(|&i| ctx.tree.placements[i].depth == depth + 1)
                .collect();
            (
                format!("{} {}: {}", info.level_name(item.level), p.code, item.title),
                Some(item.id.clone()),
                rows,
                vec![at],
            )
        }
    };
    let t = totals(plan, &ctx.rollup, root_id.as_deref());
    // One rule everywhere: an item's figures are its roll-up's, the same
    // on every page; only the whole plan's come from the plan-wide totals.
    let root_rolled = root.map(|at| &ctx.rollup.items[ctx.tree.placements[at].item]);
    let (score, coverage, percent_now) = match root_rolled {
        Some(r) => (r.score, r.coverage, r.percent),
        None => (t.score, t.coverage, t.percent),
    };
    let graded = crate::rules::grade::grade(info, score, &coverage);
    let grade_meaning = match graded {
        crate::rules::grade::Graded::Letter(g) => g.meaning.clone(),
        crate::rules::grade::Graded::TooFew => "Not graded: too few updates".to_owned(),
        crate::rules::grade::Graded::Nothing => String::new(),
    };
    let grade_basis = format!(
        "{}{}. {}",
        coverage.sentence(info)[..1].to_uppercase(),
        &coverage.sentence(info)[1..],
        crate::rules::grade::rule_sentence(info)
    );
    let rows_level = root
        .map(|at| plan.items()[ctx.tree.placements[at].item].level + 1)
        .unwrap_or(0);
    let glance = match period.kind {
        crate::model::PeriodKind::Year => "year",
        crate::model::PeriodKind::Half => "half-year",
        crate::model::PeriodKind::Quarter => "quarter",
        crate::model::PeriodKind::Month => "month",
        crate::model::PeriodKind::Other => "period",
    };
    let grade_before = ctx.before.as_ref().map(|b| match root {
        Some(at) => b
            .standing
            .get(&plan.items()[ctx.tree.placements[at].item].id)
            .map_or_else(|| "—".to_owned(), |(_, g)| g.clone()),
        None => b.plan_grade.clone(),
    });
    let summary = Summary {
        title: format!("The {glance} at a glance"),
        grade: graded.letter().map(str::to_owned),
        grade_before,
        grade_meaning,
        grade_basis,
        score,
        percent: Figure {
            current: percent_now,
            // From the previous period's snapshot when it is locked; no
            // change is printed rather than one invented.
            previous: ctx.before.as_ref().and_then(|b| match &root_id {
                Some(id) => b.percent.get(id).copied().flatten(),
                None => b.totals.get(&None).copied().flatten(),
            }),
            previous_period: ctx.previous.map(|p| p.label.clone()),
        },
        counted: plural(&info.level_name(ctx.lowest)),
        distinct: t.distinct,
        shares: ctx.shares(&t),
        rows_name: if rows_level < info.levels.len() {
            plural(&info.level_name(rows_level))
        } else {
            String::new()
        },
        rows: row_placements.iter().map(|&i| ctx.glance_row(i)).collect(),
        commentary: ctx.notes(root_id.as_deref()),
        uses_sample: info.sample || summary_prints_sample(&ctx, root),
    };
    let sections: Vec<Section> = if opts.summary_only {
        Vec::new()
    } else {
        section_placements.iter().map(|&i| ctx.section(i)).collect()
    };
    let appendix = appendix(&ctx, root, opts);
    let contains_sample = summary.uses_sample || sections.iter().any(Section::has_sample);
    Ok(ReportCard {
        organisation: info.organisation.clone(),
        office: info.office.clone(),
        plan_title: info.title.clone(),
        timeframe: info.timeframe(),
        scope: scope_label,
        period: period.label.clone(),
        period_dates: format!("{} – {}", date_text(period.start), date_text(period.end)),
        prepared_by: opts
            .prepared_by
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| info.owner.clone()),
        language: info.document_language().to_owned(),
        print_date: opts.print_date,
        contains_sample,
        summary_only: opts.summary_only,
        attention: super::attention::groups(&sections, &info.level_name(ctx.lowest)),
        detail: opts.detail,
        summary,
        sections,
        appendix,
    })
}

/// The placement a scope names, `None` for the whole plan.
fn resolve_scope(tree: &Tree, scope: &Scope) -> Result<Option<usize>, ReportError> {
    let first: HashMap<usize, usize> = tree
        .placements
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.linked)
        .map(|(i, p)| (p.item, i))
        .collect();
    let goals = || -> Vec<String> {
        tree.placements
            .iter()
            .filter(|p| p.depth == 0)
            .map(|p| format!("goal:{}", p.code))
            .collect()
    };
    match scope {
        Scope::Plan => Ok(None),
        Scope::Goal(n) => tree
            .item_by_code(&n.to_string())
            .and_then(|pos| first.get(&pos).copied())
            .map(Some)
            .ok_or_else(|| ReportError::UnknownScope {
                given: format!("goal:{n}"),
                valid: goals(),
            }),
        Scope::Item(code) => tree
            .item_by_code(code)
            .and_then(|pos| first.get(&pos).copied())
            .map(Some)
            .ok_or_else(|| {
                let mut valid = vec!["plan".to_owned()];
                valid.extend(goals());
                valid.push(format!(
                    "item:CODE, where CODE is an item's code such as {}",
                    tree.placements
                        .iter()
                        .find(|p| p.depth == 1)
                        .map_or("1.1", |p| p.code.as_str())
                ));
                ReportError::UnknownScope {
                    given: format!("item:{code}"),
                    valid,
                }
            }),
    }
}
