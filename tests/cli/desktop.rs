//! perf.exe on the desktop: files given with no command (dropped on the
//! .exe) are reviewed and the review written beside the first; started with
//! nothing it says how to use it; help and argument errors in Chinese unless
//! English is asked for.

use crate::support::{Work, fixture};

#[test]
fn files_without_a_command_are_reviewed_and_the_review_written_beside_the_first() {
    let w = Work::new();
    let dir = w.path("各单位报送");
    std::fs::create_dir_all(&dir).expect("folder");
    let first = dir.join("我县绩效目标表.xlsx");
    std::fs::copy(fixture("county/targets_qingshizhen.xlsx"), &first).expect("copy");
    let second = w.copy(&fixture("county/targets_nongyenongcunju.xlsx"));
    let before = std::fs::read(&first).expect("input");
    let out = w.perf(&[&first.display().to_string(), &second.display().to_string()]);
    assert_eq!(out.code, 1, "errors found, as check says: {}", out.stderr);
    assert!(
        out.stdout.contains("绩效目标审核：共 11 个项目"),
        "{}",
        out.stdout
    );
    let review = dir.join("审核结果_我县绩效目标表.xlsx");
    assert!(review.is_file(), "written beside the first file");
    assert!(
        out.stderr.contains("已写出") && out.stderr.contains("审核结果_我县绩效目标表.xlsx"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read(&first).expect("input"),
        before,
        "input untouched"
    );
    let sheets = calamine::open_workbook_auto(&review)
        .map(|b| calamine::Reader::sheet_names(&b))
        .expect("a workbook");
    assert!(sheets.iter().any(|s| s == "审核结果"), "{sheets:?}");
}

#[test]
fn the_review_is_never_written_onto_an_input() {
    let w = Work::new();
    let a = w.copy(&fixture("county/targets_qingshizhen.xlsx"));
    // An input already holds the name the review would take.
    let taken = w.path("审核结果_targets_qingshizhen.xlsx");
    std::fs::copy(fixture("county/targets_nongyenongcunju.xlsx"), &taken).expect("copy");
    let before = std::fs::read(&taken).expect("input");
    let out = w.perf(&[
        "targets_qingshizhen.xlsx",
        "审核结果_targets_qingshizhen.xlsx",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(std::fs::read(&taken).expect("input"), before);
    assert!(
        w.path("审核结果_targets_qingshizhen_2.xlsx").is_file(),
        "{}",
        out.stderr
    );
    assert!(a.is_file());
}

#[test]
fn started_with_nothing_it_says_how_to_use_it() {
    let w = Work::new();
    let out = w.perf(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("怎样使用"), "{}", out.stdout);
    assert!(out.stdout.contains("拖到 perf.exe"), "{}", out.stdout);
    let en = w.perf_env(&[], &[("PERF_LANG", "en")]);
    assert!(en.stdout.contains("How to use it"), "{}", en.stdout);
}

#[test]
fn help_and_argument_errors_are_chinese_unless_english_is_asked_for() {
    let w = Work::new();
    let help = w.perf(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("用法：perf <命令>"), "{}", help.stdout);
    assert!(help.stdout.contains("命令："), "{}", help.stdout);
    assert!(!help.stdout.contains("Usage:"), "{}", help.stdout);
    let help = w.perf(&["check", "--help"]);
    assert!(help.stdout.contains("选项："), "{}", help.stdout);

    let out = w.perf(&["我县绩效目标表.xlsx"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("「我县绩效目标表.xlsx」既不是 perf 的命令，也不是存在的文件"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("unrecognized"), "{}", out.stderr);
    let out = w.perf(&["chek", "a.xlsx"]);
    assert!(
        out.stderr.contains("是不是要用命令：check"),
        "{}",
        out.stderr
    );
    let out = w.perf(&["check", "--format", "xx", "a.xlsx"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("的取值「xx」不对"), "{}", out.stderr);
    assert!(out.stderr.contains("table、json、csv"), "{}", out.stderr);
    let out = w.perf(&["check", "--bogus", "a.xlsx"]);
    assert!(
        out.stderr.contains("不认识的选项「--bogus」"),
        "{}",
        out.stderr
    );

    let out = w.perf(&["check", "--bogus", "a.xlsx", "--lang", "en"]);
    assert!(
        out.stderr.contains("unexpected argument '--bogus'"),
        "{}",
        out.stderr
    );
    let out = w.perf_env(&["--help"], &[("PERF_LANG", "en")]);
    assert!(
        out.stdout.contains("Usage: perf <COMMAND>"),
        "{}",
        out.stdout
    );
}
