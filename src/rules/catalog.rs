//! Every finding code with its default severity and the text `perf explain` prints (rules.md).

use crate::diag::Code;
use crate::i18n::Lang;

/// One rule's documentation: what it checks, the policy behind it, how to fix.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    /// The code, which carries its default severity (`Code::severity`).
    pub code: Code,
    /// Which command reports it.
    pub command: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub why_zh: &'static str,
    pub why_en: &'static str,
    pub fix_zh: &'static str,
    pub fix_en: &'static str,
}

impl RuleDoc {
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.title_zh, self.title_en)
    }
}

const NO_TARGET_NO_BUDGET: &str = "“未按规定设定绩效目标或目标审核未通过的一律不得安排预算”";
const FOUR_DIMENSIONS: &str =
    "绩效目标要从数量、质量、时效、效果等方面设定，做到“导向清晰、具体量化、合理可行”";

macro_rules! rule {
    ($code:expr, $cmd:literal, $tz:literal, $te:literal, $wz:expr, $we:literal, $fz:literal, $fe:literal) => {
        RuleDoc {
            code: $code,
            command: $cmd,
            title_zh: $tz,
            title_en: $te,
            why_zh: $wz,
            why_en: $we,
            fix_zh: $fz,
            fix_en: $fe,
        }
    };
}

