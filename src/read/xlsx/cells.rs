//! One pass over a worksheet's XML: its cells and, at the end, its merged areas.

use super::Refusal;
use super::scan::{Malformed, Scanner, TagKind, attributes, push_text};
use super::styles::NumberKind;
use super::text::{push_unescaped, read_item};
use crate::read::sheet::{Cell, Merge, parse_a1, parse_a1_bytes};

/// What the workbook tells every sheet: shared strings, style kinds, date epoch.
pub struct Context<'a> {
    pub strings: &'a [String],
    pub kinds: &'a [NumberKind],
    pub date1904: bool,
}

/// A sheet's cells with a value (row, column, value) and its merged areas.
pub type SheetContent = (Vec<(u32, u32, Cell)>, Vec<Merge>);

/// Sheets of more XML than this are scanned in two halves at once.
const SPLIT_BYTES: usize = 4 << 20;

/// As [`read_sheet`], scanning a large sheet's two halves on two cores. The
/// halves meet at a `<row r="…">` tag, so the second half knows where it is.
pub fn read_sheet_parallel(
    xml: &[u8],
    ctx: &Context,
    budget: &mut usize,
) -> Result<SheetContent, Refusal> {
    let Some(at) = split_point(xml) else {
        return read_sheet(xml, ctx, budget);
    };
    let (mut b1, mut b2) = (*budget, *budget);
    let (first, second) = rayon::join(
        || read_sheet(&xml[..at], ctx, &mut b1),
        || read_sheet(&xml[at..], ctx, &mut b2),
    );
    let ((mut cells, mut merges), (more_cells, more_merges)) = (first?, second?);
    let used = (*budget - b1) + (*budget - b2);
    *budget = budget.checked_sub(used).ok_or_else(too_many)?;
    cells.extend(more_cells);
    merges.extend(more_merges);
    Ok((cells, merges))
}

/// Where a large sheet's XML can be cut: the start of a `<row` tag with an
/// `r` attribute past the middle; None for small sheets or when there is none.
fn split_point(xml: &[u8]) -> Option<usize> {
    if xml.len() < SPLIT_BYTES {
        return None;
    }
    let mut from = xml.len() / 2;
    for _ in 0..8 {
        let at = from + memchr::memmem::find(&xml[from..], b"<row ")?;
        let tag_end = at + memchr::memchr(b'>', &xml[at..])?;
        if attributes(&xml[at + 4..tag_end]).any(|(k, _)| k == b"r") {
            return Some(at);
        }
        from = tag_end;
    }
    None
}

/// Cells with a value and merged areas of one sheet; `budget` counts cells
/// across the workbook so a hostile file is refused before it fills memory.
pub fn read_sheet(xml: &[u8], ctx: &Context, budget: &mut usize) -> Result<SheetContent, Refusal> {
    let mut scan = Scanner::new(xml);
    let mut cells = Vec::new();
    let mut merges = Vec::new();
    // Where the next cell goes when the file leaves out `r` (some writers do).
    let mut row: u32 = 0;
    let mut next_row: u32 = 0;
    let mut next_col: u32 = 0;
    let mut value = String::new();
    while let Some(tag) = scan.next_tag()? {
        match (tag.name, tag.kind) {
            (b"row", TagKind::Open | TagKind::Empty) => {
                row = attributes(tag.attrs)
                    .find(|(k, _)| *k == b"r")
                    .and_then(|(_, v)| std::str::from_utf8(v).ok()?.parse::<u32>().ok())
                    .and_then(|r| r.checked_sub(1))
                    .unwrap_or(next_row);
                next_row = row.saturating_add(1);
                next_col = 0;
            }
            (b"c", TagKind::Open) => {
                let cell = CellTag::of(tag.attrs, row, next_col);
                next_col = cell.col.saturating_add(1);
                value.clear();
                // (An inline string's `<v>` is not its value.)
                let plain = (cell.kind != Kind::Inline).then(|| scan.plain_value());
                let found = match plain.flatten() {
                    Some(text) => {
                        push_text(text, &mut value)?;
                        Some(Found::V)
                    }
                    None => read_cell_body(&mut scan, &cell, &mut value)?,
                };
                let read = match found {
                    Some(f) => to_cell(f, &value, &cell, ctx)?,
                    None => None,
                };
                if let Some(v) = read {
                    *budget = budget.checked_sub(1).ok_or_else(too_many)?;
                    cells.push((cell.row, cell.col, v));
                }
            }
            (b"c", TagKind::Empty) => {
                next_col = CellTag::of(tag.attrs, row, next_col).col.saturating_add(1);
            }
            (b"mergeCell", TagKind::Open | TagKind::Empty) => {
                let range = attributes(tag.attrs)
                    .find(|(k, _)| *k == b"ref")
                    .and_then(|(_, v)| std::str::from_utf8(v).ok())
                    .and_then(parse_range);
                merges.extend(range);
            }
            _ => {}
        }
    }
    Ok((cells, merges))
}

