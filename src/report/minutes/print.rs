//! Printing a meeting's minutes: build them from the plan and the
//! workbench's history, then draw them as PDF or as a web page.

use crate::model::Plan;
use crate::report::ReportError;
use crate::report::minutes::{self, MinutesOptions};

/// The minutes of meeting `id` as a PDF on `paper`, or as a web page when
/// `paper` is `None`, with the edits the workbench's history records during
/// the meeting. Returns the bytes and, for a PDF, the page count.
pub fn print(
    store: &crate::store::Store,
    plan: &Plan,
    id: &str,
    opts: &MinutesOptions,
    paper: Option<crate::report::Paper>,
) -> Result<(Vec<u8>, Option<usize>), ReportError> {
    let history = minutes::history_for(store, plan, id)?;
    render(plan, id, opts, &history, paper)
}

/// [`print`] from history already read (see [`minutes::history_for`]), so
/// it can run away from the store, on a worker thread.
pub fn render(
    plan: &Plan,
    id: &str,
    opts: &MinutesOptions,
    history: &[crate::store::HistoryRow],
    paper: Option<crate::report::Paper>,
) -> Result<(Vec<u8>, Option<usize>), ReportError> {
    let minutes = minutes::build(plan, id, opts, history)?;
    Ok(match paper {
        Some(paper) => {
            let pdf = super::pdf::render(&minutes, paper)?;
            (pdf.bytes, Some(pdf.pages))
        }
        None => (super::html::render(&minutes).into_bytes(), None),
    })
}
