//! Reading numbers and dates from cells as real spreadsheets hold them:
//! thousands separators, decimal commas, currency and percent signs,
//! accounting negatives, dates as text in the usual orders or as Excel
//! serial numbers.

use chrono::{Datelike as _, NaiveDate};

use super::cell::{Cell, round};
use crate::model::Unreadable;

pub use crate::model::numbers::parse_number_text;

/// A cell as a number. A percentage-formatted spreadsheet number (0.45
/// shown as 45%) is read as the percentage shown (45).
pub fn number(cell: &Cell, decimal_comma: bool) -> Result<Option<f64>, Unreadable> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number { value, percent } => Ok(Some(if *percent {
            round(value * 100.0)
        } else {
            *value
        })),
        Cell::Text(t) => parse_number_text(t, decimal_comma),
        Cell::Date(d) => Err(Unreadable::DateForNumber {
            shown: d.to_string(),
        }),
        Cell::Bool(b) => Err(Unreadable::CellNotNumber {
            shown: if *b { "TRUE" } else { "FALSE" }.into(),
        }),
        Cell::Error(e) => Err(Unreadable::SpreadsheetError { code: e.clone() }),
    }
}

use crate::model::dates::numeric_parts;
pub use crate::model::dates::{DATE_HINT, DateOrder, excel_serial_date, parse_date_text};

/// Decides how a column's numeric dates are ordered: by a date that can
/// only be read one way (13/04/2025), else dotted dates and decimal-comma
/// files are day first and the rest month first.
pub fn infer_date_order<'a>(
    cells: impl Iterator<Item = &'a Cell>,
    decimal_comma: bool,
) -> DateOrder {
    let mut dotted = false;
    for c in cells {
        if let Cell::Text(t) = c
            && let Some((a, b, _, sep)) = numeric_parts(t.split_whitespace().next().unwrap_or(""))
        {
            dotted |= sep == '.';
            if a > 12 && b <= 12 {
                return DateOrder::DayFirst;
            }
            if b > 12 && a <= 12 {
                return DateOrder::MonthFirst;
            }
        }
    }
    if dotted || decimal_comma {
        DateOrder::DayFirst
    } else {
        DateOrder::MonthFirst
    }
}

/// A cell as a date: a spreadsheet date, an Excel serial number, or text.
pub fn date(cell: &Cell, order: DateOrder) -> Result<Option<NaiveDate>, Unreadable> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number { value, .. } => {
            excel_serial_date(*value)
                .map(Some)
                .ok_or_else(|| Unreadable::CellNotDate {
                    shown: value.to_string(),
                })
        }
        Cell::Text(t) => parse_date_text(t, order),
        Cell::Bool(_) => Err(Unreadable::CellNotDate {
            shown: cell.display(),
        }),
        Cell::Error(e) => Err(Unreadable::SpreadsheetError { code: e.clone() }),
    }
}

/// A year written alone (`2024`), for periods named after fiscal years.
pub fn year_of(cell: &Cell) -> Option<i32> {
    let y = match cell {
        Cell::Number {
            value,
            percent: false,
        } if value.fract() == 0.0 => {
            let y = *value as i64;
            i32::try_from(y).ok()?
        }
        Cell::Text(t) => t.trim().parse().ok()?,
        Cell::Date(d) => return Some(d.year()),
        _ => return None,
    };
    (1900..=2200).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> Option<f64> {
        parse_number_text(t, false).expect("number")
    }
    fn eu(t: &str) -> Option<f64> {
        parse_number_text(t, true).expect("number")
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn numbers_with_separators_signs_and_percent() {
        assert_eq!(n("1,234,567.50"), Some(1_234_567.5));
        assert_eq!(n("$1,200"), Some(1200.0));
        assert_eq!(n("45%"), Some(45.0));
        assert_eq!(n(" 12.5 % "), Some(12.5));
        assert_eq!(n("(1,500)"), Some(-1500.0));
        assert_eq!(n("-3.25"), Some(-3.25));
        assert_eq!(n("1.234.567,5"), Some(1_234_567.5));
        assert_eq!(n("12,5"), Some(12.5));
        assert_eq!(n(""), None);
        assert_eq!(eu("1.234,5"), Some(1234.5));
        assert_eq!(eu("1,500"), Some(1.5));
        assert_eq!(eu("1.500"), Some(1500.0));
        assert_eq!(eu("1 234 567,50 €"), Some(1_234_567.5));
        assert_eq!(eu("87,5%"), Some(87.5));
        assert!(parse_number_text("12 apples", false).is_err());
        assert!(parse_number_text("1,2,3", false).is_err());
        assert!(parse_number_text("1.2.3", false).is_err());
        assert!(parse_number_text("(", false).is_err());
        assert!(parse_number_text("()", false).is_err());
        assert!(parse_number_text("%", false).is_err());
    }

    #[test]
    fn percent_formatted_cells_read_as_shown() {
        let c = Cell::Number {
            value: 0.45,
            percent: true,
        };
        assert_eq!(number(&c, false), Ok(Some(45.0)));
    }

    #[test]
    fn dates_in_many_spellings() {
        let us = DateOrder::MonthFirst;
        let eu = DateOrder::DayFirst;
        assert_eq!(parse_date_text("2025-06-30", us), Ok(Some(d(2025, 6, 30))));
        assert_eq!(
            parse_date_text("2025-06-30T00:00:00", us),
            Ok(Some(d(2025, 6, 30)))
        );
        assert_eq!(parse_date_text("6/30/2025", us), Ok(Some(d(2025, 6, 30))));
        assert_eq!(parse_date_text("30.06.2025", eu), Ok(Some(d(2025, 6, 30))));
        assert_eq!(parse_date_text("30 Jun 2025", us), Ok(Some(d(2025, 6, 30))));
        assert_eq!(
            parse_date_text("June 30, 2025", us),
            Ok(Some(d(2025, 6, 30)))
        );
        assert_eq!(parse_date_text("45838", us), Ok(Some(d(2025, 6, 30))));
        assert!(parse_date_text("30/06/2025", us).is_err());
        assert!(parse_date_text("2025", us).is_err());
        assert!(parse_date_text("soon", us).is_err());
    }

    #[test]
    fn excel_serials_use_the_1900_system() {
        assert_eq!(excel_serial_date(45_473.0), Some(d(2024, 6, 30)));
        assert_eq!(excel_serial_date(36_526.0), Some(d(2000, 1, 1)));
        assert_eq!(excel_serial_date(2024.0), None);
    }

    #[test]
    fn date_order_comes_from_unambiguous_dates() {
        let cells = [Cell::text("03/04/2025"), Cell::text("13/04/2025")];
        assert_eq!(infer_date_order(cells.iter(), false), DateOrder::DayFirst);
        let cells = [Cell::text("03/04/2025")];
        assert_eq!(infer_date_order(cells.iter(), false), DateOrder::MonthFirst);
        assert_eq!(infer_date_order(cells.iter(), true), DateOrder::DayFirst);
    }
}
