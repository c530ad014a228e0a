//! The example county's ex-ante assessments (`assessment_2025.xlsx`), publication record
//! (`publication_2024.xlsx`) and whole-unit targets (`unit_targets_2024.xlsx`), with the
//! DEFECTS.md section that lists what `perf` is expected to report on them.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use crate::write::{self, Fmts, Res};

/// A cell of these sheets: text, a number, or a date written as an Excel date cell.
enum C {
    T(&'static str),
    N(f64),
    D(u16, u8, u8),
    Blank,
}

fn title(ws: &mut Worksheet, f: &Fmts, text: &str, cols: u16) -> Res<()> {
    ws.merge_range(0, 0, 0, cols - 1, text, &f.title)?;
    ws.set_row_height(0, 30)?;
    Ok(())
}

fn head(ws: &mut Worksheet, f: &Fmts, row: u32, names: &[&str]) -> Res<()> {
    for (c, h) in names.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &f.head)?;
    }
    Ok(())
}

fn cells(ws: &mut Worksheet, f: &Fmts, date: &Format, row: u32, values: &[C]) -> Res<()> {
    for (c, v) in values.iter().enumerate() {
        let c = c as u16;
        match v {
            C::T(s) => ws.write_string_with_format(row, c, *s, &f.text)?,
            C::N(n) => ws.write_number_with_format(row, c, *n, &f.number)?,
            C::D(y, m, d) => {
                ws.write_datetime_with_format(row, c, ExcelDateTime::from_ymd(*y, *m, *d)?, date)?
            }
            C::Blank => ws.write_blank(row, c, &f.text)?,
        };
    }
    Ok(())
}

fn widths(ws: &mut Worksheet, w: &[f64]) -> Res<()> {
    for (c, x) in w.iter().enumerate() {
        ws.set_column_width(c as u16, *x)?;
    }
    Ok(())
}

