//! Values as provincial systems print them, direction from an indicator's meaning,
//! deadlines on real monitoring forms and zero targets — through `check`,
//! `monitor` and `evaluate`, each case with a near miss.

use serde_json::Value;

use crate::support::Work;

/// Runs perf in a folder holding `files`; exit 0 or 1, JSON on stdout.
fn run(files: &[(&str, &str)], args: &[&str]) -> Value {
    let w = Work::new();
    for (name, body) in files {
        w.write(name, body.as_bytes());
    }
    let out = w.perf(args);
    assert!(
        out.code == 0 || out.code == 1,
        "exit {}: {}",
        out.code,
        out.stderr
    );
    out.json()
}

/// (code, indicator, severity, message) of every finding.
fn findings(doc: &Value) -> Vec<(String, String, String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("code"), s("indicator"), s("severity"), s("message"))
        })
        .collect()
}

/// The codes reported on one indicator.
fn codes_on(doc: &Value, indicator: &str) -> Vec<String> {
    findings(doc)
        .into_iter()
        .filter(|f| f.1 == indicator)
        .map(|f| f.0)
        .collect()
}

/// A finding on one indicator, by code.
fn finding(doc: &Value, code: &str, indicator: &str) -> (String, String) {
    findings(doc)
        .into_iter()
        .find(|f| f.0 == code && f.1 == indicator)
        .map(|f| (f.2, f.3))
        .unwrap_or_else(|| panic!("no {code} on {indicator}: {:?}", findings(doc)))
}

// ---------------------------------------------------------------------------
// check

const TARGETS: &str =
    "青山县2024年度项目支出绩效目标表\n项目名称,一级指标,二级指标,三级指标,指标值\n";

fn check(rows: &[(&str, &str, &str, &str)]) -> Value {
    let mut body = String::from(TARGETS);
    for (l1, l2, name, value) in rows {
        body.push_str(&format!("拆违经费,{l1},{l2},{name},{value}\n"));
    }
    run(&[("t.csv", &body)], &["check", "t.csv", "--format", "json"])
}

#[test]
fn provincial_percentages_have_their_unit() {
    let doc = check(&[
        ("产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)"),
        ("产出指标", "质量指标", "违法建筑销项正确率", "≥90.00(%)"),
        ("产出指标", "时效指标", "完成时间", "2024年12月31日前"),
        (
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            ">=90.00(%)",
        ),
        // Near miss: a bare number still lacks its unit.
        ("效益指标", "社会效益指标", "新增违建处置", "≥95"),
    ]);
    for name in ["完成年度拆违计划", "违法建筑销项正确率", "群众满意度"] {
        assert!(
            codes_on(&doc, name).is_empty(),
            "{name}: {:?}",
            findings(&doc)
        );
    }
    assert_eq!(codes_on(&doc, "新增违建处置"), ["V005"]);
}

#[test]
fn a_period_is_read_as_its_end_not_as_a_number() {
    let body = format!("{TARGETS}雾炮车,产出指标,时效指标,服务周期,2023.07-2024.01\n");
    let doc = run(
        &[("t.csv", &body)],
        &["inspect", "t.csv", "--format", "json"],
    );
    let target = &doc["projects"][0]["indicators"][0]["target"];
    assert_eq!(target["type"], "deadline", "{target}");
    assert_eq!(target["op"], "<=");
    assert_eq!(
        target["deadline"],
        serde_json::json!({"year": 2024, "month": 1, "day": null})
    );
    // Near miss: `2023年7月-2024年1月` is the same period; one date stays one date.
    let body = format!(
        "{TARGETS}雾炮车,产出指标,时效指标,服务周期,2023年7月-2024年1月\n雾炮车,产出指标,时效指标,验收时间,2024-11-30\n"
    );
    let doc = run(
        &[("t.csv", &body)],
        &["inspect", "t.csv", "--format", "json"],
    );
    let inds = &doc["projects"][0]["indicators"];
    assert_eq!(inds[0]["target"]["deadline"]["month"], 1);
    assert_eq!(inds[1]["target"]["op"], Value::Null);
    assert_eq!(inds[1]["target"]["deadline"]["day"], 30);
}

