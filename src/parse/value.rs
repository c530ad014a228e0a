//! Target values and actuals: `≥95%`, `不低于95%`, `1.2万人次`, `2024年12月底前`, `定性` …

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::deadline;
use super::scan::{
    Num, at, contains_in, digit_run_end, is_cjk, is_digit_at, normalize, number_at, skip_spaces,
};
use super::text::{half_width_char, header_key};
use super::vague::{default_vague_words, find_vague};
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

pub use super::deadline::Deadline;

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

impl Op {
    /// The sign as printed in reports: `≥`, `>`, `=`, `<`, `≤`.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Eq => "=",
            Op::Lt => "<",
            Op::Le => "≤",
        }
    }

    /// The sign in plain ASCII: `>=`, `>`, `=`, `<`, `<=`.
    pub fn ascii(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Eq => "=",
            Op::Lt => "<",
            Op::Le => "<=",
        }
    }
}

impl Deadline {
    /// The date this deadline falls on: the year defaults to `default_year`, a
    /// missing day is the month's last day, and a day past the month's end
    /// (`2月30日`) is clamped to it.
    pub fn resolve(&self, default_year: i32) -> NaiveDate {
        let year = self.year.unwrap_or(default_year).clamp(1, 9999);
        let month = self.month.clamp(1, 12);
        let last = days_in_month(year, month);
        let day = self.day.unwrap_or(last).clamp(1, last);
        // Cannot fail: year, month and day were clamped into range above; the
        // fallback only keeps this free of a panic path.
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
    }
}

/// Days in `month` (1–12) of `year` (Gregorian).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap { 29 } else { 28 }
        }
    }
}

impl Parsed {
    /// A number or a deadline: something an actual can be measured against.
    pub fn is_quantified(&self) -> bool {
        matches!(self.kind, ValueKind::Number { .. } | ValueKind::Deadline(_))
    }

    /// Canonical text: `≥95%`, `≤1.5万元/人`, `12000人次`, `2024年12月31日前`,
    /// `12月底前`, `2024年9月`. [`parse_value`] reads it back to the same op and
    /// kind. Qualitative values print their (normalised) text, placeholders
    /// their raw text, empty values nothing.
    pub fn display(&self) -> String {
        let mut s = String::new();
        match &self.kind {
            ValueKind::Empty => {}
            ValueKind::Placeholder => s.push_str(self.raw.trim()),
            ValueKind::Qualitative { text } => s.push_str(text),
            ValueKind::Number { value, unit } => {
                if let Some(op) = self.op {
                    s.push_str(op.symbol());
                }
                // `{}` on f64 prints the shortest text that reads back to the
                // same value, never in exponent form.
                let _ = write!(s, "{value}");
                if let Some(u) = unit {
                    s.push_str(u);
                }
            }
            ValueKind::Deadline(d) => {
                let before = self.op == Some(Op::Le);
                if let Some(op) = self.op.filter(|_| !before) {
                    s.push_str(op.symbol());
                }
                if let Some(y) = d.year {
                    let _ = write!(s, "{y}年");
                }
                let _ = write!(s, "{}月", d.month);
                match (d.day, before) {
                    (Some(day), true) => {
                        let _ = write!(s, "{day}日前");
                    }
                    (Some(day), false) => {
                        let _ = write!(s, "{day}日");
                    }
                    (None, true) => s.push_str("底前"),
                    (None, false) => {}
                }
            }
        }
        s
    }
}

/// Parses a value typed as text.
///
/// In order:
/// 1. empty: nothing, white space, dashes/slashes (`—`, `-`, `/`), `无`, `暂无`,
///    `N/A`, and Excel error texts (`#REF!`);
/// 2. placeholder: `*`, `**`, `XX`, `≥**人次`, `≥XX%`, `20XX年`, or only an
///    operator and/or `%` with no number (`≥`, `≥%`);
/// 3. deadline (see the forms on [`ValueKind::Deadline`]); written "before"
///    (`前`, `内`, `年内`, `截止…`, `到…`, `不晚于…`) it carries `op = Le`.
///    An "as of" date followed by a number (`截至6月底，完成80%`) is not the
///    value: the number is;
/// 4. number: the number right after the first operator sign
///    (`5A级景区≥3个` → 3), else the first number, with its unit. Year prefixes
///    (`2024年完成500万元`), month periods (`1-6月`) and numbers glued to
///    Latin letters (`PM2.5`) are skipped. Text with several numbers
///    (`已完工11座，在建13座`) yields the first (11 座) — good enough for
///    actuals, and a target is expected to hold one number anyway.
///    Ranges (`90%-95%`, `90~95%`, `90至95`) yield the lower bound with
///    `op = Ge`, or the upper bound when the written operator is `≤`/`<`;
/// 5. otherwise qualitative (the normalised text).
///
/// The operator comes from a sign before the number (`≥`, `>=`, `＞＝`, `≧`),
/// else from words anywhere (`不低于`, `不超过`, `大于等于`, `以上`, `以内`,
/// `控制在`, `达到`, `最多` …), else from `内` right after the unit (`30日内`).
/// `vague` is the first of [`default_vague_words`] found, whatever the kind.
pub fn parse_value(raw: &str) -> Parsed {
    parse_parts(raw).0
}

/// [`parse_value`], and for a number the unit as written before it was
/// normalised (`万` for `250万`, `(%)` read as `%`).
fn parse_parts(raw: &str) -> (Parsed, Option<String>) {
    let text = normalize(raw);
    let make = |op, kind, vague| Parsed {
        raw: raw.to_string(),
        op,
        kind,
        vague,
    };
    if is_empty_text(&text) {
        return (make(None, ValueKind::Empty, None), None);
    }
    let c: Vec<char> = text.chars().collect();
    let vague = find_vague(&text, default_vague_words());
    if is_placeholder(&c) {
        let op = sign_op(&c, 0, c.len()).or_else(|| word_op(&c));
        return (make(op, ValueKind::Placeholder, vague), None);
    }
    if is_zero_text(&c) {
        let zero = ValueKind::Number {
            value: 0.0,
            unit: None,
        };
        return (make(None, zero, vague), None);
    }

    let mut num_from = 0;
    if let Some(f) = deadline::find(&c) {
        let as_of = (contains_in(&c, 0, f.start, "截至") || contains_in(&c, 0, f.start, "截止"))
            && c[f.end..].iter().any(char::is_ascii_digit);
        if !as_of {
            let by = |w: &str| contains_in(&c, 0, f.start, w);
            let before =
                f.before || by("截至") || by("截止") || by("到") || by("不晚于") || by("不迟于");
            let op = sign_op(&c, 0, f.start)
                .or(before.then_some(Op::Le))
                .or_else(|| word_op(&c));
            return (make(op, ValueKind::Deadline(f.deadline), vague), None);
        }
        num_from = f.end;
    }

    // The number right after a sign is the value (`5A级景区≥3个` → 3), else the first number.
    let signed = sign_at(&c, num_from, c.len());
    let number = signed
        .and_then(|(_, after)| first_number(&c, after))
        .or_else(|| first_number(&c, num_from));
    if let Some(n) = number {
        let (mut unit, unit_end) = read_unit(&c, n.end);
        let mut end = unit_end;
        let mut high = None;
        if let Some((n2, unit2, e2)) = range_after(&c, unit_end) {
            if unit.is_empty() {
                unit = unit2;
            }
            high = Some(n2.value);
            end = e2;
        }
        let op = signed
            .filter(|(_, after)| *after <= n.start)
            .map(|(op, _)| op)
            .or_else(|| word_op(&c))
            .or_else(|| {
                let k = skip_spaces(&c, end);
                (c.get(k) == Some(&'内')).then_some(Op::Le)
            });
        let (value, op) = match (high, op) {
            (Some(hi), Some(Op::Le | Op::Lt)) => (hi, op),
            (Some(_), None) => (n.value, Some(Op::Ge)),
            _ => (n.value, op),
        };
        let (value, normal) = normalize_unit(value, &unit);
        if value.is_finite() {
            let kind = ValueKind::Number {
                value,
                unit: normal,
            };
            return (make(op, kind, vague), Some(unit));
        }
    }

    let op = sign_op(&c, 0, c.len()).or_else(|| word_op(&c));
    let kind = ValueKind::Qualitative {
        text: fold_spaces(&text),
    };
    (make(op, kind, vague), None)
}

