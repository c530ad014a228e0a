//! What 双监控 proposes for a project: correct, suspend, stop, or cut and report (the seed's consequences).

use serde::Serialize;

use super::Level;
use super::assemble::Monitored;
use crate::i18n::Lang;
use crate::layout::Reading;
use crate::model::Possibility;

/// A proposed action with its reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub kind: ActionKind,
    pub reason: String,
}

/// Declared weakest first: a project takes the strongest that applies (停止
/// supersedes 暂缓, which supersedes 纠偏; 调减或收回 after a repeated red is last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// 纠偏: the unit analyses the cause and corrects.
    Correct,
    /// Executed above the full-year budget (M006): verify, adjust the budget or take the excess back.
    Overspent,
    /// 暂缓执行: large deviation or projection far short.
    Suspend,
    /// 停止执行: the unit says the target cannot be reached.
    Stop,
    /// 调减或收回资金并报告县政府: red again after the previous round.
    ReduceAndReport,
}

impl ActionKind {
    pub fn zh(self) -> &'static str {
        match self {
            ActionKind::Correct => "纠偏",
            ActionKind::Overspent => "核实超支原因，按程序调整预算或收回超支资金",
            ActionKind::Suspend => "暂缓执行",
            ActionKind::Stop => "停止执行",
            ActionKind::ReduceAndReport => "调减或收回资金并报告县政府",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ActionKind::Correct => "correct",
            ActionKind::Overspent => {
                "verify the overspending, adjust the budget by procedure or take the excess back"
            }
            ActionKind::Suspend => "suspend execution",
            ActionKind::Stop => "stop execution",
            ActionKind::ReduceAndReport => {
                "reduce or take back funds and report to the county government"
            }
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }
}

/// The one action proposed for a project — the strongest that applies, its
/// reason followed by those of the weaker ones it supersedes — or none; as a
/// list of at most one so callers iterate it. `red_again` when it was red in
/// the previous round too.
pub fn propose(m: &Monitored, reading: &Reading, red_again: bool, lang: Lang) -> Vec<Action> {
    let all = candidates(m, reading, red_again, lang);
    strongest(all, lang).into_iter().collect()
}

/// Keeps the strongest action, its reason completed by the others' (a project
/// in one list only, as the county government reads them).
fn strongest(mut all: Vec<Action>, lang: Lang) -> Option<Action> {
    // Stable: of equal kinds the first found stays first.
    all.sort_by_key(|a| std::cmp::Reverse(a.kind));
    let mut it = all.into_iter();
    let mut top = it.next()?;
    for weaker in it {
        top.reason.push_str(lang.pick("；", "; "));
        top.reason.push_str(&weaker.reason);
    }
    Some(top)
}

