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
        let p = match c {
            Cell::Text(t) => parse_text_memo(t),
            other => parse_cell(other),
        };
        (p.kind != ValueKind::Empty || p.raw.trim().chars().any(|ch| !"-—–/\\ ".contains(ch)))
            .then_some(p)
    })
    .filter(|p| p.value.kind != ValueKind::Empty)
}

/// [`parse_value`] remembered per thread: target texts repeat across rows and
/// files (`≥95%`, `100%`, `是`, `年底前`), and the parser is the costliest step of
/// understanding a sheet. The parser is pure, so a remembered result is the same.
fn parse_text_memo(text: &str) -> Parsed {
    use std::cell::RefCell;
    /// Past this many distinct texts the memo starts afresh: memory stays bounded.
    const LIMIT: usize = 4096;
    thread_local! {
        static MEMO: RefCell<rustc_hash::FxHashMap<Box<str>, Parsed>> = RefCell::default();
    }
    MEMO.with_borrow_mut(|memo| {
        if let Some(p) = memo.get(text) {
            return p.clone();
        }
        let p = crate::parse::parse_value(text);
        if memo.len() >= LIMIT {
            memo.clear();
        }
        memo.insert(text.into(), p.clone());
        p
    })
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

/// `51092324T000010263357-工资性支出` → (`51092324T000010263357`, `工资性支出`):
/// provincial systems write a project's code before its name. The code is a
/// run of at least eight letters and digits holding a digit; else None.
pub fn split_project_code(name: &str) -> Option<(String, String)> {
    let t = name.trim();
    let end = t.find(|c: char| !c.is_ascii_alphanumeric())?;
    let (code, rest) = t.split_at(end);
    let rest = rest.strip_prefix(['-', '－', '—', '_', ' ', '　'])?.trim();
    let is_code = code.len() >= 8 && code.chars().any(|c| c.is_ascii_digit());
    (is_code && !rest.is_empty()).then(|| (code.to_string(), rest.to_string()))
}

/// Points a label states in a bracket: `立项必要性(20分)` → 20, `（权重25%）` → 25,
/// `预算执行情况（万元）（20分）` → 20 (each bracket is tried; a unit is none).
pub fn points_in_label(label: &str) -> Option<f64> {
    let k = header_key(label);
    k.split('(').skip(1).find_map(|part| {
        let inside = part.split(')').next()?;
        let number: String = inside
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if number.is_empty() {
            return None;
        }
        let rest = &inside[inside.find(number.as_str())? + number.len()..];
        (rest.starts_with('分') || rest.starts_with('%'))
            .then(|| number.parse().ok())
            .flatten()
            .filter(|v: &f64| *v > 0.0 && *v <= 100.0)
    })
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

/// Rows that end a table: sign-off lines, notes, instructions and the
/// narrative rows a self-evaluation form puts under its 合计 (评价结论, 存在问题 …).
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
        "单位公章",
        "单位(盖章)",
        "年月日",
        "单位负责人",
        "负责人",
        "项目负责人",
        "联系人",
        "联系电话",
        "制表",
        "审核人",
        "财务负责人",
        "评价结论",
        "自评结论",
        "存在问题",
        "存在的问题",
        "改进措施",
        "改进意见",
        "下一步改进",
        "相关建议或举措",
        "偏差或不能完成目标原因",
        "主要经验及做法",
        "结合自评情况",
    ];
    // Most rows are data: a first character no label starts with (nor 注, nor
    // an instruction's) ends the test before the list is scanned.
    let Some(first) = key.chars().next() else {
        return false;
    };
    let starts_a_label = PREFIXES.iter().any(|p| p.starts_with(first));
    // `审核意见` may stand anywhere (区级预算部门审核意见): a search for its first
    // character is cheap, a substring search on every row is not.
    let review = key.contains('审') && key.contains("审核意见");
    if !starts_a_label && !review && !key.ends_with("字以内)") {
        return false;
    }
    PREFIXES.iter().any(|p| key.starts_with(p))
        || key.contains("审核意见")
        // Instructions to the filler: `（200字以内）`.
        || (key.ends_with("字以内)") && key.chars().count() > 12)
}

/// A total row's label, also as `自评总分：98` (the stated total in the same cell).
pub fn total_label(key: &str) -> Option<Option<f64>> {
    if is_total_label(key) {
        return Some(None);
    }
    let (label, rest) = key.split_once([':', '：'])?;
    if !is_total_label(label) {
        return None;
    }
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some(number.parse().ok())
}

