//! `county`: the bundled example county 青山县 — five targets workbooks, one budget workbook,
//! deliberate defects listed in DEFECTS.md.

use std::fmt::Write as _;
use std::path::Path;

use crate::catalog;
use crate::model::*;
use crate::rng::Rng;
use crate::write::{self, Fmts, Placed, TargetsOpts};

pub struct Entry {
    pub file: String,
    pub sheet: String,
    pub cell: String,
    pub code: &'static str,
    pub project: String,
    pub what: String,
}

fn find(name: &str) -> &'static ProjTpl {
    [
        catalog::EDU,
        catalog::HEALTH,
        catalog::AGRI,
        catalog::TOWN,
        catalog::CIVIL,
        catalog::INFRA,
        catalog::CULTURE,
        catalog::GENERAL,
    ]
    .iter()
    .flat_map(|c| c.iter())
    .find(|t| t.name == name)
    .unwrap_or_else(|| panic!("no template {name}"))
}

struct Dept {
    unit: &'static str,
    abbr: &'static str,
    st: Style,
    rng: Rng,
    projects: Vec<Project>,
}

impl Dept {
    fn new(unit: &'static str, abbr: &'static str, st: Style, seed: u64) -> Dept {
        Dept {
            unit,
            abbr,
            st,
            rng: Rng::new(seed),
            projects: Vec::new(),
        }
    }

    fn add(&mut self, name: &str) -> &mut Project {
        let code = format!("{YEAR}-{}-{:03}", self.abbr, self.projects.len() + 1);
        let p = project_from(find(name), self.unit, code, self.st, &mut self.rng);
        self.projects.push(p);
        self.projects.last_mut().unwrap()
    }
}

fn ind<'a>(p: &'a mut Project, name: &str) -> &'a mut Ind {
    let pname = p.name.clone();
    p.inds
        .iter_mut()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("{pname}: no indicator {name}"))
}

/// Writes a clean value in one of the forms domain.md lists, so that the example shows it; the
/// target becomes what the value says (the half year and the year end are measured against it).
fn showcase(p: &mut Project, name: &str, value: &str) {
    let i = ind(p, name);
    i.value = Val::text(value);
    i.unit = None;
    if let Some(t) = shown_target(value) {
        i.target = Some(t);
    }
}

