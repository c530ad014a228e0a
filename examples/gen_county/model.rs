//! What the generator writes: projects, indicators, targets, and how a target is put into words.

use crate::rng::Rng;

pub const YEAR: i32 = 2024;
pub const COUNTY: &str = "青山县";

/// 二级指标 names (the 一级 follows from them).
pub const SL: &str = "数量指标";
pub const ZL: &str = "质量指标";
pub const SX: &str = "时效指标";
pub const CB: &str = "成本指标";
pub const JJ: &str = "经济效益指标";
pub const SH: &str = "社会效益指标";
pub const ST: &str = "生态效益指标";
pub const KC: &str = "可持续影响指标";
pub const MY: &str = "服务对象满意度指标";

/// The 一级指标 a 二级指标 belongs to.
pub fn level1_of(l2: &str) -> &'static str {
    match l2 {
        SL | ZL | SX | CB | "其他指标" => "产出指标",
        MY => "满意度指标",
        _ => "效益指标",
    }
}

/// A target as a template states it: ranges are drawn from when a project is made.
#[derive(Clone, Copy, Debug)]
pub enum Want {
    /// At least (≥), a rate when the unit is `%`.
    Ge(f64, f64, &'static str),
    /// At most (≤).
    Le(f64, f64, &'static str),
    /// Exactly (=).
    Eq(f64, &'static str),
    /// A bare count (quantity: "at least").
    Count(f64, f64, &'static str),
    /// Done by the end of this month.
    By(u32),
    /// Done in this quarter.
    Quarter(u32),
    /// Qualitative (effect indicators).
    Qual(&'static str),
}

pub const fn ge(lo: f64, hi: f64, unit: &'static str) -> Want {
    Want::Ge(lo, hi, unit)
}
pub const fn le(lo: f64, hi: f64, unit: &'static str) -> Want {
    Want::Le(lo, hi, unit)
}
pub const fn eq(v: f64, unit: &'static str) -> Want {
    Want::Eq(v, unit)
}
pub const fn cnt(lo: f64, hi: f64, unit: &'static str) -> Want {
    Want::Count(lo, hi, unit)
}
pub const fn by(month: u32) -> Want {
    Want::By(month)
}
pub const fn qtr(q: u32) -> Want {
    Want::Quarter(q)
}
pub const fn qual(s: &'static str) -> Want {
    Want::Qual(s)
}

/// One indicator of a project template.
#[derive(Clone, Copy, Debug)]
pub struct Tpl {
    pub l2: &'static str,
    pub name: &'static str,
    pub want: Want,
}

pub const fn i(l2: &'static str, name: &'static str, want: Want) -> Tpl {
    Tpl { l2, name, want }
}

/// A project template: name, amount range (万元), budget kind, indicators.
#[derive(Clone, Copy, Debug)]
pub struct ProjTpl {
    pub name: &'static str,
    pub amount: (f64, f64),
    pub fund: bool,
    pub inds: &'static [Tpl],
}

/// A target with its numbers drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Ge(f64, String),
    Le(f64, String),
    Eq(f64, String),
    Count(f64, String),
    By(u32, u32),
    Quarter(u32),
    Qual(String),
}

impl Target {
    pub fn draw(w: Want, rng: &mut Rng) -> Target {
        match w {
            Want::Ge(lo, hi, u) => Target::Ge(draw_num(lo, hi, u, rng), u.into()),
            Want::Le(lo, hi, u) => Target::Le(draw_num(lo, hi, u, rng), u.into()),
            Want::Eq(v, u) => Target::Eq(v, u.into()),
            Want::Count(lo, hi, u) => Target::Count(draw_num(lo, hi, u, rng), u.into()),
            Want::By(m) => Target::By(m, month_end(m)),
            Want::Quarter(q) => Target::Quarter(q),
            Want::Qual(s) => Target::Qual(s.into()),
        }
    }

    /// The month a timeliness target falls due.
    pub fn due_month(&self) -> Option<u32> {
        match self {
            Target::By(m, _) => Some(*m),
            Target::Quarter(q) => Some(q * 3),
            _ => None,
        }
    }
}

pub fn month_end(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A number drawn from a range and rounded the way officers round targets.
fn draw_num(lo: f64, hi: f64, unit: &str, rng: &mut Rng) -> f64 {
    if hi <= lo {
        return lo;
    }
    let x = rng.range(lo, hi);
    if unit == "%" {
        return if hi - lo <= 2.0 {
            (x * 2.0).round() / 2.0
        } else {
            x.round()
        };
    }
    // Things counted (所, 个, 人, 次 …) are whole; lengths, money and the like may carry a decimal.
    let continuous = ["公里", "万元", "元", "个等级", "‰", "米"].contains(&unit);
    let v = nice(x);
    if continuous && v < 10.0 {
        v
    } else {
        v.round().max(1.0)
    }
}

/// Rounds to two significant digits (three above 10 000): 1 234 → 1 200.
pub fn nice(x: f64) -> f64 {
    if x < 10.0 {
        return (x * 10.0).round() / 10.0;
    }
    let mag = 10f64.powi(x.log10().floor() as i32 - if x >= 10_000.0 { 2 } else { 1 });
    (x / mag).round() * mag
}

/// A number as officers type it: `95`, `1.5`, `0.35`.
pub fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `1,200` (thousands separated).
pub fn grouped(x: f64) -> String {
    let s = num(x);
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Full-width forms: `＞＝95％`.
pub fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    Num(f64),
    Empty,
}

impl Val {
    pub fn text(s: impl Into<String>) -> Val {
        Val::Text(s.into())
    }
}

/// How a workbook writes its values.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// The sheet has a 计量单位 column.
    pub unit_col: bool,
    /// Share of operators typed full width.
    pub full_width: f64,
}

/// The target written into the 指标值 cell (and the 计量单位 cell when the sheet has one).
pub fn render(t: &Target, st: Style, rng: &mut Rng) -> (Val, Option<String>) {
    let fw = rng.chance(st.full_width);
    let split = st.unit_col && rng.chance(0.5);
    let (v, unit) = match t {
        Target::Ge(x, u) if u == "%" && *x >= 100.0 => {
            return render(&Target::Eq(*x, u.clone()), st, rng);
        }
        Target::Ge(x, u) if u == "%" => {
            let n = num(*x);
            if fw {
                (Val::text(format!("＞＝{n}％")), None)
            } else if split {
                (Val::text(format!("≥{n}")), Some("%".into()))
            } else {
                let forms = [
                    format!("≥{n}%"),
                    format!("≥{n}%"),
                    format!(">={n}%"),
                    format!("不低于{n}%"),
                    format!("{n}%以上"),
                    format!("≥ {n} %"),
                    format!("达到{n}%以上"),
                ];
                (Val::text(rng.pick(&forms).clone()), None)
            }
        }
        Target::Ge(x, u) => {
            if split {
                (Val::text(format!("≥{}", num(*x))), Some(u.clone()))
            } else if fw {
                (Val::text(format!("＞＝{}{u}", num(*x))), None)
            } else {
                let forms = [
                    format!("≥{}{u}", count_text(*x, rng)),
                    format!("不少于{}{u}", num(*x)),
                ];
                (Val::text(rng.pick(&forms).clone()), None)
            }
        }
        Target::Le(x, u) => {
            let n = num(*x);
            if split {
                (Val::text(format!("≤{n}")), Some(u.clone()))
            } else if fw {
                (
                    Val::text(full_width(&format!("<={n}")) + &u.replace('%', "％")),
                    None,
                )
            } else if u == "%" {
                let forms = [
                    format!("≤{n}%"),
                    format!("不高于{n}%"),
                    format!("{n}%以下"),
                    format!("<={n}%"),
                ];
                (Val::text(rng.pick(&forms).clone()), None)
            } else {
                let forms = [
                    format!("≤{n}{u}"),
                    format!("不超过{n}{u}"),
                    format!("{n}{u}以内"),
                    format!("≤{n}{u}"),
                ];
                (Val::text(rng.pick(&forms).clone()), None)
            }
        }
        Target::Eq(x, u) => {
            let n = num(*x);
            if split {
                (Val::text(format!("={n}")), Some(u.clone()))
            } else if fw {
                (Val::text(format!("＝{n}{}", u.replace('%', "％"))), None)
            } else {
                let forms = [format!("={n}{u}"), format!("{n}{u}")];
                (Val::text(rng.pick(&forms).clone()), None)
            }
        }
        Target::Count(x, u) => {
            if split {
                if rng.chance(0.8) {
                    (Val::Num(*x), Some(u.clone()))
                } else {
                    // A number typed into a text cell, as exported by some systems.
                    (Val::text(format!("{x:.2}")), Some(u.clone()))
                }
            } else if fw && *x < 1000.0 {
                (Val::text(full_width(&num(*x)) + u), None)
            } else {
                let forms = [
                    format!("{}{u}", count_text(*x, rng)),
                    format!("={}{u}", num(*x)),
                    format!("{}{u}", num(*x)),
                ];
                (Val::text(rng.pick(&forms).clone()), None)
            }
        }
        Target::By(m, d) => {
            let forms = if *m == 12 {
                vec![
                    format!("{YEAR}年12月31日前"),
                    "12月底前".into(),
                    "年底前完成".into(),
                    format!("{YEAR}年12月31日前"),
                ]
            } else {
                vec![
                    format!("{YEAR}年{m}月{d}日前"),
                    format!("{m}月底前"),
                    format!("{YEAR}-{m:02}-{d:02}"),
                    format!("{YEAR}年{m}月底前"),
                ]
            };
            (Val::text(rng.pick(&forms).clone()), None)
        }
        Target::Quarter(q) => {
            let cn = ["一", "二", "三", "四"][(*q as usize).clamp(1, 4) - 1];
            let forms = [format!("第{cn}季度"), format!("{cn}季度末")];
            (Val::text(rng.pick(&forms).clone()), None)
        }
        Target::Qual(s) => (Val::text(s.clone()), None),
    };
    (v, unit)
}

/// A count as written: `1,200`, `1.2万`, `1200`.
fn count_text(x: f64, rng: &mut Rng) -> String {
    let wan = x / 10_000.0;
    if x >= 10_000.0 && (wan * 100.0 - (wan * 100.0).round()).abs() < 1e-6 && rng.chance(0.6) {
        format!("{}万", num(wan))
    } else if x >= 1000.0 && rng.chance(0.6) {
        grouped(x)
    } else {
        num(x)
    }
}

/// Where a deliberate defect points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Spot {
    Value,
    Name,
    Level2,
    Weight,
    Amount,
    Project,
}

/// A deliberate defect, for DEFECTS.md.
#[derive(Clone, Debug)]
pub struct Defect {
    pub code: &'static str,
    pub spot: Spot,
    pub what: String,
}

/// One indicator row.
#[derive(Clone, Debug)]
pub struct Ind {
    pub l2: String,
    pub name: String,
    /// The target as meant (None for a defective value that means nothing).
    pub target: Option<Target>,
    pub value: Val,
    pub unit: Option<String>,
    pub weight: Option<f64>,
    pub defects: Vec<Defect>,
}

impl Ind {
    pub fn l1(&self) -> &'static str {
        level1_of(&self.l2)
    }
}

/// One project: its budget line and its targets.
#[derive(Clone, Debug)]
pub struct Project {
    pub unit: String,
    pub code: String,
    pub name: String,
    /// 项目资金 on the targets sheet (万元).
    pub amount: f64,
    /// Written as text (`'324.00`) on the targets sheet.
    pub amount_text: bool,
    /// 年初预算数 / 调整预算数 of the budget line; None: no budget line.
    pub budget: Option<(f64, f64)>,
    pub budget_kind: &'static str,
    pub status: &'static str,
    pub period: String,
    pub inds: Vec<Ind>,
    /// Written on the targets sheet.
    pub has_targets: bool,
    pub defects: Vec<Defect>,
}

/// Draws a project from a template.
pub fn project_from(tpl: &ProjTpl, unit: &str, code: String, st: Style, rng: &mut Rng) -> Project {
    let amount = (nice(rng.range(tpl.amount.0, tpl.amount.1)) * 100.0).round() / 100.0;
    let amount = if rng.chance(0.5) {
        amount
    } else {
        (rng.range(tpl.amount.0, tpl.amount.1) * 100.0).round() / 100.0
    };
    let inds = tpl
        .inds
        .iter()
        .map(|t| {
            let target = Target::draw(t.want, rng);
            let (value, unit) = render(&target, st, rng);
            Ind {
                l2: t.l2.into(),
                name: t.name.into(),
                target: Some(target),
                value,
                unit,
                weight: None,
                defects: vec![],
            }
        })
        .collect();
    let new = rng.chance(0.35);
    let (status, period) = if new {
        let len = rng.int(0, 2) as i32;
        (
            "新增",
            if len == 0 {
                format!("{YEAR}年")
            } else {
                format!("{YEAR}-{}年", YEAR + len)
            },
        )
    } else {
        let start = YEAR - rng.int(1, 3) as i32;
        let end = YEAR + rng.int(0, 2) as i32;
        ("延续", format!("{start}-{end}年"))
    };
    let budget_kind = if tpl.fund {
        "政府性基金预算"
    } else {
        "一般公共预算"
    };
    Project {
        unit: unit.into(),
        code,
        name: tpl.name.into(),
        amount,
        amount_text: false,
        budget: Some((amount, amount)),
        budget_kind,
        status,
        period,
        inds,
        has_targets: true,
        defects: vec![],
    }
}

/// Spreads `total` points over the indicators: whole numbers, output 50, effect 30, satisfaction 10
/// (execution's 10 left out → 90), or scaled to 100.
pub fn set_weights(p: &mut Project, total: f64) {
    let groups: [(&str, f64); 3] = [("产出指标", 50.0), ("效益指标", 30.0), ("满意度指标", 10.0)];
    let scale = total / 90.0;
    let mut assigned = 0.0;
    for (l1, pts) in groups {
        let idx: Vec<usize> = (0..p.inds.len())
            .filter(|&k| p.inds[k].l1() == l1)
            .collect();
        if idx.is_empty() {
            continue;
        }
        let pts = (pts * scale).round();
        let each = (pts / idx.len() as f64).floor();
        for (n, &k) in idx.iter().enumerate() {
            let w = if n == 0 {
                pts - each * (idx.len() - 1) as f64
            } else {
                each
            };
            p.inds[k].weight = Some(w);
            assigned += w;
        }
    }
    // Rounding remainder goes to the first indicator.
    if let Some(first) = p.inds.first_mut() {
        first.weight = first.weight.map(|w| w + total - assigned);
    }
}
