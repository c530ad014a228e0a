//! Budget execution against time progress: rate, pace, gap in 百分点, light.

use serde::Serialize;

use super::{Level, Thresholds};

/// The budget-execution side of 双监控 for one project (amounts in 万元).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Execution {
    pub budget: f64,
    pub executed: f64,
    /// executed / budget.
    pub rate: f64,
    pub time_progress: f64,
    /// rate / time progress.
    pub pace: f64,
    /// (time progress − rate) × 100: how far behind, in 百分点 (negative = ahead).
    pub lag_pp: f64,
    pub level: Level,
    /// Executed above the full-year budget (M006).
    pub over_budget: bool,
}

/// A full-year budget (万元) beyond any county's: ten trillion yuan. Such a
/// figure is a slip (a pasted ID, 1e308), not an amount to pace against.
pub const ABSURD_BUDGET: f64 = 1e9;

/// Whether `budget` (万元) can be paced against: positive and credible.
pub fn usable_budget(budget: f64) -> bool {
    budget > 0.0 && budget.is_finite() && budget < ABSURD_BUDGET
}

/// Judges execution; None when the budget is missing, zero or not credible
/// (nothing to pace against; M010 says so where money was spent).
pub fn judge(budget: f64, executed: f64, time_progress: f64, t: &Thresholds) -> Option<Execution> {
    if !usable_budget(budget) || time_progress <= 0.0 || !executed.is_finite() {
        return None;
    }
    let rate = executed / budget;
    let pace = rate / time_progress;
    Some(Execution {
        budget,
        executed,
        rate,
        time_progress,
        pace,
        lag_pp: (time_progress - rate) * 100.0,
        level: t.band(pace),
        over_budget: executed > budget + 1e-9,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(budget: f64, executed: f64, month: u32) -> Execution {
        judge(
            budget,
            executed,
            f64::from(month) / 12.0,
            &Thresholds::default(),
        )
        .unwrap()
    }

    #[test]
    fn the_public_toilets_sample() {
        // 151.80 of 324.00 executed by September: 46.85 % against 75 %.
        let e = j(324.0, 151.8, 9);
        assert!((e.rate - 0.468_518_5).abs() < 1e-6);
        assert!((e.pace - 0.624_691).abs() < 1e-5);
        assert!((e.lag_pp - 28.148_148).abs() < 1e-5);
        assert_eq!(e.level, Level::Yellow);
    }

    #[test]
    fn boundaries_at_sixty_and_eighty_percent() {
        assert_eq!(j(100.0, 30.0, 6).level, Level::Yellow, "pace exactly 60 %");
        assert_eq!(j(100.0, 29.99, 6).level, Level::Red);
        assert_eq!(j(100.0, 40.0, 6).level, Level::Green, "pace exactly 80 %");
        assert_eq!(j(100.0, 39.99, 6).level, Level::Yellow);
    }

    #[test]
    fn over_budget_and_no_budget() {
        assert!(j(100.0, 100.5, 12).over_budget);
        assert!(!j(100.0, 100.0, 12).over_budget);
        assert!(judge(0.0, 10.0, 0.5, &Thresholds::default()).is_none());
    }
}
