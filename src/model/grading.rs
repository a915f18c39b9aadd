//! Grading scales: letter grades or colour bands with cut-offs that belong to
//! the plan, not the code.

use serde::{Deserialize, Serialize};

use super::invalid::Invalid;

/// One grade and the lowest score (0–100) that earns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub grade: String,
    pub min_score: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meaning: String,
}

/// A plan's grading scale, highest grade first, and the rule for what a
/// grade rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradingScale {
    pub name: String,
    pub grades: Vec<Grade>,
    #[serde(default, skip_serializing_if = "GradeRule::is_default")]
    pub rule: GradeRule,
}

/// What a grade counts, as data of the plan (printed beside the grade).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GradeRule {
    /// An item not started that should have started by the period's end
    /// (its start date, its due date, or its term's window) counts as
    /// behind, with the points of Off track, instead of being left out.
    pub count_behind: bool,
    /// Below this share (percent) of gradable items actually graded, no
    /// letter is given: "not graded: too few updates".
    pub min_coverage: f64,
    /// Short-term items are to start within this many years of the plan's
    /// first period; long-term ones within the plan.
    pub short_term_years: u32,
}

impl Default for GradeRule {
    fn default() -> Self {
        Self {
            count_behind: true,
            min_coverage: 25.0,
            short_term_years: 2,
        }
    }
}

impl GradeRule {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl Default for GradingScale {
    fn default() -> Self {
        let grade = |grade: &str, min_score: f64, meaning: &str| Grade {
            grade: grade.to_owned(),
            min_score,
            meaning: meaning.to_owned(),
        };
        Self {
            name: "Letter grade".to_owned(),
            grades: vec![
                grade("A", 90.0, "Excellent progress"),
                grade("B", 80.0, "Good progress"),
                grade("C", 70.0, "Fair progress; some delays"),
                grade("D", 60.0, "Poor progress; significant delays"),
                grade("F", 0.0, "Failing; intervention needed"),
            ],
            rule: GradeRule::default(),
        }
    }
}

impl GradingScale {
    /// The grade for a score, or `None` if there is no score or the scale
    /// has no grade low enough.
    pub fn grade_for(&self, score: Option<f64>) -> Option<&Grade> {
        let score = score?;
        self.grades
            .iter()
            .filter(|g| score >= g.min_score)
            .max_by(|a, b| a.min_score.total_cmp(&b.min_score))
    }

    /// Checks the scale is usable: at least one grade, distinct names,
    /// cut-offs within 0–100 and not repeated.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.grades.is_empty() {
            return Err(Invalid("the grading scale has no grades".to_owned()));
        }
        if !(0.0..=100.0).contains(&self.rule.min_coverage) {
            return Err(Invalid(format!(
                "the grade's minimum coverage {} is outside 0–100",
                self.rule.min_coverage
            )));
        }
        if self.rule.short_term_years > 50 {
            return Err(Invalid(format!(
                "short-term items are given {} years to start; at most 50",
                self.rule.short_term_years
            )));
        }
        for (i, g) in self.grades.iter().enumerate() {
            if g.grade.trim().is_empty() {
                return Err(Invalid(format!("grade {} has no name", i + 1)));
            }
            if !(0.0..=100.0).contains(&g.min_score) {
                return Err(Invalid(format!(
                    "grade {:?} has cut-off {} outside 0–100",
                    g.grade, g.min_score
                )));
            }
            for other in &self.grades[..i] {
                if other.grade == g.grade {
                    return Err(Invalid(format!("grade {:?} is listed twice", g.grade)));
                }
                if other.min_score.total_cmp(&g.min_score).is_eq() {
                    return Err(Invalid(format!(
                        "grades {:?} and {:?} share the cut-off {}",
                        other.grade, g.grade, g.min_score
                    )));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_offs_are_inclusive_and_ordered() {
        let scale = GradingScale::default();
        let g = |s| scale.grade_for(Some(s)).map(|g| g.grade.as_str());
        assert_eq!(g(100.0), Some("A"));
        assert_eq!(g(90.0), Some("A"));
        assert_eq!(g(89.99), Some("B"));
        assert_eq!(g(0.0), Some("F"));
        assert_eq!(scale.grade_for(None), None);
    }

    #[test]
    fn a_scale_without_a_floor_gives_no_grade_below_it() {
        let mut scale = GradingScale::default();
        scale.grades.retain(|g| g.grade != "F");
        assert_eq!(scale.grade_for(Some(10.0)), None);
    }

    #[test]
    fn validation_names_the_problem() {
        let mut scale = GradingScale::default();
        scale.grades[1].min_score = 90.0;
        let err = scale.validate().expect_err("duplicate cut-off");
        assert!(err.0.contains("\"A\"") && err.0.contains("\"B\""), "{err}");
        scale.grades.clear();
        assert!(scale.validate().is_err());
    }
}
