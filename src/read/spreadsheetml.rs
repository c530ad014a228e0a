//! Excel 2003 SpreadsheetML (XML) reader — provincial systems export it under a `.xls` name.
//!
//! The document is streamed with quick-xml (no DOM): only the cells that hold
//! something are kept, so a declared `ss:ExpandedColumnCount="1700"` costs
//! nothing. Elements are matched by local name under their expected parent
//! (`Workbook/Worksheet/Table/Row/Cell/Data`), so `ss:`-prefixed and
//! unprefixed (default-namespace) documents read the same, and a `Data`
//! inside a cell `Comment` is not mistaken for the cell's value.

use std::borrow::Cow;

use chrono::NaiveDateTime;
use encoding_rs::Encoding;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::error::ReadError;
use super::sheet::{Cell, Merge, Row, Sheet};

/// Excel's limits: 1,048,576 rows and 16,384 columns.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLS: u32 = 16_384;
/// Deepest element nesting accepted (real documents nest about 8 deep).
const MAX_DEPTH: usize = 64;
/// Most stored cells (and, separately, merged areas) in one workbook.
const MAX_CELLS: usize = 5_000_000;
/// How much of the head `looks_like_spreadsheetml` inspects.
const SNIFF_LEN: usize = 4096;
const SS_NAMESPACE: &str = "urn:schemas-microsoft-com:office:spreadsheet";

/// True when the bytes look like a SpreadsheetML document: within the first
/// 4 KB, after any BOM and white space, an XML declaration or a `Workbook`
/// root, and the SpreadsheetML namespace.
pub fn looks_like_spreadsheetml(bytes: &[u8]) -> bool {
    let head: Cow<'_, str> = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16_head(rest, encoding_rs::UTF_16LE),
        [0xFE, 0xFF, rest @ ..] => utf16_head(rest, encoding_rs::UTF_16BE),
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8_lossy(&rest[..rest.len().min(SNIFF_LEN)])
        }
        _ => String::from_utf8_lossy(&bytes[..bytes.len().min(SNIFF_LEN)]),
    };
    let text = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let starts_right = ["<?xml", "<Workbook", "<ss:Workbook"]
        .iter()
        .any(|p| text.starts_with(p));
    starts_right && text.contains(SS_NAMESPACE)
}

fn utf16_head(rest: &[u8], enc: &'static Encoding) -> Cow<'static, str> {
    let (text, _) = enc.decode_without_bom_handling(&rest[..rest.len().min(SNIFF_LEN * 2)]);
    Cow::Owned(text.into_owned())
}

/// Reads every worksheet of a SpreadsheetML document.
pub fn read_spreadsheetml(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    read_with_limit(bytes, MAX_CELLS)
}

/// `read_spreadsheetml` with a cell limit of choice (tests use a small one).
fn read_with_limit(bytes: &[u8], max_cells: usize) -> Result<Vec<Sheet>, ReadError> {
    let text = decode(bytes)?;
    let mut parser = Parser {
        max_cells,
        ..Parser::default()
    };
    if let Err(e) = parser.run(&text) {
        return Err(parser.locate(e));
    }
    if !parser.saw_workbook {
        return Err(ReadError::NotSpreadsheet);
    }
    Ok(parser.sheets)
}

// ---------------------------------------------------------------------------
// Text encoding

/// Turns the bytes into text. BOMs decide first; then bytes that are valid
/// UTF-8 are taken as UTF-8 whatever the declaration says (systems write
/// `encoding="gb2312"` over UTF-8 text, and real GBK text is practically never
/// valid UTF-8); otherwise the declared encoding, else GB18030.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    let strict = |enc: &'static Encoding, b| {
        enc.decode_without_bom_handling_and_without_replacement(b)
            .ok_or(ReadError::Encoding)
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|_| ReadError::Encoding),
        [0xFF, 0xFE, rest @ ..] => strict(encoding_rs::UTF_16LE, rest),
        [0xFE, 0xFF, rest @ ..] => strict(encoding_rs::UTF_16BE, rest),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(_) => {
                let declared = declared_encoding(bytes)
                    .and_then(Encoding::for_label)
                    .filter(|e| {
                        *e != encoding_rs::UTF_8
                            && *e != encoding_rs::UTF_16LE
                            && *e != encoding_rs::UTF_16BE
                            && *e != encoding_rs::REPLACEMENT
                    });
                strict(declared.unwrap_or(encoding_rs::GB18030), bytes)
            }
        },
    }
}

