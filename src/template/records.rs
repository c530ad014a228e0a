//! Flat record templates of issue #9: ex-ante assessments, the publication record and whole-unit targets.
//!
//! Built like the flat templates of `flat.rs` (same title, notes and header
//! rows); every header text is one `layout::fields` recognises, and the
//! round-trip test reads each back as its table kind.

use chrono::NaiveDate;

use super::flat::{
    LEVEL3_MSG, NOTE_MSG, TARGET_TEXT_MSG, UNIT_MSG, col, n, project_cols, t, table,
};
use super::lists::{
    ASSESSORS, CONCLUSIONS, PUB_KINDS, STATUSES, UNIT_LEVEL1, UNIT_LEVEL2, UNIT_TYPES,
};
use super::{Choice, EXAMPLE_MARK, Kind, Params, Template, Value};

/// The six aspects of an ex-ante assessment, in the order of domain.md §6.
pub const ASPECTS: [&str; 6] = [
    "立项必要性",
    "投入经济性",
    "绩效目标合理性",
    "方案完整性",
    "计划可行性",
    "筹资合规性",
];

const ASPECT_MSG: &str = "按百分制评分（0-100），也可填优、良、中、差等级。未评的方面按0分计。";

/// 事前绩效评估结果汇总表: one assessed project per row.
pub fn assessment(p: &Params) -> Template {
    let mut cols = Vec::from(project_cols(
        22.0,
        "申请预算的新增项目（政策）全称，与预算表一致。每个项目一行。示例行请删除。",
    ));
    cols.push(col(
        "项目类型",
        9.0,
        Choice::List(STATUSES),
        "新增项目须经事前绩效评估；延续项目调整政策或资金规模较大的也应评估。",
    ));
    for aspect in ASPECTS {
        cols.push(col(aspect, 10.0, Choice::Score, ASPECT_MSG));
    }
    cols.extend([
        col(
            "评估总分",
            9.0,
            Choice::Score,
            "六个方面的加权平均分（默认等权，可在 perf.toml [assess] 设定权重）；可留空，perf assess 会复算。",
        ),
        col(
            "评估主体",
            10.0,
            Choice::List(ASSESSORS),
            "单位自评：本单位组织评估；第三方：委托中介机构或专家评估。",
        ),
        col(
            "评估结论",
            14.0,
            Choice::List(CONCLUSIONS),
            "80分以上予以支持，60-80分调整完善后予以支持，60分以下不予支持；可留空，perf assess 按总分给出。",
        ),
        col("备注", 16.0, Choice::Free, NOTE_MSG),
    ]);
    let scores = [90.0, 85.0, 88.0, 86.0, 84.0, 95.0];
    let mut row = vec![
        t("县交通运输局"),
        t(format!("{}-JT-101", p.year)),
        t(format!("{EXAMPLE_MARK}农村公路危桥改造")),
        t("新增"),
    ];
    row.extend(scores.iter().map(|s| n(*s)));
    let total = scores.iter().sum::<f64>() / scores.len() as f64;
    row.extend([n(total), t("第三方"), t("予以支持"), t("")]);
    table(
        Kind::Assessment,
        "事前评估",
        format!("{}年度新增项目事前绩效评估结果汇总表", p.year),
        "填表说明：每个项目一行；蓝色斜体为示例，填写前请删除。六个方面按百分制评分，评估总分为其平均分。\n新增项目未经事前绩效评估、或评估结论为不予支持的，不得安排预算（perf assess 对照预算表检查）。",
        false,
        cols,
        vec![row],
    )
}

fn date(y: i32, m: u32, d: u32) -> Value {
    // Templates are made for years 2000-2100 (the CLI bounds --year), where every
    // month has a 10th, 15th, 20th and 25th: the fallback is never taken.
    NaiveDate::from_ymd_opt(y, m, d)
        .map(Value::Date)
        .unwrap_or_else(|| t(format!("{y}-{m:02}-{d:02}")))
}

/// 绩效信息公开登记表: one published (or due) item per row.
pub fn publication(p: &Params) -> Template {
    let y = p.year;
    let cols = vec![
        col("单位名称", 16.0, Choice::Free, UNIT_MSG),
        col(
            "公开事项",
            34.0,
            Choice::Free,
            "公开的文件名称，如「县教育局2026年度部门预算及绩效目标」「县教育局2025年度项目支出绩效自评报告」。示例行请删除。",
        ),
        col(
            "公开类型",
            18.0,
            Choice::List(PUB_KINDS),
            "绩效目标随预算同步公开；绩效自评报告、重点项目绩效评价报告在形成后20日内公开。",
        ),
        col(
            "报告形成日期",
            14.0,
            Choice::Date,
            "自评报告、评价报告定稿印发的日期；绩效目标可留空。",
        ),
        col(
            "预算公开日期",
            14.0,
            Choice::Date,
            "部门预算公开的日期：绩效目标应在同一天公开。报告类可留空。",
        ),
        col(
            "公开日期",
            14.0,
            Choice::Date,
            "实际公开的日期；尚未公开的留空或填「未公开」，perf report 会计算是否逾期。",
        ),
        col(
            "公开网址",
            26.0,
            Choice::Free,
            "公开的网址或渠道，如政府门户网站信息公开专栏。",
        ),
        col("备注", 14.0, Choice::Free, NOTE_MSG),
    ];
    let unit = "县交通运输局";
    let place = "县人民政府门户网站/信息公开专栏";
    let rows = vec![
        vec![
            t(unit),
            t(format!("{EXAMPLE_MARK}{unit}{y}年度部门预算及绩效目标")),
            t("绩效目标"),
            t(""),
            date(y, 2, 10),
            date(y, 2, 10),
            t(place),
            t(""),
        ],
        vec![
            t(unit),
            t(format!(
                "{EXAMPLE_MARK}{unit}{}年度项目支出绩效自评报告",
                y - 1
            )),
            t("绩效自评报告"),
            date(y, 4, 10),
            t(""),
            date(y, 4, 25),
            t(place),
            t(""),
        ],
    ];
    table(
        Kind::Publication,
        "信息公开",
        format!("{y}年度绩效信息公开登记表"),
        "填表说明：每个公开事项一行；蓝色斜体为示例，填写前请删除。绩效目标随预算同步公开（公开日期不晚于预算公开日期）；\n绩效自评报告、重点项目绩效评价报告在报告形成后20日内公开。perf report 列出逾期和7日内到期的事项。",
        false,
        cols,
        rows,
    )
}

