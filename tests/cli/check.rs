//! `perf check`: each rule has a case that triggers it and a near miss that must not.

use serde_json::Value;

use crate::support::{Work, fixture, sample};

const HEAD: &str =
    "青山县2024年度项目支出绩效目标表\n项目编码,项目名称,一级指标,二级指标,三级指标,指标值\n";

/// A clean project: every dimension, quantified, with units.
fn clean(code: &str, name: &str) -> String {
    [
        ("产出指标", "数量指标", "服务人次", "≥350人次"),
        ("产出指标", "质量指标", "验收合格率", "≥95%"),
        ("产出指标", "时效指标", "完成时间", "2024年12月31日前"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
    ]
    .iter()
    .map(|(a, b, c, d)| format!("{code},{name},{a},{b},{c},{d}\n"))
    .collect()
}

fn row(code: &str, name: &str, l1: &str, l2: &str, ind: &str, value: &str) -> String {
    format!("{code},{name},{l1},{l2},{ind},{value}\n")
}

/// Runs `perf check` on the given CSV files and returns the JSON and the exit code.
fn check(files: &[(&str, String)], extra: &[&str]) -> (Value, i32) {
    let w = Work::new();
    let mut args = vec!["check", "--format", "json"];
    for (name, body) in files {
        w.write(name, body.as_bytes());
        args.push(name);
    }
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

/// (code, cell, project) of every finding.
fn found(doc: &Value) -> Vec<(String, String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
                f["project"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn codes(doc: &Value) -> Vec<String> {
    found(doc).into_iter().map(|f| f.0).collect()
}

fn targets(body: &str) -> Vec<(&'static str, String)> {
    vec![("targets.csv", format!("{HEAD}{body}"))]
}

#[test]
fn a_clean_project_passes_with_no_finding() {
    let (doc, code) = check(&targets(&clean("P1", "道路养护")), &[]);
    assert_eq!(code, 0);
    assert!(codes(&doc).is_empty(), "{:?}", found(&doc));
    assert_eq!(doc["projects"][0]["verdict"], "pass");
    assert_eq!(doc["projects"][0]["dimensions"]["quantity"], 1);
    assert_eq!(doc["year"], 2024);
}

#[test]
fn t001_budget_line_without_targets_and_its_near_miss() {
    let budget =
        "项目编码,项目名称,年初预算数\nP1,道路养护,100\nP9,村级活动场所维修,40\n".to_string();
    let (doc, code) = check(
        &[
            ("targets.csv", format!("{HEAD}{}", clean("P1", "道路养护"))),
            ("budget.csv", budget),
        ],
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(
        found(&doc),
        [("T001".into(), "B3".into(), "村级活动场所维修".into())]
    );
    let t001 = &doc["findings"][0];
    assert_eq!(t001["file"], "budget.csv");
    assert!(t001["message"].as_str().unwrap().contains("不得安排预算"));
    let verdicts: Vec<(&str, &str)> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [("道路养护", "pass"), ("村级活动场所维修", "fail")]
    );
}

#[test]
fn t001_project_row_without_indicators() {
    let body = format!("{}P2,空项目,,,,\n", clean("P1", "道路养护"));
    let (doc, _) = check(&targets(&body), &[]);
    assert_eq!(found(&doc), [("T001".into(), "B7".into(), "空项目".into())]);
}

#[test]
fn t002_missing_dimension_and_cost_when_required() {
    let body = clean("P1", "道路养护")
        .lines()
        .filter(|l| !l.contains("时效"))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    let (doc, code) = check(&targets(&body), &[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&doc), ["T002"]);
    assert_eq!(doc["findings"][0]["dimension"], "timeliness");
    let (full, _) = check(&targets(&clean("P1", "道路养护")), &[]);
    assert!(codes(&full).is_empty());
    let w = Work::new();
    w.write("perf.toml", b"[check]\nrequired_dimensions = [\"quantity\", \"quality\", \"timeliness\", \"effect\", \"cost\"]\n");
    w.write(
        "targets.csv",
        format!("{HEAD}{}", clean("P1", "道路养护")).as_bytes(),
    );
    let out = w.perf(&["check", "targets.csv", "--format", "json"]);
    let doc = out.json();
    assert_eq!(codes(&doc), ["T002"]);
    assert_eq!(doc["findings"][0]["dimension"], "cost");
}

#[test]
fn t003_empty_goal_on_a_form_and_a_filled_one() {
    let w = Work::with(&[
        fixture("form_two_projects_one_sheet.xlsx"),
        sample("target_medical_aid.xlsx"),
    ]);
    let doc = w
        .perf(&[
            "check",
            "form_two_projects_one_sheet.xlsx",
            "--format",
            "json",
        ])
        .json();
    let t003: Vec<String> = found(&doc)
        .into_iter()
        .filter(|f| f.0 == "T003")
        .map(|f| f.1)
        .collect();
    assert_eq!(t003, ["B6", "B21"]);
    let filled = w
        .perf(&["check", "target_medical_aid.xlsx", "--format", "json"])
        .json();
    assert!(!codes(&filled).contains(&"T003".to_string()));
}

#[test]
fn t004_duplicate_within_a_project_not_across_projects() {
    let body = format!(
        "{}{}{}",
        clean("P1", "道路养护"),
        row(
            "P1",
            "道路养护",
            "产出指标",
            "数量指标",
            "服务 人次",
            "≥10人次"
        ),
        clean("P2", "村道保洁")
    );
    let (doc, _) = check(&targets(&body), &[]);
    assert_eq!(
        found(&doc),
        [("T004".into(), "E7".into(), "道路养护".into())]
    );
}

#[test]
fn t005_unknown_level2_and_a_known_one() {
    let body = format!(
        "{}{}",
        clean("P1", "道路养护"),
        row("P1", "道路养护", "效益指标", "其他指标", "环境改善", "≥10%")
    );
    let (doc, _) = check(&targets(&body), &[]);
    assert_eq!(
        found(&doc),
        [("T005".into(), "D7".into(), "道路养护".into())]
    );
    let body = format!(
        "{}{}",
        clean("P1", "道路养护"),
        row(
            "P1",
            "道路养护",
            "效益指标",
            "社会效益指标",
            "环境改善",
            "≥10%"
        )
    );
    assert!(codes(&check(&targets(&body), &[]).0).is_empty());
}

fn with_value(l2: &str, name: &str, value: &str) -> Vec<String> {
    let l1 = if l2.contains("满意") {
        "满意度指标"
    } else if l2.contains("效益") {
        "效益指标"
    } else {
        "产出指标"
    };
    let body = format!(
        "{}{}",
        clean("P1", "道路养护"),
        row("P1", "道路养护", l1, l2, name, value)
    );
    codes(&check(&targets(&body), &[]).0)
}

#[test]
fn v001_missing_value_points_at_the_empty_cell() {
    let body = format!(
        "{}{}",
        clean("P1", "道路养护"),
        row("P1", "道路养护", "产出指标", "数量指标", "新增里程", "")
    );
    let (doc, code) = check(&targets(&body), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&doc),
        [("V001".into(), "F7".into(), "道路养护".into())]
    );
    assert_eq!(doc["findings"][0]["indicator"], "新增里程");
    assert!(with_value("数量指标", "新增里程", "≥5公里").is_empty());
}

#[test]
fn v002_unquantified_output_and_v003_qualitative_effect() {
    assert_eq!(with_value("质量指标", "工程质量", "较好"), ["V002", "V004"]);
    assert_eq!(with_value("时效指标", "开工时间", "尽快"), ["V002"]);
    assert!(with_value("质量指标", "工程质量", "合格率≥95%").is_empty());
    assert_eq!(with_value("社会效益指标", "出行条件", "有效改善"), ["V003"]);
    assert!(with_value("社会效益指标", "出行时间缩短", "≥10%").is_empty());
}

#[test]
fn v004_vague_words_even_beside_a_number() {
    assert_eq!(with_value("质量指标", "完好率", "力争≥95%"), ["V004"]);
    // A vague effect value is V004 only: V003's note would say less of the same cell.
    assert_eq!(
        with_value("社会效益指标", "群众获得感", "进一步增强"),
        ["V004"]
    );
    // Near miss: qualitative but not vague is the V003 note.
    assert_eq!(with_value("社会效益指标", "群众获得感", "增强"), ["V003"]);
    assert!(
        with_value("质量指标", "基本医疗保险参保率", "≥95%").is_empty(),
        "基本 in the name is not vague"
    );
}

#[test]
fn v005_number_without_unit_and_with_a_unit_column() {
    assert_eq!(with_value("数量指标", "维修数量", "95"), ["V005"]);
    let body = "青山县2024年度\n项目名称,二级指标,三级指标,指标值,计量单位\n道路,数量指标,维修数量,95,处\n道路,质量指标,合格率,≥95,%\n道路,时效指标,完成时间,2024年12月31日前,\n道路,社会效益指标,受益人口,8.5,万人\n";
    let (doc, _) = check(&[("targets.csv", body.to_string())], &[]);
    assert!(codes(&doc).is_empty(), "{:?}", found(&doc));
}

#[test]
fn v006_impossible_values_and_near_misses() {
    assert_eq!(
        with_value("服务对象满意度指标", "受益群众满意度", "≥105%"),
        ["V006"]
    );
    assert_eq!(with_value("数量指标", "培训人次", "-20人次"), ["V006"]);
    assert!(with_value("服务对象满意度指标", "受益群众满意度", "=100%").is_empty());
    assert!(
        with_value("经济效益指标", "产值增长率", "≥120%").is_empty(),
        "growth may exceed 100%"
    );
}

#[test]
fn v007_operator_column_disagrees_with_the_value() {
    let head = "青山县2024年度\n项目名称,二级指标,三级指标,指标性质,指标值\n";
    let rows = "道路,数量指标,维修数量,正向,≥10处\n道路,时效指标,完成时间,反向,2024年12月31日前\n道路,社会效益指标,受益人口,正向,≥8.5万人\n";
    let bad = format!("{head}{rows}道路,质量指标,返修率,反向,≥5%\n");
    let (doc, _) = check(&[("t.csv", bad)], &[]);
    assert_eq!(found(&doc), [("V007".into(), "D6".into(), "道路".into())]);
    let good = format!("{head}{rows}道路,质量指标,返修率,反向,≤5%\n");
    assert!(codes(&check(&[("t.csv", good)], &[]).0).is_empty());
}

#[test]
fn v008_deadline_outside_the_budget_year() {
    assert_eq!(
        with_value("时效指标", "验收时间", "2023年12月31日前"),
        ["V008"]
    );
    assert!(with_value("时效指标", "验收时间", "2024年10月底前").is_empty());
    // --year wins over the title.
    let (doc, _) = check(&targets(&clean("P1", "道路养护")), &["--year", "2025"]);
    assert_eq!(codes(&doc), ["V008"]);
}

#[test]
fn v009_placeholders() {
    assert_eq!(with_value("数量指标", "培训人次", "≥**人次"), ["V009"]);
    assert_eq!(with_value("数量指标", "培训人次", "XX"), ["V009"]);
    assert!(with_value("数量指标", "培训人次", "≥350人次").is_empty());
}

#[test]
fn v010_cost_written_higher_is_better() {
    assert_eq!(with_value("成本指标", "人均成本", "≥1.5万元"), ["V010"]);
    assert!(with_value("成本指标", "人均成本", "≤1.5万元").is_empty());
}

#[test]
fn w001_weights_not_adding_up() {
    let head = "青山县2024年度\n项目名称,二级指标,三级指标,指标值,分值\n";
    let rows = |w: [u32; 4]| {
        format!(
            "{head}道路,数量指标,维修数量,≥10处,{}\n道路,质量指标,合格率,≥95%,{}\n道路,时效指标,完成时间,2024年12月31日前,{}\n道路,服务对象满意度指标,满意度,≥90%,{}\n",
            w[0], w[1], w[2], w[3]
        )
    };
    let (doc, _) = check(&[("t.csv", rows([30, 30, 20, 15]))], &[]);
    assert_eq!(found(&doc), [("W001".into(), "E3".into(), "道路".into())]);
    assert!(
        doc["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("合计为95")
    );
    assert!(codes(&check(&[("t.csv", rows([30, 30, 20, 20]))], &[]).0).is_empty());
    assert!(
        codes(&check(&[("t.csv", rows([30, 30, 20, 10]))], &[]).0).is_empty(),
        "90 when budget execution is apart"
    );
}

#[test]
fn b001_amount_differs_from_budget_line_and_b002_no_line() {
    let head = "青山县2024年度\n项目编码,项目名称,项目资金,二级指标,三级指标,指标值\n";
    let project = |code: &str, name: &str, amount: &str| -> String {
        [
            ("数量指标", "维修数量", "≥10处"),
            ("质量指标", "合格率", "≥95%"),
            ("时效指标", "完成时间", "2024年12月31日前"),
            ("服务对象满意度指标", "满意度", "≥90%"),
        ]
        .iter()
        .map(|(a, b, c)| format!("{code},{name},{amount},{a},{b},{c}\n"))
        .collect()
    };
    let t = format!(
        "{head}{}{}{}",
        project("P1", "道路养护", "100"),
        project("P2", "村道保洁", "50"),
        project("P3", "河道清淤", "30")
    );
    // Budget in 元: P1 matches (1,000,000 元 = 100 万元), P2 differs, P3 has no line.
    let budget = "2024年预算\n单位：元\n项目编码,项目名称,年初预算数\nP1,道路养护,\"1,000,000\"\nP2,村道保洁,600000\n".to_string();
    let (doc, _) = check(&[("t.csv", t.clone()), ("budget.csv", budget)], &[]);
    let f = found(&doc);
    assert_eq!(
        f,
        [
            ("B001".into(), "C7".into(), "村道保洁".into()),
            ("B002".into(), "B11".into(), "河道清淤".into())
        ]
    );
    assert!(
        doc["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("60.00")
    );
    // Without a budget among the inputs, neither rule speaks.
    assert!(codes(&check(&[("t.csv", t)], &[]).0).is_empty());
}

#[test]
fn b001_is_withheld_when_the_form_amount_cannot_be_read() {
    let form = |amount: &str| {
        format!(
            "项目支出绩效目标表\n（2024年度）\n项目名称,乡村道路养护,,\n主管部门,白云乡人民政府,,\n项目资金（万元）,{amount},,\n年度总体目标,完成养护,,\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,养护里程,≥45公里\n产出指标,质量指标,完好率,≥90%\n产出指标,时效指标,完成时间,2024年11月30日前\n满意度指标,服务对象满意度指标,满意度,≥90%\n"
        )
    };
    let budget =
        "2024年预算\n单位名称,项目名称,年初预算数\n白云乡人民政府,乡村道路养护,120\n".to_string();
    let (doc, _) = check(
        &[("form.csv", form("待定")), ("budget.csv", budget.clone())],
        &[],
    );
    let f = found(&doc);
    assert!(!codes(&doc).contains(&"B001".to_string()), "{f:?}");
    assert!(
        f.iter().any(|(c, _, p)| c == "S004" && p == "乡村道路养护"),
        "the review says what it could not read: {f:?}"
    );
    // Near miss: a readable amount that differs is B001, with no S004.
    let (doc, _) = check(&[("form.csv", form("100")), ("budget.csv", budget)], &[]);
    assert_eq!(codes(&doc), ["B001"]);
}

#[test]
fn b003_money_lines_not_adding_up() {
    let form = |other: &str| {
        format!(
            "项目支出绩效目标表\n（2024年度）\n项目名称,乡村道路养护,,\n主管部门,白云乡人民政府,,\n项目资金（万元）,100,其中：财政拨款,60\n,,其他资金,{other}\n年度总体目标,完成养护,,\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,养护里程,≥45公里\n产出指标,质量指标,完好率,≥90%\n产出指标,时效指标,完成时间,2024年11月30日前\n满意度指标,服务对象满意度指标,满意度,≥90%\n"
        )
    };
    let (doc, _) = check(&[("form.csv", form("30"))], &[]);
    assert_eq!(
        found(&doc),
        [("B003".into(), "B5".into(), "乡村道路养护".into())]
    );
    assert!(codes(&check(&[("form.csv", form("40"))], &[]).0).is_empty());
    // A part that cannot be read: B003 is withheld and the review says why.
    let (doc, _) = check(&[("form.csv", form("待定"))], &[]);
    assert_eq!(
        found(&doc),
        [("S004".into(), "D6".into(), "乡村道路养护".into())]
    );
    let (doc, _) = check(&[("form.csv", form("约30"))], &[]);
    assert_eq!(codes(&doc), ["S004"]);
}

#[test]
fn the_official_samples_are_clean() {
    for s in ["target_medical_aid.xml", "target_public_cemetery_biff8.xls"] {
        let w = Work::with(&[sample(s)]);
        let out = w.perf(&["check", s, "--format", "json"]);
        assert_eq!(out.code, 0, "{s}: {}", out.stdout);
        assert!(
            codes(&out.json()).is_empty(),
            "{s}: {:?}",
            found(&out.json())
        );
    }
}

#[test]
fn exit_codes_strict_and_config_severities() {
    let body = clean("P1", "道路养护").replace("≥90%", "力争≥90%");
    let (doc, code) = check(&targets(&body), &[]);
    assert_eq!(
        (codes(&doc), code),
        (vec!["V004".to_string()], 0),
        "a warning alone exits 0"
    );
    let (_, strict) = check(&targets(&body), &["--strict"]);
    assert_eq!(strict, 1, "--strict exits 1 on warnings");
    let w = Work::new();
    w.write("targets.csv", format!("{HEAD}{body}").as_bytes());
    w.write("perf.toml", b"[rules]\nV004 = \"error\"\n");
    let out = w.perf(&["check", "targets.csv", "--format", "json"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["findings"][0]["severity"], "error");
    w.write("perf.toml", b"[rules]\nV004 = \"off\"\n");
    let out = w.perf(&["check", "targets.csv", "--format", "json"]);
    assert_eq!((out.code, codes(&out.json()).len()), (0, 0));
    w.write("perf.toml", b"[rules]\nV999 = \"off\"\n");
    let out = w.perf(&["check", "targets.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("perf.toml") && out.stderr.contains("V999"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_has_the_stable_fields_of_output_md() {
    let body = format!(
        "{}{}",
        clean("P1", "道路养护"),
        row("P1", "道路养护", "产出指标", "数量指标", "新增里程", "")
    );
    let (doc, _) = check(&targets(&body), &[]);
    for k in [
        "command",
        "perf_version",
        "inputs",
        "summary",
        "projects",
        "findings",
    ] {
        assert!(doc.get(k).is_some(), "{k}");
    }
    for k in ["projects", "indicators", "errors", "warnings", "infos"] {
        assert!(doc["summary"].get(k).is_some(), "summary.{k}");
    }
    for k in ["name", "code", "unit", "dimensions", "verdict"] {
        assert!(doc["projects"][0].get(k).is_some(), "projects[].{k}");
    }
    for k in [
        "code",
        "severity",
        "file",
        "sheet",
        "cell",
        "unit",
        "project_code",
        "project",
        "dimension",
        "indicator",
        "message",
    ] {
        assert!(doc["findings"][0].get(k).is_some(), "findings[].{k}");
    }
    assert_eq!(doc["inputs"][0]["tables"][0]["kind"], "targets");
}

#[test]
fn english_messages() {
    let body = format!(
        "{}{}",
        clean("P1", "道路养护"),
        row("P1", "道路养护", "产出指标", "数量指标", "新增里程", "")
    );
    let (doc, _) = check(&targets(&body), &["--lang", "en"]);
    assert!(
        doc["findings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("indicator 「新增里程」 has no target value")
    );
}

#[test]
fn budget_only_input_is_refused() {
    let w = Work::new();
    w.write(
        "budget.csv",
        "项目编码,项目名称,年初预算数\nP1,道路养护,100\n".as_bytes(),
    );
    let out = w.perf(&["check", "budget.csv"]);
    out.assert_refused("budget.csv", "没有绩效目标表");
}

fn demo() -> Work {
    Work::with(&[
        fixture("flat_messy_summary.xlsx"),
        fixture("budget_lines_yuan.xlsx"),
        fixture("form_two_projects_one_sheet.xlsx"),
    ])
}

const DEMO: [&str; 4] = [
    "check",
    "flat_messy_summary.xlsx",
    "budget_lines_yuan.xlsx",
    "form_two_projects_one_sheet.xlsx",
];

#[test]
fn check_table_rendering() {
    let out = demo().perf(&DEMO);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("check_table", out.stdout);
}

#[test]
fn check_markdown_rendering() {
    let mut args = DEMO.to_vec();
    args.extend(["--format", "md"]);
    insta::assert_snapshot!("check_markdown", demo().perf(&args).stdout);
}

#[test]
fn check_json_rendering() {
    let mut args = DEMO.to_vec();
    args.extend(["--format", "json"]);
    let mut doc = demo().perf(&args).json();
    doc["perf_version"] = serde_json::json!("[version]");
    insta::assert_json_snapshot!("check_json", doc);
}

#[test]
fn check_csv_has_a_bom_and_neutralised_cells() {
    let mut args = DEMO.to_vec();
    args.extend(["--format", "csv"]);
    let out = demo().perf(&args);
    assert!(out.stdout.starts_with('\u{FEFF}'), "BOM for Excel");
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next().unwrap().trim_start_matches('\u{FEFF}'),
        "代码,级别,文件,工作表,单元格,单位,项目编码,项目,维度,指标,说明"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 7, "a vague effect value is V004 alone");
    assert!(rows.iter().any(|r| r.starts_with("T002,错误,")), "{rows:?}");
    // English headers and values with --lang en (JSON is for scripts).
    args.extend(["--lang", "en"]);
    let out = demo().perf(&args);
    let first = out
        .stdout
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{FEFF}')
        .to_string();
    assert_eq!(
        first,
        "code,severity,file,sheet,cell,unit,project_code,project,dimension,indicator,message"
    );
    assert!(out.stdout.lines().any(|r| r.starts_with("T002,error,")));
}

#[test]
fn explain_a_code_and_the_list() {
    let w = Work::new();
    let out = w.perf(&["explain", "v004"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("explain_v004", out.stdout);
    let list = w.perf(&["explain"]);
    for code in [
        "S001", "T001", "V010", "B003", "M009", "E006", "A002", "P002",
    ] {
        assert!(list.stdout.contains(code), "{code}");
    }
    let bad = w.perf(&["explain", "X123"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("X123"));
}

#[test]
fn config_prints_the_defaults_commented_and_parses_back() {
    let w = Work::new();
    let out = w.perf(&["config"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains(
            "required_dimensions = [\"quantity\", \"quality\", \"timeliness\", \"effect\"]"
        )
    );
    w.write("perf.toml", out.stdout.as_bytes());
    let again = w.perf(&["config"]);
    assert!(
        again.stdout.contains("当前生效：perf.toml"),
        "{}",
        again.stdout
    );
    w.write(
        "t.csv",
        format!("{HEAD}{}", clean("P1", "道路养护")).as_bytes(),
    );
    assert_eq!(
        w.perf(&["check", "t.csv"]).code,
        0,
        "the printed config is a valid config"
    );
}

#[test]
fn hints_name_the_budget_year_in_force() {
    // A 2025 form missing its timeliness indicator is told of a 2025 deadline.
    let t = "青山县2025年度项目支出绩效目标汇总表\n项目名称,一级指标,二级指标,三级指标,指标值\n道路养护,产出指标,数量指标,养护里程,≥45公里\n道路养护,产出指标,质量指标,完好率,≥90%\n道路养护,满意度指标,服务对象满意度指标,满意度,≥90%\n".to_string();
    let (doc, _) = check(&[("t.csv", t)], &[]);
    let t002 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "T002")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(t002.contains("2025年12月31日前完成"), "{t002}");
    assert!(!t002.contains("2024"), "{t002}");
}
