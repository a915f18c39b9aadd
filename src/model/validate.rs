//! The rules a plan must keep, checked whole (on opening, importing and
//! restoring) or only where an edit touched it.

use std::collections::HashSet;

use super::invalid::Invalid;
use super::item::Item;
use super::kpi::Kpi;
use super::plan::Plan;
use super::status::StatusKind;
use super::touched::Touched;

impl Plan {
    /// Checks every rule a plan must keep. The message names the offending
    /// item or KPI.
    pub fn validate(&self) -> Result<(), Invalid> {
        let labels = self.validate_info()?;
        self.validate_items()?;
        self.validate_kpis(&labels)?;
        self.validate_commentary(&labels)?;
        self.validate_meetings(&labels)?;
        self.validate_locks(&labels)
    }

    /// Checks what an edit touched, on a plan that was valid before it:
    /// the touched items and KPIs one by one, the small lists (commentary,
    /// locks, meetings) whole when touched, and the whole plan when its
    /// settings changed. `structure` says whether any item's children, or
    /// the set of items, changed: then every item must still sit under a
    /// parent and every id be used once.
    pub fn validate_touched(&self, touched: &Touched, structure: bool) -> Result<(), Invalid> {
        if touched.info {
            return self.validate();
        }
        let labels = self.period_labels();
        for id in &touched.items {
            if let Some(item) = self.item(id) {
                self.check_item(item)?;
            }
        }
        if structure {
            if !self.ids_unique() {
                return self.validate_item_ids();
            }
            self.check_placements()?;
        }
        for id in &touched.kpis {
            let mut same = self.kpis.iter().filter(|k| k.id == *id);
            if let Some(kpi) = same.next() {
                if same.next().is_some() {
                    return Err(Invalid(format!("KPI {id:?}: the id is used twice")));
                }
                self.check_kpi(kpi, &labels)?;
            }
        }
        if touched.commentary {
            self.validate_commentary(&labels)?;
        }
        if touched.meetings {
            self.validate_meetings(&labels)?;
        }
        if touched.locks {
            self.validate_locks(&labels)?;
        }
        Ok(())
    }

    /// The reporting periods' labels.
    fn period_labels(&self) -> HashSet<&str> {
        self.info.periods.iter().map(|p| p.label.as_str()).collect()
    }

    /// The plan's settings; returns the period labels.
    fn validate_info(&self) -> Result<HashSet<&str>, Invalid> {
        let info = &self.info;
        if info.levels.is_empty() {
            return Err(Invalid("the plan names no levels".into()));
        }
        for (i, level) in info.levels.iter().enumerate() {
            if level.trim().is_empty() {
                return Err(Invalid(format!("level {} has no name", i + 1)));
            }
            if info.levels[..i].contains(level) {
                return Err(Invalid(format!("level name {level:?} is used twice")));
            }
        }
        if !(1..=12).contains(&info.fiscal_year_start_month) {
            return Err(Invalid(format!(
                "fiscal_year_start_month is {}, not a month from 1 to 12",
                info.fiscal_year_start_month
            )));
        }
        info.backups.validate()?;
        if info.end_year < info.start_year {
            return Err(Invalid(format!(
                "the timeframe ends ({}) before it starts ({})",
                info.end_year, info.start_year
            )));
        }
        for kind in StatusKind::ALL {
            let n = info.statuses.iter().filter(|s| s.kind == kind).count();
            if n != 1 {
                return Err(Invalid(format!(
                    "status {:?} is listed {n} times in the vocabulary; it must be listed once",
                    kind.key()
                )));
            }
        }
        info.grading.validate()?;
        for a in &info.value_aliases {
            let known = match a.field.as_str() {
                "status" => StatusKind::parse(&a.to).is_some_and(|k| k.key() == a.to),
                "term" => matches!(a.to.as_str(), "short" | "long"),
                _ => false,
            };
            if !known || a.from.trim().is_empty() {
                return Err(Invalid(format!(
                    "the remembered value mapping {:?} → {:?} for {:?} is not a status or term mapping",
                    a.from, a.to, a.field
                )));
            }
        }
        if !info.language.is_empty() && !is_language_tag(&info.language) {
            return Err(Invalid(format!(
                "the language {:?} is not a language tag such as en-US, es-US or fr-CA",
                info.language
            )));
        }
        let mut labels = HashSet::new();
        for p in &info.periods {
            if !labels.insert(p.label.as_str()) {
                return Err(Invalid(format!("period {:?} is listed twice", p.label)));
            }
            if p.end < p.start {
                return Err(Invalid(format!(
                    "period {:?} ends before it starts",
                    p.label
                )));
            }
        }
        Ok(labels)
    }

