//! What every perf workbook shares: atomic save, refusing to overwrite inputs, widths, print setup, fills.
//!
//! The annotated review workbook, the monitoring workbook and the
//! self-evaluation workbook all build on these helpers, so that every file
//! perf writes looks and behaves the same:
//!
//! - [`refuse_overwrite`] before anything is built, [`save_atomically`] at the end;
//! - [`ColumnWidths`] / [`set_widths`] size columns by display width (CJK = 2);
//! - [`print_setup`] gives A4 landscape, one page wide, repeated header rows
//!   and frozen panes under the header;
//! - [`header_format`], [`severity_fill`], [`CellStyle`] and [`write_cell`] keep
//!   the look and the value types (text stays text, even `=SUM(…)`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet, XlsxError,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::diag::Severity;
use crate::fingerprint::Fingerprint;
use crate::model::cell::Cell;

/// Light red fill of an error (Excel's "Bad" style).
pub const ERROR_FILL: u32 = 0xFFC7CE;
/// Yellow fill of a warning (Excel's "Neutral" style).
pub const WARNING_FILL: u32 = 0xFFEB9C;
/// Light blue fill of an info.
pub const INFO_FILL: u32 = 0xBDD7EE;
/// Green fill of a pass (Excel's "Good" style).
pub const PASS_FILL: u32 = 0xC6EFCE;
/// Light grey fill of header cells.
pub const HEADER_FILL: u32 = 0xD9D9D9;

/// Narrowest column perf sets, in characters.
pub const MIN_WIDTH: f64 = 6.0;
/// Widest column perf sets, in characters: longer text (goals, messages) wraps.
pub const MAX_WIDTH: f64 = 60.0;

/// Excel keeps at most this many hyperlinks per worksheet.
pub const MAX_LINKS: usize = 65_530;

/// Excel's limit on the characters (UTF-16 units) of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

/// Refuses an output path that is one of the inputs (see [`InputGuard`]).
pub fn refuse_overwrite(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    // Nothing at `out` yet (not even a link): it cannot be an input, which
    // exists, and the inputs need not be looked at.
    if std::fs::symlink_metadata(out).is_err() && inputs.iter().all(|i| i.as_path() != out) {
        return Ok(());
    }
    InputGuard::of(inputs).refuse(out)
}

/// The inputs of a run, looked up once, so that no output overwrites one.
///
/// Paths are compared canonicalized, so `./a/../a.xlsx`, a relative spelling
/// or a symlink to an input are caught too (and on Unix a hard link, by
/// device and inode). When `out` does not exist yet, its folder is
/// canonicalized and the file name joined; a missing folder cannot hold an
/// input, so it passes here and fails at [`save_atomically`]. A monthly batch
/// builds one guard for its thousands of outputs: checking each output
/// against every input would cost millions of file-system calls on a rerun.
pub struct InputGuard {
    /// Inputs as spelled, for those that cannot be resolved.
    spelled: HashSet<PathBuf>,
    canonical: HashSet<PathBuf>,
    /// (device, inode) of each input, on Unix.
    ids: HashSet<(u64, u64)>,
}

impl InputGuard {
    pub fn of(inputs: &[PathBuf]) -> Self {
        let mut guard = InputGuard {
            spelled: HashSet::new(),
            canonical: HashSet::new(),
            ids: HashSet::new(),
        };
        for input in inputs {
            match std::fs::canonicalize(input) {
                Ok(p) => {
                    if let Some(id) = file_id(&p) {
                        guard.ids.insert(id);
                    }
                    guard.canonical.insert(p);
                }
                Err(_) => {
                    guard.spelled.insert(input.clone());
                }
            }
        }
        guard
    }

    /// Err (in the officer's words) when `out` is one of the inputs.
    pub fn refuse(&self, out: &Path) -> Result<()> {
        let same = self.spelled.contains(out)
            || (std::fs::symlink_metadata(out).is_ok()
                && canonical_target(out).is_some_and(|t| {
                    self.canonical.contains(&t)
                        || file_id(&t).is_some_and(|id| self.ids.contains(&id))
                }));
        if same {
            bail!(
                "输出文件 {} 与输入文件相同，为保护原始文件已拒绝写入；请换一个输出文件名",
                out.display()
            );
        }
        Ok(())
    }
}

