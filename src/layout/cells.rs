//! Typed reads of one cell through the grid: text, amounts, numbers, parsed values, marks.

use super::grid::Grid;
use crate::model::{Loc, Located, Possibility, ReasonKind};
use crate::parse::text::header_key;
use crate::parse::{MoneyUnit, Parsed, ValueKind, amount_from_cell, parse_cell, parse_rate};
use crate::read::Cell;

/// The located text showing at (row, col), located at the cell that stores it.
pub fn text(grid: &Grid, row: u32, col: u32) -> Option<Located<String>> {
    let t = grid.text(row, col)?;
    let (r, c) = grid.anchor(row, col);
    Some(Located::new(t, Loc::new(r, c)))
}

fn located<T>(
    grid: &Grid,
    row: u32,
    col: u32,
    f: impl FnOnce(&Cell) -> Option<T>,
) -> Option<Located<T>> {
    let cell = grid.get(row, col)?;
    let (r, c) = grid.anchor(row, col);
    f(cell).map(|v| Located::new(v, Loc::new(r, c)))
}

/// An amount in 万元.
pub fn amount(grid: &Grid, row: u32, col: u32, unit: MoneyUnit) -> Option<Located<f64>> {
    located(grid, row, col, |c| amount_from_cell(c, unit))
}

/// A plain number (points, scores): number cells, or text such as `15` / `７.５`.
pub fn number(grid: &Grid, row: u32, col: u32) -> Option<Located<f64>> {
    located(grid, row, col, |c| match c {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => match parse_cell(&Cell::Text(t.clone())).kind {
            ValueKind::Number { value, .. } => Some(value),
            _ => None,
        },
        _ => None,
    })
}

/// A rate (0–1) such as `46.85%`.
pub fn rate(grid: &Grid, row: u32, col: u32) -> Option<Located<f64>> {
    located(grid, row, col, parse_rate)
}

/// A value parsed as a target or actual; None when nothing is written.
pub fn parsed(grid: &Grid, row: u32, col: u32) -> Option<Located<Parsed>> {
    located(grid, row, col, |c| {
        let p = parse_cell(c);
        (p.kind != ValueKind::Empty || p.raw.trim().chars().any(|ch| !"-—–/\\ ".contains(ch)))
            .then_some(p)
    })
    .filter(|p| p.value.kind != ValueKind::Empty)
}

/// True when the cell holds a tick mark (√ ✓ ✔ v 是 1).
pub fn is_marked(grid: &Grid, row: u32, col: u32) -> bool {
    // Marks are never merged in from another row: read the stored cell only.
    match grid.sheet.cell(row, col) {
        Some(Cell::Text(t)) => matches!(
            header_key(t).as_str(),
            "√" | "✓" | "✔" | "v" | "V" | "是" | "1" | "☑" | "●"
        ),
        Some(Cell::Number(n)) => *n == 1.0,
        Some(Cell::Bool(b)) => *b,
        _ => false,
    }
}

/// 完成目标可能性 written as words.
pub fn possibility_word(text: &str) -> Option<Possibility> {
    let k = header_key(text);
    if k.contains("不可能") || k.contains("不能") {
        Some(Possibility::Impossible)
    } else if k.contains("确定") || k == "能" {
        Some(Possibility::Sure)
    } else if k.contains("可能") {
        Some(Possibility::Maybe)
    } else {
        None
    }
}

/// A reason category written as its name (`经费保障`).
pub fn reason_word(text: &str) -> Option<ReasonKind> {
    match header_key(text).as_str() {
        "经费保障" | "经费" => Some(ReasonKind::Funding),
        "制度保障" | "制度" => Some(ReasonKind::System),
        "人员保障" | "人员" => Some(ReasonKind::Staff),
        "硬件条件保障" | "硬件保障" | "硬件" => Some(ReasonKind::Hardware),
        "其他" | "其他原因" => Some(ReasonKind::Other),
        _ => None,
    }
}

/// `[208]青山县城市管理局` → `青山县城市管理局`: provincial systems prefix unit codes.
pub fn strip_code_prefix(s: &str) -> String {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('[').or_else(|| t.strip_prefix('【'))
        && let Some(end) = rest.find([']', '】'])
    {
        let code = &rest[..end];
        if !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return rest[end + rest[end..].chars().next().map_or(1, char::len_utf8)..]
                .trim()
                .to_string();
        }
    }
    t.to_string()
}

/// The end year of a project period: `2022-2024年` → 2024, `2024年` → 2024.
pub fn period_end(text: &str) -> Option<i32> {
    let mut best = None;
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        let c = crate::parse::text::half_width_char(c);
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if digits.len() == 4
                && let Ok(y) = digits.parse::<i32>()
                && (2000..=2100).contains(&y)
            {
                best = Some(y);
            }
            digits.clear();
        }
    }
    best
}

/// Rows that are not data: totals and sub-totals.
pub fn is_total_label(key: &str) -> bool {
    TOTAL_LABELS.contains(&key)
}

/// Labels of total rows. Each holds 计 or 分, which lets the row reader skip
/// normalising cells that cannot be one.
pub const TOTAL_LABELS: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "总分",
    "自评总分",
    "合计数",
    "总计数",
    "综合得分",
];

/// Rows that end a table: sign-off lines, notes and instructions.
pub fn is_stop_label(key: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "填报",
        "填表",
        "注:",
        "注1",
        "注：",
        "说明:",
        "备注:",
        "盖章",
        "(盖章)",
        "年月日",
        "单位负责人",
        "负责人",
        "联系人",
        "联系电话",
        "制表",
        "审核人",
        "财务负责人",
    ];
    PREFIXES.iter().any(|p| key.starts_with(p)) || key.contains("审核意见")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes_are_stripped() {
        assert_eq!(
            strip_code_prefix("[208]青山县城市管理局"),
            "青山县城市管理局"
        );
        assert_eq!(
            strip_code_prefix("[211003]青山县农村供水管理总站"),
            "青山县农村供水管理总站"
        );
        assert_eq!(strip_code_prefix("青山县水利局"), "青山县水利局");
        assert_eq!(strip_code_prefix("[待定]单位"), "[待定]单位");
    }

    #[test]
    fn period_end_years() {
        assert_eq!(period_end("2022-2024年"), Some(2024));
        assert_eq!(period_end("２０２４年"), Some(2024));
        assert_eq!(period_end("三年"), None);
    }

    #[test]
    fn possibility_words() {
        assert_eq!(
            possibility_word("完全不可能"),
            Some(Possibility::Impossible)
        );
        assert_eq!(possibility_word("有可能"), Some(Possibility::Maybe));
        assert_eq!(possibility_word("确定能"), Some(Possibility::Sure));
    }

    #[test]
    fn stop_and_total_rows() {
        assert!(is_stop_label("填报人员信息"));
        assert!(is_stop_label("区级预算部门审核意见"));
        assert!(is_stop_label("注:跨年度项目"));
        assert!(is_total_label("合计"));
        assert!(TOTAL_LABELS.iter().all(|l| l.contains(['计', '分'])));
        assert!(!is_stop_label("资助参保资金拨付完成时间"));
    }
}