/// The `encoding="…"` label of an XML declaration at the very start, if any.
fn declared_encoding(bytes: &[u8]) -> Option<&[u8]> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &bytes[start..bytes.len().min(start + 512)];
    let decl = head.strip_prefix(b"<?xml")?;
    let decl = &decl[..decl.windows(2).position(|w| w == b"?>")?];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = decl[at + 8..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, rest) = rest.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let end = rest.iter().position(|&b| b == quote)?;
    Some(rest[..end].trim_ascii())
}

// ---------------------------------------------------------------------------
// Streaming parser

/// The elements that matter, recognised by local name under the right parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Workbook,
    Worksheet,
    Table,
    Row,
    Cell,
    Data,
    Options,
    Visible,
    Other,
}

fn classify(parent: Option<Tag>, local: &str) -> Tag {
    match (parent, local) {
        (None, "Workbook") => Tag::Workbook,
        (Some(Tag::Workbook), "Worksheet") => Tag::Worksheet,
        (Some(Tag::Worksheet), "Table") => Tag::Table,
        (Some(Tag::Worksheet), "WorksheetOptions") => Tag::Options,
        (Some(Tag::Options), "Visible") => Tag::Visible,
        (Some(Tag::Table), "Row") => Tag::Row,
        (Some(Tag::Row), "Cell") => Tag::Cell,
        (Some(Tag::Cell), "Data") => Tag::Data,
        _ => Tag::Other,
    }
}

/// The `ss:Type` of a `Data` element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataType {
    String,
    Number,
    DateTime,
    Boolean,
    Error,
}

/// The worksheet being read.
#[derive(Default)]
struct SheetState {
    sheet: Sheet,
    /// Zero-based index the next `Row` without `ss:Index` gets.
    next_row: u32,
    /// Set when a row or cell arrived out of order (a backwards `ss:Index`).
    unsorted: bool,
    visible_text: String,
}

/// The row being read.
#[derive(Default)]
struct RowState {
    index: u32,
    next_col: u32,
    cells: Vec<(u32, Cell)>,
}

#[derive(Default)]
struct Parser {
    sheets: Vec<Sheet>,
    saw_workbook: bool,
    stack: Vec<Tag>,
    sheet: Option<SheetState>,
    row: Option<RowState>,
    /// Zero-based column of the current cell.
    col: u32,
    /// Inside the current cell's `Data` (at any depth below it).
    in_data: bool,
    data_type: Option<DataType>,
    text: String,
    cells: usize,
    merges: usize,
    /// Most stored cells (and, separately, merged areas) accepted.
    max_cells: usize,
    /// Byte offset of the event being handled, for error details.
    pos: u64,
}

/// A `Corrupt` error with the position it was found at.
fn corrupt_at(pos: u64, what: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt(format!("{what} at byte {pos}"))
}

impl Parser {
    /// Adds where the reading stopped (`Sheet!B3`, or the sheet alone) to a
    /// corrupt-file error, so the officer knows where to look.
    fn locate(&self, e: ReadError) -> ReadError {
        let ReadError::Corrupt(what) = e else {
            return e;
        };
        let Some(st) = &self.sheet else {
            return ReadError::Corrupt(what);
        };
        let sheet = super::sheet::quote_sheet(&st.sheet.name);
        let place = match &self.row {
            Some(r) => format!("{sheet}!{}", super::sheet::a1(r.index, self.col)),
            None => sheet,
        };
        ReadError::Corrupt(format!("{place}: {what}"))
    }

