//! An item's fields as text: which fields can be set, how each reads as
//! text, and how typed text is parsed and checked (numbers, dates,
//! percents). Shared by commands, the table importer, the window and the
//! command line.

use chrono::NaiveDate;

use super::{Item, PlanInfo, StatusKind, Term, Unreadable};

/// A field of an item that can be set from text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemField {
    Title,
    Description,
    Owner,
    Department,
    Status,
    Percent,
    Start,
    Due,
    BudgetPlanned,
    BudgetActual,
    Weight,
    Term,
    SourceNote,
}

impl ItemField {
    pub const ALL: [Self; 13] = [
        Self::Title,
        Self::Description,
        Self::Owner,
        Self::Department,
        Self::Status,
        Self::Percent,
        Self::Start,
        Self::Due,
        Self::BudgetPlanned,
        Self::BudgetActual,
        Self::Weight,
        Self::Term,
        Self::SourceNote,
    ];

    /// The field's name as in the interchange format.
    pub fn key(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Description => "description",
            Self::Owner => "owner",
            Self::Department => "department",
            Self::Status => "status",
            Self::Percent => "percent",
            Self::Start => "start",
            Self::Due => "due",
            Self::BudgetPlanned => "budget_planned",
            Self::BudgetActual => "budget_actual",
            Self::Weight => "weight",
            Self::Term => "term",
            Self::SourceNote => "source_note",
        }
    }

    /// Status and percent complete: figures recorded for a reporting
    /// period (a progress update), never set on the item apart.
    pub fn is_progress(self) -> bool {
        matches!(self, Self::Status | Self::Percent)
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == name.trim())
    }

    /// The field's name as people read it (the item page's label).
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Description => "Description",
            Self::Owner => "Owner",
            Self::Department => "Department",
            Self::Status => "Status",
            Self::Percent => "Percent complete",
            Self::Start => "Start date",
            Self::Due => "Due date",
            Self::BudgetPlanned => "Planned budget",
            Self::BudgetActual => "Actual spend",
            Self::Weight => "Weight in roll-up",
            Self::Term => "Term",
            Self::SourceNote => "Source note",
        }
    }
}

/// Parses a number typed by a person: blank is "none"; thousands
/// separators, a decimal comma, currency and percent signs and `(1,500)`
/// negatives are read as spreadsheets write them
/// ([`crate::model::numbers::parse_number_text`]).
pub fn parse_number(text: &str) -> Result<Option<f64>, Unreadable> {
    super::numbers::parse_number_text(text, false)
}

/// Parses a date typed as YYYY-MM-DD; blank is "none".
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, Unreadable> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| Unreadable::Date { text: t.to_owned() })
}

/// Parses a percent complete: a number from 0 to 100, or blank.
pub fn parse_percent(text: &str) -> Result<Option<f64>, Unreadable> {
    let v = parse_number(text)?;
    match v {
        Some(p) if !(0.0..=100.0).contains(&p) => Err(Unreadable::Percent { value: p }),
        _ => Ok(v),
    }
}

/// Parses a status typed by a person: its key (`on_track`, `on track`) or
/// the plan's label for it ("On track", or a renamed "Delayed, needs help").
pub fn parse_status(info: &PlanInfo, text: &str) -> Result<StatusKind, Unreadable> {
    StatusKind::parse(text)
        .or_else(|| {
            StatusKind::ALL
                .into_iter()
                .find(|k| info.status_label(*k).eq_ignore_ascii_case(text.trim()))
        })
        .ok_or_else(|| {
            let labels: Vec<&str> = StatusKind::ALL
                .iter()
                .map(|k| info.status_label(*k))
                .collect();
            Unreadable::Status {
                text: text.to_owned(),
                labels: labels.join(", "),
            }
        })
}

/// A value as text, blank when absent.
pub fn fmt_opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The current value of a field, as text.
pub fn field_text(item: &Item, field: ItemField) -> String {
    match field {
        ItemField::Title => item.title.clone(),
        ItemField::Description => item.description.clone(),
        ItemField::Owner => item.owner.clone(),
        ItemField::Department => item.department.clone(),
        ItemField::Status => item.status().key().into(),
        ItemField::Percent => fmt_opt(item.percent()),
        ItemField::Start => fmt_opt(item.start),
        ItemField::Due => fmt_opt(item.due),
        ItemField::BudgetPlanned => fmt_opt(item.budget_planned),
        ItemField::BudgetActual => fmt_opt(item.budget_actual),
        ItemField::Weight => item.weight.to_string(),
        ItemField::Term => item
            .term
            .map(|t| if t == Term::Short { "short" } else { "long" })
            .unwrap_or("")
            .into(),
        ItemField::SourceNote => item.source_note.clone(),
    }
}

/// Whether `set_field` would take `text` for `field`, checked on an empty
/// item so nothing of the real one is copied (the window asks on every
/// keystroke).
pub fn check_text(field: ItemField, text: &str) -> Result<(), Unreadable> {
    match field {
        ItemField::Status => parse_status(&PlanInfo::blank(), text).map(drop),
        ItemField::Percent => parse_percent(text).map(drop),
        _ => set_field(&mut Item::new("check", 0, "check"), field, text),
    }
}

/// Sets a field from text, or says why the text is not acceptable. Status
/// and percent complete are not fields of the item but a period's progress
/// (`Command::RecordProgress`): they are refused here.
pub fn set_field(item: &mut Item, field: ItemField, text: &str) -> Result<(), Unreadable> {
    match field {
        ItemField::Title => {
            if text.trim().is_empty() {
                return Err(Unreadable::Empty { what: "title" });
            }
            item.title = text.trim().to_owned();
        }
        ItemField::Description => item.description = text.to_owned(),
        ItemField::Owner => item.owner = text.trim().to_owned(),
        ItemField::Department => item.department = text.trim().to_owned(),
        ItemField::SourceNote => item.source_note = text.to_owned(),
        ItemField::Status | ItemField::Percent => {
            return Err(Unreadable::PerPeriod {
                field: field.label().to_lowercase(),
            });
        }
        ItemField::Start => item.start = parse_date(text)?,
        ItemField::Due => item.due = parse_date(text)?,
        ItemField::BudgetPlanned => item.budget_planned = parse_number(text)?,
        ItemField::BudgetActual => item.budget_actual = parse_number(text)?,
        ItemField::Weight => match parse_number(text)? {
            Some(w) if w >= 0.0 => item.weight = w,
            Some(w) => return Err(Unreadable::NegativeWeight { value: w }),
            None => item.weight = 1.0,
        },
        ItemField::Term => {
            item.term = match text.trim().to_lowercase().as_str() {
                "" => None,
                "short" | "short-term" | "short term" => Some(Term::Short),
                "long" | "long-term" | "long term" => Some(Term::Long),
                other => {
                    return Err(Unreadable::Term {
                        text: other.to_owned(),
                    });
                }
            }
        }
    }
    Ok(())
}
