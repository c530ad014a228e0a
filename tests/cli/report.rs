//! `perf report`: the narrative with the figures filled in, and the roll-up tables.

use crate::support::Work;

const EXECUTION: &str = "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,预算类型,调整预算数,1-6月执行数,偏差原因\n\
县教育局,P1,学生资助,一般公共预算,100,50,\n\
县教育局,P2,校舍维修,一般公共预算,100,30,资金下达晚\n\
县卫健局,P3,疫苗接种,政府性基金预算,100,29.9,\n\
县卫健局,P4,设备采购,一般公共预算,100,105,\n";

const MONITORING: &str = "单位名称,项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,全年预计完成情况,偏差原因分析,完成目标可能性\n\
县卫健局,P3,疫苗接种,产出指标,数量指标,接种人次,≥2000人次,500人次,1500人次,人员保障,完全不可能\n";

const BUDGET: &str =
    "单位名称,项目编码,项目名称,年初预算数\n县教育局,P1,学生资助,100\n县民政局,P9,临时救助,50\n";

fn county() -> Work {
    let w = Work::new();
    w.write("execution.csv", EXECUTION.as_bytes());
    w.write("monitoring.csv", MONITORING.as_bytes());
    w.write("budget.csv", BUDGET.as_bytes());
    w
}

#[test]
fn the_narrative_fills_in_the_figures() {
    let out = county().perf(&["report", "execution.csv", "monitoring.csv", "budget.csv"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let first = out.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "截至2024年6月底，全县纳入绩效运行监控的项目共4个，涉及预算资金400.00万元，已执行214.90万元，预算执行率53.7%，高于序时进度3.7个百分点。其中红色预警2个，黄色预警1个，绿色0个，暂无法判断1个。"
    );
    assert!(
        out.stdout.contains(
            "县卫健局「疫苗接种」（执行率29.9%，低于序时进度20.1个百分点，原因：人员保障"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(
        "县教育局「校舍维修」（执行率30.0%，低于序时进度20.0个百分点，原因：资金下达晚）"
    ));
    assert!(
        out.stdout
            .contains("建议停止执行的项目（1个）：县卫健局「疫苗接种」")
    );
    assert!(
        out.stdout
            .contains("未报送绩效监控材料的单位（2个）：县教育局、县民政局")
    );
}

#[test]
fn tables_by_unit_and_by_budget_kind() {
    let out = county().perf(&[
        "report",
        "execution.csv",
        "monitoring.csv",
        "budget.csv",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let kinds: Vec<(&str, u64)> = doc["by_budget"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap(), g["projects"].as_u64().unwrap()))
        .collect();
    assert_eq!(kinds, [("一般公共预算", 3), ("政府性基金预算", 1)]);
    let units: Vec<(&str, f64)> = doc["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap(), g["budget"].as_f64().unwrap()))
        .collect();
    assert_eq!(units, [("县卫健局", 200.0), ("县教育局", 200.0)]);
    // 县教育局 sent execution lines but no indicator monitoring.
    assert_eq!(
        doc["not_reported"],
        serde_json::json!(["县教育局", "县民政局"])
    );
}

#[test]
fn report_markdown_rendering() {
    let out = county().perf(&[
        "report",
        "execution.csv",
        "monitoring.csv",
        "budget.csv",
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("report_markdown", out.stdout);
}

#[test]
fn report_text_rendering() {
    let out = county().perf(&[
        "report",
        "execution.csv",
        "monitoring.csv",
        "budget.csv",
        "--format",
        "txt",
    ]);
    insta::assert_snapshot!("report_text", out.stdout);
}

#[test]
fn report_in_english() {
    let out = county().perf(&[
        "report",
        "execution.csv",
        "monitoring.csv",
        "budget.csv",
        "--lang",
        "en",
    ]);
    assert!(
        out.stdout
            .starts_with("as of the end of 2024-06, 4 projects monitored"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Units that did not report: 县教育局, 县民政局.")
    );
}

#[test]
fn budget_kinds_in_common_spellings_add_up_with_an_unstated_row() {
    let w = Work::new();
    w.write(
        "execution.csv",
        "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,预算类型,项目类别,调整预算数,1-6月执行数,偏差原因\n\
县教育局,P1,学生资助,一般预算,,100,50,\n\
县教育局,P2,第二中学教学楼新建工程,公共财政预算,,200,100,\n\
县卫健局,P3,疫苗接种,政府基金,,100,50,\n\
县卫健局,P4,城南医院,基金预算,PPP项目,100,50,\n\
县卫健局,P5,卫生院设备购置,,,100,50,\n"
            .as_bytes(),
    );
    let out = w.perf(&["report", "execution.csv", "--format", "json"]);
    assert!(out.code < 2, "{}", out.stderr);
    let doc = out.json();
    let groups = |key: &str| -> Vec<(String, u64)> {
        doc[key]
            .as_array()
            .unwrap_or_else(|| panic!("no {key}"))
            .iter()
            .map(|g| {
                (
                    g["key"].as_str().unwrap().to_string(),
                    g["projects"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        groups("by_budget"),
        [
            ("一般公共预算".into(), 2),
            ("政府性基金预算".into(), 2),
            ("未注明".into(), 1)
        ]
    );
    // The table adds up to the county's figures.
    let total: f64 = doc["by_budget"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["budget"].as_f64().unwrap())
        .sum();
    assert_eq!(total, 600.0);
    // By the stated 项目类别, else by the name's words; ordinary projects in none.
    assert_eq!(
        groups("by_category"),
        [
            ("PPP项目".into(), 1),
            ("政府采购".into(), 1),
            ("基建投资项目".into(), 1)
        ]
    );
}

#[test]
fn strict_counts_warnings_for_the_report_too() {
    let w = Work::new();
    w.write(
        "execution.csv",
        "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n县教育局,P1,学生资助,100,35,资金下达晚\n"
            .as_bytes(),
    );
    let plain = w.perf(&["report", "execution.csv", "--format", "json"]);
    let doc = plain.json();
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["M001"],
        "a yellow lag with its reason: a warning only"
    );
    assert_eq!(plain.code, 0);
    let strict = w.perf(&["report", "execution.csv", "--format", "json", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn names_cannot_break_the_markdown_tables() {
    let w = Work::new();
    w.write(
        "execution.csv",
        "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n县教育局|城区,P1,学生资助,100,50,资金下达晚\n"
            .as_bytes(),
    );
    let out = w.perf(&["report", "execution.csv", "--format", "md"]);
    assert!(out.code < 2, "{}", out.stderr);
    let row = out
        .stdout
        .lines()
        .find(|l| l.starts_with("| 县教育局"))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(row.contains("县教育局\\|城区"), "{row}");
    // As many unescaped column bars as the header has.
    let bars = |l: &str| l.replace("\\|", "").matches('|').count();
    let head = out
        .stdout
        .lines()
        .find(|l| l.starts_with("| 单位 |"))
        .unwrap();
    assert_eq!(bars(row), bars(head), "{row}");
}

#[test]
fn departments_come_before_townships_each_by_name() {
    let w = Work::new();
    w.write(
        "execution.csv",
        "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n\
白云乡人民政府,P1,村道养护,100,50,\n县教育局,P2,学生资助,100,50,\n青石镇人民政府,P3,集镇保洁,100,50,\n县卫健局,P4,疫苗接种,100,50,\n"
            .as_bytes(),
    );
    let doc = w
        .perf(&["report", "execution.csv", "--format", "json"])
        .json();
    let units: Vec<&str> = doc["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        units,
        ["县卫健局", "县教育局", "白云乡人民政府", "青石镇人民政府"]
    );
}
