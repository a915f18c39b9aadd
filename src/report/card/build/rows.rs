//! The rows of the card's tables: a goal at a glance, an objective, an
//! initiative, a KPI, and the chips, grades and shares they print.

use super::*;

impl Ctx<'_> {
    /// The plan's period with this label.
    pub(super) fn period_of(&self, label: &str) -> Option<&Period> {
        self.plan.info.periods.iter().find(|p| p.label == label)
    }

    pub(super) fn chip(&self, kind: StatusKind) -> Chip {
        Chip {
            kind,
            label: self.plan.info.status_label(kind).to_owned(),
            overridden: false,
        }
    }

    /// Which of an item's figures a person set: those its override names,
    /// when the roll-up used it.
    pub(super) fn overridden(item: &Item, r: &Rolled) -> Overridden {
        match (&r.basis, &item.override_) {
            (crate::rules::rollup::Basis::Override { .. }, Some(o)) => Overridden {
                status: o.status.is_some(),
                percent: o.percent.is_some(),
            },
            _ => Overridden::default(),
        }
    }

    /// An item's status chip, marked when a person set it.
    pub(super) fn status_chip(&self, item: &Item, r: &Rolled) -> Chip {
        Chip {
            overridden: Self::overridden(item, r).status,
            ..self.chip(r.status)
        }
    }

    /// An item's grade under the plan's rule: no letter when too little
    /// of its branch was graded.
    pub(super) fn grade(&self, r: &Rolled) -> Option<String> {
        crate::rules::grade::grade(&self.plan.info, r.score, &r.coverage)
            .letter()
            .map(str::to_owned)
    }

    pub(super) fn shares(&self, t: &Totals) -> Vec<StatusShare> {
        t.by_status
            .iter()
            .map(|&(kind, count)| StatusShare {
                chip: self.chip(kind),
                count,
                percent: if t.distinct == 0 {
                    0.0
                } else {
                    count as f64 * 100.0 / t.distinct as f64
                },
            })
            .collect()
    }

    pub(super) fn notes(&self, item: Option<&str>) -> Option<Notes> {
        self.plan
            .commentary_for(item, &self.period.label)
            .filter(|c| !c.is_empty())
            .map(|c| Notes {
                commentary: c.commentary.clone(),
                recommendations: c.recommendations.clone(),
            })
    }

    /// Placement indices strictly below placement `at`, depth first.
    pub(super) fn below(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        let depth = self.tree.placements[at].depth;
        (at + 1..self.tree.placements.len())
            .take_while(move |&i| self.tree.placements[i].depth > depth)
    }

    pub(super) fn glance_row(&self, placement: usize) -> GlanceRow {
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

    pub(super) fn objective_row(&self, placement: usize) -> ObjectiveRow {
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

    pub(super) fn initiative_row(&self, placement: usize) -> InitiativeRow {
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
    pub(super) fn note_on(&self, item: &Item) -> String {
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
    pub(super) fn measured<'k>(
        &self,
        kpi: &'k Kpi,
        period: &Period,
    ) -> Option<(&'k str, Option<f64>)> {
        kpi.reading(&self.plan.info, Some(&period.label))
            .map(|r| (r.period, r.value))
    }

    pub(super) fn kpi_row(&self, kpi: &Kpi) -> KpiRow {
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
}
