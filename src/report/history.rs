//! The change history in the plan's words: the keys a history row stores
//! (`not_started`, `k-cloudspend`, item ids, `budget_planned`) become the
//! plan's labels, KPI names, item codes and titles and field labels, and
//! its UTC time the local time with its offset. One rule for the window's
//! History tab, the minutes and `cairn history`; the CSV export keeps the
//! stored keys for scripts.

use std::cell::OnceCell;
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Local, Offset as _};

use crate::command::meetings::is_meeting_record;
use crate::model::fields::ItemField;
use crate::model::{Kpi, Override, Plan, StatusKind, Term, Tree};
use crate::store::{HistoryEntry, HistoryRow};

/// A history row as people read it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShownChange {
    /// Local time with its offset: "2026-12-02 13:05 UTC+01:00".
    pub when: String,
    pub who: String,
    pub action: String,
    /// "1.4.1 Title", or the deleted item's id.
    pub item: String,
    pub field: String,
    pub old: String,
    pub new: String,
    pub reason: String,
}

/// An RFC 3339 time as read at `offset`: "2026-12-02 13:05 UTC+01:00".
/// Text that is not such a time is returned as it is.
pub fn time_at(at: &str, offset: FixedOffset) -> String {
    match DateTime::parse_from_rfc3339(at) {
        Ok(t) => t
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M UTC%:z")
            .to_string(),
        Err(_) => at.to_owned(),
    }
}

/// An RFC 3339 time in this computer's time zone, with the offset that
/// applied then: "2026-12-02 13:05 UTC+01:00".
pub fn local_time(at: &str) -> String {
    match DateTime::parse_from_rfc3339(at) {
        Ok(t) => time_at(at, t.with_timezone(&Local).offset().fix()),
        Err(_) => at.to_owned(),
    }
}

/// Puts history rows into the plan's words; built once for many rows.
pub struct HistoryLabels<'a> {
    plan: &'a Plan,
    tree: &'a Tree,
    /// KPIs by id, made when a row first names one.
    kpis: OnceCell<HashMap<&'a str, &'a Kpi>>,
}

impl<'a> HistoryLabels<'a> {
    pub fn new(plan: &'a Plan, tree: &'a Tree) -> Self {
        Self {
            plan,
            tree,
            kpis: OnceCell::new(),
        }
    }

    /// An item by id: "1.4.1 Title"; one no longer in the plan by its id.
    pub fn item(&self, id: &str) -> String {
        match self.plan.position(id) {
            Some(pos) => format!(
                "{} {}",
                self.tree.code_of(pos).unwrap_or(""),
                self.plan.items()[pos].title
            )
            .trim()
            .to_owned(),
            None => format!("(deleted item {id})"),
        }
    }

