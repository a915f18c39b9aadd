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

/// A noun's plural, for counts and headings: "Key initiative" → "Key
/// initiatives", "Strategy" → "Strategies", "Focus area" → "Focus areas";
/// a word already ending in s is kept ("Goals").
pub fn plural(word: &str) -> String {
    if word.ends_with('s') {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    }
}

/// A plural noun's singular: "Strategies" → "Strategy", "Focus areas" →
/// "Focus area", "Goals" → "Goal"; a singular word is kept.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") || word.ends_with("us") {
        word.to_owned()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

/// A count with its noun, singular or plural by the count: "1 strategy",
/// "2 strategies", "1 focus area", "0 KPIs". The one place counts are
/// worded.
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {}", singular(word))
    } else {
        format!("{n} {}", plural(&singular(word)))
    }
}

#[cfg(test)]
mod counting {
    use super::*;

    #[test]
    fn counts_take_the_right_form_of_the_noun() {
        assert_eq!(count(1, "strategies"), "1 strategy");
        assert_eq!(count(2, "strategy"), "2 strategies");
        assert_eq!(count(1, "focus areas"), "1 focus area");
        assert_eq!(count(3, "focus area"), "3 focus areas");
        assert_eq!(count(1, "key initiatives"), "1 key initiative");
        assert_eq!(count(0, "KPI"), "0 KPIs");
        assert_eq!(count(1, "status"), "1 status");
        assert_eq!(count(2, "day"), "2 days");
    }
}
