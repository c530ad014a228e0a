//! The example county's half year and year end, for the projects of `county.rs`:
//! `execution_2024H1.xlsx` (资金执行), `monitoring_2024H1.xlsx` (指标监控) and `selfeval_2024.xlsx`
//! (绩效自评), each with deliberate defects, listed for DEFECTS.md. Most projects stay clean.

use std::fmt::Write as _;
use std::path::Path;

use crate::county::{Entry, cell};
use crate::model::*;
use crate::rng::Rng;
use crate::selfeval::{EvalProject, IndPlan, Out, Plan, Stated, year_end};
use crate::units::on_track;
use crate::write::{self, ExecLine, Fmts, MonLine, se_col, target_val};

const MONTH: u32 = 6;
const EXEC_FILE: &str = "execution_2024H1.xlsx";
const MON_FILE: &str = "monitoring_2024H1.xlsx";
const EVAL_FILE: &str = "selfeval_2024.xlsx";

/// A target as the bureau's summary sheets write it once review has corrected it.
fn canonical(t: &Target) -> String {
    match t {
        Target::Ge(x, u) => format!("≥{}{u}", num(*x)),
        Target::Le(x, u) => format!("≤{}{u}", num(*x)),
        Target::Eq(x, u) => format!("={}{u}", num(*x)),
        Target::Count(x, u) => format!("{}{u}", num(*x)),
        Target::By(m, d) => format!("{YEAR}年{m}月{d}日前"),
        Target::Quarter(q) => format!(
            "第{}季度",
            ["一", "二", "三", "四"][(*q as usize).clamp(1, 4) - 1]
        ),
        Target::Qual(s) => s.clone(),
    }
}

/// A project as it stands after target review: spoiled values corrected, the copied row gone,
/// the stray 二级指标 put right. A project without targets keeps none.
fn reviewed(p: &Project) -> Project {
    let mut q = p.clone();
    q.inds
        .retain(|i| !i.defects.iter().any(|d| d.code == "T004"));
    for i in &mut q.inds {
        if i.defects.iter().any(|d| d.spot == Spot::Value)
            && let Some(t) = &i.target
        {
            i.value = Val::text(canonical(t));
            i.unit = None;
        }
        if i.l2 == "其他指标" {
            i.l2 = SL.into();
        }
        i.defects.clear();
    }
    q.defects.clear();
    if !q.has_targets {
        q.inds.clear();
    }
    q
}

fn budget_of(p: &Project) -> f64 {
    p.budget.map_or(p.amount, |b| b.1)
}

fn label(p: &Project) -> String {
    format!("{} {}", p.code, p.name)
}

fn ind_index(p: &Project, name: &str) -> usize {
    p.inds
        .iter()
        .position(|i| i.name == name)
        .unwrap_or_else(|| panic!("{}: no indicator {name}", p.code))
}

// ---------------------------------------------------------------------------------------------
// Half year: fund execution and indicator monitoring as of June.

/// A fund execution line written on purpose.
struct ExecFix {
    code: &'static str,
    rate: f64,
    reason: Option<&'static str>,
    /// Finding codes with what they show.
    expect: &'static [(&'static str, &'static str)],
}

const EXEC_FIXES: &[ExecFix] = &[
    ExecFix {
        code: "2024-JY-003",
        rate: 0.34,
        reason: Some("工程按进度结算，上半年以招标和施工准备为主，支出集中在下半年"),
        expect: &[(
            "M001",
            "yellow (warning): behind time progress, but the 偏差原因 is given",
        )],
    },
    ExecFix {
        code: "2024-NY-001",
        rate: 0.18,
        reason: Some("项目区土地平整受春耕影响推迟开工，工程款按进度结算，已督促施工单位加快实施"),
        expect: &[(
            "M001",
            "red (error): far behind time progress; the 偏差原因 is given",
        )],
    },
    ExecFix {
        code: "2024-QS-004",
        rate: 0.12,
        reason: None,
        expect: &[
            ("M001", "red (error): far behind time progress"),
            ("M003", "red execution and the 偏差原因 cell (H) left empty"),
        ],
    },
    ExecFix {
        code: "2024-WJ-002",
        rate: 0.36,
        reason: None,
        expect: &[
            ("M001", "yellow (warning): behind time progress"),
            (
                "M003",
                "yellow execution and the 偏差原因 cell (H) left empty",
            ),
        ],
    },
    ExecFix {
        code: "2024-WJ-006",
        rate: 1.1057,
        reason: Some("应对呼吸道传染病流行高峰紧急采购防护物资，已申请追加预算"),
        expect: &[(
            "M006",
            "executed above the full-year budget (an emergency purchase, the budget not yet adjusted)",
        )],
    },
];

