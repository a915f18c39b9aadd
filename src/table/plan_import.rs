//! A plan from a table whose columns hold the levels (Goal, Focus area,
//! Project) and, optionally, fields of the items (owner, status, dates…).
//!
//! How rows are read:
//! - each row names one item: the one in its right-most filled level
//!   column; the row's field cells belong to that item. A row that fills
//!   only the Goal column describes the goal itself;
//! - a blank level cell left of that means "same as the row above"
//!   (spreadsheets often show a parent once for a block of rows), and
//!   repeated parent cells are the same item again, not a new one;
//! - within one level an item is known by its title (case and spacing
//!   ignored), so the same project under two focus areas is one project
//!   shown under both (linked), not two;
//! - blank field cells change nothing; a field given twice for one item
//!   must agree.
//!
//! Into a blank workbench the level columns' headers become the plan's
//! level names; into a plan with items the level columns are its levels
//! from the top, and rows naming existing items (by level and title) update
//! them and link them under new parents instead of copying them.

use std::collections::HashMap;

use crate::model::fields::{ItemField, field_text, set_field};
use crate::model::{Item, Plan, StatusKind, Unreadable};

use super::read::{Cell, Grid};
use super::value::{self, DateOrder};
pub use super::value_map::ValueMap;
use super::{CellError, MapError, Problems, TableError, normalize};
pub use crate::command::imports::plan_table::{
    FieldCell, PlanNaming, PlanRow, PlanTable, RowCode, Summary, preview,
};

/// What a column of a plan table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// One level of the plan (levels go left to right, top first).
    Level,
    /// A field of the item the row names.
    Field(ItemField),
    /// The reporting period the row's status, percent and progress note
    /// are for: they become the item's progress for that period.
    Period,
    /// A short note on the period's progress (with a Period column).
    ProgressNote,
    /// Not imported (codes, derived figures, anything else).
    Ignore,
}

/// The fields a table column can fill (every item field but the title,
/// which the level columns hold).
pub const FIELDS: [ItemField; 12] = [
    ItemField::Description,
    ItemField::Owner,
    ItemField::Department,
    ItemField::Status,
    ItemField::Percent,
    ItemField::Start,
    ItemField::Due,
    ItemField::BudgetPlanned,
    ItemField::BudgetActual,
    ItemField::Weight,
    ItemField::Term,
    ItemField::SourceNote,
];

impl Role {
    /// The name used by `--map` and shown in the window.
    pub fn key(self) -> &'static str {
        match self {
            Self::Level => "level",
            Self::Field(f) => f.key(),
            Self::Period => "period",
            Self::ProgressNote => "progress_note",
            Self::Ignore => "ignore",
        }
    }

    /// Parses a `--map` target: `level`, `ignore` or a field name.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "level" => Some(Self::Level),
            "period" => Some(Self::Period),
            "progress_note" | "progress note" => Some(Self::ProgressNote),
            "ignore" | "skip" => Some(Self::Ignore),
            other => ItemField::parse(other)
                .filter(|f| *f != ItemField::Title)
                .map(Self::Field),
        }
    }

    /// Every role, for menus.
    pub fn all() -> Vec<Self> {
        let mut v = vec![Self::Level, Self::Ignore, Self::Period, Self::ProgressNote];
        v.extend(FIELDS.iter().map(|f| Self::Field(*f)));
        v
    }
}

