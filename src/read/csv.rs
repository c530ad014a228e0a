//! CSV reader: UTF-8 (with or without BOM) or GBK/GB18030, detected from the bytes.
//!
//! Every field is kept as text exactly as written (the layout decides what is
//! a number); empty fields are not stored. Row indices count blank lines, so
//! `A5` means the fifth line as Excel shows it, even when a quoted field
//! spans several lines (it is one row, as in Excel).

use std::borrow::Cow;

use encoding_rs::Encoding;

use super::error::ReadError;
use super::sheet::{Cell, Row, Sheet};

/// Most stored cells in one file.
const MAX_CELLS: usize = 5_000_000;
/// Most rows: Excel's and WPS's (a CSV longer than that opens nowhere whole).
const MAX_ROWS: u64 = 1_048_576;
/// How many lines (or bytes) of the head decide the delimiter.
const SNIFF_LINES: usize = 10;
const SNIFF_BYTES: usize = 64 * 1024;

/// Which encoding a CSV file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

/// Reads a CSV file into one sheet named `sheet_name`.
///
/// The encoding is a UTF-8 BOM, else valid UTF-8, else GB18030 (which
/// covers GBK and GB2312); text that is none of these is `ReadError::Encoding`.
/// UTF-16 with a BOM (Excel's "Unicode text") is decoded as well and, until
/// `TextEncoding` has a variant for it, reported as `Utf8Bom` (a Unicode file
/// marked by a BOM). The delimiter is a comma unless the first lines hold more
/// tabs or semicolons than commas.
pub fn read_csv(bytes: &[u8], sheet_name: &str) -> Result<(Sheet, TextEncoding), ReadError> {
    read_with_limit(bytes, sheet_name, MAX_CELLS)
}

/// `read_csv` with a cell limit of choice (tests use a small one).
fn read_with_limit(
    bytes: &[u8],
    sheet_name: &str,
    max_cells: usize,
) -> Result<(Sheet, TextEncoding), ReadError> {
    let (text, encoding) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut sheet = Sheet::new(sheet_name);
    let mut cells = 0usize;
    let mut record = ::csv::StringRecord::new();
    // The csv crate skips blank lines; count them back so row numbers match
    // the lines Excel shows (a quoted field spanning lines is still one row).
    let raw = text.as_bytes();
    let mut next_row: u64 = 0;
    loop {
        let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        let more = reader
            .read_record(&mut record)
            .map_err(|e| ReadError::Corrupt(format!("CSV error: {e}")))?;
        if !more {
            break;
        }
        let index = next_row + blank_lines(raw, start);
        next_row = index + 1;
        if index >= MAX_ROWS {
            // No spreadsheet holds the file (a 1.2-million-line CSV of four
            // columns took 1.7 GB and aborted under a 2 GB limit).
            return Err(ReadError::TooLarge(format!(
                "more than {MAX_ROWS} rows, more than a spreadsheet holds"
            )));
        }

        let last = record.len().saturating_sub(1);
        let mut row_cells = Vec::new();
        for (col, field) in record.iter().enumerate() {
            let field = if col == last {
                field.strip_suffix('\r').unwrap_or(field)
            } else {
                field
            };
            if field.is_empty() {
                continue;
            }
            cells += 1;
            if cells > max_cells {
                return Err(ReadError::TooLarge(format!("more than {max_cells} cells")));
            }
            let col =
                u32::try_from(col).map_err(|_| ReadError::TooLarge("too many columns".into()))?;
            row_cells.push((col, Cell::Text(field.to_string())));
        }
        if !row_cells.is_empty() {
            let index =
                u32::try_from(index).map_err(|_| ReadError::TooLarge("too many rows".into()))?;
            sheet.rows.push(Row {
                index,
                cells: row_cells,
            });
        }
    }
    Ok((sheet, encoding))
}

/// How many blank lines come before the record that starts at byte `start`
/// (where the previous record's reading stopped). The csv crate stops after
/// the first byte of a record's terminator, so a `\n` completing a `\r\n`
/// there is not a blank line.
fn blank_lines(raw: &[u8], start: usize) -> u64 {
    let mut i = start.min(raw.len());
    if i > 0 && raw[i - 1] == b'\r' && raw.get(i) == Some(&b'\n') {
        i += 1;
    }
    let mut blanks = 0;
    while let Some(&b) = raw.get(i) {
        match b {
            b'\r' if raw.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        blanks += 1;
    }
    blanks
}

/// Decodes the bytes and says which encoding they were in.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), ReadError> {
    let strict = |enc: &'static Encoding, b| {
        enc.decode_without_bom_handling_and_without_replacement(b)
            .ok_or(ReadError::Encoding)
    };
    let (text, encoding) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => match std::str::from_utf8(rest) {
            Ok(s) => (Cow::Borrowed(s), TextEncoding::Utf8Bom),
            // A UTF-8 mark put before a GBK body (a tool that adds the mark to
            // whatever it saves): the body is read as what it is.
            Err(_) => (strict(encoding_rs::GB18030, rest)?, TextEncoding::Gb18030),
        },
        [0xFF, 0xFE, rest @ ..] => (strict(encoding_rs::UTF_16LE, rest)?, TextEncoding::Utf8Bom),
        [0xFE, 0xFF, rest @ ..] => (strict(encoding_rs::UTF_16BE, rest)?, TextEncoding::Utf8Bom),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => (Cow::Borrowed(s), TextEncoding::Utf8),
            Err(_) => (strict(encoding_rs::GB18030, bytes)?, TextEncoding::Gb18030),
        },
    };
    // Text never holds NUL characters; a file that does (UTF-16 without a
    // BOM, a binary file) is not in an encoding we know. Padding at the end
    // is tolerated.
    let body = text.trim_end_matches('\0');
    if body.contains('\0') {
        return Err(ReadError::Encoding);
    }
    let text = match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim_end_matches('\0')),
        Cow::Owned(s) if s.len() == body.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim_end_matches('\0').to_string()),
    };
    Ok((text, encoding))
}

/// Comma, unless the first lines hold more tabs or semicolons (outside quotes).
fn sniff_delimiter(text: &str) -> u8 {
    let (mut commas, mut tabs, mut semis) = (0usize, 0usize, 0usize);
    let mut in_quotes = false;
    let mut lines = 0;
    for (i, b) in text.bytes().enumerate() {
        if i >= SNIFF_BYTES {
            break;
        }
        match b {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => commas += 1,
            b'\t' if !in_quotes => tabs += 1,
            b';' if !in_quotes => semis += 1,
            b'\n' if !in_quotes => {
                lines += 1;
                if lines >= SNIFF_LINES {
                    break;
                }
            }
            _ => {}
        }
    }
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas && semis > tabs {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests;
