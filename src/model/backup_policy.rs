//! How many rolling backups a workbench keeps (a plan setting).

use serde::{Deserialize, Serialize};

use super::invalid::Invalid;

/// Copies kept in `NAME.backups/` beside the workbench: the newest copy of
/// each of the last `daily` days, `weekly` weeks and `monthly` months.
/// Copies from today are always kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupPolicy {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        Self {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

impl BackupPolicy {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Refuses a policy that would keep no daily copy, or absurd numbers.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.daily == 0 {
            return Err(Invalid("backups: keep at least one daily copy".into()));
        }
        if self.daily > 366 || self.weekly > 520 || self.monthly > 240 {
            return Err(Invalid(
                "backups: at most 366 daily, 520 weekly and 240 monthly copies".into(),
            ));
        }
        Ok(())
    }

    /// "7 daily, 4 weekly and 12 monthly copies".
    pub fn sentence(&self) -> String {
        format!(
            "{} daily, {} weekly and {} monthly copies",
            self.daily, self.weekly, self.monthly
        )
    }
}