/// A header reduced to words: lower case, `%` read as "percent",
/// punctuation as spaces.
fn header_words(header: &str) -> String {
    let spaced: String = header
        .replace('%', " percent ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    normalize(&spaced)
}

/// The role a header names, by common spellings; other headers are levels.
pub fn guess_role(header: &str) -> Role {
    let h = header_words(header);
    let field = |f| Role::Field(f);
    match h.as_str() {
        "" => Role::Ignore,
        "description" | "details" | "summary" | "scope" => field(ItemField::Description),
        "owner" | "owners" | "lead" | "project lead" | "project owner" | "owner name"
        | "responsible" | "accountable" | "project manager" | "manager" | "sponsor" => {
            field(ItemField::Owner)
        }
        "department" | "dept" | "division" | "agency" | "department name" | "office" => {
            field(ItemField::Department)
        }
        "status" | "state" | "project status" | "current status" => field(ItemField::Status),
        "period" | "reporting period" | "for period" | "quarter" | "fiscal quarter"
        | "update period" => Role::Period,
        "progress note" | "update note" | "status note" | "status comment" | "update"
        | "progress update" => Role::ProgressNote,
        "percent"
        | "percent complete"
        | "complete"
        | "completion"
        | "progress"
        | "pct complete"
        | "percent done"
        | "percentage complete"
        | "complete percent"
        | "done percent" => field(ItemField::Percent),
        "start" | "start date" | "begin" | "begins" | "planned start" | "started" => {
            field(ItemField::Start)
        }
        "due" | "due date" | "end" | "end date" | "finish" | "deadline" | "target date"
        | "completion date" | "planned end" | "planned finish" => field(ItemField::Due),
        "budget" | "budget planned" | "planned budget" | "estimated cost" | "cost estimate"
        | "budget estimate" => field(ItemField::BudgetPlanned),
        "budget actual" | "actual budget" | "actual" | "actual cost" | "spent" | "actual spend"
        | "cost" => field(ItemField::BudgetActual),
        "weight" => field(ItemField::Weight),
        "term" | "horizon" | "short long term" => field(ItemField::Term),
        "notes" | "note" | "source note" | "comments" | "comment" | "remarks" => {
            field(ItemField::SourceNote)
        }
        // Written by Cairn's export and derived again on import.
        "code" | "id" | "no" | "number" | "ref" | "wbs" | "level" | "linked" | "also under"
        | "rolled up status" | "rolled up percent" | "sample" | "sample data" => Role::Ignore,
        _ if h.starts_with("rolled up") => Role::Ignore,
        _ => Role::Level,
    }
}

/// Which role each column of a table has, and how values are read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    pub roles: Vec<Role>,
    /// Status and term values read as the plan's (`--map-value`).
    pub values: Vec<ValueMap>,
    /// Keep outline codes in titles ("1.1 Replace legacy ERP") instead of
    /// taking them off and checking them against the tree.
    pub keep_codes: bool,
}

impl Mapping {
    /// Columns matched by header name: known field names are fields, the
    /// others, in header order, are the levels.
    pub fn guess(headers: &[String]) -> Self {
        Self {
            roles: headers.iter().map(|h| guess_role(h)).collect(),
            ..Self::default()
        }
    }

    /// The plan's value a mapping gives a column's value.
    pub fn value_for(&self, column: usize, text: &str) -> Option<&str> {
        let t = normalize(text);
        self.values
            .iter()
            .find(|v| v.column == column && normalize(&v.from) == t)
            .map(|v| v.to.as_str())
    }

    /// The guess, changed by `HEADER=ROLE` entries (from `--map`).
    pub fn with_overrides(headers: &[String], entries: &[String]) -> Result<Self, MapError> {
        let mut m = Self::guess(headers);
        let names: Vec<&str> = Role::all().iter().map(|r| r.key()).collect();
        for entry in entries {
            let (col, role) = super::map_entry(headers, entry, Role::parse, &names, "Lead=owner")?;
            m.roles[col] = role;
        }
        Ok(m)
    }

    /// The level columns, top level first.
    pub fn level_columns(&self) -> Vec<usize> {
        (0..self.roles.len())
            .filter(|&i| self.roles[i] == Role::Level)
            .collect()
    }
}

/// The plan's status labels and keys, to read a status cell.
fn status_lookup(plan: &Plan) -> HashMap<String, StatusKind> {
    let mut m = HashMap::new();
    for kind in StatusKind::ALL {
        m.insert(normalize(kind.key()), kind);
        m.insert(normalize(kind.default_label()), kind);
    }
    for s in &plan.info.statuses {
        m.insert(normalize(&s.label), s.kind);
    }
    m
}

