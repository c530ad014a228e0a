//! The page and type of a county document: A4, GB/T 9704 margins, 方正小标宋 title, 黑体/楷体 headings, 仿宋 三号 body, page numbers.

use anyhow::{Context, Result};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, Run, RunFonts, SpecialIndentType,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);

/// Millimetres in twentieths of a point.
const fn mm(v: i32) -> i32 {
    v * 1440 * 10 / 254
}

/// The fonts GB/T 9704 names, as Windows and WPS install them; where one is
/// missing the word processor substitutes its nearest (宋体 for the title).
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const HEADING_FONT: &str = "黑体";
pub const SUBHEADING_FONT: &str = "楷体";
pub const BODY_FONT: &str = "仿宋";
/// Figures and Latin letters in the body.
const LATIN_FONT: &str = "Times New Roman";

/// 二号 and 三号, in half-points.
const SIZE_2: usize = 44;
pub const SIZE_3: usize = 32;
/// 四号, for page numbers.
const SIZE_4: usize = 28;
/// 五号, for tables: eight columns of figures fit the type area unbroken.
pub const SIZE_5: usize = 21;

/// The body's fixed line pitch, 28 磅 (22 lines to a page).
const LINE: i32 = 560;

pub fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(crate::render::xml::clean(text))
        .fonts(fonts(font))
        .size(size)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

/// A block of the body, in order.
enum Block {
    // Boxed: a docx-rs paragraph is some 2 KB.
    Paragraph(Box<Paragraph>),
    /// A `<w:tbl>` element, written directly (see `table.rs`).
    Table(String),
}

/// The text of the paragraph that holds a table's place until the table's
/// XML replaces it: private-use characters no report text contains.
fn placeholder(n: usize) -> String {
    format!("\u{E000}perf-table-{n}\u{E001}")
}

/// A document being built, block by block.
#[derive(Default)]
pub struct Doc {
    blocks: Vec<Block>,
}

impl Doc {
    pub fn new() -> Self {
        Doc::default()
    }

    /// The document's bytes, a zip package: docx-rs writes the parts, then
    /// each table's XML takes the place of its placeholder paragraph.
    pub fn pack(self) -> Result<Vec<u8>> {
        let (docx, tables) = self.into_docx();
        let mut parts = docx.build();
        parts.document = splice(&parts.document, tables)?;
        let mut buf = std::io::Cursor::new(Vec::new());
        parts.pack(&mut buf)?;
        Ok(buf.into_inner())
    }

    /// The document: A4 portrait, margins top 37 mm, bottom 35 mm, left
    /// 28 mm, right 26 mm; `— 1 —` page numbers in 四号 at the foot. The
    /// tables come apart, in order, each with its placeholder in the body.
    fn into_docx(self) -> (Docx, Vec<String>) {
        let page_number = Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", LATIN_FONT, SIZE_4))
            .add_page_num(PageNum::new())
            .add_run(run(" —", LATIN_FONT, SIZE_4))
            .size(SIZE_4);
        let mut docx = Docx::new()
            .page_size(A4.0, A4.1)
            .page_margin(
                PageMargin::new()
                    .top(mm(37))
                    .bottom(mm(35))
                    .left(mm(28))
                    .right(mm(26))
                    .header(mm(15))
                    .footer(mm(18)),
            )
            // The defaults are the tables' (仿宋 五号): their thousands of cells
            // then carry no run properties of their own; every other
            // paragraph states its font and size.
            .default_fonts(fonts(BODY_FONT))
            .default_size(SIZE_5)
            .footer(Footer::new().add_paragraph(page_number));
        let mut tables = Vec::new();
        for b in self.blocks {
            docx = match b {
                Block::Paragraph(p) => docx.add_paragraph(*p),
                Block::Table(t) => {
                    let p =
                        Paragraph::new().add_run(Run::new().add_text(placeholder(tables.len())));
                    tables.push(t);
                    docx.add_paragraph(p)
                }
            };
        }
        (docx, tables)
    }

    fn add(&mut self, p: Paragraph) -> &mut Self {
        self.blocks.push(Block::Paragraph(Box::new(p)));
        self
    }

    /// The title: 方正小标宋 二号, centred, a blank line after.
    pub fn title(&mut self, text: &str) -> &mut Self {
        self.add(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(exact(700).after(LINE as u32))
                .add_run(run(text, TITLE_FONT, SIZE_2)),
        )
    }

    /// The addressee (主送机关), flush left.
    pub fn addressee(&mut self, text: &str) -> &mut Self {
        self.add(
            Paragraph::new()
                .line_spacing(exact(LINE))
                .add_run(run(text, BODY_FONT, SIZE_3)),
        )
    }

    /// 一级标题 (一、二、…): 黑体 三号, indented two characters.
    pub fn heading(&mut self, text: &str) -> &mut Self {
        self.add(
            Paragraph::new()
                .line_spacing(exact(LINE))
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .keep_next(true)
                .add_run(run(text, HEADING_FONT, SIZE_3)),
        )
    }

