//! The error of sending or merging update requests: a period the plan
//! lacks or has locked, a folder that cannot hold the workbooks, a
//! returned request that no longer fits the plan.

use std::path::PathBuf;

/// Why requests were not written or a review was not merged. Nothing was
/// written or recorded when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("the plan has no reporting period {period:?}; use one of: {periods}")]
    NoPeriod { period: String, periods: String },
    #[error(
        "{period} is locked: its figures are read only, so there is nothing to ask for (unlock it first)"
    )]
    Locked { period: String },
    #[error(
        "{} already exists; choose an empty folder or move the earlier requests away. Nothing was written.",
        .0.display()
    )]
    Exists(PathBuf),
    #[error("the folder {} cannot be made: {source}", .dir.display())]
    Folder {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// `by` is "owner" or "department".
    #[error("no initiative or KPI open in {period} has an {by} to ask; set owners first")]
    NoOneToAsk { period: String, by: &'static str },
    #[error("cancelled; nothing was written")]
    Cancelled,
    #[error("the workbook could not be made: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Output(#[from] crate::store::output::OutputError),
    /// One workbook of several failed; those written before it were removed.
    #[error(
        "{}: {source}. The requests already written were removed; nothing was recorded.",
        .path.display()
    )]
    PartWay {
        path: PathBuf,
        source: Box<RequestError>,
    },
    #[error("the sheet cannot be read: {0}")]
    Sheet(#[from] calamine::Error),
    #[error("{problems} in the returned files must be fixed first; nothing was merged")]
    Problems { problems: String },
    #[error("no returned request to merge")]
    NothingReturned,
    /// A returned row's item or KPI was deleted since the request was sent.
    #[error("{label} is no longer in the plan")]
    Gone { label: String },
}