    /// The KPI a field names ("k-phish" or "k-phish FY2026"), with what
    /// follows its id.
    fn kpi_in<'f>(&self, field: &'f str) -> Option<(&'a Kpi, &'f str)> {
        let (id, rest) = field.split_once(' ').unwrap_or((field, ""));
        let plan: &'a Plan = self.plan;
        self.kpis
            .get_or_init(|| plan.kpis.iter().map(|k| (k.id.as_str(), k)).collect())
            .get(id)
            .map(|k| (*k, rest))
    }

    /// What a row changed, by its label: "Planned budget", "Progress
    /// FY2026 Q1", "Phishing click rate FY2026", "Meeting: Q3 review".
    pub fn field(&self, e: &HistoryEntry) -> String {
        let Some(field) = e.field.as_deref() else {
            return String::new();
        };
        if let Some(f) = ItemField::parse(field) {
            return f.label().to_owned();
        }
        if is_meeting_record(e) {
            let id = field.trim_start_matches("meeting ");
            return match self.plan.meeting(id) {
                Some(m) => format!("Meeting: {}", m.title),
                None => format!("Meeting {id}"),
            };
        }
        if matches!(
            e.action.as_str(),
            "add KPI" | "edit KPI" | "delete KPI" | "measure"
        ) && let Some((kpi, rest)) = self.kpi_in(field)
        {
            return format!("{} {rest}", kpi.name).trim().to_owned();
        }
        for (key, label) in [
            ("progress", "Progress"),
            ("commentary", "Commentary"),
            ("override", "Override"),
            ("parent", "Parent"),
            ("milestones", "Milestones"),
            ("levels", "Levels"),
        ] {
            if field == key {
                return label.to_owned();
            }
            if let Some(rest) = field.strip_prefix(key).and_then(|r| r.strip_prefix(' ')) {
                return format!("{label} {rest}");
            }
        }
        field.to_owned()
    }

    /// A stored old or new value as people read it: a status key as the
    /// plan's label, a term as its name, an item id (a parent) as its code
    /// and title, an override as its status and percent; empty as "—".
    pub fn value(&self, e: &HistoryEntry, value: &str) -> String {
        if value.is_empty() {
            return "—".to_owned();
        }
        let field = e.field.as_deref().unwrap_or("");
        let info = &self.plan.info;
        match (ItemField::parse(field), e.action.as_str()) {
            (Some(ItemField::Status), _) => match StatusKind::parse(value) {
                Some(kind) => info.status_label(kind).to_owned(),
                None => value.to_owned(),
            },
            (Some(ItemField::Term), _) => match value {
                "short" => Term::Short.label().to_owned(),
                "long" => Term::Long.label().to_owned(),
                _ => value.to_owned(),
            },
            (None, "move" | "link" | "unlink") if field.is_empty() || field == "parent" => {
                self.item(value)
            }
            (None, "override" | "clear override") if field == "override" => {
                match serde_json::from_str::<Override>(value) {
                    Ok(o) => {
                        let mut parts = Vec::new();
                        if let Some(s) = o.status {
                            parts.push(info.status_label(s).to_owned());
                        }
                        if let Some(p) = o.percent {
                            parts.push(crate::model::text::percent_text(Some(p)));
                        }
                        if parts.is_empty() {
                            "override".to_owned()
                        } else {
                            parts.join(", ")
                        }
                    }
                    Err(_) => value.to_owned(),
                }
            }
            _ => value.to_owned(),
        }
    }

    /// A whole row, its time in this computer's time zone.
    pub fn show(&self, r: &HistoryRow) -> ShownChange {
        let e = &r.entry;
        let value = |v: &Option<String>| match v {
            Some(v) => self.value(e, v),
            None => String::new(),
        };
        ShownChange {
            when: local_time(&r.at),
            // The owner who wrote merged figures, and who accepted them.
            who: r.by(),
            action: e.action.clone(),
            item: e.item.as_deref().map(|i| self.item(i)).unwrap_or_default(),
            field: self.field(e),
            old: value(&e.old),
            new: value(&e.new),
            reason: e.reason.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phoenix() -> Plan {
        crate::interchange::seeds::phoenix_with_sample_kpis().expect("seed")
    }

    fn entry(action: &str, item: Option<&str>, field: &str) -> HistoryEntry {
        HistoryEntry {
            field: Some(field.to_owned()),
            ..HistoryEntry::new(action, item)
        }
    }

    #[test]
    fn times_show_their_offset() {
        let east = FixedOffset::east_opt(3600).expect("offset");
        assert_eq!(
            time_at("2026-12-02T12:05:09Z", east),
            "2026-12-02 13:05 UTC+01:00"
        );
        let west = FixedOffset::west_opt(5 * 3600).expect("offset");
        assert_eq!(
            time_at("2026-12-02T02:05:09Z", west),
            "2026-12-01 21:05 UTC-05:00"
        );
        assert_eq!(time_at("yesterday", east), "yesterday");
        assert!(local_time("2026-12-02T12:05:09Z").contains(" UTC"));
    }

    #[test]
    fn keys_become_the_plans_labels() {
        let plan = phoenix();
        let tree = Tree::build(&plan);
        let l = HistoryLabels::new(&plan, &tree);
        let pos = tree.item_by_code("1.1").expect("1.1");
        let id = plan.items()[pos].id.clone();
        let status = entry("set", Some(&id), "status");
        assert_eq!(l.field(&status), "Status");
        assert_eq!(
            l.value(&status, "not_started"),
            plan.info.status_label(StatusKind::NotStarted)
        );
        assert_eq!(l.value(&status, "at_risk"), "At risk");
        assert_eq!(
            l.field(&entry("set", Some(&id), "budget_planned")),
            "Planned budget"
        );
        assert_eq!(
            l.value(&entry("set", Some(&id), "term"), "short"),
            "Short-term"
        );
        let kpi = plan.kpis.first().expect("a KPI");
        let measure = entry("measure", Some(&kpi.item), &format!("{} FY2026", kpi.id));
        assert_eq!(l.field(&measure), format!("{} FY2026", kpi.name));
        assert_eq!(l.field(&entry("edit KPI", None, &kpi.id)), kpi.name);
        let title = &plan.items()[pos].title;
        let moved = entry("move", Some(&id), "parent");
        assert_eq!(l.value(&moved, &id), format!("1.1 {title}"));
        let link = HistoryEntry::new("link", Some(&id));
        assert_eq!(l.value(&link, &id), format!("1.1 {title}"));
        assert_eq!(l.item("gone"), "(deleted item gone)");
        assert_eq!(
            l.field(&entry("progress", Some(&id), "progress FY2026 Q1")),
            "Progress FY2026 Q1"
        );
        let o = entry("override", Some(&id), "override");
        assert_eq!(
            l.value(&o, r#"{"status":"off_track","percent":40,"reason":"x"}"#),
            "Off track, 40%"
        );
        assert_eq!(l.value(&status, ""), "—");
        // Anything else is shown as stored.
        assert_eq!(l.field(&entry("lock period", None, "FY2026")), "FY2026");
    }
}
