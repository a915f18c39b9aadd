//! The JSON interchange format (see `docs/FORMAT.md`): one document for a
//! whole plan, used by the seeds, `cairn import` and `cairn export --json`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{
    Commentary, Invalid, Item, Kpi, Milestone, Override, Plan, PlanInfo, ProgressNote,
    ProgressUpdate, StatusKind, Term,
};

/// The value of the document's `format` field.
pub const FORMAT_NAME: &str = "cairn-plan";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 2;

/// Why a document was refused. Messages name the offending item and where.
#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
}

impl From<crate::model::Invalid> for InterchangeError {
    fn from(invalid: crate::model::Invalid) -> Self {
        Self::Invalid(invalid.0)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    version: u32,
    plan: PlanInfo,
    items: Vec<ItemDoc>,
    #[serde(default)]
    kpis: Vec<Kpi>,
    /// The office's commentary per item and period; left out when empty so
    /// documents without commentary keep their bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    commentary: Vec<Commentary>,
    /// Locked periods with their snapshots (each a plan document, as a
    /// string); left out when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    locks: Vec<crate::model::PeriodLock>,
    /// Review meetings with their decisions and action items; left out
    /// when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    meetings: Vec<crate::model::Meeting>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemDoc {
    id: String,
    level: String,
    title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    alt_titles: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    term: Option<Term>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    department: String,
    /// Undated figures (version 1, or a hand-written document): taken as
    /// the first period's update; never written, as an item's figures
    /// live in `updates` alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<StatusKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    budget_planned: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    budget_actual: Option<f64>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    weight: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    milestones: Vec<Milestone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<ProgressNote>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    source_note: String,
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    override_: Option<Override>,
    /// Progress per reporting period (format version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    updates: Vec<ProgressUpdate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    children: Vec<String>,
}

fn one() -> f64 {
    1.0
}
fn is_one(w: &f64) -> bool {
    *w == 1.0
}

fn syntax(e: &serde_json::Error) -> InterchangeError {
    // Serde's message already ends with "at line L column C"; keep the text
    // before it so the position is said once.
    let text = e.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(head, _)| head)
        .to_owned();
    InterchangeError::Syntax {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Reads a plan document, checking the whole of it before returning.
pub fn from_json(text: &str) -> Result<Plan, InterchangeError> {
    // Read the header first so a document of another kind or a newer
    // version gets a message about that, not about its fields.
    let header: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(&e))?;
    let format = header.get("format").and_then(serde_json::Value::as_str);
    if format != Some(FORMAT_NAME) {
        return Err(InterchangeError::Invalid(format!(
            "this is not a Cairn plan document: its \"format\" field should be {FORMAT_NAME:?}{}",
            format.map(|f| format!(", not {f:?}")).unwrap_or_default()
        )));
    }
    match header.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v <= u64::from(FORMAT_VERSION) && v >= 1 => {}
        Some(v) => {
            return Err(InterchangeError::Invalid(format!(
                "this document is format version {v}; this Cairn reads versions up to {FORMAT_VERSION}. Update Cairn to read it."
            )));
        }
        None => {
            return Err(InterchangeError::Invalid(
                "the document has no numeric \"version\" field".into(),
            ));
        }
    }
    let doc: Document = serde_json::from_str(text).map_err(|e| syntax(&e))?;
    let info = doc.plan;
    let mut items = Vec::with_capacity(doc.items.len());
    for (n, d) in doc.items.into_iter().enumerate() {
        let Some(level) = info.levels.iter().position(|l| *l == d.level) else {
            return Err(InterchangeError::Invalid(format!(
                "items[{n}] (id {:?}): level {:?} is not one of the plan's levels ({})",
                d.id,
                d.level,
                info.levels.join(", ")
            )));
        };
        let undated = (d.status, d.percent);
        let mut item = Item {
            id: d.id,
            level,
            title: d.title,
            alt_titles: d.alt_titles,
            description: d.description,
            term: d.term,
            owner: d.owner,
            department: d.department,
            start: d.start,
            due: d.due,
            budget_planned: d.budget_planned,
            budget_actual: d.budget_actual,
            weight: d.weight,
            milestones: d.milestones,
            notes: d.notes,
            source_note: d.source_note,
            override_: d.override_,
            updates: d.updates,
            children: d.children,
        };
        take_undated(&mut item, &info, undated).map_err(|e| {
            InterchangeError::Invalid(format!("items[{n}] (id {:?}): {e}", item.id))
        })?;
        items.push(item);
    }
    let mut plan = Plan::new(info, items, doc.kpis);
    plan.commentary = doc.commentary;
    plan.locks = doc.locks;
    plan.meetings = doc.meetings;
    for lock in &plan.locks {
        from_json(&lock.snapshot).map_err(|e| {
            InterchangeError::Invalid(format!(
                "the snapshot of locked period {:?} is not a valid plan: {e}",
                lock.period
            ))
        })?;
    }
    for (n, k) in plan.kpis.iter().enumerate() {
        crate::rules::formula::check(&plan, k)
            .map_err(|e| InterchangeError::Invalid(format!("kpis[{n}] ({:?}): {e}", k.name)))?;
    }
    // Calculated KPIs are worked out from the document's values, as an
    // edit would, so what was imported shows at once.
    crate::rules::formula::recalculate(&mut plan);
    plan.validate()?;
    Ok(plan)
}

