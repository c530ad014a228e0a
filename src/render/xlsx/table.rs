//! Summary tables of the monitoring and self-evaluation workbooks: title, summary sentence, header, typed rows.
//!
//! Each table sheet (监控汇总, 指标监控, 自评汇总, 指标得分 …) has the same
//! shape: a title merged across, optionally a summary sentence under it, one
//! header row (two when some columns sit under a group header such as
//! 指标预警个数), then one row per project or indicator. [`TableSheet`] writes
//! them the same way everywhere: numbers stay numbers with a number format
//! per column [`Kind`], columns are sized by display width (CJK = 2), rows
//! with long text are made tall enough, the header is frozen and repeated
//! on every printed page, and the header carries an autofilter.
//!
//! The rows are kept until the column widths are known and then written top
//! to bottom, each row with its height and each cell with its format, so a
//! table sheet can be streamed to a temporary file as it is written
//! (rust_xlsxwriter's constant-memory mode): a county's 指标监控 sheet is not
//! held twice, and the workbook's save does not start a thread per sheet.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_xlsxwriter::{Format, FormatAlign, Url, Worksheet, XlsxError};

use super::common::{self, ColumnWidths, MAX_LINKS};

/// Money in 万元: thousands grouped, two decimals.
pub const MONEY_FORMAT: &str = "#,##0.00";
/// Rates and progress: one decimal of a percent.
pub const RATE_FORMAT: &str = "0.0%";
/// Points and scores: two decimals.
pub const POINTS_FORMAT: &str = "0.00";
/// Percentage points (差距): one decimal.
pub const PP_FORMAT: &str = "0.0";

/// What a column holds; sets its number format, alignment and width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text, left-aligned, wrapped.
    Text,
    /// Short text and plain numbers centred: codes, lights, grades, expected values.
    Centred,
    /// 万元, `#,##0.00`.
    Money,
    /// A share, `0.0%`.
    Rate,
    /// Points, `0.00`.
    Points,
    /// Percentage points, `0.0`.
    Pp,
    /// A whole count, centred.
    Count,
}

impl Kind {
    fn format(self) -> Format {
        let base = common::body_format();
        match self {
            Kind::Text => base,
            Kind::Centred | Kind::Count => base.set_align(FormatAlign::Center),
            Kind::Money => base.set_num_format(MONEY_FORMAT),
            Kind::Rate => base.set_num_format(RATE_FORMAT),
            Kind::Points => base.set_num_format(POINTS_FORMAT),
            Kind::Pp => base.set_num_format(PP_FORMAT),
        }
    }

    /// The kind whose format this one shares (a count looks like centred
    /// text), so that neighbours of both are formatted in one run.
    fn look(self) -> Kind {
        match self {
            Kind::Count => Kind::Centred,
            k => k,
        }
    }

    /// The display width of a number as this kind shows it.
    fn number_width(self, v: f64) -> usize {
        match self {
            Kind::Money => crate::render::money(v).len() + usize::from(v < 0.0),
            Kind::Rate => format!("{:.1}%", v * 100.0).len(),
            Kind::Points => format!("{v:.2}").len(),
            Kind::Pp => format!("{v:.1}").len(),
            _ => {
                let s = format!("{v}");
                s.len().min(11)
            }
        }
    }
}

/// One column: its header, what it holds, and the group header above it (if any).
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    pub header: &'a str,
    pub kind: Kind,
    /// Consecutive columns with the same group share a header merged above theirs.
    pub group: Option<&'a str>,
}

impl<'a> Column<'a> {
    pub fn new(header: &'a str, kind: Kind) -> Self {
        Column {
            header,
            kind,
            group: None,
        }
    }

    pub fn grouped(header: &'a str, kind: Kind, group: &'a str) -> Self {
        Column {
            header,
            kind,
            group: Some(group),
        }
    }
}

/// The columns a project summary table starts with: 单位, 项目编码, 项目名称,
/// 全年预算, the executed amount (`executed`: its header, zh and en), 执行率.
pub fn project_columns(
    lang: crate::i18n::Lang,
    executed: (&'static str, &'static str),
) -> Vec<Column<'static>> {
    vec![
        Column::new(lang.pick("单位", "Unit"), Kind::Text),
        Column::new(lang.pick("项目编码", "Code"), Kind::Centred),
        Column::new(lang.pick("项目名称", "Project"), Kind::Text),
        Column::new(
            lang.pick("全年预算\n（万元）", "Budget\n(10k yuan)"),
            Kind::Money,
        ),
        Column::new(lang.pick(executed.0, executed.1), Kind::Money),
        Column::new(lang.pick("执行率", "Execution rate"), Kind::Rate),
    ]
}

