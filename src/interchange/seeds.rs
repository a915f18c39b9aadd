//! The city plans shipped with Cairn, transcribed from the published texts
//! (see `seeds/` and each file's `plan.notes`), and the illustrative sample
//! KPI set for Phoenix.

use crate::interchange::{InterchangeError, from_json, kpis_from_json};
use crate::model::{Plan, PlanInfo};

/// City of Phoenix Strategic Technology Plan 2022–2026.
pub const PHOENIX_JSON: &str = include_str!("../../seeds/phoenix-2022-2026.json");
/// City of Milwaukee Strategic Technology Plan 2024–2028.
pub const MILWAUKEE_JSON: &str = include_str!("../../seeds/milwaukee-2024-2028.json");
/// Illustrative KPIs for the Phoenix plan. Sample data, not the city's.
pub const PHOENIX_SAMPLE_KPIS_JSON: &str = include_str!("../../seeds/phoenix-sample-kpis.json");

/// The seeds a new workbench can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    Phoenix,
    Milwaukee,
    Blank,
}

impl Seed {
    pub const ALL: [Self; 3] = [Self::Phoenix, Self::Milwaukee, Self::Blank];

    pub fn key(self) -> &'static str {
        match self {
            Self::Phoenix => "phoenix",
            Self::Milwaukee => "milwaukee",
            Self::Blank => "blank",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Phoenix => "City of Phoenix Strategic Technology Plan 2022–2026",
            Self::Milwaukee => "City of Milwaukee Strategic Technology Plan 2024–2028",
            Self::Blank => "Blank plan",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.key() == text.trim().to_lowercase())
    }

    /// The seed's plan. Seeds are checked by the test suite, so an error
    /// here means a broken build, but it is still reported, not panicked.
    pub fn plan(self) -> Result<Plan, InterchangeError> {
        match self {
            Self::Phoenix => from_json(PHOENIX_JSON),
            Self::Milwaukee => from_json(MILWAUKEE_JSON),
            Self::Blank => Ok(Plan::new(PlanInfo::blank(), Vec::new(), Vec::new())),
        }
    }
}

/// The Phoenix plan with the illustrative sample KPIs added.
pub fn phoenix_with_sample_kpis() -> Result<Plan, InterchangeError> {
    let mut plan = from_json(PHOENIX_JSON)?;
    plan.kpis = kpis_from_json(PHOENIX_SAMPLE_KPIS_JSON)?;
    plan.validate()?;
    Ok(plan)
}
