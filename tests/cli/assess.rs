//! `perf assess` (and `perf check` given assessments): totals, conclusion boundaries, new versus continuing, A001/A002.

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::support::Work;

const ASSESS: &str = "青山县2025年度新增项目事前绩效评估结果汇总表
单位名称,项目编码,项目名称,项目类型,立项必要性,投入经济性,绩效目标合理性,方案完整性,计划可行性,筹资合规性,评估主体,评估结论
县教育局,X80,恰好支持,新增,90,80,70,90,80,70,第三方机构,
县教育局,X79,差一点支持,新增,90,80,70,90,80,67,本单位,
县卫健局,X60,恰好调整,新增,60,60,60,60,60,60,本单位,
县卫健局,X59,差一点调整,新增,60,60,60,60,60,57,本单位,
县农业农村局,R1,评分档次,新增,优,良,中,差,较充分,,本单位,
县农业农村局,S1,结论偏高,新增,50,50,50,50,50,50,本单位,予以支持
县交通局,N1,不予支持项目,新增,40,40,40,40,40,40,第三方,不予支持
县交通局,A1,调整后支持项目,新增,90,90,90,90,90,90,第三方,调整完善后予以支持
";

const BUDGET: &str = "单位：万元
单位名称,项目编码,项目名称,项目类型,年初预算数
县交通局,N1,不予支持项目,新增,500
县交通局,A1,调整后支持项目,新增,120
县水利局,W1,河道整治,新增,200
县水利局,W2,水库运行,延续,100
县水利局,W3,未注明类型,,80
县水利局,W4,新增零预算,新增,0
";

fn work() -> Work {
    let w = Work::new();
    w.write("assess.csv", ASSESS.as_bytes());
    w.write("budget.csv", BUDGET.as_bytes());
    w
}

fn project<'a>(doc: &'a Value, code: &str) -> &'a Value {
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("no project {code}"))
}