/// A cell's value.
#[derive(Debug, Clone)]
pub enum Value<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    /// A link shown as the text (to a cell of a copied sheet).
    Link(Url, Cow<'a, str>),
}

/// A cell to write: a value and, when it should stand out, a fill colour.
#[derive(Debug, Clone)]
pub struct Out<'a> {
    pub value: Value<'a>,
    pub fill: Option<u32>,
}

impl<'a> Out<'a> {
    pub fn empty() -> Self {
        Out {
            value: Value::Empty,
            fill: None,
        }
    }

    pub fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Out {
            value: Value::Text(s.into()),
            fill: None,
        }
    }

    /// A number; NaN and infinities (a rate over a zero budget) stay empty.
    pub fn num(v: f64) -> Self {
        if v.is_finite() {
            Out {
                value: Value::Number(v),
                fill: None,
            }
        } else {
            Out::empty()
        }
    }

    /// A number when there is one.
    pub fn opt(v: Option<f64>) -> Self {
        v.map_or_else(Out::empty, Out::num)
    }

    /// The text, linked to `url` when there is one.
    pub fn link(url: Option<Url>, s: impl Into<Cow<'a, str>>) -> Self {
        let s = s.into();
        Out {
            value: match url {
                Some(u) => Value::Link(u, s),
                None => Value::Text(s),
            },
            fill: None,
        }
    }

    /// The same cell filled with `rgb` (or not, for None).
    pub fn fill(mut self, rgb: Option<u32>) -> Self {
        self.fill = rgb;
        self
    }
}

/// Cell formats by kind, fill and link, built on first use and kept for the workbook.
#[derive(Default)]
pub struct Looks {
    formats: HashMap<(Kind, Option<u32>, bool), Format>,
    header: Option<Format>,
    title: Option<Format>,
    summary: Option<Format>,
}

impl Looks {
    pub fn new() -> Self {
        Self::default()
    }

    fn format(&mut self, kind: Kind, fill: Option<u32>, link: bool) -> &Format {
        self.formats.entry((kind, fill, link)).or_insert_with(|| {
            let mut f = kind.format();
            if let Some(rgb) = fill {
                f = f.set_background_color(rgb);
            }
            if link {
                f = f.set_hyperlink();
            }
            f
        })
    }
}

/// A table sheet being written; see the module doc.
pub struct TableSheet<'w, 'c> {
    ws: &'w mut Worksheet,
    columns: &'c [Column<'c>],
    looks: &'w mut Looks,
    title: String,
    /// The summary sentence under the title.
    summary: Option<String>,
    header_rows: (u32, u32),
    widths: ColumnWidths,
    /// The body rows, kept until [`finish`](TableSheet::finish) knows the
    /// column widths (and so the row heights).
    body: Vec<Vec<Out<'c>>>,
    /// Cells whose text may need more than one line: (body row, column).
    tall: Vec<(usize, u16)>,
}

/// Texts at most this wide never wrap (columns grow to fit them); longer
/// ones wrap in a column this wide and make their row taller.
const ONE_LINE: usize = 36;
/// A header over numbers or short codes counts at most this wide: it wraps
/// (or says where with `\n`) rather than widen a column of short values.
const NARROW_HEADER: usize = 10;

/// How wide a header makes its column.
fn header_width(column: &Column) -> usize {
    let w = common::display_width(column.header);
    match column.kind {
        Kind::Text => w,
        _ => w.min(NARROW_HEADER),
    }
}

