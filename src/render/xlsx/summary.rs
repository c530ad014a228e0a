//! The county summary workbook of `perf report -o` and `perf batch`: the report's tables, coloured, with charts.

use crate::say;
use std::path::Path;

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartType, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::common::{ColumnWidths, header_format, print_setup, save_atomically, title_format};
use crate::fingerprint::Fingerprint;
use crate::i18n::Lang;
use crate::render::monitor::Report;
use crate::report::{Group, Rollup};

/// Fill colours of the lights, as in the monitoring workbook.
const RED: u32 = 0xFFC7CE;
const YELLOW: u32 = 0xFFEB9C;
const GREEN: u32 = 0xC6EFCE;
const BLUE: u32 = 0xBDD7EE;
const GREY: u32 = 0xEDEDED;

struct Formats {
    title: Format,
    head: Format,
    text: Format,
    int: Format,
    money: Format,
    rate: Format,
    gap: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        let body = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
        Formats {
            title: title_format(),
            head: header_format(),
            text: body.clone(),
            int: body.clone().set_num_format("0"),
            money: body.clone().set_num_format("#,##0.00"),
            rate: body.clone().set_num_format("0.0%"),
            gap: body.clone().set_num_format("0.0"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    fn count(&self, n: usize, fill: u32) -> Format {
        if n > 0 {
            self.int.clone().set_background_color(fill)
        } else {
            self.int.clone()
        }
    }
}

/// Writes the summary workbook to `out` (atomically); returns its fingerprint.
pub fn write(out: &Path, report: &Report, roll: &Rollup) -> Result<Fingerprint> {
    write_counted(out, report, roll).map(|(print, _)| print)
}

/// [`write`], also saying what the workbook holds (summary sheets only).
pub fn write_counted(
    out: &Path,
    report: &Report,
    roll: &Rollup,
) -> Result<(Fingerprint, super::common::Sheets)> {
    let mut wb = build(report, roll)?;
    let sheets = super::common::Sheets::of(&mut wb, 0);
    Ok((save_atomically(&mut wb, out)?, sheets))
}

/// Builds the summary workbook in memory.
pub fn build(report: &Report, roll: &Rollup) -> Result<Workbook, XlsxError> {
    let lang = report.lang;
    let f = Formats::new();
    let mut wb = Workbook::new();
    if !roll.monitoring {
        // Publication records alone: the workbook is the 信息公开 sheet.
        if let Some(d) = &roll.disclosure {
            disclosure(&mut wb, &f, report, d)?;
        }
        return Ok(wb);
    }
    let tp = report.as_of.time_progress();
    let head: Vec<&str> = match lang {
        Lang::Zh => vec![
            "单位",
            "项目数",
            // Two-line headers keep the columns narrow enough to print the
            // table and its chart one page wide at a readable size.
            "预算\n（万元）",
            "已执行\n（万元）",
            "执行率",
            "序时进度",
            "差距\n（百分点）",
            "红色",
            "黄色",
            "绿色",
            "超额",
            "暂无法\n判断",
        ],
        Lang::En => vec![
            "unit",
            "projects",
            "budget",
            "executed",
            "rate",
            "time\nprogress",
            "gap\n(pp)",
            "red",
            "yellow",
            "green",
            "over",
            "n/a",
        ],
    };
    // Sheet 1: the narrative and the table by unit, with the execution chart.
    let summary = lang.pick("汇总", "Summary");
    let ws = wb.add_worksheet().set_name(summary)?;
    let title = say!(
        lang,
        ("预算绩效运行监控汇总（{}）", report.as_of_text()),
        ("Performance monitoring summary ({})", report.as_of_text())
    );
    ws.merge_range(0, 0, 0, 11, &title, &f.title)?;
    // The narrative a paragraph a row, each row as tall as its text wrapped
    // to the table's width, so that nothing is cut off in print.
    let narrative = crate::render::report::narrative(report, roll);
    let paragraphs: Vec<&str> = narrative
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    for (i, p) in paragraphs.iter().enumerate() {
        ws.merge_range(
            1 + i as u32,
            0,
            1 + i as u32,
            11,
            &super::common::cell_text(p),
            &f.wrap,
        )?;
    }
    let first = 2 + paragraphs.len() as u32;
    let mut total = roll.total();
    if lang == Lang::En {
        total.key = "total".into();
    }
    let mut groups: Vec<&Group> = roll.by_unit.iter().collect();
    groups.push(&total);
    let (last, widths) = table(ws, &f, first, &head, &groups, tp)?;
    for (i, p) in paragraphs.iter().enumerate() {
        let lines = super::common::wrapped_lines(p, widths.span(0, 11));
        ws.set_row_height(
            1 + i as u32,
            (lines as f64 * super::common::LINE_HEIGHT).min(409.0),
        )?;
    }
    print_setup(ws, (first, first))?;
    // The chart covers the units, not the county row under them.
    let (top, bottom) = (first + 1, last.saturating_sub(2).max(first + 1));
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(lang.pick("执行率", "execution rate"))
        .set_categories((summary, top, 0, bottom, 0))
        .set_values((summary, top, 4, bottom, 4));
    let mut line = Chart::new(ChartType::Line);
    line.add_series()
        .set_name(lang.pick("序时进度", "time progress"))
        .set_categories((summary, top, 0, bottom, 0))
        .set_values((summary, top, 5, bottom, 5));
    chart.combine(&line);
    chart.title().set_name(lang.pick(
        "各单位预算执行率与序时进度",
        "Execution rate by unit against time progress",
    ));
    chart.y_axis().set_num_format("0%");
    if !roll.by_unit.is_empty() {
        ws.insert_chart(last + 2, 0, &chart)?;
    }
    // Sheet 2: by budget kind (四本预算), when the inputs say.
    if !roll.by_kind.is_empty() {
        let ws = wb
            .add_worksheet()
            .set_name(lang.pick("按预算类型", "By budget"))?;
        let mut h = head.clone();
        h[0] = lang.pick("预算类型", "budget");
        let mut groups: Vec<&Group> = roll.by_kind.iter().collect();
        groups.push(&total);
        table(ws, &f, 0, &h, &groups, tp)?;
        print_setup(ws, (0, 0))?;
    }
    // The special categories (基建投资项目, 政府采购 …), when any project falls in one.
    if !roll.by_category.is_empty() {
        let ws = wb
            .add_worksheet()
            .set_name(lang.pick("按专项类别", "By category"))?;
        let mut h = head.clone();
        h[0] = lang.pick("专项类别", "category");
        let groups: Vec<&Group> = roll.by_category.iter().collect();
        table(ws, &f, 0, &h, &groups, tp)?;
        print_setup(ws, (0, 0))?;
    }
    // Then 县级部门 apart from 乡镇, when the inputs hold both.
    if !roll.by_tier.is_empty() {
        let ws = wb
            .add_worksheet()
            .set_name(lang.pick("按单位层级", "By tier"))?;
        let mut h = head.clone();
        h[0] = lang.pick("层级", "tier");
        let mut groups: Vec<&Group> = roll.by_tier.iter().collect();
        groups.push(&total);
        table(ws, &f, 0, &h, &groups, tp)?;
        print_setup(ws, (0, 0))?;
    }
    // Sheet 3: by light, with a chart of the counts.
    let levels_name = lang.pick("按预警等级", "By light");
    let ws = wb.add_worksheet().set_name(levels_name)?;
    ws.write_string_with_format(0, 0, lang.pick("预警等级", "light"), &f.head)?;
    ws.write_string_with_format(0, 1, lang.pick("项目数", "projects"), &f.head)?;
    let c = &roll.county;
    let rows = [
        (lang.pick("红色", "red"), c.red, RED),
        (lang.pick("黄色", "yellow"), c.yellow, YELLOW),
        (lang.pick("绿色", "green"), c.green, GREEN),
        (lang.pick("超额", "over"), c.over, BLUE),
        (lang.pick("暂无法判断", "not assessable"), c.na, GREY),
    ];
    for (i, (name, n, fill)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, *name, &f.text.clone().set_background_color(*fill))?;
        ws.write_number_with_format(r, 1, *n as f64, &f.int)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 10)?;
    let mut counts = Chart::new(ChartType::Column);
    counts
        .add_series()
        .set_name(lang.pick("项目数", "projects"))
        .set_categories((levels_name, 1, 0, 5, 0))
        .set_values((levels_name, 1, 1, 5, 1));
    counts
        .title()
        .set_name(lang.pick("各预警等级项目数", "Projects by light"));
    counts.legend().set_hidden();
    ws.insert_chart(7, 0, &counts)?;
    print_setup(ws, (0, 0))?;
    if let Some(d) = &roll.disclosure {
        disclosure(&mut wb, &f, report, d)?;
    }
    // The 附件 the narrative refers to: every lagging project, every proposal.
    for (title, head, rows) in crate::render::report::annex_tables(report, roll) {
        annex(&mut wb, &f, &title, &head, &rows)?;
    }
    Ok(wb)
}

/// An 附件 sheet (named by its number, `附件1`): its title, then the table.
fn annex(
    wb: &mut Workbook,
    f: &Formats,
    title: &str,
    head: &[String; 8],
    rows: &[[String; 8]],
) -> Result<(), XlsxError> {
    // `附件1 …` is the sheet 附件1, `Annex 1: …` the sheet Annex 1.
    let name = match title.split_once(':') {
        Some((name, _)) => name,
        None => title.split(' ').next().unwrap_or(title),
    };
    let ws = wb.add_worksheet().set_name(name)?;
    let width = head.iter().filter(|h| !h.is_empty()).count().max(1);
    let wrap = f.text.clone().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths = ColumnWidths::new();
    ws.write_string_with_format(0, 0, title, &f.title)?;
    for (c, h) in head[..width].iter().enumerate() {
        ws.write_string_with_format(1, c as u16, h, &f.head)?;
        widths.see_text(c as u16, h);
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        // Written bare, then formatted a row at a time: rust_xlsxwriter
        // hashes the whole format on every formatted write.
        for (c, text) in row[..width].iter().enumerate() {
            ws.write_string(r, c as u16, text)?;
            widths.see_text(c as u16, text);
        }
        ws.set_range_format(r, 0, r, width as u16 - 1, &wrap)?;
    }
    let resolved = widths.apply(ws)?;
    // The long reasons wrap in their column: each row as tall as its text.
    for (i, row) in rows.iter().enumerate() {
        let lines = row[..width]
            .iter()
            .enumerate()
            .map(|(c, t)| super::common::wrapped_lines(t, resolved.width(c as u16)))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(
                i as u32 + 2,
                (lines as f64 * super::common::LINE_HEIGHT).min(409.0),
            )?;
        }
    }
    print_setup(ws, (1, 1))?;
    Ok(())
}

