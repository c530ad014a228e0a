//! Binary and zipped workbooks (.xlsx .xlsm .xlsb .xls .ods) through calamine → sparse sheets.

use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};

use super::error::ReadError;
use super::sheet::{Cell, Merge, Sheet};

/// More stored cells than this in one workbook is refused: a real county
/// workbook has far fewer, and the limit keeps memory bounded on hostile files.
pub const MAX_CELLS: usize = 5_000_000;

type Bytes<'a> = Cursor<&'a [u8]>;

/// Reads an .xlsx/.xlsm sheet by sheet, streaming cells so a wrong or huge
/// declared dimension never allocates a dense grid. The fallback of
/// `read::xlsx` for packages its fast path does not follow.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Xlsx<Bytes> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let metas: Vec<_> = book.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for meta in metas.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let cells = {
            let mut reader = book
                .worksheet_cells_reader(&meta.name)
                .map_err(xlsx_error)?;
            collect_cells(&mut total, || {
                let cell = reader.next_cell().map_err(xlsx_error)?;
                Ok(cell.map(|c| (c.get_position(), from_data_ref(c.get_value().clone()))))
            })?
        };
        let mut sheet = Sheet::from_cells(&meta.name, cells);
        sheet.hidden = meta.visible != SheetVisible::Visible;
        sheet.merges = book
            .merge_cells_by_sheet_name(&meta.name)
            .map_err(xlsx_error)?
            .iter()
            .map(to_merge)
            .collect();
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// A sheet's cells from a streaming reader, counted against [`MAX_CELLS`]
/// for the whole workbook (`total`). Empty cells are left out.
fn collect_cells(
    total: &mut usize,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Option<Cell>)>, ReadError>,
) -> Result<Vec<(u32, u32, Cell)>, ReadError> {
    let mut cells = Vec::new();
    while let Some(((row, col), value)) = next()? {
        if let Some(value) = value {
            *total += 1;
            if *total > MAX_CELLS {
                return Err(too_many());
            }
            cells.push((row, col, value));
        }
    }
    Ok(cells)
}

/// Reads an .xls (BIFF) workbook; calamine parses all sheets at open.
pub fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Xls<Bytes> = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    let metas: Vec<_> = book.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for meta in metas.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let range = book.worksheet_range(&meta.name).map_err(xls_error)?;
        let mut sheet = sheet_from_range(&meta.name, &range)?;
        sheet.hidden = meta.visible != SheetVisible::Visible;
        sheet.merges = book
            .merge_cells_by_sheet_name(&meta.name)
            .map(|m| m.iter().map(to_merge).collect())
            .unwrap_or_default();
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Reads an .ods workbook. calamine gives no merged areas for .ods; labels
/// merged down the rows are then filled by the layout's carry-forward.
pub fn read_ods(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Ods<Bytes> =
        Ods::new(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt(e.to_string()))?;
    let metas: Vec<_> = book.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for meta in &metas {
        let range = book
            .worksheet_range(&meta.name)
            .map_err(|e| ReadError::Corrupt(e.to_string()))?;
        let mut sheet = sheet_from_range(&meta.name, &range)?;
        sheet.hidden = meta.visible != SheetVisible::Visible;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Reads an .xlsb workbook, streaming cells as for .xlsx: calamine's whole
/// sheet range is a dense grid from the first cell to the last, and two
/// cells at A1 and XFD1048576 made it ask for 550 GB.
pub fn read_xlsb(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Xlsb<Bytes> = Xlsb::new(Cursor::new(bytes)).map_err(xlsb_error)?;
    let metas: Vec<_> = book.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for meta in metas.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let cells = {
            let mut reader = book
                .worksheet_cells_reader(&meta.name)
                .map_err(xlsb_error)?;
            collect_cells(&mut total, || {
                let cell = reader.next_cell().map_err(xlsb_error)?;
                Ok(cell.map(|c| (c.get_position(), from_data_ref(c.get_value().clone()))))
            })?
        };
        let mut sheet = Sheet::from_cells(&meta.name, cells);
        sheet.hidden = meta.visible != SheetVisible::Visible;
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn xlsb_error(e: calamine::XlsbError) -> ReadError {
    ReadError::Corrupt(e.to_string())
}

fn sheet_from_range(name: &str, range: &calamine::Range<Data>) -> Result<Sheet, ReadError> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut cells = Vec::new();
    for (r, c, data) in range.used_cells() {
        if let Some(value) = from_data(data) {
            if cells.len() >= MAX_CELLS {
                return Err(too_many());
            }
            cells.push((r0 + r as u32, c0 + c as u32, value));
        }
    }
    Ok(Sheet::from_cells(name, cells))
}

fn to_merge(d: &calamine::Dimensions) -> Merge {
    Merge {
        first_row: d.start.0,
        first_col: d.start.1,
        last_row: d.end.0,
        last_col: d.end.1,
    }
}

fn too_many() -> ReadError {
    ReadError::TooLarge(format!("more than {MAX_CELLS} cells"))
}

fn from_data(d: &Data) -> Option<Cell> {
    Some(match d {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) if s.is_empty() => return None,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Cell::Date(d),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => iso_date(s),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => return None,
    })
}

fn from_data_ref(d: DataRef<'_>) -> Option<Cell> {
    Some(match d {
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::String(s) if s.is_empty() => return None,
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString("") => return None,
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Cell::Date(d),
            _ => Cell::Number(dt.as_f64()),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => iso_date(&s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => return None,
    })
}

/// An ISO 8601 date (`t="d"` cells, .ods) as a date, else kept as text.
pub(crate) fn iso_date(s: &str) -> Cell {
    let parsed = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        });
    parsed
        .map(Cell::Date)
        .unwrap_or_else(|| Cell::Text(s.to_string()))
}

fn xlsx_error(e: calamine::XlsxError) -> ReadError {
    match e {
        calamine::XlsxError::Password => ReadError::Encrypted,
        other => ReadError::Corrupt(other.to_string()),
    }
}

fn xls_error(e: calamine::XlsError) -> ReadError {
    match e {
        calamine::XlsError::Password => ReadError::Encrypted,
        other => ReadError::Corrupt(other.to_string()),
    }
}