/// The canonical form of `out`, or of its folder joined with its file name when
/// it does not exist yet; None when even the folder cannot be resolved.
fn canonical_target(out: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(out) {
        return Some(p);
    }
    let name = out.file_name()?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).ok().map(|p| p.join(name))
}

/// A file's device and inode, on Unix: the same file under any name or link.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// Saves `workbook` to `out` so that an interrupted run leaves either the old
/// file or the new one, never half of one.
///
/// The workbook is written to `.{name}.perf-tmp-{pid}` in the same folder
/// (a rename is only atomic within one file system), flushed to disk, then
/// renamed over `out`. On any failure the temporary file is removed and the
/// error names `out` in the officer's words. Returns the saved file's fingerprint.
pub fn save_atomically(workbook: &mut Workbook, out: &Path) -> Result<Fingerprint> {
    fix_properties(workbook);
    crate::output::write_atomically(out, |w| save_to(workbook, w))
}

/// Why a sheet could not be written, when rust_xlsxwriter panicked: for
/// streamed sheets almost always a temporary file it could not write.
const TEMP_FAILED: &str = "写工作表时出错（多为临时文件无法写入：磁盘已满或临时文件夹不可写）/ writing a sheet failed (usually its temporary file: is the disk full?)";

/// Saves `workbook` into `w`. rust_xlsxwriter panics when a streamed
/// sheet's temporary file cannot be read back after a failed write (a full
/// disk): that becomes an error like any other failed write.
pub fn save_to(workbook: &mut Workbook, w: &mut (impl std::io::Write + Send)) -> Result<()> {
    match crate::read::guard::quietly(|| workbook.save_to_writer(w)) {
        Ok(saved) => Ok(saved?),
        Err(why) => Err(anyhow::anyhow!("{TEMP_FAILED}: {why}")),
    }
}

/// A fixed creation time keeps a rerun byte for byte the same, so the monthly
/// batch's manifest hashes can be compared across runs.
fn fix_properties(workbook: &mut Workbook) {
    if let Ok(created) = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1) {
        workbook.set_properties(
            &rust_xlsxwriter::DocProperties::new()
                .set_author("perf")
                .set_creation_datetime(&created),
        );
    }
}

/// Refuses an `out` that is one of the inputs (`books`, and every file
/// `reading` read), then builds the workbook to be saved to `out`. `what`
/// names it in an error: 审核, 监控, 自评.
pub fn prepare(
    out: &Path,
    books: &[crate::read::Workbook],
    reading: &crate::layout::Reading,
    what: &str,
    build: impl FnOnce() -> Result<Workbook, XlsxError>,
) -> Result<Built> {
    let mut inputs: Vec<PathBuf> = books.iter().map(|b| b.path.clone()).collect();
    inputs.extend(reading.inputs.iter().map(|i| PathBuf::from(&i.path)));
    refuse_overwrite(out, &inputs)?;
    let workbook = build().with_context(|| format!("无法生成{what}工作簿 {}", out.display()))?;
    Ok(Built::new(workbook, out))
}

/// A workbook built in memory and the file it is to be saved to: built while
/// the inputs are at hand, saved after they are dropped (see
/// [`crate::ops::finish`]).
pub struct Built {
    workbook: Workbook,
    out: PathBuf,
}

impl Built {
    pub fn new(workbook: Workbook, out: &Path) -> Self {
        Built {
            workbook,
            out: out.to_path_buf(),
        }
    }

    /// Saves the workbook atomically, then frees it in the background.
    pub fn save(mut self) -> Result<()> {
        save_atomically(&mut self.workbook, &self.out)?;
        drop_in_background(self.workbook);
        Ok(())
    }

    /// Writes the workbook among `staged`, which makes it durable and gives
    /// it its name with the others (see [`crate::output::Staged`]). These
    /// are a batch's unit workbooks, hundreds of small ones: each is freed
    /// here, since starting a thread costs more than freeing it.
    /// Returns the workbook's fingerprint.
    pub fn stage(mut self, staged: &crate::output::Staged) -> Result<Fingerprint> {
        fix_properties(&mut self.workbook);
        let workbook = &mut self.workbook;
        staged.write(&self.out, |w| save_to(workbook, w))
    }
}