/// A row left from the form's template, not an indicator: `……`, `…`, `/`,
/// `指标2:`, `指标1:/`. A 二级 label alone is caught earlier (no name).
pub fn is_template_name(name: &str) -> bool {
    // Most names are real: only one starting 指标 or made of filler is looked at.
    let t = name.trim_start();
    if !t.starts_with("指标")
        && !t.starts_with(['…', '.', '。', '·', '-', '—', '/', '\\', '、', '．'])
    {
        return false;
    }
    let k = header_key(name);
    let filler = |s: &str| s.chars().all(|c| "…．.。·-—/\\、".contains(c));
    if let Some(rest) = k.strip_prefix("指标") {
        let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if after.len() < rest.len() {
            // 指标N, 指标N:, 指标N:/ — the numbering with nothing after it.
            return filler(after.trim_start_matches([':', '、', '.']));
        }
    }
    !k.is_empty() && filler(&k)
}

/// `指标1:完成中型灌区节水改造项目数量` → `完成中型灌区节水改造项目数量`: the
/// template's numbering is not part of the indicator's name.
pub fn strip_template_number(name: &str) -> &str {
    let t = name.trim();
    let Some(rest) = t.strip_prefix("指标") else {
        return t;
    };
    let digits =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits.len() == rest.len() {
        return t;
    }
    match digits.strip_prefix([':', '：', '、', '.']) {
        Some(name) if !name.trim().is_empty() => name.trim(),
        _ => t,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_parse_memo_gives_what_the_parser_gives() {
        for t in [
            "≥95%",
            "100%",
            "是",
            "年底前",
            "≥**人次",
            "较上年有所提高",
            "1,200人",
            "",
        ] {
            for _ in 0..2 {
                assert_eq!(parse_text_memo(t), crate::parse::parse_value(t), "{t}");
            }
        }
    }

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
    fn project_codes_before_names() {
        assert_eq!(
            split_project_code("51000021R000000019951-工资性支出"),
            Some(("51000021R000000019951".into(), "工资性支出".into()))
        );
        // Near misses: a short number, a name with a hyphen, a code alone.
        assert_eq!(split_project_code("G318-国道养护"), None);
        assert_eq!(split_project_code("兰溪路-真南路下立交工程"), None);
        assert_eq!(split_project_code("51000021R000000019951"), None);
    }

    #[test]
    fn points_written_in_a_label() {
        assert_eq!(points_in_label("预算执行情况(万元)(20分)"), Some(20.0));
        assert_eq!(points_in_label("预算执行情况（10分）"), Some(10.0));
        assert_eq!(points_in_label("立项必要性(20分)"), Some(20.0));
        assert_eq!(points_in_label("（权重25%）"), Some(25.0));
        // Near misses: no points, or a unit in brackets.
        assert_eq!(points_in_label("项目资金(万元)"), None);
        assert_eq!(points_in_label("预算执行情况"), None);
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
        assert!(is_stop_label("评价结论"));
        assert!(is_stop_label("项目负责人:"));
        assert!(is_stop_label(
            "结合自评情况,分析存在的问题及原因。(200字以内)"
        ));
        // Near misses: indicators that mention problems or a word limit.
        assert!(!is_stop_label("问题整改完成率"));
        assert!(!is_stop_label("(200字以内)"));
    }

    #[test]
    fn total_rows_with_their_stated_total() {
        assert_eq!(total_label("合计"), Some(None));
        assert_eq!(total_label("自评总分:98"), Some(Some(98.0)));
        assert_eq!(total_label("总分：87.5分"), Some(Some(87.5)));
        assert_eq!(total_label("总分:"), Some(None));
        // Near miss: an indicator whose name holds a colon.
        assert_eq!(total_label("覆盖率:乡镇"), None);
    }

    #[test]
    fn template_rows_and_numbering() {
        for t in [
            "……",
            "…",
            "...",
            "/",
            "指标2:",
            "指标1:/",
            "指标3：",
            "指标1",
        ] {
            assert!(is_template_name(t), "{t}");
        }
        for t in [
            "指标1:工程质量合格",
            "指标值",
            "合格率",
            "指标体系建设",
            "88",
        ] {
            assert!(!is_template_name(t), "{t}");
        }
        assert_eq!(
            strip_template_number("指标1:完成中型灌区节水改造项目数量"),
            "完成中型灌区节水改造项目数量"
        );
        assert_eq!(strip_template_number("指标体系建设"), "指标体系建设");
        assert_eq!(strip_template_number("指标2:"), "指标2:");
    }
}
