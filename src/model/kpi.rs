//! Key performance indicators and their measurements.

use serde::{Deserialize, Serialize};

use super::info::PlanInfo;
use super::period::Period;
use super::status::StatusKind;

/// Which way a KPI should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    /// On track while within `tolerance` of the target either way.
    TargetBand,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Self::HigherIsBetter => "Higher is better",
            Self::LowerIsBetter => "Lower is better",
            Self::TargetBand => "Within a band around the target",
        }
    }
}

/// How often a KPI is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    HalfYearly,
    Annually,
}

/// The target value for one reporting period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub period: String,
    pub value: f64,
}

/// A measured value for one period. `value: None` records that the value is
/// missing (not reported) — which is never the same as zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub period: String,
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A KPI attached to one item of the tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub id: String,
    /// The id of the item the KPI measures.
    pub item: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_period: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// For a target band: the distance from the target, either way, that
    /// is still on track. Ignored for the other directions.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tolerance: f64,
    /// How far past the on-track line (in the KPI's unit) a value is still
    /// "at risk" rather than "off track".
    #[serde(default, skip_serializing_if = "is_zero")]
    pub at_risk_margin: f64,
    pub frequency: Frequency,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Illustrative figures, not the city's: every view and report says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// A calculated KPI's formula over other KPIs' values for the same
    /// period (`[Calls answered] / [Calls received] * 100`); its values are
    /// worked out by `rules::formula` and are read only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<Measurement>,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

/// The measurement behind a KPI's figures for a period: which period it
/// was measured in, the value (`None`: recorded as missing) and the status
/// it gives against that period's target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading<'k> {
    pub period: &'k str,
    pub value: Option<f64>,
    pub status: Option<StatusKind>,
}

impl Kpi {
    /// A new KPI with nothing set but its id, item and name: higher is
    /// better, measured once a year, no targets, no values.
    pub fn new(id: &str, item: &str, name: &str) -> Self {
        Self {
            id: id.to_owned(),
            item: item.to_owned(),
            name: name.to_owned(),
            description: String::new(),
            unit: String::new(),
            direction: Direction::HigherIsBetter,
            baseline: None,
            baseline_period: None,
            targets: Vec::new(),
            tolerance: 0.0,
            at_risk_margin: 0.0,
            frequency: Frequency::Annually,
            owner: String::new(),
            source: String::new(),
            sample: false,
            formula: None,
            measurements: Vec::new(),
        }
    }

    /// The target set for `period`, if any.
    pub fn target_for(&self, period: &str) -> Option<f64> {
        self.targets
            .iter()
            .find(|t| t.period == period)
            .map(|t| t.value)
    }

    /// The measured value for `period`; `None` if missing or not recorded.
    pub fn value_for(&self, period: &str) -> Option<f64> {
        self.measurements
            .iter()
            .find(|m| m.period == period)
            .and_then(|m| m.value)
    }

    /// Status of one value against one target, by the KPI's direction and
    /// thresholds:
    /// - higher is better: on track at or above target; at risk down to
    ///   `target - at_risk_margin`; off track below.
    /// - lower is better: on track at or below target; at risk up to
    ///   `target + at_risk_margin`; off track above.
    /// - target band: on track within `tolerance` of the target; at risk
    ///   within `tolerance + at_risk_margin`; off track beyond.
    pub fn judge(&self, value: f64, target: f64) -> StatusKind {
        let shortfall = match self.direction {
            Direction::HigherIsBetter => target - value,
            Direction::LowerIsBetter => value - target,
            Direction::TargetBand => (value - target).abs() - self.tolerance,
        };
        if shortfall <= 0.0 {
            StatusKind::OnTrack
        } else if shortfall <= self.at_risk_margin {
            StatusKind::AtRisk
        } else {
            StatusKind::OffTrack
        }
    }

    /// The KPI's status in `period`: its value there against its target
    /// there. `None` when either is missing — a missing value is not zero.
    pub fn status_in(&self, period: &str) -> Option<StatusKind> {
        let value = self.value_for(period)?;
        let target = self.target_for(period)?;
        Some(self.judge(value, target))
    }

