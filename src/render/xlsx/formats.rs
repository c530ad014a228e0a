//! The look of every perf workbook: fills, header and body formats, and cells written with their types.

use anyhow::Result;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::common::*;
use crate::diag::Severity;
use crate::model::cell::Cell;

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
