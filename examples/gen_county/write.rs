//! Writing the sheets county officers keep: title, `单位：万元`, header, merged project cells.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};

use crate::model::{Project, Val};

pub type Res<T> = Result<T, XlsxError>;

/// The formats of one workbook.
pub struct Fmts {
    pub title: Format,
    pub subtitle: Format,
    pub unit_line: Format,
    pub left_line: Format,
    pub head: Format,
    pub text: Format,
    pub center: Format,
    pub money: Format,
    pub money_text: Format,
    pub number: Format,
    pub note: Format,
}

impl Fmts {
    pub fn new() -> Fmts {
        let base = Format::new().set_font_name("宋体").set_font_size(10);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Fmts {
            title: base
                .clone()
                .set_font_name("黑体")
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: base
                .clone()
                .set_font_size(12)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            unit_line: base
                .clone()
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter),
            left_line: base
                .clone()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            head: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell.clone(),
            center: cell.clone().set_align(FormatAlign::Center),
            money: cell
                .clone()
                .set_align(FormatAlign::Right)
                .set_num_format("#,##0.00"),
            money_text: cell.clone().set_align(FormatAlign::Right),
            number: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("General"),
            note: base
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
        }
    }
}

/// A workbook with fixed document properties, so that the same arguments write the same bytes.
pub fn new_workbook(author: &str) -> Res<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 15)?.and_hms(9, 0, 0)?;
    let props = DocProperties::new()
        .set_author(author)
        .set_company("青山县财政局")
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

/// Writes `v` over rows r0..=r1 of column c (merged when more than one row).
pub fn put(ws: &mut Worksheet, r0: u32, r1: u32, c: u16, v: &Val, fmt: &Format) -> Res<()> {
    let text = match v {
        Val::Text(s) => s.as_str(),
        _ => "",
    };
    if r1 > r0 {
        ws.merge_range(r0, c, r1, c, text, fmt)?;
    } else {
        ws.write_string_with_format(r0, c, text, fmt)?;
    }
    if let Val::Num(n) = v {
        ws.write_number_with_format(r0, c, *n, fmt)?;
    }
    Ok(())
}

fn put_text(ws: &mut Worksheet, r0: u32, r1: u32, c: u16, s: &str, fmt: &Format) -> Res<()> {
    put(ws, r0, r1, c, &Val::text(s), fmt)
}

/// Title lines merged across the table, then `单位：万元` (with the filling unit on the left).
fn titles(
    ws: &mut Worksheet,
    f: &Fmts,
    lines: &[String],
    left: Option<&str>,
    money_line: bool,
    last_col: u16,
) -> Res<u32> {
    let mut row = 0;
    for (k, line) in lines.iter().enumerate() {
        let fmt = if k == 0 { &f.title } else { &f.subtitle };
        ws.merge_range(row, 0, row, last_col, line, fmt)?;
        ws.set_row_height(row, if k == 0 { 32 } else { 20 })?;
        row += 1;
    }
    if money_line || left.is_some() {
        if let Some(l) = left {
            ws.merge_range(row, 0, row, 3, l, &f.left_line)?;
        }
        if money_line {
            ws.merge_range(row, last_col - 1, row, last_col, "单位：万元", &f.unit_line)?;
        }
        ws.set_row_height(row, 18)?;
        row += 1;
    }
    Ok(row)
}

fn page_setup(ws: &mut Worksheet, header: (u32, u32)) -> Res<()> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header.0, header.1)?;
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// How a targets sheet is laid out.
pub struct TargetsOpts {
    pub sheet: String,
    pub titles: Vec<String>,
    /// Left of the `单位：万元` line: `填报单位：…`.
    pub filler: Option<String>,
    pub money_line: bool,
    pub two_row: bool,
    pub unit_col: bool,
    pub weight_col: bool,
    pub merge_l2: bool,
    pub total_row: bool,
    pub note: Option<String>,
    pub project_header: String,
}