impl From<Malformed> for Refusal {
    fn from(_: Malformed) -> Self {
        Refusal::Fallback
    }
}

fn too_many() -> Refusal {
    Refusal::Refuse(crate::read::ReadError::TooLarge(format!(
        "more than {} cells",
        crate::read::calamine_io::MAX_CELLS
    )))
}

/// The attributes of `<c r="B3" s="4" t="s">` that matter.
#[derive(Debug, PartialEq)]
struct CellTag {
    row: u32,
    col: u32,
    style: usize,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Shared,
    Inline,
    Formula,
    Bool,
    Error,
    IsoDate,
}

impl CellTag {
    fn of(attrs: &[u8], row: u32, next_col: u32) -> CellTag {
        Self::usual(attrs).unwrap_or_else(|| Self::any(attrs, row, next_col))
    }

    /// The attributes as Excel, WPS and LibreOffice write them, in this
    /// order: ` r="B3"`, then ` s="4"` and ` t="s"` when not the defaults.
    /// None for anything else, which [`CellTag::any`] reads.
    fn usual(attrs: &[u8]) -> Option<CellTag> {
        /// The value of ` key="…"` at the start of `rest`, and what follows it.
        fn take<'a>(rest: &'a [u8], key: &[u8]) -> Option<(&'a [u8], &'a [u8])> {
            let value = rest.strip_prefix(key)?;
            let end = value.iter().position(|&b| b == b'"')?;
            Some((&value[..end], &value[end + 1..]))
        }
        let (r, mut rest) = take(attrs, b" r=\"")?;
        let (row, col) = parse_a1_bytes(r)?;
        let mut tag = CellTag {
            row,
            col,
            style: 0,
            kind: Kind::Number,
        };
        if let Some((s, after)) = take(rest, b" s=\"") {
            tag.style = small_number(s)?;
            rest = after;
        }
        if let Some((t, after)) = take(rest, b" t=\"") {
            tag.kind = kind_of(t);
            rest = after;
        }
        rest.is_empty().then_some(tag)
    }

    /// Any attributes in any order; a cell without `r` goes at (`row`, `next_col`).
    fn any(attrs: &[u8], row: u32, next_col: u32) -> CellTag {
        let mut tag = CellTag {
            row,
            col: next_col,
            style: 0,
            kind: Kind::Number,
        };
        for (key, v) in attributes(attrs) {
            match key {
                b"r" => {
                    if let Some((r, c)) = parse_a1_bytes(v) {
                        tag.row = r;
                        tag.col = c;
                    }
                }
                b"s" => tag.style = small_number(v).unwrap_or(0),
                b"t" => tag.kind = kind_of(v),
                _ => {}
            }
        }
        tag
    }
}

/// A cell's `t` attribute.
fn kind_of(t: &[u8]) -> Kind {
    match t {
        b"s" => Kind::Shared,
        b"inlineStr" | b"is" => Kind::Inline,
        b"str" => Kind::Formula,
        b"b" => Kind::Bool,
        b"e" => Kind::Error,
        b"d" => Kind::IsoDate,
        _ => Kind::Number,
    }
}

/// A non-negative decimal of at most nine digits (style and string indices).
fn small_number(v: &[u8]) -> Option<usize> {
    let v = v.trim_ascii();
    if v.is_empty() || v.len() > 9 {
        return None;
    }
    v.iter().try_fold(0usize, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + usize::from(b - b'0'))
    })
}

/// Which child held the value: `<v>` text or an inline `<is>` string.
#[derive(Clone, Copy)]
enum Found {
    V,
    Inline,
}

/// Reads a `<c>`'s children up to `</c>`, leaving the value text in `out`.
fn read_cell_body(
    scan: &mut Scanner,
    cell: &CellTag,
    out: &mut String,
) -> Result<Option<Found>, Refusal> {
    let mut found = None;
    while let Some(tag) = scan.next_tag()? {
        match (tag.name, tag.kind) {
            (b"c", TagKind::Close) => return Ok(found),
            (b"v", TagKind::Open) if cell.kind != Kind::Inline => {
                push_text(scan.skip_to_end(b"v")?, out)?;
                found = Some(Found::V);
            }
            (b"is", TagKind::Open) => {
                let inner = scan.skip_to_end(b"is")?;
                let mut reader = quick_xml::Reader::from_reader(inner);
                out.clear();
                read_item(&mut reader, out, 0)?;
                found = Some(Found::Inline);
            }
            // Formulas, the `<v>` of an inline string, extensions: skipped whole.
            (name, TagKind::Open) => {
                scan.skip_to_end(name)?;
            }
            _ => {}
        }
    }
    Err(Refusal::Fallback)
}

