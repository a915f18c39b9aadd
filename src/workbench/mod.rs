//! A workbench: an open file and its plan in memory. Applies commands in
//! one transaction each, keeps undo and redo, and keeps the derived tree
//! and roll-up up to date so views never recompute them per frame.

use std::path::Path;

use crate::command::Command;
use crate::model::{Commentary, Item, Kpi, Plan, PlanInfo, Tree};
use crate::rules::rollup::{Rollup, roll_up};
use crate::store::{HistoryEntry, Store, StoreError, Touched};

/// How many edits can be undone.
const UNDO_DEPTH: usize = 200;

/// The touched parts of a plan as they were, to swap back in.
#[derive(Clone, Debug)]
struct Snapshot {
    touched: Touched,
    info: Option<PlanInfo>,
    items: Vec<(String, Option<Item>)>,
    kpis: Vec<(String, Option<Kpi>)>,
    item_order: Option<Vec<String>>,
    kpi_order: Vec<String>,
    commentary: Option<Vec<Commentary>>,
    locks: Option<Vec<crate::model::PeriodLock>>,
    meetings: Option<Vec<crate::model::Meeting>>,
    label: String,
}

impl Snapshot {
    fn capture(plan: &Plan, touched: &Touched, label: String) -> Self {
        Self {
            touched: touched.clone(),
            info: touched.info.then(|| plan.info.clone()),
            items: touched
                .items
                .iter()
                .map(|id| (id.clone(), plan.item(id).cloned()))
                .collect(),
            kpis: touched
                .kpis
                .iter()
                .map(|id| (id.clone(), plan.kpis.iter().find(|k| k.id == *id).cloned()))
                .collect(),
            item_order: touched
                .order
                .then(|| plan.items().iter().map(|i| i.id.clone()).collect()),
            kpi_order: plan.kpis.iter().map(|k| k.id.clone()).collect(),
            commentary: touched.commentary.then(|| plan.commentary.clone()),
            locks: touched.locks.then(|| plan.locks.clone()),
            meetings: touched.meetings.then(|| plan.meetings.clone()),
            label,
        }
    }

    fn restore(self, plan: &mut Plan) {
        if let Some(info) = self.info {
            plan.info = info;
        }
        for (id, item) in self.items {
            match item {
                Some(item) => plan.put_item(item),
                None => {
                    // Keep other items' child lists: those items are in the
                    // snapshot too and restore their own lists.
                    let children: Vec<(String, Vec<String>)> = plan
                        .items()
                        .iter()
                        .map(|i| (i.id.clone(), i.children.clone()))
                        .collect();
                    plan.remove_item(&id);
                    for (pid, kids) in children {
                        if let Some(p) = plan.item_mut(&pid) {
                            p.children = kids.into_iter().filter(|k| *k != id).collect();
                        }
                    }
                }
            }
        }
        if let Some(locks) = self.locks {
            plan.locks = locks;
        }
        if let Some(commentary) = self.commentary {
            plan.commentary = commentary;
        }
        if let Some(meetings) = self.meetings {
            plan.meetings = meetings;
        }
        if let Some(order) = self.item_order {
            plan.reorder_items(&order);
        }
        for (id, kpi) in self.kpis {
            plan.kpis.retain(|k| k.id != id);
            if let Some(k) = kpi {
                plan.kpis.push(k);
            }
        }
        let rank: std::collections::HashMap<&str, usize> = self
            .kpi_order
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        plan.kpis
            .sort_by_key(|k| rank.get(k.id.as_str()).copied().unwrap_or(usize::MAX));
    }
}

/// Why an edit was not made. Either way the file and the plan in memory
/// keep their last saved state.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An open workbench.
pub struct Workbench {
    store: Store,
    plan: Plan,
    tree: Tree,
    rollup: Rollup,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// Bumped on every change, so views can cache what they derive.
    generation: u64,
}