impl TargetsOpts {
    pub fn new(sheet: &str, title: String) -> TargetsOpts {
        TargetsOpts {
            sheet: sheet.into(),
            titles: vec![title],
            filler: None,
            money_line: true,
            two_row: false,
            unit_col: true,
            weight_col: false,
            merge_l2: false,
            total_row: false,
            note: None,
            project_header: "项目名称".into(),
        }
    }
}

/// Column positions of a targets sheet.
#[derive(Clone, Copy, Debug)]
pub struct Cols {
    pub amount: u16,
    pub l2: u16,
    pub l3: u16,
    pub value: u16,
    pub weight: Option<u16>,
    pub project: u16,
}

/// Where things landed, for DEFECTS.md.
#[derive(Debug, Default)]
pub struct Placed {
    /// Per written project: its first row and one row per indicator.
    pub projects: Vec<(u32, Vec<u32>)>,
    pub header_row: u32,
    pub cols: Option<Cols>,
}

/// The flat targets sheet: one indicator per row, project cells merged down.
pub fn targets_sheet(
    wb: &mut Workbook,
    f: &Fmts,
    o: &TargetsOpts,
    projects: &[&Project],
) -> Res<Placed> {
    let ws = wb.add_worksheet();
    ws.set_name(&o.sheet)?;
    let mut heads: Vec<&str> = vec![
        "序号",
        "单位名称",
        "项目编码",
        &o.project_header,
        "项目资金（万元）",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
    ];
    let mut widths = vec![5.0, 16.0, 13.0, 24.0, 13.0, 10.0, 14.0, 30.0, 17.0];
    if o.unit_col {
        heads.push("计量单位");
        widths.push(8.0);
    }
    if o.weight_col {
        heads.push("分值");
        widths.push(6.0);
    }
    let last = (heads.len() - 1) as u16;
    let cols = Cols {
        project: 3,
        amount: 4,
        l2: 6,
        l3: 7,
        value: 8,
        weight: o.weight_col.then_some(last),
    };
    let unit_c = o.unit_col.then_some(9u16);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let h = titles(ws, f, &o.titles, o.filler.as_deref(), o.money_line, last)?;
    let first_data = if o.two_row {
        for (c, t) in heads.iter().enumerate() {
            let c = c as u16;
            if (5..=8).contains(&c) || Some(c) == unit_c {
                ws.write_string_with_format(h + 1, c, *t, &f.head)?;
            } else {
                ws.merge_range(h, c, h + 1, c, t, &f.head)?;
            }
        }
        ws.merge_range(h, 5, h, unit_c.unwrap_or(8), "绩效指标", &f.head)?;
        ws.set_row_height(h, 20)?;
        ws.set_row_height(h + 1, 20)?;
        h + 2
    } else {
        for (c, t) in heads.iter().enumerate() {
            ws.write_string_with_format(h, c as u16, *t, &f.head)?;
        }
        ws.set_row_height(h, 30)?;
        h + 1
    };
    ws.set_freeze_panes(first_data, 0)?;
    page_setup(ws, (h, first_data - 1))?;
    let mut placed = Placed {
        header_row: h,
        cols: Some(cols),
        ..Default::default()
    };
    let mut row = first_data;
    let mut serial = 0;
    for p in projects
        .iter()
        .filter(|p| p.has_targets && !p.inds.is_empty())
    {
        serial += 1;
        let n = p.inds.len() as u32;
        let (r0, r1) = (row, row + n - 1);
        put(ws, r0, r1, 0, &Val::Num(serial as f64), &f.center)?;
        put_text(ws, r0, r1, 1, &p.unit, &f.text)?;
        put_text(ws, r0, r1, 2, &p.code, &f.center)?;
        put_text(ws, r0, r1, 3, &p.name, &f.text)?;
        if p.amount_text {
            put_text(ws, r0, r1, 4, &format!("{:.2}", p.amount), &f.money_text)?;
        } else {
            put(ws, r0, r1, 4, &Val::Num(p.amount), &f.money)?;
        }
        let mut k = 0;
        while k < p.inds.len() {
            let l1 = p.inds[k].l1();
            let run = p.inds[k..].iter().take_while(|i| i.l1() == l1).count();
            put_text(
                ws,
                r0 + k as u32,
                r0 + (k + run - 1) as u32,
                5,
                l1,
                &f.center,
            )?;
            k += run;
        }
        let mut k = 0;
        while k < p.inds.len() {
            let l2 = &p.inds[k].l2;
            let run = if o.merge_l2 {
                p.inds[k..]
                    .iter()
                    .take_while(|i| &i.l2 == l2 && i.l1() == p.inds[k].l1())
                    .count()
            } else {
                1
            };
            put_text(
                ws,
                r0 + k as u32,
                r0 + (k + run - 1) as u32,
                6,
                l2,
                &f.center,
            )?;
            k += run;
        }
        let mut rows = Vec::new();
        for (k, ind) in p.inds.iter().enumerate() {
            let r = r0 + k as u32;
            rows.push(r);
            ws.write_string_with_format(r, 7, &ind.name, &f.text)?;
            put(ws, r, r, 8, &ind.value, &f.center)?;
            if let Some(c) = unit_c {
                ws.write_string_with_format(r, c, ind.unit.as_deref().unwrap_or(""), &f.center)?;
            }
            if let Some(c) = cols.weight {
                match ind.weight {
                    Some(w) => ws.write_number_with_format(r, c, w, &f.number)?,
                    None => ws.write_blank(r, c, &f.number)?,
                };
            }
        }
        placed.projects.push((r0, rows));
        row = r1 + 1;
    }
    if o.total_row {
        ws.merge_range(row, 0, row, 3, "合计", &f.head)?;
        let total: f64 = projects
            .iter()
            .filter(|p| p.has_targets && !p.amount_text)
            .map(|p| p.amount)
            .sum();
        let formula = Formula::new(format!("=SUM(E{}:E{})", first_data + 1, row))
            .set_result(format!("{total}"));
        ws.write_formula_with_format(row, 4, formula, &f.money)?;
        for c in 5..=last {
            ws.write_blank(row, c, &f.head)?;
        }
        row += 1;
    }
    if let Some(note) = &o.note {
        ws.merge_range(row, 0, row, last, note, &f.note)?;
        ws.set_row_height(row, 15.0 * (1 + note.chars().count() / 90) as f64)?;
    }
    Ok(placed)
}

