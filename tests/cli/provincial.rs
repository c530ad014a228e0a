//! Forms other provinces publish (`tests/fixtures/provincial/`, sources in its
//! README): each read as the kind it is, with its projects and indicators, and
//! judged as a careful reviewer would — no accusation that rests on a misreading.

use serde_json::Value;

use crate::support::{Work, fixture};

/// The provincial fixture `name` (under `tests/fixtures/provincial/`).
fn provincial(name: &str) -> std::path::PathBuf {
    fixture(&format!("provincial/{name}"))
}

/// `perf ARGS --format json` on the named provincial fixtures.
fn run(args: &[&str], files: &[&str]) -> (Value, i32) {
    let paths: Vec<_> = files.iter().map(|f| provincial(f)).collect();
    let w = Work::with(&paths);
    let mut all: Vec<&str> = args.to_vec();
    all.extend(files.iter().map(|f| f.rsplit('/').next().unwrap_or(f)));
    all.extend(["--format", "json"]);
    let out = w.perf(&all);
    assert!(out.code < 2, "{args:?} {files:?}: {}", out.stderr);
    (out.json(), out.code)
}

fn codes(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn count(doc: &Value, code: &str) -> usize {
    codes(doc).iter().filter(|c| *c == code).count()
}

/// (table kinds, (project name, indicator count) per project) as `perf inspect` read them.
fn read(file: &str) -> (Vec<String>, Vec<(String, usize)>) {
    let (doc, _) = run(&["inspect"], &[file]);
    let kinds = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap().to_string())
        .collect();
    let projects = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["indicators"].as_array().unwrap().len(),
            )
        })
        .collect();
    (kinds, projects)
}

/// A fixture, the kind of its tables, and (project, indicator count) per project.
type Expected = (&'static str, &'static str, &'static [(&'static str, usize)]);

#[test]
fn every_provincial_form_is_read_as_the_kind_it_is() {
    let expected: &[Expected] = &[
        (
            "L1a_shanghai_putuo_chaiwei_2026.xlsx",
            "targets",
            &[("拆违经费", 8)],
        ),
        (
            "L1b_shanghai_putuo_lanxilu_2026.xlsx",
            "targets",
            &[("兰溪路-真南路下立交工程", 9)],
        ),
        (
            "L2_hunan_xiangtan_wupaoche_2023.xlsx",
            "targets",
            &[("雾炮车降尘抑尘服务", 7)],
        ),
        (
            "L5b_hubei_huangshi_layout_tester_filled_2024.xlsx",
            "monitoring",
            &[("工业遗址本体保护修缮", 7)],
        ),
        (
            "L6a_sichuan_qingshen_selfeval_2023_as_published.xlsx",
            "self_evaluation",
            &[("工资性支出", 2)],
        ),
        (
            "L7b_anhui_tianchang_selfeval_2022.xlsx",
            "self_evaluation",
            &[("水旱灾害防御经费", 9)],
        ),
        (
            "N01_hubei_wuhan_qingshan_target_2020.xlsx",
            "targets",
            &[("教育系统基础设施建设和设备购置", 7)],
        ),
        (
            "N02_hubei_ezhou_target_2022.xlsx",
            "targets",
            &[("滨湖大胆办公大楼运行保障", 9)],
        ),
        (
            "N04_central_caiyu2019_136_monitor_2024.xlsx",
            "monitoring",
            &[("农业技术推广与培训", 8)],
        ),
        (
            "N05_national_yitihua_monitor_flat_2024.xlsx",
            "monitoring",
            &[("城乡环卫一体化保洁服务", 5), ("中小学校舍维修改造", 4)],
        ),
        (
            "N07_hubei_district_commerce_selfeval_2020.xlsx",
            "self_evaluation",
            &[("2020年市级服务贸易发展资金", 8)],
        ),
        (
            "N08_hebei_langfang_selfeval_2019.xlsx",
            "self_evaluation",
            &[("办公宿舍楼、食堂及餐厅暖通改造经费", 9)],
        ),
        (
            "N09_fujian_ningde_fangzhi_wholeunit_target_2019.xlsx",
            "unit_targets",
            &[("中共宁德市委党史和地方志研究室", 10)],
        ),
        (
            "N10_fujian_ningde_dizhen_wholeunit_selfeval_2020.xlsx",
            "self_evaluation",
            &[("宁德市地震局", 9)],
        ),
    ];
    for (file, kind, projects) in expected {
        let (kinds, read) = read(file);
        assert!(kinds.iter().all(|k| k == kind), "{file}: kinds {kinds:?}");
        let want: Vec<(String, usize)> =
            projects.iter().map(|(n, c)| (n.to_string(), *c)).collect();
        assert_eq!(read, want, "{file}");
    }
}