fn assessment(out: &Path) -> Res<()> {
    let mut wb: Workbook = write::new_workbook("青山县财政局")?;
    let f = Fmts::new();
    let date = f.center.clone().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name("事前评估")?;
    let h = [
        "序号",
        "单位名称",
        "项目编码",
        "项目名称",
        "项目类型",
        "立项必要性",
        "投入经济性",
        "绩效目标合理性",
        "方案完整性",
        "计划可行性",
        "筹资合规性",
        "评估总分",
        "评估主体",
        "评估结论",
    ];
    title(
        ws,
        &f,
        "青山县2025年度新增项目事前绩效评估结果汇总表",
        h.len() as u16,
    )?;
    head(ws, &f, 1, &h)?;
    use C::*;
    let rows: [[C; 14]; 6] = [
        [
            N(1.0),
            T("青山县教育局"),
            T("2025-JY-101"),
            T("智慧课堂建设"),
            T("新增"),
            N(92.0),
            N(88.0),
            N(85.0),
            N(90.0),
            N(86.0),
            N(90.0),
            N(88.5),
            T("第三方机构"),
            T("予以支持"),
        ],
        [
            N(2.0),
            T("青山县卫生健康局"),
            T("2025-WJ-101"),
            T("村医能力提升培训"),
            T("新增"),
            N(85.0),
            N(75.0),
            N(70.0),
            N(80.0),
            N(78.0),
            N(80.0),
            N(78.0),
            T("本单位"),
            T("调整完善后予以支持"),
        ],
        [
            N(3.0),
            T("青山县农业农村局"),
            T("2025-NY-101"),
            T("高标准农田建设"),
            T("新增"),
            T("优"),
            T("良"),
            T("良"),
            T("中"),
            T("良"),
            T("优"),
            Blank,
            T("第三方机构"),
            Blank,
        ],
        [
            N(4.0),
            T("青石镇人民政府"),
            T("2025-QS-101"),
            T("集镇污水管网"),
            T("新增"),
            N(60.0),
            N(55.0),
            N(50.0),
            N(58.0),
            N(52.0),
            N(55.0),
            N(55.0),
            T("本单位"),
            T("予以支持"),
        ],
        [
            N(5.0),
            T("白云乡人民政府"),
            T("2025-BY-101"),
            T("乡村旅游步道"),
            T("新增"),
            N(45.0),
            N(40.0),
            N(50.0),
            N(42.0),
            N(38.0),
            N(45.0),
            N(43.33),
            T("第三方机构"),
            T("不予支持"),
        ],
        [
            N(6.0),
            T("青山县教育局"),
            T("2025-JY-102"),
            T("校园安保设施"),
            T("新增"),
            N(90.0),
            N(85.0),
            N(80.0),
            N(85.0),
            N(88.0),
            Blank,
            N(85.6),
            T("本单位"),
            T("调整完善后予以支持"),
        ],
    ];
    for (i, r) in rows.iter().enumerate() {
        cells(ws, &f, &date, i as u32 + 2, r)?;
    }
    widths(
        ws,
        &[
            5.0, 18.0, 13.0, 18.0, 8.0, 9.0, 9.0, 10.0, 9.0, 9.0, 9.0, 9.0, 11.0, 18.0,
        ],
    )?;
    ws.set_freeze_panes(2, 0)?;

    let ws = wb.add_worksheet();
    ws.set_name("新增项目预算")?;
    let h = ["单位名称", "项目编码", "项目名称", "项目类型", "年初预算数"];
    title(
        ws,
        &f,
        "青山县2025年度项目支出预算安排表（草案）",
        h.len() as u16,
    )?;
    ws.merge_range(1, 0, 1, 4, "单位：万元", &f.unit_line)?;
    head(ws, &f, 2, &h)?;
    let budget: [[C; 5]; 6] = [
        [
            T("青山县教育局"),
            T("2025-JY-101"),
            T("智慧课堂建设"),
            T("新增"),
            N(320.0),
        ],
        [
            T("青山县卫生健康局"),
            T("2025-WJ-101"),
            T("村医能力提升培训"),
            T("新增"),
            N(45.0),
        ],
        [
            T("青山县农业农村局"),
            T("2025-NY-101"),
            T("高标准农田建设"),
            T("新增"),
            N(1200.0),
        ],
        [
            T("白云乡人民政府"),
            T("2025-BY-101"),
            T("乡村旅游步道"),
            T("新增"),
            N(80.0),
        ],
        [
            T("青山县农业农村局"),
            T("2025-NY-102"),
            T("农村电商服务站"),
            T("新增"),
            N(60.0),
        ],
        [
            T("青山县教育局"),
            T("2023-JY-009"),
            T("乡村学校少年宫运转"),
            T("延续"),
            N(60.0),
        ],
    ];
    for (i, r) in budget.iter().enumerate() {
        cells(ws, &f, &date, i as u32 + 3, r)?;
    }
    widths(ws, &[18.0, 13.0, 18.0, 8.0, 12.0])?;
    form_sheet(&mut wb, &f)?;
    wb.save(out.join("assessment_2025.xlsx"))
}

/// One project's official 评分表: the project above, one aspect per row with its points.
fn form_sheet(wb: &mut Workbook, f: &Fmts) -> Res<()> {
    let ws = wb.add_worksheet();
    ws.set_name("评分表-卫生信息化")?;
    title(ws, f, "青山县2025年度新增项目事前绩效评估评分表", 4)?;
    let block = [
        ("项目名称", "基层医疗卫生机构信息化建设"),
        ("主管部门", "青山县卫生健康局"),
        ("项目编码", "2025-WJ-102"),
        ("项目类型", "新增"),
    ];
    for (i, (label, value)) in block.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, *label, &f.head)?;
        ws.merge_range(r, 1, r, 3, value, &f.text)?;
    }
    head(ws, f, 5, &["评估内容", "评估要点", "分值", "得分"])?;
    let rows = [
        (
            "一、立项必要性",
            "政策依据充分，群众就医需求迫切",
            20.0,
            18.0,
        ),
        ("二、投入经济性", "设备与软件按市场询价测算", 15.0, 12.0),
        ("三、绩效目标合理性", "目标明确、细化量化", 20.0, 16.0),
        ("四、方案完整性", "实施方案与运维安排齐全", 20.0, 17.0),
        ("五、计划可行性", "分两批实施，进度可行", 15.0, 11.0),
        ("六、筹资合规性", "县级财政资金，来源合规", 10.0, 9.0),
    ];
    for (i, (item, point, max, score)) in rows.iter().enumerate() {
        let r = i as u32 + 6;
        ws.write_string_with_format(r, 0, *item, &f.text)?;
        ws.write_string_with_format(r, 1, *point, &f.text)?;
        ws.write_number_with_format(r, 2, *max, &f.number)?;
        ws.write_number_with_format(r, 3, *score, &f.number)?;
    }
    ws.write_string_with_format(12, 0, "总分", &f.center)?;
    ws.write_blank(12, 1, &f.text)?;
    ws.write_number_with_format(12, 2, 100.0, &f.number)?;
    ws.write_number_with_format(12, 3, 83.0, &f.number)?;
    ws.merge_range(13, 0, 13, 3, "评估结论：予以支持", &f.left_line)?;
    ws.write_string_with_format(14, 0, "评估主体", &f.head)?;
    ws.merge_range(14, 1, 14, 3, "青山县卫生健康局（本单位）", &f.text)?;
    widths(ws, &[20.0, 34.0, 8.0, 8.0])?;
    Ok(())
}

