//! The annotated workbook of `perf check -o`: 审核结果, 问题清单, then every input table with findings marked.
//!
//! rust_xlsxwriter cannot edit a file, so every input sheet that holds a
//! recognised table is rebuilt from what was read (values with their types,
//! merged cells, dates), then each finding's cell is filled by severity and
//! given a note (批注) with its messages. In front come a sheet per project
//! (审核结果) and a list of every finding with a link to its cell (问题清单).
//! The copies and the list are the shared ones of [`super::copies`] and
//! [`super::problems`], as in the monitoring and self-evaluation workbooks.

use crate::say;
use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::common::{self, Built, ColumnWidths, MAX_LINKS, SheetNames};
use super::copies::{self, Copies};
use super::problems::{self, dimension_name};
use super::styles::Styles;
use crate::diag::{Counts, Finding, Severity};
use crate::i18n::Lang;
use crate::layout::Reading;
use crate::model::Dimension;
use crate::read::Workbook as Book;
use crate::rules::verdict::Verdict;

/// Writes the annotated review workbook to `out` (atomically): [`prepare`], then save.
pub fn write(
    out: &Path,
    books: &[Book],
    reading: &Reading,
    verdicts: &[Verdict],
    findings: &[Finding],
    lang: Lang,
) -> Result<()> {
    prepare(out, books, reading, verdicts, findings, lang)?.save()
}

/// Builds the annotated review workbook, to be saved to `out` (atomically).
///
/// Refuses an `out` that is one of the inputs. `books` are the workbooks as
/// read, in the order `reading` added them (a table's `input` indexes them).
pub fn prepare(
    out: &Path,
    books: &[Book],
    reading: &Reading,
    verdicts: &[Verdict],
    findings: &[Finding],
    lang: Lang,
) -> Result<Built> {
    common::prepare(out, books, reading, ("审核", "review"), || {
        build(books, reading, verdicts, findings, lang)
    })
}

/// Builds the workbook in memory (what [`write`] saves), and says how
/// many of its sheets are copied inputs.
pub fn build(
    books: &[Book],
    reading: &Reading,
    verdicts: &[Verdict],
    findings: &[Finding],
    lang: Lang,
) -> Result<(Workbook, usize), XlsxError> {
    let review_name = lang.pick("审核结果", "Review");
    let list_name = problems::sheet_name(lang);
    let mut names = SheetNames::new();
    names.reserve(review_name);
    names.reserve(list_name);
    let copies = Copies::plan(books, reading, &mut names, |_| true);
    let marks = copies.marks(findings, lang);

    let mut workbook = Workbook::new();
    // Level 1 of 9: the files stay small enough and write several times faster.
    workbook.set_zip_compression_level(1);
    let styles = Styles::new();

    let ws = workbook.add_worksheet();
    ws.set_name(review_name)?;
    write_review(ws, reading, verdicts, findings, &copies, &styles, lang)?;

    let ws = workbook.add_worksheet();
    ws.set_name(list_name)?;
    problems::write(ws, findings, &copies, &styles, lang)?;

    copies::write_all(&mut workbook, &copies, &marks, &styles)?;
    let copied = copies.list.len();
    Ok((workbook, copied))
}

// ---------------------------------------------------------------------------
// 审核结果
// ---------------------------------------------------------------------------

