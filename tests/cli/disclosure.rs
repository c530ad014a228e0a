//! `perf report` with publication records: 20 days exactly and 21, targets with the budget, overdue and due soon; dates as Excel dates and as text.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

use crate::support::Work;

const EXECUTION: &str = "青山县2024年1-6月项目资金执行情况
单位：万元
单位名称,项目编码,项目名称,调整预算数,1-6月执行数
县教育局,P1,学生资助,100,50
青石镇人民政府,P2,道路维修,100,30
";

const PUBLICATION: &str = "青山县绩效信息公开登记表
单位名称,公开事项,公开类型,报告形成日期,预算公开日期,公开日期,公开网址
县教育局,教育局2023年度绩效自评报告,绩效自评报告,2024-05-01,,2024-05-21,www.qs.gov.cn
县卫健局,卫健局2023年度绩效自评报告,绩效自评报告,2024-05-01,,2024-05-22,www.qs.gov.cn
县农业农村局,高标准农田重点项目绩效评价报告,重点项目绩效评价报告,2024/06/01,,未公开,
县民政局,民政局2023年度绩效自评报告,绩效自评报告,2024年6月15日,,,
县教育局,教育局2024年度绩效目标,绩效目标,2024-02-10,2024-02-10,2024-02-16,www.qs.gov.cn
县卫健局,卫健局2024年度绩效目标,绩效目标,2024-02-10,2024-02-10,2024-02-10,www.qs.gov.cn
";

fn run(w: &Work, publication: &str) -> (Value, String) {
    let args = [
        "report",
        "execution.csv",
        publication,
        "--as-of",
        "2024-06-30",
    ];
    let md = w.perf(&args);
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    (w.perf(&json_args).json(), md.stdout)
}

fn work() -> Work {
    let w = Work::new();
    w.write("execution.csv", EXECUTION.as_bytes());
    w.write("publication.csv", PUBLICATION.as_bytes());
    w
}

/// (standing, days late) of each record, in the order of the sheet.
fn standings(doc: &Value) -> Vec<(String, Option<i64>)> {
    doc["disclosure"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["standing"].as_str().unwrap().to_string(),
                r["days_late"].as_i64(),
            )
        })
        .collect()
}

fn p_findings(doc: &Value) -> Vec<(String, String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with('P'))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
                f["project"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn expected() -> Vec<(String, Option<i64>)> {
    [
        ("on_time", None),
        ("late", Some(1)),
        ("overdue", Some(9)),
        ("due_soon", None),
        ("late", Some(6)),
        ("on_time", None),
    ]
    .iter()
    .map(|(s, d)| (s.to_string(), *d))
    .collect()
}

#[test]
fn twenty_days_is_in_time_twenty_one_late_and_targets_go_with_the_budget() {
    let (doc, md) = run(&work(), "publication.csv");
    assert_eq!(standings(&doc), expected());
    let p = |c: &str, cell: &str, name: &str| (c.to_string(), cell.to_string(), name.to_string());
    assert_eq!(
        p_findings(&doc),
        vec![
            p("P001", "F4", "卫健局2023年度绩效自评报告"),
            p("P001", "F5", "高标准农田重点项目绩效评价报告"),
            p("P002", "F7", "教育局2024年度绩效目标"),
        ]
    );
    let late = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["cell"] == "F4")
        .unwrap();
    assert_eq!(late["severity"], "warning");
    assert!(late["message"].as_str().unwrap().contains("1天"), "{late}");
    assert!(
        md.contains("信息公开：截至2024年6月30日，登记绩效信息公开事项6项，按时公开2项，逾期公开2项，逾期未公开1项，7日内到期1项。"),
        "{md}"
    );
    assert!(
        md.contains(
            "县农业农村局「高标准农田重点项目绩效评价报告」（应于2024-06-21前公开，已逾期9天）"
        ),
        "{md}"
    );
    assert!(
        md.contains("7日内应公开的有：县民政局「民政局2023年度绩效自评报告」（2024-07-05前）"),
        "{md}"
    );
}

