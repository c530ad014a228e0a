//! The monitoring workbook of `perf monitor -o`: 监控汇总, 执行进度图, 指标监控, 问题清单, the filled forms.
//!
//! Sheets, in order:
//! - 监控汇总: the summary sentence, then one row per project with both
//!   lights coloured (红 FFC7CE, 黄 FFEB9C, 绿 C6EFCE, 超额 BDD7EE, 暂无法判断
//!   grey), its indicators counted per light, and the proposed actions with
//!   their reasons. `--previous` reads this sheet back next month
//!   (`monitor::previous::from_workbook`), so its header texts are part of the contract.
//! - 执行进度图: budget and executed summed per unit, the unit's execution
//!   rate beside 序时进度, and a column chart of the rates with the time
//!   progress as a line (the table is the chart's data).
//! - 指标监控: one row per indicator: target, actual, expected to date,
//!   progress, light, stated reasons, the unit's completion possibility.
//! - 问题清单: every finding, linked to its cell in the copies.
//! - the input sheets holding execution or monitoring tables (the official
//!   项目支出绩效目标执行监控表 among them) re-created with each flagged cell
//!   filled and noted.

use crate::say;
use std::path::Path;

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartFont, ChartSeries, Workbook, XlsxError};

use super::common::{self, SheetJob, SheetNames};
use super::copies::{self, Copies};
use super::problems;
use super::styles::Styles;
use super::table::{Column, Kind, Looks, Out, TableSheet, project_columns};
use crate::diag::Counts;
use crate::i18n::Lang;
use crate::layout::TableKind;
use crate::model::{Located, Possibility, ReasonKind};
use crate::monitor::Level;
use crate::monitor::assemble::Monitored;
use crate::parse::Parsed;
use crate::read::Workbook as Book;
use crate::render::monitor::Report;

/// Grey fill of a light that cannot be judged yet (暂无法判断).
pub const NA_FILL: u32 = 0xEDEDED;

/// The name of the summary sheet `--previous` looks for, in either language.
use crate::monitor::previous::{SUMMARY_EN, SUMMARY_ZH};

/// The fill of a light.
pub fn level_fill(level: Level) -> u32 {
    match level {
        Level::Red => common::ERROR_FILL,
        Level::Yellow => common::WARNING_FILL,
        Level::Green => common::PASS_FILL,
        Level::Over => common::INFO_FILL,
        Level::Na => NA_FILL,
    }
}

/// Writes the monitoring workbook to `out` (atomically).
///
/// Refuses an `out` that is one of the inputs. `books` are the input
/// workbooks in the order the reading added them.
pub fn write(out: &Path, report: &Report, books: &[Book]) -> Result<()> {
    prepare(out, report, books)?.save()
}

/// Builds the workbook [`write`] saves, to be saved to `out` later.
pub fn prepare(out: &Path, report: &Report, books: &[Book]) -> Result<common::Built> {
    common::prepare(out, books, report.reading, ("监控", "monitoring"), || {
        build(report, books)
    })
}

/// Builds the workbook in memory (what [`write`] saves), and says how
/// many of its sheets are copied inputs.
pub fn build(report: &Report, books: &[Book]) -> Result<(Workbook, usize), XlsxError> {
    let lang = report.lang;
    let summary_name = lang.pick(SUMMARY_ZH, SUMMARY_EN);
    let chart_name = lang.pick("执行进度图", "Execution chart");
    let indicators_name = lang.pick("指标监控", "Indicators");
    let list_name = problems::sheet_name(lang);
    let mut names = SheetNames::new();
    for n in [summary_name, chart_name, indicators_name, list_name] {
        names.reserve(n);
    }
    let copies = Copies::plan_summary(books, report.reading, &mut names, copied);
    let marks = copies.marks(report.findings, lang);

    let mut workbook = Workbook::new();
    // Level 1 of 9: the files stay small enough and write several times faster.
    workbook.set_zip_compression_level(1);
    let styles = Styles::new();
    let units = units(report);
    let copies = &copies;

    let mut jobs = vec![SheetJob::streamed(summary_name, move |ws| {
        write_summary(ws, &mut Looks::new(), report, copies)?;
        ws.set_active(true);
        Ok(())
    })];
    if !units.is_empty() {
        let units = &units;
        jobs.push(SheetJob::streamed(chart_name, move |ws| {
            write_chart(ws, &mut Looks::new(), report, units, chart_name)
        }));
    }
    jobs.push(SheetJob::streamed(indicators_name, move |ws| {
        write_indicators(ws, &mut Looks::new(), report)
    }));
    let styles = &styles;
    jobs.push(SheetJob::streamed(list_name, move |ws| {
        problems::write(ws, report.findings, copies, styles, lang)
    }));
    jobs.extend(copies::jobs(copies, &marks, styles));
    common::add_sheets(&mut workbook, jobs)?;
    let copied = copies.list.len();
    Ok((workbook, copied))
}