fn write_review(
    ws: &mut Worksheet,
    reading: &Reading,
    verdicts: &[Verdict],
    findings: &[Finding],
    copies: &Copies,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut headers: Vec<&str> = vec![
        lang.pick("单位", "Unit"),
        lang.pick("项目编码", "Code"),
        lang.pick("项目名称", "Project"),
        lang.pick("结论", "Verdict"),
    ];
    headers.extend(Dimension::ALL.iter().map(|d| dimension_name(*d, lang)));
    headers.extend([
        lang.pick("错误数", "Errors"),
        lang.pick("警告数", "Warnings"),
        lang.pick("提示数", "Infos"),
        lang.pick("问题代码", "Codes"),
    ]);
    let last_col = (headers.len() - 1) as u16;

    // The severity of each code, as this run's findings have it.
    let mut severity_of: HashMap<&str, Severity> = HashMap::new();
    for f in findings {
        severity_of.entry(f.code.as_str()).or_insert(f.severity);
    }

    let passed = verdicts.iter().filter(|v| v.pass).count();
    let counts = Counts::of(findings);
    let title = lang.pick("预算绩效目标审核结果", "Performance target review");
    ws.merge_range(0, 0, 0, last_col, title, &styles.title)?;
    ws.set_row_height(0, 28)?;
    let summary = say!(
        lang,
        (
            "共 {} 个项目：通过 {} 个，不通过 {} 个。问题 {} 条：错误 {}、警告 {}、提示 {}（明细见「问题清单」，单元格的批注写明问题）",
            verdicts.len(),
            passed,
            verdicts.len() - passed,
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        ),
        (
            "{} projects: {} pass, {} fail. {} findings: {} errors, {} warnings, {} infos (listed on Findings; each marked cell has a note)",
            verdicts.len(),
            passed,
            verdicts.len() - passed,
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        )
    );
    ws.merge_range(1, 0, 1, last_col, &summary, &styles.summary)?;

    let header_row = 2;
    let mut widths = ColumnWidths::new();
    for (c, h) in headers.iter().enumerate() {
        common::write_text(ws, header_row, c as u16, h, &styles.header)?;
        widths.see_text(c as u16, h);
    }
    let mut row = header_row;
    for v in verdicts {
        row += 1;
        let text = |ws: &mut Worksheet, col: u16, s: &str, w: &mut ColumnWidths| {
            w.see_text(col, s);
            common::write_text(ws, row, col, s, &styles.body)
        };
        text(ws, 0, v.unit.as_deref().unwrap_or(""), &mut widths)?;
        text(ws, 1, v.code.as_deref().unwrap_or(""), &mut widths)?;
        widths.see_text(2, &v.name);
        match project_link(reading, v, copies).filter(|_| row < MAX_LINKS as u32) {
            Some(url) => {
                ws.write_url_with_format(
                    row,
                    2,
                    url.set_text(common::cell_text(&v.name)),
                    &styles.link,
                )?;
            }
            None => common::write_text(ws, row, 2, &v.name, &styles.body)?,
        }
        let verdict = if v.pass {
            lang.pick("通过", "pass")
        } else {
            lang.pick("不通过", "fail")
        };
        let format = if v.pass { &styles.pass } else { &styles.fail };
        common::write_text(ws, row, 3, verdict, format)?;
        widths.see_text(3, verdict);
        for (i, d) in Dimension::ALL.iter().enumerate() {
            let n = v.dimensions.get(d).copied().unwrap_or(0);
            ws.write_number_with_format(row, 4 + i as u16, n as f64, &styles.centred)?;
        }
        let mut by_severity = [0usize; 3];
        for (code, n) in &v.findings {
            match severity_of.get(code) {
                Some(Severity::Error) => by_severity[0] += n,
                Some(Severity::Warning) => by_severity[1] += n,
                Some(Severity::Info) => by_severity[2] += n,
                None => {}
            }
        }
        let sev = [Severity::Error, Severity::Warning, Severity::Info];
        for (i, (n, s)) in by_severity.iter().zip(sev).enumerate() {
            let format = if *n > 0 {
                styles.severity(s)
            } else {
                &styles.centred
            };
            ws.write_number_with_format(row, 9 + i as u16, *n as f64, format)?;
        }
        let codes = v
            .findings
            .iter()
            .map(|(code, n)| format!("{code}×{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        text(ws, 12, &codes, &mut widths)?;
    }
    if verdicts.is_empty() {
        row += 1;
        let none = lang.pick("（未识别出项目）", "(no projects recognised)");
        common::write_text(ws, row, 0, none, &styles.body)?;
    }
    let widths = widths.apply(ws)?;
    let total = widths.span(0, last_col);
    let mut heights = common::RowHeights::new();
    heights.need(
        1,
        1,
        common::wrapped_lines(&summary, total),
        common::LINE_HEIGHT,
    );
    for (i, v) in verdicts.iter().enumerate() {
        let lines = [(0, v.unit.as_deref().unwrap_or("")), (2, v.name.as_str())]
            .iter()
            .map(|(c, t)| common::wrapped_lines(t, widths.width(*c)))
            .max()
            .unwrap_or(1);
        heights.need(header_row + 1 + i as u32, 1, lines, common::LINE_HEIGHT);
    }
    heights.apply(ws)?;
    common::print_setup(ws, (header_row, header_row))?;
    ws.autofilter(header_row, 0, row, last_col)?;
    ws.set_active(true);
    Ok(())
}

/// A link to the cell of a verdict's project name in its copied sheet.
fn project_link(reading: &Reading, v: &Verdict, copies: &Copies) -> Option<rust_xlsxwriter::Url> {
    let project = reading.projects.get(v.project?)?;
    let table = reading.tables.get(project.table)?;
    copies.link_at(table, project.name.at)
}

#[cfg(test)]
mod tests;