/// How a field cell is read: the file's number and date conventions and
/// the value mappings.
struct Reading<'a> {
    decimal_comma: bool,
    statuses: &'a HashMap<String, StatusKind>,
    mapping: &'a Mapping,
    plan: &'a Plan,
    header: &'a str,
}

/// Reads a field cell into the text `set_field` takes.
fn field_text_of(
    cell: &Cell,
    column: usize,
    field: ItemField,
    order: DateOrder,
    how: &Reading<'_>,
) -> Result<String, CellError> {
    let (decimal_comma, plan) = (how.decimal_comma, how.plan);
    let mapped = if super::value_map::mappable(field) {
        how.mapping.value_for(column, &cell.display())
    } else {
        None
    };
    let text = if let Some(m) = mapped {
        m.to_owned()
    } else {
        match field {
            ItemField::Status => {
                let shown = cell.display();
                let kind = how
                    .statuses
                    .get(&normalize(&shown))
                    .copied()
                    .or_else(|| StatusKind::parse(&shown));
                match kind {
                    Some(k) => k.key().to_owned(),
                    None => {
                        let labels: Vec<&str> = StatusKind::ALL
                            .iter()
                            .map(|k| plan.info.status_label(*k))
                            .collect();
                        return Err(CellError::UnmappedStatus {
                            shown,
                            labels: labels.join(", "),
                            header: how.header.to_owned(),
                        });
                    }
                }
            }
            ItemField::Term
                if super::value_map::plan_value(field, &cell.display(), plan).is_none() =>
            {
                let shown = cell.display();
                return Err(CellError::UnmappedTerm {
                    shown,
                    header: how.header.to_owned(),
                });
            }
            ItemField::Percent
            | ItemField::BudgetPlanned
            | ItemField::BudgetActual
            | ItemField::Weight => value::number(cell, decimal_comma)?
                .map(|v| v.to_string())
                .unwrap_or_default(),
            ItemField::Start | ItemField::Due => value::date(cell, order)?
                .map(|d| d.to_string())
                .unwrap_or_default(),
            _ => {
                if let Cell::Error(e) = cell {
                    return Err(Unreadable::SpreadsheetError { code: e.clone() }.into());
                }
                cell.display()
            }
        }
    };
    // The same checks as typing the value in the window.
    if field.is_progress() {
        crate::model::fields::check_text(field, &text)?;
        return Ok(text);
    }
    let mut scratch = Item::new("scratch", 0, "scratch");
    set_field(&mut scratch, field, &text)?;
    Ok(field_text(&scratch, field))
}