/// Drops a big value on a thread of its own: freeing a county's workbook
/// (millions of small allocations) costs a good part of what writing it
/// did, and nothing needs to wait for it. When no thread can be started the
/// value is dropped here instead (the closure holding it is dropped).
pub fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

// ---------------------------------------------------------------------------
// Widths
// ---------------------------------------------------------------------------

/// Display width of a text in terminal columns: CJK characters count 2,
/// ASCII 1. Multi-line text counts its widest line.
pub fn display_width(s: &str) -> usize {
    if s.contains('\n') {
        s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// The Excel column width (in characters of `0`) for a content `chars` wide:
/// a little padding, at least [`MIN_WIDTH`], at most [`MAX_WIDTH`].
pub fn column_width(chars: usize) -> f64 {
    (chars as f64 * 1.1 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Sets column widths from the widest content per column (`(col, display
/// width)` pairs, as [`display_width`] counts). Callers leave out title rows
/// and cells merged across columns, which would widen a column for nothing.
pub fn set_widths(ws: &mut Worksheet, widths: &[(u16, usize)]) -> Result<(), XlsxError> {
    for &(col, chars) in widths {
        ws.set_column_width(col, column_width(chars))?;
    }
    Ok(())
}

/// Tracks the widest cell per column while a sheet is written, then sizes
/// the columns: each column fits its widest single cell, and a cell merged
/// across several columns widens them evenly when they are together too
/// narrow for it (up to [`MAX_WIDTH`] in all, beyond which it wraps).
#[derive(Debug, Default, Clone)]
pub struct ColumnWidths {
    widest: Vec<usize>,
    spans: Vec<(u16, u16, usize)>,
}

impl ColumnWidths {
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes a cell `chars` wide in `col`.
    pub fn see(&mut self, col: u16, chars: usize) {
        let i = usize::from(col);
        if self.widest.len() <= i {
            self.widest.resize(i + 1, 0);
        }
        if self.widest[i] < chars {
            self.widest[i] = chars;
        }
    }

    /// Notes a text cell in `col`.
    pub fn see_text(&mut self, col: u16, text: &str) {
        self.see(col, display_width(text));
    }

    /// Notes a cell `chars` wide merged across columns `first..=last`.
    pub fn see_span(&mut self, first: u16, last: u16, chars: usize) {
        if last <= first {
            self.see(first, chars);
        } else if chars > 0 {
            self.spans.push((first, last, chars));
        }
    }

    /// The widest single cell per column (columns never seen are left out).
    pub fn widths(&self) -> Vec<(u16, usize)> {
        self.widest
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0)
            .filter_map(|(c, w)| u16::try_from(c).ok().map(|c| (c, *w)))
            .collect()
    }

    /// The Excel widths of all columns, merged cells taken into account.
    pub fn resolve(&self) -> Resolved {
        let mut cols: Vec<Option<f64>> = self
            .widest
            .iter()
            .map(|&w| (w > 0).then(|| column_width(w)))
            .collect();
        let mut spans = self.spans.clone();
        // Narrow spans first: they say most about their own columns.
        spans.sort_by_key(|(a, b, _)| b - a);
        for (first, last, chars) in spans {
            let (first, last) = (usize::from(first), usize::from(last));
            if cols.len() <= last {
                cols.resize(last + 1, None);
            }
            let need = column_width(chars);
            let have: f64 = cols[first..=last]
                .iter()
                .map(|w| w.unwrap_or(DEFAULT_WIDTH))
                .sum();
            if need > have {
                let extra = (need - have) / (last - first + 1) as f64;
                for w in &mut cols[first..=last] {
                    *w = Some((w.unwrap_or(DEFAULT_WIDTH) + extra).min(MAX_WIDTH));
                }
            }
        }
        Resolved { cols }
    }

    /// Sets the widths on `ws` and returns them.
    pub fn apply(&self, ws: &mut Worksheet) -> Result<Resolved, XlsxError> {
        let resolved = self.resolve();
        for (c, w) in resolved.cols.iter().enumerate() {
            if let (Some(w), Ok(c)) = (w, u16::try_from(c)) {
                ws.set_column_width(c, *w)?;
            }
        }
        Ok(resolved)
    }
}

/// Column widths as set on a sheet (see [`ColumnWidths::resolve`]).
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    cols: Vec<Option<f64>>,
}

impl Resolved {
    /// The Excel width of `col` ([`DEFAULT_WIDTH`] when not set).
    pub fn width(&self, col: u16) -> f64 {
        self.cols
            .get(usize::from(col))
            .copied()
            .flatten()
            .unwrap_or(DEFAULT_WIDTH)
    }

    /// The width of columns `first..=last` together.
    pub fn span(&self, first: u16, last: u16) -> f64 {
        (first..=last).map(|c| self.width(c)).sum()
    }
}

/// Excel's default column width, in characters, for columns never sized.
pub const DEFAULT_WIDTH: f64 = 8.43;
/// Height of one line of 11-point text, in points (CJK fonts need a little
/// more than Excel's default 15 for Calibri alone).
pub const LINE_HEIGHT: f64 = 15.0;

/// How many lines `text` takes when wrapped in a column `width` characters
/// wide: a CJK character about 2.2 widths of `0`, ASCII about 0.9 (Calibri's
/// letters are mostly narrower than its digits). Errs towards one line too many.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let need: f64 = line
                .chars()
                .map(|c| match c {
                    c if c.is_ascii() => 0.9,
                    c => 1.1 * UnicodeWidthChar::width(c).unwrap_or(0) as f64,
                })
                .sum();
            ((need / room).ceil() as usize).max(1)
        })
        .sum()
}

