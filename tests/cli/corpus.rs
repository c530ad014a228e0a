//! The bad-input corpus: every kind of broken, hostile or odd file an officer may hand perf, with
//! the behaviour each must show. One table; each case names the command, the exit code and the
//! message fragments (file, sheet, cell where they apply). Never a panic, never a hang.
//!
//! Cases that need more than bytes on disk (a pipe, a file without read
//! permission, a full disk, a million rows) follow the table as tests of their own.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::support::{Output, Work, fixture};

/// `perf ARGS` in `w`'s folder, killed after `limit`: a hang fails the test
/// instead of stalling CI. stdout and stderr go to files, so a chatty run
/// cannot block on a full pipe.
fn perf_within(w: &Work, args: &[&str], limit: Duration) -> Output {
    let out_path = w.path(".stdout");
    let err_path = w.path(".stderr");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("perf"))
        .args(args)
        .current_dir(w.dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code().unwrap_or(-1);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("perf {args:?} hung: killed after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read =
        |p: &std::path::Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    let out = Output {
        code,
        stdout: read(&out_path),
        stderr: read(&err_path),
    };
    let _ = std::fs::remove_file(out_path);
    let _ = std::fs::remove_file(err_path);
    out
}

// ---------------------------------------------------------------------------
// Building workbooks by hand, so that every byte of the XML is ours.
// ---------------------------------------------------------------------------

/// A sheet of a hand-made .xlsx: name, `state` (visible/hidden/veryHidden) and the worksheet XML.
struct Part {
    name: &'static str,
    state: &'static str,
    xml: String,
}

/// A worksheet whose `<sheetData>` holds `rows` (each a list of `<c>` elements).
fn worksheet(rows: &[String]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (i, cells) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">{cells}</row>"#, i + 1));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// Inline-string cell.
fn s(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Number cell; style 1 is a date format (yyyy-mm-dd).
fn n(at: &str, v: f64, style: u32) -> String {
    format!(r#"<c r="{at}" s="{style}"><v>{v}</v></c>"#)
}

/// Error cell (`#REF!`, `#DIV/0!` …) as Excel stores it.
fn e(at: &str, err: &str) -> String {
    format!(r#"<c r="{at}" t="e"><v>{err}</v></c>"#)
}

/// A row of inline strings from column A on.
fn texts(row: u32, cells: &[&str]) -> String {
    cells
        .iter()
        .enumerate()
        .map(|(c, t)| s(&format!("{}{row}", (b'A' + c as u8) as char), t))
        .collect()
}

/// A minimal but complete .xlsx package of `parts`.
fn xlsx(parts: &[Part], date1904: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: &str| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    let overrides: String = (1..=parts.len())
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    put(
        "[Content_Types].xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
        ),
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let sheets: String = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#"<sheet name="{}" sheetId="{}" state="{}" r:id="rId{}"/>"#,
                p.name,
                i + 1,
                p.state,
                i + 1
            )
        })
        .collect();
    put(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr{}/><sheets>{sheets}</sheets></workbook>"#,
            if date1904 { r#" date1904="1""# } else { "" }
        ),
    );
    let rels: String = (1..=parts.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    let n = parts.len() + 1;
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
        ),
    );
    put(
        "xl/styles.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
    );
    for (i, p) in parts.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), &p.xml);
    }
    zip.finish().unwrap().into_inner()
}

fn one_sheet(name: &'static str, rows: &[String]) -> Vec<u8> {
    xlsx(
        &[Part {
            name,
            state: "visible",
            xml: worksheet(rows),
        }],
        false,
    )
}

/// The header and two indicators of a flat target table, from row 1.
fn target_rows() -> Vec<String> {
    vec![
        texts(
            1,
            &[
                "单位名称",
                "项目编码",
                "项目名称",
                "二级指标",
                "三级指标",
                "指标值",
            ],
        ),
        texts(
            2,
            &[
                "县交通局",
                "JT-01",
                "农村公路养护",
                "数量指标",
                "养护里程",
                "≥45公里",
            ],
        ),
        texts(
            3,
            &[
                "县交通局",
                "JT-01",
                "农村公路养护",
                "质量指标",
                "路面完好率",
                "≥90%",
            ],
        ),
    ]
}

/// A flat monitoring execution table whose 1-6月执行数 of P2 is the error `err`.
fn execution_with_error(err: &str) -> Vec<u8> {
    one_sheet(
        "执行情况",
        &[
            texts(1, &["青山县2024年1-6月项目资金执行情况"]),
            texts(
                2,
                &[
                    "单位名称",
                    "项目编码",
                    "项目名称",
                    "调整预算数",
                    "1-6月执行数",
                ],
            ),
            texts(3, &["县教育局", "P1", "学生资助"]) + &n("D3", 100.0, 0) + &n("E3", 50.0, 0),
            texts(4, &["县教育局", "P2", "校舍维修"]) + &n("D4", 100.0, 0) + &e("E4", err),
        ],
    )
}