#[test]
fn dates_as_excel_dates_serials_and_text() {
    let w = work();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("信息公开").unwrap();
    let date_format = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let head = [
        "单位名称",
        "公开事项",
        "公开类型",
        "报告形成日期",
        "公开日期",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = |y: u16, m: u8, d: u8| ExcelDateTime::from_ymd(y, m, d).unwrap();
    // Row 2: Excel date cells, 20 days. Row 3: 21 days, the published date a bare serial number.
    // Row 4: a date cell formed, text published, 21 days. Row 5: text formed, date cell published, 20 days.
    let rows: [(&str, &str); 4] = [
        ("县教育局", "教育局自评报告"),
        ("县卫健局", "卫健局自评报告"),
        ("县民政局", "民政局自评报告"),
        ("县水利局", "水利局自评报告"),
    ];
    for (i, (unit, item)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *unit).unwrap();
        ws.write_string(r, 1, *item).unwrap();
        ws.write_string(r, 2, "绩效自评报告").unwrap();
    }
    ws.write_datetime_with_format(1, 3, date(2024, 5, 1), &date_format)
        .unwrap();
    ws.write_datetime_with_format(1, 4, date(2024, 5, 21), &date_format)
        .unwrap();
    ws.write_datetime_with_format(2, 3, date(2024, 5, 1), &date_format)
        .unwrap();
    ws.write_number(2, 4, 45434.0).unwrap(); // 2024-05-22
    ws.write_datetime_with_format(3, 3, date(2024, 5, 1), &date_format)
        .unwrap();
    ws.write_string(3, 4, "2024年5月22日").unwrap();
    ws.write_string(4, 3, "2024.5.1").unwrap();
    ws.write_datetime_with_format(4, 4, date(2024, 5, 21), &date_format)
        .unwrap();
    book.save(w.path("publication.xlsx")).unwrap();
    let (doc, _) = run(&w, "publication.xlsx");
    let got: Vec<(String, Option<i64>)> = standings(&doc);
    assert_eq!(
        got,
        vec![
            ("on_time".to_string(), None),
            ("late".to_string(), Some(1)),
            ("late".to_string(), Some(1)),
            ("on_time".to_string(), None),
        ]
    );
}

#[test]
fn a_date_that_is_no_date_is_said_not_guessed() {
    let w = work();
    w.write(
        "odd.csv",
        "公开事项,公开类型,报告形成日期,公开日期\n某报告,绩效自评报告,五月初,2024-05-10\n"
            .as_bytes(),
    );
    let (doc, _) = run(&w, "odd.csv");
    assert_eq!(standings(&doc), vec![("unknown".to_string(), None)]);
    let s004 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "S004")
        .unwrap();
    assert_eq!(s004["cell"], "C2");
    assert!(s004["message"].as_str().unwrap().contains("五月初"));
}

#[test]
fn the_report_groups_townships_apart_from_departments() {
    let (doc, md) = run(&work(), "publication.csv");
    let tiers: Vec<(&str, u64)> = doc["by_tier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap(), g["projects"].as_u64().unwrap()))
        .collect();
    assert_eq!(tiers, vec![("县级部门", 1), ("乡镇", 1)]);
    assert!(md.contains("### 按单位层级（县级部门、乡镇）"), "{md}");
}

#[test]
fn report_disclosure_markdown() {
    let (_, md) = run(&work(), "publication.csv");
    insta::assert_snapshot!("report_disclosure_md", md);
}

#[test]
fn the_summary_workbook_has_the_tiers_and_the_disclosure() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let w = work();
    let out = w.perf(&[
        "report",
        "execution.csv",
        "publication.csv",
        "--as-of",
        "2024-06-30",
        "-o",
        "summary.xlsx",
    ]);
    assert!(out.code <= 1, "{}", out.stderr);
    let mut book: Xlsx<_> = open_workbook(w.path("summary.xlsx")).unwrap();
    let names = book.sheet_names();
    assert!(names.contains(&"按单位层级".to_string()), "{names:?}");
    // 信息公开 after the statistics, then the 附件 the narrative refers to.
    let at = names.iter().position(|n| n == "信息公开").unwrap();
    assert!(
        names[at + 1..].iter().all(|n| n.starts_with("附件")),
        "{names:?}"
    );
    let range = book.worksheet_range("信息公开").unwrap();
    let overdue = range
        .rows()
        .find(|r| r.iter().any(|c| c == &Data::String("逾期未公开".into())))
        .unwrap();
    assert_eq!(
        overdue[1],
        Data::String("高标准农田重点项目绩效评价报告".into())
    );
    assert_eq!(overdue[7], Data::Float(9.0));
}

