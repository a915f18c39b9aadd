//! The derived shape of the plan tree: where each item is shown, its code,
//! and which placements are links to an item shown elsewhere.

use std::collections::HashMap;

use super::plan::Plan;

/// One place an item is shown in the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// Position of the item in [`Plan::items`].
    pub item: usize,
    /// Position of the parent, `None` for a top-level item.
    pub parent: Option<usize>,
    /// 0 for top level.
    pub depth: usize,
    /// The dotted code of this placement (`2.1.4`).
    pub code: String,
    /// True when the item was already shown earlier in the tree: this
    /// placement is a link to it.
    pub linked: bool,
}

/// Placements in depth-first order, with lookups by item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tree {
    pub placements: Vec<Placement>,
    /// For each item position, the index of its first placement.
    first: Vec<Option<usize>>,
    by_code: HashMap<String, usize>,
    /// Per item position: shown more than once.
    linked: Vec<bool>,
    /// Per item position: the positions of its parents, in document order.
    parents: Vec<Vec<usize>>,
}

impl Tree {
    /// Walks the plan depth first from its top-level items.
    pub fn build(plan: &Plan) -> Self {
        let items = plan.items();
        let mut tree = Self {
            placements: Vec::with_capacity(items.len()),
            first: vec![None; items.len()],
            by_code: HashMap::with_capacity(items.len()),
            linked: vec![false; items.len()],
            parents: vec![Vec::new(); items.len()],
        };
        for (pos, item) in items.iter().enumerate() {
            for child in &item.children {
                if let Some(c) = plan.position(child)
                    && !tree.parents[c].contains(&pos)
                {
                    tree.parents[c].push(pos);
                }
            }
        }
        // Explicit stack: (item position, parent, depth, code).
        let mut stack: Vec<(usize, Option<usize>, usize, String)> = Vec::new();
        let roots: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.level == 0)
            .map(|(p, _)| p)
            .collect();
        for (n, &pos) in roots.iter().enumerate().rev() {
            stack.push((pos, None, 0, (n + 1).to_string()));
        }
        while let Some((pos, parent, depth, code)) = stack.pop() {
            let linked = tree.first[pos].is_some();
            if linked {
                tree.linked[pos] = true;
            } else {
                tree.first[pos] = Some(tree.placements.len());
                tree.by_code.insert(code.clone(), pos);
            }
            let item = &items[pos];
            // A linked placement still shows its children, so the branch
            // reads the same under every parent; the children are links too.
            for (n, child) in item.children.iter().enumerate().rev() {
                if let Some(child_pos) = plan.position(child) {
                    stack.push((child_pos, Some(pos), depth + 1, format!("{code}.{}", n + 1)));
                }
            }
            tree.placements.push(Placement {
                item: pos,
                parent,
                depth,
                code,
                linked,
            });
        }
        tree
    }

    /// The index in [`Tree::placements`] of an item's first placement:
    /// where it first shows, top to bottom.
    pub fn first_placement(&self, item: usize) -> Option<usize> {
        self.first.get(item).copied().flatten()
    }

    /// The code of an item at its first placement.
    pub fn code_of(&self, item: usize) -> Option<&str> {
        self.first
            .get(item)
            .copied()
            .flatten()
            .map(|p| self.placements[p].code.as_str())
    }

    /// The item position for a code such as `1.2.3`.
    pub fn item_by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code.trim().trim_end_matches('.')).copied()
    }

    /// Number of placements of each item (more than one: linked).
    pub fn placement_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.first.len()];
        for p in &self.placements {
            counts[p.item] += 1;
        }
        counts
    }

    /// The positions of an item's parents (none for a top-level item).
    pub fn parents(&self, item: usize) -> &[usize] {
        self.parents.get(item).map_or(&[], Vec::as_slice)
    }

    /// Whether an item is shown under more than one parent.
    pub fn is_linked(&self, item: usize) -> bool {
        self.linked.get(item).copied().unwrap_or(false)
    }
}
