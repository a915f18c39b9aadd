//! Reading a returned request with calamine: the hidden sheet's id,
//! period and sent values, and each row's input cells as typed values.
//! Anything unreadable becomes a [`Problem`] naming sheet, row and column.

use std::io::Cursor;

use calamine::{Data, Range, Reader as _};
use chrono::NaiveDate;

use super::RequestError;
use super::{ITEMS_SHEET, KPIS_SHEET, LAYOUT, MAGIC, META_HEADER_ROW, META_SHEET};
use crate::model::{PlanInfo, StatusKind, Unreadable};

/// Something wrong with a returned file: where, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub file: String,
    pub sheet: String,
    /// The spreadsheet row (1-based), when the problem is in one.
    pub row: Option<u32>,
    /// The column's letter and header ("H (FY2026 Q2 % complete)").
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.sheet.is_empty() {
            write!(f, ", sheet {}", self.sheet)?;
        }
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One row as it was sent (from the hidden sheet).
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub sheet: String,
    /// The spreadsheet row (1-based) on that sheet.
    pub row: u32,
    pub id: String,
    /// The item's code or the KPI's name, to check the row was not moved.
    pub code: String,
    /// status, percent, note, due, value, comment, as text.
    pub values: [String; 6],
}

/// A returned workbook opened: its hidden header and the sheets.
pub struct Opened {
    pub request: String,
    pub period: String,
    pub to: String,
    pub sent: Vec<Sent>,
    pub items: Option<Sheet>,
    pub kpis: Option<Sheet>,
}

/// A sheet's cells, and which of them Excel shows as percentages.
pub struct Sheet {
    pub cells: Range<Data>,
    percent: Vec<(u32, u32)>,
    pub headers: Vec<String>,
}

impl Sheet {
    pub fn get(&self, row: u32, col: u16) -> &Data {
        self.cells
            .get_value((row, u32::from(col)))
            .unwrap_or(&Data::Empty)
    }

    fn is_percent(&self, row: u32, col: u16) -> bool {
        self.percent.contains(&(row, u32::from(col)))
    }

    /// "H (FY2026 Q2 % complete)".
    pub fn column(&self, col: u16) -> String {
        let letters = crate::table::column_letter(usize::from(col));
        match self.headers.get(usize::from(col)) {
            Some(h) if !h.is_empty() => format!("{letters} ({h})"),
            _ => letters,
        }
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e}"),
    }
}

fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn sheet(book: &mut calamine::Sheets<Cursor<Vec<u8>>>, name: &str) -> Result<Sheet, RequestError> {
    let cells = book.worksheet_range(name)?;
    let styles = book.worksheet_style(name).unwrap_or_default();
    let mut percent = Vec::new();
    let (r0, c0) = cells.start().unwrap_or((0, 0));
    for (i, row) in cells.rows().enumerate() {
        for (j, d) in row.iter().enumerate() {
            if !matches!(d, Data::Float(_) | Data::Int(_)) {
                continue;
            }
            let pos = (
                r0 + u32::try_from(i).unwrap_or(0),
                c0 + u32::try_from(j).unwrap_or(0),
            );
            if styles
                .get(pos)
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| is_percent_format(&f.format_code))
            {
                percent.push(pos);
            }
        }
    }
    let width = cells.end().map_or(0, |(_, c)| c + 1);
    let headers = (0..width)
        .map(|c| cells.get_value((0, c)).map(text).unwrap_or_default())
        .collect();
    Ok(Sheet {
        cells,
        percent,
        headers,
    })
}