    fn run(&mut self, text: &str) -> Result<(), ReadError> {
        let mut reader = Reader::from_str(text);
        // Both defaults, stated because the reader relies on them: mismatched
        // end tags are errors, and text is kept exactly.
        reader.config_mut().check_end_names = true;
        reader.config_mut().trim_text(false);
        loop {
            self.pos = reader.buffer_position();
            let event = reader.read_event().map_err(|e| {
                ReadError::Corrupt(format!(
                    "XML error at byte {}: {e}",
                    reader.error_position()
                ))
            })?;
            match event {
                Event::Start(e) => {
                    let tag = self.open(&e)?;
                    self.stack.push(tag);
                }
                Event::Empty(e) => {
                    let tag = self.open(&e)?;
                    self.close(tag)?;
                }
                Event::End(_) => {
                    // quick-xml checks that the name matches the open element.
                    let tag = self
                        .stack
                        .pop()
                        .ok_or_else(|| corrupt_at(self.pos, "unmatched end tag"))?;
                    self.close(tag)?;
                }
                Event::Text(t) if self.wants_text() => {
                    let raw: &str = &t;
                    // Indentation between the runs of rich text (a newline and
                    // blanks only) is layout of the file, not content: Excel
                    // writes a real line break as `&#10;`.
                    let indentation =
                        raw.contains(['\n', '\r']) && raw.chars().all(|c| c.is_ascii_whitespace());
                    if !indentation {
                        self.push_text(&t.xml10_content());
                    }
                }
                Event::CData(t) if self.wants_text() => {
                    let raw: &str = &t;
                    self.push_text(raw);
                }
                Event::GeneralRef(r) => {
                    if self.wants_text() {
                        let resolved = if r.is_char_ref() {
                            let ch = r.resolve_char_ref().map_err(|e| {
                                corrupt_at(self.pos, format!("bad character reference: {e}"))
                            })?;
                            ch.map(String::from)
                        } else {
                            quick_xml::escape::resolve_xml_entity(&r).map(str::to_string)
                        };
                        let s = resolved.ok_or_else(|| {
                            corrupt_at(self.pos, format!("unknown entity &{};", &*r))
                        })?;
                        self.push_text(&s);
                    }
                }
                Event::Eof => break,
                Event::Text(_)
                | Event::CData(_)
                | Event::Comment(_)
                | Event::Decl(_)
                | Event::PI(_)
                | Event::DocType(_) => {}
            }
        }
        if !self.stack.is_empty() {
            return Err(ReadError::Corrupt(format!(
                "document ends with {} element(s) still open",
                self.stack.len()
            )));
        }
        Ok(())
    }

    fn wants_text(&self) -> bool {
        self.in_data || self.stack.last() == Some(&Tag::Visible)
    }

    fn push_text(&mut self, s: &str) {
        if self.in_data {
            self.text.push_str(s);
        } else if self.stack.last() == Some(&Tag::Visible)
            && let Some(st) = self.sheet.as_mut()
        {
            st.visible_text.push_str(s);
        }
    }