/// All codes, in the order of rules.md. Codes are permanent.
pub const RULES: &[RuleDoc] = &[
    rule!(
        Code::S001,
        "all",
        "文件无法作为工作簿读取",
        "the file cannot be read as a workbook",
        "perf 只能审核能读懂的文件；读不了的文件不会被悄悄跳过。",
        "perf can only judge what it can read; an unreadable file is never skipped silently.",
        "确认文件存在、未加密、未损坏；用 Excel/WPS 另存为 .xlsx 后重试。",
        "check the file exists, is not encrypted or corrupt; save it as .xlsx in Excel/WPS and try again."
    ),
    rule!(
        Code::S002,
        "all",
        "工作簿中未识别出所需的表",
        "no table of the expected kind is recognised",
        "表格按表头识别而非按列位置；表头不认识时必须告诉填表人。",
        "tables are recognised by their headers, never by column position; unknown headers must be reported.",
        "把表头改为标准名称（如「三级指标」「指标值」「项目名称」），或在 perf.toml 的 [headers] 中加入本县的叫法；用 perf inspect 查看识别结果。",
        "rename the headers to the standard ones, or add yours under [headers] in perf.toml; perf inspect shows what was recognised."
    ),
    rule!(
        Code::S003,
        "all",
        "表缺少必需的列",
        "a recognised table lacks a required column",
        "缺少关键列时无法完成审核。",
        "without the column the review cannot be done.",
        "补上该列（消息中列出可用的表头名称）。",
        "add the column (the message lists the accepted header names)."
    ),
    rule!(
        Code::S004,
        "all",
        "某行无法读取，已跳过",
        "a row could not be read and was skipped",
        "任何数据都不会被悄悄丢弃。",
        "nothing is dropped silently.",
        "按消息补全该行（如指标名称、所属项目）。",
        "complete the row as the message says."
    ),
    rule!(
        Code::S005,
        "all",
        "表中留有未填写的模板行",
        "unfilled template rows are left in a table",
        "模板中的占位行（……、指标2:、指标1:/）不是指标，不应计分，也不应被当作缺值指标追究。",
        "a template's placeholder rows (……, 指标2:, 指标1:/) are not indicators: neither scored nor blamed as missing values.",
        "删除这些模板行，或在其中填写真实的指标。",
        "delete those rows, or fill them in with real indicators."
    ),
    rule!(
        Code::S006,
        "all",
        "示例行未删除",
        "example rows of a blank form are left in",
        "perf template 生成的表样带有示例行（项目名称前标有（示例））；示例不是本单位的项目，不应被审核、计分或汇总。",
        "the forms perf template writes carry example rows (their names marked （示例））; an example is no project of the unit and is never reviewed, scored or counted.",
        "删除示例行（蓝色斜体、名称前有（示例）的行）后再报送。",
        "delete the example rows (blue italics, names marked （示例）) before handing the form in."
    ),
    rule!(
        Code::S007,
        "all",
        "单元格文字超过 Excel 上限，写出时已截断",
        "a cell's text is longer than an Excel cell holds",
        "Excel 单元格最多 32767 字；CSV 的一格可以更长。写出的工作簿中截断并标注「……[截断/cut]」，原文件不变。",
        "an Excel cell holds 32,767 characters at most, a CSV field any number; the workbook written cuts it with the mark 「……[截断/cut]」, the input is unchanged.",
        "把过长的内容移到附件，或拆成几格。",
        "move the long text to an attachment, or split it."
    ),
    rule!(
        Code::T001,
        "check",
        "项目未设定绩效目标",
        "a project has no performance targets",
        NO_TARGET_NO_BUDGET,
        "No target, no budget: a project without targets may not be budgeted.",
        "为该项目填报绩效目标表（数量、质量、时效、效果指标）后再安排预算。",
        "file a target table for the project (quantity, quality, timeliness, effect) before it is budgeted."
    ),
    rule!(
        Code::T002,
        "check",
        "缺少某一维度的指标",
        "a dimension has no indicator",
        FOUR_DIMENSIONS,
        "Targets are set along quantity, quality, timeliness and effect.",
        "补充该维度的三级指标，例如时效指标「完成时间：12月31日前」（写明预算年度）。",
        "add an indicator of that dimension, e.g. timeliness: completed by 31 December of the budget year."
    ),
    rule!(
        Code::T003,
        "check",
        "年度总体目标为空",
        "the annual overall goal is empty",
        "绩效目标表应写明年度总体目标。",
        "the target form should state the year's overall goal.",
        "用一两句话写明本年度要完成什么、达到什么效果。",
        "state in a sentence or two what the year will deliver."
    ),
    rule!(
        Code::T004,
        "check",
        "同一项目中指标重复",
        "the same indicator appears twice in a project",
        "重复指标会使权重与评价失真。",
        "duplicates distort weights and scoring.",
        "删除或合并重复的指标。",
        "remove or merge the duplicate."
    ),
    rule!(
        Code::T005,
        "check",
        "二级指标无法归入维度",
        "a 二级指标 that maps to no dimension",
        "指标须归入数量、质量、时效、成本、效益或满意度。",
        "indicators belong to quantity, quality, timeliness, cost, effect or satisfaction.",
        "把二级指标改为标准名称，如「数量指标」「社会效益指标」。",
        "use a standard 二级指标 such as 数量指标 or 社会效益指标."
    ),
    rule!(
        Code::T006,
        "check",
        "整体绩效目标未覆盖六个方面",
        "a whole-unit target set leaves an aspect uncovered",
        "整体绩效从运行成本、管理效率、履职效能、社会效应、可持续发展能力和服务对象满意度等方面衡量。",
        "whole-unit performance is judged on six aspects.",
        "补充未覆盖方面的指标；perf 按二级指标和指标名称中的关键词归类，本县叫法不同的可在配置 [unit] 中加入。",
        "add indicators for the missing aspect; perf tells aspects by key words of the 二级指标 and the name, which [unit] in the config extends."
    ),
    rule!(
        Code::T007,
        "check",
        "指标名称不是指标",
        "an indicator's name names nothing",
        "绩效指标要“导向清晰”：只有数字或符号的指标名称（如「88」）说明填表时串了列或漏填了名称。",
        "targets must say what they measure: a name of only digits or signs (such as 「88」) is a value in the wrong column or a name left out.",
        "在三级指标列写明指标名称（如「改造户数」），数值填入指标值列。",
        "write what the indicator measures in the indicator column; put the number in the value column."
    ),
    rule!(
        Code::V001,
        "check",
        "指标没有指标值",
        "indicator has no target value",
        "目标要具体量化，没有指标值就无法监控与评价。",
        "a target without a value cannot be monitored or evaluated.",
        "填写指标值，如「≥95%」「≥350人次」「12月31日前」（写明预算年度）。",
        "fill in the value, e.g. ≥95%, ≥350人次, a deadline in the budget year."
    ),
    rule!(
        Code::V002,
        "check",
        "数量/质量/时效指标未量化",
        "a quantity, quality or timeliness indicator is not quantified",
        FOUR_DIMENSIONS,
        "Output targets must be specific and quantified.",
        "改为数字、比率或期限，如「≥95%」「12月底前」（写明预算年度）。",
        "write a number, rate or deadline instead."
    ),
    rule!(
        Code::V003,
        "check",
        "效益指标为定性表述",
        "an effect indicator is qualitative",
        "效益指标允许定性，但能量化的应量化。",
        "effect indicators may be qualitative; quantify where possible.",
        "能量化的改为可衡量的值，如「受益人口≥8.5万人」。",
        "quantify where possible."
    ),
    rule!(
        Code::V004,
        "check",
        "表述模糊",
        "vague wording",
        "“导向清晰、具体量化”：有所、进一步、明显、逐步、较好、力争、基本等词无法衡量。",
        "vague words cannot be measured.",
        "改为可衡量的目标值，如「≥95%」。",
        "replace with a measurable value such as ≥95%."
    ),
    rule!(
        Code::V005,
        "check",
        "数值没有计量单位",
        "a number without a unit",
        "没有单位的数值无法理解和比较。",
        "a number without a unit cannot be read or compared.",
        "在指标值中写明单位（如「350人次」）或填写计量单位列。",
        "add the unit in the value or the unit column."
    ),
    rule!(
        Code::V006,
        "check",
        "不可能的数值",
        "an impossible value",
        "比率、满意度不能超过100%，数量和金额不能为负。",
        "rates cannot exceed 100%, counts and amounts cannot be negative.",
        "更正指标值。",
        "correct the value."
    ),
    rule!(
        Code::V007,
        "check",
        "方向矛盾",
        "conflicting direction",
        "指标性质（正向/反向/运算符）与指标值中的符号必须一致。",
        "the operator column and the value must agree.",
        "统一指标性质与指标值的符号。",
        "make the operator column and the value agree."
    ),
    rule!(
        Code::V008,
        "check",
        "时效期限不在预算年度内",
        "a deadline outside the budget year",
        "年度绩效目标的期限应在本预算年度内。",
        "a year's targets fall due within the budget year.",
        "更正期限的年份，跨年度项目请另填实施期目标。",
        "correct the year; multi-year projects state period targets separately."
    ),
    rule!(
        Code::V009,
        "check",
        "模板占位符未填写",
        "an unfilled template placeholder",
        "“*”“XX”等是模板占位符，不是目标值。",
        "placeholders such as * or XX are not values.",
        "把占位符替换为实际的目标值。",
        "replace the placeholder with the real value."
    ),
    rule!(
        Code::V010,
        "check",
        "成本指标写成了“越高越好”",
        "a cost indicator written as higher is better",
        "成本指标应控制在上限以内（≤），写成 ≥ 通常是笔误。",
        "a cost is capped (≤); ≥ is usually a slip.",
        "改为「≤」上限，如「≤1.5万元/人」。",
        "write an upper bound, e.g. ≤1.5万元/人."
    ),
    rule!(
        Code::W001,
        "check",
        "指标分值合计不等于100（或90）",
        "indicator weights do not add up to 100 (or 90)",
        "自评总分为100分，预算执行率占10分时指标合计90分。",
        "the self-evaluation totals 100 points, 90 when budget execution's 10 are apart.",
        "调整各指标分值使合计为100或90。",
        "adjust the weights to total 100 or 90."
    ),
    rule!(
        Code::B001,
        "check",
        "目标表金额与预算不一致",
        "the target sheet's amount differs from the budget line",
        "绩效目标与预算同步编制、同步审核。",
        "targets are prepared and reviewed together with the budget.",
        "核对项目资金，使目标表与预算一致。",
        "reconcile the amounts."
    ),
    rule!(
        Code::B002,
        "check",
        "有目标但没有预算",
        "targets for a project that has no budget line",
        "绩效目标应对应预算项目。",
        "targets belong to a budgeted project.",
        "核对项目编码与名称，或补列预算。",
        "check the code and name, or add the budget line."
    ),
    rule!(
        Code::B003,
        "check",
        "资金构成合计不符",
        "the money lines of a form do not add up",
        "年度资金总额应等于各资金来源之和。",
        "the total equals the sum of its sources.",
        "更正资金总额或各来源金额。",
        "correct the total or its parts."
    ),
    rule!(
        Code::B004,
        "check",
        "项目资金合计未填写",
        "the money total is not filled in",
        "金额按表中填写的数核对；合计行空着时，perf 按其中各项相加，但表本身应当完整。",
        "amounts are checked as written; with the total row empty perf adds up its parts, but the form itself should be complete.",
        "在项目资金（年度资金总额）行填写合计数。",
        "fill in the total (年度资金总额) row."
    ),
    rule!(
        Code::A001,
        "assess",
        "新增项目未经事前绩效评估",
        "a new project has no passing ex-ante assessment",
        "“将评估结果作为申请预算的必备条件”",
        "the assessment result is a precondition for asking for budget.",
        "先完成事前绩效评估。",
        "complete the ex-ante assessment first."
    ),
    rule!(
        Code::A002,
        "assess",
        "评估结论为不予支持却安排了预算",
        "an assessment said 不予支持 yet the project has budget",
        "评估不予支持的项目不得安排预算。",
        "a project the assessment does not support may not be budgeted.",
        "撤销预算或重新评估。",
        "withdraw the budget or reassess."
    ),
    rule!(
        Code::A003,
        "assess",
        "评估结论与得分不符",
        "a stated conclusion the scores do not bear out",
        "事前绩效评估结果是申请预算的必备条件；结论应与评分一致，预算安排按结论与得分中较严的一个把关。",
        "the ex-ante assessment is a precondition for budget; its conclusion should follow its scores, and the budget gate takes the stricter of the two.",
        "核实各方面评分或修改评估结论。",
        "check the aspect scores or correct the conclusion."
    ),
    rule!(
        Code::A004,
        "assess",
        "评估结论无法识别",
        "a conclusion perf cannot read",
        "无法识别的结论不会被猜测；perf 改按得分推出的结论把关。",
        "a conclusion perf cannot read is never guessed; the one the scores bear out is used instead.",
        "写明“予以支持”“调整完善后予以支持”或“不予支持”，勾选框只勾一项。",
        "write 予以支持, 调整完善后予以支持 or 不予支持; tick one box only."
    ),
    rule!(
        Code::P001,
        "report",
        "自评或评价报告未在形成后20日内公开",
        "a self-evaluation or evaluation report published late or not at all",
        "“在报告形成20日内主动向社会公开”",
        "reports are published within 20 days of being formed.",
        "尽快公开并登记公开日期。",
        "publish it and record the date."
    ),
    rule!(
        Code::P002,
        "report",
        "绩效目标未随预算公开",
        "targets not published with the budget",
        "绩效目标随预算一并公开：以预算公开日期为限，未登记时以预算批复后20日为限（预算法第十四条）；两个日期都没有时不作判断，报告中列出缺少的日期。",
        "targets are published with the budget: by the budget's publication date, else within 20 days of its approval (Budget Law §14); with neither date the record is not judged and the report names the missing date.",
        "随预算公开绩效目标，并在登记表中填写预算公开日期或预算批复日期。",
        "publish the targets with the budget and record the budget's publication or approval date."
    ),
    rule!(
        Code::M001,
        "monitor",
        "预算执行滞后于序时进度",
        "budget execution lags time progress",
        "“对未达预期进度的……分析原因并及时纠正”",
        "deviations are analysed and corrected.",
        "分析原因，加快执行，说明偏差原因。",
        "analyse, speed up, state the reason."
    ),
    rule!(
        Code::M002,
        "monitor",
        "指标进度滞后",
        "an indicator lags its expected progress",
        "绩效目标实现程度与预算执行进度“双监控”。",
        "targets and execution are monitored side by side.",
        "分析原因并纠偏。",
        "analyse and correct."
    ),
    rule!(
        Code::M003,
        "monitor",
        "黄色或红色预警未说明原因",
        "a yellow or red item without a deviation reason",
        "偏离目标须分析原因。",
        "every deviation needs its reason.",
        "填写偏差原因分析（经费/制度/人员/硬件/其他）及原因说明。",
        "fill in the deviation reason."
    ),
    rule!(
        Code::M004,
        "monitor",
        "预计无法完成目标",
        "the unit says 完全不可能 or the projection falls short",
        "“有较大偏差或存在严重问题的……暂缓执行或停止预算执行”",
        "large deviations suspend or stop execution.",
        "研究暂缓或停止执行，调整目标或资金。",
        "consider suspending or stopping execution."
    ),
    rule!(
        Code::M005,
        "monitor",
        "时效期限已过仍未完成",
        "a deadline has passed and the item is not done",
        "时效指标须按期完成。",
        "deadlines are to be met.",
        "说明原因并明确完成时间。",
        "state why and when it will be done."
    ),
    rule!(
        Code::M006,
        "monitor",
        "执行数超过全年预算",
        "executed above the full-year budget",
        "支出不得超预算。",
        "spending may not exceed the budget.",
        "核对执行数或办理预算调整。",
        "check the figure or adjust the budget."
    ),
    rule!(
        Code::M007,
        "monitor",
        "未填报实际完成值",
        "no actual reported",
        "监控须填报指标完成情况。",
        "monitoring needs the actuals.",
        "填写截至本月的完成情况。",
        "report the actual to date."
    ),
    rule!(
        Code::M008,
        "monitor",
        "连续两轮红色预警（整改不到位）",
        "red again after the previous round",
        "“对问题整改不到位的予以调减或收回预算资金……同时向县政府报告”",
        "unrectified problems lead to cuts and a report to the county government.",
        "调减或收回资金，并报告县政府。",
        "reduce or take back funds and report."
    ),
    rule!(
        Code::M009,
        "monitor",
        "指标超额完成（目标可能偏低）",
        "far ahead of expected progress",
        "超额较多说明目标可能设定偏低。",
        "being far ahead hints the target was set too low.",
        "来年合理提高目标值。",
        "set a more ambitious target next year."
    ),
    rule!(
        Code::M010,
        "monitor",
        "全年预算为零、负数或不合常理，却有执行数",
        "spending against a zero, negative or absurd budget",
        "预算数有误时执行进度无法判断，支出也不能计入执行率。",
        "with a wrong budget the execution cannot be judged, nor its rate counted.",
        "核对并改正全年预算数（调整预算数或年初预算数）。",
        "check and correct the full-year budget."
    ),
    rule!(
        Code::E001,
        "evaluate",
        "自评等级为差",
        "grade 差",
        "评价结果与预算安排挂钩。",
        "results feed the next budget.",
        "压减预算并整改。",
        "cut the budget and rectify."
    ),
    rule!(
        Code::E002,
        "evaluate",
        "年末指标无实际完成值",
        "an indicator has no actual value at year end",
        "自评须有实际完成值支撑。",
        "self-evaluation must rest on actuals.",
        "填写实际完成值。",
        "fill in the actual."
    ),
    rule!(
        Code::E003,
        "evaluate",
        "自评得分高于按规则复算的得分",
        "the stated score exceeds the recomputed score",
        "“绩效自评结果不实……依纪依法追究责任”",
        "unfounded self-evaluation is an accountability matter.",
        "按实际完成值重新计分。",
        "rescore from the actuals."
    ),
    rule!(
        Code::E004,
        "evaluate",
        "绩效不高且项目到期：建议清退",
        "performance not high and expiring: clear out",
        "到期项目绩效不高的予以清退（等级为中、差，可在配置 [evaluate] clear_out_grades 中调整）。",
        "expiring projects that perform poorly are cleared out (grades 中 and 差; [evaluate] clear_out_grades).",
        "到期后不再安排预算。",
        "do not budget it after expiry."
    ),
    rule!(
        Code::E005,
        "evaluate",
        "未说明偏差原因",
        "a shortfall without a stated reason",
        "执行率低于90%或指标未完成须说明原因。",
        "execution below 90% or a missed target needs a reason.",
        "填写偏差原因分析及改进措施。",
        "state the reason and the remedy."
    ),
    rule!(
        Code::E006,
        "evaluate",
        "定性指标得分不在其完成等级区间",
        "a qualitative score outside its band",
        "定性指标按完成等级区间计分。",
        "qualitative indicators score within their band.",
        "按等级区间更正得分。",
        "correct the score."
    ),
];

