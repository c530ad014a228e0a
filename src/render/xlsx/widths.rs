//! Column widths by display width (CJK counts twice), row heights for wrapped text, print setup.

use anyhow::Result;
use rust_xlsxwriter::{Worksheet, XlsxError};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::common::*;

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

    /// The last column given a width (0 when none).
    pub fn last_column(&self) -> u16 {
        u16::try_from(self.cols.len().saturating_sub(1)).unwrap_or(u16::MAX)
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
    pub(super) heights: std::collections::BTreeMap<u32, f64>,
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

/// Pixels of a column `width` characters wide (Excel's rule for its default
/// 11-point font: seven a character and five of padding).
fn column_pixels(width: f64) -> f64 {
    (width * 7.0 + 5.0).floor()
}

/// The printable width of A4 landscape within the default margins (0.7 inch
/// each side), in pixels at 96 a inch.
const LANDSCAPE_PIXELS: f64 = (11.69 - 1.4) * 96.0;

/// The least print scale a wide sheet is fitted to: 11-point text printed at
/// 85 % is 9.4 points, above the 8 points a printed table needs to be read
/// (column boundaries cost a little more on each page).
pub const MIN_PRINT_SCALE: f64 = 0.85;

/// A table too wide for one page at [`MIN_PRINT_SCALE`] prints across as
/// many pages wide as it needs, its first `repeat` columns (the unit and
/// project names) repeated on each, instead of being shrunk to one page
/// wide until it cannot be read. Returns how many pages wide.
pub fn print_wide(
    ws: &mut Worksheet,
    widths: &Resolved,
    last_col: u16,
    repeat: u16,
) -> Result<u16, XlsxError> {
    let pixels = |first: u16, last: u16| -> f64 {
        (first..=last).map(|c| column_pixels(widths.width(c))).sum()
    };
    let page = LANDSCAPE_PIXELS / MIN_PRINT_SCALE;
    let total = pixels(0, last_col);
    if total <= page || last_col == 0 {
        return Ok(1);
    }
    let repeat = repeat.min(last_col);
    let repeated = if repeat > 0 {
        pixels(0, repeat - 1)
    } else {
        0.0
    };
    // Repeated names wider than half a page would leave little room: none then.
    let (repeated, repeat) = if repeated * 2.0 > page {
        (0.0, 0)
    } else {
        (repeated, repeat)
    };
    let pages = ((total - repeated) / (page - repeated)).ceil().max(1.0) as u16;
    ws.set_print_fit_to_pages(pages, 0);
    if repeat > 0 {
        ws.set_repeat_columns(0, repeat - 1)?;
    }
    Ok(pages)
}

/// The last column of a sheet's first printed page: the title and summary
/// sentence are merged no further, so a sheet printed across pages wide has
/// them whole on its first. At most 100 % scale, a page holds at least the
/// printable width.
pub fn first_page_last_column(widths: &Resolved, last_col: u16) -> u16 {
    let mut used = 0.0;
    for c in 0..=last_col {
        used += column_pixels(widths.width(c));
        if used > LANDSCAPE_PIXELS {
            return c.saturating_sub(1);
        }
    }
    last_col
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
