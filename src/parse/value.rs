//! Target values and actuals: `≥95%`, `不低于95%`, `1.2万人次`, `2024年12月底前`, `定性` …

use serde::Serialize;

use crate::model::cell::Cell;

/// A comparison operator, however it was written (sign, word or provincial code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    /// ≥, >=, 不低于, 以上, 不少于, 达到 …
    Ge,
    /// >, 高于, 超过 …
    Gt,
    /// =, 等于 …
    Eq,
    /// <, 低于, 少于 …
    Lt,
    /// ≤, <=, 不超过, 不高于, 以内, 以下, 控制在 …
    Le,
}

/// What an operator column (指标性质 / 运算符 / 符号) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OperatorSpec {
    Op(Op),
    /// 正向 (higher is better)
    Positive,
    /// 反向 (lower is better)
    Negative,
    /// 定性
    Qualitative,
}

/// A deadline: year (when written), month, and day (None = end of month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub year: Option<i32>,
    pub month: u32,
    pub day: Option<u32>,
}

/// The typed meaning of a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueKind {
    /// Nothing written (empty, or only white space / dashes such as `—`, `/`).
    Empty,
    /// An unfilled template placeholder: `*`, `**`, `XX`, `≥**人次`, `xx%`.
    Placeholder,
    /// A number with its unit. `unit` is normalised: `%` for percentages;
    /// money in 万元 (`元` and `亿元` converted, value scaled); `万` / `亿`
    /// multipliers before a non-money unit applied to the value (`1.2万人次`
    /// → 12000 `人次`); compound units kept (`万元/人`).
    Number { value: f64, unit: Option<String> },
    /// A deadline (`2024年12月31日前`, `12月底前`, `年底前`, `第三季度`, `2024-11-30`, a date cell).
    Deadline(Deadline),
    /// Qualitative text with no number (`好`, `全覆盖`, `达标`, `定性`, `有效提升`).
    Qualitative { text: String },
}

/// A parsed value and what was noticed about its wording.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    /// The text as written (cell text, or the cell's display text).
    pub raw: String,
    /// The operator written in the value itself, if any.
    pub op: Option<Op>,
    pub kind: ValueKind,
    /// The first vague word found (`有所`, `进一步`, `力争` …), if any.
    pub vague: Option<String>,
}

/// Parses a value typed as text.
pub fn parse_value(raw: &str) -> Parsed {
    Parsed { raw: raw.to_string(), op: None, kind: ValueKind::Qualitative { text: raw.to_string() }, vague: None }
}

/// Parses a cell: a number cell is a bare number, a date cell a deadline, text via [`parse_value`].
pub fn parse_cell(cell: &Cell) -> Parsed {
    parse_value(&cell.to_text())
}

/// Parses an operator column: `≥`, `>=`, `＞＝`, `正向`, `反向`, `定性`, codes `1`–`6`.
pub fn parse_operator(_raw: &str) -> Option<OperatorSpec> {
    None
}
