//! Year-end self-evaluation (绩效自评): what each indicator reached, its points by domain.md §5,
//! and what the unit stated.
//!
//! The points are recomputed here from the very figures written into the sheet (budget execution
//! = min(执行数/全年预算数, 1) × 10; ≥ full when met, else points × actual/target; = full when hit,
//! else the smaller over the larger; ≤ full when met, else points × target/actual; a deadline full
//! when done; a qualitative band the stated points held inside the band), so that DEFECTS.md can
//! say what `perf evaluate` should find.

use crate::model::*;
use crate::rng::Rng;
use crate::write::target_val;

/// How one indicator ended the year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Out {
    /// Target met (qualitative: 达成年度指标; a deadline: done).
    Met,
    /// Short: the share of the target reached (≤: target / actual; a deadline: not done;
    /// qualitative: 部分达成 from 0.6, else 未达成).
    Short(f64),
    /// No actual written.
    Missing,
}

/// What the unit wrote into 得分.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stated {
    /// The points the rule gives (qualitative: a share inside the band).
    Rule,
    /// Full points, whatever was reached.
    Full,
    /// Nothing.
    Blank,
    /// This share of the points.
    Share(f64),
}

/// The plan of one indicator.
#[derive(Clone, Copy, Debug)]
pub struct IndPlan {
    pub out: Out,
    /// A reason is written when the indicator falls short.
    pub reason: bool,
    pub stated: Stated,
}

impl IndPlan {
    pub const MET: IndPlan = IndPlan {
        out: Out::Met,
        reason: true,
        stated: Stated::Rule,
    };

    pub fn short(share: f64) -> IndPlan {
        IndPlan {
            out: Out::Short(share),
            ..IndPlan::MET
        }
    }
}

/// The plan of one project's year end.
#[derive(Clone, Debug)]
pub struct Plan {
    /// 全年执行数 / 全年预算数.
    pub rate: f64,
    pub inds: Vec<IndPlan>,
    /// The unit counts budget execution at its full 10 points whatever the rate.
    pub budget_full: bool,
    /// Added to the stated total beyond the sum of the stated points (an adding-up error).
    pub total_extra: f64,
    /// The stated total must exceed the rule's by more than 1.5 points (topped up when short of it).
    pub inflate: bool,
}

impl Plan {
    pub fn clean(p: &Project, rate: f64) -> Plan {
        Plan {
            rate,
            inds: vec![IndPlan::MET; p.inds.len()],
            budget_full: false,
            total_extra: 0.0,
            inflate: false,
        }
    }
}

/// Direction of a target as its text states it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dir {
    /// ≥, or a bare number.
    AtLeast,
    /// =.
    Exactly,
    /// ≤.
    AtMost,
}

/// The direction the words and signs of a target give (the forms [`render`] writes).
pub fn dir_of(text: &str) -> Dir {
    const LE: &[&str] = &["≤", "<", "＜", "不超过", "不高于", "以内", "以下"];
    const GE: &[&str] = &["≥", ">", "＞", "不低于", "不少于", "以上", "达到"];
    if LE.iter().any(|w| text.contains(w)) {
        Dir::AtMost
    } else if GE.iter().any(|w| text.contains(w)) {
        Dir::AtLeast
    } else if text.contains('=') || text.contains('＝') {
        Dir::Exactly
    } else {
        Dir::AtLeast
    }
}

/// What a written actual amounts to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Got {
    Num {
        av: f64,
        tv: f64,
        dir: Dir,
    },
    Done(bool),
    /// 0 达成, 1 部分达成, 2 未达成.
    Band(u8),
    None,
}

/// One indicator row of the self-evaluation sheet.
#[derive(Clone, Debug)]
pub struct EvalLine {
    pub ind: usize,
    pub target: Val,
    pub actual: Val,
    pub points: f64,
    /// Points by the rule, full precision.
    pub score: f64,
    /// 得分 as written (two decimals).
    pub stated: Option<f64>,
    pub reason: Option<String>,
    /// Short of the target (a reason is needed).
    pub short: bool,
    /// The stated points lie outside the qualitative band.
    pub outside_band: bool,
}

