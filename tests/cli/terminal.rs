//! Terminal tables fitted to the window: the file named once in a heading,
//! each place (sheet!cell) whole on its line, messages wrapped, at the
//! widths of a narrow, a usual and a wide terminal, with long paths.

use std::path::PathBuf;

use crate::support::{Work, fixture};

/// Two targets workbooks of the example county deep in folders with long
/// names, as on an officer's desktop.
fn deep() -> (Work, Vec<PathBuf>) {
    let w = Work::new();
    let dir = w
        .path("桌面")
        .join("2024年度预算绩效管理")
        .join("各单位报送的绩效目标表（第二批次）");
    std::fs::create_dir_all(&dir).expect("folders");
    let files = ["targets_nongyenongcunju.xlsx", "targets_qingshizhen.xlsx"]
        .iter()
        .map(|name| {
            let to = dir.join(name);
            std::fs::copy(fixture(&format!("county/{name}")), &to).expect("copy");
            to
        })
        .collect();
    (w, files)
}

fn run_at(columns: usize) -> (String, serde_json::Value, String) {
    let (w, files) = deep();
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let mut args = vec!["check"];
    args.extend(paths.iter().map(String::as_str));
    let out = w.perf_env(&args, &[("COLUMNS", &columns.to_string())]);
    args.extend(["--format", "json"]);
    let json = w.perf(&args).json();
    let root = w.dir.path().display().to_string();
    (out.stdout, json, root)
}

/// What a user checks by eye: no line wider than the window (but for an
/// overlong heading path), every finding's place whole on one line, and
/// each file's full path printed once.
fn assert_fits(columns: usize) -> String {
    let (text, json, root) = run_at(columns);
    for line in text.lines() {
        if line.starts_with("文件：") {
            continue;
        }
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= columns,
            "line wider than {columns}: {line}\n{text}"
        );
    }
    let findings = json["findings"].as_array().expect("findings");
    assert!(findings.len() > 5, "the example files have findings");
    for f in findings {
        let (Some(sheet), Some(cell)) = (f["sheet"].as_str(), f["cell"].as_str()) else {
            continue;
        };
        let place = format!("| {sheet}!{cell} ");
        assert!(
            text.lines().any(|l| l.contains(&place)),
            "{sheet}!{cell} not whole on one line at {columns} columns:\n{text}"
        );
    }
    for f in json["inputs"].as_array().expect("inputs") {
        let path = f["path"].as_str().expect("path");
        assert_eq!(
            text.matches(path).count(),
            1,
            "{path} once, as a heading:\n{text}"
        );
        assert!(text.contains(&format!("文件：{path}\n")), "{text}");
    }
    text.replace(&root, "[dir]")
}

#[test]
fn findings_fit_80_columns() {
    insta::assert_snapshot!("terminal_80", assert_fits(80));
}

#[test]
fn findings_fit_100_columns() {
    insta::assert_snapshot!("terminal_100", assert_fits(100));
}

#[test]
fn findings_fit_160_columns() {
    insta::assert_snapshot!("terminal_160", assert_fits(160));
}

#[test]
fn not_a_terminal_and_no_columns_is_160_wide() {
    let (w, files) = deep();
    let path = files[0].display().to_string();
    let out = w.perf(&["check", &path]);
    let widest = out
        .stdout
        .lines()
        .filter(|l| l.starts_with('+'))
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    assert!(widest <= 160 && widest > 100, "{}", out.stdout);
}