impl Workbench {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let (store, plan) = Store::open(path)?;
        Ok(Self::from_parts(store, plan))
    }

    /// Opens a workbench to look at it without changing it.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let (store, plan) = Store::open_read_only(path)?;
        Ok(Self::from_parts(store, plan))
    }

    /// Opens for writing or, when another Cairn has the file open,
    /// read-only; the second value is then why.
    pub fn open_or_share(path: &Path) -> Result<(Self, Option<StoreError>), StoreError> {
        let (store, plan, busy) = Store::open_or_share(path)?;
        Ok((Self::from_parts(store, plan), busy))
    }

    pub fn create(path: &Path, plan: Plan) -> Result<Self, StoreError> {
        let store = Store::create(path, &plan)?;
        Ok(Self::from_parts(store, plan))
    }

    fn from_parts(store: Store, plan: Plan) -> Self {
        let tree = Tree::build(&plan);
        let rollup = roll_up(&plan, None);
        Self {
            store,
            plan,
            tree,
            rollup,
            undo: Vec::new(),
            redo: Vec::new(),
            generation: 0,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    pub fn rollup(&self) -> &Rollup {
        &self.rollup
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Sets the name recorded in the history for the edits that follow.
    pub fn set_user(&mut self, name: &str) {
        self.store.set_user(name);
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Applies one command: checks it on a copy, writes it and its history
    /// in one transaction, and only then shows it. Returns the item to
    /// focus, if the command made one.
    pub fn apply(&mut self, command: &Command) -> Result<Option<String>, EditError> {
        let mut next = self.plan.clone();
        let applied = command.apply(&mut next).map_err(EditError::Refused)?;
        next.validate().map_err(EditError::Refused)?;
        self.store.save(&next, &applied.touched, &applied.history)?;
        let label = applied
            .history
            .first()
            .map(|h| h.action.clone())
            .unwrap_or_default();
        self.undo
            .push(Snapshot::capture(&self.plan, &applied.touched, label));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.replace(next);
        Ok(applied.focus)
    }

    fn replace(&mut self, plan: Plan) {
        self.plan = plan;
        self.tree = Tree::build(&self.plan);
        self.rollup = roll_up(&self.plan, None);
        self.generation += 1;
    }

    /// Replaces the plan with a backup's (see [`Store::restore_from`]):
    /// the file as it was is backed up first; returns that copy's path.
    /// Undo and redo start afresh, since the file is another one now.
    pub fn restore_from(&mut self, backup: &Path) -> Result<std::path::PathBuf, EditError> {
        let (plan, before) = self.store.restore_from(backup)?;
        self.undo.clear();
        self.redo.clear();
        self.replace(plan);
        Ok(before)
    }

    /// A problem with the day's backup, once, for the caller to show.
    pub fn take_notice(&mut self) -> Option<String> {
        self.store.take_backup_notice()
    }

    /// What undo would undo, e.g. "set".
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Undoes the last edit; `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        self.swap(true)
    }

    /// Redoes the last undone edit; `Ok(false)` when there is none.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        self.swap(false)
    }

    fn swap(&mut self, undo: bool) -> Result<bool, EditError> {
        let stack = if undo { &mut self.undo } else { &mut self.redo };
        let Some(snapshot) = stack.pop() else {
            return Ok(false);
        };
        let current = Snapshot::capture(&self.plan, &snapshot.touched, snapshot.label.clone());
        let mut next = self.plan.clone();
        let touched = snapshot.touched.clone();
        let label = snapshot.label.clone();
        snapshot.clone().restore(&mut next);
        let history = [HistoryEntry {
            action: format!("{} {label}", if undo { "undo" } else { "redo" }),
            ..HistoryEntry::default()
        }];
        if let Err(e) = next.validate().map_err(EditError::Refused).and_then(|()| {
            self.store
                .save(&next, &touched, &history)
                .map_err(EditError::from)
        }) {
            // Put it back so the user can try again.
            let stack = if undo { &mut self.undo } else { &mut self.redo };
            stack.push(snapshot);
            return Err(e);
        }
        if undo {
            self.redo.push(current);
        } else {
            self.undo.push(current);
        }
        self.replace(next);
        Ok(true)
    }
}