/// The flat budget sheet (`预算`): one budget line per row, `合计` first as provincial exports put it.
pub fn budget_sheet(
    wb: &mut Workbook,
    f: &Fmts,
    sheet: &str,
    title: &str,
    projects: &[&Project],
    unit_label: &dyn Fn(&Project) -> String,
) -> Res<Vec<u32>> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    let heads = [
        "序号",
        "单位名称",
        "项目编码",
        "项目名称",
        "预算类型",
        "项目类型",
        "项目期",
        "年初预算数",
        "调整预算数",
    ];
    let widths = [5.0, 24.0, 13.0, 26.0, 14.0, 9.0, 12.0, 12.0, 12.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let h = titles(ws, f, &[title.to_string()], None, true, 8)?;
    for (c, t) in heads.iter().enumerate() {
        ws.write_string_with_format(h, c as u16, *t, &f.head)?;
    }
    ws.set_row_height(h, 24)?;
    ws.set_freeze_panes(h + 1, 0)?;
    page_setup(ws, (h, h))?;
    let lines: Vec<&&Project> = projects.iter().filter(|p| p.budget.is_some()).collect();
    let first = h + 2;
    let last = first + lines.len() as u32 - 1;
    ws.merge_range(h + 1, 0, h + 1, 6, "合计", &f.head)?;
    for (c, col) in [(7u16, 'H'), (8, 'I')] {
        let total: f64 = lines
            .iter()
            .map(|p| p.budget.map_or(0.0, |b| if c == 7 { b.0 } else { b.1 }))
            .sum();
        let total = (total * 100.0).round() / 100.0;
        let formula = Formula::new(format!("=SUM({col}{}:{col}{})", first + 1, last + 1))
            .set_result(format!("{total}"));
        ws.write_formula_with_format(h + 1, c, formula, &f.money)?;
    }
    let mut rows = Vec::new();
    for (k, p) in lines.iter().enumerate() {
        let r = first + k as u32;
        let (initial, adjusted) = p.budget.unwrap_or_default();
        ws.write_number_with_format(r, 0, (k + 1) as f64, &f.center)?;
        ws.write_string_with_format(r, 1, unit_label(p), &f.text)?;
        ws.write_string_with_format(r, 2, &p.code, &f.center)?;
        ws.write_string_with_format(r, 3, &p.name, &f.text)?;
        ws.write_string_with_format(r, 4, p.budget_kind, &f.center)?;
        ws.write_string_with_format(r, 5, p.status, &f.center)?;
        ws.write_string_with_format(r, 6, &p.period, &f.center)?;
        ws.write_number_with_format(r, 7, initial, &f.money)?;
        ws.write_number_with_format(r, 8, adjusted, &f.money)?;
        rows.push(r);
    }
    Ok(rows)
}