#[test]
fn a_bare_wan_is_money_for_money() {
    let doc = check(&[
        ("产出指标", "数量指标", "年度本级预算金额", "250万"),
        ("产出指标", "成本指标", "雾炮车服务成本", "≤250万"),
        // Near miss: 250万 people is a count without its unit.
        ("效益指标", "社会效益指标", "受益人口", "250万"),
    ]);
    assert!(
        codes_on(&doc, "年度本级预算金额").is_empty(),
        "{:?}",
        findings(&doc)
    );
    assert!(codes_on(&doc, "雾炮车服务成本").is_empty());
    assert_eq!(codes_on(&doc, "受益人口"), ["V005"]);
}

#[test]
fn v010_follows_the_meaning() {
    let doc = check(&[
        ("产出指标", "成本指标", "成本下降率", "≥5%"),
        ("产出指标", "成本指标", "资金节约率", "≥3%"),
        ("产出指标", "成本指标", "人均成本", "≥1.5万元"),
        ("产出指标", "成本指标", "单位成本", "1.2万元"),
    ]);
    assert!(
        codes_on(&doc, "成本下降率").is_empty(),
        "{:?}",
        findings(&doc)
    );
    assert!(codes_on(&doc, "资金节约率").is_empty());
    assert_eq!(codes_on(&doc, "人均成本"), ["V010"]);
    assert!(codes_on(&doc, "单位成本").is_empty(), "no operator: a cap");
}

// ---------------------------------------------------------------------------
// monitor

const MONITORING: &str = "黄石市2024年1-6月绩效指标监控表\n项目编码,项目名称,一级指标,二级指标,三级指标,年度指标值,1-6月指标完成情况,偏差原因分析\n";

fn monitor(rows: &[(&str, &str, &str, &str, &str)], extra: &[&str]) -> Value {
    let mut body = String::from(MONITORING);
    for (l2, name, target, actual, reason) in rows {
        let l1 = if l2.contains("效益") {
            "效益指标"
        } else {
            "产出指标"
        };
        body.push_str(&format!(
            "P1,遗址保护,{l1},{l2},{name},{target},{actual},{reason}\n"
        ));
    }
    let mut args = vec!["monitor", "m.csv", "--format", "json", "--month", "6"];
    args.extend_from_slice(extra);
    run(&[("m.csv", &body)], &args)
}

/// (method, level) of each indicator by name.
fn lights(doc: &Value) -> Vec<(String, String, String)> {
    doc["projects"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_string();
            (s("name"), s("method"), s("level"))
        })
        .collect()
}

fn light(doc: &Value, name: &str) -> (String, String) {
    lights(doc)
        .into_iter()
        .find(|l| l.0 == name)
        .map(|l| (l.1, l.2))
        .unwrap_or_else(|| panic!("{name}: {:?}", lights(doc)))
}

#[test]
fn deadlines_due_this_month_and_the_words_counties_write() {
    let doc = monitor(
        &[
            (
                "时效指标",
                "方案编制完成时间",
                "6月底前",
                "未完成",
                "设计变更",
            ),
            (
                "时效指标",
                "招标完成时间",
                "2024年6月30日前",
                "尚未完成",
                "流标",
            ),
            (
                "时效指标",
                "验收时间",
                "2024年6月30日前",
                "已于5月28日完成",
                "",
            ),
            ("时效指标", "资金拨付时间", "6月底前", "已拨付到位", ""),
            ("时效指标", "方案批复时间", "6月底前", "100%", ""),
            ("时效指标", "项目开工时间", "6月底前", "已开工", ""),
            // Near miss: due next month, not done yet, is not late.
            ("时效指标", "主体完工时间", "7月底前", "正在推进", ""),
        ],
        &[],
    );
    for name in ["方案编制完成时间", "招标完成时间"] {
        assert_eq!(
            light(&doc, name),
            ("deadline".into(), "red".into()),
            "{name}"
        );
        let (severity, msg) = finding(&doc, "M005", name);
        assert_eq!(severity, "error");
        assert!(msg.contains("已过") || msg.contains("仍未完成"), "{msg}");
    }
    for name in ["验收时间", "资金拨付时间", "方案批复时间", "项目开工时间"] {
        assert_eq!(light(&doc, name).1, "green", "{name}");
        assert!(codes_on(&doc, name).is_empty(), "{name}");
    }
    assert_eq!(light(&doc, "主体完工时间").1, "na");
    assert!(codes_on(&doc, "主体完工时间").is_empty());
}