    /// Handles a start (or empty) element and says what it is.
    fn open(&mut self, e: &BytesStart<'_>) -> Result<Tag, ReadError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(corrupt_at(
                self.pos,
                format!("elements nested deeper than {MAX_DEPTH}"),
            ));
        }
        let tag = classify(self.stack.last().copied(), e.local_name().as_ref());
        match tag {
            Tag::Workbook => self.saw_workbook = true,
            Tag::Worksheet => {
                let name = attr(e, "Name", self.pos)?
                    .map(Cow::into_owned)
                    .unwrap_or_else(|| format!("Sheet{}", self.sheets.len() + 1));
                self.sheet = Some(SheetState {
                    sheet: Sheet::new(name),
                    ..Default::default()
                });
            }
            Tag::Table => {
                if let Some(st) = self.sheet.as_mut() {
                    st.next_row = 0;
                }
            }
            Tag::Row => self.open_row(e)?,
            Tag::Cell => self.open_cell(e)?,
            Tag::Data => {
                self.in_data = true;
                self.text.clear();
                self.data_type = match attr(e, "Type", self.pos)?.as_deref().map(str::trim) {
                    Some("Number") => Some(DataType::Number),
                    Some("DateTime") => Some(DataType::DateTime),
                    Some("Boolean") => Some(DataType::Boolean),
                    Some("Error") => Some(DataType::Error),
                    _ => Some(DataType::String),
                };
            }
            Tag::Options | Tag::Visible | Tag::Other => {}
        }
        Ok(tag)
    }

    fn open_row(&mut self, e: &BytesStart<'_>) -> Result<(), ReadError> {
        let pos = self.pos;
        let Some(st) = self.sheet.as_mut() else {
            return Ok(());
        };
        let index = match index_attr(e, pos, MAX_ROWS)? {
            Some(i) => i,
            None if st.next_row < MAX_ROWS => st.next_row,
            None => {
                return Err(corrupt_at(
                    pos,
                    format!("row beyond Excel's {MAX_ROWS} rows"),
                ));
            }
        };
        let span = count_attr(e, "Span", pos)?;
        if index < st.next_row {
            st.unsorted = true;
        }
        // Saturates at MAX_ROWS: a later implicit row there is refused above.
        st.next_row = index.saturating_add(span).saturating_add(1).min(MAX_ROWS);
        self.row = Some(RowState {
            index,
            next_col: 0,
            cells: Vec::new(),
        });
        Ok(())
    }

    fn open_cell(&mut self, e: &BytesStart<'_>) -> Result<(), ReadError> {
        let pos = self.pos;
        let Some(row) = self.row.as_mut() else {
            return Ok(());
        };
        let col = match index_attr(e, pos, MAX_COLS)? {
            Some(c) => c,
            None if row.next_col < MAX_COLS => row.next_col,
            None => {
                return Err(corrupt_at(
                    pos,
                    format!("cell beyond Excel's {MAX_COLS} columns"),
                ));
            }
        };
        let across = count_attr(e, "MergeAcross", pos)?;
        let down = count_attr(e, "MergeDown", pos)?;
        // Both sides are below 2^24 here, so the sums cannot overflow.
        let last_col = u64::from(col) + u64::from(across);
        let last_row = u64::from(row.index) + u64::from(down);
        if last_col >= u64::from(MAX_COLS) || last_row >= u64::from(MAX_ROWS) {
            return Err(corrupt_at(pos, "merged area beyond Excel's grid"));
        }
        if col < row.next_col
            && let Some(st) = self.sheet.as_mut()
        {
            st.unsorted = true;
        }
        row.next_col = col + across + 1;
        self.col = col;
        if across > 0 || down > 0 {
            self.merges += 1;
            if self.merges > self.max_cells {
                return Err(ReadError::TooLarge(format!(
                    "more than {} merged areas",
                    self.max_cells
                )));
            }
            if let Some(st) = self.sheet.as_mut() {
                st.sheet.merges.push(Merge {
                    first_row: row.index,
                    first_col: col,
                    last_row: row.index + down,
                    last_col: col + across,
                });
            }
        }
        Ok(())
    }

    fn close(&mut self, tag: Tag) -> Result<(), ReadError> {
        match tag {
            Tag::Data => {
                self.in_data = false;
                let text = std::mem::take(&mut self.text);
                if let (Some(cell), Some(row)) =
                    (make_cell(self.data_type.take(), text), self.row.as_mut())
                {
                    // A second `Data` in the same cell replaces the first.
                    if let Some(last) = row.cells.last_mut().filter(|(c, _)| *c == self.col) {
                        last.1 = cell;
                        return Ok(());
                    }
                    self.cells += 1;
                    if self.cells > self.max_cells {
                        return Err(ReadError::TooLarge(format!(
                            "more than {} cells",
                            self.max_cells
                        )));
                    }
                    row.cells.push((self.col, cell));
                }
            }
            Tag::Row => {
                if let (Some(row), Some(st)) = (self.row.take(), self.sheet.as_mut())
                    && !row.cells.is_empty()
                {
                    st.sheet.rows.push(Row {
                        index: row.index,
                        cells: row.cells,
                    });
                }
            }
            Tag::Visible => {
                if let Some(st) = self.sheet.as_mut() {
                    let v = st.visible_text.trim();
                    st.sheet.hidden = v == "SheetHidden" || v == "SheetVeryHidden";
                    st.visible_text.clear();
                }
            }
            Tag::Worksheet => {
                if let Some(st) = self.sheet.take() {
                    let mut sheet = st.sheet;
                    if st.unsorted {
                        sheet = resort(sheet);
                    }
                    self.sheets.push(sheet);
                }
            }
            Tag::Table => self.row = None,
            Tag::Workbook | Tag::Cell | Tag::Options | Tag::Other => {}
        }
        Ok(())
    }
}

