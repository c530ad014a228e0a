//! The review verdict of one project: pass or fail, indicators per dimension, findings per code.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Dimension;

/// What `perf check` concludes about one project (output.md: check's projects[]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Index into `Reading::projects` of the project's targets (None for a
    /// budget line with no targets at all, T001).
    pub project: Option<usize>,
    pub name: String,
    pub code: Option<String>,
    pub unit: Option<String>,
    /// Indicator count per dimension.
    pub dimensions: BTreeMap<Dimension, usize>,
    /// True when no finding of severity error concerns the project.
    pub pass: bool,
    /// Finding count per code.
    pub findings: BTreeMap<&'static str, usize>,
    /// The amount on the budget line (万元), when one was joined.
    pub budget: Option<f64>,
}
