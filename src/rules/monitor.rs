//! M rules: the findings of 双监控 — lags, missing reasons, impossible targets, deadlines, over-execution.

use super::Ctx;
use crate::diag::Severity;
use crate::layout::Field;
use crate::model::format::{money, percent};
use crate::model::{Indicator, Loc, Possibility};
use crate::monitor::Level;
use crate::monitor::assemble::Monitored;
use crate::monitor::indicator::{Method, Unread};
use crate::monitor::previous::Previous;
use crate::say;

fn severity_of(level: Level) -> Severity {
    if level == Level::Red {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// Reports the M findings of every monitored project.
pub fn run(ctx: &mut Ctx, monitored: &[Monitored], previous: Option<&Previous>) {
    use rayon::prelude::*;
    // Projects are judged on their own: on every core, each into its own
    // list, joined in the projects' order.
    let found: Vec<_> = monitored
        .par_iter()
        .map(|m| {
            let mut own = Ctx {
                reading: ctx.reading,
                settings: ctx.settings,
                lang: ctx.lang,
                year: ctx.year,
                out: Vec::new(),
            };
            project_findings(&mut own, m, previous);
            own.out
        })
        .collect();
    ctx.out.extend(found.into_iter().flatten());
}

/// The findings of one monitored project.
fn project_findings(ctx: &mut Ctx, m: &Monitored, previous: Option<&Previous>) {
    execution_findings(ctx, m);
    for w in &m.indicators {
        indicator_findings(
            ctx,
            w.project,
            &ctx.reading.projects[w.project].indicators[w.index],
            &w.judged,
        );
    }
    if let Some(prev) = previous
        && prev.red_again(m)
    {
        let p = m.money_from.or(m.sources.first().copied()).unwrap_or(0);
        let at = Some(ctx.reading.projects[p].name.at);
        let msg = say!(
            ctx.lang,
            (
                "项目「{}」上一轮监控已为红色预警，本轮仍为红色（整改不到位）— 建议调减或收回预算资金，并向县政府报告",
                m.name
            ),
            (
                "「{}」 was red in the previous round and is red again (not rectified) — reduce or take back funds and report to the county government",
                m.name
            )
        );
        ctx.report(crate::diag::Code::M008, p, at, None, None, msg);
    }
}

/// M010: money spent against a full-year budget of zero, below zero or past
/// any county's: the execution cannot be judged, and the officer is told why
/// rather than shown 暂无法判断 alone.
fn unusable_budget(ctx: &mut Ctx, m: &Monitored, p: usize) {
    let Some(line) = ctx.reading.projects[p].total_line() else {
        return;
    };
    let (Some(budget), Some(executed)) = (line.full_year_budget(), line.executed.as_ref()) else {
        return;
    };
    if crate::monitor::execution::usable_budget(budget.value) || executed.value == 0.0 {
        return;
    }
    let name = &m.name;
    let b = budget.value;
    let shown = if b.is_finite() && b.abs() < 1e15 {
        money(b)
    } else {
        format!("{b:e}")
    };
    let spent = money(executed.value);
    let msg = say!(
        ctx.lang,
        "项目「{name}」全年预算为{shown}万元，却已执行{spent}万元 — 预算数有误，执行进度无法判断；请核对并改正全年预算数",
        "「{name}」 has a full-year budget of {shown} but executed {spent} — the budget is wrong and execution cannot be judged; correct the budget"
    );
    ctx.report(crate::diag::Code::M010, p, Some(budget.at), None, None, msg);
}

/// A reason for the execution lag: on the money line, or — where the execution
/// table has no reason column (official forms) — in the indicator rows' 偏差原因分析.
/// Where the execution table has a reason column of its own, that column must say it.
fn project_has_reason(ctx: &Ctx, m: &Monitored) -> bool {
    if m.money_line(ctx.reading)
        .is_some_and(|l| l.reason_text.is_some())
    {
        return true;
    }
    let own_column = m.money_from.is_some_and(|p| {
        ctx.column_of(&ctx.reading.projects[p], Field::Reason(None))
            .is_some()
            && ctx.reading.table_of(&ctx.reading.projects[p]).kind
                == crate::layout::TableKind::Execution
    });
    !own_column
        && m.indicators.iter().any(|w| {
            let i = &ctx.reading.projects[w.project].indicators[w.index];
            !i.reasons.is_empty() || i.reason_text.is_some()
        })
}

fn execution_findings(ctx: &mut Ctx, m: &Monitored) {
    let Some(p) = m.money_from else {
        return;
    };
    let Some(e) = m.execution else {
        unusable_budget(ctx, m, p);
        return;
    };
    let line = ctx.reading.projects[p].total_line();
    let at = line
        .and_then(|l| l.executed.as_ref().map(|x| x.at))
        .or(Some(ctx.reading.projects[p].name.at));
    if e.over_budget {
        let msg = say!(
            ctx.lang,
            (
                "项目「{}」已执行{}万元，超过全年预算{}万元 — 请核对执行数或办理预算调整",
                m.name,
                money(e.executed),
                money(e.budget)
            ),
            (
                "「{}」 executed {} against a full-year budget of {} — check the figure or adjust the budget",
                m.name,
                money(e.executed),
                money(e.budget)
            )
        );
        ctx.report(crate::diag::Code::M006, p, at, None, None, msg);
    }
    if e.level.is_warning() {
        let msg = say!(
            ctx.lang,
            (
                "项目「{}」预算执行率{}，序时进度{}，低于序时进度{:.1}个百分点（执行进度比{}，{}预警）— 请分析原因、加快执行",
                m.name,
                percent(e.rate),
                percent(e.time_progress),
                e.lag_pp,
                percent(e.pace),
                e.level.zh()
            ),
            (
                "「{}」 has executed {} against time progress {}, {:.1} points behind (pace {}, {}) — analyse and speed up",
                m.name,
                percent(e.rate),
                percent(e.time_progress),
                e.lag_pp,
                percent(e.pace),
                e.level.key()
            )
        );
        ctx.report_as(
            crate::diag::Code::M001,
            severity_of(e.level),
            p,
            at,
            None,
            None,
            msg,
        );
        if !project_has_reason(ctx, m) {
            let msg = say!(
                ctx.lang,
                (
                    "项目「{}」预算执行为{}预警，但未说明偏差原因 — 请填写偏差原因分析",
                    m.name,
                    e.level.zh()
                ),
                (
                    "「{}」 is {} on execution but gives no reason — fill in the deviation reason",
                    m.name,
                    e.level.key()
                )
            );
            ctx.report(crate::diag::Code::M003, p, at, None, None, msg);
        }
    }
}

fn cell(ctx: &Ctx, p: usize, row: u32, field: Field) -> Option<Loc> {
    ctx.column_of(&ctx.reading.projects[p], field)
        .map(|c| Loc::new(row, c))
}

fn indicator_findings(
    ctx: &mut Ctx,
    p: usize,
    i: &Indicator,
    j: &crate::monitor::indicator::Judged,
) {
    let name = &i.name.value;
    let actual_at = i
        .actual
        .as_ref()
        .map(|a| a.at)
        .or_else(|| cell(ctx, p, i.row, Field::Actual))
        .or(Some(i.name.at));
    let target = i
        .target
        .as_ref()
        .map(|t| t.value.raw.as_str())
        .unwrap_or("");
    let actual = i
        .actual
        .as_ref()
        .map(|a| a.value.raw.as_str())
        .unwrap_or("");
    if j.missing_actual {
        let msg = say!(
            ctx.lang,
            "指标「{name}」未填报完成情况 — 请填写截至本期的实际完成值",
            "no actual reported for 「{name}」 — report the actual to date"
        );
        ctx.report(crate::diag::Code::M007, p, actual_at, Some(i), None, msg);
    }
    if j.deadline_missed {
        let msg = say!(
            ctx.lang,
            (
                "时效指标「{name}」期限「{target}」已过，仍未完成（{}）— 请说明原因并明确完成时间",
                if actual.is_empty() {
                    "未填报"
                } else {
                    actual
                }
            ),
            "the deadline 「{target}」 of 「{name}」 has passed and it is not done — state why and when"
        );
        ctx.report(crate::diag::Code::M005, p, actual_at, Some(i), None, msg);
    }
    match j.unread {
        // Never a missed deadline on a misreading: say what could not be read.
        Some(Unread::DoneState) => {
            let msg = say!(
                ctx.lang,
                "时效指标「{name}」期限「{target}」已到，但完成情况「{actual}」无法判断是否完成，未作逾期判断 — 请填写“已完成”（可注明完成日期）或“未完成”",
                "the deadline 「{target}」 of 「{name}」 has come, but 「{actual}」 says neither done nor not done, so it was not judged late — write 已完成 (with the date) or 未完成"
            );
            ctx.report_as(
                crate::diag::Code::M007,
                Severity::Info,
                p,
                actual_at,
                Some(i),
                None,
                msg,
            );
        }
        Some(Unread::Deadline) => {
            let msg = say!(
                ctx.lang,
                (
                    "时效指标「{name}」报告未完成（「{actual}」），但指标值「{target}」不是可识别的期限，未判断是否逾期 — 请把指标值写成期限，如「{}」",
                    match ctx.year {
                        Some(y) => format!("{y}年6月30日前"),
                        None => "6月30日前".to_string(),
                    }
                ),
                "「{name}」 is reported not done (「{actual}」), but its target 「{target}」 is no date perf can read, so it was not judged late — write the target as a deadline"
            );
            let at = i.target.as_ref().map(|t| t.at).or(actual_at);
            ctx.report_as(
                crate::diag::Code::M007,
                Severity::Info,
                p,
                at,
                Some(i),
                None,
                msg,
            );
        }
        None => {}
    }
    if j.level.is_warning() && !j.deadline_missed {
        let how = match (j.method, j.progress, j.expected) {
            _ if j.zero_target => say!(
                ctx.lang,
                "目标为零（不应发生），实际发生「{actual}」",
                "the target is zero (none may happen), actual 「{actual}」"
            ),
            (Method::LowerBetter, _, _) => say!(
                ctx.lang,
                "实际「{actual}」，超过目标上限",
                "actual 「{actual}」 is above the cap"
            ),
            (Method::Cumulative, Some(pr), Some(ex)) => say!(
                ctx.lang,
                (
                    "实际「{actual}」，按序时应完成{}，进度{}",
                    crate::model::cell::format_number((ex * 100.0).round() / 100.0),
                    percent(pr)
                ),
                (
                    "actual 「{actual}」, {} expected to date, pace {}",
                    crate::model::cell::format_number((ex * 100.0).round() / 100.0),
                    percent(pr)
                )
            ),
            (_, Some(pr), _) => say!(
                ctx.lang,
                ("实际「{actual}」，为目标的{}", percent(pr)),
                ("actual 「{actual}」 is {} of the target", percent(pr))
            ),
            _ => say!(ctx.lang, "实际「{actual}」", "actual 「{actual}」"),
        };
        let msg = say!(
            ctx.lang,
            (
                "指标「{name}」（目标「{target}」）{how}，{}预警 — 请分析原因并纠偏",
                j.level.zh()
            ),
            (
                "「{name}」 (target 「{target}」): {how}, {} — analyse and correct",
                j.level.key()
            )
        );
        ctx.report_as(
            crate::diag::Code::M002,
            severity_of(j.level),
            p,
            actual_at,
            Some(i),
            None,
            msg,
        );
    }
    if j.level.is_warning() && i.reasons.is_empty() && i.reason_text.is_none() {
        let at = cell(ctx, p, i.row, Field::Reason(None)).or(actual_at);
        let msg = say!(
            ctx.lang,
            (
                "指标「{name}」为{}预警，但未说明偏差原因 — 请勾选经费/制度/人员/硬件/其他保障并填写原因说明",
                j.level.zh()
            ),
            (
                "「{name}」 is {} but gives no deviation reason — mark the cause and explain it",
                j.level.key()
            )
        );
        ctx.report(crate::diag::Code::M003, p, at, Some(i), None, msg);
    }
    if let Some(poss) = i
        .possibility
        .as_ref()
        .filter(|p| p.value == Possibility::Impossible)
    {
        let msg = say!(
            ctx.lang,
            "单位判断指标「{name}」“完全不可能”完成目标 — 建议暂缓或停止预算执行",
            "the unit says 「{name}」 cannot be reached — propose suspending or stopping execution"
        );
        ctx.report(
            crate::diag::Code::M004,
            p,
            Some(poss.at),
            Some(i),
            None,
            msg,
        );
    } else if j.forecast_short {
        let f = i
            .forecast
            .as_ref()
            .map(|f| f.value.raw.as_str())
            .unwrap_or("");
        let at = i.forecast.as_ref().map(|f| f.at).or(actual_at);
        let msg = say!(
            ctx.lang,
            "指标「{name}」全年预计完成「{f}」，达不到目标「{target}」— 建议暂缓执行并调整",
            "the forecast 「{f}」 of 「{name}」 falls short of 「{target}」 — propose suspending execution"
        );
        ctx.report(crate::diag::Code::M004, p, at, Some(i), None, msg);
    }
    if j.level == Level::Over {
        let msg = say!(
            ctx.lang,
            (
                "指标「{name}」进度{}，远超序时（超额）— 目标「{target}」可能设定偏低，来年请合理提高",
                j.progress.map(percent).unwrap_or_default()
            ),
            (
                "「{name}」 is far ahead ({}) — the target 「{target}」 may be too low",
                j.progress.map(percent).unwrap_or_default()
            )
        );
        ctx.report(crate::diag::Code::M009, p, actual_at, Some(i), None, msg);
    }
}
