//! The plan: its statements and settings, its items and its KPIs.

use std::collections::{HashMap, HashSet};

use super::commentary::Commentary;
use super::item::Item;
use super::kpi::Kpi;
use super::meeting::{ActionItem, Meeting};

pub use super::info::{CoreValue, Numbering, PlanInfo, Principle, Section};

/// A whole plan in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub info: PlanInfo,
    /// Every item once, in document order; top-level items appear in the
    /// order they are numbered.
    items: Vec<Item>,
    pub kpis: Vec<Kpi>,
    /// The office's commentary per item (or plan) and period.
    pub commentary: Vec<Commentary>,
    /// Locked reporting periods with their snapshots.
    pub locks: Vec<super::lock::PeriodLock>,
    /// Review meetings, in the order they were planned.
    pub meetings: Vec<Meeting>,
    /// The register of update requests, in the order they were sent.
    pub requests: Vec<super::request::UpdateRequest>,
    index: HashMap<String, usize>,
    /// Part of every id this plan gives out ([`Plan::fresh_id`]).
    id_tag: IdTag,
}

/// The file's (or, for a plan not read from a file, a random) tag that
/// new ids carry, so ids given out in two copies of a plan never collide.
/// Not part of the plan's content: two plans equal but for it are equal.
#[derive(Clone, Debug)]
struct IdTag(String);

impl PartialEq for IdTag {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl IdTag {
    fn random() -> Self {
        Self(uuid::Uuid::new_v4().simple().to_string()[..12].to_owned())
    }
}

impl Plan {
    /// A plan from its parts. Call [`Plan::validate`] before trusting it.
    pub fn new(info: PlanInfo, items: Vec<Item>, kpis: Vec<Kpi>) -> Self {
        let mut plan = Self {
            info,
            items,
            kpis,
            commentary: Vec::new(),
            locks: Vec::new(),
            meetings: Vec::new(),
            requests: Vec::new(),
            index: HashMap::new(),
            id_tag: IdTag::random(),
        };
        plan.reindex();
        plan
    }

    /// Makes new ids carry `tag` (the workbench file's id), so that ids
    /// given out in this file differ from those of every copy of it.
    pub fn set_id_tag(&mut self, tag: &str) {
        let tag: String = tag
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(12)
            .collect();
        if !tag.is_empty() {
            self.id_tag = IdTag(tag);
        }
    }

    fn reindex(&mut self) {
        self.index = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.clone(), i))
            .collect();
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    pub fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.index.get(id).map(|&i| &mut self.items[i])
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// No two items share an id (the index would have merged them).
    pub(super) fn ids_unique(&self) -> bool {
        self.index.len() == self.items.len()
    }

    /// Adds an item at the end of the document; the caller links it.
    pub fn push_item(&mut self, item: Item) {
        self.index.insert(item.id.clone(), self.items.len());
        self.items.push(item);
    }

    /// Replaces the item with the same id, or adds it at the end.
    pub fn put_item(&mut self, item: Item) {
        match self.position(&item.id) {
            Some(pos) => self.items[pos] = item,
            None => self.push_item(item),
        }
    }

    /// Puts items in the order of `ids`; items not named keep their
    /// relative order after those named.
    pub fn reorder_items(&mut self, ids: &[String]) {
        let rank: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let mut items = std::mem::take(&mut self.items);
        items.sort_by_key(|i| rank.get(i.id.as_str()).copied().unwrap_or(usize::MAX));
        self.items = items;
        self.reindex();
    }

    /// Removes an item and every reference to it. Returns it if it existed.
    pub fn remove_item(&mut self, id: &str) -> Option<Item> {
        let pos = self.position(id)?;
        let item = self.items.remove(pos);
        for other in &mut self.items {
            other.children.retain(|c| c != id);
        }
        self.kpis.retain(|k| k.item != id);
        self.commentary.retain(|c| c.item.as_deref() != Some(id));
        // Meetings not yet held forget it; held ones keep it in their
        // minutes under the code and title it had.
        for m in self.meetings.iter_mut().filter(|m| m.started_at.is_none()) {
            m.agenda.retain(|e| e.item != id);
        }
        self.reindex();
        Some(item)
    }

    /// Moves a top-level item to `new_pos` among the top-level items.
    pub fn move_root(&mut self, id: &str, new_pos: usize) -> bool {
        let roots: Vec<usize> = self.root_positions().collect();
        let Some(from) = self.position(id) else {
            return false;
        };
        if !roots.contains(&from) || new_pos >= roots.len() {
            return false;
        }
        let item = self.items.remove(from);
        let mut roots_after: Vec<usize> = self.root_positions().collect();
        let insert_at = if new_pos < roots_after.len() {
            roots_after[new_pos]
        } else {
            roots_after.pop().map_or(self.items.len(), |p| p + 1)
        };
        self.items.insert(insert_at, item);
        self.reindex();
        true
    }

