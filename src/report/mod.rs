//! Report cards for council: a pure builder turns a plan, a scope and a
//! reporting period into a [`ReportCard`] (plain data), and two renderers
//! turn that into a PDF ([`pdf::render`]) and a self-contained HTML page
//! ([`html::render`]).
//!
//! ```no_run
//! # fn demo(plan: &cairn::model::Plan) -> Result<(), Box<dyn std::error::Error>> {
//! use cairn::report::{self, Paper, ReportOptions, Scope};
//! let opts = ReportOptions::new(Scope::Plan, "FY2024");
//! let card = report::build(plan, &opts)?;
//! let pdf = report::pdf::render(&card, Paper::Letter)?;
//! std::fs::write("card.pdf", &pdf.bytes)?;
//! std::fs::write("card.html", report::html::render(&card))?;
//! # Ok(()) }
//! ```

mod card;
pub mod escape;
pub mod history;
pub mod minutes;
mod pdf_error;
mod pdf_layout;
pub mod pdf_tags;
mod pdf_wrap;

pub use card::{html, model, pdf};

use chrono::NaiveDate;

pub use card::build::{ROLLUP_RULES, build, previous_period};
pub use model::ReportCard;
pub use pdf_error::PdfError;

/// What a report card covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole plan.
    Plan,
    /// One top-level item, by its number (1-based).
    Goal(usize),
    /// Any item and its branch, by code (`2.1`).
    Item(String),
}

impl Scope {
    /// Parses `plan`, `goal:N` or `item:CODE`.
    pub fn parse(text: &str) -> Result<Self, ReportError> {
        let t = text.trim();
        let bad = || ReportError::UnknownScope {
            given: t.to_owned(),
            valid: vec!["plan".into(), "goal:N".into(), "item:CODE".into()],
        };
        if t.eq_ignore_ascii_case("plan") {
            return Ok(Self::Plan);
        }
        match t.split_once(':') {
            Some((kind, n)) if kind.eq_ignore_ascii_case("goal") => {
                n.trim().parse().map(Self::Goal).map_err(|_| bad())
            }
            Some((kind, code)) if kind.eq_ignore_ascii_case("item") && !code.trim().is_empty() => {
                Ok(Self::Item(code.trim().to_owned()))
            }
            _ => Err(bad()),
        }
    }
}

/// Paper size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

impl Paper {
    /// Parses `letter` or `a4`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "letter" | "us-letter" => Some(Self::Letter),
            "a4" => Some(Self::A4),
            _ => None,
        }
    }

    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Self::Letter => (612.0, 792.0),
            Self::A4 => (595.28, 841.89),
        }
    }
}

/// What to print.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    pub scope: Scope,
    /// The reporting period's label, e.g. "FY2024".
    pub period: String,
    /// Only the one-page summary card.
    pub summary_only: bool,
    /// How much of each goal section prints (default compact).
    pub detail: model::Detail,
    /// Overrides the plan's owner as "prepared by".
    pub prepared_by: Option<String>,
    /// A print date to show; none by default, so reprints are identical.
    pub print_date: Option<NaiveDate>,
    /// The file the plan came from, named in the appendix.
    pub source_file: Option<String>,
    /// The period to compare with (default: the previous period of the
    /// same kind). Its figures come from its snapshot when it is locked.
    pub compare: Option<String>,
}

impl ReportOptions {
    /// A full card for `scope` and `period`, without print date.
    pub fn new(scope: Scope, period: &str) -> Self {
        Self {
            scope,
            period: period.to_owned(),
            summary_only: false,
            detail: model::Detail::Compact,
            prepared_by: None,
            print_date: None,
            source_file: None,
            compare: None,
        }
    }
}

/// Why a card could not be built. Messages list the valid choices.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{}", unknown_period(.given, .valid))]
    UnknownPeriod { given: String, valid: Vec<String> },
    #[error("there is no scope {given:?}; use one of: {}", .valid.join(", "))]
    UnknownScope { given: String, valid: Vec<String> },
    #[error("{}", unknown_meeting(.given, .valid))]
    UnknownMeeting { given: String, valid: Vec<String> },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("the report could not be rendered: {0}")]
    Render(String),
    #[error("the report could not be rendered: {0}")]
    Pdf(#[from] PdfError),
    /// The period to compare with does not end before the card's begins.
    #[error(
        "a card for {period} can be compared only with a period that ends before {period} begins ({starts}); {compare} ends {ends}. Choose an earlier period, e.g. {suggest}"
    )]
    BadCompare {
        period: String,
        compare: String,
        starts: String,
        ends: String,
        suggest: String,
    },
}

fn unknown_period(given: &str, valid: &[String]) -> String {
    if valid.is_empty() {
        format!(
            "the plan has no reporting periods, so there is no period {given:?}; add periods to the plan first"
        )
    } else {
        format!(
            "the plan has no reporting period {given:?}; use one of: {}",
            valid.join(", ")
        )
    }
}

fn unknown_meeting(given: &str, valid: &[String]) -> String {
    if valid.is_empty() {
        format!("there is no meeting {given:?}: the workbench has no meetings yet")
    } else {
        format!(
            "there is no meeting {given:?}; the meetings are: {}",
            valid.join(", ")
        )
    }
}
