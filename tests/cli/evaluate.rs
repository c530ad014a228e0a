//! `perf evaluate`: recomputed scores, grades, stated scores not borne out, shortfalls, results application.

use serde_json::Value;

use crate::support::{Work, sample};

const HEAD: &str = "青山县2024年度项目支出绩效自评表\n单位名称,项目编码,项目名称,项目期,全年预算数,全年执行数,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施,自评总分\n";

fn rows() -> String {
    let mut s = String::from(HEAD);
    // P1: everything met, fully executed: 100, 优.
    for (l1, l2, n, t, a, w) in [
        ("产出指标", "数量指标", "维修校舍", "≥10所", "10所", 30),
        ("产出指标", "质量指标", "验收合格率", "=100%", "100%", 30),
        (
            "效益指标",
            "社会效益指标",
            "受益学生",
            "≥2000人",
            "2100人",
            20,
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "满意度",
            "≥90%",
            "95%",
            10,
        ),
    ] {
        s.push_str(&format!(
            "县教育局,P1,校舍维修,2024年,100,100,{l1},{l2},{n},{t},{a},{w},{w},,100\n"
        ));
    }
    // P2: half executed, indicators short, no reasons, stated 95: recomputed 5 + 15 + 30 + 20 + 5 = 75.
    for (l1, l2, n, t, a, w, st) in [
        (
            "产出指标",
            "数量指标",
            "接种人次",
            "≥2000人次",
            "1000人次",
            30,
            30,
        ),
        ("产出指标", "质量指标", "接种率", "≥95%", "95%", 30, 30),
        ("效益指标", "社会效益指标", "发病率", "≤1%", "1%", 20, 20),
        (
            "满意度指标",
            "服务对象满意度指标",
            "满意度",
            "≥90%",
            "45%",
            10,
            5,
        ),
    ] {
        s.push_str(&format!(
            "县卫健局,P2,疫苗接种,2024年,100,50,{l1},{l2},{n},{t},{a},{w},{st},,95\n"
        ));
    }
    // P3: expiring this year, poor: 0 executed, two indicators missed or missing, a band score out of range.
    for (l1, l2, n, t, a, w, st, why) in [
        (
            "产出指标",
            "数量指标",
            "培训人次",
            "≥1000人次",
            "100人次",
            40,
            4,
            "资金未到位",
        ),
        (
            "产出指标",
            "时效指标",
            "完成时间",
            "2024年6月30日前",
            "",
            30,
            0,
            "",
        ),
        (
            "效益指标",
            "社会效益指标",
            "就业能力",
            "有效提升",
            "部分达成年度指标并具有一定效果",
            20,
            19,
            "培训推迟",
        ),
    ] {
        s.push_str(&format!(
            "县人社局,P3,技能培训,2022-2024年,80,0,{l1},{l2},{n},{t},{a},{w},{st},{why},23\n"
        ));
    }
    s
}

fn run(extra: &[&str]) -> (Value, i32, Work) {
    let w = Work::new();
    w.write("selfeval.csv", rows().as_bytes());
    let mut args = vec!["evaluate", "selfeval.csv", "--format", "json"];
    args.extend_from_slice(extra);
    let out = w.perf(&args);
    assert!(
        out.code == 0 || out.code == 1,
        "exit {}: {}",
        out.code,
        out.stderr
    );
    (out.json(), out.code, w)
}

fn project<'a>(doc: &'a Value, code: &str) -> &'a Value {
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap()
}