/// One project of the self-evaluation sheet.
#[derive(Clone, Debug)]
pub struct EvalProject<'a> {
    pub project: &'a Project,
    pub period: String,
    pub budget: f64,
    pub executed: f64,
    pub lines: Vec<EvalLine>,
    /// Total by the rule, full precision.
    pub score: f64,
    /// 自评总分 as written.
    pub stated_total: f64,
}

impl EvalProject<'_> {
    pub fn grade(&self) -> &'static str {
        grade(self.score)
    }

    pub fn rate(&self) -> f64 {
        self.executed / self.budget
    }

    pub fn expiring(&self) -> bool {
        self.period
            .trim_end_matches('年')
            .rsplit('-')
            .next()
            .and_then(|y| y.parse::<i32>().ok())
            .is_some_and(|y| y <= YEAR)
    }
}

pub fn grade(score: f64) -> &'static str {
    if score >= 90.0 - 1e-9 {
        "优"
    } else if score >= 80.0 - 1e-9 {
        "良"
    } else if score >= 60.0 - 1e-9 {
        "中"
    } else {
        "差"
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn step(d: u32) -> f64 {
    10f64.powi(-(d as i32))
}

fn floor_to(x: f64, d: u32) -> f64 {
    let m = 10f64.powi(d as i32);
    ((x * m) + 1e-7).floor() / m
}

fn ceil_to(x: f64, d: u32) -> f64 {
    let m = 10f64.powi(d as i32);
    ((x * m) - 1e-7).ceil() / m
}

/// Units measured, not counted.
const MEASURED: &[&str] = &[
    "公里",
    "万元",
    "元",
    "个等级",
    "‰",
    "米",
    "小时",
    "年",
    "公斤",
    "吨",
    "分钟",
];

/// Decimals an actual is written with.
fn decimals(x: f64, u: &str) -> u32 {
    if u == "%" || (x - x.round()).abs() > 1e-9 {
        if x < 1.0 { 2 } else { 1 }
    } else if x < 20.0 && MEASURED.iter().any(|m| u.starts_with(m)) {
        1
    } else {
        0
    }
}

/// Points per indicator: output 50, effect 30, satisfaction 10 (90; execution holds the other 10),
/// whole numbers; a group the project lacks gives its points to output.
pub fn eval_points(p: &Project) -> Vec<f64> {
    let mut groups: [(&str, f64); 3] =
        [("产出指标", 50.0), ("效益指标", 30.0), ("满意度指标", 10.0)];
    for k in 1..3 {
        if !p.inds.iter().any(|i| i.l1() == groups[k].0) {
            groups[0].1 += groups[k].1;
            groups[k].1 = 0.0;
        }
    }
    let mut pts = vec![0.0; p.inds.len()];
    for (l1, total) in groups {
        let idx: Vec<usize> = (0..p.inds.len())
            .filter(|&k| p.inds[k].l1() == l1)
            .collect();
        if idx.is_empty() {
            continue;
        }
        let each = (total / idx.len() as f64).floor();
        for (n, &k) in idx.iter().enumerate() {
            pts[k] = if n == 0 {
                total - each * (idx.len() - 1) as f64
            } else {
                each
            };
        }
    }
    pts
}

/// The share of the points a numeric actual earns (domain.md §5).
pub fn share(av: f64, tv: f64, dir: Dir) -> f64 {
    match dir {
        Dir::AtMost => {
            if av <= tv + 1e-12 {
                1.0
            } else if av > 0.0 {
                tv.max(0.0) / av
            } else {
                0.0
            }
        }
        Dir::Exactly => {
            if (av - tv).abs() <= 1e-9 * tv.abs().max(1.0) {
                1.0
            } else if av.max(tv) > 0.0 {
                av.min(tv).max(0.0) / av.max(tv)
            } else {
                0.0
            }
        }
        Dir::AtLeast => {
            if av >= tv - 1e-12 {
                1.0
            } else if tv > 0.0 {
                av.max(0.0) / tv
            } else {
                0.0
            }
        }
    }
}

const BANDS: [&str; 3] = [
    "达成年度指标",
    "部分达成年度指标并具有一定效果",
    "未达成年度指标且效果较差",
];

/// The share of the points a band allows.
pub fn band_range(b: u8) -> (f64, f64) {
    match b {
        0 => (0.8, 1.0),
        1 => (0.6, 0.8),
        _ => (0.0, 0.6),
    }
}

const NOT_DONE: &[&str] = &[
    "未完成，预计2025年3月完工",
    "未按期完成，延至2025年1月",
    "尚未完成，正在组织验收",
    "未完成，已完成总任务的80%",
];

/// The actual written at year end for one indicator, and what it amounts to.
fn reach(ind: &Ind, target: &Val, out: Out, rng: &mut Rng) -> (Val, Got) {
    let Some(t) = &ind.target else {
        return (Val::Empty, Got::None);
    };
    if out == Out::Missing {
        return (Val::Empty, Got::None);
    }
    let text = match target {
        Val::Text(s) => s.clone(),
        _ => String::new(),
    };
    match t {
        Target::By(..) | Target::Quarter(_) => {
            if out == Out::Met {
                let due = t.due_month().unwrap_or(12);
                let m = rng.int(i64::from(due.saturating_sub(2).max(1)), i64::from(due)) as u32;
                let d = rng.int(5, i64::from(month_end(m).min(28))) as u32;
                let forms = [
                    "已完成".to_string(),
                    "按期完成".to_string(),
                    format!("{m}月{d}日已完成"),
                    "已按期完成".to_string(),
                ];
                (Val::text(rng.pick(&forms).clone()), Got::Done(true))
            } else {
                (Val::text(*rng.pick(NOT_DONE)), Got::Done(false))
            }
        }
        Target::Qual(_) => {
            let b = match out {
                Out::Short(s) if s >= 0.6 => 1,
                Out::Short(_) => 2,
                _ => 0,
            };
            (Val::text(BANDS[b as usize]), Got::Band(b))
        }
        Target::Ge(x, u) | Target::Le(x, u) | Target::Eq(x, u) | Target::Count(x, u) => {
            let dir = if matches!(target, Val::Num(_)) {
                Dir::AtLeast
            } else {
                dir_of(&text)
            };
            let wan = *x >= 10_000.0 && text.contains('万') && !u.starts_with('万');
            numeric(*x, u, dir, wan, out, rng)
        }
    }
}

fn numeric(x: f64, u: &str, dir: Dir, wan: bool, out: Out, rng: &mut Rng) -> (Val, Got) {
    let d = decimals(x, u);
    let rate = u == "%";
    let out = match (out, dir) {
        // "At least nothing" cannot fall short.
        (Out::Short(_), Dir::AtLeast) if x <= 0.0 => Out::Met,
        // Rates fall short by less: half the target would be a 48 % satisfaction.
        (Out::Short(s), Dir::AtLeast | Dir::Exactly) if rate => Out::Short(0.6 + 0.4 * s),
        _ => out,
    };
    let a = match (out, dir) {
        (Out::Short(s), Dir::AtLeast | Dir::Exactly) => {
            if x <= 0.0 {
                1.0
            } else {
                let a = floor_to(x * s, d);
                if a >= x { x - step(d) } else { a }.max(0.0)
            }
        }
        (Out::Short(s), Dir::AtMost) => {
            if x <= 0.0 {
                rng.int(1, 3) as f64
            } else {
                let a = ceil_to(x / s.max(0.05), d);
                if a <= x { x + step(d) } else { a }
            }
        }
        (_, Dir::Exactly) => x,
        (_, Dir::AtMost) => {
            if rng.chance(0.4) {
                x
            } else {
                floor_to(x * rng.range(0.8, 1.0), d)
            }
        }
        (_, Dir::AtLeast) => {
            if rng.chance(0.3) || x <= 0.0 {
                x
            } else if rate {
                ceil_to((x * rng.range(1.0, 1.05)).min(100.0), d).max(x)
            } else {
                ceil_to(x * rng.range(1.0, 1.08), d)
            }
        }
    };
    let (text, av) = if wan {
        let short = matches!(out, Out::Short(_));
        let mut w = if short {
            floor_to(a / 1e4, 2)
        } else {
            ceil_to(a / 1e4, 2)
        };
        if short && w * 1e4 >= x {
            w -= 0.01;
        }
        (format!("{}万{u}", num(w)), w * 1e4)
    } else {
        (format!("{}{u}", num(a)), a)
    };
    (Val::text(text), Got::Num { av, tv: x, dir })
}

/// Reasons written for a shortfall, by 二级指标.
fn reason_for(l2: &str, got: Got, rng: &mut Rng) -> String {
    let pool: &[&str] = match (l2, got) {
        (_, Got::Band(2)) => &[
            "项目实施严重滞后，预期效益未能实现；下一步调整实施方案，确保后续效益发挥。",
            "受项目未完工影响，效益未能显现；下一步加快实施，跟踪效益情况。",
        ],
        (_, Got::Band(_)) => &[
            "项目效益需较长周期才能充分显现，年度内部分达成；下一步持续跟踪，巩固实施成效。",
            "受实施进度影响，效益尚未全面显现；下一步加强后续管理，确保效益发挥。",
        ],
        (SX, _) => &[
            "招标采购程序耗时较长，工程开工推迟，未能按期完成；下一步提前启动采购程序。",
            "受汛期持续降雨影响，施工进度滞后；已督促施工单位增加人员设备，2025年一季度完成。",
            "上级资金下达较晚，拨付时间相应推迟；下一步加强资金调度。",
        ],
        (CB, _) => &[
            "建材及人工价格上涨，单位成本超出预期；下一步严格控制工程造价，加强预算评审。",
            "部分物资采购批量较小，单价偏高；下一步推行集中采购。",
        ],
        (ZL, _) => &[
            "个别项目验收发现质量问题，正在督促整改；下一步加强过程监管。",
            "部分基层单位业务不熟练，工作质量有待提高；下一步加强业务培训。",
        ],
        (MY, _) => &[
            "部分群众对项目实施进度有意见，满意度未达预期；下一步加强政策宣传和沟通解释。",
            "个别服务对象反映问题处理不及时；下一步建立问题台账，限时办结。",
        ],
        (SL, _) => &[
            "部分任务受汛期影响延至次年实施，相应资金结转下年使用；下一步提前做好前期准备。",
            "实际符合条件的对象少于年初预计，按实际发生数实施；下一步提高目标测算精准度。",
            "上级资金下达较晚，部分建设任务未能在年内完成；下一步加快项目实施进度。",
        ],
        _ => &[
            "受市场价格波动等因素影响，效益未达预期；下一步加强跟踪分析。",
            "项目实施周期较短，效益尚未充分显现；下一步持续跟踪评估。",
        ],
    };
    rng.pick(pool).to_string()
}

/// Writes out one project's year end as planned: actuals, points, stated scores and total.
pub fn year_end<'a>(
    p: &'a Project,
    period: &str,
    budget: f64,
    plan: &Plan,
    rng: &mut Rng,
) -> EvalProject<'a> {
    let pts = eval_points(p);
    let executed = round2(budget * plan.rate);
    let rate = executed / budget;
    let budget_score = rate.clamp(0.0, 1.0) * 10.0;
    let mut lines = Vec::with_capacity(p.inds.len());
    for (k, ind) in p.inds.iter().enumerate() {
        let ip = plan.inds.get(k).copied().unwrap_or(IndPlan::MET);
        let target = target_val(ind);
        let (actual, got) = reach(ind, &target, ip.out, rng);
        let points = pts[k];
        let (score, short, stated, outside_band) = match got {
            Got::Band(b) => {
                let (lo, hi) = band_range(b);
                let share = match ip.stated {
                    Stated::Share(s) => s,
                    Stated::Full => 1.0,
                    _ => match b {
                        0 => *rng.pick(&[1.0, 0.95, 0.9, 0.85]),
                        1 => *rng.pick(&[0.75, 0.7, 0.65]),
                        _ => *rng.pick(&[0.5, 0.4, 0.3]),
                    },
                };
                let stated = (ip.stated != Stated::Blank).then(|| round2(points * share));
                let claimed = stated.unwrap_or(lo * points);
                let outside =
                    stated.is_some_and(|v| v < lo * points - 1e-9 || v > hi * points + 1e-9);
                (
                    claimed.clamp(lo * points, hi * points),
                    b != 0,
                    stated,
                    outside,
                )
            }
            _ => {
                let (score, short) = match got {
                    Got::Num { av, tv, dir } => {
                        let s = share(av, tv, dir);
                        (points * s.clamp(0.0, 1.0), s < 1.0 - 1e-12)
                    }
                    Got::Done(done) => (if done { points } else { 0.0 }, !done),
                    _ => (0.0, true),
                };
                let stated = match ip.stated {
                    Stated::Rule => Some(round2(score)),
                    Stated::Full => Some(points),
                    Stated::Blank => None,
                    Stated::Share(s) => Some(round2(points * s)),
                };
                (score, short, stated, false)
            }
        };
        let reason =
            (short && ip.reason && got != Got::None).then(|| reason_for(&ind.l2, got, rng));
        lines.push(EvalLine {
            ind: k,
            target,
            actual,
            points,
            score,
            stated,
            reason,
            short,
            outside_band,
        });
    }
    let score = budget_score + lines.iter().map(|l| l.score).sum::<f64>();
    let stated_budget = if plan.budget_full {
        10.0
    } else {
        round2(budget_score)
    };
    let mut stated_total = round2(
        stated_budget + lines.iter().filter_map(|l| l.stated).sum::<f64>() + plan.total_extra,
    );
    if plan.inflate && stated_total - score < 1.5 {
        stated_total = round2(stated_total + (2.0 - (stated_total - score)).ceil());
    }
    EvalProject {
        project: p,
        period: period.to_string(),
        budget,
        executed,
        lines,
        score,
        stated_total,
    }
}