#[test]
fn a_report_that_cannot_be_read_is_a_note_not_a_missed_deadline() {
    let doc = monitor(
        &[
            ("时效指标", "招标完成时间", "6月底前", "详见附件", ""),
            ("时效指标", "设备安装时间", "按合同约定时间", "未完成", ""),
        ],
        &[],
    );
    assert_eq!(light(&doc, "招标完成时间").1, "na");
    assert_eq!(codes_on(&doc, "招标完成时间"), ["M007"]);
    let (severity, msg) = finding(&doc, "M007", "招标完成时间");
    assert_eq!(severity, "info");
    assert!(msg.contains("无法判断是否完成"), "{msg}");
    let (severity, msg) = finding(&doc, "M007", "设备安装时间");
    assert_eq!(severity, "info");
    assert!(msg.contains("不是可识别的期限"), "{msg}");
    assert!(
        findings(&doc).iter().all(|f| f.0 != "M005"),
        "{:?}",
        findings(&doc)
    );
}

#[test]
fn effect_counts_are_pro_rated_like_quantity_counts() {
    let doc = monitor(
        &[
            (
                "社会效益指标",
                "遗址开放参观人次",
                "≥5万人次",
                "2.2万人次",
                "",
            ),
            ("社会效益指标", "受益人数", "≥2000人", "900人", ""),
            // Near miss: a rate is compared with the target itself.
            ("社会效益指标", "群众知晓率", "≥90%", "60%", "宣传未开展"),
        ],
        &[],
    );
    assert_eq!(
        light(&doc, "遗址开放参观人次"),
        ("cumulative".into(), "green".into())
    );
    assert_eq!(
        light(&doc, "受益人数"),
        ("cumulative".into(), "green".into())
    );
    assert_eq!(light(&doc, "群众知晓率"), ("level".into(), "yellow".into()));
}

#[test]
fn direction_and_money_in_monitoring() {
    let doc = monitor(
        &[
            ("成本指标", "单体平均修缮成本", "30万元", "35万", "材料涨价"),
            ("成本指标", "每平方米维修成本", "≤300元", "0.028万元", ""),
            ("质量指标", "群众投诉率", "5%", "8%", "整改中"),
            ("成本指标", "成本下降率", "5%", "2%", "未到年底"),
            // Near miss: a cost within its cap in 元 against 万元.
            ("成本指标", "单体监理成本", "≤3万元", "28000元", ""),
        ],
        &[],
    );
    assert_eq!(
        light(&doc, "单体平均修缮成本"),
        ("lower_better".into(), "red".into())
    );
    let (_, msg) = finding(&doc, "M002", "单体平均修缮成本");
    assert!(msg.contains("超过目标上限"), "{msg}");
    assert_eq!(
        light(&doc, "每平方米维修成本"),
        ("lower_better".into(), "green".into())
    );
    assert_eq!(
        light(&doc, "群众投诉率"),
        ("lower_better".into(), "red".into())
    );
    assert_eq!(light(&doc, "成本下降率"), ("level".into(), "red".into()));
    assert_eq!(light(&doc, "单体监理成本").1, "green");
}

#[test]
fn zero_targets_in_monitoring() {
    let doc = monitor(
        &[
            ("质量指标", "安全事故", "=0次", "2次", ""),
            ("质量指标", "重大质量事故", "不发生", "未发生", ""),
            ("质量指标", "群众上访", "0起", "0起", ""),
            // Near miss: ≥0 is met by anything.
            ("数量指标", "新增设备", "≥0台", "2台", ""),
        ],
        &[],
    );
    assert_eq!(light(&doc, "安全事故").1, "red");
    let (severity, msg) = finding(&doc, "M002", "安全事故");
    assert_eq!(severity, "error");
    assert!(msg.contains("目标为零"), "{msg}");
    assert_eq!(light(&doc, "重大质量事故").1, "green");
    assert_eq!(light(&doc, "群众上访").1, "green");
    assert_ne!(light(&doc, "新增设备").1, "red");
}

