//! Plan + scope + period → report model. Figures come from the documented
//! roll-up ([`crate::rules::rollup`]); nothing here invents a number.

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

impl Ctx<'_> {
    /// The plan's period with this label.
    fn period_of(&self, label: &str) -> Option<&Period> {
        self.plan.info.periods.iter().find(|p| p.label == label)
    }

    fn chip(&self, kind: StatusKind) -> Chip {
        Chip {
            kind,
            label: self.plan.info.status_label(kind).to_owned(),
            overridden: false,
        }
    }

    /// Which of an item's figures a person set: those its override names,
    /// when the roll-up used it.
    fn overridden(item: &Item, r: &Rolled) -> Overridden {
        match (&r.basis, &item.override_) {
            (crate::rules::rollup::Basis::Override { .. }, Some(o)) => Overridden {
                status: o.status.is_some(),
                percent: o.percent.is_some(),
            },
            _ => Overridden::default(),
        }
    }

    /// An item's status chip, marked when a person set it.
    fn status_chip(&self, item: &Item, r: &Rolled) -> Chip {
        Chip {
            overridden: Self::overridden(item, r).status,
            ..self.chip(r.status)
        }
    }

    /// An item's grade under the plan's rule: no letter when too little
    /// of its branch was graded.
    fn grade(&self, r: &Rolled) -> Option<String> {
        crate::rules::grade::grade(&self.plan.info, r.score, &r.coverage)
            .letter()
            .map(str::to_owned)
    }

    fn shares(&self, t: &Totals) -> Vec<StatusShare> {
        t.by_status
            .iter()
            .map(|&(kind, count)| StatusShare {
                chip: self.chip(kind),
                count,
                #[allow(clippy::cast_precision_loss)] // Item counts are small.
                percent: if t.distinct == 0 {
                    0.0
                } else {
                    count as f64 * 100.0 / t.distinct as f64
                },
            })
            .collect()
    }

    fn notes(&self, item: Option<&str>) -> Option<Notes> {
        self.plan
            .commentary_for(item, &self.period.label)
            .filter(|c| !c.is_empty())
            .map(|c| Notes {
                commentary: c.commentary.clone(),
                recommendations: c.recommendations.clone(),
            })
    }

    /// Placement indices strictly below placement `at`, depth first.
    fn below(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        let depth = self.tree.placements[at].depth;
        (at + 1..self.tree.placements.len())
            .take_while(move |&i| self.tree.placements[i].depth > depth)
    }

    fn glance_row(&self, placement: usize) -> GlanceRow {
        let p = &self.tree.placements[placement];
        let item = &self.plan.items()[p.item];
        let r = &self.rollup.items[p.item];
        let t = totals(self.plan, &self.rollup, Some(&item.id));
        GlanceRow {
            code: p.code.clone(),
            title: item.title.clone(),
            status: self.status_chip(item, r),
            grade: self.grade(r),
            percent: Figure {
                current: r.percent,
                // From the previous period's snapshot when it is locked;
                // otherwise unknown, never invented.
                previous: self
                    .before
                    .as_ref()
                    .and_then(|b| b.percent.get(&item.id).copied().flatten()),
                previous_period: self.previous.map(|p| p.label.clone()),
            },
            overridden: Self::overridden(item, r),
            status_before: self
                .before
                .as_ref()
                .and_then(|b| b.standing.get(&item.id))
                .map(|(s, _)| s.clone()),
            grade_before: self
                .before
                .as_ref()
                .and_then(|b| b.standing.get(&item.id))
                .map(|(_, g)| g.clone()),
            shares: self.shares(&t),
        }
    }

    fn objective_row(&self, placement: usize) -> ObjectiveRow {
        let p = &self.tree.placements[placement];
        let item = &self.plan.items()[p.item];
        let r = &self.rollup.items[p.item];
        let t = totals(self.plan, &self.rollup, Some(&item.id));
        let count = |k: StatusKind| {
            t.by_status
                .iter()
                .find(|(kind, _)| *kind == k)
                .map_or(0, |(_, n)| *n)
        };
        let done = count(StatusKind::Completed);
        let not_started = count(StatusKind::NotStarted);
        let cancelled = count(StatusKind::Cancelled);
        ObjectiveRow {
            code: p.code.clone(),
            level: self.plan.info.level_name(item.level),
            title: item.title.clone(),
            status: self.status_chip(item, r),
            grade: self.grade(r),
            percent: r.percent,
            done,
            in_progress: t.distinct - done - not_started - cancelled,
            not_started,
            overridden: Self::overridden(item, r),
            before: self.before.as_ref().and_then(|b| {
                let (status, grade) = b.standing.get(&item.id)?;
                Some(crate::report::model::Before {
                    status: status.clone(),
                    grade: grade.clone(),
                    percent: b.percent.get(&item.id).copied().flatten(),
                })
            }),
            source_note: !item.source_note.trim().is_empty(),
            owner: owner_of(item),
            note: self.note_on(item),
        }
    }

    fn initiative_row(&self, placement: usize) -> InitiativeRow {
        let p = &self.tree.placements[placement];
        let item = &self.plan.items()[p.item];
        let r = &self.rollup.items[p.item];
        // Due on the last day of the period is not yet overdue.
        let overdue = item.due.is_some_and(|d| d < self.period.end)
            && !matches!(r.status, StatusKind::Completed | StatusKind::Cancelled);
        InitiativeRow {
            code: p.code.clone(),
            title: item.title.clone(),
            owner: owner_of(item),
            due: item.due,
            overdue,
            status: self.chip(r.status),
            percent: r.percent,
            also_at: self.codes[p.item]
                .iter()
                .filter(|c| **c != p.code)
                .cloned()
                .collect(),
            term: item.term.map(|t| t.label().to_owned()),
            source_note: !item.source_note.trim().is_empty(),
            was: self
                .before
                .as_ref()
                .and_then(|b| b.standing.get(&item.id))
                .map(|(s, _)| s.clone())
                .filter(|s| *s != self.plan.info.status_label(r.status)),
            note: self.note_on(item),
        }
    }

    /// The office's commentary on an item for the period, else its
    /// progress note for the period.
    fn note_on(&self, item: &Item) -> String {
        match self.notes(Some(&item.id)) {
            Some(n) if !n.commentary.trim().is_empty() => n.commentary,
            _ => item
                .update_for(&self.period.label)
                .map(|u| u.note.clone())
                .unwrap_or_default(),
        }
    }

    /// The measurement a card shows for `period`: the one recorded for
    /// the period itself, else the latest recorded for a period inside it
    /// (a quarter of the year), with that period's label.
    /// The measurement the period's figures use: the same reading the
    /// roll-up takes its status from.
    fn measured<'k>(&self, kpi: &'k Kpi, period: &Period) -> Option<(&'k str, Option<f64>)> {
        kpi.reading(&self.plan.info, Some(&period.label))
            .map(|r| (r.period, r.value))
    }

    fn kpi_row(&self, kpi: &Kpi) -> KpiRow {
        let mut history: Vec<(&Period, Option<f64>)> = kpi
            .measurements
            .iter()
            .filter_map(|m| {
                let p = self.period_of(&m.period)?;
                (p.end <= self.period.end).then_some((p, m.value))
            })
            .collect();
        history.sort_by_key(|(p, _)| (p.end, std::cmp::Reverse(p.start)));
        let keep = history.len().saturating_sub(8);
        let code = self
            .plan
            .position(&kpi.item)
            .and_then(|pos| self.tree.code_of(pos))
            .unwrap_or("")
            .to_owned();
        let current = self.measured(kpi, self.period);
        let previous = self.previous.and_then(|p| self.measured(kpi, p));
        let label = current.map_or(self.period.label.as_str(), |(l, _)| l);
        KpiRow {
            code,
            name: kpi.name.clone(),
            unit: kpi.unit.clone(),
            direction: kpi.direction.label().to_owned(),
            baseline: kpi.baseline,
            target: kpi
                .target_for(label)
                .or_else(|| kpi.target_for(&self.period.label)),
            actual: Figure {
                current: current.and_then(|(_, v)| v),
                previous: previous.and_then(|(_, v)| v),
                previous_period: previous
                    .map(|(l, _)| l.to_owned())
                    .or_else(|| self.previous.map(|p| p.label.clone())),
            },
            measured_in: current
                .map(|(l, _)| l.to_owned())
                .filter(|l| *l != self.period.label),
            trend: history[keep..]
                .iter()
                .map(|(p, v)| (p.label.clone(), *v))
                .collect(),
            status: kpi.status_in(label).map(|k| self.chip(k)),
            sample: kpi.sample || self.plan.info.sample,
            owner: kpi.owner.clone(),
        }
    }

    fn section(&self, at: usize) -> Section {
        let p = &self.tree.placements[at];
        let item = &self.plan.items()[p.item];
        let r = &self.rollup.items[p.item];
        let mut seen = HashSet::new();
        let mut in_scope = HashSet::from([p.item]);
        let mut objectives = Vec::new();
        let mut initiatives = Vec::new();
        if item.level == self.lowest {
            initiatives.push(self.initiative_row(at));
        }
        for i in self.below(at) {
            let q = &self.tree.placements[i];
            in_scope.insert(q.item);
            if !seen.insert(q.item) {
                continue;
            }
            if self.plan.items()[q.item].level == self.lowest {
                initiatives.push(self.initiative_row(i));
            } else {
                objectives.push(self.objective_row(i));
            }
        }
        let info = &self.plan.info;
        let middle: Vec<String> = (item.level + 1..self.lowest)
            .map(|l| plural(&info.level_name(l)))
            .collect();
        Section {
            code: p.code.clone(),
            level: info.level_name(item.level),
            title: item.title.clone(),
            status: self.status_chip(item, r),
            grade: self.grade(r),
            percent: r.percent,
            overridden: Self::overridden(item, r),
            basis: match r.driver_text(self.plan, &self.tree) {
                d if d.is_empty() => r.basis.explain(),
                d => format!("{} {d}.", r.basis.explain()),
            },
            notes: self.notes(Some(&item.id)),
            objectives_name: middle.join(" and "),
            objectives,
            initiatives_name: plural(&info.level_name(self.lowest)),
            initiatives,
            kpis: self
                .plan
                .kpis
                .iter()
                .filter(|k| {
                    self.plan
                        .position(&k.item)
                        .is_some_and(|x| in_scope.contains(&x))
                })
                .map(|k| self.kpi_row(k))
                .collect(),
        }
    }
}

