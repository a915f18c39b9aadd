//! The report model: plain data, exactly what a report card prints. Built
//! by [`super::build`], drawn by the PDF and HTML renderers. No egui, no
//! PDF code.

use chrono::NaiveDate;

use crate::model::StatusKind;
pub use crate::model::text::{OVERRIDE_LEGEND, OVERRIDE_MARK, date_text, percent_text, value_text};

/// A status as printed: its kind (for colour and symbol) and the plan's
/// label for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    pub kind: StatusKind,
    pub label: String,
    /// A person set this status by hand: printed with [`OVERRIDE_MARK`].
    pub overridden: bool,
}

impl Chip {
    /// "● On track": the symbol and the word, so colour is never the only
    /// signal; "● On track ✎" when a person set it.
    pub fn text(&self) -> String {
        if self.overridden {
            format!("{} {} {OVERRIDE_MARK}", self.kind.symbol(), self.label)
        } else {
            format!("{} {}", self.kind.symbol(), self.label)
        }
    }
}

/// Which of an item's derived figures a person set by hand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Overridden {
    pub status: bool,
    pub percent: bool,
}

impl Overridden {
    pub fn any(self) -> bool {
        self.status || self.percent
    }
}

/// A percent as printed, with [`OVERRIDE_MARK`] when a person set it.
pub fn marked_percent(p: Option<f64>, overridden: bool) -> String {
    if overridden {
        format!("{} {OVERRIDE_MARK}", percent_text(p))
    } else {
        percent_text(p)
    }
}

/// A figure with its value in the previous period of the same kind, when
/// one is known. `previous` stays `None` until a snapshot of that period
/// exists: no change is ever invented.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figure {
    pub current: Option<f64>,
    pub previous: Option<f64>,
    /// The previous period's label, e.g. "FY2023", if the plan has one.
    pub previous_period: Option<String>,
}

impl Figure {
    /// The change since the previous period, when both are known.
    pub fn change(&self) -> Option<f64> {
        Some(self.current? - self.previous?)
    }
}

/// How many of the lowest-level items are in one status.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusShare {
    pub chip: Chip,
    pub count: usize,
    /// Share of all counted items, 0–100.
    pub percent: f64,
}

/// One row of the "at a glance" table: a goal (or, for a narrower card,
/// a child of the chosen item).
#[derive(Clone, Debug, PartialEq)]
pub struct GlanceRow {
    pub code: String,
    pub title: String,
    pub status: Chip,
    pub grade: Option<String>,
    /// Percent complete, with the previous period's once snapshots exist.
    pub percent: Figure,
    /// Which figures a person overrode (listed in the appendix).
    pub overridden: Overridden,
    /// The status and grade in the compared period, when known.
    pub status_before: Option<String>,
    pub grade_before: Option<String>,
    /// Counts by status of the lowest-level items below it.
    pub shares: Vec<StatusShare>,
}

impl GlanceRow {
    /// The grade then and now ("B → C", "= F"), or just now.
    pub fn grade_text(&self) -> String {
        grade_then_now(self.grade.as_deref(), self.grade_before.as_deref())
    }

    /// The title, and the status it had when that differs: "(was At
    /// risk)".
    pub fn title_text(&self) -> String {
        match &self.status_before {
            Some(b) if *b != self.status.label => format!("{} (was {b})", self.title),
            _ => self.title.clone(),
        }
    }

    /// Percent complete, marked when overridden, and its change on a
    /// second line: "15% ✎\n▲ +11 pts".
    pub fn percent_text(&self) -> String {
        let now = marked_percent(self.percent.current, self.overridden.percent);
        match self.percent.change() {
            Some(c) => format!("{now}\n{}", change_text(c)),
            None => now,
        }
    }
}

