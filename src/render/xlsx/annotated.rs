//! The annotated workbook of `perf check -o`: 审核结果, 问题清单, then every input table with findings marked.
//!
//! rust_xlsxwriter cannot edit a file, so every input sheet that holds a
//! recognised table is rebuilt from what was read (values with their types,
//! merged cells, dates), then each finding's cell is filled by severity and
//! given a note (批注) with its messages. In front come a sheet per project
//! (审核结果) and a list of every finding with a link to its cell (问题清单).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, FormatAlign, Note, Workbook, Worksheet, XlsxError};

use super::common::{self, CellStyle, ColumnWidths, SheetNames};
use crate::diag::{Counts, Finding, Severity};
use crate::i18n::Lang;
use crate::layout::{Layout, Reading, Table};
use crate::model::Dimension;
use crate::read::{Cell, Merge, Sheet, Workbook as Book};
use crate::rules::verdict::Verdict;

/// Excel keeps at most this many hyperlinks per worksheet.
const MAX_LINKS: usize = 65_530;
/// Merges larger than this (cells) are not re-created: no real form has one,
/// and rebuilding a whole-column merge would cost millions of blank cells.
const MAX_MERGE_CELLS: u64 = 200_000;
/// Notes longer than this are cut (Excel's limit is 32,767 characters).
const MAX_NOTE_CHARS: usize = 8_000;

/// Writes the annotated review workbook to `out` (atomically).
///
/// Refuses an `out` that is one of the inputs. `books` are the workbooks as
/// read, in the order `reading` added them (a table's `input` indexes them).
pub fn write(
    out: &Path,
    books: &[Book],
    reading: &Reading,
    verdicts: &[Verdict],
    findings: &[Finding],
    lang: Lang,
) -> Result<()> {
    let mut inputs: Vec<PathBuf> = books.iter().map(|b| b.path.clone()).collect();
    inputs.extend(reading.inputs.iter().map(|i| PathBuf::from(&i.path)));
    common::refuse_overwrite(out, &inputs)?;
    let mut workbook = build(books, reading, verdicts, findings, lang)
        .with_context(|| format!("无法生成审核工作簿 {}", out.display()))?;
    common::save_atomically(&mut workbook, out)
}

/// Builds the workbook in memory (what [`write`] saves).
pub fn build(
    books: &[Book],
    reading: &Reading,
    verdicts: &[Verdict],
    findings: &[Finding],
    lang: Lang,
) -> Result<Workbook, XlsxError> {
    let review_name = lang.pick("审核结果", "Review");
    let list_name = lang.pick("问题清单", "Findings");
    let mut names = SheetNames::new();
    names.reserve(review_name);
    names.reserve(list_name);
    let copies = plan_copies(books, reading, &mut names);
    let index: HashMap<(&str, &str), usize> = copies
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.file, c.sheet.name.as_str()), i))
        .collect();
    let marks = marks_by_copy(&copies, &index, findings, lang);

    let mut workbook = Workbook::new();
    // Level 1 of 9: the files stay small enough and write several times faster.
    workbook.set_zip_compression_level(1);
    let styles = Styles::new();

    let ws = workbook.add_worksheet();
    ws.set_name(review_name)?;
    write_review(
        ws, reading, verdicts, findings, &copies, &index, &styles, lang,
    )?;

    let ws = workbook.add_worksheet();
    ws.set_name(list_name)?;
    write_list(ws, findings, &copies, &index, &styles, lang)?;

    for (copy, marks) in copies.iter().zip(&marks) {
        let ws = workbook.add_worksheet();
        ws.set_name(&copy.name)?;
        write_copy(ws, copy, marks, &styles)?;
    }
    Ok(workbook)
}

// ---------------------------------------------------------------------------
// Which sheets are copied, under which names
// ---------------------------------------------------------------------------

