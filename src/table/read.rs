//! Decoding a table file into a [`Grid`]: a header row and data rows of
//! cells, with the row numbers a spreadsheet program would show.
//!
//! CSV files are read as real programs write them: UTF-8 with or without a
//! byte-order mark, UTF-16 (Excel's "Unicode text"), or Windows-1252 (older
//! Excel on Windows) when the bytes are not UTF-8; CRLF or LF line ends;
//! quoted fields holding separators, quotes and line breaks; comma,
//! semicolon (European Excel) or tab separators, found from the header
//! line, and Excel's `sep=;` first line. Spreadsheets (`.xlsx`, `.xlsm`,
//! `.xlsb`, `.xls`, `.ods`) are read with calamine, keeping each cell's
//! type: numbers, dates, text, and whether a number is formatted as a
//! percentage. Entirely empty rows and trailing empty columns are dropped.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader as _};
use chrono::NaiveDate;

pub use super::cell::Cell;
use super::{Problems, TableError, column_letter};

pub use super::cell::Row;

/// A decoded table: header names and data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// The file's name, for messages.
    pub source: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The spreadsheet column index of the first column (a sheet's data
    /// can start at column C).
    pub first_column: usize,
    /// Numbers are written with a decimal comma (`1.234,5`): set for
    /// semicolon-separated files, as European Excel writes them.
    pub decimal_comma: bool,
    /// How the file was read, for the preview: encoding, separator, sheet.
    pub notes: Vec<String>,
    /// The text of the rows above the header (a sheet's title, a date
    /// line), top first: what the plan may be named from.
    pub title_rows: Vec<String>,
    /// The row number of the header row.
    pub header_row: usize,
}

impl Grid {
    /// A column as `C (Status)`.
    pub fn column_name(&self, index: usize) -> String {
        let letter = column_letter(self.first_column + index);
        match self.headers.get(index) {
            Some(h) if !h.is_empty() => format!("{letter} ({h})"),
            _ => letter,
        }
    }
}

/// Kinds of file [`read_bytes`] understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Csv,
    Workbook,
}

fn kind_of(bytes: &[u8]) -> Kind {
    // Zip (xlsx, xlsm, xlsb, ods) or OLE compound file (xls).
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Kind::Workbook
    } else {
        Kind::Csv
    }
}

/// Reads a table file. `sheet` picks a sheet of a workbook by name; without
/// it the first sheet whose name is in `preferred` (any case) is read, or
/// else the first sheet. CSV files have no sheets and ignore both.
pub fn read_path(path: &Path, sheet: Option<&str>, preferred: &[&str]) -> Result<Grid, TableError> {
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(path).map_err(|e| {
        TableError::whole(&source, format!("could not read {}: {e}", path.display()))
    })?;
    read_bytes(&bytes, &source, sheet, preferred)
}

/// Reads a table from its bytes; see [`read_path`].
pub fn read_bytes(
    bytes: &[u8],
    source: &str,
    sheet: Option<&str>,
    preferred: &[&str],
) -> Result<Grid, TableError> {
    match kind_of(bytes) {
        Kind::Csv => read_csv(bytes, source),
        Kind::Workbook => read_workbook(bytes, source, sheet, preferred),
    }
}

/// Decodes CSV bytes to text and says which encoding was used.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(t) => (t.to_owned(), "UTF-8 with byte-order mark"),
            Err(_) => (
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(rest)
                    .0
                    .into_owned(),
                "Windows-1252 (after a UTF-8 byte-order mark)",
            ),
        };
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
        return (text.into_owned(), "UTF-16");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
        return (text.into_owned(), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_owned(), "UTF-8"),
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            "Windows-1252",
        ),
    }
}

/// The separator of the first record: the most frequent of comma,
/// semicolon and tab outside quotes (comma on a tie).
fn sniff_separator(text: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).fold(0, |b, i| if counts[i] > counts[b] { i } else { b });
    [b',', b';', b'\t'][best]
}

