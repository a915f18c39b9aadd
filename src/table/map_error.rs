//! The error of a `--map` or `--map-value` entry (or the window's column
//! and value choices, which make the same entries) that cannot be taken.

/// The form `--map-value` entries are shown in when one is not understood.
pub const VALUE_EXAMPLE: &str = "--map-value \"Status:In Progress=on_track\"";

/// Why a mapping entry was refused; the message quotes the entry.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MapError {
    #[error("--map {entry:?}: write it as HEADER=ROLE, e.g. \"{example}\"")]
    RoleForm {
        entry: String,
        example: &'static str,
    },
    #[error("--map {entry:?}: the table has no column {header:?}; its columns are {columns}")]
    NoColumn {
        entry: String,
        header: String,
        columns: String,
    },
    #[error("--map {entry:?}: {role:?} is not a role; use one of {roles}")]
    NotARole {
        entry: String,
        role: String,
        roles: String,
    },
    #[error("--map-value {entry:?}: write it as COLUMN:FROM=TO, e.g. {VALUE_EXAMPLE}")]
    ValueForm { entry: String },
    #[error(
        "--map-value {entry:?}: name a column of the table before the ':' (its columns are {columns}), e.g. {VALUE_EXAMPLE}"
    )]
    ValueColumn { entry: String, columns: String },
    #[error(
        "--map-value {entry:?}: column {column} is not read as status or term; only their values are mapped"
    )]
    NotMappable { entry: String, column: String },
    #[error("--map-value {entry:?}: say which value is mapped, e.g. {VALUE_EXAMPLE}")]
    NoValue { entry: String },
    /// `kind` is "status" or "term"; `choices` the plan's values of it.
    #[error("--map-value {entry:?}: {to:?} is not a {kind} of the plan; use one of {choices}")]
    NotAPlanValue {
        entry: String,
        to: String,
        kind: &'static str,
        choices: String,
    },
}