/// A random year end for the `units` mode: mostly 优 and 良, some 中, a few 差; about one project in
/// ten states more than the rule gives (E003), some shortfalls carry no reason (E005), a few
/// actuals are missing (E002) and a few qualitative scores leave their band (E006).
pub fn random_plan(p: &Project, rng: &mut Rng) -> Plan {
    let n = p.inds.len();
    let r = rng.f64();
    let (rate, shorts, lo, hi) = if r < 0.55 {
        let rate = if rng.chance(0.4) {
            1.0
        } else {
            rng.range(0.93, 1.0)
        };
        (rate, rng.int(0, 2), 0.85, 0.99)
    } else if r < 0.8 {
        (rng.range(0.9, 1.0), rng.int(3, 5), 0.4, 0.85)
    } else if r < 0.93 {
        let rate = if rng.chance(0.7) {
            rng.range(0.9, 0.99)
        } else {
            rng.range(0.75, 0.9)
        };
        (rate, rng.int(5, 7), 0.2, 0.75)
    } else {
        (rng.range(0.3, 0.75), rng.int(7, 11), 0.0, 0.5)
    };
    let mut plan = Plan::clean(p, rate);
    let mut order: Vec<usize> = (0..n).collect();
    for k in (1..n).rev() {
        order.swap(k, rng.int(0, k as i64) as usize);
    }
    for &k in order.iter().take(shorts as usize) {
        plan.inds[k] = IndPlan::short(rng.range(lo, hi));
    }
    let short_idx: Vec<usize> = (0..n)
        .filter(|&k| matches!(plan.inds[k].out, Out::Short(_)))
        .collect();
    if !short_idx.is_empty() && rng.chance(0.08) {
        plan.inds[*rng.pick(&short_idx)].reason = false;
    }
    if n > 0 && rng.chance(0.03) {
        let k = rng.int(0, n as i64 - 1) as usize;
        plan.inds[k].out = Out::Missing;
        plan.inds[k].stated = if rng.chance(0.6) {
            Stated::Blank
        } else {
            Stated::Full
        };
    }
    let quals: Vec<usize> = (0..n)
        .filter(|&k| matches!(p.inds[k].target, Some(Target::Qual(_))))
        .collect();
    if !quals.is_empty() && rng.chance(0.03) {
        let k = *rng.pick(&quals);
        plan.inds[k] = IndPlan {
            out: Out::Short(0.7),
            reason: true,
            stated: if rng.chance(0.6) {
                Stated::Full
            } else {
                Stated::Share(0.4)
            },
        };
    }
    if rng.chance(0.08) {
        // The unit counts every shortfall as met; with none to count, it adds up wrong.
        let mut any = false;
        for (k, ip) in plan.inds.iter_mut().enumerate() {
            let qual = matches!(p.inds[k].target, Some(Target::Qual(_)));
            if matches!(ip.out, Out::Short(_)) && ip.stated == Stated::Rule && !qual {
                ip.stated = Stated::Full;
                any = true;
            }
        }
        plan.budget_full = rate < 0.98;
        if !any {
            plan.total_extra = rng.int(2, 6) as f64;
        }
        plan.inflate = true;
    }
    plan
}