// ---------------------------------------------------------------------------
// 监控汇总
// ---------------------------------------------------------------------------

/// The lights counted in 监控汇总, in column order.
const COUNTED: [Level; 5] = [
    Level::Red,
    Level::Yellow,
    Level::Green,
    Level::Over,
    Level::Na,
];

fn level_word(level: Level, lang: Lang) -> &'static str {
    lang.pick(level.zh(), level.key())
}

/// The sentence above a table: the report's own, then the findings in short.
fn summary_text(report: &Report) -> String {
    let c = Counts::of(report.findings);
    let n = report.findings.len();
    match report.lang {
        Lang::Zh => format!(
            "{}发现问题{n}条（错误{}、警告{}、提示{}），明细见「问题清单」；标色的单元格带批注。",
            report.summary(),
            c.errors,
            c.warnings,
            c.infos
        ),
        Lang::En => format!(
            "{} {n} findings ({} errors, {} warnings, {} infos) are listed on Findings; each coloured cell has a note.",
            report.summary(),
            c.errors,
            c.warnings,
            c.infos
        ),
    }
}

fn write_summary(
    ws: &mut rust_xlsxwriter::Worksheet,
    looks: &mut Looks,
    report: &Report,
    copies: &Copies,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    let group = lang.pick("指标个数", "Indicators per light");
    let mut columns = project_columns(lang, ("已执行\n（万元）", "Executed\n(10k yuan)"));
    columns.extend([
        Column::new(lang.pick("序时进度", "Time progress"), Kind::Rate),
        Column::new(lang.pick("执行进度比", "Pace"), Kind::Rate),
        Column::new(lang.pick("差距\n（百分点）", "Gap (pp)"), Kind::Pp),
        Column::new(lang.pick("执行预警", "Execution"), Kind::Centred),
        Column::new(lang.pick("指标预警", "Indicators"), Kind::Centred),
    ]);
    columns.extend(
        COUNTED
            .iter()
            .map(|l| Column::grouped(level_word(*l, lang), Kind::Count, group)),
    );
    columns.push(Column::new(lang.pick("建议措施", "Actions"), Kind::Text));
    columns.push(Column::new(lang.pick("措施理由", "Why"), Kind::Text));

    let title = say!(
        lang,
        ("预算绩效运行监控汇总表（{}）", report.as_of_text()),
        ("Performance monitoring summary ({})", report.as_of_text())
    );
    let summary = summary_text(report);
    let mut t = TableSheet::begin(ws, looks, &title, Some(&summary), &columns)?;
    let tp = report.as_of.time_progress();
    for (i, m) in report.monitored.iter().enumerate() {
        let e = m.execution;
        let mut cells = vec![
            Out::text(m.unit.as_deref().unwrap_or("")),
            Out::text(m.code.as_deref().unwrap_or("")),
            Out::link(project_link(report, m, copies), m.name.as_str()),
            Out::opt(e.map(|e| e.budget)),
            Out::opt(e.map(|e| e.executed)),
            Out::opt(e.map(|e| e.rate)),
            Out::num(tp),
            Out::opt(e.map(|e| e.pace)),
            Out::opt(e.map(|e| e.lag_pp)),
            Out::text(level_word(m.level, lang)).fill(Some(level_fill(m.level))),
            Out::text(level_word(m.indicator_level, lang))
                .fill(Some(level_fill(m.indicator_level))),
        ];
        for level in COUNTED {
            let n = m
                .indicators
                .iter()
                .filter(|w| w.judged.level == level)
                .count();
            // Only the lights that need attention stand out.
            let fill =
                (n > 0 && level != Level::Green && level != Level::Na).then(|| level_fill(level));
            cells.push(Out::num(n as f64).fill(fill));
        }
        let actions = &report.actions[i];
        let sep = lang.pick("；", "; ");
        cells.push(Out::text(
            actions
                .iter()
                .map(|a| a.kind.label(lang))
                .collect::<Vec<_>>()
                .join(sep),
        ));
        cells.push(Out::text(
            actions
                .iter()
                .map(|a| a.reason.as_str())
                .collect::<Vec<_>>()
                .join(sep),
        ));
        t.row(cells)?;
    }
    t.finish()?;
    Ok(())
}

