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

/// Where in the listing each severity first and last appears.
fn rows_of(text: &str, word: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&format!("| {word} |")))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn infos_come_after_errors_and_warnings_and_quiet_info_leaves_them_out() {
    let (w, files) = deep();
    let path = files[1].display().to_string();
    let out = w.perf(&["check", &path]);
    let (errors, warnings, infos) = (
        rows_of(&out.stdout, "错误"),
        rows_of(&out.stdout, "警告"),
        rows_of(&out.stdout, "提示"),
    );
    assert!(!errors.is_empty() && !warnings.is_empty() && !infos.is_empty());
    let last_problem = errors.iter().chain(&warnings).max().copied().unwrap_or(0);
    assert!(
        infos.iter().all(|i| *i > last_problem),
        "infos listed last:\n{}",
        out.stdout
    );
    assert!(out.stdout.contains("提示 5 条（改进建议"), "{}", out.stdout);

    // --quiet-info: not listed, still counted in the summary.
    let quiet = w.perf(&["check", &path, "--quiet-info"]);
    assert_eq!(quiet.code, out.code);
    assert!(
        rows_of(&quiet.stdout, "提示").is_empty(),
        "{}",
        quiet.stdout
    );
    assert!(
        quiet.stdout.contains("提示 5 条"),
        "counted: {}",
        quiet.stdout
    );
    assert!(
        quiet.stdout.contains("另有 5 条提示未列出（--quiet-info）"),
        "{}",
        quiet.stdout
    );
    assert_eq!(
        rows_of(&quiet.stdout, "警告").len() + rows_of(&quiet.stdout, "错误").len(),
        warnings.len() + errors.len()
    );

    // The same from the county's config, and in the CSV and Markdown listings.
    w.write("perf.toml", b"[output]\nquiet_info = true\n");
    let csv = w.perf(&["check", &path, "--format", "csv"]).stdout;
    assert!(!csv.contains(",提示,"), "{csv}");
    assert!(csv.contains(",错误,"), "{csv}");
    let md = w.perf(&["check", &path, "--format", "md"]).stdout;
    assert!(!md.contains("| 提示 |"), "{md}");
    assert!(md.contains("另有 5 条提示未列出"), "{md}");
    // JSON, which scripts read, keeps every finding.
    let json = w.perf(&["check", &path, "--format", "json"]).json();
    let n = json["findings"].as_array().map_or(0, Vec::len);
    assert_eq!(n, errors.len() + warnings.len() + infos.len());
    assert_eq!(json["summary"]["infos"], 5);
}

#[test]
fn monitor_evaluate_and_assess_fit_80_columns_too() {
    let w = Work::new();
    for name in [
        "execution_2024H1.xlsx",
        "monitoring_2024H1.xlsx",
        "selfeval_2024.xlsx",
        "assessment_2025.xlsx",
    ] {
        w.copy(&fixture(&format!("county/{name}")));
    }
    let runs: [&[&str]; 3] = [
        &[
            "monitor",
            "execution_2024H1.xlsx",
            "monitoring_2024H1.xlsx",
            "--month",
            "6",
        ],
        &["evaluate", "selfeval_2024.xlsx"],
        &["assess", "assessment_2025.xlsx"],
    ];
    for args in runs {
        let out = w.perf_env(args, &[("COLUMNS", "80")]);
        assert!(out.code < 2, "{args:?}: {}", out.stderr);
        for line in out.stdout.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{args:?}: wider than 80: {line}"
            );
        }
    }
}
