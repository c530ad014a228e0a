//! What every perf workbook shares: its limits and colours here, the rest in
//! `safety` (atomic save, never onto an input), `widths` (widths, heights,
//! print setup), `formats` (the look, cells written with their types) and
//! `sheets` (sheets built side by side, names, links), all re-exported here.
//!
//! The annotated review workbook, the monitoring workbook and the
//! self-evaluation workbook all build on these helpers, so that every file
//! perf writes looks and behaves the same:
//!
//! - [`refuse_overwrite`] before anything is built, [`save_atomically`] at the end;
//! - [`ColumnWidths`] / [`set_widths`] size columns by display width (CJK = 2);
//! - [`print_setup`] gives A4 landscape, one page wide, repeated header rows
//!   and frozen panes under the header;
//! - [`header_format`], [`severity_fill`], [`CellStyle`] and [`write_cell`] keep
//!   the look and the value types (text stays text, even `=SUM(…)`).

pub use super::formats::*;
pub use super::safety::*;
pub use super::sheets::*;
pub use super::widths::*;

/// Light red fill of an error (Excel's "Bad" style).
pub const ERROR_FILL: u32 = 0xFFC7CE;
/// Yellow fill of a warning (Excel's "Neutral" style).
pub const WARNING_FILL: u32 = 0xFFEB9C;
/// Light blue fill of an info.
pub const INFO_FILL: u32 = 0xBDD7EE;
/// Green fill of a pass (Excel's "Good" style).
pub const PASS_FILL: u32 = 0xC6EFCE;
/// Light grey fill of header cells.
pub const HEADER_FILL: u32 = 0xD9D9D9;

/// Narrowest column perf sets, in characters.
pub const MIN_WIDTH: f64 = 6.0;
/// Widest column perf sets, in characters: longer text (goals, messages) wraps.
pub const MAX_WIDTH: f64 = 60.0;

/// Excel keeps at most this many hyperlinks per worksheet.
pub const MAX_LINKS: usize = 65_530;

/// Excel's limit on the characters (UTF-16 units) of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cell::Cell;
    use rust_xlsxwriter::{Format, Workbook};

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(display_width("项目名称"), 8);
        assert_eq!(display_width("ab"), 2);
        assert_eq!(display_width("短\n较长的一行"), 10);
        assert_eq!(column_width(0), MIN_WIDTH);
        assert_eq!(column_width(500), MAX_WIDTH);
        let mut w = ColumnWidths::new();
        w.see_text(2, "资助学生人数");
        w.see_text(2, "x");
        w.see(0, 3);
        assert_eq!(w.widths(), vec![(0, 3), (2, 12)]);
        let r = w.resolve();
        assert_eq!(r.width(1), DEFAULT_WIDTH);
        assert_eq!(r.width(2), column_width(12));
        // A merged cell widens the columns it spans, evenly, when they are too narrow.
        w.see_span(3, 4, 40);
        w.see_span(0, 2, 4);
        let r = w.resolve();
        assert!((r.span(3, 4) - column_width(40)).abs() < 1e-9);
        assert_eq!(r.width(3), r.width(4));
        assert_eq!(r.width(0), column_width(3));
        assert_eq!(wrapped_lines("短", 10.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七八九十", 12.0), 2);
        assert_eq!(wrapped_lines("a\nb", 12.0), 2);
        assert_eq!(wrapped_lines(&"x".repeat(60), 60.0), 1);
        let mut h = RowHeights::new();
        h.need(3, 1, 1, LINE_HEIGHT);
        h.need(4, 2, 4, LINE_HEIGHT);
        assert_eq!(h.heights.len(), 2);
        assert_eq!(h.heights[&4], 31.5);
    }

    #[test]
    fn a1_references_parse() {
        assert_eq!(parse_a1("H12"), Some((11, 7)));
        assert_eq!(parse_a1("$AA$1"), Some((0, 26)));
        assert_eq!(parse_a1("B2:C9"), Some((1, 1)));
        assert_eq!(parse_a1("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_a1("12"), None);
        assert_eq!(parse_a1("H0"), None);
        assert_eq!(parse_a1("ABCD1"), None);
    }

    #[test]
    fn history_is_reserved() {
        let mut names = SheetNames::new();
        assert_eq!(names.unique("'History'"), "History(2)");
        assert_eq!(names.unique("history"), "history(3)");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut names = SheetNames::new();
        names.reserve("审核结果");
        assert_eq!(names.unique("审核结果"), "审核结果(2)");
        assert_eq!(names.unique("a/b:c?"), "a_b_c_");
        assert_eq!(names.unique("'引号'"), "引号");
        assert_eq!(names.unique(""), "Sheet");
        assert_eq!(names.unique("sheet"), "sheet(2)");
        let long = "很长的工作表名称".repeat(5);
        let first = names.unique(&long);
        let second = names.unique(&long);
        assert_eq!(first.encode_utf16().count(), 31);
        assert!(second.ends_with("(2)"));
        assert!(second.encode_utf16().count() <= 31);
    }

    #[test]
    fn clip_respects_utf16_units() {
        assert_eq!(clip("abc", 2), "ab");
        assert_eq!(clip("表格", 1), "表");
        assert_eq!(clip("表格", 5), "表格");
    }

    #[test]
    fn refuses_inputs_in_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a");
        std::fs::create_dir(&sub).unwrap();
        let input = sub.join("in.xlsx");
        std::fs::write(&input, b"x").unwrap();
        let inputs = vec![input.clone()];

        let err = refuse_overwrite(&input, &inputs).unwrap_err().to_string();
        assert!(err.contains("与输入文件相同"), "{err}");
        assert!(err.contains("in.xlsx"), "{err}");

        let odd = dir
            .path()
            .join("a")
            .join(".")
            .join("..")
            .join("a")
            .join("in.xlsx");
        assert!(refuse_overwrite(&odd, &inputs).is_err());

        #[cfg(unix)]
        {
            let link = dir.path().join("link.xlsx");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(refuse_overwrite(&link, &inputs).is_err());
            // The input given through the symlink, the output by its real path.
            assert!(refuse_overwrite(&input, std::slice::from_ref(&link)).is_err());
            let hard = dir.path().join("hard.xlsx");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(refuse_overwrite(&hard, &inputs).is_err());
        }

        assert!(refuse_overwrite(&sub.join("out.xlsx"), &inputs).is_ok());
        assert!(refuse_overwrite(&dir.path().join("missing/out.xlsx"), &inputs).is_ok());
    }

    #[test]
    fn saves_atomically_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing").join("out.xlsx");
        let mut wb = Workbook::new();
        wb.add_worksheet();
        let err = save_atomically(&mut wb, &missing).unwrap_err().to_string();
        assert!(err.starts_with("无法写入"), "{err}");
        assert!(err.contains("out.xlsx"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        // A good save replaces an old file and leaves no temporary file.
        let out = dir.path().join("out.xlsx");
        std::fs::write(&out, b"old").unwrap();
        save_atomically(&mut wb, &out).unwrap();
        assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");

        // A folder in the way is an error, not a panic.
        let err = save_atomically(&mut wb, dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("无法写入"), "{err}");
    }

    #[test]
    fn text_that_looks_like_a_formula_stays_text() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let style = CellStyle::new(Format::new());
        for (i, s) in ["=SUM(A1:A2)", "+86 123", "-", "@x"].iter().enumerate() {
            write_cell(ws, i as u32, 0, &Cell::Text(s.to_string()), &style).unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(!xml.contains("<f>"), "{xml}");
    }
}
