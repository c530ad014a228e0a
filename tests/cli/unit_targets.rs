//! Whole-unit targets (部门/单位/乡镇整体绩效目标): recognised as their own kind, the four dimensions and the six aspects (T006).

use serde_json::Value;

use crate::support::Work;

const FLAT: &str = "青山县2024年度部门整体绩效目标汇总表
单位名称,一级指标,二级指标,三级指标,指标值
青石镇人民政府,产出指标,数量指标,道路保洁面积,≥20万平方米
青石镇人民政府,产出指标,质量指标,保洁达标率,≥95%
青石镇人民政府,产出指标,时效指标,年度任务完成时间,2024年12月31日前
青石镇人民政府,效益指标,社会效益指标,受益群众,≥2万人
青石镇人民政府,满意度指标,服务对象满意度指标,群众满意度,≥90%
县教育局,产出指标,运行成本,公用经费控制率,≤100%
县教育局,产出指标,管理效率,预算执行率,≥90%
县教育局,产出指标,数量指标,资助学生,≥3000人
县教育局,产出指标,质量指标,资助准确率,=100%
县教育局,产出指标,时效指标,完成时间,2024年12月31日前
县教育局,效益指标,社会效益指标,义务教育巩固率,≥99%
县教育局,效益指标,可持续影响指标,教师培训人次,≥500人次
县教育局,满意度指标,服务对象满意度指标,家长满意度,≥90%
";

fn check(w: &Work, files: &[&str]) -> Value {
    let mut args = vec!["check"];
    args.extend_from_slice(files);
    args.extend(["--format", "json"]);
    let out = w.perf(&args);
    assert!(out.code <= 1, "exit {}: {}", out.code, out.stderr);
    out.json()
}

fn findings(doc: &Value, code: &str, project: &str) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code && f["project"] == project)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_aspect_covered_or_not() {
    let w = Work::new();
    w.write("unit.csv", FLAT.as_bytes());
    let doc = check(&w, &["unit.csv"]);
    // Named by unit, with no project column: whole-unit targets.
    assert_eq!(doc["inputs"][0]["tables"][0]["kind"], "unit_targets");
    // The township covers 履职效能, 社会效应 and 满意度 only.
    let t006 = findings(&doc, "T006", "青石镇人民政府");
    assert_eq!(t006.len(), 3, "{t006:?}");
    for missing in ["运行成本", "管理效率", "可持续发展能力"] {
        assert!(
            t006.iter().any(|m| m.contains(missing)),
            "{missing}: {t006:?}"
        );
    }
    // The bureau covers all six; its 运行成本 and 管理效率 二级指标 are at home (no T005).
    assert!(findings(&doc, "T006", "县教育局").is_empty());
    assert!(findings(&doc, "T005", "县教育局").is_empty());
    // The four dimensions apply as to projects.
    assert!(findings(&doc, "T002", "青石镇人民政府").is_empty());
}

#[test]
fn aspect_key_words_are_configurable() {
    let w = Work::new();
    w.write("unit.csv", FLAT.as_bytes());
    w.write(
        "perf.toml",
        "[unit]\nrunning_cost = [\"保洁\"]\nefficiency = [\"达标率\"]\n".as_bytes(),
    );
    let doc = check(&w, &["unit.csv"]);
    let t006 = findings(&doc, "T006", "青石镇人民政府");
    assert_eq!(t006.len(), 1, "{t006:?}");
    assert!(t006[0].contains("可持续发展能力"));
}

#[test]
fn an_official_whole_unit_form_is_named_by_its_unit_and_has_no_budget_line_to_tie_to() {
    let w = Work::new();
    w.write(
        "form.csv",
        "白云乡2024年度整体绩效目标申报表
部门名称,白云乡人民政府
年度总体目标,保障乡政府正常运转，完成年度重点工作
一级指标,二级指标,三级指标,指标值
产出指标,数量指标,巡查次数,≥48次
产出指标,质量指标,巡查覆盖率,=100%
产出指标,时效指标,完成时间,2024年12月31日前
产出指标,运行成本,公用经费控制率,≤100%
效益指标,社会效益指标,群众受益,≥1万人
满意度指标,服务对象满意度指标,群众满意度,≥90%
"
        .as_bytes(),
    );
    w.write(
        "budget.csv",
        "单位名称,项目名称,年初预算数\n白云乡人民政府,乡村道路维修,50\n".as_bytes(),
    );
    let doc = check(&w, &["form.csv", "budget.csv"]);
    let p = &doc["projects"][0];
    assert_eq!(p["name"], "白云乡人民政府");
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["project"] == "白云乡人民政府")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // Named by its unit (no S003), no B002 for the unit as a whole, and only 管理效率 and 可持续发展能力 missing.
    assert_eq!(codes, vec!["T006", "T006"], "{doc}");
}

