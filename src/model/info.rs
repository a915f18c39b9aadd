//! The plan's statements and settings (`PlanInfo`): its vision, mission,
//! values, levels, status labels, grading scale, reporting periods and
//! the rest of what every part of the model reads. Its own file, so items,
//! KPIs and progress can use it without depending on the whole plan.

use serde::{Deserialize, Serialize};

use super::backup_policy::BackupPolicy;
use super::grading::GradingScale;
use super::period::Period;
use super::status::{StatusKind, StatusLabel, default_status_labels};

/// A core value: a name and its paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoreValue {
    pub name: String,
    pub text: String,
}

/// A guiding principle: a name, an optional paragraph and its bullets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bullets: Vec<String>,
}

/// A free section of the plan, such as Milwaukee's "Business Environment".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub text: String,
}

/// How item codes are formed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `1`, `1.1`, `1.1.3`: the item's position under each ancestor.
    #[default]
    Dotted,
}

/// Plan-level statements and settings (not tree nodes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanInfo {
    pub organisation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub office: String,
    pub title: String,
    pub start_year: i32,
    pub end_year: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vision: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mission: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub core_values: Vec<CoreValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guiding_principles: Vec<Principle>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Level names from the top: e.g. Goal, Objective, Initiative.
    pub levels: Vec<String>,
    #[serde(default)]
    pub numbering: Numbering,
    #[serde(default = "default_status_labels")]
    pub statuses: Vec<StatusLabel>,
    #[serde(default)]
    pub grading: GradingScale,
    /// Month (1–12) in which the fiscal year starts.
    pub fiscal_year_start_month: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<Period>,
    /// True when the whole plan is illustrative (e.g. generated).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// Where the plan text came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Transcription notes and judgment calls.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// How many rolling backups of the workbench file are kept.
    #[serde(default, skip_serializing_if = "BackupPolicy::is_default")]
    pub backups: BackupPolicy,
    /// The language the plan is written in (BCP 47, e.g. "en-US"), for
    /// tagged report cards and minutes; blank: "en-US".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub language: String,
    /// Values the plan's spreadsheets write for its statuses and terms,
    /// remembered from imports ("In Progress" → on track) and offered
    /// again the next time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_aliases: Vec<super::ValueAlias>,
}

impl PlanInfo {
    /// The plan's language for documents: its setting, else "en-US".
    pub fn document_language(&self) -> &str {
        let l = self.language.trim();
        if l.is_empty() { "en-US" } else { l }
    }

    /// How numeric dates typed for this plan are read (6/30/2025 or
    /// 30/06/2025), from its language.
    pub fn date_order(&self) -> super::dates::DateOrder {
        super::dates::order_for_language(self.document_language())
    }

    /// An empty plan with three levels and the default vocabulary.
    pub fn blank() -> Self {
        Self {
            organisation: "Organisation".into(),
            office: String::new(),
            title: "Strategic Technology Plan".into(),
            start_year: 2026,
            end_year: 2030,
            owner: String::new(),
            vision: String::new(),
            mission: String::new(),
            core_values: Vec::new(),
            guiding_principles: Vec::new(),
            sections: Vec::new(),
            levels: vec!["Goal".into(), "Objective".into(), "Initiative".into()],
            numbering: Numbering::Dotted,
            statuses: default_status_labels(),
            grading: GradingScale::default(),
            fiscal_year_start_month: 7,
            periods: Vec::new(),
            sample: false,
            source: String::new(),
            notes: Vec::new(),
            backups: BackupPolicy::default(),
            language: String::new(),
            value_aliases: Vec::new(),
        }
    }

    /// The plan's label for a status kind.
    pub fn status_label(&self, kind: StatusKind) -> &str {
        self.statuses
            .iter()
            .find(|s| s.kind == kind)
            .map_or(kind.default_label(), |s| s.label.as_str())
    }

    /// Grade points of a status kind in this plan.
    pub fn status_points(&self, kind: StatusKind) -> Option<f64> {
        self.statuses
            .iter()
            .find(|s| s.kind == kind)
            .and_then(|s| s.points)
    }

    /// The name of a level, or "Level N" beyond the named ones.
    pub fn level_name(&self, level: usize) -> String {
        self.levels
            .get(level)
            .cloned()
            .unwrap_or_else(|| format!("Level {}", level + 1))
    }

    /// The index of a period label, by position in the period list.
    pub fn period_index(&self, label: &str) -> Option<usize> {
        self.periods.iter().position(|p| p.label == label)
    }

    /// A value from the change history as people read it: a status key
    /// becomes the plan's label ("at_risk" → "At risk"); an empty value "—".
    pub fn shown_value(&self, field: &str, value: &str) -> String {
        if value.is_empty() {
            return "—".to_owned();
        }
        match StatusKind::parse(value) {
            Some(kind) if field == "status" => self.status_label(kind).to_owned(),
            _ => value.to_owned(),
        }
    }

    /// "2022–2026".
    pub fn timeframe(&self) -> String {
        format!("{}–{}", self.start_year, self.end_year)
    }
}
