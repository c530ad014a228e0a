//! Input sheets re-created in an output workbook, each flagged cell filled by severity and given a note (批注).
//!
//! rust_xlsxwriter cannot edit a file, so every input sheet that holds a
//! recognised table is rebuilt from what was read (values with their types,
//! merged cells, dates). Findings — and any other remark a workbook wants on
//! a cell, such as a recomputed score — become [`Marks`]: the cell is filled
//! with the most severe colour and carries one note with every line. The
//! annotated review workbook, the monitoring workbook and the
//! self-evaluation workbook all copy their inputs through here.

use crate::say;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_xlsxwriter::{Note, Url, Worksheet, XlsxError};

use super::common::{self, ColumnWidths, SheetNames};
use super::styles::{Role, Styles};
use crate::diag::{Finding, Severity};
use crate::i18n::Lang;
use crate::layout::{Layout, Reading, Table};
use crate::model::Loc;
use crate::read::{Cell, Merge, Sheet, Workbook as Book};

/// Merges larger than this (cells) are not re-created: no real form has one,
/// and rebuilding a whole-column merge would cost millions of blank cells.
const MAX_MERGE_CELLS: u64 = 200_000;
/// Notes longer than this are cut (Excel's limit is 32,767 characters).
const MAX_NOTE_CHARS: usize = 8_000;

// ---------------------------------------------------------------------------
// Which sheets are copied, under which names
// ---------------------------------------------------------------------------

/// One input sheet re-created in the output.
pub struct SheetCopy<'a> {
    /// The file as findings name it (`Table::file`).
    pub file: &'a str,
    pub sheet: &'a Sheet,
    /// The (unique, valid) name of the copy.
    pub name: String,
    /// The tables read from this sheet.
    pub tables: Vec<&'a Table>,
}

/// The copies of one output workbook, in reading order, found by file and sheet.
pub struct Copies<'a> {
    pub list: Vec<SheetCopy<'a>>,
    index: HashMap<(&'a str, &'a str), usize>,
}

/// Flat input sheets are copied into a summary workbook only up to this many.
pub const MAX_FLAT_COPIES: usize = 20;

/// The tables a summary workbook copies: see [`Copies::plan_summary`].
pub fn summary_rule<'r>(
    reading: &'r Reading,
    wanted: impl Fn(&Table) -> bool + 'r,
) -> impl Fn(&Table) -> bool + 'r {
    let flat = reading
        .tables
        .iter()
        .filter(|t| wanted(t) && t.layout == crate::layout::Layout::Flat)
        .count();
    move |t| wanted(t) && (t.layout == crate::layout::Layout::Form || flat <= MAX_FLAT_COPIES)
}

/// Drops from kept books the sheets a summary workbook will not copy, so
/// their cells are freed before the workbook is built.
pub fn keep_summary_sheets(books: &mut [Book], reading: &Reading, wanted: impl Fn(&Table) -> bool) {
    let rule = summary_rule(reading, wanted);
    for book in books.iter_mut() {
        let file = book.path.display().to_string();
        book.sheets.retain(|s| {
            reading
                .tables
                .iter()
                .any(|t| t.sheet == s.name && t.file == file && rule(t))
        });
    }
}