    /// 二级标题 (（一）（二）…): 楷体 三号, indented two characters.
    pub fn subheading(&mut self, text: &str) -> &mut Self {
        self.add(
            Paragraph::new()
                .line_spacing(exact(LINE))
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .keep_next(true)
                .add_run(run(text, SUBHEADING_FONT, SIZE_3)),
        )
    }

    /// A body paragraph: 仿宋 三号, first line indented two characters, justified.
    pub fn body(&mut self, text: &str) -> &mut Self {
        self.add(
            Paragraph::new()
                .align(AlignmentType::Both)
                .line_spacing(exact(LINE))
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .add_run(run(text, BODY_FONT, SIZE_3)),
        )
    }

    /// A table (a `<w:tbl>` element), with a small gap after it.
    pub fn table(&mut self, t: String) -> &mut Self {
        self.blocks.push(Block::Table(t));
        self.add(Paragraph::new().line_spacing(exact(280)))
    }

    /// The issuing office and the date, right-aligned (落款).
    pub fn signature(&mut self, lines: &[&str]) -> &mut Self {
        self.add(Paragraph::new().line_spacing(exact(LINE)));
        for l in lines {
            self.add(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .line_spacing(exact(LINE))
                    .indent(None, None, Some(mm(14)), None)
                    .add_run(run(l, BODY_FONT, SIZE_3)),
            );
        }
        self
    }

    /// An attachment on a new page: `附件N` (黑体) flush left, then its title centred.
    pub fn attachment(&mut self, n: usize, title: &str) -> &mut Self {
        self.add(
            Paragraph::new()
                .line_spacing(exact(LINE))
                .add_run(Run::new().add_break(BreakType::Page))
                .add_run(run(&format!("附件{n}"), HEADING_FONT, SIZE_3)),
        )
        .add(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(exact(700).after(280))
                .add_run(run(title, TITLE_FONT, SIZE_2 - 8)),
        )
    }
}

/// `document` with the paragraph holding each placeholder replaced by its
/// table, in one pass.
fn splice(document: &[u8], tables: Vec<String>) -> Result<Vec<u8>> {
    let doc =
        std::str::from_utf8(document).context("docx-rs wrote a document that is not UTF-8")?;
    let mut out = String::with_capacity(doc.len() + tables.iter().map(String::len).sum::<usize>());
    let mut rest = doc;
    for (n, table) in tables.into_iter().enumerate() {
        let mark = placeholder(n);
        let missing = || anyhow::anyhow!("the place of table {n} was not found in the document");
        let at = rest.find(&mark).ok_or_else(missing)?;
        // The placeholder's paragraph: the last `<w:p>` or `<w:p …>` opened
        // before it (not `<w:pPr>`), to the first `</w:p>` after it.
        let start = rest[..at]
            .rmatch_indices("<w:p")
            .find(|(i, _)| matches!(rest.as_bytes().get(i + 4), Some(b' ' | b'>')))
            .map(|(i, _)| i)
            .ok_or_else(missing)?;
        let end = rest[at..].find("</w:p>").ok_or_else(missing)? + at + "</w:p>".len();
        out.push_str(&rest[..start]);
        out.push_str(&table);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}

/// 一 … 九十九, for the headings' numbers.
pub fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n % 10]),
        _ if n.is_multiple_of(10) && n < 100 => format!("{}十", D[n / 10]),
        _ if n < 100 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(35), "三十五");
    }

    #[test]
    fn each_table_takes_its_placeholders_paragraph_in_order() {
        let mut doc = Doc::new();
        doc.body("前文")
            .table("<w:tbl>一</w:tbl>".into())
            .body("中间")
            .table("<w:tbl>二</w:tbl>".into());
        let (docx, tables) = doc.into_docx();
        let xml = String::from_utf8(docx.build().document).unwrap();
        let spliced = String::from_utf8(splice(xml.as_bytes(), tables).unwrap()).unwrap();
        assert!(!spliced.contains("perf-table"), "{spliced}");
        let (one, two) = (
            spliced.find("<w:tbl>一</w:tbl>"),
            spliced.find("<w:tbl>二</w:tbl>"),
        );
        let middle = spliced.find("中间");
        assert!(one < middle && middle < two, "{spliced}");
        // No paragraph is left open or cut: every <w:p …> has its </w:p>.
        let opened = spliced.matches("<w:p>").count() + spliced.matches("<w:p ").count();
        assert_eq!(opened, spliced.matches("</w:p>").count(), "{spliced}");
        // A document that lost a placeholder is an error, not a silent gap.
        assert!(splice(b"<w:body></w:body>", vec!["<w:tbl/>".into()]).is_err());
    }

    #[test]
    fn margins_in_twips() {
        assert_eq!(mm(37), 2097);
        assert_eq!(mm(28), 1587);
    }
}
