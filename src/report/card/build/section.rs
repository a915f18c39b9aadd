//! A goal's section: its objectives, initiatives, KPIs, commentary.

use super::*;

impl Ctx<'_> {
    pub(super) fn section(&self, at: usize) -> Section {
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