fn publication(out: &Path) -> Res<()> {
    let mut wb: Workbook = write::new_workbook("青山县财政局")?;
    let f = Fmts::new();
    let date = f.center.clone().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let ws = wb.add_worksheet();
    ws.set_name("信息公开")?;
    let h = [
        "序号",
        "单位名称",
        "公开事项",
        "公开类型",
        "报告形成日期",
        "预算公开日期",
        "公开日期",
        "公开网址",
    ];
    title(ws, &f, "青山县2024年度绩效信息公开登记表", h.len() as u16)?;
    head(ws, &f, 1, &h)?;
    use C::*;
    let site = "www.qingshan.gov.cn/xxgk";
    let rows: [[C; 8]; 7] = [
        [
            N(1.0),
            T("青山县教育局"),
            T("青山县教育局2024年度部门预算及绩效目标"),
            T("绩效目标"),
            Blank,
            D(2024, 2, 8),
            D(2024, 2, 8),
            T(site),
        ],
        [
            N(2.0),
            T("青山县卫生健康局"),
            T("青山县卫生健康局2024年度绩效目标"),
            T("绩效目标"),
            Blank,
            D(2024, 2, 8),
            T("2024-02-20"),
            T(site),
        ],
        [
            N(3.0),
            T("青山县教育局"),
            T("青山县教育局2023年度部门整体绩效自评报告"),
            T("绩效自评报告"),
            D(2024, 4, 10),
            Blank,
            D(2024, 4, 30),
            T(site),
        ],
        [
            N(4.0),
            T("青山县农业农村局"),
            T("青山县农业农村局2023年度项目支出绩效自评报告"),
            T("绩效自评报告"),
            D(2024, 4, 10),
            Blank,
            T("2024年5月1日"),
            T(site),
        ],
        [
            N(5.0),
            T("青石镇人民政府"),
            T("青石镇2023年度整体绩效自评报告"),
            T("绩效自评报告"),
            D(2024, 4, 15),
            Blank,
            T("未公开"),
            Blank,
        ],
        [
            N(6.0),
            T("青山县财政局"),
            T("义务教育营养改善计划重点绩效评价报告"),
            T("重点项目绩效评价报告"),
            D(2024, 6, 15),
            Blank,
            Blank,
            Blank,
        ],
        [
            N(7.0),
            T("白云乡人民政府"),
            T("白云乡2023年度整体绩效自评报告"),
            T("绩效自评报告"),
            T("2024/4/20"),
            Blank,
            D(2024, 5, 8),
            T(site),
        ],
    ];
    for (i, r) in rows.iter().enumerate() {
        cells(ws, &f, &date, i as u32 + 2, r)?;
    }
    widths(ws, &[5.0, 18.0, 40.0, 20.0, 16.0, 16.0, 16.0, 26.0])?;
    ws.set_freeze_panes(2, 0)?;
    wb.save(out.join("publication_2024.xlsx"))
}

