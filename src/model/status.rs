//! The fixed status vocabulary. Plans may relabel each status, but the set of
//! kinds is fixed so roll-ups, colours and report cards agree everywhere.

use serde::{Deserialize, Serialize};

/// One status an item or KPI can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    OnHold,
    Completed,
    Cancelled,
}

impl StatusKind {
    /// Every kind, in the order they are listed in menus and reports.
    pub const ALL: [Self; 7] = [
        Self::NotStarted,
        Self::OnTrack,
        Self::AtRisk,
        Self::OffTrack,
        Self::OnHold,
        Self::Completed,
        Self::Cancelled,
    ];

    /// The key used in files and on the command line (`on_track`).
    pub fn key(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::OffTrack => "off_track",
            Self::OnHold => "on_hold",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }

    /// The label used when a plan has not relabelled the status.
    pub fn default_label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::OnTrack => "On track",
            Self::AtRisk => "At risk",
            Self::OffTrack => "Off track",
            Self::OnHold => "On hold",
            Self::Completed => "Completed",
            Self::Cancelled => "Cancelled",
        }
    }

    /// Score points used for grades when the plan does not set its own.
    /// `None` means the status does not count towards a grade.
    pub fn default_points(self) -> Option<f64> {
        match self {
            Self::Completed => Some(100.0),
            Self::OnTrack => Some(90.0),
            Self::AtRisk => Some(70.0),
            Self::OnHold => Some(60.0),
            Self::OffTrack => Some(40.0),
            Self::NotStarted | Self::Cancelled => None,
        }
    }

    /// A short symbol printed beside the colour, so status never relies on
    /// colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::NotStarted => "○",
            Self::OnTrack => "●",
            Self::AtRisk => "▲",
            Self::OffTrack => "✖",
            Self::OnHold => "‖",
            Self::Completed => "✔",
            Self::Cancelled => "–",
        }
    }

    /// Parses a key (`at_risk`) or a default label (`At risk`), ignoring case.
    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
        Self::ALL.into_iter().find(|kind| kind.key() == wanted)
    }

    /// True for statuses meaning "needs attention".
    pub fn is_at_risk(self) -> bool {
        matches!(self, Self::AtRisk | Self::OffTrack)
    }
}

/// A plan's label and grade points for one status kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusLabel {
    pub kind: StatusKind,
    pub label: String,
    /// Points towards a grade (0–100); absent means "does not count".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
}

/// The plan's status vocabulary: one label per kind.
pub fn default_status_labels() -> Vec<StatusLabel> {
    StatusKind::ALL
        .into_iter()
        .map(|kind| StatusLabel {
            kind,
            label: kind.default_label().to_owned(),
            points: kind.default_points(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_keys_and_labels() {
        assert_eq!(StatusKind::parse("at_risk"), Some(StatusKind::AtRisk));
        assert_eq!(StatusKind::parse("Off track"), Some(StatusKind::OffTrack));
        assert_eq!(StatusKind::parse("ON-HOLD"), Some(StatusKind::OnHold));
        assert_eq!(StatusKind::parse("finished"), None);
    }

    #[test]
    fn keys_round_trip_through_serde() {
        for kind in StatusKind::ALL {
            let json = serde_json::to_string(&kind).expect("serialise");
            assert_eq!(json, format!("\"{}\"", kind.key()));
        }
    }
}