/// The period at a glance.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// "The quarter at a glance", by the card's period.
    pub title: String,
    pub grade: Option<String>,
    /// The grade in the compared period, when known ("not graded", "—").
    pub grade_before: Option<String>,
    /// The grade's meaning, or why there is none ("Not graded: too few
    /// updates").
    pub grade_meaning: String,
    /// What the grade rests on and the rule, in two sentences.
    pub grade_basis: String,
    pub score: Option<f64>,
    /// Percent complete (plan-wide rule: each lowest-level item once).
    pub percent: Figure,
    /// What is counted in the shares, e.g. "Key initiatives".
    pub counted: String,
    pub distinct: usize,
    pub shares: Vec<StatusShare>,
    /// What the rows are, e.g. "Goals"; empty when the scope is a single
    /// lowest-level item.
    pub rows_name: String,
    pub rows: Vec<GlanceRow>,
    /// The office's summary commentary for the period.
    pub commentary: Option<Notes>,
    /// Sample (illustrative) KPIs count in these figures.
    pub uses_sample: bool,
}

/// Commentary and recommendations as printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    pub commentary: String,
    pub recommendations: String,
}

/// A row of the intermediate-level table (objectives, focus areas).
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveRow {
    pub code: String,
    /// Its level's name: "Objective", "Focus area".
    pub level: String,
    pub title: String,
    pub status: Chip,
    pub grade: Option<String>,
    pub percent: Option<f64>,
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
    /// Which figures a person overrode (see the appendix).
    pub overridden: Overridden,
    /// The source text has a noted defect (listed in the appendix).
    pub source_note: bool,
    /// Its figures in the compared period, when known.
    pub before: Option<Before>,
    /// Its owner, else its department.
    pub owner: String,
    /// The office's commentary on it for the period, else its progress
    /// note.
    pub note: String,
}

/// An item's figures in the compared period.
#[derive(Clone, Debug, PartialEq)]
pub struct Before {
    pub status: String,
    pub grade: String,
    pub percent: Option<f64>,
}

impl ObjectiveRow {
    /// The grade then and now ("B → C", "= F"), or just now.
    pub fn grade_text(&self) -> String {
        grade_then_now(
            self.grade.as_deref(),
            self.before.as_ref().map(|b| b.grade.as_str()),
        )
    }

    /// Percent complete, marked when overridden, and its change on a
    /// second line: "35%\n▼ −5 pts".
    pub fn percent_text(&self) -> String {
        let now = marked_percent(self.percent, self.overridden.percent);
        match (self.percent, self.before.as_ref().and_then(|b| b.percent)) {
            (Some(p), Some(was)) => format!("{now}\n{}", change_text(p - was)),
            _ => now,
        }
    }

    /// "(was At risk)" when the status changed.
    pub fn status_change(&self) -> Option<String> {
        self.before
            .as_ref()
            .filter(|b| b.status != self.status.label)
            .map(|b| format!(" (was {})", b.status))
    }
}

/// A row of the lowest-level table (initiatives, projects).
#[derive(Clone, Debug, PartialEq)]
pub struct InitiativeRow {
    pub code: String,
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// Due before the end of the period and not completed or cancelled.
    pub overdue: bool,
    pub status: Chip,
    pub percent: Option<f64>,
    /// Codes of its other placements when the item sits under several
    /// parents.
    pub also_at: Vec<String>,
    /// "Short-term" / "Long-term", if the plan says.
    pub term: Option<String>,
    /// The source text has a noted defect (listed in the appendix).
    pub source_note: bool,
    /// Its status in the compared period, when known and different.
    pub was: Option<String>,
    /// The office's commentary on it for the period, else its progress
    /// note.
    pub note: String,
}

impl InitiativeRow {
    /// Marked completed while its percent says otherwise.
    pub fn completed_short(&self) -> bool {
        self.status.kind == StatusKind::Completed && self.percent.is_some_and(|p| p < 100.0)
    }
}

/// A KPI as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiRow {
    /// Code of the item it measures.
    pub code: String,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Value in the report's period; `None` when missing (never zero).
    pub actual: Figure,
    /// When the value is that of a period inside the report's (e.g. the
    /// last quarter of the year), that period's label.
    pub measured_in: Option<String>,
    /// Values of the periods up to the report's, oldest first (`None`:
    /// missing).
    pub trend: Vec<(String, Option<f64>)>,
    pub status: Option<Chip>,
    /// Illustrative figures, not the organisation's.
    pub sample: bool,
    /// Who reports it.
    pub owner: String,
}