/// Opens a returned workbook and reads its hidden sheet. `Err` when the
/// file is not a request Cairn wrote.
pub fn open(file: &str, bytes: &[u8]) -> Result<Opened, Problem> {
    let whole = |sheet: &str, message: String| Problem {
        file: file.to_owned(),
        sheet: sheet.to_owned(),
        row: None,
        column: None,
        message,
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| whole("", format!("is not a spreadsheet Cairn can read: {e}")))?;
    let names = book.sheet_names();
    let not_ours = |why: &str| {
        whole(
            "",
            format!(
                "is not an update request written by Cairn ({why}); its sheets are {}",
                names.join(", ")
            ),
        )
    };
    if !names.iter().any(|n| n == META_SHEET) {
        return Err(not_ours(&format!("it has no {META_SHEET:?} sheet")));
    }
    let meta = sheet(&mut book, META_SHEET).map_err(|e| whole(META_SHEET, e.to_string()))?;
    if text(meta.get(0, 0)) != MAGIC {
        return Err(not_ours(&format!(
            "the {META_SHEET:?} sheet is not Cairn's"
        )));
    }
    if text(meta.get(0, 1)) != LAYOUT {
        return Err(whole(
            META_SHEET,
            format!(
                "was written in request layout {:?}; this Cairn reads layout {LAYOUT}",
                text(meta.get(0, 1))
            ),
        ));
    }
    let field = |row: u32, key: &str| -> Result<String, Problem> {
        if text(meta.get(row, 0)) == key {
            Ok(text(meta.get(row, 1)))
        } else {
            Err(whole(
                META_SHEET,
                format!("the {key:?} line is missing or was changed"),
            ))
        }
    };
    let request = field(1, "request")?;
    let period = field(2, "period")?;
    let to = field(4, "to")?;
    let mut sent = Vec::new();
    let last = meta.cells.end().map_or(0, |(r, _)| r);
    for r in META_HEADER_ROW + 1..=last {
        let sheet_name = text(meta.get(r, 0));
        if sheet_name.is_empty() {
            continue;
        }
        let row = text(meta.get(r, 1)).parse::<u32>().map_err(|_| Problem {
            row: Some(r + 1),
            ..whole(META_SHEET, "a sent row's row number was changed".into())
        })?;
        let v = |c: u16| text(meta.get(r, c));
        sent.push(Sent {
            sheet: sheet_name,
            row,
            id: v(2),
            code: v(3),
            values: [v(4), v(5), v(6), v(7), v(8), v(9)],
        });
    }
    let mut get = |name: &str| -> Result<Option<Sheet>, Problem> {
        if names.iter().any(|n| n == name) {
            sheet(&mut book, name)
                .map(Some)
                .map_err(|e| whole(name, e.to_string()))
        } else {
            Ok(None)
        }
    };
    let items = get(ITEMS_SHEET)?;
    let kpis = get(KPIS_SHEET)?;
    Ok(Opened {
        request,
        period,
        to,
        sent,
        items,
        kpis,
    })
}

/// A status cell: the plan's label or a key; blank is `None`.
pub fn status(info: &PlanInfo, d: &Data) -> Result<Option<StatusKind>, Unreadable> {
    let t = text(d);
    if t.is_empty() {
        return Ok(None);
    }
    crate::model::fields::parse_status(info, &t).map(Some)
}

/// A number cell; blank is `None`.
pub fn number(d: &Data) -> Result<Option<f64>, Unreadable> {
    match d {
        Data::Empty => Ok(None),
        Data::Float(f) if f.is_finite() => Ok(Some(*f)),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::String(s) => crate::model::fields::parse_number(s),
        other => Err(Unreadable::Number { text: text(other) }),
    }
}

/// A percent-complete cell: 0–100, or a cell Excel shows as a percentage
/// (45% is stored as 0.45); blank is `None`.
pub fn percent(sheet: &Sheet, row: u32, col: u16) -> Result<Option<f64>, Unreadable> {
    let d = sheet.get(row, col);
    let v = match d {
        Data::String(s) if s.trim().ends_with('%') => crate::model::fields::parse_number(s)?,
        _ => number(d)?.map(|v| {
            if sheet.is_percent(row, col) {
                v * 100.0
            } else {
                v
            }
        }),
    };
    match v {
        Some(p) if !(0.0..=100.0).contains(&p) => Err(Unreadable::Percent { value: p }),
        _ => Ok(v),
    }
}

/// A date cell: a spreadsheet date, or text as YYYY-MM-DD; blank is `None`.
pub fn date(d: &Data) -> Result<Option<NaiveDate>, Unreadable> {
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day))
                .map(Some)
                .ok_or_else(|| Unreadable::Date { text: text(d) })
        }
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
            .map(Some)
            .ok_or_else(|| Unreadable::Date { text: s.clone() }),
        Data::String(s) => crate::model::fields::parse_date(s),
        other => Err(Unreadable::Date { text: text(other) }),
    }
}

/// A text cell, trimmed.
pub fn note(d: &Data) -> String {
    text(d)
}
