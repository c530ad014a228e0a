//! The 问题清单 sheet every perf workbook carries: one row per finding, its cell linked to the copied sheet.

use crate::say;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::common::{self, ColumnWidths, MAX_LINKS};
use super::copies::Copies;
use super::styles::Styles;
use crate::diag::{Counts, Finding};
use crate::i18n::Lang;
use crate::model::Dimension;

/// The sheet's name: 问题清单 / Findings.
pub fn sheet_name(lang: Lang) -> &'static str {
    lang.pick("问题清单", "Findings")
}

/// A dimension as the officer reads it (数量 / Quantity …).
pub fn dimension_name(d: Dimension, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => d.zh(),
        Lang::En => match d {
            Dimension::Quantity => "Quantity",
            Dimension::Quality => "Quality",
            Dimension::Timeliness => "Timeliness",
            Dimension::Cost => "Cost",
            Dimension::Effect => "Effect",
        },
    }
}

/// Writes the list of `findings`: title with the counts, a header row, a row
/// per finding whose cell links to its copy in `copies` (when copied).
pub fn write(
    ws: &mut Worksheet,
    findings: &[Finding],
    copies: &Copies,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let headers = [
        lang.pick("代码", "Code"),
        lang.pick("级别", "Severity"),
        lang.pick("文件", "File"),
        lang.pick("工作表", "Sheet"),
        lang.pick("单元格", "Cell"),
        lang.pick("单位", "Unit"),
        lang.pick("项目", "Project"),
        lang.pick("维度", "Dimension"),
        lang.pick("指标", "Indicator"),
        lang.pick("说明", "Message"),
    ];
    let last_col = (headers.len() - 1) as u16;
    let counts = Counts::of(findings);
    let title = say!(
        lang,
        (
            "问题清单（共 {} 条：错误 {}、警告 {}、提示 {}）",
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        ),
        (
            "Findings ({}: {} errors, {} warnings, {} infos)",
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        )
    );
    // Sized before anything is written, so that each row gets its height
    // before the next one (the sheet is streamed: see `SheetJob::streamed`).
    let mut widths = ColumnWidths::new();
    for (c, h) in headers.iter().enumerate() {
        widths.see_text(c as u16, h);
    }
    for f in findings {
        for (col, s) in texts_of(f, lang) {
            widths.see_text(col, s);
        }
        if let Some(cell) = f.cell.as_deref() {
            widths.see_text(4, cell);
        }
    }
    let widths = widths.apply(ws)?;
    ws.set_row_height(0, 28)?;
    ws.merge_range(0, 0, 0, last_col, &title, &styles.title)?;
    let header_row = 1;
    for (c, h) in headers.iter().enumerate() {
        common::write_text(ws, header_row, c as u16, h, &styles.header)?;
    }
    let mut links = 0;
    let mut row = header_row;
    for f in findings {
        row += 1;
        let wrapped = [
            (2, f.file.as_str()),
            (6, f.project.as_deref().unwrap_or("")),
            (8, f.indicator.as_deref().unwrap_or("")),
            (9, f.message.as_str()),
        ]
        .iter()
        .map(|(c, t)| common::wrapped_lines(t, widths.width(*c)))
        .max()
        .unwrap_or(1);
        common::fit_lines(ws, row, wrapped)?;
        // The cells are written bare, then formatted a run of columns at a
        // time: rust_xlsxwriter hashes the whole format on every formatted
        // write, and a county has tens of thousands of findings. The code is
        // centred, the severity coloured, the rest plain text.
        for (col, s) in texts_of(f, lang) {
            if !s.is_empty() {
                ws.write_string(row, col, common::cell_text(s))?;
            }
        }
        ws.set_range_format(row, 0, row, 0, &styles.centred)?;
        ws.set_range_format(row, 1, row, 1, styles.severity(f.severity))?;
        let target = f.cell.as_deref().and_then(|cell| {
            f.sheet
                .as_deref()
                .filter(|_| links < MAX_LINKS)
                .and_then(|s| copies.link(&f.file, s, cell))
                .map(|url| url.set_text(common::cell_text(cell)))
        });
        match target {
            Some(url) => {
                links += 1;
                ws.set_range_format(row, 2, row, 3, &styles.body)?;
                ws.write_url_with_format(row, 4, url, &styles.link)?;
                ws.set_range_format(row, 5, row, last_col, &styles.body)?;
            }
            None => {
                if let Some(cell) = f.cell.as_deref() {
                    ws.write_string(row, 4, cell)?;
                }
                ws.set_range_format(row, 2, row, last_col, &styles.body)?;
            }
        }
    }
    common::print_setup(ws, (header_row, header_row))?;
    // Across pages rather than shrunk below 8 points; the code repeated.
    common::print_wide(ws, &widths, last_col, 1)?;
    ws.autofilter(header_row, 0, row, last_col)?;
    Ok(())
}

/// The text columns of a finding's row: (column, text).
fn texts_of(f: &Finding, lang: Lang) -> [(u16, &str); 9] {
    [
        (0, f.code.as_str()),
        (1, lang.pick(f.severity.zh(), f.severity.key())),
        (2, &f.file),
        (3, f.sheet.as_deref().unwrap_or("")),
        (5, f.unit.as_deref().unwrap_or("")),
        (6, f.project.as_deref().unwrap_or("")),
        (
            7,
            f.dimension.map(|d| dimension_name(d, lang)).unwrap_or(""),
        ),
        (8, f.indicator.as_deref().unwrap_or("")),
        (9, &f.message),
    ]
}