/// The cell a value stands for; None for blanks. A shared-string index that
/// is no number or points past the table is a doubt: the package goes to
/// calamine (which reads it or says it is damaged), never a blank cell.
fn to_cell(found: Found, v: &str, tag: &CellTag, ctx: &Context) -> Result<Option<Cell>, Refusal> {
    if let Found::Inline = found {
        return Ok((!v.is_empty()).then(|| Cell::Text(v.to_string())));
    }
    Ok(match tag.kind {
        Kind::Shared => {
            let s = small_number(v.trim().as_bytes())
                .and_then(|i| ctx.strings.get(i))
                .ok_or(Refusal::Fallback)?;
            (!s.is_empty()).then(|| Cell::Text(s.clone()))
        }
        Kind::Inline => None,
        Kind::Formula => {
            let mut s = String::with_capacity(v.len());
            push_unescaped(v, &mut s);
            (!s.is_empty()).then_some(Cell::Text(s))
        }
        Kind::Bool => Some(Cell::Bool(matches!(v.trim(), "1" | "true" | "TRUE"))),
        Kind::Error => (!v.is_empty()).then(|| Cell::Error(v.to_string())),
        Kind::IsoDate => Some(crate::read::calamine_io::iso_date(v)),
        Kind::Number => {
            if v.is_empty() {
                return Ok(None);
            }
            let Ok(n) = v.trim().parse::<f64>() else {
                return Ok(Some(Cell::Text(v.to_string())));
            };
            match ctx.kinds.get(tag.style) {
                Some(NumberKind::Date) => Some(
                    serial_to_date(n, ctx.date1904)
                        .map(Cell::Date)
                        .unwrap_or(Cell::Number(n)),
                ),
                _ => Some(Cell::Number(n)),
            }
        }
    })
}