/// One input sheet re-created in the output.
struct SheetCopy<'a> {
    /// The file as findings name it (`Table::file`).
    file: &'a str,
    sheet: &'a Sheet,
    /// The (unique, valid) name of the copy.
    name: String,
    /// The tables read from this sheet.
    tables: Vec<&'a Table>,
}

/// Every input sheet holding a recognised table, in reading order, named
/// `{sheet}` when no other file has a sheet of that name, else `{file stem}-{sheet}`.
fn plan_copies<'a>(
    books: &'a [Book],
    reading: &'a Reading,
    names: &mut SheetNames,
) -> Vec<SheetCopy<'a>> {
    let mut copies: Vec<SheetCopy<'a>> = Vec::new();
    for table in &reading.tables {
        if let Some(copy) = copies
            .iter_mut()
            .find(|c| c.file == table.file && c.sheet.name == table.sheet)
        {
            copy.tables.push(table);
            continue;
        }
        let Some(book) = book_of(books, table) else {
            continue;
        };
        let Some(sheet) = book.sheets.iter().find(|s| s.name == table.sheet) else {
            continue;
        };
        copies.push(SheetCopy {
            file: &table.file,
            sheet,
            name: String::new(),
            tables: vec![table],
        });
    }
    let mut files_per_name: HashMap<String, HashSet<&str>> = HashMap::new();
    for c in &copies {
        files_per_name
            .entry(common::sanitize_sheet_name(&c.sheet.name).to_lowercase())
            .or_default()
            .insert(c.file);
    }
    for c in &mut copies {
        let key = common::sanitize_sheet_name(&c.sheet.name).to_lowercase();
        let shared = files_per_name.get(&key).is_some_and(|f| f.len() > 1);
        let wanted = if shared {
            let stem = Path::new(c.file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("{stem}-{}", c.sheet.name)
        } else {
            c.sheet.name.clone()
        };
        c.name = names.unique(&wanted);
    }
    copies
}

/// The workbook a table was read from: by index, checked against its path.
fn book_of<'a>(books: &'a [Book], table: &Table) -> Option<&'a Book> {
    let same = |b: &&Book| b.path.display().to_string() == table.file;
    books
        .get(table.input)
        .filter(same)
        .or_else(|| books.iter().find(same))
}

// ---------------------------------------------------------------------------
// Findings on cells
// ---------------------------------------------------------------------------

/// What one cell of a copy carries: the most severe fill and the note lines.
#[derive(Debug, Default)]
struct Mark {
    severity: Option<Severity>,
    lines: Vec<String>,
}

/// Marks per copy, keyed by (row, col); a cell inside a merge is marked on the
/// merge's top-left cell.
fn marks_by_copy(
    copies: &[SheetCopy],
    index: &HashMap<(&str, &str), usize>,
    findings: &[Finding],
    lang: Lang,
) -> Vec<HashMap<(u32, u16), Mark>> {
    let mut marks: Vec<HashMap<(u32, u16), Mark>> = copies.iter().map(|_| HashMap::new()).collect();
    for f in findings {
        let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) else {
            continue;
        };
        let Some(&i) = index.get(&(f.file.as_str(), sheet.as_str())) else {
            continue;
        };
        let Some((row, col)) = common::parse_a1(cell) else {
            continue;
        };
        let at = copies[i]
            .sheet
            .merges
            .iter()
            .find(|m| m.contains(row, u32::from(col)))
            .and_then(|m| Some((m.first_row, u16::try_from(m.first_col).ok()?)))
            .unwrap_or((row, col));
        let mark = marks[i].entry(at).or_default();
        mark.severity = Some(mark.severity.map_or(f.severity, |s| s.min(f.severity)));
        mark.lines.push(note_line(f, lang));
    }
    marks
}

fn note_line(f: &Finding, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} {}：{}", f.code, f.severity.zh(), f.message),
        Lang::En => format!("{} {}: {}", f.code, f.severity.key(), f.message),
    }
}

