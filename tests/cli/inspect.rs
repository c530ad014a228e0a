//! `perf inspect`: every format and layout read into the same projects, cells and parsed targets.

use serde_json::{Value, json};

use crate::support::{Work, fixture, sample};

/// What an officer would compare between two readings: projects, indicators, cells, targets.
fn digest(doc: &Value) -> Value {
    let projects = doc["projects"].as_array().expect("projects");
    Value::Array(
        projects
            .iter()
            .map(|p| {
                json!({
                    "name": p["name"], "code": p["code"], "unit": p["unit"], "cell": p["cell"],
                    "money": p["money"].as_array().unwrap().iter().map(|m| json!([m["label"], m["budget_initial"], m["budget"], m["executed"]])).collect::<Vec<_>>(),
                    "stated_total": p["stated_total"],
                    "indicators": p["indicators"].as_array().unwrap().iter().map(|i| json!([
                        i["level1"], i["level2"], i["name"], i["dimension"], i["target"]["text"], i["target"]["value"],
                        i["target"]["unit"], i["target"]["op"], i["target_cell"], i["actual"]["text"], i["weight"],
                    ])).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn inspect_json(path: &std::path::Path) -> Value {
    let w = Work::with(&[path.to_path_buf()]);
    let name = path.file_name().unwrap().to_str().unwrap();
    let out = w.perf(&["inspect", name, "--format", "json"]);
    assert_eq!(out.code, 0, "{name}: {}", out.stderr);
    out.json()
}

#[test]
fn official_forms_read_the_same_in_every_format() {
    for (form, kind, project, indicators) in [
        ("target_medical_aid", "targets", "城乡居民医疗救助", 10),
        ("target_public_cemetery", "targets", "农村公益性公墓建设", 0),
        (
            "monitor_forest_fire_patrol",
            "monitoring",
            "森林防火巡护",
            0,
        ),
        ("monitor_public_toilets", "monitoring", "城区公厕改造", 7),
        (
            "evaluate_after_school",
            "self_evaluation",
            "中小学课后服务",
            0,
        ),
        (
            "evaluate_rural_water",
            "self_evaluation",
            "农村饮水工程维修养护",
            7,
        ),
    ] {
        let reference = inspect_json(&sample(&format!("{form}.xlsx")));
        let tables = reference["tables"].as_array().unwrap();
        assert_eq!(tables.len(), 1, "{form}: one table");
        assert_eq!(tables[0]["kind"], kind, "{form}");
        assert_eq!(tables[0]["layout"], "form", "{form}");
        assert_eq!(tables[0]["year"], 2024, "{form}");
        assert_eq!(tables[0]["money_unit"], "万元", "{form}");
        assert_eq!(reference["projects"][0]["name"], project, "{form}");
        if indicators > 0 {
            assert_eq!(
                reference["projects"][0]["indicators"]
                    .as_array()
                    .unwrap()
                    .len(),
                indicators,
                "{form}"
            );
        }
        assert!(
            reference["findings"].as_array().unwrap().is_empty(),
            "{form}: {}",
            reference["findings"]
        );
        for other in [
            format!("{form}.xml"),
            format!("{form}.xls"),
            format!("{form}_biff8.xls"),
        ] {
            let doc = inspect_json(&sample(&other));
            assert_eq!(
                digest(&doc),
                digest(&reference),
                "{other} differs from {form}.xlsx"
            );
        }
    }
}

#[test]
fn target_form_header_block_and_money_lines() {
    let doc = inspect_json(&sample("target_medical_aid.xml"));
    let p = &doc["projects"][0];
    assert_eq!(p["unit"], "青山县医疗保障局");
    assert_eq!(p["implementer"], "青山县医疗保障服务中心");
    assert!(p["goal"].as_str().unwrap().starts_with("对特困人员"));
    let money: Vec<(String, f64)> = p["money"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["label"].as_str().unwrap().to_string(),
                m["budget_initial"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(money[0], ("项目资金".to_string(), 980.0));
    assert_eq!(money.len(), 4);
    assert!((money[1].1 + money[2].1 + money[3].1 - 980.0).abs() < 1e-9);
    let deadline = &p["indicators"][4];
    assert_eq!(deadline["dimension"], "timeliness");
    assert_eq!(deadline["target"]["type"], "deadline");
    assert_eq!(
        deadline["target"]["deadline"],
        json!({"year": 2024, "month": 12, "day": 25})
    );
    assert_eq!(deadline["target_cell"], "G15");
    let cost = &p["indicators"][5];
    assert_eq!(
        (cost["dimension"].as_str(), cost["target"]["op"].as_str()),
        (Some("cost"), Some("<="))
    );
    let satisfaction = &p["indicators"][9];
    assert_eq!(
        (
            satisfaction["dimension"].as_str(),
            satisfaction["category"].as_str()
        ),
        (Some("effect"), Some("satisfaction"))
    );
}

#[test]
fn monitoring_form_reads_ticks_under_two_row_merged_headers() {
    let doc = inspect_json(&sample("monitor_public_toilets.xls"));
    assert_eq!(doc["tables"][0]["month"], 9, "month from 1-9月执行情况");
    assert_eq!(doc["tables"][0]["header_rows"], json!([13, 14]));
    let p = &doc["projects"][0];
    let total = &p["money"][0];
    assert_eq!(
        (total["budget"].as_f64(), total["executed"].as_f64()),
        (Some(324.0), Some(151.8))
    );
    let first = &p["indicators"][0];
    assert_eq!(first["name"], "改造城区公厕");
    assert_eq!(first["actual"]["text"], "11座");
    // The JSON of inspect keeps only the stable fields; the reasons are checked through the columns found.
    let fields: Vec<&str> = doc["tables"][0]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    for f in [
        "reason_funding",
        "reason_other",
        "reason",
        "possibility_sure",
        "possibility_maybe",
        "possibility_impossible",
        "note",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
}

#[test]
fn self_evaluation_form_reads_points_scores_and_total() {
    let doc = inspect_json(&sample("evaluate_rural_water_biff8.xls"));
    let p = &doc["projects"][0];
    assert_eq!(p["stated_total"], 87.75);
    assert_eq!(p["unit"], "青山县水利局", "[211] code prefix stripped");
    assert!(
        p["goal"]
            .as_str()
            .unwrap()
            .starts_with("完成农村供水工程维修养护120处"),
        "goal below 年初预期目标"
    );
    let weights: f64 = p["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["weight"].as_f64().unwrap())
        .sum();
    assert_eq!(weights, 90.0);
    assert_eq!(p["indicators"][4]["target"]["value"], 85000.0, "8.5万人");
}

#[test]
fn messy_summary_reads_the_same_from_every_tool() {
    let reference = inspect_json(&fixture("flat_messy_summary.xlsx"));
    let t = &reference["tables"][0];
    assert_eq!(
        (t["kind"].as_str(), t["layout"].as_str()),
        (Some("targets"), Some("flat"))
    );
    assert_eq!(t["header_rows"], json!([3, 4]));
    assert_eq!(t["year"], 2024);
    assert_eq!(
        t["rows"], 10,
        "小计 and 合计 rows and the note are not data"
    );
    let projects = reference["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2);
    assert_eq!(
        projects[0]["indicators"].as_array().unwrap().len(),
        5,
        "merged project cells fill down"
    );
    assert_eq!(
        projects[1]["indicators"].as_array().unwrap().len(),
        5,
        "blank project cells mean as above"
    );
    let first = &projects[0]["indicators"][0];
    assert_eq!(
        (
            first["target"]["value"].as_f64(),
            first["target"]["unit"].as_str()
        ),
        (Some(1200.0), Some("人次")),
        "full-width digits, unit column"
    );
    assert_eq!(
        projects[0]["indicators"][1]["target"]["op"], ">=",
        "＞＝９５％"
    );
    assert_eq!(
        projects[1]["indicators"][2]["target"]["deadline"],
        json!({"year": 2024, "month": 9, "day": 30}),
        "date cell"
    );
    assert_eq!(
        projects[1]["indicators"][1]["level1"], "产出指标",
        "level 1 left blank carries down"
    );
    for other in [
        "lo/flat_messy_summary.xls",
        "lo/flat_messy_summary.ods",
        "flat_gbk.csv",
        "flat_utf8_bom.csv",
    ] {
        let doc = inspect_json(&fixture(other));
        let (a, b) = (digest(&doc), digest(&reference));
        // CSV and .ods carry no merges, and CSV no date cells: compare what they can carry.
        let strip = |v: &Value| {
            let mut v = v.clone();
            for p in v.as_array_mut().unwrap() {
                p["cell"] = Value::Null;
                for i in p["indicators"].as_array_mut().unwrap() {
                    i[4] = Value::Null;
                    i[8] = Value::Null;
                }
            }
            v
        };
        assert_eq!(strip(&a), strip(&b), "{other} differs from the .xlsx");
    }
    let gbk = inspect_json(&fixture("flat_gbk.csv"));
    assert_eq!(gbk["inputs"][0]["encoding"], "GB18030");
}

#[test]
fn stacked_forms_on_one_sheet_are_two_projects() {
    for f in [
        "form_two_projects_one_sheet.xlsx",
        "lo/form_two_projects_one_sheet.ods",
    ] {
        let doc = inspect_json(&fixture(f));
        let names: Vec<&str> = doc["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["乡村道路养护", "村级保洁补助"], "{f}");
        assert_eq!(
            doc["projects"][1]["indicators"].as_array().unwrap().len(),
            3,
            "{f}"
        );
    }
}

#[test]
fn budget_lines_in_yuan_are_converted_to_wan() {
    let doc = inspect_json(&fixture("budget_lines_yuan.xlsx"));
    assert_eq!(doc["tables"][0]["kind"], "budget");
    assert_eq!(doc["tables"][0]["money_unit"], "元");
    let budgets: Vec<f64> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["money"][0]["budget_initial"].as_f64().unwrap())
        .collect();
    assert_eq!(budgets, [356.0, 1280.5, 86.0], "合计 row is not a project");
}

#[test]
fn unrelated_table_exits_2_naming_headers_seen_and_nearest_known() {
    let w = Work::with(&[fixture("unrelated_table.xlsx")]);
    let out = w.perf(&["inspect", "unrelated_table.xlsx"]);
    out.assert_refused(
        "unrelated_table.xlsx",
        "看到的表头：姓名、电话、项目名、指标名",
    );
    assert!(
        out.stderr.contains("「项目名」→「项目名称」"),
        "{}",
        out.stderr
    );
    let en = w.perf(&["inspect", "unrelated_table.xlsx", "--lang", "en"]);
    en.assert_refused("unrelated_table.xlsx", "Headers seen");
}

#[test]
fn with_several_files_a_bad_one_is_a_finding_and_the_rest_is_read() {
    let w = Work::with(&[
        fixture("unrelated_table.xlsx"),
        fixture("budget_lines_yuan.xlsx"),
    ]);
    w.write("broken.xlsx", b"PK\x03\x04 not really a zip");
    let out = w.perf(&[
        "inspect",
        "unrelated_table.xlsx",
        "broken.xlsx",
        "budget_lines_yuan.xlsx",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc = out.json();
    let codes: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [("S002", "unrelated_table.xlsx"), ("S001", "broken.xlsx")]
    );
    assert_eq!(doc["projects"].as_array().unwrap().len(), 3);
}

#[test]
fn config_header_synonyms_are_recognised() {
    let w = Work::new();
    w.write(
        "perf.toml",
        "[headers]\nindicator = [\"考核内容\"]\ntarget = [\"考核标准\"]\n".as_bytes(),
    );
    w.write(
        "t.csv",
        "项目名称,二级指标,考核内容,考核标准\n道路养护,数量指标,养护里程,≥45公里\n".as_bytes(),
    );
    let out = w.perf(&["inspect", "t.csv", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.json()["projects"][0]["indicators"][0]["target"]["value"],
        45.0
    );
    std::fs::remove_file(w.path("perf.toml")).unwrap();
    let without = w.perf(&["inspect", "t.csv"]);
    assert_eq!(
        without.code, 2,
        "without the config the table is not recognised"
    );
}

#[test]
fn inspect_table_rendering() {
    let w = Work::with(&[sample("target_medical_aid.xlsx")]);
    let out = w.perf(&["inspect", "target_medical_aid.xlsx"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("inspect_target_form_table", out.stdout);
}

#[test]
fn inspect_json_rendering() {
    let w = Work::with(&[fixture("flat_messy_summary.xlsx")]);
    let out = w.perf(&["inspect", "flat_messy_summary.xlsx", "--format", "json"]);
    let mut doc = out.json();
    doc["perf_version"] = json!("[version]");
    insta::assert_json_snapshot!("inspect_flat_messy_json", doc);
}

#[test]
fn a_skipped_row_is_explained_in_the_language_asked_for() {
    let w = crate::support::Work::new();
    w.write(
        "t.csv",
        "项目名称,一级指标,二级指标,三级指标,指标值\n道路养护,产出指标,数量指标,养护里程,≥45公里\n道路养护,产出指标,质量指标,,≥90%\n"
            .as_bytes(),
    );
    let message = |lang: &str| {
        let doc = w
            .perf(&["inspect", "t.csv", "--format", "json", "--lang", lang])
            .json();
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "S004")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let zh = message("zh");
    assert!(zh.contains("但没有指标名称"), "{zh}");
    assert!(!zh.contains("without"), "{zh}");
    let en = message("en");
    assert!(en.contains("without an indicator name"), "{en}");
    assert!(!en.contains("但没有"), "{en}");
}
