//! Workbooks written with `-o` (check, monitor, evaluate): read back with calamine, and opened by LibreOffice.
//!
//! The LibreOffice tests run `soffice --headless --convert-to pdf` and
//! `--convert-to csv` on each kind of workbook, each in a profile of its own
//! so that tests in parallel do not clash. They fail, never skip, when
//! `soffice` is missing: CI installs it (.ci/run).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::support::{Work, fixture, sample};

const EXECUTION: &str = "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n\
县教育局,P1,学生资助,100,50,\n\
县教育局,P2,校舍维修,100,30,资金下达晚\n\
县卫健局,P3,疫苗接种,100,29.9,\n\
县卫健局,P4,设备采购,100,105,\n";

const MONITORING: &str = "青山县2024年1-6月绩效指标监控表\n单位名称,项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,全年预计完成情况,偏差原因分析,完成目标可能性\n\
县教育局,P1,学生资助,产出指标,数量指标,资助人次,≥1000人次,400人次,1000人次,,确定能\n\
县教育局,P1,学生资助,产出指标,质量指标,发放准确率,≥95%,,,,\n\
县教育局,P2,校舍维修,产出指标,数量指标,维修校舍,≥10所,7所,10所,,确定能\n\
县卫健局,P3,疫苗接种,产出指标,数量指标,接种人次,≥2000人次,500人次,1500人次,人员保障,完全不可能\n\
县卫健局,P4,设备采购,产出指标,数量指标,采购设备,≥10台,2台,10台,,确定能\n";

fn county() -> Work {
    let w = Work::new();
    w.write("execution.csv", EXECUTION.as_bytes());
    w.write("monitoring.csv", MONITORING.as_bytes());
    w
}