/// Row heights for wrapped text. Neither Excel nor LibreOffice grows a row
/// for wrapped text in a merged cell, and rows written without a height may
/// stay one line tall in some readers, so perf sets them itself.
#[derive(Debug, Default, Clone)]
pub struct RowHeights {
    heights: std::collections::BTreeMap<u32, f64>,
}

impl RowHeights {
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes that `rows` rows from `row` on must together show `lines` lines
    /// of text `line_height` points tall.
    pub fn need(&mut self, row: u32, rows: u32, lines: usize, line_height: f64) {
        let rows = rows.max(1);
        let total = lines as f64 * line_height;
        if total <= LINE_HEIGHT * f64::from(rows) {
            return;
        }
        let each = (total + 3.0) / f64::from(rows);
        for r in row..row.saturating_add(rows) {
            let h = self.heights.entry(r).or_insert(0.0);
            if *h < each {
                *h = each;
            }
        }
    }

    /// Sets the heights (at most Excel's 409 points).
    pub fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (&row, &h) in &self.heights {
            ws.set_row_height(row, h.min(409.0))?;
        }
        Ok(())
    }
}

/// Makes one row tall enough for `lines` lines of text (more than one), set
/// before the row is written on: a streamed sheet cannot go back to it.
pub fn fit_lines(ws: &mut Worksheet, row: u32, lines: usize) -> Result<(), XlsxError> {
    let mut heights = RowHeights::new();
    heights.need(row, 1, lines, LINE_HEIGHT);
    heights.apply(ws)
}

// ---------------------------------------------------------------------------
// Print setup
// ---------------------------------------------------------------------------

/// Page setup without header rows: A4 (paper size 9), landscape, fit to one
/// page wide (as many tall as needed), centred, page numbers in the footer.
pub fn page_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C&P / &N");
}

/// [`page_setup`], plus the header rows (first, last; zero-based) repeated on
/// every printed page and the panes frozen under them.
pub fn print_setup(ws: &mut Worksheet, header_rows: (u32, u32)) -> Result<(), XlsxError> {
    page_setup(ws);
    let (first, last) = header_rows;
    ws.set_repeat_rows(first, last.max(first))?;
    ws.set_freeze_panes(last.max(first) + 1, 0)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------

/// The fill of a finding's severity: error light red, warning yellow, info light blue.
pub fn severity_fill(severity: Severity) -> Format {
    Format::new().set_background_color(severity_color(severity))
}

/// The fill colour (RGB) of a severity.
pub fn severity_color(severity: Severity) -> u32 {
    match severity {
        Severity::Error => ERROR_FILL,
        Severity::Warning => WARNING_FILL,
        Severity::Info => INFO_FILL,
    }
}

/// Header cells: bold, thin border, wrapped, centred, light grey fill.
pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(HEADER_FILL)
}

