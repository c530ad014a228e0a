//! Monitored projects: fund execution lines and indicator monitoring joined per project, then judged.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::execution::{self, Execution};
use super::indicator::{self, Judged};
use super::{AsOf, Level, Thresholds};
use crate::layout::{Reading, TableKind};
use crate::model::project::{code_key, name_key};
use crate::model::{Located, MoneyLine, Project};
use crate::parse::meaning::DirectionWords;

/// One indicator of a monitored project with its judgement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Watched {
    /// Index into `Reading::projects` of the project the indicator was read in.
    pub project: usize,
    /// Index into that project's indicators.
    pub index: usize,
    pub judged: Judged,
}

/// A project under 双监控.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Monitored {
    pub name: String,
    pub code: Option<String>,
    pub unit: Option<String>,
    /// The project (index into the reading) whose money line gives budget and executed.
    pub money_from: Option<usize>,
    /// Every project record joined into this one (execution line, monitoring sheet …).
    pub sources: Vec<usize>,
    pub execution: Option<Execution>,
    /// Money executed against a full-year budget that cannot be paced
    /// against (zero, negative or not credible: M010). No pace is judged,
    /// but the county's totals keep the money.
    pub unpaced_spending: Option<f64>,
    pub indicators: Vec<Watched>,
    /// The budget-execution light: the pace's, or red when executed above
    /// the full-year budget (M006).
    pub level: Level,
    /// The worst indicator light.
    pub indicator_level: Level,
}

impl Monitored {
    /// The money line execution was judged on.
    pub fn money_line<'a>(&self, r: &'a Reading) -> Option<&'a MoneyLine> {
        self.money_from.and_then(|p| r.projects[p].total_line())
    }

    /// (budget, executed) as the county's totals count them: the judged
    /// execution's, or — where the budget is unusable — no budget but the
    /// money spent, which must not vanish from the totals.
    pub fn counted_money(&self) -> Option<(f64, f64)> {
        match (self.execution, self.unpaced_spending) {
            (Some(e), _) => Some((e.budget, e.executed)),
            (None, Some(spent)) => Some((0.0, spent)),
            (None, None) => None,
        }
    }

    /// The worst of both lights.
    pub fn worst(&self) -> Level {
        self.level.max(self.indicator_level)
    }

    /// Execution behind time progress (yellow or red by pace); an overspent
    /// project is red but does not lag.
    pub fn lags(&self) -> bool {
        self.execution.is_some_and(|e| e.level.is_warning())
    }
}

fn has_money(p: &Project) -> bool {
    p.total_line()
        .is_some_and(|m| m.full_year_budget().is_some() && m.executed.is_some())
}

fn executed_of(m: &MoneyLine) -> Option<&Located<f64>> {
    m.executed.as_ref()
}

/// Marks a project name shared by projects of several units.
const AMBIGUOUS: usize = usize::MAX;

/// Joins execution and monitoring records by project code, else name (and unit),
/// and judges them, reading directions by the default words.
pub fn assemble(reading: &Reading, as_of: &AsOf, t: &Thresholds) -> Vec<Monitored> {
    assemble_with(reading, as_of, t, &DirectionWords::default())
}

/// [`assemble`], reading directions by `words` (`[direction]` in perf.toml).
pub fn assemble_with(
    reading: &Reading,
    as_of: &AsOf,
    t: &Thresholds,
    words: &DirectionWords,
) -> Vec<Monitored> {
    let mut out: Vec<Monitored> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    // (monitored project, project read, indicator) in reading order.
    let mut watched: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in reading.projects.iter().enumerate() {
        let kind = reading.table_of(p).kind;
        if !matches!(kind, TableKind::Monitoring | TableKind::Execution) {
            continue;
        }
        // Join by code, else by name and unit; a name alone joins only a record
        // that names no unit, and only when one project of that name is known.
        let unit = p
            .unit
            .as_ref()
            .map(|u| crate::parse::text::header_key_cow(&u.value));
        let name = name_key(p);
        let keys = [
            code_key(p).map(|c| format!("code:{c}")),
            unit.as_ref().map(|u| format!("unit:{name}|{u}")),
        ];
        let name_only = format!("name:{name}");
        let lookup_name = if unit.is_none() {
            Some(name_only.clone())
        } else {
            None
        };
        let existing = keys
            .iter()
            .flatten()
            .chain(lookup_name.iter())
            .find_map(|k| by_key.get(k).copied().filter(|&m| m != AMBIGUOUS));
        let m = match existing {
            Some(m) => m,
            None => {
                out.push(Monitored {
                    name: p.name.value.clone(),
                    code: p.code.as_ref().map(|c| c.value.clone()),
                    unit: p.unit.as_ref().map(|u| u.value.clone()),
                    money_from: None,
                    sources: Vec::new(),
                    execution: None,
                    unpaced_spending: None,
                    indicators: Vec::new(),
                    level: Level::Na,
                    indicator_level: Level::Na,
                });
                out.len() - 1
            }
        };
        for k in keys.into_iter().flatten() {
            by_key.entry(k).or_insert(m);
        }
        let e = by_key.entry(name_only).or_insert(m);
        if *e != m {
            *e = AMBIGUOUS;
        }
        let entry = &mut out[m];
        entry.sources.push(i);
        if entry.code.is_none() {
            entry.code = p.code.as_ref().map(|c| c.value.clone());
        }
        if entry.unit.is_none() {
            entry.unit = p.unit.as_ref().map(|u| u.value.clone());
        }
        if entry.money_from.is_none() && has_money(p) {
            entry.money_from = Some(i);
        }
        if kind == TableKind::Monitoring {
            watched.extend((0..p.indicators.len()).map(|index| (m, i, index)));
        }
    }
    // Each indicator is judged on its own (a county has tens of thousands): on every core.
    let judged: Vec<Judged> = watched
        .par_iter()
        .map(|&(_, p, index)| {
            indicator::judge(&reading.projects[p].indicators[index], as_of, t, words)
        })
        .collect();
    for ((m, project, index), judged) in watched.into_iter().zip(judged) {
        out[m].indicators.push(Watched {
            project,
            index,
            judged,
        });
    }
    let tp = as_of.time_progress();
    for m in &mut out {
        let money = m
            .money_line(reading)
            .and_then(|line| Some((line.full_year_budget()?.value, executed_of(line)?.value)));
        m.execution =
            money.and_then(|(budget, executed)| execution::judge(budget, executed, tp, t));
        m.unpaced_spending = money.and_then(|(budget, executed)| {
            let unpaced =
                !execution::usable_budget(budget) && executed.is_finite() && executed != 0.0;
            unpaced.then_some(executed)
        });
        // Executed above the full-year budget (M006) is red whatever the pace:
        // money spent that the budget does not hold.
        m.level = m.execution.map_or(
            Level::Na,
            |e| {
                if e.over_budget { Level::Red } else { e.level }
            },
        );
        m.indicator_level = Level::worst(m.indicators.iter().map(|w| w.judged.level));
    }
    out
}