/// A value read as an amount of money, for an indicator whose meaning is money
/// (a cost, a 资金 amount) or whose other side is in 万元: a bare `万` / `亿`
/// multiplier is 万元 / 亿元 (`250万` → 250 万元, `1.2亿` → 12000 万元). `None`
/// when the value has no such multiplier (`250万元` is already in 万元, `250`
/// and `250万人次` are not money).
pub fn as_money(p: &Parsed) -> Option<Parsed> {
    // Only text with 万 or 亿 in it can hold a bare multiplier.
    if !p.raw.contains(['万', '亿']) {
        return None;
    }
    let (q, unit) = parse_parts(&p.raw);
    let ValueKind::Number { value, unit: None } = q.kind else {
        return None;
    };
    let unit = unit?;
    let bare = unit.trim_start_matches(['余', '多']);
    matches!(bare, "万" | "亿").then(|| Parsed {
        kind: ValueKind::Number {
            value: value / 1e4,
            unit: Some("万元".to_string()),
        },
        ..q
    })
}

/// Parses a cell: a number cell is a bare number, a date cell a deadline, text
/// via [`parse_value`]. A boolean cell is qualitative (`TRUE` / `FALSE`); an
/// error cell (`#REF!`, `#DIV/0!`) is empty — it holds no value a unit wrote.
pub fn parse_cell(cell: &Cell) -> Parsed {
    let raw = || cell.to_text();
    match cell {
        Cell::Text(t) => parse_value(t),
        Cell::Number(n) if n.is_finite() => Parsed {
            raw: raw(),
            op: None,
            kind: ValueKind::Number {
                value: *n,
                unit: None,
            },
            vague: None,
        },
        Cell::Number(_) | Cell::Error(_) => Parsed {
            raw: raw(),
            op: None,
            kind: ValueKind::Empty,
            vague: None,
        },
        Cell::Date(dt) => Parsed {
            raw: raw(),
            op: None,
            kind: ValueKind::Deadline(Deadline {
                year: Some(dt.year()),
                month: dt.month(),
                day: Some(dt.day()),
            }),
            vague: None,
        },
        Cell::Bool(_) => {
            let text = raw();
            Parsed {
                raw: text.clone(),
                op: None,
                kind: ValueKind::Qualitative { text },
                vague: None,
            }
        }
    }
}

/// Parses an operator column: `≥`, `>=`, `＞＝`, `≧`, `大于等于`, `不低于`,
/// `正向`, `反向`, `定性`, provincial codes `1`–`6` (1 ≥, 2 >, 3 =, 4 <, 5 ≤,
/// 6 定性; `1.0` is accepted, as a number cell prints). A sign wins over a
/// direction word (`正向(≥)` → ≥); `定性` wins over both.
pub fn parse_operator(raw: &str) -> Option<OperatorSpec> {
    let key = header_key(raw);
    let t = normalize(&key);
    if t.is_empty() {
        return None;
    }
    if let Ok(n) = t.parse::<f64>() {
        if n.fract() != 0.0 {
            return None;
        }
        return match n as i64 {
            1 => Some(OperatorSpec::Op(Op::Ge)),
            2 => Some(OperatorSpec::Op(Op::Gt)),
            3 => Some(OperatorSpec::Op(Op::Eq)),
            4 => Some(OperatorSpec::Op(Op::Lt)),
            5 => Some(OperatorSpec::Op(Op::Le)),
            6 => Some(OperatorSpec::Qualitative),
            _ => None,
        };
    }
    if t.contains("定性") {
        return Some(OperatorSpec::Qualitative);
    }
    let c: Vec<char> = t.chars().collect();
    if let Some(op) = sign_op(&c, 0, c.len()).or_else(|| word_op(&c)) {
        return Some(OperatorSpec::Op(op));
    }
    if t.contains("反向") {
        return Some(OperatorSpec::Negative);
    }
    if t.contains("正向") {
        return Some(OperatorSpec::Positive);
    }
    None
}

/// Words saying work is not done; one anywhere wins over a "done" word.
const NOT_DONE: &[&str] = &[
    "未完成",
    "尚未",
    "未开始",
    "在建",
    "进行中",
    "未完工",
    "未竣工",
    "未启动",
    "未拨付",
    "未支付",
    "未按期",
    "未实施",
    "未验收",
    "未达到",
    "未办结",
    "正在",
    "推进中",
    "实施中",
    "建设中",
    "施工中",
    "筹备中",
    "招标中",
    "办理中",
    "审批中",
    "编制中",
    "部分完成",
    "没有完成",
    "没完成",
    "未到位",
    "无法",
    "不能",
    "难以",
    "预计",
    "计划于",
    "计划在",
    "拟于",
];
/// Words saying work is done.
const DONE: &[&str] = &[
    "已完成",
    "按期完成",
    "按时完成",
    "提前完成",
    "全部完成",
    "已完工",
    "完工",
    "竣工",
    "已拨付",
    "已支付",
    "已验收",
    "已实施",
    "已到位",
    "已建成",
    "建成",
    "已办结",
    "办结",
    "已发放",
    "发放完毕",
    "已交付",
    "已投入使用",
    "已上线",
    "已印发",
    "已出台",
    "已兑现",
    "完成",
];
/// Words with 完成 in them that name a measure, not a claim.
const NOT_A_CLAIM: &[&str] = &[
    "完成率",
    "完成进度",
    "完成比例",
    "完成情况",
    "完成值",
    "完成数",
];

/// Each word of [`NOT_DONE`] and [`DONE`] starts with one of these, and the
/// one-character answers are among them: text with none of them claims nothing.
const CLAIM_STARTS: &[char] = &[
    '未', '尚', '在', '进', '正', '推', '实', '建', '施', '部', '没', '已', '按', '提', '全', '完',
    '竣', '是', '√', '✓', '✔', '否', '×', '✗', '✘', '筹', '招', '办', '审', '编', '无', '不', '难',
    '预', '计', '拟', '发',
];

/// Whether a timeliness actual says the work is done: `已完成`, `完成`,
/// `已完工`, `按期完成`, `已拨付到位`, `已于5月28日完成`, `是`, `√` →
/// `Some(true)`; `未完成`, `尚未完成`, `未开始`, `在建`, `进行中`, `正在推进`,
/// `部分完成`, `预计7月完成`, `无法完成`, `未建成`, `否` → `Some(false)` (a
/// "not done" word anywhere wins: `已完工11座，在建13座` is not done; a done
/// word after 未/没/不 is not done); anything else → `None`: `基本完成` (vague:
/// neither claim can be taken at its word), `完成率80%`, and a share of the work
/// short of all of it (`已完成80%`).
pub fn is_done_text(text: &str) -> Option<bool> {
    // Most values (`348个`, `≥95%`) hold none of the words: skip the searches.
    if !text.contains(CLAIM_STARTS) {
        return None;
    }
    let t = normalize(&header_key(text));
    match t.as_str() {
        "" => return None,
        "是" | "√" | "✓" | "✔" => return Some(true),
        "否" | "×" | "✗" | "✘" => return Some(false),
        _ => {}
    }
    if NOT_DONE.iter().any(|w| t.contains(w)) {
        return Some(false);
    }
    let negated = |w: &str| {
        t.match_indices(w)
            .any(|(k, _)| t[..k].ends_with(['未', '没', '不']) || t[..k].ends_with("没有"))
    };
    if DONE.iter().any(|w| negated(w)) {
        return Some(false);
    }
    if t.contains("基本完成") || share_short_of_all(&t) {
        return None;
    }
    let mut rest = t;
    for w in NOT_A_CLAIM {
        if rest.contains(w) {
            rest = rest.replace(w, "");
        }
    }
    DONE.iter().any(|w| rest.contains(w)).then_some(true)
}

/// A percentage below 100 written in the text (`已完成80%`).
fn share_short_of_all(t: &str) -> bool {
    let c: Vec<char> = t.chars().collect();
    c.iter().enumerate().any(|(i, &ch)| {
        if ch != '%' || i == 0 || !c[i - 1].is_ascii_digit() {
            return false;
        }
        let mut s = i;
        while s > 0 && (c[s - 1].is_ascii_digit() || c[s - 1] == '.') {
            s -= 1;
        }
        number_at(&c, s, false).is_some_and(|n| n.end == i && n.value < 100.0 - 1e-9)
    })
}

