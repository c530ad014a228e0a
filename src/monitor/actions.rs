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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// 纠偏: the unit analyses the cause and corrects.
    Correct,
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
            ActionKind::Suspend => "暂缓执行",
            ActionKind::Stop => "停止执行",
            ActionKind::ReduceAndReport => "调减或收回资金并报告县政府",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ActionKind::Correct => "correct",
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

/// Proposes actions for one project; `red_again` when it was red in the previous round too.
pub fn propose(m: &Monitored, reading: &Reading, red_again: bool, lang: Lang) -> Vec<Action> {
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
    if m.worst().is_warning() || slightly_short {
        let what = match (m.level.is_warning(), m.indicator_level.is_warning()) {
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
    let both_red = m.level == Level::Red && m.indicator_level == Level::Red;
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