/// 部门（单位）整体绩效目标表: one indicator per row, grouped by unit.
pub fn unit_targets(p: &Params) -> Template {
    let cols = vec![
        col(
            "单位名称",
            18.0,
            Choice::Free,
            "部门或乡镇全称，如「县教育局」「白云乡人民政府」。每个指标一行，同一单位各行重复填写。示例行请删除。",
        ),
        col(
            "单位类型",
            10.0,
            Choice::List(UNIT_TYPES),
            "县级部门或乡镇：perf report 分层级统计。",
        ),
        col(
            "年度总体目标",
            30.0,
            Choice::Free,
            "一句话写明本单位年度整体绩效目标：主要职责、重点工作及要达到的效果。",
        ),
        col(
            "一级指标",
            11.0,
            Choice::List(UNIT_LEVEL1),
            "从下拉列表选择：产出指标、效益指标、满意度指标、管理指标。",
        ),
        col(
            "二级指标",
            16.0,
            Choice::Suggest(UNIT_LEVEL2),
            "须有数量、质量、时效和效益指标，并覆盖履职效能、管理效率、运行成本、社会效应、可持续发展能力、服务对象满意度六个方面：可直接选这六个方面作二级指标。",
        ),
        col("三级指标", 24.0, Choice::Free, LEVEL3_MSG),
        col("指标值", 16.0, Choice::Free, TARGET_TEXT_MSG),
        col("备注", 14.0, Choice::Free, NOTE_MSG),
    ];
    let unit = format!("{EXAMPLE_MARK}县交通运输局");
    let goal = "保障全县农村公路安全畅通：完成农村公路日常养护1200公里，优良中等路率不低于85%，公用经费控制在预算以内，预算执行率不低于90%，群众满意度达到90%以上。";
    let indicators: [(&str, &str, &str, String); 8] = [
        (
            "产出指标",
            "数量指标",
            "农村公路日常养护里程",
            "≥1200公里".into(),
        ),
        (
            "产出指标",
            "质量指标",
            "农村公路优良中等路率",
            "≥85%".into(),
        ),
        (
            "产出指标",
            "时效指标",
            "年度重点工作完成时间",
            format!("{}年12月31日前", p.year),
        ),
        ("产出指标", "运行成本", "公用经费控制率", "≤100%".into()),
        ("管理指标", "管理效率", "预算执行率", "≥90%".into()),
        ("效益指标", "社会效益指标", "通硬化路行政村", "≥36个".into()),
        (
            "效益指标",
            "可持续发展能力",
            "干部职工培训人次",
            "≥200人次".into(),
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%".into(),
        ),
    ];
    let rows = indicators
        .into_iter()
        .enumerate()
        .map(|(k, (l1, l2, name, target))| {
            vec![
                t(unit.clone()),
                t("县级部门"),
                // Once per unit is enough: perf carries it to the unit.
                t(if k == 0 { goal } else { "" }),
                t(l1),
                t(l2),
                t(name),
                t(target),
                t(""),
            ]
        })
        .collect();
    table(
        Kind::UnitTargets,
        "整体绩效目标",
        format!("{}年度部门（单位）整体绩效目标表", p.year),
        "填表说明：每个指标填一行；蓝色斜体为示例，填写前请删除。指标须有数量、质量、时效和效益，并覆盖履职效能、管理效率、\n运行成本、社会效应、可持续发展能力、服务对象满意度六个方面（perf check 报告 T006）。",
        false,
        cols,
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Assessor, Conclusion};
    use crate::layout::fields::{Field, HeaderDict};
    use crate::model::{AssessAspect, PubKind};

    #[test]
    fn the_dropdowns_say_what_perf_reads() {
        // Each offered value is understood as what it says.
        let conclusions: Vec<_> = CONCLUSIONS.iter().map(|c| Conclusion::of(c)).collect();
        assert_eq!(
            conclusions,
            [
                Some(Conclusion::Support),
                Some(Conclusion::Adjust),
                Some(Conclusion::Reject)
            ]
        );
        assert_eq!(Assessor::of(ASSESSORS[0]), Some(Assessor::Own));
        assert_eq!(Assessor::of(ASSESSORS[1]), Some(Assessor::ThirdParty));
        for kind in PUB_KINDS {
            assert!(PubKind::of(kind).is_some(), "{kind}");
        }
        // The aspect columns are the six aspects, in perf's order.
        let dict = HeaderDict::default();
        for (header, aspect) in ASPECTS.iter().zip(AssessAspect::ALL) {
            let field = dict.match_header(header).map(|m| m.field);
            assert_eq!(field, Some(Field::Aspect(aspect)), "{header}");
        }
    }
}