#[test]
fn a_publication_record_alone_makes_the_disclosure_section() {
    let w = work();
    let out = w.perf(&["report", "publication.csv", "--as-of", "2024-06-30"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    assert!(
        md.starts_with("信息公开：截至2024年6月30日，登记绩效信息公开事项6项"),
        "{md}"
    );
    // Nothing of monitoring: no execution narrative, no tables by unit or light.
    for absent in ["纳入绩效运行监控", "按单位", "按预警等级"] {
        assert!(!md.contains(absent), "{absent}: {md}");
    }
    assert!(md.contains("### 信息公开（逾期与即将到期）"), "{md}");
    let doc = w
        .perf(&[
            "report",
            "publication.csv",
            "--as-of",
            "2024-06-30",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(doc["monitoring"], false);
    assert_eq!(standings(&doc), expected());
    assert_eq!(p_findings(&doc).len(), 3);
    // The workbook is the 信息公开 sheet alone.
    use calamine::{Reader, Xlsx, open_workbook};
    let out = w.perf(&[
        "report",
        "publication.csv",
        "--as-of",
        "2024-06-30",
        "-o",
        "summary.xlsx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let book: Xlsx<_> = open_workbook(w.path("summary.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), vec!["信息公开"]);
}

#[test]
fn a_report_with_neither_monitoring_nor_publication_is_refused() {
    let w = Work::new();
    w.write(
        "targets.csv",
        "项目名称,一级指标,二级指标,三级指标,指标值\n河道整治,产出指标,数量指标,整治河道,≥12公里\n"
            .as_bytes(),
    );
    w.perf(&["report", "targets.csv", "--as-of", "2024-06-30"])
        .assert_refused("", "绩效信息公开登记表");
    // Near miss: monitor still needs execution or monitoring.
    w.write(
        "pub.csv",
        "公开事项,公开类型,报告形成日期,公开日期\n某报告,绩效自评报告,2024-05-01,2024-05-10\n"
            .as_bytes(),
    );
    w.perf(&["monitor", "pub.csv", "--as-of", "2024-06-30"])
        .assert_refused("", "没有资金执行表或指标监控表");
}

#[test]
fn targets_are_judged_against_a_real_budget_date_only() {
    let w = work();
    w.write(
        "targets.csv",
        "单位名称,公开事项,公开类型,报告形成日期,预算批复日期,预算公开日期,公开日期
县教育局,教育局2024年度绩效目标,绩效目标,2024-01-05,2024-02-01,,2024-02-21
县卫健局,卫健局2024年度绩效目标,绩效目标,2024-01-05,2024-02-01,,2024-02-22
县民政局,民政局2024年度绩效目标,绩效目标,2024-01-05,2024-02-01,2024-02-25,2024-02-25
县水利局,水利局2024年度绩效目标,绩效目标,2024-01-05,,,2024-03-30
"
        .as_bytes(),
    );
    let (doc, md) = run(&w, "targets.csv");
    // Approved 2-1: due 2-21 (in time), 2-22 one day late; the publication
    // date, where given, rules; a 形成日期 alone reckons nothing.
    assert_eq!(
        standings(&doc),
        vec![
            ("on_time".to_string(), None),
            ("late".to_string(), Some(1)),
            ("on_time".to_string(), None),
            ("unknown".to_string(), None),
        ]
    );
    let records = doc["disclosure"]["records"].as_array().unwrap();
    assert_eq!(records[0]["due"], "2024-02-21");
    assert_eq!(records[3]["missing_date"], "budget_published_or_approved");
    let found: Vec<String> = p_findings(&doc).into_iter().map(|f| f.2).collect();
    assert_eq!(found, vec!["卫健局2024年度绩效目标"]);
    assert!(
        md.contains("县水利局「水利局2024年度绩效目标」（缺少预算公开日期或预算批复日期）"),
        "{md}"
    );
    // In English the note names the date too.
    let en = w.perf(&[
        "report",
        "execution.csv",
        "targets.csv",
        "--as-of",
        "2024-06-30",
        "--lang",
        "en",
    ]);
    assert!(
        en.stdout
            .contains("(no budget publication or approval date)"),
        "{}",
        en.stdout
    );
}
