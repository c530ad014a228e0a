//! V rules: each target value is present, quantified, clear, has a unit, is possible and points the right way.

use super::Ctx;
use crate::layout::Field;
use crate::model::{Category, Dimension, Indicator, Loc};
use crate::parse::meaning::{self, Direction, DirectionWords};
use crate::parse::{Op, OperatorSpec, Parsed, ValueKind, find_vague};
use crate::say;

pub fn run(ctx: &mut Ctx) {
    for p in ctx.target_projects() {
        let project = &ctx.reading.projects[p];
        let target_col = ctx
            .column_of(project, Field::TargetAdjusted)
            .or(ctx.column_of(project, Field::Target));
        for i in &project.indicators {
            let Some(target) = &i.target else {
                let at = target_col.map(|c| Loc::new(i.row, c)).unwrap_or(i.name.at);
                let msg = say!(
                    ctx.lang,
                    (
                        "指标「{}」没有指标值 — 请填写可衡量的目标值，如「≥95%」「≥350人次」",
                        i.name.value
                    ),
                    (
                        "indicator 「{}」 has no target value — fill in a measurable one such as ≥95%",
                        i.name.value
                    )
                );
                ctx.report(crate::diag::Code::V001, p, Some(at), Some(i), None, msg);
                continue;
            };
            let at = Some(target.at);
            let v = &target.value;
            let raw = v.raw.trim();
            if v.kind == ValueKind::Placeholder {
                let msg = say!(
                    ctx.lang,
                    (
                        "指标「{}」的指标值「{raw}」是未填写的模板占位符 — 请替换为实际目标值",
                        i.name.value
                    ),
                    (
                        "「{raw}」 for 「{}」 is an unfilled template placeholder — write the real target",
                        i.name.value
                    )
                );
                ctx.report(crate::diag::Code::V009, p, at, Some(i), None, msg);
                continue;
            }
            let dim = i.dimension();
            let quantified = v.is_quantified();
            let vague = find_vague(raw, &ctx.settings.vague_words);
            match dim {
                Some(Dimension::Quantity | Dimension::Quality | Dimension::Timeliness)
                    if !quantified =>
                {
                    let msg = say!(
                        ctx.lang,
                        (
                            "{}指标「{}」的指标值「{raw}」未量化 — 请写成数值、比率或期限，如{}",
                            dim_zh(dim),
                            i.name.value,
                            example(dim, ctx.year)
                        ),
                        (
                            "the {} indicator 「{}」 is not quantified (「{raw}」) — write a number, rate or deadline",
                            dim_en(dim),
                            i.name.value
                        )
                    );
                    ctx.report(crate::diag::Code::V002, p, at, Some(i), None, msg);
                }
                // A cost indicator is an amount or a cap: 「合理」「可控」 says nothing
                // a reviewer can hold the project to. Cost is not one of the four
                // required dimensions, so this is a warning, not an error.
                Some(Dimension::Cost) if !quantified => {
                    let msg = say!(
                        ctx.lang,
                        (
                            "成本指标「{}」的指标值「{raw}」未量化 — 成本指标应写明金额或上限，如「≤1.5万元/公里」",
                            i.name.value
                        ),
                        (
                            "the cost indicator 「{}」 is not quantified (「{raw}」) — write an amount or a cap such as ≤1.5万元/公里",
                            i.name.value
                        )
                    );
                    ctx.report_as(
                        crate::diag::Code::V002,
                        crate::diag::Severity::Warning,
                        p,
                        at,
                        Some(i),
                        None,
                        msg,
                    );
                }
                // A vague effect value gets V004, which says more: not V003 too.
                Some(Dimension::Effect) if !quantified && vague.is_none() => {
                    let msg = say!(
                        ctx.lang,
                        (
                            "效益指标「{}」为定性表述「{raw}」 — 允许，但能量化的请尽量量化",
                            i.name.value
                        ),
                        (
                            "the effect indicator 「{}」 is qualitative (「{raw}」) — allowed; quantify where possible",
                            i.name.value
                        )
                    );
                    ctx.report(crate::diag::Code::V003, p, at, Some(i), None, msg);
                }
                _ => {}
            }
            if let Some(word) = vague {
                let msg = say!(
                    ctx.lang,
                    "「{raw}」表述模糊（「{word}」），无法衡量 — 改为可衡量的目标值，如「≥95%」",
                    "「{raw}」 is vague (「{word}」) and cannot be measured — write a measurable value such as ≥95%"
                );
                ctx.report(crate::diag::Code::V004, p, at, Some(i), None, msg);
            }
            // `250万` for a money indicator is 250 万元.
            let read = meaning::in_context(i, v, None, &ctx.settings.direction);
            if let ValueKind::Number { value, unit } = &read.kind {
                if lacks_unit(i, &read) {
                    let msg = say!(
                        ctx.lang,
                        (
                            "指标「{}」的数值「{raw}」没有计量单位 — 请写明单位（如「人次」「%」「万元」）或填写计量单位列",
                            i.name.value
                        ),
                        (
                            "the number 「{raw}」 of 「{}」 has no unit — add one (人次, %, 万元 …) or fill the unit column",
                            i.name.value
                        )
                    );
                    ctx.report(crate::diag::Code::V005, p, at, Some(i), None, msg);
                }
                if let Some(why) = impossible(i, *value, unit.as_deref(), v.op) {
                    let msg = say!(
                        ctx.lang,
                        (
                            "指标「{}」的指标值「{raw}」不可能：{} — 请更正",
                            i.name.value,
                            why.0
                        ),
                        (
                            "「{raw}」 for 「{}」 is impossible: {} — correct it",
                            i.name.value,
                            why.1
                        )
                    );
                    ctx.report(crate::diag::Code::V006, p, at, Some(i), None, msg);
                }
            }
            if let Some(op_col) = &i.operator
                && conflicts(op_col.value, v)
            {
                let msg = say!(
                    ctx.lang,
                    (
                        "指标性质「{}」与指标值「{raw}」方向矛盾 — 请统一",
                        i.operator_raw.as_ref().map_or("", |o| o.value.as_str())
                    ),
                    (
                        "the operator 「{}」 and the value 「{raw}」 point in different directions — make them agree",
                        i.operator_raw.as_ref().map_or("", |o| o.value.as_str())
                    )
                );
                ctx.report(
                    crate::diag::Code::V007,
                    p,
                    Some(op_col.at),
                    Some(i),
                    None,
                    msg,
                );
            }
            if let (Some(year), ValueKind::Deadline(d)) = (ctx.year, &v.kind)
                && d.year.is_some_and(|y| y != year)
                && dim == Some(Dimension::Timeliness)
            {
                let msg = say!(
                    ctx.lang,
                    "时效期限「{raw}」不在{year}预算年度内 — 请更正年份；跨年度项目另填实施期目标",
                    "the deadline 「{raw}」 is outside the budget year {year} — correct the year"
                );
                ctx.report(crate::diag::Code::V008, p, at, Some(i), None, msg);
            }
            if written_higher_on_a_cost(i, &ctx.settings.direction) {
                let msg = say!(
                    ctx.lang,
                    (
                        "成本指标「{}」写成了“越高越好”（{raw}）— 成本应控制在上限以内，改为「≤」",
                        i.name.value
                    ),
                    (
                        "the cost indicator 「{}」 reads higher-is-better (「{raw}」) — a cost is capped: write ≤",
                        i.name.value
                    )
                );
                ctx.report(crate::diag::Code::V010, p, at, Some(i), None, msg);
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

/// An example value for the dimension; a deadline in the budget year in
/// force (a year written into the hint would be wrong the next year).
fn example(d: Option<Dimension>, year: Option<i32>) -> String {
    match d {
        Some(Dimension::Timeliness) => match year {
            Some(y) => format!("「{y}年12月31日前」"),
            None => "「12月31日前」".to_string(),
        },
        Some(Dimension::Quantity) => "「≥350人次」".to_string(),
        _ => "「≥95%」".to_string(),
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

/// A number with no unit, in the value (read in its context) nor in a unit
/// column (V005). A zero (`0`, `不发生`) is none of anything: it needs none.
fn lacks_unit(i: &Indicator, read: &Parsed) -> bool {
    let has_unit_column = i
        .measure_unit
        .as_ref()
        .is_some_and(|m| !m.value.trim().is_empty());
    matches!(&read.kind, ValueKind::Number { value, unit: None } if *value != 0.0)
        && !has_unit_column
}

/// A 成本指标 whose meaning is lower-is-better (a cost amount, or a rate of a
/// bad thing such as 超支率) written higher-is-better (`≥`, `正向`). Not a fall
/// or a saving (`成本下降率`, `节约率`), nor a rate the name says nothing of.
fn written_higher_on_a_cost(i: &Indicator, words: &DirectionWords) -> bool {
    let sense = meaning::direction(i, words);
    i.category == Some(Category::Cost)
        && sense.direction == Direction::Higher
        && sense.basis.is_written()
        && matches!(meaning::by_meaning(i, words), Some((Direction::Lower, _)))
}

/// The operator column and the value's own operator point different ways, or
/// 定性 stands beside a number or deadline.
fn conflicts(spec: OperatorSpec, v: &Parsed) -> bool {
    if spec == OperatorSpec::Qualitative {
        return v.is_quantified();
    }
    v.op.is_some_and(|op| meaning::of_column(spec) != meaning::of_op(op))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Located;
    use crate::parse::{parse_operator, parse_value};

    fn ind(l2: &str, name: &str, target: &str) -> Indicator {
        let mut i = Indicator::new(0, Located::new(name.to_string(), Loc::new(0, 0)));
        i.category = Category::classify(None, Some(l2));
        i.target = Some(Located::new(parse_value(target), Loc::new(0, 1)));
        i
    }

    fn column(mut i: Indicator, op: &str) -> Indicator {
        i.operator = parse_operator(op).map(|o| Located::new(o, Loc::new(0, 2)));
        i
    }

    fn no_unit(l2: &str, name: &str, target: &str) -> bool {
        let i = ind(l2, name, target);
        let v = &i.target.as_ref().unwrap().value;
        lacks_unit(
            &i,
            &meaning::in_context(&i, v, None, &DirectionWords::default()),
        )
    }

    #[test]
    fn v005_provincial_percentages_money_and_zero() {
        assert!(!no_unit("数量指标", "完成年度拆违计划", "=100.00(%)"));
        assert!(!no_unit("服务对象满意度指标", "群众满意度", ">=90.00(%)"));
        assert!(!no_unit("数量指标", "年度本级预算金额", "250万"));
        assert!(!no_unit("成本指标", "服务成本", "≤250万"));
        assert!(!no_unit("质量指标", "安全事故", "不发生"));
        assert!(!no_unit("质量指标", "安全事故", "=0"));
        // Near misses: a bare 万 that is no money, a bare number.
        assert!(no_unit("社会效益指标", "受益人口", "250万"));
        assert!(no_unit("数量指标", "维修数量", "≥10"));
        let mut i = ind("数量指标", "维修数量", "≥10");
        i.measure_unit = Some(Located::new("处".into(), Loc::new(0, 3)));
        let v = i.target.as_ref().unwrap().value.clone();
        assert!(!lacks_unit(&i, &v), "a unit column");
    }

    #[test]
    fn v007_column_against_value() {
        let v = |t: &str| parse_value(t);
        let spec = |o: &str| parse_operator(o).unwrap();
        assert!(conflicts(spec("反向"), &v("≥5%")));
        assert!(conflicts(spec("正向"), &v("=100%")));
        assert!(conflicts(spec("定性"), &v("≥95%")));
        assert!(conflicts(spec("5"), &v(">=90.00(%)")));
        // Near misses: agreeing, or nothing written in the value.
        assert!(!conflicts(spec("反向"), &v("≤5%")));
        assert!(!conflicts(spec("1"), &v(">=90.00(%)")));
        assert!(!conflicts(spec("反向"), &v("5%")));
        assert!(!conflicts(spec("定性"), &v("有效提升")));
    }

    #[test]
    fn v010_cost_written_higher_is_better() {
        let w = DirectionWords::default();
        assert!(written_higher_on_a_cost(
            &ind("成本指标", "人均成本", "≥1.5万元"),
            &w
        ));
        assert!(written_higher_on_a_cost(
            &column(ind("成本指标", "单价", "350元/平方米"), "正向"),
            &w
        ));
        assert!(written_higher_on_a_cost(
            &ind("成本指标", "成本超支率", "≥5%"),
            &w
        ));
        // Near misses: falls and savings, caps, a rate the name says nothing of, not a 成本指标.
        for name in ["成本下降率", "成本降低率", "资金节约率", "费用减少率"] {
            assert!(
                !written_higher_on_a_cost(&ind("成本指标", name, "≥5%"), &w),
                "{name}"
            );
        }
        assert!(!written_higher_on_a_cost(
            &ind("成本指标", "人均成本", "≤1.5万元"),
            &w
        ));
        assert!(!written_higher_on_a_cost(
            &ind("成本指标", "人均成本", "1.5万元"),
            &w
        ));
        assert!(!written_higher_on_a_cost(
            &ind("成本指标", "预算执行率", "≥90%"),
            &w
        ));
        assert!(!written_higher_on_a_cost(
            &ind("数量指标", "生均公用经费", "≥800元"),
            &w
        ));
    }
}