/// A note sized to its text (notes default to a small box that cuts long messages).
fn note_for(lines: &[String]) -> Note {
    let text = lines.join("\n");
    let text = common::clip(&text, MAX_NOTE_CHARS);
    const WIDTH: u32 = 360;
    // The note font is about 6 px per display column; 16 px per line.
    let per_line = (WIDTH as usize - 16) / 6;
    let wrapped: usize = text
        .lines()
        .map(|l| common::display_width(l).div_ceil(per_line).max(1))
        .sum();
    let height = (wrapped as u32 * 16 + 28).clamp(60, 600);
    Note::new(text)
        .set_author("perf")
        .set_width(WIDTH)
        .set_height(height)
}

// ---------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------

/// How a row of a copied sheet looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A one-cell title merged across, above the header.
    Title = 0,
    /// A loose line (金额单位：万元, 填报人 …): no border.
    Plain = 1,
    /// A header row of a table.
    Header = 2,
    /// A table row.
    Body = 3,
    /// A loose line merged across (填表说明 …): wraps inside its merge, no border.
    Note = 4,
}

/// Every format the workbook uses, built once.
struct Styles {
    /// By role, then fill: none, error, warning, info.
    cells: Vec<[CellStyle; 4]>,
    header: Format,
    title: Format,
    summary: Format,
    body: Format,
    centred: Format,
    link: Format,
    /// Centred with a fill: error, warning, info.
    centred_fill: [Format; 3],
    pass: Format,
    fail: Format,
}

impl Styles {
    fn new() -> Self {
        let bases = [
            common::title_format(),
            Format::new().set_align(FormatAlign::VerticalCenter),
            common::header_format(),
            common::body_format(),
            Format::new()
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
        ];
        let cells = bases
            .iter()
            .map(|base| {
                [
                    CellStyle::new(base.clone()),
                    CellStyle::new(fill(base, Severity::Error)),
                    CellStyle::new(fill(base, Severity::Warning)),
                    CellStyle::new(fill(base, Severity::Info)),
                ]
            })
            .collect();
        let body = common::body_format();
        let centred = body.clone().set_align(FormatAlign::Center);
        Styles {
            cells,
            header: common::header_format(),
            title: common::title_format(),
            summary: Format::new()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            link: body.clone().set_hyperlink(),
            centred_fill: [
                fill(&centred, Severity::Error),
                fill(&centred, Severity::Warning),
                fill(&centred, Severity::Info),
            ],
            pass: centred
                .clone()
                .set_bold()
                .set_background_color(common::PASS_FILL),
            fail: centred
                .clone()
                .set_bold()
                .set_background_color(common::ERROR_FILL),
            centred,
            body,
        }
    }

    fn cell(&self, role: Role, severity: Option<Severity>) -> &CellStyle {
        let fill = match severity {
            None => 0,
            Some(Severity::Error) => 1,
            Some(Severity::Warning) => 2,
            Some(Severity::Info) => 3,
        };
        &self.cells[role as usize][fill]
    }

    fn severity(&self, severity: Severity) -> &Format {
        match severity {
            Severity::Error => &self.centred_fill[0],
            Severity::Warning => &self.centred_fill[1],
            Severity::Info => &self.centred_fill[2],
        }
    }
}

fn fill(base: &Format, severity: Severity) -> Format {
    base.clone()
        .set_background_color(common::severity_color(severity))
}