fn codes(doc: &Value) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with('A'))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["project_code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn totals_and_conclusion_boundaries() {
    let out = work().perf(&["assess", "assess.csv", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = out.json();
    let derived = |code: &str| {
        let p = project(&doc, code);
        (
            p["total"].as_f64().unwrap(),
            p["derived_conclusion"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(derived("X80"), (80.0, "予以支持".into()));
    assert_eq!(derived("X79"), (79.5, "调整完善后予以支持".into()));
    assert_eq!(derived("X60"), (60.0, "调整完善后予以支持".into()));
    assert_eq!(derived("X59"), (59.5, "不予支持".into()));
    // Ratings on the 100-point scale, the blank aspect counting 0: (95+85+70+40+85+0)/6.
    let r1 = project(&doc, "R1");
    assert_eq!(r1["total"].as_f64(), Some(62.5));
    assert_eq!(r1["missing"], serde_json::json!(["筹资合规性"]));
    assert_eq!(r1["conclusion"], "调整完善后予以支持");
    // Where the sheet gives no conclusion the derived one rules.
    assert_eq!(project(&doc, "X80")["conclusion"], "予以支持");
    assert_eq!(project(&doc, "X80")["assessor"], "third_party");
    // X80 by its total; S1 states 予以支持 on 50 points, so the stricter 不予支持 rules.
    assert_eq!(doc["summary"]["support"], 1);
    assert_eq!(project(&doc, "S1")["conclusion"], "不予支持");
}

#[test]
fn a_stated_conclusion_the_scores_do_not_bear_out_is_shown() {
    let doc = work()
        .perf(&["assess", "assess.csv", "--format", "json"])
        .json();
    let s1 = project(&doc, "S1");
    assert_eq!(s1["borne_out"], false);
    assert_eq!(s1["stated_conclusion"], "予以支持");
    assert_eq!(s1["derived_conclusion"], "不予支持");
    assert!(s1["remarks"].as_str().unwrap().contains("与得分不符"));
    // Stricter than the scores is the assessor's right.
    assert_eq!(project(&doc, "A1")["borne_out"], true);
    assert_eq!(doc["summary"]["not_borne_out"], 1);
}

#[test]
fn configured_weights_and_thresholds() {
    let w = work();
    w.write(
        "perf.toml",
        "[assess]\nweights = [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]\nsupport_from = 70.0\nadjust_from = 50.0\n"
            .as_bytes(),
    );
    let doc = w.perf(&["assess", "assess.csv", "--format", "json"]).json();
    // Only 筹资合规性 counts: X80 has 70 there, just enough for support at 70.
    assert_eq!(project(&doc, "X80")["total"].as_f64(), Some(70.0));
    assert_eq!(project(&doc, "X80")["derived_conclusion"], "予以支持");
    assert_eq!(
        project(&doc, "X79")["derived_conclusion"],
        "调整完善后予以支持"
    );
}

#[test]
fn new_projects_need_a_passing_assessment_and_rejected_ones_no_budget() {
    let out = work().perf(&["assess", "assess.csv", "budget.csv", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc = out.json();
    // N1: assessed 不予支持 yet budgeted; W1: new, budgeted, not assessed.
    // A1 (调整完善后予以支持) passes; W2 continues; W3 says neither; W4 has no money.
    assert_eq!(
        codes(&doc),
        vec![
            ("A003".into(), "S1".into()),
            ("A002".into(), "N1".into()),
            ("A001".into(), "W1".into())
        ]
    );
    let a001 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "A001")
        .unwrap();
    assert_eq!(a001["file"], "budget.csv");
    assert_eq!(a001["cell"], "C5");
    assert!(a001["message"].as_str().unwrap().contains("200.00万元"));
}

#[test]
fn check_reports_a001_and_a002_when_assessments_are_given() {
    let w = work();
    w.write(
        "targets.csv",
        "项目名称,项目类型,一级指标,二级指标,三级指标,指标值
河道整治,新增,产出指标,数量指标,整治河道,≥12公里
新建公园,新增,产出指标,数量指标,新建公园,≥1个
"
        .as_bytes(),
    );
    let doc = w
        .perf(&[
            "check",
            "targets.csv",
            "assess.csv",
            "budget.csv",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(
        codes(&doc),
        vec![
            ("A003".into(), "S1".into()),
            ("A002".into(), "N1".into()),
            ("A001".into(), "W1".into())
        ]
    );
    // Without an assessment table the A rules stay silent.
    let doc = w
        .perf(&["check", "targets.csv", "budget.csv", "--format", "json"])
        .json();
    assert!(codes(&doc).is_empty());
}

#[test]
fn new_status_from_the_targets_when_the_budget_line_says_nothing() {
    let w = Work::new();
    w.write("assess.csv", ASSESS.as_bytes());
    w.write(
        "budget.csv",
        "单位名称,项目名称,年初预算数\n县水利局,河道整治,200\n县水利局,水库运行,100\n".as_bytes(),
    );
    w.write(
        "targets.csv",
        "项目名称,项目类型,一级指标,二级指标,三级指标,指标值
河道整治,新增项目,产出指标,数量指标,整治河道,≥12公里
水库运行,延续项目,产出指标,数量指标,巡查次数,≥12次
"
        .as_bytes(),
    );
    let doc = w
        .perf(&[
            "check",
            "targets.csv",
            "assess.csv",
            "budget.csv",
            "--format",
            "json",
        ])
        .json();
    // S1's conclusion is not borne out by its scores (A003) whatever the budget says.
    let a: Vec<_> = codes(&doc).into_iter().map(|(c, _)| c).collect();
    assert_eq!(a, vec!["A003", "A001"]);
}

#[test]
fn without_an_assessment_table_it_refuses() {
    let out = work().perf(&["assess", "budget.csv"]);
    out.assert_refused("", "事前绩效评估表");
}

#[test]
fn the_assessment_workbook() {
    let w = work();
    let out = w.perf(&["assess", "assess.csv", "budget.csv", "-o", "assess.xlsx"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let mut book: Xlsx<_> = open_workbook(w.path("assess.xlsx")).unwrap();
    // The summary, the findings, then the input sheets re-created with notes.
    assert_eq!(
        book.sheet_names(),
        vec!["评估复核", "问题清单", "assess", "budget"]
    );
    let range = book.worksheet_range("评估复核").unwrap();
    let row = range
        .rows()
        .position(|r| r.iter().any(|c| c == &Data::String("结论偏高".into())))
        .unwrap();
    let cells: Vec<String> = range
        .rows()
        .nth(row)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(cells.contains(&"不予支持".to_string()), "{cells:?}");
    assert!(cells.iter().any(|c| c.contains("与得分不符")), "{cells:?}");
    let list = book.worksheet_range("问题清单").unwrap();
    assert!(
        list.rows()
            .any(|r| r.first() == Some(&Data::String("A001".into())))
    );
    // The stated 予以支持 of 结论偏高 carries a note with the recomputed total.
    let file = std::fs::File::open(w.path("assess.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut notes = String::new();
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("file name").into_owned())
        .filter(|n| n.starts_with("xl/comments"))
        .collect();
    for n in names {
        let mut f = zip.by_name(&n).unwrap();
        std::io::Read::read_to_string(&mut f, &mut notes).unwrap();
    }
    assert!(
        notes.contains("加权总分50分，按得分为“不予支持”"),
        "{notes}"
    );
    assert!(notes.contains("新增项目「河道整治」"), "{notes}");
}

#[test]
fn assess_table_rendering() {
    let out = work().perf(&["assess", "assess.csv", "budget.csv"]);
    insta::assert_snapshot!("assess_table", out.stdout);
}

#[test]
fn assess_in_english_markdown() {
    let out = work().perf(&[
        "assess",
        "assess.csv",
        "budget.csv",
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!("assess_markdown_en", out.stdout);
}

#[test]
fn budget_lines_of_another_year_are_not_judged() {
    let w = Work::new();
    w.write("assess.csv", ASSESS.as_bytes());
    w.write(
        "budget.csv",
        "青山县2024年度项目支出预算表\n单位名称,项目编码,项目名称,项目类型,年初预算数\n县水利局,W1,河道整治,新增,200\n"
            .as_bytes(),
    );
    let doc = w
        .perf(&["assess", "assess.csv", "budget.csv", "--format", "json"])
        .json();
    // The 2025 assessments say nothing of a 2024 line (S1's A003 is about the
    // assessment itself, not about a budget line).
    assert_eq!(codes(&doc), vec![("A003".into(), "S1".into())]);
}

const FORM: &str = "青山县2025年度新增项目事前绩效评估评分表
项目名称,乡村道路提升
主管部门,白云乡人民政府
项目编码,F1
项目类型,新增
评估内容,评估要点,分值,得分
一、立项必要性,政策依据与现实需求,20,18
二、投入经济性,成本测算依据,15,12
三、绩效目标合理性,目标明确、细化量化,20,16
四、方案完整性,实施方案内容,20,15
五、计划可行性,进度安排,15,9
总分,,90,70
评估结论：予以支持
评估主体,本单位
";

#[test]
fn the_official_form_scores_points_out_of_its_own() {
    let w = Work::new();
    w.write("form.csv", FORM.as_bytes());
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    let p = project(&doc, "F1");
    assert_eq!(p["name"], "乡村道路提升");
    assert_eq!(p["unit"], "白云乡人民政府");
    assert_eq!(p["is_new"], true);
    // 70 of the form's 90 points: 77.78 on the 100-point scale, short of support.
    assert_eq!(p["total"].as_f64(), Some(77.78));
    assert_eq!(p["aspects"]["necessity"].as_f64(), Some(90.0));
    // No 筹资合规性 row: missing, and weighing nothing.
    assert_eq!(p["missing"], serde_json::json!(["筹资合规性"]));
    assert_eq!(p["stated_conclusion"], "予以支持");
    assert_eq!(p["derived_conclusion"], "调整完善后予以支持");
    assert_eq!(p["borne_out"], false);
    assert_eq!(p["assessor"], "own");
}

#[test]
fn a_form_total_is_checked_in_its_own_points() {
    let w = Work::new();
    w.write(
        "form.csv",
        FORM.replace("总分,,90,70", "总分,,90,75").as_bytes(),
    );
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    let remarks = project(&doc, "F1")["remarks"].as_str().unwrap().to_string();
    assert!(remarks.contains("表内得分70分（满分90分）"), "{remarks}");
    assert!(remarks.contains("表列总分75分，复算70分"), "{remarks}");
    // The right total says nothing.
    w.write("form.csv", FORM.as_bytes());
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    assert!(
        !project(&doc, "F1")["remarks"]
            .as_str()
            .unwrap()
            .contains("表列总分")
    );
}

#[test]
fn conclusions_are_phrases_and_the_gate_takes_the_stricter() {
    let w = Work::new();
    w.write(
        "assess.csv",
        "青山县2025年度新增项目事前绩效评估结果汇总表
单位名称,项目编码,项目名称,项目类型,立项必要性,投入经济性,绩效目标合理性,方案完整性,计划可行性,筹资合规性,评估结论
县交通局,B1,不建议项目,新增,90,90,90,90,90,90,不建议支持
县交通局,B2,暂缓项目,新增,90,90,90,90,90,90,暂缓支持
县交通局,B3,部分支持项目,新增,90,90,90,90,90,90,部分支持
县交通局,B4,勾选支持项目,新增,90,90,90,90,90,90,☑予以支持 □调整完善后予以支持 □不予支持
县交通局,B5,高估项目,新增,50,50,50,50,50,50,予以支持
县交通局,B6,看不懂项目,新增,90,90,90,90,90,90,见会议纪要
"
        .as_bytes(),
    );
    w.write(
        "budget.csv",
        "青山县2025年度项目支出预算表\n单位名称,项目编码,项目名称,项目类型,年初预算数\n县交通局,B1,不建议项目,新增,100\n县交通局,B2,暂缓项目,新增,100\n县交通局,B3,部分支持项目,新增,100\n县交通局,B4,勾选支持项目,新增,100\n县交通局,B5,高估项目,新增,100\n县交通局,B6,看不懂项目,新增,100\n"
            .as_bytes(),
    );
    let doc = w
        .perf(&["assess", "assess.csv", "budget.csv", "--format", "json"])
        .json();
    let mut found = codes(&doc);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("A002".into(), "B1".into()),
            ("A002".into(), "B2".into()),
            // Stated 予以支持 on 50 points: not borne out, and the gate is 不予支持.
            ("A002".into(), "B5".into()),
            ("A003".into(), "B5".into()),
            // Not understood: said so, never guessed (its scores bear out support).
            ("A004".into(), "B6".into()),
        ]
    );
    assert_eq!(project(&doc, "B3")["conclusion"], "调整完善后予以支持");
    assert_eq!(project(&doc, "B4")["conclusion"], "予以支持");
}

fn provincial(name: &str) -> Work {
    Work::with(&[crate::support::fixture(&format!("provincial/{name}"))])
}

const A01: &str = "A01_review_form_ticked_2025.xlsx";
const A02: &str = "A02_assessment_report_weighted_2025.xlsx";

fn by_name<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no project {name}: {doc}"))
}

fn findings_of(doc: &Value, code: &str) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            (
                f["project"].as_str().unwrap_or("").to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A01: the 审核表, one project per sheet, items ticked 优□良□中□差□ (README, provincial).
#[test]
fn a_review_form_is_scored_item_by_item_from_its_ticks() {
    let w = provincial(A01);
    let out = w.perf(&["assess", A01, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = out.json();
    assert_eq!(doc["projects"].as_array().unwrap().len(), 3);
    assert!(
        doc["inputs"][0]["tables"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["kind"] == "assessment")
    );
    // 19 + 17 + 16 + 16 + 19: each tick earns its share of the item's 5 points
    // (优 100 %, 良 80 %, 中 60 %, 差 40 %, as the form's note says); the 得分小计
    // and 合计 rows are not added in again.
    let p1 = by_name(&doc, "城区智慧停车管理平台建设");
    assert_eq!(p1["total"].as_f64(), Some(87.0));
    assert_eq!(p1["aspects"]["necessity"].as_f64(), Some(95.0));
    assert_eq!(p1["aspects"]["feasibility"].as_f64(), Some(80.0));
    assert_eq!(p1["form_points"]["possible"].as_f64(), Some(100.0));
    assert_eq!(p1["unit"], "县住房和城乡建设局");
    assert_eq!(p1["is_new"], true);
    assert_eq!(p1["stated_total"].as_f64(), Some(87.0));
    assert_eq!(p1["stated_conclusion"], "予以支持");
    assert_eq!(p1["conclusion"], "予以支持");
    // 实施方案可行性 covers 方案完整性: not missing, not weighed.
    assert_eq!(p1["missing"], serde_json::json!([]));
    assert_eq!(p1["combined"], serde_json::json!(["方案完整性"]));
    assert!(!p1["remarks"].as_str().unwrap().contains("表列总分"));
    // 69 on the ticks, ticked 予以支持: not borne out; the wrong subtotal and the
    // 合计 that adds the subtotals (70) are named.
    let p2 = by_name(&doc, "农贸市场提质改造");
    assert_eq!(p2["total"].as_f64(), Some(69.0));
    assert_eq!(p2["borne_out"], false);
    assert_eq!(p2["conclusion"], "调整完善后予以支持");
    let remarks = p2["remarks"].as_str().unwrap();
    assert!(
        remarks.contains("得分小计（E23）为6分，按勾选复算5分"),
        "{remarks}"
    );
    assert!(remarks.contains("表列总分70分，复算69分"), "{remarks}");
    assert_eq!(
        findings_of(&doc, "A003"),
        vec![("农贸市场提质改造".to_string(), "B42".to_string())]
    );
    // An item ticked twice is not read (S004, counted 0, the derived conclusion
    // not used for the gate); a group left unticked whose 得分小计 is written
    // takes the subtotal, with no S004.
    let p3 = by_name(&doc, "乡村公路安全生命防护工程");
    assert_eq!(p3["total"].as_f64(), Some(72.0));
    assert_eq!(p3["partly_read"], serde_json::json!(["绩效目标合理性"]));
    assert_eq!(p3["aspects"]["necessity"].as_f64(), Some(85.0));
    assert_eq!(p3["conclusion"], "调整完善后予以支持");
    assert_eq!(p3["borne_out"], true);
    let s004: Vec<(String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "S004")
        .map(|f| {
            (
                f["sheet"].as_str().unwrap().into(),
                f["cell"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(s004, vec![("乡村公路".to_string(), "E22".to_string())]);
    // Never a stray project from the 得分小计, 合计 or 评估结论 rows.
    assert!(findings_of(&doc, "A004").is_empty());
}

#[test]
fn a_review_form_states_its_own_shares_or_the_configured_ones_apply() {
    let w = Work::new();
    let form = "项目事前绩效评估审核表
项目名称,村级活动场所维修
审核内容,权重,审核要点,分值,审核意见
一、立项必要性（10分）
必要性,10分,项目实施目的明确,5分,优□良☑中□差□
,,与单位职责密切相关,5分,☑优 □良 □中 □差
得分小计,,,,9
二、投入经济性（10分）
经济性,10分,预算测算依据充分,5分,优□良□中☑差□
,,预算明细清晰明确,5分,优□良□中□差□
合计,,,20分,
评估结论,□予以支持 ☑调整完善后予以支持 □不予支持
";
    w.write("form.csv", form.as_bytes());
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    let p = by_name(&doc, "村级活动场所维修");
    // Default shares 100/80/60/40: 4 + 5 + 3 + 0 (unticked) = 12 of 20.
    assert_eq!(p["total"].as_f64(), Some(60.0));
    assert_eq!(p["partly_read"], serde_json::json!(["投入经济性"]));
    assert_eq!(p["missing"].as_array().unwrap().len(), 4);
    // The form's note rules over the default.
    w.write(
        "form.csv",
        format!("{form}注：优、良、中、差分别得该项分值的100%、90%、70%、50%\n").as_bytes(),
    );
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    // 4.5 + 5 + 3.5 = 13 of 20.
    assert_eq!(
        by_name(&doc, "村级活动场所维修")["total"].as_f64(),
        Some(65.0)
    );
    // Without a note, the county's own shares.
    w.write("form.csv", form.as_bytes());
    w.write(
        "perf.toml",
        "[assess]\ntick_shares = [100.0, 50.0, 20.0, 0.0]\n".as_bytes(),
    );
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    // 2.5 + 5 + 1 = 8.5 of 20.
    assert_eq!(
        by_name(&doc, "村级活动场所维修")["total"].as_f64(),
        Some(42.5)
    );
}

/// A02: the result table of an assessment report, aspects as rows weighted 25/20/20/20/15.
#[test]
fn a_report_form_weighs_its_aspects_by_its_own_weights() {
    let w = provincial(A02);
    let out = w.perf(&["assess", A02, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = out.json();
    // 实施方案可行性 is read (17 and 12 of 20): the totals are the form's own.
    let one = by_name(&doc, "城区智慧停车系统建设");
    assert_eq!(one["total"].as_f64(), Some(80.0));
    assert_eq!(one["aspects"]["feasibility"].as_f64(), Some(85.0));
    assert_eq!(one["unit"], "县城市管理局");
    assert_eq!(one["assessor"], "third_party");
    assert_eq!(one["derived_conclusion"], "予以支持");
    assert_eq!(one["thresholds"]["stated"], true);
    assert_eq!(one["thresholds"]["support_from"].as_f64(), Some(80.0));
    assert_eq!(one["combined"], serde_json::json!(["方案完整性"]));
    let two = by_name(&doc, "城区景观亮化提升");
    assert_eq!(two["total"].as_f64(), Some(59.5));
    assert_eq!(two["derived_conclusion"], "不予支持");
    assert_eq!(two["borne_out"], true);
    for p in [one, two] {
        assert_eq!(p["missing"], serde_json::json!([]));
        assert!(!p["remarks"].as_str().unwrap().contains("表列总分"));
    }
    assert!(doc["findings"].as_array().unwrap().is_empty(), "{doc}");
    // With the budget: 不予支持 yet budgeted is A002.
    w.write(
        "budget.csv",
        "2025年度项目支出预算表\n单位名称,项目名称,项目类型,年初预算数\n县城市管理局,城区智慧停车系统建设,新增,480\n县城市管理局,城区景观亮化提升,新增,900\n"
            .as_bytes(),
    );
    let doc = w
        .perf(&["assess", A02, "budget.csv", "--format", "json"])
        .json();
    assert_eq!(
        findings_of(&doc, "A002")
            .into_iter()
            .map(|f| f.0)
            .collect::<Vec<_>>(),
        vec!["城区景观亮化提升"]
    );
    assert!(findings_of(&doc, "A001").is_empty());
}

#[test]
fn thresholds_and_weights_the_form_states_rule() {
    let w = Work::new();
    let form = |note: &str| {
        format!(
            "事前绩效评估结果表
项目名称,城区智慧停车系统建设
评估内容,权重,得分
一、立项必要性,25,22
二、投入经济性,20,16
三、绩效目标合理性,20,16
四、实施方案可行性,20,17
五、筹资合规性,15,9
合计,100,80
评估结论,予以支持
{note}
"
        )
    };
    w.write(
        "form.csv",
        form("注：评估得分85分（含）以上予以支持，70分（含）至85分调整完善后予以支持").as_bytes(),
    );
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    let p = by_name(&doc, "城区智慧停车系统建设");
    // 80 is short of this form's 85: the stated 予以支持 is not borne out.
    assert_eq!(p["derived_conclusion"], "调整完善后予以支持");
    assert_eq!(p["borne_out"], false);
    assert!(
        p["remarks"]
            .as_str()
            .unwrap()
            .contains("按表内标准：85分起予以支持，70分起调整完善后予以支持")
    );
    // Near miss: a note stating a total with its conclusion is no threshold.
    w.write("form.csv", form("注：综合得分80分，予以支持").as_bytes());
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    let p = by_name(&doc, "城区智慧停车系统建设");
    assert_eq!(p["derived_conclusion"], "予以支持");
    assert_eq!(p["thresholds"]["stated"], false);
    // Scores on the 100-point scale beside the form's weights (88 > 25): weighted, not capped.
    w.write(
        "form.csv",
        "事前绩效评估结果表
项目名称,县城燃气管网改造
评估内容,权重（%）,得分
立项必要性,25,88
财政投入经济性,20,80
绩效目标合理性,20,80
方案可行性,20,85
筹资合规性,15,60
"
        .as_bytes(),
    );
    let doc = w.perf(&["assess", "form.csv", "--format", "json"]).json();
    let p = by_name(&doc, "县城燃气管网改造");
    assert_eq!(p["total"].as_f64(), Some(80.0));
    assert_eq!(p["unreadable"], serde_json::json!([]));
}

#[test]
fn a_summary_states_its_weights_in_its_headers_and_five_aspects_are_whole() {
    let w = Work::new();
    w.write(
        "assess.csv",
        "2025年度新增项目事前绩效评估汇总表
项目编码,项目名称,立项必要性（25分）,投入经济性（20分）,绩效目标合理性（20分）,实施方案可行性（20分）,筹资合规性（15分）,评估结论
F1,城区智慧停车系统建设,22,16,16,17,9,予以支持
F2,城区景观亮化提升,22,12,10,12,3.5,不予支持
"
        .as_bytes(),
    );
    let doc = w.perf(&["assess", "assess.csv", "--format", "json"]).json();
    assert_eq!(project(&doc, "F1")["total"].as_f64(), Some(80.0));
    assert_eq!(project(&doc, "F2")["total"].as_f64(), Some(59.5));
    assert_eq!(project(&doc, "F1")["missing"], serde_json::json!([]));
    // Near miss: without stated weights the five read on the 100-point scale,
    // equal weights, and 方案完整性 is still not missing.
    w.write(
        "assess.csv",
        "项目编码,项目名称,立项必要性,投入经济性,绩效目标合理性,实施方案可行性,筹资合规性
F3,某项目,90,80,70,90,80
"
        .as_bytes(),
    );
    let doc = w.perf(&["assess", "assess.csv", "--format", "json"]).json();
    assert_eq!(project(&doc, "F3")["total"].as_f64(), Some(82.0));
    assert_eq!(project(&doc, "F3")["missing"], serde_json::json!([]));
}

#[test]
fn check_without_targets_runs_the_assessment_gate_and_says_so() {
    let w = work();
    let out = w.perf(&["check", "assess.csv", "budget.csv", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc = out.json();
    assert_eq!(
        codes(&doc),
        vec![
            ("A003".into(), "S1".into()),
            ("A002".into(), "N1".into()),
            ("A001".into(), "W1".into())
        ]
    );
    // No target rules without targets: no budget line is T001.
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"].as_str().unwrap().starts_with('A')),
        "{doc}"
    );
    assert!(
        doc["notes"][0]
            .as_str()
            .unwrap()
            .contains("输入中没有绩效目标表"),
        "{doc}"
    );
    let table = w.perf(&["check", "assess.csv", "budget.csv", "--lang", "en"]);
    assert!(
        table
            .stdout
            .contains("note: no targets table among the inputs"),
        "{}",
        table.stdout
    );
    // The 审核表 works the same way.
    let w = provincial(A01);
    w.write(
        "budget.csv",
        "单位名称,项目名称,项目类型,年初预算数\n县商务局,农贸市场提质改造,新增,220\n县文旅局,全域旅游标识,新增,60\n"
            .as_bytes(),
    );
    let doc = w
        .perf(&["check", A01, "budget.csv", "--format", "json"])
        .json();
    let a: Vec<(String, String)> = codes(&doc);
    // 农贸市场 passes the gate on 调整完善后予以支持 (A003 only); 全域旅游标识 was never assessed.
    assert_eq!(
        a,
        vec![
            ("A003".into(), String::new()),
            ("A001".into(), String::new())
        ]
    );
}
