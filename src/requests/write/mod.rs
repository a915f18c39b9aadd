//! Writing update requests: which rows go to whom, and one `.xlsx` per
//! owner (cover, Initiatives, KPIs and the hidden sheet carrying the
//! request's id and the values each row was sent with). Input cells are
//! unlocked and validated; everything else is protected.

//!
//! `sheets.rs` lays out the workbook's sheets; this file decides the rows
//! and writes the files.

mod sheets;

pub use sheets::workbook;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{ITEMS_SHEET, KPIS_SHEET, RequestError, number_text};
use crate::model::{Item, Kpi, Plan, RequestBy, StatusKind, Tree, UpdateRequest};

/// What to ask for and from whom.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestOptions {
    pub period: String,
    pub by: RequestBy,
    pub due: Option<NaiveDate>,
    /// Who sends them (recorded in the register) and whom they go back to
    /// (printed on the cover).
    pub sent_by: String,
    pub return_to: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// The values an item's input cells hold for `period`, as text: status
/// key, percent, note, due date. What a request is sent with, and what a
/// returned one is compared with to find conflicts.
pub fn item_values(item: &Item, period: &str) -> [String; 4] {
    let update = item.update_for(period);
    [
        update
            .map(|u| u.status.key().to_owned())
            .unwrap_or_default(),
        number_text(update.and_then(|u| u.percent)),
        update.map(|u| u.note.clone()).unwrap_or_default(),
        item.due.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

/// The values a KPI's input cells hold for `period`: value, comment.
pub fn kpi_values(kpi: &Kpi, period: &str) -> [String; 2] {
    let m = kpi.measurements.iter().find(|m| m.period == period);
    [
        number_text(m.and_then(|m| m.value)),
        m.map(|m| m.comment.clone()).unwrap_or_default(),
    ]
}

/// Whether an item is asked about: a leaf (its figures are its own) that
/// is not completed or cancelled as of the period.
fn asked(plan: &Plan, item: &Item, period: &str) -> bool {
    let (status, _) = item.figures_at(&plan.info.periods_up_to(Some(period)));
    item.children.is_empty() && !matches!(status, StatusKind::Completed | StatusKind::Cancelled)
}

/// A name as a file name: characters file systems refuse become "-".
fn file_safe(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        "request".into()
    } else {
        cleaned
    }
}

/// The requests to send: one per owner (or department) holding at least
/// one initiative or KPI, named and numbered, not yet written.
pub fn plan_requests(
    plan: &Plan,
    tree: &Tree,
    opts: &RequestOptions,
) -> Result<Vec<UpdateRequest>, RequestError> {
    if plan.info.period_index(&opts.period).is_none() {
        let names: Vec<&str> = plan.info.periods.iter().map(|p| p.label.as_str()).collect();
        return Err(RequestError::NoPeriod {
            period: opts.period.clone(),
            periods: names.join(", "),
        });
    }
    if plan.is_locked(&opts.period) {
        return Err(RequestError::Locked {
            period: opts.period.clone(),
        });
    }
    let key = |item: &Item| match opts.by {
        RequestBy::Owner => item.owner.trim().to_owned(),
        RequestBy::Department => item.department.trim().to_owned(),
    };
    // Items in tree order (first placement), grouped by who holds them.
    let mut groups: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut seen = HashSet::new();
    for p in &tree.placements {
        let item = &plan.items()[p.item];
        if !seen.insert(p.item) || !asked(plan, item, &opts.period) {
            continue;
        }
        let who = key(item);
        if !who.is_empty() {
            groups.entry(who).or_default().0.push(item.id.clone());
        }
    }
    for kpi in &plan.kpis {
        let who = match opts.by {
            RequestBy::Owner => kpi.owner.trim().to_owned(),
            RequestBy::Department => plan.item(&kpi.item).map(key).unwrap_or_default(),
        };
        if !who.is_empty() {
            groups.entry(who).or_default().1.push(kpi.id.clone());
        }
    }
    if groups.is_empty() {
        return Err(RequestError::NoOneToAsk {
            period: opts.period.clone(),
            by: opts.by.key(),
        });
    }
    let stamp: String = opts
        .at
        .chars()
        .filter(char::is_ascii_digit)
        .take(12)
        .collect();
    let mut names = HashSet::new();
    let mut out = Vec::with_capacity(groups.len());
    let mut n = 0;
    for (to, (items, kpis)) in groups {
        let id = loop {
            n += 1;
            let id = format!("R{stamp}-{n:03}");
            if plan.request(&id).is_none() {
                break id;
            }
        };
        let base = format!("{} - {}", file_safe(&to), file_safe(&opts.period));
        let file = (1..)
            .map(|k| {
                if k == 1 {
                    format!("{base}.xlsx")
                } else {
                    format!("{base} ({k}).xlsx")
                }
            })
            .find(|f| names.insert(f.to_lowercase()))
            .unwrap_or_else(|| format!("{id}.xlsx"));
        out.push(UpdateRequest {
            id,
            period: opts.period.clone(),
            to,
            by: opts.by,
            items,
            kpis,
            sent_at: opts.at.clone(),
            sent_by: opts.sent_by.clone(),
            due: opts.due,
            file,
            merged_at: None,
            merged_by: String::new(),
            accepted: 0,
            rejected: 0,
        });
    }
    Ok(out)
}

/// Writes each request's workbook into `dir` (made if missing), refusing
/// before writing anything when a file of the same name is there. On a
/// failure part-way, the files already written are removed. `cancelled`
/// is asked between files.
pub fn write_requests(
    plan: &Plan,
    tree: &Tree,
    requests: &[UpdateRequest],
    dir: &Path,
    return_to: &str,
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<PathBuf>, RequestError> {
    let targets: Vec<PathBuf> = requests.iter().map(|r| dir.join(&r.file)).collect();
    if let Some(there) = targets.iter().find(|p| p.exists()) {
        return Err(RequestError::Exists(there.clone()));
    }
    std::fs::create_dir_all(dir).map_err(|source| RequestError::Folder {
        dir: dir.to_owned(),
        source,
    })?;
    let mut written = Vec::with_capacity(targets.len());
    let undo = |written: &[PathBuf]| {
        for p in written {
            let _ = std::fs::remove_file(p);
        }
    };
    for (request, path) in requests.iter().zip(&targets) {
        if cancelled() {
            undo(&written);
            return Err(RequestError::Cancelled);
        }
        let result = workbook(plan, tree, request, return_to)
            .and_then(|bytes| Ok(crate::store::output::write(path, &bytes, None)?));
        if let Err(e) = result {
            undo(&written);
            return Err(RequestError::PartWay {
                path: path.clone(),
                source: Box::new(e),
            });
        }
        written.push(path.clone());
    }
    Ok(written)
}