/// Builds the report card for `opts`. Fails, naming the valid choices,
/// when the scope or the period is not in the plan.
/// Builds the card. A locked period is printed from its snapshot, so the
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

/// Whether sample KPIs shape the figures of the summary (their statuses
/// count in the roll-up).
fn summary_prints_sample(ctx: &Ctx<'_>, root: Option<usize>) -> bool {
    let in_scope: Option<HashSet<usize>> = root.map(|at| {
        std::iter::once(at)
            .chain(ctx.below(at))
            .map(|i| ctx.tree.placements[i].item)
            .collect()
    });
    ctx.plan.kpis.iter().any(|k| {
        k.sample
            && ctx
                .plan
                .position(&k.item)
                .is_some_and(|p| in_scope.as_ref().is_none_or(|s| s.contains(&p)))
    })
}

fn appendix(ctx: &Ctx<'_>, root: Option<usize>, opts: &ReportOptions) -> Appendix {
    let plan = ctx.plan;
    let info = &plan.info;
    let placements: Vec<usize> = match root {
        None => (0..ctx.tree.placements.len()).collect(),
        Some(at) => std::iter::once(at).chain(ctx.below(at)).collect(),
    };
    let mut noted = HashSet::new();
    let source_notes = placements
        .iter()
        .filter_map(|&i| {
            let p = &ctx.tree.placements[i];
            let item = &plan.items()[p.item];
            (!item.source_note.trim().is_empty() && noted.insert(p.item))
                .then(|| (p.code.clone(), item.title.clone(), item.source_note.clone()))
        })
        .collect();
    let mut seen = HashSet::new();
    let overrides = placements
        .into_iter()
        .filter_map(|i| {
            let p = &ctx.tree.placements[i];
            let item = &plan.items()[p.item];
            let o = item.override_.as_ref()?;
            let replaced = match &ctx.rollup.items[p.item].basis {
                crate::rules::rollup::Basis::Override {
                    derived_status,
                    derived_percent,
                    ..
                } => format!(
                    "{}, {}",
                    info.status_label(*derived_status),
                    crate::model::text::percent_text(*derived_percent)
                ),
                _ => String::new(),
            };
            seen.insert(p.item).then(|| OverrideRow {
                code: p.code.clone(),
                title: item.title.clone(),
                status: o.status.map(|k| ctx.chip(k)),
                percent: o.percent,
                replaced,
                reason: o.reason.clone(),
                by: o.by.clone(),
                on: o.on,
            })
        })
        .collect();
    Appendix {
        rules: ROLLUP_RULES.iter().map(|s| (*s).to_owned()).collect(),
        grading_name: info.grading.name.clone(),
        grades: info
            .grading
            .grades
            .iter()
            .map(|g| GradeBand {
                grade: g.grade.clone(),
                min_score: g.min_score,
                meaning: g.meaning.clone(),
            })
            .collect(),
        points: StatusKind::ALL
            .into_iter()
            .map(|k| (ctx.chip(k), info.status_points(k)))
            .collect(),
        overrides,
        as_of: ctx.period.end,
        locked: None,
        source_file: opts.source_file.clone(),
        source_notes,
        plan_source: info.source.clone(),
    }
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
