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

use std::collections::{HashMap, HashSet};

use crate::model::fields::{ItemField, field_text, set_field};
use crate::model::{Item, Plan, StatusKind, Tree};
use crate::store::{HistoryEntry, Touched};

use super::read::{Cell, Grid};
use super::value::{self, DateOrder};
use super::{Problems, TableError, normalize};

/// What a column of a plan table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// One level of the plan (levels go left to right, top first).
    Level,
    /// A field of the item the row names.
    Field(ItemField),
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
            Self::Ignore => "ignore",
        }
    }

    /// Parses a `--map` target: `level`, `ignore` or a field name.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "level" => Some(Self::Level),
            "ignore" | "skip" => Some(Self::Ignore),
            other => ItemField::parse(other)
                .filter(|f| *f != ItemField::Title)
                .map(Self::Field),
        }
    }

    /// Every role, for menus.
    pub fn all() -> Vec<Self> {
        let mut v = vec![Self::Level, Self::Ignore];
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

/// Which role each column of a table has.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub roles: Vec<Role>,
}

impl Mapping {
    /// Columns matched by header name: known field names are fields, the
    /// others, in header order, are the levels.
    pub fn guess(headers: &[String]) -> Self {
        Self {
            roles: headers.iter().map(|h| guess_role(h)).collect(),
        }
    }

    /// The guess, changed by `HEADER=ROLE` entries (from `--map`).
    pub fn with_overrides(headers: &[String], entries: &[String]) -> Result<Self, String> {
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

/// Reads a field cell into the text `set_field` takes.
fn field_text_of(
    cell: &Cell,
    field: ItemField,
    decimal_comma: bool,
    order: DateOrder,
    statuses: &HashMap<String, StatusKind>,
    plan: &Plan,
) -> Result<String, String> {
    let text = match field {
        ItemField::Status => {
            let shown = cell.display();
            let kind = statuses
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
                    return Err(format!(
                        "{shown:?} is not a status; use one of {}",
                        labels.join(", ")
                    ));
                }
            }
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
                return Err(format!("the cell holds the spreadsheet error {e}"));
            }
            cell.display()
        }
    };
    // The same checks as typing the value in the window.
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
    let mut rows = Vec::with_capacity(grid.rows.len());
    let mut carry: Vec<Option<String>> = vec![None; level_cols.len()];
    for r in &grid.rows {
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
            match field_text_of(cell, field, grid.decimal_comma, order, &statuses, plan) {
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
        rows.push(PlanRow {
            row: r.number,
            path,
            fields,
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(None, None, "no row names an item");
    }
    for (i, role) in mapping.roles.iter().enumerate() {
        let what = match role {
            Role::Level => continue,
            Role::Ignore if grid.headers[i].is_empty() => continue,
            Role::Ignore => "not imported".to_owned(),
            Role::Field(f) => format!("→ {}", f.key()),
        };
        notes.push(format!("column {} {what}", grid.column_name(i)));
    }
    problems.finish(
        &grid.source,
        PlanTable {
            source: grid.source.clone(),
            levels: level_names,
            rows,
            notes,
        },
    )
}

impl PlanTable {
    fn empty(source: &str) -> Self {
        Self {
            source: source.to_owned(),
            levels: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What an import creates and changes, for the preview and the history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// The plan's new level names (importing into a blank workbench).
    pub levels_named: Option<Vec<String>>,
    /// Items created: level, title, and the title of their first parent.
    pub created: Vec<(usize, String, Option<String>)>,
    /// Items shown under a further parent: title and the parent's title.
    pub linked: Vec<(String, String)>,
    /// Fields of existing items changed: title, field, old and new value.
    pub updated: Vec<(String, ItemField, String, String)>,
    /// The plan's level names after the import.
    pub levels: Vec<String>,
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
        )
    }
}

/// What applying an import did.
pub struct Outcome {
    pub touched: Touched,
    pub history: Vec<HistoryEntry>,
    pub summary: Summary,
}

/// The fields given so far for one item: value and row, by field key.
type Given = HashMap<&'static str, (String, usize)>;

/// Applies a prepared table to `plan` (the body of the import command).
/// On error the plan may be partly changed: callers apply to a copy.
#[allow(clippy::too_many_lines)] // One pass over the rows reads best together.
pub fn apply(table: &PlanTable, plan: &mut Plan) -> Result<Outcome, String> {
    let mut summary = Summary::default();
    let mut history = vec![HistoryEntry::new("import table", None)];
    let mut touched = Touched::default();
    if table.levels.is_empty() || table.rows.is_empty() {
        return Err(format!("{}: the table names no items", table.source));
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
    } else if table.levels.len() > plan.info.levels.len() {
        return Err(format!(
            "{}: the table has {} levels but the plan has {}",
            table.source,
            table.levels.len(),
            plan.info.levels.len()
        ));
    }
    summary.levels.clone_from(&plan.info.levels);
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
                            return Err(format!(
                                "row {}: {:?} matches {} existing {} items ({}); the table cannot say which is meant. Rename one of them first.",
                                row.row,
                                title,
                                many.len(),
                                plan.info.level_name(depth),
                                codes.join(", ")
                            ));
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
        for f in &row.fields {
            if let Some((before, at)) = given_here.get(f.field.key()) {
                if *before != f.text {
                    return Err(format!(
                        "row {}, column {}: {:?} differs from row {at}, which gives this {level_name} {before:?}",
                        row.row, f.column, f.text
                    ));
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
        if let (Some(s), Some(d)) = (item.start, item.due)
            && d < s
        {
            return Err(format!(
                "row {}: {:?} would be due ({d}) before it starts ({s})",
                row.row, item.title
            ));
        }
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
    Ok(Outcome {
        touched,
        history,
        summary,
    })
}

/// What importing `table` into `plan` would do, without writing anything:
/// the import applied to a copy, with the same checks as the real one.
pub fn preview(table: &PlanTable, plan: &Plan) -> Result<Summary, String> {
    let mut copy = plan.clone();
    let outcome = apply(table, &mut copy)?;
    copy.validate()?;
    Ok(outcome.summary)
}