/// The 信息公开 sheet: every publication record, late and overdue ones red, those due soon yellow.
fn disclosure(
    wb: &mut Workbook,
    f: &Formats,
    report: &Report,
    d: &crate::report::Disclosure,
) -> Result<(), XlsxError> {
    use crate::disclose::Standing;
    let lang = report.lang;
    let ws = wb
        .add_worksheet()
        .set_name(lang.pick("信息公开", "Disclosure"))?;
    let head = [
        lang.pick("单位", "unit"),
        lang.pick("公开事项", "item"),
        lang.pick("类型", "kind"),
        lang.pick("报告形成日期", "formed"),
        lang.pick("应公开日期", "due"),
        lang.pick("公开日期", "published"),
        lang.pick("状态", "standing"),
        lang.pick("逾期天数", "days late"),
        lang.pick("公开网址", "where"),
    ];
    let mut widths = ColumnWidths::new();
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
        widths.see_text(c as u16, h);
    }
    let date = |x: Option<chrono::NaiveDate>| x.map(|v| v.to_string()).unwrap_or_default();
    for (i, x) in d.records.iter().enumerate() {
        let p = &report.reading.publications[x.index];
        let r = i as u32 + 1;
        let fill = match x.standing {
            Standing::Late | Standing::Overdue => Some(RED),
            Standing::DueSoon => Some(YELLOW),
            Standing::OnTime => Some(GREEN),
            Standing::Pending | Standing::Unknown => None,
        };
        let texts = [
            p.unit.as_ref().map(|u| u.value.clone()).unwrap_or_default(),
            p.name.value.clone(),
            p.kind
                .as_ref()
                .map(|k| lang.pick(k.value.zh(), k.value.en()).to_string())
                .unwrap_or_default(),
            date(p.formed.as_ref().map(|v| v.value)),
            date(x.due),
            date(p.published.as_ref().map(|v| v.value)),
            match (x.missing, lang) {
                // Which date is missing, so the officer knows what to fill in.
                (Some(m), Lang::Zh) => format!("{}（{}）", x.standing.zh(), m.zh()),
                (Some(m), Lang::En) => format!("{} (no {})", x.standing.en(), m.en()),
                (None, _) => lang.pick(x.standing.zh(), x.standing.en()).to_string(),
            },
        ];
        for (c, t) in texts.iter().enumerate() {
            let format = match (c, fill) {
                (6, Some(rgb)) => f.text.clone().set_background_color(rgb),
                _ => f.text.clone(),
            };
            ws.write_string_with_format(r, c as u16, t, &format)?;
            widths.see_text(c as u16, t);
        }
        match x.days_late {
            Some(n) => ws.write_number_with_format(r, 7, n as f64, &f.int)?,
            None => ws.write_blank(r, 7, &f.int)?,
        };
        let place = p.place.as_ref().map_or("", |v| v.value.as_str());
        ws.write_string_with_format(r, 8, place, &f.text)?;
        widths.see_text(8, place);
    }
    widths.apply(ws)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, (0, 0))?;
    Ok(())
}

