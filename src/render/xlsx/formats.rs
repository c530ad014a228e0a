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
    ws.write_string_with_format(row, col, cell_text(text), format)?;
    Ok(())
}

/// The mark that ends text cut to fit a cell: the officer sees that more
/// was there (the input still holds it all).
pub const CUT_MARK: &str = "……[截断/cut]";

/// `text` as a cell, a note or a link can hold it: the control characters
/// XML forbids (all but tab and line breaks; Word leaves vertical tabs in
/// pasted text) dropped, and text past Excel's limit of a cell cut with
/// [`CUT_MARK`], never a workbook that fails or will not open.
pub fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    let clean = crate::render::xml::clean(text);
    // UTF-8 length bounds the UTF-16 length from above.
    if clean.len() <= MAX_CELL_CHARS || clip(&clean, MAX_CELL_CHARS).len() == clean.len() {
        return clean;
    }
    let room = MAX_CELL_CHARS - CUT_MARK.encode_utf16().count();
    format!("{}{CUT_MARK}", clip(&clean, room)).into()
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
            ws.write_string(row, col, cell_text(s))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_xlsxwriter::{Note, Url, Workbook};

    /// Every XML part of a saved workbook, as text.
    fn parts(bytes: &[u8]) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut s = String::new();
                std::io::Read::read_to_string(&mut f, &mut s).unwrap();
                (f.name().unwrap_or_default().to_string(), s)
            })
            .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
            .collect()
    }

    #[test]
    fn text_past_the_cell_limit_is_cut_with_a_mark() {
        let long = "长".repeat(MAX_CELL_CHARS + 10);
        let cut = cell_text(&long);
        assert!(cut.ends_with(CUT_MARK));
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS);
        assert_eq!(cell_text("短"), "短");
        assert_eq!(cell_text("农村\u{b}公路\u{0}养护\n"), "农村公路养护\n");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any text a county's sheet may hold, written as perf writes it
        /// (cell, link text, note, merged title), gives well-formed XML.
        #[test]
        fn any_text_gives_well_formed_xml(text in "(\\PC|[\\x00-\\x1f\\x7f\\u{fffe}\\u{ffff}]){0,40}") {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            let f = Format::new();
            write_text(ws, 0, 0, &text, &f).unwrap();
            ws.write_url(1, 0, Url::new("internal:'Sheet1'!A1").set_text(cell_text(&text))).unwrap();
            ws.insert_note(2, 0, &Note::new(cell_text(&text))).unwrap();
            ws.merge_range(3, 0, 3, 2, &cell_text(&text), &f).unwrap();
            let bytes = wb.save_to_buffer().unwrap();
            for (name, xml) in parts(&bytes) {
                prop_assert!(crate::render::xml::well_formed(&name, &xml).is_ok(), "{:?}", crate::render::xml::well_formed(&name, &xml));
            }
        }
    }
}