/// Puts rows and cells that arrived out of order (backwards `ss:Index`) in
/// order; a later cell at the same place wins.
fn resort(sheet: Sheet) -> Sheet {
    let Sheet {
        name,
        hidden,
        rows,
        merges,
        head_only: _,
    } = sheet;
    let cells = rows
        .into_iter()
        .flat_map(|r| r.cells.into_iter().map(move |(c, cell)| (r.index, c, cell)))
        .collect();
    let mut out = Sheet::from_cells(name, cells);
    out.hidden = hidden;
    out.merges = merges;
    out
}

/// The value of a `Data` element, or `None` when it is empty.
fn make_cell(kind: Option<DataType>, text: String) -> Option<Cell> {
    if text.is_empty() {
        return None;
    }
    Some(match kind.unwrap_or(DataType::String) {
        DataType::String => Cell::Text(text),
        DataType::Number => match text.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Cell::Number(n),
            _ => Cell::Text(text),
        },
        DataType::DateTime => match parse_datetime(text.trim()) {
            Some(d) => Cell::Date(d),
            None => Cell::Text(text),
        },
        DataType::Boolean => match text.trim() {
            "1" | "true" | "TRUE" | "True" => Cell::Bool(true),
            "0" | "false" | "FALSE" | "False" => Cell::Bool(false),
            _ => Cell::Text(text),
        },
        DataType::Error => Cell::Error(text),
    })
}

/// `2024-12-25T00:00:00.000` (Excel's form), with or without fraction, or a bare date.
fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
}

/// The value of the attribute with this local name (`ss:Index` or `Index`).
fn attr<'a>(
    e: &'a BytesStart<'_>,
    local: &str,
    pos: u64,
) -> Result<Option<Cow<'a, str>>, ReadError> {
    for a in e.attributes() {
        let a = a.map_err(|err| corrupt_at(pos, format!("bad attribute: {err}")))?;
        if a.key.local_name().as_ref() == local {
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| corrupt_at(pos, format!("bad attribute value: {err}")))?;
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// A 1-based `ss:Index` turned zero-based; beyond `limit` (Excel's grid) is corrupt.
fn index_attr(e: &BytesStart<'_>, pos: u64, limit: u32) -> Result<Option<u32>, ReadError> {
    let Some(v) = attr(e, "Index", pos)? else {
        return Ok(None);
    };
    match v.trim().parse::<u64>() {
        Ok(i) if i >= 1 && i <= u64::from(limit) => Ok(Some((i - 1) as u32)),
        Ok(i) => Err(corrupt_at(pos, format!("ss:Index {i} outside 1..={limit}"))),
        Err(_) => Err(corrupt_at(
            pos,
            format!("ss:Index {:?} is not a number", v.as_ref()),
        )),
    }
}

/// A non-negative count attribute (`ss:MergeAcross`, `ss:MergeDown`, `ss:Span`), 0 when absent.
fn count_attr(e: &BytesStart<'_>, local: &str, pos: u64) -> Result<u32, ReadError> {
    let Some(v) = attr(e, local, pos)? else {
        return Ok(0);
    };
    match v.trim().parse::<u64>() {
        Ok(n) if n < u64::from(MAX_ROWS) => Ok(n as u32),
        Ok(n) => Err(corrupt_at(
            pos,
            format!("ss:{local} {n} beyond Excel's grid"),
        )),
        Err(_) => Err(corrupt_at(
            pos,
            format!("ss:{local} {:?} is not a number", v.as_ref()),
        )),
    }
}

#[cfg(test)]
mod tests;