/// An item's undated `status` and `percent`: with updates they must be the
/// latest update's (one figure, one home); without, they become the first
/// period's update.
fn take_undated(
    item: &mut Item,
    info: &crate::model::PlanInfo,
    (status, percent): (Option<StatusKind>, Option<f64>),
) -> Result<(), Invalid> {
    if status.is_none() && percent.is_none() {
        return Ok(());
    }
    if let Some(last) = item.updates.last() {
        let agrees = status.is_none_or(|s| s == last.status)
            && percent.is_none_or(|p| Some(p) == last.percent);
        return if agrees {
            Ok(())
        } else {
            Err(Invalid(format!(
                "its status or percent differs from its latest update ({}); give the figures in \"updates\" only",
                last.period
            )))
        };
    }
    if let Some(p) = percent
        && !(0.0..=100.0).contains(&p)
    {
        return Err(Invalid(format!("percent complete {p} is outside 0–100")));
    }
    item.adopt_undated(info, status.unwrap_or(StatusKind::NotStarted), percent)
}

/// Writes a plan as a canonical document: the same plan always gives the
/// same bytes.
pub fn to_json(plan: &Plan) -> String {
    let items = plan
        .items()
        .iter()
        .map(|i| ItemDoc {
            id: i.id.clone(),
            level: plan.info.level_name(i.level),
            title: i.title.clone(),
            alt_titles: i.alt_titles.clone(),
            description: i.description.clone(),
            term: i.term,
            owner: i.owner.clone(),
            department: i.department.clone(),
            status: None,
            percent: None,
            start: i.start,
            due: i.due,
            budget_planned: i.budget_planned,
            budget_actual: i.budget_actual,
            weight: i.weight,
            milestones: i.milestones.clone(),
            notes: i.notes.clone(),
            source_note: i.source_note.clone(),
            override_: i.override_.clone(),
            updates: i.updates.clone(),
            children: i.children.clone(),
        })
        .collect();
    let doc = Document {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        plan: plan.info.clone(),
        items,
        kpis: plan.kpis.clone(),
        commentary: plan.commentary.clone(),
        locks: plan.locks.clone(),
        meetings: plan.meetings.clone(),
    };
    // Serialising plain data with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a KPI set (`"format": "cairn-kpis"`): KPIs to add to a plan, such
/// as the illustrative sample set shipped for Phoenix.
pub fn kpis_from_json(text: &str) -> Result<Vec<Kpi>, InterchangeError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct KpiSet {
        format: String,
        version: u32,
        #[serde(default)]
        #[allow(dead_code)] // Documentation for readers of the file.
        note: String,
        kpis: Vec<Kpi>,
    }
    let set: KpiSet = serde_json::from_str(text).map_err(|e| syntax(&e))?;
    if set.format != "cairn-kpis" || set.version != 1 {
        return Err(InterchangeError::Invalid(format!(
            "expected a \"cairn-kpis\" version 1 document, found {:?} version {}",
            set.format, set.version
        )));
    }
    Ok(set.kpis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> String {
        r#"{
  "format": "cairn-plan",
  "version": 1,
  "plan": {"organisation": "Town", "title": "Plan", "start_year": 2024, "end_year": 2028,
           "levels": ["Goal", "Objective"], "fiscal_year_start_month": 7,
           "periods": [{"label": "FY2025", "kind": "year", "start": "2024-07-01", "end": "2025-06-30"}]},
  "items": [
    {"id": "g1", "level": "Goal", "title": "Goal one", "children": ["o1"]},
    {"id": "o1", "level": "Objective", "title": "Objective one", "percent": 40}
  ]
}"#
        .to_owned()
    }

    #[test]
    fn reads_a_minimal_document_and_exports_it_stably() {
        let plan = from_json(&minimal()).expect("valid");
        assert_eq!(plan.items().len(), 2);
        // An undated figure is the first period's update.
        assert_eq!(plan.item("o1").and_then(|i| i.percent()), Some(40.0));
        assert_eq!(
            plan.item("o1").map(|i| i.updates[0].period.as_str()),
            Some("FY2025")
        );
        let once = to_json(&plan);
        let twice = to_json(&from_json(&once).expect("re-read"));
        assert_eq!(once, twice);
    }

    fn refused(doc: &str) -> String {
        from_json(doc).expect_err("should be refused").to_string()
    }

    #[test]
    fn unknown_level_names_the_item() {
        let err = refused(&minimal().replace(r#""level": "Objective""#, r#""level": "Project""#));
        assert!(
            err.contains("items[1]") && err.contains("\"o1\"") && err.contains("Project"),
            "{err}"
        );
    }

    #[test]
    fn missing_child_and_duplicate_ids_are_named() {
        let err = refused(&minimal().replace(r#"["o1"]"#, r#"["o9"]"#));
        assert!(err.contains("\"g1\"") && err.contains("\"o9\""), "{err}");
        let err = refused(&minimal().replace(r#""id": "o1""#, r#""id": "g1""#));
        assert!(err.contains("\"g1\"") && err.contains("twice"), "{err}");
    }

    #[test]
    fn wrong_types_give_line_and_column() {
        let err = refused(&minimal().replace(r#""percent": 40"#, r#""percent": "forty""#));
        assert!(err.starts_with("line 9, column"), "{err}");
        let err = refused(&minimal().replace(r#""title": "Goal one""#, r#""titel": "Goal one""#));
        assert!(err.contains("titel"), "{err}");
    }

    #[test]
    fn other_documents_and_newer_versions_are_refused() {
        assert!(refused("{\"a\": 1}").contains("not a Cairn plan"));
        assert!(
            refused(&minimal().replace("\"version\": 1", "\"version\": 7")).contains("version 7")
        );
        assert!(refused("").starts_with("line 1"));
    }

    #[test]
    fn percent_out_of_range_is_refused() {
        let err = refused(&minimal().replace(r#""percent": 40"#, r#""percent": 140"#));
        assert!(err.contains("\"o1\"") && err.contains("140"), "{err}");
    }
}
