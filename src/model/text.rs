//! How figures read as text, in one place for the window, the command
//! line, report cards and minutes: percentages, KPI values and dates.

use chrono::NaiveDate;

/// The mark printed beside a figure a person set by hand instead of the
/// roll-up rule: in the window, on every card page and in the HTML.
pub const OVERRIDE_MARK: &str = "✎";

/// The legend line for [`OVERRIDE_MARK`].
pub const OVERRIDE_LEGEND: &str = "✎ override: a person set this figure by hand instead of the roll-up rule; the appendix lists who, when, why, the value set and the value it replaced.";

/// "62%", or "—" when unknown.
pub fn percent_text(p: Option<f64>) -> String {
    p.map_or_else(|| "—".into(), |p| format!("{p:.0}%"))
}

/// A KPI value: up to two decimals, trailing zeros dropped; "missing" when
/// absent.
pub fn value_text(v: Option<f64>) -> String {
    match v {
        None => "missing".into(),
        Some(v) => {
            let s = format!("{v:.2}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            s.to_owned()
        }
    }
}

/// "30 June 2024".
pub fn date_text(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Text compared loosely: runs of white space as one space, lower case
/// (matching titles and headers as people retype them).
pub fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
