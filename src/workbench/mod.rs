//! A workbench: an open file and its plan in memory. Applies commands in
//! one transaction each, keeps undo and redo, and keeps the derived tree
//! and roll-up up to date so views never recompute them per frame.

use std::path::Path;

use crate::command::{Command, Refusal};
use crate::model::{Commentary, Item, Kpi, Plan, PlanInfo, Tree};
use crate::rules::rollup::{Rollup, roll_up};
use crate::store::copies::{CopyChoices, CopyError, CopyMerged, CopyReview};
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
    /// The KPIs' order, kept when any KPI is touched.
    kpi_order: Option<Vec<String>>,
    commentary: Option<Vec<Commentary>>,
    locks: Option<Vec<crate::model::PeriodLock>>,
    meetings: Option<Vec<crate::model::Meeting>>,
    requests: Option<Vec<crate::model::UpdateRequest>>,
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
            kpi_order: (!touched.kpis.is_empty())
                .then(|| plan.kpis.iter().map(|k| k.id.clone()).collect()),
            commentary: touched.commentary.then(|| plan.commentary.clone()),
            locks: touched.locks.then(|| plan.locks.clone()),
            meetings: touched.meetings.then(|| plan.meetings.clone()),
            requests: touched.requests.then(|| plan.requests.clone()),
            label,
        }
    }

    /// Whether `plan` differs from this snapshot in its shape: which items
    /// exist, their order, levels or children.
    fn shape_differs(&self, plan: &Plan) -> bool {
        self.touched.order
            || self.info.is_some()
            || self
                .items
                .iter()
                .any(|(id, was)| match (was, plan.item(id)) {
                    (Some(a), Some(b)) => a.children != b.children || a.level != b.level,
                    (None, None) => false,
                    _ => true,
                })
    }

    /// The positions, in `plan`, of the items whose figures may differ
    /// from this snapshot's: touched items, and the items KPIs sit on.
    fn items_to_roll(&self, plan: &Plan) -> Vec<usize> {
        let now = |id: &str| {
            plan.kpis
                .iter()
                .find(|k| k.id == id)
                .map(|k| k.item.clone())
        };
        self.items
            .iter()
            .map(|(id, _)| id.clone())
            .chain(self.kpis.iter().flat_map(|(id, was)| {
                was.as_ref()
                    .map(|k| k.item.clone())
                    .into_iter()
                    .chain(now(id))
            }))
            .filter_map(|id| plan.position(&id))
            .collect()
    }

    fn restore(self, plan: &mut Plan) {
        if let Some(info) = self.info {
            plan.info = info;
        }
        // Items that were there first, then the ones that were not: in the
        // plan as it was, no child list named those.
        let (present, absent): (Vec<_>, Vec<_>) =
            self.items.into_iter().partition(|(_, item)| item.is_some());
        for item in present.into_iter().filter_map(|(_, item)| item) {
            plan.put_item(item);
        }
        for (id, _) in absent {
            plan.remove_item(&id);
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
        if let Some(requests) = self.requests {
            plan.requests = requests;
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
        if let Some(order) = self.kpi_order {
            let rank: std::collections::HashMap<&str, usize> = order
                .iter()
                .enumerate()
                .map(|(i, id)| (id.as_str(), i))
                .collect();
            plan.kpis
                .sort_by_key(|k| rank.get(k.id.as_str()).copied().unwrap_or(usize::MAX));
        }
    }
}

/// Why an edit was not made. Either way the file and the plan in memory
/// keep their last saved state.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Copy(#[from] CopyError),
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
    /// Bumped when the file's content is replaced wholesale (a backup
    /// restored): caches of the history must start again.
    epoch: u64,
    /// Where this file was copied from, if it is a copy (read on opening).
    copy_origin: Option<crate::store::copies::CopyOrigin>,
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
        let copy_origin = store.copy_origin();
        Self {
            copy_origin,
            store,
            plan,
            tree,
            rollup,
            undo: Vec::new(),
            redo: Vec::new(),
            generation: 0,
            epoch: 0,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Where this file was copied from (File → Save a copy as…), if it is
    /// a copy: its edits can be merged back there.
    pub fn copy_origin(&self) -> Option<&crate::store::copies::CopyOrigin> {
        self.copy_origin.as_ref()
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

    /// Changes only when the file's content is replaced wholesale.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Applies one command: changes the plan in place, checks what it
    /// touched, writes it and its history in one transaction, and keeps
    /// the touched parts as they were for undo. On any failure the plan is
    /// put back as it was. Returns the item to focus, if the command made
    /// one. Commands that cannot say beforehand what they will touch
    /// (imports) are applied to a copy instead.
    pub fn apply(&mut self, command: &Command) -> Result<Option<String>, EditError> {
        let Some(footprint) = command.footprint(&self.plan) else {
            return self.apply_on_copy(command);
        };
        let mut before = Snapshot::capture(&self.plan, &footprint, String::new());
        let applied = match command.apply(&mut self.plan) {
            Ok(applied) => applied,
            Err(e) => {
                before.restore(&mut self.plan);
                return Err(EditError::Refused(e));
            }
        };
        debug_assert!(
            footprint.covers(&applied.touched),
            "{command:?} touched more than its footprint"
        );
        if !footprint.covers(&applied.touched) {
            before.restore(&mut self.plan);
            return self.apply_on_copy(command);
        }
        let shape = before.shape_differs(&self.plan);
        let saved = self
            .plan
            .validate_touched(&applied.touched, shape)
            .map_err(|invalid| EditError::Refused(command.refusal(invalid)))
            .and_then(|()| {
                self.store
                    .save(&self.plan, &applied.touched, &applied.history)
                    .map_err(EditError::from)
            });
        if let Err(e) = saved {
            before.restore(&mut self.plan);
            return Err(e);
        }
        before.label = label_of(&applied.history);
        self.refresh(&before, shape);
        self.push_undo(before);
        self.redo.clear();
        Ok(applied.focus)
    }

    /// Applies a command to a copy of the plan, checks the whole copy, and
    /// keeps it once it is written.
    fn apply_on_copy(&mut self, command: &Command) -> Result<Option<String>, EditError> {
        let mut next = self.plan.clone();
        let applied = command.apply(&mut next).map_err(EditError::Refused)?;
        next.validate()
            .map_err(|invalid| EditError::Refused(command.refusal(invalid)))?;
        self.store.save(&next, &applied.touched, &applied.history)?;
        let label = label_of(&applied.history);
        self.push_undo(Snapshot::capture(&self.plan, &applied.touched, label));
        self.redo.clear();
        self.replace(next);
        Ok(applied.focus)
    }

    fn push_undo(&mut self, snapshot: Snapshot) {
        self.undo.push(snapshot);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Brings the tree and roll-up up to date with an edit whose parts as
    /// they were are in `before`: an edit that changed the plan's shape
    /// rebuilds both; any other rolls up only the changed items and their
    /// ancestors.
    fn refresh(&mut self, before: &Snapshot, shape: bool) {
        if shape {
            self.tree = Tree::build(&self.plan);
            self.rollup = roll_up(&self.plan, None);
        } else {
            let changed = before.items_to_roll(&self.plan);
            crate::rules::rollup::update(&self.plan, &self.tree, &mut self.rollup, &changed);
        }
        self.generation += 1;
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
        self.epoch += 1;
        self.undo.clear();
        self.redo.clear();
        self.replace(plan);
        Ok(before)
    }

    /// What merging a colleague's copy would change; nothing is changed.
    pub fn review_copy(&mut self, other: &Path) -> Result<CopyReview, CopyError> {
        self.store.review_copy(other, &self.plan)
    }

    /// Merges a colleague's copy with the analyst's `choices`, as one edit
    /// that one undo takes back (the history keeps the copy's entries).
    pub fn merge_copy(
        &mut self,
        other: &Path,
        choices: &CopyChoices,
    ) -> Result<CopyMerged, EditError> {
        let (plan, merged) = self.store.merge_copy(other, choices, &self.plan)?;
        let touched = touched_between(&self.plan, &plan);
        self.push_undo(Snapshot::capture(&self.plan, &touched, "merge copy".into()));
        self.redo.clear();
        // The history gained rows from another file: caches start again.
        self.epoch += 1;
        self.replace(plan);
        Ok(merged)
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
        let label = snapshot.label.clone();
        let touched = snapshot.touched.clone();
        let current = Snapshot::capture(&self.plan, &touched, label.clone());
        snapshot.clone().restore(&mut self.plan);
        let shape = current.shape_differs(&self.plan);
        let history = [HistoryEntry::new(
            &format!("{} {label}", if undo { "undo" } else { "redo" }),
            None,
        )];
        let saved = self
            .plan
            .validate_touched(&touched, shape)
            .map_err(|invalid| EditError::Refused(invalid.into()))
            .and_then(|()| {
                self.store
                    .save(&self.plan, &touched, &history)
                    .map_err(EditError::from)
            });
        if let Err(e) = saved {
            // Put it back so the user can try again.
            current.restore(&mut self.plan);
            let stack = if undo { &mut self.undo } else { &mut self.redo };
            stack.push(snapshot);
            return Err(e);
        }
        self.refresh(&current, shape);
        if undo {
            self.redo.push(current);
        } else {
            self.undo.push(current);
        }
        Ok(true)
    }
}

/// What undo calls an edit: its first history entry's action, e.g. "set".
fn label_of(history: &[HistoryEntry]) -> String {
    history
        .first()
        .map(|h| h.action.clone())
        .unwrap_or_default()
}

/// The parts in which `after` differs from `before`, as an edit's touched
/// parts (so undo can put them back).
fn touched_between(before: &Plan, after: &Plan) -> Touched {
    let mut items: Vec<String> = after
        .items()
        .iter()
        .filter(|i| before.item(&i.id) != Some(*i))
        .map(|i| i.id.clone())
        .collect();
    items.extend(
        before
            .items()
            .iter()
            .filter(|i| after.item(&i.id).is_none())
            .map(|i| i.id.clone()),
    );
    fn by_id(plan: &Plan) -> std::collections::HashMap<&str, &crate::model::Kpi> {
        plan.kpis.iter().map(|k| (k.id.as_str(), k)).collect()
    }
    let (was, now) = (by_id(before), by_id(after));
    let mut kpis: Vec<String> = after
        .kpis
        .iter()
        .filter(|k| was.get(k.id.as_str()) != Some(k))
        .map(|k| k.id.clone())
        .collect();
    kpis.extend(
        before
            .kpis
            .iter()
            .filter(|k| !now.contains_key(k.id.as_str()))
            .map(|k| k.id.clone()),
    );
    let ids = |plan: &Plan| {
        plan.items()
            .iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    };
    Touched {
        info: before.info != after.info,
        items,
        kpis,
        order: ids(before) != ids(after),
        commentary: before.commentary != after.commentary,
        locks: before.locks != after.locks,
        meetings: before.meetings != after.meetings,
        requests: before.requests != after.requests,
    }
}
