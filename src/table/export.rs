//! The plan, its initiatives and its KPI measurements as tables, written to
//! one `.xlsx` workbook (a sheet each, header row frozen, cells typed:
//! numbers as numbers, dates as dates) or to CSV.
//!
//! The "Plan" sheet is in the form `cairn import-table` reads: a column per
//! level, one row per place an item shows in the tree (a linked item has a
//! row under each parent), and the item's own fields. Codes, rolled-up
//! figures and link notes are there for people and are ignored on import.
//! The "KPI measurements" sheet is in the form the measurements import
//! reads. Milestones, progress notes, overrides and KPI definitions do not
//! fit a flat table; the JSON export carries them.

use std::collections::HashMap;

use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use super::ExportError;
use crate::model::{Plan, Tree};
use crate::rules::rollup::roll_up;

/// A typed cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Empty,
    Text(String),
    Number(f64),
    /// A percentage from 0 to 100 (shown with a % sign).
    Percent(f64),
    Money(f64),
    Date(NaiveDate),
}

impl Out {
    fn text(s: &str) -> Self {
        if s.is_empty() {
            Self::Empty
        } else {
            Self::Text(s.to_owned())
        }
    }

    fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Self) -> Self {
        v.map_or(Self::Empty, f)
    }

    /// The cell as CSV text: numbers plain, dates as YYYY-MM-DD.
    pub fn csv_text(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(t) => t.clone(),
            Self::Number(v) | Self::Percent(v) | Self::Money(v) => v.to_string(),
            Self::Date(d) => d.to_string(),
        }
    }
}

/// One exported table: a sheet of the workbook or one CSV file.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name.
    pub name: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Out>>,
    /// Columns holding long text (wider in the workbook).
    pub wide: Vec<usize>,
}

/// Which table to export as CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Plan,
    Initiatives,
    Measurements,
}

impl Which {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "plan" => Some(Self::Plan),
            "initiatives" => Some(Self::Initiatives),
            "measurements" | "kpi-measurements" | "kpis" => Some(Self::Measurements),
            _ => None,
        }
    }

    pub fn table(self, plan: &Plan) -> Table {
        match self {
            Self::Plan => plan_table(plan),
            Self::Initiatives => initiatives_table(plan),
            Self::Measurements => measurements_table(plan),
        }
    }
}

/// The name of the plan sheet, read first by the plan import.
pub const PLAN_SHEET: &str = "Plan";
pub const INITIATIVES_SHEET: &str = "Initiatives";
/// The name of the measurements sheet, read first by the measurements import.
pub const MEASUREMENTS_SHEET: &str = "KPI measurements";

const FIELD_HEADERS: [&str; 11] = [
    "Description",
    "Owner",
    "Department",
    "Status",
    "Percent complete",
    "Start",
    "Due",
    "Budget planned",
    "Budget actual",
    "Weight",
    "Term",
];

fn item_fields(plan: &Plan, item: &crate::model::Item) -> Vec<Out> {
    vec![
        Out::text(&item.description),
        Out::text(&item.owner),
        Out::text(&item.department),
        Out::Text(plan.info.status_label(item.status()).to_owned()),
        Out::opt(item.percent(), Out::Percent),
        Out::opt(item.start, Out::Date),
        Out::opt(item.due, Out::Date),
        Out::opt(item.budget_planned, Out::Money),
        Out::opt(item.budget_actual, Out::Money),
        Out::Number(item.weight),
        Out::opt(item.term, |t| Out::Text(t.label().to_owned())),
    ]
}

/// Codes of every placement of each item, by item position.
fn codes_by_item(tree: &Tree) -> HashMap<usize, Vec<&str>> {
    let mut m: HashMap<usize, Vec<&str>> = HashMap::new();
    for p in &tree.placements {
        m.entry(p.item).or_default().push(&p.code);
    }
    m
}

