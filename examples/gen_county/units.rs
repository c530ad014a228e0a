//! `units`, `big` and `stray`: generated workbooks for the monthly batch, benchmarks and the stray-cell case.

use std::path::Path;

use crate::catalog::{AGRI, CIVIL, CULTURE, EDU, GENERAL, HEALTH, INFRA, TOWN};
use crate::model::*;
use crate::rng::Rng;
use crate::selfeval::{EvalProject, random_plan, year_end};
use crate::write::{self, ExecLine, Fmts, MonLine, TargetsOpts};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A budget unit: department, township, or a unit under them.
pub struct Unit {
    pub name: String,
    pub slug: String,
    pub abbr: String,
    pub pool: &'static [&'static [ProjTpl]],
}

fn pool(sector: &str) -> &'static [&'static [ProjTpl]] {
    match sector {
        "edu" => &[EDU, GENERAL],
        "health" => &[HEALTH, GENERAL],
        "agri" => &[AGRI, GENERAL],
        "town" => &[TOWN, GENERAL],
        "civil" => &[CIVIL, GENERAL],
        "infra" => &[INFRA, GENERAL],
        "culture" => &[CULTURE, GENERAL],
        _ => &[GENERAL, CIVIL],
    }
}

const DEPARTMENTS: &[(&str, &str, &str, &str)] = &[
    ("青山县教育局", "jiaoyuju", "JY", "edu"),
    ("青山县卫生健康局", "weijianju", "WJ", "health"),
    ("青山县农业农村局", "nongyenongcunju", "NY", "agri"),
    ("青山县民政局", "minzhengju", "MZ", "civil"),
    ("青山县交通运输局", "jiaotongju", "JT", "infra"),
    ("青山县水利局", "shuiliju", "SL", "infra"),
    ("青山县住房和城乡建设局", "zhujianju", "ZJ", "infra"),
    ("青山县文化旅游体育局", "wenlvju", "WL", "culture"),
    ("青山县林业局", "linyeju", "LY", "town"),
    ("青山县人力资源和社会保障局", "renshe", "RS", "general"),
    ("青山县生态环境分局", "shengtai", "ST", "infra"),
    ("青山县应急管理局", "yingji", "YJ", "general"),
    ("青山县医疗保障局", "yibao", "YB", "health"),
    ("青山县乡村振兴局", "xiangcun", "XC", "town"),
    ("青山县城市管理局", "chengguan", "CG", "infra"),
    ("青山县退役军人事务局", "tuiyi", "TY", "civil"),
    ("青山县残疾人联合会", "canlian", "CL", "civil"),
    ("青山县科学技术局", "keji", "KJ", "general"),
    ("青山县市场监督管理局", "shijian", "SJ", "general"),
    ("青山县自然资源局", "ziran", "ZR", "agri"),
    ("青山县第一中学", "yizhong", "YZ", "edu"),
    ("青山县第二中学", "erzhong", "EZ", "edu"),
    ("青山县实验小学", "shiyanxiaoxue", "SY", "edu"),
    ("青山县职业中专", "zhizhuan", "ZZ", "edu"),
    ("青山县人民医院", "renminyiyuan", "RY", "health"),
    ("青山县中医医院", "zhongyiyiyuan", "ZY", "health"),
    ("青山县妇幼保健院", "fuyou", "FY", "health"),
    ("青山县疾病预防控制中心", "jikong", "JK", "health"),
    ("青山县农业技术推广中心", "nongji", "NJ", "agri"),
    ("青山县畜牧水产事务中心", "xumu", "XM", "agri"),
    ("青山县水利工程管理站", "shuiguanzhan", "SG", "infra"),
    ("青山县公路建设养护中心", "gonglu", "GL", "infra"),
    ("青山县图书馆", "tushuguan", "TS", "culture"),
    ("青山县社会福利院", "fuliyuan", "FL", "civil"),
    ("青山县城乡规划服务中心", "guihua", "GH", "general"),
];