/// Reads every row of `grid` with `mapping`, for import into `plan`.
/// Reports every cell that cannot be read, by row and column.
pub fn prepare(grid: &Grid, mapping: &Mapping, plan: &Plan) -> Result<PlanTable, TableError> {
    let mut problems = Problems::default();
    let level_cols = mapping.level_columns();
    let blank = plan.items().is_empty();
    if level_cols.is_empty() {
        problems.push(
            None,
            None,
            "no column holds a level of the plan; map at least one column (e.g. Goal) to a level",
        );
        return problems.finish(&grid.source, PlanTable::empty(&grid.source));
    }
    if !blank && level_cols.len() > plan.info.levels.len() {
        problems.push(
            None,
            None,
            format!(
                "the table has {} level columns ({}) but the plan has {} levels ({}); map the extra columns to fields or ignore them",
                level_cols.len(),
                level_cols.iter().map(|&c| grid.column_name(c)).collect::<Vec<_>>().join(", "),
                plan.info.levels.len(),
                plan.info.levels.join(", ")
            ),
        );
        return problems.finish(&grid.source, PlanTable::empty(&grid.source));
    }
    let level_names: Vec<String> = if blank {
        level_cols
            .iter()
            .map(|&c| grid.headers[c].clone())
            .collect()
    } else {
        plan.info.levels[..level_cols.len()].to_vec()
    };
    let statuses = status_lookup(plan);
    let field_cols: Vec<(usize, ItemField)> = mapping
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Role::Field(f) => Some((i, *f)),
            _ => None,
        })
        .collect();
    let mut notes = grid.notes.clone();
    let orders: HashMap<usize, DateOrder> = field_cols
        .iter()
        .filter(|(_, f)| matches!(f, ItemField::Start | ItemField::Due))
        .map(|&(c, _)| {
            let order =
                value::infer_date_order(grid.rows.iter().map(|r| &r.cells[c]), grid.decimal_comma);
            let ambiguous = grid.rows.iter().any(
                |r| matches!(&r.cells[c], Cell::Text(t) if t.contains('/') || t.contains('.')),
            );
            if ambiguous {
                notes.push(format!(
                    "dates in column {} read as {}",
                    grid.column_name(c),
                    match order {
                        DateOrder::MonthFirst => "month/day/year",
                        DateOrder::DayFirst => "day/month/year",
                    }
                ));
            }
            (c, order)
        })
        .collect();
    let period_col = mapping.roles.iter().position(|r| *r == Role::Period);
    let note_col = mapping.roles.iter().position(|r| *r == Role::ProgressNote);
    if note_col.is_some() && period_col.is_none() {
        problems.push(
            None,
            None,
            "a progress note column needs a Period column saying which period it is for",
        );
    }
    let periods = super::periods::Periods::new(plan);
    let period_order = period_col.map(|c| {
        value::infer_date_order(grid.rows.iter().map(|r| &r.cells[c]), grid.decimal_comma)
    });
    let mut rows = Vec::with_capacity(grid.rows.len());
    let mut carry: Vec<Option<String>> = vec![None; level_cols.len()];
    for r in &grid.rows {
        let mut codes: Vec<Option<RowCode>> = vec![None; level_cols.len()];
        let titles: Vec<Option<String>> = level_cols
            .iter()
            .map(|&c| match &r.cells[c] {
                Cell::Empty => None,
                Cell::Error(e) => {
                    problems.push(
                        Some(r.number),
                        Some(grid.column_name(c)),
                        format!("the cell holds the spreadsheet error {e}"),
                    );
                    None
                }
                Cell::Text(t) if !mapping.keep_codes => {
                    match super::code::take(t, &grid.column_name(c)) {
                        Some((code, title)) => {
                            if let Some(k) = level_cols.iter().position(|&l| l == c) {
                                codes[k] = Some(code);
                            }
                            Some(title)
                        }
                        None => Some(t.clone()),
                    }
                }
                cell => Some(cell.display()),
            })
            .collect();
        let Some(deepest) = titles.iter().rposition(Option::is_some) else {
            if field_cols.iter().any(|&(c, _)| !r.cells[c].is_empty()) {
                problems.push(
                    Some(r.number),
                    None,
                    format!(
                        "the row has values but names no item: its level columns ({}) are blank",
                        level_cols
                            .iter()
                            .map(|&c| grid.column_name(c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
            continue;
        };
        let mut path = Vec::with_capacity(deepest + 1);
        let mut complete = true;
        for (k, title) in titles.iter().enumerate().take(deepest + 1) {
            match title {
                Some(t) => {
                    if carry[k].as_deref().map(normalize) != Some(normalize(t)) {
                        for c in carry.iter_mut().skip(k + 1) {
                            *c = None;
                        }
                    }
                    carry[k] = Some(t.clone());
                    path.push(t.clone());
                }
                None => match &carry[k] {
                    Some(t) => path.push(t.clone()),
                    None => {
                        problems.push(
                            Some(r.number),
                            Some(grid.column_name(level_cols[k])),
                            format!(
                                "blank, and no row above gives the {} this {} belongs to",
                                level_names[k], level_names[deepest]
                            ),
                        );
                        complete = false;
                        break;
                    }
                },
            }
        }
        for c in carry.iter_mut().skip(deepest + 1) {
            *c = None;
        }
        if !complete {
            continue;
        }
        let mut fields = Vec::new();
        for &(c, field) in &field_cols {
            let cell = &r.cells[c];
            if cell.is_empty() {
                continue;
            }
            let order = orders.get(&c).copied().unwrap_or(DateOrder::MonthFirst);
            let how = Reading {
                decimal_comma: grid.decimal_comma,
                statuses: &statuses,
                mapping,
                plan,
                header: &grid.headers[c],
            };
            match field_text_of(cell, c, field, order, &how) {
                Ok(text) => {
                    fields.push(FieldCell {
                        field,
                        text,
                        column: grid.column_name(c),
                    });
                }
                Err(e) => problems.push(Some(r.number), Some(grid.column_name(c)), e),
            }
        }
        let start = fields.iter().find(|f| f.field == ItemField::Start);
        let due = fields.iter().find(|f| f.field == ItemField::Due);
        if let (Some(s), Some(d)) = (start, due)
            && !s.text.is_empty()
            && !d.text.is_empty()
            && d.text < s.text
        {
            problems.push(
                Some(r.number),
                Some(d.column.clone()),
                format!(
                    "the due date {} is before the start date {}",
                    d.text, s.text
                ),
            );
        }
        let period = match period_col.map(|c| (c, &r.cells[c])) {
            Some((_, Cell::Empty)) | None => None,
            Some((c, cell)) => {
                match periods.find(cell, period_order.unwrap_or(DateOrder::MonthFirst)) {
                    Ok(label) => Some(label.to_owned()),
                    Err(e) => {
                        problems.push(Some(r.number), Some(grid.column_name(c)), e);
                        None
                    }
                }
            }
        };
        let progress_note = note_col
            .map(|c| r.cells[c].display().trim().to_owned())
            .filter(|n| !n.is_empty());
        let path_len = path.len();
        rows.push(PlanRow {
            row: r.number,
            path,
            fields,
            period,
            progress_note,
            codes: codes.into_iter().take(path_len).collect(),
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(None, None, "no row names an item");
    }
    let coded = rows.iter().flat_map(|r| &r.codes).flatten().count();
    if coded > 0 {
        notes.push(format!(
            "outline codes taken off {coded} title{} (e.g. \"1.1 \") and checked against where each item lands",
            if coded == 1 { "" } else { "s" }
        ));
    }
    for v in &mapping.values {
        let plan_import_field = match mapping.roles.get(v.column) {
            Some(Role::Field(f)) => *f,
            _ => continue,
        };
        let shown = super::value_map::targets(plan_import_field, plan)
            .into_iter()
            .find(|(k, _)| *k == v.to)
            .map_or_else(|| v.to.clone(), |(_, l)| l);
        notes.push(format!(
            "column {}: {:?} read as {shown}",
            grid.column_name(v.column),
            v.from
        ));
    }
    for (i, role) in mapping.roles.iter().enumerate() {
        let what = match role {
            Role::Level => continue,
            Role::Ignore if grid.headers[i].is_empty() => continue,
            Role::Ignore => "not imported".to_owned(),
            Role::Field(f) => format!("→ {}", f.key()),
            Role::Period => "→ the period of each row's progress".to_owned(),
            Role::ProgressNote => "→ progress note".to_owned(),
        };
        notes.push(format!("column {} {what}", grid.column_name(i)));
    }
    let figures_on = chrono::Local::now().date_naive();
    let has_period = mapping.roles.iter().any(|r| matches!(r, Role::Period));
    let has_figures = mapping
        .roles
        .iter()
        .any(|r| matches!(r, Role::Field(f) if f.is_progress()));
    if has_figures && !has_period {
        let period = plan.info.period_for_day(figures_on).map_or_else(
            || "the plan's reporting period today".to_owned(),
            |p| p.label.clone(),
        );
        notes.push(format!(
            "no Period column: status and percent are recorded for {period}"
        ));
    }
    problems.finish(
        &grid.source,
        PlanTable {
            source: grid.source.clone(),
            levels: level_names,
            rows,
            notes,
            values: super::value_map::to_remember(mapping),
            naming: None,
            figures_on,
        },
    )
}