impl<'a> Copies<'a> {
    /// Every input sheet holding a table that `keep` accepts, in reading
    /// order, named `{sheet}` when no other file has a sheet of that name
    /// and perf's own sheets have not its name, else `{file stem}-{sheet}`.
    /// The copies of a summary workbook: official forms of the wanted kind
    /// always (the filled form with flagged cells noted); flat sheets too for a
    /// department's run, but not for a county's — hundreds of copies would bury
    /// the summary and cost seconds to write, and every flat row already
    /// stands in the summary sheets.
    pub fn plan_summary(
        books: &'a [Book],
        reading: &'a Reading,
        names: &mut SheetNames,
        wanted: impl Fn(&Table) -> bool,
    ) -> Copies<'a> {
        if books.is_empty() {
            // Nothing to copy (a batch's unit workbooks): skip counting the
            // county's tables once per unit.
            return Copies {
                list: Vec::new(),
                index: HashMap::new(),
            };
        }
        Copies::plan(books, reading, names, summary_rule(reading, wanted))
    }

    pub fn plan(
        books: &'a [Book],
        reading: &'a Reading,
        names: &mut SheetNames,
        keep: impl Fn(&Table) -> bool,
    ) -> Copies<'a> {
        let mut copies: Vec<SheetCopy<'a>> = Vec::new();
        for table in reading.tables.iter().filter(|t| keep(t)) {
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
            // A copy whose sheet is named like one of perf's own sheets (an
            // input's 指标监控 beside the summary's) is named by its file too,
            // rather than 指标监控(2).
            let wanted = if shared || names.is_taken(&c.sheet.name) {
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
        let index = copies
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.file, c.sheet.name.as_str()), i))
            .collect();
        Copies {
            list: copies,
            index,
        }
    }

    /// The position of the copy of `sheet` of `file`.
    pub fn position(&self, file: &str, sheet: &str) -> Option<usize> {
        self.index.get(&(file, sheet)).copied()
    }

    /// A link to `cell` (A1) of the copy of `sheet` of `file`, when it was copied.
    pub fn link(&self, file: &str, sheet: &str, cell: &str) -> Option<Url> {
        let copy = &self.list[self.position(file, sheet)?];
        common::parse_a1(cell)?;
        Some(common::internal_link(&copy.name, cell))
    }

    /// A link to the cell `at` of `table`'s sheet in its copy.
    pub fn link_at(&self, table: &Table, at: Loc) -> Option<Url> {
        self.link(&table.file, &table.sheet, &at.a1())
    }

    /// Empty marks, one set per copy.
    pub fn no_marks(&self) -> Marks {
        Marks {
            cells: self.list.iter().map(|_| HashMap::new()).collect(),
            anchors: self.list.iter().map(|_| None).collect(),
        }
    }

    /// The marks of `findings` that point at a copied cell.
    pub fn marks(&self, findings: &[Finding], lang: Lang) -> Marks {
        let mut marks = self.no_marks();
        for f in findings {
            let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) else {
                continue;
            };
            if let Some((row, col)) = common::parse_a1(cell) {
                marks.add(
                    self,
                    &f.file,
                    sheet,
                    (row, u32::from(col)),
                    Some(f.severity),
                    note_line(f, lang),
                );
            }
        }
        marks
    }
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
// Marks on cells
// ---------------------------------------------------------------------------

/// What one cell of a copy carries: the most severe fill and the note lines.
#[derive(Debug, Default)]
pub struct Mark {
    pub severity: Option<Severity>,
    pub lines: Vec<String>,
}

/// Marks per copy, keyed by (row, col).
pub struct Marks {
    cells: Vec<HashMap<(u32, u16), Mark>>,
    /// Per copy, built on its first mark: where each merged cell's value sits.
    anchors: Vec<Option<Anchors>>,
}

/// Merged cells of a sheet → their merge's top-left cell, looked up instead
/// of searched (a county sheet has tens of thousands of merges).
struct Anchors {
    covered: rustc_hash::FxHashMap<(u32, u32), (u32, u32)>,
    /// Merges too large to list cell by cell (a title over the whole sheet).
    large: Vec<Merge>,
}

impl Anchors {
    const LARGE: u64 = 20_000;

    fn of(merges: &[Merge]) -> Anchors {
        let mut covered = rustc_hash::FxHashMap::default();
        let mut large = Vec::new();
        for m in merges {
            let area = u64::from(m.last_row.saturating_sub(m.first_row) + 1)
                * u64::from(m.last_col.saturating_sub(m.first_col) + 1);
            if area > Self::LARGE {
                large.push(*m);
                continue;
            }
            for r in m.first_row..=m.last_row {
                for c in m.first_col..=m.last_col {
                    covered.entry((r, c)).or_insert((m.first_row, m.first_col));
                }
            }
        }
        Anchors { covered, large }
    }

