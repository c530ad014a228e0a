//! Tests of the CSV reader: encodings, delimiters, quoting, row numbering and hostile bytes.
//! Compiled only under `#[cfg(test)]` (declared so in the parent module).

use proptest::prelude::*;

use super::*;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn read(bytes: &[u8]) -> (Sheet, TextEncoding) {
    read_csv(bytes, "表").expect("reads")
}

/// The sheet as (row, col, text) triples.
fn triples(sheet: &Sheet) -> Vec<(u32, u32, String)> {
    sheet
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(move |(c, v)| (r.index, *c, v.to_text())))
        .collect()
}

fn t(r: u32, c: u32, s: &str) -> (u32, u32, String) {
    (r, c, s.to_string())
}

const SAMPLE: &str = "项目名称,指标值\n城乡居民医疗救助,≥350人次\n";

#[test]
fn utf8_plain() {
    let (s, enc) = read(SAMPLE.as_bytes());
    assert_eq!(enc, TextEncoding::Utf8);
    assert_eq!(s.name, "表");
    assert!(!s.hidden);
    assert!(s.merges.is_empty());
    assert_eq!(
        triples(&s),
        vec![
            t(0, 0, "项目名称"),
            t(0, 1, "指标值"),
            t(1, 0, "城乡居民医疗救助"),
            t(1, 1, "≥350人次")
        ]
    );
}

#[test]
fn utf8_with_bom() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(SAMPLE.as_bytes());
    let (s, enc) = read(&bytes);
    assert_eq!(enc, TextEncoding::Utf8Bom);
    assert_eq!(
        s.cell(0, 0),
        Some(&text("项目名称")),
        "BOM not part of the first field"
    );
}

#[test]
fn gbk_bytes() {
    let (bytes, _, bad) = encoding_rs::GBK.encode("项目名称,指标值\r\n农村公益性公墓建设,≥95%\r\n");
    assert!(!bad);
    assert!(std::str::from_utf8(&bytes).is_err());
    let (s, enc) = read(&bytes);
    assert_eq!(enc, TextEncoding::Gb18030);
    assert_eq!(
        triples(&s),
        vec![
            t(0, 0, "项目名称"),
            t(0, 1, "指标值"),
            t(1, 0, "农村公益性公墓建设"),
            t(1, 1, "≥95%")
        ]
    );
}

#[test]
fn gb18030_four_byte_characters() {
    // U+20BB7 (𠮷) exists only in GB18030's four-byte range.
    let (bytes, _, bad) = encoding_rs::GB18030.encode("单位,𠮷\n");
    assert!(!bad);
    let (s, enc) = read(&bytes);
    assert_eq!(enc, TextEncoding::Gb18030);
    assert_eq!(s.cell(0, 1), Some(&text("𠮷")));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let src = "项目名称\t指标值\r\n公厕改造\t≥24座\r\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in src.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    for bytes in [le, be] {
        let (s, _) = read(&bytes);
        assert_eq!(
            triples(&s),
            vec![
                t(0, 0, "项目名称"),
                t(0, 1, "指标值"),
                t(1, 0, "公厕改造"),
                t(1, 1, "≥24座")
            ]
        );
    }
}

#[test]
fn invalid_bytes_are_an_encoding_error() {
    for bytes in [
        &b"abc,\xff\xfe\xfd\n"[..],
        &b"\x81\x20\x81\x20"[..],
        &b"\xef\xbb\xbfok,\xc3\x28\n"[..],
        &b"a\0b\0c\0"[..],
        &b"\xff\xfe\x00\xd8"[..],
    ] {
        assert_eq!(
            read_csv(bytes, "s").map(|_| ()),
            Err(ReadError::Encoding),
            "{bytes:?}"
        );
    }
    // NUL padding at the end is tolerated.
    let (s, _) = read(b"a,b\n\0\0\0");
    assert_eq!(triples(&s), vec![t(0, 0, "a"), t(0, 1, "b")]);
}

#[test]
fn quoted_fields_with_commas_quotes_and_newlines() {
    let src = "名称,说明,值\n\"公厕,改造\",\"第一行\n第二行\",\"他说\"\"好\"\"\"\n末行,,3\n";
    let (s, _) = read(src.as_bytes());
    assert_eq!(
        triples(&s),
        vec![
            t(0, 0, "名称"),
            t(0, 1, "说明"),
            t(0, 2, "值"),
            t(1, 0, "公厕,改造"),
            t(1, 1, "第一行\n第二行"),
            t(1, 2, "他说\"好\""),
            // The multi-line field is one row, so this is row 3, as in Excel.
            t(2, 0, "末行"),
            t(2, 2, "3"),
        ]
    );
}

#[test]
fn values_stay_text_and_empty_fields_are_dropped() {
    let (s, _) = read("980.00,0012, 7 ,,TRUE,2024-12-31\n,,,\n".as_bytes());
    assert_eq!(
        s.rows[0].cells,
        vec![
            (0, text("980.00")),
            (1, text("0012")),
            (2, text(" 7 ")),
            (4, text("TRUE")),
            (5, text("2024-12-31"))
        ]
    );
    assert_eq!(s.rows.len(), 1, "a row of empty fields stores nothing");
}

#[test]
fn blank_lines_keep_row_numbers() {
    let (s, _) = read(b"\n\ntitle\n\nA,B\r\n\r\n\"x\ny\",1\nlast");
    assert_eq!(
        triples(&s),
        vec![
            t(2, 0, "title"),
            t(4, 0, "A"),
            t(4, 1, "B"),
            t(6, 0, "x\ny"),
            t(6, 1, "1"),
            t(7, 0, "last")
        ]
    );
}