impl<'w, 'c> TableSheet<'w, 'c> {
    /// Starts a table with its title (row 1), the summary sentence (row 2,
    /// when given) and the header rows under them.
    pub fn begin(
        ws: &'w mut Worksheet,
        looks: &'w mut Looks,
        title: &str,
        summary: Option<&str>,
        columns: &'c [Column<'c>],
    ) -> Result<Self, XlsxError> {
        let row = if summary.is_some() { 2 } else { 1 };
        let grouped = columns.iter().any(|c| c.group.is_some());
        let header_rows = (row, if grouped { row + 1 } else { row });
        let mut widths = ColumnWidths::new();
        let mut c = 0;
        while c < columns.len() {
            let col = c as u16;
            let run = match columns[c].group {
                Some(g) => {
                    let run = columns[c..]
                        .iter()
                        .take_while(|x| x.group == Some(g))
                        .count();
                    widths.see_span(col, col + run as u16 - 1, common::display_width(g));
                    run
                }
                None => 1,
            };
            for (i, x) in columns[c..c + run].iter().enumerate() {
                widths.see(col + i as u16, header_width(x));
            }
            c += run;
        }
        Ok(TableSheet {
            ws,
            columns,
            looks,
            title: title.to_string(),
            summary: summary.map(str::to_string),
            header_rows,
            widths,
            body: Vec::new(),
            tall: Vec::new(),
        })
    }

    /// The zero-based row the next [`row`](Self::row) call writes.
    pub fn next_row(&self) -> u32 {
        self.header_rows.1 + 1 + self.body.len() as u32
    }

    /// The header rows (first, last; zero-based).
    pub fn header_rows(&self) -> (u32, u32) {
        self.header_rows
    }

    /// Adds one body row; `cells` go into the columns in order (fewer cells
    /// leave the rest empty).
    pub fn row(&mut self, cells: Vec<Out<'c>>) -> Result<(), XlsxError> {
        for (c, cell) in cells.iter().enumerate().take(self.columns.len()) {
            let col = c as u16;
            match &cell.value {
                Value::Empty => {}
                Value::Text(s) | Value::Link(_, s) => {
                    let w = common::display_width(s);
                    self.widths.see(col, w.min(ONE_LINE + 1));
                    if w > ONE_LINE || s.contains('\n') {
                        self.tall.push((self.body.len(), col));
                    }
                }
                Value::Number(v) => self.widths.see(col, self.columns[c].kind.number_width(*v)),
            }
        }
        self.body.push(cells);
        Ok(())
    }

    /// Sizes the columns, then writes the sheet top to bottom, each row with
    /// its height and every cell with its format (so the sheet can be
    /// streamed: see [`common::SheetJob::streamed`]); freezes and repeats
    /// the header and sets the autofilter. Returns the last row written.
    pub fn finish(self) -> Result<u32, XlsxError> {
        let TableSheet {
            ws,
            columns,
            looks,
            title,
            summary,
            header_rows,
            widths,
            body,
            tall,
        } = self;
        let last_col = columns.len().saturating_sub(1) as u16;
        let resolved = widths.apply(ws)?;
        // Title and summary within the first printed page, wrapped to it.
        let merged = common::first_page_last_column(&resolved, last_col);
        ws.set_row_height(0, 28)?;
        let title_format = looks.title.get_or_insert_with(common::title_format);
        if merged > 0 {
            ws.merge_range(0, 0, 0, merged, &title, title_format)?;
        } else {
            ws.write_string_with_format(0, 0, &title, title_format)?;
        }
        if let Some(s) = &summary {
            let lines = common::wrapped_lines(s, resolved.span(0, merged));
            common::fit_lines(ws, 1, lines)?;
            let format = looks.summary.get_or_insert_with(|| {
                Format::new()
                    .set_align(FormatAlign::Left)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap()
            });
            if merged > 0 {
                ws.merge_range(1, 0, 1, merged, s, format)?;
            } else {
                ws.write_string_with_format(1, 0, s, format)?;
            }
        }
        write_header(ws, looks, columns, header_rows, &resolved)?;
        let mut links = 0;
        let mut row = header_rows.1;
        let mut tall = tall.into_iter().peekable();
        for (i, cells) in body.into_iter().enumerate() {
            row += 1;
            let mut lines = 1;
            while let Some((_, col)) = tall.next_if(|(at, _)| *at == i) {
                if let Some(Value::Text(s) | Value::Link(_, s)) =
                    cells.get(usize::from(col)).map(|c| &c.value)
                {
                    lines = lines.max(common::wrapped_lines(s, resolved.width(col)));
                }
            }
            common::fit_lines(ws, row, lines)?;
            // The cells are written bare, then each run of neighbours that
            // share a format gets it in one call: rust_xlsxwriter hashes the
            // whole format on every formatted write. (A streamed sheet still
            // holds the row until the next one is written.)
            let mut cells = cells.into_iter();
            let mut keys = Vec::with_capacity(columns.len());
            for (c, column) in columns.iter().enumerate() {
                let col = c as u16;
                let cell = cells.next().unwrap_or_else(Out::empty);
                let link = matches!(cell.value, Value::Link(..)) && links < MAX_LINKS;
                keys.push((column.kind.look(), cell.fill, link));
                match cell.value {
                    Value::Empty => {}
                    Value::Link(url, s) if link => {
                        links += 1;
                        let format = looks.format(column.kind, cell.fill, true);
                        ws.write_url_with_format(
                            row,
                            col,
                            url.set_text(common::cell_text(&s)),
                            format,
                        )?;
                    }
                    Value::Text(s) | Value::Link(_, s) => {
                        ws.write_string(row, col, common::cell_text(&s))?;
                    }
                    Value::Number(v) => {
                        ws.write_number(row, col, v)?;
                    }
                }
            }
            let mut c = 0;
            while c < keys.len() {
                let key = keys[c];
                let run = keys[c..].iter().take_while(|k| **k == key).count();
                let (kind, fill, link) = key;
                if !link {
                    let (first, last) = (c as u16, (c + run - 1) as u16);
                    ws.set_range_format(row, first, row, last, looks.format(kind, fill, false))?;
                }
                c += run;
            }
        }
        common::print_setup(ws, header_rows)?;
        // Twenty columns shrunk to one page wide print at 5 points: across
        // pages instead, the leading name columns repeated.
        let names = columns
            .iter()
            .take(3)
            .take_while(|c| matches!(c.kind, Kind::Text | Kind::Centred))
            .count() as u16;
        common::print_wide(ws, &resolved, last_col, names)?;
        ws.autofilter(header_rows.1, 0, row.max(header_rows.1), last_col)?;
        Ok(row)
    }
}