/// Monitoring sheet columns.
const M_ACTUAL: u16 = 7;
const M_FORECAST: u16 = 8;
const M_REASON: u16 = 9;
const M_POSSIBILITY: u16 = 10;

/// An indicator monitoring line written on purpose.
struct MonFix {
    code: &'static str,
    ind: &'static str,
    /// The target as the sheet shows it (checked, so that a changed template is noticed).
    target: &'static str,
    actual: &'static str,
    forecast: &'static str,
    reason: Option<&'static str>,
    possibility: &'static str,
    expect: &'static [(&'static str, u16, &'static str)],
}

const MON_FIXES: &[MonFix] = &[
    MonFix {
        code: "2024-BY-004",
        ind: "安装波形护栏长度",
        target: "=23公里",
        actual: "7.5公里",
        forecast: "23公里",
        reason: Some("受雨季影响，护栏基础施工进度滞后，已督促施工单位增加作业班组"),
        possibility: "有可能",
        expect: &[(
            "M002",
            M_ACTUAL,
            "yellow (warning): 7.5 of the 11.5 公里 due by June (65.2 %); the reason is given",
        )],
    },
    MonFix {
        code: "2024-NY-005",
        ind: "扶持农民专业合作社数量",
        target: "23家",
        actual: "4家",
        forecast: "23家",
        reason: None,
        possibility: "有可能",
        expect: &[
            (
                "M002",
                M_ACTUAL,
                "red (error): 4 of the 11.5 家 due by June (34.8 %)",
            ),
            (
                "M003",
                M_REASON,
                "red indicator with the 偏差原因分析 cell empty",
            ),
        ],
    },
    MonFix {
        code: "2024-JY-005",
        ind: "培训教师人次",
        target: "2000人次",
        actual: "260人次",
        forecast: "1200人次",
        reason: Some("人员保障：省级骨干培训师资调整，集中培训推迟到暑期，全年任务难以完成"),
        possibility: "完全不可能",
        expect: &[
            (
                "M002",
                M_ACTUAL,
                "red (error): 260 of the 1,000 人次 due by June (26 %); the reason is given",
            ),
            (
                "M004",
                M_POSSIBILITY,
                "the unit marks 完全不可能 (its forecast 1200人次 is short of 2000人次 as well): propose suspending",
            ),
        ],
    },
    MonFix {
        code: "2024-BY-005",
        ind: "安置脱贫劳动力人数",
        target: "=140人",
        actual: "45人",
        forecast: "120人",
        reason: Some("部分脱贫劳动力外出务工，符合安置条件的人员少于年初预计"),
        possibility: "有可能",
        expect: &[
            (
                "M002",
                M_ACTUAL,
                "yellow (warning): 45 of the 70 人 due by June (64.3 %); the reason is given",
            ),
            (
                "M004",
                M_FORECAST,
                "the forecast 120人 falls short of the target =140人 (though the unit says 有可能)",
            ),
        ],
    },
    MonFix {
        code: "2024-NY-004",
        ind: "春季集中免疫完成时间",
        target: "2024年5月底前",
        actual: "未完成，尚有2个乡镇未完成免疫",
        forecast: "预计7月底完成",
        reason: Some("硬件条件保障：部分乡镇冷链设备故障，疫苗储运受阻"),
        possibility: "有可能",
        expect: &[(
            "M005",
            M_ACTUAL,
            "the deadline 2024年5月底前 has passed (as of 2024-06-30) and the unit reports 未完成; the reason is given",
        )],
    },
    MonFix {
        code: "2024-QS-001",
        ind: "修复破损路面面积",
        target: "6,900平方米",
        actual: "",
        forecast: "6900平方米",
        reason: None,
        possibility: "有可能",
        expect: &[(
            "M007",
            M_ACTUAL,
            "quantity indicator with its 1-6月 actual left empty",
        )],
    },
    MonFix {
        code: "2024-NY-003",
        ind: "开展技术培训人次",
        target: "1,200人次",
        actual: "1050人次",
        forecast: "1500人次",
        reason: None,
        possibility: "确定能",
        expect: &[(
            "M009",
            M_ACTUAL,
            "info: 1050 against the 600 人次 due by June (175 %), far ahead — the target may have been set too low",
        )],
    },
];

