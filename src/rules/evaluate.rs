//! E rules: self-evaluation borne out by the figures, actuals present, shortfalls explained, bands kept.

use super::Ctx;
use crate::evaluate::score::{Method, Scored};
use crate::evaluate::{Grade, Scheme};
use crate::layout::Field;
use crate::model::Loc;
use crate::model::format::percent;
use crate::say;

use crate::evaluate::points_text as two;

/// Reports the E findings of project `p`, scored as `s`.
pub fn run(
    ctx: &mut Ctx,
    p: usize,
    s: &Scored,
    scheme: &Scheme,
    expiring: bool,
    how: &crate::evaluate::apply::Application,
) {
    let project = &ctx.reading.projects[p];
    let name = project.name.value.clone();
    let total_at = project
        .stated_total
        .as_ref()
        .map(|t| t.at)
        .or(Some(project.name.at));
    // What the recomputed score rests on and could not be read: an actual that
    // cannot be compared with its target, or budget figures missing while the
    // budget carries points. Judging the unit on such a score (E001, E003, E004)
    // would be accusing it on a misreading: say what was not read instead.
    let unread: Vec<Loc> = s
        .indicators
        .iter()
        .filter(|is| is.uncomparable)
        .filter_map(|is| {
            let i = &project.indicators[is.index];
            i.actual.as_ref().map(|a| a.at).or(Some(i.name.at))
        })
        .collect();
    let budget_unread = s.budget_points > 0.0 && s.execution_rate.is_none();
    if !unread.is_empty() || budget_unread {
        let at = unread.first().copied().or(total_at);
        let what_zh = match (unread.len(), budget_unread) {
            (0, _) => "预算执行数或全年预算数".to_string(),
            (n, false) => format!("{n}个指标的实际完成值（如{}）", unread[0].a1()),
            (n, true) => format!("{n}个指标的实际完成值（如{}）及预算执行数", unread[0].a1()),
        };
        let what_en = match (unread.len(), budget_unread) {
            (0, _) => "the budget or its execution".to_string(),
            (n, false) => format!(
                "the actuals of {n} indicator(s) (first at {})",
                unread[0].a1()
            ),
            (n, true) => format!(
                "the actuals of {n} indicator(s) (first at {}) and the budget execution",
                unread[0].a1()
            ),
        };
        let msg = say!(
            ctx.lang,
            (
                "项目「{name}」复算得分{}分未计入{what_zh}，等级和“自评结果是否属实”未作判定 — 请把这些单元格填写为可比的数值后重新复算",
                two(s.score)
            ),
            (
                "「{name}」: the recomputed {} leaves out {what_en}; the grade and whether the stated score holds were not judged — fill those cells with comparable figures and rerun",
                two(s.score)
            )
        );
        ctx.report(crate::diag::Code::S004, p, at, None, None, msg);
    }
    let judged = s.judged;
    if judged && s.grade == Grade::Poor {
        let msg = say!(
            ctx.lang,
            (
                "项目「{name}」复算自评得分{}分，等级“差” — 建议压减下年度预算并督促整改",
                two(s.score)
            ),
            (
                "「{name}」 scores {} on recomputation, grade poor — propose a budget cut",
                two(s.score)
            )
        );
        ctx.report(crate::diag::Code::E001, p, total_at, None, None, msg);
    }
    // 绩效不高 (中 or 差 by default) and the project period ends this year: 清退.
    if judged && expiring && how.clear_out.contains(&s.grade) {
        let grade = s.grade.zh();
        let msg = say!(
            ctx.lang,
            "项目「{name}」等级“{grade}”（绩效不高）且项目期本年到期 — 建议清退，不再安排预算",
            (
                "「{name}」 is graded {} (performance not high) and its period ends this year — propose clearing it out",
                s.grade.en()
            )
        );
        ctx.report(crate::diag::Code::E004, p, total_at, None, None, msg);
    }
    if let Some(stated) = s.stated_score
        && judged
        && stated > s.score + scheme.tolerance + 1e-9
    {
        let msg = say!(
            ctx.lang,
            (
                "项目「{name}」自评总分{}分，按实际完成值复算为{}分，高出{}分（超过容差{}分）— 自评结果不实，请按规则重新计分",
                two(stated),
                two(s.score),
                two(stated - s.score),
                two(scheme.tolerance)
            ),
            (
                "「{name}」 states {} points but the figures give {} ({} more, beyond the tolerance of {}) — rescore from the actuals",
                two(stated),
                two(s.score),
                two(stated - s.score),
                two(scheme.tolerance)
            )
        );
        ctx.report(crate::diag::Code::E003, p, total_at, None, None, msg);
    }
    if let Some(rate) = s
        .execution_rate
        .filter(|r| *r < scheme.execution_reason_below - 1e-12)
    {
        let line = project.total_line();
        // A flat sheet has one reason column for its rows. A reason explains the
        // execution when it is merged over all the project's rows, or when it
        // stands on a row whose indicator met its target (so it is not about that one).
        let texts: Vec<_> = s
            .indicators
            .iter()
            .map(|is| (is, project.indicators[is.index].reason_text.as_ref()))
            .collect();
        let merged_over_all = !texts.is_empty()
            && texts
                .iter()
                .all(|(_, t)| t.is_some_and(|t| Some(t.at) == texts[0].1.map(|f| f.at)));
        let on_a_met_row = texts.iter().any(|(is, t)| t.is_some() && !is.short);
        let any_reason = merged_over_all || on_a_met_row;
        if line.is_some_and(|l| l.reason_text.is_none()) && !any_reason {
            let at = line.and_then(|l| l.executed.as_ref().map(|e| e.at));
            let msg = say!(
                ctx.lang,
                (
                    "项目「{name}」预算执行率{}，低于90%，未说明原因 — 请填写偏差原因分析及改进措施",
                    percent(rate)
                ),
                (
                    "「{name}」 executed {} (below 90 %) without a stated reason — fill in the reason and remedy",
                    percent(rate)
                )
            );
            ctx.report(crate::diag::Code::E005, p, at, None, None, msg);
        }
    }
    let actual_col = ctx.column_of(project, Field::Actual);
    let reason_col = ctx.column_of(project, Field::Reason(None));
    for is in &s.indicators {
        let i = &project.indicators[is.index];
        let iname = &i.name.value;
        // The actual as written, for the messages that quote it.
        let actual = i.actual.as_ref().map_or("", |a| a.value.raw.as_str());
        let actual_at = i
            .actual
            .as_ref()
            .map(|a| a.at)
            .or(actual_col.map(|c| Loc::new(i.row, c)))
            .or(Some(i.name.at));
        if is.missing_actual {
            let msg = say!(
                ctx.lang,
                "指标「{iname}」年末没有实际完成值 — 请填写实际完成值，无数据支撑不得计分",
                "「{iname}」 has no actual at year end — fill it in; no points without figures"
            );
            ctx.report(crate::diag::Code::E002, p, actual_at, Some(i), None, msg);
        } else if is.uncomparable && is.method == Method::Deadline {
            let msg = say!(
                ctx.lang,
                "指标「{iname}」的完成情况「{actual}」无法判断是否按期完成，未计分 — 请填写“已完成”（注明完成日期）或“未完成”",
                "「{actual}」 says neither whether 「{iname}」 was done nor when, so it scores nothing — write 已完成 with the date, or 未完成"
            );
            ctx.report(crate::diag::Code::E002, p, actual_at, Some(i), None, msg);
        } else if is.uncomparable {
            let msg = say!(
                ctx.lang,
                "指标「{iname}」的实际完成值「{actual}」无法与指标值比较，未计分 — 请填写与指标值同单位的数值",
                "the actual 「{actual}」 of 「{iname}」 cannot be compared with its target and scores nothing — write a figure in the target's unit"
            );
            // An actual perf cannot compare is perf's limit as much as the unit's
            // omission: a warning, and the score is not judged (S004 above).
            ctx.report_as(
                crate::diag::Code::E002,
                crate::diag::Severity::Warning,
                p,
                actual_at,
                Some(i),
                None,
                msg,
            );
        } else if is.short && i.reason_text.is_none() && i.reasons.is_empty() && is.zero_target {
            let at = reason_col.map(|c| Loc::new(i.row, c)).or(actual_at);
            let msg = say!(
                ctx.lang,
                "指标「{iname}」目标为零（不应发生），实际发生「{actual}」，得0分，未说明原因 — 请填写偏差原因分析及改进措施",
                "「{iname}」 has a zero target (none may happen) but reports 「{actual}」: 0 points, and no reason is stated — fill in the reason and remedy"
            );
            ctx.report(crate::diag::Code::E005, p, at, Some(i), None, msg);
        } else if is.short && i.reason_text.is_none() && i.reasons.is_empty() {
            let at = reason_col.map(|c| Loc::new(i.row, c)).or(actual_at);
            let msg = say!(
                ctx.lang,
                "指标「{iname}」未完成年度指标值，未说明原因 — 请填写偏差原因分析及改进措施",
                "「{iname}」 fell short of its target without a stated reason — fill in the reason and remedy"
            );
            ctx.report(crate::diag::Code::E005, p, at, Some(i), None, msg);
        }
        if is.outside_band {
            let (lo, hi) = is.band.unwrap_or((0.0, 1.0));
            let at = i.stated_score.as_ref().map(|v| v.at).or(actual_at);
            let msg = say!(
                ctx.lang,
                (
                    "定性指标「{iname}」自评{}分，不在其完成等级对应的{}–{}分区间 — 请按等级区间更正得分",
                    two(is.stated.unwrap_or(0.0)),
                    two(lo * is.points),
                    two(hi * is.points)
                ),
                (
                    "the qualitative 「{iname}」 states {} points, outside its band {}–{} — correct the score",
                    two(is.stated.unwrap_or(0.0)),
                    two(lo * is.points),
                    two(hi * is.points)
                )
            );
            ctx.report(crate::diag::Code::E006, p, at, Some(i), None, msg);
        }
    }
}
