//! The county roll-up, pure: totals by unit, by budget kind and by light; the lists a report names.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::layout::{Reading, TableKind};
use crate::monitor::Level;
use crate::monitor::actions::{Action, ActionKind};
use crate::monitor::assemble::Monitored;
use crate::parse::text::header_key;
use crate::rules::join::{code_key, name_key};

/// Totals of a group of projects (a unit, a budget kind, the county).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub projects: usize,
    pub budget: f64,
    pub executed: f64,
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
    pub over: usize,
    pub na: usize,
}

impl Group {
    fn add(&mut self, m: &Monitored) {
        self.projects += 1;
        if let Some(e) = m.execution {
            self.budget += e.budget;
            self.executed += e.executed;
        }
        match m.worst() {
            Level::Red => self.red += 1,
            Level::Yellow => self.yellow += 1,
            Level::Green => self.green += 1,
            Level::Over => self.over += 1,
            Level::Na => self.na += 1,
        }
    }

    /// executed / budget, when there is a budget.
    pub fn rate(&self) -> Option<f64> {
        (self.budget > 0.0).then(|| self.executed / self.budget)
    }

    /// (time progress − rate) × 100.
    pub fn lag_pp(&self, time_progress: f64) -> Option<f64> {
        self.rate().map(|r| (time_progress - r) * 100.0)
    }
}

/// The four budgets (四本预算), in the order reports list them.
pub const BUDGET_KINDS: [&str; 4] = [
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
];

/// Which of the four budgets a written kind names (`一般公共预算资金` → 一般公共预算).
pub fn budget_kind_of(text: &str) -> Option<&'static str> {
    let k = header_key(text);
    BUDGET_KINDS
        .iter()
        .copied()
        .find(|b| k.contains(&b[..b.len() - "预算".len()]))
}

/// The roll-up of one monitoring round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    pub county: Group,
    pub by_unit: Vec<Group>,
    /// Only the kinds the inputs name; empty when no input says.
    pub by_kind: Vec<Group>,
    /// Indices into the monitored projects, most behind first.
    pub lagging: Vec<usize>,
    pub suspend: Vec<usize>,
    pub stop: Vec<usize>,
    pub reduce: Vec<usize>,
    /// Units that appear in the inputs (budget lines, targets) but reported no monitoring.
    pub not_reported: Vec<String>,
}

/// The budget kind of a monitored project: on its own rows, else on its budget line.
fn kind_of(m: &Monitored, reading: &Reading) -> Option<&'static str> {
    let own = m.sources.iter().find_map(|&s| {
        reading.projects[s]
            .budget_kind
            .as_ref()
            .and_then(|k| budget_kind_of(&k.value))
    });
    own.or_else(|| {
        let code = m.code.as_deref().map(|c| header_key(c).to_uppercase());
        let name = header_key(&m.name);
        reading
            .projects
            .iter()
            .filter(|p| {
                matches!(
                    reading.table_of(p).kind,
                    TableKind::Budget | TableKind::Targets
                )
            })
            .find(|p| (code.is_some() && code_key(p) == code) || name_key(p) == name)
            .and_then(|p| {
                p.budget_kind
                    .as_ref()
                    .and_then(|k| budget_kind_of(&k.value))
            })
    })
}

/// Rolls up the monitored projects.
pub fn rollup(monitored: &[Monitored], actions: &[Vec<Action>], reading: &Reading) -> Rollup {
    let unit_name = |m: &Monitored| {
        m.unit
            .clone()
            .unwrap_or_else(|| "（未注明单位）".to_string())
    };
    let mut county = Group {
        key: "全县".into(),
        ..Group::default()
    };
    let mut units: BTreeMap<String, Group> = BTreeMap::new();
    let mut kinds: BTreeMap<usize, Group> = BTreeMap::new();
    for m in monitored {
        county.add(m);
        let u = unit_name(m);
        units
            .entry(u.clone())
            .or_insert_with(|| Group {
                key: u,
                ..Group::default()
            })
            .add(m);
        if let Some(k) = kind_of(m, reading) {
            let i = BUDGET_KINDS.iter().position(|b| *b == k).unwrap_or(0);
            kinds
                .entry(i)
                .or_insert_with(|| Group {
                    key: k.to_string(),
                    ..Group::default()
                })
                .add(m);
        }
    }
    let mut lagging: Vec<usize> = (0..monitored.len())
        .filter(|&i| monitored[i].level.is_warning())
        .collect();
    lagging.sort_by(|&a, &b| {
        let lag = |i: usize| monitored[i].execution.map_or(0.0, |e| e.lag_pp);
        lag(b).total_cmp(&lag(a)).then(a.cmp(&b))
    });
    let with = |kind: ActionKind| {
        (0..monitored.len())
            .filter(|&i| actions[i].iter().any(|a| a.kind == kind))
            .collect::<Vec<_>>()
    };
    let reported: std::collections::BTreeSet<String> = monitored
        .iter()
        .filter_map(|m| m.unit.as_deref().map(header_key))
        .collect();
    let mut not_reported: Vec<String> = reading
        .projects
        .iter()
        .filter(|p| {
            matches!(
                reading.table_of(p).kind,
                TableKind::Budget | TableKind::Targets | TableKind::UnitTargets
            )
        })
        .filter_map(|p| p.unit.as_ref().map(|u| u.value.clone()))
        .filter(|u| !reported.contains(&header_key(u)))
        .collect();
    not_reported.sort();
    not_reported.dedup();
    Rollup {
        county,
        by_unit: units.into_values().collect(),
        by_kind: kinds.into_values().collect(),
        lagging,
        suspend: with(ActionKind::Suspend),
        stop: with(ActionKind::Stop),
        reduce: with(ActionKind::ReduceAndReport),
        not_reported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_kinds_are_recognised_in_their_long_forms() {
        assert_eq!(budget_kind_of("一般公共预算资金"), Some("一般公共预算"));
        assert_eq!(budget_kind_of("政府性基金"), Some("政府性基金预算"));
        assert_eq!(budget_kind_of("社会保险基金预算"), Some("社会保险基金预算"));
        assert_eq!(budget_kind_of("专项资金"), None);
    }
}
