//! Projects, their money lines and indicators, each value tied to the cell it came from.

use serde::Serialize;

use super::dimension::{Category, Dimension};
use crate::parse::{OperatorSpec, Parsed};

/// A zero-based cell position inside the table's sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Loc {
    pub row: u32,
    pub col: u32,
}

impl Loc {
    pub fn new(row: u32, col: u32) -> Self {
        Loc { row, col }
    }

    /// `H12` style reference.
    pub fn a1(self) -> String {
        crate::read::a1(self.row, self.col)
    }
}

/// A value with the cell it was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub at: Loc,
}

impl<T> Located<T> {
    pub fn new(value: T, at: Loc) -> Self {
        Located { value, at }
    }
}

/// 偏差原因分析 categories, as the official monitoring form lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonKind {
    /// 经费保障
    Funding,
    /// 制度保障
    System,
    /// 人员保障
    Staff,
    /// 硬件条件保障
    Hardware,
    /// 其他
    Other,
}

impl ReasonKind {
    /// The name on the official form.
    pub fn zh(self) -> &'static str {
        match self {
            ReasonKind::Funding => "经费保障",
            ReasonKind::System => "制度保障",
            ReasonKind::Staff => "人员保障",
            ReasonKind::Hardware => "硬件条件保障",
            ReasonKind::Other => "其他",
        }
    }
}

/// 完成目标可能性.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Possibility {
    /// 确定能
    Sure,
    /// 有可能
    Maybe,
    /// 完全不可能
    Impossible,
}

/// One indicator (三级指标) row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub row: u32,
    pub level1: Option<Located<String>>,
    pub level2: Option<Located<String>>,
    pub name: Located<String>,
    pub category: Option<Category>,
    /// The year's target (年度指标值); the adjusted one when the sheet gives it.
    pub target: Option<Located<Parsed>>,
    /// The operator column (指标性质 / 运算符), when the sheet has one.
    pub operator: Option<Located<OperatorSpec>>,
    pub operator_raw: Option<Located<String>>,
    /// The unit-of-measure column (计量单位), when the sheet has one.
    pub measure_unit: Option<Located<String>>,
    /// Points (分值 / 权重).
    pub weight: Option<Located<f64>>,
    /// Actual to date or at year end.
    pub actual: Option<Located<Parsed>>,
    /// The unit's forecast for the year (全年预计完成情况).
    pub forecast: Option<Located<Parsed>>,
    /// Points scored as stated by the unit (得分).
    pub stated_score: Option<Located<f64>>,
    /// Reason categories marked (√) or named.
    pub reasons: Vec<ReasonKind>,
    /// Reason text (原因说明 / 偏差原因分析及改进措施).
    pub reason_text: Option<Located<String>>,
    pub possibility: Option<Located<Possibility>>,
    pub note: Option<Located<String>>,
}

impl Indicator {
    pub fn new(row: u32, name: Located<String>) -> Self {
        Indicator {
            row,
            level1: None,
            level2: None,
            name,
            category: None,
            target: None,
            operator: None,
            operator_raw: None,
            measure_unit: None,
            weight: None,
            actual: None,
            forecast: None,
            stated_score: None,
            reasons: Vec::new(),
            reason_text: None,
            possibility: None,
            note: None,
        }
    }

    pub fn dimension(&self) -> Option<Dimension> {
        self.category.map(Category::dimension)
    }
}

/// Which money line of a form: the total (年度资金总额) or a part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    Total,
    Part,
}

/// One money line, amounts in 万元.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoneyLine {
    pub label: String,
    pub kind: LineKind,
    pub row: u32,
    /// 年初预算数 (or the single amount of a target form: 项目资金).
    pub budget_initial: Option<Located<f64>>,
    /// 调整预算数 / 全年预算数.
    pub budget_adjusted: Option<Located<f64>>,
    /// 1-X月执行数 / 全年执行数.
    pub executed: Option<Located<f64>>,
    /// 全年预计执行数.
    pub forecast_executed: Option<Located<f64>>,
    /// 执行率 as stated (0–1).
    pub stated_rate: Option<Located<f64>>,
    /// 分值 for budget execution (self-evaluation).
    pub weight: Option<Located<f64>>,
    /// 得分 for budget execution as stated.
    pub stated_score: Option<Located<f64>>,
    pub reason_text: Option<Located<String>>,
    /// Which money block of the form the line is in: 0 is this year's (the one
    /// tied to the budget line); others stand beside it, such as the
    /// multi-year 项目资金总额 of a form that also gives 年度资金申请总额.
    #[serde(skip_serializing_if = "is_zero")]
    pub block: u8,
    /// A total the form left empty (or 0), made up here from its 其中 lines.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
    /// An amount written but not readable as one (`待定`, `约250`): the sums
    /// that rest on it are not judged (B003 withheld, S004 says why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unread: Option<Located<String>>,
}

