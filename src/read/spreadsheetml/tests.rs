//! Tests of the SpreadsheetML reader: hand-written snippets, hostile input and the official samples.
//! Compiled only under `#[cfg(test)]` (declared so in the parent module).

use std::path::PathBuf;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

const HEAD: &str = r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
"#;

/// A workbook with one worksheet `S` whose `Table` holds `rows`.
fn book(rows: &str) -> String {
    format!("{HEAD}<Worksheet ss:Name=\"S\"><Table>{rows}</Table></Worksheet></Workbook>")
}

fn read_one(rows: &str) -> Sheet {
    let sheets = read_spreadsheetml(book(rows).as_bytes()).expect("reads");
    assert_eq!(sheets.len(), 1);
    sheets.into_iter().next().expect("one sheet")
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn merge(first_row: u32, first_col: u32, last_row: u32, last_col: u32) -> Merge {
    Merge {
        first_row,
        first_col,
        last_row,
        last_col,
    }
}

fn is_corrupt(r: Result<Vec<Sheet>, ReadError>) -> bool {
    matches!(r, Err(ReadError::Corrupt(_)))
}

/// Rows sorted and unique, cells sorted and unique, no empty text.
fn assert_well_formed(sheet: &Sheet) {
    for w in sheet.rows.windows(2) {
        assert!(
            w[0].index < w[1].index,
            "rows out of order in {}",
            sheet.name
        );
    }
    for row in &sheet.rows {
        assert!(!row.cells.is_empty());
        for w in row.cells.windows(2) {
            assert!(w[0].0 < w[1].0, "cells out of order in row {}", row.index);
        }
        for (_, c) in &row.cells {
            assert!(!matches!(c, Cell::Text(s) if s.is_empty()));
        }
    }
}

// --- placement -------------------------------------------------------------

#[test]
fn index_skips_and_merge_across_place_cells() {
    let s = read_one(
        r#"<Row><Cell><Data ss:Type="String">A1</Data></Cell></Row>
        <Row ss:Index="3">
          <Cell ss:MergeAcross="2"><Data ss:Type="String">A3</Data></Cell>
          <Cell><Data ss:Type="String">D3</Data></Cell>
          <Cell ss:Index="7"><Data ss:Type="String">G3</Data></Cell>
          <Cell><Data ss:Type="String">H3</Data></Cell>
        </Row>
        <Row><Cell ss:Index="2"><Data ss:Type="String">B4</Data></Cell></Row>"#,
    );
    assert_well_formed(&s);
    assert_eq!(s.cell(0, 0), Some(&text("A1")));
    assert_eq!(s.cell(2, 0), Some(&text("A3")));
    assert_eq!(s.cell(2, 3), Some(&text("D3")));
    assert_eq!(s.cell(2, 6), Some(&text("G3")));
    assert_eq!(s.cell(2, 7), Some(&text("H3")));
    assert_eq!(s.cell(3, 1), Some(&text("B4")));
    assert_eq!(
        s.rows.iter().map(|r| r.index).collect::<Vec<_>>(),
        vec![0, 2, 3]
    );
    assert_eq!(s.merges, vec![merge(2, 0, 2, 2)]);
    assert_eq!(s.cell_count(), 6);
}

#[test]
fn merge_down_and_zero_merges() {
    let s = read_one(
        r#"<Row>
          <Cell ss:MergeDown="8"><Data ss:Type="String">绩效指标</Data></Cell>
          <Cell ss:MergeAcross="1" ss:MergeDown="2"><Data ss:Type="String">x</Data></Cell>
          <Cell ss:MergeDown="0" ss:MergeAcross="0"><Data ss:Type="String">y</Data></Cell>
          <Cell ss:MergeAcross="3"/>
        </Row>"#,
    );
    assert_eq!(
        s.merges,
        vec![merge(0, 0, 8, 0), merge(0, 1, 2, 2), merge(0, 4, 0, 7)]
    );
    assert_eq!(s.cell(0, 3), Some(&text("y")));
    // The empty merged cell is a merge, not a cell.
    assert_eq!(s.cell_count(), 3);
}

#[test]
fn row_span_moves_the_next_row() {
    let s =
        read_one(r#"<Row ss:Span="2"/><Row><Cell><Data ss:Type="String">A4</Data></Cell></Row>"#);
    assert_eq!(s.cell(3, 0), Some(&text("A4")));
}

#[test]
fn backwards_index_is_put_in_order() {
    let s = read_one(
        r#"<Row ss:Index="5"><Cell ss:Index="4"><Data ss:Type="String">D5</Data></Cell>
             <Cell ss:Index="2"><Data ss:Type="String">B5</Data></Cell></Row>
           <Row ss:Index="2"><Cell><Data ss:Type="String">A2</Data></Cell></Row>
           <Row ss:Index="5"><Cell ss:Index="2"><Data ss:Type="String">B5 again</Data></Cell></Row>"#,
    );
    assert_well_formed(&s);
    assert_eq!(s.cell(1, 0), Some(&text("A2")));
    assert_eq!(s.cell(4, 1), Some(&text("B5 again")));
    assert_eq!(s.cell(4, 3), Some(&text("D5")));
    assert_eq!(s.cell_count(), 3);
}

#[test]
fn expanded_counts_allocate_nothing() {
    let xml = format!(
        "{HEAD}<Worksheet ss:Name=\"S\"><Table ss:ExpandedColumnCount=\"16384\" ss:ExpandedRowCount=\"1048576\">\
         <Row ss:Index=\"1048576\"><Cell ss:Index=\"16384\"><Data ss:Type=\"String\">corner</Data></Cell></Row>\
         </Table></Worksheet></Workbook>"
    );
    let sheets = read_spreadsheetml(xml.as_bytes()).expect("reads");
    assert_eq!(sheets[0].cell(1_048_575, 16_383), Some(&text("corner")));
    assert_eq!(sheets[0].cell_count(), 1);
}

// --- values ----------------------------------------------------------------

#[test]
fn typed_values() {
    let s = read_one(
        r#"<Row>
          <Cell><Data ss:Type="Number">87.75</Data></Cell>
          <Cell><Data ss:Type="Number"> 100 </Data></Cell>
          <Cell><Data ss:Type="Number">1.5E-3</Data></Cell>
          <Cell><Data ss:Type="Number">≥95%</Data></Cell>
          <Cell><Data ss:Type="Number">NaN</Data></Cell>
          <Cell><Data ss:Type="DateTime">2024-12-25T00:00:00.000</Data></Cell>
          <Cell><Data ss:Type="DateTime">2024-11-30T08:30:00</Data></Cell>
          <Cell><Data ss:Type="DateTime">12月底前</Data></Cell>
          <Cell><Data ss:Type="Boolean">1</Data></Cell>
          <Cell><Data ss:Type="Boolean">0</Data></Cell>
          <Cell><Data ss:Type="Error">#DIV/0!</Data></Cell>
          <Cell><Data>no type</Data></Cell>
          <Cell><Data ss:Type="String">  spaced  </Data></Cell>
          <Cell><Data ss:Type="String"></Data></Cell>
          <Cell><Data ss:Type="String"/></Cell>
          <Cell ss:Formula="=1+1"><Data ss:Type="Number">2</Data></Cell>
        </Row>"#,
    );
    let d = |y, m, day, h, min| {
        NaiveDate::from_ymd_opt(y, m, day).and_then(|x| x.and_hms_opt(h, min, 0))
    };
    let expected = vec![
        (0, Cell::Number(87.75)),
        (1, Cell::Number(100.0)),
        (2, Cell::Number(0.0015)),
        (3, text("≥95%")),
        (4, text("NaN")),
        (5, Cell::Date(d(2024, 12, 25, 0, 0).expect("date"))),
        (6, Cell::Date(d(2024, 11, 30, 8, 30).expect("date"))),
        (7, text("12月底前")),
        (8, Cell::Bool(true)),
        (9, Cell::Bool(false)),
        (10, Cell::Error("#DIV/0!".into())),
        (11, text("no type")),
        (12, text("  spaced  ")),
        (15, Cell::Number(2.0)),
    ];
    assert_eq!(s.rows[0].cells, expected);
}

#[test]
fn rich_text_is_concatenated_and_newlines_kept() {
    let s = read_one(
        r##"<Row>
          <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>项目</B><Font html:Color="#FF0000">名称</Font>（<I><U>含</U></I>）</ss:Data></Cell>
          <Cell><Data ss:Type="String">经费&#10;保障</Data></Cell>
          <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40">
              <Font html:Color="#000000">项目资金</Font>
              <Font html:Face="宋体">（万元）</Font>
            </ss:Data></Cell>
          <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><Font html:Color="#FFFFFF">     </Font><Font>其他资金</Font></ss:Data></Cell>
          <Cell><Data ss:Type="String">a &amp; b &lt;c&gt; &quot;d&quot; &#x4E2D;&#25991;</Data></Cell>
          <Cell><Data ss:Type="String"><![CDATA[<raw> & text]]></Data></Cell>
          <Cell><Data ss:Type="String">
          </Data></Cell>
          <Cell><Data ss:Type="String">line1
line2</Data></Cell>
        </Row>"##,
    );
    assert_eq!(s.cell(0, 0), Some(&text("项目名称（含）")));
    assert_eq!(s.cell(0, 1), Some(&text("经费\n保障")));
    assert_eq!(s.cell(0, 2), Some(&text("项目资金（万元）")));
    assert_eq!(s.cell(0, 3), Some(&text("     其他资金")));
    assert_eq!(s.cell(0, 4), Some(&text("a & b <c> \"d\" 中文")));
    assert_eq!(s.cell(0, 5), Some(&text("<raw> & text")));
    assert_eq!(s.cell(0, 6), None, "indentation only is no content");
    assert_eq!(s.cell(0, 7), Some(&text("line1\nline2")));
}

#[test]
fn crlf_in_text_becomes_lf() {
    let xml = book("<Row><Cell><Data ss:Type=\"String\">a\r\nb</Data></Cell></Row>");
    let sheets = read_spreadsheetml(xml.as_bytes()).expect("reads");
    assert_eq!(sheets[0].cell(0, 0), Some(&text("a\nb")));
}

#[test]
fn comment_data_is_not_the_cell_value() {
    let s = read_one(
        r#"<Row><Cell><Comment ss:Author="审核"><ss:Data xmlns="http://www.w3.org/TR/REC-html40"><B>请核实</B></ss:Data></Comment></Cell>
           <Cell><Data ss:Type="String">value</Data><Comment><ss:Data>note</ss:Data></Comment></Cell></Row>"#,
    );
    assert_eq!(s.cell(0, 0), None);
    assert_eq!(s.cell(0, 1), Some(&text("value")));
    assert_eq!(s.cell_count(), 1);
}

#[test]
fn prefixed_and_unprefixed_elements_read_alike() {
    let prefixed = r#"<?xml version="1.0" encoding="UTF-8"?>
<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <ss:Worksheet ss:Name="甲"><ss:Table>
  <ss:Row ss:Index="2"><ss:Cell ss:Index="3" ss:MergeAcross="1"><ss:Data ss:Type="String">x</ss:Data></ss:Cell>
   <ss:Cell><ss:Data ss:Type="Number">5</ss:Data></ss:Cell></ss:Row>
 </ss:Table></ss:Worksheet>
</ss:Workbook>"#;
    let unprefixed = r#"<?xml version="1.0" encoding="UTF-8"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet Name="甲"><Table>
  <Row Index="2"><Cell Index="3" MergeAcross="1"><Data Type="String">x</Data></Cell>
   <Cell><Data Type="Number">5</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>"#;
    let a = read_spreadsheetml(prefixed.as_bytes()).expect("prefixed");
    let b = read_spreadsheetml(unprefixed.as_bytes()).expect("unprefixed");
    assert_eq!(a, b);
    assert_eq!(a[0].name, "甲");
    assert_eq!(a[0].cell(1, 2), Some(&text("x")));
    assert_eq!(a[0].cell(1, 4), Some(&Cell::Number(5.0)));
    assert_eq!(a[0].merges, vec![merge(1, 2, 1, 3)]);
}

// --- sheets ----------------------------------------------------------------

#[test]
fn hidden_sheets_and_names() {
    let xml = format!(
        r#"{HEAD}
 <Worksheet ss:Name="ev1dsl"><Table/>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
 <Worksheet ss:Name="very"><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">
   <Visible>SheetVeryHidden</Visible></WorksheetOptions></Worksheet>
 <Worksheet ss:Name="自评表"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Selected/><Visible>SheetVisible</Visible></WorksheetOptions>
 </Worksheet>
 <Worksheet/>
</Workbook>"#
    );
    let sheets = read_spreadsheetml(xml.as_bytes()).expect("reads");
    let summary: Vec<_> = sheets
        .iter()
        .map(|s| (s.name.as_str(), s.hidden, s.cell_count()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("ev1dsl", true, 0),
            ("very", true, 0),
            ("自评表", false, 1),
            ("Sheet4", false, 0)
        ]
    );
}

#[test]
fn workbook_without_worksheets_is_empty_and_other_xml_is_not_a_spreadsheet() {
    let empty = format!("{HEAD}</Workbook>");
    assert_eq!(read_spreadsheetml(empty.as_bytes()), Ok(vec![]));
    assert_eq!(
        read_spreadsheetml(b"<?xml version=\"1.0\"?><html><body/></html>"),
        Err(ReadError::NotSpreadsheet)
    );
    assert_eq!(read_spreadsheetml(b""), Err(ReadError::NotSpreadsheet));
}

// --- encodings -------------------------------------------------------------

#[test]
fn gbk_declared_document_is_decoded() {
    for label in ["gb2312", "GBK", "GB18030"] {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"{label}\"?>\n{}",
            book(r#"<Row><Cell><Data ss:Type="String">项目名称</Data></Cell><Cell><Data ss:Type="String">≥95%</Data></Cell></Row>"#)
                .replace("<?xml version=\"1.0\"?>\n", "")
                .replace("ss:Name=\"S\"", "ss:Name=\"目标表\"")
        );
        let (bytes, _, bad) = encoding_rs::GBK.encode(&xml);
        assert!(!bad);
        assert!(std::str::from_utf8(&bytes).is_err(), "really GBK bytes");
        assert!(looks_like_spreadsheetml(&bytes));
        let sheets = read_spreadsheetml(&bytes).expect("GBK reads");
        assert_eq!(sheets[0].name, "目标表");
        assert_eq!(sheets[0].cell(0, 0), Some(&text("项目名称")));
        assert_eq!(sheets[0].cell(0, 1), Some(&text("≥95%")));
    }
}

#[test]
fn utf8_under_a_gbk_declaration_and_bom_and_utf16() {
    let xml = book(r#"<Row><Cell><Data ss:Type="String">项目名称</Data></Cell></Row>"#).replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"gb2312\"?>",
    );
    let sheets = read_spreadsheetml(xml.as_bytes()).expect("UTF-8 text wins");
    assert_eq!(sheets[0].cell(0, 0), Some(&text("项目名称")));

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(
        book(r#"<Row><Cell><Data ss:Type="String">甲</Data></Cell></Row>"#).as_bytes(),
    );
    assert!(looks_like_spreadsheetml(&bom));
    assert_eq!(
        read_spreadsheetml(&bom).expect("BOM")[0].cell(0, 0),
        Some(&text("甲"))
    );

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in book(r#"<Row><Cell><Data ss:Type="String">乙</Data></Cell></Row>"#).encode_utf16()
    {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert!(looks_like_spreadsheetml(&utf16));
    assert_eq!(
        read_spreadsheetml(&utf16).expect("UTF-16")[0].cell(0, 0),
        Some(&text("乙"))
    );
}

#[test]
fn undecodable_bytes_are_an_encoding_error() {
    let mut bytes = book("<Row><Cell><Data ss:Type=\"String\">x</Data></Cell></Row>").into_bytes();
    bytes.extend_from_slice(&[0xFF, 0xFF, 0x81]);
    assert_eq!(read_spreadsheetml(&bytes), Err(ReadError::Encoding));
}

#[test]
fn declared_encoding_is_found() {
    assert_eq!(
        declared_encoding(b"<?xml version=\"1.0\" encoding=\"GBK\"?><a/>"),
        Some(&b"GBK"[..])
    );
    assert_eq!(
        declared_encoding(b"  <?xml version='1.0' encoding = 'gb2312' ?>"),
        Some(&b"gb2312"[..])
    );
    assert_eq!(
        declared_encoding(b"<?xml version=\"1.0\"?><a encoding=\"x\"/>"),
        None
    );
    assert_eq!(declared_encoding(b"<a/>"), None);
}

// --- hostile and broken input ----------------------------------------------

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        "{HEAD}{}{}</Workbook>",
        "<x>".repeat(100),
        "</x>".repeat(100)
    );
    let err = read_spreadsheetml(deep.as_bytes());
    assert!(
        matches!(&err, Err(ReadError::Corrupt(m)) if m.contains("nested")),
        "{err:?}"
    );
    let ok = format!("{HEAD}{}{}</Workbook>", "<x>".repeat(50), "</x>".repeat(50));
    assert!(read_spreadsheetml(ok.as_bytes()).is_ok());
}

#[test]
fn broken_xml_is_corrupt() {
    let cases = [
        book("<Row><Cell><Data ss:Type=\"String\">x</Data></Cell>"),
        format!("{HEAD}<Worksheet ss:Name=\"S\"><Table><Row><Cell><Data>x"),
        book("<Row><Cell><Data ss:Type=\"String\">x</Cell></Data></Row>"),
        book("<Row></Row></Row>"),
        book("<Row><Cell><Data ss:Type=\"String\">a &nbsp; b</Data></Cell></Row>"),
        book("<Row><Cell><Data ss:Type=\"String\">a & b</Data></Cell></Row>"),
        book("<Row><Cell ss:Index=\"1\" ss:Index=\"2\"/></Row>"),
        book("<Row><Cell ss:Index=\"1/></Row>"),
        format!("{HEAD}<Worksheet ss:Name=\"S\"><Table><<<>>></Table></Worksheet></Workbook>"),
    ];
    for xml in &cases {
        let r = read_spreadsheetml(xml.as_bytes());
        assert!(is_corrupt(r.clone()), "{xml}\n→ {r:?}");
    }
}

#[test]
fn indices_outside_excel_are_corrupt() {
    let bad = [
        r#"<Row ss:Index="1048577"/>"#,
        r#"<Row ss:Index="0"/>"#,
        r#"<Row ss:Index="-3"/>"#,
        r#"<Row ss:Index="abc"/>"#,
        r#"<Row ss:Index="99999999999999999999999"/>"#,
        r#"<Row><Cell ss:Index="16385"/></Row>"#,
        r#"<Row><Cell ss:Index="16384" ss:MergeAcross="1"/></Row>"#,
        r#"<Row><Cell ss:Index="16384"/><Cell/></Row>"#,
        r#"<Row ss:Index="1048576"><Cell ss:MergeDown="1"/></Row>"#,
        r#"<Row ss:Index="1048576"/><Row/>"#,
        r#"<Row><Cell ss:MergeAcross="x"/></Row>"#,
    ];
    for rows in bad {
        let r = read_spreadsheetml(book(rows).as_bytes());
        assert!(is_corrupt(r.clone()), "{rows} → {r:?}");
    }
    assert!(
        read_spreadsheetml(
            book(r#"<Row ss:Index="1048576"><Cell ss:Index="16384"/></Row>"#).as_bytes()
        )
        .is_ok()
    );
}

#[test]
fn too_many_cells_or_merges() {
    let rows =
        "<Row><Cell><Data ss:Type=\"String\">x</Data></Cell><Cell ss:MergeAcross=\"1\"/></Row>"
            .repeat(4);
    let xml = book(&rows);
    assert!(read_with_limit(xml.as_bytes(), 4).is_ok());
    assert!(matches!(
        read_with_limit(xml.as_bytes(), 3),
        Err(ReadError::TooLarge(_))
    ));
    // The real limit is five million.
    assert_eq!(MAX_CELLS, 5_000_000);
}

#[test]
fn error_detail_names_a_byte_position() {
    let r = read_spreadsheetml(book("<Row></Cell>").as_bytes());
    match r {
        Err(ReadError::Corrupt(m)) => assert!(m.contains("byte"), "{m}"),
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

// --- detection -------------------------------------------------------------

#[test]
fn detection_by_content() {
    assert!(looks_like_spreadsheetml(book("").as_bytes()));
    assert!(looks_like_spreadsheetml(
        b"\r\n  <Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"></Workbook>"
    ));
    assert!(!looks_like_spreadsheetml(b"<?xml version=\"1.0\"?><html/>"));
    assert!(!looks_like_spreadsheetml(
        b"PK\x03\x04urn:schemas-microsoft-com:office:spreadsheet"
    ));
    assert!(!looks_like_spreadsheetml(b"\xD0\xCF\x11\xE0"));
    assert!(!looks_like_spreadsheetml(b"a,b,c\n1,2,3\n"));
    assert!(!looks_like_spreadsheetml(b""));
    // The namespace must come early, not after 4 KB of padding.
    let late = format!(
        "<?xml version=\"1.0\"?><!--{}--><Workbook xmlns=\"{SS_NAMESPACE}\"/>",
        " ".repeat(5000)
    );
    assert!(!looks_like_spreadsheetml(late.as_bytes()));
}

// --- the official samples ----------------------------------------------------

fn sample(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/official-forms")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("sample {} missing: {e}", path.display()))
}

#[test]
fn sample_target_medical_aid() {
    let bytes = sample("target_medical_aid.xml");
    assert!(looks_like_spreadsheetml(&bytes));
    let sheets = read_spreadsheetml(&bytes).expect("reads");
    assert_eq!(sheets.len(), 1);
    let s = &sheets[0];
    assert_well_formed(s);
    assert_eq!(s.name, "目标表");
    assert!(!s.hidden);
    assert_eq!(s.cell(0, 0), Some(&text("附件2")));
    assert_eq!(s.cell(1, 0), Some(&text("政策及项目绩效目标表")));
    assert_eq!(s.cell(2, 0), Some(&text("（2024年度）")));
    // Row 4: 项目名称 at A4 (A4:C4), the project at D4 (D4:I4).
    assert_eq!(s.cell(3, 0), Some(&text("项目名称")));
    assert_eq!(s.cell(3, 3), Some(&text("城乡居民医疗救助")));
    assert!(s.merges.contains(&merge(3, 0, 3, 2)));
    assert!(s.merges.contains(&merge(3, 3, 3, 8)));
    // Row 6: money block A6:C8, amounts are strings.
    assert_eq!(s.cell(5, 0), Some(&text("项目资金\n（万元）")));
    assert!(s.merges.contains(&merge(5, 0, 7, 2)));
    assert_eq!(s.cell(5, 3), Some(&text("980.00")));
    assert_eq!(s.cell(6, 5), Some(&text("     区级资金")));
    assert_eq!(
        s.cell(7, 5),
        Some(&text("     其他资金")),
        "rich text with a white-font run"
    );
    assert_eq!(s.cell(7, 7), Some(&text("0.00")));
    // Row 10: the indicator header; 指标值 at G10 merged G10:I10.
    assert_eq!(s.cell(9, 0), Some(&text("绩\n效\n指\n标")));
    assert!(s.merges.contains(&merge(9, 0, 19, 0)));
    assert_eq!(s.cell(9, 3), Some(&text("三级指标")));
    assert_eq!(s.cell(9, 6), Some(&text("指标值")));
    assert!(s.merges.contains(&merge(9, 6, 9, 8)));
    assert_eq!(s.cell(10, 1), Some(&text("产出指标")));
    assert!(s.merges.contains(&merge(10, 1, 15, 1)));
    assert_eq!(s.cell(10, 3), Some(&text("住院医疗救助人次")));
    assert_eq!(s.cell(10, 6), Some(&text("≥350人次")));
    assert_eq!(
        s.cell(11, 3),
        Some(&text("资助困难群众参加城乡居民医保人数"))
    );
    assert_eq!(s.cell(14, 6), Some(&text("2024年12月25日前")));
    assert_eq!(s.cell(19, 2), Some(&text("服务对象满意度指标")));
    assert_eq!(
        s.cell(20, 0),
        Some(&text(
            "注：跨年度项目在编制年度绩效目标及指标的同时，还要同步编制实施期绩效目标及指标；年度\n注：绩效目标及指标与实施期绩效目标及指标均需在本表中填写，并分别进行标注。"
        ))
    );
    assert_eq!(s.rows.len(), 21);
    assert_eq!(s.rows.last().map(|r| r.index), Some(20));
    assert!(s.rows.iter().flat_map(|r| &r.cells).all(|(c, _)| *c <= 8));
}

#[test]
fn sample_monitor_public_toilets() {
    let sheets = read_spreadsheetml(&sample("monitor_public_toilets.xml")).expect("reads");
    assert_eq!(sheets.len(), 1);
    let s = &sheets[0];
    assert_well_formed(s);
    assert_eq!(s.name, "Sheet1");
    assert_eq!(s.cell(1, 0), Some(&text("项目支出绩效目标执行监控表 ")));
    // Row 4 holds only empty styled cells.
    assert!(s.row(3).is_none());
    assert_eq!(s.cell(4, 0), Some(&text("项目名称")));
    assert_eq!(s.cell(4, 3), Some(&text("城区公厕改造")));
    // Row 11: the empty 执行率 (N11) is not stored; 0.00 lands at P11.
    assert_eq!(s.cell(10, 3), Some(&text("            其他资金")));
    assert_eq!(s.cell(10, 13), None);
    assert_eq!(s.cell(10, 15), Some(&text("0.00")));
    assert_eq!(s.cell(8, 13), Some(&text("46.88%")));
    // The indicator block: A13:A21, two-row headers, marks.
    assert_eq!(s.cell(12, 0), Some(&text("绩效指标")));
    assert!(s.merges.contains(&merge(12, 0, 20, 0)));
    assert_eq!(s.cell(12, 7), Some(&text("偏差原因分析")));
    assert!(s.merges.contains(&merge(12, 7, 12, 12)));
    assert_eq!(s.cell(12, 13), Some(&text("完成目标可能性")));
    assert_eq!(s.cell(12, 16), Some(&text("备注")));
    assert_eq!(s.cell(13, 7), Some(&text("经费\n保障")));
    assert_eq!(s.cell(13, 12), Some(&text("原因\n说明")));
    assert_eq!(s.cell(13, 14), Some(&text("有可能")));
    assert_eq!(s.cell(14, 3), Some(&text("改造城区公厕")));
    assert_eq!(s.cell(14, 4), Some(&text("≥24座")));
    assert_eq!(s.cell(14, 7), Some(&text("√")));
    assert_eq!(s.cell(14, 8), None);
    assert_eq!(
        s.cell(14, 12),
        Some(&text("上级转移支付资金8月下达，部分公厕开工推迟"))
    );
    assert_eq!(s.cell(14, 14), Some(&text("√")));
    // 1,700 declared columns, 17 used.
    assert!(s.rows.iter().flat_map(|r| &r.cells).all(|(c, _)| *c <= 16));
    assert!(s.merges.iter().all(|m| m.last_col <= 16));
}

#[test]
fn sample_evaluate_rural_water() {
    let sheets = read_spreadsheetml(&sample("evaluate_rural_water.xml")).expect("reads");
    assert_eq!(sheets.len(), 2);
    assert_eq!(
        (
            sheets[0].name.as_str(),
            sheets[0].hidden,
            sheets[0].cell_count()
        ),
        ("ev1dsl", true, 0)
    );
    let s = &sheets[1];
    assert_well_formed(s);
    assert_eq!(s.name, "自评表");
    assert!(!s.hidden);
    assert_eq!(s.cell(0, 0), None);
    assert!(s.merges.contains(&merge(0, 0, 0, 10)));
    assert_eq!(s.cell(3, 2), Some(&text("农村饮水工程维修养护")));
    assert_eq!(
        s.cell(7, 0),
        Some(&text("项目资金（万元）")),
        "indented rich text"
    );
    assert!(s.merges.contains(&merge(7, 0, 11, 1)));
    assert_eq!(s.cell(8, 2), Some(&text("年度资金总额")));
    assert_eq!(s.cell(8, 4), Some(&text("262.80")));
    assert_eq!(s.cell(8, 5), Some(&text("197.10")));
    assert_eq!(s.cell(8, 7), Some(&text("10")));
    assert_eq!(s.cell(8, 8), Some(&text("7.5")));
    assert_eq!(s.cell(8, 9), Some(&text("75.00%")));
    assert_eq!(s.cell(20, 0), Some(&text("总分")));
    assert!(s.merges.contains(&merge(20, 0, 20, 6)));
    assert_eq!(s.cell(20, 7), Some(&Cell::Number(100.0)));
    assert_eq!(s.cell(20, 8), Some(&Cell::Number(87.75)));
    assert_eq!(s.rows.last().map(|r| r.index), Some(20));
}

#[test]
fn every_sample_reads_and_the_xls_copy_is_the_same() {
    let names = [
        "target_medical_aid",
        "target_public_cemetery",
        "monitor_forest_fire_patrol",
        "monitor_public_toilets",
        "evaluate_after_school",
        "evaluate_rural_water",
    ];
    for name in names {
        let xml = sample(&format!("{name}.xml"));
        let xls = sample(&format!("{name}.xls"));
        assert!(
            looks_like_spreadsheetml(&xls),
            "{name}.xls is SpreadsheetML"
        );
        let a = read_spreadsheetml(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let b = read_spreadsheetml(&xls).unwrap_or_else(|e| panic!("{name}.xls: {e}"));
        assert_eq!(a, b, "{name}");
        let visible: Vec<_> = a.iter().filter(|s| !s.hidden).collect();
        assert_eq!(visible.len(), 1, "{name}: one visible form sheet");
        assert!(
            visible[0].cell_count() > 50,
            "{name}: {} cells",
            visible[0].cell_count()
        );
        for s in &a {
            assert_well_formed(s);
        }
    }
    // Other formats are not SpreadsheetML.
    assert!(!looks_like_spreadsheetml(&sample(
        "target_medical_aid.xlsx"
    )));
    assert!(!looks_like_spreadsheetml(&sample(
        "target_medical_aid_biff8.xls"
    )));
}

#[test]
fn evaluate_after_school_total() {
    let sheets = read_spreadsheetml(&sample("evaluate_after_school.xml")).expect("reads");
    let form = sheets.iter().find(|s| !s.hidden).expect("form sheet");
    assert_eq!(form.name, "自评表");
    let total = form
        .rows
        .iter()
        .find(|r| r.cells.first().map(|(_, c)| c) == Some(&text("总分")))
        .expect("总分 row");
    assert!(
        total.cells.iter().any(|(_, c)| *c == Cell::Number(98.67)),
        "{total:?}"
    );
}

// --- never a panic -----------------------------------------------------------

const FRAGMENTS: &[&str] = &[
    "<Worksheet ss:Name=\"a\">",
    "</Worksheet>",
    "<Table>",
    "</Table>",
    "<Row>",
    "<Row ss:Index=\"1048576\">",
    "<Row ss:Span=\"9\">",
    "</Row>",
    "<Cell>",
    "<Cell ss:Index=\"16384\">",
    "<Cell ss:MergeAcross=\"3\" ss:MergeDown=\"2\"/>",
    "</Cell>",
    "<Data ss:Type=\"Number\">",
    "<Data ss:Type=\"DateTime\">",
    "</Data>",
    "<Font>",
    "</Font>",
    "x&#10;y",
    "&amp;",
    "\n  ",
    "<WorksheetOptions><Visible>SheetHidden</Visible></WorksheetOptions>",
    "<![CDATA[z]]>",
    "<!-- c -->",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = looks_like_spreadsheetml(&bytes);
        let _ = read_spreadsheetml(&bytes);
        let mut prefixed = HEAD.as_bytes().to_vec();
        prefixed.extend_from_slice(&bytes);
        let _ = read_spreadsheetml(&prefixed);
    }

    #[test]
    fn tag_soup_never_panics_and_stays_sorted(picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..80)) {
        let body: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
        let xml = format!("{HEAD}{body}</Workbook>");
        if let Ok(sheets) = read_spreadsheetml(xml.as_bytes()) {
            for s in &sheets {
                assert_well_formed(s);
            }
        }
    }
}
