//! `perf monitor`: 双监控 on execution and monitoring tables, levels, findings, actions, previous round.

use serde_json::Value;

use crate::support::{Work, sample};

const EXECUTION: &str = "青山县2024年1-6月项目资金执行情况\n单位：万元\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数,偏差原因\n\
县教育局,P1,学生资助,100,50,\n\
县教育局,P2,校舍维修,100,30,资金下达晚\n\
县卫健局,P3,疫苗接种,100,29.9,\n\
县卫健局,P4,设备采购,100,105,\n";

const MONITORING: &str = "青山县2024年1-6月绩效指标监控表\n单位名称,项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,全年预计完成情况,偏差原因分析,完成目标可能性\n\
县教育局,P1,学生资助,产出指标,数量指标,资助人次,≥1000人次,400人次,1000人次,,确定能\n\
县教育局,P1,学生资助,产出指标,质量指标,发放准确率,≥95%,,,,\n\
县教育局,P1,学生资助,产出指标,时效指标,发放完成时间,2024年5月31日前,未完成,7月底前完成,资金拨付流程长,有可能\n\
县教育局,P2,校舍维修,产出指标,数量指标,维修校舍,≥10所,7所,10所,,确定能\n\
县卫健局,P3,疫苗接种,产出指标,数量指标,接种人次,≥2000人次,500人次,1500人次,人员保障,完全不可能\n\
县卫健局,P3,疫苗接种,效益指标,社会效益指标,接种率,≥95%,,,,\n\
县卫健局,P4,设备采购,产出指标,数量指标,采购设备,≥10台,2台,10台,,确定能\n";

fn county() -> Work {
    let w = Work::new();
    w.write("execution.csv", EXECUTION.as_bytes());
    w.write("monitoring.csv", MONITORING.as_bytes());
    w
}

fn run(w: &Work, extra: &[&str]) -> (Value, i32) {
    let mut args = vec![
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = w.perf(&args);
    assert!(
        out.code == 0 || out.code == 1,
        "exit {}: {}",
        out.code,
        out.stderr
    );
    (out.json(), out.code)
}

fn project<'a>(doc: &'a Value, code: &str) -> &'a Value {
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("{code}"))
}

fn findings_of(doc: &Value, code: &str) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["project_code"] == code)
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn actions(p: &Value) -> Vec<String> {
    p["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn month_and_year_come_from_the_headers_and_titles() {
    let (doc, code) = run(&county(), &[]);
    assert_eq!(code, 1);
    assert_eq!(doc["as_of"], serde_json::json!({"year": 2024, "month": 6}));
    assert_eq!(doc["time_progress"], 0.5);
}

#[test]
fn execution_levels_at_the_boundaries() {
    let (doc, _) = run(&county(), &[]);
    let p1 = project(&doc, "P1");
    assert_eq!(
        (p1["execution_rate"].as_f64(), p1["level"].as_str()),
        (Some(0.5), Some("green"))
    );
    assert_eq!(p1["lag_pp"], 0.0);
    let p2 = project(&doc, "P2");
    assert_eq!(p2["level"], "yellow", "pace exactly 60 %");
    let p3 = project(&doc, "P3");
    assert_eq!(p3["level"], "red", "pace 59.8 %");
    assert!((p3["lag_pp"].as_f64().unwrap() - 20.1).abs() < 1e-9);
}

#[test]
fn indicator_levels_and_the_project_light() {
    let (doc, _) = run(&county(), &[]);
    let levels = |code: &str| -> Vec<(String, String)> {
        project(&doc, code)["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["name"].as_str().unwrap().to_string(),
                    i["level"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let l = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        levels("P1"),
        [
            l("资助人次", "green"),
            l("发放准确率", "na"),
            l("发放完成时间", "red")
        ]
    );
    assert_eq!(levels("P2"), [l("维修校舍", "over")]);
    assert_eq!(levels("P3"), [l("接种人次", "red"), l("接种率", "na")]);
    assert_eq!(
        project(&doc, "P1")["indicator_level"],
        "red",
        "the worst of its indicators"
    );
    assert_eq!(
        project(&doc, "P1")["indicators"][0]["progress"],
        0.8,
        "400 of 500 expected"
    );
}

#[test]
fn findings_per_project() {
    let (doc, _) = run(&county(), &[]);
    let f = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        findings_of(&doc, "P1"),
        [f("M007", "H4"), f("M005", "H5")],
        "missing actual, deadline passed"
    );
    assert_eq!(
        findings_of(&doc, "P2"),
        [f("M001", "E5"), f("M009", "H6")],
        "yellow with a reason: no M003; over: M009"
    );
    assert_eq!(
        findings_of(&doc, "P3"),
        [
            f("M001", "E6"),
            f("M003", "E6"),
            f("M002", "H7"),
            f("M004", "K7")
        ],
        "red without reason; indicator red with a reason; 完全不可能"
    );
    assert_eq!(
        findings_of(&doc, "P4"),
        [f("M006", "E7"), f("M002", "H9"), f("M003", "J9")]
    );
    let m001 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "M001" && x["project_code"] == "P3")
        .unwrap();
    assert_eq!(m001["severity"], "error", "red is an error");
    assert!(
        m001["message"]
            .as_str()
            .unwrap()
            .contains("低于序时进度20.1个百分点")
    );
    let m001y = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "M001" && x["project_code"] == "P2")
        .unwrap();
    assert_eq!(m001y["severity"], "warning", "yellow is a warning");
}

