//! Column meanings and the header texts that name them (domain.md's synonym table, plus config).

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::model::{AssessAspect, Possibility, ReasonKind};
use crate::parse::text::{header_key, header_key_cow};

/// What a column (or a form label) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Unit,
    Implementer,
    Project,
    Code,
    Level1,
    Level2,
    Level3,
    Target,
    TargetAdjusted,
    Operator,
    MeasureUnit,
    Weight,
    Actual,
    Forecast,
    BudgetInitial,
    BudgetAdjusted,
    Executed,
    ForecastExecuted,
    Rate,
    Score,
    TotalScore,
    /// A reason column: a category sub-column (√) or, with `None`, free text.
    Reason(Option<ReasonKind>),
    /// 完成目标可能性: a sub-column (√) or, with `None`, one text column.
    Possibility(Option<Possibility>),
    Note,
    Period,
    BudgetKind,
    /// 项目类别: 基建投资项目, 政府采购, PPP项目 …
    Category,
    Status,
    Goal,
    Serial,
    /// One of the six aspects of an ex-ante assessment (事前绩效评估).
    Aspect(AssessAspect),
    /// 评估主体: the unit itself or a third party.
    Assessor,
    /// 评估结论.
    Conclusion,
    /// The item of a publication record (报告名称 / 公开事项).
    PubItem,
    /// What was published (绩效目标 / 绩效自评报告 / 重点项目绩效评价报告).
    PubKind,
    /// 报告形成日期.
    Formed,
    /// 公开日期.
    Published,
    /// 预算公开日期 (targets go with the budget).
    BudgetPublished,
    /// 公开网址 / 公开渠道.
    PubPlace,
    /// 单位类型: 乡镇 or 县级部门.
    UnitType,
    /// 评估内容: the aspect column of an ex-ante assessment form (one aspect per row).
    AssessItem,
    /// 审核意见: where a 审核表 marks each item (`优□良☑中□差□`).
    Opinion,
    /// 预算批复日期: targets are due 20 days after it (预算法 §14).
    BudgetApproved,
}

impl Field {
    /// Stable name used in `inspect` output and in the config's `[headers]` table.
    pub fn key(self) -> &'static str {
        match self {
            Field::Unit => "unit",
            Field::Implementer => "implementer",
            Field::Project => "project",
            Field::Code => "code",
            Field::Level1 => "level1",
            Field::Level2 => "level2",
            Field::Level3 => "indicator",
            Field::Target => "target",
            Field::TargetAdjusted => "target_adjusted",
            Field::Operator => "operator",
            Field::MeasureUnit => "measure_unit",
            Field::Weight => "weight",
            Field::Actual => "actual",
            Field::Forecast => "forecast",
            Field::BudgetInitial => "budget_initial",
            Field::BudgetAdjusted => "budget",
            Field::Executed => "executed",
            Field::ForecastExecuted => "forecast_executed",
            Field::Rate => "rate",
            Field::Score => "score",
            Field::TotalScore => "total_score",
            Field::Reason(None) => "reason",
            Field::Reason(Some(ReasonKind::Funding)) => "reason_funding",
            Field::Reason(Some(ReasonKind::System)) => "reason_system",
            Field::Reason(Some(ReasonKind::Staff)) => "reason_staff",
            Field::Reason(Some(ReasonKind::Hardware)) => "reason_hardware",
            Field::Reason(Some(ReasonKind::Other)) => "reason_other",
            Field::Possibility(None) => "possibility",
            Field::Possibility(Some(Possibility::Sure)) => "possibility_sure",
            Field::Possibility(Some(Possibility::Maybe)) => "possibility_maybe",
            Field::Possibility(Some(Possibility::Impossible)) => "possibility_impossible",
            Field::Note => "note",
            Field::Period => "period",
            Field::BudgetKind => "budget_kind",
            Field::Category => "category",
            Field::Status => "status",
            Field::Goal => "goal",
            Field::Serial => "serial",
            Field::Aspect(AssessAspect::Necessity) => "aspect_necessity",
            Field::Aspect(AssessAspect::Economy) => "aspect_economy",
            Field::Aspect(AssessAspect::Targets) => "aspect_targets",
            Field::Aspect(AssessAspect::Completeness) => "aspect_completeness",
            Field::Aspect(AssessAspect::Feasibility) => "aspect_feasibility",
            Field::Aspect(AssessAspect::Funding) => "aspect_funding",
            Field::Assessor => "assessor",
            Field::Conclusion => "conclusion",
            Field::PubItem => "publication_item",
            Field::PubKind => "publication_kind",
            Field::Formed => "formed",
            Field::Published => "published",
            Field::BudgetPublished => "budget_published",
            Field::PubPlace => "published_at",
            Field::UnitType => "unit_type",
            Field::AssessItem => "assess_item",
            Field::Opinion => "opinion",
            Field::BudgetApproved => "budget_approved",
        }
    }

    /// Fields a user may add header synonyms for, by key.
    pub fn from_key(key: &str) -> Option<Field> {
        ALL_FIELDS.iter().copied().find(|f| f.key() == key)
    }

    /// The Chinese header the official forms use, for messages ("缺少「指标值」列").
    pub fn zh(self) -> &'static str {
        synonyms(self).first().copied().unwrap_or("")
    }
}

