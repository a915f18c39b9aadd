//! Dates as people type them: ISO (`2025-06-30`), numeric in the plan's
//! order (`6/30/2025` in the United States, `30/06/2025` elsewhere), with
//! a month name (`30 Jun 2025`, `June 30, 2025`) or an Excel serial. The
//! spreadsheet importer and the window's date fields read dates with these
//! functions, and every date is shown back as ISO, which reads one way.

use chrono::NaiveDate;

use super::Unreadable;

/// How numeric dates such as `03/04/2025` are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// 03/04/2025 is March 4 (United States).
    MonthFirst,
    /// 03/04/2025 is 3 April (Europe; dates with dots).
    DayFirst,
}

/// Day-month-year parts of a numeric date such as `3/4/2025`, `03.04.25`
/// or `3-4-2025`, with the separator.
pub(crate) fn numeric_parts(t: &str) -> Option<(u32, u32, i32, char)> {
    let sep = t.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = t.split(sep).collect();
    if parts.len() != 3 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let a = parts[0].parse().ok()?;
    let b = parts[1].parse().ok()?;
    let year: i32 = match parts[2].len() {
        4 => parts[2].parse().ok()?,
        2 => {
            let y: i32 = parts[2].parse().ok()?;
            if y < 70 { 2000 + y } else { 1900 + y }
        }
        _ => return None,
    };
    Some((a, b, year, sep))
}

/// An Excel serial day number (1900 date system) as a date, for serials
/// from 1950 to 2199 — smaller numbers are more likely years or counts.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(18_264.0..=109_574.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor() as i64;
    epoch.checked_add_signed(chrono::Duration::days(days))
}

pub use super::unreadable::DATE_HINT;

/// Reads a date written as text: ISO (`2025-06-30`, with or without a
/// time), numeric in the column's order (`6/30/2025`, `30.06.2025`),
/// with a month name (`30 Jun 2025`, `June 30, 2025`), or an Excel
/// serial number (`45838`).
pub fn parse_date_text(text: &str, order: DateOrder) -> Result<Option<NaiveDate>, Unreadable> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || Unreadable::Date { text: t.to_owned() };
    // ISO, possibly with a time after it.
    if let Some(head) = t.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
        && (t.len() == 10 || matches!(t.as_bytes()[10], b'T' | b' '))
    {
        return Ok(Some(d));
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y/%m/%d") {
        return Ok(Some(d));
    }
    let first = t.split_whitespace().next().unwrap_or("");
    if let Some((a, b, year, _)) = numeric_parts(first) {
        let (m, d) = match order {
            DateOrder::MonthFirst => (a, b),
            DateOrder::DayFirst => (b, a),
        };
        return NaiveDate::from_ymd_opt(year, m, d)
            .map(Some)
            .ok_or_else(|| {
                let how = match order {
                    DateOrder::MonthFirst => "month/day/year",
                    DateOrder::DayFirst => "day/month/year",
                };
                Unreadable::DateInOrder {
                    text: t.to_owned(),
                    how,
                }
            });
    }
    for fmt in [
        "%d %b %Y",
        "%d-%b-%Y",
        "%d-%b-%y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
        "%B %d %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Ok(Some(d));
        }
    }
    if let Ok(serial) = t.parse::<f64>() {
        return excel_serial_date(serial).map(Some).ok_or_else(bad);
    }
    Err(bad())
}

/// How the plan's language orders numeric dates: month first in the United
/// States (and plain "en"), day first elsewhere.
pub fn order_for_language(tag: &str) -> DateOrder {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    match region.as_deref() {
        Some("US" | "PH" | "CA" | "FM" | "MH" | "PW") => DateOrder::MonthFirst,
        Some(_) => DateOrder::DayFirst,
        None if language == "en" || language.is_empty() => DateOrder::MonthFirst,
        None => DateOrder::DayFirst,
    }
}

/// A date typed in a field, as ISO text ("" when blank), or why it is not
/// a date.
pub fn typed_to_iso(text: &str, order: DateOrder) -> Result<String, Unreadable> {
    Ok(parse_date_text(text, order)?.map_or_else(String::new, |d| d.to_string()))
}

/// A date spelled out beside its ISO form, so it cannot be misread:
/// "Tue 30 Sep 2025".
pub fn long_text(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates_read_as_the_importer_reads_them() {
        let us = order_for_language("en-US");
        assert_eq!(typed_to_iso("9/30/2025", us).as_deref(), Ok("2025-09-30"));
        assert_eq!(typed_to_iso("2025-09-30", us).as_deref(), Ok("2025-09-30"));
        assert_eq!(typed_to_iso("30 Jun 2025", us).as_deref(), Ok("2025-06-30"));
        assert_eq!(
            typed_to_iso("June 30, 2025", us).as_deref(),
            Ok("2025-06-30")
        );
        assert_eq!(typed_to_iso("  ", us).as_deref(), Ok(""));
        let gb = order_for_language("en-GB");
        assert_eq!(typed_to_iso("30/09/2025", gb).as_deref(), Ok("2025-09-30"));
        assert!(typed_to_iso("9/30/2025", gb).is_err(), "no 30th month");
        assert!(typed_to_iso("next Tuesday", us).is_err());
        assert_eq!(order_for_language(""), DateOrder::MonthFirst);
        assert_eq!(order_for_language("es-US"), DateOrder::MonthFirst);
        assert_eq!(order_for_language("fr"), DateOrder::DayFirst);
    }

    #[test]
    fn the_long_form_names_the_month() {
        let d = NaiveDate::from_ymd_opt(2025, 9, 30).expect("date");
        assert_eq!(long_text(d), "Tue 30 Sep 2025");
    }
}
