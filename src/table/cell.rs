//! One cell of a table as read from a CSV file or a spreadsheet, and how a
//! person would read it back.

use chrono::NaiveDate;

/// Rounds away the noise of binary fractions (0.45 × 100 is
/// 45.00000000000001): twelve significant decimals are kept.
pub fn round(value: f64) -> f64 {
    let r = (value * 1e9).round() / 1e9;
    if r == 0.0 { 0.0 } else { r }
}

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    /// Text as written (trimmed). Every CSV cell is text.
    Text(String),
    /// A number from a spreadsheet; `percent` when the cell is formatted
    /// as a percentage (0.45 shown as 45%).
    Number {
        value: f64,
        percent: bool,
    },
    /// A date from a spreadsheet (a date-formatted serial number).
    Date(NaiveDate),
    Bool(bool),
    /// A spreadsheet error value such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// A text cell, or `Empty` for blank text. Line breaks inside the
    /// text are kept, as `\n` whatever the file used.
    pub fn text(s: &str) -> Self {
        let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if t.is_empty() {
            Self::Empty
        } else if t.contains('\r') {
            Self::Text(t.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Self::Text(t.to_owned())
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Empty)
    }

    /// The cell as a person would read it.
    pub fn display(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(t) | Self::Error(t) => t.clone(),
            Self::Number { value, percent } => {
                if *percent {
                    format!("{}%", round(value * 100.0))
                } else {
                    value.to_string()
                }
            }
            Self::Date(d) => d.to_string(),
            Self::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        }
    }
}

/// One data row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row number a spreadsheet program shows (1-based).
    pub number: usize,
    /// One cell per header.
    pub cells: Vec<Cell>,
}