/// The documentation of one code.
pub fn find(code: &str) -> Option<&'static RuleDoc> {
    let code = Code::parse(code)?;
    RULES.iter().find(|r| r.code == code)
}

/// The documentation of a code: every code has one (a test holds it).
pub fn doc(code: Code) -> Option<&'static RuleDoc> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `| CODE | severity | ...` rows of a guide page, outside the
    /// samples that `perf explain` regenerates (those would prove nothing).
    fn documented_rows(page: &str) -> Vec<(String, String)> {
        let mut rows = Vec::new();
        let mut in_sample = false;
        for line in page.lines() {
            if line.starts_with("<!-- sample:") {
                in_sample = true;
            } else if line.starts_with("<!-- /sample") {
                in_sample = false;
            } else if !in_sample && let Some(rest) = line.strip_prefix("| ") {
                let cells: Vec<&str> = rest.split(" | ").collect();
                let code = cells[0];
                if code.len() == 4 && code[1..].chars().all(|d| d.is_ascii_digit()) {
                    rows.push((code.to_string(), cells.get(1).unwrap_or(&"").to_string()));
                }
            }
        }
        rows
    }

    #[test]
    fn every_code_has_one_doc_in_the_catalog() {
        for &code in Code::ALL {
            let docs = RULES.iter().filter(|r| r.code == code).count();
            assert_eq!(docs, 1, "{code}");
        }
        assert_eq!(RULES.len(), Code::ALL.len());
        assert_eq!(Code::parse("e003"), Some(Code::E003));
        // Near miss: no such code.
        assert_eq!(Code::parse("E999"), None);
    }

    #[test]
    fn every_code_is_documented_once_in_each_guide() {
        let pages = [
            (Lang::Zh, include_str!("../../docs/guide/zh/codes.md")),
            (Lang::En, include_str!("../../docs/guide/en/codes.md")),
        ];
        for (lang, page) in pages {
            let rows = documented_rows(page);
            for rule in RULES {
                let found: Vec<_> = rows
                    .iter()
                    .filter(|(c, _)| c == rule.code.as_str())
                    .collect();
                assert_eq!(
                    found.len(),
                    1,
                    "{} documented once in the {lang:?} guide",
                    rule.code
                );
                let severity = match lang {
                    Lang::Zh => rule.code.severity().zh(),
                    Lang::En => rule.code.severity().key(),
                };
                assert_eq!(
                    found[0].1, severity,
                    "{}: severity in the {lang:?} guide",
                    rule.code
                );
            }
            for (code, _) in &rows {
                assert!(
                    find(code).is_some(),
                    "{code} is in the {lang:?} guide but perf has no such code"
                );
            }
        }
    }
}
