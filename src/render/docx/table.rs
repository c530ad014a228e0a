//! Tables of a county document: bordered, 仿宋 五号, a 黑体 header row, figures right-aligned.

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, Paragraph, Run, Table, TableCell, TableRow,
    WidthType,
};

use super::style::{BODY_FONT, HEADING_FONT, SIZE_5, fonts};

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

fn cell(text: &str, width: usize, align: Align, head: bool) -> TableCell {
    let font = if head { HEADING_FONT } else { BODY_FONT };
    let align = match (head, align) {
        (true, _) => AlignmentType::Center,
        (_, Align::Left) => AlignmentType::Left,
        (_, Align::Right) => AlignmentType::Right,
    };
    TableCell::new().width(width, WidthType::Dxa).add_paragraph(
        Paragraph::new()
            .align(align)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            )
            .add_run(Run::new().add_text(text).fonts(fonts(font)).size(SIZE_5)),
    )
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
        .width(TEXT_WIDTH, WidthType::Dxa)
}
