//! The span of an .ods file's cells, measured before calamine reads it: calamine makes each sheet a
//! dense grid (twice: values and formulas), so one far cell can cost gigabytes.
//!
//! Found while hardening after fuzzing: a 1 KB .ods with a cell at A1 and one
//! at XFD6002 (the rows between written as one repeated empty row) took
//! 12.6 s and 6.1 GB, and aborted perf under a 2 GB memory limit. calamine's
//! own limit (100,000,000 cells) is far above what memory allows. Here the
//! rows and columns of `content.xml` are counted as calamine counts them
//! (`number-rows-repeated`, `number-columns-repeated`), and a file whose
//! sheets span more than [`MAX_DENSE_CELLS`] from column A to their last
//! filled column, over the rows from their first filled row to their last,
//! is refused. Trailing empty rows and columns, which LibreOffice writes by
//! the million as repeats, cost nothing and are not counted.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::cfb_check::MAX_DENSE_CELLS;
use super::error::ReadError;

/// calamine's own bounds on rows and columns of an .ods sheet.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// Refuses an .ods whose sheets span more than [`MAX_DENSE_CELLS`]. A
/// package or `content.xml` that cannot be read passes: calamine reports it.
pub fn check_ods(bytes: &[u8]) -> Result<(), ReadError> {
    let Ok(mut pkg) = super::xlsx::Package::open(bytes) else {
        return Ok(());
    };
    let content = match pkg.part("content.xml") {
        Ok(Some(xml)) => xml,
        Ok(None) | Err(super::xlsx::Refusal::Fallback) => return Ok(()),
        Err(super::xlsx::Refusal::Refuse(e)) => return Err(e),
    };
    let measure = measure(&content);
    if measure.cells > MAX_DENSE_CELLS {
        return Err(ReadError::TooLarge(format!(
            "the sheets of this .ods span more than {MAX_DENSE_CELLS} cells (a stray cell far from the table?)"
        )));
    }
    if measure.text_bytes > MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge(format!(
            "the text of this .ods, its repeated cells counted each time, exceeds {} MB",
            MAX_TEXT_BYTES >> 20
        )));
    }
    Ok(())
}

/// Text an .ods may hold once its repeats are unrolled: calamine copies a
/// repeated cell's text into every cell it stands for (a 1 KB file whose
/// 2,000-character cell is repeated a million rows asked for 14 GB).
const MAX_TEXT_BYTES: u64 = 256 << 20;

/// What calamine would build from `content.xml`.
struct Measure {
    /// The cells of the dense grids of the sheets, summed.
    cells: u64,
    /// The bytes of text in them, each repeated cell counted each time.
    text_bytes: u64,
}

/// The cells of the dense grids calamine would build for the sheets of
/// `content.xml`, summed; counting stops at the first XML error.
#[cfg(test)]
fn dense_cells(xml: &[u8]) -> u64 {
    measure(xml).cells
}

/// Measures `content.xml`; counting stops at the first XML error.
fn measure(xml: &[u8]) -> Measure {
    let mut reader = Reader::from_reader(xml);
    let mut total = 0u64;
    let mut text_bytes = 0u64;
    // How many cells the cell being read stands for (0 outside a cell).
    let mut copies = 0u64;
    let mut sheet = Span::default();
    // The row being read: its first sheet row, its repeats, the next column.
    let mut row = 0u64;
    let mut repeats = 1u64;
    let mut col = 0u64;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                sheet = Span::default();
                row = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                total = total.saturating_add(sheet.cells());
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                repeats = count(&e, "table:number-rows-repeated").min(MAX_ROWS - row.min(MAX_ROWS));
                col = 0;
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(count(&e, "table:number-rows-repeated"));
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(repeats);
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let wide = count(e, "table:number-columns-repeated")
                    .min(MAX_COLUMNS - col.min(MAX_COLUMNS));
                // A cell with content (children) or a value or formula is
                // filled; an empty one, however repeated, is not.
                let filled = matches!(event, Event::Start(_))
                    || has(e, "office:value-type")
                    || has(e, "table:formula");
                if filled && wide > 0 && repeats > 0 {
                    sheet.fill(row, row + repeats - 1, col + wide - 1);
                }
                if matches!(event, Event::Start(_)) {
                    copies = wide.saturating_mul(repeats);
                }
                col = col.saturating_add(wide);
            }
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                copies = 0;
            }
            Event::Text(t) if copies > 0 => {
                text_bytes = text_bytes.saturating_add((t.len() as u64).saturating_mul(copies));
            }
            _ => {}
        }
    }
    Measure {
        cells: total,
        text_bytes,
    }
}