// ---------------------------------------------------------------------------
// 审核结果
// ---------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn write_review(
    ws: &mut Worksheet,
    reading: &Reading,
    verdicts: &[Verdict],
    findings: &[Finding],
    copies: &[SheetCopy],
    index: &HashMap<(&str, &str), usize>,
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
        severity_of.entry(f.code).or_insert(f.severity);
    }

    let passed = verdicts.iter().filter(|v| v.pass).count();
    let counts = Counts::of(findings);
    let title = lang.pick("预算绩效目标审核结果", "Performance target review");
    ws.merge_range(0, 0, 0, last_col, title, &styles.title)?;
    ws.set_row_height(0, 28)?;
    let summary = match lang {
        Lang::Zh => format!(
            "共 {} 个项目：通过 {} 个，不通过 {} 个。问题 {} 条：错误 {}、警告 {}、提示 {}（明细见「问题清单」，单元格的批注写明问题）",
            verdicts.len(),
            passed,
            verdicts.len() - passed,
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        ),
        Lang::En => format!(
            "{} projects: {} pass, {} fail. {} findings: {} errors, {} warnings, {} infos (listed on Findings; each marked cell has a note)",
            verdicts.len(),
            passed,
            verdicts.len() - passed,
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        ),
    };
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
        match project_link(reading, v, copies, index).filter(|_| row < MAX_LINKS as u32) {
            Some(url) => {
                ws.write_url_with_format(row, 2, url.set_text(&v.name), &styles.link)?;
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
fn project_link(
    reading: &Reading,
    v: &Verdict,
    copies: &[SheetCopy],
    index: &HashMap<(&str, &str), usize>,
) -> Option<rust_xlsxwriter::Url> {
    let project = reading.projects.get(v.project?)?;
    let table = reading.tables.get(project.table)?;
    let copy = copies.get(*index.get(&(table.file.as_str(), table.sheet.as_str()))?)?;
    Some(common::internal_link(&copy.name, &project.name.at.a1()))
}

fn dimension_name(d: Dimension, lang: Lang) -> &'static str {
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

// ---------------------------------------------------------------------------
// 问题清单
// ---------------------------------------------------------------------------

fn write_list(
    ws: &mut Worksheet,
    findings: &[Finding],
    copies: &[SheetCopy],
    index: &HashMap<(&str, &str), usize>,
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
    let title = match lang {
        Lang::Zh => format!(
            "问题清单（共 {} 条：错误 {}、警告 {}、提示 {}）",
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        ),
        Lang::En => format!(
            "Findings ({}: {} errors, {} warnings, {} infos)",
            findings.len(),
            counts.errors,
            counts.warnings,
            counts.infos
        ),
    };
    ws.merge_range(0, 0, 0, last_col, &title, &styles.title)?;
    ws.set_row_height(0, 28)?;
    let header_row = 1;
    let mut widths = ColumnWidths::new();
    for (c, h) in headers.iter().enumerate() {
        common::write_text(ws, header_row, c as u16, h, &styles.header)?;
        widths.see_text(c as u16, h);
    }
    let mut links = 0;
    let mut row = header_row;
    for f in findings {
        row += 1;
        let severity = lang.pick(f.severity.zh(), f.severity.key());
        let dimension = f.dimension.map(|d| dimension_name(d, lang)).unwrap_or("");
        let texts: [(u16, &str); 9] = [
            (0, f.code),
            (2, &f.file),
            (3, f.sheet.as_deref().unwrap_or("")),
            (5, f.unit.as_deref().unwrap_or("")),
            (6, f.project.as_deref().unwrap_or("")),
            (7, dimension),
            (8, f.indicator.as_deref().unwrap_or("")),
            (9, &f.message),
            (1, severity),
        ];
        for (col, s) in texts {
            widths.see_text(col, s);
            let format = match col {
                1 => styles.severity(f.severity),
                0 | 7 => &styles.centred,
                _ => &styles.body,
            };
            common::write_text(ws, row, col, s, format)?;
        }
        let Some(cell) = f.cell.as_deref() else {
            common::write_text(ws, row, 4, "", &styles.centred)?;
            continue;
        };
        widths.see_text(4, cell);
        let target = f
            .sheet
            .as_deref()
            .and_then(|s| index.get(&(f.file.as_str(), s)))
            .filter(|_| common::parse_a1(cell).is_some() && links < MAX_LINKS);
        match target {
            Some(&i) => {
                links += 1;
                let url = common::internal_link(&copies[i].name, cell).set_text(cell);
                ws.write_url_with_format(row, 4, url, &styles.link)?;
            }
            None => common::write_text(ws, row, 4, cell, &styles.centred)?,
        }
    }
    let widths = widths.apply(ws)?;
    let mut heights = common::RowHeights::new();
    for (i, f) in findings.iter().enumerate() {
        let texts = [
            (2, f.file.as_str()),
            (6, f.project.as_deref().unwrap_or("")),
            (8, f.indicator.as_deref().unwrap_or("")),
            (9, f.message.as_str()),
        ];
        let lines = texts
            .iter()
            .map(|(c, t)| common::wrapped_lines(t, widths.width(*c)))
            .max()
            .unwrap_or(1);
        heights.need(header_row + 1 + i as u32, 1, lines, common::LINE_HEIGHT);
    }
    heights.apply(ws)?;
    common::print_setup(ws, (header_row, header_row))?;
    ws.autofilter(header_row, 0, row, last_col)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Copies of the input sheets
// ---------------------------------------------------------------------------

fn write_copy(
    ws: &mut Worksheet,
    copy: &SheetCopy,
    marks: &HashMap<(u32, u16), Mark>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sheet = copy.sheet;
    if sheet.hidden {
        ws.set_hidden(true);
    }
    let shape = Shape::of(copy);
    let merges = usable_merges(&sheet.merges);
    // Merges by their top-left cell.
    let spans: HashMap<(u32, u32), &Merge> = merges
        .iter()
        .map(|m| ((m.first_row, m.first_col), m))
        .collect();
    // Top-left cells of merges across columns: their text spreads over several columns.
    let across: HashSet<(u32, u32)> = merges
        .iter()
        .filter(|m| m.last_col > m.first_col)
        .map(|m| (m.first_row, m.first_col))
        .collect();
    let role_of = |row: u32| shape.role(sheet, row, &across);
    let role_at = |row: u32, col: u32| match role_of(row) {
        Role::Plain if across.contains(&(row, col)) => Role::Note,
        role => role,
    };

    // 1. Values. Cells of header and body rows inside the tables' columns
    //    take their format from a range format below (one format lookup per
    //    run of rows, not per cell); dates, marked cells, merge anchors and
    //    cells elsewhere are formatted one by one, after it.
    let mut widths = ColumnWidths::new();
    let mut later: Vec<(u32, u16, &Cell, Role)> = Vec::new();
    for r in &sheet.rows {
        let row_role = role_of(r.index);
        let ranged = matches!(row_role, Role::Header | Role::Body);
        for (c, cell) in &r.cells {
            let Some(col) = in_grid(r.index, *c) else {
                continue;
            };
            let role = match row_role {
                Role::Plain if across.contains(&(r.index, *c)) => Role::Note,
                role => role,
            };
            let in_range = ranged && shape.span.is_some_and(|(a, b)| (a..=b).contains(c));
            let alone = !in_range
                || spans.contains_key(&(r.index, *c))
                || (!marks.is_empty() && marks.contains_key(&(r.index, col)));
            if alone || !common::write_unformatted(ws, r.index, col, cell)? {
                later.push((r.index, col, cell, role));
            }
            if ranged {
                match spans.get(&(r.index, *c)) {
                    Some(m) => widths.see_span(col, m.last_col as u16, common::cell_width(cell)),
                    None => widths.see(col, common::cell_width(cell)),
                }
            }
        }
    }

    // 2. Header and body rows, runs at a time, across the tables' columns:
    //    formats the values above and borders the empty cells, so the grid stays whole.
    if let Some((first_col, last_col)) = shape.span {
        let mut run: Option<(u32, u32, Role)> = None;
        let flush = |ws: &mut Worksheet, run: Option<(u32, u32, Role)>| match run {
            Some((a, b, role)) => ws
                .set_range_format(
                    a,
                    first_col as u16,
                    b,
                    last_col as u16,
                    &styles.cell(role, None).general,
                )
                .map(|_| ()),
            None => Ok(()),
        };
        for row in 0..=shape.last_data.min(1_048_575) {
            let role = role_of(row);
            if !matches!(role, Role::Header | Role::Body) {
                flush(ws, run.take())?;
                continue;
            }
            run = match run {
                Some((a, b, r)) if r == role && b + 1 == row => Some((a, row, r)),
                other => {
                    flush(ws, other)?;
                    Some((row, row, role))
                }
            };
        }
        flush(ws, run)?;
    }

    // 3. Merges (blank cells in the merge's format), then the cells kept for later.
    for m in &merges {
        let anchor = (m.first_row, m.first_col as u16);
        let severity = marks.get(&anchor).and_then(|k| k.severity);
        let style = styles.cell(role_at(m.first_row, m.first_col), severity);
        ws.merge_range(
            m.first_row,
            m.first_col as u16,
            m.last_row,
            m.last_col as u16,
            "",
            &style.general,
        )?;
    }
    for (row, col, cell, role) in later {
        let severity = marks.get(&(row, col)).and_then(|k| k.severity);
        common::write_cell(ws, row, col, cell, styles.cell(role, severity))?;
    }

    for (&(row, col), mark) in marks {
        if sheet.cell(row, u32::from(col)).is_none() && !spans.contains_key(&(row, u32::from(col)))
        {
            let style = styles.cell(role_at(row, u32::from(col)), mark.severity);
            ws.write_blank(row, col, &style.general)?;
        }
        ws.insert_note(row, col, &note_for(&mark.lines))?;
    }

    let widths = widths.apply(ws)?;
    copy_heights(sheet, &spans, &widths, &role_at).apply(ws)?;
    match copy.tables.as_slice() {
        [t] if t.layout == Layout::Flat => common::print_setup(ws, t.header_rows)?,
        [t] => {
            // A form: its header sits under the project block, often tall;
            // freezing that much would leave no room to scroll. Repeat only.
            common::page_setup(ws);
            ws.set_repeat_rows(t.header_rows.0, t.header_rows.1)?;
        }
        _ => common::page_setup(ws),
    }
    Ok(())
}

/// The zero-based column of a cell inside Excel's grid, or None.
fn in_grid(row: u32, col: u32) -> Option<u16> {
    u16::try_from(col)
        .ok()
        .filter(|c| row < 1_048_576 && *c < 16_384)
}

/// Where a copied sheet's tables lie: header rows, body rows, columns.
struct Shape {
    /// The tables, top to bottom.
    segments: Vec<Segment>,
    last_data: u32,
    /// First and last column of the tables' headers (at most 100 columns).
    span: Option<(u32, u32)>,
}

/// One table of a sheet, with the rows above its header since the table before.
struct Segment {
    /// First row after the previous table (0 for the first).
    above: u32,
    header: (u32, u32),
    last_row: u32,
    /// For a form: the first row of the project block above the header (the
    /// first row there with two cells or more); rows before it are titles.
    block: Option<u32>,
}

impl Shape {
    fn of(copy: &SheetCopy) -> Shape {
        let mut tables: Vec<&Table> = copy.tables.clone();
        tables.sort_by_key(|t| t.header_rows.0);
        let mut segments = Vec::with_capacity(tables.len());
        let mut above = 0;
        for t in tables {
            let block = (t.layout == Layout::Form)
                .then(|| {
                    copy.sheet
                        .rows
                        .iter()
                        .filter(|r| r.index >= above && r.index < t.header_rows.0)
                        .find(|r| r.cells.len() > 1)
                        .map(|r| r.index)
                })
                .flatten();
            let last_row = t.last_row.max(t.header_rows.1);
            segments.push(Segment {
                above,
                header: t.header_rows,
                last_row,
                block,
            });
            above = last_row + 1;
        }
        let last_data = segments.iter().map(|s| s.last_row).max().unwrap_or(0);
        let mut span: Option<(u32, u32)> = None;
        let mut widen = |a: u32, b: u32| {
            span = Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
        };
        for seg in &segments {
            let (a, b) = seg.header;
            for r in a..=b {
                if let Some(row) = copy.sheet.row(r) {
                    for (c, _) in &row.cells {
                        widen(*c, *c);
                    }
                }
            }
            for m in copy
                .sheet
                .merges
                .iter()
                .filter(|m| (a..=b).contains(&m.first_row))
            {
                widen(m.first_col, m.last_col);
            }
        }
        let span = span.filter(|(a, b)| b - a < 100 && *b < 16_384);
        Shape {
            segments,
            last_data,
            span,
        }
    }

    fn role(&self, sheet: &Sheet, row: u32, across: &HashSet<(u32, u32)>) -> Role {
        // After the last table: footnotes, signatures.
        let Some(seg) = self
            .segments
            .iter()
            .find(|s| (s.above..=s.last_row).contains(&row))
        else {
            return Role::Plain;
        };
        if (seg.header.0..=seg.header.1).contains(&row) {
            return Role::Header;
        }
        if row > seg.header.1 || seg.block.is_some_and(|b| row >= b) {
            return Role::Body;
        }
        // Above the header: a title merged across, or loose lines.
        let cells = sheet.row(row).map_or(&[][..], |r| &r.cells[..]);
        match cells {
            [(c, _)] if across.contains(&(row, *c)) => Role::Title,
            _ => Role::Plain,
        }
    }
}

/// Heights for rows whose wrapped text needs more than one line, merged
/// cells counted over all the columns and rows they span.
fn copy_heights(
    sheet: &Sheet,
    spans: &HashMap<(u32, u32), &Merge>,
    widths: &common::Resolved,
    role_at: &dyn Fn(u32, u32) -> Role,
) -> common::RowHeights {
    let mut heights = common::RowHeights::new();
    for r in &sheet.rows {
        for (c, cell) in &r.cells {
            let (Cell::Text(text) | Cell::Error(text)) = cell else {
                continue;
            };
            let Some(col) = in_grid(r.index, *c) else {
                continue;
            };
            let line_height = match role_at(r.index, *c) {
                // Not wrapped: only its own line breaks count.
                Role::Plain => {
                    let lines = text.split('\n').count();
                    heights.need(r.index, 1, lines, common::LINE_HEIGHT);
                    continue;
                }
                Role::Title => 20.0,
                Role::Header | Role::Body | Role::Note => common::LINE_HEIGHT,
            };
            let (last_col, rows) = match spans.get(&(r.index, *c)) {
                Some(m) => (m.last_col as u16, m.last_row - m.first_row + 1),
                None => (col, 1),
            };
            let width = widths.span(col, last_col);
            let font_scale = line_height / common::LINE_HEIGHT;
            let lines = common::wrapped_lines(text, width / font_scale);
            heights.need(r.index, rows, lines, line_height);
        }
    }
    heights
}

/// The merges that can be re-created — more than one cell, inside Excel's
/// grid, not absurdly large, and not overlapping an earlier one.
fn usable_merges(merges: &[Merge]) -> Vec<Merge> {
    let mut taken: HashSet<(u32, u32)> = HashSet::new();
    let mut out = Vec::new();
    for m in merges {
        let rows = u64::from(m.last_row.saturating_sub(m.first_row)) + 1;
        let cols = u64::from(m.last_col.saturating_sub(m.first_col)) + 1;
        let valid = m.first_row <= m.last_row
            && m.first_col <= m.last_col
            && m.last_row < 1_048_576
            && m.last_col < 16_384
            && rows * cols > 1
            && rows * cols <= MAX_MERGE_CELLS;
        if !valid {
            continue;
        }
        let cells = || {
            (m.first_row..=m.last_row)
                .flat_map(move |r| (m.first_col..=m.last_col).map(move |c| (r, c)))
        };
        if cells().any(|rc| taken.contains(&rc)) {
            continue;
        }
        taken.extend(cells());
        out.push(*m);
    }
    out
}

#[cfg(test)]
mod tests;
