//! The dropdown lists every template shares: the indicator tree, operators, units of measure, reasons, possibilities.

/// 一级指标 and their 二级指标 (domain.md §2): the 二级 list offered in a row
/// is the one of the 一级 chosen in that row.
pub const LEVELS: &[(&str, &[&str])] = &[
    (
        "产出指标",
        &["数量指标", "质量指标", "时效指标", "成本指标"],
    ),
    (
        "效益指标",
        &[
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
        ],
    ),
    ("满意度指标", &["服务对象满意度指标"]),
];

/// The operators of a split target (指标性质 / 运算符).
pub const OPERATORS: &[&str] = &["≥", "＞", "＝", "＜", "≤", "定性"];

/// Units of measure commonly used; others may be typed.
pub const MEASURE_UNITS: &[&str] = &[
    "%",
    "个",
    "人",
    "人次",
    "户",
    "次",
    "项",
    "处",
    "座",
    "所",
    "公里",
    "亩",
    "平方米",
    "吨",
    "万元",
    "元/人",
    "天",
    "小时",
    "月",
    "年",
];

/// The deviation reason categories of the official monitoring form.
pub const REASONS: &[&str] = &["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"];

/// 完成目标可能性.
pub const POSSIBILITIES: &[&str] = &["确定能", "有可能", "完全不可能"];

/// The four budgets (四本预算).
pub const BUDGET_KINDS: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
];

/// New or continuing project.
pub const STATUSES: &[&str] = &["新增", "延续"];

/// The mark of a ticked sub-column (偏差原因分析, 完成目标可能性 in the official forms).
pub const MARKS: &[&str] = &["√"];

/// The name of the hidden sheet holding the indicator lists.
pub const LIST_SHEET: &str = "下拉选项";

/// The defined name of the 一级指标 list (the 二级 lists are named after their 一级).
pub const LEVEL1_NAME: &str = "一级指标";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fields::HeaderDict;

    #[test]
    fn level_names_are_valid_defined_names_and_known_to_perf() {
        // INDIRECT(一级) looks the 二级 list up by name: the 一级 texts must be
        // usable as names (no spaces or signs) and distinct from the list name.
        for (level1, _) in LEVELS {
            assert!(!level1.contains([' ', '(', ')', '-']));
            assert_ne!(*level1, LEVEL1_NAME);
        }
        // Every operator offered is one perf understands.
        for op in OPERATORS {
            assert!(crate::parse::value::parse_operator(op).is_some(), "{op}");
        }
        // The reason and possibility columns of the official form are headers perf knows.
        let dict = HeaderDict::default();
        for h in REASONS.iter().chain(POSSIBILITIES) {
            assert!(dict.match_header(h).is_some(), "{h}");
        }
    }
}
