//! The monitoring report as a Word document: LibreOffice opens it, and its text holds the sections and every figure of the JSON.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::Work;
use crate::workbooks::convert;

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// 10481.03 → 10,481.03, as the report writes money.
fn money(v: f64) -> String {
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}{out}.{frac}")
}

fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// The document as text, by LibreOffice; the PDF's page size too.
fn text_of(docx: &Path) -> String {
    // A plain name: soffice is handed the file as it is.
    let txt = convert(docx, "txt:Text (encoded):UTF8", "txt");
    let text = std::fs::read_to_string(&txt).unwrap();
    let pdf = convert(docx, "pdf", "pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils) reads the PDF");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    text
}

/// Every group of a roll-up table is in the text: its name and figures, in one row.
fn assert_groups(text: &str, doc: &Value, table: &str) {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let groups = doc[table].as_array().cloned().unwrap_or_default();
    for g in groups.iter().chain(std::iter::once(&doc["total"])) {
        let key = g["key"].as_str().unwrap();
        let figures = [
            g["projects"].to_string(),
            money(g["budget"].as_f64().unwrap()),
            money(g["executed"].as_f64().unwrap()),
            percent(g["execution_rate"].as_f64().unwrap()),
            format!("{:.1}", g["lag_pp"].as_f64().unwrap()),
            g["red"].to_string(),
            g["yellow"].to_string(),
        ];
        // LibreOffice writes a table a cell a line: the row follows its name.
        let at = lines
            .windows(8)
            .position(|w| {
                w[0] == key && w[1..] == figures.iter().map(String::as_str).collect::<Vec<_>>()[..]
            })
            .unwrap_or_else(|| panic!("{table}: no row {key} {figures:?} in\n{text}"));
        assert!(at > 0);
    }
}

fn report(w: &Work, inputs: &[&str]) -> (String, Value) {
    let mut args = vec!["report"];
    args.extend(inputs);
    let mut json = args.clone();
    json.extend(["--format", "json"]);
    let doc = w.perf(&json).json();
    args.extend(["-o", "report.docx"]);
    let out = w.perf(&args);
    assert!(out.code < 2, "{}", out.stderr);
    (text_of(&w.path("report.docx")), doc)
}

#[test]
fn the_example_county_report_opens_with_every_section_and_figure() {
    let files = [
        "examples/county/execution_2024H1.xlsx",
        "examples/county/monitoring_2024H1.xlsx",
        "examples/county/budget_2024.xlsx",
    ];
    let w = Work::with(&files.map(root));
    let (text, doc) = report(
        &w,
        &[
            "execution_2024H1.xlsx",
            "monitoring_2024H1.xlsx",
            "budget_2024.xlsx",
        ],
    );
    for section in [
        "关于2024年1-6月预算绩效运行监控情况的报告",
        "县人民政府：",
        "一、总体情况",
        "二、预算执行情况",
        "三、绩效目标完成情况",
        "四、存在的问题",
        "五、处理建议",
        "附件1",
        "附件2",
        "县财政局",
    ] {
        assert!(text.contains(section), "no {section} in\n{text}");
    }
    for table in ["by_unit", "by_tier", "by_budget"] {
        assert_groups(&text, &doc, table);
    }
    // The headline's figures, as the JSON has them.
    let c = &doc["county"];
    assert!(text.contains(&format!(
        "全县纳入绩效运行监控的项目共{}个，涉及预算资金{}万元，已执行{}万元，预算执行率{}",
        c["projects"],
        money(c["budget"].as_f64().unwrap()),
        money(c["executed"].as_f64().unwrap()),
        percent(c["execution_rate"].as_f64().unwrap())
    )));
    // The indicators' counts.
    let t = &doc["targets"];
    assert!(text.contains(&format!(
        "纳入监控的绩效指标{}个，可判断进度的{}个，其中进度正常{}个，滞后于预期进度{}个（红色{}个），超额{}个",
        t["indicators"], t["judged"], t["green"], t["behind"], t["red"], t["ahead"]
    )), "{text}");
    // Every project of every list, in the body or its attachment, in one list only.
    let mut listed = Vec::new();
    for list in [
        "lagging",
        "correct",
        "overspent",
        "suspend",
        "stop",
        "reduce_and_report",
    ] {
        for p in doc[list].as_array().unwrap() {
            let name = p["name"].as_str().unwrap();
            assert!(text.contains(name), "{list}: {name} missing");
            if list != "lagging" {
                assert!(!listed.contains(&name.to_string()), "{name} in two lists");
                listed.push(name.to_string());
            }
        }
    }
    assert!(
        text.contains("核实超支"),
        "the overspent project's own action"
    );
}

#[test]
fn a_generated_county_report_and_the_batch_writes_report_docx() {
    let dir = root("tests/fixtures/generated_county");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let w = Work::new();
    std::fs::create_dir(w.path("in")).unwrap();
    for f in &files {
        std::fs::copy(f, w.path("in").join(f.file_name().unwrap())).unwrap();
    }
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert!(out.code < 2, "{}", out.stderr);
    let docx = w.path("out/report.docx");
    assert!(docx.exists(), "report.docx beside report.md");
    let text = text_of(&docx);
    let inputs: Vec<String> = files
        .iter()
        .map(|f| format!("in/{}", f.file_name().unwrap().to_string_lossy()))
        .collect();
    let mut args: Vec<&str> = vec!["report"];
    args.extend(inputs.iter().map(String::as_str));
    args.extend(["--month", "6", "--format", "json"]);
    let doc = w.perf(&args).json();
    for table in ["by_unit", "by_tier"] {
        assert_groups(&text, &doc, table);
    }
    for n in doc["not_reported"].as_array().unwrap() {
        assert!(text.contains(n.as_str().unwrap()));
    }
}

#[test]
fn the_self_evaluation_report_opens_with_grades_overstated_scores_and_their_use() {
    let w = Work::with(&[root("examples/county/selfeval_2024.xlsx")]);
    let doc = w
        .perf(&["evaluate", "selfeval_2024.xlsx", "--format", "json"])
        .json();
    let out = w.perf(&["evaluate", "selfeval_2024.xlsx", "-o", "自评报告.docx"]);
    assert!(out.code < 2, "{}", out.stderr);
    assert!(
        !w.path("自评报告.xlsx").exists(),
        "the document, not a workbook"
    );
    let text = text_of(&w.path("自评报告.docx"));
    for section in [
        "关于2024年度项目支出绩效自评情况的报告",
        "一、总体情况",
        "二、自评得分与复算结果不符的项目",
        "三、评价结果应用",
        "附件1",
        "项目绩效自评复算结果表",
    ] {
        assert!(text.contains(section), "no {section} in\n{text}");
    }
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // Every project with its recomputed and stated scores and grade, as the JSON has them.
    for p in doc["projects"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        let score = format!("{:.2}", p["score"].as_f64().unwrap());
        let at = lines
            .iter()
            .position(|l| *l == name)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert!(
            lines[at..at + 6].contains(&score.as_str()),
            "{name}: {score} not beside it"
        );
        assert!(lines[at..at + 6].contains(&p["grade"].as_str().unwrap()));
    }
    // The scores not borne out (E003), each named.
    for f in doc["findings"].as_array().unwrap() {
        if f["code"] == "E003" {
            let project = f["project"].as_str().unwrap();
            assert!(
                text.contains(&format!("「{project}」")),
                "{project} not named among the overstated"
            );
        }
    }
    assert!(
        text.contains("清退"),
        "the results applied to next year's budget"
    );
}