/// The target a showcased value states: `12月底前`, `第三季度`, `≥95%`, `95%以上`, `不低于90%`,
/// `＞＝98％`, `1.2万人次`, `1,200人次`, `30天以内`, `≤2小时`.
fn shown_target(value: &str) -> Option<Target> {
    let v: String = value
        .chars()
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    if let Some(m) = v.strip_suffix("月底前").and_then(|m| m.parse::<u32>().ok()) {
        return Some(Target::By(m, month_end(m)));
    }
    if let Some(q) = v.strip_prefix('第').and_then(|q| q.strip_suffix("季度")) {
        let q = ["一", "二", "三", "四"].iter().position(|c| *c == q)? as u32 + 1;
        return Some(Target::Quarter(q));
    }
    let start = v.find(|c: char| c.is_ascii_digit())?;
    let len = v[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(v.len() - start);
    let (prefix, number, suffix) = (&v[..start], &v[start..start + len], &v[start + len..]);
    let mut x: f64 = number.replace(',', "").parse().ok()?;
    let mut unit = suffix;
    if let Some(rest) = unit.strip_prefix('万') {
        x *= 10_000.0;
        unit = rest;
    }
    let le = prefix.contains('≤') || prefix.contains("<=") || unit.ends_with("以内");
    let ge = prefix.contains('≥')
        || prefix.contains(">=")
        || prefix.contains("不低于")
        || unit.ends_with("以上");
    let unit = unit
        .trim_end_matches("以内")
        .trim_end_matches("以上")
        .to_string();
    Some(if le {
        Target::Le(x, unit)
    } else if ge {
        Target::Ge(x, unit)
    } else {
        Target::Count(x, unit)
    })
}

/// Like [`showcase`], renaming the indicator to fit the value.
fn showcase_as(p: &mut Project, name: &str, new_name: &str, value: &str) {
    showcase(p, name, value);
    ind(p, name).name = new_name.into();
}

/// Replaces an indicator's value with a defective one and records why.
fn spoil(p: &mut Project, name: &str, value: Val, code: &'static str, what: &str) {
    let i = ind(p, name);
    i.value = value;
    i.unit = None;
    i.defects.push(Defect {
        code,
        spot: Spot::Value,
        what: what.into(),
    });
}

pub fn cell(col: u16, row: u32) -> String {
    let mut name = String::new();
    let mut c = col as u32 + 1;
    while c > 0 {
        name.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// Records the defects of the projects written to one targets sheet.
fn collect(
    entries: &mut Vec<Entry>,
    file: &str,
    sheet: &str,
    placed: &Placed,
    projects: &[&Project],
) {
    let cols = placed.cols.expect("targets sheet");
    let written: Vec<&&Project> = projects
        .iter()
        .filter(|p| p.has_targets && !p.inds.is_empty())
        .collect();
    for (p, (first, rows)) in written.iter().zip(&placed.projects) {
        let spot_cell = |spot: Spot, row: u32| match spot {
            Spot::Value => cell(cols.value, row),
            Spot::Name => cell(cols.l3, row),
            Spot::Level2 => cell(cols.l2, row),
            Spot::Weight => {
                let c = cols.weight.unwrap_or(cols.value);
                format!(
                    "{}:{}",
                    cell(c, *first),
                    cell(c, *rows.last().unwrap_or(first))
                )
            }
            Spot::Amount => cell(cols.amount, *first),
            Spot::Project => cell(cols.project, *first),
        };
        for d in &p.defects {
            entries.push(Entry {
                file: file.into(),
                sheet: sheet.into(),
                cell: spot_cell(d.spot, *first),
                code: d.code,
                project: format!("{} {}", p.code, p.name),
                what: d.what.clone(),
            });
        }
        for (ind, row) in p.inds.iter().zip(rows) {
            for d in &ind.defects {
                entries.push(Entry {
                    file: file.into(),
                    sheet: sheet.into(),
                    cell: spot_cell(d.spot, *row),
                    code: d.code,
                    project: format!("{} {}", p.code, p.name),
                    what: d.what.clone(),
                });
            }
        }
    }
}

fn departments() -> Vec<Dept> {
    // 县教育局: one-row header with 计量单位, 合计 row, 填表说明.
    let mut jy = Dept::new(
        "青山县教育局",
        "JY",
        Style {
            unit_col: true,
            full_width: 0.1,
        },
        101,
    );
    jy.add("义务教育学生营养改善计划");
    let p = jy.add("学前教育幼儿资助");
    showcase(p, "资助资金发放时间", "12月底前");
    jy.add("中小学校舍维修改造");
    let p = jy.add("乡村教师生活补助");
    p.inds.retain(|i| i.l2 != SX);
    p.defects.push(Defect {
        code: "T002",
        spot: Spot::Project,
        what: "no 时效指标 row at all (数量, 质量, 成本, 效益 and 满意度 rows are there)".into(),
    });
    let p = jy.add("中小学教师培训");
    spoil(
        p,
        "培训考核合格率",
        Val::text("较好"),
        "V002",
        "quality target `较好`: not quantified (no number, date or deadline)",
    );
    ind(p, "培训考核合格率").defects.push(Defect {
        code: "V004",
        spot: Spot::Value,
        what: "vague word `较好`".into(),
    });
    spoil(
        p,
        "教师教育教学能力",
        Val::text("有所提高"),
        "V004",
        "effect target `有所提高`: vague wording (qualitative effect targets are allowed, V003 info, but this one is vague)",
    );
    let p = jy.add("校园安全设施建设");
    showcase(p, "监控系统联网率", "≥95%");
    let p = jy.add("青少年校外活动中心运行");
    showcase(p, "参加活动学生人次", "1.2万人次");
    showcase(p, "暑期活动开展时间", "第三季度");
    p.budget = None;
    p.defects.push(Defect { code: "B002", spot: Spot::Project, what: "targets for a project that has no line in budget_2024.xlsx (the centre is paid from the 2023 carry-over and was left out of the budget)".into() });
    jy.add("普通高中学生国家助学金");

    // 县卫生健康局: two-row header (绩效指标 over sub-columns), 计量单位 and 分值 (90 per project).
    let mut wj = Dept::new(
        "青山县卫生健康局",
        "WJ",
        Style {
            unit_col: true,
            full_width: 0.0,
        },
        202,
    );
    let p = wj.add("基本公共卫生服务");
    showcase(p, "适龄儿童国家免疫规划疫苗接种率", "不低于90%");
    let p = wj.add("家庭医生签约服务");
    showcase(p, "签约居民履约率", "95%以上");
    showcase_as(
        p,
        "签约服务费结算时间",
        "签约服务费季度结算时限",
        "30天以内",
    );
    let p = wj.add("村卫生室标准化建设");
    spoil(
        p,
        "村民满意度",
        Val::text("≥105%"),
        "V006",
        "satisfaction target `≥105%`: a rate above 100 % is impossible",
    );
    wj.add("计划生育家庭特别扶助");
    let p = wj.add("乡镇卫生院医疗设备购置");
    spoil(
        p,
        "单台设备平均采购成本",
        Val::text("≥10万元"),
        "V010",
        "cost indicator written `≥10万元` (higher is better) — a cost should be `≤`",
    );
    p.amount = 186.5;
    p.budget = Some((150.0, 150.0));
    p.defects.push(Defect { code: "B001", spot: Spot::Amount, what: "项目资金 186.50 万元 on the targets sheet, but the budget line (budget_2024.xlsx) says 150.00 万元".into() });
    wj.add("卫生应急物资储备");
    for p in &mut wj.projects {
        set_weights(p, 90.0);
    }
    let p = &mut wj.projects[2];
    if let Some(w) = p.inds[0].weight.as_mut() {
        *w += 5.0;
    }
    p.defects.push(Defect { code: "W001", spot: Spot::Weight, what: "分值 add up to 95 (neither 100 nor 90): the first quantity indicator was given 5 points too many".into() });

    // 县农业农村局: one-row header, numbers typed into number cells with the unit in 计量单位.
    let mut ny = Dept::new(
        "青山县农业农村局",
        "NY",
        Style {
            unit_col: true,
            full_width: 0.15,
        },
        303,
    );
    ny.add("高标准农田建设");
    let p = ny.add("耕地地力保护补贴");
    showcase_as(p, "补贴资金兑付时间", "面积核实后补贴资金兑付时限", "≤30天");
    let p = ny.add("农作物病虫害统防统治");
    showcase(p, "开展技术培训人次", "1,200人次");
    showcase(p, "重大病虫害发生后处置时间", "3天以内");
    let p = ny.add("动物疫病强制免疫");
    let dup = p.inds[0].clone();
    p.inds.insert(
        3,
        Ind {
            defects: vec![Defect {
                code: "T004",
                spot: Spot::Name,
                what: format!(
                    "indicator `{}` appears twice in the project (copied row)",
                    dup.name
                ),
            }],
            ..dup
        },
    );
    spoil(
        p,
        "培训村级防疫员人次",
        Val::text("≥**人次"),
        "V009",
        "unfilled template placeholder `≥**人次`",
    );
    spoil(
        p,
        "免疫抗体合格率",
        Val::text("XX"),
        "V009",
        "unfilled template placeholder `XX`",
    );
    spoil(
        p,
        "秋季集中免疫完成时间",
        Val::text("2023年12月31日前"),
        "V008",
        "deadline `2023年12月31日前` lies outside the budget year 2024 (copied from last year's form)",
    );
    ny.add("农民专业合作社培育");
    let p = ny.add("农村人居环境整治");
    p.has_targets = false;
    p.defects.push(Defect { code: "T001", spot: Spot::Project, what: "budget line 2024-NY-006 农村人居环境整治 but no performance targets anywhere (未设定绩效目标，不得安排预算)".into() });
    let p = ny.add("种业振兴行动");
    showcase(p, "种子质量抽检合格率", "＞＝98％");

    // 青石镇: one-row header, 计量单位 and 分值 (100 per project), 合计 row.
    let mut qs = Dept::new(
        "青石镇人民政府",
        "QS",
        Style {
            unit_col: true,
            full_width: 0.1,
        },
        404,
    );
    qs.add("镇村道路养护");
    let p = qs.add("农村饮水安全维护");
    p.inds.retain(|i| i.l1() == "产出指标");
    p.defects.push(Defect {
        code: "T002",
        spot: Spot::Project,
        what: "no effect dimension: neither 效益指标 nor 满意度指标 rows (only 产出指标)".into(),
    });
    let p = qs.add("集镇环境卫生整治");
    let i = ind(p, "配置垃圾分类收集箱");
    i.l2 = "其他指标".into();
    i.defects.push(Defect {
        code: "T005",
        spot: Spot::Level2,
        what: "二级指标 `其他指标` maps to no dimension".into(),
    });
    spoil(
        p,
        "集镇道路保洁达标率",
        Val::Empty,
        "V001",
        "指标值 left empty",
    );
    qs.add("村级活动场所维修");
    let p = qs.add("防汛抗旱应急");
    showcase(p, "险情应急响应时间", "≤2小时");
    showcase(p, "汛前准备工作完成时间", "4月底前");
    for p in &mut qs.projects {
        set_weights(p, 100.0);
    }

    // 白云乡: title `（2024年度）` on its own line, spaced header `项　目　名　称`, no 计量单位 column,
    // amounts typed as text.
    let mut by = Dept::new(
        "白云乡人民政府",
        "BY",
        Style {
            unit_col: false,
            full_width: 0.2,
        },
        505,
    );
    let p = by.add("乡村振兴示范村建设");
    p.amount = 324.0;
    p.budget = Some((324.0, 324.0));
    p.amount_text = true;
    spoil(
        p,
        "农户参与率",
        Val::text("95"),
        "V005",
        "`95` typed as text with no unit, and the sheet has no 计量单位 column",
    );
    let p = by.add("森林防火");
    p.amount_text = true;
    spoil(
        p,
        "森林覆盖率",
        Val::text("进一步改善"),
        "V004",
        "effect target `进一步改善`: vague wording",
    );
    spoil(
        p,
        "火情处置率",
        Val::text("力争100%"),
        "V004",
        "quality target `力争100%`: vague wording (`力争`)",
    );
    by.add("特色产业发展扶持");
    by.add("农村公路安保工程");
    by.add("乡村公益性岗位");

    vec![jy, wj, ny, qs, by]
}

struct Book {
    file: &'static str,
    opts: TargetsOpts,
}

fn books() -> Vec<Book> {
    let title = |u: &str| format!("{u}{YEAR}年度项目支出绩效目标表");
    let mut jy = TargetsOpts::new("绩效目标", title("青山县教育局"));
    jy.filler = Some("填报单位（盖章）：青山县教育局".into());
    jy.total_row = true;
    jy.note = Some("填表说明：1.绩效指标按产出、效益、满意度三类填报，产出指标应包含数量、质量、时效指标；2.指标值应具体量化，并在“计量单位”列注明单位；3.本表金额单位为万元。".into());
    let mut wj = TargetsOpts::new("绩效目标", title("青山县卫生健康局"));
    wj.filler = Some("填报单位（盖章）：青山县卫生健康局".into());
    wj.two_row = true;
    wj.weight_col = true;
    wj.merge_l2 = true;
    wj.note = Some("填报人：刘晓燕        联系电话：0739-5821346        审核人：陈建国".into());
    let mut ny = TargetsOpts::new("绩效目标", title("青山县农业农村局"));
    ny.filler = Some("填报单位（盖章）：青山县农业农村局".into());
    ny.note = Some(
        "填表说明：项目资金为2024年年初预算安排数；指标值为数值的，计量单位在“计量单位”列填写。"
            .into(),
    );
    let mut qs = TargetsOpts::new("绩效目标", title("青石镇"));
    qs.weight_col = true;
    qs.total_row = true;
    qs.note = Some("填报人：王红梅    联系电话：0739-5612208".into());
    let mut by = TargetsOpts::new("绩效目标", "白云乡项目支出绩效目标表".into());
    by.titles.push(format!("（{YEAR}年度）"));
    by.filler = Some("填报单位：白云乡人民政府".into());
    by.unit_col = false;
    by.project_header = "项　目　名　称".into();
    by.note = Some("填报人：李志强　联系电话：0739-5633017　填报日期：2024年1月15日".into());
    vec![
        Book {
            file: "targets_jiaoyuju.xlsx",
            opts: jy,
        },
        Book {
            file: "targets_weijianju.xlsx",
            opts: wj,
        },
        Book {
            file: "targets_nongyenongcunju.xlsx",
            opts: ny,
        },
        Book {
            file: "targets_qingshizhen.xlsx",
            opts: qs,
        },
        Book {
            file: "targets_baiyunxiang.xlsx",
            opts: by,
        },
    ]
}

fn unit_code(unit: &str) -> &'static str {
    match unit {
        "青山县教育局" => "201001",
        "青山县卫生健康局" => "202001",
        "青山县农业农村局" => "203001",
        "青石镇人民政府" => "301001",
        _ => "302001",
    }
}

pub fn run(out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(out)?;
    let depts = departments();
    let mut entries = Vec::new();
    let mut summary = Vec::new();
    for (d, b) in depts.iter().zip(books()) {
        let mut wb = write::new_workbook(d.unit)?;
        let f = Fmts::new();
        let projects: Vec<&Project> = d.projects.iter().collect();
        let placed = write::targets_sheet(&mut wb, &f, &b.opts, &projects)?;
        if b.file == "targets_jiaoyuju.xlsx" {
            wb.add_worksheet().set_name("Sheet2")?; // the empty sheet WPS leaves behind
        }
        wb.save(out.join(b.file))?;
        collect(&mut entries, b.file, &b.opts.sheet, &placed, &projects);
        if b.file == "targets_baiyunxiang.xlsx" {
            entries.push(Entry {
                file: b.file.into(),
                sheet: b.opts.sheet.clone(),
                cell: format!("A2, {}", cell(3, placed.header_row)),
                code: "—",
                project: "(sheet)".into(),
                what: "not a defect, a reading hazard: the year stands alone in the second title line `（2024年度）`, the project header is typed with full-width spaces `项　目　名　称`, there is no 计量单位 column, and 项目资金 of the first two projects is text (`324.00`)".into(),
            });
        }
        let n_ind: usize = d
            .projects
            .iter()
            .filter(|p| p.has_targets)
            .map(|p| p.inds.len())
            .sum();
        summary.push((
            b.file,
            d.unit,
            d.projects.iter().filter(|p| p.has_targets).count(),
            n_ind,
        ));
    }
    // The county's budget lines, all units in one sheet.
    let all: Vec<&Project> = depts.iter().flat_map(|d| d.projects.iter()).collect();
    let mut wb = write::new_workbook("青山县财政局")?;
    let f = Fmts::new();
    let label = |p: &Project| format!("[{}]{}", unit_code(&p.unit), p.unit);
    let rows = write::budget_sheet(
        &mut wb,
        &f,
        "预算",
        &format!("{COUNTY}{YEAR}年度部门项目支出预算表"),
        &all,
        &label,
    )?;
    wb.save(out.join("budget_2024.xlsx"))?;
    let with_budget: Vec<&&Project> = all.iter().filter(|p| p.budget.is_some()).collect();
    for (p, r) in with_budget.iter().zip(&rows) {
        for d in p.defects.iter().filter(|d| d.code == "T001") {
            entries.push(Entry {
                file: "budget_2024.xlsx".into(),
                sheet: "预算".into(),
                cell: cell(3, *r),
                code: d.code,
                project: format!("{} {}", p.code, p.name),
                what: d.what.clone(),
            });
        }
        if p.defects.iter().any(|d| d.code == "B001") {
            entries.push(Entry {
                file: "budget_2024.xlsx".into(),
                sheet: "预算".into(),
                cell: format!("{}:{}", cell(7, *r), cell(8, *r)),
                code: "B001",
                project: format!("{} {}", p.code, p.name),
                what: "the budget side of the B001 mismatch: 年初预算数 = 调整预算数 = 150.00 万元"
                    .into(),
            });
        }
    }
    let year = crate::county_year::run(out, &all)?;
    let mut md = defects_md(&entries, &summary, &all, rows.len(), &year.table_rows);
    md.push_str(&year.sections);
    md.push_str(&crate::county_extra::run(out)?);
    std::fs::write(out.join("DEFECTS.md"), md)?;
    println!(
        "wrote {} workbooks and DEFECTS.md to {}",
        summary.len() + 7,
        out.display()
    );
    Ok(())
}

fn defects_md(
    entries: &[Entry],
    summary: &[(&str, &str, usize, usize)],
    all: &[&Project],
    lines: usize,
    year_rows: &str,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# The example county 青山县: deliberate defects\n");
    let _ = writeln!(
        s,
        "Written by `cargo run --release --example gen_county -- county examples/county` (deterministic: the same \
         command always writes the same bytes). Budget year {YEAR}, money in 万元. Every workbook has a merged title, \
         a `单位：万元` line, project cells (序号, 单位名称, 项目编码, 项目名称, 项目资金) merged down over the \
         project's indicator rows and 一级指标 merged over its rows.\n"
    );
    let _ = writeln!(
        s,
        "| file | unit | projects | indicators | layout |\n|---|---|---|---|---|"
    );
    let layouts = [
        "one-row header with 计量单位; `合计` row; `填表说明：…` note; an empty `Sheet2`",
        "two-row header (`绩效指标` merged over 一级/二级/三级/指标值/计量单位), 分值 (90 per project), 二级指标 merged too; `填报人：…` note",
        "one-row header; counts typed as number cells with the unit in 计量单位, some as text `1200.00`",
        "one-row header with 计量单位 and 分值 (100 per project); `合计` row",
        "title `白云乡项目支出绩效目标表` + `（2024年度）`; header `项　目　名　称`; no 计量单位; amounts as text",
    ];
    for ((file, unit, p, n), layout) in summary.iter().zip(layouts) {
        let _ = writeln!(s, "| {file} | {unit} | {p} | {n} | {layout} |");
    }
    let _ = writeln!(
        s,
        "| budget_2024.xlsx | all five | {lines} budget lines | — | sheet `预算`: `合计` first under the header, unit names with their code (`[201001]青山县教育局`), 年初预算数 = 调整预算数 |"
    );
    let _ = writeln!(s, "{year_rows}");
    let _ = writeln!(
        s,
        "## Defects\n\n`perf check examples/county/targets_*.xlsx examples/county/budget_2024.xlsx` is expected to report each coded row below at that \
         cell (except the `—` row, a reading hazard, and the budget-side B001 row, which shows the other end of the same finding), plus `V003` (info) on qualitative effect targets such \
         as `有效提升`, and nothing else: the projects with an error fail, all others pass. (Given all of \
         `examples/county/*.xlsx`, `check` also takes the lines of `execution_2024H1.xlsx` as budget lines, and \
         the carry-over line there answers the B002 of 2024-JY-007; `unit_targets_2024.xlsx` and the draft 2025 lines of \
         `assessment_2025.xlsx` then add the findings of their own sections below, and T001 for each 2025 line, which has no \
         2024 targets.)\n\n\
         | # | file | sheet | cell | code | project | what |\n|---|---|---|---|---|---|---|"
    );
    for (k, e) in entries.iter().enumerate() {
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
    let defective: Vec<String> = all
        .iter()
        .filter(|p| !p.defects.is_empty() || p.inds.iter().any(|i| !i.defects.is_empty()))
        .map(|p| p.code.clone())
        .collect();
    let clean: Vec<String> = all
        .iter()
        .filter(|p| !defective.contains(&p.code))
        .map(|p| format!("{} {}", p.code, p.name))
        .collect();
    let _ = writeln!(
        s,
        "\n## Clean projects\n\nThe other {} of {} projects carry no deliberate defect: every dimension is present, every value \
         quantified with its unit (effect indicators may be qualitative, such as `有效提升` or `全覆盖`: V003 info only), \
         weights add up, and the amount equals the budget line:\n",
        clean.len(),
        all.len()
    );
    for c in clean {
        let _ = writeln!(s, "- {c}");
    }
    s
}
