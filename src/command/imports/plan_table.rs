//! Importing a plan table: the command's payload (a table read, mapped
//! and checked by [`crate::table::plan_import::prepare`]) and how it
//! creates, links and updates items, as one edit.

use std::collections::{HashMap, HashSet};

use crate::command::{Applied, Refusal};
use crate::model::fields::{ItemField, field_text, set_field};
use crate::model::text::normalize;
use crate::model::{Item, Plan, StatusKind, Tree, ValueAlias};
use crate::store::{HistoryEntry, Touched};

use super::plan_extras::{self, Landed};
pub use super::plan_extras::{PlanNaming, RowCode};

/// A field value read from a cell, as the text [`set_field`] accepts.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldCell {
    pub field: ItemField,
    pub text: String,
    /// The column, as `F (Status)`, for messages.
    pub column: String,
}

/// One row of a plan table.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRow {
    /// The row number a spreadsheet program shows.
    pub row: usize,
    /// Titles from the top level down to the item the row names.
    pub path: Vec<String>,
    pub fields: Vec<FieldCell>,
    /// With a Period column: the period the row's status, percent and
    /// note are for; they become the item's progress for it.
    pub period: Option<String>,
    pub progress_note: Option<String>,
    /// Per level in `path`: the outline code written before the title in
    /// this row ("1.1 Replace legacy ERP"), checked against where the
    /// item lands.
    pub codes: Vec<Option<RowCode>>,
}

/// A plan table read and checked: the payload of the import command.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanTable {
    /// The file's name.
    pub source: String,
    /// The level columns' headers, top first.
    pub levels: Vec<String>,
    pub rows: Vec<PlanRow>,
    /// How the file was read and how its columns were taken.
    pub notes: Vec<String>,
    /// The value mappings used (In Progress → on track), remembered by
    /// the plan for the next import.
    pub values: Vec<ValueAlias>,
    /// Into a blank plan: its name and timeframe, as the user confirmed.
    pub naming: Option<PlanNaming>,
    /// The day the table was read: a row's status and percent without a
    /// Period column are recorded for the plan's reporting period on that
    /// day (as the command line and the window record them).
    pub figures_on: chrono::NaiveDate,
}

impl PlanTable {
    pub fn empty(source: &str) -> Self {
        Self {
            source: source.to_owned(),
            levels: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            values: Vec::new(),
            naming: None,
            figures_on: chrono::Local::now().date_naive(),
        }
    }
}

/// What an import creates and changes, for the preview and the history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// The plan's new level names (importing into a blank workbench).
    pub levels_named: Option<Vec<String>>,
    /// The plan's new name and timeframe (into a blank workbench).
    pub plan_named: Option<String>,
    /// Value mappings remembered for the next import.
    pub values_remembered: usize,
    /// Items created: level, title, and the title of their first parent.
    pub created: Vec<(usize, String, Option<String>)>,
    /// Items shown under a further parent: title and the parent's title.
    pub linked: Vec<(String, String)>,
    /// Fields of existing items changed: title, field, old and new value.
    pub updated: Vec<(String, ItemField, String, String)>,
    /// Progress recorded: title, period, and what was reported.
    pub progress: Vec<(String, String, String)>,
    /// The plan's level names after the import.
    pub levels: Vec<String>,
    /// Reporting periods given to a plan that had none, to hold the
    /// table's figures ("FY2026–FY2030, with quarters").
    pub periods_added: Option<String>,
}

impl Summary {
    /// "created Goal 5, Focus area 18, Project 63; 2 linked; 0 fields updated".
    pub fn sentence(&self) -> String {
        let mut counts = vec![0usize; self.levels.len()];
        for (level, ..) in &self.created {
            if let Some(c) = counts.get_mut(*level) {
                *c += 1;
            }
        }
        let created: Vec<String> = counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(l, n)| format!("{} {n}", self.levels[l]))
            .collect();
        format!(
            "created {}; {} linked under a further parent; {} field{} of existing items updated",
            if created.is_empty() {
                "nothing".to_owned()
            } else {
                created.join(", ")
            },
            self.linked.len(),
            self.updated.len(),
            if self.updated.len() == 1 { "" } else { "s" }
        ) + &if self.progress.is_empty() {
            String::new()
        } else {
            format!(
                "; {}",
                crate::model::text::count(self.progress.len(), "progress update")
            )
        }
    }
}

