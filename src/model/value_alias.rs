//! A value a plan's spreadsheets write for one of the plan's own values,
//! remembered from an import so the next import offers it again:
//! "In Progress" in a Status column read as `on_track`.

use serde::{Deserialize, Serialize};

use super::text::normalize;

/// One remembered value mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueAlias {
    /// The field the value is for: `status` or `term`.
    pub field: String,
    /// The value as a spreadsheet writes it.
    pub from: String,
    /// The plan's value: a status key (`on_track`) or a term (`short`).
    pub to: String,
}

/// The remembered plan value for `from` in `field`, if any.
pub fn find<'a>(aliases: &'a [ValueAlias], field: &str, from: &str) -> Option<&'a str> {
    let wanted = normalize(from);
    aliases
        .iter()
        .find(|a| a.field == field && normalize(&a.from) == wanted)
        .map(|a| a.to.as_str())
}

/// Adds or replaces the mapping of `alias.from` in its field; true when
/// the list changed.
pub fn remember(aliases: &mut Vec<ValueAlias>, alias: ValueAlias) -> bool {
    let wanted = normalize(&alias.from);
    match aliases
        .iter_mut()
        .find(|a| a.field == alias.field && normalize(&a.from) == wanted)
    {
        Some(a) if *a == alias => false,
        Some(a) => {
            *a = alias;
            true
        }
        None => {
            aliases.push(alias);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(from: &str, to: &str) -> ValueAlias {
        ValueAlias {
            field: "status".into(),
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn remembered_values_are_found_by_field_ignoring_case() {
        let mut list = Vec::new();
        assert!(remember(&mut list, alias("In Progress", "on_track")));
        assert!(!remember(&mut list, alias("In Progress", "on_track")));
        assert_eq!(find(&list, "status", "in  progress"), Some("on_track"));
        assert_eq!(find(&list, "term", "In Progress"), None);
        assert!(remember(&mut list, alias("in progress", "at_risk")));
        assert_eq!(list.len(), 1);
        assert_eq!(find(&list, "status", "In Progress"), Some("at_risk"));
    }
}