/// U01: a Hunan whole-unit form, every header marked `*` (tests/fixtures/provincial/README.md).
#[test]
fn a_hunan_starred_form_is_judged_on_labels_and_aspect_words_not_on_output_names() {
    let w = Work::with(&[crate::support::fixture(
        "provincial/U01_hunan_wholeunit_target_starred_2024.xlsx",
    )]);
    let doc = check(&w, &["U01_hunan_wholeunit_target_starred_2024.xlsx"]);
    let tables = doc["inputs"][0]["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert!(tables.iter().all(|t| t["kind"] == "unit_targets"), "{doc}");
    let names: Vec<&str> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["某某县城市管理局", "某某县教育局"]);
    // The city bureau's targets are project-style outputs only: 城区道路管理养护面积
    // is no 管理效率, 道路养护单位成本 no 运行成本.
    let t006 = findings(&doc, "T006", "某某县城市管理局");
    assert_eq!(t006.len(), 2, "{t006:?}");
    assert!(t006[0].contains("运行成本") || t006[1].contains("运行成本"));
    assert!(t006.iter().any(|m| m.contains("管理效率")));
    // The education bureau names 公用经费 and 预算执行率 under the same labels: covered.
    assert!(findings(&doc, "T006", "某某县教育局").is_empty());
    // The `*` headers are read as their columns: every value is found, nothing else is wrong.
    let others: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .filter(|c| *c != "T006")
        .collect();
    assert!(others.is_empty(), "{others:?}");
}

#[test]
fn label_words_count_in_labels_only_and_are_configurable() {
    let w = Work::new();
    w.write(
        "unit.csv",
        "单位名称,一级指标,二级指标,三级指标,指标值
县城管局,产出指标,数量指标,城区道路管理养护面积,≥320万平方米
县城管局,产出指标,成本指标,道路养护单位成本,≤6.5元/平方米
县城管局,产出指标,质量指标,道路完好率,≥95%
县城管局,产出指标,时效指标,病害处置时限,≤48小时
县城管局,效益指标,社会效益指标,道路安全事故发生率,≤0.5%
县城管局,效益指标,可持续影响指标,市政设施使用年限,≥15年
县城管局,满意度指标,服务对象满意度指标,市民满意度,≥90%
县水利局,产出指标,数量指标,水库巡查次数,≥48次
县水利局,产出指标,管理效率,资产管理制度健全性,健全
县水利局,产出指标,运行成本,单位运行成本控制率,≤100%
县水利局,产出指标,质量指标,巡查覆盖率,=100%
县水利局,产出指标,时效指标,完成时间,2024年12月31日前
县水利局,效益指标,可持续影响指标,长效管护机制,建立
县水利局,效益指标,社会效益指标,受益群众,≥2万人
县水利局,满意度指标,服务对象满意度指标,群众满意度,≥90%
"
        .as_bytes(),
    );
    let doc = check(&w, &["unit.csv"]);
    let t006 = findings(&doc, "T006", "县城管局");
    assert_eq!(t006.len(), 2, "{t006:?}");
    // Near miss: as 二级 labels, 管理效率 and 运行成本 count.
    assert!(findings(&doc, "T006", "县水利局").is_empty());
    // A county that calls 成本指标 running cost says so in its own words.
    w.write(
        "perf.toml",
        "[unit]\nrunning_cost_labels = [\"成本指标\"]\n".as_bytes(),
    );
    let doc = check(&w, &["unit.csv"]);
    let t006 = findings(&doc, "T006", "县城管局");
    assert_eq!(t006.len(), 1, "{t006:?}");
    assert!(t006[0].contains("管理效率"));
}