pub const ALL_FIELDS: &[Field] = &[
    Field::Unit,
    Field::Implementer,
    Field::Project,
    Field::Code,
    Field::Level1,
    Field::Level2,
    Field::Level3,
    Field::Target,
    Field::TargetAdjusted,
    Field::Operator,
    Field::MeasureUnit,
    Field::Weight,
    Field::Actual,
    Field::Forecast,
    Field::BudgetInitial,
    Field::BudgetAdjusted,
    Field::Executed,
    Field::ForecastExecuted,
    Field::Rate,
    Field::Score,
    Field::TotalScore,
    Field::Reason(None),
    Field::Reason(Some(ReasonKind::Funding)),
    Field::Reason(Some(ReasonKind::System)),
    Field::Reason(Some(ReasonKind::Staff)),
    Field::Reason(Some(ReasonKind::Hardware)),
    Field::Reason(Some(ReasonKind::Other)),
    Field::Possibility(None),
    Field::Possibility(Some(Possibility::Sure)),
    Field::Possibility(Some(Possibility::Maybe)),
    Field::Possibility(Some(Possibility::Impossible)),
    Field::Note,
    Field::Period,
    Field::BudgetKind,
    Field::Category,
    Field::Status,
    Field::Goal,
    Field::Serial,
    Field::Aspect(AssessAspect::Necessity),
    Field::Aspect(AssessAspect::Economy),
    Field::Aspect(AssessAspect::Targets),
    Field::Aspect(AssessAspect::Completeness),
    Field::Aspect(AssessAspect::Feasibility),
    Field::Aspect(AssessAspect::Funding),
    Field::Assessor,
    Field::Conclusion,
    Field::PubItem,
    Field::PubKind,
    Field::Formed,
    Field::Published,
    Field::BudgetPublished,
    Field::PubPlace,
    Field::UnitType,
    Field::AssessItem,
    Field::Opinion,
    Field::BudgetApproved,
];