#[test]
fn blank_lines_with_any_line_ending() {
    for src in [
        &b"a\n\nb"[..],
        b"a\r\n\r\nb",
        b"a\r\rb",
        b"a\r\n\nb",
        b"a\n\r\nb\r\n",
    ] {
        let (s, _) = read(src);
        assert_eq!(triples(&s), vec![t(0, 0, "a"), t(2, 0, "b")], "{src:?}");
    }
    let (s, _) = read(b"a\rb\rc");
    assert_eq!(triples(&s), vec![t(0, 0, "a"), t(1, 0, "b"), t(2, 0, "c")]);
}

#[test]
fn crlf_and_trailing_cr() {
    let (s, _) = read(b"a,b\r\nc,d\r\n");
    assert_eq!(
        triples(&s),
        vec![t(0, 0, "a"), t(0, 1, "b"), t(1, 0, "c"), t(1, 1, "d")]
    );
    let (s, _) = read(b"a,\"b\r\"\n");
    assert_eq!(s.cell(0, 1), Some(&text("b")));
}

#[test]
fn ragged_rows_are_fine() {
    let (s, _) = read(b"a\nb,c,d\ne,f\n");
    assert_eq!(s.cell(1, 2), Some(&text("d")));
    assert_eq!(s.cell(2, 1), Some(&text("f")));
}

#[test]
fn tab_separated() {
    let (s, _) = read("项目名称\t指标值\t备注\n公厕改造\t1,200人次\t\n".as_bytes());
    assert_eq!(
        triples(&s),
        vec![
            t(0, 0, "项目名称"),
            t(0, 1, "指标值"),
            t(0, 2, "备注"),
            t(1, 0, "公厕改造"),
            t(1, 1, "1,200人次")
        ]
    );
}

#[test]
fn semicolon_separated() {
    let (s, _) = read(b"name;value\nx;1,5\ny;2,25\n");
    assert_eq!(
        triples(&s),
        vec![
            t(0, 0, "name"),
            t(0, 1, "value"),
            t(1, 0, "x"),
            t(1, 1, "1,5"),
            t(2, 0, "y"),
            t(2, 1, "2,25")
        ]
    );
}

#[test]
fn delimiter_sniffing() {
    assert_eq!(sniff_delimiter("a,b,c\n1,2,3"), b',');
    assert_eq!(sniff_delimiter("a\tb\tc\n1\t2,5\t3"), b'\t');
    assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3"), b';');
    // Commas inside quotes do not count.
    assert_eq!(sniff_delimiter("\"a,b,c,d\"\tx\n\"1,2,3\"\ty"), b'\t');
    // A tie stays a comma.
    assert_eq!(sniff_delimiter("a,b\tc"), b',');
    assert_eq!(sniff_delimiter(""), b',');
    assert_eq!(sniff_delimiter("single column"), b',');
}

#[test]
fn empty_input() {
    let (s, enc) = read(b"");
    assert_eq!(enc, TextEncoding::Utf8);
    assert!(s.rows.is_empty());
}

#[test]
fn too_many_cells() {
    let src = "a,b\nc,d\n";
    assert!(read_with_limit(src.as_bytes(), "s", 4).is_ok());
    assert!(matches!(
        read_with_limit(src.as_bytes(), "s", 3),
        Err(ReadError::TooLarge(_))
    ));
    assert_eq!(MAX_CELLS, 5_000_000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok((sheet, _)) = read_csv(&bytes, "s") {
            for w in sheet.rows.windows(2) {
                prop_assert!(w[0].index < w[1].index);
            }
            for row in &sheet.rows {
                for w in row.cells.windows(2) {
                    prop_assert!(w[0].0 < w[1].0);
                }
            }
        }
    }

    #[test]
    fn csv_like_text_round_trips(rows in proptest::collection::vec(proptest::collection::vec("[a-z项目,\"\n ]{0,6}", 1..5), 1..8)) {
        let mut src = String::new();
        for row in &rows {
            let fields: Vec<String> = row.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
            src.push_str(&fields.join(","));
            src.push('\n');
        }
        let (sheet, enc) = read_csv(src.as_bytes(), "s").expect("valid CSV reads");
        prop_assert_eq!(enc, TextEncoding::Utf8);
        let expected: Vec<(u32, u32, String)> = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().filter(|(_, f)| !f.is_empty()).map(move |(c, f)| (r as u32, c as u32, f.clone())))
            .collect();
        prop_assert_eq!(triples(&sheet), expected);
    }
}

#[test]
fn a_utf8_mark_before_a_gbk_body_reads_as_gbk() {
    // "项目名称,指标值\n" in GBK, after a UTF-8 byte-order mark.
    let (body, _, _) = encoding_rs::GBK.encode("项目名称,指标值\n道路养护,≥45公里\n");
    let bytes = [b"\xef\xbb\xbf".as_slice(), &body].concat();
    let sheets = read_csv(&bytes, "s").expect("read as GBK");
    let first = sheets.0.rows[0].cells[0].1.to_text();
    assert_eq!(first, "项目名称");
    // Near miss: a mark before UTF-8 is UTF-8 as before.
    let utf8 = "\u{feff}项目名称,指标值\n".as_bytes();
    let sheets = read_csv(utf8, "s").expect("read as UTF-8");
    assert_eq!(sheets.0.rows[0].cells[0].1.to_text(), "项目名称");
}

#[test]
fn more_rows_than_a_spreadsheet_holds_are_refused() {
    let mut text = String::with_capacity(3 << 20);
    for _ in 0..=super::MAX_ROWS {
        text.push_str("1\n");
    }
    match read_csv(text.as_bytes(), "s") {
        Err(ReadError::TooLarge(why)) => assert!(why.contains("rows"), "{why}"),
        other => panic!("{:?}", other.map(|(s, _)| s.rows.len())),
    }
}
