//! The error of one cell of an imported table that cannot be read into
//! the plan; the import lists it with its row and column and takes
//! nothing.

use chrono::NaiveDate;

use crate::model::Unreadable;

/// Why a cell was not read. `header` is the column's header, for the
/// `--map-value` that would read it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CellError {
    #[error(transparent)]
    Unreadable(#[from] Unreadable),
    #[error(
        "{shown:?} is not a status of the plan; map it to one of {labels} (--map-value \"{header}:{shown}=STATUS\")"
    )]
    UnmappedStatus {
        shown: String,
        labels: String,
        header: String,
    },
    #[error(
        "{shown:?} is not a term; map it to short or long (--map-value \"{header}:{shown}=short\")"
    )]
    UnmappedTerm { shown: String, header: String },
    #[error("{date} falls in none of the plan's reporting periods")]
    NoPeriodFor { date: NaiveDate },
    /// `examples` are the plan's first period names.
    #[error(
        "{shown:?} is not a reporting period of the plan (periods are named like {examples}); add it on the Plan page first"
    )]
    NotAPeriod { shown: String, examples: String },
}
