//! The appendix (the rules behind every figure, every override, notes on
//! the source text) and whether the summary rests on sample figures.

use super::*;

/// Whether sample KPIs shape the figures of the summary (their statuses
/// count in the roll-up).
pub(super) fn summary_prints_sample(ctx: &Ctx<'_>, root: Option<usize>) -> bool {
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

pub(super) fn appendix(ctx: &Ctx<'_>, root: Option<usize>, opts: &ReportOptions) -> Appendix {
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