fn is_zero(b: &u8) -> bool {
    *b == 0
}

impl MoneyLine {
    pub fn new(label: impl Into<String>, kind: LineKind, row: u32) -> Self {
        MoneyLine {
            label: label.into(),
            kind,
            row,
            budget_initial: None,
            budget_adjusted: None,
            executed: None,
            forecast_executed: None,
            stated_rate: None,
            weight: None,
            stated_score: None,
            reason_text: None,
            block: 0,
            derived: false,
            unread: None,
        }
    }

    /// The full-year budget: adjusted when given, else the initial one.
    pub fn full_year_budget(&self) -> Option<&Located<f64>> {
        self.budget_adjusted
            .as_ref()
            .or(self.budget_initial.as_ref())
    }
}

/// A project (or policy) as one table tells of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    /// Index into the tables of the reading.
    pub table: usize,
    pub name: Located<String>,
    pub code: Option<Located<String>>,
    /// 主管部门 / 单位名称.
    pub unit: Option<Located<String>>,
    /// 实施单位, when given apart from the unit.
    pub implementer: Option<Located<String>>,
    /// 年度总体目标.
    pub goal: Option<Located<String>>,
    /// Where the layout has a place for the goal (a label's value cell, or the
    /// goal column), whether filled or not (rule T003).
    pub goal_expected: Option<Loc>,
    pub money: Vec<MoneyLine>,
    pub indicators: Vec<Indicator>,
    /// 总分 as stated by the unit.
    pub stated_total: Option<Located<f64>>,
    /// 项目期 end year (`2022-2024年` → 2024).
    pub period_end: Option<Located<i32>>,
    /// 预算类型 / 资金性质.
    pub budget_kind: Option<Located<String>>,
    /// 项目类别 as written (基建投资项目, 政府采购, PPP项目 …).
    pub category: Option<Located<String>>,
    /// 项目类型: 新增 / 延续.
    pub status: Option<Located<String>>,
    /// 单位类型: 乡镇 / 县级部门, when a column says.
    pub unit_type: Option<Located<String>>,
}

impl Project {
    pub fn new(table: usize, name: Located<String>) -> Self {
        Project {
            table,
            name,
            code: None,
            unit: None,
            implementer: None,
            goal: None,
            goal_expected: None,
            money: Vec::new(),
            indicators: Vec::new(),
            stated_total: None,
            period_end: None,
            budget_kind: None,
            category: None,
            status: None,
            unit_type: None,
        }
    }

    /// The total money line (or the only one).
    pub fn total_line(&self) -> Option<&MoneyLine> {
        self.money
            .iter()
            .find(|m| m.kind == LineKind::Total && m.block == 0)
            .or(self.money.iter().find(|m| m.block == 0))
    }
}

// The keys projects are joined by (target sheets to budget lines, monitoring
// to execution, results to next year's budget), used by every judging module.

/// A project code compared loosely: case, white space and full-width forms ignored.
pub fn code_key(p: &Project) -> Option<String> {
    p.code
        .as_ref()
        .map(|c| crate::parse::text::header_key(&c.value).to_uppercase())
        .filter(|k| !k.is_empty())
}

/// A name compared loosely.
pub fn name_key(p: &Project) -> String {
    crate::parse::text::header_key(&p.name.value)
}

/// The amount on a budget line: the adjusted budget when given, else the initial one.
pub fn budget_amount(p: &Project) -> Option<f64> {
    p.total_line()
        .and_then(|m| m.full_year_budget())
        .map(|v| v.value)
}
