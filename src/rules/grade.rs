//! The grade rule: what a grade rests on. One place for the window, the
//! command line and every card: whether a not-started item is behind, how
//! much of a branch was graded, and the letter (or "not graded").

use chrono::{Months, NaiveDate};

use crate::model::{Grade, Item, PlanInfo, Term};

/// The last day an item could start and still be on time: its start date,
/// else its due date, else its term's window in the plan's timeframe
/// (short-term: within the rule's years from the plan's first period;
/// long-term: within the plan). `None` when nothing says when it is due.
pub fn start_deadline(info: &PlanInfo, item: &Item) -> Option<NaiveDate> {
    item.start.or(item.due).or_else(|| {
        let first = info.periods.iter().map(|p| p.start).min()?;
        let last = info.periods.iter().map(|p| p.end).max()?;
        match item.term? {
            Term::Short => first
                .checked_add_months(Months::new(12 * info.grading.rule.short_term_years))
                .and_then(|d| d.pred_opt())
                .map(|d| d.min(last)),
            Term::Long => Some(last),
        }
    })
}

/// How much of an item's branch its score rests on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Lowest-level items that could be graded (not cancelled).
    pub gradable: usize,
    /// Of those, the ones that count: reported, or behind.
    pub graded: usize,
    /// KPIs whose status counts.
    pub kpis: usize,
}

impl Coverage {
    pub fn add(&mut self, other: Self) {
        self.gradable += other.gradable;
        self.graded += other.graded;
        self.kpis += other.kpis;
    }

    /// Whether enough was graded for a letter under the plan's rule.
    pub fn enough(&self, info: &PlanInfo) -> bool {
        let share = if self.gradable == 0 {
            if self.kpis > 0 { 100.0 } else { 0.0 }
        } else {
            self.graded as f64 * 100.0 / self.gradable as f64
        };
        (self.graded > 0 || self.kpis > 0) && share >= info.grading.rule.min_coverage
    }

    /// "graded on 58 of 165 initiatives and 9 KPIs".
    pub fn sentence(&self, info: &PlanInfo) -> String {
        let lowest = info
            .level_name(info.levels.len().saturating_sub(1))
            .to_lowercase();
        let mut s = format!(
            "graded on {} of {} {}",
            self.graded,
            self.gradable,
            if self.gradable == 1 {
                lowest
            } else {
                crate::model::text::plural(&lowest)
            }
        );
        if self.kpis > 0 {
            s += &format!(" and {}", crate::model::text::count(self.kpis, "KPI"));
        }
        s
    }
}

/// A grade as the card and the window show it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Graded<'a> {
    /// A letter of the plan's scale.
    Letter(&'a Grade),
    /// Too little was graded for a letter.
    TooFew,
    /// Nothing was graded at all.
    Nothing,
}

impl Graded<'_> {
    pub fn letter(&self) -> Option<&str> {
        match self {
            Self::Letter(g) => Some(g.grade.as_str()),
            _ => None,
        }
    }

    /// The letter, or why there is none, in a few words.
    pub fn short(&self) -> String {
        match self {
            Self::Letter(g) => g.grade.clone(),
            Self::TooFew => "not graded".into(),
            Self::Nothing => "—".into(),
        }
    }
}

/// The grade of a score resting on `coverage`: a letter only when enough
/// of the branch was graded.
pub fn grade<'a>(info: &'a PlanInfo, score: Option<f64>, coverage: &Coverage) -> Graded<'a> {
    match score {
        None => Graded::Nothing,
        Some(_) if !coverage.enough(info) => Graded::TooFew,
        Some(s) => info
            .grading
            .grade_for(Some(s))
            .map_or(Graded::Nothing, Graded::Letter),
    }
}

/// The rule in one sentence, for page 2 and the window.
pub fn rule_sentence(info: &PlanInfo) -> String {
    let rule = &info.grading.rule;
    let lowest = info
        .level_name(info.levels.len().saturating_sub(1))
        .to_lowercase();
    let behind = if rule.count_behind {
        format!(
            "a {lowest} not started that should have started by the period's end (its start date, else its due date, else its term: short-term within {} years of the plan's start) counts as off track; one not yet due is left out",
            rule.short_term_years
        )
    } else {
        format!("{lowest}s not started are left out")
    };
    format!(
        "The grade is the weighted mean of status points of {lowest}s and KPIs; {behind}; below {:.0}% of {lowest}s graded there is no letter.",
        rule.min_coverage
    )
}
