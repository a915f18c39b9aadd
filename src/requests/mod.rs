//! Update requests: a spreadsheet per owner asking for this period's
//! figures ([`write`]), what comes back read into proposed changes and
//! problems ([`read`]), and the review an analyst accepts from
//! ([`review`]). The register of requests is part of the plan
//! ([`crate::model::UpdateRequest`]); the edits are
//! [`crate::command::Command::RegisterRequests`] and
//! [`crate::command::Command::MergeUpdates`]. No egui here.
//!
//! The workbook's layout is described in docs/FORMAT.md; the constants
//! below are the one place it is spelled out in code.

pub mod read;
mod request_error;
pub mod review;
pub mod write;

pub use read::Problem;
pub use request_error::RequestError;
pub use review::read_returned;
pub use review::{Change, Field, Returned, Review, RowChange, Target};
pub use write::{RequestOptions, plan_requests, workbook, write_requests};

/// The hidden sheet carrying the request's id, period and sent values.
pub const META_SHEET: &str = "cairn";
/// The first cell of the hidden sheet, naming the file for what it is.
pub const MAGIC: &str = "Cairn update request";
/// The layout version written beside [`MAGIC`].
pub const LAYOUT: &str = "1";
pub const COVER_SHEET: &str = "Cover";
pub const ITEMS_SHEET: &str = "Initiatives";
pub const KPIS_SHEET: &str = "KPIs";

/// The hidden sheet's header row (0-based) and first sent row.
pub const META_HEADER_ROW: u32 = 6;
/// The hidden sheet's column of the plan's status labels (M), which the
/// Status drop-down reads.
pub const META_STATUS_COL: u16 = 12;
/// The hidden sheet's columns for each sent row.
pub const META_HEADERS: [&str; 10] = [
    "sheet", "row", "id", "code", "status", "percent", "note", "due", "value", "comment",
];

/// Columns (0-based) of the Initiatives sheet.
pub mod items_col {
    pub const CODE: u16 = 0;
    pub const TITLE: u16 = 1;
    pub const PARENT: u16 = 2;
    pub const LAST_STATUS: u16 = 3;
    pub const LAST_PERCENT: u16 = 4;
    pub const LAST_NOTE: u16 = 5;
    pub const STATUS: u16 = 6;
    pub const PERCENT: u16 = 7;
    pub const DUE: u16 = 8;
    pub const NOTE: u16 = 9;
}

/// Columns (0-based) of the KPIs sheet.
pub mod kpis_col {
    pub const NAME: u16 = 0;
    pub const ITEM: u16 = 1;
    pub const UNIT: u16 = 2;
    pub const DIRECTION: u16 = 3;
    pub const TARGET: u16 = 4;
    pub const LAST_VALUES: u16 = 5;
    pub const VALUE: u16 = 6;
    pub const COMMENT: u16 = 7;
}

/// The Initiatives sheet's headers; `{last}` and `{period}` are filled in.
pub fn items_headers(last: &str, period: &str) -> [String; 10] {
    [
        "Code".into(),
        "Title".into(),
        "Parent".into(),
        format!("{last} status"),
        format!("{last} %"),
        format!("{last} note"),
        format!("{period} status"),
        format!("{period} % complete"),
        "Due date".into(),
        format!("{period} progress note"),
    ]
}

/// The KPIs sheet's headers.
pub fn kpis_headers(period: &str) -> [String; 8] {
    [
        "KPI".into(),
        "Item".into(),
        "Unit".into(),
        "Direction".into(),
        format!("{period} target"),
        "Last values".into(),
        format!("{period} value"),
        format!("{period} comment"),
    ]
}

/// A number as the sheets and the history show it: 45, 45.5.
pub fn number_text(v: Option<f64>) -> String {
    crate::model::fields::fmt_opt(v)
}