/// Indicator names about starting work (开工时间, 项目开工, 启动时间): a reported
/// start completes them.
const START_NAMES: &[&str] = &["开工", "动工", "开建", "进场", "启动"];
/// Reports that work has not started; checked before [`STARTED`] (`未开工` holds `开工`).
const NOT_STARTED: &[&str] = &[
    "未开工",
    "未动工",
    "未开建",
    "未进场",
    "未启动",
    "未开始",
    "没有开工",
];
/// Reports that work has started (or is past starting).
const STARTED: &[&str] = &[
    "开工",
    "动工",
    "开建",
    "进场",
    "启动",
    "在建",
    "施工中",
    "建设中",
    "正在施工",
    "正在建设",
    "完工",
    "竣工",
];
/// Work in progress: for an indicator about starting, it may or may not have started.
const IN_PROGRESS: &[&str] = &["进行中", "实施中", "推进中", "正在推进"];

/// Whether an indicator's name is about starting work (`开工时间`).
pub fn is_start_indicator(name: &str) -> bool {
    let k = header_key(name);
    START_NAMES.iter().any(|w| k.contains(w))
}

/// Whether a reported actual says the work of indicator `name` is done:
/// [`is_done_text`], a share of 100 % or more (`100%`), and for an indicator
/// about starting (`开工时间`) a reported start (`已开工`, `在建`). `None` when
/// the report says neither (`详见附件`, `80%`): the caller cannot tell.
pub fn done_state(name: &str, actual: &Parsed) -> Option<bool> {
    if is_start_indicator(name) {
        let t = normalize(&header_key(&actual.raw));
        if NOT_STARTED.iter().any(|w| t.contains(w)) {
            return Some(false);
        }
        if STARTED.iter().any(|w| t.contains(w)) {
            return Some(true);
        }
        if IN_PROGRESS.iter().any(|w| t.contains(w)) {
            return None;
        }
    }
    if let Some(said) = is_done_text(&actual.raw) {
        return Some(said);
    }
    match &actual.kind {
        ValueKind::Number {
            value,
            unit: Some(u),
        } if u == "%" && *value >= 100.0 - 1e-9 => Some(true),
        _ => None,
    }
}

/// Whether work due by `deadline` was done by it, as `actual` reports it (the
/// year `year` completes dates written without one): `Some(true)` done on time;
/// `Some(false)` not done, done late, or nothing reported (a blank actual is
/// not done); `None` when the report cannot be read either way. A date in the
/// report (`5月20日完成`, `2024-05-20`) decides: after the deadline is late.
pub fn done_by(
    name: &str,
    actual: Option<&Parsed>,
    deadline: NaiveDate,
    year: i32,
) -> Option<bool> {
    let Some(actual) = actual else {
        return Some(false);
    };
    let said = done_state(name, actual);
    if let ValueKind::Deadline(d) = &actual.kind {
        if said == Some(false) {
            return Some(false);
        }
        return Some(d.resolve(year) <= deadline);
    }
    said
}

/// Normalises a value and its unit as written (e.g. from a 计量单位 column):
/// `%`/`百分比` → `%`; money to 万元 (`元` ÷ 10000, `千元` ÷ 10, `亿元` × 10000,
/// also leading a compound: `元/人` → `万元/人`); a leading `万`/`亿` before any
/// other unit multiplies (`万人次` → × 10000 `人次`); other units are kept
/// (white space removed, half-width). An empty unit is `None`.
pub fn normalize_unit(value: f64, unit: &str) -> (f64, Option<String>) {
    let mut u: String = unit
        .chars()
        .map(half_width_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    if u.starts_with('(') && u.ends_with(')') && u.len() >= 2 {
        u = u[1..u.len() - 1].to_string();
    }
    if u.is_empty() {
        return (value, None);
    }
    if matches!(u.as_str(), "%" | "百分比" | "百分率" | "﹪") {
        return (value, Some("%".to_string()));
    }
    // (prefix, multiplier to 万元, divisor to 万元)
    const MONEY: &[(&str, f64, f64)] = &[
        ("千万元", 1000.0, 1.0),
        ("百万元", 100.0, 1.0),
        ("亿元", 10000.0, 1.0),
        ("万元", 1.0, 1.0),
        ("千元", 1.0, 10.0),
        ("元", 1.0, 10000.0),
    ];
    for (prefix, mul, div) in MONEY {
        if let Some(rest) = u.strip_prefix(prefix) {
            return (value * mul / div, Some(format!("万元{rest}")));
        }
    }
    for (prefix, mul) in [('万', 1e4), ('亿', 1e8)] {
        if let Some(rest) = u.strip_prefix(prefix) {
            let rest = (!rest.is_empty()).then(|| rest.to_string());
            return (value * mul, rest);
        }
    }
    (value, Some(u))
}

// ---------------------------------------------------------------------------
// Scanning pieces.

/// Nothing written: white space, dashes and slashes only, `无`, `N/A`, an Excel error text.
fn is_empty_text(t: &str) -> bool {
    if t.chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '—' | '–' | '―' | '─' | '/' | '\\' | '_'))
    {
        return true;
    }
    if matches!(t, "无" | "暂无" | "空")
        || ["n/a", "na", "null", "none"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
    {
        return true;
    }
    t.starts_with('#') && (t.ends_with('!') || t.ends_with('?') || t.eq_ignore_ascii_case("#n/a"))
}

/// Words that say "none happens": a target of zero (`不发生`, `零事故`) or an
/// actual of zero (`未发生`). Whole values only, and never with a digit in them.
const ZERO_WORDS: &[&str] = &[
    "零",
    "杜绝",
    "不发生",
    "未发生",
    "没有发生",
    "无发生",
    "零发生",
];
/// What `零` / `无` / `不发生` may be followed by in a zero value (`零事故`, `零投诉`,
/// `无重大安全事故`, `不发生重大责任事故`).
const ZERO_THINGS: &[&str] = &[
    "事故", "投诉", "伤亡", "死亡", "差错", "案件", "上访", "信访", "违规", "违纪", "违法", "污染",
    "失误", "火灾", "疫情", "纠纷", "发生", "起", "例", "次", "件",
];

/// A zero written in words: `零`, `不发生`, `未发生`, `杜绝`, `零事故`, `零投诉`,
/// `无重大安全事故`, `不发生重大事故`. Not `零星维修`, not `无`, not text with a
/// digit (`不发生2起以上` is a number).
fn is_zero_text(c: &[char]) -> bool {
    if c.iter().any(char::is_ascii_digit) || c.len() > 16 {
        return false;
    }
    let t: String = c.iter().filter(|ch| !ch.is_whitespace()).collect();
    if ZERO_WORDS.contains(&t.as_str()) {
        return true;
    }
    let thing = |rest: &str| ZERO_THINGS.iter().any(|w| rest.contains(w));
    if let Some(rest) = t.strip_prefix('零') {
        return ZERO_THINGS.iter().any(|w| rest.starts_with(w));
    }
    for lead in ["不发生", "未发生", "没有发生", "杜绝", "无"] {
        if let Some(rest) = t.strip_prefix(lead)
            && !rest.is_empty()
        {
            return thing(rest) || lead != "无";
        }
    }
    false
}

/// An unfilled template value: `*`, `XX`, `≥**人次`, `20XX年`, `××`, or only
/// an operator and/or `%` with no number in it.
fn is_placeholder(c: &[char]) -> bool {
    if c.contains(&'*') {
        return true;
    }
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let s = i;
        if matches!(ch, 'X' | 'x') {
            while matches!(c.get(i), Some('X' | 'x')) {
                i += 1;
            }
            let before_letter = s > 0 && c[s - 1].is_ascii_alphabetic();
            let after_letter = c.get(i).is_some_and(|c| c.is_ascii_alphabetic());
            if !before_letter && !after_letter {
                return true;
            }
            continue;
        }
        if matches!(ch, '×' | '○') {
            while c.get(i) == Some(&ch) {
                i += 1;
            }
            if i - s >= 2 {
                return true;
            }
            continue;
        }
        i += 1;
    }
    !c.iter().any(char::is_ascii_digit)
        && c.iter()
            .all(|ch| ch.is_whitespace() || matches!(ch, '≥' | '≤' | '>' | '<' | '=' | '%' | '‰'))
}

