//! 事前绩效评估评分表: one project's ex-ante assessment form, as `layout::records::read_form` reads it.
//!
//! The project in a header block (项目名称, 主管部门, 项目编码, 项目类型), one
//! aspect per row under 评估内容 | 评估要点 | 分值 | 得分, a 总分 row, then
//! 评估结论 and 评估主体 as labels with their value to the right.

use super::forms::Sheet;
use super::lists::{ASSESSORS, CONCLUSIONS, STATUSES};
use super::records::ASPECTS;
use super::{Choice, EXAMPLE_MARK, Kind, Params, Role, Template, Value};

/// What the assessor looks at for each aspect, its points and the example's score.
const ROWS: [(&str, &str, f64, f64); 6] = [
    (
        "一、",
        "政策依据是否充分，与部门职能是否相符，需求是否迫切，是否与已有项目重复。",
        20.0,
        18.0,
    ),
    (
        "二、",
        "投入标准是否明确，成本测算是否合理，有无更经济的替代方案。",
        15.0,
        13.0,
    ),
    (
        "三、",
        "绩效目标是否明确、细化、量化，与项目内容和资金规模是否匹配。",
        20.0,
        17.0,
    ),
    (
        "四、",
        "实施方案是否完整，内容、步骤、保障措施和风险应对是否齐备。",
        20.0,
        18.0,
    ),
    (
        "五、",
        "实施计划和进度安排是否可行，组织管理和人员条件是否具备。",
        15.0,
        13.0,
    ),
    (
        "六、",
        "资金来源是否合规，有无违规举债或向基层转嫁支出责任。",
        10.0,
        9.0,
    ),
];

fn t(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// 事前绩效评估评分表 for one new project.
pub fn assessment_form(p: &Params) -> Template {
    let mut s = Sheet::new();
    let last: u16 = 3;
    s.put(
        0,
        0,
        0,
        last,
        t(format!("{}年度新增项目事前绩效评估评分表", p.year)),
        Role::Title,
    );
    let block: [(&str, Value, Choice, &str); 4] = [
        (
            "项目名称",
            t(format!("{EXAMPLE_MARK}农村公路危桥改造")),
            Choice::Free,
            "申请预算的新增项目（政策）全称，与预算表一致。每个项目填一张表（复制本工作表）。",
        ),
        (
            "主管部门",
            t("县交通运输局"),
            Choice::Free,
            "主管部门全称，如「县教育局」。",
        ),
        (
            "项目编码",
            t(format!("{}-JT-101", p.year)),
            Choice::Free,
            "预算系统中的项目编码；perf 按编码（无编码时按名称）与预算表对应。",
        ),
        (
            "项目类型",
            t("新增"),
            Choice::List(STATUSES),
            "新增项目须经事前绩效评估方可申请预算。",
        ),
    ];
    for (i, (label, value, choice, message)) in block.into_iter().enumerate() {
        let r = 1 + i as u32;
        s.choice_entry(r, (0, 0), (1, last), label, value, choice, message);
    }
    let head = 5;
    for (c, text) in ["评估内容", "评估要点", "分值", "得分"].iter().enumerate() {
        s.label(head, c as u16, head, c as u16, text);
    }
    let first = head + 1;
    for (i, (number, point, weight, score)) in ROWS.iter().enumerate() {
        let r = first + i as u32;
        s.label(r, 0, r, 0, &format!("{number}{}", ASPECTS[i]));
        s.put(r, 1, r, 1, t(*point), Role::Fixed);
        // The points are the county's to set, not an example to replace.
        s.put(r, 2, r, 2, Value::Number(*weight), Role::Input);
        s.field(r, 3, r, 3, Value::Number(*score));
    }
    let end = first + ROWS.len() as u32 - 1;
    s.input(
        (first, end),
        2,
        Choice::Amount,
        "分值",
        "各方面的分值，合计100分；本县另有规定的可修改。",
    );
    s.input(
        (first, end),
        3,
        Choice::Amount,
        "得分",
        "不超过本行分值。未评的方面按0分计。",
    );
    let total = end + 1;
    s.label(total, 0, total, 1, "总分");
    let points: f64 = ROWS.iter().map(|r| r.2).sum();
    let scored: f64 = ROWS.iter().map(|r| r.3).sum();
    s.put(total, 2, total, 2, Value::Number(points), Role::Input);
    s.field(total, 3, total, 3, Value::Number(scored));
    s.input(
        (total, total),
        3,
        Choice::Amount,
        "总分",
        "各方面得分之和；perf assess 会复算并折合百分制。",
    );
    let conclusion = total + 1;
    s.choice_entry(
        conclusion,
        (0, 0),
        (1, last),
        "评估结论",
        t("予以支持"),
        Choice::List(CONCLUSIONS),
        "80分以上予以支持，60-80分调整完善后予以支持，60分以下不予支持。",
    );
    let assessor = conclusion + 1;
    s.choice_entry(
        assessor,
        (0, 0),
        (1, last),
        "评估主体",
        t("第三方"),
        Choice::List(ASSESSORS),
        "单位自评：本单位组织评估；第三方：委托中介机构或专家评估。",
    );
    let note = assessor + 1;
    s.put(
        note,
        0,
        note,
        last,
        t("注：1．各方面得分不超过其分值，总分为各项得分之和。\n2．80分（含）以上予以支持，60分（含）至80分调整完善后予以支持，60分以下不予支持；新增项目未经评估或不予支持的，不得安排预算。\n3．每个项目填一张表（复制本工作表）；蓝色斜体为示例，填写前请改为本项目内容。"),
        Role::Note,
    );
    s.finish(
        Kind::AssessmentForm,
        "评分表",
        (head, head),
        &[20.0, 46.0, 8.0, 8.0],
        vec![(0, 30.0), (note, 64.0)],
    )
}
