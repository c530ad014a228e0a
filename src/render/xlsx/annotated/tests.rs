//! Tests of the annotated workbook (compiled only under #[cfg(test)]): built from real fixtures, read back with calamine and the zip.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};

use super::*;
use crate::layout::HeaderDict;
use crate::read::{Cell, Sheet};
use crate::render::xlsx::copies::usable_merges;

const FLAT: &str = "tests/fixtures/flat_messy_summary.xlsx";
const FORM: &str = "tests/fixtures/official-forms/target_medical_aid.xml";

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// The two fixtures, plus the flat one again under another name with its sheet
/// hidden (a second `绩效目标汇总` from another file).
fn reading() -> (Vec<Book>, Reading) {
    let flat = crate::read::load(&root(FLAT)).unwrap();
    let form = crate::read::load(&root(FORM)).unwrap();
    let mut other = flat.clone();
    other.path = root("tests/fixtures/other.xlsx");
    other.sheets[0].hidden = true;
    let books = vec![flat, form, other];
    let mut reading = Reading::default();
    let dict = HeaderDict::default();
    for b in &books {
        reading.add(b, &dict, Lang::Zh);
    }
    (books, reading)
}

fn finding(
    code: &'static str,
    severity: Severity,
    file: &Path,
    sheet: &str,
    cell: &str,
    message: &str,
) -> Finding {
    let mut f = Finding::at_file(
        crate::diag::Code::parse(code).expect("a known code"),
        severity,
        &file.display().to_string(),
        message.to_string(),
    )
    .in_sheet(sheet, (!cell.is_empty()).then(|| cell.to_string()));
    f.project = Some("基本公共卫生服务".into());
    f.project_code = Some("2024-WJ-003".into());
    f.unit = Some("青山县卫生健康局".into());
    f
}

fn findings() -> Vec<Finding> {
    let flat = root(FLAT);
    let form = root(FORM);
    let mut dim = finding(
        "T002",
        Severity::Error,
        &flat,
        "绩效目标汇总",
        "C7",
        "缺少成本指标 — 请补充",
    );
    dim.dimension = Some(Dimension::Cost);
    let mut vague = finding(
        "V004",
        Severity::Warning,
        &flat,
        "绩效目标汇总",
        "I14",
        "「有所提高」表述模糊，未量化 — 改为可衡量的目标值，如「≥95%」",
    );
    vague.indicator = Some("居民健康素养水平".into());
    vec![
        dim,
        vague,
        finding(
            "V010",
            Severity::Info,
            &flat,
            "绩效目标汇总",
            "I14",
            "建议写明基期值",
        ),
        finding(
            "V005",
            Severity::Error,
            &form,
            "目标表",
            "G15",
            "完成时间晚于年度",
        ),
        finding(
            "S004",
            Severity::Warning,
            &flat,
            "绩效目标汇总",
            "",
            "整张表的问题，没有单元格",
        ),
        finding(
            "S002",
            Severity::Info,
            &flat,
            "下拉选项",
            "A1",
            "未复制的工作表",
        ),
        finding(
            "M007",
            Severity::Warning,
            &root("tests/fixtures/other.xlsx"),
            "绩效目标汇总",
            "H12",
            "=SUM(A1) 看似公式的说明",
        ),
    ]
}

fn verdicts(reading: &Reading) -> Vec<Verdict> {
    reading
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut dimensions = BTreeMap::new();
            for ind in &p.indicators {
                if let Some(d) = ind.category.map(|c| c.dimension()) {
                    *dimensions.entry(d).or_insert(0) += 1;
                }
            }
            let pass = p.name.value != "基本公共卫生服务";
            let mut counts = BTreeMap::new();
            if !pass {
                counts.insert("T002", 1);
                counts.insert("V004", 2);
            }
            Verdict {
                project: Some(i),
                name: p.name.value.clone(),
                code: p.code.as_ref().map(|c| c.value.clone()),
                unit: p.unit.as_ref().map(|u| u.value.clone()),
                dimensions,
                pass,
                findings: counts,
                budget: None,
            }
        })
        .collect()
}

