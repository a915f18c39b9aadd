//! Which tree rows are shown: the filter (text, status, owner, term, level,
//! at-risk only) and collapsed branches. Matches keep their ancestors
//! visible. Pure logic, tested without a window.

use std::collections::BTreeSet;

use crate::model::{Plan, StatusKind, Term, Tree};
use crate::rules::rollup::Rollup;

/// The tree filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub text: String,
    /// Statuses to show; empty shows all.
    pub statuses: BTreeSet<StatusKind>,
    /// Owner or department contains this (case-insensitive).
    pub owner: String,
    pub term: Option<Term>,
    pub level: Option<usize>,
    pub at_risk_only: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    fn matches(&self, plan: &Plan, rollup: &Rollup, pos: usize, code: &str) -> bool {
        let item = &plan.items()[pos];
        let status = rollup.items[pos].status;
        if !self.statuses.is_empty() && !self.statuses.contains(&status) {
            return false;
        }
        if self.at_risk_only && !status.is_at_risk() {
            return false;
        }
        if self.term.is_some() && item.term != self.term {
            return false;
        }
        if self.level.is_some_and(|l| l != item.level) {
            return false;
        }
        let owner = self.owner.trim().to_lowercase();
        if !owner.is_empty()
            && !item.owner.to_lowercase().contains(&owner)
            && !item.department.to_lowercase().contains(&owner)
        {
            return false;
        }
        let text = self.text.trim().to_lowercase();
        text.is_empty()
            || code == text
            || item.title.to_lowercase().contains(&text)
            || item
                .alt_titles
                .iter()
                .any(|t| t.to_lowercase().contains(&text))
            || item.description.to_lowercase().contains(&text)
    }
}

/// The placements to show, as indexes into `tree.placements`, in order.
/// Without a filter, children of collapsed items are hidden; with one,
/// every match is shown with its ancestors.
pub fn visible_rows(
    plan: &Plan,
    tree: &Tree,
    rollup: &Rollup,
    filter: &Filter,
    collapsed: &BTreeSet<String>,
) -> Vec<usize> {
    let placements = &tree.placements;
    if filter.is_active() {
        let mut keep = vec![false; placements.len()];
        // Ancestors of placement i: walk back to the nearest shallower rows.
        let mut stack: Vec<usize> = Vec::new();
        for (i, p) in placements.iter().enumerate() {
            while stack
                .last()
                .is_some_and(|&a| placements[a].depth >= p.depth)
            {
                stack.pop();
            }
            if filter.matches(plan, rollup, p.item, &p.code) {
                keep[i] = true;
                for &a in &stack {
                    keep[a] = true;
                }
            }
            stack.push(i);
        }
        return (0..placements.len()).filter(|&i| keep[i]).collect();
    }
    let mut rows = Vec::with_capacity(placements.len());
    let mut hide_deeper_than: Option<usize> = None;
    for (i, p) in placements.iter().enumerate() {
        if let Some(d) = hide_deeper_than {
            if p.depth > d {
                continue;
            }
            hide_deeper_than = None;
        }
        rows.push(i);
        if collapsed.contains(&plan.items()[p.item].id) {
            hide_deeper_than = Some(p.depth);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::seeds::Seed;
    use crate::rules::rollup::roll_up;

    fn phoenix() -> (Plan, Tree, Rollup) {
        let plan = Seed::Phoenix.plan().expect("seed");
        let tree = Tree::build(&plan);
        let rollup = roll_up(&plan, None);
        (plan, tree, rollup)
    }

    fn codes(tree: &Tree, rows: &[usize]) -> Vec<String> {
        rows.iter()
            .map(|&r| tree.placements[r].code.clone())
            .collect()
    }

    #[test]
    fn no_filter_shows_everything_but_collapsed_branches() {
        let (plan, tree, rollup) = phoenix();
        let all = visible_rows(&plan, &tree, &rollup, &Filter::default(), &BTreeSet::new());
        assert_eq!(all.len(), tree.placements.len());
        let g1 = plan.roots().next().expect("g1").id.clone();
        let rows = visible_rows(
            &plan,
            &tree,
            &rollup,
            &Filter::default(),
            &BTreeSet::from([g1]),
        );
        let c = codes(&tree, &rows);
        assert_eq!(&c[..2], ["1", "2"]);
    }

    #[test]
    fn text_matches_keep_their_ancestors() {
        let (plan, tree, rollup) = phoenix();
        let f = Filter {
            text: "report card".into(),
            ..Filter::default()
        };
        let c = codes(
            &tree,
            &visible_rows(&plan, &tree, &rollup, &f, &BTreeSet::new()),
        );
        // "Strategic partnerships report card" sits in 1.3.
        assert!(
            c.contains(&"1".to_owned()) && c.contains(&"1.3".to_owned()),
            "{c:?}"
        );
        assert!(c.iter().any(|x| x.starts_with("1.3.")));
        assert!(!c.contains(&"1.1".to_owned()));
    }

    #[test]
    fn status_and_at_risk_filters() {
        let (mut plan, _, _) = phoenix();
        let id = plan
            .items()
            .iter()
            .find(|i| i.level == 2)
            .expect("initiative")
            .id
            .clone();
        let info = plan.info.clone();
        plan.item_mut(&id)
            .expect("item")
            .adopt_undated(&info, StatusKind::AtRisk, None)
            .expect("the plan has periods");
        let tree = Tree::build(&plan);
        let rollup = roll_up(&plan, None);
        let f = Filter {
            at_risk_only: true,
            ..Filter::default()
        };
        let c = codes(
            &tree,
            &visible_rows(&plan, &tree, &rollup, &f, &BTreeSet::new()),
        );
        // The initiative, its objective and its goal (at risk by roll-up).
        assert_eq!(c, ["1", "1.1", "1.1.1"]);
        let f = Filter {
            statuses: BTreeSet::from([StatusKind::Completed]),
            ..Filter::default()
        };
        assert!(visible_rows(&plan, &tree, &rollup, &f, &BTreeSet::new()).is_empty());
    }

    #[test]
    fn term_and_level_filters() {
        let (plan, tree, rollup) = phoenix();
        let f = Filter {
            level: Some(1),
            ..Filter::default()
        };
        let rows = visible_rows(&plan, &tree, &rollup, &f, &BTreeSet::new());
        assert_eq!(rows.len(), 30); // 25 objectives and their 5 goals.
        let f = Filter {
            term: Some(Term::Long),
            ..Filter::default()
        };
        let rows = visible_rows(&plan, &tree, &rollup, &f, &BTreeSet::new());
        assert!(rows.iter().all(|&r| {
            let item = &plan.items()[tree.placements[r].item];
            item.level < 2 || item.term == Some(Term::Long)
        }));
    }
}