/// Why an item is on the "What needs attention" page.
#[derive(Clone, Debug, PartialEq)]
pub struct AttentionRow {
    pub code: String,
    /// "Objective", "Key initiative", "KPI".
    pub kind: String,
    pub title: String,
    pub status: Option<Chip>,
    /// Why it is listed: "Off track", "Overdue since 30 June 2025",
    /// "Off target: 23 h (FY2025 Q3), target 12 h".
    pub reason: String,
    pub owner: String,
    /// What changed since the compared period: "was On track".
    pub change: String,
    /// The office's commentary, else the progress note.
    pub note: String,
    pub sample: bool,
}

/// The attention rows of one goal (or the chosen item).
#[derive(Clone, Debug, PartialEq)]
pub struct AttentionGroup {
    /// "Goal 3: Reduce cyber risk".
    pub heading: String,
    pub rows: Vec<AttentionRow>,
}

/// How much of each goal section prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every lowest-level item in one table, as before.
    Full,
    /// Items that need attention or are under way in full; completed and
    /// not-started ones as one line each under their counts.
    #[default]
    Compact,
}

impl Detail {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "full" => Some(Self::Full),
            "compact" => Some(Self::Compact),
            _ => None,
        }
    }
}

/// A section of the card: one goal, or the chosen item.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub code: String,
    /// "Goal", "Objective", ...
    pub level: String,
    pub title: String,
    pub status: Chip,
    pub grade: Option<String>,
    pub percent: Option<f64>,
    /// Which figures a person overrode (see the appendix).
    pub overridden: Overridden,
    /// How the figures were reached, in words.
    pub basis: String,
    pub notes: Option<Notes>,
    /// Name of the intermediate level(s), e.g. "Objectives".
    pub objectives_name: String,
    pub objectives: Vec<ObjectiveRow>,
    /// Name of the lowest level, e.g. "Key initiatives".
    pub initiatives_name: String,
    pub initiatives: Vec<InitiativeRow>,
    pub kpis: Vec<KpiRow>,
}

impl Section {
    /// Whether any KPI in the section prints sample values.
    pub fn has_sample(&self) -> bool {
        self.kpis.iter().any(|k| k.sample)
    }

    /// Its heading, also its bookmark and contents line: "Goal 3: Reduce
    /// cyber risk".
    pub fn heading(&self) -> String {
        format!("{} {}: {}", self.level, self.code, self.title)
    }

    /// Whether a figure on the section's pages carries [`OVERRIDE_MARK`].
    pub fn has_override(&self) -> bool {
        self.overridden.any() || self.objectives.iter().any(|o| o.overridden.any())
    }
}

/// One grade of the scale.
#[derive(Clone, Debug, PartialEq)]
pub struct GradeBand {
    pub grade: String,
    pub min_score: f64,
    pub meaning: String,
}

/// A manual override of a derived figure, with its reason.
#[derive(Clone, Debug, PartialEq)]
pub struct OverrideRow {
    pub code: String,
    pub title: String,
    pub status: Option<Chip>,
    pub percent: Option<f64>,
    /// What the roll-up rule gives, which the override replaced:
    /// "Off track, 4%".
    pub replaced: String,
    pub reason: String,
    pub by: String,
    pub on: Option<NaiveDate>,
}

/// How the figures were computed, and where the data came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Appendix {
    /// The roll-up rule, one sentence a line.
    pub rules: Vec<String>,
    pub grading_name: String,
    pub grades: Vec<GradeBand>,
    /// Grade points per status (`None`: does not count).
    pub points: Vec<(Chip, Option<f64>)>,
    pub overrides: Vec<OverrideRow>,
    /// Data as of (the end of the period).
    pub as_of: NaiveDate,
    /// The file the card was printed from, if known.
    pub source_file: Option<String>,
    /// For a locked period: when and by whom it was locked (the card
    /// prints the figures as they stood then).
    pub locked: Option<(String, String)>,
    /// Notes on defects of the source text (e.g. a title truncated in the
    /// published plan) of items in scope: code, title, note.
    pub source_notes: Vec<(String, String, String)>,
    /// Where the plan text came from.
    pub plan_source: String,
}