#[test]
fn proposed_actions() {
    let (doc, _) = run(&county(), &[]);
    assert_eq!(actions(project(&doc, "P1")), ["correct"]);
    assert!(actions(project(&doc, "P2")) == ["correct"]);
    // One action a project, the strongest: 停止 supersedes 暂缓 and 纠偏.
    assert_eq!(actions(project(&doc, "P3")), ["stop"]);
}

#[test]
fn previous_round_red_twice_is_m008() {
    let w = county();
    let first = w.perf(&[
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "--format",
        "json",
    ]);
    w.write("prev.json", first.stdout.as_bytes());
    let (doc, _) = run(&w, &["--previous", "prev.json"]);
    assert_eq!(
        findings_of(&doc, "P3")
            .iter()
            .filter(|f| f.0 == "M008")
            .count(),
        1
    );
    assert_eq!(
        actions(project(&doc, "P3")).last().map(String::as_str),
        Some("reduce_and_report")
    );
    assert!(
        findings_of(&doc, "P2").iter().all(|f| f.0 != "M008"),
        "P2 was not red"
    );
    let m008 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "M008")
        .unwrap();
    assert!(m008["message"].as_str().unwrap().contains("向县政府报告"));
}

#[test]
fn as_of_a_date_the_day_before_and_on_a_deadline() {
    // Due on the deadline itself: 2024年5月31日前 not done is missed as of 31 May.
    let w = county();
    // The sheets say 1-6月: a day in May is computed only when forced.
    let (before, _) = run(&w, &["--as-of", "2024-05-30", "--force-month"]);
    assert!(findings_of(&before, "P1").iter().all(|f| f.0 != "M005"));
    let (on, _) = run(&w, &["--as-of", "2024-05-31", "--force-month"]);
    assert!(findings_of(&on, "P1").iter().any(|f| f.0 == "M005"));
    assert_eq!(on["as_of"], "2024-05-31");
}

#[test]
fn month_flag_overrides_and_missing_month_is_refused() {
    let (doc, _) = run(&county(), &["--month", "12", "--force-month"]);
    assert_eq!(doc["time_progress"], 1.0);
    let w = Work::new();
    w.write(
        "e.csv",
        "项目名称,调整预算数,累计支出\n道路,100,50\n".as_bytes(),
    );
    let out = w.perf(&["monitor", "e.csv"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--month"), "{}", out.stderr);
}

#[test]
fn official_forms_ticks_reasons_and_month() {
    let w = Work::with(&[
        sample("monitor_public_toilets.xml"),
        sample("monitor_forest_fire_patrol_biff8.xls"),
    ]);
    let out = w.perf(&[
        "monitor",
        "monitor_public_toilets.xml",
        "monitor_forest_fire_patrol_biff8.xls",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.code, 0,
        "the samples lag with reasons: warnings only\n{}",
        out.stdout
    );
    let doc = out.json();
    assert_eq!(doc["as_of"]["month"], 9);
    let toilets = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "城区公厕改造")
        .unwrap();
    assert_eq!(toilets["level"], "yellow");
    assert_eq!(
        toilets["indicators"][0]["reasons"],
        serde_json::json!(["funding"])
    );
    assert_eq!(toilets["indicators"][0]["possibility"], "maybe");
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.contains(&"M003"),
        "every lag carries a reason: {codes:?}"
    );
    let fire = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "森林防火巡护")
        .unwrap();
    assert_eq!(fire["level"], "green");
}

#[test]
fn monitor_table_rendering() {
    let out = county().perf(&["monitor", "execution.csv", "monitoring.csv"]);
    insta::assert_snapshot!("monitor_table", out.stdout);
}

