//! Money amounts (`1,200.50`, `3.5亿元`, `（万元）` headers) normalised to 万元, and rates (`46.85%`).

use serde::Serialize;

use super::scan::{normalize, number_at};
use super::text::header_key;
use crate::model::cell::Cell;

/// The money unit a sheet states (`单位：万元`, `项目资金（元）`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum MoneyUnit {
    Yuan,
    #[default]
    Wan,
    Yi,
}

impl MoneyUnit {
    /// How many 万元 one of this unit is.
    pub fn in_wan(self) -> f64 {
        match self {
            MoneyUnit::Yuan => 0.0001,
            MoneyUnit::Wan => 1.0,
            MoneyUnit::Yi => 10000.0,
        }
    }

    /// `v` of this unit in 万元 (元 are divided by 10000 rather than
    /// multiplied by 0.0001, so `8000` 元 is exactly `0.8`).
    pub fn to_wan(self, v: f64) -> f64 {
        match self {
            MoneyUnit::Yuan => v / 10000.0,
            MoneyUnit::Wan => v,
            MoneyUnit::Yi => v * 10000.0,
        }
    }

    /// The unit as written in Chinese: `元`, `万元`, `亿元`.
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Wan => "万元",
            MoneyUnit::Yi => "亿元",
        }
    }

    /// Finds a stated money unit in a title line or header (`单位：万元`,
    /// `金额单位:元`, `（万元）`, `(元)`, `亿元`); the first one written wins.
    ///
    /// `万元` / `亿元` are never read as `元`. A bare `元` counts only where a
    /// unit is stated (after `(`, `:`, `单位`, or alone; before `)`, `,` or the
    /// end), so `单元`, `元旦`, `多元化` are not units. Per-item units
    /// (`万元/人`, `元/平方米`) and units with no [`MoneyUnit`] (`千元`,
    /// `百万元`) are skipped.
    pub fn find_in(text: &str) -> Option<MoneyUnit> {
        let c: Vec<char> = header_key(text).chars().collect();
        for (i, &ch) in c.iter().enumerate() {
            if ch != '元' || c.get(i + 1) == Some(&'/') {
                continue;
            }
            let prev = i.checked_sub(1).map(|p| c[p]);
            let prev2 = i.checked_sub(2).map(|p| c[p]);
            match prev {
                Some('万') if !matches!(prev2, Some('百' | '千')) => {
                    return Some(MoneyUnit::Wan);
                }
                Some('亿') => return Some(MoneyUnit::Yi),
                Some('万' | '千' | '百') => {}
                _ => {
                    let open = prev.is_none_or(|p| {
                        matches!(p, '(' | '[' | '【' | '<' | '〈' | ':' | '位' | ',' | '、')
                    });
                    let close = c.get(i + 1).is_none_or(|n| {
                        matches!(n, ')' | ']' | '】' | '>' | '〉' | ',' | ';' | '、' | '。')
                    });
                    if open && close {
                        return Some(MoneyUnit::Yuan);
                    }
                }
            }
        }
        None
    }
}

/// Text that stands for "no amount": nothing, dashes, slashes, `无`.
fn is_blank(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, '-' | '—' | '–' | '―' | '─' | '/' | '\\' | '_'))
        || matches!(t, "无" | "暂无")
}

