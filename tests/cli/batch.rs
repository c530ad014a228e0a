//! `perf batch`: a folder of units' workbooks in, per-unit workbooks, summary, report, findings, manifest out.

use std::path::Path;

use serde_json::Value;

use crate::support::Work;

/// A county folder: two good units in nested folders, one with execution only,
/// an awkward unit name, a bad file and a note that is not a workbook.
fn county() -> Work {
    let w = Work::new();
    let root = w.path("in");
    std::fs::create_dir_all(root.join("部门/教育")).unwrap();
    std::fs::create_dir_all(root.join("乡镇")).unwrap();
    std::fs::write(
        root.join("部门/教育/教育局.csv"),
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n县教育局,P1,学生资助,100,50,\n县教育局,P2,校舍维修,100,20,\n",
    )
    .unwrap();
    std::fs::write(
        root.join("部门/教育/教育局指标.csv"),
        "单位名称,项目编码,项目名称,二级指标,三级指标,年度指标值,1-6月指标完成情况\n县教育局,P1,学生资助,数量指标,资助人次,≥1000人次,500人次\n县教育局,P2,校舍维修,数量指标,维修校舍,≥10所,1所\n",
    )
    .unwrap();
    std::fs::write(
        root.join("乡镇/白云乡.csv"),
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n白云乡/村委会..,B1,村道养护,60,30\n",
    )
    .unwrap();
    std::fs::write(root.join("乡镇/坏文件.xlsx"), b"PK\x03\x04 broken").unwrap();
    std::fs::write(root.join("说明.txt"), "not a workbook".as_bytes()).unwrap();
    std::fs::write(root.join("~$教育局.xlsx"), b"lock file").unwrap();
    w
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_month_over_a_folder() {
    let w = county();
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert_eq!(
        out.code, 1,
        "a bad file is an S001 error; stderr: {}",
        out.stderr
    );
    let dir = w.path("out");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "findings.csv",
            "manifest.json",
            "monitor.json",
            "report.docx",
            "report.md",
            "report.txt",
            "全县汇总.xlsx",
            "监控_县教育局.xlsx",
            "监控_白云乡_村委会.xlsx"
        ],
        "awkward unit names are made safe"
    );
    let findings = String::from_utf8(read(&dir.join("findings.csv"))).unwrap();
    assert!(findings.starts_with('\u{FEFF}'));
    assert!(
        findings
            .lines()
            .any(|l| l.starts_with("S001,错误,") && l.contains("坏文件.xlsx")),
        "{findings}"
    );
    let report = String::from_utf8(read(&dir.join("report.md"))).unwrap();
    assert!(
        report.starts_with("截至2024年6月底，全县纳入绩效运行监控的项目共3个"),
        "{report}"
    );
}

#[test]
fn the_manifest_records_inputs_and_outputs_with_their_hashes() {
    let w = county();
    w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    let m: Value = serde_json::from_slice(&read(&w.path("out/manifest.json"))).unwrap();
    assert_eq!(m["as_of"], serde_json::json!({"year": 2024, "month": 6}));
    let inputs: Vec<&str> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        inputs,
        [
            "乡镇/坏文件.xlsx",
            "乡镇/白云乡.csv",
            "部门/教育/教育局.csv",
            "部门/教育/教育局指标.csv"
        ],
        "sorted, recursive, lock files and notes left out"
    );
    for i in m["inputs"].as_array().unwrap() {
        let bytes = read(&w.path("in").join(i["path"].as_str().unwrap()));
        assert_eq!(i["sha256"].as_str().unwrap(), sha256(&bytes));
        assert_eq!(i["size"].as_u64().unwrap(), bytes.len() as u64);
    }
    for o in m["outputs"].as_array().unwrap() {
        assert_eq!(
            o["sha256"].as_str().unwrap(),
            sha256(&read(&w.path("out").join(o["path"].as_str().unwrap())))
        );
    }
    assert_eq!(m["counts"]["projects"], 3);
    assert_eq!(m["bad_inputs"].as_array().unwrap().len(), 1);
}

#[test]
fn a_rerun_gives_the_same_outputs() {
    let w = county();
    w.perf(&["batch", "in", "--month", "6", "-o", "out1", "--quiet"]);
    w.perf(&["batch", "in", "--month", "6", "-o", "out2", "--quiet"]);
    let m1: Value = serde_json::from_slice(&read(&w.path("out1/manifest.json"))).unwrap();
    let m2: Value = serde_json::from_slice(&read(&w.path("out2/manifest.json"))).unwrap();
    assert_eq!(
        m1["outputs"], m2["outputs"],
        "every output byte for byte the same"
    );
}

#[test]
fn previous_month_makes_red_twice_m008() {
    let w = county();
    w.perf(&["batch", "in", "--month", "6", "-o", "june", "--quiet"]);
    let out = w.perf(&[
        "batch",
        "in",
        "--month",
        "6",
        "-o",
        "july",
        "--previous",
        "june",
        "--quiet",
    ]);
    assert_eq!(out.code, 1);
    let findings = String::from_utf8(read(&w.path("july/findings.csv"))).unwrap();
    assert!(
        findings
            .lines()
            .any(|l| l.starts_with("M008,") && l.contains("校舍维修")),
        "{findings}"
    );
}

#[test]
fn a_missing_folder_is_refused() {
    let w = Work::new();
    let out = w.perf(&["batch", "nowhere", "--month", "6", "-o", "out"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
}

#[test]
fn the_narrative_of_the_month() {
    let w = county();
    w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    insta::assert_snapshot!(
        "batch_report_md",
        String::from_utf8(read(&w.path("out/report.md"))).unwrap()
    );
}

#[test]
fn the_input_folder_is_never_the_output_folder() {
    let w = crate::support::Work::new();
    std::fs::create_dir(w.path("in")).unwrap();
    std::fs::write(
        w.path("in/u.csv"),
        "2024年1-6月项目资金执行情况\n单位名称,项目名称,调整预算数,1-6月执行数\n县教育局,学生资助,100,50\n",
    )
    .unwrap();
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "in"]);
    out.assert_refused("in", "是输入文件夹本身");
    // Near miss: another folder is fine.
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert!(out.code < 2, "{}", out.stderr);
}

#[test]
fn the_first_scheduled_month_has_no_previous_folder_yet() {
    let w = county();
    // The scheduled command always passes --previous; the first month it is not there.
    let out = w.perf(&[
        "batch",
        "in",
        "--month",
        "6",
        "-o",
        "june",
        "--previous",
        "may",
        "--quiet",
    ]);
    assert!(out.code < 2, "{}", out.stderr);
    assert!(out.stderr.contains("首次运行"), "{}", out.stderr);
    assert!(w.path("june/findings.csv").exists());
    // The second month, the same command names the first month's folder.
    let out = w.perf(&[
        "batch",
        "in",
        "--month",
        "6",
        "-o",
        "july",
        "--previous",
        "june",
        "--quiet",
    ]);
    assert!(
        out.code < 2 && !out.stderr.contains("首次运行"),
        "{}",
        out.stderr
    );
    // Near miss: a folder that exists but holds no monitor.json is still refused.
    std::fs::create_dir(w.path("empty")).unwrap();
    let out = w.perf(&[
        "batch",
        "in",
        "--month",
        "6",
        "-o",
        "aug",
        "--previous",
        "empty",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}
