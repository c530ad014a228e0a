//! How the performance targets are being met, county-wide: the other half of 双监控 in the report.

use serde::Serialize;

use crate::layout::Reading;
use crate::model::{Dimension, Possibility};
use crate::monitor::Level;
use crate::monitor::assemble::Monitored;

/// Counts over every monitored indicator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Targets {
    /// Indicators under monitoring.
    pub indicators: usize,
    /// Given a light (the others cannot be judged yet).
    pub judged: usize,
    pub green: usize,
    /// Behind their expected progress: yellow or red.
    pub behind: usize,
    pub red: usize,
    /// Far ahead (超额): the target may have been set too low.
    pub ahead: usize,
    /// Past their deadline and not done (M005).
    pub deadlines_missed: usize,
    /// The unit itself says 完全不可能.
    pub impossible: usize,
    /// Effect indicators (效益、满意度) not assessable before the year is out.
    pub effect_pending: usize,
    /// Other indicators not assessable (no target or actual to compare).
    pub other_pending: usize,
    /// Projects with at least one indicator behind.
    pub projects_behind: usize,
}

/// Counts the indicators of the monitored projects.
pub fn targets(monitored: &[Monitored], reading: &Reading) -> Targets {
    let mut t = Targets::default();
    for m in monitored {
        let mut behind = false;
        for w in &m.indicators {
            let ind = &reading.projects[w.project].indicators[w.index];
            let j = &w.judged;
            t.indicators += 1;
            match j.level {
                Level::Na => {
                    if ind.dimension() == Some(Dimension::Effect) {
                        t.effect_pending += 1;
                    } else {
                        t.other_pending += 1;
                    }
                }
                Level::Green => t.green += 1,
                Level::Over => t.ahead += 1,
                Level::Yellow => t.behind += 1,
                Level::Red => {
                    t.behind += 1;
                    t.red += 1;
                }
            }
            if j.level != Level::Na {
                t.judged += 1;
            }
            behind |= j.level.is_warning();
            if j.deadline_missed {
                t.deadlines_missed += 1;
            }
            if ind
                .possibility
                .as_ref()
                .is_some_and(|p| p.value == Possibility::Impossible)
            {
                t.impossible += 1;
            }
        }
        if behind {
            t.projects_behind += 1;
        }
    }
    t
}
