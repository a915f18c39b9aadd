//! The error of a plan that breaks one of its rules.

/// Why a plan, or a part of one, breaks one of its rules. The message
/// names the offending item, KPI, meeting or setting.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl From<String> for Invalid {
    fn from(message: String) -> Self {
        Self(message)
    }
}