/// A zip of `entries` raw copies of one deflated sheet of `mb` MB: a zip
/// bomb whose entries declare `entries × mb` MB in all.
fn zip_bomb(entries: usize, mb: usize) -> Vec<u8> {
    let row = r#"<row><c t="inlineStr"><is><t>0</t></is></c></row>"#;
    let mut sheet = String::with_capacity(mb << 20);
    sheet.push_str(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#);
    while sheet.len() < mb << 20 {
        sheet.push_str(row);
    }
    sheet.push_str("</sheetData></worksheet>");
    let base = xlsx(
        &[Part {
            name: "Sheet1",
            state: "visible",
            xml: sheet,
        }],
        false,
    );
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(base)).unwrap();
    let mut dst = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let name = src.by_index_raw(i).unwrap().name().unwrap().into_owned();
        if name == "xl/worksheets/sheet1.xml" {
            for k in 0..entries {
                let f = src.by_index_raw(i).unwrap();
                let copy = if k == 0 {
                    name.clone()
                } else {
                    format!("xl/worksheets/copy{k}.xml")
                };
                dst.raw_copy_file_rename(f, copy).unwrap();
            }
        } else {
            dst.raw_copy_file(src.by_index_raw(i).unwrap()).unwrap();
        }
    }
    dst.finish().unwrap().into_inner()
}

/// An .xlsx whose sheet entry declares a small size but inflates to `mb` MB
/// (a bomb that lies in its directory).
fn lying_bomb(mb: usize) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    sheet.push_str(&" ".repeat(mb << 20));
    sheet.push_str("</sheetData></worksheet>");
    let real = sheet.len() as u32;
    let mut bytes = xlsx(
        &[Part {
            name: "Sheet1",
            state: "visible",
            xml: sheet,
        }],
        false,
    );
    // Rewrite the sizes (local header offset 22, central record offset 24) to 1 KB.
    let declared = 1024u32.to_le_bytes();
    let real = real.to_le_bytes();
    for (sig, at) in [(b"PK\x03\x04", 22usize), (b"PK\x01\x02", 24)] {
        let mut i = 0;
        while let Some(p) = bytes[i..].windows(4).position(|w| w == sig) {
            let off = i + p + at;
            if bytes[off..off + 4] == real {
                bytes[off..off + 4].copy_from_slice(&declared);
            }
            i += p + 4;
        }
    }
    bytes
}

/// A SpreadsheetML document around `body` (the inside of `<Workbook>`).
fn spreadsheetml(body: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">{body}</Workbook>"#
    )
    .into_bytes()
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

/// What a case must show.
enum Expect {
    /// Exit 2 with one message line naming the file and saying each fragment.
    Refused(&'static [&'static str]),
    /// Ran (exit 0 or 1); stdout (JSON) holds each fragment.
    Ran(&'static [&'static str]),
}

struct Case {
    what: &'static str,
    file: &'static str,
    bytes: fn() -> Vec<u8>,
    /// The command; `{}` stands for the file.
    args: &'static [&'static str],
    expect: Expect,
}

const INSPECT: &[&str] = &["inspect", "{}", "--format", "json"];
const CHECK: &[&str] = &["check", "{}", "--format", "json"];

