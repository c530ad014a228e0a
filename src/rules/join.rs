//! Tying target projects to budget lines: by project code, else by name (and unit where names repeat).

use std::collections::HashMap;

use crate::layout::{Reading, TableKind};
use crate::model::Project;
pub use crate::model::project::{budget_amount, code_key, name_key};
use crate::parse::text::header_key;

/// Target projects joined to budget lines (indices into `Reading::projects`).
#[derive(Debug, Default)]
pub struct Joined {
    /// Whether any budget or execution table was given (rules T001/B001/B002 apply only then).
    pub has_budget: bool,
    /// Target project → its budget line.
    pub budget_of: HashMap<usize, usize>,
    /// Budget lines that no target project claims (T001).
    pub unmatched_budget: Vec<usize>,
}

fn unit_key(p: &Project) -> String {
    p.unit
        .as_ref()
        .map(|u| header_key(&u.value))
        .unwrap_or_default()
}

pub fn join(reading: &Reading) -> Joined {
    let kind = |p: &Project| reading.table_of(p).kind;
    let budget: Vec<usize> = (0..reading.projects.len())
        .filter(|&i| {
            matches!(
                kind(&reading.projects[i]),
                TableKind::Budget | TableKind::Execution
            )
        })
        .collect();
    let targets: Vec<usize> = (0..reading.projects.len())
        .filter(|&i| kind(&reading.projects[i]) == TableKind::Targets)
        .collect();
    let mut joined = Joined {
        has_budget: !budget.is_empty(),
        ..Default::default()
    };
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for &b in &budget {
        let p = &reading.projects[b];
        if let Some(c) = code_key(p) {
            by_code.entry(c).or_insert(b);
        }
        by_name.entry(name_key(p)).or_default().push(b);
    }
    let mut claimed = vec![false; reading.projects.len()];
    for &t in &targets {
        let p = &reading.projects[t];
        let found = code_key(p)
            .and_then(|c| by_code.get(&c).copied())
            .or_else(|| {
                let same_name = by_name.get(&name_key(p))?;
                match same_name.as_slice() {
                    [only] => Some(*only),
                    many => many
                        .iter()
                        .copied()
                        .find(|&b| unit_key(&reading.projects[b]) == unit_key(p)),
                }
            });
        if let Some(b) = found {
            joined.budget_of.insert(t, b);
            claimed[b] = true;
        }
    }
    // A project listed in both a budget table and an execution table is one budget line.
    let key = |b: usize| {
        let p = &reading.projects[b];
        code_key(p).unwrap_or_else(|| format!("{}|{}", name_key(p), unit_key(p)))
    };
    let mut seen: HashMap<String, bool> = HashMap::new();
    for &b in &budget {
        let e = seen.entry(key(b)).or_insert(false);
        *e |= claimed[b];
    }
    let mut first = std::collections::HashSet::new();
    joined.unmatched_budget = budget
        .into_iter()
        .filter(|&b| first.insert(key(b)) && !seen.get(&key(b)).copied().unwrap_or(false))
        .collect();
    joined
}