/// The rows from the first filled to the last, and the last filled column, of one sheet.
#[derive(Default)]
struct Span {
    rows: Option<(u64, u64)>,
    last_col: u64,
}

impl Span {
    fn fill(&mut self, first_row: u64, last_row: u64, col: u64) {
        self.rows = Some(match self.rows {
            Some((a, b)) => (a.min(first_row), b.max(last_row)),
            None => (first_row, last_row),
        });
        self.last_col = self.last_col.max(col);
    }

    /// Rows × columns from column A: calamine keeps each row from its first column.
    fn cells(&self) -> u64 {
        self.rows
            .map_or(0, |(a, b)| (b - a + 1).saturating_mul(self.last_col + 1))
    }
}

/// A repeat count; 1 when absent or not a number, as a single row or cell.
fn count(e: &BytesStart, name: &str) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

fn has(e: &BytesStart, name: &str) -> bool {
    e.try_get_attribute(name).ok().flatten().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(rows: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
        .into_bytes()
    }

    const A1: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>项目名称</text:p></table:table-cell><table:table-cell/></table:table-row>"#;

    #[test]
    fn a_far_cell_after_repeated_empty_rows_spans_the_grid() {
        let far = format!(
            r#"{A1}<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#
        );
        assert_eq!(dense_cells(&content(&far)), 6002 * 16384);
    }

    #[test]
    fn trailing_empty_rows_and_columns_cost_nothing() {
        // As LibreOffice writes a sheet: the table, then the rest of the sheet as repeats.
        let sheet = format!(
            r#"{A1}<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        );
        assert_eq!(dense_cells(&content(&sheet)), 1);
    }

    #[test]
    fn repeated_filled_rows_and_cells_count_each_time() {
        let rows = r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="4" office:value-type="float" office:value="0"/></table:table-row>"#;
        assert_eq!(dense_cells(&content(rows)), 3 * 4);
        // Repeats past calamine's bounds are cut as calamine cuts them.
        let huge = r#"<table:table-row table:number-rows-repeated="99999999999"><table:table-cell table:number-columns-repeated="99999999" office:value-type="float" office:value="0"/></table:table-row>"#;
        assert_eq!(dense_cells(&content(huge)), MAX_ROWS * MAX_COLUMNS);
    }

    #[test]
    fn the_forms_in_the_repository_pass() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for name in ["flat_messy_summary.ods", "form_two_projects_one_sheet.ods"] {
            let bytes = std::fs::read(root.join("tests/fixtures/lo").join(name)).unwrap();
            assert_eq!(check_ods(&bytes), Ok(()), "{name}");
        }
    }

    #[test]
    fn repeated_text_is_counted_each_time_it_is_repeated() {
        let long = "长".repeat(2000);
        let rows = format!(
            r#"{A1}<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        );
        let m = measure(&content(&rows));
        assert_eq!(m.text_bytes, 12 + 6000 * 1_000_000);
        assert!(
            m.cells <= MAX_DENSE_CELLS,
            "under the cell limit: {}",
            m.cells
        );
        assert!(m.text_bytes > MAX_TEXT_BYTES);
    }
}