/// Parses an amount written as text, in `unit` unless the text names its own; result in 万元.
///
/// Accepts `1,200.50`, full-width `３２４．００`, a leading `¥`, a sign,
/// accounting negatives `(100)` / `（100）` → −100, and a trailing own unit
/// (`3.5亿元`, `50万元`, `8000元`, `1.2万`, `3亿`, `500千元`), which wins over
/// `unit`. Returns `None` for blanks (`—`, `-`, `/`, ``), for percentages
/// (`12.5%` is a rate, not an amount), and for anything else that is not
/// wholly a number.
pub fn parse_amount(raw: &str, unit: MoneyUnit) -> Option<f64> {
    let t: String = normalize(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if is_blank(&t) || t.contains(['%', '‰']) {
        return None;
    }
    let mut s = t.as_str();
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner;
    }
    s = s.strip_prefix('¥').unwrap_or(s);
    // (suffix, value → 万元)
    type ToWan = fn(f64) -> f64;
    const OWN: &[(&str, ToWan)] = &[
        ("千万元", |v| v * 1000.0),
        ("百万元", |v| v * 100.0),
        ("亿元", |v| v * 10000.0),
        ("万元", |v| v),
        ("千元", |v| v / 10.0),
        ("元", |v| v / 10000.0),
        ("亿", |v| v * 10000.0),
        ("万", |v| v),
    ];
    let mut convert: Option<ToWan> = None;
    for (suffix, f) in OWN {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            convert = Some(*f);
            break;
        }
    }
    let c: Vec<char> = s.chars().collect();
    let n = number_at(&c, 0, true).filter(|n| n.end == c.len())?;
    let v = if negative { -n.value } else { n.value };
    let wan = match convert {
        Some(f) => f(v),
        None => unit.to_wan(v),
    };
    wan.is_finite().then_some(wan)
}

/// An amount from a cell (number cells are in `unit`); result in 万元.
pub fn amount_from_cell(cell: &Cell, unit: MoneyUnit) -> Option<f64> {
    match cell {
        Cell::Number(n) if n.is_finite() => Some(unit.to_wan(*n)),
        Cell::Text(t) => parse_amount(t, unit),
        _ => None,
    }
}

/// A rate such as `46.85%` or a number cell `0.4685` → 0.4685.
///
/// Text with `%` (or `‰`) is divided by 100 (1000). A number — a number cell,
/// or text without `%` — is read as a fraction when its magnitude is at most
/// 1.5 (Excel stores a cell formatted `46.85%` as 0.4685, and execution up to
/// 150 % does occur), and as percent points above that (`46.85` typed as a
/// plain number → 0.4685). So a plain `1.2` means 120 %, not 1.2 %; write
/// `1.2%` for the latter. Blanks (`—`, `-`, `/`, ``) and anything that is not
/// a number give `None`.
pub fn parse_rate(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) if n.is_finite() => Some(fraction_or_points(*n)),
        Cell::Text(t) => {
            let s: String = normalize(t)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if is_blank(&s) {
                return None;
            }
            let (num, div) = if let Some(r) = s.strip_suffix('%') {
                (r, Some(100.0))
            } else if let Some(r) = s.strip_suffix('‰') {
                (r, Some(1000.0))
            } else {
                (s.as_str(), None)
            };
            let c: Vec<char> = num.chars().collect();
            let n = number_at(&c, 0, true).filter(|n| n.end == c.len())?;
            Some(match div {
                Some(d) => n.value / d,
                None => fraction_or_points(n.value),
            })
        }
        _ => None,
    }
}