const TOWNSHIPS: &[(&str, &str, &str)] = &[
    ("青石镇", "qingshizhen", "QSZ"),
    ("白云乡", "baiyunxiang", "BYX"),
    ("龙泉镇", "longquanzhen", "LQZ"),
    ("桃源镇", "taoyuanzhen", "TYZ"),
    ("石口镇", "shikouzhen", "SKZ"),
    ("黄沙乡", "huangshaxiang", "HSX"),
    ("大坪镇", "dapingzhen", "DPZ"),
    ("溪口乡", "xikouxiang", "XKX"),
    ("梅花乡", "meihuaxiang", "MHX"),
    ("双河镇", "shuanghezhen", "SHZ"),
    ("高田乡", "gaotianxiang", "GTX"),
    ("蓝田镇", "lantianzhen", "LTZ"),
    ("长坪乡", "changpingxiang", "CPX"),
    ("金岭镇", "jinlingzhen", "JLZ"),
    ("云峰乡", "yunfengxiang", "YFX"),
];

const TOWN_UNITS: &[(&str, &str, &str, &str)] = &[
    ("中心学校", "zhongxinxuexiao", "XX", "edu"),
    ("卫生院", "weishengyuan", "WS", "health"),
    ("农业综合服务中心", "nongfu", "NF", "agri"),
    ("中心幼儿园", "youeryuan", "YE", "edu"),
    ("敬老院", "jinglaoyuan", "JL", "civil"),
    ("便民服务中心", "bianmin", "BM", "general"),
    ("综合行政执法队", "zhifadui", "ZF", "general"),
    ("水利站", "shuilizhan", "SL", "infra"),
    ("林业站", "linyezhan", "LY", "town"),
    ("综合文化站", "wenhuazhan", "WH", "culture"),
    ("村镇建设服务中心", "cunzhen", "CZ", "infra"),
    ("社会保障服务中心", "shebao", "SB", "general"),
    ("畜牧兽医站", "shouyizhan", "SY", "agri"),
    ("退役军人服务站", "tuiyizhan", "TY", "civil"),
];

/// The first `n` units of the county: departments, townships, then units under townships, then schools.
pub fn units(n: usize) -> Vec<Unit> {
    let mut out = Vec::with_capacity(n);
    let mut d = DEPARTMENTS.iter();
    let mut t = TOWNSHIPS.iter();
    // Departments and townships alternate so that a small N has both.
    loop {
        let mut any = false;
        for _ in 0..2 {
            if let Some((name, slug, abbr, sector)) = d.next() {
                out.push(Unit {
                    name: (*name).into(),
                    slug: (*slug).into(),
                    abbr: (*abbr).into(),
                    pool: pool(sector),
                });
                any = true;
            }
        }
        if let Some((name, slug, abbr)) = t.next() {
            out.push(Unit {
                name: format!("{name}人民政府"),
                slug: (*slug).into(),
                abbr: (*abbr).into(),
                pool: pool("town"),
            });
            any = true;
        }
        if !any || out.len() >= n {
            break;
        }
    }
    'outer: for (kind, kslug, kabbr, sector) in TOWN_UNITS {
        for (town, tslug, tabbr) in TOWNSHIPS {
            if out.len() >= n {
                break 'outer;
            }
            out.push(Unit {
                name: format!("{town}{kind}"),
                slug: format!("{tslug}_{kslug}"),
                abbr: format!("{tabbr}{kabbr}"),
                pool: pool(sector),
            });
        }
    }
    let mut k = 3;
    while out.len() < n {
        out.push(Unit {
            name: format!("青山县第{}小学", cn_number(k)),
            slug: format!("xiaoxue{k}"),
            abbr: format!("XX{k}"),
            pool: pool("edu"),
        });
        k += 1;
    }
    out.truncate(n);
    out
}