/// One line of the fund execution sheet.
pub struct ExecLine<'a> {
    pub project: &'a Project,
    pub executed: f64,
    pub reason: Option<String>,
}

/// `资金执行`: budget and executed to date per project.
pub fn execution_sheet(
    wb: &mut Workbook,
    f: &Fmts,
    title: &str,
    month: u32,
    lines: &[ExecLine],
) -> Res<Vec<u32>> {
    let ws = wb.add_worksheet();
    ws.set_name("资金执行")?;
    let executed = format!("1-{month}月执行数");
    let heads = [
        "序号",
        "单位名称",
        "项目编码",
        "项目名称",
        "年初预算数",
        "调整预算数",
        &executed,
        "偏差原因",
    ];
    let widths = [5.0, 20.0, 13.0, 26.0, 11.0, 11.0, 11.0, 40.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let h = titles(ws, f, &[title.to_string()], None, true, 7)?;
    for (c, t) in heads.iter().enumerate() {
        ws.write_string_with_format(h, c as u16, *t, &f.head)?;
    }
    ws.set_row_height(h, 24)?;
    ws.set_freeze_panes(h + 1, 0)?;
    page_setup(ws, (h, h))?;
    for (k, l) in lines.iter().enumerate() {
        let r = h + 1 + k as u32;
        let p = l.project;
        let (initial, adjusted) = p.budget.unwrap_or((p.amount, p.amount));
        ws.write_number_with_format(r, 0, (k + 1) as f64, &f.center)?;
        ws.write_string_with_format(r, 1, &p.unit, &f.text)?;
        ws.write_string_with_format(r, 2, &p.code, &f.center)?;
        ws.write_string_with_format(r, 3, &p.name, &f.text)?;
        ws.write_number_with_format(r, 4, initial, &f.money)?;
        ws.write_number_with_format(r, 5, adjusted, &f.money)?;
        ws.write_number_with_format(r, 6, l.executed, &f.money)?;
        ws.write_string_with_format(r, 7, l.reason.as_deref().unwrap_or(""), &f.text)?;
    }
    let r = h + 1 + lines.len() as u32;
    ws.merge_range(r, 0, r, 3, "合计", &f.head)?;
    for (c, col) in [(4u16, 'E'), (5, 'F'), (6, 'G')] {
        let total: f64 = lines
            .iter()
            .map(|l| match c {
                4 => l.project.budget.map_or(0.0, |b| b.0),
                5 => l.project.budget.map_or(0.0, |b| b.1),
                _ => l.executed,
            })
            .sum();
        let formula = Formula::new(format!("=SUM({col}{}:{col}{})", h + 2, r))
            .set_result(format!("{:.2}", total));
        ws.write_formula_with_format(r, c, formula, &f.money)?;
    }
    ws.write_blank(r, 7, &f.head)?;
    Ok((0..lines.len() as u32).map(|k| h + 1 + k).collect())
}

/// One line of the indicator monitoring sheet.
pub struct MonLine<'a> {
    pub project: &'a Project,
    pub ind: usize,
    pub actual: Val,
    pub forecast: Val,
    pub reason: Option<String>,
    pub possibility: &'static str,
}