/// The fields given so far for one item: value and row, by field key.
type Given = HashMap<&'static str, (String, usize)>;

/// Applies a prepared table to `plan`: the body of the import command.
/// On error the plan may be partly changed: callers apply to a copy.
pub(in crate::command) fn apply(table: &PlanTable, plan: &mut Plan) -> Result<Applied, Refusal> {
    apply_summarised(table, plan).map(|(applied, _)| applied)
}

/// Applies a table and says what it did.
pub fn apply_summarised(table: &PlanTable, plan: &mut Plan) -> Result<(Applied, Summary), Refusal> {
    let mut summary = Summary::default();
    let mut history = vec![HistoryEntry::new("import table", None)];
    let mut touched = Touched::default();
    // For progress rows: the periods, labels and locks as they stand.
    let plan_locks: HashSet<String> = plan.locks.iter().map(|l| l.period.clone()).collect();
    if table.levels.is_empty() || table.rows.is_empty() {
        return Err(Refusal::Rule(format!(
            "{}: the table names no items",
            table.source
        )));
    }
    if plan.items().is_empty() {
        if plan.info.levels != table.levels {
            history.push(HistoryEntry {
                field: Some("levels".into()),
                old: Some(plan.info.levels.join(", ")),
                new: Some(table.levels.join(", ")),
                ..HistoryEntry::new("set", None)
            });
            plan.info.levels.clone_from(&table.levels);
            touched.info = true;
            summary.levels_named = Some(table.levels.clone());
        }
        if let Some(naming) = &table.naming {
            naming
                .check()
                .map_err(|e| Refusal::Rule(format!("{}: {e}", table.source)))?;
            let entries = naming.apply(&mut plan.info);
            if !entries.is_empty() {
                touched.info = true;
                summary.plan_named = Some(naming.sentence());
                history.extend(entries);
            }
        }
    } else if table.levels.len() > plan.info.levels.len() {
        return Err(Refusal::Rule(format!(
            "{}: the table has {} levels but the plan has {}",
            table.source,
            table.levels.len(),
            plan.info.levels.len()
        )));
    }
    if let Some(entry) = plan_extras::remember_values(&mut plan.info, &table.values) {
        touched.info = true;
        summary.values_remembered = table.values.len();
        history.push(entry);
    }
    summary.levels.clone_from(&plan.info.levels);
    // Figures are kept per reporting period: a plan without periods gets
    // its fiscal years and quarters to hold the table's.
    let gives_figures = table
        .rows
        .iter()
        .any(|r| r.progress_note.is_some() || r.fields.iter().any(|f| f.field.is_progress()));
    if gives_figures && plan.info.periods.is_empty() {
        let info = &mut plan.info;
        let today_fy =
            crate::model::period::fiscal_year_of(table.figures_on, info.fiscal_year_start_month);
        let (first, last) = if info.start_year > 0 && info.end_year >= info.start_year {
            (info.start_year.min(today_fy), info.end_year.max(today_fy))
        } else {
            (today_fy, today_fy)
        };
        info.periods =
            crate::model::period::fiscal_periods(info.fiscal_year_start_month, first, last, true);
        let added = format!("FY{first}–FY{last}, with quarters");
        history.push(HistoryEntry {
            field: Some("periods".into()),
            old: Some(String::new()),
            new: Some(added.clone()),
            ..HistoryEntry::new("set", None)
        });
        touched.info = true;
        summary.periods_added = Some(added);
    }
    // The plan's periods as named above (a blank plan gets them here).
    let info = plan.info.clone();
    let figures_period = info
        .period_for_day(table.figures_on)
        .map(|p| p.label.clone());
    let mut landed: Vec<Landed<'_>> = Vec::new();
    let tree = Tree::build(plan);
    let mut existing: HashMap<(usize, String), Vec<String>> = HashMap::new();
    for item in plan.items() {
        existing
            .entry((item.level, normalize(&item.title)))
            .or_default()
            .push(item.id.clone());
    }
    let code = |id: &str| {
        plan.position(id)
            .and_then(|p| tree.code_of(p))
            .unwrap_or("?")
            .to_owned()
    };
    let existing_codes: HashMap<String, String> = existing
        .values()
        .filter(|ids| ids.len() > 1)
        .flatten()
        .map(|id| (id.clone(), code(id)))
        .collect();
    let mut resolved: HashMap<(usize, String), String> = HashMap::new();
    let mut created: Vec<String> = Vec::new();
    let mut created_set: HashSet<String> = HashSet::new();
    let mut parents_changed: Vec<String> = Vec::new();
    let mut updated_items: Vec<String> = Vec::new();
    // Per item: the fields the table gives it, with the row, so two rows
    // giving one item different values are caught.
    let mut given: HashMap<String, Given> = HashMap::new();
    let title_of =
        |plan: &Plan, id: &str| plan.item(id).map(|i| i.title.clone()).unwrap_or_default();
    for row in &table.rows {
        let mut parent: Option<String> = None;
        for (depth, title) in row.path.iter().enumerate() {
            let key = (depth, normalize(title));
            // 1. Already under this parent.
            let under_parent = parent.as_ref().and_then(|p| {
                plan.item(p).and_then(|p| {
                    p.children
                        .iter()
                        .find(|c| plan.item(c).is_some_and(|c| normalize(&c.title) == key.1))
                        .cloned()
                })
            });
            let id = if let Some(id) = under_parent {
                id
            } else {
                let known = match resolved.get(&key) {
                    Some(id) => Some(id.clone()),
                    None => match existing.get(&key).map(Vec::as_slice) {
                        Some([one]) => Some(one.clone()),
                        Some(many) if many.len() > 1 => {
                            let codes: Vec<&str> = many
                                .iter()
                                .filter_map(|id| existing_codes.get(id).map(String::as_str))
                                .collect();
                            return Err(Refusal::Rule(format!(
                                "row {}: {:?} matches {} existing {} items ({}); the table cannot say which is meant. Rename one of them first.",
                                row.row,
                                title,
                                many.len(),
                                plan.info.level_name(depth),
                                codes.join(", ")
                            )));
                        }
                        _ => None,
                    },
                };
                match known {
                    Some(id) => {
                        // Known item, new parent: link it there.
                        if let Some(p) = &parent {
                            let parent_title = title_of(plan, p);
                            if let Some(pi) = plan.item_mut(p) {
                                pi.children.push(id.clone());
                            }
                            parents_changed.push(p.clone());
                            summary.linked.push((title_of(plan, &id), parent_title));
                            history.push(HistoryEntry {
                                new: Some(p.clone()),
                                ..HistoryEntry::new("link", Some(&id))
                            });
                        }
                        id
                    }
                    None => {
                        let id = plan.fresh_id("item-");
                        plan.push_item(Item::new(id.clone(), depth, title.trim()));
                        let parent_title = parent.as_ref().map(|p| title_of(plan, p));
                        if let Some(p) = &parent {
                            if let Some(pi) = plan.item_mut(p) {
                                pi.children.push(id.clone());
                            }
                            parents_changed.push(p.clone());
                        }
                        summary
                            .created
                            .push((depth, title.trim().to_owned(), parent_title));
                        history.push(HistoryEntry {
                            new: Some(title.trim().to_owned()),
                            ..HistoryEntry::new("add", Some(&id))
                        });
                        created.push(id.clone());
                        created_set.insert(id.clone());
                        id
                    }
                }
            };
            resolved.entry(key).or_insert_with(|| id.clone());
            if let Some(Some(code)) = row.codes.get(depth) {
                landed.push(Landed {
                    row: row.row,
                    code,
                    item: id.clone(),
                    parent: parent.clone(),
                });
            }
            parent = Some(id);
        }
        let Some(id) = parent else { continue };
        let is_new = created_set.contains(&id);
        let level_name = plan
            .item(&id)
            .map(|i| plan.info.level_name(i.level))
            .unwrap_or_default();
        let Some(item) = plan.item_mut(&id) else {
            continue;
        };
        let given_here = given.entry(id.clone()).or_default();
        // Status and percent are always a period's progress: the row's
        // Period, else the reporting period on the day the table was read.
        for f in row.fields.iter().filter(|f| !f.field.is_progress()) {
            if let Some((before, at)) = given_here.get(f.field.key()) {
                if *before != f.text {
                    return Err(Refusal::Rule(format!(
                        "row {}, column {}: {:?} differs from row {at}, which gives this {level_name} {before:?}",
                        row.row, f.column, f.text
                    )));
                }
                continue;
            }
            given_here.insert(f.field.key(), (f.text.clone(), row.row));
            let old = field_text(item, f.field);
            if old == f.text {
                continue;
            }
            set_field(item, f.field, &f.text)
                .map_err(|e| format!("row {}, column {}: {e}", row.row, f.column))?;
            if !is_new {
                summary
                    .updated
                    .push((item.title.clone(), f.field, old.clone(), f.text.clone()));
                history.push(HistoryEntry {
                    field: Some(f.field.key().into()),
                    old: Some(old),
                    new: Some(f.text.clone()),
                    ..HistoryEntry::new("set", Some(&id))
                });
                updated_items.push(id.clone());
            }
        }
        let gives_figures =
            row.progress_note.is_some() || row.fields.iter().any(|f| f.field.is_progress());
        let period = match (&row.period, &figures_period) {
            (Some(p), _) | (None, Some(p)) => Some(p),
            (None, None) if gives_figures => {
                return Err(Refusal::Rule(format!(
                    "row {}: the plan has no reporting periods to record {:?}'s status and percent for; add the plan's periods first",
                    row.row, item.title
                )));
            }
            (None, None) => None,
        };
        if let Some(period) = period {
            let field = |k: ItemField| row.fields.iter().find(|f| f.field == k);
            let status = field(ItemField::Status).and_then(|f| StatusKind::parse(&f.text));
            let percent = field(ItemField::Percent)
                .map(|f| crate::model::fields::parse_percent(&f.text))
                .transpose()
                .map_err(|e| format!("row {}: {e}", row.row))?;
            let update = item.update_at(&info, period, status, percent, row.progress_note.clone());
            let unchanged = item.update_at(&info, period, None, None, None) == update
                && (row.period.is_none() || item.update_for(period).is_some());
            if (status.is_some() || percent.is_some() || row.progress_note.is_some()) && !unchanged
            {
                if !item.children.is_empty() {
                    return Err(Refusal::Rule(format!(
                        "row {}: {:?} takes its figures from its children; give progress for them instead",
                        row.row, item.title
                    )));
                }
                if plan_locks.contains(period) {
                    return Err(Refusal::Locked {
                        period: period.clone(),
                    });
                }
                let old = crate::command::progress_text(
                    &info,
                    &item.update_at(&info, period, None, None, None),
                );
                let new = crate::command::progress_text(&info, &update);
                if old != new || item.update_for(period).is_none() {
                    summary
                        .progress
                        .push((item.title.clone(), period.clone(), new.clone()));
                    history.push(HistoryEntry {
                        field: Some(format!("progress {period}")),
                        old: Some(old),
                        new: Some(new),
                        reason: update.note.clone(),
                        ..HistoryEntry::new("progress", Some(&id))
                    });
                    item.record_update(update, &info);
                    updated_items.push(id.clone());
                }
            }
        }
        if let (Some(s), Some(d)) = (item.start, item.due)
            && d < s
        {
            return Err(Refusal::Rule(format!(
                "row {}: {:?} would be due ({d}) before it starts ({s})",
                row.row, item.title
            )));
        }
    }
    let wrong = plan_extras::check_codes(plan, &landed);
    if !wrong.is_empty() {
        return Err(Refusal::Rule(wrong.join("\n")));
    }
    touched.order = !created.is_empty();
    let mut seen = HashSet::new();
    for id in created.iter().chain(&parents_changed).chain(&updated_items) {
        if seen.insert(id.as_str()) {
            touched.items.push(id.clone());
        }
    }
    history[0].field = Some(table.source.clone());
    history[0].new = Some(summary.sentence());
    Ok((Applied::new(touched, history), summary))
}

/// What importing `table` into `plan` would do, without writing anything:
/// the import applied to a copy, with the same checks as the real one.
pub fn preview(table: &PlanTable, plan: &Plan) -> Result<Summary, Refusal> {
    let mut copy = plan.clone();
    let (_, summary) = apply_summarised(table, &mut copy)?;
    copy.validate()?;
    Ok(summary)
}
