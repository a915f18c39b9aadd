//! Steps of an upgrade that SQL alone cannot take, run in the upgrade's
//! transaction after the schema migrations.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Transaction;

use crate::model::{Plan, ProgressUpdate, StatusKind};

use super::rows;

/// Schema 5: an item's single status and percent become an update for the
/// period containing the day it was last edited (from the history), or,
/// never edited, for the period containing `today` (else the latest that
/// has begun). Items with nothing reported (not started, no percent) get
/// none: they were not started in any period.
pub fn progress_from_single_values(
    tx: &Transaction<'_>,
    plan: &mut Plan,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    let mut last_edit: HashMap<String, String> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT item, max(at) FROM history WHERE item IS NOT NULL GROUP BY item")?;
        let mut found = stmt.query([])?;
        while let Some(r) = found.next()? {
            last_edit.insert(r.get(0)?, r.get(1)?);
        }
    }
    let info = plan.info.clone();
    let ids: Vec<String> = plan
        .items()
        .iter()
        .filter(|i| {
            i.updates.is_empty() && (i.status != StatusKind::NotStarted || i.percent.is_some())
        })
        .map(|i| i.id.clone())
        .collect();
    for id in ids {
        let day = last_edit
            .get(&id)
            .and_then(|at| at.get(..10))
            .and_then(|d| d.parse().ok())
            .unwrap_or(today);
        let Some(period) = info.period_for_day(day) else {
            continue;
        };
        let Some(item) = plan.item_mut(&id) else {
            continue;
        };
        let update = ProgressUpdate {
            period: period.label.clone(),
            status: item.status,
            percent: item.percent,
            note: String::new(),
        };
        item.record_update(update, &info);
        rows::write_progress(tx, item)?;
    }
    Ok(())
}