/// `指标监控`: each indicator's annual target, actual to date, forecast, reason and possibility.
pub fn monitoring_sheet(
    wb: &mut Workbook,
    f: &Fmts,
    title: &str,
    month: u32,
    lines: &[MonLine],
) -> Res<Vec<u32>> {
    let ws = wb.add_worksheet();
    ws.set_name("指标监控")?;
    let actual = format!("1-{month}月指标完成情况");
    let heads = [
        "单位名称",
        "项目编码",
        "项目名称",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        &actual,
        "全年预计完成情况",
        "偏差原因分析",
        "完成目标可能性",
    ];
    let widths = [
        18.0, 13.0, 22.0, 10.0, 14.0, 28.0, 15.0, 15.0, 15.0, 34.0, 10.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let h = titles(ws, f, &[title.to_string()], None, false, 10)?;
    for (c, t) in heads.iter().enumerate() {
        ws.write_string_with_format(h, c as u16, *t, &f.head)?;
    }
    ws.set_row_height(h, 30)?;
    ws.set_freeze_panes(h + 1, 3)?;
    page_setup(ws, (h, h))?;
    let mut k = 0;
    while k < lines.len() {
        // 一级指标 merged over its run within one project.
        let l = &lines[k];
        let l1 = l.project.inds[l.ind].l1();
        let run = lines[k..]
            .iter()
            .take_while(|m| std::ptr::eq(m.project, l.project) && m.project.inds[m.ind].l1() == l1)
            .count();
        let r0 = h + 1 + k as u32;
        put_text(ws, r0, r0 + run as u32 - 1, 3, l1, &f.center)?;
        for (j, m) in lines[k..k + run].iter().enumerate() {
            let r = r0 + j as u32;
            let p = m.project;
            let ind = &p.inds[m.ind];
            ws.write_string_with_format(r, 0, &p.unit, &f.text)?;
            ws.write_string_with_format(r, 1, &p.code, &f.center)?;
            ws.write_string_with_format(r, 2, &p.name, &f.text)?;
            ws.write_string_with_format(r, 4, &ind.l2, &f.center)?;
            ws.write_string_with_format(r, 5, &ind.name, &f.text)?;
            put(ws, r, r, 6, &target_val(ind), &f.center)?;
            put(ws, r, r, 7, &m.actual, &f.center)?;
            put(ws, r, r, 8, &m.forecast, &f.center)?;
            ws.write_string_with_format(r, 9, m.reason.as_deref().unwrap_or(""), &f.text)?;
            ws.write_string_with_format(r, 10, m.possibility, &f.center)?;
        }
        k += run;
    }
    Ok((0..lines.len() as u32).map(|k| h + 1 + k).collect())
}

/// The target as the monitoring and self-evaluation sheets copy it: value and unit in one cell.
pub fn target_val(ind: &crate::model::Ind) -> Val {
    match (&ind.value, &ind.unit) {
        (Val::Num(n), Some(u)) => Val::text(format!("{}{u}", crate::model::num(*n))),
        (Val::Text(t), Some(u)) if !t.ends_with(u.as_str()) => Val::text(format!("{t}{u}")),
        (v, _) => v.clone(),
    }
}

/// Column positions of the self-evaluation sheet.
pub mod se_col {
    pub const UNIT: u16 = 0;
    pub const CODE: u16 = 1;
    pub const NAME: u16 = 2;
    pub const PERIOD: u16 = 3;
    pub const BUDGET: u16 = 4;
    pub const EXECUTED: u16 = 5;
    pub const L1: u16 = 6;
    pub const L2: u16 = 7;
    pub const L3: u16 = 8;
    pub const TARGET: u16 = 9;
    pub const ACTUAL: u16 = 10;
    pub const POINTS: u16 = 11;
    pub const SCORE: u16 = 12;
    pub const REASON: u16 = 13;
    pub const TOTAL: u16 = 14;
}

/// `绩效自评`: one indicator per row, the project's cells (unit, code, name, period, money, 自评总分)
/// merged down over its rows. Returns each project's rows.
pub fn selfeval_sheet(
    wb: &mut Workbook,
    f: &Fmts,
    title: &str,
    note: Option<&str>,
    projects: &[crate::selfeval::EvalProject],
) -> Res<Vec<Vec<u32>>> {
    use se_col::*;
    let ws = wb.add_worksheet();
    ws.set_name("绩效自评")?;
    let heads = [
        "单位名称",
        "项目编码",
        "项目名称",
        "项目期",
        "全年预算数",
        "全年执行数",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "自评总分",
    ];
    let widths = [
        18.0, 13.0, 22.0, 11.0, 11.0, 11.0, 10.0, 14.0, 26.0, 15.0, 15.0, 6.0, 7.0, 40.0, 8.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let h = titles(ws, f, &[title.to_string()], None, true, TOTAL)?;
    for (c, t) in heads.iter().enumerate() {
        ws.write_string_with_format(h, c as u16, *t, &f.head)?;
    }
    ws.set_row_height(h, 30)?;
    ws.set_freeze_panes(h + 1, 3)?;
    page_setup(ws, (h, h))?;
    let mut out = Vec::with_capacity(projects.len());
    let mut row = h + 1;
    for e in projects.iter().filter(|e| !e.lines.is_empty()) {
        let p = e.project;
        let n = e.lines.len() as u32;
        let (r0, r1) = (row, row + n - 1);
        put_text(ws, r0, r1, UNIT, &p.unit, &f.text)?;
        put_text(ws, r0, r1, CODE, &p.code, &f.center)?;
        put_text(ws, r0, r1, NAME, &p.name, &f.text)?;
        put_text(ws, r0, r1, PERIOD, &e.period, &f.center)?;
        put(ws, r0, r1, BUDGET, &Val::Num(e.budget), &f.money)?;
        put(ws, r0, r1, EXECUTED, &Val::Num(e.executed), &f.money)?;
        put(ws, r0, r1, TOTAL, &Val::Num(e.stated_total), &f.number)?;
        let mut k = 0;
        while k < e.lines.len() {
            let l1 = p.inds[e.lines[k].ind].l1();
            let run = e.lines[k..]
                .iter()
                .take_while(|l| p.inds[l.ind].l1() == l1)
                .count();
            put_text(
                ws,
                r0 + k as u32,
                r0 + (k + run - 1) as u32,
                L1,
                l1,
                &f.center,
            )?;
            k += run;
        }
        let mut rows = Vec::with_capacity(e.lines.len());
        for (k, l) in e.lines.iter().enumerate() {
            let r = r0 + k as u32;
            let ind = &p.inds[l.ind];
            ws.write_string_with_format(r, L2, &ind.l2, &f.center)?;
            ws.write_string_with_format(r, L3, &ind.name, &f.text)?;
            put(ws, r, r, TARGET, &l.target, &f.center)?;
            put(ws, r, r, ACTUAL, &l.actual, &f.center)?;
            ws.write_number_with_format(r, POINTS, l.points, &f.number)?;
            match l.stated {
                Some(v) => ws.write_number_with_format(r, SCORE, v, &f.number)?,
                None => ws.write_blank(r, SCORE, &f.number)?,
            };
            ws.write_string_with_format(r, REASON, l.reason.as_deref().unwrap_or(""), &f.text)?;
            rows.push(r);
        }
        out.push(rows);
        row = r1 + 1;
    }
    if let Some(note) = note {
        ws.merge_range(row, 0, row, TOTAL, note, &f.note)?;
        ws.set_row_height(row, 30)?;
    }
    Ok(out)
}