#[test]
fn excel_97_copies_read_as_their_xlsx() {
    for name in [
        "L1a_shanghai_putuo_chaiwei_2026",
        "L5a_hubei_huangshi_monitor_2019_as_published",
        "L6a_sichuan_qingshen_selfeval_2023_as_published",
        "L7b_anhui_tianchang_selfeval_2022",
    ] {
        assert_eq!(
            read(&format!("xls/{name}.xls")),
            read(&format!("{name}.xlsx")),
            "{name}"
        );
    }
}

#[test]
fn side_by_side_money_blocks_and_a_goal_below_its_label_raise_nothing_false() {
    let (doc, _) = run(
        &["check"],
        &[
            "L1a_shanghai_putuo_chaiwei_2026.xlsx",
            "L1b_shanghai_putuo_lanxilu_2026.xlsx",
            "L1c_shanghai_budget_wanyuan.xlsx",
        ],
    );
    // The multi-year 项目资金总额 beside this year's 年度资金申请总额 is neither
    // compared with the budget line nor summed with it; the goal stands under its label.
    for code in ["B001", "B002", "B003", "T001", "T003"] {
        assert_eq!(count(&doc, code), 0, "{code}: {:#?}", doc["findings"]);
    }
    // This year's 3,498,000 元 (349.80 万元) is the amount tied to the budget line.
    let w = Work::with(&[provincial("L1a_shanghai_putuo_chaiwei_2026.xlsx")]);
    let inspect = w
        .perf(&[
            "inspect",
            "L1a_shanghai_putuo_chaiwei_2026.xlsx",
            "--format",
            "json",
        ])
        .json();
    let money = &inspect["projects"][0]["money"];
    assert_eq!(
        money[0]["budget_initial"].as_f64(),
        Some(349.8),
        "{money:#}"
    );
}

#[test]
fn a_form_named_in_its_header_block_is_never_named_by_its_sheet() {
    let (doc, _) = run(&["check"], &["L2_hunan_xiangtan_wupaoche_2023.xlsx"]);
    assert_eq!(count(&doc, "S003"), 0, "{:#?}", doc["findings"]);
    assert_eq!(count(&doc, "V001"), 0, "values come from 指标值及单位");
    assert_eq!(doc["projects"][0]["name"], "雾炮车降尘抑尘服务");
}

#[test]
fn narrative_rows_under_the_total_are_not_indicators() {
    let (doc, _) = run(
        &["evaluate"],
        &["L6a_sichuan_qingshen_selfeval_2023_as_published.xlsx"],
    );
    let p = &doc["projects"][0];
    assert_eq!(p["name"], "工资性支出");
    let score = p["score"].as_f64().unwrap();
    // The budget block's own 权重 10, executed in full; 完成值 left blank.
    assert!((score - 10.0).abs() < 0.01, "score {score}: {p:#}");
    assert_eq!(count(&doc, "E002"), 2, "{:#?}", doc["findings"]);
    assert_eq!(count(&doc, "E003"), 0);
    let messages = doc["findings"].to_string();
    for narrative in ["项目负责人", "评价结论", "200字以内"] {
        assert!(
            !messages.contains(narrative),
            "{narrative} read as an indicator"
        );
    }
}