fn unit_targets(out: &Path) -> Res<()> {
    let mut wb: Workbook = write::new_workbook("青山县财政局")?;
    let f = Fmts::new();
    let date = f.center.clone();
    let ws = wb.add_worksheet();
    ws.set_name("整体绩效目标")?;
    let h = [
        "单位名称",
        "单位类型",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
    ];
    title(
        ws,
        &f,
        "青山县2024年度部门（单位）整体绩效目标表",
        h.len() as u16,
    )?;
    head(ws, &f, 1, &h)?;
    use C::*;
    let rows: &[(&str, &str, &str, &str, &str, &str)] = &[
        (
            "青山县教育局",
            "县级部门",
            "产出指标",
            "成本指标",
            "公用经费控制率",
            "≤100%",
        ),
        (
            "青山县教育局",
            "县级部门",
            "管理指标",
            "预算管理",
            "预算执行率",
            "≥90%",
        ),
        (
            "青山县教育局",
            "县级部门",
            "产出指标",
            "数量指标",
            "资助家庭经济困难学生",
            "≥3000人次",
        ),
        (
            "青山县教育局",
            "县级部门",
            "产出指标",
            "质量指标",
            "资助对象认定准确率",
            "=100%",
        ),
        (
            "青山县教育局",
            "县级部门",
            "产出指标",
            "时效指标",
            "资助资金发放时间",
            "2024年11月30日前",
        ),
        (
            "青山县教育局",
            "县级部门",
            "效益指标",
            "社会效益指标",
            "义务教育巩固率",
            "≥99%",
        ),
        (
            "青山县教育局",
            "县级部门",
            "效益指标",
            "可持续影响指标",
            "教师培训人次",
            "≥500人次",
        ),
        (
            "青山县教育局",
            "县级部门",
            "满意度指标",
            "服务对象满意度指标",
            "家长满意度",
            "≥90%",
        ),
        (
            "青石镇人民政府",
            "乡镇",
            "产出指标",
            "数量指标",
            "农村道路保洁里程",
            "≥120公里",
        ),
        (
            "青石镇人民政府",
            "乡镇",
            "产出指标",
            "质量指标",
            "保洁质量达标率",
            "≥95%",
        ),
        (
            "青石镇人民政府",
            "乡镇",
            "产出指标",
            "时效指标",
            "年度重点工作完成时间",
            "2024年12月31日前",
        ),
        (
            "青石镇人民政府",
            "乡镇",
            "产出指标",
            "成本指标",
            "三公经费控制率",
            "≤100%",
        ),
        (
            "青石镇人民政府",
            "乡镇",
            "效益指标",
            "社会效益指标",
            "受益群众",
            "≥2.3万人",
        ),
        (
            "青石镇人民政府",
            "乡镇",
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
        ),
        (
            "白云乡人民政府",
            "乡镇",
            "产出指标",
            "成本指标",
            "公用经费控制率",
            "≤100%",
        ),
        (
            "白云乡人民政府",
            "乡镇",
            "管理指标",
            "管理效率",
            "资产管理制度健全性",
            "健全",
        ),
        (
            "白云乡人民政府",
            "乡镇",
            "产出指标",
            "数量指标",
            "村级公益事业项目",
            "≥12个",
        ),
        (
            "白云乡人民政府",
            "乡镇",
            "产出指标",
            "质量指标",
            "项目验收合格率",
            "=100%",
        ),
        (
            "白云乡人民政府",
            "乡镇",
            "效益指标",
            "社会效益指标",
            "村容村貌",
            "进一步提升",
        ),
        (
            "白云乡人民政府",
            "乡镇",
            "效益指标",
            "可持续影响指标",
            "长效管护机制",
            "建立",
        ),
        (
            "白云乡人民政府",
            "乡镇",
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
        ),
    ];
    for (i, r) in rows.iter().enumerate() {
        let v = [T(r.0), T(r.1), T(r.2), T(r.3), T(r.4), T(r.5)];
        cells(ws, &f, &date, i as u32 + 2, &v)?;
    }
    widths(ws, &[18.0, 10.0, 12.0, 20.0, 24.0, 18.0])?;
    ws.set_freeze_panes(2, 0)?;
    wb.save(out.join("unit_targets_2024.xlsx"))
}

/// Writes the three workbooks; returns their DEFECTS.md section.
pub fn run(out: &Path) -> Result<String, Box<dyn std::error::Error>> {
    assessment(out)?;
    publication(out)?;
    unit_targets(out)?;
    Ok(SECTION.to_string())
}

const SECTION: &str = r#"
## Ex-ante assessment: assessment_2025.xlsx

