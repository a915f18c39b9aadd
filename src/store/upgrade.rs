//! Steps of an upgrade that SQL alone cannot take, run in the upgrade's
//! transaction between the schema migrations.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use crate::model::PlanInfo;

/// Schema 5: an item's single status and percent become an update for the
/// period containing the day it was last edited (from the history), or,
/// never edited, for the period containing `today` (else the latest that
/// has begun). Items with nothing reported (not started, no percent) get
/// none: they were not started in any period. Runs on a file at
/// [`super::schema::LAST_WITH_ITEM_FIGURES`], while the items still hold
/// their single figures; what it leaves, migration 8 takes.
pub fn progress_from_single_values(
    tx: &Transaction<'_>,
    info: &PlanInfo,
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
    let mut single: Vec<(String, String, Option<f64>)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT id, status, percent FROM items i
              WHERE (status <> 'not_started' OR percent IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM progress g WHERE g.item = i.id)",
        )?;
        let mut found = stmt.query([])?;
        while let Some(r) = found.next()? {
            single.push((r.get(0)?, r.get(1)?, r.get(2)?));
        }
    }
    let mut insert = tx.prepare(
        "INSERT INTO progress (item, pos, period, status, percent, note) VALUES (?1, 0, ?2, ?3, ?4, '')",
    )?;
    for (id, status, percent) in single {
        let day = last_edit
            .get(&id)
            .and_then(|at| at.get(..10))
            .and_then(|d| d.parse().ok())
            .unwrap_or(today);
        let Some(period) = info.period_for_day(day) else {
            continue;
        };
        insert.execute(params![id, period.label, status, percent])?;
    }
    Ok(())
}