/// The first operator sign in `c[lo..hi]`.
fn sign_op(c: &[char], lo: usize, hi: usize) -> Option<Op> {
    sign_at(c, lo, hi).map(|(op, _)| op)
}

/// The first operator sign in `c[lo..hi]` and the index just past it.
fn sign_at(c: &[char], lo: usize, hi: usize) -> Option<(Op, usize)> {
    let hi = hi.min(c.len());
    let mut i = lo;
    while i < hi {
        let next = c.get(i + 1).copied();
        let op = match c[i] {
            '≥' => Op::Ge,
            '≤' => Op::Le,
            '>' if next == Some('=') => Op::Ge,
            '>' => Op::Gt,
            '<' if next == Some('=') => Op::Le,
            '<' if next == Some('>') => {
                i += 2;
                continue;
            }
            '<' => Op::Lt,
            '=' if next == Some('>') => Op::Ge,
            '=' if next == Some('<') => Op::Le,
            '=' => Op::Eq,
            _ => {
                i += 1;
                continue;
            }
        };
        let width = if matches!(next, Some('=' | '>' | '<')) && !matches!(c[i], '≥' | '≤') {
            2
        } else {
            1
        };
        return Some((op, i + width));
    }
    None
}

/// Comparative words: "more than" (Gt) or "less than" (Lt). Negated by a
/// preceding `不` (`不低于` → ≥, `不超过` → ≤, also `不得` / `不应` …); made
/// inclusive by a following `等于` / `或等于` (`大于等于` → ≥).
const COMPARATIVES: &[(&str, Op)] = &[
    ("大于", Op::Gt),
    ("高于", Op::Gt),
    ("超过", Op::Gt),
    ("超出", Op::Gt),
    ("多于", Op::Gt),
    ("晚于", Op::Gt),
    ("迟于", Op::Gt),
    ("小于", Op::Lt),
    ("低于", Op::Lt),
    ("少于", Op::Lt),
    ("早于", Op::Lt),
];

/// Other operator words.
const OP_WORDS: &[(&str, Op)] = &[
    ("以上", Op::Ge),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("控制在", Op::Le),
    ("达到", Op::Ge),
    ("至少", Op::Ge),
    ("最少", Op::Ge),
    ("最多", Op::Le),
    ("至多", Op::Le),
    ("等于", Op::Eq),
];

/// The operator of the first operator word in `c`.
fn word_op(c: &[char]) -> Option<Op> {
    for i in 0..c.len() {
        for (w, base) in COMPARATIVES {
            if !at(c, i, w) {
                continue;
            }
            let negated = (i >= 1 && c[i - 1] == '不')
                || (i >= 2
                    && c[i - 2] == '不'
                    && matches!(c[i - 1], '得' | '应' | '能' | '宜' | '可'));
            let inclusive = at(c, i + 2, "等于") || at(c, i + 2, "或等于");
            return Some(match (base, negated, inclusive) {
                (Op::Gt, true, _) => Op::Le,
                (Op::Lt, true, _) => Op::Ge,
                (Op::Gt, false, true) => Op::Ge,
                (Op::Lt, false, true) => Op::Le,
                (op, _, _) => *op,
            });
        }
        for (w, op) in OP_WORDS {
            if at(c, i, w) {
                return Some(*op);
            }
        }
    }
    None
}

/// The first number in `c[from..]` that is the value, skipping year prefixes
/// (`2024年`, unless nothing else is there), month periods (`1-6月`) and
/// numbers glued to Latin letters (`PM2.5`, `Q3`).
fn first_number(c: &[char], from: usize) -> Option<Num> {
    let mut year_token = None;
    let mut i = from;
    while i < c.len() {
        let ch = c[i];
        let prev = i.checked_sub(1).map(|p| c[p]);
        let starts = ch.is_ascii_digit()
            || (ch == '.' && is_digit_at(c, i + 1))
            || (matches!(ch, '-' | '+')
                && (is_digit_at(c, i + 1)
                    || (c.get(i + 1) == Some(&'.') && is_digit_at(c, i + 2)))
                && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '%' || p == '.'));
        if !starts {
            i += 1;
            continue;
        }
        let Some(n) = number_at(c, i, true) else {
            i += 1;
            continue;
        };
        if prev.is_some_and(|p| p.is_ascii_alphabetic()) {
            i = n.end;
            continue;
        }
        if n.integral
            && n.int_digits == 4
            && (1900.0..=2100.0).contains(&n.value)
            && c.get(n.end) == Some(&'年')
        {
            year_token.get_or_insert(n);
            i = n.end + 1;
            continue;
        }
        if let Some(e) = month_period_end(c, &n) {
            i = e;
            continue;
        }
        return Some(n);
    }
    year_token
}

/// `1-6月`, `1至6月`: the index past `月` when `n` opens such a period.
fn month_period_end(c: &[char], n: &Num) -> Option<usize> {
    if !n.integral || n.value < 1.0 || n.value > 12.0 {
        return None;
    }
    let k = skip_spaces(c, n.end);
    if !matches!(c.get(k), Some('-' | '~' | '至' | '到' | '—' | '–')) {
        return None;
    }
    let s = skip_spaces(c, k + 1);
    let e = digit_run_end(c, s);
    (e > s && e - s <= 2 && c.get(e) == Some(&'月')).then_some(e + 1)
}

/// A range's upper end after a number and its unit: `-95%`, `~95`, `至95`.
fn range_after(c: &[char], p: usize) -> Option<(Num, String, usize)> {
    let mut k = skip_spaces(c, p);
    if !matches!(c.get(k), Some('-' | '~' | '—' | '–' | '至' | '到')) {
        return None;
    }
    k += 1;
    while matches!(c.get(k), Some('-' | '—')) {
        k += 1;
    }
    let k = skip_spaces(c, k);
    let n = number_at(c, k, false)?;
    let (u, e) = read_unit(c, n.end);
    Some((n, u, e))
}

/// Units of more than one character (and money units), matched longest first.
/// Single-character measure words (`个`, `人`, `座`, `天` …) need no list.
const KNOWN_UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "百分比",
    "百分率",
    "个工作日",
    "工作日",
    "个自然日",
    "自然日",
    "个月",
    "个季度",
    "个小时",
    "小时",
    "分钟",
    "周岁",
    "人次",
    "户次",
    "件次",
    "场次",
    "批次",
    "车次",
    "架次",
    "班次",
    "台次",
    "课时",
    "学时",
    "人天",
    "人日",
    "人月",
    "床日",
    "季度",
    "年度",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "公顷",
    "千米",
    "公里",
    "延米",
    "厘米",
    "毫米",
    "千克",
    "公斤",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "毫升",
    "微克",
    "千万元",
    "百万元",
    "千元",
    "万元",
    "亿元",
    "元",
];

/// Characters that follow a number but are not a unit.
const NOT_UNIT: &[char] = &[
    '以', '及', '或', '前', '后', '内', '左', '右', '的', '和', '与', '并', '且', '等', '为', '达',
    '在', '已', '共', '累', '至', '到', '余', '多', '约', '超', '不', '之', '每', '完', '成', '提',
    '增', '降', '减', '同', '比', '较', '上', '下', '中', '其', '是', '即', '占', '含', '由', '从',
    '向', '将', '被', '把', '万', '亿', '还', '均', '都', '也', '了', '着', '过',
];

/// How many characters the base unit at `i` takes (0 when none).
fn base_unit_len(c: &[char], i: usize) -> usize {
    if let Some(k) = KNOWN_UNITS
        .iter()
        .filter(|w| at(c, i, w))
        .map(|w| w.chars().count())
        .max()
    {
        return k;
    }
    let Some(&ch) = c.get(i) else { return 0 };
    if ch.is_ascii_alphabetic() {
        let mut j = i;
        while c
            .get(j)
            .is_some_and(|ch| ch.is_ascii_alphabetic() || matches!(ch, '²' | '³'))
            && j - i < 8
        {
            j += 1;
        }
        return j - i;
    }
    if matches!(ch, '㎡' | '㎞' | '㎏' | '℃' | '°' | '²' | '³') {
        return 1;
    }
    if is_cjk(ch) && !NOT_UNIT.contains(&ch) {
        return 1;
    }
    0
}