fn codes(doc: &Value, code: &str) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["project_code"] == code)
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn scores_grades_and_uses() {
    let (doc, code, _) = run(&[]);
    assert_eq!(code, 1);
    let p1 = project(&doc, "P1");
    assert_eq!(
        (
            p1["score"].as_f64(),
            p1["grade"].as_str(),
            p1["budget_score"].as_f64()
        ),
        (Some(100.0), Some("优"), Some(10.0))
    );
    assert_eq!(p1["actions"][0]["kind"], "prioritise");
    let p2 = project(&doc, "P2");
    assert_eq!(
        (p2["score"].as_f64(), p2["grade"].as_str()),
        (Some(75.0), Some("中"))
    );
    assert_eq!(
        (p2["stated_score"].as_f64(), p2["difference"].as_f64()),
        (Some(95.0), Some(20.0))
    );
    let p3 = project(&doc, "P3");
    assert_eq!(p3["grade"], "差");
    assert_eq!(p3["expiring"], true);
    assert_eq!(p3["actions"][0]["kind"], "clear_out");
    assert!(
        p3["actions"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("清退")
    );
}

#[test]
fn findings_per_project() {
    let (doc, _, _) = run(&[]);
    assert!(codes(&doc, "P1").is_empty(), "{:?}", codes(&doc, "P1"));
    assert_eq!(
        codes(&doc, "P2"),
        ["E005", "E005", "E003", "E004", "E005"].map(String::from),
        "in cell order: execution below 90 % (F7) and a short indicator (N7) without reason, stated above recomputed (O7), graded 中 with its period ending in 2024 (O7: 清退), another short indicator (N10)"
    );
    let mut p3 = codes(&doc, "P3");
    p3.sort();
    assert_eq!(
        p3,
        ["E001", "E002", "E003", "E004", "E005", "E006"].map(String::from),
        "23 stated against 4 + 0 + 15.99 (the band held under its top edge, which belongs to 达成)"
    );
    let e003 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "E003")
        .unwrap();
    assert_eq!(e003["severity"], "error");
    assert!(
        e003["message"]
            .as_str()
            .unwrap()
            .contains("自评总分95.00分，按实际完成值复算为75.00分")
    );
    assert_eq!(e003["cell"], "O7", "the stated total cell");
}

#[test]
fn tolerance_and_grades_from_the_config() {
    let w = Work::new();
    w.write("selfeval.csv", rows().as_bytes());
    w.write(
        "perf.toml",
        b"[evaluate]\ntolerance = 30.0\ngrades = [95.0, 85.0, 60.0]\n",
    );
    let doc = w
        .perf(&["evaluate", "selfeval.csv", "--format", "json"])
        .json();
    assert!(
        !codes(&doc, "P2").contains(&"E003".to_string()),
        "20 points over, within 30 of tolerance"
    );
    assert_eq!(project(&doc, "P1")["grade"], "优");
}