fn separator_name(sep: u8) -> &'static str {
    match sep {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

fn read_csv(bytes: &[u8], source: &str) -> Result<Grid, TableError> {
    let (text, encoding) = decode(bytes);
    let mut notes = vec![format!("read as {encoding}")];
    let mut body = text.as_str();
    // Excel's "sep=;" line names the separator and is not part of the table.
    let mut separator = None;
    if let Some(first) = body.lines().next() {
        let f = first.trim();
        if f.len() == 5 && f.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sep=")) {
            separator = f.as_bytes().get(4).copied();
            body = body[first.len()..].trim_start_matches(['\r', '\n']);
        }
    }
    let separator = separator.unwrap_or_else(|| sniff_separator(body));
    notes.push(format!("{} separated", separator_name(separator)));
    let decimal_comma = separator == b';';
    if decimal_comma {
        notes.push("numbers read with a decimal comma (1.234,5)".into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut problems = Problems::default();
    // The csv reader skips blank lines, which a spreadsheet program shows
    // as empty rows (a blank line under a title): they are counted from
    // where each record ends, so rows keep the numbers people see.
    let mut record = csv::StringRecord::new();
    let (mut index, mut blank_lines) = (0usize, 0usize);
    let mut expected_line: u64 = 1;
    loop {
        let before = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let breaks = u64::try_from(
                    record
                        .iter()
                        .map(|f| f.matches('\n').count())
                        .sum::<usize>(),
                )
                .unwrap_or(0);
                // The reader's line is the one after the record's end
                // (unless the file ends without a line break).
                let start = reader
                    .position()
                    .line()
                    .saturating_sub(1 + breaks)
                    .max(expected_line);
                blank_lines += usize::try_from(start - expected_line).unwrap_or(0);
                expected_line = start + breaks + 1;
                rows.push(Row {
                    number: index + 1 + blank_lines,
                    cells: record.iter().map(Cell::text).collect(),
                });
            }
            Err(e) => {
                problems.push(
                    Some(index + 1 + blank_lines),
                    None,
                    format!("cannot be read as CSV: {e}"),
                );
                if reader.position().byte() == before {
                    break;
                }
                expected_line = reader.position().line().max(expected_line);
            }
        }
        index += 1;
    }
    // The csv reader takes an unclosed quote to run to the end of the
    // file; an odd number of quote characters shows it happened.
    if body.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        let at = rows
            .iter()
            .rev()
            .find(|r| {
                r.cells
                    .iter()
                    .any(|c| matches!(c, Cell::Text(t) if t.contains('\n')))
            })
            .or(rows.last())
            .map(|r| r.number);
        problems.push(
            at,
            None,
            "a quoted field opened here is never closed (a \" is missing), so the rest of the file would be read as one cell",
        );
    }
    problems.finish(source, ())?;
    finish(rows, source, 0, decimal_comma, notes)
}

/// Whether a number format shows a percentage: a `%` outside quoted text,
/// escapes and bracketed sections.
fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    let mut quoted = false;
    let mut bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

fn read_workbook(
    bytes: &[u8],
    source: &str,
    sheet: Option<&str>,
    preferred: &[&str],
) -> Result<Grid, TableError> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
            TableError::whole(
                source,
                format!("is not a spreadsheet Cairn can read (.xlsx, .xls, .ods): {e}"),
            )
        })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| {
                TableError::whole(
                    source,
                    format!(
                        "has no sheet named {wanted:?}; its sheets are {}",
                        names.join(", ")
                    ),
                )
            })?,
        None => preferred
            .iter()
            .find_map(|p| names.iter().find(|n| n.trim().eq_ignore_ascii_case(p)))
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| TableError::whole(source, "has no sheets"))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| TableError::whole(source, format!("sheet {name:?} cannot be read: {e}")))?;
    // Styles only tell percentages apart; a file without them still reads.
    let styles = book.worksheet_style(&name).unwrap_or_default();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (i, data) in range.rows().enumerate() {
        let abs_row = r0 as usize + i;
        let cells = data
            .iter()
            .enumerate()
            .map(|(j, d)| {
                let pos = (
                    u32::try_from(abs_row).unwrap_or(u32::MAX),
                    c0 + u32::try_from(j).unwrap_or(0),
                );
                let percent = || {
                    styles
                        .get(pos)
                        .and_then(|s| s.number_format.as_ref())
                        .is_some_and(|f| is_percent_format(&f.format_code))
                };
                match d {
                    Data::Empty => Cell::Empty,
                    Data::String(s) => Cell::text(s),
                    Data::Int(n) => Cell::Number {
                        value: *n as f64,
                        percent: percent(),
                    },
                    Data::Float(f) => Cell::Number {
                        value: *f,
                        percent: percent(),
                    },
                    Data::Bool(b) => Cell::Bool(*b),
                    Data::DateTime(dt) if dt.is_datetime() => {
                        let (y, m, d, ..) = dt.to_ymd_hms_milli();
                        NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)).map_or(
                            Cell::Number {
                                value: dt.as_f64(),
                                percent: false,
                            },
                            Cell::Date,
                        )
                    }
                    Data::DateTime(dt) => Cell::Number {
                        value: dt.as_f64(),
                        percent: false,
                    },
                    Data::DateTimeIso(s) => s
                        .get(..10)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .map_or_else(|| Cell::text(s), Cell::Date),
                    Data::DurationIso(s) => Cell::text(s),
                    Data::Error(e) => Cell::Error(format!("{e}")),
                }
            })
            .collect();
        rows.push(Row {
            number: abs_row + 1,
            cells,
        });
    }
    let notes = vec![format!("sheet {name:?}")];
    finish(rows, source, c0 as usize, false, notes)
}