/// Reads the unit written at `p` (after optional white space): the unit text
/// with any multiplier kept (`万人次`, `亿元`, `万元/人`, `%`) and the index
/// past it. Empty (and `p`) when there is none. A unit in brackets right
/// after the number (`(%)`, `（人次）`) is the unit.
fn read_unit(c: &[char], p: usize) -> (String, usize) {
    let i = skip_spaces(c, p);
    // `=100.00(%)`, `≥90(人次)`: provincial systems print the unit in brackets.
    if c.get(i) == Some(&'(') {
        let (inner, e) = read_plain_unit(c, i + 1);
        let e = skip_spaces(c, e);
        if !inner.is_empty() && c.get(e) == Some(&')') {
            return (inner, e + 1);
        }
        return (String::new(), p);
    }
    read_plain_unit(c, p)
}

/// [`read_unit`] without brackets.
fn read_plain_unit(c: &[char], p: usize) -> (String, usize) {
    let mut i = skip_spaces(c, p);
    let mut u = String::new();
    if let Some(&ch @ ('%' | '‰')) = c.get(i) {
        u.push(ch);
        return (u, i + 1);
    }
    // `100余人`, `100多万元`: approximately; the unit follows.
    if matches!(c.get(i), Some('余' | '多'))
        && (matches!(c.get(i + 1), Some('万' | '亿')) || base_unit_len(c, i + 1) > 0)
    {
        i += 1;
    }
    if matches!(c.get(i), Some('万' | '亿')) && c.get(i + 1) != Some(&'元') {
        u.push(c[i]);
        i += 1;
    }
    let n = base_unit_len(c, i);
    u.extend(&c[i..i + n]);
    i += n;
    if n > 0 && c.get(i) == Some(&'/') {
        let n2 = base_unit_len(c, i + 1);
        if n2 > 0 {
            u.extend(&c[i..i + 1 + n2]);
            i += 1 + n2;
        }
    }
    if u.is_empty() { (u, p) } else { (u, i) }
}