/// Table body cells: thin border, wrapped, vertically centred.
pub fn body_format() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

/// A sheet title: bold, larger, centred.
pub fn title_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// The three formats a cell value may need on one base look: general, date,
/// date with time. Build them once per workbook, never per cell.
#[derive(Debug, Clone)]
pub struct CellStyle {
    pub general: Format,
    pub date: Format,
    pub datetime: Format,
}

impl CellStyle {
    /// The general format `base`, with `yyyy-mm-dd` and `yyyy-mm-dd hh:mm` variants.
    pub fn new(base: Format) -> Self {
        CellStyle {
            date: base.clone().set_num_format("yyyy-mm-dd"),
            datetime: base.clone().set_num_format("yyyy-mm-dd hh:mm"),
            general: base,
        }
    }
}

/// Writes text as text, never as a formula (`=SUM(…)`, `+86…`, `-`, `@` stay
/// as typed), cut to Excel's 32,767-character limit.
pub fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, clip(text, MAX_CELL_CHARS), format)?;
    Ok(())
}

/// `text` cut to at most `max` UTF-16 units (Excel counts so), on a character boundary.
pub fn clip(text: &str, max: usize) -> &str {
    // Fast path: UTF-8 length bounds the UTF-16 length from above.
    if text.len() <= max {
        return text;
    }
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..i];
        }
    }
    text
}

/// Writes one read cell with its type kept: numbers as numbers, dates as
/// dates (`yyyy-mm-dd`), booleans as booleans, text and error values as text.
pub fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    style: &CellStyle,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) | Cell::Error(s) => write_text(ws, row, col, s, &style.general),
        Cell::Number(n) if n.is_finite() => {
            ws.write_number_with_format(row, col, *n, &style.general)?;
            Ok(())
        }
        Cell::Number(_) => write_text(ws, row, col, &cell.to_text(), &style.general),
        Cell::Bool(b) => {
            ws.write_boolean_with_format(row, col, *b, &style.general)?;
            Ok(())
        }
        Cell::Date(d) => match excel_datetime(d) {
            Some(dt) => {
                let format = if d.time() == chrono::NaiveTime::MIN {
                    &style.date
                } else {
                    &style.datetime
                };
                ws.write_datetime_with_format(row, col, &dt, format)?;
                Ok(())
            }
            // Before 1900 or after 9999: Excel has no such date; keep the text.
            None => write_text(ws, row, col, &cell.to_text(), &style.general),
        },
    }
}

/// Writes one read cell without a format, for cells that take theirs later
/// from [`Worksheet::set_range_format`] (formatting each cell on its own costs
/// a hash of the whole format per cell). False for a date, which needs its
/// number format and must go through [`write_cell`].
pub fn write_unformatted(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
) -> Result<bool, XlsxError> {
    match cell {
        Cell::Text(s) | Cell::Error(s) => {
            ws.write_string(row, col, clip(s, MAX_CELL_CHARS))?;
        }
        Cell::Number(n) if n.is_finite() => {
            ws.write_number(row, col, *n)?;
        }
        Cell::Number(_) => {
            ws.write_string(row, col, cell.to_text())?;
        }
        Cell::Bool(b) => {
            ws.write_boolean(row, col, *b)?;
        }
        Cell::Date(_) => return Ok(false),
    }
    Ok(true)
}

/// Display width of a cell as it will show (numbers as a General cell shows them).
pub fn cell_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(s) | Cell::Error(s) => display_width(s),
        Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => 10,
        Cell::Date(_) => 16,
        Cell::Bool(_) => 5,
        Cell::Number(_) => cell.to_text().len().min(12),
    }
}