/// A link to the project's name in the first copied sheet that tells of it.
fn project_link(report: &Report, m: &Monitored, copies: &Copies) -> Option<rust_xlsxwriter::Url> {
    m.sources.iter().find_map(|&p| {
        let project = report.reading.projects.get(p)?;
        copies.link_at(report.reading.table_of(project), project.name.at)
    })
}

// ---------------------------------------------------------------------------
// 执行进度图
// ---------------------------------------------------------------------------

/// One unit's projects summed.
struct UnitTotal<'a> {
    name: &'a str,
    projects: usize,
    budget: f64,
    executed: f64,
}

/// Budget and executed per unit, over the projects whose execution was
/// judged or whose spending is kept without a usable budget, in the order
/// the units first appear (stable from month to month).
fn units<'a>(report: &Report<'a>) -> Vec<UnitTotal<'a>> {
    let mut out: Vec<UnitTotal<'a>> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let unnamed = report.lang.pick("（未注明单位）", "(no unit)");
    for m in report.monitored {
        let Some((budget, executed)) = m.counted_money() else {
            continue;
        };
        let name = m.unit.as_deref().map(str::trim).unwrap_or(unnamed);
        let i = *at.entry(name).or_insert_with(|| {
            out.push(UnitTotal {
                name,
                projects: 0,
                budget: 0.0,
                executed: 0.0,
            });
            out.len() - 1
        });
        out[i].projects += 1;
        out[i].budget += budget;
        out[i].executed += executed;
    }
    out.retain(|u| u.budget > 0.0);
    out
}

fn write_chart(
    ws: &mut rust_xlsxwriter::Worksheet,
    looks: &mut Looks,
    report: &Report,
    units: &[UnitTotal],
    sheet: &str,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    let rate_header = lang.pick("执行率", "Execution rate");
    let tp_header = lang.pick("序时进度", "Time progress");
    let columns = [
        Column::new(lang.pick("单位", "Unit"), Kind::Text),
        Column::new(lang.pick("项目数", "Projects"), Kind::Count),
        Column::new(
            lang.pick("全年预算\n（万元）", "Budget\n(10k yuan)"),
            Kind::Money,
        ),
        Column::new(
            lang.pick("已执行\n（万元）", "Executed\n(10k yuan)"),
            Kind::Money,
        ),
        Column::new(rate_header, Kind::Rate),
        Column::new(tp_header, Kind::Rate),
    ];
    let title = say!(
        lang,
        ("各单位预算执行率与序时进度（{}）", report.as_of_text()),
        (
            "Execution rate by unit against time progress ({})",
            report.as_of_text()
        )
    );
    let tp = report.as_of.time_progress();
    let mut t = TableSheet::begin(ws, looks, &title, None, &columns)?;
    let first = t.next_row();
    for u in units {
        t.row(vec![
            Out::text(u.name),
            Out::num(u.projects as f64),
            Out::num(u.budget),
            Out::num(u.executed),
            Out::num(u.executed / u.budget),
            Out::num(tp),
        ])?;
    }
    let last = t.finish()?;

    let mut chart = Chart::new_column();
    chart
        .add_series()
        .set_name(rate_header)
        .set_categories((sheet, first, 0, last, 0))
        .set_values((sheet, first, 4, last, 4));
    let mut line = Chart::new_line();
    line.push_series(
        ChartSeries::new()
            .set_name(tp_header)
            .set_categories((sheet, first, 0, last, 0))
            .set_values((sheet, first, 5, last, 5)),
    );
    chart.combine(&line);
    chart
        .title()
        .set_name(lang.pick("预算执行率与序时进度", "Execution rate and time progress"))
        .set_font(ChartFont::new().set_size(12).set_bold());
    chart.y_axis().set_num_format("0%").set_min(0);
    if units.len() > 6 {
        // Unit names are long; slanted they do not overlap.
        chart.x_axis().set_font(ChartFont::new().set_rotation(-45));
    }
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    let width = (units.len() as u32 * 56 + 240).clamp(560, 1800);
    chart.set_width(width).set_height(380);
    // Beside the table, at the top, so it prints on the first page.
    ws.insert_chart(1, columns.len() as u16 + 1, &chart)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// 指标监控
// ---------------------------------------------------------------------------

fn reason_word(r: ReasonKind, lang: Lang) -> &'static str {
    match r {
        ReasonKind::Funding => lang.pick("经费保障", "funding"),
        ReasonKind::System => lang.pick("制度保障", "rules"),
        ReasonKind::Staff => lang.pick("人员保障", "staff"),
        ReasonKind::Hardware => lang.pick("硬件条件保障", "equipment"),
        ReasonKind::Other => lang.pick("其他", "other"),
    }
}