/// The whole tree: a column per level, one row per placement.
pub fn plan_table(plan: &Plan) -> Table {
    let tree = Tree::build(plan);
    let rollup = roll_up(plan, None);
    let codes = codes_by_item(&tree);
    let levels = plan.info.levels.len();
    let mut headers = vec!["Code".to_owned()];
    headers.extend(plan.info.levels.iter().cloned());
    headers.extend(FIELD_HEADERS.iter().map(|h| (*h).to_owned()));
    headers.extend(
        [
            "Source note",
            "Rolled-up status",
            "Rolled-up percent",
            "Linked",
        ]
        .iter()
        .map(|h| (*h).to_owned()),
    );
    if plan.info.sample {
        headers.push("Sample data".into());
    }
    let mut wide: Vec<usize> = (1..=levels).collect();
    wide.push(levels + 1);
    let mut rows = Vec::with_capacity(tree.placements.len());
    let mut path: Vec<String> = Vec::new();
    for p in &tree.placements {
        let item = &plan.items()[p.item];
        path.truncate(p.depth);
        path.push(item.title.clone());
        let mut row = vec![Out::Text(p.code.clone())];
        for l in 0..levels {
            row.push(path.get(l).map_or(Out::Empty, |t| Out::Text(t.clone())));
        }
        row.extend(item_fields(plan, item));
        row.push(Out::text(&item.source_note));
        let r = &rollup.items[p.item];
        row.push(Out::Text(plan.info.status_label(r.status).to_owned()));
        row.push(Out::opt(r.percent, Out::Percent));
        let others: Vec<&str> = codes
            .get(&p.item)
            .map(|c| c.iter().copied().filter(|c| *c != p.code).collect())
            .unwrap_or_default();
        row.push(if others.is_empty() {
            Out::Empty
        } else {
            Out::Text(format!("also at {}", others.join(", ")))
        });
        if plan.info.sample {
            row.push(Out::Text("sample".into()));
        }
        rows.push(row);
    }
    Table {
        name: PLAN_SHEET,
        headers,
        rows,
        wide,
    }
}

/// The lowest level's items, each once, with the path to their first
/// placement (the form the plan import reads, without links).
pub fn initiatives_table(plan: &Plan) -> Table {
    let tree = Tree::build(plan);
    let codes = codes_by_item(&tree);
    let levels = plan.info.levels.len();
    let lowest = levels.saturating_sub(1);
    let mut headers = vec!["Code".to_owned()];
    headers.extend(plan.info.levels.iter().cloned());
    headers.extend(FIELD_HEADERS.iter().map(|h| (*h).to_owned()));
    headers.push("Also under".into());
    if plan.info.sample {
        headers.push("Sample data".into());
    }
    let mut wide: Vec<usize> = (1..=levels).collect();
    wide.push(levels + 1);
    let mut rows = Vec::new();
    let mut path: Vec<String> = Vec::new();
    for p in &tree.placements {
        let item = &plan.items()[p.item];
        path.truncate(p.depth);
        path.push(item.title.clone());
        if item.level != lowest || p.linked {
            continue;
        }
        let mut row = vec![Out::Text(p.code.clone())];
        for l in 0..levels {
            row.push(path.get(l).map_or(Out::Empty, |t| Out::Text(t.clone())));
        }
        row.extend(item_fields(plan, item));
        let others: Vec<&str> = codes
            .get(&p.item)
            .map(|c| c.iter().copied().filter(|c| *c != p.code).collect())
            .unwrap_or_default();
        row.push(Out::text(&others.join(", ")));
        if plan.info.sample {
            row.push(Out::Text("sample".into()));
        }
        rows.push(row);
    }
    Table {
        name: INITIATIVES_SHEET,
        headers,
        rows,
        wide,
    }
}