fn zip_text(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Writes the fixtures' workbook; returns the temp dir (kept alive) and the path.
fn written() -> (tempfile::TempDir, PathBuf, Vec<Book>, Reading) {
    let (books, reading) = reading();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("审核.xlsx");
    write(
        &out,
        &books,
        &reading,
        &verdicts(&reading),
        &findings(),
        Lang::Zh,
    )
    .unwrap();
    (dir, out, books, reading)
}

#[test]
fn sheets_are_named_uniquely_in_order() {
    let (_dir, out, _, _) = written();
    let xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        xlsx.sheet_names(),
        vec![
            "审核结果",
            "问题清单",
            "flat_messy_summary-绩效目标汇总",
            "目标表",
            "other-绩效目标汇总",
        ]
    );
    let wb = zip_text(&out, "xl/workbook.xml");
    assert!(
        wb.contains(r#"name="other-绩效目标汇总" sheetId="5" state="hidden""#),
        "{wb}"
    );
}

#[test]
fn copies_keep_values_types_and_merges() {
    let (_dir, out, books, _) = written();
    let mut xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    let copy = "flat_messy_summary-绩效目标汇总";
    let range = xlsx.worksheet_range(copy).unwrap();
    let input = &books[0].sheets[0];
    for row in &input.rows {
        for (col, cell) in &row.cells {
            let got = range.get_value((row.index, *col)).unwrap();
            match (cell, got) {
                (Cell::Text(a), Data::String(b)) => assert_eq!(a, b),
                (Cell::Number(a), Data::Float(b)) => assert_eq!(a, b),
                (Cell::Date(a), Data::DateTime(b)) => {
                    assert_eq!(
                        Some(*a),
                        b.as_datetime(),
                        "{}",
                        crate::read::a1(row.index, *col)
                    );
                }
                (a, b) => panic!("{}: {a:?} became {b:?}", crate::read::a1(row.index, *col)),
            }
        }
    }
    let mut merges: Vec<_> = xlsx
        .merge_cells_by_sheet_name(copy)
        .unwrap()
        .iter()
        .map(|d| (d.start, d.end))
        .collect();
    let mut expected: Vec<_> = input
        .merges
        .iter()
        .map(|m| ((m.first_row, m.first_col), (m.last_row, m.last_col)))
        .collect();
    merges.sort();
    expected.sort();
    assert_eq!(merges, expected);

    // The form (SpreadsheetML 2003) copy too.
    let form = &books[1].sheets.iter().find(|s| s.name == "目标表").unwrap();
    let range = xlsx.worksheet_range("目标表").unwrap();
    assert_eq!(
        range.get_value((14, 6)).and_then(|d| d.as_string()),
        form.cell(14, 6).map(|c| c.to_text())
    );
    assert_eq!(
        xlsx.merge_cells_by_sheet_name("目标表").unwrap().len(),
        usable_merges(&form.merges).len()
    );
}

#[test]
fn findings_fill_and_annotate_their_cells() {
    let (_dir, out, _, _) = written();
    // Sheet 3 (the first copy) has the first notes.
    let notes = zip_text(&out, "xl/comments1.xml");
    // C7 lies in the merge C5:C9: the note goes on C5.
    assert!(notes.contains(r#"ref="C5""#), "{notes}");
    assert!(!notes.contains(r#"ref="C7""#), "{notes}");
    assert!(notes.contains("T002 错误：缺少成本指标"), "{notes}");
    // Two findings on I14: one note with both lines.
    assert_eq!(notes.matches(r#"ref="I14""#).count(), 1, "{notes}");
    assert!(notes.contains("V004 警告：「有所提高」表述模糊"), "{notes}");
    assert!(notes.contains("V010 提示：建议写明基期值"), "{notes}");
    assert_eq!(notes.matches("<comment ").count(), 2, "{notes}");

    let form_notes = zip_text(&out, "xl/comments2.xml");
    assert!(form_notes.contains(r#"ref="G15""#), "{form_notes}");
    let other_notes = zip_text(&out, "xl/comments3.xml");
    assert!(other_notes.contains(r#"ref="H12""#), "{other_notes}");
    assert!(
        other_notes.contains("=SUM(A1) 看似公式的说明"),
        "{other_notes}"
    );

    // Fills: the styles hold the three severity colours, and I14 uses the warning one.
    let styles = zip_text(&out, "xl/styles.xml");
    for rgb in ["FFFFC7CE", "FFFFEB9C", "FFBDD7EE", "FFC6EFCE"] {
        assert!(styles.contains(rgb), "{rgb} missing");
    }
    let sheet = zip_text(&out, "xl/worksheets/sheet3.xml");
    let style_of = |cell: &str| style_index(&sheet, cell);
    let xfs = cell_xfs(&styles);
    let fills: Vec<&str> = styles.split("<fill>").skip(1).collect();
    let fill_of = |cell: &str| -> &str {
        let xf = xfs[style_of(cell)];
        let id: usize = xf
            .split("fillId=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        fills[id]
    };
    assert!(fill_of("I14").contains("FFFFEB9C"));
    assert!(fill_of("C5").contains("FFFFC7CE"));
    assert!(!fill_of("I13").contains("FFFF"));
}

#[test]
fn lists_link_to_the_copied_cells() {
    let (_dir, out, _, _) = written();
    let mut xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    let list = xlsx.worksheet_range("问题清单").unwrap();
    assert_eq!(list.get_value((1, 0)), Some(&Data::String("代码".into())));
    assert_eq!(list.get_value((2, 0)), Some(&Data::String("T002".into())));
    assert_eq!(list.get_value((2, 1)), Some(&Data::String("错误".into())));
    assert_eq!(list.get_value((2, 4)), Some(&Data::String("C7".into())));
    assert_eq!(list.get_value((2, 7)), Some(&Data::String("成本".into())));
    // A message that looks like a formula stays text (a code is typed and
    // never looks like one).
    assert_eq!(
        list.get_value((8, 9)),
        Some(&Data::String("=SUM(A1) 看似公式的说明".into()))
    );

    let xml = zip_text(&out, "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains(r#"<hyperlink ref="E3" location="'flat_messy_summary-绩效目标汇总'!C7""#),
        "{xml}"
    );
    assert!(xml.contains(r#"location="'目标表'!G15""#), "{xml}");
    assert!(
        xml.contains(r#"location="'other-绩效目标汇总'!H12""#),
        "{xml}"
    );
    // No cell, or a sheet not copied: no link.
    assert_eq!(xml.matches("<hyperlink ").count(), 5, "{xml}");
    assert!(!xml.contains("<f>"));
    assert!(xml.contains("<autoFilter"));
    assert!(xml.contains(r#"<pane ySplit="2""#), "{xml}");

    // Every cell of a finding's row is boxed; the severity is coloured, the
    // code centred, the link styled as one.
    let styles = zip_text(&out, "xl/styles.xml");
    let xfs = cell_xfs(&styles);
    let xf_of = |cell: &str| xfs[style_index(&xml, cell)];
    for cell in ["A3", "B3", "C3", "D3", "E3", "F3", "G3", "H3", "I3", "J3"] {
        assert!(
            !xf_of(cell).contains(r#"borderId="0""#),
            "{cell}: {}",
            xf_of(cell)
        );
    }
    let fills: Vec<&str> = styles.split("<fill>").skip(1).collect();
    let fill_id: usize = xf_of("B3")
        .split("fillId=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(fills[fill_id].contains("FFFFC7CE"), "错误 is red");
    assert!(xf_of("A3").contains(r#"horizontal="center""#));
    assert!(!xf_of("J3").contains(r#"horizontal="center""#));
    assert_ne!(xf_of("E3"), xf_of("D3"), "the link keeps its own look");

    let review = xlsx.worksheet_range("审核结果").unwrap();
    let header: Vec<String> = (0..13)
        .map(|c| review.get_value((2, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        header,
        [
            "单位",
            "项目编码",
            "项目名称",
            "结论",
            "数量",
            "质量",
            "时效",
            "成本",
            "效果",
            "错误数",
            "警告数",
            "提示数",
            "问题代码"
        ]
    );
    let row = (3..10)
        .find(|r| review.get_value((*r, 2)) == Some(&Data::String("基本公共卫生服务".into())))
        .unwrap();
    assert_eq!(
        review.get_value((row, 3)),
        Some(&Data::String("不通过".into()))
    );
    assert_eq!(review.get_value((row, 4)), Some(&Data::Float(1.0)));
    assert_eq!(review.get_value((row, 9)), Some(&Data::Float(1.0)));
    assert_eq!(review.get_value((row, 10)), Some(&Data::Float(2.0)));
    assert_eq!(
        review.get_value((row, 12)),
        Some(&Data::String("T002×1, V004×2".into()))
    );
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(r#"location="'flat_messy_summary-绩效目标汇总'!C11""#),
        "{xml}"
    );
    for part in [
        r#"paperSize="9""#,
        r#"orientation="landscape""#,
        r#"fitToHeight="0""#,
        "<oddFooter>",
    ] {
        assert!(xml.contains(part), "{part}");
    }
    let wb = zip_text(&out, "xl/workbook.xml");
    assert!(wb.contains("_xlnm.Print_Titles"), "{wb}");
}

#[test]
fn english_names_and_refusing_an_input() {
    let (books, reading) = reading();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.xlsx");
    write(&out, &books, &reading, &[], &[], Lang::En).unwrap();
    let xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(&xlsx.sheet_names()[..2], ["Review", "Findings"]);

    let err = write(&root(FLAT), &books, &reading, &[], &[], Lang::Zh).unwrap_err();
    assert!(err.to_string().contains("与输入文件相同"), "{err}");
}

/// 50,000 rows × 8 columns of Chinese text: `cargo test --release --lib
/// render::xlsx::annotated::tests::large -- --ignored --nocapture`.
#[test]
#[ignore]
fn large_sheet_is_fast() {
    let header = [
        "项目名称",
        "项目代码",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "计量单位",
        "备注",
    ];
    let mut cells = Vec::new();
    for (c, h) in header.iter().enumerate() {
        cells.push((0, c as u32, Cell::Text(h.to_string())));
    }
    for r in 1..=50_000u32 {
        let p = r / 10;
        cells.push((r, 0, Cell::Text(format!("第{p}号公共服务项目"))));
        cells.push((r, 1, Cell::Text(format!("2024-XM-{p:05}"))));
        cells.push((r, 2, Cell::Text("产出指标".into())));
        cells.push((r, 3, Cell::Text("数量指标".into())));
        cells.push((r, 4, Cell::Text(format!("完成第{r}项任务的数量"))));
        cells.push((r, 5, Cell::Text(">=95%".into())));
        cells.push((r, 6, Cell::Text("%".into())));
        cells.push((r, 7, Cell::Number(f64::from(r) * 1.5)));
    }
    let sheet = Sheet::from_cells("大表", cells);
    let book = Book {
        path: PathBuf::from("big.xlsx"),
        format: crate::read::Format::Xlsx,
        encoding: None,
        sheets: vec![sheet],
    };
    let mut reading = Reading::default();
    reading.add(&book, &HeaderDict::default(), Lang::Zh);
    assert_eq!(reading.tables.len(), 1, "{:?}", reading.findings);
    let findings: Vec<Finding> = (1..2000u32)
        .map(|r| {
            Finding::at_file(
                crate::diag::Code::V004,
                Severity::Warning,
                "big.xlsx",
                "模糊".into(),
            )
            .in_sheet("大表", Some(format!("F{}", r * 20)))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big-out.xlsx");
    let start = std::time::Instant::now();
    write(&out, &[book], &reading, &[], &findings, Lang::Zh).unwrap();
    let took = start.elapsed();
    let size = std::fs::metadata(&out).unwrap().len();
    eprintln!("50,000 rows written in {took:?} ({size} bytes)");
    assert!(took.as_secs_f64() < 3.0);
}

/// Writes a workbook from all the fixtures to `$PERF_ANNOTATED_OUT`, for a
/// look in a spreadsheet program (`soffice --headless --convert-to pdf`).
#[test]
#[ignore]
fn sample_for_viewing() {
    let Ok(out) = std::env::var("PERF_ANNOTATED_OUT") else {
        return;
    };
    let (mut books, _) = reading();
    for extra in [
        "tests/fixtures/form_two_projects_one_sheet.xlsx",
        "tests/fixtures/budget_lines_yuan.xlsx",
    ] {
        books.push(crate::read::load(&root(extra)).unwrap());
    }
    let mut reading = Reading::default();
    for b in &books {
        reading.add(b, &HeaderDict::default(), Lang::Zh);
    }
    let mut findings = findings();
    findings.extend(reading.findings.iter().cloned());
    write(
        Path::new(&out),
        &books,
        &reading,
        &verdicts(&reading),
        &findings,
        Lang::Zh,
    )
    .unwrap();
}

/// The `<xf>` entries of a styles part's cellXfs, by index.
fn cell_xfs(styles: &str) -> Vec<&str> {
    styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect()
}

/// The style index (`s="…"`) of `cell` in a sheet part.
fn style_index(sheet: &str, cell: &str) -> usize {
    let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap();
    let rest = &sheet[at..];
    let s = rest.find(" s=\"").unwrap() + 4;
    rest[s..s + rest[s..].find('"').unwrap()].parse().unwrap()
}
