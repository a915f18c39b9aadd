//! The period commands: locking and unlocking a reporting period, the
//! office's commentary for a period, the plan's settings, and the rule that
//! a locked period's figures are read only.

use crate::model::{Commentary, Plan, PlanInfo};
use crate::store::{HistoryEntry, Touched};

use super::{Applied, Command, Refusal, missing};

/// Lock a period, keeping a snapshot of the plan.
pub(super) fn lock_period(plan: &mut Plan, period: &str, by: &str) -> Result<Applied, Refusal> {
    if plan.info.period_index(period).is_none() {
        return Err(missing("reporting period", period));
    }
    if plan.is_locked(period) {
        return Err(Refusal::Rule(format!("{period} is already locked")));
    }
    // Meetings do not change a card, so the snapshot leaves
    // them out.
    let mut unlocked = plan.clone();
    unlocked.locks.clear();
    unlocked.meetings.clear();
    plan.locks.push(crate::model::PeriodLock {
        period: period.to_owned(),
        locked_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        locked_by: by.to_owned(),
        snapshot: crate::interchange::to_json(&unlocked),
    });
    let h = HistoryEntry {
        field: Some(period.to_owned()),
        new: Some("locked".into()),
        ..HistoryEntry::new("lock period", None)
    };
    Ok(Applied::new(
        Touched {
            locks: true,
            ..Touched::default()
        },
        vec![h],
    ))
}

/// Unlock a period, with a reason.
pub(super) fn unlock_period(
    plan: &mut Plan,
    period: &str,
    reason: &str,
) -> Result<Applied, Refusal> {
    if reason.trim().is_empty() {
        return Err(Refusal::Rule(
            "unlocking a period needs a written reason".into(),
        ));
    }
    let before = plan.locks.len();
    plan.locks.retain(|l| l.period != period);
    if plan.locks.len() == before {
        return Err(Refusal::Rule(format!("{period} is not locked")));
    }
    let h = HistoryEntry {
        field: Some(period.to_owned()),
        old: Some("locked".into()),
        new: Some("unlocked".into()),
        reason: reason.trim().to_owned(),
        ..HistoryEntry::new("unlock period", None)
    };
    Ok(Applied::new(
        Touched {
            locks: true,
            ..Touched::default()
        },
        vec![h],
    ))
}

/// Replace the plan's statements and settings.
pub(super) fn set_info(plan: &mut Plan, info: &PlanInfo) -> Result<Applied, Refusal> {
    plan.info = info.clone();
    Ok(Applied::new(
        Touched {
            info: true,
            ..Touched::default()
        },
        vec![HistoryEntry::new("edit plan settings", None)],
    ))
}

/// Applies [`Command::SetCommentary`].
pub(super) fn set_commentary(plan: &mut Plan, new: Commentary) -> Result<Applied, Refusal> {
    if plan.info.period_index(&new.period).is_none() {
        return Err(missing("reporting period", &new.period));
    }
    if let Some(item) = &new.item
        && plan.item(item).is_none()
    {
        return Err(missing("item", item));
    }
    let at = plan
        .commentary
        .iter()
        .position(|c| c.item == new.item && c.period == new.period);
    let text = |c: &Commentary| {
        format!(
            "Commentary: {}\nRecommendations: {}",
            c.commentary, c.recommendations
        )
    };
    let old = at.map(|i| text(&plan.commentary[i]));
    let h = HistoryEntry {
        field: Some(format!("commentary {}", new.period)),
        old,
        new: (!new.is_empty()).then(|| text(&new)),
        ..HistoryEntry::new("commentary", new.item.as_deref())
    };
    match (at, new.is_empty()) {
        (Some(i), true) => {
            plan.commentary.remove(i);
        }
        (Some(i), false) => plan.commentary[i] = new,
        (None, false) => plan.commentary.push(new),
        (None, true) => return Err(Refusal::Rule("there is no commentary to remove".into())),
    }
    Ok(Applied::new(
        Touched {
            commentary: true,
            ..Touched::default()
        },
        vec![h],
    ))
}

impl Command {
    /// Refuses changes to the KPI values, targets and commentary of a
    /// locked period.
    pub(super) fn check_locks(&self, plan: &Plan) -> Result<(), Refusal> {
        let locked = |period: &str| {
            if plan.is_locked(period) {
                Err(Refusal::Locked {
                    period: period.to_owned(),
                })
            } else {
                Ok(())
            }
        };
        match self {
            Self::SetMeasurement { period, .. } | Self::SetCommentary { period, .. } => {
                locked(period)
            }
            Self::RecordProgress { update, .. } => locked(&update.period),
            Self::MergeUpdates(merge) => {
                for change in merge.requests.iter().flat_map(|r| &r.changes) {
                    if let Some(period) = change.period() {
                        locked(period)?;
                    }
                }
                Ok(())
            }
            Self::PutKpi(kpi) => {
                let old = plan.kpis.iter().find(|k| k.id == kpi.id);
                for lock in &plan.locks {
                    let p = lock.period.as_str();
                    let before = old.map(|k| {
                        (
                            k.target_for(p),
                            k.measurements.iter().find(|m| m.period == p),
                        )
                    });
                    let after = (
                        kpi.target_for(p),
                        kpi.measurements.iter().find(|m| m.period == p),
                    );
                    if before.unwrap_or((None, None)) != after {
                        return locked(p);
                    }
                }
                Ok(())
            }
            Self::DeleteKpi { kpi } => {
                let measured = plan
                    .kpis
                    .iter()
                    .find(|k| k.id == *kpi)
                    .into_iter()
                    .flat_map(|k| &k.measurements);
                for m in measured {
                    locked(&m.period)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