#[test]
fn direction_words_come_from_the_config() {
    let rows = [("质量指标", "车辆空驶率", "10%", "15%", "")];
    let doc = monitor(&rows, &[]);
    assert_eq!(
        light(&doc, "车辆空驶率").1,
        "green",
        "15 of 10: higher is better"
    );
    let body = {
        let mut b = String::from(MONITORING);
        b.push_str("P1,遗址保护,产出指标,质量指标,车辆空驶率,10%,15%,\n");
        b
    };
    let doc = run(
        &[
            ("m.csv", &body),
            ("perf.toml", "[direction]\nlower_is_better = [\"空驶率\"]\n"),
        ],
        &["monitor", "m.csv", "--format", "json", "--month", "6"],
    );
    assert_eq!(
        light(&doc, "车辆空驶率"),
        ("lower_better".into(), "red".into())
    );
    // The template that `perf config` prints documents the section.
    let w = Work::new();
    let printed = w.perf(&["config"]).stdout;
    assert!(printed.contains("[direction]"), "{printed}");
    assert!(printed.contains("lower_is_better = ["), "{printed}");
    assert!(printed.contains("\"投诉率\""), "{printed}");
}

// ---------------------------------------------------------------------------
// evaluate

const SELFEVAL: &str = "青山县2024年度项目支出绩效自评表\n项目编码,项目名称,全年预算数,全年执行数,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n";

fn evaluate(rows: &[(&str, &str, &str, &str, &str)]) -> Value {
    let mut body = String::from(SELFEVAL);
    for (l2, name, target, actual, reason) in rows {
        let l1 = if l2.contains("满意") {
            "满意度指标"
        } else if l2.contains("效益") {
            "效益指标"
        } else {
            "产出指标"
        };
        body.push_str(&format!(
            "P1,安全生产,100,100,{l1},{l2},{name},{target},{actual},10,,{reason}\n"
        ));
    }
    run(
        &[("s.csv", &body)],
        &["evaluate", "s.csv", "--format", "json"],
    )
}

/// (points scored, method) of an indicator.
fn scored(doc: &Value, name: &str) -> (f64, String) {
    doc["projects"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .map(|i| {
            (
                i["score"].as_f64().unwrap(),
                i["method"].as_str().unwrap().to_string(),
            )
        })
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn zero_targets_at_year_end() {
    let doc = evaluate(&[
        ("质量指标", "安全事故", "0起", "2起", ""),
        ("质量指标", "群众上访", "=0次", "0次", ""),
        ("质量指标", "重大质量事故", "不发生", "未发生", ""),
        // Near miss: ≥0 is met by anything.
        ("数量指标", "新增设备", "≥0台", "2台", ""),
    ]);
    assert_eq!(scored(&doc, "安全事故").0, 0.0);
    let (_, msg) = finding(&doc, "E005", "安全事故");
    assert!(msg.contains("目标为零") && msg.contains("得0分"), "{msg}");
    assert_eq!(scored(&doc, "群众上访").0, 10.0);
    assert_eq!(scored(&doc, "重大质量事故").0, 10.0);
    assert_eq!(scored(&doc, "新增设备").0, 10.0);
}

#[test]
fn scores_by_meaning_and_money() {
    let doc = evaluate(&[
        ("成本指标", "单体修缮成本", "30万元", "37.5万", "材料涨价"),
        ("质量指标", "群众投诉率", "5%", "8%", "整改中"),
        ("成本指标", "成本下降率", "5%", "2%", "原材料上涨"),
        // Near miss: a cost within its cap, 元 against 万元.
        ("成本指标", "单体监理成本", "≤3万元", "28000元", ""),
    ]);
    assert_eq!(scored(&doc, "单体修缮成本"), (8.0, "at_most".into()));
    assert_eq!(scored(&doc, "群众投诉率"), (6.25, "at_most".into()));
    assert_eq!(scored(&doc, "成本下降率"), (4.0, "at_least".into()));
    assert_eq!(scored(&doc, "单体监理成本").0, 10.0);
}

#[test]
fn an_unreadable_completion_says_so_at_year_end() {
    let doc = evaluate(&[
        ("时效指标", "验收时间", "2024年10月31日前", "详见附件", ""),
        // Near miss: done on time scores in full.
        (
            "时效指标",
            "开工时间",
            "2024年3月31日前",
            "已于3月20日开工",
            "",
        ),
    ]);
    assert_eq!(scored(&doc, "验收时间").0, 0.0);
    let (_, msg) = finding(&doc, "E002", "验收时间");
    assert!(msg.contains("无法判断是否按期完成"), "{msg}");
    assert_eq!(scored(&doc, "开工时间").0, 10.0);
}