    fn validate_locks(&self, labels: &HashSet<&str>) -> Result<(), Invalid> {
        let mut locked = HashSet::new();
        for lock in &self.locks {
            if !labels.contains(lock.period.as_str()) {
                return Err(Invalid(format!(
                    "locked period {:?} is not a period of the plan",
                    lock.period
                )));
            }
            if !locked.insert(lock.period.as_str()) {
                return Err(Invalid(format!("period {:?} is locked twice", lock.period)));
            }
        }
        Ok(())
    }

    fn validate_meetings(&self, periods: &HashSet<&str>) -> Result<(), Invalid> {
        let mut ids = HashSet::new();
        let mut actions = HashSet::new();
        for m in &self.meetings {
            m.validate()?;
            if !ids.insert(m.id.as_str()) {
                return Err(Invalid(format!("meeting id {:?} is used twice", m.id)));
            }
            if !periods.contains(m.period.as_str()) {
                return Err(Invalid(format!(
                    "meeting {:?}: period {:?} is not a period of the plan",
                    m.id, m.period
                )));
            }
            if m.started_at.is_none() {
                for e in &m.agenda {
                    if self.item(&e.item).is_none() {
                        return Err(Invalid(format!(
                            "meeting {:?}: agenda item {:?} is not an item of the plan",
                            m.id, e.item
                        )));
                    }
                }
            }
            for a in &m.actions {
                if !actions.insert(a.id.as_str()) {
                    return Err(Invalid(format!("action item id {:?} is used twice", a.id)));
                }
            }
        }
        Ok(())
    }

    fn validate_commentary(&self, periods: &HashSet<&str>) -> Result<(), Invalid> {
        let mut seen = HashSet::new();
        for c in &self.commentary {
            let on = c
                .item
                .as_deref()
                .map_or("the plan".to_owned(), |i| format!("item {i:?}"));
            if let Some(item) = &c.item
                && self.item(item).is_none()
            {
                return Err(Invalid(format!(
                    "commentary on {on}: it is not an item of the plan"
                )));
            }
            if !periods.contains(c.period.as_str()) {
                return Err(Invalid(format!(
                    "commentary on {on}: period {:?} is not a period of the plan",
                    c.period
                )));
            }
            if !seen.insert((c.item.as_deref(), c.period.as_str())) {
                return Err(Invalid(format!(
                    "commentary on {on} for period {:?} is given twice",
                    c.period
                )));
            }
        }
        Ok(())
    }

    fn validate_items(&self) -> Result<(), Invalid> {
        self.validate_item_ids()?;
        for item in self.items() {
            self.check_item(item)?;
        }
        self.check_placements()
    }

    fn validate_item_ids(&self) -> Result<(), Invalid> {
        let mut seen = HashSet::new();
        for item in self.items() {
            if item.id.trim().is_empty() {
                return Err(Invalid(format!(
                    "an item titled {:?} has no id",
                    item.title
                )));
            }
            if !seen.insert(item.id.as_str()) {
                return Err(Invalid(format!("item {:?}: the id is used twice", item.id)));
            }
        }
        Ok(())
    }

    /// Every item below the top level sits under at least one parent.
    fn check_placements(&self) -> Result<(), Invalid> {
        let placed: HashSet<&str> = self
            .items()
            .iter()
            .flat_map(|i| i.children.iter().map(String::as_str))
            .collect();
        for item in self.items() {
            if item.level > 0 && !placed.contains(item.id.as_str()) {
                return Err(Invalid(format!(
                    "item {:?}: a {} must sit under at least one {}",
                    item.id,
                    self.info.level_name(item.level),
                    self.info.level_name(item.level - 1)
                )));
            }
        }
        Ok(())
    }

    /// One item's own rules and its children's.
    fn check_item(&self, item: &Item) -> Result<(), Invalid> {
        let at = format!("item {:?}", item.id);
        if item.level >= self.info.levels.len() {
            return Err(Invalid(format!(
                "{at}: level {} is beyond the plan's levels",
                item.level + 1
            )));
        }
        if item.title.trim().is_empty() {
            return Err(Invalid(format!("{at}: the title is empty")));
        }
        if !item.weight.is_finite() || item.weight < 0.0 {
            return Err(Invalid(format!(
                "{at}: weight {} must be zero or more",
                item.weight
            )));
        }
        if let (Some(s), Some(d)) = (item.start, item.due)
            && d < s
        {
            return Err(Invalid(format!(
                "{at}: due date {d} is before start date {s}"
            )));
        }
        if let Some(o) = &item.override_ {
            if o.reason.trim().is_empty() {
                return Err(Invalid(format!("{at}: an override needs a reason")));
            }
            if o.status.is_none() && o.percent.is_none() {
                return Err(Invalid(format!(
                    "{at}: an override sets neither status nor percent"
                )));
            }
            if let Some(p) = o.percent
                && !(0.0..=100.0).contains(&p)
            {
                return Err(Invalid(format!(
                    "{at}: override percent {p} is outside 0–100"
                )));
            }
        }
        self.check_updates(item, &at)?;
        let mut kids = HashSet::new();
        for child in &item.children {
            let Some(c) = self.item(child) else {
                return Err(Invalid(format!(
                    "{at}: child {child:?} is not an item of the plan"
                )));
            };
            if !kids.insert(child.as_str()) {
                return Err(Invalid(format!("{at}: child {child:?} is listed twice")));
            }
            if c.level != item.level + 1 {
                return Err(Invalid(format!(
                    "{at} ({}): child {child:?} is a {}, not a {}",
                    self.info.level_name(item.level),
                    self.info.level_name(c.level),
                    self.info.level_name(item.level + 1)
                )));
            }
        }
        Ok(())
    }

