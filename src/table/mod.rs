//! Spreadsheets in and out: a plan or KPI measurements imported from a CSV
//! file or a spreadsheet sheet, and the plan, its initiatives and its
//! measurements exported to `.xlsx` or CSV.
//!
//! Reading is in three steps, so nothing is written until the whole table
//! has been understood:
//! 1. [`read`] decodes the file (CSV in any of the encodings and dialects
//!    Excel writes, or a sheet of an `.xlsx`/`.xls`/`.ods` workbook) into a
//!    [`Grid`] of cells with a header row;
//! 2. [`plan_import::prepare`] or [`measurements_import::prepare`] maps the
//!    columns, reads every cell and reports every cell it cannot read by
//!    row and column;
//! 3. the result is the payload of one [`crate::command::Command`], which
//!    the workbench applies in one transaction (one undoable edit). The
//!    window's preview is the same command applied to a copy of the plan.

pub mod cell;
mod cell_error;
pub mod code;
pub mod export;
mod export_error;
pub mod header;
mod map_error;
pub mod measurements_import;
pub mod naming;
pub mod periods;
pub mod plan_import;
pub mod preview;
pub mod read;
pub mod value;
pub mod value_map;

pub use crate::model::text::normalize;
pub use cell_error::CellError;
pub use export_error::ExportError;
pub use map_error::{MapError, VALUE_EXAMPLE};
pub use read::{Cell, Grid, Row};

/// One thing wrong with a table, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The row as a spreadsheet program numbers it (the header is row 1 in
    /// most files).
    pub row: Option<usize>,
    /// The column as `C (Status)`: its letter and its header.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, column {c}: {}", self.message),
            (Some(r), None) => write!(f, "row {r}: {}", self.message),
            (None, Some(c)) => write!(f, "column {c}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

/// Why a table was not imported: every problem found, by row and column.
/// Nothing was written.
#[derive(Clone, Debug, PartialEq)]
pub struct TableError {
    /// The file's name.
    pub source: String,
    pub problems: Vec<Problem>,
    /// Problems found beyond [`MAX_PROBLEMS`].
    pub more: usize,
}

impl TableError {
    /// A table error with one problem that has no place in the table.
    pub fn whole(source: &str, message: impl Into<String>) -> Self {
        Self {
            source: source.to_owned(),
            problems: vec![Problem {
                row: None,
                column: None,
                message: message.into(),
            }],
            more: 0,
        }
    }
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.problems.len() + self.more;
        write!(
            f,
            "{} was not imported ({n} problem{}; nothing was written):",
            self.source,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        if self.more > 0 {
            write!(f, "\n  … and {} more", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for TableError {}

/// Collects problems up to [`MAX_PROBLEMS`].
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    pub fn push(
        &mut self,
        row: Option<usize>,
        column: Option<String>,
        message: impl std::fmt::Display,
    ) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem {
                row,
                column,
                message: message.to_string(),
            });
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `Ok(value)` when no problem was found, else the error.
    pub fn finish<T>(self, source: &str, value: T) -> Result<T, TableError> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(TableError {
                source: source.to_owned(),
                problems: self.list,
                more: self.more,
            })
        }
    }
}

/// A spreadsheet column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`; the
/// one spelling for every message and sheet (rust_xlsxwriter's).
pub fn column_letter(index: usize) -> String {
    rust_xlsxwriter::column_number_to_name(u16::try_from(index).unwrap_or(u16::MAX))
}

/// A title or name compared the way people mean it: case, repeated spaces
/// and surrounding spaces do not matter.
/// Reads one `--map HEADER=ROLE` entry: the column it names and its new
/// role. `parse` reads a role name; `names` lists them for the message;
/// `example` shows the form.
pub fn map_entry<R>(
    headers: &[String],
    entry: &str,
    parse: impl Fn(&str) -> Option<R>,
    names: &[&str],
    example: &'static str,
) -> Result<(usize, R), MapError> {
    let Some((header, role)) = entry.rsplit_once('=') else {
        return Err(MapError::RoleForm {
            entry: entry.to_owned(),
            example,
        });
    };
    let Some(col) = headers
        .iter()
        .position(|h| normalize(h) == normalize(header))
    else {
        return Err(MapError::NoColumn {
            entry: entry.to_owned(),
            header: header.to_owned(),
            columns: headers.join(", "),
        });
    };
    let Some(role) = parse(role) else {
        return Err(MapError::NotARole {
            entry: entry.to_owned(),
            role: role.to_owned(),
            roles: names.join(", "),
        });
    };
    Ok((col, role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn problems_name_row_and_column() {
        let p = Problem {
            row: Some(7),
            column: Some("C (Status)".into()),
            message: "bad".into(),
        };
        assert_eq!(p.to_string(), "row 7, column C (Status): bad");
    }

    #[test]
    fn normalize_ignores_case_and_spacing() {
        assert_eq!(
            normalize("  Modernize/overhaul  Phoenix.gov and search "),
            normalize("Modernize/overhaul phoenix.gov and search")
        );
    }
}
