//! 绩效自评, pure: budget-execution points, indicator points by direction and band, totals and grades.

pub mod apply;
pub mod score;

use serde::Serialize;

/// Scoring settings (domain.md §5; configurable).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scheme {
    /// Points of budget execution when the sheet states none.
    pub budget_points: f64,
    /// Points shared by output (产出) indicators when the sheet gives none.
    pub output_points: f64,
    /// Points shared by effect (效益) indicators.
    pub effect_points: f64,
    /// Points shared by satisfaction indicators.
    pub satisfaction_points: f64,
    /// Lower bounds of the grades 优, 良, 中 (差 below the last).
    pub grade_bounds: [f64; 3],
    /// How far the stated score may exceed the recomputed one (E003).
    pub tolerance: f64,
    /// Execution rate below which a reason is needed (E005).
    pub execution_reason_below: f64,
    /// The words an indicator's direction is read by when no operator is written.
    pub direction: crate::parse::meaning::DirectionWords,
}

impl Default for Scheme {
    fn default() -> Self {
        Scheme {
            budget_points: 10.0,
            output_points: 50.0,
            effect_points: 30.0,
            satisfaction_points: 10.0,
            grade_bounds: [90.0, 80.0, 60.0],
            tolerance: 1.0,
            execution_reason_below: 0.9,
            direction: crate::parse::meaning::DirectionWords::default(),
        }
    }
}

/// 优 / 良 / 中 / 差.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Grade {
    #[serde(rename = "优")]
    Excellent,
    #[serde(rename = "良")]
    Good,
    #[serde(rename = "中")]
    Fair,
    #[serde(rename = "差")]
    Poor,
}

impl Grade {
    pub fn of(score: f64, s: &Scheme) -> Grade {
        let [a, b, c] = s.grade_bounds;
        // Lower bounds are inclusive; the score is graded as it is shown (two
        // decimals), so 89.996 — shown 90.00 — is 优, not 良.
        let score = round2(score);
        if score >= a - 1e-9 {
            Grade::Excellent
        } else if score >= b - 1e-9 {
            Grade::Good
        } else if score >= c - 1e-9 {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Poor => "poor",
        }
    }
}

/// Rounds to two decimals for display only (sums use full precision).
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Points as shown: two decimals, never `-0.00`.
pub fn points_text(v: f64) -> String {
    let r = round2(v);
    format!("{:.2}", if r == 0.0 { 0.0 } else { r })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_boundaries_are_inclusive() {
        let s = Scheme::default();
        assert_eq!(Grade::of(90.0, &s), Grade::Excellent);
        // Graded as shown: 89.996 is shown 90.00; 89.994 is shown 89.99.
        assert_eq!(Grade::of(89.996, &s), Grade::Excellent);
        assert_eq!(Grade::of(89.994, &s), Grade::Good);
        assert_eq!(Grade::of(80.0, &s), Grade::Good);
        assert_eq!(Grade::of(60.0, &s), Grade::Fair);
        assert_eq!(Grade::of(59.99, &s), Grade::Poor);
    }
}