fn excel_datetime(d: &chrono::NaiveDateTime) -> Option<ExcelDateTime> {
    use chrono::{Datelike, Timelike};
    let year = u16::try_from(d.year()).ok()?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    let hour = u16::try_from(d.hour()).ok()?;
    let minute = u8::try_from(d.minute()).ok()?;
    let seconds = f64::from(d.second()) + f64::from(d.nanosecond() % 1_000_000_000) / 1e9;
    ExcelDateTime::from_ymd(year, month, day)
        .and_then(|dt| dt.and_hms(hour, minute, seconds))
        .ok()
}

// ---------------------------------------------------------------------------
// Building sheets side by side
// ---------------------------------------------------------------------------

/// What writes one sheet.
pub type SheetWriter<'a> = Box<dyn FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a>;

/// One sheet to build: its (valid, unique) name and what writes it.
pub struct SheetJob<'a> {
    pub name: String,
    pub write: SheetWriter<'a>,
    /// Written top to bottom, each cell with its format: the sheet goes to
    /// a temporary file as it is written (see [`SheetJob::streamed`]).
    pub streamed: bool,
}

impl<'a> SheetJob<'a> {
    pub fn new(
        name: impl Into<String>,
        write: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a,
    ) -> Self {
        SheetJob {
            name: name.into(),
            write: Box::new(write),
            streamed: false,
        }
    }

    /// A sheet that `write` fills strictly row after row, each cell with
    /// its format and each row's height set before the next row (as
    /// [`super::table::TableSheet`] and the 问题清单 do). rust_xlsxwriter
    /// then writes its rows to a temporary file as they come (its
    /// "constant memory" mode): the cells are not held until the save, and
    /// the save does not start a thread for the sheet, which a batch of
    /// 300 workbooks of four sheets each felt (a sixth of its time).
    pub fn streamed(
        name: impl Into<String>,
        write: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a,
    ) -> Self {
        SheetJob {
            streamed: true,
            ..SheetJob::new(name, write)
        }
    }
}

/// Builds the sheets side by side and adds them to `workbook` in the order given.
///
/// A county's workbook holds hundreds of thousands of cells, and
/// rust_xlsxwriter spends about a microsecond on each; its worksheets are
/// independent until the workbook is saved (formats and strings are merged
/// then, in sheet order), so each is built on a core of its own. Streamed
/// sheets are the exception: they number their formats in the workbook's
/// table as they meet them, so they are built one after the other, in
/// order, beside the others (a rerun must give the same bytes).
pub fn add_sheets(workbook: &mut Workbook, jobs: Vec<SheetJob>) -> Result<(), XlsxError> {
    use rayon::prelude::*;
    if let Some(dir) = super::scratch::dir() {
        // Checked when chosen; should it fail now, the system's folder serves.
        let _ = workbook.set_tempdir(dir);
    }
    // Streamed sheets get their temporary file from the workbook first;
    // where none can be made (no usable temporary folder) the sheet is
    // written the same way but held in memory.
    let (streamed, held): (Vec<_>, Vec<_>) = jobs
        .into_iter()
        .enumerate()
        .map(|(i, job)| {
            let ws = match job.streamed {
                true => workbook
                    .new_worksheet_with_constant_memory()
                    .unwrap_or_else(|_| Worksheet::new()),
                false => Worksheet::new(),
            };
            (i, ws, job)
        })
        .partition(|(_, _, job)| job.streamed);
    let (streamed, held) = rayon::join(
        || streamed.into_iter().map(build_sheet).collect::<Vec<_>>(),
        || held.into_par_iter().map(build_sheet).collect::<Vec<_>>(),
    );
    let mut sheets = streamed
        .into_iter()
        .chain(held)
        .collect::<Result<Vec<_>, XlsxError>>()?;
    sheets.sort_by_key(|(i, _)| *i);
    for (_, ws) in sheets {
        workbook.push_worksheet(ws);
    }
    Ok(())
}

/// Names and writes one sheet of [`add_sheets`].
fn build_sheet(
    (i, mut ws, job): (usize, Worksheet, SheetJob),
) -> Result<(usize, Worksheet), XlsxError> {
    ws.set_name(&job.name)?;
    // A streamed sheet's rows go to its temporary file as they are
    // written; rust_xlsxwriter panics when that write fails (a full disk).
    crate::read::guard::quietly(|| (job.write)(&mut ws)).map_err(|why| {
        XlsxError::IoError(std::io::Error::other(format!("{TEMP_FAILED}: {why}")))
    })??;
    Ok((i, ws))
}