Sheet `事前评估`: the 2025 new projects with the six aspects scored (one with ratings 优/良/中 instead of points), 评估总分, 评估主体 and 评估结论; sheet `新增项目预算`: the draft 2025 lines of the new projects (项目类型 新增/延续, 万元). `cargo run --release -- assess examples/county/assessment_2025.xlsx` is expected to report the two coded rows below and show the remarks of the others (a conclusion the scores do not bear out is shown in the output, not reported as a finding).

| # | file | sheet | cell | code | project | what |
|---|---|---|---|---|---|---|
| 1 | assessment_2025.xlsx | 新增项目预算 | C7 | A002 | 2025-BY-101 乡村旅游步道 | assessed 不予支持 (total 43.33, 第三方机构), yet 80.00 万元 is budgeted |
| 2 | assessment_2025.xlsx | 新增项目预算 | C8 | A001 | 2025-NY-102 农村电商服务站 | a new project with 60.00 万元 and no assessment at all |
| — | assessment_2025.xlsx | 事前评估 | N6 | — | 2025-QS-101 集镇污水管网 | stated 予以支持 with a total of 55: the scores bear out only 不予支持 (shown as 结论与得分不符) |
| — | assessment_2025.xlsx | 事前评估 | K8 | — | 2025-JY-102 校园安保设施 | 筹资合规性 left blank (counts 0): recomputed total 71.33 against the stated 85.6 |
| — | assessment_2025.xlsx | 事前评估 | F5:K5 | — | 2025-NY-101 高标准农田建设 | ratings instead of points (优 95, 良 85, 中 70) and no stated conclusion: derived 予以支持 from 85.83 |

2023-JY-009 乡村学校少年宫运转 continues (延续) and needs no assessment. Sheet `评分表-卫生信息化` is one project's official form (项目名称 … above, 评估内容 | 评估要点 | 分值 | 得分, `总分`, `评估结论：予以支持`): 83 of 100 points, borne out, no finding.

## Disclosure: publication_2024.xlsx

Sheet `信息公开`: targets and reports with 报告形成日期, 预算公开日期 and 公开日期, as Excel date cells (`yyyy"年"m"月"d"日"`) and as text (`2024-02-20`, `2024年5月1日`, `2024/4/20`, `未公开`). `cargo run --release -- report examples/county/execution_2024H1.xlsx examples/county/monitoring_2024H1.xlsx examples/county/publication_2024.xlsx --as-of 2024-06-30` adds a 信息公开 paragraph and table and is expected to report:

| # | file | sheet | cell | code | project | what |
|---|---|---|---|---|---|---|
| 1 | publication_2024.xlsx | 信息公开 | G4 | P002 | 青山县卫生健康局2024年度绩效目标 | published 2024-02-20, 12 days after the budget (2024-02-08) |
| 2 | publication_2024.xlsx | 信息公开 | G6 | P001 | 青山县农业农村局2023年度项目支出绩效自评报告 | formed 2024-04-10, published 2024年5月1日: 21 days, one day late |
| 3 | publication_2024.xlsx | 信息公开 | G7 | P001 | 青石镇2023年度整体绩效自评报告 | formed 2024-04-15, 未公开: due 2024-05-05, 56 days overdue as of 2024-06-30 |

Row 5 (教育局 自评报告) was published exactly 20 days after being formed: in time. The 重点绩效评价报告 formed 2024-06-15 is due 2024-07-05 and is listed as falling due within 7 days.

## Whole-unit targets: unit_targets_2024.xlsx

Sheet `整体绩效目标`: targets of three units as a whole (no 项目名称 column; 单位类型 县级部门/乡镇). 青山县教育局 covers the four dimensions and the six aspects. `cargo run --release -- check examples/county/unit_targets_2024.xlsx` is expected to report, besides `V003` (info) on qualitative effect targets:

| # | file | sheet | cell | code | project | what |
|---|---|---|---|---|---|---|
| 1 | unit_targets_2024.xlsx | 整体绩效目标 | A11 | T006 | 青石镇人民政府 | no indicator for 管理效率 |
| 2 | unit_targets_2024.xlsx | 整体绩效目标 | A11 | T006 | 青石镇人民政府 | no indicator for 可持续发展能力 |
| 3 | unit_targets_2024.xlsx | 整体绩效目标 | A17 | T002 | 白云乡人民政府 | no 时效指标 |
| 4 | unit_targets_2024.xlsx | 整体绩效目标 | F21 | V004 | 白云乡人民政府 | vague effect target `进一步提升` |
"#;
