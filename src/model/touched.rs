//! Which parts of a plan an edit touched: the rows the store writes, the
//! parts undo keeps, the parts checked after the edit.

use super::plan::Plan;

/// Which parts of the plan an edit touched, so only those rows are written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Touched {
    pub info: bool,
    /// Item ids (whether now present or removed).
    pub items: Vec<String>,
    /// KPI ids (whether now present or removed).
    pub kpis: Vec<String>,
    /// Document order changed: rewrite every item's position.
    pub order: bool,
    /// Commentary changed: rewrite the commentary table.
    pub commentary: bool,
    /// Locks changed: rewrite the locks table.
    pub locks: bool,
    /// Meetings changed: rewrite the meeting tables.
    pub meetings: bool,
    /// The register of update requests changed: rewrite it.
    pub requests: bool,
}

impl Touched {
    /// Every row of the plan.
    pub fn all(plan: &Plan) -> Self {
        Self {
            info: true,
            items: plan.items().iter().map(|i| i.id.clone()).collect(),
            kpis: plan.kpis.iter().map(|k| k.id.clone()).collect(),
            order: true,
            commentary: true,
            locks: true,
            meetings: true,
            requests: true,
        }
    }

    /// The meeting tables.
    pub fn meetings() -> Self {
        Self {
            meetings: true,
            ..Self::default()
        }
    }

    pub fn item(id: &str) -> Self {
        Self {
            items: vec![id.to_owned()],
            ..Self::default()
        }
    }

    /// Whether every part `other` names is named here too.
    pub fn covers(&self, other: &Self) -> bool {
        (self.info || !other.info)
            && (self.order || !other.order)
            && (self.commentary || !other.commentary)
            && (self.locks || !other.locks)
            && (self.meetings || !other.meetings)
            && (self.requests || !other.requests)
            && other.items.iter().all(|id| self.items.contains(id))
            && other.kpis.iter().all(|id| self.kpis.contains(id))
    }

    /// The union of two touch sets.
    pub fn merge(mut self, other: Self) -> Self {
        self.info |= other.info;
        self.order |= other.order;
        self.commentary |= other.commentary;
        self.locks |= other.locks;
        self.meetings |= other.meetings;
        self.requests |= other.requests;
        for id in other.items {
            if !self.items.contains(&id) {
                self.items.push(id);
            }
        }
        for id in other.kpis {
            if !self.kpis.contains(&id) {
                self.kpis.push(id);
            }
        }
        self
    }
}
