//! Outputs that cannot hurt: never onto an input (whatever the spelling), never half a file,
//! a full disk or a bad folder gives exit 2 and nothing written, formula-like text stays text.

use std::io::Read;
use std::path::Path;

use crate::support::Work;

const TARGETS: &str = "单位名称,项目编码,项目名称,二级指标,三级指标,指标值\n\
县交通局,JT-01,农村公路养护,数量指标,养护里程,≥45公里\n\
县交通局,JT-01,农村公路养护,质量指标,路面完好率,≥90%\n";

const EXECUTION: &str = "青山县2024年1-6月项目资金执行情况\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n\
县教育局,P1,学生资助,100,50\n";

/// Files in `dir` other than `keep`: temporary files left behind would show here.
fn others(dir: &Path, keep: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect();
    v.sort();
    v
}

#[test]
fn output_onto_an_input_under_any_spelling_is_refused() {
    let w = Work::new();
    w.write("targets.csv", TARGETS.as_bytes());
    w.write("execution.csv", EXECUTION.as_bytes());
    std::fs::create_dir(w.path("sub")).unwrap();
    std::os::unix::fs::symlink(w.path("targets.csv"), w.path("link.xlsx")).unwrap();
    std::fs::hard_link(w.path("targets.csv"), w.path("hard.xlsx")).unwrap();
    let before = std::fs::read(w.path("targets.csv")).unwrap();
    for out in [
        "targets.csv",
        "./targets.csv",
        "sub/../targets.csv",
        "sub/.././/targets.csv",
        "link.xlsx",
        "hard.xlsx",
    ] {
        w.perf(&["check", "targets.csv", "-o", out])
            .assert_refused(out, "与输入文件相同");
        let abs = w.path(out).display().to_string();
        w.perf(&["check", "targets.csv", "-o", &abs])
            .assert_refused(&abs, "与输入文件相同");
    }
    // The input given through the link, the output by its real name.
    w.perf(&["check", "link.xlsx", "-o", "targets.csv"])
        .assert_refused("targets.csv", "与输入文件相同");
    for cmd in ["monitor", "report"] {
        w.perf(&[
            cmd,
            "execution.csv",
            "--month",
            "6",
            "-o",
            "sub/../execution.csv",
        ])
        .assert_refused("execution.csv", "与输入文件相同");
    }
    assert_eq!(std::fs::read(w.path("targets.csv")).unwrap(), before);
    assert_eq!(
        std::fs::read_to_string(w.path("execution.csv")).unwrap(),
        EXECUTION
    );
    assert_eq!(
        others(w.dir.path(), &[]),
        [
            "execution.csv",
            "hard.xlsx",
            "link.xlsx",
            "sub",
            "targets.csv"
        ]
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_gives_exit_2_and_no_file() {
    let w = Work::new();
    w.write("targets.csv", TARGETS.as_bytes());
    // A folder that does not exist, and a "folder" that is a file.
    for out in ["missing/review.xlsx", "targets.csv/review.xlsx"] {
        let o = w.perf(&["check", "targets.csv", "-o", out]);
        o.assert_refused(out, "无法写入");
    }
    assert_eq!(others(w.dir.path(), &[]), ["targets.csv"]);
}

#[test]
fn a_full_disk_leaves_no_partial_output() {
    // `ulimit -f` caps the size of any file perf writes, as a full disk
    // would: the write fails (EFBIG; SIGXFSZ is ignored so perf sees the
    // error), perf exits 2 naming the output, and neither the output nor
    // its temporary file is left.
    let w = Work::with(&[crate::support::sample("evaluate_rural_water.xlsx")]);
    let perf = assert_cmd::cargo::cargo_bin("perf");
    let old = b"last year's workbook";
    w.write("selfeval.xlsx", old);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 4; exec '{}' evaluate evaluate_rural_water.xlsx -o selfeval.xlsx",
            perf.display()
        ))
        .current_dir(w.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("无法写入") && stderr.contains("selfeval.xlsx"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The old file is untouched, and no temporary file is left.
    assert_eq!(std::fs::read(w.path("selfeval.xlsx")).unwrap(), old);
    assert_eq!(
        others(w.dir.path(), &[]),
        ["evaluate_rural_water.xlsx", "selfeval.xlsx"]
    );
}

/// Cell texts a spreadsheet would run as formulas or commands.
const HOSTILE: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example\",\"点击\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "=1+1",
];

fn hostile_targets() -> String {
    let mut s = String::from("单位名称,项目编码,项目名称,二级指标,三级指标,指标值\n");
    for (i, h) in HOSTILE.iter().enumerate() {
        let q = h.replace('"', "\"\"");
        s.push_str(&format!("\"{q}\",P{i},\"{q}\",数量指标,\"{q}\",\"{q}\"\n"));
    }
    s
}

#[test]
fn formula_like_text_is_written_as_text() {
    let w = Work::new();
    w.write("hostile.csv", hostile_targets().as_bytes());
    // Workbooks: no cell of the annotated workbook is a formula, and the
    // texts come back as the same strings.
    let out = w.perf(&["check", "hostile.csv", "-o", "review.xlsx"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let path = w.path("review.xlsx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    for name in names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
    {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        for h in HOSTILE {
            let escaped = h.replace('&', "&amp;").replace('"', "&quot;");
            assert!(
                !xml.contains(&format!("<f>{}", &escaped[1..]))
                    && !xml.contains(&format!("<f>{escaped}")),
                "{name} holds {h} as a formula"
            );
        }
    }
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let mut seen = std::collections::HashSet::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for (_, _, d) in range.used_cells() {
            if let Data::String(s) = d
                && HOSTILE.contains(&s.as_str())
            {
                seen.insert(s.clone());
            }
        }
    }
    assert_eq!(seen.len(), HOSTILE.len(), "{seen:?}");

    // CSV: each formula-like field starts with an apostrophe.
    let out = w.perf(&["check", "hostile.csv", "--format", "csv"]);
    let mut csv = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(out.stdout.trim_start_matches('\u{feff}').as_bytes());
    let mut fields = 0;
    for rec in csv.records() {
        for f in rec.unwrap().iter() {
            assert!(
                !f.starts_with(['=', '+', '-', '@']),
                "a CSV field starts like a formula: {f}"
            );
            fields += usize::from(f.starts_with('\''));
        }
    }
    assert!(fields > 0, "{}", out.stdout);
}

#[test]
fn batch_outputs_named_after_units_stay_in_the_output_folder() {
    let w = Work::new();
    std::fs::create_dir(w.path("in")).unwrap();
    std::fs::write(
        w.path("in/units.csv"),
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n\
         ../../逃逸,P1,学生资助,100,50\n\
         =HYPERLINK(\"x\"),P2,校舍维修,100,50\n\
         CON,P3,设备采购,100,50\n\
         a/b\\c:d*e?f,P4,疫苗接种,100,50\n",
    )
    .unwrap();
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let names = others(&w.path("out"), &[]);
    let units: Vec<&String> = names.iter().filter(|n| n.starts_with("监控_")).collect();
    assert_eq!(units.len(), 4, "{names:?}");
    for n in &units {
        assert!(
            !n.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) && !n.contains(".."),
            "{n}"
        );
    }
    // Nothing escaped the output folder.
    assert_eq!(others(w.dir.path(), &[]), ["in", "out"]);
}

#[test]
fn a_workbook_is_never_written_under_another_extension() {
    let w = Work::new();
    w.write("targets.csv", TARGETS.as_bytes());
    for out in ["审核.csv", "review.txt", "review"] {
        w.perf(&["check", "targets.csv", "-o", out])
            .assert_refused(out, "不是 .xlsx 文件名");
        assert!(!w.path(out).exists(), "{out} was written");
    }
    // Near miss: .xlsx in any case is a workbook name.
    let out = w.perf(&["check", "targets.csv", "-o", "审核.XLSX"]);
    assert!(out.code < 2, "{}", out.stderr);
    assert!(w.path("审核.XLSX").exists());
    // The file written is announced (on standard error: the results stay clean).
    assert!(out.stderr.contains("已写出 审核.XLSX"), "{}", out.stderr);
    assert!(!out.stdout.contains("已写出"));
}

#[test]
fn refusals_to_write_speak_english_under_lang_en() {
    let w = Work::new();
    w.write("targets.csv", TARGETS.as_bytes());
    // Onto an input: said in English, and no Chinese left in the line.
    let r = w.perf(&["check", "targets.csv", "-o", "targets.csv", "--lang", "en"]);
    r.assert_refused("targets.csv", "is one of the inputs");
    assert!(!has_cjk_outside_names(&r.stderr), "{}", r.stderr);
    // Into a folder that does not exist.
    let r = w.perf(&[
        "check",
        "targets.csv",
        "-o",
        "nowhere/review.xlsx",
        "--lang",
        "en",
    ]);
    r.assert_refused("review.xlsx", "its folder does not exist");
    assert!(!has_cjk_outside_names(&r.stderr), "{}", r.stderr);
    // The same refusals in Chinese by default.
    w.perf(&["check", "targets.csv", "-o", "nowhere/review.xlsx"])
        .assert_refused("review.xlsx", "所在文件夹不存在");
}

/// True when `text` holds Chinese characters (the file names here are ASCII).
fn has_cjk_outside_names(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn control_characters_in_names_never_break_the_workbook() {
    // A vertical tab is what Word leaves in text pasted into a cell; the
    // project's name is the text of a link in the review workbook.
    let w = Work::new();
    w.write(
        "targets.csv",
        "单位名称,项目编码,项目名称,二级指标,三级指标,指标值\n\
         县交通局,JT-01,农村\u{b}公路养护,数量指标,养护\u{1}里程,有所提高\n\
         县交通局,JT-01,农村\u{b}公路养护,质量指标,路面完好率,≥90%\n"
            .as_bytes(),
    );
    let out = w.perf(&["check", "targets.csv", "-o", "review.xlsx"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let bytes = std::fs::read(w.path("review.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap_or_default().to_string();
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        let bad = xml
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        assert_eq!(bad, None, "{name} holds a character XML forbids");
    }
}

/// The sheet names of a written workbook.
fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::Reader;
    calamine::open_workbook_auto(path)
        .map(|b| b.sheet_names())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_command_that_writes_says_what_it_wrote_with_its_sheets() {
    use crate::support::fixture;
    let w = Work::new();
    for name in [
        "targets_qingshizhen.xlsx",
        "execution_2024H1.xlsx",
        "monitoring_2024H1.xlsx",
        "selfeval_2024.xlsx",
        "assessment_2025.xlsx",
    ] {
        w.copy(&fixture(&format!("county/{name}")));
    }
    let runs: &[(&[&str], &str)] = &[
        (
            &["check", "targets_qingshizhen.xlsx", "-o", "审核结果.xlsx"],
            "审核结果.xlsx",
        ),
        (
            &[
                "monitor",
                "execution_2024H1.xlsx",
                "monitoring_2024H1.xlsx",
                "--month",
                "6",
                "-o",
                "监控.xlsx",
            ],
            "监控.xlsx",
        ),
        (
            &["evaluate", "selfeval_2024.xlsx", "-o", "自评.xlsx"],
            "自评.xlsx",
        ),
        (
            &["assess", "assessment_2025.xlsx", "-o", "评估.xlsx"],
            "评估.xlsx",
        ),
        (
            &[
                "report",
                "execution_2024H1.xlsx",
                "monitoring_2024H1.xlsx",
                "-o",
                "汇总.xlsx",
            ],
            "汇总.xlsx",
        ),
    ];
    for (args, file) in runs {
        let out = w.perf(args);
        assert!(out.code < 2, "{args:?}: {}", out.stderr);
        let sheets = sheet_names(&w.path(file));
        let line = out
            .stderr
            .lines()
            .find(|l| l.starts_with("已写出"))
            .unwrap_or_else(|| panic!("{args:?} said nothing of {file}: {}", out.stderr));
        // `已写出 F（S 个汇总表、C 个批注表）`, the two adding up to the sheets written.
        let numbers: Vec<usize> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(line.starts_with(&format!("已写出 {file}（")), "{line}");
        assert!(line.contains("个汇总表"), "{line}");
        assert_eq!(
            numbers.iter().sum::<usize>(),
            sheets.len(),
            "{line}: {sheets:?}"
        );
    }
    // The monitoring workbook: the input's 指标监控 is named by its file, not 指标监控(2).
    let sheets = sheet_names(&w.path("监控.xlsx"));
    assert!(sheets.iter().all(|s| !s.ends_with("(2)")), "{sheets:?}");
    assert!(sheets.contains(&"指标监控".to_string()), "{sheets:?}");
    assert!(
        sheets.contains(&"monitoring_2024H1-指标监控".to_string()),
        "{sheets:?}"
    );
}

#[test]
fn the_config_read_is_an_input_never_an_output() {
    let w = Work::new();
    w.write("targets.csv", TARGETS.as_bytes());
    // A config under a workbook's name, given and named as the output.
    w.write("settings.xlsx", b"[rules]\n");
    w.perf(&[
        "check",
        "targets.csv",
        "--config",
        "settings.xlsx",
        "-o",
        "settings.xlsx",
    ])
    .assert_refused("settings.xlsx", "与输入文件相同");
    assert_eq!(
        std::fs::read(w.path("settings.xlsx")).unwrap(),
        b"[rules]\n"
    );
}

#[test]
fn escape_sequences_in_names_never_reach_the_terminal() {
    let w = Work::new();
    w.write(
        "targets.csv",
        "单位名称,项目编码,项目名称,二级指标,三级指标,指标值\n县交通局,JT-01,农村\u{1b}[31m红\u{1b}[0m公路,数量指标,养护里程,有所提高\n"
            .as_bytes(),
    );
    w.write(
        "execution.csv",
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n县教育局,P1,学生\u{1b}]0;title\u{7}资助,100,10\n"
            .as_bytes(),
    );
    for args in [
        &["check", "targets.csv"][..],
        &["check", "targets.csv", "--format", "md"],
        &["check", "targets.csv", "--format", "csv"],
        &["monitor", "execution.csv", "--month", "6"],
        &["report", "execution.csv", "--month", "6"],
        &["report", "execution.csv", "--month", "6", "--format", "md"],
    ] {
        let out = w.perf(args);
        assert!(out.code < 2, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains('\u{1b}'), "{args:?}: {:?}", out.stdout);
        assert!(!out.stdout.contains('\u{7}'), "{args:?}");
        assert!(
            out.stdout.contains("\\u{1b}"),
            "{args:?}: shown, not dropped"
        );
    }
}

#[test]
fn text_longer_than_a_cell_is_cut_with_a_mark_and_a_warning_naming_the_cell() {
    use calamine::Reader;
    let w = Work::new();
    let long = "长".repeat(40_000);
    w.write(
        "targets.csv",
        format!(
            "单位名称,项目编码,项目名称,二级指标,三级指标,指标值,备注\n\
             县交通局,JT-01,农村公路养护,数量指标,养护里程,≥45公里,{long}\n\
             县交通局,JT-01,农村公路养护,质量指标,路面完好率,≥90%,\n"
        )
        .as_bytes(),
    );
    let out = w.perf(&[
        "check",
        "targets.csv",
        "-o",
        "review.xlsx",
        "--format",
        "json",
    ]);
    assert!(out.code < 2, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let s007: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "S007")
        .collect();
    assert_eq!(s007.len(), 1, "{s007:?}");
    assert_eq!(s007[0]["cell"], "G2");
    // The copy of the sheet in the review holds the text cut, with the mark.
    let mut book = calamine::open_workbook_auto(w.path("review.xlsx")).unwrap();
    let copy = book.worksheet_range("targets").unwrap();
    let cell = copy.get_value((1, 6)).unwrap().to_string();
    assert!(cell.ends_with("[截断/cut]"), "{}", &cell[cell.len() - 30..]);
    assert!(cell.encode_utf16().count() <= 32_767);
}
