//! Why an edit was refused, by kind, so the window can show it where it
//! belongs (beside a field, on the settings page, in the status bar)
//! without looking into the command.

use crate::model::Invalid;
use crate::model::fields::ItemField;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// The text typed into one field of one item was not taken, or what it
    /// gave breaks one of the item's rules.
    #[error("{}: {message}", field.key())]
    Field {
        item: String,
        field: ItemField,
        message: String,
    },
    /// The command names an item, KPI, meeting or period the plan lacks.
    #[error("there is no {what} {id:?}")]
    Missing { what: &'static str, id: String },
    /// The period is locked: its figures are read only.
    #[error(
        "{period} is locked: its figures are read only (unlock it with a reason to change them)"
    )]
    Locked { period: String },
    /// The plan's settings as edited break one of the plan's rules.
    #[error("{0}")]
    Settings(Invalid),
    /// The edit makes no sense as asked, or would break one of the plan's
    /// rules (an item under a parent two levels up, a note with no text).
    #[error("{0}")]
    Rule(String),
}

impl From<Invalid> for Refusal {
    fn from(invalid: Invalid) -> Self {
        Self::Rule(invalid.0)
    }
}

impl From<String> for Refusal {
    fn from(message: String) -> Self {
        Self::Rule(message)
    }
}