/// One roll-up table at `first`; returns the row after its last and the
/// column widths it set.
fn table(
    ws: &mut Worksheet,
    f: &Formats,
    first: u32,
    head: &[&str],
    groups: &[&Group],
    tp: f64,
) -> Result<(u32, super::common::Resolved), XlsxError> {
    let mut widths = ColumnWidths::new();
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(first, c as u16, *h, &f.head)?;
        widths.see_text(c as u16, h);
    }
    if head.iter().any(|h| h.contains('\n')) {
        ws.set_row_height(first, 2.0 * super::common::LINE_HEIGHT)?;
    }
    let mut r = first + 1;
    for g in groups {
        ws.write_string_with_format(r, 0, &g.key, &f.text)?;
        widths.see_text(0, &g.key);
        ws.write_number_with_format(r, 1, g.projects as f64, &f.int)?;
        ws.write_number_with_format(r, 2, g.budget, &f.money)?;
        ws.write_number_with_format(r, 3, g.executed, &f.money)?;
        match g.rate() {
            Some(rate) => ws.write_number_with_format(r, 4, rate, &f.rate)?,
            None => ws.write_blank(r, 4, &f.rate)?,
        };
        ws.write_number_with_format(r, 5, tp, &f.rate)?;
        match g.lag_pp(tp) {
            Some(lag) => ws.write_number_with_format(r, 6, lag, &f.gap)?,
            None => ws.write_blank(r, 6, &f.gap)?,
        };
        for (c, (n, fill)) in [
            (g.red, RED),
            (g.yellow, YELLOW),
            (g.green, GREEN),
            (g.over, BLUE),
            (g.na, GREY),
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_number_with_format(r, 7 + c as u16, n as f64, &f.count(n, fill))?;
        }
        r += 1;
    }
    // Room for 10,481.03 and the like.
    for c in 1..head.len() as u16 {
        widths.see(c, 9);
    }
    let resolved = widths.apply(ws)?;
    ws.set_freeze_panes(first + 1, 1)?;
    ws.autofilter(
        first,
        0,
        r.saturating_sub(1).max(first),
        head.len() as u16 - 1,
    )?;
    Ok((r, resolved))
}