fn cn_number(k: usize) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match k {
        0..=9 => D[k].into(),
        10..=19 => format!("十{}", if k == 10 { "" } else { D[k - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[k / 10],
            if k.is_multiple_of(10) { "" } else { D[k % 10] }
        ),
        _ => k.to_string(),
    }
}

/// Indicators counties add to every project (督导, 资金支付, 合规, 公开), up to twelve a project.
const EXTRA: &[Tpl] = &[
    i(SX, "资金支付及时率", ge(90.0, 95.0, "%")),
    i(ZL, "项目实施合规率", eq(100.0, "%")),
    i(SL, "开展项目督导检查次数", cnt(2.0, 6.0, "次")),
    i(SH, "项目信息公开率", eq(100.0, "%")),
];

fn rank(l2: &str) -> usize {
    [SL, ZL, SX, CB, JJ, SH, ST, KC, MY]
        .iter()
        .position(|x| *x == l2)
        .unwrap_or(3)
}

/// About ten projects of a unit, with about twelve indicators each.
pub fn unit_projects(u: &Unit, st: Style, rng: &mut Rng, per_unit: (i64, i64)) -> Vec<Project> {
    let mut pool: Vec<&ProjTpl> = u.pool.iter().flat_map(|c| c.iter()).collect();
    let n = (rng.int(per_unit.0, per_unit.1) as usize).min(pool.len());
    let mut out = Vec::with_capacity(n);
    for seq in 0..n {
        let k = rng.int(0, (pool.len() - 1) as i64) as usize;
        let tpl = pool.swap_remove(k);
        let code = format!("{YEAR}-{}-{:03}", u.abbr, seq + 1);
        let mut p = project_from(tpl, &u.name, code, st, rng);
        for e in EXTRA {
            if p.inds.len() >= 12 {
                break;
            }
            let target = Target::draw(e.want, rng);
            let (value, unit) = render(&target, st, rng);
            p.inds.push(Ind {
                l2: e.l2.into(),
                name: e.name.into(),
                target: Some(target),
                value,
                unit,
                weight: None,
                defects: vec![],
            });
        }
        p.inds.sort_by_key(|i| rank(&i.l2));
        out.push(p);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Band {
    Green,
    Yellow,
    Red,
    Over,
}

fn band_pace(b: Band, rng: &mut Rng) -> f64 {
    match b {
        Band::Green => rng.range(0.84, 1.15),
        Band::Yellow => rng.range(0.62, 0.78),
        Band::Red => rng.range(0.08, 0.55),
        Band::Over => rng.range(1.3, 1.7),
    }
}

const EXEC_REASONS: &[&str] = &[
    "项目处于招标采购阶段，合同尚未签订，资金暂未支付",
    "工程按进度结算，上半年以前期工作为主，支出集中在下半年",
    "上级补助资金未及时到位，已向财政申请调度",
    "补助对象信息核实工作尚未完成，资金暂未发放",
    "受汛期影响施工进度滞后，已督促施工单位增加人员设备",
    "项目实施方案调整，待县政府审定后执行",
];

const IND_REASONS: &[&str] = &[
    "经费保障：资金未及时到位，影响工作进度",
    "受雨季影响，工程施工进度滞后，已督促加快进度",
    "人员保障：业务人员调整，工作衔接不及时",
    "硬件条件保障：设备到货延迟",
    "季节性因素，相关工作集中在下半年开展",
    "制度保障：实施细则尚未出台",
];

/// Units measured, not counted: they may carry a decimal.
const CONTINUOUS: &[&str] = &["公里", "万元", "元", "个等级", "‰", "米", "小时", "%", "年"];

/// An amount: things counted are whole, lengths, money and hours may carry one decimal.
fn qty(x: f64, u: &str) -> String {
    if x >= 100.0 || !CONTINUOUS.contains(&u) {
        format!("{}{u}", x.round() as i64)
    } else {
        format!("{}{u}", num((x * 10.0).round() / 10.0))
    }
}

const NOT_YET: &[&str] = &["年底评估", "待年终评价", "尚未到评价期"];

/// One project's fund execution line and indicator lines as of month `m`.
fn monitor<'a>(p: &'a Project, m: u32, rng: &mut Rng) -> (ExecLine<'a>, Vec<MonLine<'a>>) {
    let tp = f64::from(m) / 12.0;
    let budget = p.budget.map_or(p.amount, |b| b.1);
    let r = rng.f64();
    let exec_band = if r < 0.7 {
        Band::Green
    } else if r < 0.88 {
        Band::Yellow
    } else {
        Band::Red
    };
    let executed = if rng.chance(0.01) {
        budget * rng.range(1.02, 1.1)
    } else {
        budget * (tp * band_pace(exec_band, rng)).min(1.0)
    };
    let reason =
        (exec_band != Band::Green && rng.chance(0.7)).then(|| rng.pick(EXEC_REASONS).to_string());
    let exec = ExecLine {
        project: p,
        executed: (executed * 100.0).round() / 100.0,
        reason,
    };

    let r = rng.f64();
    let proj_band = if r < 0.75 {
        Band::Green
    } else if r < 0.9 {
        Band::Yellow
    } else {
        Band::Red
    };
    let judged: Vec<usize> = (0..p.inds.len())
        .filter(|&k| matches!(p.inds[k].l2.as_str(), SL | ZL | SX))
        .collect();
    let mut bands = vec![Band::Green; p.inds.len()];
    if !judged.is_empty() {
        match proj_band {
            Band::Yellow => bands[*rng.pick(&judged)] = Band::Yellow,
            Band::Red => {
                bands[*rng.pick(&judged)] = Band::Yellow;
                bands[*rng.pick(&judged)] = Band::Red;
            }
            _ => {}
        }
    }
    let mut lines = Vec::with_capacity(p.inds.len());
    for (k, ind) in p.inds.iter().enumerate() {
        let mut b = bands[k];
        if b == Band::Green && ind.l2 == SL && rng.chance(0.02) {
            b = Band::Over;
        }
        let got = actual_of(ind, b, m, tp, rng);
        let lag = matches!(got.band, Band::Yellow | Band::Red);
        let reason = (lag && rng.chance(0.75)).then(|| rng.pick(IND_REASONS).to_string());
        let possibility = match (got.band, got.short) {
            (Band::Green | Band::Over, false) => "确定能",
            (Band::Yellow, false) if rng.chance(0.4) => "确定能",
            (Band::Red, true) if rng.chance(0.5) => "完全不可能",
            _ => "有可能",
        };
        lines.push(MonLine {
            project: p,
            ind: k,
            actual: got.actual,
            forecast: got.forecast,
            reason,
            possibility,
        });
    }
    (exec, lines)
}

/// An indicator on track as of month `m`: the actual to date and the full-year forecast.
/// The light is the one the figures show: a small count pro-rated may have no whole number in the
/// green band (1 of 3 by June is yellow, 2 is "over").
pub fn on_track(ind: &Ind, m: u32, rng: &mut Rng) -> (Val, Val, &'static str) {
    let g = actual_of(ind, Band::Green, m, f64::from(m) / 12.0, rng);
    let light = match g.band {
        Band::Green => "green",
        Band::Over => "over",
        Band::Yellow => "yellow",
        Band::Red => "red",
    };
    (g.actual, g.forecast, light)
}

/// What a unit reports for one indicator.
struct Got {
    actual: Val,
    forecast: Val,
    /// The light the actual shows (after rounding to whole numbers).
    band: Band,
    /// The forecast falls short of the annual target.
    short: bool,
}

fn got(actual: String, forecast: String, band: Band, short: bool) -> Got {
    Got {
        actual: Val::text(actual),
        forecast: Val::text(forecast),
        band,
        short,
    }
}

fn band_of(ratio: f64) -> Band {
    if ratio < 0.6 {
        Band::Red
    } else if ratio < 0.8 {
        Band::Yellow
    } else if ratio < 1.2 {
        Band::Green
    } else {
        Band::Over
    }
}

/// A cumulative amount done by month `m`, kept inside its band after rounding to whole things.
fn to_date(x: f64, u: &str, tp: f64, b: Band, rng: &mut Rng) -> (String, Band) {
    let expected = x * tp;
    let want = expected * band_pace(b, rng);
    if CONTINUOUS.contains(&u) && want < 100.0 {
        return (qty(want, u), b);
    }
    let (lo, hi) = match b {
        Band::Green => (0.8, 1.2),
        Band::Yellow => (0.6, 0.8),
        Band::Red => (0.0, 0.6),
        Band::Over => (1.2, 2.0),
    };
    let (min, max) = ((expected * lo).ceil(), (expected * hi - 1e-9).floor());
    let a = if min <= max {
        want.round().clamp(min, max)
    } else {
        want.round()
    };
    (format!("{}{u}", a as i64), band_of(a / expected))
}

/// The actual to date and the full-year forecast of one indicator.
fn actual_of(ind: &Ind, b: Band, m: u32, tp: f64, rng: &mut Rng) -> Got {
    let Some(t) = &ind.target else {
        return Got {
            actual: Val::Empty,
            forecast: Val::Empty,
            band: b,
            short: false,
        };
    };
    let effect = ind.l1() != "产出指标";
    // Yellow items mostly still expect to make the year; red ones do not.
    let short = match b {
        Band::Green | Band::Over => false,
        Band::Yellow => rng.chance(0.3),
        Band::Red => true,
    };
    let year = if short {
        rng.range(0.8, 0.97)
    } else {
        rng.range(1.0, 1.05)
    };
    match t {
        Target::Ge(x, u) if u == "%" => {
            if ind.l2 == MY && rng.chance(0.5) {
                return got(
                    "年底开展满意度调查".into(),
                    format!("{}%", num(*x)),
                    Band::Green,
                    false,
                );
            }
            let a = match b {
                Band::Green | Band::Over => (x * rng.range(1.0, 1.04)).min(100.0),
                _ => x * band_pace(b, rng),
            };
            let f = if short { (x * year).floor() } else { *x };
            got(
                format!("{a:.1}%"),
                format!("{}%", num(f)),
                band_of(a / x),
                short,
            )
        }
        // A count under 效益指标 (带动农户户数) is judged against the year's target, not pro-rated:
        // most units leave it to the year end.
        Target::Count(x, u) if effect => got(
            rng.pick(NOT_YET).to_string(),
            format!("{}{u}", num(*x)),
            Band::Green,
            false,
        ),
        Target::Count(x, u) => {
            let (a, b) = to_date(*x, u, tp, b, rng);
            got(a, qty(x * year, u), b, short)
        }
        Target::Ge(x, u) if ind.l2 == SL => {
            let (a, b) = to_date(*x, u, tp, b, rng);
            got(a, qty(x * year, u), b, short)
        }
        Target::Ge(x, u) => {
            if effect && rng.chance(0.5) {
                return got(
                    rng.pick(NOT_YET).to_string(),
                    format!("{}{u}", num(*x)),
                    Band::Green,
                    false,
                );
            }
            let a = if b == Band::Green {
                x * rng.range(1.0, 1.1)
            } else {
                x * band_pace(b, rng)
            };
            got(qty(a, u), qty(x * year, u), band_of(a / x), short)
        }
        Target::Le(x, u) => {
            // Lower is better: within the limit is green, beyond it red.
            let red = b == Band::Red;
            let a = if red {
                x * rng.range(1.15, 1.6)
            } else {
                x * rng.range(0.55, 0.95)
            };
            let shown = if *x >= 100.0 || !CONTINUOUS.contains(&u.as_str()) && a >= 10.0 {
                qty(a, u)
            } else {
                format!("{}{u}", num((a * 10.0).round() / 10.0))
            };
            let f = if red {
                qty(a, u)
            } else {
                format!("{}{u}", num(*x))
            };
            got(shown, f, if red { Band::Red } else { Band::Green }, red)
        }
        Target::Eq(x, u) => match b {
            Band::Green | Band::Over => got(
                format!("{}{u}", num(*x)),
                format!("{}{u}", num(*x)),
                Band::Green,
                false,
            ),
            _ if *x == 0.0 => got(format!("1{u}"), format!("1{u}"), Band::Red, true),
            _ => {
                let a = (x * band_pace(b, rng)).round();
                let f = if short { (x * year).floor() } else { *x };
                got(
                    format!("{}{u}", num(a)),
                    format!("{}{u}", num(f)),
                    band_of(a / x),
                    short,
                )
            }
        },
        Target::By(..) | Target::Quarter(_) => {
            let due = t.due_month().unwrap_or(12);
            match (due <= m, b == Band::Red) {
                (true, true) => got(
                    "未完成".into(),
                    "预计延期至次年3月完成".into(),
                    Band::Red,
                    true,
                ),
                (true, false) => got("已完成".into(), "已完成".into(), Band::Green, false),
                (false, true) => got("未开工".into(), "预计延期完成".into(), Band::Red, true),
                (false, false) => got("进行中".into(), "按期完成".into(), Band::Green, false),
            }
        }
        Target::Qual(_) => {
            if effect && rng.chance(0.4) {
                return got(
                    rng.pick(NOT_YET).to_string(),
                    "达成目标".into(),
                    Band::Green,
                    false,
                );
            }
            let words = match b {
                Band::Green | Band::Over => "达成目标",
                Band::Yellow => "部分达成目标并具有一定效果",
                Band::Red => "未达成目标且效果较差",
            };
            got(
                words.into(),
                if short {
                    "部分达成目标".into()
                } else {
                    "达成目标".into()
                },
                b,
                short,
            )
        }
    }
}

fn targets_opts(u: &Unit, rng: &mut Rng, st: Style) -> TargetsOpts {
    let mut o = TargetsOpts::new(
        "绩效目标",
        format!("{}{YEAR}年度项目支出绩效目标表", u.name),
    );
    o.two_row = rng.chance(0.3);
    o.unit_col = st.unit_col;
    o.weight_col = rng.chance(0.3);
    o.merge_l2 = rng.chance(0.3);
    o.total_row = rng.chance(0.5);
    if rng.chance(0.5) {
        o.filler = Some(format!("填报单位（盖章）：{}", u.name));
    }
    o.note = match rng.int(0, 2) {
        0 => None,
        1 => Some("填表说明：指标值应具体量化；定性指标应描述清楚；本表金额单位为万元。".into()),
        _ => Some(format!(
            "填报人：{}    联系电话：0739-56{:05}",
            rng.pick(&["张敏", "李军", "王芳", "刘洋", "陈静", "杨帆", "赵磊"]),
            rng.int(10000, 99999)
        )),
    };
    o
}

/// Writes one unit's workbook: targets, budget, fund execution and indicator monitoring, and with
/// `selfeval` the year-end self-evaluation.
fn unit_book(
    u: &Unit,
    idx: usize,
    month: u32,
    seed: u64,
    selfeval: bool,
    out: &Path,
) -> Result<(usize, usize), Error> {
    let mut rng = Rng::new(seed).fork(idx as u64 + 1);
    let st = Style {
        unit_col: rng.chance(0.6),
        full_width: rng.range(0.0, 0.2),
    };
    let opts = targets_opts(u, &mut rng, st);
    let mut projects = unit_projects(u, st, &mut rng, (8, 12));
    let total = if rng.chance(0.5) { 90.0 } else { 100.0 };
    for p in &mut projects {
        if opts.weight_col {
            set_weights(p, total);
        }
        p.amount_text = rng.chance(0.05);
        if rng.chance(0.15) {
            let adjusted = (p.amount * rng.range(0.85, 1.2) * 100.0).round() / 100.0;
            p.budget = Some((p.amount, adjusted));
        }
    }
    let refs: Vec<&Project> = projects.iter().collect();
    let mut wb = write::new_workbook(&u.name)?;
    let f = Fmts::new();
    write::targets_sheet(&mut wb, &f, &opts, &refs)?;
    write::budget_sheet(
        &mut wb,
        &f,
        "预算",
        &format!("{}{YEAR}年度项目支出预算表", u.name),
        &refs,
        &|p: &Project| p.unit.clone(),
    )?;
    let mut exec = Vec::new();
    let mut mon = Vec::new();
    for p in &projects {
        let (e, m) = monitor(p, month, &mut rng);
        exec.push(e);
        mon.extend(m);
    }
    write::execution_sheet(
        &mut wb,
        &f,
        &format!("{}{YEAR}年1-{month}月项目预算执行情况表", u.name),
        month,
        &exec,
    )?;
    write::monitoring_sheet(
        &mut wb,
        &f,
        &format!("{}{YEAR}年1-{month}月项目支出绩效运行监控表", u.name),
        month,
        &mon,
    )?;
    if selfeval {
        // A stream of its own: the other sheets stay as they are without the flag.
        let mut srng = Rng::new(seed).fork(idx as u64 + 1).fork(0x5E1F_E7A1);
        let evals: Vec<EvalProject> = projects
            .iter()
            .map(|p| {
                let plan = random_plan(p, &mut srng);
                let budget = p.budget.map_or(p.amount, |b| b.1);
                year_end(p, &p.period, budget, &plan, &mut srng)
            })
            .collect();
        let county = if u.name.starts_with(COUNTY) {
            ""
        } else {
            COUNTY
        };
        write::selfeval_sheet(
            &mut wb,
            &f,
            &format!("{county}{}{YEAR}年度项目支出绩效自评表", u.name),
            None,
            &evals,
        )?;
    }
    wb.save(out.join(format!("{:03}_{}.xlsx", idx + 1, u.slug)))?;
    Ok((projects.len(), mon.len()))
}

pub fn run_units(
    out: &Path,
    n: usize,
    month: u32,
    seed: u64,
    selfeval: bool,
) -> Result<(usize, usize), Error> {
    std::fs::create_dir_all(out)?;
    let list = units(n);
    let workers = std::thread::available_parallelism()
        .map_or(2, |p| p.get())
        .clamp(1, 8);
    let results: Vec<Result<(usize, usize), Error>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let list = &list;
                s.spawn(move || {
                    let mut acc = (0, 0);
                    for (idx, u) in list.iter().enumerate().skip(w).step_by(workers) {
                        let (p, i) = unit_book(u, idx, month, seed, selfeval, out)?;
                        acc.0 += p;
                        acc.1 += i;
                    }
                    Ok(acc)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("worker panicked".into())))
            .collect()
    });
    let mut total = (0, 0);
    for r in results {
        let (p, i) = r?;
        total.0 += p;
        total.1 += i;
    }
    Ok(total)
}