/// Exact header texts (after [`header_key`]) for each field; the first is the official one.
pub fn synonyms(field: Field) -> &'static [&'static str] {
    match field {
        Field::Unit => &[
            "单位名称",
            "预算单位",
            "主管部门",
            "主管预算部门",
            "填报单位",
            "部门名称",
            "预算部门",
            "部门",
            "主管单位",
            "乡镇",
            "乡镇名称",
            "项目单位",
        ],
        Field::Implementer => &["项目实施单位", "实施单位"],
        Field::Project => &[
            "项目名称",
            "政策名称",
            "项目(政策)名称",
            "项目支出名称",
            "政策(项目)支出名称",
            "政策(项目)名称",
            "项目",
            "名称",
        ],
        Field::Code => &["项目编码", "项目代码", "项目编号", "编码", "项目ID"],
        Field::Level1 => &[
            "一级指标",
            "一级绩效指标",
            "一级绩效指标名称",
            "一级指标名称",
        ],
        Field::Level2 => &[
            "二级指标",
            "二级绩效指标",
            "二级绩效指标名称",
            "二级指标名称",
        ],
        Field::Level3 => &[
            "三级指标",
            "三级指标名称",
            "指标名称",
            "指标内容",
            "具体指标",
            "三级绩效指标",
            "三级绩效指标名称",
            "绩效指标名称",
        ],
        Field::Target => &[
            "指标值",
            "年度指标值",
            "目标值",
            "绩效指标值",
            "年初指标值",
            "预期目标值",
            "年度目标值",
            "指标目标值",
            "预期指标值",
            "指标值及单位",
            "年初目标值",
            "绩效目标值",
            "当年预期实现值",
            "预期实现值",
            "年度预期指标值",
            "年度(/项目)指标值",
            "年度(项目)指标值",
        ],
        Field::TargetAdjusted => &["调整后指标值", "调整后目标值"],
        Field::Operator => &["指标性质", "计算符号", "符号", "运算符", "指标方向"],
        Field::MeasureUnit => &["度量单位", "计量单位", "单位(文字描述)", "指标单位"],
        Field::Weight => &["分值", "权重", "指标权重", "权重(%)", "指标分值"],
        Field::Actual => &[
            "指标累计完成情况",
            "半年度指标执行情况",
            "绩效指标完成情况",
            "半年指标执行情况",
            "指标执行情况",
            "年度指标完成情况",
            "全年完成值",
            "实际完成数",
            "当前完成值",
            "实际完成值",
            "全年实际值",
            "实际完成情况",
            "完成值",
            "实际值",
            "累计完成值",
            "指标完成情况",
            "实际完成",
        ],
        Field::Forecast => &[
            "全年预计完成情况",
            "全年指标预计完成情况",
            "预计完成值",
            "全年预计完成值",
            "绩效指标全年预计完成情况",
        ],
        Field::BudgetInitial => &["年初预算数", "年初预算", "年初预算金额"],
        Field::BudgetAdjusted => &[
            "全年预算数",
            "调整预算数",
            "调整后预算数",
            "年度资金总额",
            "项目资金",
            "预算数",
            "预算金额",
            "项目预算",
            "预算资金",
            "全年预算",
            "资金总额",
            "项目总金额",
            "年度预算数",
        ],
        Field::Executed => &[
            "全年执行数",
            "实际支出数",
            "预算执行数",
            "累计支出",
            "已支付数",
            "执行数",
            "支出数",
            "累计执行数",
            "实际执行数",
            "项目预算执行情况",
        ],
        Field::ForecastExecuted => &[
            "全年预计执行数",
            "预计执行数",
            "项目预算全年预计执行情况",
            "全年预计执行情况",
        ],
        Field::Rate => &["执行率", "预算执行率", "资金执行率"],
        Field::Score => &["得分", "自评得分", "指标得分"],
        Field::TotalScore => &["总分", "自评总分", "综合得分", "评估总分", "评估得分"],
        Field::Reason(None) => &[
            "偏差原因分析",
            "原因说明",
            "偏差原因分析及改进措施",
            "未完成原因分析",
            "偏差原因",
            "原因分析",
            "未完成原因及改进措施",
            "偏差原因及整改措施",
        ],
        Field::Reason(Some(ReasonKind::Funding)) => &["经费保障"],
        Field::Reason(Some(ReasonKind::System)) => &["制度保障"],
        Field::Reason(Some(ReasonKind::Staff)) => &["人员保障"],
        Field::Reason(Some(ReasonKind::Hardware)) => &["硬件条件保障", "硬件保障"],
        Field::Reason(Some(ReasonKind::Other)) => &["其他", "其他原因"],
        Field::Possibility(None) => &["完成目标可能性", "完成可能性"],
        Field::Possibility(Some(Possibility::Sure)) => &["确定能"],
        Field::Possibility(Some(Possibility::Maybe)) => &["有可能"],
        Field::Possibility(Some(Possibility::Impossible)) => &["完全不可能"],
        Field::Note => &[
            "备注",
            "说明",
            "绩效标准",
            "评(扣)分标准",
            "评分标准",
            "指标解释",
        ],
        Field::Period => &["项目期", "实施期", "项目周期", "实施周期"],
        Field::BudgetKind => &["预算类型", "资金性质", "预算类别", "资金来源类型"],
        Field::Category => &[
            "项目类别",
            "专项类别",
            "项目分类",
            "支出类别",
            "项目支出类别",
        ],
        Field::Status => &["项目类型", "项目性质", "新增/延续", "项目属性"],
        Field::Goal => &[
            "年度总体目标",
            "年度绩效目标",
            "总体目标",
            "绩效目标",
            "年度目标",
            "年初预期目标",
        ],
        Field::Serial => &["序号"],
        Field::Aspect(AssessAspect::Necessity) => {
            &["立项必要性", "项目立项必要性", "必要性", "政策设立必要性"]
        }
        Field::Aspect(AssessAspect::Economy) => &["投入经济性", "经济性", "财政投入经济性"],
        Field::Aspect(AssessAspect::Targets) => &["绩效目标合理性", "目标合理性", "政策目标合理性"],
        Field::Aspect(AssessAspect::Completeness) => &["方案完整性", "实施方案完整性", "完整性"],
        Field::Aspect(AssessAspect::Feasibility) => &[
            "计划可行性",
            "实施计划可行性",
            "可行性",
            "实施方案可行性",
            "方案可行性",
        ],
        Field::Aspect(AssessAspect::Funding) => {
            &["筹资合规性", "资金筹措合规性", "合规性", "政策资金合规性"]
        }
        Field::Assessor => &[
            "评估主体",
            "评估机构",
            "评估单位",
            "评估方式",
            "评估组织方式",
        ],
        Field::Conclusion => &["评估结论", "评估结果", "评估意见", "结论"],
        Field::PubItem => &[
            "报告名称",
            "公开事项",
            "公开内容",
            "事项名称",
            "公开事项名称",
        ],
        Field::PubKind => &["公开类型", "报告类型", "公开事项类型", "信息类型", "类别"],
        Field::Formed => &[
            "报告形成日期",
            "形成日期",
            "成文日期",
            "报告日期",
            "报告形成时间",
        ],
        Field::Published => &[
            "公开日期",
            "公开时间",
            "发布日期",
            "实际公开日期",
            "公开发布日期",
        ],
        Field::BudgetPublished => &["预算公开日期", "预算公开时间", "部门预算公开日期"],
        Field::PubPlace => &[
            "公开网址",
            "公开渠道",
            "公开载体",
            "公开网站",
            "公开平台",
            "公开方式",
            "公开地点",
        ],
        Field::UnitType => &["单位类型", "单位层级", "单位级次", "单位性质"],
        Field::AssessItem => &[
            "评估内容",
            "评估项目",
            "评估方面",
            "评估指标",
            "评估要素",
            "审核内容",
            "评审内容",
            "审核项目",
        ],
        Field::Opinion => &["审核意见", "评审意见", "专家意见"],
        Field::BudgetApproved => &[
            "预算批复日期",
            "批复日期",
            "部门预算批复日期",
            "预算批复时间",
        ],
    }
}