    fn validate_kpis(&self, periods: &HashSet<&str>) -> Result<(), Invalid> {
        let mut ids = HashSet::new();
        for kpi in &self.kpis {
            if !ids.insert(kpi.id.as_str()) {
                return Err(Invalid(format!("KPI {:?}: the id is used twice", kpi.id)));
            }
            self.check_kpi(kpi, periods)?;
        }
        Ok(())
    }

    /// An item's progress updates: for periods of the plan, one per period,
    /// in time order (the latest one is the item's current figures).
    fn check_updates(&self, item: &Item, at: &str) -> Result<(), Invalid> {
        if item.updates.is_empty() {
            return Ok(());
        }
        let order = self.info.periods_in_order();
        let mut last_rank = None;
        for u in &item.updates {
            let Some(rank) = order.iter().position(|p| p.label == u.period) else {
                return Err(Invalid(format!(
                    "{at}: progress for {:?}, which is not a period of the plan",
                    u.period
                )));
            };
            if last_rank.is_some_and(|r| r >= rank) {
                return Err(Invalid(format!(
                    "{at}: progress for {:?} is given twice or out of time order",
                    u.period
                )));
            }
            last_rank = Some(rank);
            if let Some(p) = u.percent
                && !(0.0..=100.0).contains(&p)
            {
                return Err(Invalid(format!(
                    "{at}: progress for {:?}: percent complete {p} is outside 0–100",
                    u.period
                )));
            }
        }
        Ok(())
    }

    /// One KPI's rules.
    fn check_kpi(&self, kpi: &Kpi, periods: &HashSet<&str>) -> Result<(), Invalid> {
        let at = format!("KPI {:?}", kpi.id);
        if kpi.id.trim().is_empty() {
            return Err(Invalid(format!("a KPI named {:?} has no id", kpi.name)));
        }
        if kpi.name.trim().is_empty() {
            return Err(Invalid(format!("{at}: the name is empty")));
        }
        if self.item(&kpi.item).is_none() {
            return Err(Invalid(format!(
                "{at}: item {:?} is not an item of the plan",
                kpi.item
            )));
        }
        if kpi.tolerance < 0.0 || kpi.at_risk_margin < 0.0 {
            return Err(Invalid(format!(
                "{at}: tolerance and at-risk margin must be zero or more"
            )));
        }
        let values = kpi
            .baseline
            .iter()
            .chain(kpi.targets.iter().map(|t| &t.value));
        if values
            .chain(kpi.measurements.iter().filter_map(|m| m.value.as_ref()))
            .any(|v| !v.is_finite())
        {
            return Err(Invalid(format!("{at}: a value is not a finite number")));
        }
        let mut target_periods = HashSet::new();
        for t in &kpi.targets {
            if !periods.contains(t.period.as_str()) {
                return Err(Invalid(format!(
                    "{at}: target period {:?} is not a period of the plan",
                    t.period
                )));
            }
            if !target_periods.insert(t.period.as_str()) {
                return Err(Invalid(format!(
                    "{at}: two targets for period {:?}",
                    t.period
                )));
            }
        }
        let mut measured = HashSet::new();
        for m in &kpi.measurements {
            if !periods.contains(m.period.as_str()) {
                return Err(Invalid(format!(
                    "{at}: measurement period {:?} is not a period of the plan",
                    m.period
                )));
            }
            if !measured.insert(m.period.as_str()) {
                return Err(Invalid(format!(
                    "{at}: two measurements for period {:?}",
                    m.period
                )));
            }
        }
        if let Some(p) = &kpi.baseline_period
            && !periods.contains(p.as_str())
        {
            return Err(Invalid(format!(
                "{at}: baseline period {p:?} is not a period of the plan"
            )));
        }
        Ok(())
    }
}

/// A well-formed BCP 47 tag in its common shape: a 2–3 letter language,
/// then subtags of 2–8 letters or digits ("en", "en-US", "zh-Hant-TW").
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    lang_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod language_tests {
    use super::is_language_tag;

    #[test]
    fn language_tags_are_checked_for_shape() {
        for ok in ["en", "en-US", "es-US", "zh-Hant-TW", "fr-CA"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "english", "en_US", "e", "en-", "en-U", "en US"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
