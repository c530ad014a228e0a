//! Tests of the monitoring workbook (compiled only under #[cfg(test)]): built from real inputs, read back.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use clap::Parser;

use super::*;
use crate::cli::{Cli, Command};
use crate::ops::monitor::{Outcome, compute};

const TOILETS: &str = "tests/fixtures/official-forms/monitor_public_toilets.xml";
const PATROL: &str = "tests/fixtures/official-forms/monitor_forest_fire_patrol.xlsx";

const EXECUTION: &str = "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n\
县教育局,P1,学生资助,100,50,\n\
县教育局,P2,校舍维修,100,30,资金下达晚\n\
县卫健局,P3,疫苗接种,100,29.9,\n\
县卫健局,P4,设备采购,100,105,\n";

const MONITORING: &str = "青山县2024年1-6月绩效指标监控表\n单位名称,项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,全年预计完成情况,偏差原因分析,完成目标可能性\n\
县教育局,P1,学生资助,产出指标,数量指标,资助人次,≥1000人次,400人次,1000人次,,确定能\n\
县教育局,P2,校舍维修,产出指标,数量指标,维修校舍,≥10所,7所,10所,,确定能\n\
县卫健局,P3,疫苗接种,产出指标,数量指标,接种人次,≥2000人次,500人次,1500人次,人员保障,完全不可能\n\
县卫健局,P4,设备采购,产出指标,数量指标,采购设备,≥10台,2台,10台,,确定能\n";

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// `perf monitor ARGS -o OUT` as far as the workbook: the outcome the renderers get.
fn outcome(files: &[PathBuf], out: &Path, extra: &[&str]) -> Outcome {
    let mut args: Vec<String> = vec!["perf".into(), "monitor".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["-o".to_string(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let Command::Monitor(a) = Cli::try_parse_from(args).unwrap().command else {
        unreachable!("parsed a monitor command")
    };
    compute(&a.into()).unwrap()
}

fn write_outcome(o: &Outcome, out: &Path) {
    write(out, &Report::of(o), &o.books).unwrap();
}

fn zip_text(path: &Path, name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut s).unwrap();
    Some(s)
}

/// The row of `range` whose column `col` holds `text`.
fn row_of(range: &calamine::Range<Data>, col: usize, text: &str) -> usize {
    (0..range.height())
        .find(|r| range.get((*r, col)) == Some(&Data::String(text.into())))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

fn forms() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("监控.xlsx");
    let o = outcome(&[root(TOILETS), root(PATROL)], &out, &[]);
    write_outcome(&o, &out);
    (dir, out)
}

#[test]
fn sheets_rows_lights_and_numbers() {
    let (_dir, out) = forms();
    let mut xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        xlsx.sheet_names(),
        vec![
            "监控汇总",
            "执行进度图",
            "指标监控",
            "问题清单",
            "monitor_public_toilets-Sheet1",
            "monitor_forest_fire_patrol-Shee",
        ]
    );
    let summary = xlsx.worksheet_range("监控汇总").unwrap();
    let text = |r: usize, c: usize| summary.get((r, c)).map(|d| d.to_string());
    assert!(text(1, 0).unwrap().starts_with("截至2024年9月底"));
    assert_eq!(text(2, 2).as_deref(), Some("项目名称"));
    assert_eq!(text(2, 11).as_deref(), Some("指标个数"));
    assert_eq!(text(3, 11).as_deref(), Some("红色"));
    let r = row_of(&summary, 2, "城区公厕改造");
    assert_eq!(text(r, 0).as_deref(), Some("青山县城市管理局"));
    assert_eq!(summary.get((r, 3)), Some(&Data::Float(324.0)));
    let Some(Data::Float(rate)) = summary.get((r, 5)) else {
        panic!("rate is a number")
    };
    assert!((rate - 151.8 / 324.0).abs() < 1e-12);
    assert_eq!(summary.get((r, 6)), Some(&Data::Float(0.75)));
    assert_eq!(text(r, 9).as_deref(), Some("黄色"));
    assert_eq!(text(r, 10).as_deref(), Some("黄色"));
    // One yellow indicator, five green, one not yet assessable.
    let counts: Vec<_> = (11..16).map(|c| summary.get((r, c)).cloned()).collect();
    assert_eq!(
        counts,
        [0.0, 1.0, 5.0, 0.0, 1.0].map(|n| Some(Data::Float(n)))
    );
    assert_eq!(text(r, 16).as_deref(), Some("纠偏"));
    assert!(text(r, 17).unwrap().contains("分析原因"));

    let xml = zip_text(&out, "xl/worksheets/sheet1.xml").unwrap();
    assert!(xml.contains(r#"<pane ySplit="4""#), "header frozen");
    assert!(
        xml.contains(r#"location="'monitor_public_toilets-Sheet1'!"#),
        "project links to its form"
    );
    let styles = zip_text(&out, "xl/styles.xml").unwrap();
    for part in [
        r##"formatCode="#,##0.00""##,
        r#"formatCode="0.0%""#,
        "FFFFEB9C",
        "FFC6EFCE",
        "FFEDEDED",
    ] {
        assert!(styles.contains(part), "{part}");
    }

    let indicators = xlsx.worksheet_range("指标监控").unwrap();
    let r = row_of(&indicators, 3, "改造城区公厕");
    assert_eq!(indicators.get((r, 4)), Some(&Data::String("≥24座".into())));
    assert_eq!(indicators.get((r, 7)), Some(&Data::Float(18.0)));
    assert_eq!(indicators.get((r, 9)), Some(&Data::String("黄色".into())));
    assert_eq!(
        indicators.get((r, 10)),
        Some(&Data::String(
            "经费保障：上级转移支付资金8月下达，部分公厕开工推迟".into()
        ))
    );
    assert_eq!(
        indicators.get((r, 11)),
        Some(&Data::String("有可能".into()))
    );
}

#[test]
fn chart_of_units_and_notes_on_the_forms() {
    let (_dir, out) = forms();
    let mut xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    let data = xlsx.worksheet_range("执行进度图").unwrap();
    let r = row_of(&data, 0, "青山县林业局");
    assert_eq!(data.get((r, 2)), Some(&Data::Float(150.5)));
    assert_eq!(data.get((r, 5)), Some(&Data::Float(0.75)));
    let chart = zip_text(&out, "xl/charts/chart1.xml").expect("a chart");
    assert!(chart.contains("<c:barChart>") && chart.contains("<c:lineChart>"));
    assert!(chart.contains("执行进度图!$E$3:$E$4"), "{chart}");
    assert!(chart.contains("执行进度图!$F$3:$F$4"), "{chart}");

    // The toilets form: the execution lag on K8, the lagging indicator on F15.
    let notes = zip_text(&out, "xl/comments1.xml").unwrap();
    assert!(notes.contains(r#"ref="K8""#), "{notes}");
    assert!(notes.contains(r#"ref="F15""#), "{notes}");
    assert!(notes.contains("M002 警告"), "{notes}");
    let list = xlsx.worksheet_range("问题清单").unwrap();
    assert_eq!(list.get((2, 0)), Some(&Data::String("M001".into())));
    let xml = zip_text(&out, "xl/worksheets/sheet4.xml").unwrap();
    assert!(
        xml.contains(r#"location="'monitor_public_toilets-Sheet1'!K8""#),
        "{xml}"
    );
}

fn county(dir: &Path) -> Vec<PathBuf> {
    let e = dir.join("execution.csv");
    let m = dir.join("monitoring.csv");
    std::fs::write(&e, EXECUTION).unwrap();
    std::fs::write(&m, MONITORING).unwrap();
    vec![e, m]
}

#[test]
fn previous_round_reads_back_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let files = county(dir.path());
    for lang in ["zh", "en"] {
        let out = dir.path().join(format!("last-{lang}.xlsx"));
        let o = outcome(&files, &out, &["--lang", lang]);
        write_outcome(&o, &out);
        let bytes = std::fs::read(&out).unwrap();
        let prev = crate::monitor::previous::from_workbook(&out, &bytes).unwrap();
        assert_eq!(prev.projects, 4, "{lang}");
        let red: Vec<_> = o
            .monitored
            .iter()
            .filter(|m| prev.was_red(m))
            .filter_map(|m| m.code.as_deref())
            .collect();
        assert!(red.contains(&"P3"), "{lang}: {red:?}");
        for m in &o.monitored {
            assert_eq!(
                prev.was_red(m),
                m.worst() == Level::Red,
                "{lang} {}",
                m.name
            );
        }
    }
}

#[test]
fn previous_round_must_be_a_monitoring_workbook() {
    let path = root(PATROL);
    let bytes = std::fs::read(&path).unwrap();
    let err = crate::monitor::previous::from_workbook(&path, &bytes)
        .unwrap_err()
        .zh;
    assert!(err.contains("监控汇总"), "{err}");
    // A self-evaluation workbook has a summary too, but no lights.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Summary").unwrap();
    ws.write_string(0, 0, "Project").unwrap();
    ws.write_string(1, 0, "学生资助").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let err = crate::monitor::previous::from_workbook(Path::new("e.xlsx"), &bytes)
        .unwrap_err()
        .zh;
    assert!(err.contains("执行预警"), "{err}");
    let err = crate::monitor::previous::from_workbook(Path::new("x.xlsx"), b"not a workbook")
        .unwrap_err()
        .zh;
    assert!(!err.is_empty());
}

#[test]
fn refuses_to_write_onto_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let files = county(dir.path());
    let out = dir.path().join("m.xlsx");
    let o = outcome(&files, &out, &[]);
    let err = write(&files[0], &Report::of(&o), &o.books).unwrap_err();
    assert!(err.to_string().contains("与输入文件相同"), "{err}");
}

/// 3,000 projects with 36,000 indicators: `cargo test --release --lib
/// render::xlsx::monitoring::tests::large -- --ignored --nocapture`.
#[test]
#[ignore]
fn large_county_is_fast() {
    let dir = tempfile::tempdir().unwrap();
    let mut execution = String::from(
        "青山县2024年1-6月项目资金执行情况\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n",
    );
    let mut monitoring = String::from(
        "青山县2024年1-6月绩效指标监控表\n单位名称,项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,全年预计完成情况,偏差原因分析,完成目标可能性\n",
    );
    // As in a real county: most projects on track, about one in ten lagging.
    for p in 0..3000 {
        let unit = format!("县第{}局", p % 80);
        let executed = if p % 10 == 0 {
            20 + p % 15
        } else {
            45 + (p * 7) % 25
        };
        execution.push_str(&format!(
            "{unit},XM{p:04},第{p}号民生项目,100,{executed},\n"
        ));
        for i in 0..12 {
            let done = if (p + i) % 10 == 0 {
                200 + (p * 13 + i * 17) % 150
            } else {
                450 + (p * 13 + i * 17) % 120
            };
            monitoring.push_str(&format!(
                "{unit},XM{p:04},第{p}号民生项目,产出指标,数量指标,完成第{i}项任务的数量,≥1000件,{done}件,1000件,经费保障,有可能\n"
            ));
        }
    }
    let e = dir.path().join("execution.csv");
    let m = dir.path().join("monitoring.csv");
    std::fs::write(&e, execution).unwrap();
    std::fs::write(&m, monitoring).unwrap();
    let out = dir.path().join("big.xlsx");
    let o = outcome(&[e, m], &out, &[]);
    assert_eq!(o.monitored.len(), 3000);
    assert_eq!(
        o.monitored
            .iter()
            .map(|m| m.indicators.len())
            .sum::<usize>(),
        36_000
    );
    let (start, cpu) = (std::time::Instant::now(), cpu_seconds());
    write_outcome(&o, &out);
    let took = start.elapsed();
    let cpu = cpu_seconds() - cpu;
    let size = std::fs::metadata(&out).unwrap().len();
    eprintln!(
        "3,000 projects, 36,000 indicators, {} findings written in {took:?}, {cpu:.2} s CPU ({size} bytes)",
        o.findings.len()
    );
    // The goal is well under a second on an idle two-core machine; on a
    // shared one (builds running beside it) wall time can double, so the
    // CPU time is printed too.
    assert!(took.as_secs_f64() < 1.0, "{took:?}");
}

/// CPU seconds this process has used (user + system, all threads), from
/// /proc: wall time on a shared machine says little.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 (11 and 12 after the name); 100 ticks a second.
    (ticks(11) + ticks(12)) / 100.0
}
