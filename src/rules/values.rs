//! V rules: each target value is present, quantified, clear, has a unit, is possible and points the right way.

use super::Ctx;
use crate::layout::Field;
use crate::model::{Category, Dimension, Indicator, Loc};
use crate::parse::{Op, OperatorSpec, Parsed, ValueKind, find_vague};

pub fn run(ctx: &mut Ctx) {
    for p in ctx.target_projects() {
        let project = &ctx.reading.projects[p];
        let target_col = ctx
            .column_of(project, Field::TargetAdjusted)
            .or(ctx.column_of(project, Field::Target));
        for i in &project.indicators {
            let Some(target) = &i.target else {
                let at = target_col.map(|c| Loc::new(i.row, c)).unwrap_or(i.name.at);
                let msg = ctx.t(
                    format!("指标「{}」没有指标值 — 请填写可衡量的目标值，如「≥95%」「≥350人次」", i.name.value),
                    format!("indicator 「{}」 has no target value — fill in a measurable one such as ≥95%", i.name.value),
                );
                ctx.report("V001", p, Some(at), Some(i), None, msg);
                continue;
            };
            let at = Some(target.at);
            let v = &target.value;
            let raw = v.raw.trim();
            if v.kind == ValueKind::Placeholder {
                let msg = ctx.t(
                    format!("指标「{}」的指标值「{raw}」是未填写的模板占位符 — 请替换为实际目标值", i.name.value),
                    format!("「{raw}」 for 「{}」 is an unfilled template placeholder — write the real target", i.name.value),
                );
                ctx.report("V009", p, at, Some(i), None, msg);
                continue;
            }
            let dim = i.dimension();
            let quantified = v.is_quantified();
            match dim {
                Some(Dimension::Quantity | Dimension::Quality | Dimension::Timeliness)
                    if !quantified =>
                {
                    let msg = ctx.t(
                        format!("{}指标「{}」的指标值「{raw}」未量化 — 请写成数值、比率或期限，如{}", dim_zh(dim), i.name.value, example(dim)),
                        format!("the {} indicator 「{}」 is not quantified (「{raw}」) — write a number, rate or deadline", dim_en(dim), i.name.value),
                    );
                    ctx.report("V002", p, at, Some(i), None, msg);
                }
                Some(Dimension::Effect) if !quantified => {
                    let msg = ctx.t(
                        format!("效益指标「{}」为定性表述「{raw}」 — 允许，但能量化的请尽量量化", i.name.value),
                        format!("the effect indicator 「{}」 is qualitative (「{raw}」) — allowed; quantify where possible", i.name.value),
                    );
                    ctx.report("V003", p, at, Some(i), None, msg);
                }
                _ => {}
            }
            if let Some(word) = find_vague(raw, &ctx.settings.vague_words) {
                let msg = ctx.t(
                    format!("「{raw}」表述模糊（「{word}」），无法衡量 — 改为可衡量的目标值，如「≥95%」"),
                    format!("「{raw}」 is vague (「{word}」) and cannot be measured — write a measurable value such as ≥95%"),
                );
                ctx.report("V004", p, at, Some(i), None, msg);
            }
            if let ValueKind::Number { value, unit } = &v.kind {
                let has_unit_column = i
                    .measure_unit
                    .as_ref()
                    .is_some_and(|m| !m.value.trim().is_empty());
                if unit.is_none() && !has_unit_column {
                    let msg = ctx.t(
                        format!("指标「{}」的数值「{raw}」没有计量单位 — 请写明单位（如「人次」「%」「万元」）或填写计量单位列", i.name.value),
                        format!("the number 「{raw}」 of 「{}」 has no unit — add one (人次, %, 万元 …) or fill the unit column", i.name.value),
                    );
                    ctx.report("V005", p, at, Some(i), None, msg);
                }
                if let Some(why) = impossible(i, *value, unit.as_deref(), v.op) {
                    let msg = ctx.t(
                        format!(
                            "指标「{}」的指标值「{raw}」不可能：{} — 请更正",
                            i.name.value, why.0
                        ),
                        format!(
                            "「{raw}」 for 「{}」 is impossible: {} — correct it",
                            i.name.value, why.1
                        ),
                    );
                    ctx.report("V006", p, at, Some(i), None, msg);
                }
            }
            if let Some(op_col) = &i.operator
                && conflicts(op_col.value, v)
            {
                let msg = ctx.t(
                        format!("指标性质「{}」与指标值「{raw}」方向矛盾 — 请统一", i.operator_raw.as_ref().map_or("", |o| o.value.as_str())),
                        format!("the operator 「{}」 and the value 「{raw}」 point in different directions — make them agree", i.operator_raw.as_ref().map_or("", |o| o.value.as_str())),
                    );
                ctx.report("V007", p, Some(op_col.at), Some(i), None, msg);
            }
            if let (Some(year), ValueKind::Deadline(d)) = (ctx.year, &v.kind)
                && d.year.is_some_and(|y| y != year)
                && dim == Some(Dimension::Timeliness)
            {
                let msg = ctx.t(
                        format!("时效期限「{raw}」不在{year}预算年度内 — 请更正年份；跨年度项目另填实施期目标"),
                        format!("the deadline 「{raw}」 is outside the budget year {year} — correct the year"),
                    );
                ctx.report("V008", p, at, Some(i), None, msg);
            }
            if i.category == Some(Category::Cost) && higher_is_better(i, v) {
                let msg = ctx.t(
                    format!("成本指标「{}」写成了“越高越好”（{raw}）— 成本应控制在上限以内，改为「≤」", i.name.value),
                    format!("the cost indicator 「{}」 reads higher-is-better (「{raw}」) — a cost is capped: write ≤", i.name.value),
                );
                ctx.report("V010", p, at, Some(i), None, msg);
            }
        }
    }
}