/// The header rows, the first before the second: a group's title merged
/// across its columns over their headers, other headers merged down both rows.
fn write_header(
    ws: &mut Worksheet,
    looks: &mut Looks,
    columns: &[Column],
    header_rows: (u32, u32),
    resolved: &common::Resolved,
) -> Result<(), XlsxError> {
    let header = looks
        .header
        .get_or_insert_with(common::header_format)
        .clone();
    let grouped = header_rows.1 > header_rows.0;
    let mut heights = common::RowHeights::new();
    for (c, column) in columns.iter().enumerate() {
        let lines = common::wrapped_lines(column.header, resolved.width(c as u16));
        match column.group {
            Some(_) => heights.need(header_rows.1, 1, lines, common::LINE_HEIGHT),
            None if grouped => heights.need(header_rows.0, 2, lines, common::LINE_HEIGHT),
            None => heights.need(header_rows.0, 1, lines, common::LINE_HEIGHT),
        }
    }
    heights.apply(ws)?;
    let mut c = 0;
    while c < columns.len() {
        let col = c as u16;
        match columns[c].group {
            Some(g) => {
                let run = columns[c..]
                    .iter()
                    .take_while(|x| x.group == Some(g))
                    .count();
                if run > 1 {
                    ws.merge_range(
                        header_rows.0,
                        col,
                        header_rows.0,
                        col + run as u16 - 1,
                        g,
                        &header,
                    )?;
                } else {
                    common::write_text(ws, header_rows.0, col, g, &header)?;
                }
                c += run;
            }
            None if grouped => {
                ws.merge_range(
                    header_rows.0,
                    col,
                    header_rows.1,
                    col,
                    columns[c].header,
                    &header,
                )?;
                c += 1;
            }
            None => {
                common::write_text(ws, header_rows.0, col, columns[c].header, &header)?;
                c += 1;
            }
        }
    }
    if grouped {
        for (c, x) in columns.iter().enumerate() {
            if x.group.is_some() {
                common::write_text(ws, header_rows.1, c as u16, x.header, &header)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_headers_take_two_rows_and_numbers_keep_their_formats() {
        let columns = [
            Column::new("项目名称", Kind::Text),
            Column::new("执行率", Kind::Rate),
            Column::grouped("红色", Kind::Count, "指标个数"),
            Column::grouped("绿色", Kind::Count, "指标个数"),
        ];
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let mut looks = Looks::new();
        let mut t = TableSheet::begin(ws, &mut looks, "标题", Some("一句话"), &columns).unwrap();
        assert_eq!(t.header_rows(), (2, 3));
        assert_eq!(t.next_row(), 4);
        t.row(vec![
            Out::text("公厕改造".repeat(20)),
            Out::num(0.4685).fill(Some(0xFFEB9C)),
            Out::num(1.0),
            Out::num(f64::NAN),
        ])
        .unwrap();
        t.row(vec![Out::text("短")]).unwrap();
        assert_eq!(t.finish().unwrap(), 5);
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(xml.contains(r#"<mergeCell ref="C3:D3"/>"#), "{xml}");
        assert!(xml.contains(r#"<mergeCell ref="A3:A4"/>"#), "{xml}");
        assert!(xml.contains(r#"<autoFilter ref="A4:D6"/>"#), "{xml}");
        assert!(xml.contains(r#"<pane ySplit="4""#), "{xml}");
        // The long name makes its row taller.
        assert!(xml.contains(r#"<row r="5" "#) && xml.contains("customHeight"));
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains(r#"formatCode="0.0%""#), "{styles}");
        assert!(styles.contains("FFFFEB9C"), "{styles}");
    }
}
