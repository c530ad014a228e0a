//! The month asked for against the months the sheets name, and units that sent no indicator monitoring.

use std::path::{Path, PathBuf};

use crate::support::Work;

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// The example county's June execution and monitoring.
fn june() -> Work {
    Work::with(&[
        root("examples/county/execution_2024H1.xlsx"),
        root("examples/county/monitoring_2024H1.xlsx"),
    ])
}

const FILES: [&str; 2] = ["execution_2024H1.xlsx", "monitoring_2024H1.xlsx"];

#[test]
fn a_month_the_headers_contradict_is_refused_naming_the_sheet() {
    let w = june();
    let mut args = vec!["report"];
    args.extend(FILES);
    args.extend(["--month", "7"]);
    let out = w.perf(&args);
    out.assert_refused("execution_2024H1.xlsx", "表头为1-6月");
    assert!(out.stderr.contains("--month 7"), "{}", out.stderr);
    assert!(
        out.stderr.contains("资金执行"),
        "names the sheet: {}",
        out.stderr
    );
    assert!(out.stderr.contains("--force-month"), "{}", out.stderr);
    // A date in another month likewise, for monitor too.
    let mut args = vec!["monitor"];
    args.extend(FILES);
    args.extend(["--as-of", "2024-07-15"]);
    w.perf(&args)
        .assert_refused("monitoring_2024H1.xlsx", "表头为1-6月");
    // The batch over a folder, too.
    let out = w.perf(&["batch", ".", "--month", "5", "-o", "out", "--quiet"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("1-6月"), "{}", out.stderr);
}

#[test]
fn force_month_computes_for_the_month_given() {
    let w = june();
    let mut args = vec!["report"];
    args.extend(FILES);
    args.extend(["--month", "7", "--force-month", "--format", "json"]);
    let out = w.perf(&args);
    assert!(out.code < 2, "{}", out.stderr);
    let doc = out.json();
    assert_eq!(doc["as_of"]["month"], 7);
    assert!((doc["time_progress"].as_f64().unwrap() - 7.0 / 12.0).abs() < 1e-12);
}

#[test]
fn the_month_s_last_day_is_the_month() {
    let w = june();
    let tp = |extra: &[&str]| {
        let mut args = vec!["report"];
        args.extend(FILES);
        args.extend(extra);
        args.extend(["--format", "json"]);
        w.perf(&args).json()["time_progress"].as_f64().unwrap()
    };
    assert_eq!(tp(&["--month", "6"]), 0.5);
    assert_eq!(tp(&["--as-of", "2024-06-30"]), 0.5);
    assert!(tp(&["--as-of", "2024-06-15"]) < 0.5);
}

#[test]
fn a_unit_without_indicator_monitoring_is_not_reported_not_green() {
    let w = Work::new();
    w.write(
        "execution.csv",
        "青山县2024年1-6月项目资金执行情况\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n\
县教育局,P1,学生资助,100,50\n\
县卫健局,P2,疫苗接种,100,50\n"
            .as_bytes(),
    );
    w.write(
        "monitoring.csv",
        "单位名称,项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,全年预计完成情况\n\
县卫健局,P2,疫苗接种,产出指标,数量指标,接种人次,≥2000人次,1000人次,2000人次\n"
            .as_bytes(),
    );
    let out = w.perf(&[
        "report",
        "execution.csv",
        "monitoring.csv",
        "--format",
        "json",
    ]);
    assert!(out.code < 2, "{}", out.stderr);
    let doc = out.json();
    assert_eq!(doc["not_reported"], serde_json::json!(["县教育局"]));
    // 县教育局's project is on pace but counts as 暂无法判断, not green.
    assert_eq!(doc["county"]["green"], 1);
    assert_eq!(doc["county"]["na"], 1);
    let md = w
        .perf(&["report", "execution.csv", "monitoring.csv"])
        .stdout;
    assert!(
        md.contains("未报送绩效监控材料的单位（1个）：县教育局"),
        "{md}"
    );
    assert!(md.contains("绿色1个，暂无法判断1个"), "{md}");
}

#[test]
fn paste_ready_text_names_ten_a_list_and_tabulates_the_rest() {
    let dir = root("tests/fixtures/generated_county");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let w = Work::with(&files);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut args: Vec<&str> = vec!["report"];
    args.extend(names.iter().map(String::as_str));
    let mut json = args.clone();
    json.extend(["--format", "json"]);
    let doc = w.perf(&json).json();
    let correct = doc["correct"].as_array().unwrap().len();
    assert!(
        correct > 10,
        "the generated county proposes {correct} corrections"
    );
    args.extend(["--format", "txt"]);
    let txt = w.perf(&args).stdout;
    // The paragraph names ten and points to the attachment.
    let para = txt
        .lines()
        .find(|l| l.starts_with("建议单位分析原因、及时纠偏的项目"))
        .unwrap();
    assert_eq!(para.matches('「').count(), 10, "{para}");
    assert!(
        para.contains(&format!("等{correct}个项目（详见附件2）")),
        "{para}"
    );
    // The tables are tab-separated, ending in 合计.
    assert!(
        txt.contains("单位\t项目数\t预算(万元)\t已执行(万元)\t执行率\t差距(百分点)\t红色\t黄色\n"),
        "{txt}"
    );
    assert!(
        txt.contains("\n合计\t61\t13,612.01\t6,125.95\t45.0%\t5.0\t"),
        "{txt}"
    );
    assert!(!txt.contains("|---"), "no Markdown in the text");
    // 附件2 lists every proposal, one a row.
    let annex = txt.split("附件2 处理建议项目清单\n").nth(1).unwrap();
    let rows = annex
        .lines()
        .skip(1)
        .filter(|l| l.contains("\t纠偏\t"))
        .count();
    assert_eq!(rows, correct);
}