// ---------------------------------------------------------------------------
// Sheet names and links
// ---------------------------------------------------------------------------

/// Makes sheet names valid and unique within one workbook: Excel allows 31
/// characters, forbids `[]:*?/\` and a leading or trailing apostrophe, and
/// compares names without regard to case.
#[derive(Debug, Default, Clone)]
pub struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    /// Excel reserves `History` (its change-tracking sheet) and refuses a
    /// sheet of that name, so it is taken from the start.
    pub fn new() -> Self {
        let mut names = Self::default();
        names.reserve("History");
        names
    }

    /// Claims `name` (already valid, e.g. a fixed sheet such as 审核结果).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_lowercase());
    }

    /// A valid name from `wanted`, not yet taken: sanitized, cut to 31
    /// characters, then `(2)`, `(3)` … appended while it collides.
    pub fn unique(&mut self, wanted: &str) -> String {
        let base = sanitize_sheet_name(wanted);
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name.to_lowercase()) {
            let suffix = format!("({n})");
            let room = 31 - suffix.len();
            name = format!("{}{suffix}", clip(&base, room).trim_end_matches('\''));
            n += 1;
        }
        self.taken.insert(name.to_lowercase());
        name
    }
}

/// A valid Excel sheet name from any text: forbidden characters become `_`,
/// no apostrophe at either end, at most 31 characters, never empty.
pub fn sanitize_sheet_name(wanted: &str) -> String {
    let replaced: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = replaced.trim().trim_matches('\'');
    let clipped = clip(trimmed, 31).trim_end_matches('\'').trim_end();
    if clipped.is_empty() {
        "Sheet".to_string()
    } else {
        clipped.to_string()
    }
}

/// A link to a cell of another sheet of the same workbook (`internal:'名'!H12`).
pub fn internal_link(sheet: &str, cell: &str) -> Url {
    Url::new(format!("internal:'{}'!{cell}", sheet.replace('\'', "''")))
}

/// Zero-based (row, col) of an A1 reference (`H12` → (11, 7)); `$` signs are
/// ignored and a range gives its first cell. None when it is not a reference.
pub fn parse_a1(reference: &str) -> Option<(u32, u16)> {
    let first = reference.split(':').next()?.replace('$', "");
    let split = first.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = first.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    if row == 0 || row > 1_048_576 || col > 16_384 {
        return None;
    }
    Some((row - 1, u16::try_from(col - 1).ok()?))
}

