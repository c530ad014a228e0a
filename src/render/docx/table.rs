//! Tables of a county document: bordered, 仿宋 五号, a 黑体 header row repeated on every page, figures right-aligned.
//!
//! A county's attachments hold tens of thousands of cells, so a table is
//! written as WordprocessingML text directly (about 0.2 µs a cell) rather
//! than built as docx-rs paragraphs (some 2 KB and 10 µs a cell); the
//! document's other parts still come from docx-rs, which places the table
//! where the builder asked for it.

use std::fmt::Write;

use super::style::{HEADING_FONT, SIZE_5};

/// The width of the type area, A4 less 28 mm and 26 mm, in twentieths of a point.
const TEXT_WIDTH: usize = 8_845;

/// How a column is aligned: names left, figures right.
#[derive(Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// One column: its head, its share of the width and its alignment.
pub struct Column<'a> {
    pub head: &'a str,
    pub weight: usize,
    pub align: Align,
}

/// Single black borders, outside and between cells.
const BORDERS: &str = concat!(
    r#"<w:tblBorders>"#,
    r#"<w:top w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:left w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:bottom w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:right w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:insideH w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:insideV w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"</w:tblBorders>"#
);

/// A table of `rows` under `columns`, as a `<w:tbl>` element; rows are not
/// split across pages, and the header row is repeated on each page.
pub fn table(columns: &[Column], rows: &[Vec<String>]) -> String {
    let total: usize = columns.iter().map(|c| c.weight).sum::<usize>().max(1);
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| TEXT_WIDTH * c.weight / total)
        .collect();
    let cells: usize = rows
        .iter()
        .map(|r| r.iter().map(String::len).sum::<usize>())
        .sum();
    let mut x = String::with_capacity(1024 + cells + rows.len() * columns.len() * 120);
    // Writing into a String cannot fail: the `let _ =` below drop an always-Ok.
    let _ = write!(
        x,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="left"/>{BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
    );
    for w in &widths {
        let _ = write!(x, r#"<w:gridCol w:w="{w}"/>"#);
    }
    x.push_str("</w:tblGrid>");
    // The header row: 黑体, centred, each cell stating its width (a
    // fixed-layout table takes the columns from its grid and first row).
    x.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (c, w) in columns.iter().zip(&widths) {
        let _ = write!(
            x,
            concat!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>"#,
                r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>"#,
                r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="{font}"/>"#,
                r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#
            ),
            w = w,
            font = HEADING_FONT,
            size = SIZE_5
        );
        push_text(&mut x, c.head);
        x.push_str("</w:r></w:p></w:tc>");
    }
    x.push_str("</w:tr>");
    // Body cells take the document's defaults (仿宋 五号, single spacing);
    // left is a paragraph's default, so only right alignment is stated.
    for row in rows {
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (c, text) in columns.iter().zip(row) {
            x.push_str(match c.align {
                Align::Left => "<w:tc><w:p><w:r>",
                Align::Right => r#"<w:tc><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r>"#,
            });
            push_text(&mut x, text);
            x.push_str("</w:r></w:p></w:tc>");
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

/// A `<w:t>` holding `text`, escaped, without the characters XML forbids.
fn push_text(x: &mut String, text: &str) {
    x.push_str(r#"<w:t xml:space="preserve">"#);
    for c in crate::render::xml::clean(text).chars() {
        match c {
            '&' => x.push_str("&amp;"),
            '<' => x.push_str("&lt;"),
            '>' => x.push_str("&gt;"),
            _ => x.push(c),
        }
    }
    x.push_str("</w:t>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<Column<'static>> {
        vec![
            Column {
                head: "单位",
                weight: 3,
                align: Align::Left,
            },
            Column {
                head: "预算（万元）",
                weight: 1,
                align: Align::Right,
            },
        ]
    }

    #[test]
    fn a_table_is_well_formed_xml_whatever_its_text() {
        let rows = vec![
            vec!["A&B <局> \u{b}\u{1}".to_string(), "1.00".to_string()],
            vec!["合计".to_string(), "1.00".to_string()],
        ];
        let xml = table(&columns(), &rows);
        let doc = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{xml}</w:document>"#
        );
        crate::render::xml::well_formed("table", &doc).unwrap();
        assert!(xml.contains("A&amp;B &lt;局&gt; </w:t>"), "{xml}");
        // Three rows: the header (repeated on each page) and the two given.
        assert_eq!(xml.matches("<w:tr>").count(), 3);
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
        // Figures right-aligned, names not.
        assert_eq!(xml.matches(r#"<w:jc w:val="right"/>"#).count(), 2);
    }

    #[test]
    fn columns_share_the_type_area() {
        let xml = table(&columns(), &[]);
        assert!(
            xml.contains(r#"<w:gridCol w:w="6633"/><w:gridCol w:w="2211"/>"#),
            "{xml}"
        );
    }
}