/// An Excel serial day number as a date and time (the 1900 system counts the
/// fictitious 29 February 1900, so serials below 60 shift by a day).
pub fn serial_to_date(serial: f64, date1904: bool) -> Option<chrono::NaiveDateTime> {
    let f = if date1904 { serial + 1462.0 } else { serial };
    let f = if f >= 60.0 { f } else { f + 1.0 };
    let ms = (f * 86_400_000.0).round();
    if !ms.is_finite() || ms.abs() > 1e15 {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(chrono::NaiveTime::MIN);
    epoch.checked_add_signed(chrono::Duration::milliseconds(ms as i64))
}

/// `B3:D5` → a merge (`B3` alone is a one-cell area).
pub fn parse_range(r: &str) -> Option<Merge> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    let (r0, c0) = parse_a1(a.trim_matches('$'))?;
    let (r1, c1) = parse_a1(b.trim_matches('$'))?;
    Some(Merge {
        first_row: r0.min(r1),
        first_col: c0.min(c1),
        last_row: r0.max(r1),
        last_col: c0.max(c1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_attributes_read_as_any_attributes_do() {
        for attrs in [
            r#" r="B3""#,
            r#" r="B3" s="4""#,
            r#" r="AA10" s="12" t="s""#,
            r#" r="C7" t="inlineStr""#,
            r#" r="D1" t="str""#,
            r#" r="E2" s="1" t="b""#,
            r#" r="XFD1048576" t="e""#,
        ] {
            let usual = CellTag::usual(attrs.as_bytes());
            assert_eq!(usual, Some(CellTag::any(attrs.as_bytes(), 0, 0)), "{attrs}");
        }
        // Other orders, spacing, prefixes or bad values: read the general way.
        for attrs in [
            r#" s="4" r="B3""#,
            r#" r="B3"  s="4""#,
            r#" r='B3'"#,
            r#" r="B3" s="x""#,
            r#" r="B3" x:t="s""#,
            r#" r="3B""#,
            r#" r="B3" "#,
            "",
        ] {
            assert_eq!(CellTag::usual(attrs.as_bytes()), None, "{attrs}");
        }
        assert_eq!(
            CellTag::of(br#" s="4" t="s" r="B3""#, 9, 9),
            CellTag {
                row: 2,
                col: 1,
                style: 4,
                kind: Kind::Shared
            }
        );
        assert_eq!(
            CellTag::of(br#" t="s""#, 9, 5),
            CellTag {
                row: 9,
                col: 5,
                style: 0,
                kind: Kind::Shared
            },
            "a cell without r goes where the last one left off"
        );
    }

    fn read(
        xml: &str,
        strings: &[&str],
        kinds: &[NumberKind],
    ) -> (Vec<(u32, u32, Cell)>, Vec<Merge>) {
        let strings: Vec<String> = strings.iter().map(|s| s.to_string()).collect();
        let ctx = Context {
            strings: &strings,
            kinds,
            date1904: false,
        };
        let mut budget = 100;
        read_sheet(xml.as_bytes(), &ctx, &mut budget).unwrap_or_else(|_| panic!("read"))
    }

    #[test]
    fn every_cell_type_is_read() {
        let xml = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>内联</t></is></c><c r="C1" t="str"><f>A1&amp;"x"</f><v>a&amp;b</v></c></row>
            <row r="3"><c r="A3"><v>12.5</v></c><c r="B3" s="1"><v>45473</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#DIV/0!</v></c><c r="E3"><f>1+1</f></c><c r="F3" s="1"/></row>
            </sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>"#;
        let (cells, merges) = read(xml, &["项目名称"], &[NumberKind::Plain, NumberKind::Date]);
        let date = chrono::NaiveDate::from_ymd_opt(2024, 6, 30)
            .unwrap()
            .and_time(chrono::NaiveTime::MIN);
        assert_eq!(
            cells,
            vec![
                (0, 0, Cell::Text("项目名称".into())),
                (0, 1, Cell::Text("内联".into())),
                (0, 2, Cell::Text("a&b".into())),
                (2, 0, Cell::Number(12.5)),
                (2, 1, Cell::Date(date)),
                (2, 2, Cell::Bool(true)),
                (2, 3, Cell::Error("#DIV/0!".into())),
            ]
        );
        assert_eq!(merges.len(), 1);
        assert_eq!(merges[0].last_col, 2);
    }

    #[test]
    fn a_large_sheet_read_in_halves_is_the_same() {
        let mut xml = String::from("<worksheet><sheetData>");
        let mut row = 0;
        while xml.len() < SPLIT_BYTES + 1000 {
            row += 1;
            xml.push_str(&format!(
                r#"<row r="{row}"><c r="A{row}" t="s"><v>0</v></c><c r="B{row}"><v>{row}</v></c><c><v>7</v></c></row>"#
            ));
        }
        xml.push_str(
            r#"</sheetData><mergeCells><mergeCell ref="A1:A3"/></mergeCells></worksheet>"#,
        );
        let strings = vec!["项目".to_string()];
        let ctx = Context {
            strings: &strings,
            kinds: &[],
            date1904: false,
        };
        assert!(split_point(xml.as_bytes()).is_some());
        let (mut b1, mut b2) = (usize::MAX, usize::MAX);
        let whole = read_sheet(xml.as_bytes(), &ctx, &mut b1).unwrap_or_else(|_| panic!());
        let halves =
            read_sheet_parallel(xml.as_bytes(), &ctx, &mut b2).unwrap_or_else(|_| panic!());
        assert_eq!(whole.0, halves.0);
        assert_eq!(whole.1, halves.1);
        assert_eq!(b1, b2);
        assert_eq!(whole.0.len(), row as usize * 3);
    }

    #[test]
    fn cells_without_references_follow_each_other() {
        let xml = r#"<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c/><c><v>3</v></c></row></sheetData></worksheet>"#;
        let (cells, _) = read(xml, &[], &[]);
        let at: Vec<_> = cells.iter().map(|(r, c, _)| (*r, *c)).collect();
        assert_eq!(at, vec![(0, 0), (0, 1), (1, 1)]);
    }

    #[test]
    fn the_cell_budget_refuses_hostile_sheets() {
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>"#;
        let ctx = Context {
            strings: &[],
            kinds: &[],
            date1904: false,
        };
        let mut budget = 1;
        assert!(matches!(
            read_sheet(xml.as_bytes(), &ctx, &mut budget),
            Err(Refusal::Refuse(_))
        ));
    }

    #[test]
    fn serials_become_dates_in_both_epochs() {
        let d = |y, m, d| {
            chrono::NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_time(chrono::NaiveTime::MIN)
        };
        assert_eq!(serial_to_date(45473.0, false), Some(d(2024, 6, 30)));
        assert_eq!(serial_to_date(44011.0, true), Some(d(2024, 6, 30)));
        assert_eq!(serial_to_date(1.0, false), Some(d(1900, 1, 1)));
        assert_eq!(serial_to_date(1e300, false), None);
    }
}