/// The temporary file [`save_atomically`] uses for `out` (for tests).
#[cfg(test)]
fn temp_name(out: &Path) -> PathBuf {
    crate::output::temp_path(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(display_width("项目名称"), 8);
        assert_eq!(display_width("ab"), 2);
        assert_eq!(display_width("短\n较长的一行"), 10);
        assert_eq!(column_width(0), MIN_WIDTH);
        assert_eq!(column_width(500), MAX_WIDTH);
        let mut w = ColumnWidths::new();
        w.see_text(2, "资助学生人数");
        w.see_text(2, "x");
        w.see(0, 3);
        assert_eq!(w.widths(), vec![(0, 3), (2, 12)]);
        let r = w.resolve();
        assert_eq!(r.width(1), DEFAULT_WIDTH);
        assert_eq!(r.width(2), column_width(12));
        // A merged cell widens the columns it spans, evenly, when they are too narrow.
        w.see_span(3, 4, 40);
        w.see_span(0, 2, 4);
        let r = w.resolve();
        assert!((r.span(3, 4) - column_width(40)).abs() < 1e-9);
        assert_eq!(r.width(3), r.width(4));
        assert_eq!(r.width(0), column_width(3));
        assert_eq!(wrapped_lines("短", 10.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七八九十", 12.0), 2);
        assert_eq!(wrapped_lines("a\nb", 12.0), 2);
        assert_eq!(wrapped_lines(&"x".repeat(60), 60.0), 1);
        let mut h = RowHeights::new();
        h.need(3, 1, 1, LINE_HEIGHT);
        h.need(4, 2, 4, LINE_HEIGHT);
        assert_eq!(h.heights.len(), 2);
        assert_eq!(h.heights[&4], 31.5);
    }

    #[test]
    fn a1_references_parse() {
        assert_eq!(parse_a1("H12"), Some((11, 7)));
        assert_eq!(parse_a1("$AA$1"), Some((0, 26)));
        assert_eq!(parse_a1("B2:C9"), Some((1, 1)));
        assert_eq!(parse_a1("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_a1("12"), None);
        assert_eq!(parse_a1("H0"), None);
        assert_eq!(parse_a1("ABCD1"), None);
    }

    #[test]
    fn history_is_reserved() {
        let mut names = SheetNames::new();
        assert_eq!(names.unique("'History'"), "History(2)");
        assert_eq!(names.unique("history"), "history(3)");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut names = SheetNames::new();
        names.reserve("审核结果");
        assert_eq!(names.unique("审核结果"), "审核结果(2)");
        assert_eq!(names.unique("a/b:c?"), "a_b_c_");
        assert_eq!(names.unique("'引号'"), "引号");
        assert_eq!(names.unique(""), "Sheet");
        assert_eq!(names.unique("sheet"), "sheet(2)");
        let long = "很长的工作表名称".repeat(5);
        let first = names.unique(&long);
        let second = names.unique(&long);
        assert_eq!(first.encode_utf16().count(), 31);
        assert!(second.ends_with("(2)"));
        assert!(second.encode_utf16().count() <= 31);
    }

    #[test]
    fn clip_respects_utf16_units() {
        assert_eq!(clip("abc", 2), "ab");
        assert_eq!(clip("表格", 1), "表");
        assert_eq!(clip("表格", 5), "表格");
    }

    #[test]
    fn refuses_inputs_in_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a");
        std::fs::create_dir(&sub).unwrap();
        let input = sub.join("in.xlsx");
        std::fs::write(&input, b"x").unwrap();
        let inputs = vec![input.clone()];

        let err = refuse_overwrite(&input, &inputs).unwrap_err().to_string();
        assert!(err.contains("与输入文件相同"), "{err}");
        assert!(err.contains("in.xlsx"), "{err}");

        let odd = dir
            .path()
            .join("a")
            .join(".")
            .join("..")
            .join("a")
            .join("in.xlsx");
        assert!(refuse_overwrite(&odd, &inputs).is_err());

        #[cfg(unix)]
        {
            let link = dir.path().join("link.xlsx");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(refuse_overwrite(&link, &inputs).is_err());
            // The input given through the symlink, the output by its real path.
            assert!(refuse_overwrite(&input, std::slice::from_ref(&link)).is_err());
            let hard = dir.path().join("hard.xlsx");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(refuse_overwrite(&hard, &inputs).is_err());
        }

        assert!(refuse_overwrite(&sub.join("out.xlsx"), &inputs).is_ok());
        assert!(refuse_overwrite(&dir.path().join("missing/out.xlsx"), &inputs).is_ok());
    }

    #[test]
    fn saves_atomically_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing").join("out.xlsx");
        let mut wb = Workbook::new();
        wb.add_worksheet();
        let err = save_atomically(&mut wb, &missing).unwrap_err().to_string();
        assert!(err.starts_with("无法写入"), "{err}");
        assert!(err.contains("out.xlsx"), "{err}");
        assert!(!temp_name(&missing).exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        // A good save replaces an old file and leaves no temporary file.
        let out = dir.path().join("out.xlsx");
        std::fs::write(&out, b"old").unwrap();
        save_atomically(&mut wb, &out).unwrap();
        assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");

        // A folder in the way is an error, not a panic.
        let err = save_atomically(&mut wb, dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("无法写入"), "{err}");
    }

    #[test]
    fn text_that_looks_like_a_formula_stays_text() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let style = CellStyle::new(Format::new());
        for (i, s) in ["=SUM(A1:A2)", "+86 123", "-", "@x"].iter().enumerate() {
            write_cell(ws, i as u32, 0, &Cell::Text(s.to_string()), &style).unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(!xml.contains("<f>"), "{xml}");
    }
}