#[test]
fn template_rows_are_one_note_and_blank_claims_are_challenged() {
    let (doc, code) = run(&["evaluate"], &["L7b_anhui_tianchang_selfeval_2022.xlsx"]);
    assert_eq!(count(&doc, "S005"), 1, "{:#?}", doc["findings"]);
    // Six named indicators have neither value nor actual: E002 each, and the
    // stated 100 is not borne out (40 recomputed): rightly challenged.
    assert_eq!(count(&doc, "E002"), 6);
    assert_eq!(count(&doc, "E003"), 1);
    assert_eq!(code, 1);
    let messages = doc["findings"].to_string();
    assert!(!messages.contains("指标2:") && !messages.contains("……"));
}

#[test]
fn a_long_term_block_above_the_annual_one_is_not_a_second_project() {
    let (doc, _) = run(&["check"], &["N03_hunan_ningxiang_batang_target_2021.xlsx"]);
    let projects = doc["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 1, "{projects:#?}");
    assert_eq!(projects[0]["name"], "镇域内基础设施建设");
    // Every row has numbers but no indicator name: no usable target at all, said so.
    assert_eq!(count(&doc, "T001"), 1);
    assert!(count(&doc, "S004") >= 9);
    assert_eq!(
        count(&doc, "S003"),
        0,
        "the sheet name is never the project"
    );
}

#[test]
fn inspect_explains_the_kind_and_the_rows_left_out() {
    let w = Work::with(&[provincial("L7b_anhui_tianchang_selfeval_2022.xlsx")]);
    let out = w.perf(&["inspect", "L7b_anhui_tianchang_selfeval_2022.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("判定为绩效自评表的依据：「得分」列"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("其次是绩效监控表"));
    assert!(out.stdout.contains("第16行（模板行）"));
    assert!(out.stdout.contains("第28行起（表格在此结束：总分）"));
    let doc = w
        .perf(&[
            "inspect",
            "L7b_anhui_tianchang_selfeval_2022.xlsx",
            "--format",
            "json",
        ])
        .json();
    let t = &doc["tables"][0];
    assert_eq!(t["decision"]["runner_up"], "monitoring");
    assert_eq!(t["ignored"].as_array().unwrap().len(), 6);
}

#[test]
fn a_self_evaluation_without_a_score_column_is_scored() {
    // 分值 and 完成值 with a stated 自评总分 in a cell, no per-indicator 得分.
    let csv = "2024年度项目支出绩效自评表\n项目名称,乡村道路养护,,,\n一级指标,二级指标,三级指标,指标值,完成值,分值\n产出指标,数量指标,养护里程,≥45公里,45公里,40\n产出指标,质量指标,完好率,≥90%,92%,30\n满意度指标,服务对象满意度指标,满意度,≥90%,95%,30\n自评总分：100,,,,,\n";
    let w = Work::new();
    w.write("selfeval.csv", csv.as_bytes());
    let out = w.perf(&["evaluate", "selfeval.csv", "--format", "json"]);
    assert!(out.code < 2, "{}", out.stderr);
    let doc = out.json();
    let p = &doc["projects"][0];
    assert_eq!(p["stated_score"].as_f64(), Some(100.0), "{p:#}");
    assert_eq!(count(&doc, "E003"), 0);
    // Near miss: the same rows without 分值 or a total are monitoring.
    let plain = csv
        .replace(",分值", "")
        .replace(",40\n", "\n")
        .replace(",30\n", "\n")
        .replace("自评总分：100,,,,,\n", "")
        .replace("2024年度项目支出绩效自评表", "2024年度表");
    w.write("plain.csv", plain.as_bytes());
    let out = w.perf(&["inspect", "plain.csv", "--format", "json"]);
    assert_eq!(out.json()["tables"][0]["kind"], "monitoring", "{plain}");
}

/// (code, indicator) of each finding, for monitoring expectations.
fn by_indicator(doc: &Value) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["indicator"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn values_as_provincial_systems_print_them() {
    let (doc, _) = run(&["check"], &["L1a_shanghai_putuo_chaiwei_2026.xlsx"]);
    // `=100.00(%)` and `≥90.00(%)` carry their unit; 「合理」 for a cost is a warning.
    assert_eq!(count(&doc, "V005"), 0, "{:#?}", doc["findings"]);
    let v002: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "V002")
        .collect();
    assert_eq!(v002.len(), 1);
    assert_eq!(v002[0]["indicator"], "成本控制合理性");
    assert_eq!(v002[0]["severity"], "warning");
    let (doc, _) = run(&["check"], &["L2_hunan_xiangtan_wupaoche_2023.xlsx"]);
    // 250万 is 250 万元; the period 2023.07-2024.01 is no `≥2023.07`.
    assert_eq!(count(&doc, "V005"), 0, "{:#?}", doc["findings"]);
    assert_eq!(count(&doc, "V007"), 0);
}

#[test]
fn monitoring_forms_of_hubei_and_the_central_rules() {
    let (doc, _) = run(
        &["monitor", "--month", "6"],
        &["L5a_hubei_huangshi_monitor_2019_as_published.xlsx"],
    );
    let f = by_indicator(&doc);
    // 39.8 % spent against 50 %: yellow, and no reason given.
    assert!(f.contains(&("M001".into(), String::new())), "{f:?}");
    assert!(f.contains(&("M003".into(), String::new())), "{f:?}");
    let (doc, _) = run(
        &["monitor", "--month", "6"],
        &["L5b_hubei_huangshi_layout_tester_filled_2024.xlsx"],
    );
    let f = by_indicator(&doc);
    assert!(
        f.contains(&("M005".into(), "修缮方案编制完成时间".into())),
        "a 6月底前 deadline reported 未完成 at month 6: {f:?}"
    );
    let (doc, _) = run(
        &["monitor", "--month", "7"],
        &["N04_central_caiyu2019_136_monitor_2024.xlsx"],
    );
    let f = by_indicator(&doc);
    assert!(f.contains(&("M004".into(), "培训农民人次".into())), "{f:?}");
    // The unit ticked 人员保障 and wrote a note: the reason is there.
    assert!(!f.iter().any(|(c, _)| c == "M003"), "{f:?}");
    // `进行中` before 11月30日 is not a missed deadline.
    assert!(!f.iter().any(|(c, _)| c == "M005"), "{f:?}");
    let (doc, _) = run(
        &["monitor", "--month", "8"],
        &["N05_national_yitihua_monitor_flat_2024.xlsx"],
    );
    let f = by_indicator(&doc);
    assert!(f.contains(&("M005".into(), "完工时间".into())), "{f:?}");
}

#[test]
fn a_score_resting_on_what_could_not_be_read_accuses_no_one() {
    // N07: three qualitative actuals perf cannot compare; the unit states 100.
    let (doc, _) = run(
        &["evaluate"],
        &["N07_hubei_district_commerce_selfeval_2020.xlsx"],
    );
    for code in ["E003", "E001", "E004"] {
        assert_eq!(count(&doc, code), 0, "{code}: {:#?}", doc["findings"]);
    }
    assert_eq!(count(&doc, "S004"), 1, "it says what it could not read");
    let p = &doc["projects"][0];
    assert_eq!(p["actions"][0]["kind"], "undetermined", "{p:#}");
    // The budget's 20 points come from the block's label `（20分）`.
    assert_eq!(p["budget_points"].as_f64(), Some(20.0));
    // Near miss: the same unit with every figure read is judged (L7b: E003).
    let (doc, _) = run(&["evaluate"], &["L7b_anhui_tianchang_selfeval_2022.xlsx"]);
    assert_eq!(count(&doc, "E003"), 1);
}

#[test]
fn stated_totals_below_or_near_the_rule_raise_nothing() {
    for (file, stated, recomputed) in [
        ("N06_yunnan_lijiang_gucheng_selfeval_2020.xlsx", 93.0, 100.0),
        ("N08_hebei_langfang_selfeval_2019.xlsx", 98.0, 97.24),
        (
            "N10_fujian_ningde_dizhen_wholeunit_selfeval_2020.xlsx",
            88.0,
            90.33,
        ),
    ] {
        let (doc, _) = run(&["evaluate"], &[file]);
        assert_eq!(count(&doc, "E003"), 0, "{file}: {:#?}", doc["findings"]);
        let p = &doc["projects"][0];
        assert_eq!(p["stated_score"].as_f64(), Some(stated), "{file}");
        let score = p["score"].as_f64().unwrap();
        assert!((score - recomputed).abs() < 0.01, "{file}: {score}");
    }
}