#[test]
fn next_year_budget_and_cut_percent() {
    let w = Work::new();
    w.write("selfeval.csv", rows().as_bytes());
    w.write(
        "next.csv",
        "2025年预算\n项目编码,项目名称,年初预算数\nP1,校舍维修,120\nP3,技能培训,80\n".as_bytes(),
    );
    w.write("perf.toml", b"[evaluate]\ncut_percent = 20.0\n");
    let doc = w
        .perf(&[
            "evaluate",
            "selfeval.csv",
            "--next-budget",
            "next.csv",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(project(&doc, "P3")["actions"][0]["next_budget"], 80.0);
    assert_eq!(
        project(&doc, "P3")["actions"][0]["affected"],
        80.0,
        "clearing out takes it all"
    );
    assert_eq!(
        project(&doc, "P1")["actions"][0]["affected"],
        Value::Null,
        "no cut for 优"
    );
}

#[test]
fn fair_projects_are_cut_and_every_proposal_names_next_years_line() {
    // P2 (中, 75) and P3 (差) expire in 2024; with the periods running on, 中 is
    // improved and cut by 10 %, 差 cut by 20 % (the defaults).
    let w = Work::new();
    w.write(
        "selfeval.csv",
        rows()
            .replace(",2024年,", ",2024-2026年,")
            .replace(",2022-2024年,", ",2022-2026年,")
            .as_bytes(),
    );
    w.write(
        "next.csv",
        "2025年预算\n项目编码,项目名称,年初预算数\nP2,疫苗接种,200\nP3,技能培训,80\n".as_bytes(),
    );
    let run = |args: &[&str]| {
        let mut all = vec!["evaluate", "selfeval.csv", "--next-budget", "next.csv"];
        all.extend_from_slice(args);
        w.perf(&all)
    };
    let doc = run(&["--format", "json"]).json();
    let action = |code: &str| project(&doc, code)["actions"][0].clone();
    assert_eq!(action("P2")["kind"], "improve");
    assert_eq!(action("P2")["affected"], 20.0);
    assert_eq!(action("P3")["kind"], "cut");
    assert_eq!(action("P3")["affected"], 16.0);
    // Near miss: nothing expires, so no 清退 proposal (E004).
    assert!(codes(&doc, "P2").iter().all(|c| c != "E004"));
    let table = run(&[]).stdout;
    assert!(
        table.contains("调整完善并核减（下年度预算200.00万元，核减20.00万元）"),
        "{table}"
    );
}

#[test]
fn the_official_samples_recompute_to_their_stated_scores() {
    let w = Work::with(&[
        sample("evaluate_rural_water_biff8.xls"),
        sample("evaluate_after_school.xml"),
    ]);
    let out = w.perf(&[
        "evaluate",
        "evaluate_rural_water_biff8.xls",
        "evaluate_after_school.xml",
        "--format",
        "json",
    ]);
    let doc = out.json();
    let scores: Vec<(f64, f64, &str)> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["score"].as_f64().unwrap(),
                p["stated_score"].as_f64().unwrap(),
                p["grade"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(scores, [(87.75, 87.75, "良"), (98.67, 98.67, "优")]);
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "E003")
    );
}

#[test]
fn evaluate_table_rendering() {
    let w = Work::new();
    w.write("selfeval.csv", rows().as_bytes());
    insta::assert_snapshot!(
        "evaluate_table",
        w.perf(&["evaluate", "selfeval.csv"]).stdout
    );
}

#[test]
fn evaluate_markdown_rendering() {
    let w = Work::new();
    w.write("selfeval.csv", rows().as_bytes());
    insta::assert_snapshot!(
        "evaluate_markdown",
        w.perf(&["evaluate", "selfeval.csv", "--format", "md"])
            .stdout
    );
}

#[test]
fn evaluate_json_rendering() {
    let (mut doc, _, _) = run(&[]);
    doc["perf_version"] = serde_json::json!("[version]");
    insta::assert_json_snapshot!("evaluate_json", doc);
}

#[test]
fn an_execution_reason_on_a_met_row_of_a_flat_sheet_counts() {
    let w = Work::new();
    let body = format!(
        "{HEAD}县水利局,P5,河道清淤,2024年,100,50,产出指标,数量指标,清淤里程,≥10公里,10公里,45,45,30处工程因汛期延至次年实施，资金结转,\n\
县水利局,P5,河道清淤,2024年,100,50,满意度指标,服务对象满意度指标,满意度,≥90%,95%,45,45,,\n"
    );
    w.write("s.csv", body.as_bytes());
    let doc = w.perf(&["evaluate", "s.csv", "--format", "json"]).json();
    assert!(codes(&doc, "P5").is_empty(), "{:?}", codes(&doc, "P5"));
}

#[test]
fn equal_counts_met_or_exceeded_and_grades_as_shown() {
    // `=3个` with 4 delivered earns its 30 points; the score shown decides the grade.
    let w = Work::new();
    w.write(
        "selfeval.csv",
        "青山县2024年度项目支出绩效自评表\n单位名称,项目编码,项目名称,项目期,全年预算数,全年执行数,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施,自评总分\n\
县教育局,Q1,村级书屋,2024-2026年,100,100,产出指标,数量指标,新建书屋,=3个,4个,30,30,,100\n\
县教育局,Q1,村级书屋,2024-2026年,100,100,产出指标,质量指标,验收合格率,=100%,100%,30,30,,100\n\
县教育局,Q1,村级书屋,2024-2026年,100,100,效益指标,社会效益指标,借阅人次,≥1000人次,1000人次,20,20,,100\n\
县教育局,Q1,村级书屋,2024-2026年,100,100,满意度指标,服务对象满意度指标,满意度,≥90%,95%,10,10,,100\n"
            .as_bytes(),
    );
    let doc = w
        .perf(&["evaluate", "selfeval.csv", "--format", "json"])
        .json();
    let p = project(&doc, "Q1");
    assert_eq!(p["score"].as_f64(), Some(100.0), "{p:#}");
    assert!(codes(&doc, "Q1").is_empty(), "{:?}", codes(&doc, "Q1"));
    // Near miss: 2 of `=3个` is short, and says so.
    w.write(
        "short.csv",
        std::fs::read_to_string(w.path("selfeval.csv"))
            .unwrap()
            .replace(",4个,", ",2个,")
            .as_bytes(),
    );
    let doc = w
        .perf(&["evaluate", "short.csv", "--format", "json"])
        .json();
    assert!(project(&doc, "Q1")["score"].as_f64().unwrap() < 100.0);
}