/// Every header text perf knows, built once per run from the built-in
/// synonyms plus the county's own from the config (those win).
#[derive(Debug, Clone)]
pub struct HeaderDict {
    exact: HashMap<String, Field>,
    /// First characters a header key can start with: most data cells fail
    /// this test and are never normalised or looked up.
    starts: rustc_hash::FxHashSet<char>,
}

impl Default for HeaderDict {
    fn default() -> Self {
        HeaderDict::new(&[])
    }
}

/// What a header says: its field, and the month when it names one (`1-9月执行数` → 9).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeaderMatch {
    pub field: Field,
    pub month: Option<u32>,
}

impl HeaderDict {
    /// Built-in synonyms plus `extra` (field, header text) pairs from the config.
    pub fn new(extra: &[(Field, String)]) -> Self {
        let mut exact = HashMap::default();
        for &field in ALL_FIELDS {
            for s in synonyms(field) {
                exact.entry(header_key(s)).or_insert(field);
            }
        }
        for (field, s) in extra {
            exact.insert(strip_markers(&header_key(s)), *field);
        }
        let mut starts: rustc_hash::FxHashSet<char> =
            exact.keys().filter_map(|k| k.chars().next()).collect();
        // Markers `strip_markers` drops, and month headers (`1-6月…`, `截至6月…`, `累计…`).
        starts.extend(['(', '[', '【', '截', '累']);
        // Required-field marks that provincial exports put before a header (`*指标值`).
        starts.extend(REQUIRED_MARKS);
        starts.extend('0'..='9');
        HeaderDict { exact, starts }
    }