fn fraction_or_points(v: f64) -> f64 {
    if v.abs() > 1.5 { v / 100.0 } else { v }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_units_in_headers() {
        use MoneyUnit::*;
        let cases: &[(&str, Option<MoneyUnit>)] = &[
            ("单位：万元", Some(Wan)),
            ("单位:元", Some(Yuan)),
            ("单位： 元", Some(Yuan)),
            ("金额单位：万元", Some(Wan)),
            ("（万元）", Some(Wan)),
            ("(元)", Some(Yuan)),
            ("项目资金（元）", Some(Yuan)),
            ("年初预算数\n（万元）", Some(Wan)),
            ("亿元", Some(Yi)),
            ("单位：亿元", Some(Yi)),
            ("元", Some(Yuan)),
            ("万元", Some(Wan)),
            ("单位：千元", None),
            ("单位：百万元", None),
            ("人均补助(万元/人)", None),
            ("单元格", None),
            ("元旦慰问项目", None),
            ("多元化投入", None),
            ("XX县2024年度项目支出绩效目标表", None),
            ("", None),
            ("单位：万元 （2024年度）", Some(Wan)),
        ];
        for (text, want) in cases {
            assert_eq!(MoneyUnit::find_in(text), *want, "money unit in {text:?}");
        }
    }

    #[test]
    fn amounts() {
        use MoneyUnit::*;
        let cases: &[(&str, MoneyUnit, Option<f64>)] = &[
            ("1,200.50", Wan, Some(1200.5)),
            ("1,200.50", Yuan, Some(0.12005)),
            ("1,200.50", Yi, Some(12_005_000.0)),
            ("３２４．００", Wan, Some(324.0)),
            ("３，２４０．００", Wan, Some(3240.0)),
            ("980.00", Wan, Some(980.0)),
            ("980", Yuan, Some(0.098)),
            ("3.5亿元", Yuan, Some(35000.0)),
            ("50万元", Yuan, Some(50.0)),
            ("8000元", Wan, Some(0.8)),
            ("1.2万", Yuan, Some(1.2)),
            ("3亿", Wan, Some(30000.0)),
            ("500千元", Wan, Some(50.0)),
            ("—", Wan, None),
            ("-", Wan, None),
            ("", Wan, None),
            ("/", Wan, None),
            ("  ", Wan, None),
            ("无", Wan, None),
            ("（100）", Wan, Some(-100.0)),
            ("(1,000.5)", Wan, Some(-1000.5)),
            ("-100", Wan, Some(-100.0)),
            ("¥1,000", Yuan, Some(0.1)),
            ("￥1,000", Yuan, Some(0.1)),
            ("12.5%", Wan, None),
            ("约100", Wan, None),
            ("100万元左右", Wan, None),
            ("1,2", Wan, None),
            (" 1 200 ", Wan, Some(1200.0)),
            ("0", Wan, Some(0.0)),
        ];
        for (raw, unit, want) in cases {
            let got = parse_amount(raw, *unit);
            let ok = match (got, want) {
                (Some(g), Some(w)) => (g - w).abs() <= 1e-9 * w.abs().max(1.0),
                (None, None) => true,
                _ => false,
            };
            assert!(
                ok,
                "parse_amount({raw:?}, {unit:?}) = {got:?}, want {want:?}"
            );
        }
    }

    #[test]
    fn amounts_from_cells() {
        assert_eq!(
            amount_from_cell(&Cell::Number(8000.0), MoneyUnit::Yuan),
            Some(0.8)
        );
        assert_eq!(
            amount_from_cell(&Cell::Number(3.5), MoneyUnit::Yi),
            Some(35000.0)
        );
        assert_eq!(
            amount_from_cell(&Cell::Text("50万元".into()), MoneyUnit::Yuan),
            Some(50.0)
        );
        assert_eq!(amount_from_cell(&Cell::Bool(true), MoneyUnit::Wan), None);
        assert_eq!(
            amount_from_cell(&Cell::Error("#REF!".into()), MoneyUnit::Wan),
            None
        );
    }

    #[test]
    fn rates() {
        let cases: Vec<(Cell, Option<f64>)> = vec![
            (Cell::Text("46.85%".into()), Some(0.4685)),
            (Cell::Text("４６．８５％".into()), Some(0.4685)),
            (Cell::Text(" 46.85 % ".into()), Some(0.4685)),
            (Cell::Text("100%".into()), Some(1.0)),
            (Cell::Text("120%".into()), Some(1.2)),
            (Cell::Text("5‰".into()), Some(0.005)),
            (Cell::Text("0.4685".into()), Some(0.4685)),
            (Cell::Text("46.85".into()), Some(0.4685)),
            (Cell::Number(0.4685), Some(0.4685)),
            (Cell::Number(46.85), Some(0.4685)),
            (Cell::Number(1.2), Some(1.2)),
            (Cell::Number(1.5), Some(1.5)),
            (Cell::Number(150.0), Some(1.5)),
            (Cell::Number(0.0), Some(0.0)),
            (Cell::Text("—".into()), None),
            (Cell::Text("".into()), None),
            (Cell::Text("/".into()), None),
            (Cell::Text("较好".into()), None),
            (Cell::Bool(true), None),
            (Cell::Error("#DIV/0!".into()), None),
        ];
        for (cell, want) in cases {
            let got = parse_rate(&cell);
            let ok = match (got, want) {
                (Some(g), Some(w)) => (g - w).abs() < 1e-12,
                (None, None) => true,
                _ => false,
            };
            assert!(ok, "parse_rate({cell:?}) = {got:?}, want {want:?}");
        }
    }
}