/// Writes the half-year workbooks; returns the listed defects and the execution table for DEFECTS.md.
fn half_year(
    out: &Path,
    all: &[Project],
) -> Result<(Vec<Entry>, String), Box<dyn std::error::Error>> {
    let tp = f64::from(MONTH) / 12.0;
    let mut exec = Vec::new();
    let mut mon = Vec::new();
    // The planned monitoring lines by line index, and the small counts with no green whole number.
    let mut placed: Vec<(&MonFix, usize)> = Vec::new();
    let mut over: Vec<(usize, String)> = Vec::new();
    for (k, p) in all.iter().enumerate() {
        let mut rng = Rng::new(6000 + k as u64);
        let budget = budget_of(p);
        let fix = EXEC_FIXES.iter().find(|f| f.code == p.code);
        let rate = fix.map_or_else(|| rng.range(0.42, 0.58), |f| f.rate);
        exec.push(ExecLine {
            project: p,
            executed: (budget * rate * 100.0).round() / 100.0,
            reason: fix.and_then(|f| f.reason).map(String::from),
        });
        for (i, ind) in p.inds.iter().enumerate() {
            let fix = MON_FIXES
                .iter()
                .find(|f| f.code == p.code && f.ind == ind.name);
            let (mut actual, forecast, light) = on_track(ind, MONTH, &mut rng);
            if let Some(Target::Count(x, u) | Target::Ge(x, u)) = &ind.target
                && fix.is_none()
                && ind.l2 == SL
                && matches!(light, "over" | "yellow" | "red")
            {
                // A small count pro-rated: 1.5 of 3 due by June, so 1 is yellow and 2 "over";
                // the unit reports the 2 it has done.
                let due = x * tp;
                let done = due.ceil();
                actual = Val::text(format!("{}{u}", num(done)));
                over.push((
                    mon.len(),
                    format!(
                        "`{}` (target `{}`): info, not a defect: {} done by June against {} due ({:.0} %): a small count pro-rated has no whole number in the green band (80–120 %), so {} would be yellow and {} is 超额",
                        ind.name,
                        match target_val(ind) {
                            Val::Text(t) => t,
                            _ => String::new(),
                        },
                        num(done),
                        num(due),
                        done / due * 100.0,
                        num(due.floor()),
                        num(done)
                    ),
                ));
            }
            let mut line = MonLine {
                project: p,
                ind: i,
                actual,
                forecast,
                reason: None,
                possibility: "确定能",
            };
            if let Some(f) = fix {
                assert_eq!(
                    target_val(ind),
                    Val::text(f.target),
                    "{} {}: the template changed",
                    f.code,
                    f.ind
                );
                line.actual = if f.actual.is_empty() {
                    Val::Empty
                } else {
                    Val::text(f.actual)
                };
                line.forecast = Val::text(f.forecast);
                line.reason = f.reason.map(String::from);
                line.possibility = f.possibility;
                placed.push((f, mon.len()));
            } else if matches!(line.actual, Val::Text(ref t) if NOT_YET_WORDS.contains(&t.as_str()))
                || matches!(ind.target, Some(Target::By(..) | Target::Quarter(_)))
                    && ind.target.as_ref().and_then(Target::due_month) > Some(MONTH)
            {
                line.possibility = "有可能";
            }
            mon.push(line);
        }
    }
    assert_eq!(
        placed.len(),
        MON_FIXES.len(),
        "a planned monitoring line was not placed"
    );

    let f = Fmts::new();
    let mut wb = write::new_workbook("青山县财政局")?;
    let exec_rows = write::execution_sheet(
        &mut wb,
        &f,
        &format!("{COUNTY}{YEAR}年1-{MONTH}月项目预算执行情况表"),
        MONTH,
        &exec,
    )?;
    wb.save(out.join(EXEC_FILE))?;
    let mut wb = write::new_workbook("青山县财政局")?;
    let mon_rows = write::monitoring_sheet(
        &mut wb,
        &f,
        &format!("{COUNTY}{YEAR}年1-{MONTH}月项目支出绩效运行监控表"),
        MONTH,
        &mon,
    )?;
    wb.save(out.join(MON_FILE))?;

    let mut entries = Vec::new();
    for (l, r) in exec.iter().zip(&exec_rows) {
        let Some(fix) = EXEC_FIXES.iter().find(|f| f.code == l.project.code) else {
            continue;
        };
        let budget = budget_of(l.project);
        let rate = l.executed / budget;
        for (code, what) in fix.expect {
            entries.push(Entry {
                file: EXEC_FILE.into(),
                sheet: "资金执行".into(),
                cell: cell(6, *r),
                code,
                project: label(l.project),
                what: format!(
                    "{what} — {} of {} 万元 executed ({:.1} %, time progress 50 %, pace {:.1} %)",
                    money(l.executed),
                    money(budget),
                    rate * 100.0,
                    rate / tp * 100.0
                ),
            });
        }
    }
    let mut lines: Vec<(usize, &'static str, u16, String)> = Vec::new();
    for (fix, k) in placed {
        for (code, col, what) in fix.expect {
            lines.push((
                k,
                code,
                *col,
                format!("`{}` (target `{}`): {what}", fix.ind, fix.target),
            ));
        }
    }
    for (k, what) in over {
        lines.push((k, "M009", M_ACTUAL, what));
    }
    lines.sort_by_key(|l| l.0);
    for (k, code, col, what) in lines {
        entries.push(Entry {
            file: MON_FILE.into(),
            sheet: "指标监控".into(),
            cell: cell(col, mon_rows[k]),
            code,
            project: label(mon[k].project),
            what,
        });
    }

    let mut table = String::new();
    let _ = writeln!(
        table,
        "| project | 调整预算数 | 1-6月执行数 | rate | pace | light |\n|---|---|---|---|---|---|"
    );
    for l in &exec {
        let budget = budget_of(l.project);
        let pace = l.executed / budget / tp;
        let light = if pace < 0.6 {
            "red"
        } else if pace < 0.8 {
            "yellow"
        } else {
            "green"
        };
        let _ = writeln!(
            table,
            "| {} | {} | {} | {:.1} % | {:.1} % | {light}{} |",
            label(l.project),
            money(budget),
            money(l.executed),
            l.executed / budget * 100.0,
            pace * 100.0,
            if l.executed > budget {
                ", above budget"
            } else {
                ""
            }
        );
    }
    Ok((entries, table))
}

/// What units write before the year end lets an effect be judged.
const NOT_YET_WORDS: &[&str] = &[
    "年底评估",
    "待年终评价",
    "尚未到评价期",
    "年底开展满意度调查",
];

fn money(x: f64) -> String {
    format!("{x:.2}")
}

// ---------------------------------------------------------------------------------------------
// Year end: the self-evaluation.

/// Where an E finding points.
#[derive(Clone, Copy, PartialEq, Debug)]
enum At {
    Total,
    Executed,
    Actual(usize),
    Reason(usize),
    Score(usize),
}

/// One project's year end written on purpose, and the notes for the findings it must give.
struct EvalFix {
    code: &'static str,
    rate: f64,
    inds: Vec<(&'static str, IndPlan)>,
    budget_full: bool,
    /// The grade the rule must give.
    grade: &'static str,
    /// (finding code, indicator or "" for the project, what it shows).
    notes: Vec<(&'static str, &'static str, &'static str)>,
}

fn short(s: f64) -> IndPlan {
    IndPlan::short(s)
}

fn stated(s: f64, st: Stated) -> IndPlan {
    IndPlan {
        stated: st,
        ..IndPlan::short(s)
    }
}

fn eval_fixes() -> Vec<EvalFix> {
    let missing = |st: Stated| IndPlan {
        out: Out::Missing,
        reason: true,
        stated: st,
    };
    let no_reason = |s: f64| IndPlan {
        reason: false,
        ..IndPlan::short(s)
    };
    vec![
        EvalFix {
            code: "2024-QS-004",
            rate: 0.38,
            inds: vec![
                ("维修村级活动场所数量", short(0.34)),
                ("维修面积", short(0.3)),
                ("维修工程验收合格率", short(0.4)),
                ("安全隐患整改率", short(0.3)),
                ("单个场所维修补助上限", short(0.8)),
                ("维修工程完工时间", short(0.0)),
                ("村级便民服务能力", short(0.3)),
                ("村民满意度", short(0.75)),
            ],
            budget_full: false,
            grade: "差",
            notes: vec![
                ("E001", "", "grade 差: propose a budget cut"),
                (
                    "E004",
                    "",
                    "差 and the project period ends in 2024: propose clearing it out (清退)",
                ),
                (
                    "E005",
                    "",
                    "budget execution below 90 % and no reason for it (the reasons written explain the indicators)",
                ),
            ],
        },
        EvalFix {
            code: "2024-BY-005",
            rate: 0.48,
            inds: vec![
                ("开发乡村公益性岗位数量", short(0.45)),
                ("安置脱贫劳动力人数", short(0.4)),
                ("岗位人员在岗率", short(0.8)),
                ("岗位补贴足额发放率", short(0.6)),
                ("岗位补贴按月发放时间", short(0.5)),
                ("岗位人员年均增收", short(0.45)),
                ("脱贫人口稳定就业", short(0.4)),
                ("岗位人员满意度", short(0.85)),
            ],
            budget_full: false,
            grade: "差",
            notes: vec![
                ("E001", "", "grade 差: propose a budget cut"),
                (
                    "E004",
                    "",
                    "差 and the project period ends in 2024: propose clearing it out (清退)",
                ),
                (
                    "E005",
                    "",
                    "budget execution below 90 % and no reason for it",
                ),
            ],
        },
        EvalFix {
            code: "2024-NY-005",
            rate: 0.41,
            inds: vec![
                ("扶持农民专业合作社数量", short(0.35)),
                ("培育省级示范社数量", short(0.34)),
                ("扶持项目验收合格率", short(0.7)),
                ("合作社规范化运营率", short(0.6)),
                ("扶持资金拨付时间", short(0.0)),
                ("带动社员户均增收", short(0.5)),
                ("带动农户户数", short(0.4)),
                ("合作社持续运营能力", short(0.4)),
                ("社员满意度", short(0.8)),
            ],
            budget_full: false,
            grade: "差",
            notes: vec![
                (
                    "E001",
                    "",
                    "grade 差 (the period runs to 2026, so no 清退): propose a budget cut",
                ),
                (
                    "E005",
                    "",
                    "budget execution below 90 % and no reason for it",
                ),
            ],
        },
        EvalFix {
            code: "2024-JY-005",
            rate: 0.92,
            inds: vec![
                ("培训教师人次", short(0.6)),
                ("开展培训班次", short(0.65)),
                ("年度培训计划完成时间", short(0.0)),
                ("教师教育教学能力", short(0.7)),
                ("培训成果转化应用率", short(0.8)),
            ],
            budget_full: false,
            grade: "中",
            notes: vec![],
        },
        EvalFix {
            code: "2024-NY-004",
            rate: 0.93,
            inds: vec![
                ("春季集中免疫完成时间", short(0.0)),
                ("家禽禽流感免疫羽数", short(0.6)),
                ("免疫抗体合格率", short(0.7)),
                ("应免畜禽免疫密度", short(0.95)),
                ("养殖户满意度", short(0.85)),
            ],
            budget_full: false,
            grade: "良",
            notes: vec![],
        },
        EvalFix {
            code: "2024-BY-001",
            rate: 0.95,
            inds: vec![
                ("建设示范村数量", short(0.67)),
                ("新建污水处理设施", short(0.67)),
                ("示范村建设完成时间", short(0.0)),
                ("村容村貌", short(0.7)),
                ("村集体经济年收入", short(0.8)),
            ],
            budget_full: false,
            grade: "中",
            notes: vec![],
        },
        EvalFix {
            code: "2024-WJ-003",
            rate: 0.97,
            inds: vec![
                ("标准化建设村卫生室数量", stated(0.87, Stated::Full)),
                ("建设任务完成时间", stated(0.0, Stated::Full)),
            ],
            budget_full: false,
            grade: "良",
            notes: vec![(
                "E003",
                "",
                "full points stated for 标准化建设村卫生室数量 (20 of 23 个) and for 建设任务完成时间 (not done)",
            )],
        },
        EvalFix {
            code: "2024-QS-001",
            rate: 0.93,
            inds: vec![
                ("养护农村公路里程", stated(0.9, Stated::Full)),
                ("农村公路优良中等路率", stated(0.92, Stated::Full)),
                ("沿线群众满意度", stated(0.9, Stated::Full)),
            ],
            budget_full: true,
            grade: "优",
            notes: vec![(
                "E003",
                "",
                "full points stated for three indicators short of target and the full 10 for an execution of 93 %",
            )],
        },
        EvalFix {
            code: "2024-WJ-004",
            rate: 1.0,
            inds: vec![("扶助对象满意度", missing(Stated::Full))],
            budget_full: false,
            grade: "良",
            notes: vec![
                (
                    "E003",
                    "",
                    "the 10 points of 扶助对象满意度 are stated though no actual is given",
                ),
                (
                    "E002",
                    "扶助对象满意度",
                    "no 实际完成值 (the survey was not done), yet 10 points stated",
                ),
            ],
        },
        EvalFix {
            code: "2024-JY-006",
            rate: 0.98,
            inds: vec![("新增校园视频监控点位", missing(Stated::Blank))],
            budget_full: false,
            grade: "良",
            notes: vec![(
                "E002",
                "新增校园视频监控点位",
                "实际完成值 and 得分 both left empty (the total leaves the points out, so the stated score is not overstated)",
            )],
        },
        EvalFix {
            code: "2024-NY-002",
            rate: 1.0,
            inds: vec![("补贴农户户数", no_reason(0.99))],
            budget_full: false,
            grade: "优",
            notes: vec![(
                "E005",
                "补贴农户户数",
                "short of its target and the 偏差原因分析及改进措施 cell is empty",
            )],
        },
        EvalFix {
            code: "2024-BY-004",
            rate: 0.95,
            inds: vec![("工程完工时间", no_reason(0.0))],
            budget_full: false,
            grade: "优",
            notes: vec![(
                "E005",
                "工程完工时间",
                "deadline not met (no points) and no reason given",
            )],
        },
        EvalFix {
            code: "2024-WJ-002",
            rate: 0.86,
            inds: vec![("家庭医生签约人数", short(0.95))],
            budget_full: false,
            grade: "优",
            notes: vec![(
                "E005",
                "",
                "budget execution 86 %, below 90 %, without a reason",
            )],
        },
        EvalFix {
            code: "2024-WJ-001",
            rate: 0.99,
            inds: vec![("城乡居民公共卫生差距", stated(0.7, Stated::Full))],
            budget_full: false,
            grade: "优",
            notes: vec![
                (
                    "E003",
                    "",
                    "the full 15 points stated for a qualitative indicator only partly reached (the band allows 12)",
                ),
                (
                    "E006",
                    "城乡居民公共卫生差距",
                    "band 部分达成年度指标并具有一定效果 (60–80 % of 15 points: 9–12) but 15 stated",
                ),
            ],
        },
        EvalFix {
            code: "2024-QS-003",
            rate: 0.96,
            inds: vec![("集镇人居环境", stated(0.7, Stated::Share(0.4)))],
            budget_full: false,
            grade: "优",
            notes: vec![(
                "E006",
                "集镇人居环境",
                "band 部分达成年度指标并具有一定效果 (60–80 % of 15 points: 9–12) but only 6 stated (perf holds it to 9, so the total is not overstated)",
            )],
        },
    ]
}

/// A clean year end: mostly 优, some 良, every shortfall explained, execution at least 93 %.
fn clean_plan(p: &Project, rng: &mut Rng) -> Plan {
    let rate = if rng.chance(0.4) {
        1.0
    } else {
        rng.range(0.93, 1.0)
    };
    let mut plan = Plan::clean(p, rate);
    let good = rng.chance(0.65);
    let n = if good { rng.int(0, 1) } else { rng.int(2, 3) } as usize;
    // Deadlines and qualitative bands fall short less often than figures.
    // Nor do "no accidents" targets (=0次).
    let mut cand: Vec<usize> = (0..p.inds.len())
        .filter(|&k| match &p.inds[k].target {
            Some(Target::Ge(x, _) | Target::Le(x, _) | Target::Eq(x, _) | Target::Count(x, _)) => {
                *x > 0.0
            }
            _ => false,
        })
        .collect();
    for _ in 0..n.min(cand.len()) {
        let k = cand.swap_remove(rng.int(0, cand.len() as i64 - 1) as usize);
        let s = if good {
            rng.range(0.85, 0.98)
        } else {
            rng.range(0.5, 0.85)
        };
        plan.inds[k] = IndPlan::short(s);
    }
    plan
}

/// The E findings `perf evaluate` should give for a project, as the rule sees the figures.
fn predicted(e: &EvalProject) -> Vec<(&'static str, At)> {
    let mut out = Vec::new();
    if e.grade() == "差" {
        out.push(("E001", At::Total));
        if e.expiring() {
            out.push(("E004", At::Total));
        }
    }
    if e.stated_total > e.score + 1.0 + 1e-9 {
        out.push(("E003", At::Total));
    }
    if e.rate() < 0.9 - 1e-12 {
        out.push(("E005", At::Executed));
    }
    for (k, l) in e.lines.iter().enumerate() {
        if matches!(l.actual, Val::Empty) {
            out.push(("E002", At::Actual(k)));
        } else if l.short && l.reason.is_none() {
            out.push(("E005", At::Reason(k)));
        }
        if l.outside_band {
            out.push(("E006", At::Score(k)));
        }
    }
    out
}

fn year_end_book(
    out: &Path,
    all: &[Project],
) -> Result<(Vec<Entry>, String), Box<dyn std::error::Error>> {
    let fixes = eval_fixes();
    let projects: Vec<&Project> = all.iter().filter(|p| !p.inds.is_empty()).collect();
    let mut evals = Vec::new();
    for (k, p) in projects.iter().enumerate() {
        let mut rng = Rng::new(12_000 + k as u64);
        let plan = match fixes.iter().find(|f| f.code == p.code) {
            Some(f) => {
                let mut plan = Plan::clean(p, f.rate);
                plan.budget_full = f.budget_full;
                for (name, ip) in &f.inds {
                    plan.inds[ind_index(p, name)] = *ip;
                }
                plan
            }
            None => clean_plan(p, &mut rng),
        };
        evals.push(year_end(p, &p.period, budget_of(p), &plan, &mut rng));
    }
    let wrong: Vec<String> = fixes
        .iter()
        .filter_map(|f| {
            let e = evals
                .iter()
                .find(|e| e.project.code == f.code)
                .unwrap_or_else(|| panic!("{} not evaluated", f.code));
            (e.grade() != f.grade).then(|| {
                format!(
                    "{} scores {:.2} ({}), meant {}",
                    f.code,
                    e.score,
                    e.grade(),
                    f.grade
                )
            })
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("; "));
    let f = Fmts::new();
    let mut wb = write::new_workbook("青山县财政局")?;
    let rows = write::selfeval_sheet(
        &mut wb,
        &f,
        &format!("{COUNTY}{YEAR}年度项目支出绩效自评汇总表"),
        Some(
            "填报说明：自评总分＝预算执行得分（满分10分，按全年执行数÷全年预算数计算）＋各项绩效指标得分（合计90分）；\
             90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差。",
        ),
        &evals,
    )?;
    wb.save(out.join(EVAL_FILE))?;

    let mut entries = Vec::new();
    for (e, rows) in evals.iter().zip(&rows) {
        let p = e.project;
        let fix = fixes.iter().find(|f| f.code == p.code);
        let notes = fix.map_or(&[][..], |f| &f.notes[..]);
        let found = predicted(e);
        for (code, at) in &found {
            let ind = match at {
                At::Actual(k) | At::Reason(k) | At::Score(k) => {
                    p.inds[e.lines[*k].ind].name.as_str()
                }
                _ => "",
            };
            let note = notes
                .iter()
                .find(|(c, i, _)| c == code && *i == ind)
                .unwrap_or_else(|| panic!("{}: unplanned {code} {ind}", p.code))
                .2;
            let (col, row) = match at {
                At::Total => (se_col::TOTAL, rows[0]),
                At::Executed => (se_col::EXECUTED, rows[0]),
                At::Actual(k) => (se_col::ACTUAL, rows[*k]),
                At::Reason(k) => (se_col::REASON, rows[*k]),
                At::Score(k) => (se_col::SCORE, rows[*k]),
            };
            let detail = match (*code, at) {
                ("E001" | "E004", _) => format!(
                    "recomputed {:.2} (stated {:.2}), period {}",
                    e.score, e.stated_total, e.period
                ),
                ("E003", _) => format!(
                    "自评总分 {:.2}, the rule gives {:.2} ({:.2} more)",
                    e.stated_total,
                    e.score,
                    e.stated_total - e.score
                ),
                ("E005", At::Executed) => format!(
                    "全年执行数 {} of {} 万元 ({:.1} %)",
                    money(e.executed),
                    money(e.budget),
                    e.rate() * 100.0
                ),
                (_, At::Actual(k) | At::Reason(k) | At::Score(k)) => {
                    let l = &e.lines[*k];
                    let t = match &l.target {
                        Val::Text(t) => t.clone(),
                        _ => String::new(),
                    };
                    let a = match &l.actual {
                        Val::Text(a) => format!("`{a}`"),
                        _ => "empty".into(),
                    };
                    format!(
                        "`{ind}`: target `{t}`, actual {a}, {} points, stated {}",
                        l.points,
                        l.stated.map_or("nothing".into(), |v| format!("{v}"))
                    )
                }
                _ => String::new(),
            };
            entries.push(Entry {
                file: EVAL_FILE.into(),
                sheet: "绩效自评".into(),
                cell: cell(col, row),
                code,
                project: label(p),
                what: format!("{note} — {detail}"),
            });
        }
        for (c, i, _) in notes {
            let hit = found.iter().any(|(code, at)| {
                code == c
                    && match at {
                        At::Actual(k) | At::Reason(k) | At::Score(k) => {
                            p.inds[e.lines[*k].ind].name == *i
                        }
                        _ => i.is_empty(),
                    }
            });
            assert!(
                hit,
                "{}: planned {c} {i} does not follow from the figures",
                p.code
            );
        }
    }

    let mut table = String::new();
    let _ = writeln!(
        table,
        "| project | 项目期 | execution | recomputed | stated 自评总分 | grade | findings |\n|---|---|---|---|---|---|---|"
    );
    let mut grades = std::collections::BTreeMap::new();
    for e in &evals {
        *grades.entry(e.grade()).or_insert(0) += 1;
        let codes: Vec<&str> = predicted(e).iter().map(|(c, _)| *c).collect();
        let _ = writeln!(
            table,
            "| {} | {}{} | {:.1} % | {:.2} | {:.2} | {} | {} |",
            label(e.project),
            e.period,
            if e.expiring() { " (expiring)" } else { "" },
            e.rate() * 100.0,
            e.score,
            e.stated_total,
            e.grade(),
            if codes.is_empty() {
                "—".into()
            } else {
                codes.join(", ")
            }
        );
    }
    let _ = writeln!(
        table,
        "\nGrades: {}.",
        ["优", "良", "中", "差"]
            .iter()
            .map(|g| format!("{g} {}", grades.get(g).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok((entries, table))
}

/// What DEFECTS.md says about the three workbooks.
pub struct Year {
    /// Rows for the table of files.
    pub table_rows: String,
    /// The sections listing their defects.
    pub sections: String,
}

/// Writes the three workbooks and returns what DEFECTS.md says about them.
pub fn run(out: &Path, all: &[&Project]) -> Result<Year, Box<dyn std::error::Error>> {
    let reviewed: Vec<Project> = all.iter().map(|p| reviewed(p)).collect();
    let (mon_entries, exec_table) = half_year(out, &reviewed)?;
    let (eval_entries, eval_table) = year_end_book(out, &reviewed)?;
    let mut s = String::new();
    let without: Vec<String> = reviewed
        .iter()
        .filter(|p| p.inds.is_empty())
        .map(label)
        .collect();
    let _ = writeln!(
        s,
        "\n## Half-year monitoring: {EXEC_FILE}, {MON_FILE}\n\n\
         The bureau's June round of 双监控 for the same projects. `{EXEC_FILE}` (sheet `资金执行`): one line per \
         budget line (and the carry-over-funded 2024-JY-007), 年初预算数, 调整预算数, `1-6月执行数`, 偏差原因, and a \
         `合计` row. `{MON_FILE}` (sheet `指标监控`): every indicator with 年度指标值 (as corrected at target \
         review: the spoiled values of the targets sheets are written properly here, the copied row is gone), \
         `1-6月指标完成情况`, 全年预计完成情况, 偏差原因分析 and 完成目标可能性; effect indicators mostly say \
         `年底评估` (not yet assessable). {} has no targets and so no monitoring lines. Time progress is 6/12 = 50 %.\n\n\
         `cargo run --release -- monitor examples/county/{EXEC_FILE} examples/county/{MON_FILE}` is expected to \
         report each row below at that cell and nothing else; every other project is green (or not yet assessable).\n\n\
         | # | file | sheet | cell | code | project | what |\n|---|---|---|---|---|---|---|",
        without.join(", ")
    );
    for (k, e) in mon_entries.iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            k + 1,
            e.file,
            e.sheet,
            e.cell,
            e.code,
            e.project,
            e.what
        );
    }
    let _ = writeln!(
        s,
        "\nBudget execution by project (红 below 60 % pace, 黄 60–80 %):\n\n{exec_table}"
    );
    let _ = writeln!(
        s,
        "## Year-end self-evaluation: {EVAL_FILE}\n\n\
         Sheet `绩效自评`, title `{COUNTY}{YEAR}年度项目支出绩效自评汇总表`, `单位：万元`; one indicator per row with \
         单位名称, 项目编码, 项目名称, 项目期, 全年预算数, 全年执行数 and 自评总分 merged down over the project's rows; \
         分值 add up to 90 per project (产出 50, 效益 30, 满意度 10; budget execution holds the other 10); 得分 is \
         what the unit stated; a `填报说明：…` line closes the table. Every project with targets is there ({} \
         projects). Scores follow domain.md §5: execution = min(全年执行数/全年预算数, 1) × 10; ≥ (or a bare number) \
         full when met, else points × actual/target; = full when hit, else the smaller over the larger; ≤ full when \
         met, else points × target/actual; a deadline full when done; a qualitative band the stated points held \
         inside 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %.\n\n\
         `cargo run --release -- evaluate examples/county/{EVAL_FILE}` is expected to report each row below at that \
         cell and nothing else.\n\n\
         | # | file | sheet | cell | code | project | what |\n|---|---|---|---|---|---|---|",
        reviewed.iter().filter(|p| !p.inds.is_empty()).count()
    );
    for (k, e) in eval_entries.iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            k + 1,
            e.file,
            e.sheet,
            e.cell,
            e.code,
            e.project,
            e.what
        );
    }
    let _ = writeln!(
        s,
        "\nScores by project (recomputed by the rule, full precision shown to two decimals):\n\n{eval_table}"
    );
    let with: Vec<&Project> = reviewed.iter().filter(|p| !p.inds.is_empty()).collect();
    let n_ind: usize = with.iter().map(|p| p.inds.len()).sum();
    let mut rows = String::new();
    let _ = writeln!(
        rows,
        "| {EXEC_FILE} | all five | {} lines | — | sheet `资金执行`: 年初预算数, 调整预算数, `1-6月执行数`, 偏差原因; `合计` row last |",
        reviewed.len()
    );
    let _ = writeln!(
        rows,
        "| {MON_FILE} | all five | {} | {n_ind} | sheet `指标监控`: `1-6月指标完成情况`, 全年预计完成情况, 偏差原因分析, 完成目标可能性 |",
        with.len()
    );
    let _ = writeln!(
        rows,
        "| {EVAL_FILE} | all five | {} | {n_ind} | sheet `绩效自评`: 实际完成值, 分值 (90 per project), 得分, 偏差原因分析及改进措施, 自评总分 merged down; `填报说明：…` line |",
        with.len()
    );
    Ok(Year {
        table_rows: rows,
        sections: s,
    })
}