    /// False when `text` cannot be a header: its first visible character starts no known key.
    fn may_match(&self, text: &str) -> bool {
        text.chars()
            .find(|c| !c.is_whitespace() && *c != '\u{200B}')
            .is_some_and(|c| {
                self.starts
                    .contains(&crate::parse::text::half_width_char(c))
            })
    }

    /// Matches one header text. Parenthesised markers (`（A）`, `(B/A)`, `（万元）`)
    /// and a trailing colon are ignored; `1-X月…` columns are matched with their month.
    pub fn match_header(&self, text: &str) -> Option<HeaderMatch> {
        // Most cells are data, not headers: reject long text before normalising anything.
        if text.len() > 120 || !self.may_match(text) {
            return None;
        }
        let key = header_key_cow(text);
        let key = match key.trim_matches(REQUIRED_MARKS) {
            bare if bare.len() == key.len() => key,
            bare => std::borrow::Cow::Owned(bare.to_string()),
        };
        if key.is_empty() || key.chars().count() > 30 {
            return None;
        }
        if let Some(&field) = self.exact.get(key.as_ref()) {
            return Some(HeaderMatch { field, month: None });
        }
        let bare: std::borrow::Cow<'_, str> =
            if key.contains(['(', ')', '[', ']', '【', '】', ':', '：']) {
                std::borrow::Cow::Owned(strip_markers(&key))
            } else {
                key
            };
        if let Some(&field) = self.exact.get(bare.as_ref()) {
            return Some(HeaderMatch { field, month: None });
        }
        if bare.contains('月') {
            match_month_header(&bare)
        } else {
            None
        }
    }

    /// All known header keys, for suggesting the nearest one to an unknown header.
    pub fn known(&self) -> impl Iterator<Item = (&str, Field)> {
        self.exact.iter().map(|(k, f)| (k.as_str(), *f))
    }
}

/// Marks of a required field before or after a header (`*指标值`, `指标值★`):
/// ignored, while a `*` inside a header's text is kept.
pub const REQUIRED_MARKS: [char; 4] = ['*', '＊', '★', '※'];