fn dim_zh(d: Option<Dimension>) -> &'static str {
    d.map_or("", |d| d.zh())
}

fn dim_en(d: Option<Dimension>) -> &'static str {
    d.map_or("", |d| d.key())
}

fn example(d: Option<Dimension>) -> &'static str {
    match d {
        Some(Dimension::Timeliness) => "「2024年12月31日前」",
        Some(Dimension::Quantity) => "「≥350人次」",
        _ => "「≥95%」",
    }
}

/// Why a number cannot be (Chinese, English), if it cannot.
fn impossible(
    i: &Indicator,
    value: f64,
    unit: Option<&str>,
    op: Option<Op>,
) -> Option<(&'static str, &'static str)> {
    let name = &i.name.value;
    let growth = ["增长", "增幅", "增速", "同比", "提高", "提升", "超"]
        .iter()
        .any(|w| name.contains(w));
    let rate_like = i.category.is_some_and(Category::is_satisfaction)
        || name.contains('率')
        || name.contains("满意");
    if unit == Some("%")
        && value > 100.0
        && rate_like
        && !growth
        && op != Some(Op::Le)
        && op != Some(Op::Lt)
    {
        return Some((
            "比率或满意度不能超过100%",
            "a rate or satisfaction cannot exceed 100%",
        ));
    }
    if value < 0.0 && !growth && !name.contains("下降") && !name.contains("减少") {
        return Some(("数量或金额不能为负", "a count or amount cannot be negative"));
    }
    None
}

/// Higher-is-better written on a value or its operator column.
fn higher_is_better(i: &Indicator, v: &Parsed) -> bool {
    matches!(v.op, Some(Op::Ge | Op::Gt))
        || matches!(
            i.operator.as_ref().map(|o| o.value),
            Some(OperatorSpec::Op(Op::Ge | Op::Gt) | OperatorSpec::Positive)
        )
}

#[derive(PartialEq)]
enum Direction {
    Up,
    Down,
    Exact,
}

fn conflicts(spec: OperatorSpec, v: &Parsed) -> bool {
    let column = match spec {
        OperatorSpec::Op(Op::Ge | Op::Gt) | OperatorSpec::Positive => Direction::Up,
        OperatorSpec::Op(Op::Le | Op::Lt) | OperatorSpec::Negative => Direction::Down,
        OperatorSpec::Op(Op::Eq) => Direction::Exact,
        // 定性 beside a number or deadline: the two columns disagree.
        OperatorSpec::Qualitative => return v.is_quantified(),
    };
    let written = match v.op {
        Some(Op::Ge | Op::Gt) => Direction::Up,
        Some(Op::Le | Op::Lt) => Direction::Down,
        Some(Op::Eq) => Direction::Exact,
        None => return false,
    };
    column != written
}