fn possibility_word(p: Possibility, lang: Lang) -> &'static str {
    match p {
        Possibility::Sure => lang.pick("确定能", "sure"),
        Possibility::Maybe => lang.pick("有可能", "maybe"),
        Possibility::Impossible => lang.pick("完全不可能", "impossible"),
    }
}

/// One row per indicator. The names are not linked to the forms: a county
/// has tens of thousands of indicators and a hyperlink costs more to write
/// than the rest of its row; the flagged ones are linked from 问题清单.
fn write_indicators(
    ws: &mut rust_xlsxwriter::Worksheet,
    looks: &mut Looks,
    report: &Report,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    let columns = [
        Column::new(lang.pick("单位", "Unit"), Kind::Text),
        Column::new(lang.pick("项目", "Project"), Kind::Text),
        Column::new(lang.pick("二级指标", "Level 2"), Kind::Text),
        Column::new(lang.pick("三级指标", "Indicator"), Kind::Text),
        Column::new(lang.pick("年度指标值", "Target"), Kind::Centred),
        Column::new(lang.pick("实际完成", "Actual"), Kind::Centred),
        Column::new(lang.pick("全年预计完成", "Forecast"), Kind::Centred),
        // Centred like the values beside it (and one format run fewer a row).
        Column::new(lang.pick("序时应完成", "Expected to date"), Kind::Centred),
        Column::new(lang.pick("进度", "Progress"), Kind::Rate),
        Column::new(lang.pick("预警", "Light"), Kind::Centred),
        Column::new(lang.pick("偏差原因", "Reason"), Kind::Text),
        Column::new(lang.pick("完成目标可能性", "Possibility"), Kind::Centred),
    ];
    let title = say!(
        lang,
        ("绩效指标运行监控明细（{}）", report.as_of_text()),
        ("Indicators monitored ({})", report.as_of_text())
    );
    let mut t = TableSheet::begin(ws, looks, &title, None, &columns)?;
    for m in report.monitored {
        for w in &m.indicators {
            let project = &report.reading.projects[w.project];
            let ind = &project.indicators[w.index];
            let j = &w.judged;
            let mut reason = ind
                .reasons
                .iter()
                .map(|r| reason_word(*r, lang))
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "));
            if let Some(text) = &ind.reason_text {
                if !reason.is_empty() {
                    reason.push_str(lang.pick("：", ": "));
                }
                reason.push_str(&text.value);
            }
            t.row(vec![
                Out::text(m.unit.as_deref().unwrap_or("")),
                Out::text(m.name.as_str()),
                Out::text(ind.level2.as_ref().map_or("", |l| l.value.as_str())),
                Out::text(ind.name.value.as_str()),
                Out::text(raw(&ind.target)),
                Out::text(raw(&ind.actual)),
                Out::text(raw(&ind.forecast)),
                // The expected value is derived (target × time progress): two decimals say enough.
                Out::opt(j.expected.map(crate::evaluate::round2)),
                Out::opt(j.progress),
                Out::text(level_word(j.level, lang)).fill(Some(level_fill(j.level))),
                Out::text(reason),
                Out::text(
                    ind.possibility
                        .as_ref()
                        .map_or("", |p| possibility_word(p.value, lang)),
                ),
            ])?;
        }
    }
    t.finish()?;
    Ok(())
}

/// The text of a value as written, or nothing.
fn raw(p: &Option<Located<Parsed>>) -> &str {
    p.as_ref().map_or("", |x| x.value.raw.as_str())
}

#[cfg(test)]
mod tests;

/// The input tables the monitoring workbook re-creates (official forms always,
/// flat sheets for a department-sized run).
pub fn copied(t: &crate::layout::Table) -> bool {
    matches!(t.kind, TableKind::Monitoring | TableKind::Execution)
}
