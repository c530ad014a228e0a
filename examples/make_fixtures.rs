//! Writes the test fixtures in `tests/fixtures/` that perf's own code makes (the
//! LibreOffice copies are made from them by `tests/fixtures/make.sh`).
//!
//! Each fixture is named after what it shows. Run: `cargo run --example make_fixtures`.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let dir = Path::new("tests/fixtures");
    std::fs::create_dir_all(dir)?;
    messy_flat(&dir.join("flat_messy_summary.xlsx"))?;
    form_two_projects(&dir.join("form_two_projects_one_sheet.xlsx"))?;
    budget_lines(&dir.join("budget_lines_yuan.xlsx"))?;
    unrelated(&dir.join("unrelated_table.xlsx"))?;
    println!("fixtures written to {}", dir.display());
    Ok(())
}

/// A summary sheet as a county office keeps it: title rows, `单位：万元`, a
/// two-row header with a merged parent, synonyms, project cells merged down,
/// blank "as above" cells, full-width signs, text numbers, a 小计 and a 合计
/// row, a note below, and a hidden helper sheet.
fn messy_flat(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let border = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let head = border
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let ws = wb.add_worksheet().set_name("绩效目标汇总")?;
    ws.merge_range(0, 0, 0, 9, "青山县2024年度项目支出绩效目标汇总表", &title)?;
    ws.write_string(1, 8, "单位：万元")?;
    // Two-row header: parents merged down, 绩效指标 merged across its sub-columns.
    for (c, h) in ["序 号", "主管部门", "项目名称", "项目代码", "项目资金"]
        .iter()
        .enumerate()
    {
        ws.merge_range(2, c as u16, 3, c as u16, h, &head)?;
    }
    ws.merge_range(2, 5, 2, 9, "绩 效 指 标", &head)?;
    for (c, h) in [
        "一级指标",
        "二级绩效指标",
        "指标名称",
        "年度指标值",
        "计量单位",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(3, 5 + c as u16, *h, &head)?;
    }
    let rows: &[(&str, &str, &str, &str)] = &[
        // level2, name, value, unit
        ("数量指标", "资助学生人数", "１，２００", "人次"),
        ("质量指标", "资助资金发放准确率", "＞＝９５％", ""),
        ("时效指标", "资金发放完成时间", "2024年12月底前", ""),
        ("社会效益指标", "家庭经济困难学生资助覆盖率", "100%", ""),
        ("服务对象满意度指标", "受助学生满意度", "不低于90%", ""),
    ];
    let mut r = 4u32;
    // Project 1: merged down over its five rows.
    ws.merge_range(r, 0, r + 4, 0, "1", &border)?;
    ws.merge_range(r, 1, r + 4, 1, "青山县教育局", &border)?;
    ws.merge_range(r, 2, r + 4, 2, "学生资助补助经费", &border)?;
    ws.merge_range(r, 3, r + 4, 3, "2024-JY-001", &border)?;
    ws.merge_range(r, 4, r + 4, 4, "356.00", &border)?;
    ws.merge_range(r, 5, r + 2, 5, "产出指标", &border)?;
    ws.write_string_with_format(r + 3, 5, "效益指标", &border)?;
    ws.write_string_with_format(r + 4, 5, "满意度指标", &border)?;
    for (i, (l2, name, value, unit)) in rows.iter().enumerate() {
        let rr = r + i as u32;
        ws.write_string_with_format(rr, 6, *l2, &border)?;
        ws.write_string_with_format(rr, 7, *name, &border)?;
        ws.write_string_with_format(rr, 8, *value, &border)?;
        ws.write_string_with_format(rr, 9, *unit, &border)?;
    }
    r += 5;
    ws.write_string(r, 2, "小计")?;
    ws.write_number(r, 4, 356.0)?;
    r += 1;
    // Project 2: not merged; the project is typed once and left blank below ("as above").
    ws.write_string(r, 0, "2")?;
    ws.write_string(r, 1, "青山县卫生健康局")?;
    ws.write_string(r, 2, "基本公共卫生服务")?;
    ws.write_string(r, 3, "2024-WJ-003")?;
    ws.write_number(r, 4, 1280.5)?;
    let second: &[(&str, &str, &str, &str)] = &[
        (
            "产出指标",
            "数量指标",
            "65岁以上老年人健康管理人数",
            "1.2万人次",
        ),
        ("", "质量指标", "电子健康档案建档率", "95%以上"),
        ("", "时效指标", "年度任务完成时限", ""),
        ("效益指标", "社会效益指标", "居民健康素养水平", "有所提高"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥ 85 %"),
    ];
    for (i, (l1, l2, name, value)) in second.iter().enumerate() {
        let rr = r + i as u32;
        if !l1.is_empty() {
            ws.write_string(rr, 5, *l1)?;
        }
        ws.write_string(rr, 6, *l2)?;
        ws.write_string(rr, 7, *name)?;
        if !value.is_empty() {
            ws.write_string(rr, 8, *value)?;
        }
    }
    // A deadline typed as a real Excel date.
    let date_fmt = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    ws.write_datetime_with_format(r + 2, 8, ExcelDateTime::from_ymd(2024, 9, 30)?, &date_fmt)?;
    r += 5;
    ws.write_string(r, 2, "合计")?;
    ws.write_number(r, 4, 1636.5)?;
    r += 2;
    ws.merge_range(
        r,
        0,
        r,
        9,
        "填表说明：1.指标值应量化；2.金额单位为万元。",
        &Format::new(),
    )?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 20)?;
    ws.set_column_width(7, 28)?;
    ws.set_column_width(8, 14)?;
    let hidden = wb.add_worksheet().set_name("下拉选项")?;
    hidden.write_string(0, 0, "数量指标")?;
    hidden.set_hidden(true);
    wb.save(path)
}