/// Every action that applies, weakest first.
fn candidates(m: &Monitored, reading: &Reading, red_again: bool, lang: Lang) -> Vec<Action> {
    let mut out = Vec::new();
    let t = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let impossible = m.indicators.iter().filter(|w| {
        reading.projects[w.project].indicators[w.index]
            .possibility
            .as_ref()
            .is_some_and(|p| p.value == Possibility::Impossible)
    });
    let impossible: Vec<&str> = impossible
        .map(|w| {
            reading.projects[w.project].indicators[w.index]
                .name
                .value
                .as_str()
        })
        .collect();
    let short: Vec<&str> = m
        .indicators
        .iter()
        .filter(|w| w.judged.forecast_far_short)
        .map(|w| {
            reading.projects[w.project].indicators[w.index]
                .name
                .value
                .as_str()
        })
        .collect();
    let slightly_short = m
        .indicators
        .iter()
        .any(|w| w.judged.forecast_short && !w.judged.forecast_far_short);
    // The execution light of the pace: an overspent project is red for its
    // overspending, which is not a lag.
    let exec_level = m.execution.map_or(Level::Na, |e| e.level);
    let overspent = m.execution.filter(|e| e.over_budget);
    if exec_level.is_warning() || m.indicator_level.is_warning() || slightly_short {
        let what = match (exec_level.is_warning(), m.indicator_level.is_warning()) {
            (true, true) => lang.pick(
                "预算执行和绩效指标均偏离进度",
                "both execution and indicators lag",
            ),
            (true, false) => lang.pick("预算执行滞后于序时进度", "execution lags time progress"),
            (false, true) => lang.pick(
                "绩效指标偏离预期进度",
                "indicators lag their expected progress",
            ),
            // A forecast a little short of the target (no 较大偏差): correct, not suspend.
            (false, false) => lang.pick(
                "全年预计完成情况略低于目标",
                "the forecast falls a little short of the target",
            ),
        };
        out.push(Action {
            kind: ActionKind::Correct,
            reason: t(
                format!("{what}，请单位分析原因并及时纠正"),
                format!("{what}: the unit analyses the cause and corrects"),
            ),
        });
    }
    if let Some(e) = overspent {
        out.push(Action {
            kind: ActionKind::Overspent,
            reason: t(
                format!(
                    "已执行{}万元，超过全年预算{}万元，请核实超支原因，按程序调整预算或收回超支资金",
                    crate::model::format::money(e.executed),
                    crate::model::format::money(e.budget)
                ),
                format!(
                    "executed {} against a full-year budget of {}: verify the overspending, adjust the budget by procedure or take the excess back",
                    crate::model::format::money(e.executed),
                    crate::model::format::money(e.budget)
                ),
            ),
        });
    }
    let both_red = exec_level == Level::Red && m.indicator_level == Level::Red;
    if both_red || !short.is_empty() {
        let why = if both_red {
            t(
                "预算执行和绩效指标均为红色，偏差较大".into(),
                "execution and indicators are both red".into(),
            )
        } else {
            t(
                format!("全年预计完成情况与目标偏差较大（{}）", short.join("、")),
                format!("the forecast falls far short ({})", short.join(", ")),
            )
        };
        out.push(Action {
            kind: ActionKind::Suspend,
            reason: why,
        });
    }
    if !impossible.is_empty() {
        out.push(Action {
            kind: ActionKind::Stop,
            reason: t(
                format!("单位判断“完全不可能”完成目标（{}）", impossible.join("、")),
                format!(
                    "the unit says the target cannot be reached ({})",
                    impossible.join(", ")
                ),
            ),
        });
    }
    if red_again {
        out.push(Action {
            kind: ActionKind::ReduceAndReport,
            reason: t(
                "上一轮监控已为红色预警，本轮仍为红色，整改不到位".into(),
                "red in the previous round and red again: not rectified".into(),
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::layout::HeaderDict;
    use crate::monitor::{AsOf, Thresholds, assemble::assemble};

    /// The CSV inputs read as `perf monitor` reads them, judged at the end of June.
    fn monitored(files: &[(&str, &str)]) -> (Reading, Vec<Monitored>) {
        let mut reading = Reading::default();
        for (name, text) in files {
            // An in-memory CSV: reading it cannot fail but for a bug.
            let book = crate::read::load_bytes(Path::new(name), text.as_bytes()).unwrap();
            reading.add(&book, &HeaderDict::default(), Lang::Zh);
        }
        let m = assemble(&reading, &AsOf::month(2024, 6), &Thresholds::default());
        (reading, m)
    }

    const EXECUTION: &str = "单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n\
县卫健局,P1,疫苗接种,100,10\n\
县卫健局,P2,应急物资,100,110.6\n\
县卫健局,P3,设备采购,100,45\n";

    const MONITORING: &str = "单位名称,项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,全年预计完成情况,完成目标可能性\n\
县卫健局,P1,疫苗接种,产出指标,数量指标,接种人次,≥2000人次,100人次,500人次,完全不可能\n\
县卫健局,P2,应急物资,产出指标,数量指标,储备批次,≥4批,2批,4批,确定能\n\
县卫健局,P3,设备采购,产出指标,数量指标,采购台数,≥10台,5台,10台,确定能\n";

    #[test]
    fn one_action_per_project_the_strongest() {
        let (reading, m) = monitored(&[("e.csv", EXECUTION), ("m.csv", MONITORING)]);
        let p1 = m.iter().find(|x| x.name == "疫苗接种").unwrap();
        // Red on both sides (暂缓), lagging (纠偏) and said impossible (停止): 停止 alone.
        let a = propose(p1, &reading, false, Lang::Zh);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].kind, ActionKind::Stop);
        assert!(a[0].reason.contains("完全不可能"), "{}", a[0].reason);
        assert!(
            a[0].reason.contains("分析原因"),
            "the weaker reasons follow"
        );
        // Red again after the previous round: 调减或收回, alone.
        let a = propose(p1, &reading, true, Lang::Zh);
        assert_eq!(
            a.iter().map(|x| x.kind).collect::<Vec<_>>(),
            [ActionKind::ReduceAndReport]
        );
        // On pace and on target: nothing.
        let p3 = m.iter().find(|x| x.name == "设备采购").unwrap();
        assert!(propose(p3, &reading, false, Lang::Zh).is_empty());
    }

    #[test]
    fn executed_above_the_budget_is_red_with_its_own_action() {
        let (reading, m) = monitored(&[("e.csv", EXECUTION), ("m.csv", MONITORING)]);
        let p2 = m.iter().find(|x| x.name == "应急物资").unwrap();
        assert_eq!(
            p2.level,
            Level::Red,
            "110.6 % of the full-year budget by June"
        );
        assert!(!p2.lags(), "overspending is not a lag");
        let a = propose(p2, &reading, false, Lang::Zh);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].kind, ActionKind::Overspent);
        assert!(a[0].reason.contains("核实超支原因"), "{}", a[0].reason);
        // Exactly at the budget is not overspent.
        let (reading, m) = monitored(&[(
            "e.csv",
            "单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n县卫健局,P2,应急物资,100,100\n",
        )]);
        assert_eq!(m[0].level, Level::Green);
        assert!(propose(&m[0], &reading, false, Lang::Zh).is_empty());
    }
}