fn cases() -> Vec<Case> {
    use Expect::*;
    vec![
        Case {
            what: "a zip bomb: 300 entries of 4 MB sheet XML, 1.2 GB declared",
            file: "bomb.xlsx",
            bytes: || zip_bomb(300, 4),
            args: INSPECT,
            expect: Refused(&["文件过大", "zip bomb"]),
        },
        Case {
            what: "a zip bomb that lies about its size in the directory",
            file: "liar.xlsx",
            bytes: || lying_bomb(8),
            args: INSPECT,
            expect: Refused(&["已损坏"]),
        },
        Case {
            what: "a workbook without any cell",
            file: "empty-book.xlsx",
            bytes: || one_sheet("Sheet1", &[]),
            args: CHECK,
            expect: Refused(&["empty-book.xlsx"]),
        },
        Case {
            what: "a workbook without any sheet",
            file: "no-sheets.xlsx",
            bytes: || xlsx(&[], false),
            args: CHECK,
            expect: Refused(&["no-sheets.xlsx"]),
        },
        Case {
            what: "sheet XML cut off in the middle",
            file: "cut-xml.xlsx",
            bytes: || {
                let mut xml = worksheet(&target_rows());
                xml.truncate(xml.len() / 2);
                xlsx(
                    &[Part {
                        name: "Sheet1",
                        state: "visible",
                        xml,
                    }],
                    false,
                )
            },
            args: INSPECT,
            expect: Refused(&["已损坏"]),
        },
        Case {
            what: "sheet XML nested 100,000 elements deep",
            file: "deep.xlsx",
            bytes: || {
                let xml = format!(
                    r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}{}</sheetData></worksheet>"#,
                    "<x>".repeat(100_000),
                    "</x>".repeat(100_000)
                );
                xlsx(
                    &[Part {
                        name: "Sheet1",
                        state: "visible",
                        xml,
                    }],
                    false,
                )
            },
            args: INSPECT,
            expect: Refused(&["deep.xlsx"]),
        },
        Case {
            what: "two zip entries of one name: the sheet twice, the second doctored",
            file: "twice.xlsx",
            bytes: || {
                // The second copy is written as sheet9.xml, then renamed to
                // sheet1.xml in the raw bytes (the zip writer refuses a
                // repeated name; a doctored package has one anyway).
                let bytes = one_sheet("Sheet1", &target_rows());
                let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
                let mut dst = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                for i in 0..src.len() {
                    dst.raw_copy_file(src.by_index_raw(i).unwrap()).unwrap();
                }
                dst.start_file(
                    "xl/worksheets/sheet9.xml",
                    zip::write::SimpleFileOptions::default(),
                )
                .unwrap();
                std::io::Write::write_all(
                    &mut dst,
                    worksheet(&[texts(1, &["项目名称"])]).as_bytes(),
                )
                .unwrap();
                let mut out = dst.finish().unwrap().into_inner();
                while let Some(at) = memchr::memmem::find(&out, b"sheet9.xml") {
                    out[at + 5] = b'1';
                }
                out
            },
            args: INSPECT,
            expect: Refused(&["已损坏", "share a name"]),
        },
        Case {
            what: "a shared-string index past the table (none in the package)",
            file: "dangling.xlsx",
            bytes: || {
                let mut rows = target_rows();
                rows[1].push_str(r#"<c r="H2" t="s"><v>999</v></c>"#);
                one_sheet("Sheet1", &rows)
            },
            args: CHECK,
            expect: Refused(&["已损坏"]),
        },
        Case {
            what: "a workbook whose sheet part is missing",
            file: "no-part.xlsx",
            bytes: || {
                let bytes = one_sheet("Sheet1", &target_rows());
                let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
                let mut dst = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                for i in 0..src.len() {
                    let f = src.by_index_raw(i).unwrap();
                    if f.name().unwrap() != "xl/worksheets/sheet1.xml" {
                        dst.raw_copy_file(f).unwrap();
                    }
                }
                dst.finish().unwrap().into_inner()
            },
            args: INSPECT,
            expect: Refused(&["已损坏"]),
        },
        Case {
            what: "a huge declared dimension (A1:XFD1048576) over three rows",
            file: "dimension.xlsx",
            bytes: || {
                let xml = worksheet(&target_rows()).replace(
                    "<sheetData>",
                    r#"<dimension ref="A1:XFD1048576"/><sheetData>"#,
                );
                xlsx(
                    &[Part {
                        name: "Sheet1",
                        state: "visible",
                        xml,
                    }],
                    false,
                )
            },
            args: INSPECT,
            expect: Ran(&["养护里程", "路面完好率"]),
        },
        Case {
            what: "malformed SpreadsheetML (a tag never closed)",
            file: "broken.xml",
            bytes: || {
                spreadsheetml(
                    r#"<Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">项目名称</Data></Row></Table></Worksheet>"#,
                )
            },
            args: INSPECT,
            expect: Refused(&["已损坏", "S!A1"]),
        },
        Case {
            what: "SpreadsheetML nested 100,000 elements deep",
            file: "deep.xml",
            bytes: || {
                spreadsheetml(&format!(
                    r#"<Worksheet ss:Name="S"><Table>{}{}</Table></Worksheet>"#,
                    "<Row>".repeat(100_000),
                    "</Row>".repeat(100_000)
                ))
            },
            args: INSPECT,
            expect: Refused(&["已损坏", "S!A1", "nested deeper"]),
        },
        Case {
            what: "SpreadsheetML with an entity expansion (billion laughs) is not expanded",
            file: "laughs.xml",
            bytes: || {
                let mut doc = String::from(
                    r#"<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "hahahahahahahahahaha">"#,
                );
                for i in 1..10 {
                    doc.push_str(&format!(
                        r#"<!ENTITY {} "{}">"#,
                        (b'a' + i) as char,
                        format!("&{};", (b'a' + i - 1) as char).repeat(10)
                    ));
                }
                doc.push_str(r#"]><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">&j;</Data></Cell></Row></Table></Worksheet></Workbook>"#);
                doc.into_bytes()
            },
            args: INSPECT,
            expect: Refused(&["已损坏", "unknown entity"]),
        },
        Case {
            what: "a SpreadsheetML cell placed past Excel's last column",
            file: "far.xml",
            bytes: || {
                spreadsheetml(
                    r#"<Worksheet ss:Name="S"><Table><Row><Cell ss:Index="99999999"><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>"#,
                )
            },
            args: INSPECT,
            expect: Refused(&["已损坏", "S!A1", "ss:Index"]),
        },
        Case {
            what: "CSV that is neither UTF-8 nor GBK",
            file: "latin.csv",
            bytes: || b"\x80\x80\xff\xfe\xfd,abc\n\xff\xff,\x80\n".to_vec(),
            args: INSPECT,
            expect: Refused(&["文本编码"]),
        },
        Case {
            what: "UTF-16 text without a BOM named .csv",
            file: "utf16.csv",
            bytes: || {
                "项目名称,指标值\n"
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes())
                    .collect()
            },
            args: INSPECT,
            expect: Refused(&["不是可识别的电子表格"]),
        },
        Case {
            what: "an OLE file (the .xls magic) with garbage after it",
            file: "old.xls",
            bytes: || {
                let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
                b.extend((0..2048u32).map(|i| (i * 7919 % 251) as u8));
                b
            },
            args: INSPECT,
            expect: Refused(&["已损坏"]),
        },
        Case {
            what: "a malformed .xls on which calamine panics (found by fuzzing the pipeline)",
            file: "cfb.xls",
            bytes: || std::fs::read(fixture("bad/calamine_cfb_panic.xls")).unwrap(),
            args: INSPECT,
            expect: Refused(&["已损坏", "the reader failed"]),
        },
        Case {
            what: "an .xls with a merge stored back to front (found by fuzzing: overflow in debug)",
            file: "reversed.xls",
            bytes: || std::fs::read(fixture("bad/reversed_merge.xls")).unwrap(),
            args: INSPECT,
            expect: Ran(&["农村公益性公墓建设", "新增公益性墓穴"]),
        },
        Case {
            what: "a 9.5 KB .xls whose sector chain loops (found by fuzzing: 4 GB in calamine)",
            file: "loop.xls",
            bytes: || std::fs::read(fixture("bad/cfb_loop.xls")).unwrap(),
            args: INSPECT,
            expect: Refused(&["已损坏", "sector chain loops"]),
        },
        Case {
            what: "a 12 KB .xls whose sheets span 65,536 × 256 cells each (found by fuzzing: 4.9 GB in calamine)",
            file: "dense.xls",
            bytes: || std::fs::read(fixture("bad/xls_dense_bomb.xls")).unwrap(),
            args: INSPECT,
            expect: Refused(&["文件过大", "span more than"]),
        },
        Case {
            what: "an .xls declaring 4 billion rows (found by fuzzing: calamine reserved 1.5 TB and aborted)",
            file: "dims.xls",
            bytes: || std::fs::read(fixture("bad/xls_huge_dimensions.xls")).unwrap(),
            args: INSPECT,
            expect: Refused(&["文件过大", "span more than"]),
        },
        Case {
            what: "an .xls with a short last sector and a cell at column 62,972 (found by fuzzing: 132 GB asked, abort)",
            file: "short.xls",
            bytes: || std::fs::read(fixture("bad/xls_short_sector.xls")).unwrap(),
            args: INSPECT,
            expect: Refused(&["文件过大", "span more than"]),
        },
        Case {
            what: "a PDF named .xlsx",
            file: "scan.xlsx",
            bytes: || b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n".to_vec(),
            args: INSPECT,
            expect: Refused(&["不是可识别的电子表格"]),
        },
        Case {
            what: "a zip of other things named .xlsx",
            file: "photos.xlsx",
            bytes: || {
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                zip.start_file("IMG_0001.jpg", zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(b"\xff\xd8\xff\xe0").unwrap();
                zip.finish().unwrap().into_inner()
            },
            args: INSPECT,
            expect: Refused(&["不是可识别的电子表格"]),
        },
        Case {
            what: "an OpenDocument spreadsheet without its content",
            file: "hollow.ods",
            bytes: || {
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                zip.start_file("mimetype", zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
                    .unwrap();
                zip.finish().unwrap().into_inner()
            },
            args: INSPECT,
            expect: Refused(&["已损坏"]),
        },
        Case {
            what: "an HTML table saved as .xls (what some systems export)",
            file: "export.xls",
            bytes: || {
                "<html><body><table><tr><td>项目名称</td></tr></table></body></html>"
                    .as_bytes()
                    .to_vec()
            },
            args: INSPECT,
            expect: Refused(&["不是可识别的电子表格"]),
        },
        Case {
            what: "#DIV/0! where the executed amount belongs",
            file: "execution.xlsx",
            bytes: || execution_with_error("#DIV/0!"),
            args: &["monitor", "{}", "--month", "6", "--format", "json"],
            expect: Ran(&["\"S004\"", "\"E4\"", "#DIV/0!", "\"na\""]),
        },
        Case {
            what: "#REF! where a target value belongs",
            file: "ref.xlsx",
            bytes: || {
                let mut rows = target_rows();
                rows[2] = texts(
                    3,
                    &[
                        "县交通局",
                        "JT-01",
                        "农村公路养护",
                        "质量指标",
                        "路面完好率",
                    ],
                ) + &e("F3", "#REF!");
                one_sheet("绩效目标", &rows)
            },
            args: CHECK,
            expect: Ran(&["\"S004\"", "\"F3\"", "#REF!", "\"V001\""]),
        },
        Case {
            what: "a deadline as a date serial, as Chinese text, and in the 1904 epoch",
            file: "dates.xlsx",
            bytes: || {
                let mut rows = target_rows();
                rows.push(
                    texts(
                        4,
                        &["县交通局", "JT-01", "农村公路养护", "时效指标", "完工时间"],
                    ) + &n("F4", 45_626.0, 1),
                );
                rows.push(texts(
                    5,
                    &[
                        "县交通局",
                        "JT-01",
                        "农村公路养护",
                        "时效指标",
                        "验收时间",
                        "2024年12月31日前",
                    ],
                ));
                one_sheet("绩效目标", &rows)
            },
            args: INSPECT,
            expect: Ran(&["2024-11-30", "2024年12月31日前"]),
        },
        Case {
            what: "a date serial in a 1904-epoch workbook",
            file: "mac.xlsx",
            bytes: || {
                let mut rows = target_rows();
                rows.push(
                    texts(
                        4,
                        &["县交通局", "JT-01", "农村公路养护", "时效指标", "完工时间"],
                    ) + &n("F4", 44_164.0, 1),
                );
                xlsx(
                    &[Part {
                        name: "绩效目标",
                        state: "visible",
                        xml: worksheet(&rows),
                    }],
                    true,
                )
            },
            args: INSPECT,
            expect: Ran(&["2024-11-30"]),
        },
        Case {
            what: "a hidden sheet beside a visible one",
            file: "hidden.xlsx",
            bytes: || {
                xlsx(
                    &[
                        Part {
                            name: "说明",
                            state: "visible",
                            xml: worksheet(&[texts(1, &["填表说明"])]),
                        },
                        Part {
                            name: "绩效目标",
                            state: "hidden",
                            xml: worksheet(&target_rows()),
                        },
                    ],
                    false,
                )
            },
            args: INSPECT,
            expect: Ran(&["绩效目标", "\"hidden\": true", "养护里程"]),
        },
        Case {
            what: "one project code used by two projects",
            file: "dup.xlsx",
            bytes: || {
                let mut rows = target_rows();
                rows.push(texts(
                    4,
                    &[
                        "县水利局",
                        "JT-01",
                        "河道清淤",
                        "数量指标",
                        "清淤长度",
                        "≥10公里",
                    ],
                ));
                one_sheet("绩效目标", &rows)
            },
            args: CHECK,
            expect: Ran(&["农村公路养护", "河道清淤"]),
        },
        Case {
            what: "a CSV with an unclosed quote runs to the end of the file",
            file: "quote.csv",
            bytes: || {
                "单位名称,项目名称,三级指标,指标值\n县交通局,\"农村公路养护,养护里程,≥45公里\n"
                    .as_bytes()
                    .to_vec()
            },
            args: INSPECT,
            expect: Ran(&["quote.csv"]),
        },
        Case {
            what: "a CSV with one field of 600 KB",
            file: "long.csv",
            bytes: || {
                format!(
                    "项目名称,三级指标,指标值\n农村公路养护,养护里程,{}\n",
                    "长".repeat(200_000)
                )
                .into_bytes()
            },
            args: INSPECT,
            expect: Ran(&["long.csv"]),
        },
    ]
}

/// Each case in turn; all failures are gathered so one run shows them all.
#[test]
fn every_case_behaves() {
    let mut failures = Vec::new();
    for case in cases() {
        let w = Work::new();
        w.write(case.file, &(case.bytes)());
        if let Ok(d) = std::env::var("T8_DUMP") {
            std::fs::write(std::path::Path::new(&d).join(case.file), (case.bytes)()).unwrap();
        }
        let args: Vec<&str> = case
            .args
            .iter()
            .map(|a| if *a == "{}" { case.file } else { a })
            .collect();
        let started = Instant::now();
        let out = perf_within(&w, &args, Duration::from_secs(60));
        let took = started.elapsed();
        if let Err(why) = judge(&case, &out, took) {
            failures.push(format!(
                "{} ({}): {why}\n  exit {}; stderr: {}\n  stdout: {}",
                case.what,
                case.file,
                out.code,
                out.stderr.trim(),
                out.stdout.chars().take(600).collect::<String>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn judge(case: &Case, out: &Output, took: Duration) -> Result<(), String> {
    let panicked = out.stderr.contains("panicked") || out.stderr.contains("RUST_BACKTRACE");
    if panicked || out.code < 0 {
        return Err("crashed".into());
    }
    if took > Duration::from_secs(20) {
        return Err(format!("took {took:?}"));
    }
    match case.expect {
        Expect::Refused(says) => {
            if out.code != 2 {
                return Err("expected exit 2".into());
            }
            if out.stderr.trim().lines().count() != 1 || !out.stdout.is_empty() {
                return Err("expected one message line and nothing on stdout".into());
            }
            for s in std::iter::once(&case.file).chain(says) {
                if !out.stderr.contains(s) {
                    return Err(format!("stderr should say {s:?}"));
                }
            }
        }
        Expect::Ran(says) => {
            if out.code != 0 && out.code != 1 {
                return Err("expected exit 0 or 1".into());
            }
            for s in says {
                if !out.stdout.contains(s) {
                    return Err(format!("stdout should hold {s:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn the_corpus_has_thirty_cases() {
    // Beside them: bad_input.rs (9), read_limits.rs (2) and the tests below.
    assert!(cases().len() >= 30, "{}", cases().len());
}

// ---------------------------------------------------------------------------
// Cases that need more than bytes on disk
// ---------------------------------------------------------------------------

/// Runs perf under `/usr/bin/time -v` and returns the output and the peak
/// resident memory in MB; None for the memory when `time` is missing.
fn perf_measured(w: &Work, args: &[&str]) -> (Output, Option<u64>) {
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("/usr/bin/time is missing: the memory bound is not asserted");
        return (w.perf(args), None);
    }
    let bin = assert_cmd::cargo::cargo_bin("perf");
    let out = std::process::Command::new(time)
        .arg("-v")
        .arg(bin)
        .args(args)
        .current_dir(w.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let kb = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse::<u64>().ok());
    // Keep perf's own message lines only (time -v prints its report after them).
    let own: String = stderr
        .lines()
        .take_while(|l| !l.starts_with('\t') && !l.starts_with("\tCommand"))
        .filter(|l| !l.trim_start().starts_with("Command "))
        .map(|l| format!("{l}\n"))
        .collect();
    (
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: own,
        },
        kb.map(|k| k / 1024),
    )
}

#[test]
fn a_million_row_sheet_is_refused_in_bounded_time_and_memory() {
    // 1,000,000 rows × 6 columns: past the 5,000,000-cell limit, so refused
    // while reading; the accepted size (1,000,000 × 4) is measured in
    // docs/reliability.md with a release build.
    let w = Work::new();
    let mut csv = String::with_capacity(40 << 20);
    csv.push_str("单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n");
    for i in 0..1_000_000 {
        csv.push_str(&format!("县局,P{i},项目{i},100,50,无\n"));
    }
    w.write("million.csv", csv.as_bytes());
    let started = Instant::now();
    let (out, mb) = perf_measured(&w, &["inspect", "million.csv"]);
    out.assert_refused("million.csv", "文件过大");
    assert!(started.elapsed() < Duration::from_secs(60));
    if let Some(mb) = mb {
        assert!(mb < 1024, "peak memory {mb} MB");
    }
}

#[test]
fn a_device_and_a_pipe_are_refused_without_waiting() {
    let w = Work::new();
    w.perf(&["inspect", "/dev/zero"])
        .assert_refused("/dev/zero", "不是普通文件");
    let fifo = w.path("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is missing: the pipe case is not run");
        return;
    }
    perf_within(&w, &["inspect", "pipe.csv"], Duration::from_secs(10))
        .assert_refused("pipe.csv", "不是普通文件");
}

#[test]
fn a_shared_string_count_no_file_can_hold_does_not_abort_perf() {
    // Found by fuzzing (`package`): shared strings the fast reader cannot
    // read go to calamine, which reserves room for the declared count before
    // it reads one string. Two billion strings are 48 GB; where memory is
    // committed up front (Windows) or limited, the reservation fails and the
    // process aborts, taking a whole batch with it. Run under a 2 GB address
    // space limit, as such a machine would be.
    let w = Work::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: &[u8]| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body).unwrap();
    };
    put("xl/workbook.xml", br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#);
    put(
        "xl/_rels/workbook.xml.rels",
        br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#,
    );
    put(
        "_rels/.rels",
        br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    // Invalid UTF-8 in a string: the fast reader hands the file to calamine.
    put(
        "xl/sharedStrings.xml",
        b"<sst uniqueCount=\"2000000000\"><si><t>\xc7\xe0</t></si></sst>",
    );
    w.write("count.xlsx", &zip.finish().unwrap().into_inner());
    perf_in_2gb(&w, &["inspect", "count.xlsx"])
        .assert_refused("count.xlsx", "declares 2000000000 strings");
}

#[test]
fn shared_strings_the_sheets_cannot_use_are_refused_at_once() {
    // A damaged 1 MB file held 480 MB of shared strings (27 million) for a
    // sheet of a few KB: 16-20 s and 1.3 GB to read. Strings far beyond
    // what the sheets can refer to are refused from the zip directory.
    let w = Work::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: &[u8]| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body).unwrap();
    };
    put("xl/workbook.xml", br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    put(
        "xl/_rels/workbook.xml.rels",
        br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    put(
        "_rels/.rels",
        br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    put(
        "xl/worksheets/sheet1.xml",
        br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#,
    );
    zip.start_file("xl/sharedStrings.xml", opts).unwrap();
    zip.write_all(b"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
        .unwrap();
    let si = "<si><t>项目名称</t></si>".repeat(1 << 16);
    for _ in 0..(100 << 20) / si.len() {
        zip.write_all(si.as_bytes()).unwrap();
    }
    zip.write_all(b"</sst>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    w.write("strings.xlsx", &bytes);
    perf_within(
        &w,
        &["inspect", "strings.xlsx", "--lang", "en"],
        Duration::from_secs(10),
    )
    .assert_refused("strings.xlsx", "more than its sheets (0 MB) can refer to");
}

/// `perf ARGS` in `w`'s folder under a 2 GB address-space limit: a huge
/// allocation fails at once (and would abort perf) instead of filling the
/// machine's memory, as it would where memory is committed up front.
fn perf_in_2gb(w: &Work, args: &[&str]) -> Output {
    let out = std::process::Command::new("sh")
        .args(["-c", r#"ulimit -v 2000000 && exec "$0" "$@""#])
        .arg(assert_cmd::cargo::cargo_bin("perf"))
        .args(args)
        .current_dir(w.dir.path())
        .output()
        .unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One BIFF12 record of an .xlsb part: its type and size as variable-length numbers, then the body.
fn biff12(typ: u16, body: &[u8]) -> Vec<u8> {
    let mut out = if typ < 0x80 {
        vec![typ as u8]
    } else {
        vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8]
    };
    let mut n = body.len();
    loop {
        let low = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            break;
        }
        out.push(low | 0x80);
    }
    out.extend_from_slice(body);
    out
}

/// An XLWideString: its length in UTF-16 units, then the units.
fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

/// A one-sheet .xlsb whose cells (0-based row, column) hold text or numbers.
fn xlsb(cells: &[(u32, u32, Result<&str, f64>)]) -> Vec<u8> {
    let mut bundle = [0u32.to_le_bytes(), 1u32.to_le_bytes()].concat();
    bundle.extend(wide("rId1"));
    bundle.extend(wide("目标表"));
    let workbook = [
        biff12(0x9C, &bundle), // BrtBundleSh
        biff12(0x90, &[]),     // BrtEndBundleShs
        biff12(0x9D, &[]),     // BrtCalcProp: the names end here
    ]
    .concat();
    // BrtWsDim says A1 only: a declared size is never to be trusted.
    let mut sheet = [biff12(0x94, &[0; 16]), biff12(0x91, &[])].concat();
    for (row, col, value) in cells {
        sheet.extend(biff12(
            0x00,
            &[row.to_le_bytes().as_slice(), &[0; 8]].concat(),
        )); // BrtRowHdr
        let at = [col.to_le_bytes(), 0u32.to_le_bytes()].concat();
        sheet.extend(match value {
            Ok(text) => biff12(0x06, &[at, wide(text)].concat()), // BrtCellSt
            Err(number) => biff12(0x05, &[at, number.to_le_bytes().to_vec()].concat()), // BrtCellReal
        });
    }
    sheet.extend(biff12(0x92, &[])); // BrtEndSheetData
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;
    for (name, body) in [
        ("xl/workbook.bin", workbook.as_slice()),
        ("xl/_rels/workbook.bin.rels", rels.as_slice()),
        ("xl/worksheets/sheet1.bin", &sheet),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_xlsb_is_read_and_a_stray_far_cell_costs_nothing() {
    // Found while hardening after fuzzing: calamine's whole-sheet range for
    // .xlsb is a dense grid from the first cell to the last. A cell at A1
    // and one at XFD1048576 made it ask for 550 GB: an abort under a memory
    // limit, and without one the machine's memory filled until the kernel
    // killed perf (53 s). perf now streams .xlsb cells as it does .xlsx.
    let table = [
        (0, 0, Ok("项目名称")),
        (0, 1, Ok("一级指标")),
        (0, 2, Ok("二级指标")),
        (0, 3, Ok("三级指标")),
        (0, 4, Ok("指标值")),
        (1, 0, Ok("道路维修")),
        (1, 1, Ok("产出指标")),
        (1, 2, Ok("数量指标")),
        (1, 3, Ok("维修里程")),
        (1, 4, Ok("≥10公里")),
    ];
    let w = Work::new();
    w.write("targets.xlsb", &xlsb(&table));
    let out = w.perf(&["inspect", "targets.xlsb"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("targets.xlsb:目标表  绩效目标表"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("项目 道路维修  targets.xlsb:目标表!A2"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(">= 10 公里"), "{}", out.stdout);

    let mut stray = table.to_vec();
    stray.push((1_048_575, 16_383, Err(1.0)));
    w.write("stray.xlsb", &xlsb(&stray));
    let started = Instant::now();
    let out = perf_in_2gb(&w, &["inspect", "stray.xlsb"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("项目 道路维修  stray.xlsb:目标表!A2"),
        "{}",
        out.stdout
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn an_ods_with_a_stray_far_cell_is_refused_at_once() {
    // calamine makes each .ods sheet a dense grid, twice (values, formulas).
    // A 1 KB file with a cell at A1 and one at XFD6002, the rows between
    // written as one repeated empty row, took 12.6 s and 6.1 GB, and aborted
    // perf under a memory limit. Now its span is measured first.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>项目名称</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    let w = Work::new();
    w.write("far.ods", &zip.finish().unwrap().into_inner());
    let started = Instant::now();
    perf_in_2gb(&w, &["inspect", "far.ods"])
        .assert_refused("far.ods", "span more than 10000000 cells");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn an_ods_whose_long_text_is_repeated_a_million_rows_is_refused_at_once() {
    // 1 KB: one 2,000-character text cell repeated 1,000,000 rows is under
    // the cell limit, but calamine copies the text into every cell it
    // stands for: 14 GB, then an abort. Now the text is counted first.
    let long = "长".repeat(2000);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>项目名称</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    let w = Work::new();
    w.write("repeated.ods", &zip.finish().unwrap().into_inner());
    let started = Instant::now();
    perf_in_2gb(&w, &["inspect", "repeated.ods"]).assert_refused("repeated.ods", "文件过大");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    let w = Work::new();
    let p = w.write("locked.csv", "项目名称,三级指标,指标值\n".as_bytes());
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // root reads everything: the refusal cannot be shown here.
        eprintln!("running as root: the permission case is not run");
        return;
    }
    w.perf(&["inspect", "locked.csv"])
        .assert_refused("locked.csv", "没有读取权限");
}

#[test]
fn bad_files_in_a_batch_folder_do_not_stop_the_batch() {
    // batch goes on past bad files: each becomes an S001 naming it.
    let w = Work::new();
    let dir = w.path("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("good.csv"),
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n县教育局,P1,学生资助,100,50\n",
    )
    .unwrap();
    std::fs::write(dir.join("bomb.xlsx"), zip_bomb(300, 4)).unwrap();
    std::fs::write(dir.join("latin.csv"), b"\x80\x80\xff\xfe,\x81\n").unwrap();
    std::fs::write(dir.join("empty.xlsx"), b"").unwrap();
    std::fs::copy(fixture("bad/calamine_cfb_panic.xls"), dir.join("cfb.xls")).unwrap();
    // A link back to the folder itself (a loop), and a named pipe.
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    let piped = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.csv"))
        .status()
        .is_ok_and(|s| s.success());
    let out = perf_within(
        &w,
        &["batch", "in", "--month", "6", "-o", "out", "--quiet"],
        Duration::from_secs(60),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let findings = std::fs::read_to_string(w.path("out/findings.csv")).unwrap();
    let mut bad = vec!["bomb.xlsx", "latin.csv", "empty.xlsx", "cfb.xls"];
    if piped {
        bad.push("pipe.csv");
    }
    for bad in bad {
        assert!(
            findings
                .lines()
                .any(|l| l.contains("S001") && l.contains(bad)),
            "{bad}: {findings}"
        );
    }
    assert!(w.path("out/监控_县教育局.xlsx").exists());
}

#[test]
fn a_stray_cell_at_the_last_row_is_not_written_back_as_a_million_rows() {
    // One stray cell at XFD1048576 below a small target table: the review's
    // copy of the sheet draws its grid down to the table's last real row,
    // not to the stray cell (it was 50 MB, 1.2 GB and 7 s for a 9 KB input).
    let w = Work::new();
    for (file, far) in [
        (
            "stray.xlsx",
            r#"<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>"#,
        ),
        // In the table's own column (项目名称).
        (
            "stray-in-table.xlsx",
            r#"<c r="C1048576" t="inlineStr"><is><t>x</t></is></c>"#,
        ),
    ] {
        let mut rows = target_rows();
        rows.resize(3, String::new());
        let mut xml = worksheet(&rows);
        xml = xml.replace(
            "</sheetData>",
            &format!(r#"<row r="1048576">{far}</row></sheetData>"#),
        );
        let bytes = xlsx(
            &[Part {
                name: "Sheet1",
                state: "visible",
                xml,
            }],
            false,
        );
        w.write(file, &bytes);
        let (out, peak_mb) = perf_measured(&w, &["check", file, "-o", "review.xlsx"]);
        assert_ne!(out.code, 2, "{file}: {}", out.stderr);
        let written = std::fs::metadata(w.path("review.xlsx")).unwrap().len();
        assert!(
            written < 20 * bytes.len() as u64 + 50_000,
            "{file}: a {written}-byte review for a {}-byte input",
            bytes.len()
        );
        if let Some(mb) = peak_mb {
            assert!(mb < 200, "{file}: {mb} MB");
        }
    }
    // The same in SpreadsheetML (a `.xls` exported as XML): a row placed at
    // ss:Index="1048576" below the table.
    let cell = |t: &str| format!(r#"<Cell><Data ss:Type="String">{t}</Data></Cell>"#);
    let row = |cells: &[&str]| {
        format!(
            "<Row>{}</Row>",
            cells.iter().map(|c| cell(c)).collect::<String>()
        )
    };
    let body = format!(
        r#"<Worksheet ss:Name="绩效目标"><Table>{}{}<Row ss:Index="1048576">{}</Row></Table></Worksheet>"#,
        row(&[
            "单位名称",
            "项目编码",
            "项目名称",
            "二级指标",
            "三级指标",
            "指标值"
        ]),
        row(&[
            "县交通局",
            "JT-01",
            "农村公路养护",
            "数量指标",
            "养护里程",
            "≥45公里"
        ]),
        cell("x")
    );
    let bytes = spreadsheetml(&body);
    w.write("stray.xml", &bytes);
    let (out, peak_mb) = perf_measured(&w, &["check", "stray.xml", "-o", "review-xml.xlsx"]);
    assert_ne!(out.code, 2, "stray.xml: {}", out.stderr);
    let written = std::fs::metadata(w.path("review-xml.xlsx")).unwrap().len();
    assert!(
        written < 20 * bytes.len() as u64 + 50_000,
        "stray.xml: a {written}-byte review for a {}-byte input",
        bytes.len()
    );
    if let Some(mb) = peak_mb {
        assert!(mb < 200, "stray.xml: {mb} MB");
    }
}

#[test]
fn running_out_of_memory_is_a_clean_exit_2_never_an_abort() {
    // Under ever smaller address-space limits perf either runs or says it
    // ran out of memory on one line with exit 2: never SIGABRT, no message.
    let w = Work::new();
    w.write("targets.csv", TARGETS_FOR_MEMORY.as_bytes());
    let mut said = 0;
    for mb in [8, 16, 24, 32, 48, 64, 96, 128] {
        let out = std::process::Command::new("sh")
            .args([
                "-c",
                &format!(r#"ulimit -v {} && exec "$0" "$@""#, mb * 1024),
            ])
            .arg(assert_cmd::cargo::cargo_bin("perf"))
            .args(["check", "targets.csv", "--lang", "en"])
            .current_dir(w.dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0 | 1) => {}
            Some(2)
                if stderr.contains("out of memory")
                    || stderr.contains("内存不足")
                    || stderr.contains("cannot start worker threads") =>
            {
                assert_eq!(stderr.lines().count(), 1, "{mb} MB: {stderr}");
                said += 1;
            }
            // Too little even to start the program (the loader fails first).
            Some(127) | None if mb <= 16 && !stderr.contains("memory allocation") => {}
            other => panic!("{mb} MB: {other:?} {stderr}"),
        }
    }
    assert!(said > 0, "no limit was low enough to run out of memory");
}

const TARGETS_FOR_MEMORY: &str = "单位名称,项目编码,项目名称,二级指标,三级指标,指标值\n\
县交通局,JT-01,农村公路养护,数量指标,养护里程,≥45公里\n\
县交通局,JT-01,农村公路养护,质量指标,路面完好率,≥90%\n";
