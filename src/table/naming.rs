//! Naming a blank plan from the sheet it is imported from: the title rows
//! above the header ("City of Example Action Tracker 2024–2028") give the
//! organisation and the title, a year range there (or else the start and
//! due dates of the rows) the timeframe. It is only a proposal: the
//! command line applies it with `--name-plan`, the window shows it in
//! fields to edit first.

use crate::model::PlanInfo;
use crate::model::fields::ItemField;

use super::plan_import::{PlanNaming, PlanTable};
use super::read::Grid;

/// Words that start an organisation's name ("City of …").
const PLACES: [&str; 8] = [
    "city of",
    "town of",
    "county of",
    "village of",
    "state of",
    "city and county of",
    "borough of",
    "township of",
];

/// Words that end an organisation's name and start the title.
const TITLE_WORDS: [&str; 14] = [
    "strategic",
    "technology",
    "it",
    "information",
    "digital",
    "action",
    "plan",
    "tracker",
    "project",
    "projects",
    "initiative",
    "initiatives",
    "department",
    "office",
];

fn is_year(word: &str) -> Option<i32> {
    let w = word
        .trim_start_matches("FY")
        .trim_start_matches("fy")
        .trim_matches(|c: char| !c.is_ascii_digit());
    (w.len() == 4)
        .then(|| w.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// A year range in a title: "2024–2028", "2024-2028", "FY2024 – FY2028",
/// "2024 to 2028"; the text without it.
fn year_range(text: &str) -> Option<(i32, i32, String)> {
    let spaced = text.replace(['–', '—'], " - ").replace('-', " - ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    for i in 0..words.len() {
        let Some(a) = is_year(words[i]) else {
            continue;
        };
        let sep = words.get(i + 1).copied().unwrap_or_default();
        if matches!(sep, "-" | "to" | "through")
            && let Some(b) = words.get(i + 2).and_then(|w| is_year(w))
            && b >= a
        {
            let rest: Vec<&str> = words[..i].iter().chain(&words[i + 3..]).copied().collect();
            return Some((a, b, tidy(&rest.join(" "))));
        }
    }
    None
}

/// Drops dangling separators left where a range was.
fn tidy(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| matches!(c, '-' | ':' | ',' | '(' | ')') || c.is_whitespace())
        .replace(" ( )", "")
        .replace("()", "")
        .trim()
        .to_owned()
}

/// Splits "City of Example Action Tracker" into organisation and title.
fn organisation_and_title(text: &str) -> (Option<String>, String) {
    let lower = text.to_lowercase();
    let Some(place) = PLACES
        .iter()
        .filter(|p| lower.starts_with(*p))
        .max_by_key(|p| p.len())
    else {
        return (None, text.trim().to_owned());
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let skip = place.split_whitespace().count();
    let end = (skip..words.len())
        .find(|&i| {
            let w = words[i].to_lowercase();
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            TITLE_WORDS.contains(&w) || is_year(w).is_some()
        })
        .unwrap_or(words.len());
    if end <= skip {
        return (None, text.trim().to_owned());
    }
    let organisation = words[..end]
        .join(" ")
        .trim_end_matches([',', ':', '-', '–'])
        .to_owned();
    let title = tidy(&words[end..].join(" "));
    (Some(organisation), title)
}

/// The years of the table's start and due dates: earliest, latest.
fn date_years(table: &PlanTable) -> Option<(i32, i32)> {
    let years: Vec<i32> = table
        .rows
        .iter()
        .flat_map(|r| &r.fields)
        .filter(|f| matches!(f.field, ItemField::Start | ItemField::Due))
        .filter_map(|f| f.text.get(..4).and_then(|y| y.parse().ok()))
        .collect();
    Some((*years.iter().min()?, *years.iter().max()?))
}

/// What the sheet proposes for a blank plan, and what each part rests on;
/// `None` when the sheet has no title rows and no dates.
pub fn propose(grid: &Grid, table: &PlanTable, blank: &PlanInfo) -> Option<(PlanNaming, String)> {
    let title_line = grid.title_rows.first().map(|t| t.replace('\n', " "));
    let range = grid.title_rows.iter().find_map(|t| year_range(t));
    let dates = date_years(table);
    if title_line.is_none() && dates.is_none() {
        return None;
    }
    let mut rests = Vec::new();
    let (mut organisation, mut title) = (blank.organisation.clone(), blank.title.clone());
    if let Some(line) = &title_line {
        let line = year_range(line).map_or_else(|| line.clone(), |(_, _, rest)| rest);
        let (org, rest) = organisation_and_title(&line);
        if let Some(org) = org {
            organisation = org;
        }
        if !rest.is_empty() {
            title = rest;
        }
        rests.push(format!("the sheet's title {:?}", grid.title_rows[0]));
    }
    let (start_year, end_year) = if let Some((a, b, _)) = range {
        (a, b)
    } else if let Some((a, b)) = dates {
        rests.push("the years of the start and due dates".to_owned());
        (a, b)
    } else {
        (blank.start_year, blank.end_year)
    };
    Some((
        PlanNaming {
            organisation,
            title,
            start_year,
            end_year,
        },
        rests.join(" and "),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_gives_organisation_title_and_timeframe() {
        assert_eq!(
            organisation_and_title("City of Example Action Tracker"),
            (Some("City of Example".into()), "Action Tracker".into())
        );
        assert_eq!(
            organisation_and_title("City of Fort Collins IT Strategic Plan"),
            (
                Some("City of Fort Collins".into()),
                "IT Strategic Plan".into()
            )
        );
        assert_eq!(
            organisation_and_title("Smart Region Tracker"),
            (None, "Smart Region Tracker".into())
        );
        assert_eq!(
            year_range("Strategic Technology Plan 2024–2028"),
            Some((2024, 2028, "Strategic Technology Plan".into()))
        );
        assert_eq!(
            year_range("Plan (FY2024 - FY2028)"),
            Some((2024, 2028, "Plan".into()))
        );
        assert_eq!(year_range("Plan 2028–2024"), None);
        assert_eq!(year_range("Budget 2025"), None);
    }
}