/// Drops empty rows and trailing empty columns, finds the header row
/// ([`super::header::find`]: the first row, or the first row that looks
/// like a header below title rows) and checks the header names.
fn finish(
    rows: Vec<Row>,
    source: &str,
    first_column: usize,
    decimal_comma: bool,
    notes: Vec<String>,
) -> Result<Grid, TableError> {
    let mut rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(TableError::whole(
            source,
            "is empty: there is no header row and no data",
        ));
    }
    let at = super::header::find(&rows);
    let title_rows: Vec<String> = rows
        .drain(..at)
        .map(|r| super::header::title_text(&r))
        .collect();
    let header = rows.remove(0);
    let mut notes = notes;
    if at > 0 {
        notes.push(format!(
            "the header is row {} (the rows above it are the title)",
            header.number
        ));
    }
    let width = std::iter::once(&header)
        .chain(rows.iter())
        .map(|r| {
            r.cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |p| p + 1)
        })
        .max()
        .unwrap_or(0);
    let headers: Vec<String> = (0..width)
        .map(|i| header.cells.get(i).map(Cell::display).unwrap_or_default())
        .collect();
    let mut grid = Grid {
        source: source.to_owned(),
        headers,
        rows: Vec::new(),
        first_column,
        decimal_comma,
        notes,
        title_rows,
        header_row: header.number,
    };
    let mut problems = Problems::default();
    for (i, h) in grid.headers.iter().enumerate() {
        if h.is_empty() {
            if let Some(r) = rows
                .iter()
                .find(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()))
            {
                problems.push(
                    Some(r.number),
                    Some(column_letter(first_column + i)),
                    format!(
                        "the column has values but no header in row {}; name it or clear it",
                        header.number
                    ),
                );
            }
            continue;
        }
        if let Some(j) = grid.headers[..i]
            .iter()
            .position(|o| super::normalize(o) == super::normalize(h))
        {
            problems.push(
                Some(header.number),
                Some(grid.column_name(i)),
                format!(
                    "the header {h:?} is also used by column {}; each column needs its own name",
                    column_letter(first_column + j)
                ),
            );
        }
    }
    if rows.is_empty() {
        problems.push(
            Some(header.number),
            None,
            "the table has a header row but no data rows",
        );
    }
    grid.rows = rows
        .into_iter()
        .map(|mut r| {
            r.cells.resize(width, Cell::Empty);
            r
        })
        .collect();
    problems.finish(source, grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_are_told_from_literal_percent_signs() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.00%"));
        assert!(!is_percent_format("0\"%\""));
        assert!(!is_percent_format("0\\%"));
        assert!(!is_percent_format("yyyy-mm-dd"));
    }

    #[test]
    fn blank_lines_keep_the_row_numbers_a_spreadsheet_shows() {
        let grid = read_bytes(
            b"City of Example Action Tracker\n\nGoal,Project\nA,\"two\nlines\"\n\nB,C\n",
            "t.csv",
            None,
            &[],
        )
        .expect("read");
        assert_eq!(grid.header_row, 3);
        assert_eq!(grid.title_rows, ["City of Example Action Tracker"]);
        let numbers: Vec<usize> = grid.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [4, 6]);
    }

    #[test]
    fn separators_are_sniffed_outside_quotes() {
        assert_eq!(sniff_separator("a;b;\"c,d,e\"\n1,2"), b';');
        assert_eq!(sniff_separator("a,b,c\n"), b',');
        assert_eq!(sniff_separator("a\tb\n"), b'\t');
        assert_eq!(sniff_separator("single\n"), b',');
    }
}