/// A whole report card.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportCard {
    pub organisation: String,
    pub office: String,
    pub plan_title: String,
    pub timeframe: String,
    /// "Whole plan", "Goal 3: ...".
    pub scope: String,
    pub period: String,
    /// "1 July 2023 – 30 June 2024".
    pub period_dates: String,
    pub prepared_by: String,
    /// The document's language (BCP 47).
    pub language: String,
    /// Printed only when the user asks for it.
    pub print_date: Option<NaiveDate>,
    /// The plan or any printed KPI is illustrative.
    pub contains_sample: bool,
    /// Only the cover and summary are printed.
    pub summary_only: bool,
    pub summary: Summary,
    /// "What needs attention", grouped by goal; empty groups left out.
    pub attention: Vec<AttentionGroup>,
    /// How much of each goal section prints.
    pub detail: Detail,
    pub sections: Vec<Section>,
    pub appendix: Appendix,
}

impl ReportCard {
    /// "City of Phoenix · Information Technology Services".
    pub fn organisation_line(&self) -> String {
        if self.office.is_empty() {
            self.organisation.clone()
        } else {
            format!("{} · {}", self.organisation, self.office)
        }
    }

    /// "Strategic Technology Plan 2022–2026".
    pub fn plan_line(&self) -> String {
        format!("{} {}", self.plan_title, self.timeframe)
    }

    /// Whether page 2 prints a figure with [`OVERRIDE_MARK`]: its legend
    /// then carries [`OVERRIDE_LEGEND`].
    pub fn summary_has_override(&self) -> bool {
        self.summary.rows.iter().any(|r| r.overridden.any())
    }

    /// The document title used in metadata and the HTML `<title>`.
    pub fn title(&self) -> String {
        format!(
            "{} report card: {} — {}",
            self.organisation, self.scope, self.period
        )
    }
}

/// A status mix in words, the text alternative of its bar: "156 not
/// started, 5 on track, 1 completed".
pub fn shares_text(shares: &[StatusShare]) -> String {
    shares
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| format!("{} {}", s.count, s.chip.label.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A trend in words, the text alternative of its line: "FY2023: 12;
/// FY2024: missing".
pub fn trend_text(values: &[(String, Option<f64>)]) -> String {
    values
        .iter()
        .map(|(p, v)| format!("{p}: {}", value_text(*v)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The appendix's heading, also its bookmark and contents line.
pub const APPENDIX_TITLE: &str = "Appendix: how the figures were computed";

/// "+9 pts", "−3 pts", "±0 pts".
pub fn change_text(change: f64) -> String {
    let rounded = change.round();
    let pts = |n: f64| if n == 1.0 { "pt" } else { "pts" };
    if rounded > 0.0 {
        format!("▲ +{rounded:.0} {}", pts(rounded))
    } else if rounded < 0.0 {
        format!("▼ −{:.0} {}", -rounded, pts(-rounded))
    } else {
        "= 0 pts".into()
    }
}

/// A grade now, with the compared period's when known: "B → C", "= F",
/// or "—" for none.
fn grade_then_now(now: Option<&str>, before: Option<&str>) -> String {
    let now = now.unwrap_or("—");
    then_now(before, Some(now)).unwrap_or_else(|| now.to_owned())
}

/// A grade or status then and now, in words: "B → C", "= B".
pub fn then_now(before: Option<&str>, now: Option<&str>) -> Option<String> {
    let (b, n) = (before?, now.unwrap_or("—"));
    Some(if b == n {
        format!("= {n}")
    } else {
        format!("{b} → {n}")
    })
}