    fn anchor(&self, row: u32, col: u32) -> Option<(u32, u32)> {
        self.covered.get(&(row, col)).copied().or_else(|| {
            self.large
                .iter()
                .find(|m| m.contains(row, col))
                .map(|m| (m.first_row, m.first_col))
        })
    }
}

impl Marks {
    /// Marks the cell (`row`, `col`; zero-based) of `sheet` of `file` with a
    /// note line and, when given, a fill; a cell inside a merge is marked on
    /// the merge's top-left cell. Cells of sheets not copied are passed over.
    pub fn add(
        &mut self,
        copies: &Copies,
        file: &str,
        sheet: &str,
        (row, col): (u32, u32),
        severity: Option<Severity>,
        line: String,
    ) {
        let Some(i) = copies.position(file, sheet) else {
            return;
        };
        let Some(col) = in_grid(row, col) else {
            return;
        };
        let anchors =
            self.anchors[i].get_or_insert_with(|| Anchors::of(&copies.list[i].sheet.merges));
        let at = anchors
            .anchor(row, u32::from(col))
            .and_then(|(r, c)| Some((r, u16::try_from(c).ok()?)))
            .unwrap_or((row, col));
        let mark = self.cells[i].entry(at).or_default();
        mark.severity = match (mark.severity, severity) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        mark.lines.push(line);
    }

    /// The marks of the `i`-th copy.
    pub fn of(&self, i: usize) -> &HashMap<(u32, u16), Mark> {
        &self.cells[i]
    }
}

/// The note line of a finding: code, severity, message.
pub fn note_line(f: &Finding, lang: Lang) -> String {
    say!(
        lang,
        ("{} {}：{}", f.code, f.severity.zh(), f.message),
        ("{} {}: {}", f.code, f.severity.key(), f.message)
    )
}

/// A note sized to its text (notes default to a small box that cuts long messages).
fn note_for(lines: &[String]) -> Note {
    let text = lines.join("\n");
    let text = common::cell_text(&text);
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
// Writing a copy
// ---------------------------------------------------------------------------

/// Writes every copy of `copies` as a sheet of `workbook`, in order, with its
/// marks (built side by side, see [`common::add_sheets`]).
pub fn write_all(
    workbook: &mut rust_xlsxwriter::Workbook,
    copies: &Copies,
    marks: &Marks,
    styles: &Styles,
) -> Result<(), XlsxError> {
    common::add_sheets(workbook, jobs(copies, marks, styles))
}

/// One sheet job per copy, in order, for [`common::add_sheets`].
pub fn jobs<'a>(
    copies: &'a Copies,
    marks: &'a Marks,
    styles: &'a Styles,
) -> Vec<common::SheetJob<'a>> {
    copies
        .list
        .iter()
        .enumerate()
        .map(|(i, copy)| {
            common::SheetJob::new(copy.name.clone(), move |ws| {
                write_copy(ws, copy, marks.of(i), styles)
            })
        })
        .collect()
}

pub fn write_copy(
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
    // A unit's wide sheet prints across pages rather than shrunk below 8 points.
    let last_col = widths.last_column();
    common::print_wide(ws, &widths, last_col, 0)?;
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

/// Empty rows after which a sheet's grid is not drawn further: more than
/// any table leaves between its rows, far less than a stray cell's distance.
const MAX_GRID_GAP: u32 = 1_000;

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
        // The grid is drawn down to the last row holding a cell in the
        // tables' columns before a long run of empty rows, not to wherever
        // a table is said to end: one stray cell at row 1,048,576 made six
        // million blank bordered cells (a 50 MB copy of a 9 KB input). A
        // cell beyond the gap is still written, without the grid.
        let last_filled = span.map_or(0, |(a, b)| {
            let mut last = 0;
            for r in &copy.sheet.rows {
                if !r.cells.iter().any(|(c, _)| (a..=b).contains(c)) {
                    continue;
                }
                if r.index > last + MAX_GRID_GAP {
                    break;
                }
                last = r.index;
            }
            last
        });
        Shape {
            segments,
            last_data: last_data.min(last_filled),
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
pub fn usable_merges(merges: &[Merge]) -> Vec<Merge> {
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
