//! `perf batch`: a folder of units' workbooks in, per-unit workbooks, summary, report, findings, manifest out.

use std::os::unix::process::CommandExt;
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
    // The file that could not be read is named in the report, whose figures leave it out.
    for name in ["report.md", "report.txt"] {
        let text = String::from_utf8(read(&dir.join(name))).unwrap();
        assert!(
            text.contains("未能读取的文件（1个）：坏文件.xlsx。其数据未纳入本报告"),
            "{name}: {text}"
        );
    }
    let docx = read(&dir.join("report.docx"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut body)
        .unwrap();
    assert!(body.contains("部分文件未能读取"), "report.docx");
    assert!(
        body.contains("未能读取的文件1个：坏文件.xlsx。"),
        "report.docx"
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

/// A county of `n` small units, enough that writing their workbooks takes
/// a moment in which a run can be interrupted or met by a second one.
fn many_units(n: usize) -> Work {
    let w = Work::new();
    std::fs::create_dir(w.path("in")).unwrap();
    for i in 0..n {
        let mut csv =
            String::from("2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n");
        for j in 0..20 {
            csv.push_str(&format!("单位{i},P{i}-{j},项目{j},100,{}\n", j * 3));
        }
        std::fs::write(w.path(&format!("in/u{i}.csv")), csv).unwrap();
    }
    w
}

/// `perf ARGS` started in `dir`, not waited for.
fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_perf"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        // A group of its own: the batch (a supervisor and its child) can
        // be killed at once, as a power cut or `kill -9 -PGID` would.
        .process_group(0)
        .spawn()
        .unwrap()
}

/// The month's batch of `w` (in → out), started and caught while it writes
/// its temporary files.
fn batch_writing(w: &Work) -> std::process::Child {
    let mut run = spawn(
        w.dir.path(),
        &["batch", "in", "--month", "6", "-o", "out", "--quiet"],
    );
    assert!(
        wait_for(&w.path("out"), ".perf-tmp-", &mut run),
        "the batch ended before it wrote a temporary file"
    );
    run
}

/// Waits (up to a minute) until `dir` holds a file whose name contains `part`.
fn wait_for(dir: &Path, part: &str, run: &mut std::process::Child) -> bool {
    let began = std::time::Instant::now();
    while began.elapsed() < std::time::Duration::from_secs(60) {
        if std::fs::read_dir(dir).is_ok_and(|mut d| {
            d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().contains(part)))
        }) {
            return true;
        }
        if run.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    false
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn ctrl_c_during_a_batch_removes_its_temporary_files_and_exits_130() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let w = many_units(300);
    std::fs::create_dir(w.path("out")).unwrap();
    std::fs::write(w.path("out/report.md"), "last month").unwrap();
    let mut run = batch_writing(&w);
    let killed = std::process::Command::new("kill")
        .args(["-INT", &run.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = run.wait().unwrap();
    let mut stderr = String::new();
    run.stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{status:?} {stderr}");
    assert_eq!(status.signal(), None, "ended by perf, not by the signal");
    assert!(stderr.contains("已中断"), "{stderr}");
    let left = names(&w.path("out"));
    assert!(
        left.iter().all(|n| !n.contains(".perf-tmp-")),
        "temporary files left: {left:?}"
    );
    // Last month's files are untouched, and no unit workbook has its name
    // yet: they are moved into place only when the whole set is written.
    assert_eq!(
        std::fs::read_to_string(w.path("out/report.md")).unwrap(),
        "last month"
    );
    assert!(left.iter().all(|n| !n.starts_with("监控_")), "{left:?}");
}

#[test]
fn a_second_batch_into_the_same_folder_stops_with_a_clear_message() {
    let w = many_units(300);
    let mut first = spawn(
        w.dir.path(),
        &["batch", "in", "--month", "6", "-o", "out", "--quiet"],
    );
    assert!(
        wait_for(&w.path("out"), ".perf-batch.lock", &mut first),
        "the first batch ended before the second could start"
    );
    let second = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first batch ended while the second ran: the county is too small for this machine"
    );
    second.assert_refused("out", "另一个 perf batch 正在写入");
    let status = first.wait().unwrap();
    // 1: its findings hold errors (red lights), as a lone run's do.
    assert_eq!(status.code(), Some(1), "the first batch runs to its end");
    let left = names(&w.path("out"));
    assert!(left.contains(&"manifest.json".to_string()), "{left:?}");
    assert!(!left.contains(&".perf-batch.lock".to_string()), "{left:?}");
}

#[test]
fn unit_names_of_four_byte_characters_fit_the_file_system() {
    // 60 emoji, and 60 CJK extension-B characters: 240 bytes each before
    // 监控_ and .xlsx; file names are cut by bytes and stay unique.
    let w = Work::new();
    std::fs::create_dir(w.path("in")).unwrap();
    for (i, unit) in ["😀".repeat(60), "𠀀".repeat(60), "𠀀".repeat(61)]
        .iter()
        .enumerate()
    {
        w.write(
            &format!("in/u{i}.csv"),
            format!(
                "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n{unit},P{i},项目,100,50\n"
            )
            .as_bytes(),
        );
    }
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert!(out.code < 2, "{}", out.stderr);
    let units: Vec<String> = names(&w.path("out"))
        .into_iter()
        .filter(|n| n.starts_with("监控_"))
        .collect();
    assert_eq!(units.len(), 3, "{units:?}");
    assert!(units.iter().all(|n| n.len() <= 255), "{units:?}");
}

#[test]
fn after_kill_9_the_next_run_sweeps_the_leftovers_and_completes() {
    let w = many_units(300);
    std::fs::create_dir(w.path("out")).unwrap();
    let mut run = batch_writing(&w);
    // SIGKILL to the supervisor and the batch it runs: no clean-up is possible.
    let group = format!("-{}", run.id());
    let killed = std::process::Command::new("kill")
        .args(["-9", "--", &group])
        .status()
        .unwrap();
    assert!(killed.success());
    run.wait().unwrap();
    // The batch's own process (named in its temporary files) has gone.
    let writers: Vec<String> = names(&w.path("out"))
        .iter()
        .filter_map(|n| n.split(".perf-tmp-").nth(1))
        .filter_map(|rest| rest.split('-').next().map(str::to_string))
        .collect();
    let began = std::time::Instant::now();
    while writers.iter().any(|pid| {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            !s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    }) && began.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let left = names(&w.path("out"));
    assert!(
        left.iter().any(|n| n.contains(".perf-tmp-")),
        "kill -9 leaves temporary files: {left:?}"
    );
    assert!(!left.contains(&"manifest.json".to_string()), "{left:?}");
    // The next month's run (or a rerun) removes them and writes the whole set.
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert!(out.code < 2, "{}", out.stderr);
    let left = names(&w.path("out"));
    assert!(
        left.iter().all(|n| !n.contains(".perf-tmp-")),
        "leftovers stay: {left:?}"
    );
    assert!(left.contains(&"manifest.json".to_string()), "{left:?}");
    assert_eq!(left.iter().filter(|n| n.starts_with("监控_")).count(), 300);
}

#[test]
fn a_unit_whose_workbook_cannot_be_written_does_not_sink_the_batch() {
    // The output of 县教育局 is a link planted onto an input: that unit's
    // workbook is refused, recorded as S001, and every other output written.
    let w = county();
    std::fs::create_dir(w.path("out")).unwrap();
    let input = w.path("in/部门/教育/教育局.csv");
    let before = std::fs::read(&input).unwrap();
    std::os::unix::fs::symlink(&input, w.path("out/监控_县教育局.xlsx")).unwrap();
    let out = w.perf(&["batch", "in", "--month", "6", "-o", "out", "--quiet"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        std::fs::read(&input).unwrap(),
        before,
        "the input is untouched"
    );
    let left = names(&w.path("out"));
    assert!(
        left.contains(&"监控_白云乡_村委会.xlsx".to_string()),
        "{left:?}"
    );
    assert!(left.contains(&"manifest.json".to_string()), "{left:?}");
    let findings = String::from_utf8(read(&w.path("out/findings.csv"))).unwrap();
    let line = findings
        .lines()
        .find(|l| l.contains("无法写出单位监控工作簿"))
        .unwrap_or_else(|| panic!("no S001 for the unit: {findings}"));
    assert!(line.starts_with("S001"), "{line}");
    assert!(line.contains("县教育局"), "{line}");
    // The report says so apart from the files that could not be read.
    let report = String::from_utf8(read(&w.path("out/report.txt"))).unwrap();
    assert!(
        report.contains("未能读取的文件（1个）：坏文件.xlsx。")
            && report.contains("未能写出监控工作簿的单位（1个）：县教育局。其数据已计入本报告"),
        "{report}"
    );
    let docx = read(&w.path("out/report.docx"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut body)
        .unwrap();
    assert!(
        body.contains("未能写出监控工作簿的单位1个：县教育局。"),
        "report.docx"
    );
    // The manifest's hash of report.docx is that of the file in place.
    let manifest: Value = serde_json::from_slice(&read(&w.path("out/manifest.json"))).unwrap();
    let entry = manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["path"] == "report.docx")
        .unwrap();
    assert_eq!(entry["sha256"], sha256(&read(&w.path("out/report.docx"))));
}

#[test]
fn a_unit_that_exhausts_memory_is_s001_and_the_batch_goes_on() {
    // Under a 500 MB address-space limit a legal CSV of a million rows
    // cannot be read. The batch runs isolated: the file is recorded as
    // unreadable (S001), the batch reruns without it, and every other
    // unit's outputs, the report and the manifest are written.
    let w = many_units(3);
    let mut big = String::from("单位名称,项目编码,项目名称,二级指标,三级指标,年度指标值\n");
    big.push_str(&"县大局,D1,大项目,数量指标,完成数量,≥1个\n".repeat(1_000_000));
    std::fs::write(w.path("in/big.csv"), big).unwrap();
    let run = std::process::Command::new("sh")
        .args(["-c", r#"ulimit -v 500000 && exec "$0" "$@""#])
        .arg(env!("CARGO_BIN_EXE_perf"))
        .args(["batch", "in", "--month", "6", "-o", "out", "--quiet"])
        .current_dir(w.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("big.csv：读取时内存不足（文件过大或已损坏？），记为无法读取（S001）"),
        "{stderr}"
    );
    let mut outputs = names(&w.path("out"));
    outputs.retain(|n| n.starts_with("监控_"));
    assert_eq!(
        outputs,
        ["监控_单位0.xlsx", "监控_单位1.xlsx", "监控_单位2.xlsx"]
    );
    let findings = String::from_utf8(read(&w.path("out/findings.csv"))).unwrap();
    assert!(
        findings
            .lines()
            .any(|l| l.starts_with("S001,错误,in/big.csv") && l.contains("内存不足")),
        "{findings}"
    );
    let report = String::from_utf8(read(&w.path("out/report.txt"))).unwrap();
    assert!(
        report.contains("未能读取的文件（1个）：big.csv。"),
        "{report}"
    );
    let manifest: Value = serde_json::from_slice(&read(&w.path("out/manifest.json"))).unwrap();
    assert_eq!(manifest["bad_inputs"], serde_json::json!(["in/big.csv"]));
    assert_eq!(manifest["counts"]["units"], 3);
}