/// Drops parenthesised parts and trailing colons: `全年预算数(A)` → `全年预算数`.
fn strip_markers(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut depth = 0u32;
    for c in key.chars() {
        match c {
            '(' | '[' | '【' => depth += 1,
            ')' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim_end_matches([':', '：']).to_string()
}

/// `1-9月执行数`, `1—6月支出数`, `1至6月执行情况`, `截至6月执行数`, `6月累计支出`.
fn match_month_header(key: &str) -> Option<HeaderMatch> {
    let (month, rest) = leading_month(key)?;
    let field = match rest {
        "执行数" | "支出数" | "累计支出" | "累计执行数" | "累计支出数" | "执行金额"
        | "实际支出" | "已支付数" => Field::Executed,
        "执行率" | "预算执行率" | "支出进度" => Field::Rate,
        "执行情况" | "指标完成情况" | "完成情况" | "完成值" | "指标执行情况" | "实际完成值"
        | "累计完成情况" => Field::Actual,
        _ => return None,
    };
    Some(HeaderMatch {
        field,
        month: Some(month),
    })
}

/// Splits a leading month range: `1-9月…` → (9, "…").
pub fn leading_month(key: &str) -> Option<(u32, &str)> {
    let mut s = key;
    for prefix in ["截至", "截止", "累计"] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    let idx = s.find('月')?;
    let head = &s[..idx];
    let rest = &s[idx + '月'.len_utf8()..];
    let last = head.rsplit(['-', '—', '–', '~', '至', '到']).next()?;
    let month: u32 = last.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let first = head.strip_suffix(last)?;
    let ok_first = first.is_empty()
        || first
            .trim_end_matches(['-', '—', '–', '~', '至', '到'])
            .parse::<u32>()
            == Ok(1);
    ok_first.then_some((month, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Option<Field> {
        HeaderDict::default().match_header(text).map(|h| h.field)
    }

    #[test]
    fn synonyms_from_the_spec_are_recognised() {
        assert_eq!(m("项目名称"), Some(Field::Project));
        assert_eq!(m("三级指标名称"), Some(Field::Level3));
        assert_eq!(m("年度指标值(A)"), Some(Field::Target));
        assert_eq!(m("全年预算数（A）"), Some(Field::BudgetAdjusted));
        assert_eq!(m("执行率（B/A)"), Some(Field::Rate));
        assert_eq!(m("指 标 值"), Some(Field::Target));
        assert_eq!(m("单位（文字描述）"), Some(Field::MeasureUnit));
        assert_eq!(
            m("经费\n保障"),
            Some(Field::Reason(Some(ReasonKind::Funding)))
        );
        assert_eq!(
            m("硬件条\n件保障"),
            Some(Field::Reason(Some(ReasonKind::Hardware)))
        );
        assert_eq!(m("原因\n说明"), Some(Field::Reason(None)));
        assert_eq!(
            m("完全不可能"),
            Some(Field::Possibility(Some(Possibility::Impossible)))
        );
        assert_eq!(m("年度资金总额："), Some(Field::BudgetAdjusted));
        assert_eq!(m("城乡居民医疗救助"), None);
    }

    #[test]
    fn required_field_marks_are_ignored_at_the_ends_only() {
        assert_eq!(m("*指标值"), Some(Field::Target));
        assert_eq!(m("＊三级指标"), Some(Field::Level3));
        assert_eq!(m("指标值★"), Some(Field::Target));
        assert_eq!(m("※ 项目名称"), Some(Field::Project));
        // Near misses: a mark inside the text, or a mark alone.
        assert_eq!(m("指*标值"), None);
        assert_eq!(m("*"), None);
    }

    #[test]
    fn provincial_header_wordings() {
        assert_eq!(m("项目支出名称"), Some(Field::Project));
        assert_eq!(m("指标值及单位"), Some(Field::Target));
        assert_eq!(m("当年预期实现值"), Some(Field::Target));
        assert_eq!(m("年度(/项目)指标值"), Some(Field::Target));
        assert_eq!(m("半年度\n指标执行情况"), Some(Field::Actual));
        // 绩效标准 describes how a value is judged: a note, never the value.
        assert_eq!(m("绩效标准"), Some(Field::Note));
        assert_eq!(m("项目支出"), None);
    }

    #[test]
    fn month_headers_carry_their_month() {
        let h = HeaderDict::default().match_header("1-9月执行数").unwrap();
        assert_eq!((h.field, h.month), (Field::Executed, Some(9)));
        let h = HeaderDict::default().match_header("1—6月执行情况").unwrap();
        assert_eq!((h.field, h.month), (Field::Actual, Some(6)));
        let h = HeaderDict::default()
            .match_header("1-12月指标完成情况")
            .unwrap();
        assert_eq!((h.field, h.month), (Field::Actual, Some(12)));
        assert_eq!(m("1-13月执行数"), None);
        assert_eq!(m("3-9月执行数"), None);
    }

    #[test]
    fn config_synonyms_win() {
        let dict = HeaderDict::new(&[(Field::Target, "考核目标".into())]);
        assert_eq!(
            dict.match_header("考核 目标").map(|h| h.field),
            Some(Field::Target)
        );
    }
}