/// Every KPI measurement, one row each, with the KPI's item and target.
pub fn measurements_table(plan: &Plan) -> Table {
    let tree = Tree::build(plan);
    let headers = [
        "KPI id",
        "KPI",
        "Item code",
        "Item",
        "Unit",
        "Period",
        "Value",
        "Target",
        "Comment",
        "Sample",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let mut rows = Vec::new();
    for k in &plan.kpis {
        let pos = plan.position(&k.item);
        let code = pos.and_then(|p| tree.code_of(p)).unwrap_or("");
        let item = plan.item(&k.item).map(|i| i.title.as_str()).unwrap_or("");
        for m in &k.measurements {
            rows.push(vec![
                Out::Text(k.id.clone()),
                Out::Text(k.name.clone()),
                Out::text(code),
                Out::text(item),
                Out::text(&k.unit),
                Out::Text(m.period.clone()),
                m.value
                    .map_or_else(|| Out::Text("missing".into()), Out::Number),
                Out::opt(k.target_for(&m.period), Out::Number),
                Out::text(&m.comment),
                if k.sample {
                    Out::Text("sample data".into())
                } else {
                    Out::Empty
                },
            ]);
        }
    }
    Table {
        name: MEASUREMENTS_SHEET,
        headers,
        rows,
        wide: vec![1, 3, 8],
    }
}

/// The plan, initiatives and measurements as an `.xlsx` workbook.
pub fn to_xlsx(plan: &Plan) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let mut props = DocProperties::new().set_title(format!(
        "{} {} {}",
        plan.info.organisation,
        plan.info.title,
        plan.info.timeframe()
    ));
    if plan.contains_sample_data() {
        props = props.set_comment(
            "Contains sample data: illustrative figures, not the city's (see the Sample columns).",
        );
    }
    book.set_properties(&props);
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let pct_whole = Format::new().set_num_format("0\"%\"");
    let pct_frac = Format::new().set_num_format("0.0##\"%\"");
    let money_whole = Format::new().set_num_format("#,##0");
    let money_frac = Format::new().set_num_format("#,##0.00");
    for table in [
        plan_table(plan),
        initiatives_table(plan),
        measurements_table(plan),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, h) in table.headers.iter().enumerate() {
            let col =
                u16::try_from(c).map_err(|_| ExportError::TooBig("a table this wide".into()))?;
            sheet.write_string_with_format(0, col, h, &header)?;
            let width = if table.wide.contains(&c) { 48 } else { 14 };
            sheet.set_column_width(col, width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in table.rows.iter().enumerate() {
            let at = u32::try_from(r + 1)
                .map_err(|_| ExportError::TooBig("a table this long".into()))?;
            for (c, cell) in row.iter().enumerate() {
                let col = u16::try_from(c)
                    .map_err(|_| ExportError::TooBig("a table this wide".into()))?;
                let written = match cell {
                    Out::Empty => continue,
                    Out::Text(t) => sheet.write_string(at, col, t),
                    Out::Number(v) => sheet.write_number(at, col, *v),
                    Out::Percent(v) => sheet.write_number_with_format(
                        at,
                        col,
                        *v,
                        if v.fract() == 0.0 {
                            &pct_whole
                        } else {
                            &pct_frac
                        },
                    ),
                    Out::Money(v) => sheet.write_number_with_format(
                        at,
                        col,
                        *v,
                        if v.fract() == 0.0 {
                            &money_whole
                        } else {
                            &money_frac
                        },
                    ),
                    Out::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(
                            u16::try_from(d.year())
                                .map_err(|_| ExportError::TooBig(format!("the date {d}")))?,
                            u8::try_from(d.month()).unwrap_or(1),
                            u8::try_from(d.day()).unwrap_or(1),
                        )?;
                        sheet.write_datetime_with_format(at, col, &dt, &date)
                    }
                };
                written?;
            }
        }
        if let (Some(last_col), false) = (table.headers.len().checked_sub(1), table.rows.is_empty())
        {
            let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
            sheet.autofilter(0, 0, last_row, u16::try_from(last_col).unwrap_or(0))?;
        }
    }
    Ok(book.save_to_buffer()?)
}

/// A table as CSV (comma separated, UTF-8). With `bom`, a byte-order mark
/// goes first so Excel reads the file as UTF-8.
pub fn to_csv(table: &Table, bom: bool) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&table.headers)?;
    for row in &table.rows {
        w.write_record(row.iter().map(Out::csv_text))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::CsvFinish(e.to_string()))
}
