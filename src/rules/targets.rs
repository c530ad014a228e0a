//! T rules: every project has targets on the four dimensions, a goal, no duplicates, known 二级指标.

use crate::say;
use std::collections::HashMap;

use super::Ctx;
use super::join::Joined;
use crate::model::Dimension;
use crate::parse::text::header_key;

pub fn run(ctx: &mut Ctx, joined: &Joined) {
    if joined.has_budget {
        for &b in &joined.unmatched_budget {
            let p = &ctx.reading.projects[b];
            let msg = say!(
                ctx.lang,
                (
                    "预算项目「{}」没有绩效目标：未设定绩效目标，不得安排预算 — 请填报该项目的绩效目标表",
                    p.name.value
                ),
                (
                    "budget line 「{}」 has no performance targets: no target, no budget — file its target table",
                    p.name.value
                )
            );
            ctx.report(crate::diag::Code::T001, b, Some(p.name.at), None, None, msg);
        }
    }
    for p in ctx.target_projects() {
        let project = &ctx.reading.projects[p];
        let name_at = project.name.at;
        let whole_unit =
            ctx.reading.table_of(project).kind == crate::layout::TableKind::UnitTargets;
        if project.indicators.is_empty() {
            let msg = say!(
                ctx.lang,
                (
                    "项目「{}」没有任何绩效指标：未设定绩效目标，不得安排预算 — 请填写数量、质量、时效、效果指标",
                    project.name.value
                ),
                (
                    "project 「{}」 has no indicators at all: no target, no budget — add quantity, quality, timeliness and effect indicators",
                    project.name.value
                )
            );
            ctx.report(crate::diag::Code::T001, p, Some(name_at), None, None, msg);
            continue;
        }
        for &d in &ctx.settings.required.clone() {
            if !project.indicators.iter().any(|i| i.dimension() == Some(d)) {
                let msg = say!(
                    ctx.lang,
                    (
                        "{}「{}」缺少{}指标 — 请补充至少一项{}",
                        if whole_unit { "单位" } else { "项目" },
                        project.name.value,
                        d.zh(),
                        example_zh(d, ctx.year)
                    ),
                    (
                        "{} 「{}」 has no {} indicator — add one, {}",
                        if whole_unit { "unit" } else { "project" },
                        project.name.value,
                        d.key(),
                        example_en(d, ctx.year)
                    )
                );
                ctx.report(
                    crate::diag::Code::T002,
                    p,
                    Some(name_at),
                    None,
                    Some(d),
                    msg,
                );
            }
        }
        if let (Some(at), None) = (
            project.goal_expected,
            project.goal.as_ref().filter(|g| !g.value.trim().is_empty()),
        ) {
            let msg = say!(
                ctx.lang,
                (
                    "项目「{}」的年度总体目标为空 — 请用一两句话写明本年度要完成什么、达到什么效果",
                    project.name.value
                ),
                (
                    "project 「{}」 has an empty annual goal — state what the year will deliver",
                    project.name.value
                )
            );
            ctx.report(crate::diag::Code::T003, p, Some(at), None, None, msg);
        }
        let mut seen: HashMap<String, u32> = HashMap::new();
        for i in &project.indicators {
            let key = header_key(&i.name.value);
            if names_nothing(&key) {
                let msg = say!(
                    ctx.lang,
                    (
                        "指标名称「{}」只有数字或符号，不是指标 — 请在三级指标列写明指标名称，数值填入指标值列",
                        i.name.value
                    ),
                    (
                        "indicator name 「{}」 is only digits or signs — write what it measures; put the number in the value column",
                        i.name.value
                    )
                );
                ctx.report(
                    crate::diag::Code::T007,
                    p,
                    Some(i.name.at),
                    Some(i),
                    None,
                    msg,
                );
            }
            match seen.get(&key) {
                Some(first_row) => {
                    let msg = say!(
                        ctx.lang,
                        (
                            "指标「{}」与第{}行重复 — 请删除或合并",
                            i.name.value,
                            first_row + 1
                        ),
                        (
                            "indicator 「{}」 repeats row {} — remove or merge it",
                            i.name.value,
                            first_row + 1
                        )
                    );
                    ctx.report(
                        crate::diag::Code::T004,
                        p,
                        Some(i.name.at),
                        Some(i),
                        None,
                        msg,
                    );
                }
                None => {
                    seen.insert(key, i.name.at.row);
                }
            }
            // In whole-unit targets a 二级指标 naming one of the six aspects (运行成本, 预算管理 …) is at home.
            let unit_aspect = whole_unit && super::unit::aspect_of(i, &ctx.settings.unit).is_some();
            if i.category.is_none() && !unit_aspect {
                let (at, what) = match &i.level2 {
                    Some(l2) => (l2.at, l2.value.clone()),
                    None => (i.name.at, String::new()),
                };
                let msg = if what.is_empty() {
                    say!(
                        ctx.lang,
                        (
                            "指标「{}」没有二级指标，无法归入数量、质量、时效、成本、效益或满意度 — 请填写二级指标",
                            i.name.value
                        ),
                        (
                            "indicator 「{}」 has no 二级指标 and maps to no dimension — fill in the 二级指标",
                            i.name.value
                        )
                    )
                } else {
                    say!(
                        ctx.lang,
                        "二级指标「{what}」无法归入数量、质量、时效、成本、效益或满意度 — 请改为标准名称，如「数量指标」「社会效益指标」",
                        "二级指标 「{what}」 maps to no dimension — use a standard one such as 数量指标 or 社会效益指标"
                    )
                };
                ctx.report(crate::diag::Code::T005, p, Some(at), Some(i), None, msg);
            }
        }
    }
}

/// A name holding no letter or CJK character (`88`, `3.5`, `--`) names nothing.
fn names_nothing(key: &str) -> bool {
    !key.chars().any(char::is_alphabetic)
}

/// The year of a deadline in a hint: the budget year in force, else none.
fn by_year_end(year: Option<i32>) -> String {
    match year {
        Some(y) => format!("{y}年12月31日前完成"),
        None => "12月31日前完成".to_string(),
    }
}

fn example_zh(d: Dimension, year: Option<i32>) -> String {
    match d {
        Dimension::Quantity => "数量指标，如「完成改造≥24座」".into(),
        Dimension::Quality => "质量指标，如「验收合格率=100%」".into(),
        Dimension::Timeliness => format!("时效指标，如「{}」", by_year_end(year)),
        Dimension::Cost => "成本指标，如「单位成本≤1.5万元」".into(),
        Dimension::Effect => "效益或满意度指标，如「服务对象满意度≥90%」".into(),
    }
}

fn example_en(d: Dimension, year: Option<i32>) -> String {
    match d {
        Dimension::Quantity => "e.g. 完成改造≥24座".into(),
        Dimension::Quality => "e.g. 验收合格率=100%".into(),
        Dimension::Timeliness => format!("e.g. {}", by_year_end(year)),
        Dimension::Cost => "e.g. 单位成本≤1.5万元".into(),
        Dimension::Effect => "e.g. 服务对象满意度≥90%".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::names_nothing;

    #[test]
    fn names_of_digits_and_signs_name_nothing() {
        assert!(names_nothing("88"));
        assert!(names_nothing("3.5%"));
        // Near misses: a real name that holds digits.
        assert!(!names_nothing("5G基站建设数"));
        assert!(!names_nothing("PM2.5浓度"));
    }
}