    fn root_positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.level == 0)
            .map(|(p, _)| p)
    }

    /// Top-level items in order.
    pub fn roots(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.level == 0)
    }

    /// Ids of the items that list `id` as a child, in document order.
    pub fn parents_of(&self, id: &str) -> Vec<&str> {
        self.items
            .iter()
            .filter(|p| p.children.iter().any(|c| c == id))
            .map(|p| p.id.as_str())
            .collect()
    }

    /// An id not yet used, starting with `prefix`, that no other copy of
    /// the plan will give out: two analysts adding items in their own
    /// copies get different ids, so the copies merge. The same plan gets
    /// the same answer within one run (an edit's footprint names the id
    /// the edit will then use).
    pub fn fresh_id(&self, prefix: &str) -> String {
        unique_id(prefix, &self.id_tag.0, self.items.len(), |id| {
            self.index.contains_key(id)
        })
    }

    /// The commentary on `item` (`None`: the whole plan) for `period`.
    pub fn commentary_for(&self, item: Option<&str>, period: &str) -> Option<&Commentary> {
        self.commentary
            .iter()
            .find(|c| c.item.as_deref() == item && c.period == period)
    }

    /// Whether anything in the plan is illustrative rather than the city's.
    pub fn contains_sample_data(&self) -> bool {
        self.info.sample || self.kpis.iter().any(|k| k.sample)
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    pub fn meeting_mut(&mut self, id: &str) -> Option<&mut Meeting> {
        self.meetings.iter_mut().find(|m| m.id == id)
    }

    /// Every action item, with the meeting that recorded it.
    pub fn actions(&self) -> impl Iterator<Item = (&Meeting, &ActionItem)> {
        self.meetings
            .iter()
            .flat_map(|m| m.actions.iter().map(move |a| (m, a)))
    }

    /// Open action items recorded against `item`, oldest meeting first.
    pub fn open_actions_on<'a>(
        &'a self,
        item: &'a str,
    ) -> impl Iterator<Item = (&'a Meeting, &'a ActionItem)> {
        self.actions()
            .filter(move |(_, a)| a.item == item && a.is_open())
    }

    /// A meeting or action id not yet used, starting with `prefix`, unique
    /// across copies like [`Plan::fresh_id`].
    pub fn fresh_meeting_id(&self, prefix: &str) -> String {
        let used: HashSet<&str> = self
            .meetings
            .iter()
            .map(|m| m.id.as_str())
            .chain(self.actions().map(|(_, a)| a.id.as_str()))
            .collect();
        unique_id(prefix, &self.id_tag.0, used.len(), |id| used.contains(id))
    }

    /// A KPI id not yet used, unique across copies like [`Plan::fresh_id`].
    pub fn fresh_kpi_id(&self) -> String {
        unique_id("kpi-", &self.id_tag.0, self.kpis.len(), |id| {
            self.kpis.iter().any(|k| k.id == id)
        })
    }

    /// The lock on `period`, if it is locked.
    pub fn lock(&self, period: &str) -> Option<&super::lock::PeriodLock> {
        self.locks.iter().find(|l| l.period == period)
    }

    /// The update request with this id, if the register has it.
    pub fn request(&self, id: &str) -> Option<&super::request::UpdateRequest> {
        self.requests.iter().find(|r| r.id == id)
    }

    /// Whether `period` is locked (read only).
    pub fn is_locked(&self, period: &str) -> bool {
        self.lock(period).is_some()
    }
}

/// What refers to a reporting period: a period cannot be removed while
/// anything does (its figures would lose the period they are for).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeriodUses {
    pub targets: usize,
    pub measurements: usize,
    pub progress: usize,
    pub commentary: usize,
    pub meetings: usize,
}

impl PeriodUses {
    /// Nothing refers to the period.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// "3 KPI targets, 12 measurements and 1 meeting".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, one, many) in [
            (self.targets, "KPI target", "KPI targets"),
            (self.measurements, "KPI measurement", "KPI measurements"),
            (self.progress, "progress update", "progress updates"),
            (self.commentary, "commentary", "commentaries"),
            (self.meetings, "meeting", "meetings"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        match parts.len() {
            0 => "nothing".to_owned(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} and {last}", parts.join(", "))
            }
        }
    }
}

impl Plan {
    /// What in the plan refers to the period `label`.
    pub fn period_uses(&self, label: &str) -> PeriodUses {
        PeriodUses {
            targets: self
                .kpis
                .iter()
                .flat_map(|k| &k.targets)
                .filter(|t| t.period == label)
                .count(),
            measurements: self
                .kpis
                .iter()
                .flat_map(|k| &k.measurements)
                .filter(|m| m.period == label)
                .count(),
            progress: self
                .items
                .iter()
                .flat_map(|i| &i.updates)
                .filter(|u| u.period == label)
                .count(),
            commentary: self.commentary.iter().filter(|c| c.period == label).count(),
            meetings: self.meetings.iter().filter(|m| m.period == label).count(),
        }
    }
}

/// `prefix`, the plan's tag and the first number after `count` not
/// `taken`: unique in practice across every copy of a plan, and the same
/// for the same plan (an edit's footprint names the id the edit then
/// uses). Starting after the count keeps adding many items linear.
fn unique_id(prefix: &str, tag: &str, count: usize, taken: impl Fn(&str) -> bool) -> String {
    (count + 1..)
        .map(|n| format!("{prefix}{tag}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| prefix.to_owned())
}

#[cfg(test)]
mod period_uses_tests {
    #[test]
    fn a_period_with_figures_names_them() {
        let plan = crate::interchange::seeds::phoenix_with_sample_kpis().expect("seed");
        let used = plan
            .info
            .periods
            .iter()
            .map(|p| (p.label.clone(), plan.period_uses(&p.label)))
            .find(|(_, u)| u.measurements > 0)
            .expect("the sample KPIs have measurements");
        assert!(!used.1.is_empty());
        assert!(
            used.1.describe().contains("KPI measurement"),
            "{}",
            used.1.describe()
        );
        assert!(plan.period_uses("no such period").is_empty());
        assert_eq!(plan.period_uses("no such period").describe(), "nothing");
    }
}