const BIG_DEFECTS: &[&str] = &[
    "",
    "有所提高",
    "较好",
    "≥**人次",
    "XX",
    "进一步提升",
    "基本完成",
    "*",
];

/// One flat targets workbook with exactly `rows` indicator rows.
pub fn run_big(out: &Path, rows: usize, seed: u64) -> Result<(usize, usize), Error> {
    let mut rng = Rng::new(seed);
    let list = units(300);
    let mut projects: Vec<Project> = Vec::new();
    let mut left = rows;
    let mut k = 0;
    while left > 0 {
        let u = &list[k % list.len()];
        let st = Style {
            unit_col: true,
            full_width: 0.1,
        };
        let mut urng = rng.fork(k as u64);
        let abbr = if k >= list.len() {
            format!("{}{}", u.abbr, k / list.len())
        } else {
            u.abbr.clone()
        };
        let unit = Unit {
            name: u.name.clone(),
            slug: u.slug.clone(),
            abbr,
            pool: u.pool,
        };
        for mut p in unit_projects(&unit, st, &mut urng, (8, 12)) {
            if left == 0 {
                break;
            }
            p.inds.truncate(left);
            left -= p.inds.len();
            for ind in &mut p.inds {
                if rng.chance(0.03) {
                    let v = *rng.pick(BIG_DEFECTS);
                    ind.value = if v.is_empty() {
                        Val::Empty
                    } else {
                        Val::text(v)
                    };
                    ind.unit = None;
                }
            }
            projects.push(p);
        }
        k += 1;
    }
    let mut o = TargetsOpts::new(
        "绩效目标",
        format!("{COUNTY}{YEAR}年度项目支出绩效目标汇总表"),
    );
    o.total_row = true;
    o.note =
        Some("填表说明：本表由各预算单位填报的项目支出绩效目标汇总生成，金额单位为万元。".into());
    let refs: Vec<&Project> = projects.iter().collect();
    let mut wb = write::new_workbook("青山县财政局")?;
    let f = Fmts::new();
    write::targets_sheet(&mut wb, &f, &o, &refs)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    wb.save(out)?;
    Ok((projects.len(), rows))
}

/// A small flat targets workbook plus one stray cell at XFD1048576.
pub fn run_stray(out: &Path) -> Result<(usize, usize), Error> {
    let mut rng = Rng::new(7);
    let u = &units(1)[0];
    let st = Style {
        unit_col: true,
        full_width: 0.0,
    };
    let projects = unit_projects(u, st, &mut rng, (3, 3));
    let refs: Vec<&Project> = projects.iter().collect();
    let o = TargetsOpts::new(
        "绩效目标",
        format!("{}{YEAR}年度项目支出绩效目标表", u.name),
    );
    let mut wb = write::new_workbook("青山县财政局")?;
    let f = Fmts::new();
    write::targets_sheet(&mut wb, &f, &o, &refs)?;
    // Someone typed into the very last cell of the sheet (Ctrl+↓, Ctrl+→) and saved.
    wb.worksheet_from_name("绩效目标")?
        .write_string(1_048_575, 16_383, "1")?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    wb.save(out)?;
    Ok((projects.len(), projects.iter().map(|p| p.inds.len()).sum()))
}