#[test]
fn monitor_markdown_rendering() {
    let out = county().perf(&[
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("monitor_markdown", out.stdout);
}

#[test]
fn monitor_json_rendering() {
    let (mut doc, _) = run(&county(), &[]);
    doc["perf_version"] = serde_json::json!("[version]");
    insta::assert_json_snapshot!("monitor_json", doc);
}

#[test]
fn same_project_name_in_two_units_stays_two_projects() {
    let w = Work::new();
    w.write(
        "e.csv",
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n县教育局,JY-1,校园安全设施建设,100,50\n第一中学,YZ-8,校园安全设施建设,40,10\n".as_bytes(),
    );
    w.write(
        "m.csv",
        "单位名称,项目名称,二级指标,三级指标,年度指标值,1-6月指标完成情况\n县教育局,校园安全设施建设,数量指标,监控点,≥10个,5个\n第一中学,校园安全设施建设,数量指标,监控点,≥4个,0个\n".as_bytes(),
    );
    let doc = w
        .perf(&["monitor", "e.csv", "m.csv", "--format", "json"])
        .json();
    let projects: Vec<(&str, &str, usize)> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["unit"].as_str().unwrap(),
                p["level"].as_str().unwrap(),
                p["indicators"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        projects,
        [("县教育局", "green", 1), ("第一中学", "red", 1)],
        "joined by unit and name, not by name alone"
    );
}

#[test]
fn with_a_workbook_the_text_is_the_same_and_comes_after_it() {
    // The text waits (in a temporary file) while the workbook is saved, then
    // is printed whole: the same bytes as without a workbook.
    let w = county();
    for format in ["json", "table", "md", "csv"] {
        let args = [
            "monitor",
            "execution.csv",
            "monitoring.csv",
            "--format",
            format,
        ];
        let alone = w.perf(&args);
        let out = format!("monitoring-{format}.xlsx");
        let mut with = args.to_vec();
        with.extend(["-o", out.as_str()]);
        let both = w.perf(&with);
        assert_eq!(both.code, alone.code, "{}", both.stderr);
        assert!(!alone.stdout.is_empty(), "{format}");
        assert_eq!(both.stdout, alone.stdout, "{format}");
        assert!(w.path(&out).is_file(), "{format}");
    }
    // A workbook that cannot be written prints nothing.
    let bad = w.perf(&[
        "monitor",
        "execution.csv",
        "monitoring.csv",
        "--format",
        "json",
        "-o",
        "no/such/dir/out.xlsx",
    ]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stdout.is_empty(), "{}", bad.stdout);
}

#[test]
fn without_an_execution_table_no_execution_figure_is_invented() {
    let w = Work::new();
    w.write(
        "m.csv",
        "2024年1-6月绩效监控表\n单位名称,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况\n县教育局,学生资助,产出指标,数量指标,资助人数,≥100人,60人\n"
            .as_bytes(),
    );
    let out = w.perf(&["monitor", "m.csv"]);
    let first = out.stdout.lines().next().unwrap_or_default();
    assert!(
        first.contains("输入中没有资金执行数据，预算执行率未作计算"),
        "{first}"
    );
    assert!(!first.contains("预算执行率0.0%"), "{first}");
    let out = w.perf(&["report", "m.csv", "--format", "txt"]);
    assert!(
        out.stdout.contains("输入中没有资金执行数据"),
        "{}",
        out.stdout
    );
}

#[test]
fn spending_against_a_zero_negative_or_absurd_budget_is_m010() {
    let w = Work::new();
    w.write(
        "execution.csv",
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n\
         县教育局,P1,学生资助,0,50\n\
         县教育局,P2,校舍维修,-10,20\n\
         县教育局,P3,食堂改造,99999999999,5\n\
         县教育局,P4,课后服务,100,50\n\
         县教育局,P5,未动工,0,0\n"
            .as_bytes(),
    );
    let out = w.perf(&[
        "monitor",
        "execution.csv",
        "--month",
        "6",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let m010: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "M010")
        .map(|f| {
            (
                f["project"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // At the budget cell of each project that spent against a wrong budget;
    // not for a sound budget, nor for a zero budget with nothing spent.
    assert_eq!(
        m010,
        [
            ("学生资助".to_string(), "D3".to_string()),
            ("校舍维修".to_string(), "D4".to_string()),
            ("食堂改造".to_string(), "D5".to_string()),
        ]
    );
}

#[test]
fn spending_against_an_unusable_budget_stays_in_the_county_totals() {
    let w = Work::new();
    w.write(
        "execution.csv",
        "2024年1-6月\n单位名称,项目编码,项目名称,调整预算数,1-6月执行数\n\
         县教育局,P1,学生资助,0,50\n\
         县教育局,P2,校舍维修,-10,20\n\
         县教育局,P4,课后服务,100,50\n\
         县卫健局,P6,疫苗接种,200,60\n"
            .as_bytes(),
    );
    let out = w.perf(&[
        "report",
        "execution.csv",
        "--month",
        "6",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    // 50 + 20 spent against budgets of 0 and −10 are kept in 已执行; the
    // budget counts only what can be paced against (100 + 200).
    let county = &v["county"];
    assert_eq!(county["budget"].as_f64(), Some(300.0), "{county}");
    assert_eq!(county["executed"].as_f64(), Some(180.0), "{county}");
    let by_unit: f64 = v["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["key"] != "合计")
        .map(|g| g["executed"].as_f64().unwrap())
        .sum();
    assert_eq!(by_unit, 180.0);
    // The narrative says why 已执行 holds money no pace was judged on.
    let out = w.perf(&["report", "execution.csv", "--month", "6", "--format", "txt"]);
    assert!(out.stdout.contains("已执行180.00万元"), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "2个项目全年预算数有误（为零、负数或明显不实），其已执行的70.00万元计入上述已执行数"
        ),
        "{}",
        out.stdout
    );
    let out = w.perf(&[
        "report",
        "execution.csv",
        "--month",
        "6",
        "--lang",
        "en",
        "--format",
        "txt",
    ]);
    assert!(
        out.stdout
            .contains("the 70.00 (10k yuan) they executed is counted above"),
        "{}",
        out.stdout
    );
}
