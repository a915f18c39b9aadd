//! Locked reporting periods. Locking a period keeps a snapshot of the whole
//! plan as it stood (every status, percent, override, KPI value and
//! commentary; grades follow from them by the roll-up rule), so the
//! period's report card can be reprinted exactly, whatever changes later.

use serde::{Deserialize, Serialize};

/// A locked period and the plan as it stood when it was locked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodLock {
    /// The period's label.
    pub period: String,
    /// When it was locked (RFC 3339, UTC).
    pub locked_at: String,
    /// Who locked it.
    pub locked_by: String,
    /// The plan document (the interchange format, without locks) at the
    /// moment of locking.
    pub snapshot: String,
}
