//! The office's commentary and recommendations on one item (or the whole
//! plan) for one reporting period, printed on report cards.

use serde::{Deserialize, Serialize};

/// Commentary and recommendations for one item and period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commentary {
    /// The item the text is about; `None` for the plan as a whole (the
    /// summary commentary on a report card).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The reporting period's label.
    pub period: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub commentary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommendations: String,
}

impl Commentary {
    /// True when there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.commentary.trim().is_empty() && self.recommendations.trim().is_empty()
    }
}
