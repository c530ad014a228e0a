//! Tables of a county document: bordered, 仿宋 五号, a 黑体 header row, figures right-aligned.

use docx_rs::{
    AlignmentType, Paragraph, Run, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::style::{HEADING_FONT, SIZE_5, fonts};

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

/// A cell; only the header row's cells state their width (a fixed-layout
/// table takes the columns from its grid and first row).
fn cell(text: &str, width: usize, align: Align, head: bool) -> TableCell {
    // Left is a paragraph's default: only the others are stated.
    let align = match (head, align) {
        (true, _) => Some(AlignmentType::Center),
        (_, Align::Left) => None,
        (_, Align::Right) => Some(AlignmentType::Right),
    };
    // Body cells take the document's defaults (仿宋 五号, single spacing):
    // a county's attachments hold tens of thousands of them.
    let run = if head {
        Run::new()
            .add_text(text)
            .fonts(fonts(HEADING_FONT))
            .size(SIZE_5)
    } else {
        Run::new().add_text(text)
    };
    let paragraph = Paragraph::new().add_run(run);
    let paragraph = match align {
        Some(a) => paragraph.align(a),
        None => paragraph,
    };
    let cell = TableCell::new().add_paragraph(paragraph);
    if head {
        cell.width(width, WidthType::Dxa)
    } else {
        cell
    }
}

/// A table of `rows` under `columns`; rows are not split across pages.
pub fn table(columns: &[Column], rows: &[Vec<String>]) -> Table {
    let total: usize = columns.iter().map(|c| c.weight).sum::<usize>().max(1);
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| TEXT_WIDTH * c.weight / total)
        .collect();
    let head = TableRow::new(
        columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| cell(c.head, w, c.align, true))
            .collect(),
    )
    .cant_split();
    let mut out = vec![head];
    for row in rows {
        out.push(
            TableRow::new(
                columns
                    .iter()
                    .zip(&widths)
                    .zip(row)
                    .map(|((c, &w), text)| cell(text, w, c.align, false))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(out)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
}