    /// The measurement a period's figures use, one rule for roll-ups, cards
    /// and the window: for a period, its own measurement, else the latest
    /// of the periods inside it (a year's last measured quarter); for
    /// `None`, the latest measurement of all. A period with nothing measured
    /// in it has no reading: a status never comes from a value the period's
    /// card does not print.
    pub fn reading<'k>(&'k self, info: &PlanInfo, period: Option<&str>) -> Option<Reading<'k>> {
        self.reading_by(
            |label| info.periods.iter().find(|p| p.label == label),
            period,
        )
    }

    /// [`Kpi::reading`] with the periods looked up by `period_of` (a roll-up
    /// of the whole plan builds the index once).
    pub fn reading_by<'k, 'p>(
        &'k self,
        period_of: impl Fn(&str) -> Option<&'p Period>,
        period: Option<&str>,
    ) -> Option<Reading<'k>> {
        let span = match period {
            Some(label) => {
                let p = period_of(label)?;
                Some((p.start, p.end))
            }
            None => None,
        };
        let m = match period.and_then(|label| self.measurements.iter().find(|m| m.period == label))
        {
            Some(m) => m,
            None => self
                .measurements
                .iter()
                .filter_map(|m| {
                    let p = period_of(&m.period)?;
                    span.is_none_or(|(s, e)| p.start >= s && p.end <= e)
                        .then_some(((p.end, std::cmp::Reverse(p.start)), m))
                })
                .max_by_key(|(key, _)| *key)
                .map(|(_, m)| m)?,
        };
        Some(Reading {
            period: &m.period,
            value: m.value,
            status: self.status_in(&m.period),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(direction: Direction) -> Kpi {
        Kpi {
            id: "k".into(),
            item: "i".into(),
            name: "n".into(),
            description: String::new(),
            unit: "%".into(),
            direction,
            baseline: None,
            baseline_period: None,
            targets: vec![Target {
                period: "FY2024".into(),
                value: 90.0,
            }],
            tolerance: 2.0,
            at_risk_margin: 5.0,
            frequency: Frequency::Annually,
            owner: String::new(),
            source: String::new(),
            sample: true,
            formula: None,
            measurements: vec![],
        }
    }

    #[test]
    fn higher_is_better_thresholds() {
        let k = kpi(Direction::HigherIsBetter);
        assert_eq!(k.judge(90.0, 90.0), StatusKind::OnTrack);
        assert_eq!(k.judge(85.0, 90.0), StatusKind::AtRisk);
        assert_eq!(k.judge(84.9, 90.0), StatusKind::OffTrack);
    }

    #[test]
    fn lower_is_better_thresholds() {
        let k = kpi(Direction::LowerIsBetter);
        assert_eq!(k.judge(80.0, 90.0), StatusKind::OnTrack);
        assert_eq!(k.judge(95.0, 90.0), StatusKind::AtRisk);
        assert_eq!(k.judge(96.0, 90.0), StatusKind::OffTrack);
    }

    #[test]
    fn band_thresholds_apply_both_ways() {
        let k = kpi(Direction::TargetBand);
        assert_eq!(k.judge(88.0, 90.0), StatusKind::OnTrack);
        assert_eq!(k.judge(92.0, 90.0), StatusKind::OnTrack);
        assert_eq!(k.judge(97.0, 90.0), StatusKind::AtRisk);
        assert_eq!(k.judge(82.0, 90.0), StatusKind::OffTrack);
    }

    #[test]
    fn a_missing_value_has_no_status_and_is_not_zero() {
        let mut k = kpi(Direction::LowerIsBetter);
        k.measurements.push(Measurement {
            period: "FY2024".into(),
            value: None,
            comment: "not reported".into(),
        });
        // A zero would be "on track" for a lower-is-better KPI.
        assert_eq!(k.status_in("FY2024"), None);
        let mut info = PlanInfo::blank();
        info.periods = crate::model::period::fiscal_periods(7, 2024, 2024, false);
        let reading = k.reading(&info, Some("FY2024")).expect("a reading");
        assert_eq!((reading.value, reading.status), (None, None));
    }
}