/// The monitoring workbook of the two official monitoring forms.
fn monitoring_forms() -> (Work, PathBuf) {
    let w = Work::with(&[
        sample("monitor_public_toilets.xml"),
        sample("monitor_forest_fire_patrol.xlsx"),
    ]);
    let out = w.perf(&[
        "monitor",
        "monitor_public_toilets.xml",
        "monitor_forest_fire_patrol.xlsx",
        "-o",
        "monitoring.xlsx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = w.path("monitoring.xlsx");
    (w, path)
}

/// The self-evaluation workbook of the two official self-evaluation forms.
fn selfeval_forms() -> (Work, PathBuf) {
    let w = Work::with(&[
        sample("evaluate_rural_water.xml"),
        sample("evaluate_after_school.xlsx"),
    ]);
    let out = w.perf(&[
        "evaluate",
        "evaluate_rural_water.xml",
        "evaluate_after_school.xlsx",
        "-o",
        "selfeval.xlsx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = w.path("selfeval.xlsx");
    (w, path)
}

/// The annotated review workbook of a target form and a messy flat summary.
fn annotated() -> (Work, PathBuf) {
    let w = Work::with(&[
        sample("target_medical_aid.xlsx"),
        fixture("flat_messy_summary.xlsx"),
    ]);
    let out = w.perf(&[
        "check",
        "target_medical_aid.xlsx",
        "flat_messy_summary.xlsx",
        "-o",
        "review.xlsx",
    ]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let path = w.path("review.xlsx");
    (w, path)
}

fn zip_names(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names()
        .map(|n| n.expect("file name").into_owned())
        .collect()
}

fn zip_text(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The row whose column `col` holds `text`.
fn row_of(range: &calamine::Range<Data>, col: usize, text: &str) -> usize {
    (0..range.height())
        .find(|r| range.get((*r, col)) == Some(&Data::String(text.into())))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

fn float(range: &calamine::Range<Data>, at: (usize, usize)) -> f64 {
    match range.get(at) {
        Some(Data::Float(v)) => *v,
        other => panic!("{at:?} is not a number: {other:?}"),
    }
}

#[test]
fn monitoring_workbook_reads_back() {
    let (_w, path) = monitoring_forms();
    let mut xlsx: Xlsx<_> = open_workbook(&path).unwrap();
    let names = xlsx.sheet_names();
    assert_eq!(
        &names[..4],
        ["监控汇总", "执行进度图", "指标监控", "问题清单"]
    );
    assert_eq!(names.len(), 6, "{names:?}: two filled forms follow");

    let summary = xlsx.worksheet_range("监控汇总").unwrap();
    let r = row_of(&summary, 2, "城区公厕改造");
    let rate = float(&summary, (r, 5));
    assert!((rate - 0.4685).abs() < 1e-4, "{rate}");
    assert_eq!(summary.get((r, 9)), Some(&Data::String("黄色".into())));
    assert_eq!(float(&summary, (r, 3)), 324.0);
    let r = row_of(&summary, 2, "森林防火巡护");
    assert_eq!(summary.get((r, 9)), Some(&Data::String("绿色".into())));

    let indicators = xlsx.worksheet_range("指标监控").unwrap();
    let r = row_of(&indicators, 3, "改造城区公厕");
    assert_eq!(indicators.get((r, 9)), Some(&Data::String("黄色".into())));

    let files = zip_names(&path);
    assert!(
        files.iter().any(|f| f == "xl/charts/chart1.xml"),
        "{files:?}"
    );
    // The lagging execution (K8) and indicator (F15) are noted on the toilets form.
    let notes: String = files
        .iter()
        .filter(|f| f.starts_with("xl/comments"))
        .map(|f| zip_text(&path, f))
        .collect();
    assert!(
        notes.contains(r#"ref="K8""#) && notes.contains(r#"ref="F15""#),
        "{notes}"
    );
    assert!(notes.contains("M001") && notes.contains("M002"), "{notes}");
}

#[test]
fn selfeval_workbook_reads_back() {
    let (_w, path) = selfeval_forms();
    let mut xlsx: Xlsx<_> = open_workbook(&path).unwrap();
    let names = xlsx.sheet_names();
    assert_eq!(&names[..3], ["自评汇总", "指标得分", "问题清单"]);
    assert_eq!(names.len(), 5, "{names:?}: two recomputed forms follow");

    let summary = xlsx.worksheet_range("自评汇总").unwrap();
    let r = row_of(&summary, 2, "农村饮水工程维修养护");
    assert!((float(&summary, (r, 7)) - 87.75).abs() < 1e-9);
    assert_eq!(float(&summary, (r, 8)), 87.75);
    assert_eq!(summary.get((r, 10)), Some(&Data::String("良".into())));
    let r = row_of(&summary, 2, "中小学课后服务");
    assert!((float(&summary, (r, 7)) - 98.67).abs() < 0.005);
    assert_eq!(summary.get((r, 10)), Some(&Data::String("优".into())));

    let scores = xlsx.worksheet_range("指标得分").unwrap();
    let r = row_of(&scores, 3, "维修养护农村供水工程");
    assert!((float(&scores, (r, 7)) - 11.25).abs() < 1e-9);

    // Each form carries the recomputed total in a note on its stated total.
    let notes: String = zip_names(&path)
        .iter()
        .filter(|f| f.starts_with("xl/comments"))
        .map(|f| zip_text(&path, f))
        .collect();
    assert!(notes.contains("复算总分87.75分"), "{notes}");
    assert!(notes.contains("复算总分98.67分"), "{notes}");
}

#[test]
fn previous_monitoring_workbook_gives_m008() {
    let w = county();
    let first = w.perf(&[
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "-o",
        "last-month.xlsx",
    ]);
    assert!(first.code == 0 || first.code == 1, "{}", first.stderr);
    assert!(!first.stdout.contains("M008"));
    let second = w.perf(&[
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "--previous",
        "last-month.xlsx",
        "-o",
        "this-month.xlsx",
        "--format",
        "json",
    ]);
    assert!(second.code == 0 || second.code == 1, "{}", second.stderr);
    let doc = second.json();
    let m008: Vec<_> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "M008")
        .map(|f| f["project_code"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(m008.contains(&"P3".to_string()), "{m008:?}");
    assert!(!m008.contains(&"P1".to_string()), "P1 was never red");
    assert!(w.path("this-month.xlsx").exists());

    // A workbook that is not a monitoring workbook is refused with a clear message.
    let w = Work::with(&[sample("monitor_public_toilets.xlsx")]);
    w.write("execution.csv", EXECUTION.as_bytes());
    let out = w.perf(&[
        "monitor",
        "execution.csv",
        "--previous",
        "monitor_public_toilets.xlsx",
    ]);
    out.assert_refused("monitor_public_toilets.xlsx", "监控汇总");
}

#[test]
fn output_onto_an_input_is_refused() {
    let w = county();
    let before = std::fs::read(w.path("execution.csv")).unwrap();
    let out = w.perf(&[
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "-o",
        "execution.csv",
    ]);
    out.assert_refused("execution.csv", "与输入文件相同");
    assert_eq!(std::fs::read(w.path("execution.csv")).unwrap(), before);

    w.perf(&["monitor", "execution.csv", "monitoring.csv", "-o", "m.xlsx"]);
    let out = w.perf(&[
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "--previous",
        "m.xlsx",
        "-o",
        "./m.xlsx",
    ]);
    out.assert_refused("m.xlsx", "与输入文件相同");

    let w = Work::with(&[sample("evaluate_rural_water.xml")]);
    let out = w.perf(&[
        "evaluate",
        "evaluate_rural_water.xml",
        "-o",
        "evaluate_rural_water.xml",
    ]);
    out.assert_refused("evaluate_rural_water.xml", "与输入文件相同");
}

// ---------------------------------------------------------------------------
// LibreOffice
// ---------------------------------------------------------------------------

/// Runs one `soffice --headless --convert-to FILTER` over all `files` (one
/// start of LibreOffice for all: it takes seconds), with a profile of its
/// own, into `outdir`. Panics (so the test fails) when soffice is missing,
/// fails, or takes more than five minutes.
fn soffice(files: &[PathBuf], filter: &str, outdir: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--norestore", "--convert-to", filter])
        .arg("--outdir")
        .arg(outdir)
        .args(files)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("soffice (LibreOffice) is needed to prove the workbooks open: {e}")
        });
    loop {
        match child.try_wait().unwrap() {
            Some(_) => break,
            None if started.elapsed() > Duration::from_secs(300) => {
                let _ = child.kill();
                panic!("soffice took more than 5 minutes on {files:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "soffice could not convert to {filter}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Converts `file` with `soffice --convert-to FORMAT` beside it and returns
/// the converted file (`extension`).
pub(crate) fn convert(file: &Path, format: &str, extension: &str) -> PathBuf {
    let dir = file.parent().unwrap();
    soffice(&[file.to_path_buf()], format, dir);
    let converted = file.with_extension(extension);
    assert!(
        converted.exists(),
        "soffice did not write {}",
        converted.display()
    );
    converted
}

/// Every kind of workbook perf writes, made in one folder under plain names:
/// the annotated review (check), the monitoring workbook (monitor), the
/// self-evaluation workbook (evaluate), the summary workbook (report), and
/// batch's county summary and one per-unit monitoring workbook.
fn every_kind_of_workbook() -> (Work, Vec<PathBuf>) {
    let (w, review) = annotated();
    let run = |args: &[&str]| {
        let out = w.perf(args);
        assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
    };
    for f in [
        sample("monitor_public_toilets.xml"),
        sample("monitor_forest_fire_patrol.xlsx"),
        sample("evaluate_rural_water.xml"),
        sample("evaluate_after_school.xlsx"),
    ] {
        w.copy(&f);
    }
    let forms = [
        "monitor_public_toilets.xml",
        "monitor_forest_fire_patrol.xlsx",
    ];
    run(&[&["monitor"][..], &forms, &["-o", "monitoring.xlsx"]].concat());
    run(&[&["report"][..], &forms, &["-o", "summary.xlsx"]].concat());
    run(&[
        "evaluate",
        "evaluate_rural_water.xml",
        "evaluate_after_school.xlsx",
        "-o",
        "selfeval.xlsx",
    ]);
    std::fs::create_dir(w.path("in")).unwrap();
    std::fs::write(w.path("in/execution.csv"), EXECUTION).unwrap();
    std::fs::write(w.path("in/monitoring.csv"), MONITORING).unwrap();
    run(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    std::fs::copy(w.path("out/全县汇总.xlsx"), w.path("batch-summary.xlsx")).unwrap();
    std::fs::copy(w.path("out/监控_县卫健局.xlsx"), w.path("batch-unit.xlsx")).unwrap();
    let files = [
        "monitoring.xlsx",
        "selfeval.xlsx",
        "summary.xlsx",
        "batch-summary.xlsx",
        "batch-unit.xlsx",
    ]
    .iter()
    .map(|n| w.path(n))
    .chain([review])
    .collect();
    (w, files)
}

/// LibreOffice opens every kind of workbook perf writes: each prints to a
/// PDF, and each sheet saved as CSV (as shown on screen) holds the values
/// perf wrote.
#[test]
fn libreoffice_opens_every_workbook_perf_writes() {
    let (w, files) = every_kind_of_workbook();
    let pdf = w.path("pdf");
    soffice(&files, "pdf", &pdf);
    for f in &files {
        let p = pdf.join(f.with_extension("pdf").file_name().unwrap());
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(
            bytes.len() > 1000 && bytes.starts_with(b"%PDF"),
            "{}",
            p.display()
        );
    }
    // 44: comma, 34: quote, 76: UTF-8; the ninth token saves cells as shown,
    // the twelfth (-1) writes every sheet to NAME-SHEET.csv.
    let csv = w.path("csv");
    soffice(
        &files,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        &csv,
    );
    let sheet = |name: &str| {
        let p = csv.join(format!("{name}.csv"));
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let has = |name: &str, expected: &[&str]| {
        let text = sheet(name);
        for e in expected {
            assert!(text.contains(e), "{e:?} missing from {name}:\n{text}");
        }
    };
    has(
        "review-审核结果",
        &["预算绩效目标审核结果", "城乡居民医疗救助"],
    );
    has(
        "monitoring-监控汇总",
        &[
            "预算绩效运行监控汇总表",
            "城区公厕改造",
            "黄色",
            "324.00",
            "46.9%",
        ],
    );
    has("monitoring-指标监控", &["改造城区公厕"]);
    has(
        "selfeval-自评汇总",
        &[
            "项目支出绩效自评复算汇总表",
            "农村饮水工程维修养护",
            "87.75",
            "良",
        ],
    );
    has("selfeval-指标得分", &["维修养护农村供水工程", "11.25"]);
    has(
        "summary-汇总",
        &[
            "青山县城市管理局,1,324.00,151.80,46.9%,75.0%,28.1,0,1,0,0,0",
            "青山县林业局,1,150.50,116.90,77.7%,75.0%,-2.7,0,0,1,0,0",
        ],
    );
    has(
        "batch-summary-汇总",
        &[
            "县卫健局,2,200.00,134.90,67.5%,50.0%,-17.5,2,0,0,0,0",
            "合计,4,400.00,214.90,53.7%,50.0%,-3.7,2,1,1,0,0",
        ],
    );
    has(
        "batch-unit-监控汇总",
        &["县卫健局,P3,疫苗接种,100.00,29.90,29.9%,50.0%"],
    );
}

#[test]
fn without_a_usable_temporary_folder_the_workbook_is_the_same() {
    // The table sheets are streamed through temporary files; where none can
    // be made they are held in memory instead, and the cells do not change.
    let (w, streamed) = monitoring_forms();
    let out = Command::new(assert_cmd::cargo::cargo_bin("perf"))
        .current_dir(w.dir.path())
        .env("TMPDIR", w.path("no-such-folder"))
        .args([
            "monitor",
            "monitor_public_toilets.xml",
            "monitor_forest_fire_patrol.xlsx",
            "-o",
            "held.xlsx",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut a: Xlsx<_> = open_workbook(&streamed).unwrap();
    let mut b: Xlsx<_> = open_workbook(w.path("held.xlsx")).unwrap();
    assert_eq!(a.sheet_names(), b.sheet_names());
    for name in a.sheet_names() {
        assert_eq!(
            a.worksheet_range(&name).unwrap(),
            b.worksheet_range(&name).unwrap(),
            "{name}"
        );
    }
    // Streamed or not, each table sheet keeps its merged title, frozen
    // header and row heights.
    for path in [&streamed, &w.path("held.xlsx")] {
        let xml = zip_text(path, "xl/worksheets/sheet3.xml");
        // Merged across the first printed page's columns (the sheet prints
        // two pages wide).
        assert!(xml.contains(r#"<mergeCell ref="A1:F1"/>"#), "{xml}");
        assert!(xml.contains(r#"<pane ySplit="2""#), "{xml}");
    }
}