type FormRow = (&'static str, &'static str, &'static str, &'static str);

/// Two official target forms stacked on one sheet, as some units print them.
fn form_two_projects(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let f = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let ws = wb.add_worksheet().set_name("项目目标")?;
    let forms: [(&str, &str, &str, Vec<FormRow>); 2] = [
        (
            "乡村道路养护",
            "白云乡人民政府",
            "86.00",
            vec![
                ("产出指标", "数量指标", "养护农村公路里程", "≥45公里"),
                ("产出指标", "质量指标", "路面完好率", "≥90%"),
                ("产出指标", "时效指标", "养护完成时间", "2024年11月30日前"),
                ("效益指标", "社会效益指标", "群众出行条件", "有效改善"),
                ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"),
            ],
        ),
        (
            "村级保洁补助",
            "白云乡人民政府",
            "42.50",
            vec![
                ("产出指标", "数量指标", "保洁覆盖行政村", "12个"),
                ("产出指标", "质量指标", "垃圾清运率", "=100%"),
                ("效益指标", "生态效益指标", "村庄环境", "明显提升"),
            ],
        ),
    ];
    let mut r = 0u32;
    for (name, unit, money, rows) in forms {
        ws.merge_range(r, 0, r, 5, "项目支出绩效目标表", &Format::new().set_bold())?;
        ws.merge_range(r + 1, 0, r + 1, 5, "（2024年度）", &Format::new())?;
        ws.write_string_with_format(r + 2, 0, "项目名称", &f)?;
        ws.merge_range(r + 2, 1, r + 2, 5, name, &f)?;
        ws.write_string_with_format(r + 3, 0, "主管部门", &f)?;
        ws.merge_range(r + 3, 1, r + 3, 5, unit, &f)?;
        ws.write_string_with_format(r + 4, 0, "项目资金（万元）", &f)?;
        ws.merge_range(r + 4, 1, r + 4, 5, money, &f)?;
        ws.write_string_with_format(r + 5, 0, "年度总体目标", &f)?;
        ws.merge_range(r + 5, 1, r + 5, 5, "", &f)?;
        for (c, h) in ["一级指标", "二级指标", "三级指标", "指标值"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(r + 6, c as u16 + 1, *h, &f)?;
        }
        for (i, (l1, l2, n, v)) in rows.iter().enumerate() {
            let rr = r + 7 + i as u32;
            ws.write_string_with_format(rr, 1, *l1, &f)?;
            ws.write_string_with_format(rr, 2, *l2, &f)?;
            ws.write_string_with_format(rr, 3, *n, &f)?;
            ws.write_string_with_format(rr, 4, *v, &f)?;
        }
        r += 7 + rows.len() as u32 + 1;
        ws.write_string(r, 0, "填报人：张三")?;
        r += 2;
    }
    wb.save(path)
}

/// Budget lines in 元 (stated in the title line), with a 合计 row.
fn budget_lines(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("预算")?;
    ws.write_string(0, 0, "青山县2024年部门预算项目表")?;
    ws.write_string(1, 5, "金额单位：元")?;
    for (c, h) in [
        "单位名称",
        "项目编码",
        "项目名称",
        "预算类型",
        "项目类型",
        "年初预算数",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h)?;
    }
    let lines = [
        (
            "青山县教育局",
            "2024-JY-001",
            "学生资助补助经费",
            "一般公共预算",
            "延续",
            3_560_000.0,
        ),
        (
            "青山县卫生健康局",
            "2024-WJ-003",
            "基本公共卫生服务",
            "一般公共预算",
            "延续",
            12_805_000.0,
        ),
        (
            "白云乡人民政府",
            "2024-BY-007",
            "乡村道路养护",
            "政府性基金预算",
            "新增",
            860_000.0,
        ),
    ];
    for (i, (u, code, n, k, s, amount)) in lines.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, *u)?;
        ws.write_string(r, 1, *code)?;
        ws.write_string(r, 2, *n)?;
        ws.write_string(r, 3, *k)?;
        ws.write_string(r, 4, *s)?;
        ws.write_number(r, 5, *amount)?;
    }
    ws.write_string(6, 0, "合计")?;
    ws.write_number(6, 5, 17_225_000.0)?;
    wb.save(path)
}

/// A workbook with a table that has nothing to do with budgets (S002 / exit 2),
/// but with headers close to known ones, so suggestions can be shown.
fn unrelated(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("通讯录")?;
    for (c, h) in ["姓名", "电话", "项目名", "指标名"].iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    ws.write_string(1, 0, "王五")?;
    ws.write_string(1, 1, "13800000000")?;
    wb.save(path)
}