fn fold_spaces(t: &str) -> String {
    if !t.chars().any(char::is_whitespace) {
        return t.to_string();
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use proptest::prelude::*;

    /// Expected kind, compactly.
    #[derive(Debug, Clone, Copy)]
    enum K {
        E,
        P,
        N(f64, Option<&'static str>),
        D(Option<i32>, u32, Option<u32>),
        Q,
    }

    fn same_kind(got: &ValueKind, want: K) -> bool {
        match (got, want) {
            (ValueKind::Empty, K::E)
            | (ValueKind::Placeholder, K::P)
            | (ValueKind::Qualitative { .. }, K::Q) => true,
            (ValueKind::Number { value, unit }, K::N(v, u)) => {
                (value - v).abs() <= 1e-9 * v.abs().max(1.0) && unit.as_deref() == u
            }
            (ValueKind::Deadline(d), K::D(y, m, day)) => {
                d.year == y && d.month == m && d.day == day
            }
            _ => false,
        }
    }

    fn check_table(cases: &[(&str, Option<Op>, K)]) {
        let mut failures = Vec::new();
        for (input, op, kind) in cases {
            let p = parse_value(input);
            if p.op != *op || !same_kind(&p.kind, *kind) {
                failures.push(format!(
                    "{input:?}: want op {op:?} kind {kind:?}, got op {:?} kind {:?}",
                    p.op, p.kind
                ));
            }
            assert_eq!(p.raw, *input, "raw is kept as written");
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    use K::*;
    const GE: Option<Op> = Some(Op::Ge);
    const GT: Option<Op> = Some(Op::Gt);
    const EQ: Option<Op> = Some(Op::Eq);
    const LT: Option<Op> = Some(Op::Lt);
    const LE: Option<Op> = Some(Op::Le);

    #[test]
    fn percentages_and_operators() {
        check_table(&[
            ("≥95%", GE, N(95.0, Some("%"))),
            (">=95%", GE, N(95.0, Some("%"))),
            ("＞＝95％", GE, N(95.0, Some("%"))),
            ("≧95%", GE, N(95.0, Some("%"))),
            ("=>95%", GE, N(95.0, Some("%"))),
            ("不低于95%", GE, N(95.0, Some("%"))),
            ("不少于95%", GE, N(95.0, Some("%"))),
            ("大于等于95%", GE, N(95.0, Some("%"))),
            ("大于或等于95%", GE, N(95.0, Some("%"))),
            ("95%以上", GE, N(95.0, Some("%"))),
            ("95%及以上", GE, N(95.0, Some("%"))),
            ("≥ 95 %", GE, N(95.0, Some("%"))),
            ("  ≥95%  ", GE, N(95.0, Some("%"))),
            ("达到96%以上", GE, N(96.0, Some("%"))),
            ("达到95%", GE, N(95.0, Some("%"))),
            ("至少90%", GE, N(90.0, Some("%"))),
            ("不得低于90%", GE, N(90.0, Some("%"))),
            (">90%", GT, N(90.0, Some("%"))),
            ("＞90%", GT, N(90.0, Some("%"))),
            ("高于90%", GT, N(90.0, Some("%"))),
            ("超过90%", GT, N(90.0, Some("%"))),
            ("=100%", EQ, N(100.0, Some("%"))),
            ("＝100％", EQ, N(100.0, Some("%"))),
            ("等于100%", EQ, N(100.0, Some("%"))),
            ("100%", None, N(100.0, Some("%"))),
            ("<5%", LT, N(5.0, Some("%"))),
            ("低于5%", LT, N(5.0, Some("%"))),
            ("≤5%", LE, N(5.0, Some("%"))),
            ("≦5%", LE, N(5.0, Some("%"))),
            ("=<5%", LE, N(5.0, Some("%"))),
            ("5%以下", LE, N(5.0, Some("%"))),
            ("不高于5%", LE, N(5.0, Some("%"))),
            ("小于等于5%", LE, N(5.0, Some("%"))),
            ("低于或等于5%", LE, N(5.0, Some("%"))),
            ("-5%", None, N(-5.0, Some("%"))),
            ("≥-5%", GE, N(-5.0, Some("%"))),
            ("－5％", None, N(-5.0, Some("%"))),
            ("99.5%", None, N(99.5, Some("%"))),
            ("≥99.99%", GE, N(99.99, Some("%"))),
            ("≤3‰", LE, N(3.0, Some("‰"))),
            ("满意度≥90%", GE, N(90.0, Some("%"))),
            ("群众满意度不低于90%", GE, N(90.0, Some("%"))),
        ]);
    }

    #[test]
    fn counts_time_and_units() {
        check_table(&[
            ("≤30天", LE, N(30.0, Some("天"))),
            ("不超过30天", LE, N(30.0, Some("天"))),
            ("不得超过30天", LE, N(30.0, Some("天"))),
            ("30天以内", LE, N(30.0, Some("天"))),
            ("30天内", LE, N(30.0, Some("天"))),
            ("30日内", LE, N(30.0, Some("日"))),
            ("5个工作日内", LE, N(5.0, Some("个工作日"))),
            ("<=30", LE, N(30.0, None)),
            ("≤48小时", LE, N(48.0, Some("小时"))),
            ("12个月", None, N(12.0, Some("个月"))),
            ("≥3年", GE, N(3.0, Some("年"))),
            ("3年内", LE, N(3.0, Some("年"))),
            ("=100个", EQ, N(100.0, Some("个"))),
            ("100个", None, N(100.0, Some("个"))),
            ("１００个", None, N(100.0, Some("个"))),
            ("1,200人次", None, N(1200.0, Some("人次"))),
            ("1，200人次", None, N(1200.0, Some("人次"))),
            ("12,345,678人", None, N(12_345_678.0, Some("人"))),
            ("1.2万人次", None, N(12000.0, Some("人次"))),
            ("≥1.2万人次", GE, N(12000.0, Some("人次"))),
            ("5万亩", None, N(50000.0, Some("亩"))),
            ("2亿", None, N(2e8, None)),
            ("1.2万", None, N(12000.0, None)),
            ("１２０", None, N(120.0, None)),
            ("120", None, N(120.0, None)),
            ("0.5", None, N(0.5, None)),
            ("≥ 95", GE, N(95.0, None)),
            ("100余人", None, N(100.0, Some("人"))),
            ("≥500平方米", GE, N(500.0, Some("平方米"))),
            ("10公里", None, N(10.0, Some("公里"))),
            ("≥2次/年", GE, N(2.0, Some("次/年"))),
            ("≥50km", GE, N(50.0, Some("km"))),
            ("PM2.5浓度≤35微克/立方米", LE, N(35.0, Some("微克/立方米"))),
            ("≥90分", GE, N(90.0, Some("分"))),
            ("5A级景区≥3个", GE, N(3.0, Some("个"))),
            ("2024年满意度≥90%", GE, N(90.0, Some("%"))),
            ("≥ -5", GE, N(-5.0, None)),
            ("下降2个百分点", None, N(2.0, Some("个百分点"))),
            ("最多跑一次", LE, Q),
            ("已完工11座，在建13座", None, N(11.0, Some("座"))),
            ("1-6月完成投资500万元", None, N(500.0, Some("万元"))),
            ("2024年完成投资500万元", None, N(500.0, Some("万元"))),
            ("截至6月底，完成80%", None, N(80.0, Some("%"))),
        ]);
    }

    #[test]
    fn money_is_in_wan() {
        check_table(&[
            ("3.5亿元", None, N(35000.0, Some("万元"))),
            ("500万元", None, N(500.0, Some("万元"))),
            ("8000元", None, N(0.8, Some("万元"))),
            ("≤1.5万元/人", LE, N(1.5, Some("万元/人"))),
            ("≤350元/平方米", LE, N(0.035, Some("万元/平方米"))),
            ("控制在1.5万元以内", LE, N(1.5, Some("万元"))),
            ("500千元", None, N(50.0, Some("万元"))),
            ("2百万元", None, N(200.0, Some("万元"))),
            ("100多万元", None, N(100.0, Some("万元"))),
            ("≤ 50 万元", LE, N(50.0, Some("万元"))),
        ]);
    }

    #[test]
    fn ranges_take_the_lower_bound() {
        check_table(&[
            ("90%-95%", GE, N(90.0, Some("%"))),
            ("90~95%", GE, N(90.0, Some("%"))),
            ("90～95%", GE, N(90.0, Some("%"))),
            ("90%—95%", GE, N(90.0, Some("%"))),
            ("90至95%", GE, N(90.0, Some("%"))),
            ("3-5天", GE, N(3.0, Some("天"))),
            ("≤3-5天", LE, N(5.0, Some("天"))),
            ("1.5-2万元", GE, N(1.5, Some("万元"))),
        ]);
    }

    #[test]
    fn deadlines() {
        check_table(&[
            ("2024年12月31日前", LE, D(Some(2024), 12, Some(31))),
            ("2024年12月25日前", LE, D(Some(2024), 12, Some(25))),
            ("2024年12月31日之前完成", LE, D(Some(2024), 12, Some(31))),
            ("12月底前", LE, D(None, 12, None)),
            ("12月底", None, D(None, 12, None)),
            ("年底前完成", LE, D(None, 12, None)),
            ("年底前", LE, D(None, 12, None)),
            ("年内完成", LE, D(None, 12, None)),
            ("2024年底前", LE, D(Some(2024), 12, None)),
            ("第三季度", None, D(None, 9, None)),
            ("三季度末", None, D(None, 9, None)),
            ("第一季度", None, D(None, 3, None)),
            ("前三季度", None, D(None, 9, None)),
            ("上半年", None, D(None, 6, None)),
            ("下半年", None, D(None, 12, None)),
            ("2024-11-30", None, D(Some(2024), 11, Some(30))),
            ("2024/11/30", None, D(Some(2024), 11, Some(30))),
            ("2024.11.30", None, D(Some(2024), 11, Some(30))),
            ("2024年11月", None, D(Some(2024), 11, None)),
            ("2024年11月份", None, D(Some(2024), 11, None)),
            ("6月30日", None, D(None, 6, Some(30))),
            ("十月底前", LE, D(None, 10, None)),
            ("≤2024年10月", LE, D(Some(2024), 10, None)),
            ("不晚于2024年10月31日", LE, D(Some(2024), 10, Some(31))),
            ("截止2024年12月31日", LE, D(Some(2024), 12, Some(31))),
            ("2024年", None, D(Some(2024), 12, None)),
            ("力争11月底前完成", LE, D(None, 11, None)),
        ]);
    }

    #[test]
    fn provincial_print_units_in_brackets() {
        check_table(&[
            ("=100.00(%)", EQ, N(100.0, Some("%"))),
            ("≥90.00(%)", GE, N(90.0, Some("%"))),
            (">=90.00(%)", GE, N(90.0, Some("%"))),
            ("＞＝９０.００（％）", GE, N(90.0, Some("%"))),
            ("≥90 ( % )", GE, N(90.0, Some("%"))),
            ("≥350(人次)", GE, N(350.0, Some("人次"))),
            ("≤30(万元)", LE, N(30.0, Some("万元"))),
            // Near misses: a bracket that holds no unit, or is never closed.
            ("≥3(含)", GE, N(3.0, None)),
            ("≥3(", GE, N(3.0, None)),
            ("≥3()", GE, N(3.0, None)),
        ]);
    }

    #[test]
    fn periods_are_read_as_their_end() {
        check_table(&[
            ("2023.07-2024.01", LE, D(Some(2024), 1, None)),
            ("2023.7-2024.1", LE, D(Some(2024), 1, None)),
            ("2023年7月-2024年1月", LE, D(Some(2024), 1, None)),
            ("2023年7月—2024年1月", LE, D(Some(2024), 1, None)),
            ("2023年7月至2024年1月", LE, D(Some(2024), 1, None)),
            ("2024年3月至11月", LE, D(Some(2024), 11, None)),
            ("2024-01-01至2024-12-31", LE, D(Some(2024), 12, Some(31))),
            ("2024.1.1-2024.6.30", LE, D(Some(2024), 6, Some(30))),
            ("服务周期2023.07-2024.01", LE, D(Some(2024), 1, None)),
            // Near misses: one date, a month period without years, a money range.
            ("2024-11-30", None, D(Some(2024), 11, Some(30))),
            ("2024年7月", None, D(Some(2024), 7, None)),
            ("1-6月完成投资500万元", None, N(500.0, Some("万元"))),
            ("2000.00-2500.00元", GE, N(0.2, Some("万元"))),
        ]);
        // An end before the start is no period.
        assert!(!matches!(
            parse_value("2024.01-2023.07").kind,
            ValueKind::Deadline(_)
        ));
    }

    #[test]
    fn zero_targets_in_words_and_figures() {
        check_table(&[
            ("不发生", None, N(0.0, None)),
            ("零", None, N(0.0, None)),
            ("零事故", None, N(0.0, None)),
            ("零投诉", None, N(0.0, None)),
            ("未发生", None, N(0.0, None)),
            ("杜绝", None, N(0.0, None)),
            ("不发生重大安全事故", None, N(0.0, None)),
            ("无重大安全事故", None, N(0.0, None)),
            ("0起", None, N(0.0, Some("起"))),
            ("=0次", EQ, N(0.0, Some("次"))),
            ("≤0", LE, N(0.0, None)),
            ("0", None, N(0.0, None)),
            // Near misses.
            ("零星维修", None, Q),
            ("零容忍", None, Q),
            ("无", None, E),
            ("无明显变化", None, Q),
            ("全年发生2起", None, N(2.0, Some("起"))),
        ]);
    }

    #[test]
    fn bare_wan_is_money_only_when_asked() {
        let money = |s: &str| {
            as_money(&parse_value(s)).map(|p| match p.kind {
                ValueKind::Number { value, unit } => (value, unit),
                other => panic!("{s}: {other:?}"),
            })
        };
        assert_eq!(money("250万"), Some((250.0, Some("万元".into()))));
        assert_eq!(money("≤250 万"), Some((250.0, Some("万元".into()))));
        assert_eq!(money("1.2亿"), Some((12000.0, Some("万元".into()))));
        assert_eq!(money("100多万"), Some((100.0, Some("万元".into()))));
        assert_eq!(
            as_money(&parse_value("≤250万")).map(|p| p.op),
            Some(Some(Op::Le))
        );
        // Near misses: already money, not money, no multiplier.
        assert_eq!(money("250万元"), None);
        assert_eq!(money("250万人次"), None);
        assert_eq!(money("250"), None);
        assert_eq!(money("万人"), None);
        // Read alone, `250万` stays a count of 2.5 million with no unit.
        assert!(same_kind(&parse_value("250万").kind, N(2_500_000.0, None)));
    }

    #[test]
    fn qualitative_placeholders_and_empties() {
        check_table(&[
            ("定性", None, Q),
            ("好", None, Q),
            ("优良", None, Q),
            ("有效提升", None, Q),
            ("全覆盖", None, Q),
            ("达标", None, Q),
            ("有所提高", None, Q),
            ("不低于上年", GE, Q),
            ("是", None, Q),
            ("*", None, P),
            ("**", None, P),
            ("XX", None, P),
            ("xx", None, P),
            ("≥**人次", GE, P),
            ("≥XX%", GE, P),
            ("**%", None, P),
            ("＊＊", None, P),
            ("20XX年12月", None, P),
            ("≥%", GE, P),
            ("××", None, P),
            ("", None, E),
            (" ", None, E),
            ("\u{3000}", None, E),
            ("—", None, E),
            ("——", None, E),
            ("-", None, E),
            ("/", None, E),
            ("无", None, E),
            ("N/A", None, E),
            ("#REF!", None, E),
        ]);
    }

    #[test]
    fn vague_words_are_reported() {
        let cases: &[(&str, Option<&str>, bool)] = &[
            ("有所提高", Some("有所"), false),
            ("进一步改善", Some("进一步"), false),
            ("明显提升", Some("明显"), false),
            ("逐步完善", Some("逐步"), false),
            ("较好", Some("较好"), false),
            ("显著", Some("显著"), false),
            ("力争≥95%", Some("力争"), true),
            ("基本完成", Some("基本"), false),
            ("≥95%", None, true),
            ("全覆盖", None, false),
            ("基本医疗保险参保率≥95%", None, true),
            ("力争≥**%", Some("力争"), false),
        ];
        for (input, want, quantified) in cases {
            let p = parse_value(input);
            assert_eq!(p.vague.as_deref(), *want, "vague word of {input:?}");
            assert_eq!(
                p.is_quantified(),
                *quantified,
                "is_quantified of {input:?}: {:?}",
                p.kind
            );
        }
    }

    #[test]
    fn operator_columns() {
        use OperatorSpec as S;
        let cases: &[(&str, Option<OperatorSpec>)] = &[
            ("≥", Some(S::Op(Op::Ge))),
            (">=", Some(S::Op(Op::Ge))),
            ("＞＝", Some(S::Op(Op::Ge))),
            ("≧", Some(S::Op(Op::Ge))),
            (" ≥ ", Some(S::Op(Op::Ge))),
            (">", Some(S::Op(Op::Gt))),
            ("＞", Some(S::Op(Op::Gt))),
            ("=", Some(S::Op(Op::Eq))),
            ("＝", Some(S::Op(Op::Eq))),
            ("<", Some(S::Op(Op::Lt))),
            ("＜", Some(S::Op(Op::Lt))),
            ("≤", Some(S::Op(Op::Le))),
            ("<=", Some(S::Op(Op::Le))),
            ("≦", Some(S::Op(Op::Le))),
            ("＜＝", Some(S::Op(Op::Le))),
            ("正向", Some(S::Positive)),
            ("正向指标", Some(S::Positive)),
            ("反向", Some(S::Negative)),
            ("定性", Some(S::Qualitative)),
            ("定性指标", Some(S::Qualitative)),
            ("大于等于", Some(S::Op(Op::Ge))),
            ("小于等于", Some(S::Op(Op::Le))),
            ("等于", Some(S::Op(Op::Eq))),
            ("大于", Some(S::Op(Op::Gt))),
            ("小于", Some(S::Op(Op::Lt))),
            ("不低于", Some(S::Op(Op::Ge))),
            ("不超过", Some(S::Op(Op::Le))),
            ("1", Some(S::Op(Op::Ge))),
            ("2", Some(S::Op(Op::Gt))),
            ("3", Some(S::Op(Op::Eq))),
            ("4", Some(S::Op(Op::Lt))),
            ("5", Some(S::Op(Op::Le))),
            ("6", Some(S::Qualitative)),
            ("1.0", Some(S::Op(Op::Ge))),
            ("５", Some(S::Op(Op::Le))),
            ("7", None),
            ("1.5", None),
            ("", None),
            ("指标", None),
            ("反向(≤)", Some(S::Op(Op::Le))),
        ];
        for (input, want) in cases {
            assert_eq!(parse_operator(input), *want, "operator {input:?}");
        }
    }

    #[test]
    fn done_texts() {
        let cases: &[(&str, Option<bool>)] = &[
            ("已完成", Some(true)),
            ("完成", Some(true)),
            ("已完工", Some(true)),
            ("按期完成", Some(true)),
            ("已拨付", Some(true)),
            ("已全部完成", Some(true)),
            ("是", Some(true)),
            ("未完成", Some(false)),
            ("尚未", Some(false)),
            ("尚未启动", Some(false)),
            ("未开始", Some(false)),
            ("在建", Some(false)),
            ("进行中", Some(false)),
            ("未完工", Some(false)),
            ("已完工11座，在建13座", Some(false)),
            ("否", Some(false)),
            ("按时完成", Some(true)),
            ("5月20日完成", Some(true)),
            ("已于5月28日完成", Some(true)),
            ("已拨付到位", Some(true)),
            ("已建成", Some(true)),
            ("尚未完成", Some(false)),
            ("正在推进", Some(false)),
            ("未建成", Some(false)),
            ("没有办结", Some(false)),
            ("无法按期完成", Some(false)),
            ("预计7月完成", Some(false)),
            ("基本完成", None),
            ("完成率80%", None),
            ("已完成80%", None),
            ("已完成工程量的85.5%", None),
            ("已完成，完成率100%", Some(true)),
            ("详见附件", None),
            ("", None),
            ("良好", None),
        ];
        for (input, want) in cases {
            assert_eq!(is_done_text(input), *want, "is_done_text({input:?})");
        }
        // The quick test may pass over no word: each starts with a claim character.
        for w in NOT_DONE.iter().chain(DONE) {
            let first = w.chars().next().unwrap();
            assert!(CLAIM_STARTS.contains(&first), "{w}");
            assert!(
                is_done_text(&format!("　{w}　")).is_some(),
                "{w} in full-width spaces"
            );
        }
    }

    #[test]
    fn done_states_by_the_indicator() {
        let state = |name: &str, actual: &str| done_state(name, &parse_value(actual));
        assert_eq!(state("方案编制完成时间", "100%"), Some(true));
        assert_eq!(state("方案编制完成时间", "100.00%"), Some(true));
        assert_eq!(
            state("方案编制完成时间", "80%"),
            None,
            "a share is no claim"
        );
        assert_eq!(state("方案编制完成时间", "是"), Some(true));
        assert_eq!(state("项目开工时间", "已开工"), Some(true));
        assert_eq!(state("项目开工时间", "在建"), Some(true));
        assert_eq!(state("项目开工时间", "尚未开工"), Some(false));
        assert_eq!(state("项目开工时间", "正在招标"), Some(false));
        assert_eq!(state("项目开工时间", "进行中"), None);
        // Near miss: a start does not complete an indicator about finishing.
        assert_eq!(state("项目竣工时间", "已开工"), None);
        assert_eq!(state("项目竣工时间", "在建"), Some(false));
    }

    #[test]
    fn done_by_a_deadline() {
        let june = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default();
        let by = |actual: &str| {
            let p = (!actual.is_empty()).then(|| parse_value(actual));
            done_by("完成时间", p.as_ref(), june, 2024)
        };
        assert_eq!(by(""), Some(false), "a blank actual is not done");
        assert_eq!(by("已完成"), Some(true));
        assert_eq!(by("5月20日完成"), Some(true));
        assert_eq!(by("已于6月30日完成"), Some(true), "on the day");
        assert_eq!(by("已于7月1日完成"), Some(false), "a day late");
        assert_eq!(by("2024-05-20"), Some(true));
        assert_eq!(by("预计6月20日完成"), Some(false));
        assert_eq!(by("未完成"), Some(false));
        assert_eq!(by("详见附件"), None);
        assert_eq!(by("80%"), None);
    }

    #[test]
    fn cells() {
        let date = NaiveDateTime::parse_from_str("2024-11-30 00:00:00", "%Y-%m-%d %H:%M:%S").ok();
        let cases: Vec<(Cell, Option<Op>, K, &str)> = vec![
            (Cell::Number(95.0), None, N(95.0, None), "95"),
            (
                Cell::Number(0.1 + 0.2),
                None,
                N(0.30000000000000004, None),
                "0.3",
            ),
            (Cell::Text("≥95%".into()), GE, N(95.0, Some("%")), "≥95%"),
            (
                Cell::Date(date.unwrap_or_default()),
                None,
                D(Some(2024), 11, Some(30)),
                "2024-11-30",
            ),
            (Cell::Bool(true), None, Q, "TRUE"),
            (Cell::Error("#REF!".into()), None, E, "#REF!"),
        ];
        for (cell, op, kind, raw) in cases {
            let p = parse_cell(&cell);
            assert!(
                p.op == op && same_kind(&p.kind, kind),
                "{cell:?}: got {p:?}"
            );
            assert_eq!(p.raw, raw, "raw of {cell:?}");
        }
    }

    #[test]
    fn deadlines_resolve() {
        let d = |year, month, day| Deadline { year, month, day };
        let ymd = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default();
        let cases = [
            (d(None, 12, None), 2024, ymd(2024, 12, 31)),
            (d(Some(2023), 2, None), 2024, ymd(2023, 2, 28)),
            (d(None, 2, None), 2024, ymd(2024, 2, 29)),
            (d(None, 2, Some(30)), 2023, ymd(2023, 2, 28)),
            (d(None, 9, None), 2024, ymd(2024, 9, 30)),
            (d(Some(2024), 11, Some(30)), 2000, ymd(2024, 11, 30)),
            (d(None, 13, Some(0)), 2024, ymd(2024, 12, 1)),
            (d(None, 6, None), 1900, ymd(1900, 6, 30)),
        ];
        for (dl, year, want) in cases {
            assert_eq!(dl.resolve(year), want, "{dl:?} in {year}");
        }
    }

    #[test]
    fn op_symbols() {
        let ops = [Op::Ge, Op::Gt, Op::Eq, Op::Lt, Op::Le];
        let symbols: Vec<_> = ops.iter().map(|o| o.symbol()).collect();
        let ascii: Vec<_> = ops.iter().map(|o| o.ascii()).collect();
        assert_eq!(symbols, ["≥", ">", "=", "<", "≤"]);
        assert_eq!(ascii, [">=", ">", "=", "<", "<="]);
        for op in ops {
            assert_eq!(parse_operator(op.symbol()), Some(OperatorSpec::Op(op)));
            assert_eq!(parse_operator(op.ascii()), Some(OperatorSpec::Op(op)));
        }
    }

    #[test]
    fn display_is_canonical() {
        let cases: &[(&str, &str)] = &[
            ("≥95%", "≥95%"),
            ("＞＝95％", "≥95%"),
            ("不低于95%", "≥95%"),
            ("95%以上", "≥95%"),
            ("≤1.5万元/人", "≤1.5万元/人"),
            ("1.2万人次", "12000人次"),
            ("3.5亿元", "35000万元"),
            ("2024年12月31日前", "2024年12月31日前"),
            ("12月底前", "12月底前"),
            ("年底前完成", "12月底前"),
            ("第三季度", "9月"),
            ("2024-11-30", "2024年11月30日"),
            ("有效提升", "有效提升"),
            ("  好  ", "好"),
            ("**", "**"),
            ("—", ""),
        ];
        for (input, want) in cases {
            let p = parse_value(input);
            assert_eq!(p.display(), *want, "display of {input:?}");
            let back = parse_value(&p.display());
            assert_eq!(back.op, p.op, "op round trip of {input:?}");
            assert_eq!(back.kind, p.kind, "kind round trip of {input:?}");
        }
    }

    #[test]
    fn units_normalise() {
        let cases: &[(f64, &str, f64, Option<&str>)] = &[
            (95.0, "%", 95.0, Some("%")),
            (95.0, "百分比", 95.0, Some("%")),
            (95.0, "％", 95.0, Some("%")),
            (8000.0, "元", 0.8, Some("万元")),
            (3.5, "亿元", 35000.0, Some("万元")),
            (12.0, "万元", 12.0, Some("万元")),
            (1.2, "万人次", 12000.0, Some("人次")),
            (3.0, " 人 次 ", 3.0, Some("人次")),
            (3.0, "", 3.0, None),
            (3.0, "(个)", 3.0, Some("个")),
        ];
        for (v, u, want_v, want_u) in cases {
            let (got_v, got_u) = normalize_unit(*v, u);
            assert!((got_v - want_v).abs() < 1e-9, "value of {v} {u:?}: {got_v}");
            assert_eq!(got_u.as_deref(), *want_u, "unit of {v} {u:?}");
        }
    }

    const UNITS: &[Option<&str>] = &[
        None,
        Some("%"),
        Some("‰"),
        Some("个"),
        Some("人次"),
        Some("人"),
        Some("万元"),
        Some("万元/人"),
        Some("万元/平方米"),
        Some("天"),
        Some("小时"),
        Some("个月"),
        Some("年"),
        Some("平方米"),
        Some("公里"),
        Some("次/年"),
        Some("个百分点"),
        Some("座"),
        Some("km"),
        Some("分"),
    ];

    fn op_strategy() -> impl Strategy<Value = Option<Op>> {
        prop_oneof![
            Just(None),
            Just(Some(Op::Ge)),
            Just(Some(Op::Gt)),
            Just(Some(Op::Eq)),
            Just(Some(Op::Lt)),
            Just(Some(Op::Le)),
        ]
    }

    fn value_strategy() -> impl Strategy<Value = f64> {
        prop_oneof![
            (0i64..100_000).prop_map(|n| n as f64),
            (-10_000i64..1_000_000).prop_map(|n| n as f64 / 100.0),
            (-1e12f64..1e12),
            (0f64..1e-3),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_panics_on_any_text(s in any::<String>()) {
            let p = parse_value(&s);
            let _ = p.display();
            let _ = parse_operator(&s);
            let _ = is_done_text(&s);
        }

        #[test]
        fn never_panics_on_value_like_text(s in "[0-9０-９.,，%％≥≤<>=＞＜＝ 年月日底前内季度第一二三四上下半万亿元人次个*Xx/~至到—-]{0,16}") {
            let p = parse_value(&s);
            let back = parse_value(&p.display());
            if p.is_quantified() {
                prop_assert!(back.is_quantified(), "{s:?} → {:?} → {:?}", p.display(), back.kind);
            }
        }

        #[test]
        fn numeric_targets_round_trip(op in op_strategy(), value in value_strategy(), unit in proptest::sample::select(UNITS)) {
            // `2024年` is a deadline, not 2024 years.
            prop_assume!(!(unit == Some("年") && (1900.0..=2100.0).contains(&value)));
            let p = Parsed {
                raw: String::new(),
                op,
                kind: ValueKind::Number { value, unit: unit.map(str::to_string) },
                vague: None,
            };
            let text = p.display();
            let back = parse_value(&text);
            prop_assert_eq!(back.op, op, "op of {:?}", text);
            match back.kind {
                ValueKind::Number { value: v, unit: u } => {
                    prop_assert!((v - value).abs() <= 1e-9 * value.abs().max(1e-300), "{:?} → {}", text, v);
                    prop_assert_eq!(u.as_deref(), unit, "unit of {:?}", text);
                }
                other => prop_assert!(false, "{:?} → {:?}", text, other),
            }
        }

        #[test]
        fn deadlines_round_trip(year in proptest::option::of(1990i32..2100), month in 1u32..=12, day in proptest::option::of(1u32..=31), before in any::<bool>()) {
            let p = Parsed {
                raw: String::new(),
                op: before.then_some(Op::Le),
                kind: ValueKind::Deadline(Deadline { year, month, day }),
                vague: None,
            };
            let text = p.display();
            let back = parse_value(&text);
            prop_assert_eq!(back.op, p.op, "op of {:?}", text);
            prop_assert_eq!(back.kind, p.kind, "kind of {:?}", text);
        }
    }
}
